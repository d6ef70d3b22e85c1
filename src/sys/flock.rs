//! flock(2): advisory whole-file locks.
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};

/// One flock(2) call with `op` (`LOCK_EX`, `LOCK_SH`, `LOCK_UN`, optionally `| LOCK_NB`);
/// the caller decides what EINTR and EWOULDBLOCK mean.
pub(crate) fn flock(fd: BorrowedFd<'_>, op: libc::c_int) -> io::Result<()> {
    // SAFETY: flock on a descriptor the caller holds open; no memory is passed.
    if unsafe { libc::flock(fd.as_raw_fd(), op) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
