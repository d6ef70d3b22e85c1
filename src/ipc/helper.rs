//! Starting a [`Role`] in a user namespace, and the conversation that lets it begin.
//!
//! [`spawn`] starts `rcon __userns-helper <role>` (`linux::userns::command`) with one end of a
//! seqpacket [`Channel`] inherited. The conversation, one [`Sync`] message at a time:
//!
//! 1. parent → child: [`Sync::Enter`], with the user namespace to join as a descriptor, or none
//!    (unshare a new one);
//! 2. child → parent: [`Sync::Ready`], once it is in the namespace ([`enter`]);
//! 3. parent: writes the maps of a new namespace (`IdMap::start_for`: rcon-idmap is started
//!    before step 1, beside the child, and told to write now);
//! 4. parent → child: [`Sync::Go`]; only then does the child become root and run its role.
//!
//! A child that fails before step 2 prints its reason on stderr and exits: the parent sees the
//! channel close and reports that last stderr line. The child never runs its role without
//! "go": the channel closing instead (the parent failed or died) makes it exit. An attached
//! child gets SIGKILL when the spawning thread exits (PR_SET_PDEATHSIG).
//!
//! [`spawn_detached`] starts a helper that outlives the CLI (the per-container supervisor, the
//! networks' holder): its own session (setsid), no parent-death signal once it runs, and
//! stderr in a file.
use super::role::Role;
use super::{Channel, IpcError};
use crate::linux::idmap::{IdMap, IdmapError};
use crate::linux::userns::{self, Tie, UsernsError};
use nix::sys::wait::WaitStatus;
use serde::{Deserialize, Serialize};
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, ExitStatus, Stdio};

/// The user namespace a helper runs in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Userns<'a> {
    /// A new one, mapped by this map.
    New(&'a IdMap),
    /// An existing one (already mapped), by an open `/proc/<pid>/ns/user`.
    Join(BorrowedFd<'a>),
}

/// The start-up conversation between a parent and its helper (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Sync {
    /// Parent → child: enter the user namespace; `join` when its descriptor comes along.
    Enter { join: bool },
    /// Child → parent: in the namespace, waiting for the maps.
    Ready,
    /// Parent → child: the maps are written, run the role.
    Go,
}

/// Why a helper could not be started or failed. `op` is the role's name (`remove`, `unpack` …).
#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error("cannot start the user-namespace helper {op} ({exe}): {source}")]
    Spawn {
        op: &'static str,
        exe: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("user-namespace helper {op} stopped before its id map was written: {message}")]
    Early { op: &'static str, message: String },
    #[error("cannot map ids for the user-namespace helper {op}: {source}")]
    Map {
        op: &'static str,
        #[source]
        source: IdmapError,
    },
    #[error("cannot talk to the user-namespace helper {op}: {source}")]
    Sync {
        op: &'static str,
        #[source]
        source: IpcError,
    },
    #[error("user-namespace helper {op} failed ({status}): {message}")]
    Failed {
        op: &'static str,
        status: ExitStatus,
        message: String,
    },
}

