//! Changes: what a layer in the store's form (a container's upper folder, or an image's top
//! layer) adds, changes and deletes against the layers below it, as `rcon diff` lists them.
//!
//! The layer is walked by the `diff` helper (the walk `rcon commit` uses, in the store's user
//! namespace), whose tar is read here for its names: a whiteout `.wh.<name>` is a deletion; an
//! opaque folder deletes what the layers below held in it and it does not hold itself; any
//! other name is a change when the layers below have it (folders a change was made in
//! included, as Podman lists them) and an addition when not.
//!
//! Two whole trees (`rcon diff A B` of any containers or images) are compared by
//! [`tree_changes`]: the layers past their common bottom ones are walked the same way, and
//! each name they hold is looked up in both merged views.
//!
//! The layers below are looked into from the caller's side, one name at a time beneath each
//! layer's folder without following a symlink ([`Layers`]); a folder the user cannot search
//! (owned by a subordinate id, mode 0700) counts as holding the name.
use crate::image::unpack::OPAQUE_XATTR;
use crate::ipc::helper::{self, SpawnError};
use crate::ipc::role::{Mtimes, Role};
use crate::linux::idmap::IdMap;
use nix::errno::Errno;
use nix::fcntl::{openat, AtFlags, OFlag};
use nix::sys::stat::{fstatat, Mode, SFlag};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::CString;
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const WHITEOUT_PREFIX: &str = ".wh.";
const OPAQUE_MARKER: &str = ".wh..wh..opq";

/// What happened to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Changed,
    Added,
    Deleted,
}

impl Kind {
    /// Podman's letter: `C`, `A`, `D`.
    pub(crate) fn letter(self) -> char {
        match self {
            Kind::Changed => 'C',
            Kind::Added => 'A',
            Kind::Deleted => 'D',
        }
    }
}

/// One changed path: absolute, without a trailing `/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Change {
    pub(crate) path: String,
    pub(crate) kind: Kind,
}

/// Why the changes could not be listed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ChangesError {
    #[error("cannot read the layer: {0}")]
    Helper(#[from] SpawnError),
    #[error("reading the layer's entries: {0}")]
    Read(#[source] io::Error),
}

/// What lies below the layer: whether a path is there, and what a folder holds.
pub(crate) trait Below {
    /// Whether `path` (absolute) is in the merged view of the layers below.
    fn exists(&self, path: &str) -> bool;
    /// The names in the folder `dir` (absolute) of the merged view below.
    fn children(&self, dir: &str) -> BTreeSet<String>;
}

/// The entry names of a layer tar, absolute, without a trailing `/`.
fn tar_names<R: Read>(tar: R) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut archive = tar::Archive::new(tar);
    for entry in archive.entries()? {
        let entry = entry?;
        let path = entry.path()?;
        let name = path.to_string_lossy().trim_end_matches('/').to_string();
        if !name.is_empty() && name != "." {
            names.push(format!("/{}", name.trim_start_matches("./")));
        }
    }
    Ok(names)
}

/// The changes of a layer, from its entry names (absolute, as its tar has them: whiteout
/// files, opaque markers), against `below`; sorted by path.
pub(crate) fn classify_names(names: &[String], below: &dyn Below) -> Vec<Change> {
    // The names each folder of the layer holds, for its opaque marker.
    let mut held: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for n in names {
        let (dir, base) = split(n);
        held.entry(dir).or_default().insert(base);
    }
    let mut out: BTreeMap<String, Kind> = BTreeMap::new();
    for n in names {
        let (dir, base) = split(n);
        if base == OPAQUE_MARKER {
            let holds = held.get(dir);
            for child in below.children(dir) {
                if holds.is_some_and(|h| h.contains(child.as_str())) {
                    continue;
                }
                out.insert(join(dir, &child), Kind::Deleted);
            }
        } else if let Some(gone) = base.strip_prefix(WHITEOUT_PREFIX) {
            out.insert(join(dir, gone), Kind::Deleted);
        } else {
            let kind = if below.exists(n) {
                Kind::Changed
            } else {
                Kind::Added
            };
            out.insert(n.clone(), kind);
        }
    }
    out.into_iter()
        .map(|(path, kind)| Change { path, kind })
        .collect()
}

