//! Walking an upper folder into tar entries: names sorted bytewise, each folder before what it
//! holds, every name opened beneath its folder's descriptor without following a symlink.
//!
//! The upper folder is in the store's form: a 0/0 character device is a whiteout and becomes
//! `.wh.<name>`; a folder with `user.overlay.opaque=y` is followed by `<dir>/.wh..wh..opq`.
//! Owners are what `stat` says in the store's user namespace (the container's own ids), or in
//! a single-uid store what `user.containers.override_stat` records. Two names of one inode
//! become a file and a hardlink to it. Sockets have no tar form and are left out.
use super::tar::{Entry, TarWriter};
use super::{DiffError, Options};
use crate::image::unpack::{xattr_allowed, OPAQUE_XATTR, OVERRIDE_STAT_XATTR};
use crate::ipc::role::Mtimes;
use nix::errno::Errno;
use nix::fcntl::{openat, readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstat, fstatat, FileStat, Mode, SFlag};
use std::collections::HashMap;
use std::ffi::{CString, OsStr, OsString};
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

const WHITEOUT_PREFIX: &[u8] = b".wh.";
const OPAQUE_MARKER: &[u8] = b".wh..wh..opq";

/// Writes the entries of the folder `root` (not the folder itself) to `out`.
pub(super) fn write_tree<W: Write>(
    root: BorrowedFd<'_>,
    out: &mut TarWriter<W>,
    opts: &Options,
) -> Result<(), DiffError> {
    let mut walker = Walker {
        out,
        opts,
        links: HashMap::new(),
    };
    walker.dir(root, b"")
}

struct Walker<'a, W> {
    out: &'a mut TarWriter<W>,
    opts: &'a Options,
    /// The tar name of the first name seen of each multiply linked inode.
    links: HashMap<(u64, u64), Vec<u8>>,
}

/// What a name in the upper folder is.
enum Kind {
    Dir,
    Whiteout,
    Regular,
    Symlink,
    Fifo,
    Device(tar::EntryType),
    Socket,
}

fn kind(st: &FileStat) -> Kind {
    let fmt = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
    match fmt {
        SFlag::S_IFDIR => Kind::Dir,
        SFlag::S_IFCHR if st.st_rdev == 0 => Kind::Whiteout,
        SFlag::S_IFCHR => Kind::Device(tar::EntryType::Char),
        SFlag::S_IFBLK => Kind::Device(tar::EntryType::Block),
        SFlag::S_IFLNK => Kind::Symlink,
        SFlag::S_IFIFO => Kind::Fifo,
        SFlag::S_IFSOCK => Kind::Socket,
        _ => Kind::Regular,
    }
}

