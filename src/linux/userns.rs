//! Helper processes inside a user namespace that maps the store's ids.
//!
//! Unpacking layers and removing trees owned by subordinate ids must run as root of a user
//! namespace with the store's [`IdMap`]. The CLI may be multi-threaded, so it never unshares
//! itself: [`spawn`] starts rcon again as `rcon __userns-helper <op> <args…>`. That fresh,
//! single-threaded process ([`helper_main`]) unshares a user namespace first thing, reports
//! "ready" on one pipe, and waits on a second pipe; the parent writes the maps with
//! [`IdMap::write_for`] and only then says "go". The child becomes uid/gid 0 and runs the op.
//!
//! The two pipe ends the child needs travel as inherited descriptors named in
//! `_RCON_USERNS_SYNC=<ready-fd>,<go-fd>`; they are close-on-exec in the parent and cleared of
//! it only in the child between fork and exec, so no other process inherits them. The child
//! gets SIGKILL when the spawning thread exits (PR_SET_PDEATHSIG), and an early EOF on the go
//! pipe makes it exit without running the op.
//!
//! [`spawn_detached`] starts a helper that outlives the CLI (the per-container supervisor): its
//! own session (setsid), no parent-death signal once it runs, and stderr in a file.
use crate::linux::idmap::{IdMap, IdmapError};
use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, FdFlag, OFlag};
use nix::sys::signal::Signal;
use nix::sys::stat::{fstatat, Mode, SFlag};
use nix::unistd::{unlinkat, UnlinkatFlags};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::OnceLock;

/// argv[1] that makes `rcon` run [`helper_main`].
pub const HELPER_ARG: &str = "__userns-helper";
/// The environment variable naming the child's two sync descriptors, and a third one when the
/// child joins an existing user namespace.
const SYNC_ENV: &str = "_RCON_USERNS_SYNC";

/// The user namespace a detached helper runs in.
#[derive(Debug, Clone, Copy)]
pub enum Userns<'a> {
    /// A new one, mapped by this map.
    New(&'a IdMap),
    /// An existing one (already mapped), by an open `/proc/<pid>/ns/user`.
    Join(BorrowedFd<'a>),
}

/// Why a user-namespace helper failed. `op` is the helper's operation (`remove`, `unpack`).
#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    #[error("cannot start the user-namespace helper {op} ({exe}): {source}")]
    Spawn {
        op: String,
        exe: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("user-namespace helper {op} stopped before its id map was written: {message}")]
    Early { op: String, message: String },
    #[error("cannot map ids for the user-namespace helper {op}: {source}")]
    Map {
        op: String,
        #[source]
        source: IdmapError,
    },
    #[error("cannot talk to the user-namespace helper {op}: {source}")]
    Sync {
        op: String,
        #[source]
        source: io::Error,
    },
    #[error("user-namespace helper {op} failed ({status}): {message}")]
    Failed {
        op: String,
        status: ExitStatus,
        message: String,
    },
}

/// An operation the helper can run: gets the arguments after the op name.
type HelperOp = fn(&[OsString]) -> Result<(), String>;

/// Every op [`helper_main`] dispatches.
const OPS: &[(&str, HelperOp)] = &[
    ("remove", op_remove),
    ("unpack", crate::image::unpack::helper_unpack),
    ("supervise", crate::runtime::supervisor::helper_supervise),
    ("cp", crate::container::cp::stopped::helper_cp),
    ("netns", crate::network::holder::helper_netns),
];

/// Ops started by [`spawn_detached`]: they must outlive their parent, so no parent-death signal
/// is armed for them.
const DETACHED_OPS: &[&str] = &["supervise", "netns"];

/// Ops whose process puts rcon into a container's PID namespace: the supervisor, whose clone
/// is the container's first process. They run from a sealed copy of rcon when the user could
/// write its file ([`crate::linux::sealed_exe`]); the CLI that starts them has warned.
const SEALED_OPS: &[&str] = &["supervise"];

static HELPER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Uses `exe` (a binary whose `main` calls [`helper_main`] for `__userns-helper`) instead of
/// `/proc/self/exe`; for programs other than rcon itself, such as integration tests. Only the
/// first call counts.
pub fn set_helper_exe(exe: PathBuf) {
    let _ = HELPER_EXE.set(exe);
}

fn helper_exe() -> PathBuf {
    // /proc/self/exe runs the very binary that is running, even if it was replaced on disk.
    HELPER_EXE
        .get()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("/proc/self/exe"))
}

