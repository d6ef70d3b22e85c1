//! `rcon exec`: runs a command in a running container, as Podman's `exec` does.
//!
//! The CLI joins the container's namespaces itself (user first, then mount, pid, uts, ipc,
//! net, cgroup; [`nsenter::Namespaces::join`]) while it is single-threaded, resolves the user,
//! environment, capabilities and command inside, and forks the command
//! ([`exec::spawn`]). It then relays: pipes for stdout and stderr (and stdin with `-i`), or
//! with `-t` a pty opened from the container's own /dev/pts, the user's terminal in raw mode,
//! resizes (SIGWINCH) and the detach keys. Signals the user sends rcon go to the command. The
//! exit code is the command's; 126 when it cannot be invoked, 127 when it is not found, 125
//! when rcon itself fails.
//!
//! When the user could write rcon's file, `exec` first re-executes itself from a sealed copy
//! ([`crate::linux::sealed_exe`]): an image whose command is a link to `/proc/self/exe` then
//! runs (and can reach) only that copy.
use super::exec_relay::{copy_window_size, Relay, Signals};
use super::Context;
use crate::container::list;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::runconfig;
use crate::container::state::{self, State, Status};
use crate::linux::caps;
use crate::linux::nsenter::{self, Init, NsenterError, Target};
use crate::linux::user;
use crate::runtime::exec::{self, ChildStdio};
use crate::runtime::exec_plan::{build_env, capabilities, default_user};
use crate::runtime::startup::{Command, Credentials, Fds, Plan, Rlimit, Session, EXIT_NOT_FOUND};
use anyhow::Context as _;
use clap::Args;
use nix::unistd::Pid;
use oci_spec::runtime::Spec;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::PathBuf;
use std::sync::Arc;

// `rcon exec`.
#[derive(Debug, Args)]
pub(crate) struct ExecArgs {
    /// Run the command in the background; it is reparented to the container's first process
    #[arg(short, long)]
    pub(crate) detach: bool,
    /// Keys that detach from a `-it` session, leaving the command running (empty: none)
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub(crate) detach_keys: String,
    /// Set an environment variable (NAME=VALUE, or NAME for the host's value)
    #[arg(short, long = "env", value_name = "NAME=VALUE")]
    pub(crate) env: Vec<String>,
    /// Read environment variables from a file of NAME=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub(crate) env_file: Vec<PathBuf>,
    /// Pass stdin to the command
    #[arg(short, long)]
    pub(crate) interactive: bool,
    /// Pass N more descriptors (3 to 3+N-1) to the command
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) preserve_fds: u32,
    /// Give the command every capability
    #[arg(long)]
    pub(crate) privileged: bool,
    /// Give the command a pseudo-terminal
    #[arg(short, long)]
    pub(crate) tty: bool,
    /// Run as this user: NAME or UID, optionally :GROUP or :GID (the container's own files)
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub(crate) user: Option<String>,
    /// Working folder inside the container (default: the container's)
    #[arg(short, long, value_name = "DIR")]
    pub(crate) workdir: Option<String>,
    /// Container name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
    /// The command and its arguments
    #[arg(
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) command: Vec<String>,
}

/// A running container, found and checked: its record, state and first process.
pub(super) struct Running {
    pub(crate) record: ContainerRecord,
    pub(crate) paths: ContainerPaths,
    pub(crate) init: Init,
    /// Its supervisor's pid (its cgroup leaf's sibling, where there is one).
    pub(crate) supervisor_pid: i32,
    /// Frozen by `rcon pause`.
    pub(crate) paused: bool,
}

/// The container `name` names, when it runs; otherwise one line saying how to start it.
pub(super) fn find_running(ctx: &Context, name: &str) -> anyhow::Result<Running> {
    let record = list::find(&ctx.paths, name)?;
    let paths = ContainerPaths::new(&ctx.paths, &record.id);
    let st: State = state::read_corrected(&paths.state(), &paths.lock())
        .with_context(|| format!("cannot read the state of container {}", record.name))?;
    let not_running = || {
        anyhow::anyhow!(
            "container {0} is not running: start it with `rcon start {0}`",
            record.name
        )
    };
    if !matches!(st.status, Status::Running | Status::Paused) {
        return Err(not_running());
    }
    let init = match Init::open(&Target::from(&st)) {
        Ok(init) => init,
        Err(NsenterError::NotRunning) => return Err(not_running()),
        Err(e) => return Err(e.into()),
    };
    Ok(Running {
        record,
        paths,
        init,
        supervisor_pid: st.supervisor_pid,
        paused: st.status == Status::Paused,
    })
}

