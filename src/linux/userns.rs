//! The kernel side of rcon's helper processes: a fresh rcon in a user namespace.
//!
//! Unpacking layers and removing trees owned by subordinate ids must run as root of a user
//! namespace with the store's [`IdMap`](crate::linux::idmap::IdMap). The CLI may be
//! multi-threaded, so it never unshares itself: it starts rcon again as
//! `rcon __userns-helper <role>` ([`command`]), and that fresh, single-threaded process
//! unshares ([`unshare`]) or joins ([`join`]) a user namespace, waits until its parent has
//! written the maps, and becomes root there ([`become_root`]). The conversation between the two
//! (`ipc::helper`) runs over one seqpacket socket that the child inherits: its descriptor is
//! named in `_RCON_USERNS_SYNC=<fd>` ([`take_sync_fd`]), close-on-exec in the parent and cleared
//! of it only in the child between fork and exec, so no other process inherits it.
//!
//! This module knows no roles: what the helper then does is `runtime::role`'s business.
//! [`remove_path`] is here because the tree remover runs in such a namespace and the supervisor
//! uses it directly.
use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, FdFlag, OFlag};
use nix::sys::signal::Signal;
use nix::sys::stat::{fstatat, Mode, SFlag};
use nix::unistd::{unlinkat, UnlinkatFlags};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// argv[1] that makes `rcon` run a helper role.
pub const HELPER_ARG: &str = "__userns-helper";
/// The environment variable naming the child's sync descriptor.
const SYNC_ENV: &str = "_RCON_USERNS_SYNC";

/// What a helper child says when it was not started by rcon (no or a bad role or descriptor).
pub(crate) const INTERNAL: &str =
    "__userns-helper is internal to rcon and started only by rcon itself";

/// Why a helper child could not enter its user namespace and become root there.
#[derive(Debug, thiserror::Error)]
pub(crate) enum UsernsError {
    #[error("{INTERNAL}")]
    Internal,
    #[error("cannot join the user namespace of the shared network: {0}")]
    Join(Errno),
    #[error(
        "cannot create a user namespace: {0}; check that user.max_user_namespaces is not 0 and \
         that kernel.unprivileged_userns_clone or the AppArmor userns restriction allow it"
    )]
    Create(Errno),
    #[error("cannot drop groups: {0}")]
    Groups(Errno),
    #[error("cannot become gid 0 in the user namespace: {0}")]
    Gid(Errno),
    #[error("cannot become uid 0 in the user namespace: {0}")]
    Uid(Errno),
    #[error("cannot set the parent-death signal: {0}")]
    DeathSignal(Errno),
    #[error("{0}")]
    Fd(Errno),
}

static HELPER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Uses `exe` (a binary whose `main` runs rcon's roles for `__userns-helper`) instead of
/// `/proc/self/exe`; for programs other than rcon itself, such as integration tests. Only the
/// first call counts.
pub fn set_helper_exe(exe: PathBuf) {
    let _ = HELPER_EXE.set(exe);
}

/// The program a helper runs.
pub(crate) fn helper_exe() -> PathBuf {
    // /proc/self/exe runs the very binary that is running, even if it was replaced on disk.
    HELPER_EXE
        .get()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("/proc/self/exe"))
}

/// How a helper child is tied to its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tie {
    /// Killed when the spawning thread exits (PR_SET_PDEATHSIG).
    Attached,
    /// A session of its own, no parent-death signal: it outlives its parent.
    Detached,
}

/// `rcon __userns-helper <role>` keeping `sync` (the child's end of the conversation) across
/// exec, named in the environment, and tied to this process as `tie` says.
pub(crate) fn command(role: &str, sync: RawFd, tie: Tie) -> Command {
    let mut cmd = Command::new(helper_exe());
    cmd.arg(HELPER_ARG)
        .arg(role)
        .env(SYNC_ENV, sync.to_string());
    let setup = match tie {
        Tie::Attached => crate::sys::userns::ChildSetup::DeathSignal {
            parent: std::process::id(),
        },
        Tie::Detached => crate::sys::userns::ChildSetup::NewSession,
    };
    crate::sys::userns::before_exec(&mut cmd, sync, setup);
    cmd
}