impl<W: Write> Walker<'_, W> {
    /// The entries of the folder `dir`, whose tar name is `prefix` (empty, or ending in `/`).
    fn dir(&mut self, dir: BorrowedFd<'_>, prefix: &[u8]) -> Result<(), DiffError> {
        let at = |e: Errno| DiffError::at(prefix, e);
        let names = list(dir).map_err(at)?;
        for name in names {
            let mut path = prefix.to_vec();
            path.extend_from_slice(name.as_bytes());
            let st = match fstatat(
                Some(dir.as_raw_fd()),
                name.as_os_str(),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            ) {
                Ok(st) => st,
                // Removed meanwhile (a running container): it is not part of the layer.
                Err(Errno::ENOENT) => continue,
                Err(e) => return Err(DiffError::at(&path, e)),
            };
            if self.opts.excluded.contains(&path) {
                continue;
            }
            if super::prune::made_for_mounts(dir, &name, &path, &st, self.opts)
                .map_err(|e| DiffError::at(&path, e))?
            {
                continue;
            }
            match kind(&st) {
                Kind::Dir => self.subdir(dir, &name, path)?,
                Kind::Whiteout => {
                    let mut wh = prefix.to_vec();
                    wh.extend_from_slice(WHITEOUT_PREFIX);
                    wh.extend_from_slice(name.as_bytes());
                    let mut e = Entry::new(wh, tar::EntryType::Regular);
                    e.mode = 0o600;
                    e.mtime = self.mtime(&st);
                    self.out
                        .entry(&e, None)
                        .map_err(|e| DiffError::write(&path, e))?;
                }
                Kind::Regular => self.file(dir, &name, path)?,
                Kind::Symlink => {
                    let target = match readlinkat(Some(dir.as_raw_fd()), name.as_os_str()) {
                        Ok(t) => t,
                        Err(Errno::ENOENT | Errno::EINVAL) => continue,
                        Err(e) => return Err(DiffError::at(&path, e)),
                    };
                    let mut e = self.entry(path, &st, tar::EntryType::Symlink);
                    e.link = Some(target.into_vec());
                    self.emit(e, &st, None)?;
                }
                Kind::Fifo => {
                    let e = self.entry(path, &st, tar::EntryType::Fifo);
                    self.emit(e, &st, None)?;
                }
                Kind::Device(kind) => {
                    let mut e = self.entry(path, &st, kind);
                    let (major, minor) = (
                        nix::sys::stat::major(st.st_rdev),
                        nix::sys::stat::minor(st.st_rdev),
                    );
                    e.device = Some((major as u32, minor as u32));
                    self.emit(e, &st, None)?;
                }
                Kind::Socket => {}
            }
        }
        Ok(())
    }

    /// A folder: its entry, the opaque marker when it has one, then what it holds.
    fn subdir(
        &mut self,
        parent: BorrowedFd<'_>,
        name: &OsStr,
        path: Vec<u8>,
    ) -> Result<(), DiffError> {
        let fd = match open_at(
            parent,
            name,
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
        ) {
            Ok(fd) => fd,
            // Removed or replaced meanwhile (a running container).
            Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => return Ok(()),
            Err(e) => return Err(DiffError::at(&path, e)),
        };
        let st = fstat(fd.as_raw_fd()).map_err(|e| DiffError::at(&path, e))?;
        let opaque = get_xattr(fd.as_fd(), OPAQUE_XATTR).is_some_and(|v| v == b"y");
        let mut dir_path = path;
        dir_path.push(b'/');
        let mut e = self.entry(dir_path.clone(), &st, tar::EntryType::Directory);
        self.owner_and_xattrs(&mut e, fd.as_fd(), &dir_path)?;
        self.out
            .entry(&e, None)
            .map_err(|err| DiffError::write(&dir_path, err))?;
        if opaque {
            let mut marker = dir_path.clone();
            marker.extend_from_slice(OPAQUE_MARKER);
            let mut m = Entry::new(marker, tar::EntryType::Regular);
            m.mode = 0o600;
            m.mtime = e.mtime;
            self.out
                .entry(&m, None)
                .map_err(|err| DiffError::write(&dir_path, err))?;
        }
        self.dir(fd.as_fd(), &dir_path)
    }

    /// A regular file, read through a descriptor opened without following or blocking.
    fn file(
        &mut self,
        parent: BorrowedFd<'_>,
        name: &OsStr,
        path: Vec<u8>,
    ) -> Result<(), DiffError> {
        let flags = OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK;
        let fd = match open_at(parent, name, flags) {
            Ok(fd) => fd,
            Err(Errno::ENOENT | Errno::ELOOP) => return Ok(()),
            Err(e) => return Err(DiffError::at(&path, e)),
        };
        let st = fstat(fd.as_raw_fd()).map_err(|e| DiffError::at(&path, e))?;
        if !matches!(kind(&st), Kind::Regular) {
            // Replaced by something else since it was listed (a running container).
            return Ok(());
        }
        let mut e = self.entry(path.clone(), &st, tar::EntryType::Regular);
        self.owner_and_xattrs(&mut e, fd.as_fd(), &path)?;
        let mut file = std::fs::File::from(fd);
        self.emit(e, &st, Some(&mut file))
    }

    /// Writes `e`, or a hardlink to the first name of its inode when that came earlier.
    fn emit(
        &mut self,
        mut e: Entry,
        st: &FileStat,
        data: Option<&mut std::fs::File>,
    ) -> Result<(), DiffError> {
        let key = (st.st_dev, st.st_ino);
        if st.st_nlink > 1 {
            if let Some(first) = self.links.get(&key) {
                let mut link = Entry::new(e.path.clone(), tar::EntryType::Link);
                link.link = Some(first.clone());
                link.mode = e.mode;
                link.uid = e.uid;
                link.gid = e.gid;
                link.mtime = e.mtime;
                return self
                    .out
                    .entry(&link, None)
                    .map_err(|err| DiffError::write(&e.path, err));
            }
            self.links.insert(key, e.path.clone());
        }
        if e.kind == tar::EntryType::Regular {
            e.size = st.st_size as u64;
        }
        let path = e.path.clone();
        self.out
            .entry(&e, data.map(|f| f as &mut dyn std::io::Read))
            .map_err(|err| DiffError::write(&path, err))
    }

    /// An entry with the file's mode, owner (as stat gives it) and time.
    fn entry(&self, path: Vec<u8>, st: &FileStat, kind: tar::EntryType) -> Entry {
        let mut e = Entry::new(path, kind);
        e.mode = st.st_mode & 0o7777;
        e.uid = u64::from(st.st_uid);
        e.gid = u64::from(st.st_gid);
        e.mtime = self.mtime(st);
        e
    }

    fn mtime(&self, st: &FileStat) -> u64 {
        let own = st.st_mtime;
        let t = match self.opts.mtimes {
            Mtimes::Keep => own,
            Mtimes::Clamp(limit) => own.min(limit),
            Mtimes::Set(t) => t,
        };
        t.max(0) as u64
    }

    /// The recorded owner (single-uid) and the xattrs a layer carries, of an open file or folder.
    fn owner_and_xattrs(
        &self,
        e: &mut Entry,
        fd: BorrowedFd<'_>,
        path: &[u8],
    ) -> Result<(), DiffError> {
        let names = list_xattrs(fd).map_err(|err| DiffError::at(path, err))?;
        for name in names {
            if name == OVERRIDE_STAT_XATTR && self.opts.single_uid {
                if let Some((uid, gid)) = get_xattr(fd, &name).as_deref().and_then(parse_override) {
                    e.uid = uid;
                    e.gid = gid;
                }
                continue;
            }
            if !xattr_allowed(&name) {
                continue;
            }
            if let Some(value) = get_xattr(fd, &name) {
                e.xattrs.push((name, value));
            }
        }
        e.xattrs.sort();
        Ok(())
    }
}

