//! `rcon generate systemd`: a systemd user unit for a container, in the shape of Podman's
//! `generate systemd`.
//!
//! Deprecated as in Podman 5, in favour of Quadlet (`rcon quadlet`, src/quadlet): it still
//! works, and says so on standard error.
//!
//! The unit runs rcon in the foreground as its main process: with `--new`, `rcon run --rm
//! --replace --sdnotify=conmon …` creates the container afresh from its create command on
//! every start (and `ExecStopPost` removes what a killed rcon left), as Podman's units do;
//! without, `rcon start --attach` starts the existing one. rcon says READY=1 (Type=notify)
//! once the container runs; the container's supervisor lives in a scope of its own (its
//! limits), so the unit's stop reaches the container through `rcon stop`, and rcon exits with
//! the container's code, which systemd records (ExecMainStatus, and the journal has the
//! container's output).
use super::Context;
use crate::container::list;
use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `rcon generate …`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum GenerateCommand {
    /// Generate a systemd user unit that runs a container
    Systemd(SystemdArgs),
}

// `rcon generate systemd`.
#[derive(Debug, Args)]
pub(crate) struct SystemdArgs {
    /// Create a new container on every start (from the container's create command)
    #[arg(long)]
    pub(crate) new: bool,
    /// Name the unit after the container's name, not its ID
    #[arg(short, long)]
    pub(crate) name: bool,
    /// Write the unit to ./container-<name>.service and print its path
    #[arg(short, long)]
    pub(crate) files: bool,
    /// Restart policy of the unit: no, on-success, on-failure, on-abnormal, on-watchdog,
    /// on-abort or always
    #[arg(long, value_name = "POLICY", default_value = "on-failure")]
    pub(crate) restart_policy: String,
    /// Seconds systemd waits before restarting the unit
    #[arg(long, value_name = "SECONDS")]
    pub(crate) restart_sec: Option<u32>,
    /// Seconds the container gets to stop before it is killed
    #[arg(short, long, value_name = "SECONDS", default_value_t = 10)]
    pub(crate) time: u32,
    /// Prefix of the unit name
    #[arg(long, value_name = "PREFIX", default_value = "container")]
    pub(crate) container_prefix: String,
    /// Container name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

const POLICIES: [&str; 7] = [
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
];

pub(super) fn dispatch(ctx: &Context, c: GenerateCommand) -> anyhow::Result<i32> {
    match c {
        GenerateCommand::Systemd(a) => systemd(ctx, &a),
    }
}

fn systemd(ctx: &Context, a: &SystemdArgs) -> anyhow::Result<i32> {
    // As Podman 5 does: the command works, and points at Quadlet on standard error.
    eprintln!(
        "DEPRECATED command:\nQuadlet is the recommended way to run containers and pods under \
         systemd: see `rcon quadlet --help` and podman-systemd.unit(5).\n"
    );
    if !POLICIES.contains(&a.restart_policy.as_str()) {
        bail!(
            "--restart-policy {:?}: expected one of {}",
            a.restart_policy,
            POLICIES.join(", ")
        );
    }
    let record = list::find(&ctx.paths, &a.container)?;
    let exe = std::env::current_exe().context("cannot find rcon's own path")?;
    let exe = exe.display().to_string();
    let unit_name = format!(
        "{}-{}.service",
        a.container_prefix,
        if a.name || a.new {
            record.name.as_str()
        } else {
            &record.id[..12]
        }
    );
    let exec = if a.new {
        let cmd: Vec<String> = record
            .extra
            .get("CreateCommand")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        if cmd.len() < 2 {
            bail!(
                "container {} has no create command to run again: generate without --new",
                record.name
            );
        }
        let mut argv = vec![quote(&exe)];
        argv.extend(
            new_run_args(&cmd[1..], &record.name)?
                .iter()
                .map(|s| quote(s)),
        );
        argv.join(" ")
    } else {
        format!("{} start --attach {}", quote(&exe), quote(&record.name))
    };
    let global = global_args(ctx);
    let stop = format!(
        "{} {global}stop --ignore -t {} {}",
        quote(&exe),
        a.time,
        quote(&record.name)
    );
    let stop_post = a.new.then(|| {
        format!(
            "{} {global}rm -f --ignore -t {} {}",
            quote(&exe),
            a.time,
            quote(&record.name)
        )
    });
    let unit = unit_text(&UnitParts {
        unit_name: &unit_name,
        container: &record.name,
        exec: &exec,
        stop: &stop,
        stop_post: stop_post.as_deref(),
        restart: &a.restart_policy,
        restart_sec: a.restart_sec,
        stop_timeout: a.time + 60,
        notify: a.new,
    });
    if a.files {
        let path = PathBuf::from(&unit_name);
        std::fs::write(&path, unit).with_context(|| format!("cannot write {unit_name}"))?;
        println!("{}", std::env::current_dir()?.join(path).display());
    } else {
        print!("{unit}");
    }
    Ok(0)
}

/// `--root`/`--runroot`/`--storage-driver` as this rcon was given them, for the stop command.
fn global_args(ctx: &Context) -> String {
    let mut s = String::new();
    if let Some(r) = &ctx.global.root {
        s.push_str(&format!("--root {} ", quote(&r.display().to_string())));
    }
    if let Some(r) = &ctx.global.runroot {
        s.push_str(&format!("--runroot {} ", quote(&r.display().to_string())));
    }
    s
}

struct UnitParts<'a> {
    unit_name: &'a str,
    container: &'a str,
    exec: &'a str,
    stop: &'a str,
    stop_post: Option<&'a str>,
    restart: &'a str,
    restart_sec: Option<u32>,
    stop_timeout: u32,
    notify: bool,
}