/// A running helper. Dropping it without [`NsChild::wait`] kills and reaps it.
#[derive(Debug)]
pub struct NsChild {
    child: Option<Child>,
    stderr: Option<ChildStderr>,
    op: String,
}

/// Starts `rcon __userns-helper <op> <args…>` in a new user namespace mapped by `idmap`.
/// Returns once the map is written and the child has been told to run the op.
///
/// PR_SET_PDEATHSIG follows the spawning thread: the thread that calls `spawn` must outlive
/// the child (wait for it before the thread ends).
pub fn spawn(
    idmap: &IdMap,
    op: &str,
    args: &[&OsStr],
    stdin: Stdio,
    stdout: Stdio,
) -> Result<NsChild, UsernsError> {
    let sync = SyncPipes::new(op)?;
    let mut cmd = helper_command(op, args, &sync);
    cmd.stdin(stdin).stdout(stdout).stderr(Stdio::piped());
    inherit_in_child(&mut cmd, sync.child_fds(), true);
    let mut child = cmd.spawn().map_err(|source| UsernsError::Spawn {
        op: op.to_string(),
        exe: helper_exe(),
        source,
    })?;
    let stderr = child.stderr.take();
    let mut ns = NsChild {
        child: Some(child),
        stderr,
        op: op.to_string(),
    };
    let pid = ns.id() as i32;
    // Dropping `ns` on an error kills and reaps the child; it never got "go", so it ran nothing.
    sync.release(Some(idmap), op, pid, || ns.reap_message())?;
    Ok(ns)
}

/// Starts `rcon __userns-helper <op> <args…>` like [`spawn`], detached from the caller: the
/// child runs in a session of its own (no terminal signals reach it), gets no parent-death
/// signal, shows `argv0` as its name, and writes its stderr to `stderr` (created or appended).
/// Returns the child's pid once it has been told to run the op. The child is not waited for:
/// it outlives the caller, and a caller that lives on leaves it a zombie only until it exits.
pub fn spawn_detached(
    userns: Userns<'_>,
    op: &str,
    argv0: &str,
    args: &[&OsStr],
    stdin: Stdio,
    stdout: Stdio,
    stderr: &Path,
) -> Result<i32, UsernsError> {
    let spawn_err = |source: io::Error| UsernsError::Spawn {
        op: op.to_string(),
        exe: helper_exe(),
        source,
    };
    let err_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(stderr)
        .map_err(spawn_err)?;
    let mut sync = SyncPipes::new(op)?;
    if let Userns::Join(fd) = userns {
        sync.join = Some(fd.as_raw_fd());
    }
    let mut cmd = helper_command(op, args, &sync);
    cmd.arg0(argv0)
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::from(err_file));
    inherit_in_child(&mut cmd, sync.child_fds(), false);
    let mut child = cmd.spawn().map_err(spawn_err)?;
    let pid = child.id() as i32;
    let idmap = match userns {
        Userns::New(idmap) => Some(idmap),
        Userns::Join(_) => None,
    };
    let released = sync.release(idmap, op, pid, || {
        let _ = child.kill();
        let status = child.wait();
        let text = std::fs::read(stderr).unwrap_or_default();
        match (text.is_empty(), status) {
            (true, Ok(status)) => format!("it exited ({status}) without a message"),
            (true, Err(e)) => e.to_string(),
            _ => last_line(&text),
        }
    });
    if let Err(e) = released {
        // It never got "go" and runs nothing; reap it so no zombie stays with the caller.
        let _ = child.kill();
        let _ = child.wait();
        return Err(e);
    }
    // Not waited for on purpose: the child outlives us (see above).
    drop(child);
    Ok(pid)
}

/// The ready and go pipes between a parent and its helper child.
struct SyncPipes {
    ready_r: OwnedFd,
    ready_w: OwnedFd,
    go_r: OwnedFd,
    go_w: OwnedFd,
    /// A user namespace for the child to join instead of unsharing one (the caller's fd).
    join: Option<RawFd>,
}

