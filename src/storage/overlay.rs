//! The kernel overlay driver: `overlay` mounted by root of the container's user namespace with
//! `userxattr`, so whiteouts and opaque folders are the forms the store unpacks (0/0 character
//! devices, `user.overlay.opaque=y`).
//!
//! Mount options of the classic mount(2) call are limited to one page, which a few dozen long
//! layer paths exceed. The new mount API takes each lower layer on its own (`lowerdir+`, Linux
//! 6.8); older kernels get mount(2) with layer paths relative to their common folder, after a
//! chdir there.
//!
//! The paths handed to the kernel here are the store's own folders (each layer's `diff`, the
//! container's `upper`, `work` and `rootfs`), made by rcon in the user's data folder: no image
//! and no container can put a symlink on them. What lies inside `upper` and `work` is the
//! container's, and only the kernel walks it, beneath the layers. rcon itself resolves no name
//! inside them here (the FUSE overlay, which does, resolves beneath its layers: fuse/beneath.rs).
use super::StorageError;
use std::ffi::{CString, OsStr};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The longest option string mount(2) accepts (one page, with its NUL).
const PAGE_LIMIT: usize = 4095;

/// Mounts the overlay of `layers` (bottom first) with `upper` and `work` at `target`.
pub(super) fn mount(
    layers: &[PathBuf],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<(), StorageError> {
    let fail = |source: io::Error| StorageError::Overlay {
        path: target.to_path_buf(),
        source,
    };
    if layers.is_empty() {
        return Err(fail(io::Error::other("the image has no layers")));
    }
    match mount_new_api(layers, upper, work, target) {
        Ok(()) => Ok(()),
        // ENOSYS: no fsopen; EINVAL on `lowerdir+` (a kernel before 6.8) or at create (one
        // before 6.5).
        Err(NewApi::Unsupported) => mount_legacy(layers, upper, work, target).map_err(fail),
        Err(NewApi::Failed(e)) => Err(fail(e)),
    }
}

enum NewApi {
    Unsupported,
    Failed(io::Error),
}

/// fsopen → one fsconfig per option → fsmount → move_mount onto `target`.
fn mount_new_api(
    layers: &[PathBuf],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<(), NewApi> {
    let fs = sys::fsopen(c"overlay").map_err(|e| match e.raw_os_error() {
        Some(libc::ENOSYS) | Some(libc::EPERM) => NewApi::Unsupported,
        _ => NewApi::Failed(e),
    })?;
    let cstr = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| NewApi::Failed(io::Error::other("a path holds a NUL byte")))
    };
    // overlayfs lists the topmost lower layer first.
    for (i, layer) in layers.iter().rev().enumerate() {
        if let Err(e) = sys::fsconfig_string(&fs, c"lowerdir+", &cstr(layer)?) {
            return Err(if i == 0 && e.raw_os_error() == Some(libc::EINVAL) {
                NewApi::Unsupported
            } else {
                NewApi::Failed(with_log(&fs, e, layer))
            });
        }
    }
    sys::fsconfig_string(&fs, c"upperdir", &cstr(upper)?)
        .map_err(|e| NewApi::Failed(with_log(&fs, e, upper)))?;
    sys::fsconfig_string(&fs, c"workdir", &cstr(work)?)
        .map_err(|e| NewApi::Failed(with_log(&fs, e, work)))?;
    sys::fsconfig_flag(&fs, c"userxattr").map_err(|e| NewApi::Failed(with_log(&fs, e, upper)))?;
    // Before Linux 6.5 overlayfs parses the options only here, as one legacy string, and
    // refuses `lowerdir+` with EINVAL: mount(2) then.
    sys::fsconfig_create(&fs).map_err(|e| match e.raw_os_error() {
        Some(libc::EINVAL) => NewApi::Unsupported,
        _ => NewApi::Failed(with_log(&fs, e, target)),
    })?;
    let mnt = sys::fsmount(&fs).map_err(NewApi::Failed)?;
    sys::move_mount_to(&mnt, &cstr(target)?).map_err(NewApi::Failed)
}

/// Adds the kernel's own explanation (the fs context log) to an fsconfig error.
fn with_log(fs: &OwnedFd, e: io::Error, path: &Path) -> io::Error {
    let log = sys::read_log(fs);
    if log.is_empty() {
        io::Error::new(e.kind(), format!("{}: {e}", path.display()))
    } else {
        io::Error::new(e.kind(), format!("{}: {e} ({log})", path.display()))
    }
}

/// mount(2) with the whole option string; layer paths are made relative to their common
/// folder (and the call made from there) when the absolute form passes a page.
fn mount_legacy(layers: &[PathBuf], upper: &Path, work: &Path, target: &Path) -> io::Result<()> {
    let absolute = options(layers, upper, work);
    if absolute.len() <= PAGE_LIMIT {
        return mount_options(&absolute, target);
    }
    let base = common_dir(layers);
    let relative: Vec<PathBuf> = layers
        .iter()
        .map(|l| l.strip_prefix(&base).map(Path::to_path_buf))
        .collect::<Result<_, _>>()
        .map_err(io::Error::other)?;
    let data = options(&relative, upper, work);
    if data.len() > PAGE_LIMIT {
        return Err(io::Error::other(format!(
            "{} layers need {} bytes of mount options, more than this kernel accepts; use \
             --storage-driver vfs or a kernel with lowerdir+ (Linux 6.8)",
            layers.len(),
            data.len()
        )));
    }
    // The supervisor is single-threaded: changing the working folder affects nobody else.
    let back = std::fs::File::open(".").ok();
    std::env::set_current_dir(&base)?;
    let result = mount_options(&data, target);
    match back {
        Some(dir) => nix::unistd::fchdir(dir.as_raw_fd())?,
        None => std::env::set_current_dir("/")?,
    }
    result
}