fn unit_text(p: &UnitParts) -> String {
    let restart_sec = p
        .restart_sec
        .map(|s| format!("RestartSec={s}\n"))
        .unwrap_or_default();
    let stop_post = p
        .stop_post
        .map(|s| format!("ExecStopPost={s}\n"))
        .unwrap_or_default();
    let kind = if p.notify {
        "Type=notify\nNotifyAccess=all\n"
    } else {
        "Type=simple\n"
    };
    format!(
        "# {unit}\n\
         # generated by rcon {version}\n\
         \n\
         [Unit]\n\
         Description=rcon container {container}\n\
         Documentation=man:rcon-generate-systemd(1)\n\
         Wants=network-online.target\n\
         After=network-online.target\n\
         \n\
         [Service]\n\
         Environment=RCON_SYSTEMD_UNIT=%n\n\
         Restart={restart}\n\
         {restart_sec}\
         TimeoutStopSec={timeout}\n\
         ExecStart={exec}\n\
         ExecStop={stop}\n\
         {stop_post}\
         # SIGTERM's code (the container's answer to a stop) is a clean stop, not a failure.\n\
         SuccessExitStatus=143\n\
         {kind}\
         \n\
         [Install]\n\
         WantedBy=default.target\n",
        unit = p.unit_name,
        version = env!("CARGO_PKG_VERSION"),
        container = p.container,
        restart = p.restart,
        timeout = p.stop_timeout,
        exec = p.exec,
        stop = p.stop,
    )
}

/// The create command (without argv[0]) turned into a foreground `run` for the unit: `run`
/// (for `create` too), `--rm`, `--replace`, `--sdnotify=conmon`, and `--name` when it had
/// none; `-d`, `--rm`, `--replace`, `--sdnotify` and `--cidfile` as given are dropped.
fn new_run_args(cmd: &[String], name: &str) -> anyhow::Result<Vec<String>> {
    let pos = cmd
        .iter()
        .position(|a| a == "run" || a == "create")
        .ok_or_else(|| anyhow::anyhow!("the create command {cmd:?} has no run or create"))?;
    let mut out: Vec<String> = cmd[..pos].to_vec();
    out.push("run".into());
    out.push("--rm".into());
    out.push("--replace".into());
    out.push("--sdnotify=conmon".into());
    let mut has_name = false;
    let mut rest = cmd[pos + 1..].iter().peekable();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-d" | "--detach" | "--rm" | "--replace" => continue,
            "--sdnotify" | "--cidfile" => {
                rest.next();
                continue;
            }
            a if a.starts_with("--sdnotify=")
                || a.starts_with("--cidfile=")
                || a.starts_with("--detach=") =>
            {
                continue
            }
            "--name" => has_name = true,
            a if a.starts_with("--name=") => has_name = true,
            _ => {}
        }
        out.push(arg.clone());
    }
    if !has_name {
        out.insert(pos + 4, format!("--name={name}"));
    }
    Ok(out)
}

/// Quotes a word for systemd's command lines when it needs it.
fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        return s.replace('%', "%%");
    }
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('%', "%%")
            .replace('$', "$$")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn the_create_command_becomes_a_foreground_replacing_run() {
        let got = new_run_args(
            &v(&[
                "--root", "/r", "run", "-d", "--rm", "--name", "web", "busybox", "sleep", "9",
            ]),
            "web",
        )
        .unwrap();
        assert_eq!(
            got,
            v(&[
                "--root",
                "/r",
                "run",
                "--rm",
                "--replace",
                "--sdnotify=conmon",
                "--name",
                "web",
                "busybox",
                "sleep",
                "9"
            ])
        );
    }

    #[test]
    fn a_create_without_a_name_gets_one_and_old_notify_flags_go() {
        let got = new_run_args(
            &v(&["create", "--sdnotify", "ignore", "--cidfile=/x", "busybox"]),
            "happy_turing",
        )
        .unwrap();
        assert_eq!(
            got,
            v(&[
                "run",
                "--rm",
                "--replace",
                "--sdnotify=conmon",
                "--name=happy_turing",
                "busybox"
            ])
        );
    }

    #[test]
    fn words_are_quoted_for_systemd() {
        assert_eq!(quote("busybox"), "busybox");
        assert_eq!(quote("50%"), "50%%");
        assert_eq!(quote("echo hi"), "\"echo hi\"");
        assert_eq!(quote("a\"b$c"), "\"a\\\"b$$c\"");
    }

    #[test]
    fn units_are_notify_with_the_restart_policy() {
        let u = unit_text(&UnitParts {
            unit_name: "container-web.service",
            container: "web",
            exec: "/usr/bin/rcon run --replace --sdnotify=conmon --name web busybox",
            stop: "/usr/bin/rcon stop --ignore -t 10 web",
            stop_post: Some("/usr/bin/rcon rm -f --ignore -t 10 web"),
            restart: "on-failure",
            restart_sec: Some(1),
            stop_timeout: 70,
            notify: true,
        });
        assert!(u.contains("\nType=notify\nNotifyAccess=all\n"), "{u}");
        assert!(u.contains("\nRestart=on-failure\nRestartSec=1\n"), "{u}");
        assert!(u.contains("\nExecStart=/usr/bin/rcon run --replace"), "{u}");
        assert!(
            u.contains("\nExecStopPost=/usr/bin/rcon rm -f --ignore"),
            "{u}"
        );
        assert!(u.contains("\nWantedBy=default.target\n"), "{u}");
    }
}
