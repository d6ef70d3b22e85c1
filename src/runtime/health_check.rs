//! One healthcheck run inside a running container, started the way `rcon exec` starts a
//! process: a forked child of the caller (the supervisor, or the CLI for `rcon healthcheck
//! run`) joins the container's cgroup, then its namespaces ([`Namespaces::join`]), decides the
//! user, environment and capabilities ([`crate::runtime::exec_plan`]) and forks the command
//! through [`exec::spawn`] with its stdout and stderr on a pipe the caller reads, never
//! blocking. That child then waits for the command for at most the check's timeout, kills its
//! whole process group when it is over, and exits with the command's exit code: the caller
//! reaps it (the supervisor in its SIGCHLD handling) and reads the outcome from its status.
//!
//! The caller must be single-threaded: the child joins a user namespace.
//!
//! [`Namespaces::join`]: crate::linux::nsenter::Namespaces::join
use crate::container::health::state::LogEntry;
use crate::linux::nsenter::{self, Init, Target};
use crate::linux::seccomp::Filter;
use crate::linux::user;
use crate::runtime::exec::{self, ChildStdio};
use crate::runtime::exec_plan::{build_env, capabilities, default_user};
use crate::runtime::process;
use crate::runtime::startup::{Command, Credentials, Fds, Plan, Rlimit, Session};
use oci_spec::runtime::Spec;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The exit code of a check that could not be started (rcon's own failure).
const START_FAILED: i32 = 125;
/// Output kept from one check before the log cuts it to its size.
const MAX_OUTPUT: usize = 64 * 1024;

/// The container a check runs in.
pub(crate) struct CheckTarget<'a> {
    /// The container's first process, a host pid.
    pub(crate) init_pid: i32,
    /// Its supervisor (the caller, in the supervisor).
    pub(crate) supervisor_pid: i32,
    pub(crate) spec: &'a Spec,
    pub(crate) seccomp: Option<Arc<Filter>>,
    /// The record's user (`-u`), for [`default_user`].
    pub(crate) user: &'a str,
}

/// A check under way: the child that runs it and the read end of its output.
#[derive(Debug)]
pub(crate) struct RunningCheck {
    /// The forked child (not the command: that is its child, inside the container).
    pub(crate) pid: i32,
    output: Option<File>,
    collected: Vec<u8>,
    started: Instant,
    start: String,
    timeout: Duration,
}

impl RunningCheck {
    /// The output pipe, while open: poll it for reading.
    pub(crate) fn output_fd(&self) -> Option<RawFd> {
        self.output.as_ref().map(AsRawFd::as_raw_fd)
    }

    /// Reads what the pipe holds now; closes it at its end.
    pub(crate) fn read_output(&mut self) {
        let Some(f) = &mut self.output else {
            return;
        };
        let mut buf = [0u8; 4096];
        loop {
            match f.read(&mut buf) {
                Ok(0) => {
                    self.output = None;
                    return;
                }
                Ok(n) => {
                    let room = MAX_OUTPUT.saturating_sub(self.collected.len());
                    self.collected.extend_from_slice(&buf[..n.min(room)]);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(_) => {
                    self.output = None;
                    return;
                }
            }
        }
    }

    /// When the child must be gone at the latest: it kills the command at the timeout itself,
    /// so this is only a guard against a child that hangs.
    pub(crate) fn kill_deadline(&self) -> Instant {
        self.started + self.timeout + Duration::from_secs(5)
    }

    /// Kills the child (the command follows: its parent-death signal).
    pub(crate) fn kill(&self) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(self.pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }

    /// The result, from the child's exit `code` (`None`: killed by a signal). A check that
    /// ran for its whole timeout was killed and failed.
    pub(crate) fn finish(mut self, code: Option<i32>) -> LogEntry {
        self.read_output();
        let mut output = String::from_utf8_lossy(&self.collected).into_owned();
        let timed_out = self.started.elapsed() >= self.timeout;
        let exit_code = if timed_out {
            if !output.is_empty() && !output.ends_with('\n') {
                output.push('\n');
            }
            output.push_str(&format!(
                "healthcheck command exceeded timeout of {}s",
                self.timeout.as_secs_f64()
            ));
            -1
        } else {
            code.unwrap_or(-1)
        };
        LogEntry {
            start: self.start,
            end: crate::util::time::now_rfc3339_nano(),
            exit_code,
            output: output.trim_end_matches('\n').to_string(),
        }
    }

    /// Waits (blocking) for the child and returns the result: for the CLI.
    pub(crate) fn wait(mut self) -> LogEntry {
        if let Some(f) = &self.output {
            let _ = nix::fcntl::fcntl(
                f.as_raw_fd(),
                nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::empty()),
            );
        }
        self.read_output();
        let status = loop {
            match nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(self.pid), None) {
                Err(nix::errno::Errno::EINTR) => continue,
                other => break other,
            }
        };
        let code = status.ok().and_then(process::exit_code);
        self.finish(code)
    }
}

