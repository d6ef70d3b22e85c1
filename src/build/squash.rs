//! `--squash` and `--squash-all`: layers merged into one, as the stack of them reads.
//!
//! The merge works on the layers' tars, bottom first, with the OCI layer rules: a later entry
//! replaces an earlier one (a non-folder over a folder takes its contents away too), a
//! whiteout `.wh.NAME` removes NAME and what lies below it, an opaque marker `.wh..wh..opq`
//! empties its folder of what earlier layers put there. For `--squash` the result still sits
//! on the base image's layers, so whiteouts and opaque markers that reach into them are kept
//! (and a folder re-made after a whiteout becomes opaque); for `--squash-all` nothing lies
//! below, and they go. Entries keep their owners, modes, times, links and xattrs; file data
//! waits in an unnamed temporary file until the merged tar is written, sorted by name.
use super::builder::Shared;
use super::error::BuildError;
use super::stage::StageImage;
use crate::image::commit::{self, History, ImageDraft};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

const WHITEOUT: &[u8] = b".wh.";
const OPAQUE: &[u8] = b".wh..wh..opq";

/// One name in the merged layer.
enum Node {
    Entry {
        header: Box<tar::Header>,
        /// Offset and length of the data in the spool.
        data: Option<(u64, u64)>,
        link: Option<Vec<u8>>,
        /// `SCHILY.xattr.*` records.
        xattrs: Vec<(String, Vec<u8>)>,
    },
    Whiteout,
}

/// A layer name without `./`, leading or trailing `/`.
fn clean(path: &[u8]) -> Vec<u8> {
    let mut p = path;
    while let Some(rest) = p.strip_prefix(b"./") {
        p = rest;
    }
    while let Some(rest) = p.strip_prefix(b"/") {
        p = rest;
    }
    while let Some(rest) = p.strip_suffix(b"/") {
        p = rest;
    }
    p.to_vec()
}

fn path_of(bytes: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

/// The `SCHILY.xattr.*` records of a tar entry, to write again with the entry.
pub(crate) fn pax_xattrs<R: Read>(
    entry: &mut tar::Entry<'_, R>,
) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut xattrs = Vec::new();
    if let Some(pax) = entry.pax_extensions()? {
        for ext in pax {
            let ext = ext?;
            if let Ok(key) = ext.key() {
                if key.starts_with("SCHILY.xattr.") {
                    xattrs.push((key.to_string(), ext.value_bytes().to_vec()));
                }
            }
        }
    }
    Ok(xattrs)
}

/// The header of a whiteout or opaque marker: an empty file owned by 0:0.
fn marker_header() -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(tar::EntryType::Regular);
    h.set_size(0);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h
}

fn split(path: &[u8]) -> (&[u8], &[u8]) {
    match path.iter().rposition(|b| *b == b'/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (&[], path),
    }
}

fn join(dir: &[u8], name: &[u8]) -> Vec<u8> {
    if dir.is_empty() {
        name.to_vec()
    } else {
        [dir, b"/", name].concat()
    }
}

/// Removes everything strictly below `dir` (the root: everything).
fn drop_below(nodes: &mut BTreeMap<Vec<u8>, Node>, opaque: &mut BTreeSet<Vec<u8>>, dir: &[u8]) {
    let prefix = if dir.is_empty() {
        Vec::new()
    } else {
        join(dir, b"")
    };
    let doomed: Vec<Vec<u8>> = nodes
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter(|(k, _)| k.len() > prefix.len())
        .map(|(k, _)| k.clone())
        .collect();
    for k in doomed {
        nodes.remove(&k);
    }
    opaque.retain(|o| !(o.starts_with(&prefix) && o.len() > prefix.len()));
}

/// The merged layers, in order.
pub(crate) struct Merge {
    nodes: BTreeMap<Vec<u8>, Node>,
    opaque: BTreeSet<Vec<u8>>,
    spool: File,
    spooled: u64,
}

impl Merge {
    /// An empty merge; file data waits in an unnamed temporary file.
    pub(crate) fn new() -> io::Result<Merge> {
        let spool = crate::util::fs::anonymous_temp_file()?;
        Ok(Merge {
            nodes: BTreeMap::new(),
            opaque: BTreeSet::new(),
            spool,
            spooled: 0,
        })
    }