/// Starts `rcon __userns-helper <role>` as [`command`] with [`Tie::Detached`] would, named
/// `argv0`, with `stdio` as its 0, 1 and 2, through posix_spawn: nothing of this process's
/// memory is copied (`sys::spawn`). Returns its pid.
pub(crate) fn spawn_detached(
    role: &str,
    sync: RawFd,
    argv0: &str,
    stdio: crate::sys::spawn::Stdio,
) -> io::Result<i32> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStringExt;
    let exe = CString::new(helper_exe().into_os_string().into_vec())?;
    let argv = [argv0, HELPER_ARG, role]
        .into_iter()
        .map(CString::new)
        .collect::<Result<Vec<_>, _>>()?;
    let mut env = std::env::vars_os()
        .filter(|(name, _)| name != SYNC_ENV)
        .map(|(name, value)| {
            let mut pair = name.into_vec();
            pair.push(b'=');
            pair.extend(value.into_vec());
            CString::new(pair)
        })
        .collect::<Result<Vec<_>, _>>()?;
    env.push(CString::new(format!("{SYNC_ENV}={sync}"))?);
    crate::sys::spawn::spawn_session(&exe, &argv, &env, stdio, sync)
}

/// The helper's role argument (argv[2]).
pub(crate) fn role_arg() -> Option<OsString> {
    std::env::args_os().nth(2)
}

/// In the helper: takes the inherited sync descriptor named in the environment (a socket above
/// stdio), close-on-exec again so nothing the role starts inherits it.
pub(crate) fn take_sync_fd() -> Result<OwnedFd, UsernsError> {
    let value = std::env::var(SYNC_ENV).map_err(|_| UsernsError::Internal)?;
    // Not passed on to anything the role starts.
    std::env::remove_var(SYNC_ENV);
    let fd: RawFd = value.parse().map_err(|_| UsernsError::Internal)?;
    // Only a socket above stdio is accepted, so a stray value cannot take over stdio.
    let st = nix::sys::stat::fstat(fd).map_err(|_| UsernsError::Internal)?;
    if fd < 3 || SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT != SFlag::S_IFSOCK {
        return Err(UsernsError::Internal);
    }
    // The parent passed this descriptor for this process alone; it is an open socket (checked
    // above) and nothing else in this process refers to it.
    let owned = crate::sys::fd::own(fd);
    fcntl(owned.as_raw_fd(), FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).map_err(UsernsError::Fd)?;
    Ok(owned)
}

/// Unshares a new user namespace. The process must be single-threaded.
pub(crate) fn unshare() -> Result<(), UsernsError> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER).map_err(UsernsError::Create)
}

/// Joins the user namespace `userns` (an open `/proc/<pid>/ns/user`). The process must be
/// single-threaded.
pub(crate) fn join(userns: BorrowedFd<'_>) -> Result<(), UsernsError> {
    // Ours: we own it (same euid, created from this user namespace), so we hold
    // CAP_SYS_ADMIN in it, which setns asks for.
    nix::sched::setns(userns, nix::sched::CloneFlags::CLONE_NEWUSER).map_err(UsernsError::Join)
}

/// setgroups([]) when allowed, then gid and uid 0 in the namespace; re-arms the parent-death
/// signal for an attached helper. Call once the parent has written the maps.
pub(crate) fn become_root(tie: Tie) -> Result<(), UsernsError> {
    // Changing credentials clears the parent-death signal; arm it again afterwards.
    let setgroups = std::fs::read_to_string("/proc/self/setgroups").unwrap_or_default();
    if setgroups.trim() == "allow" {
        nix::unistd::setgroups(&[]).map_err(UsernsError::Groups)?;
    }
    let root_gid = nix::unistd::Gid::from_raw(0);
    let root_uid = nix::unistd::Uid::from_raw(0);
    nix::unistd::setresgid(root_gid, root_gid, root_gid).map_err(UsernsError::Gid)?;
    nix::unistd::setresuid(root_uid, root_uid, root_uid).map_err(UsernsError::Uid)?;
    if tie == Tie::Attached {
        nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(UsernsError::DeathSignal)?;
    }
    Ok(())
}

/// Deep trees hold one descriptor per level while they are removed or unpacked.
pub(crate) fn raise_nofile_limit() {
    let _ = crate::sys::rlimit::raise_nofile();
}

/// The last non-empty line of a helper's stderr, trimmed.
pub(crate) fn last_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no message")
        .trim()
        .to_string()
}

/// Removes `path` fd-relative: the parent folder is opened once, the last component and
/// everything below it are reached through descriptors only. For code that already runs as
/// root of the store's user namespace (the supervisor); everyone else uses [`remove_tree`].
pub(crate) fn remove_path(path: &Path) -> io::Result<()> {
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
    // openat just returned this descriptor and nothing else owns it.
    Ok(crate::sys::fd::own(fd))
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
    fn last_line_picks_the_final_message() {
        assert_eq!(
            last_line(b"warn\nrcon: remove: boom\n\n"),
            "rcon: remove: boom"
        );
        assert_eq!(last_line(b""), "no message");
    }
}