/// Why a helper could not begin its role (the child's side of the conversation).
#[derive(Debug, thiserror::Error)]
pub(crate) enum EnterError {
    #[error(transparent)]
    Userns(#[from] UsernsError),
    #[error("cannot signal readiness: {0}")]
    Ready(IpcError),
    #[error("the parent rcon stopped before writing the id map")]
    ParentGone,
}

/// A running helper. Dropping it without [`NsChild::wait`] kills and reaps it.
#[derive(Debug)]
pub(crate) struct NsChild {
    child: Option<Child>,
    stderr: Option<ChildStderr>,
    op: &'static str,
}

/// Starts `role` in a new user namespace mapped by `idmap`. Returns once the map is written
/// and the child has been told to run its role.
///
/// PR_SET_PDEATHSIG follows the spawning thread: the thread that calls `spawn` must outlive
/// the child (wait for it before the thread ends).
pub(crate) fn spawn(
    idmap: &IdMap,
    role: &Role,
    stdin: Stdio,
    stdout: Stdio,
) -> Result<NsChild, SpawnError> {
    let op = role.name();
    let (ours, theirs) = pair(op)?;
    let mut cmd = userns::command(&role.encode(), theirs.as_raw_fd(), Tie::Attached);
    cmd.stdin(stdin).stdout(stdout).stderr(Stdio::piped());
    let spawned = cmd.spawn();
    // Our copy of the child's end goes right away: then the channel closing means the child
    // died, and our end closing (on an error path) tells the child to quit.
    drop(theirs);
    let mut child = spawned.map_err(|source| SpawnError::Spawn {
        op,
        exe: userns::helper_exe(),
        source,
    })?;
    let stderr = child.stderr.take();
    let mut ns = NsChild {
        child: Some(child),
        stderr,
        op,
    };
    let pid = ns.id() as i32;
    // Dropping `ns` on an error kills and reaps the child; it never got "go", so it ran nothing.
    release(&ours, Userns::New(idmap), op, pid, || ns.reap_message())?;
    Ok(ns)
}

/// Starts `role` like [`spawn`] with the caller's stdin, stdout and stderr (`rcon unshare`):
/// a child that fails before its role prints its reason on that stderr itself.
pub(crate) fn spawn_inherit(userns: Userns<'_>, role: &Role) -> Result<NsChild, SpawnError> {
    let op = role.name();
    let (ours, theirs) = pair(op)?;
    let mut cmd = userns::command(&role.encode(), theirs.as_raw_fd(), Tie::Attached);
    cmd.stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    let spawned = cmd.spawn();
    drop(theirs);
    let child = spawned.map_err(|source| SpawnError::Spawn {
        op,
        exe: userns::helper_exe(),
        source,
    })?;
    let mut ns = NsChild {
        child: Some(child),
        stderr: None,
        op,
    };
    let pid = ns.id() as i32;
    release(&ours, userns, op, pid, || ns.reap_message())?;
    Ok(ns)
}

/// Starts `role` like [`spawn`], detached from the caller: the child runs in a session of its
/// own (no terminal signals reach it), gets no parent-death signal, shows `argv0` as its name,
/// takes `stdin` (`None`: /dev/null) and `stdout`, and writes its stderr to `stderr` (created
/// or appended). Started by posix_spawn (`linux::userns::spawn_detached`), which copies
/// nothing of this process's memory. Returns the child's pid once it has been told to run its
/// role. The child is not waited for: it outlives the caller, and a caller that lives on
/// leaves it a zombie only until it exits.
pub(crate) fn spawn_detached(
    userns: Userns<'_>,
    role: &Role,
    argv0: &str,
    stdin: Option<OwnedFd>,
    stdout: OwnedFd,
    stderr: &Path,
) -> Result<i32, SpawnError> {
    let op = role.name();
    let spawn_err = |source: io::Error| SpawnError::Spawn {
        op,
        exe: userns::helper_exe(),
        source,
    };
    let err_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(stderr)
        .map_err(spawn_err)?;
    let stdin = match stdin {
        Some(fd) => fd,
        None => OwnedFd::from(std::fs::File::open("/dev/null").map_err(spawn_err)?),
    };
    let (ours, theirs) = pair(op)?;
    let stdio = crate::sys::spawn::Stdio {
        stdin: stdin.as_raw_fd(),
        stdout: stdout.as_raw_fd(),
        stderr: err_file.as_raw_fd(),
    };
    let spawned = userns::spawn_detached(&role.encode(), theirs.as_raw_fd(), argv0, stdio);
    // The child has its copies now; ours go, so that the channel closing means it died.
    drop((theirs, stdin, stdout, err_file));
    let pid = spawned.map_err(spawn_err)?;
    // Killed and reaped once at most: after the wait the pid may be anyone's.
    let reaped = std::cell::Cell::new(false);
    let reap = || {
        if reaped.replace(true) {
            return Err(nix::errno::Errno::ECHILD);
        }
        let child = nix::unistd::Pid::from_raw(pid);
        let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
        nix::sys::wait::waitpid(child, None)
    };
    let released = release(&ours, userns, op, pid, || {
        let status = reap();
        let text = std::fs::read(stderr).unwrap_or_default();
        match (text.is_empty(), status) {
            (true, Ok(WaitStatus::Exited(_, code))) => {
                format!("it exited (exit status: {code}) without a message")
            }
            (true, Ok(WaitStatus::Signaled(_, signal, _))) => {
                format!("it exited (signal: {signal}) without a message")
            }
            (true, Ok(_)) => "it stopped without a message".to_string(),
            (true, Err(e)) => e.to_string(),
            _ => userns::last_line(&text),
        }
    });
    if let Err(e) = released {
        // It never got "go" and runs nothing; reap it so no zombie stays with the caller.
        let _ = reap();
        return Err(e);
    }
    // Not waited for on purpose: the child outlives us (see above).
    Ok(pid)
}

/// Removes `path` and everything below it inside the store's user namespace (files owned by
/// subordinate ids included). Never follows a symlink, never crosses a mount point; a missing
/// path is fine.
pub fn remove_tree(idmap: &IdMap, path: &Path) -> Result<(), SpawnError> {
    if matches!(path.symlink_metadata(), Err(e) if e.kind() == io::ErrorKind::NotFound) {
        return Ok(());
    }
    let role = Role::Remove {
        path: path.to_path_buf(),
    };
    spawn(idmap, &role, Stdio::null(), Stdio::null())?.wait()
}

fn pair(op: &'static str) -> Result<(Channel, Channel), SpawnError> {
    super::pair().map_err(|source| SpawnError::Sync {
        op,
        source: source.into(),
    })
}

/// Steps 1 to 4 of the conversation with the spawned child `pid`. `early` reaps a child that
/// stopped before it was ready and returns its message.
fn release(
    chan: &Channel,
    userns: Userns<'_>,
    op: &'static str,
    pid: i32,
    early: impl FnOnce() -> String,
) -> Result<(), SpawnError> {
    let sync_err = |source| SpawnError::Sync { op, source };
    // The map's writer starts now, beside the child's start-up, and writes once it is ready.
    let pending = match userns {
        Userns::New(idmap) => Some(idmap.start_for(pid)),
        Userns::Join(_) => None,
    };
    let sent = match userns {
        Userns::Join(fd) => chan.send_with_fds(&Sync::Enter { join: true }, &[fd]),
        Userns::New(_) => chan.send(&Sync::Enter { join: false }),
    };
    let ready = match sent {
        Ok(()) => chan.recv::<Sync>(),
        Err(IpcError::Closed) => Ok(None),
        Err(e) => return Err(sync_err(e)),
    };
    match ready {
        Ok(Some(Sync::Ready)) => {}
        Ok(_) | Err(_) => {
            return Err(SpawnError::Early {
                op,
                message: early(),
            })
        }
    }
    if let Some(pending) = pending {
        pending
            .finish()
            .map_err(|source| SpawnError::Map { op, source })?;
    }
    chan.send(&Sync::Go).map_err(sync_err)
}

/// In the helper, first thing after the role is known (single-threaded still): takes the
/// inherited channel, enters the user namespace the parent names, says ready, waits for "go"
/// and becomes root there. `tie` is the role's: a detached role gets no parent-death signal.
pub(crate) fn enter(tie: Tie) -> Result<(), EnterError> {
    let chan = Channel::from_fd(userns::take_sync_fd()?);
    let (first, fds) = match chan.recv_with_fds::<Sync>(1) {
        Ok(Some(got)) => got,
        _ => return Err(EnterError::ParentGone),
    };
    match (first, fds.first()) {
        (Sync::Enter { join: true }, Some(fd)) => userns::join(fd.as_fd())?,
        (Sync::Enter { join: false }, None) => userns::unshare()?,
        _ => return Err(UsernsError::Internal.into()),
    }
    drop(fds);
    chan.send(&Sync::Ready).map_err(EnterError::Ready)?;
    // The role must not run before the map is written: only an explicit "go" proceeds; the
    // channel closing means the parent failed or died.
    match chan.recv::<Sync>() {
        Ok(Some(Sync::Go)) => {}
        _ => return Err(EnterError::ParentGone),
    }
    drop(chan);
    userns::become_root(tie)?;
    userns::raise_nofile_limit();
    if tie == Tie::Detached {
        // A helper that outlives its caller keeps nothing of the caller's but stdio: an
        // inherited pipe (a shell's process substitution, a caller's `| tee`) would otherwise
        // stay open as long as the helper runs, and the reader at its end would wait for it.
        let _ = crate::sys::process::close_from(3);
    }
    Ok(())
}

impl NsChild {
    /// The helper's pid.
    pub(crate) fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// The helper's stdin, when spawned with `Stdio::piped()`; taken once.
    pub(crate) fn stdin(&mut self) -> Option<ChildStdin> {
        self.child.as_mut()?.stdin.take()
    }

