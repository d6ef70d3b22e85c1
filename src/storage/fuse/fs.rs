//! The overlay as a fuse-backend-rs `FileSystem`: each request mapped to the lookup, copy-up,
//! name and listing code beside this file, plus open files, data, attributes and xattrs.
//!
//! Kernel caching is on wherever every change passes through this server (it always does:
//! the layers are immutable and the upper folder is the container's alone): long entry and
//! attribute timeouts, the writeback cache, keep_cache, cached folder listings, readdirplus,
//! cached symlinks. File locks are left to the kernel (the lock calls are not implemented).
use super::beneath;
use super::layers::{errno, fix_attrs, Overlay, PRIVATE_PREFIX, TIMEOUT};
use super::sys;
use super::tree::Layer;
use fuse_backend_rs::abi::fuse_abi::{CreateIn, WRITE_KILL_PRIV};
use fuse_backend_rs::api::filesystem::{
    Context, DirEntry, Entry, FileSystem, FsOptions, GetxattrReply, ListxattrReply, OpenOptions,
    SetattrValid, ZeroCopyReader, ZeroCopyWriter,
};
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;
use nix::sys::time::TimeSpec;
use std::ffi::{CStr, OsStr};
use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::ffi::OsStrExt;
use std::time::Duration;

fn name_of(name: &CStr) -> io::Result<&OsStr> {
    let bytes = name.to_bytes();
    if bytes.is_empty() || bytes == b"." || bytes == b".." || bytes.contains(&b'/') {
        return Err(errno(libc::EINVAL));
    }
    Ok(OsStr::from_bytes(bytes))
}

/// Clears the setuid bit and the setgid bit of a group-executable file, as a write or truncate
/// by a process without CAP_FSETID does (the kernel asks with HANDLE_KILLPRIV_V2).
fn kill_suid_sgid(f: &std::fs::File) -> io::Result<()> {
    let mode = sys::fstat(f.as_fd())?.st_mode;
    let mut kill = libc::S_ISUID;
    if mode & libc::S_IXGRP != 0 {
        kill |= libc::S_ISGID;
    }
    if mode & kill != 0 {
        let mode = Mode::from_bits_truncate(mode & 0o7777 & !kill);
        nix::sys::stat::fchmod(f.as_raw_fd(), mode)?;
    }
    Ok(())
}

impl Overlay {
    /// Copies `ino` up unless it lives in the upper layer already.
    pub(super) fn ensure_upper(&self, ino: u64) -> io::Result<()> {
        let (_, node) = self.node(ino)?;
        if node.layer == Layer::Upper && (!node.is_dir() || node.dir_layers[0] == Layer::Upper) {
            return Ok(());
        }
        let mut tree = self.write_tree()?;
        self.copy_up(&mut tree, ino)
    }

    /// The upper file of `ino` for a write with the kernel's `write_flags`: copied up first,
    /// with setuid and setgid cleared where the kernel asks (WRITE_KILL_PRIV).
    pub(super) fn writable_file(
        &self,
        ino: u64,
        write_flags: u32,
    ) -> io::Result<std::sync::Arc<std::fs::File>> {
        let f = self.node_file(ino, true)?;
        if write_flags & WRITE_KILL_PRIV != 0 {
            kill_suid_sgid(&f)?;
        }
        Ok(f)
    }