impl SyncPipes {
    fn new(op: &str) -> Result<SyncPipes, UsernsError> {
        let sync_err = |e: Errno| UsernsError::Sync {
            op: op.to_string(),
            source: e.into(),
        };
        let (ready_r, ready_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(sync_err)?;
        let (go_r, go_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(sync_err)?;
        Ok(SyncPipes {
            ready_r,
            ready_w,
            go_r,
            go_w,
            join: None,
        })
    }

    /// The child's descriptors, as they are named in [`SYNC_ENV`]: its two ends, and the user
    /// namespace to join (-1 for none).
    fn child_fds(&self) -> [RawFd; 3] {
        [
            self.ready_w.as_raw_fd(),
            self.go_r.as_raw_fd(),
            self.join.unwrap_or(-1),
        ]
    }

    /// Waits for the spawned child `pid` to unshare (or join), writes its maps (a new
    /// namespace: `idmap`) and tells it to go. `early` reaps a child that stopped before it was
    /// ready and returns its message.
    fn release(
        self,
        idmap: Option<&IdMap>,
        op: &str,
        pid: i32,
        early: impl FnOnce() -> String,
    ) -> Result<(), UsernsError> {
        let SyncPipes {
            ready_r,
            ready_w,
            go_r,
            go_w,
            join: _,
        } = self;
        // Close our copies of the child's ends right away: then EOF on `ready` means the child
        // died, and EOF on `go` (when we drop `go_w` on an error path) tells the child to quit.
        drop(ready_w);
        drop(go_r);
        let mut byte = [0u8; 1];
        match File::from(ready_r).read(&mut byte) {
            Ok(1) => {}
            Ok(_) | Err(_) => {
                return Err(UsernsError::Early {
                    op: op.to_string(),
                    message: early(),
                })
            }
        }
        if let Some(idmap) = idmap {
            idmap.write_for(pid).map_err(|source| UsernsError::Map {
                op: op.to_string(),
                source,
            })?;
        }
        File::from(go_w)
            .write_all(b"g")
            .map_err(|source| UsernsError::Sync {
                op: op.to_string(),
                source,
            })
    }
}

/// `rcon __userns-helper <op> <args…>` with the sync descriptors named in the environment.
fn helper_command(op: &str, args: &[&OsStr], sync: &SyncPipes) -> Command {
    let [ready, go, join] = sync.child_fds();
    let value = if join >= 0 {
        format!("{ready},{go},{join}")
    } else {
        format!("{ready},{go}")
    };
    let mut cmd = Command::new(helper_exe());
    cmd.arg(HELPER_ARG).arg(op).args(args).env(SYNC_ENV, value);
    cmd
}

/// Clears close-on-exec on `fds` in the child only, and there either arms PR_SET_PDEATHSIG
/// (`attached`) or starts a new session (detached).
#[allow(unsafe_code)]
fn inherit_in_child(cmd: &mut Command, fds: [RawFd; 3], attached: bool) {
    let parent = std::process::id();
    // SAFETY: the closure runs in the child between fork and exec. It only makes system calls
    // that are async-signal-safe (fcntl, prctl, setsid, getppid), allocates nothing and touches
    // no lock; errors are built from raw errno values without allocation.
    unsafe {
        cmd.pre_exec(move || {
            for fd in fds.into_iter().filter(|fd| *fd >= 0) {
                fcntl(fd, FcntlArg::F_SETFD(FdFlag::empty())).map_err(io::Error::from)?;
            }
            if !attached {
                // Detached: no terminal and no process group of the caller's; the child must
                // outlive the caller, so no parent-death signal either.
                nix::unistd::setsid().map_err(io::Error::from)?;
                return Ok(());
            }
            nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(io::Error::from)?;
            // The parent may have died before the death signal was armed.
            if nix::unistd::getppid().as_raw() as u32 != parent {
                return Err(io::Error::from_raw_os_error(libc::ESRCH));
            }
            Ok(())
        })
    };
}

impl NsChild {
    /// The helper's pid.
    pub fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// The helper's stdin, when spawned with `Stdio::piped()`; taken once.
    pub fn stdin(&mut self) -> Option<ChildStdin> {
        self.child.as_mut()?.stdin.take()
    }

    /// The helper's stdout, when spawned with `Stdio::piped()`; taken once.
    pub fn stdout(&mut self) -> Option<ChildStdout> {
        self.child.as_mut()?.stdout.take()
    }

    /// Waits for the helper; a non-zero exit becomes an error carrying its last stderr line.
    /// The helper's stdin, if not taken, is closed first so it sees end of input.
    pub fn wait(mut self) -> Result<(), UsernsError> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        drop(child.stdin.take());
        let stderr = read_all(self.stderr.take());
        let status = child.wait().map_err(|source| UsernsError::Sync {
            op: self.op.clone(),
            source,
        })?;
        if status.success() {
            return Ok(());
        }
        Err(UsernsError::Failed {
            op: self.op.clone(),
            status,
            message: last_line(&stderr),
        })
    }

    /// Kills and reaps the helper.
    pub fn kill(mut self) {
        self.kill_and_reap();
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
            _ => last_line(&stderr),
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

fn last_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no message")
        .trim()
        .to_string()
}

/// Removes `path` and everything below it inside the store's user namespace (files owned by
/// subordinate ids included). Never follows a symlink, never crosses a mount point; a missing
/// path is fine.
pub fn remove_tree(idmap: &IdMap, path: &Path) -> Result<(), UsernsError> {
    if matches!(path.symlink_metadata(), Err(e) if e.kind() == io::ErrorKind::NotFound) {
        return Ok(());
    }
    spawn(
        idmap,
        "remove",
        &[path.as_os_str()],
        Stdio::null(),
        Stdio::null(),
    )?
    .wait()
}

/// Entry point of `rcon __userns-helper <op> <args…>`; `main` calls it before anything else,
/// while the process is still single-threaded. Exits 0 when the op succeeds, else prints one
/// `rcon: <op>: <message>` line on stderr and exits 1.
pub fn helper_main() -> ! {
    let args: Vec<OsString> = std::env::args_os().skip(2).collect();
    let op = args
        .first()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_default();
    let code = match run_helper(&op, args.get(1..).unwrap_or_default()) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("rcon: {op}: {message}");
            1
        }
    };
    std::process::exit(code)
}

