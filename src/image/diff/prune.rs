//! A build step's writable layer adopted as an image layer as it stands: the mount points rcon
//! made in it (an empty `/etc/hosts` of an image without one, a cache mount's folder, the
//! /etc/mtab link) are removed first, so the tree holds exactly what its tar holds and gives
//! the same tar when it is walked again (`image::layer_tar`).
//!
//! What goes is what the walk leaves out ([`made_for_mounts`]): an empty regular file, or an
//! empty folder without the opaque mark, at a mount destination, reached through real folders
//! only; for a container's layer (not a build step's: `Options::keep_folders`) also a folder
//! around mount destinations that holds nothing else (the /run made for /run/.containerenv).
//! It is decided on the tree as found and removed deepest first. The folder around each
//! removed name keeps its modification time: the tar has it.
use super::tree::{get_xattr, list, open_at};
use super::{DiffError, Options};
use crate::image::unpack::OPAQUE_XATTR;
use crate::linux::mounts::MTAB;
use nix::errno::Errno;
use nix::fcntl::{readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstat, fstatat, futimens, FileStat, SFlag};
use nix::sys::time::TimeSpec;
use nix::unistd::{unlinkat, UnlinkatFlags};
use std::collections::BTreeSet;
use std::ffi::{CString, OsStr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

/// Removes the empty mount points at `targets` (names inside the layer) below `root`.
pub(super) fn prune_mount_points(root: BorrowedFd<'_>, opts: &Options) -> Result<(), DiffError> {
    let targets = &opts.mount_targets;
    let mut doomed: Vec<(Vec<u8>, bool)> = Vec::new();
    // Each destination and the folders around it, outermost first: a folder that goes takes
    // what it holds along, so nothing below it is looked at again.
    let mut candidates: BTreeSet<&[u8]> = BTreeSet::new();
    let mtab = &MTAB.0.as_bytes()[1..];
    for path in targets.iter().map(Vec::as_slice).chain([mtab]) {
        for (i, b) in path.iter().enumerate() {
            if *b == b'/' {
                candidates.insert(&path[..i]);
            }
        }
        candidates.insert(path);
    }
    for path in candidates {
        if doomed
            .iter()
            .any(|(d, is_dir)| *is_dir && path.starts_with(d) && path.get(d.len()) == Some(&b'/'))
        {
            continue;
        }
        let (parent, name) = split(path);
        let Some(dir) = open_parent(root, parent).map_err(|e| DiffError::at(path, e))? else {
            continue;
        };
        let st = match fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(Errno::ENOENT) => continue,
            Err(e) => return Err(DiffError::at(path, e)),
        };
        if made_for_mounts(dir.as_fd(), name, path, &st, opts)
            .map_err(|e| DiffError::at(path, e))?
        {
            let is_dir = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR;
            doomed.push((path.to_vec(), is_dir));
        }
    }
    // A name is longer than the folders around it.
    doomed.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    for (path, is_dir) in doomed {
        let path = &path[..];
        let (parent, name) = split(path);
        let at = |e| DiffError::at(path, e);
        let Some(dir) = open_parent(root, parent).map_err(at)? else {
            continue;
        };
        let before = fstat(dir.as_raw_fd()).map_err(at)?;
        if is_dir {
            remove_made(dir.as_fd(), name).map_err(at)?;
        } else {
            unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::NoRemoveDir).map_err(at)?;
        }
        let mtime = TimeSpec::new(before.st_mtime, before.st_mtime_nsec);
        futimens(dir.as_raw_fd(), &TimeSpec::UTIME_OMIT, &mtime).map_err(at)?;
    }
    Ok(())
}

