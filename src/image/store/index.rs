//! `images.json`: which images the store holds, and their names.
//!
//! Every change goes through [`update`] (exclusive lock, read, modify, atomic write); readers
//! take the shared lock so they never see a half-written file.
use crate::util::digest::Digest;
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;

/// One image in the store. Its ID is the digest of its config blob, as Docker and Podman use.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct ImageRecord {
    /// Digest of the config blob: the image ID.
    pub(crate) id: Digest,
    /// Digest of the manifest that was pulled (for a multi-platform image: the platform's one).
    pub(crate) digest: Digest,
    /// Digest of the index the manifest was chosen from, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) index_digest: Option<Digest>,
    /// Fully qualified `registry/repository:tag` names.
    #[serde(default)]
    pub(crate) names: Vec<String>,
    /// `registry/repository@sha256:…` names.
    #[serde(default)]
    pub(crate) repo_digests: Vec<String>,
    /// Chain IDs of the layers, bottom first.
    pub(crate) layers: Vec<Digest>,
    /// Sum of the unpacked layer sizes, in bytes.
    #[serde(default)]
    pub(crate) size: u64,
    /// When the image was pulled (RFC 3339).
    pub(crate) pulled: String,
    /// A build step's image: the cache key it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) build_key: Option<String>,
    /// Made by a build as a step, not as its result: without a name, `images` lists it only
    /// with `-a` and `image prune` keeps it unless `--build-cache`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) intermediate: bool,
    /// `registry/repository@sha256:…` references the image was pulled by. Podman keeps them
    /// among its names: `rmi` and `untag` of one take it away as they would a tag, and an
    /// image that has one is not dangling; `images` shows no row for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) digest_names: Vec<String>,
    /// Every name the image has carried, the latest first (`images --format {{.History}}`):
    /// whenever its names change, each current one moves to the front, as containers/storage
    /// records them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) names_history: Vec<String>,
}

impl ImageRecord {
    /// No name of any kind: `images` shows `<none>`, `image prune` removes it.
    pub(crate) fn dangling(&self) -> bool {
        self.names.is_empty() && self.digest_names.is_empty()
    }

    /// How many names `rmi` could take away one by one: tags and pulled-by-digest names.
    pub(crate) fn name_count(&self) -> usize {
        self.names.len() + self.digest_names.len()
    }

    /// Moves each current name to the front of [`ImageRecord::names_history`].
    fn note_names(&mut self) {
        for n in &self.names {
            self.names_history.retain(|h| h != n);
            self.names_history.insert(0, n.clone());
        }
    }
}

/// The whole index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Index {
    #[serde(default)]
    pub(crate) images: Vec<ImageRecord>,
}

impl Index {
    /// The image carrying `name` (fully qualified).
    pub(crate) fn by_name(&self, name: &str) -> Option<&ImageRecord> {
        self.images
            .iter()
            .find(|i| i.names.iter().any(|n| n == name))
    }

    /// Images whose ID starts with `prefix` (hex, with or without `sha256:`).
    pub(crate) fn by_id_prefix(&self, prefix: &str) -> Vec<&ImageRecord> {
        let prefix = prefix.strip_prefix("sha256:").unwrap_or(prefix);
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Vec::new();
        }
        self.images
            .iter()
            .filter(|i| i.id.hex().starts_with(prefix))
            .collect()
    }

    /// Removes `name` from whichever image carries it; returns that image's ID.
    pub(crate) fn take_name(&mut self, name: &str) -> Option<Digest> {
        let img = self
            .images
            .iter_mut()
            .find(|i| i.names.iter().any(|n| n == name))?;
        img.names.retain(|n| n != name);
        Some(img.id.clone())
    }
    /// Adds or merges `rec`: its names move from any other image; an image with the same ID
    /// gains the names and repo digests and takes the rest of `rec`. Returns the stored record.
    pub(crate) fn record(&mut self, rec: ImageRecord) -> ImageRecord {
        for name in &rec.names {
            self.take_name(name);
        }
        match self.images.iter_mut().find(|i| i.id == rec.id) {
            Some(existing) => {
                for n in rec.names {
                    if !existing.names.contains(&n) {
                        existing.names.push(n);
                    }
                }
                for d in rec.repo_digests {
                    if !existing.repo_digests.contains(&d) {
                        existing.repo_digests.push(d);
                    }
                }
                for d in rec.digest_names {
                    if !existing.digest_names.contains(&d) {
                        existing.digest_names.push(d);
                    }
                }
                existing.digest = rec.digest;
                existing.index_digest = rec.index_digest;
                existing.layers = rec.layers;
                existing.size = rec.size;
                existing.pulled = rec.pulled;
                if rec.build_key.is_some() {
                    existing.build_key = rec.build_key;
                }
                existing.intermediate &= rec.intermediate;
                existing.clone()
            }
            None => {
                self.images.push(rec.clone());
                rec
            }
        }
    }
}

