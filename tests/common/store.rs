//! Reading rcon's store from outside, to check what a command left behind:
//! `$XDG_DATA_HOME/rcon/storage/{blobs/sha256/<hex>, layers/<chain-id>/{diff/,layer.json}, images.json}`.
//!
//! [`StoreView::assert_consistent`] is the invariant every test may check after any command,
//! also after a killed one: every image in images.json has its manifest and config blobs and
//! all its layers (with layer.json and diff/), and every blob's content matches its name.
use super::image::{sha256_digest, sha256_hex};
use super::TestUser;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Chain IDs of a stack of diff IDs (bottom first): the first is the diff ID itself, each next is
/// `sha256("<previous chain id> <diff id>")`.
pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in diff_ids {
        let next = match out.last() {
            None => d.clone(),
            Some(prev) => sha256_digest(format!("{prev} {d}").as_bytes()),
        };
        out.push(next);
    }
    out
}

/// A view of one user's store.
pub struct StoreView {
    pub root: PathBuf,
}

impl StoreView {
    pub fn of(user: &TestUser) -> StoreView {
        StoreView {
            root: user.storage(),
        }
    }

    /// The raw bytes of images.json, if it exists.
    pub fn images_json_bytes(&self) -> Option<Vec<u8>> {
        fs::read(self.root.join("images.json")).ok()
    }

    /// The image records of images.json (empty when there is none).
    pub fn images(&self) -> Vec<Value> {
        let Some(bytes) = self.images_json_bytes() else {
            return Vec::new();
        };
        let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "images.json is not JSON ({e}):\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        v.get("images")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    /// The folder of layer `chain_id` (`sha256:<hex>`), whichever way the store names it.
    pub fn layer_dir(&self, chain_id: &str) -> PathBuf {
        let hex = chain_id.trim_start_matches("sha256:");
        let plain = self.root.join("layers").join(hex);
        if plain.exists() {
            return plain;
        }
        let prefixed = self.root.join("layers").join(format!("sha256:{hex}"));
        if prefixed.exists() {
            prefixed
        } else {
            plain
        }
    }

    /// The unpacked tree of layer `chain_id`.
    pub fn layer_diff(&self, chain_id: &str) -> PathBuf {
        self.layer_dir(chain_id).join("diff")
    }

    /// True when the layer is complete (its layer.json exists).
    pub fn has_layer(&self, chain_id: &str) -> bool {
        self.layer_dir(chain_id).join("layer.json").exists()
    }

    /// Names of the entries of layers/ that carry a layer.json (complete layers).
    pub fn complete_layers(&self) -> BTreeSet<String> {
        list(&self.root.join("layers"))
            .into_iter()
            .filter(|n| self.root.join("layers").join(n).join("layer.json").exists())
            .collect()
    }

    /// Names of every entry of layers/ (complete or not; temporary ones included).
    pub fn layer_entries(&self) -> BTreeSet<String> {
        list(&self.root.join("layers"))
    }

    /// Hex names of the blobs.
    pub fn blobs(&self) -> BTreeSet<String> {
        list(&self.root.join("blobs/sha256"))
            .into_iter()
            .filter(|n| n.len() == 64 && n.bytes().all(|b| b.is_ascii_hexdigit()))
            .collect()
    }

    /// Fails the test unless every image's blobs and layers are present and every blob matches
    /// its name.
    pub fn assert_consistent(&self) {
        for img in self.images() {
            for key in ["id", "digest"] {
                let d = img
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("image record without {key}: {img}"));
                let path = self
                    .root
                    .join("blobs/sha256")
                    .join(d.trim_start_matches("sha256:"));
                assert!(
                    path.exists(),
                    "image {img} lists {key} {d} but {} is missing",
                    path.display()
                );
            }
            for layer in img
                .get("layers")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
            {
                let id = layer.as_str().unwrap_or("");
                assert!(
                    self.has_layer(id),
                    "image {img} lists layer {id} but it is not complete in {}",
                    self.root.display()
                );
                assert!(self.layer_diff(id).is_dir(), "layer {id} has no diff/");
            }
        }
        for hex in self.blobs() {
            let data = fs::read(self.root.join("blobs/sha256").join(&hex)).unwrap();
            assert_eq!(
                sha256_hex(&data),
                hex,
                "blob {hex} does not match its content"
            );
        }
    }

    /// Fails the test unless the store holds no image and no complete layer other than the
    /// verified ones named in `allowed` (chain IDs as `sha256:<hex>`): a refused pull may keep
    /// the good layers it finished before the bad one, for the next pull to reuse.
    pub fn assert_no_layers_but(&self, allowed: &[String]) {
        assert!(
            self.images().is_empty(),
            "images.json lists images: {:?}",
            self.images()
        );
        let unexpected: Vec<String> = self
            .complete_layers()
            .into_iter()
            .filter(|n| {
                let hex = n.trim_start_matches("sha256:");
                !allowed
                    .iter()
                    .any(|a| a.trim_start_matches("sha256:") == hex)
            })
            .collect();
        assert!(
            unexpected.is_empty(),
            "layers left in the store: {unexpected:?}"
        );
    }

    /// Fails the test unless the store holds no image, no complete layer and nothing unpacked.
    pub fn assert_empty_of_layers(&self) {
        assert!(
            self.images().is_empty(),
            "images.json lists images: {:?}",
            self.images()
        );
        assert!(
            self.complete_layers().is_empty(),
            "layers left in the store: {:?}",
            self.complete_layers()
        );
    }
}

fn list(dir: &Path) -> BTreeSet<String> {
    match fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

/// Every path below `dir` except those below `skip` (relative paths), for "nothing was written
/// outside the store" checks: take one before and one after, compare.
pub fn tree_listing(dir: &Path, skip: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.filter_map(|e| e.ok()) {
            let p = e.path();
            if p.starts_with(skip) {
                continue;
            }
            out.insert(p.strip_prefix(dir).unwrap().to_path_buf());
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(p);
            }
        }
    }
    out
}
