//! Applying tar entries to a layer folder, one at a time, fd-relative, nothing followed.
//!
//! Order per entry matters: create, write data, chown (which clears setuid bits and
//! `security.capability`), xattrs, chmod, times. Folders get their mode and times at the end,
//! deepest first, because creating their children changes their times.
//!
//! No call is made that cannot change anything: an entry is created first and its name
//! cleared only when something is there (`EEXIST`); a new file, folder or symlink already has
//! the owner the helper creates with (`chown` only for another owner, or a folder that was
//! there), and, the umask cleared, a file its mode (`chmod` only for setuid, setgid, sticky).
use super::sys;
use super::walk::{self, Walker};
use super::{Options, UnpackError};
use nix::errno::Errno;
use nix::fcntl::AtFlags;
use nix::sys::stat::{
    fchmod, fchmodat, futimens, mkdirat, mknodat, utimensat, FchmodatFlags, Mode, SFlag,
    UtimensatFlags,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchown, fchownat, linkat, symlinkat, Gid, Uid};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

const WHITEOUT_PREFIX: &[u8] = b".wh.";
const OPAQUE_MARKER: &[u8] = b".wh..wh..opq";
/// The xattr overlayfs (`userxattr`) and the FUSE overlay read for an opaque folder.
pub(crate) const OPAQUE_XATTR: &str = "user.overlay.opaque";
/// containers/storage's record of the owner and mode a single-uid store could not apply.
pub(crate) const OVERRIDE_STAT_XATTR: &str = "user.containers.override_stat";

/// Cleans an entry name into relative components: leading `/`, empty and `.` components are
/// dropped; a `..` component is refused.
pub(super) fn clean_name(raw: &[u8]) -> Result<PathBuf, UnpackError> {
    let mut out = PathBuf::new();
    for comp in raw.split(|b| *b == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                return Err(UnpackError::Escapes {
                    path: quote_name(raw),
                })
            }
            c => out.push(OsStr::from_bytes(c)),
        }
    }
    Ok(out)
}

fn lossy(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

/// The most bytes of an entry name quoted in a message; longer names end in an ellipsis.
pub(super) const MAX_SHOWN: usize = 256;

/// An entry name as messages quote it: lossy UTF-8, at most [`MAX_SHOWN`] bytes of the name.
/// Names come from the layer and may be as long as a metadata entry allows.
pub(super) fn quote_name(raw: &[u8]) -> String {
    if raw.len() <= MAX_SHOWN {
        return lossy(raw);
    }
    let mut s = String::from_utf8_lossy(&raw[..MAX_SHOWN]).into_owned();
    // A character cut in two shows as a replacement character: drop it.
    if s.ends_with('\u{fffd}') && std::str::from_utf8(&raw[..MAX_SHOWN]).is_err() {
        s.pop();
    }
    s.push('…');
    s
}

/// Whether an xattr from the layer may be applied. The overlay's and the store's own
/// attributes are refused: a layer must not forge whiteouts, redirects or owners that way.
pub(crate) fn xattr_allowed(name: &str) -> bool {
    name == "security.capability"
        || (name.starts_with("user.")
            && !name.starts_with("user.overlay.")
            && !name.starts_with("user.containers."))
}

/// Parses a PAX time (`1700000000.123`, possibly negative) into a timespec.
pub(super) fn parse_pax_time(v: &[u8]) -> Option<TimeSpec> {
    let s = std::str::from_utf8(v).ok()?;
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = int.parse().ok()?;
    let mut digits: String = frac.chars().take(9).collect();
    while digits.len() < 9 {
        digits.push('0');
    }
    let nanos: i64 = digits.parse().ok()?;
    Some(if neg {
        if nanos == 0 {
            TimeSpec::new(-secs, 0)
        } else {
            TimeSpec::new(-secs - 1, 1_000_000_000 - nanos)
        }
    } else {
        TimeSpec::new(secs, nanos)
    })
}

/// The metadata of one entry, PAX records applied.
struct Meta {
    mode: u32,
    uid: u64,
    gid: u64,
    atime: TimeSpec,
    mtime: TimeSpec,
    xattrs: Vec<(String, Vec<u8>)>,
}

impl Meta {
    fn read(entry: &walk::Entry) -> io::Result<Meta> {
        let h = &entry.header;
        let mtime = TimeSpec::new(h.mtime()?.min(i64::MAX as u64) as i64, 0);
        let mut meta = Meta {
            mode: h.mode()? & 0o7777,
            uid: h.uid()?,
            gid: h.gid()?,
            atime: mtime,
            mtime,
            xattrs: Vec::new(),
        };
        if let Some(pax) = entry.pax_records() {
            for ext in pax {
                let ext = ext?;
                let key = ext.key_bytes();
                if key == b"mtime" {
                    meta.mtime = parse_pax_time(ext.value_bytes()).unwrap_or(meta.mtime);
                } else if key == b"atime" {
                    meta.atime = parse_pax_time(ext.value_bytes()).unwrap_or(meta.atime);
                } else if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
                    let name = lossy(name);
                    if xattr_allowed(&name) {
                        meta.xattrs.push((name, ext.value_bytes().to_vec()));
                    } else {
                        log::debug!("skipping xattr {name} from the layer");
                    }
                }
            }
        }
        Ok(meta)
    }
}

