//! Writing a new image: the config (rootfs.diff_ids and history extended), the manifest (OCI,
//! or Docker schema 2 with `--format docker`), both stored as blobs, then the record in
//! `images.json`.
//!
//! An [`ImageDraft`] starts from a stored image (or from nothing, `FROM scratch`) and takes
//! one step after another: a layer with its history entry, or a history entry alone for a
//! config-only step; the caller changes the config itself between steps
//! ([`ImageDraft::config_mut`]). [`ImageDraft::store`] writes the blobs of the image as it
//! stands (the draft stays usable for more steps); [`record`] puts a stored image into
//! `images.json`, with names or without. The image ID is the digest of the config, so an
//! identical config gives the same image.
use super::layer::NewLayer;
use super::CommitError;
use crate::image::registry::{parse_manifest, Descriptor, Manifest, Platform};
use crate::image::store::{index, ImageRecord, Store, StoreError};
use crate::image::Reference;
use crate::util::digest::Digest;
use crate::util::fs::Lock;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The manifest and config media types an image is written with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// OCI image manifest and config.
    #[default]
    Oci,
    /// Docker schema 2 manifest and container image config.
    Docker,
}

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// One entry of the config's `history`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct History {
    /// RFC 3339; also the image's `created`.
    pub(crate) created: String,
    /// The step, e.g. `/bin/sh -c make`.
    pub(crate) created_by: String,
    pub(crate) comment: String,
    /// Also the image's `author` when not empty.
    pub(crate) author: String,
}

/// One layer of a draft: what the manifest lists and what the record keeps.
#[derive(Debug, Clone)]
struct DraftLayer {
    blob: Descriptor,
    chain_id: Digest,
    size: u64,
}

/// An image being made (see the module doc). Holds the locks that keep its layers and blobs
/// from gc until it is dropped.
#[derive(Debug)]
pub(crate) struct ImageDraft {
    config: Value,
    layers: Vec<DraftLayer>,
    held: Vec<Lock>,
    /// The manifest's `annotations` (`build --annotation`).
    annotations: std::collections::BTreeMap<String, String>,
}

/// An image whose blobs are stored, not yet (or not again) in `images.json`.
#[derive(Debug)]
pub(crate) struct StoredImage {
    /// Its record, without names.
    pub(crate) record: ImageRecord,
    held: Vec<Lock>,
}

impl ImageDraft {
    /// The stored image `base`: its config, and its layers as its manifest lists them.
    pub(crate) fn from_image(store: &Store, base: &ImageRecord) -> Result<ImageDraft, CommitError> {
        let bad = |reason: String| CommitError::BadBase {
            image: base.id.short().to_string(),
            reason,
        };
        let mut held = Vec::new();
        for chain in &base.layers {
            held.push(store.layer_use_lock(chain)?);
        }
        let config: Value = serde_json::from_slice(&store.read_blob(&base.id)?)
            .map_err(|e| bad(format!("its config is not JSON: {e}")))?;
        if !config.is_object() {
            return Err(bad("its config is not a JSON object".into()));
        }
        let manifest_bytes = store.read_blob(&base.digest)?;
        let media_type =
            crate::image::registry::manifest::effective_media_type(None, &manifest_bytes);
        let manifest = match parse_manifest(&manifest_bytes, &media_type) {
            Ok(Manifest::Image(m)) => m,
            Ok(Manifest::Index(_)) => return Err(bad("its manifest is an index".into())),
            Err(e) => return Err(bad(e.to_string())),
        };
        if manifest.layers.len() != base.layers.len() {
            return Err(bad(format!(
                "its manifest lists {} layers but the store {}",
                manifest.layers.len(),
                base.layers.len()
            )));
        }
        let mut layers = Vec::new();
        for (blob, chain) in manifest.layers.into_iter().zip(&base.layers) {
            held.push(store.blob_lock(&blob.digest)?);
            let size = store.layer_info(chain)?.size;
            layers.push(DraftLayer {
                blob,
                chain_id: chain.clone(),
                size,
            });
        }
        Ok(ImageDraft {
            annotations: Default::default(),
            config,
            layers,
            held,
        })
    }

    /// An image with no layers, for this host's platform (`FROM scratch`).
    #[allow(dead_code)] // the builder's (FROM scratch, config-only steps)
    pub(crate) fn scratch() -> ImageDraft {
        let host = Platform::host();
        let mut config = json!({
            "architecture": host.architecture,
            "os": host.os,
            "config": {},
            "rootfs": {"type": "layers", "diff_ids": []},
        });
        if let Some(variant) = host.variant {
            config["variant"] = json!(variant);
        }
        ImageDraft {
            annotations: Default::default(),
            config,
            layers: Vec::new(),
            held: Vec::new(),
        }
    }

