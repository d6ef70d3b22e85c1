//! File attributes as the C library's `stat64` and `statvfs64` (the forms the FUSE transport
//! speaks): of an open file, of a name relative to a folder without following it, of the file
//! system holding an open file.
use std::ffi::CStr;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};

fn unit(rc: libc::c_int) -> io::Result<()> {
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// An all-zero `stat64` (attributes the kernel ignores; a value to fill in).
pub(crate) fn zeroed() -> libc::stat64 {
    // SAFETY: an all-zero stat64 is a valid value of this plain C struct.
    unsafe { std::mem::zeroed() }
}

/// fstat of the open file `fd`.
pub(crate) fn fstat(fd: BorrowedFd<'_>) -> io::Result<libc::stat64> {
    let mut st = zeroed();
    // SAFETY: `st` is writable; the descriptor is open.
    unit(unsafe { libc::fstat64(fd.as_raw_fd(), &mut st) }).map(|_| st)
}

/// lstat of `name` in the folder `dir` (fstatat with AT_SYMLINK_NOFOLLOW).
pub(crate) fn lstat_at(dir: BorrowedFd<'_>, name: &CStr) -> io::Result<libc::stat64> {
    let mut st = zeroed();
    // SAFETY: the name is NUL-terminated and `st` writable; the descriptor is open.
    let rc = unsafe {
        libc::fstatat64(
            dir.as_raw_fd(),
            name.as_ptr(),
            &mut st,
            libc::AT_SYMLINK_NOFOLLOW,
        )
    };
    unit(rc).map(|_| st)
}

/// statvfs of the file system holding the open file `fd`.
pub(crate) fn fstatvfs(fd: BorrowedFd<'_>) -> io::Result<libc::statvfs64> {
    // SAFETY: an all-zero statvfs64 is a valid value of this plain C struct.
    let mut st: libc::statvfs64 = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is writable; the descriptor is open.
    unit(unsafe { libc::fstatvfs64(fd.as_raw_fd(), &mut st) }).map(|_| st)
}