/// Mode and times applied to a folder once everything inside it exists.
struct DirMeta {
    mode: u32,
    atime: TimeSpec,
    mtime: TimeSpec,
}

/// Unpacks entries into one layer root.
pub(super) struct Unpacker<'a> {
    root: BorrowedFd<'a>,
    opts: Options,
    /// The last parent folder opened, reused while entries stay in the same folder.
    cache: Option<(PathBuf, Rc<OwnedFd>)>,
    dirs: HashMap<PathBuf, DirMeta>,
    skipped: Vec<String>,
    buf: Vec<u8>,
    budget: Budget,
    /// The owner what this process creates gets (`None`: not known, e.g. the root is setgid
    /// and passes its group on; every owner is then applied).
    created_as: Option<(u64, u64)>,
}

/// Bytes written to files against bytes of data the layer's entries carry: no entry may
/// write more than it brought (sparse holes are made by seeking, never by writing zeros).
#[derive(Debug, Default)]
pub(super) struct Budget {
    carried: u64,
    written: u64,
}

impl Budget {
    /// An entry carrying `n` bytes of data was read.
    pub(super) fn carry(&mut self, n: u64) {
        self.carried = self.carried.saturating_add(n);
    }

    /// Takes `n` bytes from the budget; `false` (and nothing taken) when that would write more
    /// than the layer carried.
    pub(super) fn spend(&mut self, n: u64) -> bool {
        match self.written.checked_add(n) {
            Some(w) if w <= self.carried => {
                self.written = w;
                true
            }
            _ => false,
        }
    }
}

impl<'a> Unpacker<'a> {
    pub(super) fn new(root: BorrowedFd<'a>, opts: Options) -> Self {
        // Folders made here are 0700 or 0755 until the end, so only a setgid root could
        // hand a group other than ours to what is created beneath it.
        let created_as = match nix::sys::stat::fstat(root.as_raw_fd()) {
            Ok(st) if st.st_mode & libc::S_ISGID == 0 => Some((
                u64::from(nix::unistd::geteuid().as_raw()),
                u64::from(nix::unistd::getegid().as_raw()),
            )),
            _ => None,
        };
        Unpacker {
            root,
            opts,
            cache: None,
            dirs: HashMap::new(),
            skipped: Vec::new(),
            buf: vec![0; 1 << 20],
            budget: Budget::default(),
            created_as,
        }
    }

    /// Whether an entry this process just created already has the owner `meta` asks for.
    fn owned_as_created(&self, meta: &Meta) -> bool {
        !self.opts.single_uid && self.created_as == Some((meta.uid, meta.gid))
    }

    /// Whether a new entry needs [`Unpacker::owner_and_xattrs`] at all.
    fn needs_owner_or_xattrs(&self, meta: &Meta) -> bool {
        let owner = if self.opts.single_uid {
            meta.uid != 0 || meta.gid != 0
        } else {
            !self.owned_as_created(meta)
        };
        owner || !meta.xattrs.is_empty()
    }

    /// Applies every entry, then the folders' modes and times; returns the skipped devices.
    pub(super) fn run<R: Read>(
        mut self,
        walker: &mut Walker<R>,
    ) -> Result<Vec<String>, UnpackError> {
        while let Some(entry) = walker.next_entry()? {
            self.budget.carry(entry.size);
            self.entry(&entry, &mut walker.data())?;
        }
        self.finish_dirs()?;
        Ok(self.skipped)
    }

