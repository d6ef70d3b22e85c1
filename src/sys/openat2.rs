//! openat2(2): opening a path below a directory descriptor with the kernel's resolve rules.
use std::ffi::CStr;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

/// Opens `path` below `dir` with open `flags` (O_CLOEXEC is added) and `resolve` (the
/// `RESOLVE_*` bits, such as RESOLVE_IN_ROOT: `path` resolved as if `dir` were `/`).
pub(crate) fn open(
    dir: BorrowedFd<'_>,
    path: &CStr,
    flags: i32,
    resolve: u64,
) -> io::Result<OwnedFd> {
    // SAFETY: open_how is plain old data; zeroed is a valid value.
    let mut how: libc::open_how = unsafe { std::mem::zeroed() };
    how.flags = (flags | libc::O_CLOEXEC) as u64;
    how.resolve = resolve;
    // SAFETY: openat2 reads the path and `how` (with its size) and returns a new fd we own.
    let fd = unsafe {
        libc::syscall(
            libc::SYS_openat2,
            dir.as_raw_fd(),
            path.as_ptr(),
            &how as *const libc::open_how,
            std::mem::size_of::<libc::open_how>(),
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(super::fd::own(fd as i32))
}
