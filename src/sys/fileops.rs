//! File calls neither std nor nix wrap: sharing data blocks between files (FICLONE) and
//! fchmodat2, the chmod by name that leaves a symlink alone (Linux 6.6).
use std::ffi::CStr;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};

/// Makes `to` share `from`'s data blocks (FICLONE: btrfs, xfs); fails where the file system
/// cannot.
pub(crate) fn ficlone(from: &File, to: &File) -> io::Result<()> {
    const FICLONE: libc::c_ulong = 0x4004_9409;
    // SAFETY: FICLONE takes the source descriptor as its integer argument; both are open.
    let rc = unsafe { libc::ioctl(to.as_raw_fd(), FICLONE as _, from.as_raw_fd()) };
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// fchmodat2 of `name` in the folder `dir` with AT_SYMLINK_NOFOLLOW (a symlink there gives
/// EOPNOTSUPP); ENOSYS before Linux 6.6.
pub(crate) fn fchmodat2_nofollow(
    dir: BorrowedFd<'_>,
    name: &CStr,
    mode: libc::mode_t,
) -> io::Result<()> {
    // SAFETY: the name is NUL-terminated and lives for the call; the descriptor is open.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_fchmodat2,
            dir.as_raw_fd(),
            name.as_ptr(),
            mode,
            libc::AT_SYMLINK_NOFOLLOW,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