    fn entry(&mut self, entry: &walk::Entry, data: &mut dyn Read) -> Result<(), UnpackError> {
        use tar::EntryType as T;
        let raw = &entry.path;
        let name = clean_name(raw)?;
        let shown = quote_name(raw);
        let kind = entry.header.entry_type();
        if matches!(
            kind,
            T::XGlobalHeader | T::XHeader | T::GNULongName | T::GNULongLink
        ) {
            return Ok(());
        }
        let err = |source: io::Error| UnpackError::Entry {
            path: shown.clone(),
            source,
        };
        let meta = Meta::read(entry).map_err(err)?;

        let Some(base) = name.file_name().map(OsStr::to_os_string) else {
            // `./` or `/`: the layer root itself.
            if kind != T::Directory {
                return Err(err(io::Error::other("the layer root can only be a folder")));
            }
            self.owner_and_xattrs(self.root, &meta, &shown)?;
            self.dirs.insert(PathBuf::new(), DirMeta::from(&meta));
            return Ok(());
        };
        let parent_rel = name.parent().unwrap_or(Path::new("")).to_path_buf();
        let parent = self.parent(&parent_rel, &shown)?;
        let pfd = parent.as_fd();

        if let Some(hidden) = base.as_bytes().strip_prefix(WHITEOUT_PREFIX) {
            if base.as_bytes() == OPAQUE_MARKER {
                return sys::fset_xattr(pfd, OPAQUE_XATTR, b"y").map_err(|e| err(e.into()));
            }
            if hidden.is_empty() || hidden.starts_with(WHITEOUT_PREFIX) {
                log::debug!("skipping whiteout metadata entry {shown}");
                return Ok(());
            }
            let hidden = OsStr::from_bytes(hidden);
            self.clear(pfd, &parent_rel.join(hidden), hidden, false)
                .map_err(|e| err(e.into()))?;
            return mknodat(
                Some(pfd.as_raw_fd()),
                hidden,
                SFlag::S_IFCHR,
                Mode::empty(),
                0,
            )
            .map_err(|e| err(e.into()));
        }

        match kind {
            T::Regular | T::Continuous | T::GNUSparse => {
                // Without a cleared umask, 0600 until the mode is applied.
                let exact = self.opts.umask_cleared;
                let mode = if exact { meta.mode } else { 0o600 };
                let mut file = match sys::create_file(pfd, &base, mode) {
                    Err(Errno::EEXIST) => {
                        self.clear(pfd, &name, &base, false)
                            .map_err(|e| err(e.into()))?;
                        sys::create_file(pfd, &base, mode)
                    }
                    made => made,
                }
                .map_err(|e| err(e.into()))?;
                match &entry.sparse {
                    None => self.write_data(&mut file, data, entry.size, &shown)?,
                    Some(sparse) => {
                        for &(offset, len) in &sparse.chunks {
                            file.seek(SeekFrom::Start(offset)).map_err(err)?;
                            self.write_data(&mut file, data, len, &shown)?;
                        }
                        // The holes: the length is set, no zeros are written.
                        file.set_len(sparse.real_size).map_err(err)?;
                    }
                }
                if self.needs_owner_or_xattrs(&meta) {
                    self.owner_and_xattrs(file.as_fd(), &meta, &shown)?;
                }
                if !exact || meta.mode & 0o7000 != 0 {
                    fchmod(file.as_raw_fd(), sys::perm(meta.mode)).map_err(|e| err(e.into()))?;
                }
                futimens(file.as_raw_fd(), &meta.atime, &meta.mtime).map_err(|e| err(e.into()))
            }
            T::Directory => {
                let mkdir = || {
                    mkdirat(
                        Some(pfd.as_raw_fd()),
                        base.as_os_str(),
                        Mode::from_bits_truncate(0o700),
                    )
                };
                let new = match mkdir() {
                    Ok(()) => true,
                    Err(Errno::EEXIST) => {
                        let kept = self
                            .clear(pfd, &name, &base, true)
                            .map_err(|e| err(e.into()))?;
                        if !kept {
                            mkdir().map_err(|e| err(e.into()))?;
                        }
                        !kept
                    }
                    Err(e) => return Err(err(e.into())),
                };
                // A folder that was there may have had another owner.
                if !new || self.needs_owner_or_xattrs(&meta) {
                    let dir =
                        sys::open_dir_beneath(pfd, Path::new(&base)).map_err(|e| err(e.into()))?;
                    self.owner_and_xattrs(dir.as_fd(), &meta, &shown)?;
                }
                self.dirs.insert(name, DirMeta::from(&meta));
                Ok(())
            }
            T::Symlink => {
                let target = entry
                    .link
                    .as_deref()
                    .ok_or_else(|| err(io::Error::other("symlink without a target")))?;
                let link = || {
                    symlinkat(
                        OsStr::from_bytes(target),
                        Some(pfd.as_raw_fd()),
                        base.as_os_str(),
                    )
                };
                match link() {
                    Err(Errno::EEXIST) => {
                        self.clear(pfd, &name, &base, false)
                            .map_err(|e| err(e.into()))?;
                        link()
                    }
                    made => made,
                }
                .map_err(|e| err(e.into()))?;
                if !self.owned_as_created(&meta) {
                    self.chown_at(pfd, &base, &meta, &shown)?;
                }
                utimensat(
                    Some(pfd.as_raw_fd()),
                    base.as_os_str(),
                    &meta.atime,
                    &meta.mtime,
                    UtimensatFlags::NoFollowSymlink,
                )
                .map_err(|e| err(e.into()))
            }
            T::Link => {
                let target = entry
                    .link
                    .as_deref()
                    .ok_or_else(|| err(io::Error::other("hardlink without a target")))?;
                self.hardlink(pfd, &name, &base, target, &shown)
            }
            T::Fifo => {
                self.clear(pfd, &name, &base, false)
                    .map_err(|e| err(e.into()))?;
                let perm = Mode::from_bits_truncate(0o600);
                mknodat(
                    Some(pfd.as_raw_fd()),
                    base.as_os_str(),
                    SFlag::S_IFIFO,
                    perm,
                    0,
                )
                .map_err(|e| err(e.into()))?;
                self.chown_at(pfd, &base, &meta, &shown)?;
                let at = Some(pfd.as_raw_fd());
                // A fifo we just created, in a tree only we write: following is not possible.
                fchmodat(
                    at,
                    base.as_os_str(),
                    sys::perm(meta.mode),
                    FchmodatFlags::FollowSymlink,
                )
                .map_err(|e| err(e.into()))?;
                utimensat(
                    at,
                    base.as_os_str(),
                    &meta.atime,
                    &meta.mtime,
                    UtimensatFlags::NoFollowSymlink,
                )
                .map_err(|e| err(e.into()))
            }
            T::Char | T::Block => {
                log::debug!("skipping device node {shown}");
                self.skipped.push(shown.clone());
                Ok(())
            }
            other => {
                log::warn!("skipping entry {shown} of unknown tar type {other:?}");
                Ok(())
            }
        }
    }

