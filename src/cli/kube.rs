//! `rcon kube play|down|generate` (and Podman's older `play kube`): Kubernetes YAML in and out,
//! through `kube::play`'s plan and the same pod and run code as the CLI's; what a play waits
//! for and tells systemd is `kube_notify`'s.
use super::kube_notify;
use super::pod::PodCreateArgs;
use super::run_flags::RunArgs;
use super::Context;
use crate::container::state::Status;
use crate::container::stop;
use crate::kube::generate::{self, Kind};
use crate::kube::play::{self, Plan, PlayOptions, Prep};
use crate::pod;
use crate::util::sdnotify;
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args, Subcommand};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub(crate) struct PlayArgs {
    /// Remove what the YAML made instead (as `kube down`)
    #[arg(long)]
    pub(crate) down: bool,
    /// Remove pods of the same names first
    #[arg(long)]
    pub(crate) replace: bool,
    /// Start the pods (false: only create them)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) start: bool,
    /// Start a service container before the pods, which stops when they have all ended
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", action = ArgAction::Set)]
    pub(crate) service_container: bool,
    /// Network for every pod
    #[arg(long, value_name = "MODE")]
    pub(crate) network: Vec<String>,
    /// Publish a port for every pod: [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]
    #[arg(long, value_name = "PORT")]
    pub(crate) publish: Vec<String>,
    /// A YAML file of ConfigMaps the pods may use
    #[arg(long, value_name = "FILE")]
    pub(crate) configmap: Vec<PathBuf>,
    /// Log driver for every container
    #[arg(long, value_name = "DRIVER")]
    pub(crate) log_driver: Option<String>,
    /// User namespace mode for every pod
    #[arg(long, value_name = "MODE")]
    pub(crate) userns: Option<String>,
    /// An annotation for every container: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) annotation: Vec<String>,
    /// Build images the YAML names from a folder of that name holding a Containerfile
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", action = ArgAction::Set)]
    pub(crate) build: bool,
    /// With --build: the folder holding the images' folders (default: the working folder)
    #[arg(long, value_name = "DIR")]
    pub(crate) context_dir: Option<PathBuf>,
    /// Suppress output
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// The YAML: a file, - for stdin, or an http(s) URL
    #[arg(value_name = "FILE")]
    pub(crate) file: String,
}

#[derive(Debug, Args)]
pub(crate) struct DownArgs {
    /// The YAML kube play was given: a file, - for stdin, or an http(s) URL
    #[arg(value_name = "FILE")]
    pub(crate) file: String,
}

#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// Also write a NodePort Service for each pod
    #[arg(short, long)]
    pub(crate) service: bool,
    /// The kind to write: pod or deployment
    #[arg(short = 't', long = "type", value_enum, default_value = "pod")]
    pub(crate) kind: Kind,
    /// Write the YAML to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub(crate) filename: Option<PathBuf>,
    /// Pods or containers, by name or ID
    #[arg(value_name = "CONTAINER|POD", required = true)]
    pub(crate) targets: Vec<String>,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum KubeCommand {
    /// Create pods, containers and volumes from Kubernetes YAML
    Play(Box<PlayArgs>),
    /// Remove the pods and volumes a Kubernetes YAML made
    Down(DownArgs),
    /// Write Kubernetes YAML for pods and containers
    Generate(GenerateArgs),
}

/// `rcon play kube`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum PlayCommand {
    /// Create pods, containers and volumes from Kubernetes YAML (as `kube play`)
    Kube(Box<PlayArgs>),
}

pub(super) fn dispatch(ctx: &Context, c: KubeCommand) -> anyhow::Result<i32> {
    match c {
        KubeCommand::Play(a) if a.down => down(ctx, &a.file),
        KubeCommand::Play(a) => play_cmd(ctx, &a),
        KubeCommand::Down(a) => down(ctx, &a.file),
        KubeCommand::Generate(a) => generate_cmd(ctx, &a),
    }
}

/// The YAML text from a file, stdin or a URL.
fn read_source(source: &str) -> anyhow::Result<String> {
    const LIMIT: u64 = 16 << 20;
    let mut text = String::new();
    if source == "-" {
        std::io::stdin()
            .take(LIMIT)
            .read_to_string(&mut text)
            .context("cannot read the YAML from stdin")?;
    } else if source.starts_with("http://") || source.starts_with("https://") {
        let mut resp = ureq::get(source)
            .call()
            .with_context(|| format!("cannot fetch {source}"))?;
        resp.body_mut()
            .as_reader()
            .take(LIMIT)
            .read_to_string(&mut text)
            .with_context(|| format!("cannot read {source}"))?;
    } else {
        std::fs::File::open(source)
            .and_then(|f| f.take(LIMIT).read_to_string(&mut text))
            .with_context(|| format!("cannot read the YAML file {source}"))?;
    }
    Ok(text)
}

