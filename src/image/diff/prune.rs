//! A build step's writable layer adopted as an image layer as it stands: the mount points rcon
//! made in it (an empty `/etc/hosts` of an image without one, a cache mount's folder) are
//! removed first, so the tree holds exactly what its tar holds and gives the same tar when it
//! is walked again (`image::layer_tar`).
//!
//! What goes is what the walk leaves out ([`super::Options::mount_targets`]): an empty regular
//! file, or an empty folder without the opaque mark, at a mount destination, reached through
//! real folders only. It is decided on the tree as found and removed deepest first, so a folder
//! that held only a mount point stays, as the walk keeps it. The folder around each removed
//! name keeps its modification time: the tar has it.
use super::tree::{get_xattr, list, open_at};
use super::DiffError;
use crate::image::unpack::OPAQUE_XATTR;
use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::{fstat, fstatat, futimens, SFlag};
use nix::sys::time::TimeSpec;
use nix::unistd::{unlinkat, UnlinkatFlags};
use std::collections::BTreeSet;
use std::ffi::{CString, OsStr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

/// Removes the empty mount points at `targets` (names inside the layer) below `root`.
pub(super) fn prune_mount_points(
    root: BorrowedFd<'_>,
    targets: &BTreeSet<Vec<u8>>,
) -> Result<(), DiffError> {
    let mut doomed: Vec<(&[u8], bool)> = Vec::new();
    for path in targets {
        let (parent, name) = split(path);
        let Some(dir) = open_parent(root, parent).map_err(|e| DiffError::at(path, e))? else {
            continue;
        };
        let st = match fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(Errno::ENOENT) => continue,
            Err(e) => return Err(DiffError::at(path, e)),
        };
        let fmt = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
        if fmt == SFlag::S_IFREG && st.st_size == 0 {
            doomed.push((path, false));
        } else if fmt == SFlag::S_IFDIR {
            let fd = open_at(
                dir.as_fd(),
                name,
                OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
            )
            .map_err(|e| DiffError::at(path, e))?;
            let opaque = get_xattr(fd.as_fd(), OPAQUE_XATTR).is_some_and(|v| v == b"y");
            if !opaque
                && list(fd.as_fd())
                    .map_err(|e| DiffError::at(path, e))?
                    .is_empty()
            {
                doomed.push((path, true));
            }
        }
    }
    // A name is longer than the folders around it.
    doomed.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    for (path, is_dir) in doomed {
        let (parent, name) = split(path);
        let at = |e| DiffError::at(path, e);
        let Some(dir) = open_parent(root, parent).map_err(at)? else {
            continue;
        };
        let before = fstat(dir.as_raw_fd()).map_err(at)?;
        let how = if is_dir {
            UnlinkatFlags::RemoveDir
        } else {
            UnlinkatFlags::NoRemoveDir
        };
        unlinkat(Some(dir.as_raw_fd()), name, how).map_err(at)?;
        let mtime = TimeSpec::new(before.st_mtime, before.st_mtime_nsec);
        futimens(dir.as_raw_fd(), &TimeSpec::UTIME_OMIT, &mtime).map_err(at)?;
    }
    Ok(())
}

/// `a/b/c` as (`a/b`, `c`); a name at the top has an empty parent.
fn split(path: &[u8]) -> (&[u8], &OsStr) {
    match path.iter().rposition(|&b| b == b'/') {
        Some(i) => (&path[..i], OsStr::from_bytes(&path[i + 1..])),
        None => (&[], OsStr::from_bytes(path)),
    }
}

/// The folder `parent` below `root`, through real folders only (no symlink, nothing above
/// `root`); `None` when it is not there as a folder.
fn open_parent(root: BorrowedFd<'_>, parent: &[u8]) -> Result<Option<OwnedFd>, Errno> {
    let path = if parent.is_empty() {
        b"." as &[u8]
    } else {
        parent
    };
    let Ok(cpath) = CString::new(path) else {
        return Ok(None);
    };
    let resolve = libc::RESOLVE_BENEATH | libc::RESOLVE_NO_SYMLINKS | libc::RESOLVE_NO_MAGICLINKS;
    match crate::sys::openat2::open(
        root,
        &cpath,
        libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW,
        resolve,
    ) {
        Ok(fd) => Ok(Some(fd)),
        Err(e) => match Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)) {
            Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP | Errno::EXDEV => Ok(None),
            e => Err(e),
        },
    }
}
