//! The kernel side of the mount plan: targets opened inside the root with RESOLVE_IN_ROOT,
//! file systems mounted through `/proc/self/fd/N`, binds made as detached trees (open_tree)
//! moved onto the target's descriptor, attributes set on the bind's own descriptor with
//! mount_setattr, and pivot_root. No mount is ever looked up again by path: a symlink the
//! container controls could lead such a lookup to another place.
use super::{Create, MountError, Sys};
use crate::sys::fd::own;
use crate::sys::mount_api;
use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
use nix::mount::MsFlags;
use nix::sys::stat::{mkdirat, Mode, SFlag};
use nix::sys::statvfs::FsFlags;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

/// The real kernel calls, relative to the root filesystem's folder.
pub(crate) struct Kernel {
    root: OwnedFd,
    /// The root's path as the kernel names it, to express a resolved folder inside the root.
    root_path: PathBuf,
    /// Who a made mount point belongs to, as this process names the container's root: under
    /// `--userns keep-id` the container's root is not ours (`crate::linux::keepid`).
    owner: Option<(u32, u32)>,
}

impl Kernel {
    /// Opens the root filesystem at `rootfs` (after it became a mount point of its own).
    pub(crate) fn new(rootfs: &Path) -> io::Result<Kernel> {
        let flags = OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
        let root = own(nix::fcntl::open(rootfs, flags, Mode::empty())?);
        let root_path = std::fs::read_link(fd_path(&root))?;
        Ok(Kernel {
            root,
            root_path,
            owner: None,
        })
    }

    /// Mount points made from here on get `owner` (uid, gid) instead of ours.
    pub(crate) fn set_owner(&mut self, owner: Option<(u32, u32)>) {
        self.owner = owner;
    }

    /// `path` (a sequence of names) inside the root, symlinks followed but never out of it.
    fn open_in(&self, names: &[String], flags: OFlag) -> nix::Result<OwnedFd> {
        let rel = if names.is_empty() {
            ".".to_string()
        } else {
            names.join("/")
        };
        let how = OpenHow::new()
            .flags(flags | OFlag::O_CLOEXEC)
            .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
        // EAGAIN: a mount or rename elsewhere on the system raced the scoped lookup; openat2(2)
        // says to retry (busy hosts, with many containers starting, do hit it).
        let mut tries = 0;
        loop {
            match nix::fcntl::openat2(self.root.as_raw_fd(), rel.as_str(), how) {
                Err(Errno::EAGAIN) if tries < 100 => tries += 1,
                other => return other.map(own),
            }
        }
    }

    /// Opens `names` inside the root, creating it (and missing folders above it, mode 0755) as
    /// `create` says. A dangling symlink on the way (/etc/resolv.conf → ../run/…) is followed to
    /// the place where the entry must be made, at most `hops` times in all (the kernel's 40).
    fn resolve(
        &self,
        mut names: Vec<String>,
        create: Create,
        hops: &mut u32,
    ) -> io::Result<Option<OwnedFd>> {
        loop {
            match self.open_in(&names, OFlag::O_PATH) {
                Ok(fd) => return Ok(Some(fd)),
                Err(Errno::ENOENT) if create != Create::Nothing => {}
                Err(Errno::ENOENT) => return Ok(None),
                Err(e) => return Err(e.into()),
            }
            let Some((name, parents)) = names.split_last() else {
                return Err(io::Error::from(io::ErrorKind::NotFound));
            };
            let parent = if parents.is_empty() {
                self.open_in(&[], OFlag::O_PATH | OFlag::O_DIRECTORY)?
            } else {
                self.resolve(parents.to_vec(), Create::Dir, hops)?
                    .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?
            };
            let made = match create {
                Create::Dir => mkdirat(
                    Some(parent.as_raw_fd()),
                    name.as_str(),
                    Mode::from_bits_truncate(0o755),
                ),
                _ => nix::fcntl::openat(
                    Some(parent.as_raw_fd()),
                    name.as_str(),
                    OFlag::O_CREAT
                        | OFlag::O_EXCL
                        | OFlag::O_WRONLY
                        | OFlag::O_NOFOLLOW
                        | OFlag::O_CLOEXEC,
                    Mode::from_bits_truncate(0o644),
                )
                .map(|fd| drop(own(fd))),
            };
            match made {
                Ok(()) => {
                    if let Some((uid, gid)) = self.owner {
                        nix::unistd::fchownat(
                            Some(parent.as_raw_fd()),
                            name.as_str(),
                            Some(uid.into()),
                            Some(gid.into()),
                            nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
                        )?;
                    }
                }
                Err(Errno::EEXIST) => {}
                Err(e) => return Err(e.into()),
            }
            match self.open_in(&names, OFlag::O_PATH) {
                Ok(fd) => return Ok(Some(fd)),
                Err(Errno::ENOENT) if *hops > 0 => {
                    *hops -= 1;
                    let link = nix::fcntl::readlinkat(Some(parent.as_raw_fd()), name.as_str())?;
                    let link = link.to_string_lossy();
                    names = if link.starts_with('/') {
                        self::names(&link)
                    } else {
                        // `..` in the link applies to the folder that holds it.
                        let base = self.names_of(&parent)?.join("/");
                        self::names(&format!("{base}/{link}"))
                    };
                }
                Err(Errno::ENOENT) => return Err(Errno::ELOOP.into()),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The names of an open folder's path inside the root.
    fn names_of(&self, dir: &OwnedFd) -> io::Result<Vec<String>> {
        let real = std::fs::read_link(fd_path(dir))?;
        let inside = real
            .strip_prefix(&self.root_path)
            .map_err(io::Error::other)?;
        Ok(names(&inside.to_string_lossy()))
    }
}

/// The names of a path, `.` dropped and `..` applied (stopping at the root, as
/// RESOLVE_IN_ROOT does).
pub(crate) fn names(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c.to_string()),
        }
    }
    out
}

