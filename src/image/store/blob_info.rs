//! `blob-info.json`: what pushes learned about blobs, so the next push uploads nothing it
//! need not. Two maps, both hints that a push checks against the registry before trusting:
//!
//! - `compressed`: uncompressed digest (a diff ID) → per compression (`gzip`, `zstd`) the
//!   digest and size of the compressed blob a push made of it; a second push of an
//!   uncompressed layer finds the blob by HEAD instead of compressing it again;
//! - `locations`: blob digest → `host/repository` names known to hold it (where it was pulled
//!   from or pushed to, newest first, a few at most), for cross-repository mounts.
//!
//! Changes go through [`update`]: exclusive lock, read, change, atomic write.
use super::{Store, StoreError};
use crate::util::digest::Digest;
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Locations kept per blob.
const MAX_LOCATIONS: usize = 8;

/// A compressed variant of an uncompressed blob.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Variant {
    pub(crate) digest: Digest,
    pub(crate) size: u64,
}

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BlobInfo {
    /// Uncompressed digest → compression name → variant.
    #[serde(default)]
    pub(crate) compressed: BTreeMap<Digest, BTreeMap<String, Variant>>,
    /// Blob digest → `host/repository`, newest first.
    #[serde(default)]
    pub(crate) locations: BTreeMap<Digest, Vec<String>>,
    /// What a push put where: a key naming the destination, the image and the push's
    /// options → the manifest digest the registry took. A push whose destination still
    /// serves that digest has nothing to do.
    #[serde(default)]
    pub(crate) pushed: BTreeMap<String, Digest>,
}

impl BlobInfo {
    /// The `compression` variant recorded for `uncompressed`.
    pub(crate) fn variant(&self, uncompressed: &Digest, compression: &str) -> Option<&Variant> {
        self.compressed.get(uncompressed)?.get(compression)
    }

    /// Records that compressing `uncompressed` with `compression` gave `variant`.
    pub(crate) fn add_variant(&mut self, uncompressed: &Digest, compression: &str, v: Variant) {
        self.compressed
            .entry(uncompressed.clone())
            .or_default()
            .insert(compression.to_string(), v);
    }

    /// Where `digest` is known to be, newest first.
    pub(crate) fn locations(&self, digest: &Digest) -> &[String] {
        self.locations.get(digest).map_or(&[], |v| v.as_slice())
    }

    /// Records that `repository` (`host/path`) holds `digest`.
    pub(crate) fn add_location(&mut self, digest: &Digest, repository: &str) {
        let list = self.locations.entry(digest.clone()).or_default();
        list.retain(|r| r != repository);
        list.insert(0, repository.to_string());
        list.truncate(MAX_LOCATIONS);
    }
}

impl Store {
    fn blob_info_path(&self) -> PathBuf {
        self.root.join("blob-info.json")
    }

    fn blob_info_lock(&self) -> PathBuf {
        self.locks_dir().join("blob-info.lock")
    }

    /// Reads `blob-info.json`; missing or unreadable is empty (the file holds hints only).
    pub(crate) fn blob_info(&self) -> BlobInfo {
        let Ok(_lock) = Lock::shared(&self.blob_info_lock()) else {
            return BlobInfo::default();
        };
        match read_json(&self.blob_info_path()) {
            Ok(info) => info.unwrap_or_default(),
            Err(e) => {
                log::debug!("ignoring blob-info.json: {e}");
                BlobInfo::default()
            }
        }
    }

    /// Changes `blob-info.json` under its lock and writes it atomically.
    pub(crate) fn update_blob_info(&self, f: impl FnOnce(&mut BlobInfo)) -> Result<(), StoreError> {
        let lock = self.blob_info_lock();
        let _held =
            Lock::exclusive(&lock).map_err(|source| StoreError::Io { path: lock, source })?;
        let path = self.blob_info_path();
        let mut info: BlobInfo = read_json(&path).ok().flatten().unwrap_or_default();
        let before = info.clone();
        f(&mut info);
        if info != before {
            write_json(&path, &info).map_err(|source| StoreError::Io { path, source })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_locations_survive_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::at(dir.path().join("storage")).unwrap();
        let (raw, gz) = (Digest::of(b"tar"), Digest::of(b"gz"));
        assert_eq!(s.blob_info(), BlobInfo::default());
        s.update_blob_info(|i| {
            i.add_variant(
                &raw,
                "gzip",
                Variant {
                    digest: gz.clone(),
                    size: 2,
                },
            );
            i.add_location(&gz, "r.io/a");
            i.add_location(&gz, "r.io/b");
            i.add_location(&gz, "r.io/a");
        })
        .unwrap();
        let info = s.blob_info();
        assert_eq!(info.variant(&raw, "gzip").unwrap().digest, gz);
        assert!(info.variant(&raw, "zstd").is_none());
        assert_eq!(info.locations(&gz), ["r.io/a", "r.io/b"]);
        assert!(info.locations(&raw).is_empty());
    }

    #[test]
    fn locations_are_capped_newest_first() {
        let mut info = BlobInfo::default();
        let d = Digest::of(b"x");
        for i in 0..20 {
            info.add_location(&d, &format!("r/{i}"));
        }
        assert_eq!(info.locations(&d).len(), MAX_LOCATIONS);
        assert_eq!(info.locations(&d)[0], "r/19");
    }
}
