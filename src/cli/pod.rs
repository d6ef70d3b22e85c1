//! `rcon pod`: create, start, stop, restart, kill, pause, unpause, rm, prune, exists; the
//! listings and `inspect` are in `pod_show`. `run --pod` joins a pod through [`join`].
use super::run_flags::RunArgs;
use super::Context;
use crate::container::record::{NetworkMode, PodLink};
use crate::container::runconfig::{self as rc, RunConfig, RunConfigError};
use crate::pod::create::PodSpec;
use crate::pod::{self, PodRecord};
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Args)]
pub(crate) struct PodCreateArgs {
    /// The pod's name (default: a generated one)
    #[arg(short, long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// The pod's name, as --name
    #[arg(value_name = "NAME", conflicts_with = "name")]
    pub(crate) pod_name: Option<String>,
    /// An image for the infra container, whose command it runs (default: rcon's own pause,
    /// nothing pulled)
    #[arg(long, value_name = "IMAGE")]
    pub(crate) infra_image: Option<String>,
    /// The infra container's command (with --infra-image)
    #[arg(long, value_name = "COMMAND")]
    pub(crate) infra_command: Option<String>,
    /// The namespaces the pod's containers share: net, ipc, uts, pid, cgroup, or none
    /// (+NS adds to the default)
    #[arg(long, value_name = "NAMESPACES", default_value = "ipc,net,uts")]
    pub(crate) share: String,
    /// Make an infra container to hold the shared namespaces
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) infra: bool,
    /// No infra container (as --infra=false)
    #[arg(long)]
    pub(crate) no_infra: bool,
    /// The infra container's name (default: the pod ID's first 12 digits and -infra)
    #[arg(long, value_name = "NAME")]
    pub(crate) infra_name: Option<String>,
    /// The pod's hostname (default: its name)
    #[arg(long, value_name = "NAME")]
    pub(crate) hostname: Option<String>,
    /// Set a label on the pod: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none, or networks by name
    #[arg(long, visible_alias = "net", value_name = "MODE")]
    pub(crate) network: Vec<String>,
    /// Another name for the pod on its networks
    #[arg(long, value_name = "ALIAS")]
    pub(crate) network_alias: Vec<String>,
    #[command(flatten)]
    pub(crate) net: super::net_flags::NetArgs,
    /// A bind mount or volume every container of the pod gets: SRC:DEST[:OPTIONS]
    #[arg(short, long, value_name = "VOLUME")]
    pub(crate) volume: Vec<String>,
    /// User namespace mode for the pod
    #[arg(long, value_name = "MODE")]
    pub(crate) userns: Option<String>,
    /// Write the pod's ID to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) pod_id_file: Option<PathBuf>,
    /// Replace a pod of the same name
    #[arg(long)]
    pub(crate) replace: bool,
    /// When the last container ends: continue (the pod stays up) or stop
    #[arg(long, value_name = "POLICY", default_value = "continue")]
    pub(crate) exit_policy: String,
    /// Limits for the whole pod (--memory, --cpus, --pids-limit …): every container's cgroup
    /// goes inside the pod's
    #[command(flatten)]
    pub(crate) resources: super::resource_flags::ResourceArgs,
}