fn run_helper(op: &str, args: &[OsString]) -> Result<(), String> {
    if SEALED_OPS.contains(&op) {
        // First: the re-execution keeps the sync descriptors and their names in the
        // environment, which take_sync_fds consumes.
        crate::linux::sealed_exe::ensure_sealed().map_err(|e| e.to_string())?;
    }
    let (ready, go, join) = take_sync_fds()?;
    let run = OPS
        .iter()
        .find(|(name, _)| *name == op)
        .map(|(_, run)| *run)
        .ok_or_else(|| format!("unknown user-namespace helper op {op:?}"))?;

    // This process is single-threaded here (main has spawned nothing), which unshare of a
    // user namespace (and setns into one) requires.
    if let Some(userns) = join {
        // Ours: we own it (same euid, created from this user namespace), so we hold
        // CAP_SYS_ADMIN in it, which setns asks for.
        nix::sched::setns(&userns, nix::sched::CloneFlags::CLONE_NEWUSER)
            .map_err(|e| format!("cannot join the user namespace of the shared network: {e}"))?;
    } else {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER).map_err(|e| {
            format!(
                "cannot create a user namespace: {e}; check that user.max_user_namespaces is \
                 not 0 and that kernel.unprivileged_userns_clone or the AppArmor userns \
                 restriction allow it"
            )
        })?;
    }
    File::from(ready)
        .write_all(b"r")
        .map_err(|e| format!("cannot signal readiness: {e}"))?;
    let mut byte = [0u8; 1];
    // The op must not run before the map is written: only an explicit "go" byte proceeds; EOF
    // means the parent failed or died.
    match File::from(go).read(&mut byte) {
        Ok(1) => {}
        _ => return Err("the parent rcon stopped before writing the id map".to_string()),
    }
    become_root(!DETACHED_OPS.contains(&op))?;
    raise_nofile_limit();
    run(args)
}

