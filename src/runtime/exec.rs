//! The process `rcon exec` starts inside a container: the fork/execve that starts it in the
//! namespaces the caller joined ([`crate::runtime::nsenter::Namespaces::join`]) with its user,
//! capabilities ([`crate::linux::caps`]), limits and working folder.
//!
//! Everything is prepared into an [`ExecPlan`] before the fork; the child only makes system
//! calls and reports a failure (stage and errno) over a close-on-exec pipe, so the parent
//! tells "not found" (127) from "cannot invoke" (126) from its own failures (125).
use crate::linux::caps::{self, CapSets};
use crate::linux::seccomp::Filter;
use nix::errno::Errno;
use std::ffi::CString;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

/// Why a process could not be started inside a container.
#[derive(Debug, thiserror::Error)]
pub enum NsexecError {
    #[error("cannot start a process: {source}")]
    Fork {
        #[source]
        source: io::Error,
    },
    /// The child failed before its command ran; see [`NsexecError::exit_code`].
    #[error("{}", exec_message(*.stage, path, source))]
    Exec {
        stage: Stage,
        path: String,
        #[source]
        source: io::Error,
    },
}

type Result<T> = std::result::Result<T, NsexecError>;

impl NsexecError {
    /// The exit code Podman uses: 127 when the command (or working folder) is not there, 126
    /// when it cannot be invoked, 125 for everything else.
    pub fn exit_code(&self) -> i32 {
        let NsexecError::Exec { stage, source, .. } = self else {
            return 125;
        };
        match (stage, source.raw_os_error()) {
            (Stage::Exec | Stage::Chdir, Some(libc::ENOENT | libc::ENOTDIR)) => 127,
            (Stage::Exec, Some(libc::EACCES | libc::ENOEXEC | libc::EISDIR | libc::EPERM)) => 126,
            (Stage::Chdir, Some(libc::EACCES)) => 126,
            _ => 125,
        }
    }
}

fn exec_message(stage: Stage, path: &str, source: &io::Error) -> String {
    let reason = errno_text(source);
    match stage {
        Stage::Exec if source.raw_os_error() == Some(libc::ENOENT) => {
            format!("executable file `{path}` not found: {reason}")
        }
        Stage::Exec => format!("cannot execute `{path}`: {reason}"),
        Stage::Chdir => format!("cannot change to the working folder `{path}`: {reason}"),
        Stage::ChdirOutside => format!(
            "the working folder `{path}` resolves outside the container: use a folder inside it"
        ),
        other => format!("cannot {} for `{path}`: {reason}", other.describe()),
    }
}

/// An error's text in lowercase without the "(os error N)" tail, as messages here read.
pub fn errno_text(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => Errno::from_raw(n).desc().to_lowercase(),
        None => e.to_string(),
    }
}

/// What the child was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Stdio,
    Rlimit,
    Capabilities,
    User,
    Chdir,
    /// The working folder resolved outside the container's root (through a magic link).
    ChdirOutside,
    NoNewPrivs,
    Seccomp,
    Exec,
}

impl Stage {
    const ALL: [Stage; 9] = [
        Stage::Stdio,
        Stage::Rlimit,
        Stage::Capabilities,
        Stage::User,
        Stage::Chdir,
        Stage::ChdirOutside,
        Stage::NoNewPrivs,
        Stage::Seccomp,
        Stage::Exec,
    ];
    fn describe(self) -> &'static str {
        match self {
            Stage::Stdio => "set up standard input and output",
            Stage::Rlimit => "set resource limits",
            Stage::Capabilities => "set capabilities",
            Stage::User => "switch user",
            Stage::Chdir | Stage::ChdirOutside => "change folder",
            Stage::NoNewPrivs => "set no_new_privs",
            Stage::Seccomp => "load the seccomp filter",
            Stage::Exec => "execute",
        }
    }
}

/// A resource limit to set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rlimit {
    pub resource: libc::__rlimit_resource_t,
    pub soft: u64,
    pub hard: u64,
}

/// Everything the child of `exec` does, prepared before the fork: the child allocates nothing.
#[derive(Debug)]
pub struct ExecPlan {
    /// The executable, already looked up in PATH.
    pub path: CString,
    pub argv: Vec<CString>,
    pub env: Vec<CString>,
    pub cwd: CString,
    pub uid: u32,
    pub gid: u32,
    /// Supplementary groups, set only when `set_groups`.
    pub groups: Vec<u32>,
    pub set_groups: bool,
    pub caps: CapSets,
    pub no_new_privs: bool,
    pub rlimits: Vec<Rlimit>,
    pub umask: u32,
    /// Become the session leader with stdin as the controlling terminal.
    pub tty: bool,
    /// Descriptors 3..3+N stay open (`--preserve-fds`); every other one above 2 is closed.
    pub preserve_fds: u32,
    /// The container's seccomp filter; none: unconfined.
    pub seccomp: Option<Filter>,
}

/// How the child's standard descriptors are made.
#[derive(Debug, Clone, Copy)]
pub struct ChildStdio {
    pub stdin: RawFd,
    pub stdout: RawFd,
    pub stderr: RawFd,
}