    /// Applies a setattr to the upper copy of `ino`: through its kept file when it has one
    /// (files.rs), else by its path.
    fn apply_setattr(&self, ino: u64, attr: &libc::stat64, valid: SetattrValid) -> io::Result<()> {
        self.ensure_upper(ino)?;
        let (path, node) = self.node(ino)?;
        let kept = self.kept(ino).map(|(_, f)| f);
        let kept_fd = kept.as_ref().map(|f| f.as_raw_fd());
        let upper = self.layers.upper.as_fd();
        if valid.intersects(SetattrValid::UID | SetattrValid::GID) {
            let uid = valid
                .contains(SetattrValid::UID)
                .then(|| nix::unistd::Uid::from_raw(self.ids.uid.inside(attr.st_uid)));
            let gid = valid
                .contains(SetattrValid::GID)
                .then(|| nix::unistd::Gid::from_raw(self.ids.gid.inside(attr.st_gid)));
            match kept_fd {
                Some(fd) => nix::unistd::fchown(fd, uid, gid)?,
                None => beneath::chown(upper, &path, uid, gid)?,
            }
        }
        if valid.contains(SetattrValid::MODE) && node.kind != libc::S_IFLNK {
            let mode = Mode::from_bits_truncate(attr.st_mode & 0o7777);
            match kept_fd {
                Some(fd) => nix::sys::stat::fchmod(fd, mode)?,
                None => beneath::chmod(upper, &path, mode)?,
            }
        }
        if valid.contains(SetattrValid::SIZE) {
            let f = self.node_file(ino, true)?;
            f.set_len(attr.st_size as u64)?;
            if valid.contains(SetattrValid::KILL_SUIDGID) {
                kill_suid_sgid(&f)?;
            }
        }
        if valid.intersects(SetattrValid::ATIME | SetattrValid::MTIME) {
            let time = |set: SetattrValid, now: SetattrValid, s: i64, ns: i64| {
                if !valid.contains(set) {
                    TimeSpec::UTIME_OMIT
                } else if valid.contains(now) {
                    TimeSpec::UTIME_NOW
                } else {
                    TimeSpec::new(s, ns)
                }
            };
            let atime = time(
                SetattrValid::ATIME,
                SetattrValid::ATIME_NOW,
                attr.st_atime,
                attr.st_atime_nsec,
            );
            let mtime = time(
                SetattrValid::MTIME,
                SetattrValid::MTIME_NOW,
                attr.st_mtime,
                attr.st_mtime_nsec,
            );
            match kept_fd {
                Some(fd) => nix::sys::stat::futimens(fd, &atime, &mtime)?,
                None => beneath::set_times(upper, &path, &atime, &mtime)?,
            }
        }
        Ok(())
    }

    /// The attributes of `ino`: from its kept file (files.rs) when it has one, which is all a
    /// node whose name is gone has, else by its path.
    fn current_attrs(&self, ino: u64) -> io::Result<libc::stat64> {
        if let Some((node, f)) = self.kept(ino) {
            let mut st = sys::fstat(f.as_fd())?;
            fix_attrs(&mut st, ino, &node, &self.ids);
            return Ok(st);
        }
        let (path, node) = self.node(ino)?;
        self.attrs(ino, &node, &path)
    }
}

impl FileSystem for Overlay {
    type Inode = u64;
    type Handle = u64;

    fn init(&self, capable: FsOptions) -> io::Result<FsOptions> {
        let wanted = FsOptions::ASYNC_READ
            | FsOptions::BIG_WRITES
            | FsOptions::WRITEBACK_CACHE
            | FsOptions::DO_READDIRPLUS
            | FsOptions::READDIRPLUS_AUTO
            | FsOptions::PARALLEL_DIROPS
            | FsOptions::MAX_PAGES
            | FsOptions::CACHE_SYMLINKS
            // The server clears setuid/setgid where the kernel says (kill_suid_sgid); the real
            // writes, truncates and chowns clear security.capability themselves. The kernel
            // then skips its getxattr of security.capability before each write (SB_NOSEC).
            | FsOptions::HANDLE_KILLPRIV_V2;
        Ok(capable & wanted)
    }

    fn lookup(&self, _ctx: &Context, parent: u64, name: &CStr) -> io::Result<Entry> {
        let name = OsStr::from_bytes(name.to_bytes());
        match self.lookup_entry(parent, name) {
            // A negative entry the kernel may keep: names appear only through this server.
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(Entry {
                inode: 0,
                generation: 0,
                attr: sys::zero_stat(),
                attr_flags: 0,
                attr_timeout: TIMEOUT,
                entry_timeout: TIMEOUT,
            }),
            other => other,
        }
    }

