//! Push: a stored image → a registry repository.
//!
//! The layers go first, on at most three threads, each made present without uploading when
//! the registry has it (HEAD) or can mount it from another repository of the same registry
//! (where `blob-info.json` or the image's own names say it lives); otherwise streamed from
//! the store, compressed on the way when the layer is stored uncompressed (or recompressed
//! with `--force-compression`). The config follows, and the manifest is PUT last, only once
//! every blob it names is confirmed: a push killed at any instant leaves no manifest pointing
//! at a missing blob, and the next push skips what arrived.
mod blob;
pub(crate) mod dest;
pub(crate) mod manifest;

pub(crate) use dest::{parse_destination, Destination};
pub(crate) use manifest::ManifestFormat;

use crate::config::registries::{Endpoint, RegistriesConf, RegistriesError};
use crate::config::Paths;
use crate::image::progress::Progress;
use crate::image::pull::diff_ids;
use crate::image::registry::manifest::{effective_media_type, Compression};
use crate::image::registry::RegistryError;
use crate::image::registry::{parse_manifest, Client, ClientOptions, Descriptor, Manifest};
use crate::image::store::blob_info::{BlobInfo, Variant};
use crate::image::store::{ImageRecord, Store, StoreError};
use crate::image::Reference;
use crate::util::digest::Digest;
use blob::{Found, Outcome, Source};
use manifest::{build, is_nondistributable, layer_media_type, ConvertError};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// At most this many layers are uploaded at once.
const PARALLEL_LAYERS: usize = 3;

/// How to push.
#[derive(Debug, Clone)]
pub(crate) struct PushOptions {
    pub(crate) client: ClientOptions,
    /// Nothing on stderr.
    pub(crate) quiet: bool,
    /// `--format`; `None` keeps the stored manifest's flavour.
    pub(crate) format: Option<ManifestFormat>,
    /// `--compression-format`: what uncompressed layers are compressed with.
    pub(crate) compression: Compression,
    /// `--compression-level`; the format's default when `None`.
    pub(crate) level: Option<i32>,
    /// `--force-compression`: recompress layers compressed otherwise.
    pub(crate) force_compression: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            client: ClientOptions::default(),
            quiet: false,
            format: None,
            compression: Compression::Gzip,
            level: None,
            force_compression: false,
        }
    }
}

/// Why a push failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PushError {
    #[error(transparent)]
    Registries(#[from] RegistriesError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Convert(#[from] ConvertError),
    #[error("image {name}: {reason}; the stored image is damaged: pull or build it again")]
    BadImage { name: String, reason: String },
    #[error("layer {digest}: {detail}")]
    Layer { digest: Digest, detail: String },
    #[error(
        "the registry stored the manifest under {actual}, not {expected} as the destination says"
    )]
    DigestMismatch { expected: Digest, actual: Digest },
}

/// A manifest as pushed.
#[derive(Debug, Clone)]
pub(crate) struct Pushed {
    pub(crate) digest: Digest,
}

/// The repository a push writes into, with the client and what it knows about blobs.
pub(crate) struct Pusher<'a> {
    client: &'a Client,
    store: &'a Store,
    ep: &'a Endpoint,
    dest: &'a Reference,
    opts: &'a PushOptions,
    progress: &'a Progress,
    blob_info: Mutex<BlobInfo>,
    /// `registry/repository` names the image being pushed was pulled from or pushed to.
    image_repositories: Vec<String>,
}

/// The registry endpoint a push to `dest` goes to (never a mirror).
pub(crate) fn endpoint(paths: &Paths, dest: &Reference) -> Result<Endpoint, PushError> {
    let conf = RegistriesConf::load(paths)?;
    let eps = conf.endpoints(dest)?;
    Ok(eps
        .into_iter()
        .rfind(|e| !e.mirror)
        .expect("endpoints always end with the registry itself"))
}

