//! Every name the server hands the kernel, resolved beneath a layer's root whatever the
//! container does meanwhile.
//!
//! The container changes the upper layer through this server while the server works in other
//! threads: between the moment a request's path is read from the tree and the moment it is
//! used, a folder on that path may have been renamed away and a symlink put in its place (a
//! rename, a RENAME_EXCHANGE), pointing anywhere in the server's root. So no path of more than
//! one name is ever given to a call that resolves it the ordinary way: [`at`] opens the parent
//! folder beneath the layer's root with openat2 (`RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
//! RESOLVE_NO_MAGICLINKS`: a symlink anywhere on the way fails with ELOOP, `..` out of the root
//! with EXDEV) and each call here acts on the last name relative to that descriptor without
//! following it; [`open`] opens a whole path the same way. A container that races the server
//! gets an error for its own request, never a file outside the layer.
//!
//! chmod has no form that leaves a symlink alone before fchmodat2 (Linux 6.6); before it the
//! node is opened (never following) and changed through its descriptor. Extended attributes
//! have no `*at` calls before Linux 6.13: the `l*xattr` calls take the bare last name relative
//! to the calling thread's working folder, set to the parent's descriptor (each thread gets a
//! working folder of its own first, unshare(CLONE_FS)), so they need no /proc either.
//!
//! This module and `sys.rs` (descriptors only) are the only places that make file-system calls
//! by name; everything else in the overlay goes through them.
use crate::sys::fd::own;
use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, OpenHow, RenameFlags, ResolveFlag};
use nix::sys::stat::{Mode, SFlag};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid};
use std::cell::Cell;
use std::ffi::{CStr, CString, OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};
use std::sync::atomic::{AtomicBool, Ordering};

/// How openat2 resolves every path here.
const RESOLVE: ResolveFlag = ResolveFlag::RESOLVE_BENEATH
    .union(ResolveFlag::RESOLVE_NO_SYMLINKS)
    .union(ResolveFlag::RESOLVE_NO_MAGICLINKS);

/// A name's place beneath a layer root: its parent folder, held open, and the last name.
pub(super) struct At<'a> {
    dir: Parent<'a>,
    name: CString,
}

enum Parent<'a> {
    /// The name is directly in the root (or is the root itself, named ".").
    Root(BorrowedFd<'a>),
    /// Opened beneath the root (an O_PATH descriptor of the folder).
    Opened(OwnedFd),
}

impl At<'_> {
    /// The parent folder.
    pub(crate) fn dir(&self) -> BorrowedFd<'_> {
        match &self.dir {
            Parent::Root(fd) => *fd,
            Parent::Opened(fd) => fd.as_fd(),
        }
    }

    fn raw(&self) -> RawFd {
        self.dir().as_raw_fd()
    }

    /// The last name: one component, never `..`, or "." for the root itself.
    pub(crate) fn name(&self) -> &CStr {
        &self.name
    }
}

/// A folder beneath a layer root, opened once for several names in it (a lookup's stat and
/// opaque check in each layer).
pub(super) struct Folder<'a>(Parent<'a>);

impl Folder<'_> {
    /// The place of `name` (one plain name) in this folder.
    pub(crate) fn at(&self, name: &OsStr) -> io::Result<At<'_>> {
        let mut parts = Path::new(name).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(n)), None) => Ok(At {
                dir: Parent::Root(self.fd()),
                name: cstring(n.as_bytes())?,
            }),
            _ => Err(Errno::EINVAL.into()),
        }
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match &self.0 {
            Parent::Root(fd) => *fd,
            Parent::Opened(fd) => fd.as_fd(),
        }
    }
}

/// The folder `rel` beneath `root` ("" is the root itself), opened without following any
/// symlink.
pub(super) fn folder<'a>(root: BorrowedFd<'a>, rel: &Path) -> io::Result<Folder<'a>> {
    if rel.as_os_str().is_empty() {
        return Ok(Folder(Parent::Root(root)));
    }
    let fd = openat2(root, rel, OFlag::O_PATH | OFlag::O_DIRECTORY, Mode::empty())?;
    Ok(Folder(Parent::Opened(fd)))
}