    /// Copies exactly `len` bytes of entry data into `file` at its current offset.
    fn write_data(
        &mut self,
        file: &mut std::fs::File,
        data: &mut dyn Read,
        len: u64,
        shown: &str,
    ) -> Result<(), UnpackError> {
        let mut left = len;
        while left > 0 {
            let want = self
                .buf
                .len()
                .min(usize::try_from(left).unwrap_or(usize::MAX));
            let n = data
                .read(&mut self.buf[..want])
                .map_err(UnpackError::Stream)?;
            if n == 0 {
                return Err(UnpackError::Stream(io::ErrorKind::UnexpectedEof.into()));
            }
            if !self.budget.spend(n as u64) {
                return Err(UnpackError::Entry {
                    path: shown.to_string(),
                    source: io::Error::other("it writes more data than the layer carries"),
                });
            }
            file.write_all(&self.buf[..n])
                .map_err(|source| UnpackError::Entry {
                    path: shown.to_string(),
                    source,
                })?;
            left -= n as u64;
        }
        Ok(())
    }

    /// Opens the parent folder of an entry beneath the root, creating missing folders (0755)
    /// as tar does. A symlink or non-folder on the way is an error.
    fn parent(&mut self, rel: &Path, shown: &str) -> Result<Rc<OwnedFd>, UnpackError> {
        if let Some((p, fd)) = &self.cache {
            if p == rel {
                return Ok(fd.clone());
            }
        }
        let fd = match sys::open_dir_beneath(self.root, rel) {
            Ok(fd) => fd,
            Err(Errno::ENOENT) => self.create_parents(rel, shown)?,
            Err(e) => return Err(resolve_error(e, shown)),
        };
        let fd = Rc::new(fd);
        self.cache = Some((rel.to_path_buf(), fd.clone()));
        Ok(fd)
    }

