//! Copy-up: a lower file or folder becomes the upper layer's before it changes.
//!
//! The copy is made under a temporary name in the work folder (same filesystem as the upper
//! layer) with the owner, xattrs, mode (setuid bits included: the owner is set first) and times
//! of the original, then renamed into place: a copy is either whole or absent. Data is shared
//! with FICLONE where the filesystem allows, else copied in the kernel (copy_file_range).
//! A hardlinked lower file is copied once; its other names are linked to the copy when they
//! are copied up or looked up, so the links stay together.
//!
//! Every function here runs with the tree's write lock held (the `&mut Tree` argument).
use super::beneath;
use super::layers::{errno, is_whiteout, key, Overlay, OPAQUE, PRIVATE_PREFIX};
use super::sys;
use super::tree::{Layer, Tree};
use nix::fcntl::{OFlag, RenameFlags};
use nix::sys::stat::{Mode, SFlag};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid};
use std::ffi::OsString;
use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// The work folder's record of copied-up hardlinked lower files.
pub(super) const LINKS_FILE: &str = "fuse-hardlinks.json";

/// Reads the record [`Overlay::save_links`] wrote, if any.
pub(super) fn load_links(
    work: std::os::fd::BorrowedFd<'_>,
) -> std::collections::HashMap<super::tree::Key, PathBuf> {
    let read = || -> io::Result<Vec<(u64, u64, Vec<u8>)>> {
        let mut f = beneath::open(
            work,
            Path::new(LINKS_FILE),
            OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?;
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data)?;
        serde_json::from_slice(&data).map_err(io::Error::other)
    };
    read()
        .unwrap_or_default()
        .into_iter()
        .map(|(dev, ino, p)| ((dev, ino), PathBuf::from(std::ffi::OsString::from_vec(p))))
        .collect()
}

impl Overlay {
    /// Writes the copies of hardlinked lower files to the work folder, so a later server
    /// (the next start) links the other names of such a file to the same copy.
    pub(super) fn save_links(&self, tree: &Tree) -> io::Result<()> {
        let list: Vec<(u64, u64, &[u8])> = tree
            .copied_links
            .iter()
            .map(|(k, p)| (k.0, k.1, p.as_os_str().as_bytes()))
            .collect();
        let data = serde_json::to_vec(&list).map_err(io::Error::other)?;
        let temp = self.temp_name();
        let work = self.layers.work.as_fd();
        let mut f = beneath::open(
            work,
            &temp,
            OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_CLOEXEC,
            Mode::S_IRUSR | Mode::S_IWUSR,
        )?;
        std::io::Write::write_all(&mut f, &data)?;
        f.sync_data()?;
        beneath::rename(
            work,
            &temp,
            work,
            Path::new(LINKS_FILE),
            RenameFlags::empty(),
        )?;
        Ok(())
    }

    /// A fresh name in the work folder.
    pub(super) fn temp_name(&self) -> PathBuf {
        let n = self.next_temp.fetch_add(1, Ordering::Relaxed);
        PathBuf::from(format!("#fuse-{}-{n}", std::process::id()))
    }

    /// Makes node `ino` (and its parent folders) part of the upper layer. A folder is copied
    /// as an empty folder; its lower content keeps showing through.
    pub(super) fn copy_up(&self, tree: &mut Tree, ino: u64) -> io::Result<()> {
        let node = tree.get(ino).ok_or_else(|| errno(libc::ENOENT))?.clone();
        let done = if node.is_dir() {
            node.dir_layers.first() == Some(&Layer::Upper)
        } else {
            node.layer == Layer::Upper
        };
        if done {
            return Ok(());
        }
        self.copy_up(tree, node.parent)?;
        let path = tree.path(ino).ok_or_else(|| errno(libc::ENOENT))?;
        let st = beneath::stat(self.layers.fd(node.layer), &path)?;
        let copy = self.copy_object(tree, node.layer, &path, &st)?;
        tree.alias(key(&copy), ino);
        if let Some(n) = tree.get_mut(ino) {
            n.layer = Layer::Upper;
            if n.is_dir() {
                n.dir_layers.insert(0, Layer::Upper);
            }
        }
        Ok(())
    }

    /// Copies the folder `ino` with everything below it into the upper layer and makes it
    /// opaque: it no longer depends on the lower layers (before a rename moves it).
    pub(super) fn copy_up_all(&self, tree: &mut Tree, ino: u64) -> io::Result<()> {
        self.copy_up(tree, ino)?;
        let node = tree.get(ino).ok_or_else(|| errno(libc::ENOENT))?.clone();
        if !node.is_dir() {
            return Ok(());
        }
        let path = tree.path(ino).ok_or_else(|| errno(libc::ENOENT))?;
        if node.dir_layers.len() > 1 {
            self.copy_tree(tree, &node.dir_layers, &path)?;
            beneath::set_xattr(self.layers.upper.as_fd(), &path, OPAQUE, b"y", 0)?;
        }
        tree.mark_upper_below(ino);
        if let Some(n) = tree.get_mut(ino) {
            n.dir_layers = vec![Layer::Upper];
        }
        Ok(())
    }

    /// Copies the lower content of the merged folder `path` (made of `dir_layers`, the upper
    /// one first) into its upper folder, recursively.
    fn copy_tree(&self, tree: &mut Tree, dir_layers: &[Layer], path: &Path) -> io::Result<()> {
        for listed in self.list_merged(dir_layers, path)? {
            let name = OsString::from(std::ffi::OsStr::from_bytes(&listed.name));
            let Some(found) = self.resolve(dir_layers, path, &name)? else {
                continue;
            };
            let child = path.join(&name);
            let mut layers = found.dir_layers.clone();
            if found.layer != Layer::Upper {
                let copy = self.copy_object(tree, found.layer, &child, &found.st)?;
                if let Some(ino) = tree.known(key(&found.st)) {
                    tree.alias(key(&copy), ino);
                }
                if !layers.is_empty() {
                    layers.insert(0, Layer::Upper);
                }
            }
            if layers.len() > 1 {
                self.copy_tree(tree, &layers, &child)?;
            }
        }
        Ok(())
    }

