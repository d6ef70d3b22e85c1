//! Volume work the supervisor does before the container's first process starts, as root of the
//! store's user namespace with the root filesystem mounted (a container with a namespace of its
//! own, keep-id or auto, has its ids shifted into the store's first):
//! - copy-up: an empty volume is filled from the image's content at its mount point, owners,
//!   modes and times kept, the first time it is mounted where the image has content (until
//!   then `NeedsCopyUp` stays true); at its first mount it takes the owner and mode of the
//!   image's folder there (a mount point the image lacks gives it to the container's user);
//! - `U`: the source is given, recursively, to the container's user and group, unless its top
//!   belongs to them already.
//!
//! The image's folder is opened inside the root with RESOLVE_IN_ROOT, and everything below it
//! is reached through descriptors without following a symlink: image content cannot make the
//! copy read or write outside the root and the volume.
use crate::config::Paths;
use crate::container::record::ContainerRecord;
use crate::linux::keepid::IdShift;
use crate::linux::user;
use crate::sys::fd::own;
use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstat, fstatat, mkdirat, FileStat, Mode, SFlag};
use nix::unistd::{fchown, fchownat, symlinkat, Gid, Uid};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// Why a volume could not be readied for the container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PrepareError {
    #[error("cannot copy the image's {destination} into volume {volume}: {source}")]
    CopyUp {
        volume: String,
        destination: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot chown {path} to {uid}:{gid} (U): {source}; in a single-id user namespace only \
         the container's root can own files"
    )]
    Chown {
        path: String,
        uid: u32,
        gid: u32,
        #[source]
        source: io::Error,
    },
    #[error("cannot resolve the container's user for its volumes: {message}")]
    User { message: String },
    #[error(transparent)]
    Volume(#[from] super::VolumeError),
}

/// Readies every mount of `record` that needs it; `rootfs` is the mounted root filesystem and
/// `ids` the shift between the container's own user namespace (keep-id, auto …) and the
/// store's, where this runs.
pub(crate) fn run(
    paths: &Paths,
    record: &ContainerRecord,
    spec: &oci_spec::runtime::Spec,
    rootfs: &Path,
    ids: &IdShift,
) -> Result<(), PrepareError> {
    let mounts = &record.mounts;
    if mounts.is_empty() {
        return Ok(());
    }
    let root = open_dir(rootfs).map_err(|e| PrepareError::User {
        message: format!("cannot open {}: {e}", rootfs.display()),
    })?;
    let mut owner = None;
    let mut owner = || -> Result<(u32, u32), PrepareError> {
        if let Some(o) = owner {
            return Ok(o);
        }
        // The container's ids, as the store's namespace (where files are chowned) has them.
        let (uid, gid) = container_user(spec, root.as_fd())?;
        let o = (ids.uid.outside(uid), ids.gid.outside(gid));
        owner = Some(o);
        Ok(o)
    };
    for m in mounts {
        let dest = m.destination.clone();
        if m.kind == "volume" {
            let name = m.name.clone().unwrap_or_default();
            let _lock = super::lock(paths)?;
            let Some(mut vol) = super::load(paths, &name)? else {
                continue;
            };
            if vol.needs_copy_up || vol.needs_chown {
                let copy = vol.needs_copy_up && m.no_copy != Some(true);
                let found = copy_up(root.as_fd(), &dest, &vol.mountpoint, copy, vol.needs_chown)
                    .map_err(|source| PrepareError::CopyUp {
                        volume: name.clone(),
                        destination: dest.clone(),
                        source,
                    })?;
                if found == ImageDir::Missing && vol.needs_chown {
                    // The image has no folder there: the volume goes to the container's user,
                    // when the user namespace can represent it.
                    let (uid, gid) = owner()?;
                    if let Err(e) = chown_tree(&vol.mountpoint, uid, gid) {
                        log::warn!("volume {name} stays owned by root: {e}");
                    }
                }
                // Copy-up waits for a mount point where the image has content.
                if copy && found == ImageDir::Filled {
                    vol.needs_copy_up = false;
                }
                vol.needs_chown = false;
                super::save(paths, &vol)?;
            }
        }
        if m.chown == Some(true) && matches!(m.kind.as_str(), "bind" | "volume") {
            let source = m.source.clone();
            let (uid, gid) = owner()?;
            // A source whose top has that owner already is left as it is: files given to
            // others inside it since keep their owners.
            let top = std::fs::symlink_metadata(&source);
            if top.is_ok_and(|t| {
                use std::os::unix::fs::MetadataExt;
                (t.uid(), t.gid()) == (uid, gid)
            }) {
                continue;
            }
            chown_tree(Path::new(&source), uid, gid).map_err(|e| PrepareError::Chown {
                path: source.clone(),
                uid,
                gid,
                source: e,
            })?;
        }
    }
    Ok(())
}