    /// The image config as it stands.
    #[allow(dead_code)] // the builder's (FROM scratch, config-only steps)
    pub(crate) fn config(&self) -> &Value {
        &self.config
    }

    /// The image config, to change (`config.Cmd`, `config.Env` … : see `commit::change`).
    pub(crate) fn config_mut(&mut self) -> &mut Value {
        &mut self.config
    }

    /// The chain ID of the top layer: the parent of the next layer.
    pub(crate) fn top_layer(&self) -> Option<&Digest> {
        self.layers.last().map(|l| &l.chain_id)
    }

    /// The chain IDs of the layers, bottom first (a container's lower layers).
    pub(crate) fn layers(&self) -> Vec<Digest> {
        self.layers.iter().map(|l| l.chain_id.clone()).collect()
    }

    /// The layers' blobs, bottom first.
    pub(crate) fn blobs(&self) -> impl Iterator<Item = &Digest> {
        self.layers.iter().map(|l| &l.blob.digest)
    }

    /// Adds `layer` (made on top of [`ImageDraft::top_layer`]) and its history entry.
    pub(crate) fn add_layer(
        &mut self,
        layer: NewLayer,
        history: &History,
    ) -> Result<(), CommitError> {
        if layer.parent.as_ref() != self.top_layer() {
            return Err(CommitError::NotOnTop {
                layer: layer.chain_id,
            });
        }
        let rootfs = object(&mut self.config, "rootfs");
        rootfs
            .entry("type")
            .or_insert_with(|| Value::String("layers".into()));
        let diff_ids = rootfs.entry("diff_ids").or_insert_with(|| json!([]));
        if !diff_ids.is_array() {
            *diff_ids = json!([]);
        }
        if let Some(ids) = diff_ids.as_array_mut() {
            ids.push(Value::String(layer.diff_id.to_string()));
        }
        self.push_history(history, false);
        self.layers.push(DraftLayer {
            blob: layer.blob,
            chain_id: layer.chain_id,
            size: layer.size,
        });
        self.held.extend(layer.held);
        Ok(())
    }

    /// Adds the history entry of a step that changed the config only (`empty_layer`).
    #[allow(dead_code)] // the builder's (FROM scratch, config-only steps)
    pub(crate) fn add_empty(&mut self, history: &History) {
        self.push_history(history, true);
    }

    fn push_history(&mut self, h: &History, empty: bool) {
        let mut entry = Map::new();
        entry.insert("created".into(), json!(h.created));
        for (key, value) in [
            ("created_by", &h.created_by),
            ("author", &h.author),
            ("comment", &h.comment),
        ] {
            if !value.is_empty() {
                entry.insert(key.into(), json!(value));
            }
        }
        if empty {
            entry.insert("empty_layer".into(), json!(true));
        }
        let top = self
            .config
            .as_object_mut()
            .expect("the config is an object");
        let history = top.entry("history").or_insert_with(|| json!([]));
        if !history.is_array() {
            *history = json!([]);
        }
        if let Some(list) = history.as_array_mut() {
            list.push(Value::Object(entry));
        }
        top.insert("created".into(), json!(h.created));
        if !h.author.is_empty() {
            top.insert("author".into(), json!(h.author));
        }
    }

    /// Sets an annotation of the manifest written by [`ImageDraft::store`].
    pub(crate) fn annotate(&mut self, key: &str, value: &str) {
        self.annotations.insert(key.to_string(), value.to_string());
    }

    /// Stores the config and the manifest of the image as it stands; returns its record
    /// (no names) holding the locks that keep it whole until [`record`].
    pub(crate) fn store(&self, store: &Store, format: Format) -> Result<StoredImage, CommitError> {
        let mut held = Vec::new();
        let mut layers = Vec::new();
        for l in &self.layers {
            held.push(store.layer_use_lock(&l.chain_id)?);
            held.push(store.blob_lock(&l.blob.digest)?);
            layers.push(layer_for(&l.blob, format)?);
        }
        let config = serde_json::to_vec(&self.config).map_err(CommitError::Json)?;
        let config_digest = Digest::of(&config);
        held.push(store.blob_lock(&config_digest)?);
        store.put_blob_bytes(&config_digest, &config)?;
        let (manifest_type, config_type) = match format {
            Format::Oci => (OCI_MANIFEST, OCI_CONFIG),
            Format::Docker => (DOCKER_MANIFEST, DOCKER_CONFIG),
        };
        let manifest = ManifestOut {
            schema_version: 2,
            media_type: manifest_type,
            config: Descriptor {
                media_type: config_type.into(),
                digest: config_digest.clone(),
                size: config.len() as u64,
                urls: Vec::new(),
                annotations: None,
            },
            layers,
            annotations: self.annotations.clone(),
        };
        let manifest = serde_json::to_vec(&manifest).map_err(CommitError::Json)?;
        let manifest_digest = Digest::of(&manifest);
        held.push(store.blob_lock(&manifest_digest)?);
        store.put_blob_bytes(&manifest_digest, &manifest)?;
        Ok(StoredImage {
            record: ImageRecord {
                id: config_digest,
                digest: manifest_digest,
                index_digest: None,
                names: Vec::new(),
                repo_digests: Vec::new(),
                layers: self.layers(),
                size: self.layers.iter().map(|l| l.size).sum(),
                pulled: crate::util::time::now_rfc3339_nano(),
                build_key: None,
                intermediate: false,
                digest_names: vec![],
                names_history: vec![],
            },
            held,
        })
    }
}

