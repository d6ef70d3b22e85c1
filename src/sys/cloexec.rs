//! Descriptors in bulk: every one from a number up marked close-on-exec (close_range with
//! CLOSE_RANGE_CLOEXEC, Linux 5.11), so they stay usable until execve and close there.
use std::io;
use std::os::fd::RawFd;

/// Marks every descriptor from `first` up close-on-exec.
pub(crate) fn from(first: RawFd) -> io::Result<()> {
    // SAFETY: close_range takes integers only; with CLOSE_RANGE_CLOEXEC it closes nothing.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first as u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
