//! The process `rcon exec` starts inside a container: the fork that starts it in the namespaces
//! the caller joined ([`crate::linux::nsenter::Namespaces::join`]), then the start-up every
//! process rcon starts in a container shares ([`startup::run`]: session, limits, seccomp, user,
//! capabilities, working folder, descriptors, `$PATH` search and execve).
//!
//! The caller prepares the [`Plan`] before the fork; the child reports a failure as a typed
//! [`Failure`] over the start-up report channel ([`startup::report`]), so the parent tells "not
//! found" (127) from "cannot invoke" (126) from its own failures (125).
use crate::ipc::IpcError;
use crate::runtime::process;
use crate::runtime::startup::{self, report, Failure, Outcome, Plan, Reporter, Stage};
use std::io;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd, RawFd};

/// Why a process could not be started inside a container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ExecError {
    #[error("cannot start a process: {source}")]
    Fork {
        #[source]
        source: io::Error,
    },
    #[error("cannot read the start-up report of the process: {source}")]
    Report {
        #[source]
        source: IpcError,
    },
    /// The child failed before its command ran; see [`ExecError::exit_code`].
    #[error(transparent)]
    Start(Failure),
    #[error("the process died before running the command")]
    Vanished,
}

type Result<T> = std::result::Result<T, ExecError>;

impl ExecError {
    /// The exit code Podman uses: 127 when the command (or working folder) is not there, 126
    /// when it cannot be invoked, 125 for everything else.
    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            ExecError::Start(f) => f.code(),
            _ => startup::EXIT_FAILED,
        }
    }
}

/// How the child's standard descriptors are made.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChildStdio {
    pub(crate) stdin: RawFd,
    pub(crate) stdout: RawFd,
    pub(crate) stderr: RawFd,
}

/// Forks the process described by `plan` (the caller has joined the container's namespaces
/// with [`Namespaces::join`]). Returns its pid once it has called execve, or the error that
/// stopped it. With `detach` an intermediate child forks it and exits at once, so it is
/// reparented to the container's first process; then the pid returned is the intermediate's,
/// already reaped.
///
/// [`Namespaces::join`]: crate::linux::nsenter::Namespaces::join
pub(crate) fn spawn(plan: &Plan, stdio: ChildStdio, detach: bool) -> Result<i32> {
    let fork_err = |source: io::Error| ExecError::Fork { source };
    let (listener, reporter) = report::pair().map_err(fork_err)?;
    // The child's end lives above the preserved descriptors so it is never handed on.
    let preserved = match &plan.fds {
        startup::Fds::Preserve(n) => *n as RawFd,
        startup::Fds::Move(from) => from.iter().map(|(_, to)| to - 2).max().unwrap_or(0),
        startup::Fds::CloseAll => 0,
    };
    let reporter = Reporter(
        lift(process::own(reporter.0), 3 + preserved)
            .map_err(fork_err)?
            .into_raw_fd(),
    );
    // The caller is single-threaded (it joined a user namespace).
    let child = match crate::sys::fork::fork().map_err(fork_err)? {
        None => {
            drop(listener);
            if detach {
                // The intermediate exits at once so its child is orphaned inside the
                // container's PID namespace.
                match crate::sys::fork::fork() {
                    Ok(None) => {}
                    Ok(Some(_)) => process::exit_now(0),
                    Err(e) => {
                        let f = Failure::call(Stage::Exec, "cannot start a process", &e);
                        reporter.failed(&f);
                        process::exit_now(f.code());
                    }
                }
            }
            startup::child(plan, [stdio.stdin, stdio.stdout, stdio.stderr], reporter)
        }
        Some(pid) => nix::unistd::Pid::from_raw(pid),
    };
    drop(process::own(reporter.0));
    let outcome = listener.outcome();
    if detach {
        let _ = nix::sys::wait::waitpid(child, None);
    }
    let reap = || {
        if !detach {
            let _ = nix::sys::wait::waitpid(child, None);
        }
    };
    match outcome {
        Ok(Outcome::Started) => Ok(child.as_raw()),
        Ok(Outcome::Failed(f)) => {
            reap();
            Err(ExecError::Start(f))
        }
        Ok(Outcome::Vanished) => {
            reap();
            Err(ExecError::Vanished)
        }
        Err(source) => Err(ExecError::Report { source }),
    }
}

/// Moves `fd` to the lowest free number at or above `min`, close-on-exec.
pub(crate) fn lift(fd: OwnedFd, min: RawFd) -> io::Result<OwnedFd> {
    if fd.as_raw_fd() >= min {
        return Ok(fd);
    }
    let raw = nix::fcntl::fcntl(fd.as_raw_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(min))?;
    Ok(process::own(raw))
}