/// Whether the name `name` in the folder `dir`, `path` inside the layer, with status `st`, is
/// only what rcon made for the container's mounts: an empty regular file at a destination in
/// the options' `mount_targets`, the /etc/mtab symlink every container gets ([`MTAB`]), or a
/// folder without the opaque mark, at a destination or (unless `keep_folders`) around one,
/// that holds nothing but such names. Such a name is no change of the container's and stays out of its
/// layer, as Podman keeps a mount point out of `diff`.
pub(super) fn made_for_mounts(
    dir: BorrowedFd<'_>,
    name: &OsStr,
    path: &[u8],
    st: &FileStat,
    opts: &Options,
) -> Result<bool, Errno> {
    let targets = &opts.mount_targets;
    let fmt = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
    let mtab = &MTAB.0.as_bytes()[1..];
    if fmt == SFlag::S_IFREG {
        return Ok(st.st_size == 0 && targets.contains(path));
    }
    // A container's (it has mount destinations), never a stored layer's.
    if fmt == SFlag::S_IFLNK {
        return Ok(path == mtab
            && !targets.is_empty()
            && readlinkat(Some(dir.as_raw_fd()), name).is_ok_and(|to| to == MTAB.1));
    }
    let around = |t: &[u8]| t.len() > path.len() && t.starts_with(path) && t[path.len()] == b'/';
    let around_any = !opts.keep_folders
        && !targets.is_empty()
        && (around(mtab) || targets.iter().any(|t| around(t)));
    if fmt != SFlag::S_IFDIR || !(targets.contains(path) || around_any) {
        return Ok(false);
    }
    let fd = match open_at(
        dir,
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
    ) {
        Ok(fd) => fd,
        // Removed or replaced meanwhile (a running container): not the folder stat saw.
        Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => return Ok(false),
        Err(e) => return Err(e),
    };
    if get_xattr(fd.as_fd(), OPAQUE_XATTR).is_some_and(|v| v == b"y") {
        return Ok(false);
    }
    for child in list(fd.as_fd())? {
        let mut inner = path.to_vec();
        inner.push(b'/');
        inner.extend_from_slice(child.as_bytes());
        let st = match fstatat(
            Some(fd.as_raw_fd()),
            child.as_os_str(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        ) {
            Ok(st) => st,
            Err(Errno::ENOENT) => continue,
            Err(e) => return Err(e),
        };
        if !made_for_mounts(fd.as_fd(), &child, &inner, &st, opts)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Removes the folder `name` in `dir` and the empty files and folders it holds (what
/// [`made_for_mounts`] found there).
fn remove_made(dir: BorrowedFd<'_>, name: &OsStr) -> Result<(), Errno> {
    let fd = open_at(
        dir,
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
    )?;
    for child in list(fd.as_fd())? {
        match unlinkat(
            Some(fd.as_raw_fd()),
            child.as_os_str(),
            UnlinkatFlags::NoRemoveDir,
        ) {
            Err(Errno::EISDIR) => remove_made(fd.as_fd(), &child)?,
            other => other?,
        }
    }
    unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::RemoveDir)
}

/// The absolute paths in the writable layer `upper` that [`made_for_mounts`] finds made for the
/// mount destinations `targets` (or the /etc/mtab link) and `below` (the image's layers) does
/// not have: what an export of the merged tree leaves out. Read from the caller's side; a name
/// it may not read counts as the container's.
pub(crate) fn made_in_upper(
    upper: &std::path::Path,
    targets: &[String],
    below: impl Fn(&str) -> bool,
) -> Vec<String> {
    let opts = super::Options::new(false, super::Mtimes::Keep, targets);
    let Ok(root) = std::fs::File::open(upper) else {
        return Vec::new();
    };
    let mtab = &MTAB.0.as_bytes()[1..];
    let mut candidates: BTreeSet<&[u8]> = BTreeSet::new();
    for path in opts.mount_targets.iter().map(Vec::as_slice).chain([mtab]) {
        for (i, b) in path.iter().enumerate() {
            if *b == b'/' {
                candidates.insert(&path[..i]);
            }
        }
        candidates.insert(path);
    }
    let mut made: Vec<&[u8]> = Vec::new();
    for path in candidates {
        if made
            .iter()
            .any(|m| path.starts_with(m) && path.get(m.len()) == Some(&b'/'))
        {
            continue;
        }
        let shown = format!("/{}", String::from_utf8_lossy(path));
        let (parent, name) = split(path);
        let Ok(Some(dir)) = open_parent(root.as_fd(), parent) else {
            continue;
        };
        let Ok(st) = fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW) else {
            continue;
        };
        if made_for_mounts(dir.as_fd(), name, path, &st, &opts).unwrap_or(false) && !below(&shown) {
            made.push(path);
        }
    }
    made.iter()
        .map(|p| format!("/{}", String::from_utf8_lossy(p)))
        .collect()
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
