//! The raw calls of the FUSE overlay on descriptors that neither std nor nix wrap: extended
//! attributes and attributes of open files, FICLONE, borrowing an open file for the transport's
//! zero-copy I/O and the fork that starts the server process. Calls by name
//! are `beneath.rs`'s alone.
use std::ffi::CString;
use std::fs::File;
use std::io;
use std::mem::ManuallyDrop;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd};

fn len_result(rc: isize) -> io::Result<usize> {
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(rc as usize)
    }
}

/// The value of xattr `name` of the open file `fd`.
#[allow(unsafe_code)]
pub(super) fn fget_xattr(fd: BorrowedFd<'_>, name: &[u8]) -> io::Result<Vec<u8>> {
    let name = CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    read_xattr(|buf| {
        // SAFETY: the name is NUL-terminated; `buf` is writable for its length; `fd` is open.
        unsafe {
            libc::fgetxattr(
                fd.as_raw_fd(),
                name.as_ptr(),
                buf.as_mut_ptr().cast(),
                buf.len(),
            )
        }
    })
}

/// Calls `get` (a getxattr) with a buffer grown until the value fits.
pub(super) fn read_xattr(mut get: impl FnMut(&mut [u8]) -> isize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; 256];
    loop {
        match len_result(get(&mut buf)) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf);
            }
            Err(e) if e.raw_os_error() == Some(libc::ERANGE) && buf.len() < 1 << 17 => {
                buf.resize(buf.len() * 4, 0);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Makes `to` share `from`'s data blocks (FICLONE: btrfs, xfs); fails where the filesystem
/// cannot, and the caller copies instead.
#[allow(unsafe_code)]
pub(super) fn clone_file(from: &File, to: &File) -> io::Result<()> {
    const FICLONE: libc::c_ulong = 0x4004_9409;
    // SAFETY: FICLONE takes the source descriptor as its integer argument; both are open.
    let rc = unsafe { libc::ioctl(to.as_raw_fd(), FICLONE as _, from.as_raw_fd()) };
    len_result(rc as isize).map(drop)
}

/// Runs `f` with a `File` that borrows `fd` without owning it: the transport's zero-copy
/// reader and writer want `&mut File`, while the handle table shares its files.
#[allow(unsafe_code)]
pub(super) fn with_borrowed_file<T>(fd: BorrowedFd<'_>, f: impl FnOnce(&mut File) -> T) -> T {
    // SAFETY: the descriptor stays open for the whole call (it is borrowed), and ManuallyDrop
    // keeps the temporary File from closing it.
    let mut file = ManuallyDrop::new(unsafe { File::from_raw_fd(fd.as_raw_fd()) });
    f(&mut file)
}

/// fork(2) for the server process.
pub(super) enum Forked {
    Child,
    Parent,
}

/// Forks the calling process.
///
/// The caller (the supervisor, during setup) is single-threaded, so the child may run any
/// code; it never returns into the caller's flow (see `super::start`).
#[allow(unsafe_code)]
pub(super) fn fork() -> io::Result<Forked> {
    // SAFETY: the supervisor is single-threaded when it starts the server (DESIGN rule 2), so
    // the child inherits no lock held by another thread.
    match unsafe { nix::unistd::fork() }? {
        nix::unistd::ForkResult::Child => Ok(Forked::Child),
        nix::unistd::ForkResult::Parent { .. } => Ok(Forked::Parent),
    }
}

/// Leaves the server process at once, without running destructors (the fuse sessions must
/// not unmount on the way out: the mount ends with its namespace).
#[allow(unsafe_code)]
pub(super) fn exit_now(code: i32) -> ! {
    // SAFETY: _exit ends the process; nothing is touched afterwards.
    unsafe { libc::_exit(code) }
}

/// fstat of an open file, as the transport's `stat64`.
#[allow(unsafe_code)]
pub(super) fn fstat(fd: BorrowedFd<'_>) -> io::Result<libc::stat64> {
    // SAFETY: an all-zero stat64 is a valid value of this plain C struct.
    let mut st: libc::stat64 = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is writable; the descriptor is open.
    let rc = unsafe { libc::fstat64(fd.as_raw_fd(), &mut st) };
    len_result(rc as isize).map(|_| st)
}

/// statvfs of the filesystem holding `fd`.
#[allow(unsafe_code)]
pub(super) fn statvfs(fd: BorrowedFd<'_>) -> io::Result<libc::statvfs64> {
    // SAFETY: an all-zero statvfs64 is a valid value of this plain C struct.
    let mut st: libc::statvfs64 = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is writable; the descriptor is open.
    let rc = unsafe { libc::fstatvfs64(fd.as_raw_fd(), &mut st) };
    len_result(rc as isize).map(|_| st)
}

/// An all-zero `stat64` (attributes the kernel ignores).
#[allow(unsafe_code)]
pub(super) fn zero_stat() -> libc::stat64 {
    // SAFETY: an all-zero stat64 is a valid value of this plain C struct.
    unsafe { std::mem::zeroed() }
}

/// In the server process: the signals the supervisor's handlers took are ignored (they are
/// meant for the supervisor, whose signal pipe the server must not write), SIGCHLD is reset.
#[allow(unsafe_code)]
pub(super) fn ignore_group_signals() -> io::Result<()> {
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
#[allow(unsafe_code)]
pub(super) fn clone_fuse_dev(dev: &File, clone: File) -> io::Result<File> {
    // _IOR(229, 0, uint32_t)
    nix::ioctl_read!(fuse_dev_clone, 229, 0, u32);
    let mut fd = dev.as_raw_fd() as u32;
    // SAFETY: the ioctl reads one u32 (the mounted descriptor) from the pointer, which lives
    // for the call; both descriptors are open.
    unsafe { fuse_dev_clone(clone.as_raw_fd(), &mut fd) }?;
    Ok(clone)
}

/// Raises the soft limit of open descriptors to the hard one and returns it (the server keeps
/// a descriptor per file in use).
#[allow(unsafe_code)]
pub(super) fn raise_fd_limit() -> usize {
    // SAFETY: an all-zero rlimit is a valid value of this plain C struct.
    let mut lim: libc::rlimit = unsafe { std::mem::zeroed() };
    // SAFETY: `lim` is writable for the call.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return 1024;
    }
    if lim.rlim_cur < lim.rlim_max {
        let raised = libc::rlimit {
            rlim_cur: lim.rlim_max,
            rlim_max: lim.rlim_max,
        };
        // SAFETY: `raised` is a valid rlimit that lives for the call.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            lim.rlim_cur = lim.rlim_max;
        }
    }
    usize::try_from(lim.rlim_cur)
        .unwrap_or(usize::MAX)
        .min(1 << 20)
}