/// The uid and gid the container's process will run as.
fn container_user(
    spec: &oci_spec::runtime::Spec,
    root: BorrowedFd<'_>,
) -> Result<(u32, u32), PrepareError> {
    let fail = |message: String| PrepareError::User { message };
    let read = |path: &str| -> Result<String, PrepareError> {
        user::read_in_root(root, path)
            .map(Option::unwrap_or_default)
            .map_err(|e| fail(e.to_string()))
    };
    let u = spec
        .process()
        .as_ref()
        .map(|p| p.user().clone())
        .unwrap_or_default();
    let who = match u.username().as_ref().filter(|n| !n.is_empty()) {
        Some(name) => name.clone(),
        None => format!("{}:{}", u.uid(), u.gid()),
    };
    let passwd = user::parse_passwd(&read("/etc/passwd")?);
    let groups = user::parse_group(&read("/etc/group")?);
    let resolved = user::resolve(&who, &passwd, &groups, &[]).map_err(|e| fail(e.to_string()))?;
    Ok((resolved.uid, resolved.gid))
}

/// What the image has at a volume's mount point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImageDir {
    /// No folder.
    Missing,
    /// An empty folder: nothing to copy.
    Empty,
    /// A folder with content.
    Filled,
}

/// Fills the empty volume folder `data` from the image's folder `dest` (its content when
/// `copy`; its owner and mode when `chown`), and says what the image has there. A volume that
/// holds data already keeps it as it is.
fn copy_up(
    root: BorrowedFd<'_>,
    dest: &str,
    data: &Path,
    copy: bool,
    chown: bool,
) -> io::Result<ImageDir> {
    let target = open_dir(data)?;
    let how = OpenHow::new()
        .flags(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let rel = dest.trim_start_matches('/');
    match nix::fcntl::openat2(root.as_raw_fd(), rel, how) {
        Ok(fd) => {
            let src = own(fd);
            let found = if list(src.as_fd())?.is_empty() {
                ImageDir::Empty
            } else {
                ImageDir::Filled
            };
            if copy && found == ImageDir::Filled && list(target.as_fd())?.is_empty() {
                copy_dir(src.as_fd(), target.as_fd())?;
            }
            if chown {
                let st = fstat(src.as_raw_fd())?;
                apply_owner_mode(target.as_fd(), &st)?;
            }
            Ok(found)
        }
        Err(Errno::ENOENT) | Err(Errno::ENOTDIR) => Ok(ImageDir::Missing),
        Err(e) => Err(e.into()),
    }
}

fn apply_owner_mode(fd: BorrowedFd<'_>, st: &FileStat) -> io::Result<()> {
    fchown(
        fd.as_raw_fd(),
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
    )?;
    nix::sys::stat::fchmod(
        fd.as_raw_fd(),
        Mode::from_bits_truncate(st.st_mode & 0o7777),
    )?;
    Ok(())
}

/// Copies the content of `src` into `dst`: folders, regular files and symlinks, with owners,
/// modes and modification times; other kinds (devices, FIFOs, sockets) are skipped.
fn copy_dir(src: BorrowedFd<'_>, dst: BorrowedFd<'_>) -> io::Result<()> {
    for name in list(src)? {
        let name = name.as_os_str();
        let st = fstatat(Some(src.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        let kind = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
        if kind == SFlag::S_IFDIR {
            mkdirat(Some(dst.as_raw_fd()), name, Mode::from_bits_truncate(0o700))?;
            let s = open_at(src, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY)?;
            let d = open_at(dst, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY)?;
            copy_dir(s.as_fd(), d.as_fd())?;
            apply_owner_mode(d.as_fd(), &st)?;
            set_times(dst, name, &st)?;
        } else if kind == SFlag::S_IFREG {
            let s = open_at(src, name, OFlag::O_RDONLY)?;
            let d = own(nix::fcntl::openat(
                Some(dst.as_raw_fd()),
                name,
                OFlag::O_WRONLY
                    | OFlag::O_CREAT
                    | OFlag::O_EXCL
                    | OFlag::O_NOFOLLOW
                    | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o600),
            )?);
            io::copy(&mut File::from(s), &mut File::from(d.try_clone()?))?;
            apply_owner_mode(d.as_fd(), &st)?;
            set_times(dst, name, &st)?;
        } else if kind == SFlag::S_IFLNK {
            let to = nix::fcntl::readlinkat(Some(src.as_raw_fd()), name)?;
            symlinkat(to.as_os_str(), Some(dst.as_raw_fd()), name)?;
            fchownat(
                Some(dst.as_raw_fd()),
                name,
                Some(Uid::from_raw(st.st_uid)),
                Some(Gid::from_raw(st.st_gid)),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            )?;
        } else {
            log::debug!("copy-up skips {name:?}: not a folder, file or symlink");
        }
    }
    Ok(())
}

fn set_times(dir: BorrowedFd<'_>, name: &OsStr, st: &FileStat) -> io::Result<()> {
    let at = nix::sys::time::TimeSpec::new(st.st_atime, st.st_atime_nsec);
    let mt = nix::sys::time::TimeSpec::new(st.st_mtime, st.st_mtime_nsec);
    nix::sys::stat::utimensat(
        Some(dir.as_raw_fd()),
        name,
        &at,
        &mt,
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    )?;
    Ok(())
}

/// Gives `path` and everything below it to `uid:gid`, never following a symlink.
pub(crate) fn chown_tree(path: &Path, uid: u32, gid: u32) -> io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    let (u, g) = (Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)));
    if !meta.is_dir() {
        return Ok(nix::unistd::fchownat(
            None,
            path,
            u,
            g,
            AtFlags::AT_SYMLINK_NOFOLLOW,
        )?);
    }
    let dir = open_dir(path)?;
    fchown(dir.as_raw_fd(), u, g)?;
    chown_below(dir.as_fd(), uid, gid)
}

