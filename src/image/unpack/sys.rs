//! The few file-system calls unpacking needs, each relative to a folder descriptor and never
//! following a symlink: `openat2` beneath the layer root, extended attributes on descriptors,
//! and removing a tree without leaving it.
use crate::sys::fd::own;
use nix::errno::Errno;
use nix::fcntl::{openat2, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstatat, FileStat, Mode, SFlag};
use nix::unistd::{unlinkat, UnlinkatFlags};
use std::ffi::{CString, OsStr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// Opens `path` (relative, possibly several components) beneath `dir`: no `..` out of `dir`,
/// no symlink anywhere (the last component included), no magic links.
pub(crate) fn open_beneath(dir: BorrowedFd<'_>, path: &Path, flags: OFlag) -> nix::Result<OwnedFd> {
    let how = OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW)
        .resolve(
            ResolveFlag::RESOLVE_BENEATH
                | ResolveFlag::RESOLVE_NO_SYMLINKS
                | ResolveFlag::RESOLVE_NO_MAGICLINKS,
        );
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    openat2(dir.as_raw_fd(), path, how).map(own)
}

/// Tells why a folder path beneath `dir` cannot be opened: `ELOOP` when a component is a
/// symlink, `ENOTDIR` when it is something else that is not a folder, `ENOENT` when missing.
/// (With `O_NOFOLLOW | O_DIRECTORY` a symlink as last component reports `ENOTDIR`.)
pub(crate) fn diagnose(dir: BorrowedFd<'_>, path: &Path) -> Errno {
    let mut cur = match dir.try_clone_to_owned() {
        Ok(fd) => fd,
        Err(e) => return io_errno(e),
    };
    for comp in path.components() {
        let name = comp.as_os_str();
        match stat_at(cur.as_fd(), name) {
            Ok(None) => return Errno::ENOENT,
            Ok(Some(st))
                if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFLNK =>
            {
                return Errno::ELOOP
            }
            Ok(Some(st)) if !is_dir(&st) => return Errno::ENOTDIR,
            Ok(Some(_)) => {}
            Err(e) => return e,
        }
        cur = match open_beneath(
            cur.as_fd(),
            Path::new(name),
            OFlag::O_PATH | OFlag::O_DIRECTORY,
        ) {
            Ok(fd) => fd,
            Err(e) => return e,
        };
    }
    Errno::ENOTDIR
}

/// Opens a folder beneath `dir` for use as a directory descriptor and for fchmod/fsetxattr.
/// `ENOTDIR` is refined by [`diagnose`] so a symlink anywhere reports `ELOOP`.
pub(crate) fn open_dir_beneath(dir: BorrowedFd<'_>, path: &Path) -> nix::Result<OwnedFd> {
    match open_beneath(dir, path, OFlag::O_RDONLY | OFlag::O_DIRECTORY) {
        Err(Errno::ENOTDIR) => Err(diagnose(dir, path)),
        other => other,
    }
}

/// Creates a new regular file `name` in `dir` for writing, with the permission bits `mode`
/// (less the umask; the descriptor writes whatever they say); fails with `EEXIST` when
/// anything exists there.
pub(crate) fn create_file(
    dir: BorrowedFd<'_>,
    name: &OsStr,
    mode: u32,
) -> nix::Result<std::fs::File> {
    let flags =
        OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    let fd = nix::fcntl::openat(
        Some(dir.as_raw_fd()),
        name,
        flags,
        Mode::from_bits_truncate(mode & 0o777),
    )?;
    Ok(std::fs::File::from(own(fd)))
}

/// `lstat` of one name inside `dir`; `None` when it does not exist.
pub(crate) fn stat_at(dir: BorrowedFd<'_>, name: &OsStr) -> nix::Result<Option<FileStat>> {
    match fstatat(
        Some(dir.as_raw_fd()),
        name,
        nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
    ) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::ENOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a stat result is a folder.
pub(crate) fn is_dir(st: &FileStat) -> bool {
    SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR
}

/// Sets an extended attribute on an open (non-`O_PATH`) descriptor.
pub(crate) fn fset_xattr(fd: BorrowedFd<'_>, name: &str, value: &[u8]) -> nix::Result<()> {
    let name = CString::new(name).map_err(|_| Errno::EINVAL)?;
    crate::sys::xattr::fset(fd, &name, value, 0)
}

/// Reads an extended attribute of an open descriptor (the tests check what was set).
#[cfg(test)]
pub(crate) fn fget_xattr(fd: BorrowedFd<'_>, name: &str) -> nix::Result<Vec<u8>> {
    let name = CString::new(name).map_err(|_| Errno::EINVAL)?;
    let mut buf = vec![0u8; 4096];
    let n = crate::sys::xattr::fget(fd, &name, &mut buf)?;
    buf.truncate(n);
    Ok(buf)
}

/// Removes `name` inside `dir`, recursively when it is a folder, never following a symlink:
/// every level is opened beneath its parent with `O_NOFOLLOW`.
pub(crate) fn remove_all_at(dir: BorrowedFd<'_>, name: &OsStr) -> nix::Result<()> {
    match unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::NoRemoveDir) {
        Ok(()) | Err(Errno::ENOENT) => return Ok(()),
        Err(Errno::EISDIR) | Err(Errno::EPERM) => {}
        Err(e) => return Err(e),
    }
    let sub = open_dir_beneath(dir, Path::new(name))?;
    // The folder is listed through our own descriptor: /proc/self/fd/N is that very folder.
    let children: Vec<std::ffi::OsString> =
        std::fs::read_dir(format!("/proc/self/fd/{}", sub.as_raw_fd()))
            .map_err(io_errno)?
            .map(|e| e.map(|e| e.file_name()).map_err(io_errno))
            .collect::<nix::Result<_>>()?;
    for child in children {
        remove_all_at(sub.as_fd(), &child)?;
    }
    unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::RemoveDir)
}

fn io_errno(e: std::io::Error) -> Errno {
    Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO))
}

/// The permission bits of a tar mode, as a nix `Mode`.
pub(crate) fn perm(mode: u32) -> Mode {
    Mode::from_bits_truncate(mode & 0o7777)
}