fn cstring(bytes: &[u8]) -> io::Result<CString> {
    CString::new(bytes).map_err(|_| Errno::EINVAL.into())
}

/// openat2 of `rel` beneath `root` with [`RESOLVE`]. EAGAIN (another rename in the system
/// raced a `..` step) is retried a few times.
fn openat2(root: BorrowedFd<'_>, rel: &Path, flags: OFlag, mode: Mode) -> io::Result<OwnedFd> {
    let rel = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    let mut tries = 0;
    loop {
        let how = OpenHow::new()
            .flags(flags | OFlag::O_CLOEXEC)
            .mode(mode)
            .resolve(RESOLVE);
        match nix::fcntl::openat2(root.as_raw_fd(), rel, how) {
            Ok(fd) => return Ok(own(fd)),
            Err(Errno::EAGAIN) if tries < 8 => tries += 1,
            Err(e) => return Err(e.into()),
        }
    }
}

/// The parent folder of `rel` (a path relative to `root`; "" is the root itself), opened
/// beneath `root` without following any symlink, and its last name.
pub(super) fn at<'a>(root: BorrowedFd<'a>, rel: &Path) -> io::Result<At<'a>> {
    let mut parts = rel.components();
    let name = match parts.next_back() {
        None => {
            return Ok(At {
                dir: Parent::Root(root),
                name: CString::from(c"."),
            })
        }
        Some(Component::Normal(name)) => cstring(name.as_bytes())?,
        // `..`, `/` or `.` as the last name: the overlay's paths are plain names.
        Some(_) => return Err(Errno::EINVAL.into()),
    };
    let parent = parts.as_path();
    let dir = if parent.as_os_str().is_empty() {
        Parent::Root(root)
    } else {
        Parent::Opened(openat2(
            root,
            parent,
            OFlag::O_PATH | OFlag::O_DIRECTORY,
            Mode::empty(),
        )?)
    };
    Ok(At { dir, name })
}

/// Opens `rel` beneath `root`; no symlink is followed on the way or at the end (with O_PATH a
/// trailing symlink gives a descriptor of the link itself, otherwise ELOOP). `mode` counts only
/// with O_CREAT.
pub(super) fn open(root: BorrowedFd<'_>, rel: &Path, flags: OFlag, mode: Mode) -> io::Result<File> {
    let mode = if flags.contains(OFlag::O_CREAT) {
        mode
    } else {
        Mode::empty()
    };
    openat2(root, rel, flags | OFlag::O_NOFOLLOW, mode).map(File::from)
}

/// The folder `rel` beneath `root`, open for listing.
pub(super) fn open_dir(root: BorrowedFd<'_>, rel: &Path) -> io::Result<nix::dir::Dir> {
    let fd = openat2(
        root,
        rel,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
        Mode::empty(),
    )?;
    Ok(nix::dir::Dir::from(fd)?)
}

/// lstat of `rel` beneath `root`, as the transport's `stat64`.
pub(super) fn stat(root: BorrowedFd<'_>, rel: &Path) -> io::Result<libc::stat64> {
    stat_at(&at(root, rel)?)
}

/// lstat of the name `at`.
pub(super) fn stat_at(at: &At<'_>) -> io::Result<libc::stat64> {
    crate::sys::stat64::lstat_at(at.dir(), at.name())
}

pub(super) fn mkdir(root: BorrowedFd<'_>, rel: &Path, mode: Mode) -> io::Result<()> {
    let at = at(root, rel)?;
    Ok(nix::sys::stat::mkdirat(Some(at.raw()), at.name(), mode)?)
}