fn files_dir(ctx: &Context) -> PathBuf {
    ctx.paths.root.join("kube")
}

/// The plan of the YAML `text` read from `source`.
fn plan_of(ctx: &Context, source: &str, text: &str, a: Option<&PlayArgs>) -> anyhow::Result<Plan> {
    let docs = crate::kube::parse(text, source)?;
    let mut opts = PlayOptions {
        files_dir: files_dir(ctx),
        ..PlayOptions::default()
    };
    if let Some(a) = a {
        for f in &a.configmap {
            let name = f.display().to_string();
            let docs = crate::kube::parse(&read_source(&name)?, &name)?;
            opts.configmaps
                .extend(docs.into_iter().filter(|d| d.kind == "ConfigMap"));
        }
        opts.network = a.network.clone();
        opts.publish = a.publish.clone();
        opts.log_driver = a.log_driver.clone();
        opts.userns = a.userns.clone();
        for an in &a.annotation {
            opts.annotations
                .push(crate::container::runconfig::parse_annotation(an)?);
        }
    }
    Ok(play::plan(&docs, &opts)?)
}

/// A planned container's `run -d --pod POD` flags.
fn run_args(pod: &str, args: &[String]) -> anyhow::Result<RunArgs> {
    let head = ["run".to_string(), "--detach".into(), format!("--pod={pod}")];
    super::parse_flags(head.into_iter().chain(args.iter().cloned()))
}

fn pod_args(args: &[String]) -> anyhow::Result<PodCreateArgs> {
    super::parse_flags(std::iter::once("create".to_string()).chain(args.iter().cloned()))
}

/// Host paths, files and volumes the pods need, before any pod is made.
fn prepare(ctx: &Context, plan: &Plan) -> anyhow::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    for p in &plan.prepare {
        match p {
            Prep::MakeDir(d) => std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o755)
                .create(d)
                .with_context(|| format!("hostPath {}: cannot make the folder", d.display()))?,
            Prep::MakeFile(f) => {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .mode(0o644)
                    .open(f)
                    .with_context(|| format!("hostPath {}: cannot make the file", f.display()))?;
            }
            Prep::Exists { path, kind } => {
                use std::os::unix::fs::FileTypeExt;
                let t = std::fs::metadata(path)
                    .with_context(|| format!("hostPath {} (type {kind})", path.display()))?
                    .file_type();
                let ok = match kind.as_str() {
                    "Directory" => t.is_dir(),
                    "File" => t.is_file(),
                    "Socket" => t.is_socket(),
                    "CharDevice" => t.is_char_device(),
                    _ => t.is_block_device(),
                };
                if !ok {
                    bail!("hostPath {}: not a {kind}", path.display());
                }
            }
        }
    }
    for set in &plan.files {
        let _ = std::fs::remove_dir_all(&set.dir);
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o755)
            .create(&set.dir)
            .with_context(|| format!("cannot make {}", set.dir.display()))?;
        for (name, data, mode) in &set.files {
            let path = set.dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot make {}", parent.display()))?;
            }
            crate::util::fs::atomic_write(&path, data)
                .with_context(|| format!("cannot write {}", path.display()))?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(*mode))
                .with_context(|| format!("cannot set the mode of {}", path.display()))?;
        }
    }
    let _lock = crate::container::volumes::lock(&ctx.paths)?;
    for v in &plan.volumes {
        if crate::container::volumes::load(&ctx.paths, v)?.is_none() {
            let new = crate::container::volumes::NewVolume {
                name: Some(v.clone()),
                labels: Default::default(),
                options: Default::default(),
                anonymous: false,
            };
            crate::container::volumes::create_locked(&ctx.paths, &new)?;
        }
    }
    Ok(())
}

fn play_cmd(ctx: &Context, a: &PlayArgs) -> anyhow::Result<i32> {
    if a.service_container && !a.start {
        bail!("--service-container needs the pods started: drop --start=false");
    }
    let text = read_source(&a.file)?;
    let plan = plan_of(ctx, &a.file, &text, Some(a))?;
    // As Podman's: only a YAML with pods gets a service container.
    let service =
        (a.service_container && !plan.pods.is_empty()).then(|| play::service_name(text.as_bytes()));
    let socket = kube_notify::socket(&plan, a.service_container)?;
    let done = play(ctx, a, &plan, service.as_deref(), socket.as_ref());
    // What was ignored is said after the pods' IDs (or before the error), as notes on them.
    for w in &plan.warnings {
        log::warn!("{w}");
    }
    done
}

