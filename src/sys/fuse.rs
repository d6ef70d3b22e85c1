//! The FUSE server process: its fork, the signals it must not take for the supervisor, a
//! second channel of a mounted /dev/fuse, and borrowing an open file as a `File` for the
//! transport's zero-copy I/O.
use std::fs::File;
use std::io;
use std::mem::ManuallyDrop;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd};

/// Runs `f` with a `File` that borrows `fd` without owning it: the transport's zero-copy
/// reader and writer want `&mut File`, while the handle table shares its files.
pub(crate) fn with_borrowed_file<T>(fd: BorrowedFd<'_>, f: impl FnOnce(&mut File) -> T) -> T {
    // SAFETY: the descriptor stays open for the whole call (it is borrowed), and ManuallyDrop
    // keeps the temporary File from closing it.
    let mut file = ManuallyDrop::new(unsafe { File::from_raw_fd(fd.as_raw_fd()) });
    f(&mut file)
}

/// Which side of [`fork_server`] the caller is on.
pub(crate) enum Forked {
    Child,
    Parent,
}

/// Forks the calling process to start the server.
///
/// Call only while single-threaded (the supervisor, during setup): the child then may run any
/// code. It must never return into the caller's flow (it leaves by `_exit`).
pub(crate) fn fork_server() -> io::Result<Forked> {
    // SAFETY: the supervisor is single-threaded when it starts the server (DESIGN rule 2), so
    // the child inherits no lock held by another thread.
    match unsafe { nix::unistd::fork() }? {
        nix::unistd::ForkResult::Child => Ok(Forked::Child),
        nix::unistd::ForkResult::Parent { .. } => Ok(Forked::Parent),
    }
}

/// In the server process: the signals the supervisor's handlers took are ignored (they are
/// meant for the supervisor, whose signal pipe the server must not write), SIGCHLD is reset.
pub(crate) fn ignore_group_signals() -> io::Result<()> {
    use nix::sys::signal::{signal, SigHandler, Signal};
    for sig in [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGPIPE,
    ] {
        // SAFETY: ignoring a signal installs no handler code.
        unsafe { signal(sig, SigHandler::SigIgn) }?;
    }
    // SAFETY: the default action installs no handler code.
    unsafe { signal(Signal::SIGCHLD, SigHandler::SigDfl) }?;
    Ok(())
}

/// Makes `clone` (a fresh open of /dev/fuse) a second channel of the mounted `dev`
/// (FUSE_DEV_IOC_CLONE): requests of the one mount are spread over both.
pub(crate) fn clone_fuse_dev(dev: &File, clone: File) -> io::Result<File> {
    // _IOR(229, 0, uint32_t)
    nix::ioctl_read!(fuse_dev_clone, 229, 0, u32);
    let mut fd = dev.as_raw_fd() as u32;
    // SAFETY: the ioctl reads one u32 (the mounted descriptor) from the pointer, which lives
    // for the call; both descriptors are open.
    unsafe { fuse_dev_clone(clone.as_raw_fd(), &mut fd) }?;
    Ok(clone)
}
