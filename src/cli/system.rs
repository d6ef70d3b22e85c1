//! `info`, `version`, `system reset`, `completion`.
use super::format::{print_rows, Format};
use super::{Cli, Context};
use crate::config::registries::RegistriesConf;
use crate::image::store::index;
use crate::linux::idmap::IdMap;
use clap::{Args, CommandFactory, Subcommand, ValueEnum};
use serde_json::{json, Map, Value};
use std::io::{self, BufRead, IsTerminal, Write};

#[derive(Debug, Args)]
pub(crate) struct InfoArgs {
    /// Output: json, or a Go template such as '{{.Store.GraphRoot}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct VersionArgs {
    /// Output: json, or a Go template such as '{{.Client.Version}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum SystemCommand {
    /// Remove all images, containers, volumes and state
    Reset(ResetArgs),
    /// Display rcon's system information
    Info(InfoArgs),
    /// Remove stopped containers, unused networks, dangling images and the build cache
    Prune(super::prune::SystemPruneArgs),
    /// Show rcon's disk usage
    Df(super::df::DfArgs),
    /// Serve the Docker Engine API (for the docker CLI, docker-compose, SDKs) on a socket
    Service(ServiceArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ServiceArgs {
    /// Exit after this many seconds without a connection (0: never)
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5)]
    pub(crate) time: u64,
    /// Where to listen: unix://PATH or tcp://HOST:PORT (default: unix://$XDG_RUNTIME_DIR/rcon/rcon.sock)
    #[arg(value_name = "URI")]
    pub(crate) uri: Option<String>,
    /// The service's own helper: runs detached exec session ID and records its exit code
    #[arg(long, value_name = "ID", hide = true)]
    pub(crate) run_exec: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionArgs {
    /// The shell to print the completion script for
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

pub(super) fn dispatch(ctx: &Context, cmd: SystemCommand) -> anyhow::Result<i32> {
    match cmd {
        SystemCommand::Reset(a) => reset(ctx, &a),
        SystemCommand::Info(a) => info(ctx, &a),
        SystemCommand::Prune(a) => super::prune::system_prune(ctx, &a),
        SystemCommand::Df(a) => super::df::df(ctx, &a),
        SystemCommand::Service(a) => service(ctx, &a),
    }
}

pub(crate) fn uname() -> (String, String) {
    match nix::sys::utsname::uname() {
        Ok(u) => (
            u.release().to_string_lossy().into_owned(),
            u.nodename().to_string_lossy().into_owned(),
        ),
        Err(_) => (String::new(), String::new()),
    }
}

/// Go's architecture names, as images and Podman use them.
pub(crate) fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "arm" => "arm",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        other => other,
    }
}

fn version_value() -> Value {
    // Built: when this program's file was written (Podman records its build time).
    let built = std::env::current_exe()
        .and_then(|p| p.metadata())
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    json!({
        "APIVersion": env!("CARGO_PKG_VERSION"),
        "Version": env!("CARGO_PKG_VERSION"),
        "Built": built,
        "BuiltTime": crate::util::time::rfc3339(built as i64),
        "OsArch": format!("linux/{}", go_arch()),
        "Os": "linux",
    })
}

/// The storage driver a new container would get: the requested one, else what `auto` picks here.
pub(crate) fn storage_driver(ctx: &Context) -> anyhow::Result<&'static str> {
    let requested = ctx
        .global
        .storage_driver
        .and_then(|d| d.to_possible_value().map(|v| v.get_name().to_string()))
        .or_else(|| {
            ctx.global
                .storage_driver
                .is_none()
                .then(|| crate::storage::configured(&ctx.paths))
                .flatten()
        });
    Ok(crate::storage::choose(requested.as_deref())?.name())
}

/// The cgroup manager in effect: `systemd` or `cgroupfs`.
pub(crate) fn cgroup_manager(ctx: &Context) -> &'static str {
    match ctx.global.cgroup_manager {
        Some(super::CgroupManager::Systemd) => "systemd",
        Some(super::CgroupManager::Cgroupfs) => "cgroupfs",
        None => match crate::linux::cgroup::default_manager() {
            crate::linux::cgroup::Manager::Systemd => "systemd",
            crate::linux::cgroup::Manager::Cgroupfs => "cgroupfs",
        },
    }
}

