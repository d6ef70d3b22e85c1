//! Command-line definitions (clap) and the thin handlers behind them.
//!
//! Command and flag names follow Podman's so that `alias docker=rcon` works for the commands
//! rcon has. Every handler returns the process exit code; errors become `Error: …` and 125.
pub(crate) mod attach;
mod auto_update;
mod build;
mod commit;
pub(crate) mod container;
mod cp;
mod df;
mod diff;
pub mod docs;
mod events;
mod exec;
mod exec_relay;
mod export;
pub(crate) mod format;
mod generate;
mod health;
mod health_flags;
pub(crate) mod history;
mod image;
pub(crate) mod image_filter;
mod image_list;
mod kube;
mod kube_notify;
mod kube_source;
mod logging;
mod login;
pub(crate) mod logs;
mod manifest;
mod mount;
mod net_flags;
mod network;
mod pod;
mod pod_show;
mod port;
mod prune;
pub(crate) mod prune_filter;
pub(crate) mod ps;
mod push;
mod quadlet;
mod quadlet_gen;
mod resource_flags;
mod rm;
pub(crate) mod run;
pub(crate) mod run_flags;
mod runlabel;
mod save;
mod secret;
mod sign;
pub(crate) mod stats;
mod system;
pub(crate) mod top;
mod unshare;
pub(crate) mod update;
mod volume;
mod volume_tar;
mod wait;

pub(crate) use login::registry_key;
pub(crate) use prune_filter::PruneFilter;
pub use quadlet_gen::generator_main;
pub(crate) use system::{cgroup_manager, go_arch, storage_driver, uname};

use crate::config::Paths;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Daemonless, rootless containers.
#[derive(Debug, Parser)]
#[command(
    name = "rcon",
    version,
    about = "Daemonless, rootless containers",
    long_about = "rcon runs OCI containers as an ordinary user: no daemon, no root, no setuid \
                  binary. Each container gets a small supervisor of its own, an unprivileged \
                  user namespace, and state under the user's XDG folders.",
    propagate_version = true,
    // A flag given twice takes its last value, as Podman's and Docker's do (`--name a --name
    // b` names the container b); repeatable flags (`-e`, `-v`, ...) still add up.
    args_override_self = true,
    max_term_width = 100
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalOpts,
    #[command(subcommand)]
    pub(crate) command: Command,
}

// Options every command accepts, named as Podman names them.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GlobalOpts {
    /// Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) root: Option<PathBuf>,
    /// Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) runroot: Option<PathBuf>,
    /// Folder for named volumes (default: ROOT/volumes, or containers.conf's volume_path)
    #[arg(long = "volumepath", global = true, value_name = "PATH")]
    pub(crate) volume_path: Option<PathBuf>,
    /// Storage driver for container root filesystems
    #[arg(long, global = true, value_enum, value_name = "DRIVER")]
    pub(crate) storage_driver: Option<StorageDriver>,
    /// Log messages at or above this level on stderr
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "warn",
        value_name = "LEVEL"
    )]
    pub(crate) log_level: LogLevel,
    /// Cgroup manager: systemd (a transient scope per container) or cgroupfs
    #[arg(long, global = true, value_enum, value_name = "MANAGER")]
    pub(crate) cgroup_manager: Option<CgroupManager>,
    /// Print nothing on standard output (errors still go to standard error)
    #[arg(long, global = true)]
    pub(crate) noout: bool,
    /// Where events are recorded and read: file, journald or none (default: containers.conf's
    /// events_logger, else file)
    #[arg(long, global = true, value_name = "BACKEND", value_parser = ["file", "journald", "none"])]
    pub(crate) events_backend: Option<String>,
    /// A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)
    #[arg(long, global = true, value_name = "PATH", hide = true)]
    pub(crate) default_mounts_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CgroupManager {
    /// A transient systemd scope from the user's manager
    Systemd,
    /// Folders under the current, delegated cgroup
    Cgroupfs,
}