    fn create_parents(&self, rel: &Path, shown: &str) -> Result<OwnedFd, UnpackError> {
        let err = |e: Errno| resolve_error(e, shown);
        let mut cur = self
            .root
            .try_clone_to_owned()
            .map_err(UnpackError::Stream)?;
        for comp in rel.components() {
            let name = Path::new(comp.as_os_str());
            cur = match sys::open_dir_beneath(cur.as_fd(), name) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => {
                    let mode = Mode::from_bits_truncate(0o755);
                    match mkdirat(Some(cur.as_raw_fd()), name, mode) {
                        Ok(()) | Err(Errno::EEXIST) => {}
                        Err(e) => return Err(err(e)),
                    }
                    let fd = sys::open_dir_beneath(cur.as_fd(), name).map_err(err)?;
                    fchmod(fd.as_raw_fd(), mode).map_err(err)?;
                    fd
                }
                Err(e) => return Err(err(e)),
            };
        }
        Ok(cur)
    }

    /// Makes room for an entry: an existing folder stays when the entry is a folder too;
    /// anything else is removed (recursively, never following). Returns whether a folder
    /// was kept.
    fn clear(
        &mut self,
        parent: BorrowedFd<'_>,
        rel: &Path,
        base: &OsStr,
        want_dir: bool,
    ) -> nix::Result<bool> {
        let Some(st) = sys::stat_at(parent, base)? else {
            return Ok(false);
        };
        let was_dir = sys::is_dir(&st);
        if want_dir && was_dir {
            return Ok(true);
        }
        sys::remove_all_at(parent, base)?;
        if was_dir {
            // Cached folders and pending folder metadata may have been inside.
            self.cache = None;
            self.dirs.retain(|p, _| !p.starts_with(rel));
        }
        Ok(false)
    }

    fn hardlink(
        &mut self,
        parent: BorrowedFd<'_>,
        name: &Path,
        base: &OsStr,
        raw_target: &[u8],
        shown: &str,
    ) -> Result<(), UnpackError> {
        let fail = |reason| UnpackError::Hardlink {
            path: shown.to_string(),
            target: quote_name(raw_target),
            reason,
        };
        let target = clean_name(raw_target).map_err(|_| fail("lies outside the layer root"))?;
        let Some(tbase) = target.file_name() else {
            return Err(fail("is the layer root"));
        };
        if target == name {
            return Ok(());
        }
        let tparent =
            match sys::open_dir_beneath(self.root, target.parent().unwrap_or(Path::new(""))) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => return Err(fail("does not exist in this layer")),
                Err(Errno::ELOOP) => return Err(fail("lies under a symlink")),
                Err(Errno::EXDEV) => return Err(fail("lies outside the layer root")),
                Err(Errno::ENOTDIR) => {
                    return Err(fail("lies under something that is not a folder"))
                }
                Err(e) => {
                    return Err(UnpackError::Entry {
                        path: shown.into(),
                        source: e.into(),
                    })
                }
            };
        let entry_err = |e: Errno| UnpackError::Entry {
            path: shown.into(),
            source: e.into(),
        };
        match sys::stat_at(tparent.as_fd(), tbase).map_err(entry_err)? {
            None => return Err(fail("does not exist in this layer")),
            Some(st) if sys::is_dir(&st) => return Err(fail("is a folder")),
            Some(_) => {}
        }
        self.clear(parent, name, base, false).map_err(entry_err)?;
        // No AT_SYMLINK_FOLLOW: a link to a symlink links the symlink itself.
        linkat(
            Some(tparent.as_raw_fd()),
            tbase,
            Some(parent.as_raw_fd()),
            base,
            AtFlags::empty(),
        )
        .map_err(|e| match e {
            Errno::ENOENT => fail("does not exist in this layer"),
            e => entry_err(e),
        })
    }

    /// Applies the owner (or records it, single-uid) and the layer's xattrs on an open file
    /// or folder. Must run before chmod: chown clears setuid bits and file capabilities.
    fn owner_and_xattrs(
        &self,
        fd: BorrowedFd<'_>,
        meta: &Meta,
        shown: &str,
    ) -> Result<(), UnpackError> {
        if self.opts.single_uid {
            if meta.uid != 0 || meta.gid != 0 {
                let value = format!("{}:{}:0{:o}", meta.uid, meta.gid, meta.mode);
                sys::fset_xattr(fd, OVERRIDE_STAT_XATTR, value.as_bytes()).map_err(|e| {
                    UnpackError::Entry {
                        path: shown.into(),
                        source: e.into(),
                    }
                })?;
            }
        } else {
            let (uid, gid) = ids(meta, shown)?;
            fchown(fd.as_raw_fd(), Some(uid), Some(gid))
                .map_err(|e| owner_error(e, meta, shown))?;
        }
        for (name, value) in &meta.xattrs {
            if let Err(e) = sys::fset_xattr(fd, name, value) {
                log::warn!("entry {shown}: cannot set xattr {name}: {e}");
            }
        }
        Ok(())
    }

    /// Applies the owner of a symlink or fifo by name; single-uid mode records nothing there
    /// (user xattrs are not allowed on those).
    fn chown_at(
        &self,
        parent: BorrowedFd<'_>,
        base: &OsStr,
        meta: &Meta,
        shown: &str,
    ) -> Result<(), UnpackError> {
        if self.opts.single_uid {
            return Ok(());
        }
        let (uid, gid) = ids(meta, shown)?;
        fchownat(
            Some(parent.as_raw_fd()),
            base,
            Some(uid),
            Some(gid),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        )
        .map_err(|e| owner_error(e, meta, shown))
    }

    /// Sets the folders' modes and times, deepest first.
    fn finish_dirs(&mut self) -> Result<(), UnpackError> {
        let mut dirs: Vec<(PathBuf, DirMeta)> = self.dirs.drain().collect();
        dirs.sort_by_key(|(p, _)| std::cmp::Reverse(p.components().count()));
        self.cache = None;
        for (path, meta) in dirs {
            let fd = match sys::open_dir_beneath(self.root, &path) {
                Ok(fd) => fd,
                Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => continue,
                Err(e) => return Err(resolve_error(e, &quote_name(path.as_os_str().as_bytes()))),
            };
            let err = |e: Errno| UnpackError::Entry {
                path: quote_name(path.as_os_str().as_bytes()),
                source: e.into(),
            };
            fchmod(fd.as_raw_fd(), sys::perm(meta.mode)).map_err(err)?;
            futimens(fd.as_raw_fd(), &meta.atime, &meta.mtime).map_err(err)?;
        }
        Ok(())
    }
}

