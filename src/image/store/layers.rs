//! Unpacked layers: `layers/<chain-id-hex>/{diff/, layer.json}`.
//!
//! A layer is unpacked into `layers/.tmp-<chain-hex>-<unique>/diff`, its `layer.json` written
//! beside `diff/`, and the folder renamed to `layers/<chain-hex>` last: a layer is present
//! exactly when `layers/<chain-hex>/layer.json` exists, whatever instant a pull was killed at.
use super::{Store, StoreError};
use crate::linux::idmap::IdMap;
use crate::util::digest::Digest;
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// `layer.json`: what the unpacked layer is and how it was made.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct LayerInfo {
    pub(crate) chain_id: Digest,
    /// sha256 of the uncompressed tar, as the image config lists it.
    pub(crate) diff_id: Digest,
    /// Chain ID of the layer below, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) parent: Option<Digest>,
    /// The blob it was unpacked from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) compressed_digest: Option<Digest>,
    /// Uncompressed tar size, in bytes.
    pub(crate) size: u64,
    /// Owners were recorded in `user.containers.override_stat` instead of applied.
    #[serde(default)]
    pub(crate) single_uid: bool,
    /// Device nodes the layer held that could not be created rootless.
    #[serde(default)]
    pub(crate) skipped_devices: Vec<String>,
}

/// A layer being unpacked: the temp folder and its `diff/`.
#[derive(Debug)]
pub(crate) struct LayerTmp {
    pub(crate) path: PathBuf,
    pub(crate) diff: PathBuf,
}

const TMP_PREFIX: &str = ".tmp-";

impl Store {
    fn layers_dir(&self) -> PathBuf {
        self.root.join("layers")
    }

    /// `layers/<chain-hex>`.
    pub(crate) fn layer_path(&self, chain_id: &Digest) -> PathBuf {
        self.layers_dir().join(chain_id.hex())
    }

    /// The unpacked tree of a layer: `layers/<chain-hex>/diff`.
    pub(crate) fn layer_dir(&self, chain_id: &Digest) -> PathBuf {
        self.layer_path(chain_id).join("diff")
    }

    /// Whether the layer is complete (its `layer.json` exists).
    pub(crate) fn layer_present(&self, chain_id: &Digest) -> bool {
        self.layer_path(chain_id).join("layer.json").is_file()
    }

    /// The layer's `layer.json`.
    pub(crate) fn layer_info(&self, chain_id: &Digest) -> Result<LayerInfo, StoreError> {
        let path = self.layer_path(chain_id).join("layer.json");
        match read_json(&path) {
            Ok(Some(info)) => Ok(info),
            Ok(None) => Err(StoreError::MissingLayer {
                chain_id: chain_id.clone(),
            }),
            Err(source) => Err(StoreError::Io { path, source }),
        }
    }

    /// Held (shared) by a pull on every layer of its image until the image is recorded;
    /// `gc` takes it exclusively, without waiting, before removing the layer.
    pub(crate) fn layer_use_lock(&self, chain_id: &Digest) -> Result<Lock, StoreError> {
        let path = self
            .locks_dir()
            .join(format!("layer-{}.lock", chain_id.hex()));
        Lock::shared(&path).map_err(|source| StoreError::Io { path, source })
    }

    /// Held (exclusive) while a layer is downloaded and unpacked: a second pull of the same
    /// layer waits here, then finds it present.
    pub(crate) fn layer_work_lock(&self, chain_id: &Digest) -> Result<Lock, StoreError> {
        let path = self.work_lock_path(chain_id);
        Lock::exclusive(&path).map_err(|source| StoreError::Io { path, source })
    }

    fn work_lock_path(&self, chain_id: &Digest) -> PathBuf {
        self.locks_dir()
            .join(format!("layer-{}.work.lock", chain_id.hex()))
    }