impl CgroupManager {
    fn to_manager(self) -> crate::linux::cgroup::Manager {
        match self {
            CgroupManager::Systemd => crate::linux::cgroup::Manager::Systemd,
            CgroupManager::Cgroupfs => crate::linux::cgroup::Manager::Cgroupfs,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StorageDriver {
    /// Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs
    Auto,
    /// Kernel overlayfs with userxattr
    Overlay,
    /// rcon's own FUSE overlay
    FuseOverlay,
    /// A full copy of the layers per container
    Vfs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LogLevel {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
    Panic,
}

/// Each subcommand's arguments are built only when it is the one invoked (`defer`): building
/// every command's arguments took most of a short command's start-up.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum Command {
    /// Run a command in a new container
    Run(Box<run_flags::RunArgs>),
    /// Create a container without starting it
    Create(Box<run_flags::RunArgs>),
    /// Start one or more containers
    Start(run::StartArgs),
    /// Stop one or more containers
    Stop(container::StopArgs),
    /// Send a signal to one or more containers
    Kill(container::KillArgs),
    /// Restart one or more containers
    Restart(container::RestartArgs),
    /// Remove one or more containers
    Rm(rm::RmArgs),
    /// List containers
    Ps(ps::PsArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(container::WaitArgs),
    /// Rename a container
    Rename(container::RenameArgs),
    /// Fetch the logs of one or more containers
    Logs(logs::LogsArgs),
    /// Attach to a running container
    Attach(attach::AttachArgs),
    /// Run a process in a running container
    Exec(Box<exec::ExecArgs>),
    /// Run container healthchecks
    #[command(subcommand)]
    Healthcheck(health::HealthcheckCommand),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// Display a live stream of container resource usage
    Stats(stats::StatsArgs),
    /// Change the resource limits of a container
    Update(update::UpdateArgs),
    /// Pause all the processes of one or more containers
    Pause(update::PauseArgs),
    /// Unpause the processes of one or more containers
    Unpause(update::PauseArgs),
    /// List the published ports of a container
    Port(port::PortArgs),
    /// Copy files between a container and the host
    Cp(cp::CpArgs),
    /// Create a new image from a container's changes
    Commit(commit::CommitArgs),
    /// Save images to an archive
    Save(save::SaveArgs),
    /// Load images from an archive
    Load(save::LoadArgs),
    /// Export a container's root filesystem as a tar
    Export(export::ExportArgs),
    /// Import a tar as a new image
    Import(export::ImportArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(container::ContainerCommand),
    /// Pull an image from a registry
    Pull(image::PullArgs),
    /// Push an image to a registry
    Push(push::PushArgs),
    /// List images in local storage
    Images(image::ImagesArgs),
    /// Remove one or more images from local storage
    Rmi(image::RmiArgs),
    /// Add an additional name to a local image
    Tag(image::TagArgs),
    /// Remove a name from a local image
    Untag(image::UntagArgs),
    /// Display the configuration of images
    Inspect(image::InspectArgs),
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Manage manifest lists
    #[command(subcommand)]
    Manifest(manifest::ManifestCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Manage secrets: data a container gets as a file or a variable, kept out of images
    #[command(subcommand)]
    Secret(secret::SecretCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage pods: containers that share network, IPC and UTS namespaces
    #[command(subcommand)]
    Pod(pod::PodCommand),
    /// Play, take down and generate Kubernetes YAML
    #[command(subcommand)]
    Kube(kube::KubeCommand),
    /// Play Kubernetes YAML (Podman's older name for `kube play`)
    #[command(subcommand)]
    Play(kube::PlayCommand),
    /// Log in to a container registry
    Login(login::LoginArgs),
    /// Log out of a container registry
    Logout(login::LogoutArgs),
    /// Display rcon's system information
    Info(system::InfoArgs),
    /// Display the rcon version
    Version(system::VersionArgs),
    /// Manage rcon itself
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Show what happens to containers, images, volumes, networks and pods
    Events(events::EventsArgs),
    /// Print a shell completion script
    Completion(system::CompletionArgs),
    /// Generate systemd units (deprecated: use Quadlet)
    #[command(subcommand)]
    Generate(generate::GenerateCommand),
    /// Manage Quadlet files: containers, volumes, networks and pods as systemd services
    #[command(subcommand)]
    Quadlet(quadlet::QuadletCommand),
    /// Update containers to newer images by restarting their systemd units
    AutoUpdate(auto_update::AutoUpdateArgs),
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<build::BuildArgs>),
    /// Docker's buildx: `buildx build` is `build`
    #[command(subcommand)]
    Buildx(build::BuildxCommand),
    /// Show the history of an image
    History(history::HistoryArgs),
    /// Inspect changes on a container's or an image's filesystem
    Diff(diff::DiffArgs),
    /// Mount a container's root filesystem (inside `rcon unshare`)
    Mount(mount::MountArgs),
    /// Unmount a container's root filesystem
    #[command(visible_alias = "unmount")]
    Umount(mount::UmountArgs),
    /// Run a command in a modified user namespace (the one containers use)
    Unshare(unshare::UnshareArgs),
}

/// What every handler gets: the resolved folders and the global options.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub(crate) global: GlobalOpts,
    pub(crate) paths: Paths,
}

impl Context {
    fn new(global: GlobalOpts) -> anyhow::Result<Context> {
        let mut paths = Paths::resolve(global.root.as_deref(), global.runroot.as_deref())?;
        paths.volume_path = match &global.volume_path {
            Some(p) => Some(std::path::absolute(p)?),
            None => crate::config::containers_conf::ContainersConf::current()
                .engine
                .volume_path
                .as_deref()
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
        };
        Ok(Context { global, paths })
    }

    /// The mounts.conf mounts of a new container or build step (`--default-mounts-file`, else
    /// the default files).
    pub(crate) fn default_mounts(
        &self,
    ) -> Result<
        Vec<crate::config::mounts_conf::DefaultMount>,
        crate::config::mounts_conf::MountsConfError,
    > {
        crate::config::mounts_conf::load(&self.paths, self.global.default_mounts_file.as_deref())
    }

    /// The storage driver a new container (or build step) asks for: the global
    /// `--storage-driver` unless `auto`, else storage.conf's when the flag is not given;
    /// `None` lets the driver be chosen at start.
    pub(crate) fn storage_driver(&self) -> Option<String> {
        self.global
            .storage_driver
            .filter(|d| *d != StorageDriver::Auto)
            .map(|d| {
                clap::ValueEnum::to_possible_value(&d)
                    .map(|v| v.get_name().to_string())
                    .unwrap_or_default()
            })
            .or_else(|| {
                self.global
                    .storage_driver
                    .is_none()
                    .then(|| crate::storage::configured(&self.paths))
                    .flatten()
            })
    }

    /// [`Context::storage_driver`] for a container with `userns`: one with a user namespace
    /// of its own needs the FUSE overlay, so storage.conf's driver (the store's default) is
    /// not its; only an explicit `--storage-driver` is held to.
    pub(crate) fn storage_driver_for(
        &self,
        userns: &crate::container::record::UsernsMode,
    ) -> Option<String> {
        match userns {
            crate::container::record::UsernsMode::Default => self.storage_driver(),
            _ => self.global.storage_driver.and(self.storage_driver()),
        }
    }
}

/// Parses the command line, runs the command and returns the exit code.
pub fn main() -> i32 {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return 0;
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
                return 125;
            }
            eprintln!("Error: {}", clap_error_line(&e));
            return 125;
        }
    };
    logging::init(cli.global.log_level);
    if cli.global.noout {
        if let Err(e) = silence_stdout() {
            eprintln!("Error: --noout: cannot point standard output at /dev/null: {e}");
            return 125;
        }
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {}", one_line(&e));
            125
        }
    }
}

/// The command line, parsed as [`Cli::try_parse`] does. The command tree clap builds for it
/// (every subcommand's flags) is left to the process's end instead of being freed here: taking
/// it apart costs the CLI about as much as parsing did.
fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut cmd = Cli::command();
    let parsed = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut cmd)));
    std::mem::forget(cmd);
    parsed
}