/// Pushes stored image `img` to `dest` (its tag, or its digest); returns the manifest pushed.
pub(crate) fn push(
    paths: &Paths,
    img: &ImageRecord,
    dest: &Reference,
    opts: &PushOptions,
) -> Result<Pushed, PushError> {
    let ep = endpoint(paths, dest)?;
    let client = Client::new(paths, opts.client.clone())?;
    let store = Store::open(paths)?;
    let progress = Progress::new(opts.quiet);
    let mut pusher = Pusher::new(&client, &store, &ep, dest, opts, &progress);
    progress.signatures();
    // Pushed before with the same options and still served as pushed: every blob is there
    // (the registry took the manifest only with them), so one HEAD is the whole push.
    let key = pushed_key(dest, img, opts);
    let before = store.blob_info().pushed.get(&key).cloned();
    if let Some(digest) = before {
        if let Ok(Some((served, _))) = client.head_manifest(&ep, &dest.manifest_ref()) {
            if served == digest {
                if !opts.quiet {
                    skipped_lines(&client, &ep, &digest, &progress);
                }
                progress.writing_manifest();
                return Ok(Pushed { digest });
            }
        }
    }
    let (bytes, media_type) = pusher.blobs_of(img)?;
    let pushed = pusher.put_manifest(&dest.manifest_ref(), &bytes, &media_type)?;
    if let Err(e) = store.update_blob_info(|i| {
        i.pushed.insert(key, pushed.digest.clone());
    }) {
        log::warn!("cannot record the push of {}: {e}", dest.name());
    }
    Ok(pushed)
}

/// The lines of a push that found everything there: each blob of the served manifest
/// skipped, the config done (as a push that checked each blob prints them).
fn skipped_lines(client: &Client, ep: &Endpoint, digest: &Digest, progress: &Progress) {
    let Ok(fetched) = client.get_manifest(ep, &digest.to_string()) else {
        return;
    };
    if let Ok(Manifest::Image(m)) = parse_manifest(&fetched.bytes, &fetched.media_type) {
        for l in &m.layers {
            progress.blob_skipped(&l.digest);
        }
        progress.config(&m.config.digest);
    }
}

/// What makes a push the same as an earlier one: destination (with its tag), image and
/// every option that changes the manifest.
fn pushed_key(dest: &Reference, img: &ImageRecord, opts: &PushOptions) -> String {
    format!(
        "{}@{} {} {:?} {:?} {:?} {}",
        dest.name(),
        dest.manifest_ref(),
        img.id,
        opts.format,
        opts.compression,
        opts.level,
        opts.force_compression
    )
}

