//! The overlay's inodes: one node per name the kernel looked up, its place in the merged tree
//! (parent and name) and where its content lives (the upper layer or one lower layer).
//!
//! Inode numbers are stable for the life of the mount: each real file (by device and inode
//! number in the layer where it was found) gets one number the first time it is seen and keeps
//! it, also after a copy-up (the copy is registered under the same number) and after the kernel
//! forgot the node. Hardlinks of one lower file therefore share one node.
//!
//! Folders are never dropped from the table (they are few, and children point to their
//! parent); other nodes go when the kernel forgets them.
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The FUSE root's node id.
pub(super) const ROOT: u64 = 1;

/// A layer of the overlay: the container's writable upper folder or an image layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layer {
    Upper,
    /// Index into the lower layers, bottom first.
    Lower(usize),
}

/// A real file's identity: (st_dev, st_ino).
pub(super) type Key = (u64, u64);

#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(crate) parent: u64,
    pub(crate) name: OsString,
    /// S_IFMT bits of the file.
    pub(crate) kind: u32,
    /// Where the file lives (for a folder: its topmost part).
    pub(crate) layer: Layer,
    /// Folders: the layers that make it, top first (the upper one only once it was made there).
    pub(crate) dir_layers: Vec<Layer>,
    /// Whether a lower layer holds the name (so removing it needs a whiteout).
    pub(crate) lower_present: bool,
    /// The kernel's lookup count.
    pub(crate) lookups: u64,
    /// Removed from the tree (a folder kept for its id only).
    pub(crate) removed: bool,
}

impl Node {
    pub(crate) fn is_dir(&self) -> bool {
        self.kind == libc::S_IFDIR
    }
}

/// All nodes, the identity → number map and the copies of hardlinked lower files.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(crate) nodes: HashMap<u64, Node>,
    keys: HashMap<Key, u64>,
    next: u64,
    /// Lower hardlinked file → the merged path of its copy in the upper layer.
    pub(crate) copied_links: HashMap<Key, PathBuf>,
    /// (parent, name) → the node recorded under that name.
    children: HashMap<(u64, OsString), u64>,
}

impl Tree {
    /// A tree with the root folder made of `dir_layers`.
    pub(crate) fn new(root: Node, root_key: Key) -> Tree {
        let mut tree = Tree {
            next: ROOT + 1,
            ..Tree::default()
        };
        tree.keys.insert(root_key, ROOT);
        tree.nodes.insert(ROOT, root);
        tree
    }

    /// The number of a real file, allocated on first sight.
    pub(crate) fn ino_for(&mut self, key: Key) -> u64 {
        if let Some(&ino) = self.keys.get(&key) {
            return ino;
        }
        let ino = self.next;
        self.next += 1;
        self.keys.insert(key, ino);
        ino
    }

    /// The number already given to a real file, if any.
    pub(crate) fn known(&self, key: Key) -> Option<u64> {
        self.keys.get(&key).copied()
    }

    /// Forgets the number of a real upper file that is gone: the filesystem may give its
    /// inode number to a new file, which must get a new number.
    pub(crate) fn unkey(&mut self, key: Key) {
        self.keys.remove(&key);
    }

    /// Registers `key` (a copy made by copy-up) under the existing number `ino`.
    pub(crate) fn alias(&mut self, key: Key, ino: u64) {
        self.keys.insert(key, ino);
    }

    pub(crate) fn get(&self, ino: u64) -> Option<&Node> {
        self.nodes.get(&ino)
    }

    pub(crate) fn get_mut(&mut self, ino: u64) -> Option<&mut Node> {
        self.nodes.get_mut(&ino)
    }

    /// The merged path of a node, relative to the root ("" for the root).
    pub(crate) fn path(&self, ino: u64) -> Option<PathBuf> {
        let mut names: Vec<&OsStr> = Vec::new();
        let mut cur = ino;
        let mut guard = 0;
        while cur != ROOT {
            let node = self.nodes.get(&cur)?;
            names.push(&node.name);
            cur = node.parent;
            guard += 1;
            if guard > 4096 {
                return None;
            }
        }
        let mut path = PathBuf::new();
        for name in names.iter().rev() {
            path.push(name);
        }
        Some(path)
    }

    /// Whether `ino` is `ancestor` or lies below it.
    pub(crate) fn is_under(&self, ino: u64, ancestor: u64) -> bool {
        let mut cur = ino;
        for _ in 0..4096 {
            if cur == ancestor {
                return true;
            }
            if cur == ROOT {
                return false;
            }
            match self.nodes.get(&cur) {
                Some(n) => cur = n.parent,
                None => return false,
            }
        }
        false
    }

