//! The overlay's state and its lookup through the layers.
//!
//! A name in a merged folder is looked for in the folder's layers, top first: the first layer
//! that holds it decides what it is. A whiteout (0/0 character device) hides the name in the
//! layers below; a folder merges with the folders of the same name below it until one is
//! opaque (`user.overlay.opaque=y`) or a layer holds a non-folder there.
use super::beneath;
use super::files::Files;
use super::sys;
use super::tree::{Key, Layer, Node, Tree, ROOT};
use crate::linux::keepid::IdShift;
use fuse_backend_rs::api::filesystem::Entry;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The xattr of an opaque folder, in the store's layers and in the upper layer.
pub(super) const OPAQUE: &[u8] = b"user.overlay.opaque";
/// The overlay's own xattrs: hidden from the container.
pub(super) const PRIVATE_PREFIX: &[u8] = b"user.overlay.";
/// How long the kernel may keep names and attributes: every change passes through this server,
/// so the kernel's caches only go stale by its own requests, which it accounts for.
pub(super) const TIMEOUT: Duration = Duration::from_secs(3600);

/// The open folders of the overlay.
pub(super) struct Layers {
    /// Bottom first.
    pub(crate) lower: Vec<OwnedFd>,
    pub(crate) upper: OwnedFd,
    pub(crate) work: OwnedFd,
}

impl Layers {
    pub(crate) fn fd(&self, layer: Layer) -> BorrowedFd<'_> {
        match layer {
            Layer::Upper => self.upper.as_fd(),
            Layer::Lower(i) => self.lower[i].as_fd(),
        }
    }

    /// The layers a root folder is made of, top first.
    pub(crate) fn all(&self) -> Vec<Layer> {
        let mut all = vec![Layer::Upper];
        all.extend((0..self.lower.len()).rev().map(Layer::Lower));
        all
    }
}

/// One merged folder's listing, taken at opendir (offsets are indices into it).
pub(super) struct DirEntryOwned {
    pub(crate) name: Vec<u8>,
    pub(crate) ino: u64,
    pub(crate) kind: u32,
}

/// The FUSE overlay filesystem.
pub(super) struct Overlay {
    pub(crate) layers: Layers,
    pub(crate) tree: RwLock<Tree>,
    /// The regular files' real files, open per node.
    pub(crate) open: Files,
    pub(crate) dirs: RwLock<HashMap<u64, Arc<Mutex<Vec<DirEntryOwned>>>>>,
    pub(crate) next_handle: AtomicU64,
    pub(crate) next_temp: AtomicU64,
    /// `--userns keep-id`: how owners are shown and stored; empty: as they are.
    pub(crate) ids: IdShift,
}

/// What a lookup found.
pub(super) struct Found {
    pub(crate) layer: Layer,
    pub(crate) st: libc::stat64,
    pub(crate) dir_layers: Vec<Layer>,
    pub(crate) lower_present: bool,
}

pub(super) fn is_whiteout(st: &libc::stat64) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFCHR && st.st_rdev == 0
}

pub(super) fn key(st: &libc::stat64) -> Key {
    (st.st_dev, st.st_ino)
}

pub(super) fn errno(e: i32) -> io::Error {
    io::Error::from_raw_os_error(e)
}

impl Overlay {
    /// The overlay of `layers` (bottom first) with the writable `upper` and its `work` folder.
    pub(crate) fn new(lower: Vec<OwnedFd>, upper: OwnedFd, work: OwnedFd) -> io::Result<Overlay> {
        let layers = Layers { lower, upper, work };
        let st = sys::fstat(layers.upper.as_fd())?;
        let mut dir_layers = vec![Layer::Upper];
        if !is_opaque(&layers, Layer::Upper, Path::new("")) {
            for layer in layers.all().into_iter().skip(1) {
                dir_layers.push(layer);
                if is_opaque(&layers, layer, Path::new("")) {
                    break;
                }
            }
        }
        let root = Node {
            parent: ROOT,
            name: Default::default(),
            kind: libc::S_IFDIR,
            layer: Layer::Upper,
            dir_layers,
            lower_present: false,
            lookups: 1,
            removed: false,
        };
        let mut tree = Tree::new(root, key(&st));
        tree.copied_links = super::copyup::load_links(layers.work.as_fd());
        Ok(Overlay {
            layers,
            tree: RwLock::new(tree),
            open: Files::new(sys::raise_fd_limit().saturating_sub(256).max(64)),
            dirs: RwLock::default(),
            next_handle: AtomicU64::new(1),
            next_temp: AtomicU64::new(1),
            ids: IdShift::default(),
        })
    }

