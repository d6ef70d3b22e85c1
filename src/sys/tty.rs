//! Terminals: unlocking a pty, opening its terminal side from the master, its window size, and
//! making stdin the controlling terminal.
use super::fd::own;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

fn check(rc: libc::c_int) -> io::Result<libc::c_int> {
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(rc)
    }
}

/// TIOCSPTLCK 0: unlocks the terminal side of a pty master.
pub(crate) fn unlock_pty(master: BorrowedFd<'_>) -> io::Result<()> {
    let unlock: libc::c_int = 0;
    // SAFETY: TIOCSPTLCK reads one int from a pointer valid for the call.
    check(unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSPTLCK, &unlock) }).map(drop)
}

/// TIOCSWINSZ: sets a terminal's window size.
pub(crate) fn set_window_size(fd: BorrowedFd<'_>, size: &libc::winsize) -> io::Result<()> {
    // SAFETY: TIOCSWINSZ reads one winsize struct, valid for the call.
    check(unsafe {
        libc::ioctl(
            fd.as_raw_fd(),
            libc::TIOCSWINSZ,
            size as *const libc::winsize,
        )
    })
    .map(drop)
}

/// TIOCGPTPEER: opens the terminal side of a pty master without a path lookup (read-write, not
/// our controlling terminal, close-on-exec).
pub(crate) fn open_pty_peer(master: BorrowedFd<'_>) -> io::Result<OwnedFd> {
    let flags = (libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) as libc::c_ulong;
    // SAFETY: TIOCGPTPEER takes open flags by value and returns a new descriptor we own.
    let fd = check(unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCGPTPEER, flags) })?;
    Ok(own(fd))
}

/// TIOCSCTTY on stdin: the terminal there becomes this session's controlling terminal.
pub(crate) fn set_controlling_terminal() -> io::Result<()> {
    // SAFETY: TIOCSCTTY takes an integer argument (0: do not steal) on an open descriptor.
    check(unsafe { libc::ioctl(0, libc::TIOCSCTTY, 0) }).map(drop)
}