/// Takes ownership of the two inherited sync descriptors named in the environment, and of the
/// user namespace to join when a third is named.
#[allow(unsafe_code)]
fn take_sync_fds() -> Result<(OwnedFd, OwnedFd, Option<OwnedFd>), String> {
    const INTERNAL: &str = "__userns-helper is internal to rcon and started only by rcon itself";
    let value = std::env::var(SYNC_ENV).map_err(|_| INTERNAL.to_string())?;
    // Not passed on to anything the op starts.
    std::env::remove_var(SYNC_ENV);
    let fds: Vec<RawFd> = value
        .split(',')
        .map(|f| f.parse().map_err(|_| INTERNAL.to_string()))
        .collect::<Result<_, _>>()?;
    let (ready, go, join) = match fds[..] {
        [ready, go] => (ready, go, None),
        [ready, go, join] if join > 2 && join != ready && join != go => (ready, go, Some(join)),
        _ => return Err(INTERNAL.to_string()),
    };
    for fd in [ready, go] {
        // Only pipes above stdio are accepted, so a stray value cannot take over stdio.
        let st = nix::sys::stat::fstat(fd).map_err(|_| INTERNAL.to_string())?;
        if fd < 3 || SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT != SFlag::S_IFIFO {
            return Err(INTERNAL.to_string());
        }
    }
    if ready == go {
        return Err(INTERNAL.to_string());
    }
    // SAFETY: the parent passed these two distinct descriptors for this process alone; they are
    // open pipes (checked above) and nothing else in this process refers to them.
    let owned = unsafe { (OwnedFd::from_raw_fd(ready), OwnedFd::from_raw_fd(go)) };
    // Close-on-exec again, so programs the op may start do not inherit them.
    // SAFETY: as above: a distinct descriptor passed for this process alone; setns checks
    // that it is a user namespace.
    let join = join.map(|fd| unsafe { OwnedFd::from_raw_fd(fd) });
    for fd in [owned.0.as_raw_fd(), owned.1.as_raw_fd()]
        .into_iter()
        .chain(join.as_ref().map(AsRawFd::as_raw_fd))
    {
        fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).map_err(|e| e.to_string())?;
    }
    Ok((owned.0, owned.1, join))
}

/// setgroups([]) when allowed, then gid and uid 0 in the namespace; re-arms the parent-death
/// signal when `pdeathsig`.
fn become_root(pdeathsig: bool) -> Result<(), String> {
    // Changing credentials clears the parent-death signal; arm it again afterwards.
    let setgroups = std::fs::read_to_string("/proc/self/setgroups").unwrap_or_default();
    if setgroups.trim() == "allow" {
        nix::unistd::setgroups(&[]).map_err(|e| format!("cannot drop groups: {e}"))?;
    }
    let root_gid = nix::unistd::Gid::from_raw(0);
    let root_uid = nix::unistd::Uid::from_raw(0);
    nix::unistd::setresgid(root_gid, root_gid, root_gid)
        .map_err(|e| format!("cannot become gid 0 in the user namespace: {e}"))?;
    nix::unistd::setresuid(root_uid, root_uid, root_uid)
        .map_err(|e| format!("cannot become uid 0 in the user namespace: {e}"))?;
    if pdeathsig {
        nix::sys::prctl::set_pdeathsig(Signal::SIGKILL)
            .map_err(|e| format!("cannot set the parent-death signal: {e}"))?;
    }
    Ok(())
}

/// Deep trees hold one descriptor per level while they are removed or unpacked.
#[allow(unsafe_code)]
fn raise_nofile_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit read or write exactly one rlimit struct, valid for the call.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// Op `remove <path>`: `rm -rf` inside the namespace.
fn op_remove(args: &[OsString]) -> Result<(), String> {
    let [path] = args else {
        return Err("usage: remove <path>".to_string());
    };
    let path = Path::new(path);
    remove_path(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))
}

/// Removes `path` fd-relative: the parent folder is opened once, the last component and
/// everything below it are reached through descriptors only. For code that already runs as
/// root of the store's user namespace (the supervisor); everyone else uses [`remove_tree`].
pub fn remove_path(path: &Path) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path must end in a name",
        ));
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = match File::open(parent) {
        Ok(dir) => dir,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    remove_at(parent.as_fd(), name)
}

/// One open folder being emptied, with the names still to visit.
struct Frame {
    dir: OwnedFd,
    name: OsString,
    entries: Vec<OsString>,
}

impl Frame {
    fn open(parent: BorrowedFd<'_>, name: &OsStr) -> io::Result<Frame> {
        let dir = open_dir_at(parent, name)?;
        // Listing through the descriptor's magic link reads the very folder we hold open.
        let entries = std::fs::read_dir(format!("/proc/self/fd/{}", dir.as_raw_fd()))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<Vec<_>>>()?;
        Ok(Frame {
            dir,
            name: name.to_os_string(),
            entries,
        })
    }
}