    fn forget(&self, ctx: &Context, inode: u64, count: u64) {
        self.batch_forget(ctx, vec![(inode, count)]);
    }

    fn batch_forget(&self, _ctx: &Context, requests: Vec<(u64, u64)>) {
        if let Ok(mut tree) = self.tree.write() {
            for (inode, count) in requests {
                tree.forget(inode, count);
                if tree.get(inode).is_none() {
                    self.open.remove(inode);
                }
            }
        }
    }

    fn getattr(
        &self,
        _ctx: &Context,
        inode: u64,
        _handle: Option<u64>,
    ) -> io::Result<(libc::stat64, Duration)> {
        Ok((self.current_attrs(inode)?, TIMEOUT))
    }

    fn setattr(
        &self,
        _ctx: &Context,
        inode: u64,
        attr: libc::stat64,
        _handle: Option<u64>,
        valid: SetattrValid,
    ) -> io::Result<(libc::stat64, Duration)> {
        if self.node_any(inode)?.removed {
            // An open file whose name is gone (the kernel writes its times back when it lets
            // the inode go): only the open file may change.
            if valid.contains(SetattrValid::SIZE) {
                self.node_file(inode, true)?.set_len(attr.st_size as u64)?;
            }
            return Ok((self.current_attrs(inode)?, TIMEOUT));
        }
        self.apply_setattr(inode, &attr, valid)?;
        Ok((self.current_attrs(inode)?, TIMEOUT))
    }

    fn readlink(&self, _ctx: &Context, inode: u64) -> io::Result<Vec<u8>> {
        let (path, node) = self.node(inode)?;
        let target = beneath::readlink(self.layers.fd(node.layer), &path)?;
        Ok(target.as_bytes().to_vec())
    }

    fn symlink(
        &self,
        ctx: &Context,
        linkname: &CStr,
        parent: u64,
        name: &CStr,
    ) -> io::Result<Entry> {
        let target = OsStr::from_bytes(linkname.to_bytes());
        self.make_symlink(ctx, target, parent, name_of(name)?)
    }

    fn mknod(
        &self,
        ctx: &Context,
        parent: u64,
        name: &CStr,
        mode: u32,
        rdev: u32,
        _umask: u32,
    ) -> io::Result<Entry> {
        self.make_node(ctx, parent, name_of(name)?, mode, rdev)
    }

    fn mkdir(
        &self,
        ctx: &Context,
        parent: u64,
        name: &CStr,
        mode: u32,
        _umask: u32,
    ) -> io::Result<Entry> {
        self.make_dir(ctx, parent, name_of(name)?, mode)
    }

    fn unlink(&self, _ctx: &Context, parent: u64, name: &CStr) -> io::Result<()> {
        self.remove(parent, name_of(name)?, false)
    }

    fn rmdir(&self, _ctx: &Context, parent: u64, name: &CStr) -> io::Result<()> {
        self.remove(parent, name_of(name)?, true)
    }

    fn rename(
        &self,
        _ctx: &Context,
        olddir: u64,
        oldname: &CStr,
        newdir: u64,
        newname: &CStr,
        flags: u32,
    ) -> io::Result<()> {
        self.rename_entry(olddir, name_of(oldname)?, newdir, name_of(newname)?, flags)
    }

    fn link(&self, ctx: &Context, inode: u64, newparent: u64, newname: &CStr) -> io::Result<Entry> {
        self.make_link(ctx, inode, newparent, name_of(newname)?)
    }

    /// ENOSYS: the kernel then opens and releases regular files by itself (no_open) and
    /// names only the node in reads and writes (files.rs).
    fn open(
        &self,
        _ctx: &Context,
        _inode: u64,
        _flags: u32,
        _fuse_flags: u32,
    ) -> io::Result<(Option<u64>, OpenOptions, Option<u32>)> {
        Err(errno(libc::ENOSYS))
    }

