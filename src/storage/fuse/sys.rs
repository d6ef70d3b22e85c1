//! The calls of the FUSE overlay on descriptors (the raw ones live in `crate::sys`): extended
//! attributes and attributes of open files, FICLONE, borrowing an open file for the
//! transport's zero-copy I/O, the fork that starts the server process and its descriptor
//! limit. Calls by name are `beneath.rs`'s alone.
use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::fd::BorrowedFd;

pub(super) use crate::sys::fuse::{
    clone_fuse_dev, fork_server as fork, ignore_group_signals, with_borrowed_file, Forked,
};
pub(super) use crate::sys::process::exit_now;
pub(super) use crate::sys::splice::splice;
pub(super) use crate::sys::stat64::{fstat, fstatvfs as statvfs, zeroed as zero_stat};

/// The value of xattr `name` of the open file `fd`.
pub(super) fn fget_xattr(fd: BorrowedFd<'_>, name: &[u8]) -> io::Result<Vec<u8>> {
    let name = CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    read_xattr(|buf| crate::sys::xattr::fget(fd, &name, buf))
}

/// Calls `get` (a getxattr) with a buffer grown until the value fits.
pub(super) fn read_xattr(
    mut get: impl FnMut(&mut [u8]) -> nix::Result<usize>,
) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; 256];
    loop {
        match get(&mut buf) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf);
            }
            Err(nix::errno::Errno::ERANGE) if buf.len() < 1 << 17 => {
                buf.resize(buf.len() * 4, 0);
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Makes `to` share `from`'s data blocks (FICLONE: btrfs, xfs); fails where the filesystem
/// cannot, and the caller copies instead.
pub(super) fn clone_file(from: &File, to: &File) -> io::Result<()> {
    crate::sys::fileops::ficlone(from, to)
}

/// Raises the soft limit of open descriptors to the hard one and returns it (the server keeps
/// a descriptor per file in use).
pub(super) fn raise_fd_limit() -> usize {
    let Ok(soft) = crate::sys::rlimit::raise_nofile() else {
        return 1024;
    };
    usize::try_from(soft).unwrap_or(usize::MAX).min(1 << 20)
}