    fn index(&mut self, ino: u64) {
        if let Some(n) = self.nodes.get(&ino).filter(|n| !n.removed && ino != ROOT) {
            self.children.insert((n.parent, n.name.clone()), ino);
        }
    }

    fn unindex(&mut self, ino: u64) {
        if let Some(n) = self.nodes.get(&ino) {
            let k = (n.parent, n.name.clone());
            if self.children.get(&k) == Some(&ino) {
                self.children.remove(&k);
            }
        }
    }

    /// Inserts or refreshes the node `ino` after a lookup, counting the lookup.
    pub(crate) fn insert_looked_up(&mut self, ino: u64, mut node: Node) {
        self.unindex(ino);
        match self.nodes.get_mut(&ino) {
            Some(existing) => {
                node.lookups = existing.lookups + 1;
                *existing = node;
            }
            None => {
                node.lookups = 1;
                self.nodes.insert(ino, node);
            }
        }
        self.index(ino);
    }

    /// Moves node `ino` to `name` in `parent`.
    pub(crate) fn rename_node(&mut self, ino: u64, parent: u64, name: &OsStr) {
        self.unindex(ino);
        if let Some(n) = self.nodes.get_mut(&ino) {
            n.parent = parent;
            n.name = name.to_os_string();
        }
        self.index(ino);
    }

    /// The name of node `ino` is gone: it is never resolved by path again.
    pub(crate) fn mark_removed(&mut self, ino: u64) {
        self.unindex(ino);
        if let Some(n) = self.nodes.get_mut(&ino) {
            n.removed = true;
        }
    }

    /// The kernel forgot `count` lookups of `ino`; a non-folder node with none left goes.
    pub(crate) fn forget(&mut self, ino: u64, count: u64) {
        if ino == ROOT {
            return;
        }
        if let Some(node) = self.nodes.get_mut(&ino) {
            node.lookups = node.lookups.saturating_sub(count);
            if node.lookups == 0 && (!node.is_dir() || node.removed) {
                self.unindex(ino);
                self.nodes.remove(&ino);
            }
        }
    }

    /// The node with `parent` and `name`, if one is in the table.
    pub(crate) fn child(&self, parent: u64, name: &OsStr) -> Option<u64> {
        let ino = *self.children.get(&(parent, name.to_os_string()))?;
        self.nodes.get(&ino).filter(|n| !n.removed).map(|_| ino)
    }

    /// After a folder was copied up whole: every node below it now lives in the upper layer.
    pub(crate) fn mark_upper_below(&mut self, dir: u64) {
        let below: Vec<u64> = self
            .nodes
            .keys()
            .copied()
            .filter(|&ino| ino != dir && self.is_under(ino, dir))
            .collect();
        for ino in below {
            if let Some(n) = self.nodes.get_mut(&ino) {
                n.layer = Layer::Upper;
                if n.is_dir() {
                    n.dir_layers = vec![Layer::Upper];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(parent: u64, name: &str) -> Node {
        Node {
            parent,
            name: name.into(),
            kind: libc::S_IFDIR,
            layer: Layer::Lower(0),
            dir_layers: vec![Layer::Lower(0)],
            lower_present: true,
            lookups: 0,
            removed: false,
        }
    }

    #[test]
    fn numbers_are_stable_per_identity_and_aliases_share_them() {
        let mut t = Tree::new(dir(ROOT, ""), (1, 1));
        let a = t.ino_for((1, 10));
        let b = t.ino_for((1, 11));
        assert_ne!(a, b);
        assert_eq!(t.ino_for((1, 10)), a);
        t.alias((2, 99), a);
        assert_eq!(t.ino_for((2, 99)), a);
        assert_eq!(t.known((1, 1)), Some(ROOT));
    }

    #[test]
    fn paths_follow_parents_and_forget_keeps_folders() {
        let mut t = Tree::new(dir(ROOT, ""), (1, 1));
        t.insert_looked_up(2, dir(ROOT, "usr"));
        let mut file = dir(2, "bin");
        file.kind = libc::S_IFREG;
        t.insert_looked_up(3, file);
        assert_eq!(t.path(3).unwrap(), PathBuf::from("usr/bin"));
        assert_eq!(t.path(ROOT).unwrap(), PathBuf::new());
        assert!(t.is_under(3, 2));
        assert!(!t.is_under(2, 3));
        t.forget(3, 1);
        t.forget(2, 1);
        assert!(t.get(3).is_none());
        assert!(t.get(2).is_some());
        assert_eq!(t.child(ROOT, OsStr::new("usr")), Some(2));
    }
}