/// `uid:gid[:mode…]` of `user.containers.override_stat`.
pub(super) fn parse_override(value: &[u8]) -> Option<(u64, u64)> {
    let text = std::str::from_utf8(value).ok()?;
    let mut parts = text.split(':');
    let uid = parts.next()?.trim().parse().ok()?;
    let gid = parts.next()?.trim().parse().ok()?;
    Some((uid, gid))
}

pub(super) fn open_at(dir: BorrowedFd<'_>, name: &OsStr, flags: OFlag) -> nix::Result<OwnedFd> {
    let fd = openat(
        Some(dir.as_raw_fd()),
        name,
        flags | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    Ok(crate::sys::fd::own(fd))
}

/// The names in a folder, sorted bytewise, without `.` and `..`.
pub(super) fn list(dir: BorrowedFd<'_>) -> nix::Result<Vec<OsString>> {
    let fd = open_at(dir, OsStr::new("."), OFlag::O_RDONLY | OFlag::O_DIRECTORY)?;
    let mut d = nix::dir::Dir::from(fd)?;
    let mut names = Vec::new();
    for entry in d.iter() {
        let entry = entry?;
        let name = entry.file_name().to_bytes();
        if name != b"." && name != b".." {
            names.push(OsString::from_vec(name.to_vec()));
        }
    }
    names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    Ok(names)
}

/// The names of the extended attributes of an open file.
fn list_xattrs(fd: BorrowedFd<'_>) -> nix::Result<Vec<String>> {
    let mut buf = vec![0u8; 1024];
    loop {
        match crate::sys::xattr::flist(fd, &mut buf) {
            Ok(n) => {
                buf.truncate(n);
                break;
            }
            Err(Errno::ERANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            Err(Errno::ENOTSUP) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        }
    }
    Ok(buf
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect())
}

/// The value of one extended attribute of an open file; `None` when it has none (or it went).
pub(super) fn get_xattr(fd: BorrowedFd<'_>, name: &str) -> Option<Vec<u8>> {
    let cname = CString::new(name).ok()?;
    let mut buf = vec![0u8; 256];
    loop {
        match crate::sys::xattr::fget(fd, &cname, &mut buf) {
            Ok(n) => {
                buf.truncate(n);
                return Some(buf);
            }
            Err(Errno::ERANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            Err(_) => return None,
        }
    }
}