    fn create(
        &self,
        ctx: &Context,
        parent: u64,
        name: &CStr,
        args: CreateIn,
    ) -> io::Result<(Entry, Option<u64>, OpenOptions, Option<u32>)> {
        let name = name_of(name)?;
        let mut tree = self.write_tree()?;
        let new = self.prepare_name(&mut tree, ctx, parent, name)?;
        let upper = self.layers.upper.as_fd();
        // Read-write whatever the caller asked: the file serves every later open (no_open).
        let file = beneath::open(
            upper,
            &new.path,
            OFlag::O_RDWR | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate(args.mode & 0o7777),
        )?;
        let entry = self.finish_new(&mut tree, parent, name, &new, Some(args.mode))?;
        self.keep_file(entry.inode, file);
        drop(tree);
        Ok((entry, None, OpenOptions::KEEP_CACHE, None))
    }

    fn read(
        &self,
        _ctx: &Context,
        inode: u64,
        _handle: u64,
        w: &mut dyn ZeroCopyWriter,
        size: u32,
        offset: u64,
        _lock_owner: Option<u64>,
        _flags: u32,
    ) -> io::Result<usize> {
        let f = self.node_file(inode, false)?;
        sys::with_borrowed_file(f.as_fd(), |file| w.write_from(file, size as usize, offset))
    }

    fn write(
        &self,
        _ctx: &Context,
        inode: u64,
        _handle: u64,
        r: &mut dyn ZeroCopyReader,
        size: u32,
        offset: u64,
        _lock_owner: Option<u64>,
        _delayed_write: bool,
        _flags: u32,
        fuse_flags: u32,
    ) -> io::Result<usize> {
        let f = self.writable_file(inode, fuse_flags)?;
        sys::with_borrowed_file(f.as_fd(), |file| r.read_to(file, size as usize, offset))
    }

    fn fsync(&self, _ctx: &Context, inode: u64, datasync: bool, _handle: u64) -> io::Result<()> {
        let f = self.node_file(inode, false)?;
        if datasync {
            f.sync_data()
        } else {
            f.sync_all()
        }
    }

    fn fallocate(
        &self,
        _ctx: &Context,
        inode: u64,
        _handle: u64,
        mode: u32,
        offset: u64,
        length: u64,
    ) -> io::Result<()> {
        let f = self.node_file(inode, true)?;
        nix::fcntl::fallocate(
            f.as_raw_fd(),
            nix::fcntl::FallocateFlags::from_bits_truncate(mode as i32),
            offset as i64,
            length as i64,
        )
        .map_err(io::Error::from)
    }

    fn release(
        &self,
        _ctx: &Context,
        _inode: u64,
        _flags: u32,
        _handle: u64,
        _flush: bool,
        _flock_release: bool,
        _lock_owner: Option<u64>,
    ) -> io::Result<()> {
        // The file of a create stays open with its node (files.rs).
        Ok(())
    }

    fn statfs(&self, _ctx: &Context, _inode: u64) -> io::Result<libc::statvfs64> {
        sys::statvfs(self.layers.upper.as_fd())
    }

    fn setxattr(
        &self,
        _ctx: &Context,
        inode: u64,
        name: &CStr,
        value: &[u8],
        flags: u32,
    ) -> io::Result<()> {
        if name.to_bytes().starts_with(PRIVATE_PREFIX) {
            return Err(errno(libc::EPERM));
        }
        self.ensure_upper(inode)?;
        let (path, _) = self.node(inode)?;
        beneath::set_xattr(
            self.layers.upper.as_fd(),
            &path,
            name.to_bytes(),
            value,
            flags as i32,
        )
    }

    fn getxattr(
        &self,
        _ctx: &Context,
        inode: u64,
        name: &CStr,
        size: u32,
    ) -> io::Result<GetxattrReply> {
        if name.to_bytes().starts_with(PRIVATE_PREFIX) {
            return Err(errno(libc::ENODATA));
        }
        let value = match self.kept(inode) {
            Some((_, f)) => sys::fget_xattr(f.as_fd(), name.to_bytes())?,
            None => {
                let (path, node) = self.node(inode)?;
                beneath::get_xattr(self.layers.fd(node.layer), &path, name.to_bytes())?
            }
        };
        if size == 0 {
            Ok(GetxattrReply::Count(value.len() as u32))
        } else if value.len() > size as usize {
            Err(errno(libc::ERANGE))
        } else {
            Ok(GetxattrReply::Value(value))
        }
    }

