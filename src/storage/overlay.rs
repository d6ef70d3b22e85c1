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
use crate::sys::mount_api;
use std::ffi::{CString, OsStr};
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
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
    // An image of no layers (FROM scratch): one empty lower folder beside `work`.
    let empty;
    let layers = if layers.is_empty() {
        let dir = work.with_file_name("empty-lower");
        std::fs::create_dir_all(&dir).map_err(fail)?;
        empty = [dir];
        &empty[..]
    } else {
        layers
    };
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
    let fs = mount_api::fsopen(c"overlay").map_err(|e| match e.raw_os_error() {
        Some(libc::ENOSYS) | Some(libc::EPERM) => NewApi::Unsupported,
        _ => NewApi::Failed(e),
    })?;
    let cstr = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| NewApi::Failed(io::Error::other("a path holds a NUL byte")))
    };
    // overlayfs lists the topmost lower layer first.
    for (i, layer) in layers.iter().rev().enumerate() {
        if let Err(e) = mount_api::fsconfig_string(&fs, c"lowerdir+", &cstr(layer)?) {
            return Err(if i == 0 && e.raw_os_error() == Some(libc::EINVAL) {
                NewApi::Unsupported
            } else {
                NewApi::Failed(with_log(&fs, e, layer))
            });
        }
    }
    mount_api::fsconfig_string(&fs, c"upperdir", &cstr(upper)?)
        .map_err(|e| NewApi::Failed(with_log(&fs, e, upper)))?;
    mount_api::fsconfig_string(&fs, c"workdir", &cstr(work)?)
        .map_err(|e| NewApi::Failed(with_log(&fs, e, work)))?;
    mount_api::fsconfig_flag(&fs, c"userxattr")
        .map_err(|e| NewApi::Failed(with_log(&fs, e, upper)))?;
    // Before Linux 6.5 overlayfs parses the options only here, as one legacy string, and
    // refuses `lowerdir+` with EINVAL: mount(2) then.
    mount_api::fsconfig_create(&fs).map_err(|e| match e.raw_os_error() {
        Some(libc::EINVAL) => NewApi::Unsupported,
        _ => NewApi::Failed(with_log(&fs, e, target)),
    })?;
    let mnt = mount_api::fsmount(&fs).map_err(NewApi::Failed)?;
    mount_api::move_mount_to(&mnt, &cstr(target)?).map_err(NewApi::Failed)
}

/// Mounts the read-only overlay of `layers` (bottom first, two or more) at `target`: no upper
/// folder, so nothing can be written through it (`rcon image mount`).
pub(super) fn mount_read_only(layers: &[PathBuf], target: &Path) -> io::Result<()> {
    let lower: Vec<String> = layers.iter().rev().map(|l| escape(l.as_os_str())).collect();
    let data = format!("lowerdir={},userxattr", lower.join(":"));
    if data.len() > PAGE_LIMIT {
        return Err(io::Error::other(format!(
            "{} layers need {} bytes of mount options, more than mount(2) accepts",
            layers.len(),
            data.len()
        )));
    }
    nix::mount::mount(
        Some("overlay"),
        target,
        Some("overlay"),
        nix::mount::MsFlags::MS_RDONLY,
        Some(data.as_str()),
    )
    .map_err(io::Error::from)
}

/// Adds the kernel's own explanation (the fs context log) to an fsconfig error.
fn with_log(fs: &OwnedFd, e: io::Error, path: &Path) -> io::Error {
    let log = mount_api::read_log(fs);
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
    mount_api::probe_overlay_in_child().unwrap_or(false)
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