/// Forks the process described by `plan` (the caller has joined the container's namespaces
/// with [`Namespaces::join`]). Returns its pid once it has called execve, or the error that
/// stopped it. With `detach` an intermediate child forks it and exits at once, so it is
/// reparented to the container's first process; then the pid returned is the intermediate's,
/// already reaped.
#[allow(unsafe_code)]
pub fn spawn(plan: &ExecPlan, stdio: ChildStdio, detach: bool) -> Result<i32> {
    let fork_err = |e: io::Error| NsexecError::Fork { source: e };
    // The error pipe lives above the preserved descriptors so it is never handed on.
    let (err_r, err_w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| fork_err(e.into()))?;
    let err_w = lift(err_w, 3 + plan.preserve_fds as RawFd).map_err(fork_err)?;
    let argv: Vec<*const libc::c_char> = plan
        .argv
        .iter()
        .map(|a| a.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect();
    let envp: Vec<*const libc::c_char> = plan
        .env
        .iter()
        .map(|a| a.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect();
    let last = caps::apply::last_cap();
    // SAFETY: the caller is single-threaded (it joined a user namespace); the child only makes
    // async-signal-safe system calls on data prepared above and leaves by execve or _exit.
    let child = match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Child) => {
            drop(err_r);
            if detach {
                // SAFETY: as above; the intermediate exits at once so its child is orphaned
                // inside the container's PID namespace.
                match unsafe { nix::unistd::fork() } {
                    Ok(nix::unistd::ForkResult::Child) => {}
                    Ok(nix::unistd::ForkResult::Parent { .. }) => unsafe { libc::_exit(0) },
                    Err(e) => child_fail(err_w.as_raw_fd(), Stage::Exec, e as i32),
                }
            }
            let (stage, errno) = child_exec(plan, stdio, &argv, &envp, last);
            child_fail(err_w.as_raw_fd(), stage, errno)
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => child,
        Err(e) => return Err(fork_err(e.into())),
    };
    drop(err_w);
    let mut report = [0u8; 5];
    let n = read_full(err_r.as_fd(), &mut report);
    if detach {
        let _ = nix::sys::wait::waitpid(child, None);
    }
    if n == report.len() {
        if !detach {
            let _ = nix::sys::wait::waitpid(child, None);
        }
        let stage = Stage::ALL
            .get(report[0] as usize)
            .copied()
            .unwrap_or(Stage::Exec);
        let errno = i32::from_le_bytes([report[1], report[2], report[3], report[4]]);
        let path = match stage {
            Stage::Chdir | Stage::ChdirOutside => plan.cwd.to_string_lossy().into_owned(),
            _ => plan.path.to_string_lossy().into_owned(),
        };
        return Err(NsexecError::Exec {
            stage,
            path,
            source: io::Error::from_raw_os_error(errno),
        });
    }
    Ok(child.as_raw())
}

/// Reads until `buf` is full or end of file; returns the bytes read.
fn read_full(fd: BorrowedFd<'_>, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match nix::unistd::read(fd.as_raw_fd(), &mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(Errno::EINTR) => continue,
            Err(_) => break,
        }
    }
    n
}

/// Moves `fd` to the lowest free number at or above `min`, close-on-exec.
pub fn lift(fd: OwnedFd, min: RawFd) -> io::Result<OwnedFd> {
    if fd.as_raw_fd() >= min {
        return Ok(fd);
    }
    let raw = nix::fcntl::fcntl(fd.as_raw_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(min))?;
    // SAFETY: fcntl just returned this new descriptor to us.
    #[allow(unsafe_code)]
    Ok(unsafe { OwnedFd::from_raw_fd(raw) })
}

/// Reports a failure of the child on the error pipe and exits.
#[allow(unsafe_code)]
fn child_fail(err_w: RawFd, stage: Stage, errno: i32) -> ! {
    let b = errno.to_le_bytes();
    let msg = [stage as u8, b[0], b[1], b[2], b[3]];
    // SAFETY: write and _exit are async-signal-safe; `msg` lives on this stack.
    unsafe {
        libc::write(err_w, msg.as_ptr().cast(), msg.len());
        libc::_exit(125)
    }
}