fn chown_below(dir: BorrowedFd<'_>, uid: u32, gid: u32) -> io::Result<()> {
    let (u, g) = (Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)));
    for name in list(dir)? {
        let name = name.as_os_str();
        fchownat(
            Some(dir.as_raw_fd()),
            name,
            u,
            g,
            AtFlags::AT_SYMLINK_NOFOLLOW,
        )?;
        let st = fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR {
            let sub = open_at(dir, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY)?;
            chown_below(sub.as_fd(), uid, gid)?;
        }
    }
    Ok(())
}

fn list(dir: BorrowedFd<'_>) -> io::Result<Vec<OsString>> {
    // Listing through the descriptor's magic link reads the very folder we hold open.
    std::fs::read_dir(format!("/proc/self/fd/{}", dir.as_raw_fd()))?
        .map(|e| e.map(|e| e.file_name()))
        .collect()
}

fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
    Ok(own(nix::fcntl::open(path, flags, Mode::empty())?))
}

fn open_at(dir: BorrowedFd<'_>, name: &OsStr, flags: OFlag) -> io::Result<OwnedFd> {
    Ok(own(nix::fcntl::openat(
        Some(dir.as_raw_fd()),
        name,
        flags | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn copy_keeps_modes_links_and_never_follows_a_symlink() {
        let t = tempfile::tempdir().unwrap();
        let src = t.path().join("src");
        let dst = t.path().join("dst");
        let outside = t.path().join("outside");
        std::fs::create_dir_all(src.join("sub")).unwrap();
        std::fs::create_dir_all(&dst).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret"), "s").unwrap();
        std::fs::write(src.join("sub/f"), "data").unwrap();
        std::fs::set_permissions(src.join("sub/f"), std::fs::Permissions::from_mode(0o640))
            .unwrap();
        std::os::unix::fs::symlink(&outside, src.join("link")).unwrap();
        let (s, d) = (open_dir(&src).unwrap(), open_dir(&dst).unwrap());
        copy_dir(s.as_fd(), d.as_fd()).unwrap();
        assert_eq!(std::fs::read_to_string(dst.join("sub/f")).unwrap(), "data");
        let mode = std::fs::metadata(dst.join("sub/f")).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let link = std::fs::symlink_metadata(dst.join("link")).unwrap();
        assert!(link.file_type().is_symlink());
        assert_eq!(std::fs::read_link(dst.join("link")).unwrap(), outside);
        // chown to ourselves walks the tree without following the link out.
        let me = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        chown_tree(&dst, me.0, me.1).unwrap();
    }
}