/// `service`: the name of the service container to make first (`--service-container`), which
/// `socket` (`$NOTIFY_SOCKET`) hears of once the pods run.
fn play(
    ctx: &Context,
    a: &PlayArgs,
    plan: &Plan,
    service: Option<&str>,
    socket: Option<&sdnotify::Socket>,
) -> anyhow::Result<i32> {
    // The sockets of containers whose READY=1 the play waits for, read while it runs.
    let mut relays = Vec::new();
    if a.build {
        build_images(ctx, plan, a.context_dir.as_deref())?;
    }
    if a.replace {
        remove_pods(ctx, plan)?;
        if let Some(name) = service {
            remove_service(ctx, name, true)?;
        }
    }
    for p in &plan.pods {
        if pod::find(&ctx.paths, &p.name).is_ok() {
            bail!(
                "pod {} exists: remove it (`rcon kube down {}`), or give --replace",
                p.name,
                a.file
            );
        }
    }
    if let Some(r) = service.and_then(|name| crate::container::list::find(&ctx.paths, name).ok()) {
        // One that still serves pods (of other names: the YAML changed since) stays with them.
        pod::service::check_removal(&ctx.paths, &r)?;
        bail!(
            "the service container's name {} is taken by container {}: remove it (`rcon kube \
             down {}` when an earlier play made it), or give --replace",
            r.name,
            &r.id[..12],
            a.file
        );
    }
    prepare(ctx, plan)?;
    let Some(name) = service else {
        return play_pods(ctx, a, plan, None, &mut relays);
    };
    let argv = ["rcon-kube-service", "--network=none", "--name", name];
    let flags: RunArgs = super::parse_flags(
        argv.map(String::from)
            .into_iter()
            .chain([pod::infra::image_name()]),
    )?;
    let made = pod::service::create(&ctx.paths, flags.to_config(ctx)?)?;
    let played = play_pods(ctx, a, plan, Some(&made.id), &mut relays);
    if played.is_err() {
        // A service container that serves no pod (the first could not be made) goes again.
        if let Err(e) = pod::service::remove_if_unused(&ctx.paths, &made.id) {
            log::warn!("cannot remove the service container {name}: {e}");
        }
    }
    let policies = kube_notify::any_policy(plan);
    kube_notify::after_play(ctx, socket, &made.id, policies, played?)
}

/// Makes and starts the plan's pods, each linked to `service` (a container's ID) when given;
/// waits for their containers' sd-notify policies, whose relays go to `relays`.
fn play_pods(
    ctx: &Context,
    a: &PlayArgs,
    plan: &Plan,
    service: Option<&str>,
    relays: &mut Vec<sdnotify::Relay>,
) -> anyhow::Result<i32> {
    let mut code = 0;
    for p in &plan.pods {
        let mut record = super::pod::create_pod(ctx, &pod_args(&p.create)?)?;
        if let Some(id) = service {
            if let Err(e) = pod::service::attach(&ctx.paths, &mut record, id) {
                let _ = pod::create::remove(&ctx.paths, &record, true, None);
                return Err(e.into());
            }
        }
        let mut ids = Vec::new();
        let mut waits = Vec::new();
        for c in p.init.iter().chain(&p.containers) {
            let made = kube_notify::flags(ctx, c).and_then(|(mut flags, relay)| {
                flags.extend(c.args.iter().cloned());
                let (_, r) = run_args(&p.name, &flags)
                    .and_then(|args| super::run::create_from(ctx, &args))?;
                let wait = kube_notify::wait_for(c, &r, relay)?;
                Ok((r, wait))
            });
            match made {
                Ok((r, wait)) => {
                    ids.push(r.id);
                    waits.extend(wait);
                }
                Err(e) => {
                    // A pod whose container cannot be made (an image that cannot be pulled)
                    // goes again, with what was made of it: nothing half-made is left.
                    if let Err(gone) = pod::create::remove(&ctx.paths, &record, true, None) {
                        log::warn!("cannot remove the half-made pod {}: {gone}", p.name);
                    }
                    return Err(e);
                }
            }
        }
        if a.start {
            let failed = pod::ops::start(&ctx.paths, &record)?;
            if let Some(f) = failed.first() {
                bail!("pod {}: {f}", p.name);
            }
            kube_notify::wait_ready(ctx, &p.name, waits, relays)?;
        }
        if !a.quiet {
            println!("Pod:\n{}\nContainers:", record.id);
            for id in &ids {
                println!("{id}");
            }
            println!();
        }
        if p.job && a.start {
            code = code.max(wait_job(ctx, p)?);
        }
    }
    Ok(code)
}