    /// Copies one object of `layer` at merged `path` into the upper layer (whose parent folder
    /// exists). Returns the copy's attributes.
    pub(super) fn copy_object(
        &self,
        tree: &mut Tree,
        layer: Layer,
        path: &Path,
        st: &libc::stat64,
    ) -> io::Result<libc::stat64> {
        let upper = self.layers.upper.as_fd();
        let kind = st.st_mode & libc::S_IFMT;
        if kind == libc::S_IFREG && st.st_nlink > 1 {
            if let Some(first) = tree.copied_links.get(&key(st)).cloned() {
                if beneath::link(upper, &first, upper, path).is_ok() {
                    return beneath::stat(upper, path);
                }
            }
        }
        let work = self.layers.work.as_fd();
        let temp = self.temp_name();
        let src = self.layers.fd(layer);
        let made = self.make_copy(src, path, st, &temp);
        if let Err(e) = made {
            let _ = beneath::unlink(work, &temp, kind == libc::S_IFDIR);
            return Err(e);
        }
        beneath::rename(work, &temp, upper, path, RenameFlags::empty())?;
        if kind == libc::S_IFREG && st.st_nlink > 1 {
            tree.copied_links.insert(key(st), path.to_path_buf());
            self.save_links(tree)?;
        }
        beneath::stat(upper, path)
    }

    /// Makes `temp` in the work folder a copy of `path` in `src`, metadata included.
    fn make_copy(
        &self,
        src: std::os::fd::BorrowedFd<'_>,
        path: &Path,
        st: &libc::stat64,
        temp: &Path,
    ) -> io::Result<()> {
        let work = self.layers.work.as_fd();
        let perm = Mode::from_bits_truncate(st.st_mode & 0o7777);
        match st.st_mode & libc::S_IFMT {
            libc::S_IFREG => {
                let from = beneath::open(
                    src,
                    path,
                    OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )?;
                let mut to = beneath::open(
                    work,
                    temp,
                    OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_CLOEXEC,
                    Mode::S_IRUSR | Mode::S_IWUSR,
                )?;
                if st.st_size > 0 && sys::clone_file(&from, &to).is_err() {
                    io::copy(&mut &from, &mut to)?;
                }
                nix::unistd::fchown(
                    to.as_raw_fd(),
                    Some(st.st_uid.into()),
                    Some(st.st_gid.into()),
                )?;
                self.copy_xattrs(src, path, temp)?;
                nix::sys::stat::fchmod(to.as_raw_fd(), perm)?;
                set_times(work, temp, st)
            }
            libc::S_IFDIR => {
                beneath::mkdir(work, temp, Mode::S_IRWXU)?;
                own_nofollow(work, temp, st)?;
                self.copy_xattrs(src, path, temp)?;
                beneath::chmod(work, temp, perm)?;
                set_times(work, temp, st)
            }
            libc::S_IFLNK => {
                let target = beneath::readlink(src, path)?;
                beneath::symlink(&target, work, temp)?;
                own_nofollow(work, temp, st)?;
                set_times(work, temp, st)
            }
            libc::S_IFIFO | libc::S_IFSOCK => {
                let kind = SFlag::from_bits_truncate(st.st_mode & libc::S_IFMT);
                beneath::mknod(work, temp, kind, perm, 0)?;
                own_nofollow(work, temp, st)?;
                self.copy_xattrs(src, path, temp)?;
                set_times(work, temp, st)
            }
            _ if is_whiteout(st) => Err(errno(libc::ENOENT)),
            // Device nodes cannot be made rootless.
            _ => Err(errno(libc::EPERM)),
        }
    }

    /// Copies the xattrs of `path` in `src` to `temp` in the work folder, except the overlay's.
    fn copy_xattrs(
        &self,
        src: std::os::fd::BorrowedFd<'_>,
        path: &Path,
        temp: &Path,
    ) -> io::Result<()> {
        let names = match beneath::list_xattrs(src, path) {
            Ok(n) => n,
            Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => return Ok(()),
            Err(e) => return Err(e),
        };
        let work = self.layers.work.as_fd();
        for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
            if name.starts_with(PRIVATE_PREFIX) {
                continue;
            }
            let value = match beneath::get_xattr(src, path, name) {
                Ok(v) => v,
                Err(e) if e.raw_os_error() == Some(libc::ENODATA) => continue,
                Err(e) => return Err(e),
            };
            if let Err(e) = beneath::set_xattr(work, temp, name, &value, 0) {
                // security.* other than capabilities may be refused in a user namespace.
                if !name.starts_with(b"security.") {
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

fn own_nofollow(dir: std::os::fd::BorrowedFd<'_>, rel: &Path, st: &libc::stat64) -> io::Result<()> {
    beneath::chown(
        dir,
        rel,
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
    )
}

/// Sets the access and modification times of `rel` below `dir` to those of `st`.
pub(super) fn set_times(
    dir: std::os::fd::BorrowedFd<'_>,
    rel: &Path,
    st: &libc::stat64,
) -> io::Result<()> {
    let atime = TimeSpec::new(st.st_atime, st.st_atime_nsec);
    let mtime = TimeSpec::new(st.st_mtime, st.st_mtime_nsec);
    beneath::set_times(dir, rel, &atime, &mtime)
}