pub(super) fn info(ctx: &Context, a: &InfoArgs) -> anyhow::Result<i32> {
    let idmap = IdMap::detect();
    let conf = RegistriesConf::load(&ctx.paths)?;
    let images = index::read(&ctx.paths.storage())
        .map(|i| i.images.len())
        .unwrap_or(0);
    let (kernel, hostname) = uname();
    let ranges = |r: &[crate::linux::idmap::IdRange]| -> Vec<Value> {
        r.iter()
            .map(|x| json!({"container_id": x.inside, "host_id": x.outside, "size": x.count}))
            .collect()
    };
    let driver = storage_driver(ctx)?;
    let cgroup_v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    let cconf = crate::config::containers_conf::ContainersConf::current();
    let cgroup_manager = cgroup_manager(ctx);
    let value = json!({
        "host": {
            "arch": go_arch(),
            "os": "linux",
            "kernel": kernel,
            "hostname": hostname,
            "cgroupVersion": if cgroup_v2 { "v2" } else { "v1" },
            "distribution": distribution(),
            "logDriver": cconf.log_driver(),
            "eventLogger": crate::events::Backend::current(&ctx.paths).name(),
            "rootlessNetworkCmd": crate::network::default_cmd(),
            // Named networks are rcon's own: the per-user bridge holder and its DNS.
            "networkBackend": "rcon",
            "cgroupManager": cgroup_manager,
            // rcon starts containers itself: no separate OCI runtime.
            "ociRuntime": {
                "name": "rcon",
                "path": std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default(),
                "package": "",
                "version": format!("rcon version {}", env!("CARGO_PKG_VERSION")),
            },
            "idMappings": {"uidmap": ranges(&idmap.uids), "gidmap": ranges(&idmap.gids)},
            "idMapper": idmap.describe(),
            "security": {
                "rootless": !nix::unistd::geteuid().is_root(),
                "seccompEnabled": true,
                "seccompProfilePath": crate::linux::seccomp::Choice::from(cconf.seccomp()).describe(),
            },
        },
        "store": {
            "graphRoot": ctx.paths.storage().display().to_string(),
            "runRoot": ctx.paths.runroot.display().to_string(),
            "graphDriverName": driver,
            "volumePath": ctx.paths.volumes().display().to_string(),
            // rcon's drivers take no options.
            "graphOptions": {},
            "imageStore": {"number": images},
        },
        "registries": {
            "search": conf.search_registries(),
            "sources": conf.sources().iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        },
        "version": version_value(),
        "containersConf": {
            "files": crate::config::containers_conf::ContainersConf::files(&ctx.paths)
                .iter()
                .filter(|p| p.exists())
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>(),
            "stopTimeout": cconf.stop_timeout(),
            "healthcheckEvents": cconf.healthcheck_events(),
            "imageDefaultTransport": cconf.image_default_transport(),
            "eventsLogfileMaxSize": cconf.events_logfile_max_size(),
        },
    });
    match a.format.as_deref() {
        None => print!("{}", yaml(&value, 0)),
        Some(f) if f.trim() == "json" => println!("{}", serde_json::to_string_pretty(&value)?),
        Some(f) => print_rows(&Format::parse(Some(f))?, &[go_keys(&value)], &[])?,
    }
    Ok(0)
}

pub(super) fn version(a: &VersionArgs) -> anyhow::Result<i32> {
    // Local: the server is this same program, as Podman shows it without --remote.
    let v = json!({"Client": version_value(), "Server": version_value()});
    match a.format.as_deref() {
        None => {
            println!("Version:      {}", env!("CARGO_PKG_VERSION"));
            println!("API Version:  {}", env!("CARGO_PKG_VERSION"));
            println!("OS/Arch:      linux/{}", go_arch());
        }
        Some(f) if f.trim() == "json" => println!("{}", serde_json::to_string_pretty(&v)?),
        Some(f) => print_rows(&Format::parse(Some(f))?, &[v], &[])?,
    }
    Ok(0)
}