impl Sys for Kernel {
    type Target = OwnedFd;

    fn open(&mut self, path: &str, create: Create) -> io::Result<Option<OwnedFd>> {
        self.resolve(names(path), create, &mut 40)
    }

    fn is_dir(&mut self, target: &OwnedFd) -> io::Result<bool> {
        let st = nix::sys::stat::fstat(target.as_raw_fd())?;
        Ok(SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR)
    }

    fn source_is_dir(&mut self, source: &Path) -> io::Result<bool> {
        Ok(std::fs::metadata(source)?.is_dir())
    }

    fn mount_fs(
        &mut self,
        target: &OwnedFd,
        fstype: &str,
        source: &str,
        flags: MsFlags,
        data: &str,
    ) -> io::Result<()> {
        // A tmpfs's root belongs to the container's root.
        let owned;
        let data = match self.owner {
            Some((uid, gid)) if fstype == "tmpfs" && !data.contains("uid=") => {
                owned = match data {
                    "" => format!("uid={uid},gid={gid}"),
                    _ => format!("{data},uid={uid},gid={gid}"),
                };
                owned.as_str()
            }
            _ => data,
        };
        let data = (!data.is_empty()).then_some(data);
        nix::mount::mount(
            Some(source),
            fd_path(target).as_str(),
            Some(fstype),
            flags,
            data,
        )?;
        Ok(())
    }

    fn bind(
        &mut self,
        source: &Path,
        target: &OwnedFd,
        recursive: bool,
        attrs: MsFlags,
    ) -> io::Result<()> {
        let source = if source.starts_with("/proc/self/fd") {
            by_name(source)?
        } else {
            source.to_path_buf()
        };
        let tree = mount_api::open_tree_clone(None, &source, recursive)?;
        attach(tree, target, attrs, recursive)
    }

    fn bind_self(&mut self, target: &OwnedFd, attrs: MsFlags) -> io::Result<()> {
        let tree = mount_api::open_tree_clone(Some(target), Path::new(""), true)?;
        attach(tree, target, attrs, true)
    }

