//! The new mount API (fsopen, fsconfig, fsmount, open_tree, move_mount, mount_setattr), which
//! has no libc wrappers, and the overlay probe: a forked child that may only make
//! async-signal-safe calls (its parent may have threads).
use nix::mount::MsFlags;
use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

const FSOPEN_CLOEXEC: libc::c_uint = 1;
const FSMOUNT_CLOEXEC: libc::c_uint = 1;
const FSCONFIG_SET_FLAG: libc::c_uint = 0;
const FSCONFIG_SET_STRING: libc::c_uint = 1;
const FSCONFIG_CMD_CREATE: libc::c_uint = 6;
const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 4;
const OPEN_TREE_CLONE: libc::c_uint = 1;
const AT_RECURSIVE: libc::c_uint = 0x8000;
const MOVE_MOUNT_T_EMPTY_PATH: libc::c_uint = 0x40;

/// A descriptor the call returned, or its error.
fn fd_result(rc: libc::c_long) -> io::Result<OwnedFd> {
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    // A non-negative return of these calls is a new descriptor nobody else owns.
    Ok(super::fd::own(rc as i32))
}

/// Success or the call's error.
fn unit(rc: libc::c_long) -> io::Result<()> {
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// fsopen(2): a new, close-on-exec context for file system `fs` ("overlay").
pub(crate) fn fsopen(fs: &CStr) -> io::Result<OwnedFd> {
    // SAFETY: `fs` is NUL-terminated and outlives the call.
    fd_result(unsafe { libc::syscall(libc::SYS_fsopen, fs.as_ptr(), FSOPEN_CLOEXEC) })
}

/// fsconfig(2) FSCONFIG_SET_STRING: sets option `key` of the context to `value`.
pub(crate) fn fsconfig_string(fs: &OwnedFd, key: &CStr, value: &CStr) -> io::Result<()> {
    // SAFETY: both strings are NUL-terminated and outlive the call; the fd is open.
    unit(unsafe {
        libc::syscall(
            libc::SYS_fsconfig,
            fs.as_raw_fd(),
            FSCONFIG_SET_STRING,
            key.as_ptr(),
            value.as_ptr(),
            0,
        )
    })
}

/// fsconfig(2) FSCONFIG_SET_FLAG: sets the flag option `key` of the context.
pub(crate) fn fsconfig_flag(fs: &OwnedFd, key: &CStr) -> io::Result<()> {
    // SAFETY: `key` is NUL-terminated and outlives the call; a flag takes no value.
    unit(unsafe {
        libc::syscall(
            libc::SYS_fsconfig,
            fs.as_raw_fd(),
            FSCONFIG_SET_FLAG,
            key.as_ptr(),
            std::ptr::null::<libc::c_char>(),
            0,
        )
    })
}

/// fsconfig(2) FSCONFIG_CMD_CREATE: creates the superblock from the options set.
pub(crate) fn fsconfig_create(fs: &OwnedFd) -> io::Result<()> {
    // SAFETY: the create command takes no key or value.
    unit(unsafe {
        libc::syscall(
            libc::SYS_fsconfig,
            fs.as_raw_fd(),
            FSCONFIG_CMD_CREATE,
            std::ptr::null::<libc::c_char>(),
            std::ptr::null::<libc::c_char>(),
            0,
        )
    })
}

/// fsmount(2): a detached, close-on-exec mount of the created context.
pub(crate) fn fsmount(fs: &OwnedFd) -> io::Result<OwnedFd> {
    // SAFETY: plain integer arguments on an open fs context.
    fd_result(unsafe { libc::syscall(libc::SYS_fsmount, fs.as_raw_fd(), FSMOUNT_CLOEXEC, 0) })
}

/// move_mount(2) of the detached mount `mnt` onto the path `target`.
pub(crate) fn move_mount_to(mnt: &OwnedFd, target: &CStr) -> io::Result<()> {
    // SAFETY: the empty source path and `target` are NUL-terminated and outlive the call.
    unit(unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            mnt.as_raw_fd(),
            c"".as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH,
        )
    })
}