fn mount_options(data: &str, target: &Path) -> io::Result<()> {
    nix::mount::mount(
        Some("overlay"),
        target,
        Some("overlay"),
        nix::mount::MsFlags::empty(),
        Some(data),
    )
    .map_err(io::Error::from)
}

/// `lowerdir=top:…:bottom,upperdir=…,workdir=…,userxattr`, separators in paths escaped.
fn options(layers: &[PathBuf], upper: &Path, work: &Path) -> String {
    let lower: Vec<String> = layers.iter().rev().map(|l| escape(l.as_os_str())).collect();
    format!(
        "lowerdir={},upperdir={},workdir={},userxattr",
        lower.join(":"),
        escape(upper.as_os_str()),
        escape(work.as_os_str())
    )
}

fn escape(path: &OsStr) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        if matches!(c, '\\' | ':' | ',') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The deepest folder that holds every layer (the store's `layers/` in practice).
fn common_dir(layers: &[PathBuf]) -> PathBuf {
    let mut base = layers[0].parent().unwrap_or(Path::new("/")).to_path_buf();
    while !layers.iter().all(|l| l.starts_with(&base)) {
        if !base.pop() {
            break;
        }
    }
    base
}

/// Whether root of a fresh user namespace may mount overlayfs with `userxattr` here: a child
/// process maps itself to root in a throwaway user and mount namespace, mounts a tmpfs on /tmp
/// and a one-layer overlay inside it. Nothing outside the child sees either.
pub(super) fn probe() -> bool {
    sys::probe_in_child().unwrap_or(false)
}

/// The raw calls: the new mount API has no libc wrappers, and the probe runs in a forked child
/// of a process that may have threads, where only async-signal-safe calls are allowed.
#[allow(unsafe_code)]
mod sys {
    use super::*;
    use std::ffi::CStr;

    const FSOPEN_CLOEXEC: libc::c_uint = 1;
    const FSMOUNT_CLOEXEC: libc::c_uint = 1;
    const FSCONFIG_SET_FLAG: libc::c_uint = 0;
    const FSCONFIG_SET_STRING: libc::c_uint = 1;
    const FSCONFIG_CMD_CREATE: libc::c_uint = 6;
    const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 4;

    fn fd_result(rc: libc::c_long) -> io::Result<OwnedFd> {
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a non-negative return of these calls is a new descriptor nobody else owns.
        Ok(unsafe { OwnedFd::from_raw_fd(rc as i32) })
    }

    fn unit(rc: libc::c_long) -> io::Result<()> {
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    pub fn fsopen(fs: &CStr) -> io::Result<OwnedFd> {
        // SAFETY: `fs` is NUL-terminated and outlives the call.
        fd_result(unsafe { libc::syscall(libc::SYS_fsopen, fs.as_ptr(), FSOPEN_CLOEXEC) })
    }

    pub fn fsconfig_string(fs: &OwnedFd, key: &CStr, value: &CStr) -> io::Result<()> {
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

    pub fn fsconfig_flag(fs: &OwnedFd, key: &CStr) -> io::Result<()> {
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

    pub fn fsconfig_create(fs: &OwnedFd) -> io::Result<()> {
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

    pub fn fsmount(fs: &OwnedFd) -> io::Result<OwnedFd> {
        // SAFETY: plain integer arguments on an open fs context.
        fd_result(unsafe { libc::syscall(libc::SYS_fsmount, fs.as_raw_fd(), FSMOUNT_CLOEXEC, 0) })
    }

    pub fn move_mount_to(mnt: &OwnedFd, target: &CStr) -> io::Result<()> {
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
    pub fn read_log(fs: &OwnedFd) -> String {
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

    /// Forks, runs the probe in the child with raw calls only, and reads its exit status.
    pub fn probe_in_child() -> Option<bool> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_list_the_top_layer_first_and_escape_separators() {
        let layers = [
            PathBuf::from("/s/a"),
            PathBuf::from("/s/b,c"),
            PathBuf::from("/s/d:e"),
        ];
        assert_eq!(
            options(&layers, Path::new("/c/upper"), Path::new("/c/work")),
            "lowerdir=/s/d\\:e:/s/b\\,c:/s/a,upperdir=/c/upper,workdir=/c/work,userxattr"
        );
    }

    #[test]
    fn common_dir_is_the_deepest_shared_folder() {
        let layers = [
            PathBuf::from("/store/layers/aaa/diff"),
            PathBuf::from("/store/layers/bbb/diff"),
        ];
        assert_eq!(common_dir(&layers), PathBuf::from("/store/layers"));
        assert_eq!(common_dir(&layers[..1]), PathBuf::from("/store/layers/aaa"));
    }
}