/// `/a/b` → (`/a`, `b`); `/a` → (`/`, `a`).
fn split(path: &str) -> (&str, &str) {
    match path.rsplit_once('/') {
        Some(("", base)) => ("/", base),
        Some((dir, base)) => (dir, base),
        None => ("/", path),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Lists the changes of `layer` (a folder in the store's form) against `lowers` (layer folders,
/// bottom first). The walk runs in the store's user namespace (the `diff` helper); empty mount
/// points at `mount_targets` are left out as `rcon commit` leaves them out.
pub(crate) fn layer_changes(
    idmap: &IdMap,
    layer: &Path,
    lowers: &[PathBuf],
    mount_targets: &[String],
) -> Result<Vec<Change>, ChangesError> {
    let names = layer_names(idmap, layer, mount_targets)?;
    Ok(classify_names(&names, &Layers::new(lowers)))
}

/// The entry names (absolute) of the layer folder `layer`, as the `diff` helper's walk writes
/// them: whiteouts as `.wh.<name>`, opaque folders followed by their marker.
fn layer_names(
    idmap: &IdMap,
    layer: &Path,
    mount_targets: &[String],
) -> Result<Vec<String>, ChangesError> {
    let role = Role::Diff {
        upper: layer.to_path_buf(),
        single_uid: idmap.is_single(),
        mtimes: Mtimes::Keep,
        mount_targets: mount_targets.to_vec(),
        // Only read: the layer is never changed here.
        adopt: false,
        build: false,
    };
    let mut child = helper::spawn(idmap, &role, Stdio::null(), Stdio::piped())?;
    let stdout = child
        .stdout()
        .ok_or_else(|| ChangesError::Read(io::Error::other("the diff helper has no stdout")))?;
    let read = tar_names(stdout);
    let waited = child.wait();
    match (read, waited) {
        (Ok(names), Ok(())) => Ok(names),
        (_, Err(e)) => Err(ChangesError::Helper(e)),
        (Err(e), Ok(())) => Err(ChangesError::Read(e)),
    }
}

/// One side of a comparison of two trees: its layer folders, bottom first (a container's
/// writable layer last), and the mount points its writable layer holds.
pub(crate) struct Tree<'a> {
    pub(crate) layers: &'a [PathBuf],
    pub(crate) mount_targets: &'a [String],
}

/// The changes from `from` to `to`: only the layers past the two trees' common bottom layers
/// are walked, and each name they hold is looked up in both merged views (added when only `to`
/// has it, deleted when only `from` has it, changed when both do).
pub(crate) fn tree_changes(
    idmap: &IdMap,
    to: &Tree<'_>,
    from: &Tree<'_>,
) -> Result<Vec<Change>, ChangesError> {
    let common = to
        .layers
        .iter()
        .zip(from.layers)
        .take_while(|(a, b)| a == b)
        .count();
    let mut names = Vec::new();
    for tree in [to, from] {
        let top = tree.layers.len();
        for (i, layer) in tree.layers.iter().enumerate().skip(common) {
            // Only a container's writable layer (the top one) holds mount points.
            let targets = if i + 1 == top {
                tree.mount_targets
            } else {
                &[]
            };
            names.extend(layer_names(idmap, layer, targets)?);
        }
    }
    Ok(classify_views(
        &names,
        &Layers::new(to.layers),
        &Layers::new(from.layers),
    ))
}

/// [`tree_changes`] of the entry names of the walked layers, against the two merged views.
pub(crate) fn classify_views(names: &[String], to: &dyn Below, from: &dyn Below) -> Vec<Change> {
    let mut candidates: BTreeSet<String> = BTreeSet::new();
    for n in names {
        let (dir, base) = split(n);
        if base == OPAQUE_MARKER {
            for child in from.children(dir).into_iter().chain(to.children(dir)) {
                candidates.insert(join(dir, &child));
            }
        } else if let Some(gone) = base.strip_prefix(WHITEOUT_PREFIX) {
            candidates.insert(join(dir, gone));
        } else {
            candidates.insert(n.clone());
        }
    }
    // A folder only `to` has is listed with everything in it (a whiteout in `from`'s layers
    // names the folder alone).
    let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
    let mut queue: Vec<String> = candidates.into_iter().collect();
    while let Some(path) = queue.pop() {
        if kinds.contains_key(&path) {
            continue;
        }
        let kind = match (to.exists(&path), from.exists(&path)) {
            (true, false) => Kind::Added,
            (false, true) => Kind::Deleted,
            (true, true) => Kind::Changed,
            (false, false) => continue,
        };
        if kind == Kind::Added {
            queue.extend(to.children(&path).iter().map(|c| join(&path, c)));
        }
        kinds.insert(path, kind);
    }
    let all: Vec<Change> = kinds
        .into_iter()
        .map(|(path, kind)| Change { path, kind })
        .collect();
    // A deleted folder is listed alone, as Podman lists it: not what it held.
    let deleted: BTreeSet<&str> = all
        .iter()
        .filter(|c| c.kind == Kind::Deleted)
        .map(|c| c.path.as_str())
        .collect();
    let under_deleted = |path: &str| {
        let mut p = path;
        while let Some((parent, _)) = p.rsplit_once('/') {
            if parent.is_empty() {
                return false;
            }
            if deleted.contains(parent) {
                return true;
            }
            p = parent;
        }
        false
    };
    all.iter()
        .filter(|c| !(c.kind == Kind::Deleted && under_deleted(&c.path)))
        .cloned()
        .collect()
}

/// Layer folders in the store's form, topmost first, looked into name by name.
pub(crate) struct Layers {
    top_first: Vec<PathBuf>,
}

/// What one layer says about a path.
enum Says {
    /// It holds the path.
    Present,
    /// It hides the path from the layers below (a whiteout, a non-folder on the way, or an
    /// opaque folder on the way without the path).
    Hidden,
    /// Nothing: look further down.
    Nothing,
    /// It could not be looked into: take the path as present.
    Unknown,
}

impl Layers {
    /// `lowers` bottom first, as images list them.
    pub(crate) fn new(lowers: &[PathBuf]) -> Layers {
        Layers {
            top_first: lowers.iter().rev().cloned().collect(),
        }
    }

    /// What `layer` says about the components `parts`; with `open_last`, the last folder's
    /// descriptor and whether it is opaque.
    fn look(layer: &Path, parts: &[&str]) -> (Says, Option<(OwnedFd, bool)>) {
        let Ok(root) = std::fs::File::open(layer) else {
            return (Says::Nothing, None);
        };
        let mut dir: OwnedFd = root.into();
        let mut opaque_above = false;
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let st = match fstatat(Some(dir.as_raw_fd()), *part, AtFlags::AT_SYMLINK_NOFOLLOW) {
                Ok(st) => st,
                Err(Errno::ENOENT) => {
                    let says = if opaque_above {
                        Says::Hidden
                    } else {
                        Says::Nothing
                    };
                    return (says, None);
                }
                Err(_) => return (Says::Unknown, None),
            };
            let fmt = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
            if fmt == SFlag::S_IFCHR && st.st_rdev == 0 {
                return (Says::Hidden, None);
            }
            if fmt != SFlag::S_IFDIR {
                return (if last { Says::Present } else { Says::Hidden }, None);
            }
            let fd = match openat(
                Some(dir.as_raw_fd()),
                *part,
                OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::empty(),
            ) {
                Ok(fd) => crate::sys::fd::own(fd),
                Err(_) => return (Says::Unknown, None),
            };
            let opaque = is_opaque(fd.as_fd());
            if last {
                return (Says::Present, Some((fd, opaque)));
            }
            opaque_above |= opaque;
            dir = fd;
        }
        // The root itself.
        let opaque = is_opaque(dir.as_fd());
        (Says::Present, Some((dir, opaque)))
    }
}

fn parts(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect()
}

fn is_opaque(fd: BorrowedFd<'_>) -> bool {
    let Ok(name) = CString::new(OPAQUE_XATTR) else {
        return false;
    };
    let mut buf = [0u8; 8];
    matches!(crate::sys::xattr::fget(fd, &name, &mut buf), Ok(1) if buf[0] == b'y')
}

impl Below for Layers {
    fn exists(&self, path: &str) -> bool {
        let parts = parts(path);
        for layer in &self.top_first {
            match Layers::look(layer, &parts).0 {
                Says::Present | Says::Unknown => return true,
                Says::Hidden => return false,
                Says::Nothing => {}
            }
        }
        false
    }

    fn children(&self, dir: &str) -> BTreeSet<String> {
        let parts = parts(dir);
        let mut seen = BTreeSet::new();
        let mut hidden = BTreeSet::new();
        for layer in &self.top_first {
            let (says, fd) = Layers::look(layer, &parts);
            match (says, fd) {
                (Says::Present, Some((fd, opaque))) => {
                    for (name, whiteout) in list(fd) {
                        if whiteout {
                            hidden.insert(name);
                        } else if !hidden.contains(&name) {
                            seen.insert(name);
                        }
                    }
                    if opaque {
                        break;
                    }
                }
                (Says::Nothing, _) => {}
                _ => break,
            }
        }
        seen
    }
}

/// The names in an open folder, each with whether it is a whiteout.
fn list(fd: OwnedFd) -> Vec<(String, bool)> {
    let raw = fd.as_raw_fd();
    let Ok(mut d) = nix::dir::Dir::from(fd) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in d.iter().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "." || name == ".." {
            continue;
        }
        let whiteout = fstatat(Some(raw), name.as_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
            .map(|st| {
                SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFCHR
                    && st.st_rdev == 0
            })
            .unwrap_or(false);
        out.push((name, whiteout));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The merged view below as a set of paths.
    struct Fake(BTreeSet<&'static str>);

    impl Below for Fake {
        fn exists(&self, path: &str) -> bool {
            self.0.contains(path)
        }
        fn children(&self, dir: &str) -> BTreeSet<String> {
            self.0
                .iter()
                .filter_map(|p| {
                    let (d, b) = split(p);
                    (d == dir).then(|| b.to_string())
                })
                .collect()
        }
    }

    fn below() -> Fake {
        Fake(
            [
                "/etc",
                "/etc/passwd",
                "/etc/sub",
                "/etc/sub/a",
                "/tmp",
                "/tmp/x",
                "/srv",
                "/srv/keep",
                "/srv/old",
                "/opt",
                "/opt/1",
                "/opt/2",
            ]
            .into_iter()
            .collect(),
        )
    }

    fn lines(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("{} {}", c.kind.letter(), c.path))
            .collect()
    }

    #[test]
    fn whiteouts_are_deletions_new_names_additions_and_existing_ones_changes() {
        let names: Vec<String> = [
            "/etc",
            "/etc/passwd",
            "/etc/sub",
            "/etc/sub/new",
            "/newdir",
            "/newdir/y",
            "/tmp",
            "/tmp/.wh.x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            lines(&classify_names(&names, &below())),
            [
                "C /etc",
                "C /etc/passwd",
                "C /etc/sub",
                "A /etc/sub/new",
                "A /newdir",
                "A /newdir/y",
                "C /tmp",
                "D /tmp/x",
            ]
        );
    }

    #[test]
    fn an_opaque_folder_deletes_what_it_does_not_hold_again() {
        let names: Vec<String> = ["/opt", "/opt/.wh..wh..opq", "/opt/2", "/opt/3"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            lines(&classify_names(&names, &below())),
            ["C /opt", "D /opt/1", "C /opt/2", "A /opt/3"]
        );
    }

    #[test]
    fn two_views_compare_by_what_each_holds() {
        // `from` is below(); `to` adds /srv/new, drops /srv/old and /opt, keeps /etc/passwd.
        let to = Fake(
            [
                "/etc",
                "/etc/passwd",
                "/etc/sub",
                "/etc/sub/a",
                "/tmp",
                "/tmp/x",
                "/srv",
                "/srv/keep",
                "/srv/new",
            ]
            .into_iter()
            .collect(),
        );
        let names: Vec<String> = [
            "/etc/passwd",
            "/srv",
            "/srv/new",
            "/srv/.wh.old",
            "/.wh.opt",
            "/srv/.wh.never",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            lines(&classify_views(&names, &to, &below())),
            [
                "C /etc/passwd",
                "D /opt",
                "C /srv",
                "A /srv/new",
                "D /srv/old"
            ]
        );
        // The other way round, additions and deletions swap; an added folder comes with what
        // it holds.
        assert_eq!(
            lines(&classify_views(&names, &below(), &to)),
            [
                "C /etc/passwd",
                "A /opt",
                "A /opt/1",
                "A /opt/2",
                "C /srv",
                "D /srv/new",
                "A /srv/old"
            ]
        );
    }

    #[test]
    fn a_tar_from_the_walk_is_read_by_its_names() {
        let mut b = tar::Builder::new(Vec::new());
        for (path, dir) in [("srv/", true), ("srv/.wh.old", false), ("srv/new", false)] {
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(if dir {
                tar::EntryType::Directory
            } else {
                tar::EntryType::Regular
            });
            h.set_size(0);
            h.set_path(path).unwrap();
            h.set_cksum();
            b.append(&h, io::empty()).unwrap();
        }
        let tar = b.into_inner().unwrap();
        let changes = classify_names(&tar_names(&tar[..]).unwrap(), &below());
        assert_eq!(lines(&changes), ["C /srv", "A /srv/new", "D /srv/old"]);
    }

    #[test]
    fn store_form_layers_are_looked_into_top_first() {
        let tmp = std::env::temp_dir().join(format!("rcon-changes-{}", std::process::id()));
        let (bottom, top) = (tmp.join("bottom"), tmp.join("top"));
        std::fs::create_dir_all(bottom.join("a/b")).unwrap();
        std::fs::write(bottom.join("a/b/f"), "").unwrap();
        std::fs::write(bottom.join("a/g"), "").unwrap();
        std::fs::create_dir_all(top.join("a")).unwrap();
        std::fs::write(top.join("a/h"), "").unwrap();
        let layers = Layers::new(&[bottom.clone(), top.clone()]);
        assert!(layers.exists("/a/b/f"));
        assert!(layers.exists("/a/h"));
        assert!(!layers.exists("/a/zz"));
        assert_eq!(
            layers.children("/a").into_iter().collect::<Vec<_>>(),
            ["b", "g", "h"]
        );
        // A regular file in the top layer where the bottom has a folder hides the folder.
        std::fs::remove_dir_all(top.join("a")).unwrap();
        std::fs::write(top.join("a"), "").unwrap();
        assert!(!layers.exists("/a/b/f"));
        assert!(layers.exists("/a"));
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
