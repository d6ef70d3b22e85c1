//! `rcon quadlet list|print|install|rm`: the user's quadlet files, as Podman 5.6 manages
//! them. Files are installed into the first search folder (`~/.config/containers/systemd`, or
//! `/etc/containers/systemd` for root) and systemd is told to reload, which runs the
//! generator (see [`super::quadlet_gen`]).
use super::format::{print_rows_heading, Format};
use super::quadlet_gen::{install_dir, load, scan, search_dirs};
use crate::quadlet::Kind;
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args, Subcommand};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum QuadletCommand {
    /// Install quadlet files (and the files they use) for the current user
    Install(InstallArgs),
    /// List the installed quadlets
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Print the contents of a quadlet file
    Print(PrintArgs),
    /// Remove quadlet files
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
}

#[derive(Debug, Args)]
pub(crate) struct InstallArgs {
    /// Reload systemd after installing (systemctl daemon-reload)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) reload_systemd: bool,
    /// Replace files that are installed already
    #[arg(long)]
    pub(crate) replace: bool,
    /// A quadlet file, or a folder whose files are installed together
    #[arg(value_name = "PATH")]
    pub(crate) path: PathBuf,
    /// More files to install beside it (YAML, Containerfiles, drop-ins …)
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format: json, a Go template, or `table …`
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Only the quadlets that match: name=PATTERN
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    /// Leave out the header
    #[arg(long)]
    pub(crate) noheading: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PrintArgs {
    /// The quadlet file's name (web.container)
    #[arg(value_name = "QUADLET")]
    pub(crate) name: String,
}

#[derive(Debug, Args)]
pub(crate) struct RmArgs {
    /// Stop the quadlet's service first when it runs
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Remove every installed quadlet
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Ignore quadlets that are not installed
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Reload systemd after removing (systemctl daemon-reload)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) reload_systemd: bool,
    /// The quadlet files' names (web.container)
    #[arg(value_name = "QUADLET")]
    pub(crate) names: Vec<String>,
}

fn user() -> bool {
    !nix::unistd::getuid().is_root()
}

pub(super) fn dispatch(c: QuadletCommand) -> anyhow::Result<i32> {
    match c {
        QuadletCommand::Install(a) => install(&a),
        QuadletCommand::List(a) => list(&a),
        QuadletCommand::Print(a) => print(&a),
        QuadletCommand::Rm(a) => rm(&a),
    }
}