/// What was decided on the host side, before joining the container.
struct HostSide {
    spec: Spec,
    /// The container's compiled seccomp filter.
    seccomp: Option<crate::linux::seccomp::Filter>,
    /// `-e` and `--env-file`, in order.
    env: Vec<(String, String)>,
    detach_keys: Vec<u8>,
}

pub(super) fn exec(ctx: &Context, a: &ExecArgs) -> anyhow::Result<i32> {
    // First, before rcon opens anything that could take one of their numbers.
    for fd in 3..3 + a.preserve_fds as RawFd {
        if nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GETFD).is_err() {
            anyhow::bail!(
                "--preserve-fds {}: descriptor {fd} is not open: open descriptors 3 to {} first",
                a.preserve_fds,
                2 + a.preserve_fds
            );
        }
    }
    // Before anything that should not run twice: when the user could write rcon's file, this
    // process (and so the command it starts inside) runs from a sealed copy instead.
    crate::linux::sealed_exe::warn_if_exposed();
    crate::linux::sealed_exe::ensure_sealed()?;
    if let Some(u) = &a.user {
        runconfig::parse_user(u)?;
    }
    if let Some(w) = &a.workdir {
        runconfig::parse_workdir(w)?;
    }
    let detach_keys = super::attach::detach_sequence(&a.detach_keys)?;
    let running = find_running(ctx, &a.container)?;
    if running.paused {
        anyhow::bail!(
            "container {0} is paused: unpause it first with `rcon unpause {0}`",
            running.record.name
        );
    }
    // Into the container's cgroup first, while still in the host's namespaces: what the command
    // runs counts against the container's limits.
    if let Some(leaf) = crate::linux::cgroup::leaf_of(running.supervisor_pid) {
        if let Err(e) = crate::linux::cgroup::join_leaf(&leaf) {
            log::warn!(
                "the command runs outside container {}'s cgroup, so its limits do not apply \
                 to it: {e}",
                running.record.name
            );
        }
    }
    let mut spec: Spec = crate::util::fs::read_json(&running.paths.spec())
        .with_context(|| format!("cannot read {}", running.paths.spec().display()))?
        .with_context(|| {
            format!(
                "{} is missing: remove the container and create it again",
                running.paths.spec().display()
            )
        })?;
    crate::container::secrets::add_env(&running.paths.dir, &mut spec)
        .context("cannot read the container's secrets")?;
    // Read on the host, before the namespaces change.
    let seccomp = crate::linux::seccomp::Filter::for_spec(&spec, &running.paths.dir)?;
    let host = HostSide {
        seccomp,
        spec,
        env: host_env(a)?,
        detach_keys,
    };
    // Opened here: `run_inside` leaves the host's mount namespace.
    let recorder = crate::events::Prepared::open(&ctx.paths);
    let record = &running.record;
    record.note(&ctx.paths, "exec");
    let code = run_inside(&running, a, host)?;
    if !a.detach {
        let died = record.event("exec_died").with_exit_code(code);
        if !record.build {
            recorder.record(&ctx.paths, died);
        }
    }
    Ok(code)
}

/// `-e` then `--env-file`, read on the host (Podman applies the files first, then `-e`).
fn host_env(a: &ExecArgs) -> anyhow::Result<Vec<(String, String)>> {
    let lookup = |k: &str| std::env::var(k).ok();
    let mut env = Vec::new();
    for file in &a.env_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read --env-file {}", file.display()))?;
        env.extend(runconfig::parse_env_file(&text, &lookup)?);
    }
    for e in &a.env {
        env.extend(runconfig::parse_env("--env", e, &lookup)?);
    }
    Ok(env)
}