/// Starts `argv` in the container with `timeout`; returns at once.
pub(crate) fn start(
    target: &CheckTarget<'_>,
    argv: &[String],
    timeout: Duration,
) -> io::Result<RunningCheck> {
    let (read, write) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)?;
    // The command's end blocks as any stdout does.
    nix::fcntl::fcntl(
        write.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::empty()),
    )?;
    let start = crate::util::time::now_rfc3339_nano();
    let started = Instant::now();
    match crate::sys::fork::fork()? {
        None => {
            drop(read);
            child(target, argv, timeout, write)
        }
        Some(pid) => Ok(RunningCheck {
            pid,
            output: Some(File::from(read)),
            collected: Vec::new(),
            started,
            start,
            timeout,
        }),
    }
}

/// In the forked child: runs the check and exits with its code. Never returns.
fn child(target: &CheckTarget<'_>, argv: &[String], timeout: Duration, out: OwnedFd) -> ! {
    // The caller's handlers (the supervisor's signal pipe) are not ours.
    crate::sys::process::reset_signals();
    let code = match run(target, argv, timeout, &out) {
        Ok(code) => code,
        Err(f) => {
            let _ = crate::sys::rawio::write(out.as_raw_fd(), f.message.as_bytes());
            f.code
        }
    };
    process::exit_now(code)
}

/// Why a check did not run: the exit code it counts as and the line it leaves as its output.
struct Failed {
    code: i32,
    message: String,
}

fn failed(what: &str) -> impl FnOnce(String) -> Failed + '_ {
    move |e| Failed {
        code: START_FAILED,
        message: format!("{what}: {e}"),
    }
}