    /// Adds the next layer (an uncompressed layer tar).
    pub(crate) fn add(&mut self, layer: impl Read) -> io::Result<()> {
        let mut archive = tar::Archive::new(layer);
        for entry in archive.entries()? {
            let mut entry = entry?;
            let path = clean(&entry.path_bytes());
            if path.is_empty() {
                continue;
            }
            let (dir, name) = split(&path);
            let (dir, name) = (dir.to_vec(), name.to_vec());
            if name == OPAQUE {
                drop_below(&mut self.nodes, &mut self.opaque, &dir);
                self.opaque.insert(dir);
                continue;
            }
            if let Some(hidden) = name.strip_prefix(WHITEOUT) {
                let target = join(&dir, hidden);
                drop_below(&mut self.nodes, &mut self.opaque, &target);
                self.opaque.remove(&target);
                self.nodes.insert(target, Node::Whiteout);
                continue;
            }
            let header = entry.header().clone();
            let is_dir = header.entry_type().is_dir();
            let before = self.nodes.get(&path);
            let was_whiteout = matches!(before, Some(Node::Whiteout));
            let was_dir =
                matches!(before, Some(Node::Entry { header, .. }) if header.entry_type().is_dir());
            if was_dir && !is_dir {
                drop_below(&mut self.nodes, &mut self.opaque, &path);
                self.opaque.remove(&path);
            }
            if is_dir && was_whiteout {
                // The folder below was removed, then made again: nothing of it shows.
                self.opaque.insert(path.clone());
            }
            let xattrs = pax_xattrs(&mut entry)?;
            let link = entry.link_name_bytes().map(|l| l.into_owned());
            let data = if header.entry_type().is_file() {
                let start = self.spooled;
                self.spool.seek(SeekFrom::Start(start))?;
                let n = io::copy(&mut entry, &mut self.spool)?;
                self.spooled += n;
                Some((start, n))
            } else {
                None
            };
            self.nodes.insert(
                path,
                Node::Entry {
                    header: Box::new(header),
                    data,
                    link,
                    xattrs,
                },
            );
        }
        Ok(())
    }

    /// Writes the merged layer. `on_top` keeps whiteouts and opaque markers (a layer above
    /// others); without it they go (the only layer).
    pub(crate) fn write(mut self, out: impl Write, on_top: bool) -> io::Result<()> {
        let mut b = tar::Builder::new(out);
        let mut keys: Vec<Vec<u8>> = self.nodes.keys().cloned().collect();
        if on_top {
            for dir in &self.opaque {
                keys.push(join(dir, OPAQUE));
            }
        }
        keys.sort();
        for key in keys {
            let path = path_of(&key);
            let node = self.nodes.get(&key);
            let (dir, name) = split(&key);
            match node {
                None if name == OPAQUE => {
                    let mut h = marker_header();
                    b.append_data(&mut h, &path, io::empty())?;
                }
                None => {}
                Some(Node::Whiteout) => {
                    if !on_top {
                        continue;
                    }
                    let wh = join(dir, &[WHITEOUT, name].concat());
                    let wh = path_of(&wh);
                    let mut h = marker_header();
                    b.append_data(&mut h, &wh, io::empty())?;
                }
                Some(Node::Entry {
                    header,
                    data,
                    link,
                    xattrs,
                }) => {
                    if !xattrs.is_empty() {
                        b.append_pax_extensions(
                            xattrs.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
                        )?;
                    }
                    let mut h = (**header).clone();
                    match (data, link) {
                        (Some((start, len)), _) => {
                            self.spool.seek(SeekFrom::Start(*start))?;
                            let mut r = (&self.spool).take(*len);
                            h.set_size(*len);
                            b.append_data(&mut h, &path, &mut r)?;
                        }
                        (None, Some(l)) => {
                            let l = path_of(l);
                            h.set_size(0);
                            b.append_link(&mut h, &path, &l)?;
                        }
                        (None, None) => {
                            h.set_size(0);
                            b.append_data(&mut h, &path, io::empty())?;
                        }
                    }
                }
            }
        }
        b.into_inner()?.flush()
    }
}