    /// Looks `name` up in the folder `parent` (at merged `parent_path`, made of `dir_layers`).
    pub(crate) fn resolve(
        &self,
        dir_layers: &[Layer],
        parent_path: &Path,
        name: &OsStr,
    ) -> io::Result<Option<Found>> {
        let mut found: Option<Found> = None;
        let mut rest = dir_layers.iter().copied();
        // Top down until the name is decided; each layer's folder is opened once for the
        // name's stat and opaque check.
        for layer in rest.by_ref() {
            let Some(dir) = self.folder_in(layer, parent_path)? else {
                continue;
            };
            let at = dir.at(name)?;
            let st = match beneath::stat_at(&at) {
                Ok(st) => st,
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => {
                    continue
                }
                Err(e) => return Err(e),
            };
            if is_whiteout(&st) {
                // The name ends here: nothing below shows through.
                return Ok(found);
            }
            let is_dir = st.st_mode & libc::S_IFMT == libc::S_IFDIR;
            match found.as_mut() {
                None => {
                    found = Some(Found {
                        layer,
                        st,
                        dir_layers: if is_dir { vec![layer] } else { Vec::new() },
                        lower_present: layer != Layer::Upper,
                    });
                    if !is_dir || opaque_at(&at) {
                        break;
                    }
                }
                Some(f) => {
                    f.lower_present = true;
                    if !is_dir {
                        return Ok(found);
                    }
                    f.dir_layers.push(layer);
                    if opaque_at(&at) {
                        break;
                    }
                }
            }
        }
        // Whether a lower layer below the deciding one holds the name (removing it then needs
        // a whiteout).
        if let Some(f) = found.as_mut().filter(|f| !f.lower_present) {
            let path = parent_path.join(name);
            for layer in rest {
                match beneath::stat(self.layers.fd(layer), &path) {
                    Ok(st) => {
                        f.lower_present = !is_whiteout(&st);
                        break;
                    }
                    Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(found)
    }

    /// The folder `path` of `layer`, or None where the layer has none there.
    fn folder_in(&self, layer: Layer, path: &Path) -> io::Result<Option<beneath::Folder<'_>>> {
        match beneath::folder(self.layers.fd(layer), path) {
            Ok(dir) => Ok(Some(dir)),
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The merged path and a copy of node `ino`; ENOENT for a removed node.
    pub(crate) fn node(&self, ino: u64) -> io::Result<(PathBuf, Node)> {
        let tree = self.tree.read().map_err(|_| errno(libc::EIO))?;
        let node = tree.get(ino).ok_or_else(|| errno(libc::ENOENT))?;
        if node.removed {
            return Err(errno(libc::ENOENT));
        }
        let path = tree.path(ino).ok_or_else(|| errno(libc::ENOENT))?;
        Ok((path, node.clone()))
    }

    /// A copy of node `ino`, removed or not.
    pub(crate) fn node_any(&self, ino: u64) -> io::Result<Node> {
        let tree = self.tree.read().map_err(|_| errno(libc::EIO))?;
        tree.get(ino).cloned().ok_or_else(|| errno(libc::ENOENT))
    }

    /// The attributes the kernel sees for a node: its real file's, with the node's number
    /// (and one link for a merged folder, as overlayfs reports).
    pub(crate) fn attrs(&self, ino: u64, node: &Node, path: &Path) -> io::Result<libc::stat64> {
        let mut st = beneath::stat(self.layers.fd(node.layer), path)?;
        fix_attrs(&mut st, ino, node, &self.ids);
        Ok(st)
    }

    /// Looks up `name` in `parent`, records the node and returns the kernel's entry.
    pub(crate) fn lookup_entry(&self, parent: u64, name: &OsStr) -> io::Result<Entry> {
        let (parent_path, parent_node) = self.node(parent)?;
        if !parent_node.is_dir() {
            return Err(errno(libc::ENOTDIR));
        }
        let found = self
            .resolve(&parent_node.dir_layers, &parent_path, name)?
            .ok_or_else(|| errno(libc::ENOENT))?;
        if found.layer != Layer::Upper
            && found.st.st_mode & libc::S_IFMT == libc::S_IFREG
            && found.st.st_nlink > 1
        {
            // A hardlink of a lower file whose other name was copied up: link it up too.
            let copied = self
                .tree
                .read()
                .map_err(|_| errno(libc::EIO))?
                .copied_links
                .contains_key(&key(&found.st));
            if copied {
                return self.link_up(parent, name, &found);
            }
        }
        Ok(self.record(parent, name, found))
    }

    /// Records a found name as a node (new or refreshed) and makes its entry.
    pub(crate) fn record(&self, parent: u64, name: &OsStr, found: Found) -> Entry {
        let mut tree = match self.tree.write() {
            Ok(t) => t,
            Err(p) => p.into_inner(),
        };
        record_locked(&mut tree, parent, name, found, &self.ids)
    }
}

/// [`Overlay::record`] with the tree's write lock held.
pub(super) fn record_locked(
    tree: &mut Tree,
    parent: u64,
    name: &OsStr,
    found: Found,
    ids: &IdShift,
) -> Entry {
    let k = key(&found.st);
    let ino = tree.ino_for(k);
    let node = Node {
        parent,
        name: name.to_os_string(),
        kind: found.st.st_mode & libc::S_IFMT,
        layer: found.layer,
        dir_layers: found.dir_layers,
        lower_present: found.lower_present,
        lookups: 0,
        removed: false,
    };
    let mut st = found.st;
    fix_attrs(&mut st, ino, &node, ids);
    tree.insert_looked_up(ino, node);
    entry(ino, st)
}

/// The node's number, overlay link count and owners as the container sees them on a real
/// file's attributes.
pub(super) fn fix_attrs(st: &mut libc::stat64, ino: u64, node: &Node, ids: &IdShift) {
    st.st_ino = ino;
    ids.show(st);
    if node.is_dir() && node.dir_layers.len() > 1 {
        st.st_nlink = 1;
    }
}

pub(super) fn entry(ino: u64, attr: libc::stat64) -> Entry {
    Entry {
        inode: ino,
        generation: 0,
        attr,
        attr_flags: 0,
        attr_timeout: TIMEOUT,
        entry_timeout: TIMEOUT,
    }
}

/// Whether the folder at `path` in `layer` is opaque.
pub(super) fn is_opaque(layers: &Layers, layer: Layer, path: &Path) -> bool {
    beneath::get_xattr(layers.fd(layer), path, OPAQUE).is_ok_and(|v| v == b"y")
}

/// Whether the folder `at` is opaque.
fn opaque_at(at: &beneath::At<'_>) -> bool {
    beneath::get_xattr_at(at, OPAQUE).is_ok_and(|v| v == b"y")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_0_0_character_device_is_a_whiteout() {
        let mut st = sys::zero_stat();
        st.st_mode = libc::S_IFCHR;
        assert!(is_whiteout(&st));
        st.st_rdev = libc::makedev(1, 3);
        assert!(!is_whiteout(&st), "/dev/null is content");
        st.st_rdev = 0;
        st.st_mode = libc::S_IFREG;
        assert!(!is_whiteout(&st));
    }
}