    /// The helper's stdout, when spawned with `Stdio::piped()`; taken once.
    pub(crate) fn stdout(&mut self) -> Option<ChildStdout> {
        self.child.as_mut()?.stdout.take()
    }

    /// Waits for the helper; a non-zero exit becomes an error carrying its last stderr line.
    /// The helper's stdin, if not taken, is closed first so it sees end of input.
    pub(crate) fn wait(mut self) -> Result<(), SpawnError> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        drop(child.stdin.take());
        let stderr = read_all(self.stderr.take());
        let status = child.wait().map_err(|source| SpawnError::Sync {
            op: self.op,
            source: source.into(),
        })?;
        if status.success() {
            return Ok(());
        }
        Err(SpawnError::Failed {
            op: self.op,
            status,
            message: userns::last_line(&stderr),
        })
    }

    /// Waits for the helper and returns how it ended, whatever that was.
    pub(crate) fn wait_status(mut self) -> Result<ExitStatus, SpawnError> {
        let Some(mut child) = self.child.take() else {
            return Err(SpawnError::Early {
                op: self.op,
                message: "it was already waited for".into(),
            });
        };
        child.wait().map_err(|source| SpawnError::Sync {
            op: self.op,
            source: source.into(),
        })
    }

    fn kill_and_reap(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Reaps a helper that stopped on its own and returns its last stderr line.
    fn reap_message(&mut self) -> String {
        // Killed and reaped first, so reading its stderr to the end cannot block.
        let status = self.child.take().map(|mut child| {
            let _ = child.kill();
            child.wait()
        });
        let stderr = read_all(self.stderr.take());
        match (stderr.is_empty(), status) {
            (true, Some(Ok(status))) => format!("it exited ({status}) without a message"),
            (true, Some(Err(e))) => e.to_string(),
            _ => userns::last_line(&stderr),
        }
    }
}

impl Drop for NsChild {
    fn drop(&mut self) {
        self.kill_and_reap();
    }
}

fn read_all(stream: Option<ChildStderr>) -> Vec<u8> {
    let mut buf = Vec::new();
    if let Some(mut s) = stream {
        let _ = s.read_to_end(&mut buf);
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_sends_the_namespace_to_join_and_says_go_only_after_ready() {
        let (ours, theirs) = super::super::pair().unwrap();
        let child = std::thread::spawn(move || {
            let (first, fds) = theirs.recv_with_fds::<Sync>(1).unwrap().unwrap();
            assert_eq!(first, Sync::Enter { join: true });
            assert_eq!(fds.len(), 1);
            theirs.send(&Sync::Ready).unwrap();
            theirs.expect::<Sync>().unwrap()
        });
        let userns = tempfile::tempfile().unwrap();
        release(&ours, Userns::Join(userns.as_fd()), "netns", 0, || {
            unreachable!("the child was ready")
        })
        .unwrap();
        assert_eq!(child.join().unwrap(), Sync::Go);
    }

    #[test]
    fn a_child_that_ends_before_ready_is_reported_with_its_message() {
        let (ours, theirs) = super::super::pair().unwrap();
        drop(theirs);
        let userns = tempfile::tempfile().unwrap();
        let err = release(&ours, Userns::Join(userns.as_fd()), "remove", 0, || {
            "rcon: remove: boom".to_string()
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "user-namespace helper remove stopped before its id map was written: rcon: remove: boom"
        );
    }
}
