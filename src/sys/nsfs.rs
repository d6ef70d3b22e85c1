//! ioctls of namespace files (/proc/PID/ns/*).
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

/// NS_GET_USERNS: _IO(0xb7, 0x1).
const NS_GET_USERNS: libc::c_ulong = 0xb701;

/// The user namespace that owns the namespace `ns`, open.
pub(crate) fn owner_userns(ns: BorrowedFd<'_>) -> io::Result<OwnedFd> {
    // SAFETY: NS_GET_USERNS takes no argument and returns a new descriptor we own.
    let fd = unsafe { libc::ioctl(ns.as_raw_fd(), NS_GET_USERNS) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(super::fd::own(fd))
}