/// clap's error as one line: its first sentence, and where to look for the right usage.
/// `KEY=VALUE` options (`--label`, `--opt`) as a map; a bare `KEY` has an empty value.
fn key_values(
    flag: &str,
    values: &[String],
) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for v in values {
        let (k, val) = v.split_once('=').unwrap_or((v, ""));
        if k.is_empty() {
            anyhow::bail!("{flag} {v:?}: expected KEY=VALUE");
        }
        out.insert(k.to_string(), val.to_string());
    }
    Ok(out)
}

fn clap_error_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let mut first = first.strip_prefix("error: ").unwrap_or(first).to_string();
    if first.ends_with(':') {
        if let Some(next) = lines.next() {
            first = format!("{first} {}", next.trim());
        }
    }
    let tip = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("tip: "))
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    let usage = text
        .lines()
        .find_map(|l| l.strip_prefix("Usage: "))
        .and_then(|u| u.split(" [").next())
        .map(|u| u.split(" <").next().unwrap_or(u).to_string())
        .unwrap_or_else(|| "rcon".into());
    format!("{first}{tip}: see `{usage} --help`")
}

/// The error and its causes on one line, as Podman prints them.
pub(crate) fn one_line(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for (i, cause) in e.chain().enumerate() {
        let text = cause.to_string();
        if i > 0 {
            if out.contains(&text) {
                continue;
            }
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out.replace('\n', " ")
}

/// One group of flags (`run`'s, `pod create`'s …) parsed from `argv` (its first word the
/// command's name) by the CLI's own parser, for a command that runs another's flags; a bad
/// flag is one line.
pub(super) fn parse_flags<T: clap::Args + clap::FromArgMatches>(
    argv: impl IntoIterator<Item = String>,
) -> anyhow::Result<T> {
    let cmd = T::augment_args(clap::Command::new("rcon"));
    cmd.try_get_matches_from(argv)
        .and_then(|m| T::from_arg_matches(&m))
        .map_err(|e| anyhow::anyhow!(clap_error_line(&e)))
}

/// Reads containers.conf (a broken one stops every command, naming the file) and applies what
/// it says of rcon itself: `[engine] env` into our environment, the cgroup manager when no flag
/// names one; `--events-backend` goes into the environment the processes we start inherit.
/// Runs while the process is single-threaded.
fn apply_containers_conf(global: &mut GlobalOpts) -> anyhow::Result<()> {
    let conf = crate::config::containers_conf::ContainersConf::checked()?;
    for kv in conf.engine.env.iter().flatten() {
        if let Some((k, v)) = kv.split_once('=').filter(|(k, _)| !k.is_empty()) {
            std::env::set_var(k, v);
        }
    }
    if global.cgroup_manager.is_none() {
        global.cgroup_manager = match conf.engine.cgroup_manager.as_deref() {
            Some("systemd") => Some(CgroupManager::Systemd),
            Some("cgroupfs") => Some(CgroupManager::Cgroupfs),
            _ => None,
        };
    }
    if let Some(b) = &global.events_backend {
        std::env::set_var(crate::events::BACKEND_ENV, b);
    }
    Ok(())
}

/// `--noout`: standard output becomes /dev/null for the whole command, as in Podman.
pub(super) fn silence_stdout() -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let null = std::fs::OpenOptions::new().write(true).open("/dev/null")?;
    nix::unistd::dup2(null.as_raw_fd(), libc::STDOUT_FILENO)?;
    Ok(())
}

fn run(mut cli: Cli) -> anyhow::Result<i32> {
    if let Command::Completion(args) = &cli.command {
        return system::completion(args);
    }
    apply_containers_conf(&mut cli.global)?;
    let ctx = Context::new(cli.global)?;
    match cli.command {
        Command::Run(a) => run::run_cmd(&ctx, &a),
        Command::Create(a) => run::create_cmd(&ctx, &a),
        Command::Start(a) => run::start_cmd(&ctx, &a),
        Command::Stop(a) => container::stop_cmd(&ctx, &a),
        Command::Kill(a) => container::kill_cmd(&ctx, &a),
        Command::Restart(a) => container::restart_cmd(&ctx, &a),
        Command::Rm(a) => rm::rm_cmd(&ctx, &a),
        Command::Ps(a) => ps::ps(&ctx, &a),
        Command::Wait(a) => container::wait_cmd(&ctx, &a),
        Command::Rename(a) => container::rename_cmd(&ctx, &a),
        Command::Logs(a) => logs::logs(&ctx, &a),
        Command::Events(a) => events::events(&ctx, &a),
        Command::Attach(a) => attach::attach(&ctx, &a),
        Command::Exec(a) => exec::exec(&ctx, &a),
        Command::Healthcheck(c) => health::healthcheck_cmd(&ctx, &c),
        Command::Top(a) => top::top(&ctx, &a),
        Command::Stats(a) => stats::stats(&ctx, &a),
        Command::Update(a) => update::update(&ctx, &a),
        Command::Pause(a) => update::pause(&ctx, &a, true),
        Command::Unpause(a) => update::pause(&ctx, &a, false),
        Command::Port(a) => port::port(&ctx, &a),
        Command::Container(c) => container::dispatch(&ctx, c),
        Command::Pull(a) => image::pull(&ctx, &a),
        Command::Push(a) => push::push_cmd(&ctx, &a),
        Command::Images(a) => image_list::images(&ctx, &a),
        Command::Rmi(a) => image::rmi(&ctx, &a),
        Command::Tag(a) => image::tag(&ctx, &a),
        Command::Untag(a) => image::untag(&ctx, &a),
        Command::Inspect(a) => image::inspect(&ctx, &a),
        Command::Image(c) => image::dispatch(&ctx, c),
        Command::Cp(a) => cp::cp_cmd(&ctx, &a),
        Command::Commit(a) => commit::commit_cmd(&ctx, &a),
        Command::Manifest(c) => manifest::dispatch(&ctx, c),
        Command::Save(a) => save::save(&ctx, &a),
        Command::Load(a) => save::load(&ctx, &a),
        Command::Export(a) => export::export(&ctx, &a),
        Command::Import(a) => export::import(&ctx, &a),
        Command::Volume(c) => volume::dispatch(&ctx, c),
        Command::Secret(c) => secret::dispatch(&ctx, c),
        Command::Network(c) => network::dispatch(&ctx, c),
        Command::Pod(c) => pod::dispatch(&ctx, c),
        Command::Kube(c) => kube::dispatch(&ctx, c),
        Command::Play(kube::PlayCommand::Kube(a)) => {
            kube::dispatch(&ctx, kube::KubeCommand::Play(a))
        }
        Command::Login(a) => login::login(&ctx, &a),
        Command::Logout(a) => login::logout(&ctx, &a),
        Command::Info(a) => system::info(&ctx, &a),
        Command::Version(a) => system::version(&a),
        Command::System(c) => system::dispatch(&ctx, c),
        Command::Generate(c) => generate::dispatch(&ctx, c),
        Command::Quadlet(c) => quadlet::dispatch(c),
        Command::AutoUpdate(a) => auto_update::auto_update(&ctx, &a),
        Command::Build(a) => build::build_cmd(&ctx, &a),
        Command::Buildx(build::BuildxCommand::Build(a)) => build::build_cmd(&ctx, &a),
        Command::History(a) => history::history(&ctx, &a),
        Command::Diff(a) => diff::diff(&ctx, &a, diff::Look::Any),
        Command::Mount(a) => mount::mount(&ctx, &a),
        Command::Umount(a) => mount::umount(&ctx, &a),
        Command::Unshare(a) => unshare::unshare(&ctx, &a),
        Command::Completion(_) => unreachable!("handled before the context is built"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_given_twice_takes_its_last_value_and_repeatable_ones_add_up() {
        let cli = Cli::try_parse_from([
            "rcon",
            "run",
            "--name",
            "a",
            "--name",
            "b",
            "-e",
            "X=1",
            "-e",
            "Y=2",
            "--log-driver",
            "none",
            "--log-driver",
            "k8s-file",
            "busybox",
        ])
        .expect("parses");
        let Command::Run(a) = cli.command else {
            panic!("not run: {:?}", cli.command);
        };
        assert_eq!(a.name.as_deref(), Some("b"));
        assert_eq!(a.log_driver.as_deref(), Some("k8s-file"));
        assert_eq!(a.env, ["X=1", "Y=2"]);
    }
}
