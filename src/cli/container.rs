//! `stop`, `kill`, `restart`, `rm`, `rename`, `container inspect`, `container prune`,
//! `container exists`, and the `container` group that gathers every container command.
use super::format::{print_rows, Format};
pub(super) use super::wait::wait_cmd;
pub(crate) use super::wait::WaitArgs;
use super::Context;
use crate::container::create::{self, CreateError};
use crate::container::list::{self, ListError};
use crate::container::record::ContainerPaths;
use crate::container::runconfig::{self, signal_name};
use crate::container::state::{State, Status};
use crate::container::stop;
use crate::container::{names, ContainerRecord};
use crate::util::fs::write_json;
use crate::util::time;
use anyhow::{bail, Context as _};
use clap::Args;
use serde_json::{json, Value};
use std::time::Duration;

#[derive(Debug, Args)]
pub(crate) struct StopArgs {
    /// Seconds to wait for the stop signal to work before SIGKILL (default: the container's)
    #[arg(
        short,
        long = "time",
        value_name = "SECONDS",
        visible_alias = "timeout"
    )]
    pub(crate) time: Option<u32>,
    /// Stop every running container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Ignore containers that do not exist
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Containers to stop, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

// `-s/--signal` of `kill` and `pod kill`.
#[derive(Debug, Args)]
pub(crate) struct SignalArg {
    /// Signal to send (name or number, a leading dash allowed: -9, -HUP)
    #[arg(
        short,
        long,
        value_name = "SIGNAL",
        default_value = "KILL",
        allow_hyphen_values = true
    )]
    pub(crate) signal: String,
}