/// The stage image `last` with its new layers (all its layers with `all`) as one.
pub(crate) fn apply(
    sh: &Shared<'_>,
    last: &StageImage,
    all: bool,
) -> Result<StageImage, BuildError> {
    let io_err = |what: &str| {
        let what = what.to_string();
        move |source| BuildError::Io { what, source }
    };
    let base_layers = if all {
        0
    } else {
        last.base.as_ref().map_or(0, |b| b.layers.len())
    };
    let layers = &last.record.layers[base_layers.min(last.record.layers.len())..];
    let final_draft = ImageDraft::from_image(&sh.store, &last.record)?;
    let mut draft = match (&last.base, all) {
        (Some(base), false) => ImageDraft::from_image(&sh.store, base)?,
        _ => ImageDraft::scratch(),
    };
    // The result's settings are the built image's; its layers and history are the new ones.
    for key in ["config", "architecture", "os", "variant", "author"] {
        if let (Some(v), Some(o)) = (
            final_draft.config().get(key).cloned(),
            draft.config_mut().as_object_mut(),
        ) {
            o.insert(key.to_string(), v);
        }
    }
    let history = History {
        created: super::stage::created(sh.opts.timestamp),
        created_by: format!(
            "/bin/sh -c #(nop) {} of {} layers",
            if all { "--squash-all" } else { "--squash" },
            layers.len()
        ),
        comment: String::new(),
        author: String::new(),
    };
    if layers.is_empty() {
        draft.add_empty(&history);
    } else {
        let mut merge = Merge::new().map_err(io_err("--squash"))?;
        for chain in layers {
            let tar = crate::image::layer_tar::open(&sh.store, &sh.idmap, chain)
                .map_err(|e| BuildError::step("--squash", e))?;
            merge
                .add(tar)
                .map_err(io_err(&format!("--squash: layer {chain}")))?;
        }
        let mut spool = crate::util::fs::anonymous_temp_file().map_err(io_err("--squash"))?;
        merge
            .write(&mut spool, !all && base_layers > 0)
            .map_err(io_err("--squash"))?;
        spool.seek(SeekFrom::Start(0)).map_err(io_err("--squash"))?;
        let parent = draft.top_layer().cloned();
        let layer = commit::commit_layer(&sh.store, &sh.idmap, parent.as_ref(), &mut spool)?;
        draft.add_layer(layer, &history)?;
    }
    let stored = draft.store(&sh.store, super::stage::format(sh.opts.format))?;
    Ok(StageImage {
        record: stored.record.clone(),
        base: last.base.clone(),
        _kept: vec![stored],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct L(tar::Builder<Vec<u8>>);

    impl L {
        fn new() -> L {
            L(tar::Builder::new(Vec::new()))
        }
        fn file(mut self, path: &str, data: &str) -> L {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_uid(1000);
            self.0.append_data(&mut h, path, data.as_bytes()).unwrap();
            self
        }
        fn dir(mut self, path: &str) -> L {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Directory);
            h.set_size(0);
            h.set_mode(0o755);
            self.0.append_data(&mut h, path, io::empty()).unwrap();
            self
        }
        fn done(self) -> Vec<u8> {
            self.0.into_inner().unwrap()
        }
    }

    fn listing(tar_bytes: &[u8]) -> Vec<(String, String)> {
        let mut a = tar::Archive::new(tar_bytes);
        a.entries()
            .unwrap()
            .map(|e| {
                let mut e = e.unwrap();
                let p = e.path().unwrap().to_string_lossy().into_owned();
                let mut s = String::new();
                e.read_to_string(&mut s).unwrap();
                (p, s)
            })
            .collect()
    }

    fn merged(layers: Vec<Vec<u8>>, on_top: bool) -> Vec<(String, String)> {
        let mut m = Merge::new().unwrap();
        for l in layers {
            m.add(&l[..]).unwrap();
        }
        let mut out = Vec::new();
        m.write(&mut out, on_top).unwrap();
        listing(&out)
    }

    fn p(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn later_layers_win_and_whiteouts_remove() {
        let one = L::new()
            .dir("a/")
            .file("a/x", "1")
            .file("a/y", "1")
            .dir("d/")
            .file("d/old", "o")
            .done();
        let two = L::new()
            .file("a/x", "2")
            .file("a/.wh.y", "")
            .file("d/.wh..wh..opq", "")
            .file("d/new", "n")
            .file(".wh.gone", "")
            .done();
        // On top of a base: the whiteouts and the opaque marker stay, for the base's files.
        assert_eq!(
            merged(vec![one.clone(), two.clone()], true),
            // Sorted by the names they stand for; whiteouts where the removed name was.
            p(&[
                ("a", ""),
                ("a/x", "2"),
                ("a/.wh.y", ""),
                ("d", ""),
                ("d/.wh..wh..opq", ""),
                ("d/new", "n"),
                (".wh.gone", ""),
            ])
        );
        // Alone: they go.
        assert_eq!(
            merged(vec![one, two], false),
            p(&[("a", ""), ("a/x", "2"), ("d", ""), ("d/new", "n")])
        );
    }

    #[test]
    fn a_file_over_a_folder_and_a_folder_made_again() {
        let one = L::new().dir("t/").file("t/in", "i").done();
        let two = L::new().file("t", "now a file").done();
        assert_eq!(merged(vec![one, two], false), p(&[("t", "now a file")]));
        let one = L::new().dir("u/").file("u/in", "i").done();
        let two = L::new().file(".wh.u", "").done();
        let three = L::new().dir("u/").file("u/new", "n").done();
        assert_eq!(
            merged(vec![one, two, three], true),
            p(&[("u", ""), ("u/.wh..wh..opq", ""), ("u/new", "n")])
        );
    }
}
