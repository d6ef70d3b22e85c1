//! Changes to the merged tree's names: create, mkdir, mknod, symlink, link, unlink, rmdir and
//! rename (with RENAME_NOREPLACE and RENAME_EXCHANGE).
//!
//! New names go into the upper layer, replacing a whiteout left by an earlier removal (a new
//! folder there is made opaque, so the removed folder's lower content stays hidden). Removing a
//! name a lower layer holds leaves a whiteout. A folder with lower content is copied up whole
//! before it is renamed, so a rename never fails with EXDEV.
//!
//! Every change holds the tree's write lock from the first check to the last update.
use super::beneath;
use super::layers::{errno, is_whiteout, key, record_locked, Found, Overlay, OPAQUE};
use super::tree::{Layer, Tree};
use fuse_backend_rs::api::filesystem::{Context, Entry};
use nix::fcntl::RenameFlags;
use nix::sys::stat::{Mode, SFlag};
use nix::unistd::{Gid, Uid};
use std::ffi::OsStr;
use std::io;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::RwLockWriteGuard;

/// A name about to be made in the upper layer.
pub(super) struct NewName {
    pub(crate) path: PathBuf,
    /// A whiteout was there: a lower layer holds the name below it.
    pub(crate) over_whiteout: bool,
    /// The owner for the new file: the caller's, the group of a setgid folder.
    pub(crate) uid: u32,
    pub(crate) gid: u32,
}