pub(super) fn mknod(
    root: BorrowedFd<'_>,
    rel: &Path,
    kind: SFlag,
    perm: Mode,
    dev: libc::dev_t,
) -> io::Result<()> {
    let at = at(root, rel)?;
    Ok(nix::sys::stat::mknodat(
        Some(at.raw()),
        at.name(),
        kind,
        perm,
        dev,
    )?)
}

/// A symlink at `rel` beneath `root` pointing to `target` (which is never resolved here).
pub(super) fn symlink(target: &OsStr, root: BorrowedFd<'_>, rel: &Path) -> io::Result<()> {
    let at = at(root, rel)?;
    Ok(nix::unistd::symlinkat(target, Some(at.raw()), at.name())?)
}

/// unlink, or rmdir when `dir`.
pub(super) fn unlink(root: BorrowedFd<'_>, rel: &Path, dir: bool) -> io::Result<()> {
    let at = at(root, rel)?;
    let flag = if dir {
        nix::unistd::UnlinkatFlags::RemoveDir
    } else {
        nix::unistd::UnlinkatFlags::NoRemoveDir
    };
    Ok(nix::unistd::unlinkat(Some(at.raw()), at.name(), flag)?)
}

/// A hard link `to` (beneath `to_root`) of `from` (beneath `from_root`); a symlink at `from`
/// is linked, not followed.
pub(super) fn link(
    from_root: BorrowedFd<'_>,
    from: &Path,
    to_root: BorrowedFd<'_>,
    to: &Path,
) -> io::Result<()> {
    let old = at(from_root, from)?;
    let new = at(to_root, to)?;
    Ok(nix::unistd::linkat(
        Some(old.raw()),
        old.name(),
        Some(new.raw()),
        new.name(),
        AtFlags::empty(),
    )?)
}

/// renameat2 of `from` (beneath `from_root`) to `to` (beneath `to_root`).
pub(super) fn rename(
    from_root: BorrowedFd<'_>,
    from: &Path,
    to_root: BorrowedFd<'_>,
    to: &Path,
    flags: RenameFlags,
) -> io::Result<()> {
    let old = at(from_root, from)?;
    let new = at(to_root, to)?;
    Ok(nix::fcntl::renameat2(
        Some(old.raw()),
        old.name(),
        Some(new.raw()),
        new.name(),
        flags,
    )?)
}

pub(super) fn readlink(root: BorrowedFd<'_>, rel: &Path) -> io::Result<OsString> {
    let at = at(root, rel)?;
    Ok(nix::fcntl::readlinkat(Some(at.raw()), at.name())?)
}

/// lchown of `rel` beneath `root`.
pub(super) fn chown(
    root: BorrowedFd<'_>,
    rel: &Path,
    uid: Option<Uid>,
    gid: Option<Gid>,
) -> io::Result<()> {
    let at = at(root, rel)?;
    Ok(nix::unistd::fchownat(
        Some(at.raw()),
        at.name(),
        uid,
        gid,
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )?)
}

/// The access and modification times of `rel` beneath `root` (a symlink's own).
pub(super) fn set_times(
    root: BorrowedFd<'_>,
    rel: &Path,
    atime: &TimeSpec,
    mtime: &TimeSpec,
) -> io::Result<()> {
    let at = at(root, rel)?;
    Ok(nix::sys::stat::utimensat(
        Some(at.raw()),
        at.name(),
        atime,
        mtime,
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )?)
}

/// Whether fchmodat2 is missing (a kernel before 6.6): then chmod opens the node instead.
static NO_FCHMODAT2: AtomicBool = AtomicBool::new(false);

