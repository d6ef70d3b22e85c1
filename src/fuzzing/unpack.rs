//! The layer unpacker's fuzz target: the bytes are a layer blob (gzip, zstd or plain tar),
//! unpacked in-process into a fresh folder beside a sentinel file and a bait folder, then
//! checked for writes that landed outside the folder.
//!
//! The unpacker runs as whoever runs the fuzzer (root in CI), without a user namespace, so the
//! owners, modes and set-id bits of the layer are really applied: every run's folder lives
//! a 0700 folder, so no other user can reach what it creates.
use crate::image::unpack::{unpack_layer, Options};
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::os::fd::AsFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What the sentinel beside the root holds; a layer that overwrites it changes it.
const SENTINEL_TEXT: &[u8] = b"outside the layer root\n";

/// The metadata of a path that a stray write would change.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    ino: u64,
    mode: u32,
    uid: u32,
    gid: u32,
    nlink: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

fn stamp(path: &Path) -> Stamp {
    let m = fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{} went away during the unpack: {e}", path.display()));
    Stamp {
        ino: m.ino(),
        mode: m.mode(),
        uid: m.uid(),
        gid: m.gid(),
        nlink: m.nlink(),
        size: m.size(),
        mtime: (m.mtime(), m.mtime_nsec()),
        ctime: (m.ctime(), m.ctime_nsec()),
    }
}

fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// One run's folder (0700): `root/` (the layer root), `sentinel` and `bait/` beside it.
struct Run {
    dir: PathBuf,
}

impl Run {
    fn new() -> Run {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "rcon-fuzz-unpack-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&dir);
        let made = fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .and_then(|()| fs::create_dir(dir.join("root")))
            .and_then(|()| fs::create_dir(dir.join("bait")))
            .and_then(|()| fs::write(dir.join("sentinel"), SENTINEL_TEXT));
        if let Err(e) = made {
            panic!("cannot prepare {}: {e}", dir.display());
        }
        Run { dir }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Unpacks `data` as a layer and panics when anything outside the layer root changed: the
/// run folder gained or lost entries, the sentinel or the bait folder (or the root itself)
/// was replaced, written, chmodded, chowned or hardlinked, the bait folder gained entries,
/// or a file in the root is linked from somewhere outside it.
pub fn unpack(data: &[u8]) {
    let run = Run::new();
    let root = run.dir.join("root");
    let sentinel = run.dir.join("sentinel");
    let bait = run.dir.join("bait");
    let before: Vec<Stamp> = [&run.dir, &root, &sentinel, &bait]
        .iter()
        .map(|p| stamp(p))
        .collect();
    let root_dir = fs::File::open(&root).expect("the fresh layer root opens");
    let _ = unpack_layer(data, root_dir.as_fd(), Options::default());
    drop(root_dir);

    let expected: BTreeSet<String> = ["bait", "root", "sentinel"].map(String::from).into();
    assert_eq!(
        names(&run.dir),
        expected,
        "the run folder's entries changed"
    );
    assert!(names(&bait).is_empty(), "the bait folder gained entries");
    assert_eq!(
        fs::read(&sentinel).expect("the sentinel reads"),
        SENTINEL_TEXT,
        "the sentinel was written"
    );
    // The run folder's and the root's times change legitimately (the root's entries, and its
    // mode, owner and times from a `./` entry); the sentinel and the bait must not change.
    let after: Vec<Stamp> = [&run.dir, &root, &sentinel, &bait]
        .iter()
        .map(|p| stamp(p))
        .collect();
    assert_eq!(after[0].ino, before[0].ino, "the run folder was replaced");
    assert_eq!(after[1].ino, before[1].ino, "the layer root was replaced");
    assert_eq!(after[2], before[2], "the sentinel changed");
    assert_eq!(after[3], before[3], "the bait folder changed");
    check_links_stay_inside(&root);
}

/// Every file in the tree under `root` with several names has all of them inside the tree:
/// a hardlink to a file outside would let the container write there.
fn check_links_stay_inside(root: &Path) {
    let mut seen: HashMap<(u64, u64), (u64, u64, PathBuf)> = HashMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(m) = fs::symlink_metadata(&path) else {
                continue;
            };
            if m.is_dir() {
                stack.push(path);
            } else if m.nlink() > 1 {
                let e = seen
                    .entry((m.dev(), m.ino()))
                    .or_insert((m.nlink(), 0, path));
                e.1 += 1;
            }
        }
    }
    for (nlink, found, path) in seen.values() {
        assert_eq!(
            nlink,
            found,
            "{} has {nlink} links but only {found} inside the layer root",
            path.display()
        );
    }
}