#[derive(Debug, Args)]
pub(crate) struct KillArgs {
    #[command(flatten)]
    pub(crate) signal: SignalArg,
    /// Signal every running container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Containers to signal, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RestartArgs {
    /// Seconds to wait for the stop signal to work before SIGKILL
    #[arg(
        short,
        long = "time",
        value_name = "SECONDS",
        visible_alias = "timeout"
    )]
    pub(crate) time: Option<u32>,
    /// Restart every container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Restart only running containers (with --all)
    #[arg(long)]
    pub(crate) running: bool,
    /// Containers to restart, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RenameArgs {
    /// The container, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
    /// Its new name
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Containers to inspect
    #[arg(required_unless_present = "latest", value_name = "CONTAINER")]
    pub(crate) names: Vec<String>,
    /// Inspect the most recently created container (all states)
    #[arg(short, long, conflicts_with = "names")]
    pub(crate) latest: bool,
    /// Format the output with a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Show the size of the container's writable layer
    #[arg(short, long)]
    pub(crate) size: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Only containers matching: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ExistsArgs {
    /// The container, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

/// Resolves the containers a command names, or every container with `all` (kept by `keep`).
pub(super) fn targets(
    ctx: &Context,
    names: &[String],
    all: bool,
    ignore: bool,
    keep: impl Fn(&State) -> bool,
) -> anyhow::Result<Vec<(String, ContainerRecord)>> {
    if all {
        if !names.is_empty() {
            bail!("give container names or --all, not both");
        }
        let mut v: Vec<_> = list::all(&ctx.paths)?
            .into_iter()
            .filter(|(_, s)| keep(s))
            .map(|(r, _)| (r.id.clone(), r))
            .collect();
        v.sort_by(|a, b| b.1.created.cmp(&a.1.created));
        return Ok(v);
    }
    if names.is_empty() {
        bail!("give at least one container name or ID, or --all");
    }
    let mut out = Vec::new();
    for n in names {
        match list::find(&ctx.paths, n) {
            Ok(r) => out.push((n.clone(), r)),
            Err(e) if ignore && e.is_not_found() => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

fn timeout_of(record: &ContainerRecord, given: Option<u32>) -> Duration {
    Duration::from_secs(u64::from(given.unwrap_or(record.stop_timeout)))
}

pub(super) fn stop_cmd(ctx: &Context, a: &StopArgs) -> anyhow::Result<i32> {
    for (shown, r) in targets(ctx, &a.containers, a.all, a.ignore, stop::is_running)? {
        stop::stop(
            &ctx.paths,
            &r.id,
            &r.name,
            r.stop_signal,
            timeout_of(&r, a.time),
        )?;
        r.note(&ctx.paths, "stop");
        println!("{shown}");
    }
    Ok(0)
}

pub(super) fn kill_cmd(ctx: &Context, a: &KillArgs) -> anyhow::Result<i32> {
    let sig = runconfig::parse_signal("--signal", &a.signal.signal)?;
    for (shown, r) in targets(ctx, &a.containers, a.all, false, stop::is_running)? {
        // Marked first: the supervisor looks at the mark when the signal ends the container.
        if stop::kill_stops(sig, r.stop_signal) {
            stop::mark_stopped_by_user(&ctx.paths, &r.id)?;
        }
        stop::signal(&ctx.paths, &r.id, &r.name, sig)?;
        let signal = runconfig::signal_name(sig);
        r.note_event(
            &ctx.paths,
            r.event("kill").with_attribute("signal", &signal),
        );
        println!("{shown}");
    }
    Ok(0)
}

pub(super) fn restart_cmd(ctx: &Context, a: &RestartArgs) -> anyhow::Result<i32> {
    let keep = |s: &State| !a.running || stop::is_running(s);
    for (shown, r) in targets(ctx, &a.containers, a.all, false, keep)? {
        stop::stop(
            &ctx.paths,
            &r.id,
            &r.name,
            r.stop_signal,
            timeout_of(&r, a.time),
        )?;
        if let Err(e) = crate::runtime::supervisor::start(&ctx.paths, &r.id, None) {
            eprintln!("Error: {}", e.to_string().replace('\n', " "));
            return Ok(e.exit_code());
        }
        r.note(&ctx.paths, "restart");
        println!("{shown}");
    }
    Ok(0)
}

pub(crate) fn rename_cmd(ctx: &Context, a: &RenameArgs) -> anyhow::Result<i32> {
    let r = list::find(&ctx.paths, &a.container)?;
    if r.name == a.name {
        return Ok(0);
    }
    let containers = ctx.paths.containers();
    names::reserve(&containers, &a.name, &r.id)?;
    let cp = ContainerPaths::new(&ctx.paths, &r.id);
    let renamed = (|| -> anyhow::Result<()> {
        let _lock = crate::util::fs::Lock::exclusive(&cp.lock())?;
        let mut current = list::load(&ctx.paths, &r.id)?
            .with_context(|| format!("container {} was removed meanwhile", r.name))?;
        let old = std::mem::replace(&mut current.name, a.name.clone());
        write_json(&cp.record(), &current)
            .with_context(|| format!("cannot write {}", cp.record().display()))?;
        names::release(&containers, &old, &r.id)?;
        current.note(&ctx.paths, "rename");
        Ok(())
    })();
    if renamed.is_err() {
        let _ = names::release(&containers, &a.name, &r.id);
    }
    renamed?;
    Ok(0)
}

/// Podman's status text: `Up 3 seconds`, `Exited (0) 2 seconds ago`, `Created`.
pub(crate) fn status_text(st: &State) -> String {
    let since = |t: &str| time::parse_rfc3339(t).map(time::human_since);
    match st.status {
        Status::Running if st.stopping() => "Stopping".into(),
        Status::Running | Status::Paused => {
            let up = since(&st.started_at)
                .map(|s| s.trim_end_matches(" ago").to_string())
                .unwrap_or_default();
            if st.status == Status::Paused {
                format!("Up {up} (paused)")
            } else {
                format!("Up {up}")
            }
        }
        Status::Exited => format!(
            "Exited ({}) {}",
            st.exit_code,
            since(&st.finished_at).unwrap_or_default()
        ),
        Status::Created => "Created".into(),
        Status::Removing => "Removing".into(),
    }
}

fn string_list(v: Option<&Value>) -> Value {
    v.cloned().unwrap_or_else(|| json!([]))
}

/// A capability set from the spec (unordered there), sorted for stable output.
fn sorted_caps(v: Option<&Value>) -> Value {
    let mut caps: Vec<&str> = v
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    caps.sort_unstable();
    json!(caps)
}

/// The Podman-like JSON of one container for `inspect`.
pub(crate) fn inspect_value(ctx: &Context, r: &ContainerRecord) -> anyhow::Result<Value> {
    let cp = ContainerPaths::new(&ctx.paths, &r.id);
    let st = list::state_of(&ctx.paths, &r.id)?;
    let spec: Value = crate::util::fs::read_json(&cp.spec())?.unwrap_or(Value::Null);
    let process = spec.get("process").cloned().unwrap_or(Value::Null);
    let caps = process.pointer("/capabilities/effective").cloned();
    let bounding = process.pointer("/capabilities/bounding").cloned();
    let x = |k: &str| r.extra.get(k).cloned().unwrap_or(Value::Null);
    let flag = |k: &str| r.extra.get(k).and_then(Value::as_bool).unwrap_or(false);
    let running = stop::is_running(&st);
    let zero_time = "0001-01-01T00:00:00Z";
    let or_zero = |t: &str| {
        if t.is_empty() {
            zero_time.to_string()
        } else {
            t.to_string()
        }
    };
    let (path, args) = r
        .command
        .split_first()
        .map_or((String::new(), vec![]), |(p, a)| (p.clone(), a.to_vec()));
    let restart_name = if r.restart.name == "no" {
        ""
    } else {
        r.restart.name.as_str()
    };
    let mut tmpfs = x("Tmpfs");
    if tmpfs.is_null() {
        tmpfs = json!({});
    }
    let mut state = json!({
        "OciVersion": spec.get("ociVersion").cloned().unwrap_or(json!("1.0.2")),
        "Status": st.shown_status(),
        "Running": st.status == Status::Running,
        "Paused": st.status == Status::Paused,
        "Restarting": false,
        "OOMKilled": st.oom_killed,
        "Dead": false,
        "Pid": if running { st.init_pid } else { 0 },
        "ConmonPid": if running { st.supervisor_pid } else { 0 },
        "ExitCode": st.exit_code,
        "Error": st.error,
        "StartedAt": or_zero(&st.started_at),
        "FinishedAt": or_zero(&st.finished_at),
        "StoppedByUser": st.stopped_by_user,
    });
    let mut config = json!({
        "Hostname": spec.get("hostname").cloned().unwrap_or(json!("")),
        "Domainname": "",
        "User": r.user,
        "AttachStdin": r.interactive,
        "AttachStdout": false,
        "AttachStderr": false,
        "Tty": r.tty,
        "OpenStdin": r.interactive,
        "StdinOnce": false,
        "Env": process.get("env").cloned().unwrap_or(json!([])),
        "Cmd": string_list(r.extra.get("Cmd")),
        "Image": r.image_name,
        "Volumes": null,
        "WorkingDir": process.get("cwd").cloned().unwrap_or(json!("/")),
        "Entrypoint": string_list(r.extra.get("Entrypoint")),
        "OnBuild": null,
        "Labels": r.labels,
        "Annotations": r.annotations,
        "StopSignal": signal_name(r.stop_signal),
        "StopTimeout": r.stop_timeout,
        "Timeout": r.extra.get("Timeout").cloned().unwrap_or(json!(0)),
        "CreateCommand": string_list(r.extra.get("CreateCommand")),
    });
    super::health::inspect_into(&ctx.paths, r, &mut state, &mut config);
    let network_mode = crate::network::mode_name(&r.network);
    let log_size = super::format::go_human_size(r.log_max_size);
    let mut host_config = json!({
        "AutoRemove": r.auto_remove,
        "RestartPolicy": {"Name": restart_name, "MaximumRetryCount": r.restart.max_retries},
        "NetworkMode": network_mode,
        "PortBindings": crate::network::inspect_port_bindings(&r.ports),
        "Dns": string_list(r.extra.get("Dns")),
        "DnsSearch": string_list(r.extra.get("DnsSearch")),
        "DnsOptions": string_list(r.extra.get("DnsOptions")),
        "ExtraHosts": string_list(r.extra.get("ExtraHosts")),
        "Privileged": flag("Privileged"),
        "PublishAllPorts": flag("PublishAllPorts"),
        "ReadonlyRootfs": flag("ReadonlyRootfs"),
        "CapAdd": string_list(r.extra.get("CapAdd")),
        "CapDrop": string_list(r.extra.get("CapDrop")),
        "SecurityOpt": string_list(r.extra.get("SecurityOpt")),
        "GroupAdd": string_list(r.extra.get("GroupAdd")),
        "Init": r.init,
        "Tmpfs": tmpfs,
        "Ulimits": string_list(r.extra.get("Ulimits")),
        "LogConfig": {"Type": r.log_driver, "Config": null, "Size": log_size,
            "Path": if r.log_driver == "k8s-file" { cp.log().display().to_string() } else { String::new() },
            "Tag": r.log_tag.as_deref().unwrap_or_default()},
        "UsernsMode": userns_mode(&r.userns),
        "IpcMode": r.ipc.inspect(),
        "PidMode": "private",
        "UTSMode": "private",
        "CgroupnsMode": "private",
        "ContainerIDFile": r.extra.get("ContainerIDFile").cloned().unwrap_or(json!("")),
    });
    if let Value::Object(m) = &mut host_config {
        m.extend(crate::linux::cgroup::inspect_fields(r.cgroup.as_ref()));
    }
    Ok(json!({
        "Id": r.id,
        "Created": r.created,
        "Path": path,
        "Args": args,
        "State": state,
        "Pod": r.pod.as_ref().map_or("", |p| p.id.as_str()),
        "IsInfra": r.pod.as_ref().is_some_and(|p| p.infra),
        "IsService": r.service.is_some(),
        "Image": r.image_id.hex(),
        "ImageDigest": r.extra.get("ImageDigest").cloned().unwrap_or(json!(r.image_id.to_string())),
        "ImageName": r.image_name,
        "Rootfs": "",
        "ResolvConfPath": cp.dir.join("resolv.conf"),
        "HostnamePath": cp.dir.join("hostname"),
        "HostsPath": cp.dir.join("hosts"),
        "StaticDir": cp.dir,
        "OCIConfigPath": cp.spec(),
        "OCIRuntime": "rcon",
        "LogPath": cp.log(),
        "Name": r.name,
        "RestartCount": st.restart_count,
        "Driver": r.storage_driver,
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "SeccompProfilePath": r.extra.get("SeccompProfilePath").and_then(|v| v.as_str()).unwrap_or(""),
        "EffectiveCaps": sorted_caps(caps.as_ref()),
        "BoundingCaps": sorted_caps(bounding.as_ref()),
        "ExecIDs": [],
        "GraphDriver": {
            "Name": r.storage_driver,
            "Data": {"UpperDir": cp.upper(), "WorkDir": cp.work(), "MergedDir": cp.rootfs()},
        },
        "Mounts": r.extra.get("Mounts").cloned().unwrap_or(json!([])),
        "Config": config,
        "HostConfig": host_config,
        "NetworkSettings": crate::network::inspect_settings(
            &ctx.paths,
            &r.id,
            &r.network,
            &r.ports,
            (st.status == crate::container::state::Status::Running).then_some(st.init_pid),
        ),
    }))
}

/// The inspect JSON of the container `name` names; `None` when no container does.
pub(super) fn inspect_one(ctx: &Context, name: &str) -> anyhow::Result<Option<Value>> {
    match list::find(&ctx.paths, name) {
        Ok(r) => Ok(Some(inspect_value(ctx, &r)?)),
        Err(ListError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `--size`: `SizeRw` (the container's writable layer) and `SizeRootFs` (its image) in `v`.
pub(crate) fn add_sizes(ctx: &Context, r: &ContainerRecord, v: &mut Value) -> anyhow::Result<()> {
    let image_size = crate::image::store::index::read(&ctx.paths.storage())
        .context("cannot read the image index")?
        .images
        .iter()
        .find(|i| i.id == r.image_id)
        .map_or(0, |i| i.size);
    v["SizeRw"] = json!(list::writable_size(&ctx.paths, r, image_size));
    v["SizeRootFs"] = json!(image_size);
    Ok(())
}

/// The ID of the most recently created container (`--latest`), as a one-name list.
pub(super) fn latest(ctx: &Context) -> anyhow::Result<Vec<String>> {
    let all = list::all(&ctx.paths)?;
    match all.into_iter().max_by(|x, y| x.0.created.cmp(&y.0.created)) {
        Some((r, _)) => Ok(vec![r.id]),
        None => anyhow::bail!("no containers to inspect: --latest needs one; create it first"),
    }
}

pub(super) fn inspect_cmd(ctx: &Context, a: &InspectArgs) -> anyhow::Result<i32> {
    let mut out = Vec::new();
    let mut code = 0;
    let names = if a.latest {
        latest(ctx)?
    } else {
        a.names.clone()
    };
    for n in &names {
        match inspect_one(ctx, n)? {
            Some(mut v) if a.size => {
                add_sizes(ctx, &list::find(&ctx.paths, n)?, &mut v)?;
                out.push(v);
            }
            Some(v) => out.push(v),
            None => {
                eprintln!("Error: no such container {n}: list them with `rcon ps -a`");
                code = 125;
            }
        }
    }
    print_inspect(&out, a.format.as_deref())?;
    Ok(code)
}

/// Prints inspect output: a JSON array, or a template per object.
pub(super) fn print_inspect(out: &[Value], format: Option<&str>) -> anyhow::Result<()> {
    match format {
        None | Some("json") => println!("{}", serde_json::to_string_pretty(out)?),
        Some(f) => print_rows(&Format::parse(Some(f))?, out, &[])?,
    }
    Ok(())
}

pub(super) fn prune_cmd(ctx: &Context, a: &PruneArgs) -> anyhow::Result<i32> {
    let filter = super::prune_filter::PruneFilter::parse_now(&a.filter)?;
    if !a.force && !super::system::confirm("WARNING! This will remove all non running containers.")?
    {
        return Ok(0);
    }
    let mut all = list::all(&ctx.paths)?;
    all.sort_by(|a, b| b.0.created.cmp(&a.0.created));
    for (r, st) in all {
        if stop::is_running(&st) || st.supervisor_alive() {
            continue;
        }
        if !filter.allows(Some(&r.created), &r.labels) {
            continue;
        }
        // A service container goes with its pods only.
        if crate::pod::service::check_removal(&ctx.paths, &r).is_err() {
            continue;
        }
        match create::remove(&ctx.paths, &r.id, false) {
            Ok(()) => println!("{}", r.id),
            Err(CreateError::Gone { .. } | CreateError::Running { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let swept = create::sweep_leftovers(&ctx.paths)?;
    if swept > 0 {
        log::info!("removed {swept} leftovers of interrupted creates and removals");
    }
    Ok(0)
}

pub(super) fn exists_cmd(ctx: &Context, a: &ExistsArgs) -> anyhow::Result<i32> {
    match list::find(&ctx.paths, &a.container) {
        Ok(_) => Ok(0),
        Err(ListError::NotFound { .. }) => Ok(1),
        Err(e) => Err(e.into()),
    }
}

/// `rcon container …`: every container command under one group, as Podman has it.
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub(crate) enum ContainerCommand {
    /// Run a command in a new container
    Run(Box<super::run_flags::RunArgs>),
    /// Create a container without starting it
    Create(Box<super::run_flags::RunArgs>),
    /// Start one or more containers
    Start(super::run::StartArgs),
    /// Stop one or more containers
    Stop(StopArgs),
    /// Send a signal to one or more containers
    Kill(KillArgs),
    /// Restart one or more containers
    Restart(RestartArgs),
    /// Remove one or more containers
    Rm(super::rm::RmArgs),
    /// List containers
    #[command(visible_aliases = ["list", "ps"])]
    Ls(super::ps::PsArgs),
    /// Display the configuration of containers
    Inspect(InspectArgs),
    /// Rename a container
    Rename(RenameArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(WaitArgs),
    /// Remove all containers that are not running
    Prune(PruneArgs),
    /// Exit 0 when the container exists, 1 when not
    Exists(ExistsArgs),
    /// Attach to a running container
    Attach(super::attach::AttachArgs),
    /// Fetch the logs of one or more containers
    Logs(super::logs::LogsArgs),
    /// Run a process in a running container
    Exec(Box<super::exec::ExecArgs>),
    /// Display the running processes of a container
    Top(super::top::TopArgs),
    /// List the published ports of a container
    Port(super::port::PortArgs),
    /// Copy files between a container and the host
    Cp(super::cp::CpArgs),
    /// Create a new image from a container's changes
    Commit(super::commit::CommitArgs),
    /// Inspect changes on a container's filesystem
    Diff(super::diff::DiffArgs),
    /// Mount a container's root filesystem (inside `rcon unshare`)
    Mount(super::mount::MountArgs),
    /// Unmount a container's root filesystem
    #[command(visible_alias = "unmount")]
    Umount(super::mount::UmountArgs),
    /// Export a container's root filesystem as a tar
    Export(super::export::ExportArgs),
    /// Run the command an image keeps in a label (INSTALL, RUN, UNINSTALL …)
    Runlabel(super::runlabel::RunlabelArgs),
}

pub(super) fn dispatch(ctx: &Context, cmd: ContainerCommand) -> anyhow::Result<i32> {
    match cmd {
        ContainerCommand::Run(a) => super::run::run_cmd(ctx, &a),
        ContainerCommand::Create(a) => super::run::create_cmd(ctx, &a),
        ContainerCommand::Start(a) => super::run::start_cmd(ctx, &a),
        ContainerCommand::Stop(a) => stop_cmd(ctx, &a),
        ContainerCommand::Kill(a) => kill_cmd(ctx, &a),
        ContainerCommand::Restart(a) => restart_cmd(ctx, &a),
        ContainerCommand::Rm(a) => super::rm::rm_cmd(ctx, &a),
        ContainerCommand::Ls(a) => super::ps::ps(ctx, &a),
        ContainerCommand::Inspect(a) => inspect_cmd(ctx, &a),
        ContainerCommand::Rename(a) => rename_cmd(ctx, &a),
        ContainerCommand::Wait(a) => wait_cmd(ctx, &a),
        ContainerCommand::Prune(a) => prune_cmd(ctx, &a),
        ContainerCommand::Exists(a) => exists_cmd(ctx, &a),
        ContainerCommand::Attach(a) => super::attach::attach(ctx, &a),
        ContainerCommand::Logs(a) => super::logs::logs(ctx, &a),
        ContainerCommand::Exec(a) => super::exec::exec(ctx, &a),
        ContainerCommand::Top(a) => super::top::top(ctx, &a),
        ContainerCommand::Port(a) => super::port::port(ctx, &a),
        ContainerCommand::Cp(a) => super::cp::cp_cmd(ctx, &a),
        ContainerCommand::Export(a) => super::export::export(ctx, &a),
        ContainerCommand::Commit(a) => super::commit::commit_cmd(ctx, &a),
        ContainerCommand::Diff(a) => super::diff::diff(ctx, &a, super::diff::Look::Container),
        ContainerCommand::Mount(a) => super::mount::mount(ctx, &a),
        ContainerCommand::Umount(a) => super::mount::umount(ctx, &a),
        ContainerCommand::Runlabel(a) => super::runlabel::runlabel(ctx, &a),
    }
}

/// `HostConfig.UsernsMode` as Podman shows it (an `auto` slice is a private namespace).
fn userns_mode(mode: &crate::container::record::UsernsMode) -> String {
    use crate::container::record::UsernsMode;
    match mode {
        UsernsMode::KeepId { uid, gid } => format!("keep-id:uid={uid},gid={gid}"),
        UsernsMode::NoMap => "nomap".into(),
        UsernsMode::Auto { .. } | UsernsMode::Map { .. } => "private".into(),
        UsernsMode::Default | UsernsMode::Host => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_texts_are_podmans() {
        let st = State {
            status: Status::Exited,
            exit_code: 3,
            finished_at: time::now_rfc3339_nano(),
            ..State::default()
        };
        assert!(
            status_text(&st).starts_with("Exited (3) "),
            "{}",
            status_text(&st)
        );
        assert_eq!(status_text(&State::default()), "Created");
        let st = State {
            status: Status::Running,
            started_at: time::now_rfc3339_nano(),
            ..State::default()
        };
        assert!(status_text(&st).starts_with("Up "), "{}", status_text(&st));
        assert!(!status_text(&st).ends_with("ago"), "{}", status_text(&st));
    }
}