/// Joins the container, prepares the command and runs it.
fn run_inside(running: &Running, a: &ExecArgs, host: HostSide) -> anyhow::Result<i32> {
    let init = &running.init;
    let set_groups = init.setgroups_allowed();
    let id_map = |file: &str| {
        std::fs::read_to_string(format!("/proc/{}/{file}", init.pid())).unwrap_or_default()
    };
    let (uid_map, gid_map) = (id_map("uid_map"), id_map("gid_map"));
    init.namespaces()?.join()?;

    // From here on our root is the container's: every path below is the container's own.
    let root = open_root()?;
    let passwd = read_text(root.as_fd(), "/etc/passwd");
    let group = read_text(root.as_fd(), "/etc/group");
    let process = host.spec.process().clone().unwrap_or_default();
    let user_spec = match &a.user {
        Some(u) => u.clone(),
        None => default_user(&process, &running.record.user),
    };
    let mut user = user::resolve(
        &user_spec,
        &user::parse_passwd(&passwd),
        &user::parse_group(&group),
        &[],
    )?;
    for g in process.user().additional_gids().iter().flatten() {
        if !user.groups.contains(g) {
            user.groups.push(*g);
        }
    }
    // Single-uid mode maps only root: say so rather than fail in setresuid.
    user::check_mapped(&user, &uid_map, &gid_map)?;
    let env = build_env(&process, &host.env, a.tty, &user.home);
    if a.command[0].is_empty() {
        eprintln!("Error: the command is empty");
        return Ok(EXIT_NOT_FOUND);
    }
    // The `$PATH` search happens in the child, inside the container, as for its first process.
    let env: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let command = Command::new(&a.command, &env)?;
    let cwd = a
        .workdir
        .clone()
        .unwrap_or_else(|| process.cwd().display().to_string());
    let cwd = if cwd.is_empty() { "/".into() } else { cwd };
    let plan = Plan {
        // The CLI joined the container's namespaces already.
        container: None,
        session: Session {
            // The pty is the user's already (`Ends::pty`).
            own_terminal: false,
            controlling_terminal: a.tty && !a.detach,
        },
        rlimits: Rlimit::from_spec(&process)
            .into_iter()
            .map(Rlimit::within_callers_hard_limit)
            .collect(),
        seccomp: host.seccomp.map(Arc::new),
        no_new_privs: process.no_new_privileges().unwrap_or(false),
        caps: capabilities(&process, user.uid, a.privileged),
        user: Credentials {
            uid: user.uid,
            gid: user.gid,
            groups: user.groups.clone(),
            set_groups,
        },
        last_cap: caps::apply::last_cap(),
        die_with_parent: false,
        umask: process.user().umask().unwrap_or(0o022),
        cwd,
        fds: Fds::Preserve(a.preserve_fds),
        command,
        pid1: None,
    };
    let min_fd = 3 + a.preserve_fds as RawFd;
    if a.detach {
        let null = lift(open_dev_null()?, min_fd)?;
        let fd = null.as_raw_fd();
        let stdio = ChildStdio {
            stdin: fd,
            stdout: fd,
            stderr: fd,
        };
        return match exec::spawn(&plan, stdio, true) {
            Ok(_) => Ok(0),
            Err(e) => {
                eprintln!("Error: {e}");
                Ok(e.exit_code())
            }
        };
    }
    let ends = if a.tty {
        Ends::pty(user.uid, user.gid, min_fd)?
    } else {
        Ends::pipes(a.interactive, min_fd)?
    };
    // Blocked before the fork so no SIGCHLD or user signal is lost; the child unblocks them.
    let signals = Signals::block()?;
    let child = match exec::spawn(&plan, ends.child_stdio(), false) {
        Ok(pid) => Pid::from_raw(pid),
        Err(e) => {
            eprintln!("Error: {e}");
            return Ok(e.exit_code());
        }
    };
    let relay = ends.into_relay(a.interactive, host.detach_keys);
    Ok(relay.run(child, &signals)?)
}

fn open_root() -> anyhow::Result<OwnedFd> {
    open("/", libc::O_PATH | libc::O_DIRECTORY).context("cannot open the container's root")
}

fn open_dev_null() -> anyhow::Result<OwnedFd> {
    open("/dev/null", libc::O_RDWR).context("cannot open /dev/null in the container")
}