/// chmod of `rel` beneath `root`, never of what a symlink there points to (a symlink's mode
/// cannot change: EOPNOTSUPP).
pub(super) fn chmod(root: BorrowedFd<'_>, rel: &Path, mode: Mode) -> io::Result<()> {
    let at = at(root, rel)?;
    if !NO_FCHMODAT2.load(Ordering::Relaxed) {
        let Err(e) = crate::sys::fileops::fchmodat2_nofollow(at.dir(), at.name(), mode.bits())
        else {
            return Ok(());
        };
        if e.raw_os_error() != Some(libc::ENOSYS) {
            return Err(e);
        }
        NO_FCHMODAT2.store(true, Ordering::Relaxed);
    }
    // Opened without following (ELOOP for a symlink), without blocking on a fifo; a socket
    // cannot be opened (ENXIO) and keeps its mode on such a kernel.
    let fd = nix::fcntl::openat(
        Some(at.raw()),
        at.name(),
        OFlag::O_RDONLY
            | OFlag::O_NOFOLLOW
            | OFlag::O_NONBLOCK
            | OFlag::O_NOCTTY
            | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map(own)
    .map_err(|e| match e {
        Errno::ELOOP | Errno::ENXIO => Errno::EOPNOTSUPP,
        e => e,
    })?;
    Ok(nix::sys::stat::fchmod(fd.as_raw_fd(), mode)?)
}

thread_local! {
    /// Whether this thread has a working folder of its own.
    static OWN_CWD: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with the calling thread's working folder set to `at`'s parent, so `f` can name the
/// node by its last name alone.
fn in_parent<T>(at: &At<'_>, f: impl FnOnce(&CStr) -> io::Result<T>) -> io::Result<T> {
    if !OWN_CWD.get() {
        // The working folder is shared by the process's threads until each takes its own.
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_FS)?;
        OWN_CWD.set(true);
    }
    nix::unistd::fchdir(at.raw())?;
    f(at.name())
}

/// The value of xattr `name` of `rel` beneath `root` (a symlink's own).
pub(super) fn get_xattr(root: BorrowedFd<'_>, rel: &Path, name: &[u8]) -> io::Result<Vec<u8>> {
    get_xattr_at(&at(root, rel)?, name)
}

/// The value of xattr `name` of the name `at` (a symlink's own).
pub(super) fn get_xattr_at(at: &At<'_>, name: &[u8]) -> io::Result<Vec<u8>> {
    let name = cstring(name)?;
    in_parent(at, |node| {
        super::sys::read_xattr(|buf| crate::sys::xattr::lget(node, &name, buf))
    })
}

/// The NUL-separated xattr names of `rel` beneath `root` (a symlink's own).
pub(super) fn list_xattrs(root: BorrowedFd<'_>, rel: &Path) -> io::Result<Vec<u8>> {
    let at = at(root, rel)?;
    in_parent(&at, |node| {
        let mut buf = vec![0u8; 1024];
        loop {
            match crate::sys::xattr::llist(node, &mut buf) {
                Ok(n) => {
                    buf.truncate(n);
                    return Ok(buf);
                }
                Err(Errno::ERANGE) if buf.len() < 1 << 20 => {
                    buf.resize(buf.len() * 4, 0);
                }
                Err(e) => return Err(e.into()),
            }
        }
    })
}

/// Sets xattr `name` of `rel` beneath `root` (`flags`: XATTR_CREATE / XATTR_REPLACE).
pub(super) fn set_xattr(
    root: BorrowedFd<'_>,
    rel: &Path,
    name: &[u8],
    value: &[u8],
    flags: i32,
) -> io::Result<()> {
    let at = at(root, rel)?;
    let name = cstring(name)?;
    in_parent(&at, |node| {
        Ok(crate::sys::xattr::lset(node, &name, value, flags)?)
    })
}

/// Removes xattr `name` of `rel` beneath `root`.
pub(super) fn remove_xattr(root: BorrowedFd<'_>, rel: &Path, name: &[u8]) -> io::Result<()> {
    let at = at(root, rel)?;
    let name = cstring(name)?;
    in_parent(&at, |node| Ok(crate::sys::xattr::lremove(node, &name)?))
}

#[cfg(test)]
mod tests;