/// The child's work between fork and execve; returns only on failure.
#[allow(unsafe_code)]
fn child_exec(
    plan: &ExecPlan,
    stdio: ChildStdio,
    argv: &[*const libc::c_char],
    envp: &[*const libc::c_char],
    last_cap: u32,
) -> (Stage, i32) {
    macro_rules! check {
        ($stage:expr, $call:expr) => {
            if $call < 0 {
                return ($stage, Errno::last_raw());
            }
        };
    }
    // SAFETY: every call below is an async-signal-safe system call on memory prepared before
    // the fork (plan, argv, envp stay alive in the parent's frame, copied into the child).
    unsafe {
        // The parent blocks signals for its signalfd and Rust ignores SIGPIPE: neither may
        // reach the command.
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
        for sig in 1..32 {
            if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        // A session of its own: the user's terminal is never its controlling terminal.
        check!(Stage::Stdio, libc::setsid());
        for (from, to) in [(stdio.stdin, 0), (stdio.stdout, 1), (stdio.stderr, 2)] {
            if from == to {
                check!(Stage::Stdio, libc::fcntl(to, libc::F_SETFD, 0));
            } else {
                check!(Stage::Stdio, libc::dup2(from, to));
            }
        }
        if plan.tty {
            check!(Stage::Stdio, libc::ioctl(0, libc::TIOCSCTTY, 0));
        }
        let first = 3 + plan.preserve_fds;
        for fd in 3..first {
            libc::fcntl(fd as RawFd, libc::F_SETFD, 0);
        }
        // Every other descriptor closes at execve; the error pipe with them.
        check!(
            Stage::Stdio,
            libc::syscall(
                libc::SYS_close_range,
                first,
                u32::MAX,
                libc::CLOSE_RANGE_CLOEXEC
            )
        );
        for r in &plan.rlimits {
            let lim = libc::rlimit {
                rlim_cur: r.soft,
                rlim_max: r.hard,
            };
            if libc::setrlimit(r.resource, &lim) < 0 {
                // Raising a hard limit needs a capability of the initial namespace: keep the
                // limit the user has instead.
                let mut cur: libc::rlimit = std::mem::zeroed();
                libc::getrlimit(r.resource, &mut cur);
                let lim = libc::rlimit {
                    rlim_cur: r.soft.min(cur.rlim_max),
                    rlim_max: r.hard.min(cur.rlim_max),
                };
                check!(Stage::Rlimit, libc::setrlimit(r.resource, &lim));
            }
        }
        // Without no_new_privs the kernel wants CAP_SYS_ADMIN for the filter: while we have it.
        if !plan.no_new_privs {
            if let Some(Err(e)) = plan.seccomp.as_ref().map(Filter::load) {
                return (Stage::Seccomp, e.raw_os_error().unwrap_or(libc::EINVAL));
            }
        }
        // Needs CAP_SETPCAP: before the user changes.
        if let Err(caps::CapsError::Call { source, .. }) =
            caps::apply::drop_bounding(&plan.caps, last_cap)
        {
            return (Stage::Capabilities, source as i32);
        }
        check!(Stage::User, libc::prctl(libc::PR_SET_KEEPCAPS, 1, 0, 0, 0));
        if plan.set_groups {
            check!(
                Stage::User,
                libc::setgroups(plan.groups.len(), plan.groups.as_ptr())
            );
        }
        check!(Stage::User, libc::setresgid(plan.gid, plan.gid, plan.gid));
        check!(Stage::User, libc::setresuid(plan.uid, plan.uid, plan.uid));
        check!(Stage::User, libc::prctl(libc::PR_SET_KEEPCAPS, 0, 0, 0, 0));
        // Changing the uid resets the dumpable flag to fs.suid_dumpable: we are in the
        // container's PID namespace with rcon's executable until execve, so close it again.
        check!(Stage::User, libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0));
        if let Err(caps::CapsError::Call { source, .. }) = caps::apply::set(&plan.caps, last_cap) {
            return (Stage::Capabilities, source as i32);
        }
        libc::umask(plan.umask as libc::mode_t);
        // After the user switch, so the folder is entered with the command's own rights.
        check!(Stage::Chdir, libc::chdir(plan.cwd.as_ptr()));
        // Our root is the container's, so `..` and absolute links stay inside it; a magic link
        // (/proc/self/fd/N of a descriptor still open until execve, /proc/N/cwd) does not.
        // The kernel's getcwd names a folder outside the root "(unreachable)/…", or fails.
        let mut buf = [0u8; libc::PATH_MAX as usize];
        let n = libc::syscall(libc::SYS_getcwd, buf.as_mut_ptr(), buf.len());
        if n <= 0 || buf[0] != b'/' {
            return (Stage::ChdirOutside, libc::EXDEV);
        }
        if plan.no_new_privs {
            check!(
                Stage::NoNewPrivs,
                libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
            );
            if let Some(Err(e)) = plan.seccomp.as_ref().map(Filter::load) {
                return (Stage::Seccomp, e.raw_os_error().unwrap_or(libc::EINVAL));
            }
        }
        libc::execve(plan.path.as_ptr(), argv.as_ptr(), envp.as_ptr());
        (Stage::Exec, Errno::last_raw())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_podman() {
        let e = |stage, errno| NsexecError::Exec {
            stage,
            path: "/x".into(),
            source: io::Error::from_raw_os_error(errno),
        };
        assert_eq!(e(Stage::Exec, libc::ENOENT).exit_code(), 127);
        assert_eq!(e(Stage::Exec, libc::EACCES).exit_code(), 126);
        assert_eq!(e(Stage::Chdir, libc::ENOENT).exit_code(), 127);
        assert_eq!(e(Stage::User, libc::EPERM).exit_code(), 125);
        assert_eq!(
            e(Stage::Exec, libc::EACCES).to_string(),
            "cannot execute `/x`: permission denied"
        );
    }
}