/// `--build`: every image whose name (its last path component, without tag) is a folder of
/// `--context-dir` (default: the working folder) holding a Containerfile or Dockerfile is
/// built from it first, as Podman does.
fn build_images(ctx: &Context, plan: &Plan, context_dir: Option<&Path>) -> anyhow::Result<()> {
    let base = context_dir.unwrap_or(Path::new("."));
    if !base.is_dir() {
        bail!(
            "--context-dir {}: no such folder: give the folder that holds the images' folders",
            base.display()
        );
    }
    let mut built = Vec::new();
    for c in plan
        .pods
        .iter()
        .flat_map(|p| p.init.iter().chain(&p.containers))
    {
        let Some(image) = c.args.iter().find(|a| !a.starts_with('-')) else {
            continue;
        };
        let last = image.rsplit('/').next().unwrap_or(image);
        let name = last.split([':', '@']).next().unwrap_or(last);
        if name.is_empty() || built.contains(image) {
            continue;
        }
        let dir = base.join(name);
        if !["Containerfile", "Dockerfile"]
            .iter()
            .any(|f| dir.join(f).is_file())
        {
            continue;
        }
        let argv = ["build", "-t", image.as_str(), &dir.display().to_string()].map(String::from);
        let b: super::build::BuildArgs = super::parse_flags(argv)?;
        let code = super::build::build_cmd(ctx, &b)?;
        if code != 0 {
            bail!("--build: building {image} from {} failed", dir.display());
        }
        built.push(image.clone());
    }
    Ok(())
}

/// Waits for a Job's containers; reports each exit code; the first non-zero one.
fn wait_job(ctx: &Context, p: &play::PodPlan) -> anyhow::Result<i32> {
    let mut code = 0;
    for c in &p.containers {
        let r = crate::container::list::find(&ctx.paths, &c.name)?;
        let st = stop::wait_until(&ctx.paths, &r.id, None, stop::DEFAULT_MAX_PAUSE, |s| {
            s.status == Status::Exited
        })?
        .unwrap_or_default();
        eprintln!(
            "job {}: container {} exited with {}",
            p.name, c.name, st.exit_code
        );
        if code == 0 {
            code = st.exit_code;
        }
    }
    Ok(code)
}

/// Removes the plan's pods (when they exist) and their own volumes and files.
fn remove_pods(ctx: &Context, plan: &Plan) -> anyhow::Result<Vec<String>> {
    let mut removed = Vec::new();
    for p in &plan.pods {
        match pod::find(&ctx.paths, &p.name) {
            Ok(found) => {
                pod::create::remove(&ctx.paths, &found, true, Some(std::time::Duration::ZERO))?;
                removed.push(found.id);
            }
            Err(pod::PodError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        for v in &p.own_volumes {
            match crate::container::volumes::remove(&ctx.paths, v, true) {
                Ok(()) | Err(crate::container::volumes::VolumeError::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        let _ = std::fs::remove_dir_all(files_dir(ctx).join(&p.name));
    }
    Ok(removed)
}

/// `kube down`, `--replace`: the service container an earlier play of the same YAML made, when
/// it serves no pod any more (it went with its last pod, unless that play was cut short); with
/// `any` (`--replace`, as Podman's) another container of its name too.
fn remove_service(ctx: &Context, name: &str, any: bool) -> anyhow::Result<()> {
    let Ok(r) = crate::container::list::find(&ctx.paths, name) else {
        return Ok(());
    };
    if r.service.is_some() {
        pod::service::remove_if_unused(&ctx.paths, &r.id)?;
    } else if any {
        match crate::container::create::remove(&ctx.paths, &r.id, true) {
            Ok(()) | Err(crate::container::create::CreateError::Gone { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

fn down(ctx: &Context, source: &str) -> anyhow::Result<i32> {
    let text = read_source(source)?;
    let plan = plan_of(ctx, source, &text, None)?;
    let removed = remove_pods(ctx, &plan)?;
    remove_service(ctx, &play::service_name(text.as_bytes()), false)?;
    println!("Pods stopped:");
    for id in &removed {
        println!("{id}");
    }
    println!("Pods removed:");
    for id in &removed {
        println!("{id}");
    }
    Ok(0)
}

fn generate_cmd(ctx: &Context, a: &GenerateArgs) -> anyhow::Result<i32> {
    let mut pods = Vec::new();
    for t in &a.targets {
        pods.push(match pod::find(&ctx.paths, t) {
            Ok(p) => super::kube_source::of_pod(ctx, &p)?,
            Err(pod::PodError::NotFound { .. }) => {
                let r = crate::container::list::find(&ctx.paths, t)
                    .with_context(|| format!("{t}: no pod or container of that name or ID"))?;
                super::kube_source::of_container(ctx, &r)?
            }
            Err(e) => return Err(e.into()),
        });
    }
    let yaml = generate::generate(&pods, a.kind, a.service)?;
    match &a.filename {
        Some(f) => {
            if f.exists() {
                bail!(
                    "{} exists: give another --filename, or remove it",
                    f.display()
                );
            }
            crate::util::fs::atomic_write(f, yaml.as_bytes())
                .with_context(|| format!("cannot write {}", f.display()))?;
        }
        None => print!("{yaml}"),
    }
    Ok(0)
}
