//! Process descriptors: pidfd_open, pidfd_send_signal, and a signal sent through a pidfd from
//! inside another user namespace by a short-lived child.
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

/// pidfd_open(2): a descriptor (close-on-exec) that names process `pid` for as long as it is
/// open, so a recycled pid can never be mistaken for it.
pub(crate) fn open(pid: i32) -> io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor (close-on-exec).
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(super::fd::own(fd as i32))
}

/// pidfd_send_signal(2); signal 0 only checks the process is alive.
pub(crate) fn send_signal(pidfd: BorrowedFd<'_>, sig: i32) -> io::Result<()> {
    // SAFETY: pidfd_send_signal with a null siginfo and no flags reads nothing of ours.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Forks a child that joins the user namespace `userns` and sends `sig` through `pidfd`, then
/// leaves with 0, or with the errno of the step that failed. Returns the child's pid, for the
/// caller to wait for. The caller may be multi-threaded and keeps its own namespaces.
pub(crate) fn fork_send_signal_in_userns(
    userns: BorrowedFd<'_>,
    pidfd: BorrowedFd<'_>,
    sig: i32,
) -> io::Result<i32> {
    // SAFETY: the child only makes system calls (setns, pidfd_send_signal) and leaves by
    // _exit; it allocates nothing and takes no lock, so forking a threaded process is sound.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            // SAFETY: setns takes a descriptor we hold open and a flag.
            let code = if unsafe { libc::setns(userns.as_raw_fd(), libc::CLONE_NEWUSER) } != 0 {
                io::Error::last_os_error()
                    .raw_os_error()
                    .unwrap_or(libc::EIO)
            } else {
                match send_signal(pidfd, sig) {
                    Ok(()) => 0,
                    Err(e) => e.raw_os_error().unwrap_or(libc::EIO),
                }
            };
            // SAFETY: _exit ends the child without running the parent's destructors.
            unsafe { libc::_exit(code.min(255)) }
        }
        pid => Ok(pid),
    }
}