impl Overlay {
    pub(super) fn write_tree(&self) -> io::Result<RwLockWriteGuard<'_, Tree>> {
        self.tree.write().map_err(|_| errno(libc::EIO))
    }

    /// Copies `parent` up and clears a whiteout at `name` in it.
    pub(super) fn prepare_name(
        &self,
        tree: &mut Tree,
        ctx: &Context,
        parent: u64,
        name: &OsStr,
    ) -> io::Result<NewName> {
        self.copy_up(tree, parent)?;
        let dir = tree.path(parent).ok_or_else(|| errno(libc::ENOENT))?;
        let path = dir.join(name);
        let upper = self.layers.upper.as_fd();
        let over_whiteout = match beneath::stat(upper, &path) {
            Ok(st) if is_whiteout(&st) => {
                beneath::unlink(upper, &path, false)?;
                true
            }
            Ok(_) => return Err(errno(libc::EEXIST)),
            Err(_) => false,
        };
        let dir_st = beneath::stat(upper, &dir)?;
        // The kernel sends the caller's ids as the store's namespace sees them.
        let gid = if dir_st.st_mode & libc::S_ISGID != 0 {
            dir_st.st_gid
        } else {
            self.ids.gid.inside(ctx.gid)
        };
        Ok(NewName {
            path,
            over_whiteout,
            uid: self.ids.uid.inside(ctx.uid),
            gid,
        })
    }

    /// Gives a just-made upper file its owner and records it as a looked-up node.
    pub(super) fn finish_new(
        &self,
        tree: &mut Tree,
        parent: u64,
        name: &OsStr,
        new: &NewName,
        mode: Option<u32>,
    ) -> io::Result<Entry> {
        let upper = self.layers.upper.as_fd();
        beneath::chown(
            upper,
            &new.path,
            Some(Uid::from_raw(new.uid)),
            Some(Gid::from_raw(new.gid)),
        )?;
        let mut st = beneath::stat(upper, &new.path)?;
        let kind = st.st_mode & libc::S_IFMT;
        if let Some(mode) = mode {
            // chown cleared setuid and setgid bits the caller asked for; a folder keeps the
            // setgid bit it inherited from a setgid parent.
            let mut want = mode & 0o7777;
            if kind == libc::S_IFDIR {
                want |= st.st_mode & libc::S_ISGID;
            }
            if kind != libc::S_IFLNK && st.st_mode & 0o7777 != want {
                beneath::chmod(upper, &new.path, Mode::from_bits_truncate(want))?;
                st = beneath::stat(upper, &new.path)?;
            }
        }
        if kind == libc::S_IFDIR && new.over_whiteout {
            beneath::set_xattr(upper, &new.path, OPAQUE, b"y", 0)?;
        }
        let found = Found {
            layer: Layer::Upper,
            st,
            dir_layers: if kind == libc::S_IFDIR {
                vec![Layer::Upper]
            } else {
                Vec::new()
            },
            lower_present: new.over_whiteout,
        };
        Ok(record_locked(tree, parent, name, found, &self.ids))
    }

    pub(super) fn make_dir(
        &self,
        ctx: &Context,
        parent: u64,
        name: &OsStr,
        mode: u32,
    ) -> io::Result<Entry> {
        let mut tree = self.write_tree()?;
        let new = self.prepare_name(&mut tree, ctx, parent, name)?;
        let upper = self.layers.upper.as_fd();
        beneath::mkdir(upper, &new.path, Mode::from_bits_truncate(mode & 0o7777))?;
        self.finish_new(&mut tree, parent, name, &new, Some(mode))
    }

    pub(super) fn make_node(
        &self,
        ctx: &Context,
        parent: u64,
        name: &OsStr,
        mode: u32,
        rdev: u32,
    ) -> io::Result<Entry> {
        let mut tree = self.write_tree()?;
        let new = self.prepare_name(&mut tree, ctx, parent, name)?;
        let upper = self.layers.upper.as_fd();
        beneath::mknod(
            upper,
            &new.path,
            SFlag::from_bits_truncate(mode & libc::S_IFMT),
            Mode::from_bits_truncate(mode & 0o7777),
            rdev.into(),
        )?;
        self.finish_new(&mut tree, parent, name, &new, Some(mode))
    }

    pub(super) fn make_symlink(
        &self,
        ctx: &Context,
        target: &OsStr,
        parent: u64,
        name: &OsStr,
    ) -> io::Result<Entry> {
        let mut tree = self.write_tree()?;
        let new = self.prepare_name(&mut tree, ctx, parent, name)?;
        let upper = self.layers.upper.as_fd();
        beneath::symlink(target, upper, &new.path)?;
        self.finish_new(&mut tree, parent, name, &new, None)
    }

    /// A new name for the file `ino` (copied up first).
    pub(super) fn make_link(
        &self,
        ctx: &Context,
        ino: u64,
        parent: u64,
        name: &OsStr,
    ) -> io::Result<Entry> {
        let mut tree = self.write_tree()?;
        let node = tree.get(ino).ok_or_else(|| errno(libc::ENOENT))?.clone();
        if node.is_dir() {
            return Err(errno(libc::EPERM));
        }
        self.copy_up(&mut tree, ino)?;
        let old = tree.path(ino).ok_or_else(|| errno(libc::ENOENT))?;
        let new = self.prepare_name(&mut tree, ctx, parent, name)?;
        let upper = self.layers.upper.as_fd();
        beneath::link(upper, &old, upper, &new.path)?;
        let mut st = beneath::stat(upper, &new.path)?;
        st.st_ino = ino;
        self.ids.show(&mut st);
        if let Some(n) = tree.get_mut(ino) {
            n.lookups += 1;
        }
        Ok(super::layers::entry(ino, st))
    }

    /// Links the upper copy of a hardlinked lower file to another of its names, found in a
    /// lower layer by a lookup.
    pub(super) fn link_up(&self, parent: u64, name: &OsStr, found: &Found) -> io::Result<Entry> {
        let mut tree = self.write_tree()?;
        let Some(first) = tree.copied_links.get(&key(&found.st)).cloned() else {
            return Err(errno(libc::EAGAIN));
        };
        self.copy_up(&mut tree, parent)?;
        let path = tree
            .path(parent)
            .ok_or_else(|| errno(libc::ENOENT))?
            .join(name);
        let upper = self.layers.upper.as_fd();
        if beneath::stat(upper, &path).is_err() {
            beneath::link(upper, &first, upper, &path)?;
        }
        let st = beneath::stat(upper, &path)?;
        let found = Found {
            layer: Layer::Upper,
            st,
            dir_layers: Vec::new(),
            lower_present: true,
        };
        let ino = tree.ino_for(key(&found.st));
        let entry = record_locked(&mut tree, parent, name, found, &self.ids);
        debug_assert_eq!(entry.inode, ino);
        Ok(entry)
    }

    /// unlink (`dir` false) or rmdir (`dir` true) of `name` in `parent`.
    pub(super) fn remove(&self, parent: u64, name: &OsStr, dir: bool) -> io::Result<()> {
        let mut tree = self.write_tree()?;
        let parent_node = tree.get(parent).ok_or_else(|| errno(libc::ENOENT))?.clone();
        let dir_path = tree.path(parent).ok_or_else(|| errno(libc::ENOENT))?;
        let found = self
            .resolve(&parent_node.dir_layers, &dir_path, name)?
            .ok_or_else(|| errno(libc::ENOENT))?;
        let is_dir = found.st.st_mode & libc::S_IFMT == libc::S_IFDIR;
        if dir && !is_dir {
            return Err(errno(libc::ENOTDIR));
        }
        if !dir && is_dir {
            return Err(errno(libc::EISDIR));
        }
        let path = dir_path.join(name);
        if is_dir && !self.list_merged(&found.dir_layers, &path)?.is_empty() {
            return Err(errno(libc::ENOTEMPTY));
        }
        if !is_dir {
            let known = tree
                .child(parent, name)
                .or_else(|| tree.known(key(&found.st)));
            self.pin_before_gone(known, &found, &path);
        }
        let upper = self.layers.upper.as_fd();
        if found.layer == Layer::Upper {
            if is_dir {
                clear_whiteouts(upper, &path)?;
            }
            beneath::unlink(upper, &path, is_dir)?;
        }
        if found.lower_present {
            self.copy_up(&mut tree, parent)?;
            make_whiteout(upper, &path)?;
        }
        let links = tree.copied_links.len();
        tree.copied_links.retain(|_, p| *p != path);
        if tree.copied_links.len() != links {
            self.save_links(&tree)?;
        }
        let gone = is_dir || found.st.st_nlink <= 1;
        if found.layer == Layer::Upper && gone {
            tree.unkey(key(&found.st));
        }
        if let Some(child) = tree.child(parent, name) {
            if tree
                .get(child)
                .is_some_and(|n| gone || n.layer != Layer::Upper)
            {
                tree.mark_removed(child);
            }
        }
        Ok(())
    }

    /// rename(2) and renameat2(2)'s RENAME_NOREPLACE and RENAME_EXCHANGE.
    pub(super) fn rename_entry(
        &self,
        olddir: u64,
        oldname: &OsStr,
        newdir: u64,
        newname: &OsStr,
        flags: u32,
    ) -> io::Result<()> {
        let noreplace = flags & libc::RENAME_NOREPLACE != 0;
        let exchange = flags & libc::RENAME_EXCHANGE != 0;
        if flags & !(libc::RENAME_NOREPLACE | libc::RENAME_EXCHANGE) != 0 || (noreplace && exchange)
        {
            return Err(errno(libc::EINVAL));
        }
        let mut tree = self.write_tree()?;
        let old_parent = tree.get(olddir).ok_or_else(|| errno(libc::ENOENT))?.clone();
        let new_parent = tree.get(newdir).ok_or_else(|| errno(libc::ENOENT))?.clone();
        let old_dir_path = tree.path(olddir).ok_or_else(|| errno(libc::ENOENT))?;
        let new_dir_path = tree.path(newdir).ok_or_else(|| errno(libc::ENOENT))?;
        let old = self
            .resolve(&old_parent.dir_layers, &old_dir_path, oldname)?
            .ok_or_else(|| errno(libc::ENOENT))?;
        let new = self.resolve(&new_parent.dir_layers, &new_dir_path, newname)?;
        let old_path = old_dir_path.join(oldname);
        let new_path = new_dir_path.join(newname);
        if old_path == new_path {
            return Ok(());
        }
        let old_is_dir = old.st.st_mode & libc::S_IFMT == libc::S_IFDIR;
        match (&new, noreplace, exchange) {
            (Some(_), true, _) => return Err(errno(libc::EEXIST)),
            (None, _, true) => return Err(errno(libc::ENOENT)),
            (Some(n), _, false) => {
                let new_is_dir = n.st.st_mode & libc::S_IFMT == libc::S_IFDIR;
                if old_is_dir && !new_is_dir {
                    return Err(errno(libc::ENOTDIR));
                }
                if !old_is_dir && new_is_dir {
                    return Err(errno(libc::EISDIR));
                }
                if new_is_dir && !self.list_merged(&n.dir_layers, &new_path)?.is_empty() {
                    return Err(errno(libc::ENOTEMPTY));
                }
            }
            _ => {}
        }
        if let (Some(n), false) = (&new, exchange) {
            let known = tree.child(newdir, newname);
            self.pin_before_gone(known, n, &new_path);
        }
        let old_ino = self.node_for(&mut tree, olddir, oldname, &old);
        let new_ino = new
            .as_ref()
            .map(|n| self.node_for(&mut tree, newdir, newname, n));
        self.copy_up(&mut tree, newdir)?;
        self.move_ready(&mut tree, old_ino)?;
        if exchange {
            if let Some(ino) = new_ino {
                self.move_ready(&mut tree, ino)?;
            }
        }
        let upper = self.layers.upper.as_fd();
        let target_whiteout = beneath::stat(upper, &new_path).is_ok_and(|st| is_whiteout(&st));
        if let (Some(n), false) = (&new, exchange) {
            if n.layer == Layer::Upper && n.st.st_mode & libc::S_IFMT == libc::S_IFDIR {
                clear_whiteouts(upper, &new_path)?;
            }
        }
        // The checks above ran under the lock: a whiteout in the way is replaced, never refused.
        let kernel_flags = if exchange {
            RenameFlags::RENAME_EXCHANGE
        } else {
            RenameFlags::empty()
        };
        beneath::rename(upper, &old_path, upper, &new_path, kernel_flags)?;
        let new_lower = new
            .as_ref()
            .map(|n| n.lower_present)
            .unwrap_or(target_whiteout);
        if !exchange && old.lower_present {
            make_whiteout(upper, &old_path)?;
        }
        // The tree follows.
        if let Some(ino) = new_ino {
            if exchange {
                tree.rename_node(ino, olddir, oldname);
                if let Some(n) = tree.get_mut(ino) {
                    n.lower_present = old.lower_present;
                }
            } else {
                tree.mark_removed(ino);
            }
        }
        if let (Some(n), false) = (&new, exchange) {
            if n.layer == Layer::Upper
                && (n.st.st_nlink <= 1 || n.st.st_mode & libc::S_IFMT == libc::S_IFDIR)
            {
                tree.unkey(key(&n.st));
            }
        }
        tree.rename_node(old_ino, newdir, newname);
        if let Some(n) = tree.get_mut(old_ino) {
            n.lower_present = new_lower;
        }
        let mut moved = false;
        for p in tree.copied_links.values_mut() {
            if let Ok(rest) = p.strip_prefix(&old_path) {
                *p = new_path.join(rest);
                moved = true;
            }
        }
        if moved {
            self.save_links(&tree)?;
        }
        Ok(())
    }

    /// Opens the regular file `found` at `path` for its node `ino` (when the kernel knows one)
    /// before the name goes: a process may hold it open, unknown to this server (files.rs).
    fn pin_before_gone(&self, ino: Option<u64>, found: &Found, path: &Path) {
        if let Some(ino) = ino {
            if found.st.st_mode & libc::S_IFMT == libc::S_IFREG {
                self.pin_file(ino, found.layer, path);
            }
        }
    }

    /// The node of a name found in `parent`, recorded if the table has none.
    fn node_for(&self, tree: &mut Tree, parent: u64, name: &OsStr, found: &Found) -> u64 {
        if let Some(ino) = tree.child(parent, name) {
            return ino;
        }
        let copy = Found {
            layer: found.layer,
            st: found.st,
            dir_layers: found.dir_layers.clone(),
            lower_present: found.lower_present,
        };
        let entry = record_locked(tree, parent, name, copy, &self.ids);
        // Not a kernel lookup: the node stays until the kernel forgets it.
        if let Some(n) = tree.get_mut(entry.inode) {
            n.lookups = n.lookups.saturating_sub(1);
        }
        entry.inode
    }

    /// Makes `ino` wholly the upper layer's, a folder opaque, ready to move.
    fn move_ready(&self, tree: &mut Tree, ino: u64) -> io::Result<()> {
        let node = tree.get(ino).ok_or_else(|| errno(libc::ENOENT))?.clone();
        if !node.is_dir() {
            return self.copy_up(tree, ino);
        }
        if node.dir_layers != [Layer::Upper] {
            self.copy_up_all(tree, ino)?;
        }
        let path = tree.path(ino).ok_or_else(|| errno(libc::ENOENT))?;
        beneath::set_xattr(self.layers.upper.as_fd(), &path, OPAQUE, b"y", 0)
    }
}

/// A whiteout at `path` in the upper layer.
fn make_whiteout(upper: std::os::fd::BorrowedFd<'_>, path: &Path) -> io::Result<()> {
    beneath::mknod(upper, path, SFlag::S_IFCHR, Mode::empty(), 0)
}

/// Removes the whiteouts in the upper folder `path` (all it holds when the merged folder is
/// empty) so the folder itself can be removed or replaced.
fn clear_whiteouts(upper: std::os::fd::BorrowedFd<'_>, path: &Path) -> io::Result<()> {
    let mut dir = beneath::open_dir(upper, path)?;
    let names: Vec<Vec<u8>> = dir
        .iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_bytes().to_vec())
        .filter(|n| n.as_slice() != b"." && n.as_slice() != b"..")
        .collect();
    for name in names {
        let child = path.join(<OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&name));
        let st = beneath::stat(upper, &child)?;
        if !is_whiteout(&st) {
            return Err(errno(libc::ENOTEMPTY));
        }
        beneath::unlink(upper, &child, false)?;
    }
    Ok(())
}