/// Joins the container, starts the command and waits for it for at most `timeout`.
fn run(
    target: &CheckTarget<'_>,
    argv: &[String],
    timeout: Duration,
    out: &OwnedFd,
) -> Result<i32, Failed> {
    // Into the container's cgroup while still in the host's namespaces.
    if let Some(leaf) = crate::linux::cgroup::leaf_of(target.supervisor_pid) {
        let _ = crate::linux::cgroup::join_leaf(&leaf);
    }
    let init = Init::open(&Target {
        running: true,
        init_pid: target.init_pid,
        supervisor_pid: target.supervisor_pid,
        supervisor_alive: true,
    })
    .map_err(|e| failed("cannot enter the container")(e.to_string()))?;
    let set_groups = init.setgroups_allowed();
    let id_map = |file: &str| {
        std::fs::read_to_string(format!("/proc/{}/{file}", init.pid())).unwrap_or_default()
    };
    let (uid_map, gid_map) = (id_map("uid_map"), id_map("gid_map"));
    init.namespaces()
        .and_then(|ns| ns.join())
        .map_err(|e| failed("cannot enter the container")(e.to_string()))?;

    // From here on our root is the container's.
    let root =
        File::open("/").map_err(|e| failed("cannot open the container's root")(e.to_string()))?;
    let text = |path: &str| {
        nsenter::read_in_root(root.as_fd(), path, 4 << 20)
            .map(|d| String::from_utf8_lossy(&d).into_owned())
            .unwrap_or_default()
    };
    let process = target.spec.process().clone().unwrap_or_default();
    let mut user = user::resolve(
        &default_user(&process, target.user),
        &user::parse_passwd(&text("/etc/passwd")),
        &user::parse_group(&text("/etc/group")),
        &[],
    )
    .map_err(|e| failed("cannot find the user")(e.to_string()))?;
    for g in process.user().additional_gids().iter().flatten() {
        if !user.groups.contains(g) {
            user.groups.push(*g);
        }
    }
    user::check_mapped(&user, &uid_map, &gid_map)
        .map_err(|e| failed("cannot run as the user")(e.to_string()))?;
    let env: Vec<String> = build_env(&process, &[], false, &user.home)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let command = Command::new(argv, &env).map_err(|f| Failed {
        code: f.code(),
        message: f.to_string(),
    })?;
    let cwd = process.cwd().display().to_string();
    let plan = Plan {
        container: None,
        session: Session::default(),
        rlimits: Rlimit::from_spec(&process)
            .into_iter()
            .map(Rlimit::within_callers_hard_limit)
            .collect(),
        seccomp: target.seccomp.clone(),
        no_new_privs: process.no_new_privileges().unwrap_or(false),
        caps: capabilities(&process, user.uid, false),
        user: Credentials {
            uid: user.uid,
            gid: user.gid,
            groups: user.groups.clone(),
            set_groups,
        },
        last_cap: crate::linux::caps::apply::last_cap(),
        // The command dies with us: killing this child kills the check.
        die_with_parent: true,
        umask: process.user().umask().unwrap_or(0o022),
        cwd: if cwd.is_empty() { "/".into() } else { cwd },
        fds: Fds::Preserve(0),
        command,
        pid1: None,
    };
    let null = File::options()
        .read(true)
        .write(true)
        .open("/dev/null")
        .map_err(|e| failed("cannot open /dev/null in the container")(e.to_string()))?;
    let lift = |fd: OwnedFd| {
        exec::lift(fd, 3).map_err(|e| failed("cannot move a descriptor")(e.to_string()))
    };
    let null = lift(OwnedFd::from(null))?;
    let out = lift(
        out.try_clone()
            .map_err(|e| failed("cannot duplicate a descriptor")(e.to_string()))?,
    )?;
    let stdio = ChildStdio {
        stdin: null.as_raw_fd(),
        stdout: out.as_raw_fd(),
        stderr: out.as_raw_fd(),
    };
    let pid = exec::spawn(&plan, stdio, false).map_err(|e| Failed {
        code: e.exit_code(),
        message: e.to_string(),
    })?;
    drop(out);
    drop(null);
    Ok(wait_at_most(pid, timeout))
}

/// Waits for `pid` for at most `timeout`; past it, kills its process group (it leads a session
/// of its own) and the process itself. Its exit code, 128+N for a signal.
fn wait_at_most(pid: i32, timeout: Duration) -> i32 {
    let target = nix::unistd::Pid::from_raw(pid);
    if let Ok(pidfd) = crate::sys::pidfd::open(pid) {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let kill = nix::sys::signal::Signal::SIGKILL;
                let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(-pid), kill);
                let _ = nix::sys::signal::kill(target, kill);
                break;
            }
            let mut pfd = [libc::pollfd {
                fd: pidfd.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            }];
            let ms = left.as_millis().min(i32::MAX as u128) as i32 + 1;
            if crate::sys::rawio::poll(&mut pfd, ms).unwrap_or(0) > 0 {
                break;
            }
        }
    }
    loop {
        match nix::sys::wait::waitpid(target, None) {
            Err(nix::errno::Errno::EINTR) => continue,
            Ok(status) => return process::exit_code(status).unwrap_or(START_FAILED),
            Err(_) => return START_FAILED,
        }
    }
}