/// Removes `name` in `parent` and, if it is a folder, everything in it (iteratively, so deep
/// trees cannot overflow the stack).
fn remove_at(parent: BorrowedFd<'_>, name: &OsStr) -> io::Result<()> {
    let st = match fstatat(
        Some(parent.as_raw_fd()),
        name,
        nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
    ) {
        Ok(st) => st,
        Err(Errno::ENOENT) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if !is_dir(st.st_mode) {
        return unlink(parent, name, UnlinkatFlags::NoRemoveDir);
    }
    let device = st.st_dev;
    let mut stack = vec![Frame::open(parent, name)?];
    while let Some(frame) = stack.last_mut() {
        if let Some(entry) = frame.entries.pop() {
            let dir = frame.dir.as_fd();
            let st = match fstatat(
                Some(dir.as_raw_fd()),
                entry.as_os_str(),
                nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
            ) {
                Ok(st) => st,
                Err(Errno::ENOENT) => continue,
                Err(e) => return Err(e.into()),
            };
            if !is_dir(st.st_mode) {
                unlink(dir, &entry, UnlinkatFlags::NoRemoveDir)?;
            } else if st.st_dev != device {
                // Descending would delete the contents of another file system mounted here.
                return Err(io::Error::other(format!(
                    "{} is a mount point; unmount it first",
                    entry.to_string_lossy()
                )));
            } else {
                let next = Frame::open(dir, &entry)?;
                stack.push(next);
            }
        } else if let Some(done) = stack.pop() {
            let Frame { dir, name, .. } = done;
            drop(dir);
            let parent = stack.last().map_or(parent, |f| f.dir.as_fd());
            unlink(parent, &name, UnlinkatFlags::RemoveDir)?;
        }
    }
    Ok(())
}

fn is_dir(mode: libc::mode_t) -> bool {
    SFlag::from_bits_truncate(mode) & SFlag::S_IFMT == SFlag::S_IFDIR
}

fn unlink(dir: BorrowedFd<'_>, name: &OsStr, flags: UnlinkatFlags) -> io::Result<()> {
    match unlinkat(Some(dir.as_raw_fd()), name, flags) {
        Ok(()) | Err(Errno::ENOENT) => Ok(()),
        Err(e) => Err(io::Error::other(format!(
            "cannot unlink {}: {e}",
            name.to_string_lossy()
        ))),
    }
}

/// Opens folder `name` in `dir` without following a symlink; a folder we may not read (mode
/// 000 and an owner outside the map) gets u+rwx first.
#[allow(unsafe_code)]
fn open_dir_at(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<OwnedFd> {
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    let open = || nix::fcntl::openat(Some(dir.as_raw_fd()), name, flags, Mode::empty());
    let fail = |e: Errno| io::Error::other(format!("cannot open {}: {e}", name.to_string_lossy()));
    let fd = match open() {
        Err(Errno::EACCES) => {
            nix::sys::stat::fchmodat(
                Some(dir.as_raw_fd()),
                name,
                Mode::S_IRWXU,
                nix::sys::stat::FchmodatFlags::NoFollowSymlink,
            )
            .map_err(fail)?;
            open().map_err(fail)?
        }
        other => other.map_err(fail)?,
    };
    // SAFETY: openat just returned this descriptor and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_path_deletes_nested_trees_without_following_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("keep"), b"x").unwrap();
        let tree = tmp.path().join("tree");
        let mut deep = tree.clone();
        for i in 0..50 {
            deep = deep.join(format!("d{i}"));
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("f"), b"x").unwrap();
        std::os::unix::fs::symlink(&outside, tree.join("link")).unwrap();
        std::os::unix::fs::symlink(&outside, deep.join("link")).unwrap();
        remove_path(&tree).unwrap();
        assert!(!tree.exists());
        assert!(outside.join("keep").exists());
    }

    #[test]
    fn remove_path_accepts_a_missing_path_and_removes_a_plain_file_or_symlink() {
        let tmp = tempfile::tempdir().unwrap();
        remove_path(&tmp.path().join("missing")).unwrap();
        remove_path(&tmp.path().join("missing/below")).unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        remove_path(&file).unwrap();
        assert!(!file.exists());
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(tmp.path(), &link).unwrap();
        remove_path(&link).unwrap();
        assert!(link.symlink_metadata().is_err());
        assert!(tmp.path().exists());
        assert!(remove_path(Path::new("/")).is_err());
    }

    #[test]
    fn ops_registry_names_remove_unpack_supervise_cp_and_netns() {
        let names: Vec<&str> = OPS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["remove", "unpack", "supervise", "cp", "netns"]);
        assert!(DETACHED_OPS.iter().all(|d| names.contains(d)));
        assert!(SEALED_OPS.iter().all(|d| names.contains(d)));
    }

    #[test]
    fn last_line_picks_the_final_message() {
        assert_eq!(
            last_line(b"warn\nrcon: remove: boom\n\n"),
            "rcon: remove: boom"
        );
        assert_eq!(last_line(b""), "no message");
    }
}