fn index_path(storage: &Path) -> std::path::PathBuf {
    storage.join("images.json")
}

fn lock_path(storage: &Path) -> std::path::PathBuf {
    storage.join("images.lock")
}

/// Reads the index under the shared lock. A missing file is an empty store.
pub(crate) fn read(storage: &Path) -> io::Result<Index> {
    let _lock = Lock::shared(&lock_path(storage))?;
    Ok(read_json(&index_path(storage))?.unwrap_or_default())
}

/// Changes the index under the exclusive lock and writes it atomically when `f` succeeds.
pub(crate) fn update<T, E: From<io::Error>>(
    storage: &Path,
    f: impl FnOnce(&mut Index) -> Result<T, E>,
) -> Result<T, E> {
    let _lock = Lock::exclusive(&lock_path(storage))?;
    let before: Option<Index> = read_json(&index_path(storage))?;
    let existed = before.is_some();
    let mut index = before.unwrap_or_default();
    let unchanged = serde_json::to_vec(&index).map_err(io::Error::other)?;
    let names_before: std::collections::HashMap<Digest, Vec<String>> = index
        .images
        .iter()
        .map(|i| (i.id.clone(), i.names.clone()))
        .collect();
    let out = f(&mut index)?;
    for img in &mut index.images {
        if names_before.get(&img.id) != Some(&img.names) {
            img.note_names();
        }
    }
    // Only a real change is written: readers and a failed pull leave the file as it was.
    let after = serde_json::to_vec(&index).map_err(io::Error::other)?;
    if after != unchanged || (!existed && !index.images.is_empty()) {
        write_json(&index_path(storage), &index)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: u8, name: &str) -> ImageRecord {
        ImageRecord {
            id: Digest::of(&[n]),
            digest: Digest::of(&[n, n]),
            index_digest: None,
            names: vec![name.into()],
            repo_digests: vec![],
            layers: vec![],
            size: 0,
            pulled: "2026-01-01T00:00:00Z".into(),
            build_key: None,
            intermediate: false,
            digest_names: vec![],
            names_history: vec![],
        }
    }

    fn rec(config: &[u8], names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: Digest::of(config),
            digest: Digest::of(b"m"),
            index_digest: None,
            names: names.iter().map(|s| s.to_string()).collect(),
            repo_digests: vec![format!("r@{}", Digest::of(b"m"))],
            layers: vec![],
            size: 1,
            pulled: "now".into(),
            build_key: None,
            intermediate: false,
            digest_names: vec![],
            names_history: vec![],
        }
    }

    #[test]
    fn a_recorded_name_moves_from_the_old_image() {
        let mut idx = Index::default();
        idx.record(rec(b"old", &["x/a:latest", "x/a:1"]));
        idx.record(rec(b"new", &["x/a:latest"]));
        assert_eq!(idx.images.len(), 2);
        assert_eq!(idx.images[0].names, vec!["x/a:1"]);
        assert_eq!(idx.by_name("x/a:latest").unwrap().id, Digest::of(b"new"));
        // Recording the same image again under another name merges, no duplicate.
        idx.record(rec(b"new", &["x/b:latest"]));
        assert_eq!(idx.images.len(), 2);
        assert_eq!(idx.images[1].names, vec!["x/a:latest", "x/b:latest"]);
        assert_eq!(idx.images[1].repo_digests.len(), 1);
    }

    #[test]
    fn update_then_read() {
        let dir = tempfile::tempdir().unwrap();
        update::<_, io::Error>(dir.path(), |idx| {
            idx.images.push(record(1, "docker.io/library/a:latest"));
            Ok(())
        })
        .unwrap();
        let idx = read(dir.path()).unwrap();
        assert!(idx.by_name("docker.io/library/a:latest").is_some());
        let hex = Digest::of(&[1]).hex().to_string();
        assert_eq!(idx.by_id_prefix(&hex[..5]).len(), 1);
        assert!(idx.by_id_prefix("zz").is_empty());
    }

    #[test]
    fn failed_update_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let r: Result<(), io::Error> = update(dir.path(), |idx| {
            idx.images.push(record(1, "x"));
            Err(io::Error::other("no"))
        });
        assert!(r.is_err());
        assert!(read(dir.path()).unwrap().images.is_empty());
    }
}