/// `systemctl [--user] args`; its stdout, or why it failed.
fn systemctl(args: &[&str]) -> anyhow::Result<String> {
    let mut cmd = std::process::Command::new("systemctl");
    if user() {
        cmd.arg("--user");
    }
    let out = cmd
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .context("cannot run systemctl")?;
    if !out.status.success() {
        bail!(
            "systemctl {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn reload() -> anyhow::Result<()> {
    systemctl(&["daemon-reload"]).context(
        "the files are in place but systemd was not reloaded (run `systemctl --user \
         daemon-reload`, or pass --reload-systemd=false)",
    )?;
    Ok(())
}

fn install(a: &InstallArgs) -> anyhow::Result<i32> {
    let shown = a.path.display().to_string();
    if shown.contains("://") {
        bail!("{shown}: rcon installs local files only: download it first, then install the file");
    }
    let mut files = Vec::new();
    if a.path.is_dir() {
        let read = std::fs::read_dir(&a.path).with_context(|| format!("cannot read {shown}"))?;
        for e in read.filter_map(Result::ok) {
            if e.path().is_file() {
                files.push(e.path());
            }
        }
        files.sort();
    } else if a.path.is_file() {
        files.push(a.path.clone());
    } else {
        bail!("{shown}: no such file or folder");
    }
    for f in &a.files {
        if !f.is_file() {
            bail!("{}: no such file", f.display());
        }
        files.push(f.clone());
    }
    let name_of = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    if !files
        .iter()
        .any(|f| name_of(f).is_some_and(|n| Kind::of(&n).is_some()))
    {
        bail!(
            "{shown}: no quadlet file (.container, .volume, .network, .pod, .kube, .image or \
             .build) to install"
        );
    }
    let dir = install_dir(user());
    // Every check before the first copy: nothing half-installed.
    for f in &files {
        let target = dir.join(name_of(f).unwrap_or_default());
        if target.exists() && !a.replace {
            bail!(
                "{} is installed already ({}): use --replace, or `rcon quadlet rm` first",
                name_of(f).unwrap_or_default(),
                target.display()
            );
        }
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for f in &files {
        let target = dir.join(name_of(f).unwrap_or_default());
        let data = std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
        crate::util::fs::atomic_write(&target, &data)
            .with_context(|| format!("cannot write {}", target.display()))?;
        println!("{}", target.display());
    }
    if a.reload_systemd {
        reload()?;
    }
    Ok(0)
}

/// `ActiveState/SubState` of a service, or "Not loaded".
fn status(service: &str) -> String {
    match systemctl(&[
        "show",
        "--property=LoadState,ActiveState,SubState",
        "--value",
        service,
    ]) {
        Ok(out) => {
            let v: Vec<&str> = out.lines().collect();
            match v.as_slice() {
                ["loaded", active, sub, ..] => format!("{active}/{sub}"),
                _ => "Not loaded".into(),
            }
        }
        Err(_) => "Not loaded".into(),
    }
}

fn list(a: &ListArgs) -> anyhow::Result<i32> {
    let format = Format::parse(a.format.as_deref())?;
    let mut patterns = Vec::new();
    for f in &a.filter {
        match f.split_once('=') {
            Some(("name", p)) => patterns.push(
                regex::Regex::new(p).with_context(|| format!("--filter {f:?}: bad pattern"))?,
            ),
            _ => bail!("--filter {f:?}: rcon filters quadlets by name=PATTERN"),
        }
    }
    let user = user();
    let found = scan(&search_dirs(user), user);
    let mut rows = Vec::new();
    for (name, path) in &found.files {
        if !patterns.iter().all(|p| p.is_match(name)) {
            continue;
        }
        let unit = match load(&found, name, path) {
            Ok(src) => crate::quadlet::service_of(&src),
            Err(e) => {
                log::warn!("{e}");
                continue;
            }
        };
        rows.push(json!({
            "Name": name,
            "UnitName": unit,
            "Path": path.display().to_string(),
            "Status": status(&unit),
        }));
    }
    print_rows_heading(
        &format,
        &rows,
        &[
            ("NAME", "{{.Name}}"),
            ("UNIT NAME", "{{.UnitName}}"),
            ("PATH ON DISK", "{{.Path}}"),
            ("STATUS", "{{.Status}}"),
        ],
        !a.noheading,
    )?;
    Ok(0)
}

fn print(a: &PrintArgs) -> anyhow::Result<i32> {
    let user = user();
    let found = scan(&search_dirs(user), user);
    let Some(path) = found.files.get(&a.name) else {
        bail!(
            "no quadlet named {}: see `rcon quadlet list` (give the file name, e.g. web.container)",
            a.name
        );
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    print!("{text}");
    Ok(0)
}

fn rm(a: &RmArgs) -> anyhow::Result<i32> {
    if a.all != a.names.is_empty() {
        bail!("quadlet rm needs the quadlets' names, or --all (not both)");
    }
    let user = user();
    let dir = install_dir(user);
    let found = scan(std::slice::from_ref(&dir), user);
    let names: Vec<String> = if a.all {
        found.files.keys().cloned().collect()
    } else {
        a.names.clone()
    };
    let mut code = 0;
    let mut removed = false;
    for name in names {
        let Some(path) = found.files.get(&name) else {
            if !a.ignore {
                eprintln!(
                    "Error: no quadlet {name} installed in {}: see `rcon quadlet list`",
                    dir.display()
                );
                code = 1;
            }
            continue;
        };
        let service = load(&found, &name, path)
            .map(|s| crate::quadlet::service_of(&s))
            .ok();
        if let Some(service) = &service {
            let st = status(service);
            if st.starts_with("active/") || st.starts_with("activating/") {
                if !a.force {
                    eprintln!(
                        "Error: {name}: its service {service} is running: stop it first, or use --force"
                    );
                    code = code.max(125);
                    continue;
                }
                systemctl(&["stop", service])?;
            }
        }
        std::fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))?;
        let dropins = dir.join(format!("{name}.d"));
        if dropins.is_dir() {
            std::fs::remove_dir_all(&dropins)
                .with_context(|| format!("cannot remove {}", dropins.display()))?;
        }
        removed = true;
        println!("{name}");
    }
    if removed && a.reload_systemd {
        reload()?;
    }
    Ok(code)
}
