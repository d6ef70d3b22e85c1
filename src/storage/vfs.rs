//! The vfs driver: the container's root filesystem is a copy of its image layers, made once.
//!
//! Layers are copied bottom-up into `work/vfs-rootfs`, each applied as overlayfs would show it:
//! a whiteout (0/0 character device) removes the name below it, an opaque folder
//! (`user.overlay.opaque=y`) hides everything below it, a folder over a non-folder (or the
//! reverse) replaces it. Owners, modes, times, extended attributes and hardlinks are kept; the
//! copy runs as root of the container's user namespace, so every owner is representable. The
//! finished copy is renamed to the target and `work/vfs-complete` written last: a copy that was
//! interrupted is thrown away and made again at the next start.
//!
//! Every call is relative to an open folder and never follows a symlink (layers are hostile
//! input, and so is a previous layer's content in the copy).
use super::StorageError;
use crate::sys::fd::own;
use nix::errno::Errno;
use nix::fcntl::{openat, openat2, AtFlags, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fchmod, fstatat, mkdirat, mknodat, FileStat, Mode, SFlag};
use nix::unistd::UnlinkatFlags;
use nix::unistd::{fchown, fchownat, linkat, symlinkat, unlinkat, Gid, Uid};
use std::collections::HashMap;
use std::ffi::{CString, OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

/// The xattr that marks an opaque folder in the store's layers.
const OPAQUE: &str = "user.overlay.opaque";
/// Written into `work` once the copy is complete and in place.
const COMPLETE: &str = "vfs-complete";
/// The copy under construction, inside `work`.
const STAGING: &str = "vfs-rootfs";

/// Makes `target` a copy of `layers` (bottom first) unless a complete copy is there already.
pub(super) fn materialize(
    layers: &[PathBuf],
    work: &Path,
    target: &Path,
) -> Result<(), StorageError> {
    let fail = |path: &Path, source: io::Error| StorageError::Copy {
        path: path.to_path_buf(),
        source,
    };
    if work.join(COMPLETE).is_file() && target.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(work).map_err(|e| fail(work, e))?;
    let work_dir = open_dir(work).map_err(|e| fail(work, e))?;
    let _ = unlinkat(
        Some(work_dir.as_raw_fd()),
        COMPLETE,
        UnlinkatFlags::NoRemoveDir,
    );
    remove_all_at(work_dir.as_fd(), OsStr::new(STAGING)).map_err(|e| fail(work, e))?;
    mkdirat(
        Some(work_dir.as_raw_fd()),
        STAGING,
        Mode::from_bits_truncate(0o755),
    )
    .map_err(|e| fail(work, e.into()))?;
    let staging = work.join(STAGING);
    let root = open_dir(&staging).map_err(|e| fail(&staging, e))?;
    for layer in layers {
        let src = open_dir(layer).map_err(|e| fail(layer, e))?;
        let mut links = HashMap::new();
        copy_dir(
            src.as_fd(),
            root.as_fd(),
            root.as_fd(),
            Path::new(""),
            &mut links,
        )
        .map_err(|e| fail(layer, e))?;
        let st = nix::sys::stat::fstat(src.as_raw_fd()).map_err(|e| fail(layer, e.into()))?;
        apply_metadata(src.as_fd(), root.as_fd(), &st).map_err(|e| fail(layer, e))?;
    }
    drop(root);
    // A target left by an interrupted copy goes; an empty mount-point folder is replaced.
    if let (Some(parent), Some(name)) = (target.parent(), target.file_name()) {
        let parent_dir = open_dir(parent).map_err(|e| fail(parent, e))?;
        let non_empty = std::fs::read_dir(target).is_ok_and(|mut e| e.next().is_some());
        if non_empty {
            remove_all_at(parent_dir.as_fd(), name).map_err(|e| fail(target, e))?;
        }
    }
    std::fs::rename(&staging, target).map_err(|e| fail(target, e))?;
    crate::util::fs::atomic_write(&work.join(COMPLETE), b"").map_err(|e| fail(work, e))
}

/// Where the first copy of a multiply-linked file of the current layer went, by (dev, ino).
type Links = HashMap<(u64, u64), PathBuf>;

/// Applies the folder `src` of a layer onto the folder `dst` of the copy; `rel` is its path
/// below the copy's `root`.
fn copy_dir(
    src: BorrowedFd<'_>,
    dst: BorrowedFd<'_>,
    root: BorrowedFd<'_>,
    rel: &Path,
    links: &mut Links,
) -> io::Result<()> {
    for name in list(src)? {
        let name = name.as_os_str();
        let named =
            |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", rel.join(name).display()));
        let st = fstatat(Some(src.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)
            .map_err(|e| named(e.into()))?;
        copy_entry(src, dst, root, rel, name, &st, links).map_err(named)?;
    }
    Ok(())
}

fn copy_entry(
    src: BorrowedFd<'_>,
    dst: BorrowedFd<'_>,
    root: BorrowedFd<'_>,
    rel: &Path,
    name: &OsStr,
    st: &FileStat,
    links: &mut Links,
) -> io::Result<()> {
    let kind = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
    if kind == SFlag::S_IFCHR && st.st_rdev == 0 {
        // A whiteout: the name disappears from the layers below.
        return remove_all_at(dst, name);
    }
    let existing = stat_at(dst, name)?;
    let existing_is_dir = existing.as_ref().is_some_and(is_dir);
    if kind != SFlag::S_IFDIR || (existing.is_some() && !existing_is_dir) {
        remove_all_at(dst, name)?;
    }
    match kind {
        SFlag::S_IFDIR => {
            if !existing_is_dir {
                mkdirat(Some(dst.as_raw_fd()), name, Mode::S_IRWXU)?;
            }
            let sub_src = open_dir_at(src, name)?;
            let sub_dst = open_dir_at(dst, name)?;
            if get_xattr(sub_src.as_fd(), OPAQUE)?.as_deref() == Some(b"y".as_slice()) {
                for child in list(sub_dst.as_fd())? {
                    remove_all_at(sub_dst.as_fd(), &child)?;
                }
            }
            copy_dir(
                sub_src.as_fd(),
                sub_dst.as_fd(),
                root,
                &rel.join(name),
                links,
            )?;
            apply_metadata(sub_src.as_fd(), sub_dst.as_fd(), st)
        }
        SFlag::S_IFREG => {
            let key = (st.st_dev, st.st_ino);
            if st.st_nlink > 1 {
                if let Some(first) = links.get(&key) {
                    return link_to(root, first, dst, name);
                }
                links.insert(key, rel.join(name));
            }
            let from = File::from(openat_own(src, name, OFlag::O_RDONLY | OFlag::O_NOFOLLOW)?);
            let flags = OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW;
            let mut to = File::from(openat_own(dst, name, flags)?);
            // std's copy between files uses copy_file_range: no data through user space.
            io::copy(&mut &from, &mut to)?;
            apply_metadata(from.as_fd(), to.as_fd(), st)
        }
        SFlag::S_IFLNK => {
            let target = nix::fcntl::readlinkat(Some(src.as_raw_fd()), name)?;
            symlinkat(target.as_os_str(), Some(dst.as_raw_fd()), name)?;
            owner_times_nofollow(dst, name, st)
        }
        SFlag::S_IFIFO => {
            mknodat(Some(dst.as_raw_fd()), name, SFlag::S_IFIFO, perm(st), 0)?;
            owner_times_nofollow(dst, name, st)
        }
        _ => {
            // Devices cannot be made rootless and the store skips them at unpack; sockets are
            // never content.
            log::debug!("vfs: skipping special file {}", rel.join(name).display());
            Ok(())
        }
    }
}

/// Hardlinks `first` (below `root`, reached without following a symlink) as `name` in `dst`.
fn link_to(
    root: BorrowedFd<'_>,
    first: &Path,
    dst: BorrowedFd<'_>,
    name: &OsStr,
) -> io::Result<()> {
    let (Some(parent), Some(file)) = (first.parent(), first.file_name()) else {
        return Err(io::Error::other("hardlink target has no name"));
    };
    let parent = open_beneath(root, parent)?;
    linkat(
        Some(parent.as_raw_fd()),
        file,
        Some(dst.as_raw_fd()),
        name,
        AtFlags::empty(),
    )?;
    Ok(())
}

/// Owner, mode, extended attributes (the overlay's own excepted) and times of `from` onto `to`.
/// The owner goes first: chown clears set-id bits.
fn apply_metadata(from: BorrowedFd<'_>, to: BorrowedFd<'_>, st: &FileStat) -> io::Result<()> {
    fchown(
        to.as_raw_fd(),
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
    )?;
    fchmod(to.as_raw_fd(), perm(st))?;
    for name in list_xattrs(from)? {
        if name.to_bytes().starts_with(b"user.overlay.") {
            continue;
        }
        let Some(value) = get_xattr(from, &name.to_string_lossy())? else {
            continue;
        };
        if let Err(e) = set_xattr(to, &name, &value) {
            // trusted.* and the like are refused in a user namespace; the layer keeps them.
            log::debug!("vfs: cannot copy xattr {}: {e}", name.to_string_lossy());
        }
    }
    let times = [
        timespec(st.st_atime, st.st_atime_nsec),
        timespec(st.st_mtime, st.st_mtime_nsec),
    ];
    nix::sys::stat::futimens(to.as_raw_fd(), &times[0], &times[1])?;
    Ok(())
}

fn owner_times_nofollow(dir: BorrowedFd<'_>, name: &OsStr, st: &FileStat) -> io::Result<()> {
    fchownat(
        Some(dir.as_raw_fd()),
        name,
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )?;
    nix::sys::stat::utimensat(
        Some(dir.as_raw_fd()),
        name,
        &timespec(st.st_atime, st.st_atime_nsec),
        &timespec(st.st_mtime, st.st_mtime_nsec),
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )?;
    Ok(())
}

fn timespec(sec: i64, nsec: i64) -> nix::sys::time::TimeSpec {
    nix::sys::time::TimeSpec::new(sec, nsec)
}

fn perm(st: &FileStat) -> Mode {
    Mode::from_bits_truncate(st.st_mode & 0o7777)
}

fn is_dir(st: &FileStat) -> bool {
    SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR
}

fn stat_at(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<Option<FileStat>> {
    match fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::ENOENT) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The names in an open folder, listed through the descriptor itself.
fn list(dir: BorrowedFd<'_>) -> io::Result<Vec<OsString>> {
    std::fs::read_dir(format!("/proc/self/fd/{}", dir.as_raw_fd()))?
        .map(|e| e.map(|e| e.file_name()))
        .collect()
}

fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
    Ok(own(nix::fcntl::open(path, flags, Mode::empty())?))
}

fn open_dir_at(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<OwnedFd> {
    openat_own(
        dir,
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
    )
}

fn openat_own(dir: BorrowedFd<'_>, name: &OsStr, flags: OFlag) -> io::Result<OwnedFd> {
    let fd = openat(
        Some(dir.as_raw_fd()),
        name,
        flags | OFlag::O_CLOEXEC,
        Mode::S_IRUSR | Mode::S_IWUSR,
    )?;
    Ok(own(fd))
}

/// Opens the folder `path` beneath `root` without following any symlink.
fn open_beneath(root: BorrowedFd<'_>, path: &Path) -> io::Result<OwnedFd> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let how = OpenHow::new()
        .flags(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW)
        .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS);
    Ok(own(openat2(root.as_raw_fd(), path, how)?))
}

/// Removes `name` in `dir`, recursively when a folder, never following a symlink.
fn remove_all_at(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<()> {
    match unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::NoRemoveDir) {
        Ok(()) | Err(Errno::ENOENT) => return Ok(()),
        Err(Errno::EISDIR) | Err(Errno::EPERM) => {}
        Err(e) => return Err(e.into()),
    }
    let sub = open_dir_at(dir, name)?;
    for child in list(sub.as_fd())? {
        remove_all_at(sub.as_fd(), &child)?;
    }
    unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::RemoveDir)?;
    Ok(())
}

/// The extended attribute names of an open file.
fn list_xattrs(fd: BorrowedFd<'_>) -> io::Result<Vec<CString>> {
    let mut buf = vec![0u8; 1024];
    loop {
        match crate::sys::xattr::flist(fd, &mut buf) {
            Ok(n) => {
                buf.truncate(n);
                break;
            }
            Err(Errno::ERANGE) => buf.resize(buf.len() * 4, 0),
            Err(Errno::ENOTSUP) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(buf
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
        .filter_map(|n| CString::new(n).ok())
        .collect())
}

/// One extended attribute of an open file, `None` when it is not set.
fn get_xattr(fd: BorrowedFd<'_>, name: &str) -> io::Result<Option<Vec<u8>>> {
    let cname = CString::new(name).map_err(io::Error::other)?;
    let mut buf = vec![0u8; 256];
    loop {
        match crate::sys::xattr::fget(fd, &cname, &mut buf) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(Some(buf));
            }
            Err(Errno::ERANGE) => buf.resize(buf.len() * 16, 0),
            Err(Errno::ENODATA | Errno::ENOTSUP) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Sets one extended attribute of an open file.
fn set_xattr(fd: BorrowedFd<'_>, name: &CString, value: &[u8]) -> io::Result<()> {
    crate::sys::xattr::fset(fd, name, value, 0).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};

    fn whiteout(dir: &Path, name: &str) -> bool {
        // Creating a 0/0 character device needs CAP_MKNOD; skip the whiteout part without it.
        nix::sys::stat::mknod(&dir.join(name), SFlag::S_IFCHR, Mode::empty(), 0).is_ok()
    }

    #[test]
    fn layers_apply_bottom_up_with_whiteouts_opaque_folders_and_hardlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let (l1, l2) = (tmp.path().join("l1"), tmp.path().join("l2"));
        std::fs::create_dir_all(l1.join("etc")).unwrap();
        std::fs::create_dir_all(l1.join("opaque/old")).unwrap();
        std::fs::create_dir_all(l1.join("gone")).unwrap();
        std::fs::write(l1.join("etc/keep"), b"1").unwrap();
        std::fs::write(l1.join("etc/replace"), b"old").unwrap();
        std::fs::write(l1.join("gone/x"), b"x").unwrap();
        symlink("/etc", l1.join("link")).unwrap();
        std::fs::set_permissions(l1.join("etc/keep"), std::fs::Permissions::from_mode(0o4751))
            .unwrap();

        std::fs::create_dir_all(l2.join("etc")).unwrap();
        std::fs::create_dir_all(l2.join("opaque")).unwrap();
        std::fs::create_dir_all(l2.join("link")).unwrap();
        std::fs::write(l2.join("etc/replace"), b"new").unwrap();
        std::fs::write(l2.join("opaque/new"), b"n").unwrap();
        std::fs::write(l2.join("link/inside"), b"i").unwrap();
        std::fs::write(l2.join("a"), b"hard").unwrap();
        std::fs::hard_link(l2.join("a"), l2.join("etc/b")).unwrap();
        let opaque = open_dir(&l2.join("opaque")).unwrap();
        let opaque_set = set_xattr(opaque.as_fd(), &CString::new(OPAQUE).unwrap(), b"y").is_ok();
        let whiteouts = whiteout(&l2, "gone");

        let (work, target) = (tmp.path().join("work"), tmp.path().join("rootfs"));
        std::fs::create_dir(&target).unwrap();
        materialize(&[l1.clone(), l2.clone()], &work, &target).unwrap();

        assert_eq!(std::fs::read(target.join("etc/keep")).unwrap(), b"1");
        assert_eq!(
            std::fs::metadata(target.join("etc/keep")).unwrap().mode() & 0o7777,
            0o4751
        );
        assert_eq!(std::fs::read(target.join("etc/replace")).unwrap(), b"new");
        assert!(target.join("link").symlink_metadata().unwrap().is_dir());
        assert_eq!(std::fs::read(target.join("link/inside")).unwrap(), b"i");
        let (a, b) = (
            std::fs::metadata(target.join("a")).unwrap(),
            std::fs::metadata(target.join("etc/b")).unwrap(),
        );
        assert_eq!(a.ino(), b.ino());
        if opaque_set {
            assert!(!target.join("opaque/old").exists());
            let dir = open_dir(&target.join("opaque")).unwrap();
            assert_eq!(get_xattr(dir.as_fd(), OPAQUE).unwrap(), None);
        }
        assert!(target.join("opaque/new").exists());
        if whiteouts {
            assert!(!target.join("gone").exists());
        }
        assert!(work.join(COMPLETE).is_file());
        assert!(!work.join(STAGING).exists());

        // A second start keeps the copy as it is.
        std::fs::write(target.join("written"), b"w").unwrap();
        materialize(&[l1, l2], &work, &target).unwrap();
        assert!(target.join("written").exists());
    }

    #[test]
    fn an_interrupted_copy_is_made_again() {
        let tmp = tempfile::tempdir().unwrap();
        let l1 = tmp.path().join("l1");
        std::fs::create_dir_all(&l1).unwrap();
        std::fs::write(l1.join("f"), b"f").unwrap();
        let (work, target) = (tmp.path().join("work"), tmp.path().join("rootfs"));
        std::fs::create_dir_all(work.join(STAGING).join("partial")).unwrap();
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("stale"), b"s").unwrap();
        materialize(&[l1], &work, &target).unwrap();
        assert!(target.join("f").exists());
        assert!(!target.join("stale").exists());
    }
}