impl From<&Meta> for DirMeta {
    fn from(m: &Meta) -> DirMeta {
        DirMeta {
            mode: m.mode,
            atime: m.atime,
            mtime: m.mtime,
        }
    }
}

fn ids(meta: &Meta, shown: &str) -> Result<(Uid, Gid), UnpackError> {
    match (u32::try_from(meta.uid), u32::try_from(meta.gid)) {
        (Ok(u), Ok(g)) if u != u32::MAX && g != u32::MAX => {
            Ok((Uid::from_raw(u), Gid::from_raw(g)))
        }
        _ => Err(unmapped(meta, shown)),
    }
}

fn unmapped(meta: &Meta, shown: &str) -> UnpackError {
    UnpackError::Unmapped {
        path: shown.to_string(),
        uid: meta.uid,
        gid: meta.gid,
        needed: meta.uid.max(meta.gid).saturating_add(1),
    }
}

fn owner_error(e: Errno, meta: &Meta, shown: &str) -> UnpackError {
    match e {
        // EINVAL: the id has no mapping in this user namespace.
        Errno::EINVAL => unmapped(meta, shown),
        e => UnpackError::Entry {
            path: shown.to_string(),
            source: e.into(),
        },
    }
}

fn resolve_error(e: Errno, shown: &str) -> UnpackError {
    let path = shown.to_string();
    match e {
        Errno::ELOOP => UnpackError::SymlinkParent { path },
        Errno::ENOTDIR => UnpackError::NotDir { path },
        Errno::EXDEV => UnpackError::Escapes { path },
        e => UnpackError::Entry {
            path,
            source: e.into(),
        },
    }
}
