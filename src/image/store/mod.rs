//! The content-addressed store: blobs, unpacked layers, and the image index.
//!
//! ```text
//! storage/blobs/sha256/<hex>          manifests, configs, compressed layers (verified)
//! storage/blobs/.tmp/                 blobs being written
//! storage/layers/<chain-hex>/         diff/ + layer.json (written last)
//! storage/layers/.tmp-<chain-hex>-…   layers being unpacked or removed
//! storage/locks/                      flock files: blob-<hex>.lock, layer-<hex>.lock (use),
//!                                     layer-<hex>.work.lock (download and unpack)
//! storage/images.json, images.lock    the index
//! storage/blob-info.json               pushes' hints: compressed variants, blob locations
//! ```
//!
//! Locking: a pull holds the shared use lock of every blob and layer of its image until the
//! image is in `images.json`; [`Store::gc`] holds the index lock and removes only what no
//! image names and whose use lock it can take without waiting.
pub(crate) mod blob_info;
pub(crate) mod blobs;
pub(crate) mod index;
pub(crate) mod layers;

pub(crate) use blobs::BlobWriter;
pub(crate) use index::ImageRecord;
pub(crate) use layers::{LayerInfo, LayerTmp};

use crate::config::Paths;
use crate::linux::idmap::IdMap;
use crate::util::digest::Digest;
use crate::util::fs::Lock;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// Store failures; each names the blob, layer or path.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("image index (images.json): {0}")]
    Index(#[from] io::Error),
    #[error("blob {digest} is not in the store: pull the image again")]
    MissingBlob { digest: Digest },
    #[error("layer {chain_id} is not in the store: pull the image again")]
    MissingLayer { chain_id: Digest },
    #[error("blob {digest} at {path} no longer matches its digest and was removed: pull the image again")]
    Corrupt { digest: Digest, path: PathBuf },
    #[error("content for blob {expected} hashes to {actual}: refusing to store it")]
    DigestMismatch { expected: Digest, actual: Digest },
    #[error("blob {digest} is {actual} bytes, expected {expected}: refusing to store it")]
    SizeMismatch {
        digest: Digest,
        expected: u64,
        actual: u64,
    },
    #[error("blob {digest} is larger than {limit} bytes: not a manifest or config rcon can read")]
    TooLarge { digest: Digest, limit: u64 },
    #[error("cannot remove {path}: {detail}")]
    Remove { path: PathBuf, detail: String },
}

/// The image store under `storage/`.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    root: PathBuf,
}

/// What [`Store::gc`] removed.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct GcReport {
    /// Chain IDs of removed layers.
    pub(crate) layers: Vec<Digest>,
    /// Removed blobs.
    pub(crate) blobs: Vec<Digest>,
    /// Stale temp files and folders of killed pulls.
    pub(crate) temps: usize,
}

impl Store {
    /// Opens (creating when missing) the store of `paths`.
    pub(crate) fn open(paths: &Paths) -> Result<Store, StoreError> {
        paths.ensure_root().map_err(|source| StoreError::Io {
            path: paths.root.clone(),
            source,
        })?;
        Store::at(paths.storage())
    }