#[derive(Debug, Args)]
pub(crate) struct PodsArgs {
    /// Every pod
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Pods by name or ID
    #[arg(value_name = "POD", required_unless_present = "all")]
    pub(crate) pods: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PodStopArgs {
    /// Every pod
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Seconds to wait for the stop signal to work before SIGKILL
    #[arg(short, long, value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
    /// Ignore pods that do not exist
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Pods by name or ID
    #[arg(value_name = "POD", required_unless_present = "all")]
    pub(crate) pods: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PodKillArgs {
    /// Every pod
    #[arg(short, long)]
    pub(crate) all: bool,
    #[command(flatten)]
    pub(crate) signal: super::container::SignalArg,
    /// Pods by name or ID
    #[arg(value_name = "POD", required_unless_present = "all")]
    pub(crate) pods: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PodRmArgs {
    /// Every pod
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Ignore pods that do not exist
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Seconds to wait for the stop signal to work before SIGKILL (with --force)
    #[arg(short, long, value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
    /// Read the pod's ID from this file
    #[arg(long, value_name = "FILE")]
    pub(crate) pod_id_file: Vec<PathBuf>,
    /// Pods by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pods: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PodCloneArgs {
    /// The copy's name (default: the pod's name and -clone)
    #[arg(short, long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Start the copy
    #[arg(long)]
    pub(crate) start: bool,
    /// Remove the original pod (and its containers) once the copy is made
    #[arg(long)]
    pub(crate) destroy: bool,
    /// The pod to copy, by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pod: String,
}

#[derive(Debug, Args)]
pub(crate) struct PodPruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PodExistsArgs {
    /// The pod, by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pod: String,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum PodCommand {
    /// Create a new pod
    Create(Box<PodCreateArgs>),
    /// List pods
    #[command(visible_aliases = ["ls", "list"])]
    Ps(super::pod_show::PodPsArgs),
    /// Display a pod's configuration
    Inspect(super::pod_show::PodInspectArgs),
    /// Start the containers of one or more pods
    Start(PodsArgs),
    /// Stop the containers of one or more pods
    Stop(PodStopArgs),
    /// Restart the containers of one or more pods
    Restart(PodsArgs),
    /// Send a signal to the containers of one or more pods
    Kill(PodKillArgs),
    /// Pause the containers of one or more pods
    Pause(PodsArgs),
    /// Unpause the containers of one or more pods
    Unpause(PodsArgs),
    /// Remove one or more pods and their containers
    Rm(PodRmArgs),
    /// Remove every pod that has no running container
    Prune(PodPruneArgs),
    /// Exit 0 when a pod exists, 1 when not
    Exists(PodExistsArgs),
    /// Display the running processes of a pod's containers
    Top(super::pod_show::PodTopArgs),
    /// Make a copy of a pod and its containers
    Clone(PodCloneArgs),
    /// Fetch the logs of a pod's containers
    Logs(super::pod_show::PodLogsArgs),
    /// Display the resource usage of pods' containers
    Stats(super::pod_show::PodStatsArgs),
}

pub(super) fn dispatch(ctx: &Context, cmd: PodCommand) -> anyhow::Result<i32> {
    use super::pod_show as show;
    match cmd {
        PodCommand::Create(a) => create_cmd(ctx, &a),
        PodCommand::Ps(a) => show::ps(ctx, &a),
        PodCommand::Inspect(a) => show::inspect(ctx, &a),
        PodCommand::Start(a) => start_cmd(ctx, &a),
        PodCommand::Stop(a) => stop_cmd(ctx, &a),
        PodCommand::Restart(a) => restart_cmd(ctx, &a),
        PodCommand::Kill(a) => kill_cmd(ctx, &a),
        PodCommand::Pause(a) => pause_cmd(ctx, &a, true),
        PodCommand::Unpause(a) => pause_cmd(ctx, &a, false),
        PodCommand::Rm(a) => rm_cmd(ctx, &a),
        PodCommand::Prune(a) => prune_cmd(ctx, &a),
        PodCommand::Exists(a) => Ok(match pod::find(&ctx.paths, &a.pod) {
            Ok(_) => 0,
            Err(pod::PodError::NotFound { .. }) => 1,
            Err(e) => return Err(e.into()),
        }),
        PodCommand::Top(a) => show::top(ctx, &a),
        PodCommand::Clone(a) => clone_cmd(ctx, &a),
        PodCommand::Logs(a) => show::logs(ctx, &a),
        PodCommand::Stats(a) => show::stats(ctx, &a),
    }
}

/// The infra container's `run` flags from the pod's network flags.
fn infra_argv(a: &PodCreateArgs) -> Vec<String> {
    let mut argv = vec!["rcon-pod-infra".to_string()];
    let mut add = |flag: &str, values: &[String]| {
        for v in values {
            argv.push(format!("{flag}={v}"));
        }
    };
    add("--network", &a.network);
    add("--network-alias", &a.network_alias);
    add("--publish", &a.net.publish);
    add("--add-host", &a.net.add_host);
    add("--dns", &a.net.dns);
    add("--dns-search", &a.net.dns_search);
    add("--dns-option", &a.net.dns_option);
    add("--volume", &a.volume);
    add("--userns", a.userns.as_slice());
    // Podman's --infra-command is a command line: its words, unless given as JSON.
    let command = a.infra_command.as_ref().map(|c| {
        if c.trim_start().starts_with('[') {
            c.clone()
        } else {
            serde_json::to_string(&c.split_whitespace().collect::<Vec<_>>()).unwrap_or_default()
        }
    });
    add("--entrypoint", command.as_slice());
    if a.net.publish_all {
        argv.push("--publish-all".into());
    }
    if a.net.no_hosts {
        argv.push("--no-hosts".into());
    }
    argv.push(a.infra_image.clone().unwrap_or_else(pod::infra::image_name));
    argv
}

/// `pod create`, also for `run --pod new:NAME`; returns the pod.
pub(super) fn create_pod(ctx: &Context, a: &PodCreateArgs) -> anyhow::Result<PodRecord> {
    create_pod_placed(ctx, a, None)
}

/// [`create_pod`]; `placement` (a clone's) instead of the one the limit flags make.
fn create_pod_placed(
    ctx: &Context,
    a: &PodCreateArgs,
    placement: Option<crate::linux::cgroup::Placement>,
) -> anyhow::Result<PodRecord> {
    let mut labels = std::collections::BTreeMap::new();
    for l in &a.label {
        labels.extend([rc::parse_label(l)?]);
    }
    if let Some(h) = &a.hostname {
        rc::parse_hostname(h)?;
    }
    if let Some(name) = a.name.as_ref().or(a.pod_name.as_ref()) {
        crate::container::names::validate(name).map_err(|_| RunConfigError::Flag {
            flag: "--name",
            value: name.clone(),
            expected: "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*".into(),
        })?;
    }
    let name = a.name.clone().or_else(|| a.pod_name.clone());
    if a.infra_command.is_some() && a.infra_image.is_none() {
        bail!("--infra-command needs --infra-image: rcon's own infra runs no command");
    }
    let share = pod::parse_share(&a.share)?;
    if !matches!(a.exit_policy.as_str(), "continue" | "stop") {
        bail!(
            "running pod create option: invalid pod exit policy: {:?}: expected continue or stop",
            a.exit_policy
        );
    }
    let mut infra_image = None;
    let infra = if a.infra && !a.no_infra {
        let flags: RunArgs = super::parse_flags(infra_argv(a))?;
        let mut run = flags.to_config(ctx)?;
        let manager = ctx
            .global
            .cgroup_manager
            .map(super::CgroupManager::to_manager);
        run.cgroup = match placement {
            Some(p) => Some(p),
            None => a.resources.placement(manager)?.map(|mut p| {
                p.pod_limits = p.manager.is_some();
                p
            }),
        };
        if a.infra_image.is_some() {
            infra_image = Some(super::run::resolve_image(ctx, &run, &flags)?);
        }
        Some(run)
    } else {
        let given = a.infra_image.is_some()
            || !a.resources.to_flags().is_empty()
            || !a.network.is_empty()
            || !a.net.publish.is_empty()
            || a.net.publish_all
            || !a.volume.is_empty()
            || a.userns.is_some();
        if given {
            bail!(
                "--infra=false: the pod has no infra container to hold a network, published \
                 ports, volumes or a user namespace; drop those flags or the --infra=false"
            );
        }
        None
    };
    if let Some(f) = &a.pod_id_file {
        if f.exists() {
            bail!(
                "the pod ID file {} exists: remove it, or give another --pod-id-file",
                f.display()
            );
        }
    }
    let spec = PodSpec {
        name,
        infra_image,
        labels,
        share,
        hostname: a.hostname.clone(),
        infra_name: a.infra_name.clone(),
        exit_policy: a.exit_policy.clone(),
        replace: a.replace,
        create_command: std::env::args().collect(),
    };
    let record = pod::create::create(&ctx.paths, &spec, infra)?;
    if let Some(f) = &a.pod_id_file {
        crate::util::fs::atomic_write(f, record.id.as_bytes())
            .with_context(|| format!("cannot write the pod ID file {}", f.display()))?;
    }
    Ok(record)
}

fn create_cmd(ctx: &Context, a: &PodCreateArgs) -> anyhow::Result<i32> {
    let record = create_pod(ctx, a)?;
    println!("{}", record.id);
    Ok(0)
}

/// `run|create --pod`: a flag that would change what the pod shares is refused, naming both.
pub(super) fn check_flags(a: &RunArgs, pod: &PodRecord) -> anyhow::Result<()> {
    if a.pod.as_deref().is_some_and(|p| p.starts_with("new:")) {
        // The new pod took them.
        return Ok(());
    }
    let conflict = |flag: &str, what: &str| {
        anyhow::anyhow!(
            "{flag} and --pod {} conflict: the pod's containers share its {what}; set it on the \
             pod (`rcon pod create {flag} …`)",
            pod.name
        )
    };
    if pod.infra_id.is_none() {
        return Ok(());
    }
    if pod.shares("net") {
        if !a.network.is_empty() {
            return Err(conflict("--network", "network"));
        }
        if !a.net.publish.is_empty() || a.net.publish_all {
            return Err(conflict("--publish", "network, and its ports"));
        }
    }
    if pod.shares("uts") && a.hostname.is_some() {
        return Err(conflict("--hostname", "UTS namespace"));
    }
    if pod.shares("ipc") && a.ipc.is_some() {
        return Err(conflict("--ipc", "IPC namespace"));
    }
    if !a.userns.is_empty() {
        return Err(conflict("--userns", "user namespace"));
    }
    Ok(())
}

/// `run|create --pod`: the container joins `pod`'s namespaces (flags checked by
/// [`check_flags`]).
pub(super) fn join(
    ctx: &Context,
    a: &RunArgs,
    run: &mut RunConfig,
    pod: &PodRecord,
) -> anyhow::Result<()> {
    // `new:NAME`: the pod took the network flags.
    let fresh = a.pod.as_deref().is_some_and(|p| p.starts_with("new:"));
    let link = PodLink {
        id: pod.id.clone(),
        infra: false,
        pause: false,
        infra_id: pod.infra_id.clone(),
        shares: pod.share.iter().filter(|s| *s != "net").cloned().collect(),
        init_ctr: a.init_ctr.clone(),
        stop_pod: pod.exit_policy == "stop",
    };
    if let Some(infra) = &pod.infra_id {
        let infra_record = crate::container::list::find(&ctx.paths, infra)
            .with_context(|| format!("pod {}: its infra container is gone", pod.name))?;
        if pod.shares("net") {
            // A pod on the host's network: its members are too (the host's network
            // namespace cannot be joined from a user namespace; it is simply not left).
            run.network = if infra_record.network == NetworkMode::Host {
                NetworkMode::Host
            } else {
                NetworkMode::Container(infra.clone())
            };
            if fresh {
                run.net.ports.clear();
                run.net.publish_all = false;
                run.net.add_hosts.clear();
                run.net.dns.clear();
            } else {
                run.net = a.net.to_flags(&run.network)?;
            }
        }
        if pod.shares("uts") {
            run.hostname = Some(pod.hostname.clone());
        }
        if pod.shares("ipc") {
            // The infra's namespace, joined at start; containers.conf's `ipcns` yields.
            run.ipc = Default::default();
        }
        // The pod's --userns is its members' too (an `auto` member gets a slice of its own).
        use crate::container::record::UsernsMode;
        run.userns = match infra_record.userns {
            UsernsMode::Auto { size, .. } => UsernsMode::Auto { size, base: 0 },
            ref other => other.clone(),
        };
        run.storage_driver = ctx.storage_driver_for(&run.userns);
        // A pod with limits: the member's cgroup goes inside the infra's, its own limits (if
        // any) on its leaf.
        if let Some(pod_cg) = infra_record.cgroup.as_ref().filter(|c| c.pod_limits) {
            let mut own = run
                .cgroup
                .clone()
                .unwrap_or(crate::linux::cgroup::Placement {
                    manager: pod_cg.manager,
                    resources: Default::default(),
                    pod_limits: false,
                    in_pod: false,
                });
            own.manager = pod_cg.manager;
            own.in_pod = true;
            run.cgroup = Some(own);
        }
        if !infra_record.mounts.is_empty() {
            run.volumes_from
                .push(rc::mounts::parse_volumes_from(infra)?);
        }
    }
    run.pod = Some(link);
    Ok(())
}

/// The pod `--pod` or `--pod-id-file` names (made first for `new:NAME`).
pub(super) fn pod_of_run(ctx: &Context, a: &RunArgs) -> anyhow::Result<Option<PodRecord>> {
    let target = match (&a.pod, &a.pod_id_file) {
        (Some(_), Some(_)) => bail!("--pod and --pod-id-file conflict: give one"),
        (Some(p), None) => p.clone(),
        (None, Some(f)) => std::fs::read_to_string(f)
            .with_context(|| format!("--pod-id-file {}", f.display()))?
            .trim()
            .to_string(),
        (None, None) => return Ok(None),
    };
    if let Some(name) = target.strip_prefix("new:") {
        // Podman's rule: the new pod takes the container's network flags.
        let mut args = super::parse_flags::<PodCreateArgs>(["create".to_string()])?;
        args.name = Some(name.to_string());
        args.network = a.network.clone();
        args.net.publish = a.net.publish.clone();
        args.net.publish_all = a.net.publish_all;
        args.net.add_host = a.net.add_host.clone();
        args.net.dns = a.net.dns.clone();
        args.hostname = a.hostname.clone();
        return Ok(Some(create_pod(ctx, &args)?));
    }
    Ok(Some(pod::find(&ctx.paths, &target)?))
}

/// The pods a command names, or every pod with `all`; missing ones skipped when `ignore`.
fn targets(
    ctx: &Context,
    names: &[String],
    all: bool,
    ignore: bool,
) -> anyhow::Result<Vec<PodRecord>> {
    if all {
        if !names.is_empty() {
            bail!("give pod names or --all, not both");
        }
        return Ok(pod::all(&ctx.paths)?);
    }
    let mut out = Vec::new();
    for n in names {
        match pod::find(&ctx.paths, n) {
            Ok(p) => out.push(p),
            Err(pod::PodError::NotFound { .. }) if ignore => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// Starts `p`'s containers; prints its ID, or one line per container that failed (125).
fn start_and_report(ctx: &Context, p: &PodRecord) -> anyhow::Result<i32> {
    let failed = pod::ops::start(&ctx.paths, p)?;
    if failed.is_empty() {
        println!("{}", p.id);
    }
    for f in &failed {
        eprintln!("Error: pod {}: {}", p.name, f.replace('\n', " "));
    }
    Ok(if failed.is_empty() { 0 } else { 125 })
}

fn start_cmd(ctx: &Context, a: &PodsArgs) -> anyhow::Result<i32> {
    let mut code = 0;
    for p in targets(ctx, &a.pods, a.all, false)? {
        code = code.max(start_and_report(ctx, &p)?);
    }
    Ok(code)
}

fn stop_cmd(ctx: &Context, a: &PodStopArgs) -> anyhow::Result<i32> {
    for p in targets(ctx, &a.pods, a.all, a.ignore)? {
        pod::ops::stop(&ctx.paths, &p, a.time.map(Duration::from_secs))?;
        println!("{}", p.id);
    }
    Ok(0)
}

fn restart_cmd(ctx: &Context, a: &PodsArgs) -> anyhow::Result<i32> {
    let mut code = 0;
    for p in targets(ctx, &a.pods, a.all, false)? {
        pod::ops::stop(&ctx.paths, &p, None)?;
        code = code.max(start_and_report(ctx, &p)?);
    }
    Ok(code)
}

fn kill_cmd(ctx: &Context, a: &PodKillArgs) -> anyhow::Result<i32> {
    let sig = rc::parse_signal("--signal", &a.signal.signal)?;
    for p in targets(ctx, &a.pods, a.all, false)? {
        if pod::ops::kill(&ctx.paths, &p, sig)? == 0 && !a.all {
            bail!(
                "pod {}: no container is running to send the signal to",
                p.name
            );
        }
        println!("{}", p.id);
    }
    Ok(0)
}

fn pause_cmd(ctx: &Context, a: &PodsArgs, frozen: bool) -> anyhow::Result<i32> {
    let want = if frozen {
        crate::container::state::Status::Running
    } else {
        crate::container::state::Status::Paused
    };
    for p in targets(ctx, &a.pods, a.all, false)? {
        for (r, st) in pod::members(&ctx.paths, &p)? {
            if st.status == want {
                super::update::pause_one(ctx, &r.id, frozen)
                    .with_context(|| format!("pod {}", p.name))?;
            }
        }
        println!("{}", p.id);
    }
    Ok(0)
}

fn rm_cmd(ctx: &Context, a: &PodRmArgs) -> anyhow::Result<i32> {
    let mut names = a.pods.clone();
    for f in &a.pod_id_file {
        match std::fs::read_to_string(f) {
            Ok(id) => names.push(id.trim().to_string()),
            Err(_) if a.ignore => {}
            Err(e) => bail!("--pod-id-file {}: {e}", f.display()),
        }
    }
    if !a.all && names.is_empty() {
        bail!("pod rm needs at least one pod name or ID, or --all");
    }
    let timeout = a.time.filter(|_| a.force).map(Duration::from_secs);
    let mut code = 0;
    let pods = if a.all {
        targets(ctx, &names, true, false)?
    } else {
        // Podman's codes: 1 for a pod that does not exist (silent with --force or --ignore).
        let mut found = Vec::new();
        for n in &names {
            match pod::find(&ctx.paths, n) {
                Ok(p) => found.push(p),
                Err(pod::PodError::NotFound { .. }) if a.force || a.ignore => {}
                Err(e @ pod::PodError::NotFound { .. }) => {
                    eprintln!("Error: {e}");
                    code = 1;
                }
                Err(e) => return Err(e.into()),
            }
        }
        found
    };
    for p in pods {
        match pod::create::remove(&ctx.paths, &p, a.force, timeout) {
            Ok(_) => println!("{}", p.id),
            Err(e @ pod::PodError::Running { .. }) => {
                eprintln!("Error: {e}");
                code = 2;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(code)
}

fn prune_cmd(ctx: &Context, a: &PodPruneArgs) -> anyhow::Result<i32> {
    if !a.force && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!("WARNING! This will remove all stopped/exited pods..\nAre you sure you want to continue? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    for p in pod::all(&ctx.paths)? {
        let members = pod::members(&ctx.paths, &p)?;
        if members
            .iter()
            .any(|(_, s)| crate::container::stop::is_running(s))
        {
            continue;
        }
        pod::create::remove(&ctx.paths, &p, false, None)?;
        println!("{}", p.id);
    }
    Ok(0)
}

/// `pod clone`: the pod's settings (its infra's network, ports, DNS, hosts, volumes, limits)
/// into a new pod, then a copy of each container.
fn clone_cmd(ctx: &Context, a: &PodCloneArgs) -> anyhow::Result<i32> {
    let old = pod::find(&ctx.paths, &a.pod)?;
    let mut args = super::parse_flags::<PodCreateArgs>(["create".to_string()])?;
    args.name = Some(
        a.name
            .clone()
            .unwrap_or_else(|| format!("{}-clone", old.name)),
    );
    args.label = old.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    args.share = if old.share.is_empty() {
        "none".into()
    } else {
        old.share.join(",")
    };
    args.exit_policy = old.exit_policy.clone();
    args.hostname = (old.hostname != old.name).then(|| old.hostname.clone());
    let mut placement = None;
    match &old.infra_id {
        None => args.infra = false,
        Some(id) => {
            let infra = crate::container::list::find(&ctx.paths, id)?;
            if !infra.pod.as_ref().is_some_and(|p| p.pause) {
                args.infra_image = Some(infra.image_id.hex().to_string());
            }
            let mode = crate::network::mode_name(&infra.network);
            args.network = match &infra.network {
                NetworkMode::Bridge(nets) => nets.iter().map(|n| n.name.clone()).collect(),
                _ => vec![mode],
            };
            args.net.publish = infra
                .ports
                .iter()
                .map(|p| {
                    let ip = if p.host_ip.is_empty() {
                        String::new()
                    } else {
                        format!("{}:", p.host_ip)
                    };
                    format!("{ip}{}:{}/{}", p.host_port, p.container_port, p.protocol)
                })
                .collect();
            let strings = |k: &str| -> Vec<String> {
                infra
                    .extra
                    .get(k)
                    .and_then(|v| v.as_array())
                    .map_or_else(Vec::new, |a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(String::from))
                            .collect()
                    })
            };
            args.net.dns = strings("Dns");
            args.net.dns_search = strings("DnsSearch");
            args.net.dns_option = strings("DnsOptions");
            args.net.add_host = strings("ExtraHosts");
            args.volume = infra
                .mounts
                .iter()
                .map(|m| {
                    let src = m.name.clone().unwrap_or_else(|| m.source.clone());
                    let ro = if m.rw { "" } else { ":ro" };
                    format!("{src}:{}{ro}", m.destination)
                })
                .collect();
            placement = infra.cgroup.clone();
        }
    }
    if a.destroy {
        // Its ports are the copy's: the original stops first.
        pod::ops::stop(&ctx.paths, &old, None)?;
        // Its network helper (holding the ports) ends with the infra's supervisor.
        if let Some(id) = &old.infra_id {
            let gone = |s: &crate::container::state::State| !s.supervisor_alive();
            let pause = crate::container::stop::DEFAULT_MAX_PAUSE;
            crate::container::stop::wait_until(
                &ctx.paths,
                id,
                Some(Duration::from_secs(10)),
                pause,
                gone,
            )?;
        }
    }
    let new = create_pod_placed(ctx, &args, placement)?;
    let copied = pod::clone::clone_members(&ctx.paths, &old, &new);
    if let Err(e) = copied {
        let _ = pod::create::remove(&ctx.paths, &new, true, None);
        return Err(e.into());
    }
    if a.destroy {
        pod::create::remove(&ctx.paths, &old, true, Some(Duration::from_secs(10)))?;
    }
    if a.start {
        if let Some(f) = pod::ops::start(&ctx.paths, &new)?.first() {
            bail!("pod {}: {f}", new.name);
        }
    }
    println!("{}", new.id);
    Ok(0)
}