/// The manifest as written: schema 2, fields in the order registries show them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ManifestOut {
    schema_version: u32,
    media_type: &'static str,
    config: Descriptor,
    layers: Vec<Descriptor>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    annotations: std::collections::BTreeMap<String, String>,
}

/// `config[key]` as an object (made one when missing or not an object). The config itself
/// is an object: `from_image` checks it and `scratch` makes one.
fn object<'v>(config: &'v mut Value, key: &str) -> &'v mut Map<String, Value> {
    let top = config.as_object_mut().expect("the config is an object");
    let v = top.entry(key).or_insert_with(|| json!({}));
    if !v.is_object() {
        *v = json!({});
    }
    v.as_object_mut().expect("made an object")
}

/// A layer's descriptor with the media type of `format` for its compression.
fn layer_for(blob: &Descriptor, format: Format) -> Result<Descriptor, CommitError> {
    use crate::image::registry::manifest::Compression;
    let compression = blob
        .compression()
        .map_err(|e| CommitError::Format(e.to_string()))?;
    let foreign =
        blob.media_type.contains("nondistributable") || blob.media_type.contains("foreign");
    let media_type = match (format, compression, foreign) {
        (Format::Oci, Compression::None, false) => "application/vnd.oci.image.layer.v1.tar",
        (Format::Oci, Compression::Gzip, false) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (Format::Oci, Compression::Zstd, false) => "application/vnd.oci.image.layer.v1.tar+zstd",
        (Format::Oci, Compression::None, true) => {
            "application/vnd.oci.image.layer.nondistributable.v1.tar"
        }
        (Format::Oci, Compression::Gzip, true) => {
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
        }
        (Format::Oci, Compression::Zstd, true) => {
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"
        }
        (Format::Docker, Compression::None, _) => "application/vnd.docker.image.rootfs.diff.tar",
        (Format::Docker, Compression::Gzip, false) => {
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
        }
        (Format::Docker, Compression::Gzip, true) => {
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
        }
        (Format::Docker, Compression::Zstd, _) => {
            return Err(CommitError::Format(format!(
            "layer {} is zstd-compressed, which a Docker manifest cannot list: use --format oci",
            blob.digest
        )))
        }
    };
    Ok(Descriptor {
        media_type: media_type.into(),
        ..blob.clone()
    })
}

/// The full name an image is recorded under: a short name goes under `localhost/`, a missing
/// tag is `latest`; a digest is refused.
pub(crate) fn image_name(input: &str) -> Result<String, CommitError> {
    let full = if crate::image::reference::is_short_name(input) {
        Reference::parse(&format!("localhost/{input}"))
    } else {
        Reference::parse(input)
    }
    .map_err(|e| CommitError::Name(e.to_string()))?;
    if full.digest.is_some() {
        return Err(CommitError::Name(format!(
            "{input}: an image name cannot carry a digest: give a tag instead"
        )));
    }
    Ok(full.to_string())
}

/// Puts `image` into `images.json` under `names` (full names, see [`image_name`]; none for an
/// untagged image), each name moving from the image that had it. Returns the record as
/// stored (an image with the same ID already there gains the names).
pub(crate) fn record(
    store: &Store,
    image: StoredImage,
    names: &[String],
) -> Result<ImageRecord, CommitError> {
    let mut rec = image.record;
    for name in names {
        rec.names.push(name.clone());
        if let Ok(r) = Reference::parse(name) {
            let digested = format!("{}@{}", r.name(), rec.digest);
            if !rec.repo_digests.contains(&digested) {
                rec.repo_digests.push(digested);
            }
        }
    }
    let stored = index::update(store.root(), |idx| -> Result<ImageRecord, StoreError> {
        Ok(idx.record(rec))
    })?;
    drop(image.held);
    Ok(stored)
}
