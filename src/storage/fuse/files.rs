//! The real files behind the overlay's regular files, kept open per node.
//!
//! The overlay answers OPEN with ENOSYS, so the kernel opens and releases regular files
//! without asking the server (FUSE's no_open: two round trips fewer for every open, and
//! nothing at all for a cached file read again) and names only the node in its reads and
//! writes. Each node's real file is opened on first use and kept until the kernel forgets the
//! node: an upper file read-write, a lower file read-only. A write (or truncate, fallocate)
//! copies a lower file up first; an open file left in a lower layer by a copy-up is noticed by
//! its layer and replaced. A name about to go (unlink, rename over it) has its file opened
//! first, so a process that still holds it keeps reading and writing it, as on any filesystem.
//!
//! The table is bounded by the descriptor limit: past it, a file is opened for one request.
use super::beneath;
use super::layers::{errno, Overlay};
use super::sys;
use super::tree::{Layer, Node};
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;
use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::{Arc, RwLock};

/// A node's open real file and the layer it was opened in.
struct Open {
    layer: Layer,
    file: Arc<File>,
}

/// Node → its open real file.
pub(super) struct Files {
    map: RwLock<HashMap<u64, Open>>,
    limit: usize,
}

impl Files {
    /// A table that keeps at most `limit` files open.
    pub(crate) fn new(limit: usize) -> Files {
        Files {
            map: RwLock::default(),
            limit,
        }
    }

    fn get(&self, ino: u64) -> Option<(Layer, Arc<File>)> {
        let map = self.map.read().ok()?;
        map.get(&ino).map(|o| (o.layer, o.file.clone()))
    }

    fn insert(&self, ino: u64, layer: Layer, file: Arc<File>) {
        if let Ok(mut map) = self.map.write() {
            if map.len() < self.limit || map.contains_key(&ino) {
                map.insert(ino, Open { layer, file });
            }
        }
    }

    /// Closes the file of a node the kernel forgot.
    pub(crate) fn remove(&self, ino: u64) {
        if let Ok(mut map) = self.map.write() {
            map.remove(&ino);
        }
    }
}

/// Opens the real file at `path` in `layer`: read-write in the upper layer (the writeback
/// cache reads what it writes), else read-only.
fn open_real(overlay: &Overlay, layer: Layer, path: &Path) -> io::Result<File> {
    let fd = overlay.layers.fd(layer);
    let base = OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    if layer == Layer::Upper {
        match beneath::open(fd, path, base | OFlag::O_RDWR, Mode::empty()) {
            Err(e) if e.raw_os_error() == Some(libc::EACCES) => {}
            other => return other,
        }
    }
    beneath::open(fd, path, base | OFlag::O_RDONLY, Mode::empty())
}

impl Overlay {
    /// The open real file of node `ino`; with `write`, the node is copied up first and the
    /// file is its upper one. A node whose name is gone has only the file opened before.
    pub(super) fn node_file(&self, ino: u64, write: bool) -> io::Result<Arc<File>> {
        let mut node = self.node_any(ino)?;
        if node.removed {
            return self.removed_file(ino, write);
        }
        if write && node.layer != Layer::Upper {
            self.ensure_upper(ino)?;
            node = self.node_any(ino)?;
        }
        if let Some((layer, file)) = self.open.get(ino) {
            if layer == node.layer {
                return Ok(file);
            }
        }
        let (path, node) = self.node(ino)?;
        let file = Arc::new(open_real(self, node.layer, &path)?);
        // Kept only while the node is still where the file was opened (a copy-up may have
        // moved it meanwhile).
        if let Ok(tree) = self.tree.read() {
            if tree.get(ino).is_some_and(|n| n.layer == node.layer) {
                self.open.insert(ino, node.layer, file.clone());
            }
        }
        Ok(file)
    }

    /// The file kept for node `ino` whose name is gone. A lower file about to be written is
    /// replaced by a private copy first: the write changes no layer, as a write to an
    /// unlinked copied-up file changes no name on the kernel overlay.
    fn removed_file(&self, ino: u64, write: bool) -> io::Result<Arc<File>> {
        let (layer, file) = self.open.get(ino).ok_or_else(|| errno(libc::ENOENT))?;
        if !write || layer == Layer::Upper {
            return Ok(file);
        }
        // Under the tree's lock, so two writers make one copy.
        let _tree = self.write_tree()?;
        if let Some((Layer::Upper, file)) = self.open.get(ino) {
            return Ok(file);
        }
        let copy = Arc::new(self.orphan_copy(&file)?);
        self.open.insert(ino, Layer::Upper, copy.clone());
        Ok(copy)
    }

    /// A nameless copy of `from` (data, mode and owner) in the work folder.
    fn orphan_copy(&self, from: &File) -> io::Result<File> {
        let work = self.layers.work.as_fd();
        let temp = self.temp_name();
        let to = beneath::open(
            work,
            &temp,
            OFlag::O_RDWR | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_CLOEXEC,
            Mode::S_IRUSR | Mode::S_IWUSR,
        )?;
        beneath::unlink(work, &temp, false)?;
        let st = sys::fstat(from.as_fd())?;
        let mut buf = vec![0u8; 128 * 1024];
        let mut offset = 0;
        loop {
            let n = from.read_at(&mut buf, offset)?;
            if n == 0 {
                break;
            }
            to.write_all_at(&buf[..n], offset)?;
            offset += n as u64;
        }
        let _ = nix::unistd::fchown(
            to.as_raw_fd(),
            Some(st.st_uid.into()),
            Some(st.st_gid.into()),
        );
        nix::sys::stat::fchmod(
            to.as_raw_fd(),
            Mode::from_bits_truncate(st.st_mode & 0o7777),
        )?;
        Ok(to)
    }

    /// Node `ino` and its kept file, when it is a regular file whose file is open in its
    /// current layer (or kept after its name went): its attributes and xattrs are then read
    /// and changed through the descriptor, without a walk of its path.
    pub(super) fn kept(&self, ino: u64) -> Option<(Node, Arc<File>)> {
        let node = self.node_any(ino).ok()?;
        if node.kind != libc::S_IFREG {
            return None;
        }
        let (layer, file) = self.open.get(ino)?;
        (node.removed || layer == node.layer).then_some((node, file))
    }

    /// Keeps `file`, just made at `ino`'s place in the upper layer, as its open file.
    pub(super) fn keep_file(&self, ino: u64, file: File) {
        self.open.insert(ino, Layer::Upper, Arc::new(file));
    }

    /// Opens the regular file of node `ino` (at `path` in `layer`) before its name goes, so
    /// the processes that hold it open keep it. Called with the tree's write lock held.
    pub(super) fn pin_file(&self, ino: u64, layer: Layer, path: &Path) {
        if self.open.get(ino).is_some_and(|(l, _)| l == layer) {
            return;
        }
        if let Ok(file) = open_real(self, layer, path) {
            self.open.insert(ino, layer, Arc::new(file));
        }
    }
}