fn open(path: &str, flags: i32) -> io::Result<OwnedFd> {
    let file = std::fs::OpenOptions::new()
        .read(flags & libc::O_ACCMODE != libc::O_WRONLY)
        .write(flags & libc::O_ACCMODE == libc::O_RDWR)
        .custom_flags((flags & !libc::O_ACCMODE) | libc::O_NOCTTY)
        .open(path);
    use std::os::unix::fs::OpenOptionsExt;
    Ok(file?.into())
}

fn lift(fd: OwnedFd, min: RawFd) -> anyhow::Result<OwnedFd> {
    exec::lift(fd, min).context("cannot move a descriptor")
}

/// A small text file of the container, empty when missing or unusable.
fn read_text(root: BorrowedFd<'_>, path: &str) -> String {
    match nsenter::read_in_root(root, path, 4 << 20) {
        Ok(data) => String::from_utf8_lossy(&data).into_owned(),
        Err(e) => {
            if e.kind() != io::ErrorKind::NotFound {
                log::warn!("ignoring the container's {path}: {e}");
            }
            String::new()
        }
    }
}

/// The descriptors between rcon and the command.
struct Ends {
    /// What the child gets as 0, 1, 2.
    child: [OwnedFd; 3],
    /// Our side: where stdin goes (a pipe or the pty master).
    to_child: Option<OwnedFd>,
    /// Our side: what to copy to our stdout and stderr.
    from_child: Vec<(OwnedFd, RawFd)>,
    /// The pty master, with `-t`.
    master: Option<OwnedFd>,
}

impl Ends {
    /// Pipes for stdout and stderr, and for stdin with `-i` (else /dev/null).
    fn pipes(interactive: bool, min_fd: RawFd) -> anyhow::Result<Ends> {
        let pipe = || -> anyhow::Result<(OwnedFd, OwnedFd)> {
            let (r, w) =
                nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("cannot create a pipe")?;
            Ok((lift(r, min_fd)?, lift(w, min_fd)?))
        };
        let (stdin, to_child) = if interactive {
            let (r, w) = pipe()?;
            (r, Some(w))
        } else {
            (lift(open_dev_null()?, min_fd)?, None)
        };
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        Ok(Ends {
            child: [stdin, out_w, err_w],
            to_child,
            from_child: vec![(out_r, 1), (err_r, 2)],
            master: None,
        })
    }

    /// A pty from the container's own /dev/pts, its terminal given to the command's user and
    /// sized as ours.
    fn pty(uid: u32, gid: u32, min_fd: RawFd) -> anyhow::Result<Ends> {
        let master = open("/dev/ptmx", libc::O_RDWR)
            .or_else(|_| open("/dev/pts/ptmx", libc::O_RDWR))
            .context("cannot open /dev/ptmx in the container")?;
        let master = lift(master, min_fd)?;
        let slave = crate::sys::tty::unlock_pty(master.as_fd())
            .and_then(|()| crate::sys::tty::open_pty_peer(master.as_fd()))
            .context("cannot open the pty's terminal")?;
        let slave = lift(slave, min_fd)?;
        nix::unistd::fchown(
            slave.as_raw_fd(),
            Some(nix::unistd::Uid::from_raw(uid)),
            Some(nix::unistd::Gid::from_raw(gid)),
        )
        .context("cannot give the pty to the command's user")?;
        copy_window_size(master.as_fd());
        let dup = |fd: &OwnedFd| -> anyhow::Result<OwnedFd> {
            fd.try_clone().context("cannot duplicate a descriptor")
        };
        Ok(Ends {
            child: [dup(&slave)?, dup(&slave)?, slave],
            to_child: Some(dup(&master)?),
            from_child: vec![(dup(&master)?, 1)],
            master: Some(master),
        })
    }

    fn child_stdio(&self) -> ChildStdio {
        ChildStdio {
            stdin: self.child[0].as_raw_fd(),
            stdout: self.child[1].as_raw_fd(),
            stderr: self.child[2].as_raw_fd(),
        }
    }

    /// Drops the child's ends (so end of file arrives when the command ends) and returns the
    /// relay over ours.
    fn into_relay(self, interactive: bool, detach_keys: Vec<u8>) -> Relay {
        drop(self.child);
        Relay::new(
            if interactive { self.to_child } else { None },
            self.from_child,
            self.master,
            detach_keys,
        )
    }
}