impl<'a> Pusher<'a> {
    pub(crate) fn new(
        client: &'a Client,
        store: &'a Store,
        ep: &'a Endpoint,
        dest: &'a Reference,
        opts: &'a PushOptions,
        progress: &'a Progress,
    ) -> Pusher<'a> {
        Pusher {
            client,
            store,
            ep,
            dest,
            opts,
            progress,
            blob_info: Mutex::new(store.blob_info()),
            image_repositories: Vec::new(),
        }
    }

    /// Puts `bytes` under `reference`, after every blob; records where its blobs now live.
    pub(crate) fn put_manifest(
        &self,
        reference: &str,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<Pushed, PushError> {
        self.progress.writing_manifest();
        let digest = self
            .client
            .put_manifest(self.ep, reference, media_type, bytes)?;
        if let Ok(expected) = reference.parse::<Digest>() {
            if expected != digest {
                return Err(PushError::DigestMismatch {
                    expected,
                    actual: digest,
                });
            }
        }
        Ok(Pushed { digest })
    }

    /// Makes every blob of `img` present in the destination; returns the manifest to put
    /// (the stored one unchanged when no layer and no media type changed) and its type.
    pub(crate) fn blobs_of(&mut self, img: &ImageRecord) -> Result<(Vec<u8>, String), PushError> {
        let name = img
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| img.id.short().to_string());
        let bad = |reason: String| PushError::BadImage {
            name: name.clone(),
            reason,
        };
        self.image_repositories = img
            .repo_digests
            .iter()
            .map(|r| r.split('@').next().unwrap_or(r))
            .chain(img.names.iter().map(|n| strip_tag(n)))
            .map(str::to_string)
            .collect();
        // Shared blob locks until the push is done, as a pull holds them: gc (after an rmi)
        // leaves the blobs being read alone.
        let mut held = vec![
            self.store.blob_lock(&img.digest)?,
            self.store.blob_lock(&img.id)?,
        ];
        let stored = self.store.read_blob(&img.digest)?;
        let stored_type = effective_media_type(None, &stored);
        let manifest =
            match parse_manifest(&stored, &stored_type).map_err(|e| bad(e.to_string()))? {
                Manifest::Image(m) => m,
                Manifest::Index(_) => return Err(bad("its manifest is an index".into())),
            };
        let config_bytes = self.store.read_blob(&img.id)?;
        let diff_ids = diff_ids(&config_bytes).map_err(|e| bad(e.to_string()))?;
        if diff_ids.len() != manifest.layers.len() {
            return Err(bad(format!(
                "the manifest lists {} layers but the config {} diff IDs",
                manifest.layers.len(),
                diff_ids.len()
            )));
        }
        for l in &manifest.layers {
            held.push(self.store.blob_lock(&l.digest)?);
        }
        let format = self.opts.format.unwrap_or(ManifestFormat::of(&stored_type));
        let layers = self.layers(&manifest.layers, &diff_ids, &img.layers, format)?;

        let config = &manifest.config;
        let outcome = self.ensure_blob(&config.digest, &|up| {
            let src = Source {
                blob: &config.digest,
                stored: Compression::None,
                recompress: None,
                diff_id: &config.digest,
                chain: None,
            };
            self.stream(&src, up, &|_| {})
        })?;
        if outcome == Outcome::Uploaded {
            log::debug!("uploaded config {}", config.digest);
        }
        self.progress.config(&config.digest);
        self.remember_locations(layers.iter().map(|l| &l.digest).chain([&config.digest]));

        drop(held);
        let unchanged = ManifestFormat::of(&stored_type) == format
            && layers.iter().zip(&manifest.layers).all(|(a, b)| a == b);
        if unchanged {
            return Ok((stored, stored_type));
        }
        let bytes = build(&stored, format, config, &layers);
        Ok((bytes, format.manifest_type().to_string()))
    }

    /// Pushes the layers on up to [`PARALLEL_LAYERS`] threads; returns their descriptors as
    /// the new manifest lists them.
    fn layers(
        &self,
        layers: &[Descriptor],
        diff_ids: &[Digest],
        chains: &[Digest],
        format: ManifestFormat,
    ) -> Result<Vec<Descriptor>, PushError> {
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let results: Mutex<Vec<Option<Descriptor>>> = Mutex::new(vec![None; layers.len()]);
        let first_error: Mutex<Option<PushError>> = Mutex::new(None);
        std::thread::scope(|s| {
            for _ in 0..PARALLEL_LAYERS.min(layers.len()) {
                s.spawn(|| {
                    while !failed.load(Ordering::SeqCst) {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(layer) = layers.get(i) else { break };
                        match self.layer(layer, &diff_ids[i], chains.get(i), format) {
                            Ok(d) => results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(d),
                            Err(e) => {
                                failed.store(true, Ordering::SeqCst);
                                first_error
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner())
                                    .get_or_insert(e);
                            }
                        }
                    }
                });
            }
        });
        if let Some(e) = first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
            return Err(e);
        }
        Ok(results
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .into_iter()
            .map(|d| d.expect("every layer has a result when none failed"))
            .collect())
    }

    /// Makes one layer present; returns its descriptor in `format`.
    fn layer(
        &self,
        layer: &Descriptor,
        diff_id: &Digest,
        chain: Option<&Digest>,
        format: ManifestFormat,
    ) -> Result<Descriptor, PushError> {
        let stored = layer.compression()?;
        let foreign = is_nondistributable(&layer.media_type);
        if foreign && !layer.urls.is_empty() {
            // Foreign layers are fetched by clients from their URLs: not pushed.
            return Ok(Descriptor {
                media_type: layer_media_type(format, stored, true, &layer.digest.to_string())?
                    .into(),
                ..layer.clone()
            });
        }
        let target = self.opts.compression;
        let recompress =
            stored == Compression::None || (self.opts.force_compression && stored != target);
        let with = |digest: Digest, size: u64, c: Compression| -> Result<Descriptor, PushError> {
            Ok(Descriptor {
                media_type: layer_media_type(format, c, foreign, &digest.to_string())?.into(),
                digest,
                size,
                ..layer.clone()
            })
        };
        if !recompress {
            let d = with(layer.digest.clone(), layer.size, stored)?;
            let outcome = self.ensure_blob(&layer.digest, &|up| {
                let src = Source {
                    blob: &layer.digest,
                    stored,
                    recompress: None,
                    diff_id,
                    chain,
                };
                let bar = self.progress.blob(&layer.digest, layer.size);
                let r = self.stream(&src, up, &|n| bar.set(n));
                match &r {
                    Ok(_) => bar.done(),
                    Err(_) => bar.fail(),
                }
                r
            })?;
            if outcome == Outcome::Present {
                self.progress.blob_skipped(&layer.digest);
            }
            return Ok(d);
        }
        // A variant an earlier push made: present already, or mountable, uploads nothing.
        let name = blob::compression_name(target);
        let known = self
            .blob_info
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .variant(diff_id, name)
            .cloned();
        if let Some(v) = known {
            if let Found::Present = self.find_or_mount(&v.digest)? {
                self.progress.blob_skipped(&layer.digest);
                return with(v.digest, v.size, target);
            }
        }
        let level = self.opts.level.unwrap_or(match target {
            Compression::Zstd => 3,
            _ => 6,
        });
        let src = Source {
            blob: &layer.digest,
            stored,
            recompress: Some((target, level)),
            diff_id,
            chain,
        };
        // The stored size: the compressed size is known only at the end.
        let bar = self.progress.blob(&layer.digest, layer.size);
        let uploaded = self.upload_layer(&src, &|n| bar.set(n));
        let (digest, size) = match uploaded {
            Ok(r) => r,
            Err(e) => {
                bar.fail();
                return Err(e);
            }
        };
        bar.done();
        self.remember_variant(
            diff_id,
            target,
            Variant {
                digest: digest.clone(),
                size,
            },
        );
        with(digest, size, target)
    }

    /// Copies image `digest` of repository `repository` (`registry/path`, at `src`) into
    /// the destination: each blob present, mounted (from `repository` when it is on the same
    /// registry) or streamed across; returns its manifest, to put by digest.
    pub(crate) fn copy_image(
        &mut self,
        src: &Endpoint,
        repository: &str,
        digest: &Digest,
    ) -> Result<(Vec<u8>, String), PushError> {
        self.image_repositories = vec![repository.to_string()];
        let fetched = self.client.get_manifest(src, &digest.to_string())?;
        let m = match parse_manifest(&fetched.bytes, &fetched.media_type)? {
            Manifest::Image(m) => m,
            Manifest::Index(_) => {
                return Err(PushError::BadImage {
                    name: format!("{repository}@{digest}"),
                    reason: "a member of a list is itself an index".into(),
                })
            }
        };
        for d in m.layers.iter().filter(|l| l.urls.is_empty()) {
            let outcome = self.ensure_blob(&d.digest, &|up| self.copy_from(src, d, up))?;
            if outcome == Outcome::Present {
                self.progress.blob_skipped(&d.digest);
            }
        }
        self.ensure_blob(&m.config.digest, &|up| self.copy_from(src, &m.config, up))?;
        self.progress.config(&m.config.digest);
        self.remember_locations(m.layers.iter().map(|l| &l.digest).chain([&m.config.digest]));
        Ok((fetched.bytes, fetched.media_type))
    }

    /// The reporter this push prints with.
    pub(crate) fn progress(&self) -> &Progress {
        self.progress
    }

    /// Records that the destination now holds `digests`.
    fn remember_locations<'d>(&self, digests: impl Iterator<Item = &'d Digest>) {
        let location = self.dest.name();
        let digests: Vec<&Digest> = digests.collect();
        let mut info = self.blob_info.lock().unwrap_or_else(|p| p.into_inner());
        for d in &digests {
            info.add_location(d, &location);
        }
        if let Err(e) = self.store.update_blob_info(|i| {
            for d in &digests {
                i.add_location(d, &location);
            }
        }) {
            log::warn!("cannot record where the pushed blobs are: {e}");
        }
    }
}

/// `registry/repo` of `registry/repo:tag`.
fn strip_tag(name: &str) -> &str {
    match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => repo,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_tag_but_keep_a_registry_port() {
        assert_eq!(strip_tag("127.0.0.1:5000/a/b:v1"), "127.0.0.1:5000/a/b");
        assert_eq!(strip_tag("127.0.0.1:5000/a/b"), "127.0.0.1:5000/a/b");
    }
}