/// The messages the kernel queued on an fs context ("e overlayfs: …"), joined.
pub(crate) fn read_log(fs: &OwnedFd) -> String {
    let mut lines = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        // SAFETY: `buf` is writable for its length; each read returns one message.
        let n = unsafe { libc::read(fs.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        let text = String::from_utf8_lossy(&buf[..n as usize]);
        lines.push(text.trim_start_matches(['e', 'w', 'i', ' ']).to_string());
    }
    lines.join("; ")
}

/// Whether root of a throwaway user and mount namespace may mount overlayfs with
/// `userxattr`: forks, runs the probe in the child with raw calls only, and reads its exit
/// status.
pub(crate) fn probe_overlay_in_child() -> Option<bool> {
    // Everything the child needs is built before the fork: it may not allocate.
    let uid_map = CString::new(format!("0 {} 1", nix::unistd::getuid())).ok()?;
    let gid_map = CString::new(format!("0 {} 1", nix::unistd::getgid())).ok()?;
    let data = c"lowerdir=/tmp/l,upperdir=/tmp/u,workdir=/tmp/w,userxattr";
    // SAFETY: the child only makes async-signal-safe system calls on data prepared above,
    // then leaves with _exit; the parent reaps it.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return None;
    }
    if pid == 0 {
        // SAFETY: see above; every pointer is to a live NUL-terminated string.
        let ok = unsafe { child(&uid_map, &gid_map, data) };
        // SAFETY: leaving the forked child without running any destructor or atexit hook.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    let mut status = 0;
    // SAFETY: waiting for our own child with a valid status pointer.
    while unsafe { libc::waitpid(pid, &mut status, 0) } < 0 {
        if io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return None;
        }
    }
    Some(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0)
}

/// The probe's steps in the child.
///
/// # Safety
/// Call only in a freshly forked child; it makes raw system calls only.
unsafe fn child(uid_map: &CStr, gid_map: &CStr, data: &CStr) -> bool {
    if libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNS) != 0 {
        return false;
    }
    let write = |path: &CStr, text: &CStr| {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return false;
        }
        let len = text.to_bytes().len();
        let ok = libc::write(fd, text.as_ptr().cast(), len) == len as isize;
        libc::close(fd);
        ok
    };
    if !write(c"/proc/self/setgroups", c"deny")
        || !write(c"/proc/self/uid_map", uid_map)
        || !write(c"/proc/self/gid_map", gid_map)
    {
        return false;
    }
    let none = std::ptr::null::<libc::c_void>();
    if libc::mount(
        c"tmpfs".as_ptr(),
        c"/tmp".as_ptr(),
        c"tmpfs".as_ptr(),
        0,
        none,
    ) != 0
    {
        return false;
    }
    for dir in [c"/tmp/l", c"/tmp/u", c"/tmp/w", c"/tmp/m"] {
        if libc::mkdir(dir.as_ptr(), 0o700) != 0 {
            return false;
        }
    }
    libc::mount(
        c"overlay".as_ptr(),
        c"/tmp/m".as_ptr(),
        c"overlay".as_ptr(),
        0,
        data.as_ptr().cast(),
    ) == 0
}

/// open_tree(2) with OPEN_TREE_CLONE: a detached copy of the mount at `path` (relative to
/// `dir`, or the descriptor `dir` itself when `path` is empty), with the mounts below it
/// when `recursive`. Linux 5.2, older than the openat2 rcon needs.
pub(crate) fn open_tree_clone(
    dir: Option<&OwnedFd>,
    path: &Path,
    recursive: bool,
) -> io::Result<OwnedFd> {
    let cpath = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let mut flags = OPEN_TREE_CLONE | libc::O_CLOEXEC as libc::c_uint;
    if recursive {
        flags |= AT_RECURSIVE;
    }
    if path.as_os_str().is_empty() {
        flags |= libc::AT_EMPTY_PATH as libc::c_uint;
    }
    let dfd = dir.map_or(libc::AT_FDCWD, |d| d.as_raw_fd());
    // SAFETY: `cpath` is NUL-terminated and outlives the call; the kernel returns a new
    // descriptor that nobody else owns.
    let fd = unsafe { libc::syscall(libc::SYS_open_tree, dfd, cpath.as_ptr(), flags) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(super::fd::own(fd as std::os::fd::RawFd))
}

/// move_mount(2) of the detached mount `tree` onto the open `target`.
pub(crate) fn move_mount(tree: &OwnedFd, target: &OwnedFd) -> io::Result<()> {
    // SAFETY: both paths are empty NUL-terminated strings; the descriptors are open.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            tree.as_raw_fd(),
            c"".as_ptr(),
            target.as_raw_fd(),
            c"".as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// mount_setattr(2) on an open mount; only adds attributes.
pub(crate) fn mount_setattr(target: &OwnedFd, attrs: MsFlags, recursive: bool) -> io::Result<()> {
    let mut set = 0u64;
    for (ms, attr) in [
        (MsFlags::MS_RDONLY, 0x1),
        (MsFlags::MS_NOSUID, 0x2),
        (MsFlags::MS_NODEV, 0x4),
        (MsFlags::MS_NOEXEC, 0x8),
    ] {
        if attrs.contains(ms) {
            set |= attr;
        }
    }
    let attr = MountAttr {
        attr_set: set,
        attr_clr: 0,
        propagation: 0,
        userns_fd: 0,
    };
    let mut flags = libc::AT_EMPTY_PATH as libc::c_uint;
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    // SAFETY: the empty path is NUL-terminated; `attr` has the VER0 layout and size and
    // lives across the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            target.as_raw_fd(),
            c"".as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
