//! fork(2) for the few children that need no new namespace (`--init`'s command, `exec -d`'s
//! intermediate), and the pidfd of this process.
use super::fd::own;
use std::io;
use std::os::fd::OwnedFd;

/// fork: `Ok(None)` in the child, `Ok(Some(pid))` in the parent. Call only while
/// single-threaded; the child leaves by execve or `_exit`.
pub fn fork() -> io::Result<Option<i32>> {
    // SAFETY: callers are single-threaded (a clone of the supervisor, or the CLI after it
    // joined a user namespace), so no lock is held by a thread the child does not have.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => Ok(None),
        pid => Ok(Some(pid)),
    }
}

/// A pidfd of this process (Linux 5.3), to see from a child whether it is gone.
pub fn pidfd_self() -> io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags; a non-negative result is a new descriptor.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, libc::getpid(), 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(own(fd as i32))
}
