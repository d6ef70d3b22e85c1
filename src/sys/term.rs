//! Terminals: window sizes (TIOCGWINSZ, TIOCSWINSZ) and the holder process that keeps a pty
//! master open after `rcon exec` detached.
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

/// The raw ioctls, kept private to this file (the macros make them `pub unsafe fn`).
mod ioctl {
    nix::ioctl_read_bad!(tiocgwinsz, libc::TIOCGWINSZ, libc::winsize);
    nix::ioctl_write_ptr_bad!(tiocswinsz, libc::TIOCSWINSZ, libc::winsize);
}

/// The window size of the terminal on `fd`.
pub(crate) fn window_size(fd: RawFd) -> io::Result<libc::winsize> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ fills exactly one winsize struct, which `ws` is.
    unsafe { ioctl::tiocgwinsz(fd, &mut ws) }?;
    Ok(ws)
}

/// Sets the window size of the terminal on `fd` (the kernel sends SIGWINCH to its foreground
/// process group).
pub(crate) fn set_window_size(fd: RawFd, ws: &libc::winsize) -> io::Result<()> {
    // SAFETY: TIOCSWINSZ reads exactly one winsize struct, which `ws` is.
    unsafe { ioctl::tiocswinsz(fd, ws) }?;
    Ok(())
}

/// Forks a holder process: in a session of its own, with /dev/null as its stdio, it reads
/// `master` (blocking) and drops what it reads until the last terminal of the pty closes, then
/// exits. The parent's copy of `master` is closed on return.
pub(crate) fn spawn_pty_holder(master: OwnedFd) -> nix::Result<()> {
    // SAFETY: the child only makes async-signal-safe system calls (setsid, open, dup2, fcntl,
    // read) on data prepared before the fork and leaves by _exit, so it needs no lock another
    // thread could have held.
    match unsafe { nix::unistd::fork() }? {
        // SAFETY: see above; the path is a NUL-terminated literal and `buf` a local array.
        nix::unistd::ForkResult::Child => unsafe {
            libc::setsid();
            let fd = master.as_raw_fd();
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            for std in 0..3 {
                libc::dup2(null, std);
            }
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            let mut buf = [0u8; 4096];
            while libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) > 0 {}
            libc::_exit(0)
        },
        nix::unistd::ForkResult::Parent { .. } => Ok(()),
    }
}
