//! A normalised listing of an image's file tree from a tar of it (what `rcon cp CTR:/ -` and
//! `podman export` write), and the comparison of two listings that names the first difference.
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// One path of a tree. Times are left out: RUN steps write files at build time, and folders'
/// times change with every file added below them, in both tools, differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: char,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub size: u64,
    pub sha256: String,
    pub link: String,
    pub xattrs: BTreeMap<String, Vec<u8>>,
    /// Every path of this file's hardlink group (itself included), when it has more than one.
    pub hardlinks: BTreeSet<String>,
}

/// Paths in both trees that the tools legitimately leave different, with the reason.
const ALWAYS_SKIPPED: &[(&str, &str)] = &[
    // Podman creates these mount points in every container's root when it creates it (for its
    // bind mounts of the container's own files); rcon mounts them over what the image has.
    // They are no part of the image.
    ("etc/hosts", "a container's mount point podman adds"),
    ("etc/hostname", "a container's mount point podman adds"),
    ("etc/resolv.conf", "a container's mount point podman adds"),
    ("run/.containerenv", "podman's marker file of a container"),
    ("run", "podman's folder of its marker file"),
    (
        "dev",
        "the folder of a container's devices (podman's export adds it)",
    ),
    ("proc", "a container's mount point"),
    ("sys", "a container's mount point"),
];

fn clean(path: &str) -> String {
    let p = path.trim_start_matches("./").trim_start_matches('/');
    p.trim_end_matches('/').to_string()
}

/// The listing of the tar `bytes`, keyed by path (relative, no `./`).
pub fn listing(bytes: &[u8]) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    apply(&mut out, bytes);
    out
}

/// The tree an image's layer tars (bottom first, each plain, gzip or zstd) make together, with
/// their whiteouts (`.wh.NAME` removes NAME, `.wh..wh..opq` empties its folder) applied.
pub fn flatten(layers: &[Vec<u8>]) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for blob in layers {
        let plain = match blob.get(..4) {
            Some([0x1f, 0x8b, ..]) => {
                let mut v = Vec::new();
                flate2::read::GzDecoder::new(&blob[..])
                    .read_to_end(&mut v)
                    .unwrap();
                v
            }
            Some([0x28, 0xb5, 0x2f, 0xfd]) => zstd::decode_all(&blob[..]).unwrap(),
            _ => blob.clone(),
        };
        apply(&mut out, &plain);
    }
    out
}

fn remove_below(out: &mut BTreeMap<String, Entry>, dir: &str) {
    let prefix = format!("{dir}/");
    out.retain(|k, _| !k.starts_with(&prefix));
}

/// Adds the entries of the tar `bytes` to `out`, applying its whiteouts.
fn apply(out: &mut BTreeMap<String, Entry>, bytes: &[u8]) {
    let mut links: Vec<(String, String)> = Vec::new();
    let mut ar = tar::Archive::new(bytes);
    for e in ar.entries().expect("a tar") {
        let mut e = e.expect("a tar entry");
        let path = clean(&String::from_utf8_lossy(&e.path_bytes()));
        if path.is_empty() {
            continue;
        }
        let (parent, base) = match path.rsplit_once('/') {
            Some((p, b)) => (p.to_string(), b.to_string()),
            None => (String::new(), path.clone()),
        };
        if base == ".wh..wh..opq" {
            if parent.is_empty() {
                out.clear();
            } else {
                remove_below(out, &parent);
            }
            continue;
        }
        if let Some(gone) = base.strip_prefix(".wh.") {
            let gone = if parent.is_empty() {
                gone.to_string()
            } else {
                format!("{parent}/{gone}")
            };
            out.remove(&gone);
            remove_below(out, &gone);
            continue;
        }
        let h = e.header().clone();
        let mut xattrs = BTreeMap::new();
        if let Ok(Some(ext)) = e.pax_extensions() {
            for x in ext.flatten() {
                if let Some(name) = x.key().ok().and_then(|k| k.strip_prefix("SCHILY.xattr.")) {
                    xattrs.insert(name.to_string(), x.value_bytes().to_vec());
                }
            }
        }
        let link = e
            .link_name_bytes()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .unwrap_or_default();
        let kind = match h.entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous => 'f',
            tar::EntryType::Directory => 'd',
            tar::EntryType::Symlink => 'l',
            tar::EntryType::Link => 'h',
            tar::EntryType::Char => 'c',
            tar::EntryType::Block => 'b',
            tar::EntryType::Fifo => 'p',
            other => panic!("{path}: unexpected tar entry type {other:?}"),
        };
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if kind == 'h' {
            links.push((path, clean(&link)));
            continue;
        }
        out.insert(
            path,
            Entry {
                kind,
                mode: h.mode().unwrap() & 0o7777,
                uid: h.uid().unwrap(),
                gid: h.gid().unwrap(),
                size: data.len() as u64,
                sha256: Sha256::digest(&data)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                link: if kind == 'l' { link } else { String::new() },
                xattrs,
                hardlinks: BTreeSet::new(),
            },
        );
    }
    // A hardlink entry is its target's file under another name; both name the whole group.
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, target) in &links {
        let g = groups.entry(target.clone()).or_default();
        g.insert(target.clone());
        g.insert(path.clone());
    }
    for (target, group) in groups {
        let Some(base) = out.get(&target).cloned() else {
            panic!("hardlink to {target}, which the tar does not hold before it");
        };
        for p in &group {
            let mut e = base.clone();
            e.hardlinks = group.clone();
            out.insert(p.clone(), e);
        }
    }
}