    fn symlink(&mut self, path: &str, to: &str) -> io::Result<()> {
        let names = names(path);
        let Some((name, parents)) = names.split_last() else {
            return Ok(());
        };
        let parent = match parents {
            [] => self.open_in(&[], OFlag::O_PATH | OFlag::O_DIRECTORY)?,
            _ => self
                .resolve(parents.to_vec(), Create::Dir, &mut 40)?
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?,
        };
        match nix::unistd::symlinkat(to, Some(parent.as_raw_fd()), name.as_str()) {
            Ok(()) | Err(Errno::EEXIST) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn copy_tree(&mut self, from: &OwnedFd, to: &OwnedFd) -> io::Result<()> {
        super::copyup::copy_tree(from, to, 64)
    }
}

/// The name, in this mount namespace, of what a descriptor's magic link (`/proc/self/fd/N`)
/// points to. A bind needs a source in the caller's own mount namespace, and the descriptor (the
/// terminal) was opened in the supervisor's; the name must lead to the very same file.
fn by_name(link: &Path) -> io::Result<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let name = std::fs::read_link(link)?;
    let (held, named) = (std::fs::metadata(link)?, std::fs::metadata(&name)?);
    if (held.dev(), held.ino(), held.rdev()) != (named.dev(), named.ino(), named.rdev()) {
        return Err(io::Error::other(format!(
            "{} is not the terminal the container was given",
            name.display()
        )));
    }
    Ok(name)
}

/// Moves the detached mount `tree` onto `target`, then sets `attrs` through `tree`, which now
/// names the attached mount itself.
fn attach(tree: OwnedFd, target: &OwnedFd, attrs: MsFlags, recursive: bool) -> io::Result<()> {
    mount_api::move_mount(&tree, target)?;
    if attrs.is_empty() {
        return Ok(());
    }
    set_mount_attrs(&tree, attrs, recursive)
}

/// Adds read-only/nosuid/nodev/noexec to the mount at `target` (and every mount below it when
/// `recursive`), with mount_setattr (Linux 5.12); older kernels get a bind remount of the top
/// mount, keeping the flags a user namespace may not clear.
fn set_mount_attrs(target: &OwnedFd, attrs: MsFlags, recursive: bool) -> io::Result<()> {
    match mount_api::mount_setattr(target, attrs, recursive) {
        Err(e) if e.raw_os_error() == Some(libc::ENOSYS) => {}
        other => return other,
    }
    let locked = nix::sys::statvfs::fstatvfs(target)?.flags();
    let mut flags = MsFlags::MS_REMOUNT | MsFlags::MS_BIND | attrs;
    for (st, ms) in [
        (FsFlags::ST_RDONLY, MsFlags::MS_RDONLY),
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
    ] {
        if locked.contains(st) {
            flags |= ms;
        }
    }
    let path = fd_path(target);
    nix::mount::mount(
        None::<&str>,
        path.as_str(),
        None::<&str>,
        flags,
        None::<&str>,
    )?;
    Ok(())
}

/// Makes every mount of this (new) namespace private, then binds `rootfs` onto itself so it is
/// a mount point pivot_root accepts.
pub(crate) fn prepare_root(rootfs: &Path) -> Result<(), MountError> {
    let fail = |e: Errno| MountError::Pivot {
        path: rootfs.to_path_buf(),
        source: e.into(),
    };
    let none = None::<&str>;
    nix::mount::mount(none, "/", none, MsFlags::MS_REC | MsFlags::MS_PRIVATE, none)
        .map_err(fail)?;
    nix::mount::mount(
        Some(rootfs),
        rootfs,
        none,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        none,
    )
    .map_err(fail)
}

/// pivot_root into `rootfs` and detach the old root, so nothing of the host stays reachable.
pub(crate) fn pivot(rootfs: &Path) -> Result<(), MountError> {
    let fail = |e: Errno| MountError::Pivot {
        path: rootfs.to_path_buf(),
        source: e.into(),
    };
    let none = None::<&str>;
    nix::unistd::chdir(rootfs).map_err(fail)?;
    // With both arguments ".", the old root ends up stacked under the new one at "/".
    nix::unistd::pivot_root(".", ".").map_err(fail)?;
    // No unmount below may propagate anywhere.
    nix::mount::mount(none, ".", none, MsFlags::MS_REC | MsFlags::MS_SLAVE, none).map_err(fail)?;
    nix::mount::umount2(".", nix::mount::MntFlags::MNT_DETACH).map_err(fail)?;
    nix::unistd::chdir("/").map_err(fail)
}

/// `root.readonly`: the root mount (not the mounts on it) becomes read-only.
pub(crate) fn make_root_readonly() -> Result<(), MountError> {
    let fail = |e: io::Error| MountError::Fs {
        fstype: "read-only root".to_string(),
        path: "/".to_string(),
        source: e,
    };
    let root = own(nix::fcntl::open(
        "/",
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| fail(e.into()))?);
    set_mount_attrs(&root, MsFlags::MS_RDONLY, false).map_err(fail)
}

fn fd_path(fd: &OwnedFd) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}
