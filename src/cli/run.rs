//! `run`, `create` and `start`: resolve (and pull) the image, create the container, start its
//! supervisor, then attach in the foreground or print the ID.
use super::attach::{attach_stream, AttachOpts};
use super::run_flags::RunArgs;
use super::Context;
use crate::container::create;
use crate::container::list;
use crate::container::runconfig::RunConfig;
use crate::container::stop;
use crate::container::ContainerRecord;
use crate::image::pull::PullOptions;
use crate::image::registry::platform::Platform;
use crate::image::resolve;
use crate::image::store::ImageRecord;
use crate::runtime::supervisor;
use crate::util::sdnotify::{self, Relay, SdNotify};
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;

#[derive(Debug, Args)]
pub(crate) struct StartArgs {
    /// Attach to the container's output (and exit with its code)
    #[arg(short, long)]
    pub(crate) attach: bool,
    /// Pass stdin to the container (with --attach)
    #[arg(short, long)]
    pub(crate) interactive: bool,
    /// Keys that detach from the container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub(crate) detach_keys: String,
    /// Forward the signals rcon receives to the container (with --attach)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) sig_proxy: bool,
    /// Start every container that is not running
    #[arg(long)]
    pub(crate) all: bool,
    /// Start only the containers that match: status=, name=, id=, label=, exited=,
    /// restart-policy=, pod=, stopped-by-user=
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    /// Containers to start, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

/// The stored image `run.image` names, pulled as `--pull` says.
pub(super) fn resolve_image(
    ctx: &Context,
    run: &RunConfig,
    a: &RunArgs,
) -> anyhow::Result<ImageRecord> {
    // `docker-archive:PATH` and `oci-archive:PATH`, as Podman takes them: loaded first.
    for transport in ["docker-archive:", "oci-archive:"] {
        if let Some(rest) = run.image.strip_prefix(transport) {
            return image_from_archive(ctx, rest);
        }
    }
    let opts = PullOptions {
        platform: run.platform.as_deref().map(Platform::parse).transpose()?,
        quiet: a.quiet,
        client: a.registry.client_options(a.creds.as_deref())?,
    };
    Ok(resolve::resolve(&ctx.paths, &run.image, run.pull, &opts)?)
}

/// The image of the archive at `spec` (`PATH`, or `PATH:NAME` for one of several), loaded
/// into the store.
pub(super) fn image_from_archive(ctx: &Context, spec: &str) -> anyhow::Result<ImageRecord> {
    let (path, want) = match spec.rsplit_once(':') {
        Some((p, name)) if !std::path::Path::new(spec).exists() => (p, Some(name)),
        _ => (spec, None),
    };
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open the archive {path}"))?;
    let store = crate::image::store::Store::open(&ctx.paths)?;
    let idmap = crate::linux::idmap::IdMap::detect();
    let loaded = crate::image::archive::load_file(&store, &idmap, file)?;
    let image = match want {
        Some(name) => loaded
            .iter()
            .find(|l| {
                l.names
                    .iter()
                    .any(|n| n == name || n.ends_with(&format!("/{name}")))
            })
            .with_context(|| format!("the archive {path} has no image named {name}"))?,
        None => loaded
            .first()
            .with_context(|| format!("the archive {path} holds no image"))?,
    };
    let index = crate::image::store::index::read(store.root())
        .with_context(|| format!("cannot read the image index of {}", store.root().display()))?;
    index
        .images
        .into_iter()
        .find(|i| i.id == image.id)
        .with_context(|| format!("the image of {path} is not in the store after loading it"))
}

/// Validates the flags, resolves the image and creates the container.
pub(crate) fn create_from(
    ctx: &Context,
    a: &RunArgs,
) -> anyhow::Result<(RunConfig, ContainerRecord)> {
    create_with(ctx, a, None)
}

/// [`create_from`], with the `--sdnotify=container` relay's socket bound into the container.
fn create_with(
    ctx: &Context,
    a: &RunArgs,
    relay: Option<&Relay>,
) -> anyhow::Result<(RunConfig, ContainerRecord)> {
    // The image takes any word, so a flag rcon does not know would be read as an image name.
    if let Some(flag) = a.args.first().filter(|f| f.len() > 1 && f.starts_with('-')) {
        bail!("unknown flag: {flag}: flags go before the image; see `rcon run --help`");
    }
    if a.init_ctr.is_some() && a.pod.is_none() && a.pod_id_file.is_none() {
        bail!("--init-ctr needs --pod: init containers run before the other containers of a pod");
    }
    let pod = super::pod::pod_of_run(ctx, a)?;
    let run = match &pod {
        Some(p) => super::pod::check_flags(a, p)
            .and_then(|()| Ok(a.to_config(ctx)?))
            .and_then(|mut run| {
                super::pod::join(ctx, a, &mut run, p)?;
                Ok(run)
            }),
        None => a.to_config(ctx).map_err(anyhow::Error::from),
    };
    // A pod made for this container (`new:NAME`) goes when the container cannot be made.
    let undo = |e: anyhow::Error| {
        if let (Some(p), Some(t)) = (&pod, &a.pod) {
            if t.starts_with("new:") {
                let _ = crate::pod::create::remove(&ctx.paths, p, true, None);
            }
        }
        e
    };
    let mut run = run.map_err(undo)?;
    if let Some(relay) = relay {
        let bind = format!("{}:{}", relay.dir().display(), sdnotify::CONTAINER_DIR);
        run.mounts
            .push(crate::container::runconfig::mounts::parse_volume(&bind)?);
        run.env
            .push(("NOTIFY_SOCKET".into(), sdnotify::CONTAINER_SOCKET.into()));
    }
    let made = create::check_cidfile(&run)
        .map_err(anyhow::Error::from)
        .and_then(|()| resolve_image(ctx, &run, a))
        .and_then(|image| Ok(create::create(&ctx.paths, &run, &image)?));
    let record = made.map_err(undo)?;
    Ok((run, record))
}

pub(super) fn create_cmd(ctx: &Context, a: &RunArgs) -> anyhow::Result<i32> {
    if a.preserve_fds > 0 {
        bail!("--preserve-fds is for run: a created container is started without your descriptors");
    }
    let (_, record) = create_from(ctx, a)?;
    if record.log_driver != "passthrough" {
        println!("{}", record.id);
    }
    Ok(0)
}

/// Reports a start failure as Podman does (one `Error:` line, the code the supervisor gave)
/// and removes an `--rm` container that never ran.
fn start_failed(ctx: &Context, record: &ContainerRecord, e: &supervisor::StartError) -> i32 {
    eprintln!("Error: {}", e.to_string().replace('\n', " "));
    if record.auto_remove {
        match create::remove(&ctx.paths, &record.id, true) {
            Ok(()) | Err(create::CreateError::Gone { .. }) => {}
            Err(e) => log::warn!("cannot remove container {}: {e}", record.name),
        }
    }
    e.exit_code()
}

/// Starts `record`'s supervisor with a first client attached and follows the container's
/// output until it ends (its exit code) or the user detaches.
fn start_attached(
    ctx: &Context,
    record: &ContainerRecord,
    opts: &AttachOpts,
    notify: bool,
    (pidfile, preserved): (Option<&std::path::Path>, &supervisor::PreservedFds),
) -> anyhow::Result<i32> {
    let (ours, theirs) = UnixStream::pair().context("cannot create the attach socket pair")?;
    let attach = Some(OwnedFd::from(theirs));
    match supervisor::start_with_fds(&ctx.paths, &record.id, attach, preserved) {
        Ok(started) => write_pidfile(pidfile, started.supervisor_pid)?,
        Err(e) => return Ok(start_failed(ctx, record, &e)),
    }
    if notify {
        ready();
    }
    record.note(&ctx.paths, "attach");
    Ok(attach_stream(ours, opts)?)
}

/// `--sdnotify=conmon`: READY=1 to systemd (when it asked, through $NOTIFY_SOCKET) once the
/// container runs. rcon itself says it: the supervisor lives in the container's own scope,
/// whose notifications systemd would not count for the unit.
fn ready() {
    if let Err(e) = crate::util::sdnotify::notify("READY=1") {
        log::warn!("cannot notify systemd: {e}");
    }
}

pub(super) fn run_cmd(ctx: &Context, a: &RunArgs) -> anyhow::Result<i32> {
    // Before rcon opens anything of its own at those numbers.
    let preserved = supervisor::PreservedFds::capture(a.preserve_fds);
    let notify = match SdNotify::parse(&a.sdnotify) {
        Some(SdNotify::Conmon) => true,
        Some(SdNotify::Ignore) => false,
        Some(SdNotify::Container) => false,
        None => bail!(
            "--sdnotify {:?}: expected conmon, container or ignore",
            a.sdnotify
        ),
    };
    // --sdnotify=container under systemd: rcon relays, so it must stay in the foreground.
    let mut relay = None;
    if SdNotify::parse(&a.sdnotify) == Some(SdNotify::Container)
        && std::env::var_os("NOTIFY_SOCKET").is_some()
    {
        if a.detach {
            bail!(
                "--sdnotify container and --detach conflict: rcon passes the container's \
                 notifications to systemd, so it runs in the foreground"
            );
        }
        ctx.paths.ensure_runroot()?;
        relay = Some(
            Relay::bind(&ctx.paths.runroot)
                .context("--sdnotify container: cannot bind the notification relay")?,
        );
    }
    if a.detach && !a.attach.is_empty() {
        bail!("--attach and --detach conflict: attach in the foreground, or detach");
    }
    if a.rmi && a.detach {
        bail!("--rmi needs the container in the foreground: leave out --detach");
    }
    if a.preserve_fds > supervisor::MAX_PRESERVED {
        bail!(
            "--preserve-fds {}: at most {} descriptors can be passed",
            a.preserve_fds,
            supervisor::MAX_PRESERVED
        );
    }
    let conf = crate::config::containers_conf::ContainersConf::current();
    if a.log_driver.as_deref().unwrap_or(conf.log_driver()) == "passthrough" {
        // Refused before anything is created (`start` checks again for its own descriptors).
        supervisor::check_passthrough(a.interactive)?;
    }
    let (run, record) = create_with(ctx, a, relay.as_ref())?;
    if let Some(r) = relay.as_mut() {
        r.start();
    }
    if run.detach {
        match supervisor::start_with_fds(&ctx.paths, &record.id, None, &preserved) {
            Ok(started) => write_pidfile(a.conmon_pidfile.as_deref(), started.supervisor_pid)?,
            Err(e) => return Ok(start_failed(ctx, &record, &e)),
        }
        if notify {
            ready();
        }
        // As Podman: with passthrough, stdout is the container's alone.
        if record.log_driver != "passthrough" {
            println!("{}", record.id);
        }
        return Ok(0);
    }
    let shown = |s: &str| a.attach.is_empty() || a.attach.iter().any(|x| x == s);
    if !a.attach.is_empty() && !shown("stdout") && !shown("stderr") {
        // Neither output attached: as Podman, the container runs and its ID is printed.
        if let Err(e) = supervisor::start_with_fds(&ctx.paths, &record.id, None, &preserved) {
            return Ok(start_failed(ctx, &record, &e));
        }
        println!("{}", record.id);
        return Ok(0);
    }
    let opts = AttachOpts {
        outputs: (shown("stdout"), shown("stderr")),
        // With passthrough the container reads our stdin itself.
        stdin: run.interactive && run.log_driver != "passthrough",
        tty: run.tty,
        sig_proxy: run.sig_proxy,
        detach_keys: run.detach_keys.clone(),
    };
    let started = (a.conmon_pidfile.as_deref(), &preserved);
    let code = start_attached(ctx, &record, &opts, notify, started)?;
    if a.rmi {
        remove_image_if_unused(ctx, &record)?;
    }
    Ok(code)
}

/// `--conmon-pidfile`: the supervisor's pid, as Podman writes conmon's.
fn write_pidfile(file: Option<&std::path::Path>, pid: i32) -> anyhow::Result<()> {
    if let Some(f) = file {
        crate::util::fs::atomic_write(f, pid.to_string().as_bytes())
            .with_context(|| format!("--conmon-pidfile {}", f.display()))?;
    }
    Ok(())
}

/// `--rmi`: the container's image goes when no container uses it any more.
fn remove_image_if_unused(ctx: &Context, record: &ContainerRecord) -> anyhow::Result<()> {
    let used = list::all(&ctx.paths)?
        .iter()
        .any(|(r, _)| r.image_id == record.image_id);
    if used {
        return Ok(());
    }
    super::silence_stdout()?;
    // No container uses it: the name it was run by goes, and with its last name the image,
    // as Podman's --rmi removes it (an image of several names keeps the others).
    let args = super::image::RmiArgs {
        images: vec![record.image_name.clone()],
        all: false,
        force: false,
        ignore: true,
        no_prune: false,
    };
    super::image::rmi(ctx, &args)?;
    Ok(())
}

pub(super) fn start_cmd(ctx: &Context, a: &StartArgs) -> anyhow::Result<i32> {
    let filters = super::ps::Filters::parse(&a.filter)?;
    // (what was asked for, the container): `--all` prints IDs, names are printed as given.
    let targets: Vec<(String, ContainerRecord)> = if a.all {
        if !a.containers.is_empty() {
            bail!("either start all containers or the container(s) provided in the arguments");
        }
        list::all(&ctx.paths)?
            .into_iter()
            .filter(|(r, s)| !stop::is_running(s) && filters.keep(r, s))
            .filter(|(r, _)| !r.build && !r.pod.as_ref().is_some_and(|p| p.infra))
            .map(|(r, _)| (r.id.clone(), r))
            .collect()
    } else {
        if a.containers.is_empty() {
            bail!("start needs at least one container name or ID (or --all)");
        }
        let mut out = Vec::new();
        for c in &a.containers {
            let r = list::find(&ctx.paths, c)?;
            if filters.keep(&r, &list::state_of(&ctx.paths, &r.id)?) {
                out.push((c.clone(), r));
            }
        }
        out
    };
    if a.attach {
        let [(_, record)] = targets.as_slice() else {
            bail!("start --attach takes exactly one container");
        };
        if stop::is_running(&list::state_of(&ctx.paths, &record.id)?) {
            bail!(
                "container {} is already running: use `rcon attach {}`",
                record.name,
                record.name
            );
        }
        crate::container::runconfig::parse_detach_keys(&a.detach_keys)?;
        let opts = AttachOpts {
            outputs: (true, true),
            stdin: a.interactive && record.log_driver != "passthrough",
            tty: record.tty,
            sig_proxy: a.sig_proxy,
            detach_keys: a.detach_keys.clone(),
        };
        let none = supervisor::PreservedFds::default();
        return start_attached(ctx, record, &opts, false, (None, &none));
    }
    let mut code = 0;
    for (shown, record) in &targets {
        if stop::is_running(&list::state_of(&ctx.paths, &record.id)?) {
            println!("{shown}");
            continue;
        }
        match supervisor::start(&ctx.paths, &record.id, None) {
            Ok(_) => println!("{shown}"),
            // A container that cannot start is `start`'s failure (125), whatever `run` would
            // say of the command (126, 127), as Podman's `start` does.
            Err(e) => {
                start_failed(ctx, record, &e);
                code = 125;
            }
        }
    }
    Ok(code)
}