/// `host.graphRoot` → `Host.GraphRoot`: JSON keys as the Go struct fields templates name.
/// The host's distribution from /etc/os-release (`ID`, `VERSION_ID`, `VERSION_CODENAME`), as
/// Podman's `info` shows it; empty strings where the file says nothing.
fn distribution() -> Value {
    let text = std::fs::read_to_string("/etc/os-release")
        .or_else(|_| std::fs::read_to_string("/usr/lib/os-release"))
        .unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    json!({
        "distribution": field("ID"),
        "version": field("VERSION_ID"),
        "codename": field("VERSION_CODENAME"),
    })
}

fn go_keys(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, val) in m {
                // Podman's Go field where it differs from its JSON key.
                let key: String = match k.as_str() {
                    "cgroupVersion" => "CgroupsVersion".to_string(),
                    _ => {
                        let mut c = k.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default()
                    }
                };
                out.insert(key, go_keys(val));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(go_keys).collect()),
        other => other.clone(),
    }
}

/// A small YAML rendering of a JSON value, the form `podman info` prints by default.
fn yaml(v: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match v {
        Value::Object(m) => {
            for (k, val) in m {
                match val {
                    Value::Object(inner) if !inner.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n{}", yaml(val, indent + 2)));
                    }
                    Value::Array(items) if !items.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        for item in items {
                            let body = yaml(item, indent + 2);
                            let body = body.trim_start();
                            out.push_str(&format!("{pad}- {body}"));
                            if !body.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(val))),
                }
            }
        }
        other => out.push_str(&format!("{}\n", scalar(other))),
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "\"\"".into(),
        Value::String(s) => s.clone(),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
        other => other.to_string(),
    }
}

/// Asks `question [y/N]` on stderr and reads the answer from stdin, as Podman does; end of
/// input means no.
pub(super) fn confirm(question: &str) -> anyhow::Result<bool> {
    eprint!("{question}\nAre you sure you want to continue? [y/N] ");
    io::stderr().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    if !io::stdin().is_terminal() && line.is_empty() {
        eprintln!();
    }
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "Yes"))
}

fn reset(ctx: &Context, a: &ResetArgs) -> anyhow::Result<i32> {
    if !a.force
        && !confirm(&format!(
            "WARNING! This will remove all images, containers, volumes and state in {} and {}.",
            ctx.paths.root.display(),
            ctx.paths.runroot.display()
        ))?
    {
        return Ok(0);
    }
    // Every container stops first (pods' members before their infra): nothing keeps running
    // on a store that is gone.
    if let Ok(mut all) = crate::container::list::all(&ctx.paths) {
        all.sort_by_key(|(r, _)| r.pod.as_ref().is_some_and(|p| p.infra));
        for (r, _) in all {
            if let Err(e) = crate::container::create::remove(&ctx.paths, &r.id, true) {
                log::warn!("container {}: {e}", r.name);
            }
        }
    }
    let idmap = IdMap::detect();
    for dir in [&ctx.paths.root, &ctx.paths.runroot] {
        if dir.exists() {
            crate::ipc::helper::remove_tree(&idmap, dir)?;
        }
    }
    Ok(0)
}

pub(super) fn completion(a: &CompletionArgs) -> anyhow::Result<i32> {
    let mut out = io::stdout().lock();
    out.write_all(&super::docs::completion(a.shell))?;
    Ok(0)
}

/// The clap command tree, for docs and completions.
pub(super) fn command() -> clap::Command {
    Cli::command()
}

/// `system service`: serves the Docker API until idle (or for ever with `--time 0`).
fn service(ctx: &Context, a: &ServiceArgs) -> anyhow::Result<i32> {
    use crate::api::server;
    if let Some(id) = &a.run_exec {
        return crate::api::run_detached_exec(ctx, id);
    }
    let listener = match server::activated()? {
        Some(l) => l,
        None => {
            ctx.paths.ensure_runroot()?;
            server::bind(a.uri.as_deref(), &ctx.paths.runroot)?
        }
    };
    let idle = (a.time > 0).then(|| std::time::Duration::from_secs(a.time));
    server::run(ctx.clone(), listener, idle)?;
    Ok(0)
}