    /// Opens (creating when missing) a store at `root`. The store itself is 0700: layers hold
    /// the images' setuid files, which no other user may reach.
    pub(crate) fn at(root: PathBuf) -> Result<Store, StoreError> {
        let private = match fs::DirBuilder::new().mode(0o700).create(&root) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                crate::config::paths::make_private(&root)
            }
            other => other,
        };
        private.map_err(|source| StoreError::Io {
            path: root.clone(),
            source,
        })?;
        for sub in ["blobs/sha256", "blobs/.tmp", "layers", "locks"] {
            let path = root.join(sub);
            fs::create_dir_all(&path).map_err(|source| StoreError::Io { path, source })?;
        }
        Ok(Store { root })
    }

    /// The `storage/` folder (where `images.json` lives, for [`index`]).
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    fn locks_dir(&self) -> PathBuf {
        self.root.join("locks")
    }

    /// Removes layers and blobs no image in `images.json` refers to, and temp files of killed
    /// pulls, skipping anything a running pull holds. Runs under the index lock; the layer
    /// trees are renamed away under it and deleted after.
    pub(crate) fn gc(&self, idmap: &IdMap) -> Result<GcReport, StoreError> {
        let mut doomed = Vec::new();
        let mut report = index::update(&self.root, |idx| -> Result<GcReport, StoreError> {
            let keep_layers: HashSet<Digest> = idx
                .images
                .iter()
                .flat_map(|i| i.layers.iter().cloned())
                .collect();
            let mut keep_blobs: HashSet<Digest> = HashSet::new();
            for img in &idx.images {
                keep_blobs.insert(img.id.clone());
                keep_blobs.insert(img.digest.clone());
                keep_blobs.extend(img.index_digest.clone());
            }
            for chain in &keep_layers {
                if let Ok(info) = self.layer_info(chain) {
                    keep_blobs.extend(info.compressed_digest);
                }
            }
            let mut report = GcReport::default();
            for hex in list_hex(&self.root.join("layers"))? {
                let chain = Digest::from_hex(&hex).expect("list_hex yields valid hex");
                if keep_layers.contains(&chain) {
                    continue;
                }
                let lock = self.locks_dir().join(format!("layer-{hex}.lock"));
                let Some(_held) = try_lock(&lock)? else {
                    // In use (a container still up): it stays, and so does its blob, or a
                    // pull that finds it present would leave save and push without it.
                    if let Ok(info) = self.layer_info(&chain) {
                        keep_blobs.extend(info.compressed_digest);
                    }
                    continue;
                };
                doomed.push(self.hide_layer(&chain)?);
                report.layers.push(chain);
            }
            for hex in list_hex(&self.root.join("blobs/sha256"))? {
                let digest = Digest::from_hex(&hex).expect("list_hex yields valid hex");
                if keep_blobs.contains(&digest) {
                    continue;
                }
                let lock = self.locks_dir().join(format!("blob-{hex}.lock"));
                let Some(_held) = try_lock(&lock)? else {
                    continue;
                };
                self.remove_blob(&digest)?;
                report.blobs.push(digest);
            }
            report.temps += self.clean_blob_tmps()?;
            Ok(report)
        })?;
        for path in doomed {
            self.discard_hidden(&path, idmap)?;
        }
        report.temps += self.clean_layer_tmps(idmap)?;
        Ok(report)
    }

    /// Removes those of `chains` that no image refers to and no running pull holds (the
    /// layers a failed pull made present). The use locks are taken before the index is read:
    /// a pull that records one of these layers holds its use lock until the record is
    /// written, so the index read afterwards is current for every layer locked here.
    pub(crate) fn remove_unused_layers(
        &self,
        chains: &[Digest],
        idmap: &IdMap,
    ) -> Result<(), StoreError> {
        let mut locked = Vec::new();
        for chain in chains {
            let lock = self.locks_dir().join(format!("layer-{}.lock", chain.hex()));
            if let Some(held) = try_lock(&lock)? {
                locked.push((chain, held));
            }
        }
        if locked.is_empty() {
            return Ok(());
        }
        let idx = index::read(&self.root)?;
        let mut doomed = Vec::new();
        for (chain, _held) in &locked {
            let used = idx.images.iter().any(|i| i.layers.contains(chain));
            if !used && self.layer_present(chain) {
                doomed.push(self.hide_layer(chain)?);
            }
        }
        drop(locked);
        for path in doomed {
            self.discard_hidden(&path, idmap)?;
        }
        Ok(())
    }

    /// Removes `blobs/.tmp/<hex>-…` files whose blob no running pull holds.
    fn clean_blob_tmps(&self) -> Result<usize, StoreError> {
        let dir = self.root.join("blobs/.tmp");
        let mut removed = 0;
        let entries = fs::read_dir(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        for e in entries {
            let e = e.map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(hex) = name.get(..64).filter(|h| Digest::from_hex(h).is_ok()) else {
                continue;
            };
            let lock = self.locks_dir().join(format!("blob-{hex}.lock"));
            let Some(_held) = try_lock(&lock)? else {
                continue;
            };
            match fs::remove_file(e.path()) {
                Ok(()) => removed += 1,
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(StoreError::Io {
                        path: e.path(),
                        source,
                    })
                }
            }
        }
        Ok(removed)
    }
}

