//! splice(2): moving data between a pipe and another descriptor without a pass through user
//! memory (the FUSE overlay's big writes).
use nix::errno::Errno;
use std::os::fd::{AsFd, AsRawFd};

/// Moves up to `len` bytes from `from` to `to`, one of which must be a pipe, at `to_offset`
/// in `to` when given (and advances it); SPLICE_F_MOVE when `moving`. The bytes moved.
pub(crate) fn splice(
    from: impl AsFd,
    to: impl AsFd,
    to_offset: Option<&mut i64>,
    len: usize,
    moving: bool,
) -> nix::Result<usize> {
    let off_out = to_offset.map_or(std::ptr::null_mut(), |o| o as *mut i64);
    let flags = if moving { libc::SPLICE_F_MOVE } else { 0 };
    // SAFETY: both descriptors are borrowed for the call; the only pointer is either null or
    // an i64 the caller lends mutably for the call (the kernel reads and advances it).
    let n = unsafe {
        libc::splice(
            from.as_fd().as_raw_fd(),
            std::ptr::null_mut(),
            to.as_fd().as_raw_fd(),
            off_out,
            len,
            flags,
        )
    };
    Errno::result(n).map(|n| n as usize)
}