fn skipped(path: &str, skip: &[&str]) -> bool {
    ALWAYS_SKIPPED.iter().any(|(p, _)| *p == path)
        || path.starts_with("dev/")
        || path.starts_with("proc/")
        || path.starts_with("sys/")
        || skip
            .iter()
            .any(|s| *s == path || path.starts_with(&format!("{s}/")))
}

/// Compares rcon's tree with podman's; the first difference in path order, said plainly.
pub fn compare(
    rcon: &BTreeMap<String, Entry>,
    podman: &BTreeMap<String, Entry>,
    skip: &[&str],
) -> Result<(), String> {
    let paths: BTreeSet<&String> = rcon.keys().chain(podman.keys()).collect();
    for p in paths {
        if skipped(p, skip) {
            continue;
        }
        match (rcon.get(p), podman.get(p)) {
            (Some(r), Some(q)) if r == q => {}
            (Some(r), Some(q)) => {
                return Err(format!("/{p} differs:\n  rcon:   {r:?}\n  podman: {q:?}"));
            }
            (Some(r), None) => return Err(format!("/{p} only in rcon's image: {r:?}")),
            (None, Some(q)) => return Err(format!("/{p} only in podman's image: {q:?}")),
            (None, None) => unreachable!(),
        }
    }
    Ok(())
}

/// Checks `tree` against what Docker documents: (path, `f:<content>` | `d` | `l:<target>` |
/// `-` for absent).
pub fn expect(tree: &BTreeMap<String, Entry>, want: &[(&str, &str)]) -> Result<(), String> {
    for (path, what) in want {
        let got = tree.get(*path);
        let ok = match (what.split_once(':'), got) {
            (_, None) => *what == "-",
            (Some(("f", data)), Some(e)) => {
                e.kind == 'f'
                    && e.sha256
                        == Sha256::digest(data.as_bytes())
                            .iter()
                            .map(|b| format!("{b:02x}"))
                            .collect::<String>()
            }
            (Some(("l", target)), Some(e)) => e.kind == 'l' && e.link == *target,
            (None, Some(e)) => *what == "d" && e.kind == 'd',
            _ => false,
        };
        if !ok {
            return Err(format!(
                "/{path}: Docker documents {what:?}, rcon's image has {got:?}"
            ));
        }
    }
    Ok(())
}

/// Forgets an entry's hardlink group (for a case whose hardlinks rcon is known to lose).
pub fn strip_hardlinks(e: &mut Entry) {
    e.hardlinks.clear();
}

/// Forgets an entry's xattrs (for a case whose xattrs rcon is known to lose).
pub fn strip_xattrs(e: &mut Entry) {
    e.xattrs.clear();
}