fn try_lock(path: &Path) -> Result<Option<Lock>, StoreError> {
    Lock::try_exclusive(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Names in `dir` that are 64 lowercase hex digits.
fn list_hex(dir: &Path) -> Result<Vec<String>, StoreError> {
    let entries = fs::read_dir(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for e in entries {
        let e = e.map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = e.file_name().to_string_lossy().into_owned();
        if Digest::from_hex(&name).is_ok() {
            out.push(name);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(config: &[u8], manifest: &[u8], layers: Vec<Digest>) -> ImageRecord {
        ImageRecord {
            id: Digest::of(config),
            digest: Digest::of(manifest),
            index_digest: None,
            names: vec!["localhost/x:latest".into()],
            repo_digests: vec![],
            layers,
            size: 0,
            pulled: "2026-01-01T00:00:00Z".into(),
            build_key: None,
            intermediate: false,
            digest_names: vec![],
            names_history: vec![],
        }
    }

    fn add_layer(s: &Store, chain: &Digest, blob: &[u8]) {
        let idmap = IdMap::single(0, 0);
        s.put_blob_bytes(&Digest::of(blob), blob).unwrap();
        let tmp = s.begin_layer(chain, &idmap).unwrap();
        let info = LayerInfo {
            chain_id: chain.clone(),
            diff_id: chain.clone(),
            parent: None,
            compressed_digest: Some(Digest::of(blob)),
            size: 0,
            single_uid: true,
            skipped_devices: vec![],
        };
        s.commit_layer(tmp, &info).unwrap();
    }

    #[test]
    fn gc_keeps_what_images_name_and_what_pulls_hold() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::at(dir.path().join("storage")).unwrap();
        let idmap = IdMap::single(0, 0);
        let (kept, orphan, held) = (Digest::of(b"k"), Digest::of(b"o"), Digest::of(b"h"));
        add_layer(&s, &kept, b"kept-blob");
        add_layer(&s, &orphan, b"orphan-blob");
        add_layer(&s, &held, b"held-blob");
        s.put_blob_bytes(&Digest::of(b"cfg"), b"cfg").unwrap();
        s.put_blob_bytes(&Digest::of(b"man"), b"man").unwrap();
        index::update::<_, io::Error>(s.root(), |idx| {
            idx.images.push(record(b"cfg", b"man", vec![kept.clone()]));
            Ok(())
        })
        .unwrap();
        let _pull = s.layer_use_lock(&held).unwrap();
        let _pull_blob = s.blob_lock(&Digest::of(b"held-blob")).unwrap();
        // A layer a running container holds, its image gone: both stay.
        let used = Digest::of(b"u");
        add_layer(&s, &used, b"used-blob");
        let _container = s.layer_use_lock(&used).unwrap();

        let report = s.gc(&idmap).unwrap();
        assert_eq!(report.layers, vec![orphan.clone()]);
        assert_eq!(report.blobs, vec![Digest::of(b"orphan-blob")]);
        assert!(s.layer_present(&kept) && s.layer_present(&held) && s.layer_present(&used));
        assert!(!s.layer_present(&orphan) && !s.layer_path(&orphan).exists());
        for blob in [
            &b"kept-blob"[..],
            b"held-blob",
            b"used-blob",
            b"cfg",
            b"man",
        ] {
            assert!(s.has_blob(&Digest::of(blob)));
        }
        assert!(s.tmp_entries().unwrap().is_empty());
    }
}