    /// Starts unpacking a layer; call with its work lock held. Leftovers of a killed pull of
    /// the same layer are removed first.
    pub(crate) fn begin_layer(
        &self,
        chain_id: &Digest,
        idmap: &IdMap,
    ) -> Result<LayerTmp, StoreError> {
        let final_path = self.layer_path(chain_id);
        if final_path.exists() && !self.layer_present(chain_id) {
            // Cannot come from a pull (the rename is last), but a half-removed layer can.
            self.discard_path(&final_path, idmap)?;
        }
        for stale in self.tmp_entries()? {
            if tmp_chain_hex(&stale) == Some(chain_id.hex()) {
                self.discard_path(&self.layers_dir().join(&stale), idmap)?;
            }
        }
        let path = self.layers_dir().join(format!(
            "{TMP_PREFIX}{}-{}-{}",
            chain_id.hex(),
            std::process::id(),
            crate::util::time::unique_suffix()
        ));
        let diff = path.join("diff");
        fs::create_dir_all(&diff).map_err(|source| StoreError::Io {
            path: diff.clone(),
            source,
        })?;
        Ok(LayerTmp { path, diff })
    }

    /// Finishes a layer: `layer.json` written (synced) into the temp folder, then the folder
    /// renamed into place as `info.chain_id`; call with that chain's work lock held. The temp
    /// folder was begun under the same chain ID, or (a layer whose chain ID is known only once
    /// it is unpacked: a commit) under a placeholder whose work lock the caller also holds.
    pub(crate) fn commit_layer(&self, tmp: LayerTmp, info: &LayerInfo) -> Result<(), StoreError> {
        let json = tmp.path.join("layer.json");
        write_json(&json, info).map_err(|source| StoreError::Io { path: json, source })?;
        let dest = self.layer_path(&info.chain_id);
        fs::rename(&tmp.path, &dest).map_err(|source| StoreError::Io { path: dest, source })?;
        let dir = self.layers_dir();
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|source| StoreError::Io { path: dir, source })
    }

    /// Names `digest` as the compressed blob of the present layer `chain_id` (whose own blob
    /// is gone), so gc keeps it; call with the layer's work lock held.
    pub(crate) fn set_layer_blob(
        &self,
        chain_id: &Digest,
        digest: &Digest,
    ) -> Result<(), StoreError> {
        let mut info = self.layer_info(chain_id)?;
        info.compressed_digest = Some(digest.clone());
        let path = self.layer_path(chain_id).join("layer.json");
        write_json(&path, &info).map_err(|source| StoreError::Io { path, source })
    }

    /// Removes an unfinished layer.
    pub(crate) fn discard_layer(&self, tmp: &LayerTmp, idmap: &IdMap) -> Result<(), StoreError> {
        self.discard_path(&tmp.path, idmap)
    }

    /// Makes a present layer absent at once by renaming it to a temp name, which is
    /// returned for [`Store::discard_hidden`].
    pub(super) fn hide_layer(&self, chain_id: &Digest) -> Result<PathBuf, StoreError> {
        let path = self.layer_path(chain_id);
        let hidden = self.layers_dir().join(format!(
            "{TMP_PREFIX}{}-rm-{}-{}",
            chain_id.hex(),
            std::process::id(),
            crate::util::time::unique_suffix()
        ));
        fs::rename(&path, &hidden).map_err(|source| StoreError::Io { path, source })?;
        Ok(hidden)
    }

    /// Removes a folder [`Store::hide_layer`] returned.
    pub(super) fn discard_hidden(&self, path: &Path, idmap: &IdMap) -> Result<(), StoreError> {
        self.discard_path(path, idmap)
    }

    /// Names of `layers/.tmp-*` entries.
    pub(super) fn tmp_entries(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.layers_dir();
        let rd = fs::read_dir(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut out = Vec::new();
        for e in rd {
            let e = e.map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(TMP_PREFIX) {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// Removes stale `layers/.tmp-*` folders whose layer nobody is working on; returns how
    /// many were removed.
    pub(super) fn clean_layer_tmps(&self, idmap: &IdMap) -> Result<usize, StoreError> {
        let mut removed = 0;
        for name in self.tmp_entries()? {
            let Some(hex) = tmp_chain_hex(&name) else {
                continue;
            };
            let Ok(chain_id) = Digest::from_hex(hex) else {
                continue;
            };
            let lock_path = self.work_lock_path(&chain_id);
            let held = Lock::try_exclusive(&lock_path).map_err(|source| StoreError::Io {
                path: lock_path,
                source,
            })?;
            if held.is_some() {
                self.discard_path(&self.layers_dir().join(&name), idmap)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Removes a tree that may hold files owned by subordinate ids: tried as the user first,
    /// then inside the store's user namespace where those ids are mapped.
    fn discard_path(&self, path: &Path, idmap: &IdMap) -> Result<(), StoreError> {
        match fs::remove_dir_all(path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => log::debug!(
                "removing {} as the user: {e}; retrying in the user namespace",
                path.display()
            ),
        }
        crate::ipc::helper::remove_tree(idmap, path).map_err(|e| StoreError::Remove {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })
    }
}

/// The chain hex of a temp folder name `.tmp-<hex>-…`.
fn tmp_chain_hex(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(TMP_PREFIX)?;
    let hex = rest.get(..64)?;
    (rest.as_bytes().get(64) == Some(&b'-')).then_some(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_the_chain_id() {
        let d = Digest::of(b"x");
        assert_eq!(
            tmp_chain_hex(&format!(".tmp-{}-1-2", d.hex())),
            Some(d.hex())
        );
        assert_eq!(tmp_chain_hex(".tmp-short-1"), None);
        assert_eq!(tmp_chain_hex("abc"), None);
    }

    #[test]
    fn a_layer_committed_under_a_placeholder_lands_under_its_chain_and_may_name_a_new_blob() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::at(dir.path().join("storage")).unwrap();
        let idmap = IdMap::single(0, 0);
        let (placeholder, chain) = (Digest::of(b"placeholder"), Digest::of(b"chain"));
        let tmp = s.begin_layer(&placeholder, &idmap).unwrap();
        let info = LayerInfo {
            chain_id: chain.clone(),
            diff_id: chain.clone(),
            parent: None,
            compressed_digest: None,
            size: 0,
            single_uid: true,
            skipped_devices: vec![],
        };
        s.commit_layer(tmp, &info).unwrap();
        assert!(s.layer_present(&chain) && !s.layer_path(&placeholder).exists());
        assert!(s.tmp_entries().unwrap().is_empty());
        s.set_layer_blob(&chain, &Digest::of(b"blob")).unwrap();
        assert_eq!(
            s.layer_info(&chain).unwrap().compressed_digest,
            Some(Digest::of(b"blob"))
        );
    }

    #[test]
    fn a_layer_is_present_only_after_commit() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::at(dir.path().join("storage")).unwrap();
        let idmap = IdMap::single(0, 0);
        let chain = Digest::of(b"layer");
        let tmp = s.begin_layer(&chain, &idmap).unwrap();
        fs::write(tmp.diff.join("f"), b"x").unwrap();
        assert!(!s.layer_present(&chain));
        let info = LayerInfo {
            chain_id: chain.clone(),
            diff_id: chain.clone(),
            parent: None,
            compressed_digest: None,
            size: 1,
            single_uid: true,
            skipped_devices: vec![],
        };
        s.commit_layer(tmp, &info).unwrap();
        assert!(s.layer_present(&chain));
        assert_eq!(s.layer_info(&chain).unwrap(), info);
        assert!(s.layer_dir(&chain).join("f").is_file());
        // A killed pull's leftovers are cleaned when the layer is begun again.
        let _stale = s.begin_layer(&Digest::of(b"other"), &idmap).unwrap();
        assert_eq!(s.tmp_entries().unwrap().len(), 1);
        assert_eq!(s.clean_layer_tmps(&idmap).unwrap(), 1);
        assert!(s.tmp_entries().unwrap().is_empty());
        let hidden = s.hide_layer(&chain).unwrap();
        assert!(!s.layer_present(&chain));
        s.discard_hidden(&hidden, &idmap).unwrap();
        assert!(!hidden.exists() && !s.layer_path(&chain).exists());
    }
}
