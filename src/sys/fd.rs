//! Descriptors: taking ownership of a raw descriptor a system call just returned.
use std::os::fd::{FromRawFd, OwnedFd, RawFd};

/// Takes ownership of a descriptor that this process opened and nobody else owns.
pub(crate) fn own(fd: RawFd) -> OwnedFd {
    // SAFETY: the caller owns `fd` alone: pass descriptors fresh from a successful call.
    unsafe { OwnedFd::from_raw_fd(fd) }
}