    fn listxattr(&self, _ctx: &Context, inode: u64, size: u32) -> io::Result<ListxattrReply> {
        let (path, node) = self.node(inode)?;
        let all = beneath::list_xattrs(self.layers.fd(node.layer), &path)?;
        let mut names = Vec::with_capacity(all.len());
        for name in all.split(|b| *b == 0).filter(|n| !n.is_empty()) {
            if !name.starts_with(PRIVATE_PREFIX) {
                names.extend_from_slice(name);
                names.push(0);
            }
        }
        if size == 0 {
            Ok(ListxattrReply::Count(names.len() as u32))
        } else if names.len() > size as usize {
            Err(errno(libc::ERANGE))
        } else {
            Ok(ListxattrReply::Names(names))
        }
    }

    fn removexattr(&self, _ctx: &Context, inode: u64, name: &CStr) -> io::Result<()> {
        if name.to_bytes().starts_with(PRIVATE_PREFIX) {
            return Err(errno(libc::EPERM));
        }
        self.ensure_upper(inode)?;
        let (path, _) = self.node(inode)?;
        beneath::remove_xattr(self.layers.upper.as_fd(), &path, name.to_bytes())
    }

    fn opendir(
        &self,
        _ctx: &Context,
        inode: u64,
        _flags: u32,
    ) -> io::Result<(Option<u64>, OpenOptions)> {
        let handle = self.open_dir(inode)?;
        Ok((
            Some(handle),
            OpenOptions::CACHE_DIR | OpenOptions::KEEP_CACHE,
        ))
    }

    fn readdir(
        &self,
        _ctx: &Context,
        inode: u64,
        handle: u64,
        _size: u32,
        offset: u64,
        add_entry: &mut dyn FnMut(DirEntry) -> io::Result<usize>,
    ) -> io::Result<()> {
        self.read_dir(inode, handle, offset, add_entry)
    }

    fn readdirplus(
        &self,
        _ctx: &Context,
        inode: u64,
        handle: u64,
        _size: u32,
        offset: u64,
        add_entry: &mut dyn FnMut(DirEntry, Entry) -> io::Result<usize>,
    ) -> io::Result<()> {
        self.read_dir_plus(inode, handle, offset, add_entry)
    }

    fn fsyncdir(&self, _ctx: &Context, _inode: u64, _datasync: bool, _h: u64) -> io::Result<()> {
        Ok(())
    }

    fn releasedir(&self, _ctx: &Context, _inode: u64, _flags: u32, handle: u64) -> io::Result<()> {
        self.close_dir(handle);
        Ok(())
    }

    fn lseek(
        &self,
        _ctx: &Context,
        inode: u64,
        _handle: u64,
        offset: u64,
        whence: u32,
    ) -> io::Result<u64> {
        let f = self.node_file(inode, false)?;
        let whence = match whence as i32 {
            libc::SEEK_SET => nix::unistd::Whence::SeekSet,
            libc::SEEK_CUR => nix::unistd::Whence::SeekCur,
            libc::SEEK_END => nix::unistd::Whence::SeekEnd,
            libc::SEEK_DATA => nix::unistd::Whence::SeekData,
            libc::SEEK_HOLE => nix::unistd::Whence::SeekHole,
            _ => return Err(errno(libc::EINVAL)),
        };
        Ok(nix::unistd::lseek64(f.as_raw_fd(), offset as i64, whence)? as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_slashes_or_dots_are_refused() {
        assert!(name_of(c"ok").is_ok());
        for bad in [c"", c".", c"..", c"a/b"] {
            assert!(name_of(bad).is_err(), "{bad:?}");
        }
    }
}
