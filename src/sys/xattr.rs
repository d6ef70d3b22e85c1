//! Extended attributes, of an open file (`f*xattr`) or of a name that is not followed when it
//! is a symlink (`l*xattr`), or of a path followed to its end (`getxattr`). Each function is one call: `buf` too small gives ERANGE and the
//! caller grows it.
use nix::errno::Errno;
use std::ffi::CStr;
use std::os::fd::{AsRawFd, BorrowedFd};

/// The value of `name` of the open file `fd`, into `buf`; its length.
pub(crate) fn fget(fd: BorrowedFd<'_>, name: &CStr, buf: &mut [u8]) -> nix::Result<usize> {
    // SAFETY: `name` is NUL-terminated; `buf` is writable for its length, and the kernel writes
    // at most that many bytes; the descriptor is open.
    let n = unsafe {
        libc::fgetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    Errno::result(n).map(|n| n as usize)
}

/// The NUL-separated attribute names of the open file `fd`, into `buf`; their length.
pub(crate) fn flist(fd: BorrowedFd<'_>, buf: &mut [u8]) -> nix::Result<usize> {
    // SAFETY: `buf` is writable for its length; the kernel writes at most that many bytes.
    let n = unsafe { libc::flistxattr(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
    Errno::result(n).map(|n| n as usize)
}

/// Sets `name` of the open (non-`O_PATH`) file `fd` to `value`; `flags`: 0, XATTR_CREATE or
/// XATTR_REPLACE.
pub(crate) fn fset(fd: BorrowedFd<'_>, name: &CStr, value: &[u8], flags: i32) -> nix::Result<()> {
    // SAFETY: `name` is a NUL-terminated string and `value` a live slice of `value.len()`
    // bytes, both valid for the duration of the call; the kernel only reads them.
    let rc = unsafe {
        libc::fsetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            flags,
        )
    };
    Errno::result(rc).map(drop)
}

/// The value of `name` of `path` (a symlink's own), into `buf`; its length.
pub(crate) fn lget(path: &CStr, name: &CStr, buf: &mut [u8]) -> nix::Result<usize> {
    // SAFETY: both strings are NUL-terminated; `buf` is writable for its length.
    let n = unsafe {
        libc::lgetxattr(
            path.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    Errno::result(n).map(|n| n as usize)
}

/// The NUL-separated attribute names of `path` (a symlink's own), into `buf`; their length.
pub(crate) fn llist(path: &CStr, buf: &mut [u8]) -> nix::Result<usize> {
    // SAFETY: `path` is NUL-terminated; `buf` is writable for its length.
    let n = unsafe { libc::llistxattr(path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    Errno::result(n).map(|n| n as usize)
}

/// Sets `name` of `path` (a symlink's own) to `value`; `flags`: 0, XATTR_CREATE or
/// XATTR_REPLACE.
pub(crate) fn lset(path: &CStr, name: &CStr, value: &[u8], flags: i32) -> nix::Result<()> {
    // SAFETY: both strings are NUL-terminated; `value` is readable for its length.
    let rc = unsafe {
        libc::lsetxattr(
            path.as_ptr(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            flags,
        )
    };
    Errno::result(rc).map(drop)
}

/// Removes `name` of `path` (a symlink's own).
pub(crate) fn lremove(path: &CStr, name: &CStr) -> nix::Result<()> {
    // SAFETY: both strings are NUL-terminated.
    let rc = unsafe { libc::lremovexattr(path.as_ptr(), name.as_ptr()) };
    Errno::result(rc).map(drop)
}

/// Reads extended attribute `name` of the file at `path` (following symlinks) into `buf`;
/// returns how many bytes were written.
pub(crate) fn get(path: &CStr, name: &CStr, buf: &mut [u8]) -> std::io::Result<usize> {
    // SAFETY: both strings are NUL-terminated and live across the call; the kernel writes at
    // most buf.len() bytes into buf, which is valid and writable for that length.
    let n = unsafe {
        libc::getxattr(
            path.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    usize::try_from(n).map_err(|_| std::io::Error::last_os_error())
}
