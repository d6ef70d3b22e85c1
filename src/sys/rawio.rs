//! Single read(2), write(2) and poll(2) calls on descriptor numbers (stdin, stdout, a pty
//! master, non-blocking pipes), for the relays that copy between them and wait on many at once.
//! No call retries EINTR: the callers decide.
use nix::errno::Errno;
use std::io;
use std::os::fd::RawFd;

/// One write(2) of `data` to `fd`; the count written.
pub(crate) fn write(fd: RawFd, data: &[u8]) -> nix::Result<usize> {
    // SAFETY: write(2) reads at most `data.len()` bytes from the valid slice `data`.
    let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
    Errno::result(n).map(|n| n as usize)
}

/// One poll(2) over `fds`; `timeout` in ms, -1 for none. The count of ready entries.
pub(crate) fn poll(fds: &mut [libc::pollfd], timeout: i32) -> io::Result<usize> {
    // SAFETY: `fds` is a valid, exclusively borrowed slice of pollfd structs of this length.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(n as usize)
}
