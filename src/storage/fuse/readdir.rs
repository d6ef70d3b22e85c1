//! Listing a merged folder: the names of all its layers, top first, each once, whiteouts and
//! the names they hide left out. The listing is taken when the folder is opened (and again on
//! a rewind), so offsets (an index into it) stay stable across calls.
use super::beneath;
use super::layers::{errno, is_whiteout, DirEntryOwned, Overlay};
use super::sys;
use super::tree::{Key, Layer};
use fuse_backend_rs::api::filesystem::{DirEntry, Entry};
use nix::dir::Type;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

fn kind_of(t: Option<Type>) -> u32 {
    match t {
        Some(Type::Directory) => libc::S_IFDIR,
        Some(Type::File) => libc::S_IFREG,
        Some(Type::Symlink) => libc::S_IFLNK,
        Some(Type::Fifo) => libc::S_IFIFO,
        Some(Type::Socket) => libc::S_IFSOCK,
        Some(Type::CharacterDevice) => libc::S_IFCHR,
        Some(Type::BlockDevice) => libc::S_IFBLK,
        None => 0,
    }
}

/// A visible name of a merged folder: its bytes, file type (S_IFMT bits) and identity in the
/// layer that shows it.
pub(super) struct Listed {
    pub(crate) name: Vec<u8>,
    pub(crate) kind: u32,
    pub(crate) key: Key,
}

impl Overlay {
    /// The visible names of the merged folder `path` made of `dir_layers` (top first), with
    /// their file type and their identity in the layer that shows them.
    pub(super) fn list_merged(&self, dir_layers: &[Layer], path: &Path) -> io::Result<Vec<Listed>> {
        let mut seen: HashSet<Vec<u8>> = HashSet::new();
        let mut out = Vec::new();
        for &layer in dir_layers {
            let fd = self.layers.fd(layer);
            let dev = sys::fstat(fd)?.st_dev;
            let mut dir = match beneath::open_dir(fd, path) {
                Ok(d) => d,
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => continue,
                Err(e) => return Err(e),
            };
            for ent in dir.iter() {
                let ent = ent?;
                let name = ent.file_name().to_bytes();
                if name == b"." || name == b".." || seen.contains(name) {
                    continue;
                }
                let mut kind = kind_of(ent.file_type());
                if kind == libc::S_IFCHR || kind == 0 {
                    let st = beneath::stat(fd, &path.join(OsStr::from_bytes(name)))?;
                    if is_whiteout(&st) {
                        seen.insert(name.to_vec());
                        continue;
                    }
                    kind = st.st_mode & libc::S_IFMT;
                }
                seen.insert(name.to_vec());
                out.push(Listed {
                    name: name.to_vec(),
                    kind,
                    key: (dev, ent.ino()),
                });
            }
        }
        Ok(out)
    }

    /// Takes the listing of folder `ino` for a new handle.
    pub(super) fn open_dir(&self, ino: u64) -> io::Result<u64> {
        let listing = self.snapshot(ino)?;
        let handle = self.next_handle.fetch_add(1, Ordering::Relaxed);
        self.dirs
            .write()
            .map_err(|_| errno(libc::EIO))?
            .insert(handle, Arc::new(Mutex::new(listing)));
        Ok(handle)
    }

    fn snapshot(&self, ino: u64) -> io::Result<Vec<DirEntryOwned>> {
        let (path, node) = self.node(ino)?;
        if !node.is_dir() {
            return Err(errno(libc::ENOTDIR));
        }
        let names = self.list_merged(&node.dir_layers, &path)?;
        let mut tree = self.tree.write().map_err(|_| errno(libc::EIO))?;
        let mut out = Vec::with_capacity(names.len() + 2);
        out.push(DirEntryOwned {
            name: b".".to_vec(),
            ino,
            kind: libc::S_IFDIR,
        });
        out.push(DirEntryOwned {
            name: b"..".to_vec(),
            ino: node.parent,
            kind: libc::S_IFDIR,
        });
        for l in names {
            let ino = tree.ino_for(l.key);
            out.push(DirEntryOwned {
                name: l.name,
                ino,
                kind: l.kind,
            });
        }
        Ok(out)
    }

    fn listing(&self, handle: u64) -> io::Result<Arc<Mutex<Vec<DirEntryOwned>>>> {
        self.dirs
            .read()
            .map_err(|_| errno(libc::EIO))?
            .get(&handle)
            .cloned()
            .ok_or_else(|| errno(libc::EBADF))
    }

    /// Hands the entries from `offset` on to `add` until it is full.
    pub(super) fn read_dir(
        &self,
        ino: u64,
        handle: u64,
        offset: u64,
        add: &mut dyn FnMut(DirEntry) -> io::Result<usize>,
    ) -> io::Result<()> {
        let listing = self.listing(handle)?;
        let mut entries = listing.lock().map_err(|_| errno(libc::EIO))?;
        if offset == 0 {
            *entries = self.snapshot(ino)?;
        }
        for (i, e) in entries.iter().enumerate().skip(offset as usize) {
            let n = add(DirEntry {
                ino: e.ino,
                offset: i as u64 + 1,
                type_: e.kind >> 12,
                name: &e.name,
            })?;
            if n == 0 {
                break;
            }
        }
        Ok(())
    }

    /// Like [`Overlay::read_dir`], with each entry looked up (readdirplus).
    pub(super) fn read_dir_plus(
        &self,
        ino: u64,
        handle: u64,
        offset: u64,
        add: &mut dyn FnMut(DirEntry, Entry) -> io::Result<usize>,
    ) -> io::Result<()> {
        let listing = self.listing(handle)?;
        let mut entries = listing.lock().map_err(|_| errno(libc::EIO))?;
        if offset == 0 {
            *entries = self.snapshot(ino)?;
        }
        for (i, e) in entries.iter().enumerate().skip(offset as usize) {
            let dot = e.name == b"." || e.name == b"..";
            let entry = if dot {
                // The kernel takes no lookup for these.
                super::layers::entry(0, sys::zero_stat())
            } else {
                match self.lookup_entry(ino, OsStr::from_bytes(&e.name)) {
                    Ok(entry) => entry,
                    // Gone since the listing was taken.
                    Err(err) if err.raw_os_error() == Some(libc::ENOENT) => continue,
                    Err(err) => return Err(err),
                }
            };
            let looked_up = entry.inode;
            let n = add(
                DirEntry {
                    ino: if dot { e.ino } else { looked_up },
                    offset: i as u64 + 1,
                    type_: e.kind >> 12,
                    name: &e.name,
                },
                entry,
            )?;
            if n == 0 {
                if !dot {
                    if let Ok(mut tree) = self.tree.write() {
                        tree.forget(looked_up, 1);
                    }
                }
                break;
            }
        }
        Ok(())
    }

    pub(super) fn close_dir(&self, handle: u64) {
        if let Ok(mut dirs) = self.dirs.write() {
            dirs.remove(&handle);
        }
    }
}
