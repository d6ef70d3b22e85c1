//! Pull: reference → manifest → config → layers, verified and unpacked into the store.
//!
//! Each candidate of registries.conf and each of its endpoints (mirrors first) is tried in
//! turn; registry errors while resolving the manifest and config fall through to the next,
//! and so does any failure on a mirror. Layers are fetched by at most three threads, each
//! under the layer's work lock, streaming the blob at once into the blob store and into an
//! `unpack` helper in the store's user namespace; the layer is committed only when the
//! registry client verified the blob and the helper's diff ID matches the config. The image
//! ID is printed by the CLI from the returned record.
use crate::config::registries::{Endpoint, RegistriesConf, RegistriesError};
use crate::config::Paths;
use crate::image::progress::Progress;
use crate::image::registry::{
    parse_manifest, select, Client, ClientOptions, Descriptor, Manifest, Platform, RegistryError,
};
use crate::image::store::{index, ImageRecord, LayerInfo, LayerTmp, Store, StoreError};
use crate::image::unpack::parent::UnpackChild;
use crate::image::unpack::Report;
use crate::image::Reference;
use crate::linux::idmap::IdMap;
use crate::util::digest::{chain_ids, Digest, HashingWriter};
use crate::util::fs::Lock;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// How to pull.
pub(crate) struct PullOptions {
    /// The platform to pick from an index; the host's when `None`.
    pub(crate) platform: Option<Platform>,
    /// Nothing on stderr.
    pub(crate) quiet: bool,
    pub(crate) client: ClientOptions,
}

/// At most this many layers are fetched at once.
const PARALLEL_LAYERS: usize = 3;
/// Image configs larger than this are refused.
const MAX_CONFIG: u64 = 8 << 20;

/// Why a pull failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PullError {
    #[error(transparent)]
    Registries(#[from] RegistriesError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Every candidate and endpoint failed: a summary line, then one line per attempt.
    #[error("{}", tried_message(summary, tried))]
    Tried {
        summary: String,
        tried: Vec<String>,
        not_found: bool,
    },
    /// The one place tried could not give the image: Podman's words, then the registry's.
    #[error("initializing source docker://{reference}: {source}")]
    Source {
        reference: String,
        #[source]
        source: Box<RegistryError>,
    },
    #[error(
        "{name} has no image for platform {want} (it has {available}); choose one with --platform"
    )]
    NoPlatform {
        name: String,
        want: String,
        available: String,
    },
    #[error("image {name}: {reason}; the image is damaged or not a container image")]
    BadImage { name: String, reason: String },
    #[error("layer {digest}: {detail}")]
    Layer { digest: Digest, detail: String },
}

impl PullError {
    /// True when the image does not exist anywhere that was tried.
    pub(crate) fn is_not_found(&self) -> bool {
        match self {
            PullError::Tried { not_found, .. } => *not_found,
            PullError::Registry(e) => e.is_not_found(),
            PullError::Source { source, .. } => source.is_not_found(),
            _ => false,
        }
    }
}

fn tried_message(summary: &str, tried: &[String]) -> String {
    let mut s = format!("{summary}:");
    for (i, t) in tried.iter().enumerate() {
        s.push('\n');
        s.push_str(t);
        if i + 1 < tried.len() {
            s.push(';');
        }
    }
    s
}

/// Pulls `input` (a short or full name, a tag or a digest) into the store and records it in
/// `images.json`; returns the record (the CLI prints its ID).
pub(crate) fn pull(
    paths: &Paths,
    input: &str,
    opts: &PullOptions,
) -> Result<ImageRecord, PullError> {
    let conf = RegistriesConf::load(paths)?;
    let candidates = conf.candidates(input)?;
    let client = Client::new(paths, opts.client.clone())?;
    let store = Store::open(paths)?;
    let progress = Progress::new(opts.quiet);
    let puller = Puller {
        store: &store,
        client: &client,
        opts,
        progress: &progress,
        created: Mutex::new(Vec::new()),
    };
    let result = try_all(&puller, &conf, &candidates, input);
    if result.is_err() {
        // A refused pull leaves no layers behind (its verified blobs stay for the next try).
        let created = puller
            .created
            .into_inner()
            .unwrap_or_else(|p| p.into_inner());
        if let Err(e) = store.remove_unused_layers(&created, &IdMap::detect()) {
            log::warn!("cannot remove the layers of the failed pull: {e}");
        }
    }
    if let Ok(rec) = &result {
        crate::events::record(
            paths,
            crate::events::Event::image("pull", rec.id.hex(), input),
        );
    }
    result
}

/// Tries each candidate and each of its endpoints in turn.
fn try_all(
    puller: &Puller<'_>,
    conf: &RegistriesConf,
    candidates: &[Reference],
    input: &str,
) -> Result<ImageRecord, PullError> {
    let progress = puller.progress;
    let mut tried = Vec::new();
    let mut last = None;
    let mut all_not_found = true;
    for cand in candidates {
        let endpoints = match conf.endpoints(cand) {
            Ok(eps) => eps,
            Err(e) => {
                all_not_found = false;
                tried.push(format!("{cand}: {e}"));
                last = Some(e.into());
                continue;
            }
        };
        progress.trying(&cand.to_string());
        for ep in &endpoints {
            let source = describe(cand, ep);
            let resolved = match puller.resolve(ep, cand) {
                Ok(r) => r,
                Err(PullError::Registry(e)) => {
                    all_not_found &= e.is_not_found();
                    tried.push(format!("{source}: {e}"));
                    last = Some(PullError::Source {
                        reference: cand.to_string(),
                        source: Box::new(e),
                    });
                    continue;
                }
                Err(e) => return Err(e),
            };
            match puller.complete(ep, cand, resolved) {
                Ok(rec) => return Ok(rec),
                Err(e) if ep.mirror => {
                    all_not_found &= e.is_not_found();
                    tried.push(format!("{source}: {e}"));
                    last = Some(e);
                }
                Err(e) => return Err(e),
            }
        }
    }
    // One attempt: its own error says it all (it names the registry and the image).
    if let (1, Some(e)) = (tried.len(), last) {
        return Err(e);
    }
    let summary = if all_not_found {
        format!(
            "{input}: image not found in any of {} places tried",
            tried.len()
        )
    } else {
        format!("cannot pull {input}: {} attempts failed", tried.len())
    };
    Err(PullError::Tried {
        summary,
        tried,
        not_found: all_not_found,
    })
}

fn describe(cand: &Reference, ep: &Endpoint) -> String {
    let repo = format!("{}/{}", ep.host, ep.repository);
    if ep.mirror {
        format!("{cand} (mirror {repo})")
    } else if repo == cand.name() {
        cand.to_string()
    } else {
        format!("{cand} ({repo})")
    }
}

/// The manifest(s) and config of an image, verified and stored.
struct Resolved {
    manifest_digest: Digest,
    index_digest: Option<Digest>,
    config: Descriptor,
    layers: Vec<Descriptor>,
    diff_ids: Vec<Digest>,
    /// Shared locks on the stored manifest(s) and config until the image is recorded.
    locks: Vec<Lock>,
}

struct Puller<'a> {
    store: &'a Store,
    client: &'a Client,
    opts: &'a PullOptions,
    progress: &'a Progress,
    /// Layers this pull made present, removed again when the pull fails as a whole.
    created: Mutex<Vec<Digest>>,
}

impl Puller<'_> {
    /// Fetches the manifest (choosing from an index by platform) and the config.
    fn resolve(&self, ep: &Endpoint, cand: &Reference) -> Result<Resolved, PullError> {
        let name = cand.to_string();
        let mut locks = Vec::new();
        let fetched = self.client.get_manifest(ep, &cand.manifest_ref())?;
        let top_digest = Digest::of(&fetched.bytes);
        let bad = |reason: String| PullError::BadImage {
            name: name.clone(),
            reason,
        };
        let (manifest_bytes, manifest, index_digest) =
            match parse_manifest(&fetched.bytes, &fetched.media_type)? {
                Manifest::Image(m) => (fetched.bytes, m, None),
                Manifest::Index(entries) => {
                    let want = self.opts.platform.clone().unwrap_or_else(Platform::host);
                    let Some(entry) = select(&entries, &want) else {
                        let mut available: Vec<String> = entries
                            .iter()
                            .filter_map(|e| e.platform.as_ref().map(|p| p.to_string()))
                            .collect();
                        available.dedup();
                        let available = if available.is_empty() {
                            "no platforms".to_string()
                        } else {
                            available.join(", ")
                        };
                        return Err(PullError::NoPlatform {
                            name,
                            want: want.to_string(),
                            available,
                        });
                    };
                    let child_digest = entry.descriptor.digest.clone();
                    let child = self.client.get_manifest(ep, &child_digest.to_string())?;
                    match parse_manifest(&child.bytes, &child.media_type)? {
                        Manifest::Image(m) => {
                            locks.push(self.store.blob_lock(&top_digest)?);
                            self.store.put_blob_bytes(&top_digest, &fetched.bytes)?;
                            (child.bytes, m, Some(top_digest.clone()))
                        }
                        Manifest::Index(_) => {
                            return Err(bad(format!("index entry {child_digest} is another index")))
                        }
                    }
                }
            };
        let manifest_digest = Digest::of(&manifest_bytes);
        locks.push(self.store.blob_lock(&manifest_digest)?);
        self.store
            .put_blob_bytes(&manifest_digest, &manifest_bytes)?;

        let config = manifest.config.clone();
        locks.push(self.store.blob_lock(&config.digest)?);
        let config_bytes = match self.store.read_blob(&config.digest) {
            Ok(bytes) => bytes,
            Err(StoreError::MissingBlob { .. } | StoreError::Corrupt { .. }) => {
                let bytes = self.client.get_blob_bytes(
                    ep,
                    &config.digest,
                    Some(config.size),
                    MAX_CONFIG,
                )?;
                self.store.put_blob_bytes(&config.digest, &bytes)?;
                bytes
            }
            Err(e) => return Err(e.into()),
        };
        let diff_ids = diff_ids(&config_bytes).map_err(|e| bad(e.to_string()))?;
        if diff_ids.len() != manifest.layers.len() {
            return Err(bad(format!(
                "the manifest lists {} layers but the config {} diff IDs",
                manifest.layers.len(),
                diff_ids.len()
            )));
        }
        for layer in &manifest.layers {
            layer.compression()?;
        }
        Ok(Resolved {
            manifest_digest,
            index_digest,
            config,
            layers: manifest.layers,
            diff_ids,
            locks,
        })
    }

    /// Fetches the missing layers and records the image.
    fn complete(
        &self,
        ep: &Endpoint,
        cand: &Reference,
        r: Resolved,
    ) -> Result<ImageRecord, PullError> {
        let chains = chain_ids(&r.diff_ids);
        let idmap = IdMap::detect();
        // Held until the image is in images.json, so gc leaves these alone meanwhile.
        let mut held = r.locks;
        for chain in &chains {
            held.push(self.store.layer_use_lock(chain)?);
        }
        self.progress.signatures();
        let jobs: Vec<LayerJob> = r
            .layers
            .iter()
            .zip(&r.diff_ids)
            .zip(&chains)
            .enumerate()
            .map(|(i, ((blob, diff_id), chain))| LayerJob {
                blob,
                diff_id,
                chain,
                parent: i.checked_sub(1).map(|p| &chains[p]),
            })
            .collect();
        let sizes = self.fetch_layers(ep, &idmap, &jobs)?;
        held.extend(sizes.1);
        self.progress.config(&r.config.digest);
        self.progress.writing_manifest();

        let mut repo_digests = vec![format!("{}@{}", cand.name(), r.manifest_digest)];
        if let Some(idx) = &r.index_digest {
            repo_digests.push(format!("{}@{idx}", cand.name()));
        }
        let name = cand.tag.as_ref().map(|t| format!("{}:{t}", cand.name()));
        let record = ImageRecord {
            id: r.config.digest.clone(),
            digest: r.manifest_digest.clone(),
            index_digest: r.index_digest.clone(),
            names: name.iter().cloned().collect(),
            repo_digests,
            layers: chains,
            size: sizes.0,
            pulled: crate::util::time::now_rfc3339_nano(),
            build_key: None,
            intermediate: false,
            // Pulled by digest: that reference becomes a name, as Podman keeps it.
            digest_names: cand
                .digest
                .iter()
                .map(|d| format!("{}@{d}", cand.name()))
                .collect(),
            names_history: vec![],
        };
        let stored = index::update(
            self.store.root(),
            |idx| -> Result<ImageRecord, StoreError> { Ok(idx.record(record)) },
        )?;
        drop(held);
        Ok(stored)
    }

    /// Runs the layer jobs on at most [`PARALLEL_LAYERS`] threads; returns the total size and
    /// the shared locks taken on the layer blobs.
    fn fetch_layers(
        &self,
        ep: &Endpoint,
        idmap: &IdMap,
        jobs: &[LayerJob<'_>],
    ) -> Result<(u64, Vec<Lock>), PullError> {
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let total = AtomicUsize::new(0);
        let first_error: Mutex<Option<PullError>> = Mutex::new(None);
        let locks: Mutex<Vec<Lock>> = Mutex::new(Vec::new());
        let workers = PARALLEL_LAYERS.min(jobs.len());
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    while !failed.load(Ordering::SeqCst) {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(job) = jobs.get(i) else { break };
                        match self.layer(ep, idmap, job) {
                            Ok((size, lock)) => {
                                total.fetch_add(size as usize, Ordering::SeqCst);
                                locks.lock().unwrap_or_else(|p| p.into_inner()).extend(lock);
                            }
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
        let locks = locks.into_inner().unwrap_or_else(|p| p.into_inner());
        Ok((total.into_inner() as u64, locks))
    }

    /// Makes one layer present; returns its size and the lock on its blob, if it used one.
    fn layer(
        &self,
        ep: &Endpoint,
        idmap: &IdMap,
        job: &LayerJob<'_>,
    ) -> Result<(u64, Option<Lock>), PullError> {
        let _work = self.store.layer_work_lock(job.chain)?;
        if self.store.layer_present(job.chain) {
            self.progress.blob_skipped(&job.blob.digest);
            return Ok((self.store.layer_info(job.chain)?.size, None));
        }
        let blob_lock = self.store.blob_lock(&job.blob.digest)?;
        let tmp = self.store.begin_layer(job.chain, idmap)?;
        let bar = self.progress.blob(&job.blob.digest, job.blob.size);
        let unpacked = if self.store.has_blob(&job.blob.digest) {
            self.unpack_stored(idmap, job, &tmp)
        } else {
            self.download_and_unpack(ep, idmap, job, &tmp, &|n| bar.set(n))
        };
        let checked = match unpacked {
            Ok(report) if report.diff_id == *job.diff_id => Ok(report),
            Ok(report) => Err(layer_err(
                &job.blob.digest,
                &format!(
                    "its content has diff ID {} but the image config says {}; the image is damaged",
                    report.diff_id, job.diff_id
                ),
            )),
            Err(e) => Err(e),
        };
        let report = match checked {
            Ok(report) => report,
            Err(e) => {
                bar.fail();
                if let Err(rm) = self.store.discard_layer(&tmp, idmap) {
                    log::warn!(
                        "cannot remove the unfinished layer {}: {rm}",
                        tmp.path.display()
                    );
                }
                return Err(e);
            }
        };
        if !report.skipped_devices.is_empty() {
            log::warn!(
                "layer {} holds device nodes that cannot be created without privileges; skipped: {}",
                job.blob.digest,
                report.skipped_devices.join(", ")
            );
        }
        let info = LayerInfo {
            chain_id: job.chain.clone(),
            diff_id: report.diff_id,
            parent: job.parent.cloned(),
            compressed_digest: Some(job.blob.digest.clone()),
            size: report.size,
            single_uid: report.single_uid,
            skipped_devices: report.skipped_devices,
        };
        self.store.commit_layer(tmp, &info)?;
        self.created
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(job.chain.clone());
        bar.done();
        Ok((info.size, Some(blob_lock)))
    }

    /// Streams the blob from the registry into the blob store and the unpack helper at once.
    fn download_and_unpack(
        &self,
        ep: &Endpoint,
        idmap: &IdMap,
        job: &LayerJob<'_>,
        tmp: &LayerTmp,
        progress: &dyn Fn(u64),
    ) -> Result<Report, PullError> {
        let digest = &job.blob.digest;
        let mut blob = self.store.blob_writer(digest, Some(job.blob.size))?;
        let mut helper = Helper::spawn(idmap, tmp, digest)?;
        let fetched = {
            let mut tee = Tee {
                blob: &mut blob,
                helper: helper.child.stdin(),
            };
            self.client
                .get_blob(ep, digest, Some(job.blob.size), &mut tee, progress)
        };
        let report = helper.finish();
        // The helper's own error explains a broken pipe better than the download's.
        let report = match (fetched, report) {
            (Ok(()), report) => report?,
            (Err(_), Err(helper_err)) => return Err(helper_err),
            (Err(e), Ok(_)) => return Err(e.into()),
        };
        blob.commit()?;
        Ok(report)
    }

    /// Unpacks a layer whose blob is already stored, checking the blob's digest as it goes.
    fn unpack_stored(
        &self,
        idmap: &IdMap,
        job: &LayerJob<'_>,
        tmp: &LayerTmp,
    ) -> Result<Report, PullError> {
        let digest = &job.blob.digest;
        let mut file = self.store.open_blob(digest)?;
        let mut helper = Helper::spawn(idmap, tmp, digest)?;
        let copied = match helper.child.stdin() {
            Some(stdin) => {
                let mut hashing = HashingWriter::new(stdin);
                copy_large(&mut file, &mut hashing).map(|_| hashing.finish().0)
            }
            None => Err(io::Error::other("the unpack helper has no stdin")),
        };
        let report = helper.finish();
        let actual = match copied {
            Ok(actual) => actual,
            Err(_) => {
                return Err(report
                    .err()
                    .unwrap_or_else(|| layer_err(digest, "the unpack helper stopped early")))
            }
        };
        if actual != *digest {
            self.store.remove_blob(digest)?;
            return Err(layer_err(
                digest,
                "the stored blob no longer matches its digest and was removed; pull again",
            ));
        }
        report
    }
}

/// One layer to make present.
struct LayerJob<'a> {
    blob: &'a Descriptor,
    diff_id: &'a Digest,
    chain: &'a Digest,
    parent: Option<&'a Digest>,
}

fn layer_err(digest: &Digest, detail: &str) -> PullError {
    PullError::Layer {
        digest: digest.clone(),
        detail: detail.to_string(),
    }
}

/// The `unpack` helper for one layer, its errors naming the layer's blob.
struct Helper {
    child: UnpackChild,
    digest: Digest,
}

impl Helper {
    fn spawn(idmap: &IdMap, tmp: &LayerTmp, digest: &Digest) -> Result<Helper, PullError> {
        let child =
            UnpackChild::spawn(idmap, &tmp.diff).map_err(|e| layer_err(digest, &e.to_string()))?;
        Ok(Helper {
            child,
            digest: digest.clone(),
        })
    }

    /// Closes the helper's input, reads its reply and waits for it.
    fn finish(self) -> Result<Report, PullError> {
        self.child
            .finish()
            .map_err(|e| layer_err(&self.digest, &e.to_string()))
    }
}

/// Writes each chunk to the blob file and to the helper's stdin.
struct Tee<'a> {
    blob: &'a mut crate::image::store::BlobWriter,
    helper: Option<&'a mut std::process::ChildStdin>,
}

impl Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.blob.write_all(buf)?;
        match &mut self.helper {
            Some(stdin) => stdin.write_all(buf)?,
            None => return Err(io::Error::other("the unpack helper has no stdin")),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.blob.flush()
    }
}

fn copy_large(from: &mut impl Read, to: &mut impl Write) -> io::Result<u64> {
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let got = match from.read(&mut buf) {
            Ok(0) => return Ok(n),
            Ok(got) => got,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buf[..got])?;
        n += got as u64;
    }
}

/// Why an image config's `rootfs.diff_ids` could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DiffIdsError {
    #[error("the config is not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    #[error("the config has no rootfs.diff_ids")]
    Missing,
    #[error("invalid diff ID {0} in the config")]
    Invalid(serde_json::Value),
}

/// `rootfs.diff_ids` of an image config.
pub(crate) fn diff_ids(config: &[u8]) -> Result<Vec<Digest>, DiffIdsError> {
    let v: serde_json::Value = serde_json::from_slice(config)?;
    let ids = v
        .pointer("/rootfs/diff_ids")
        .and_then(|d| d.as_array())
        .ok_or(DiffIdsError::Missing)?;
    ids.iter()
        .map(|d| {
            d.as_str()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| DiffIdsError::Invalid(d.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_ids_come_from_the_config() {
        let d = Digest::of(b"l");
        let cfg = format!(r#"{{"rootfs":{{"type":"layers","diff_ids":["{d}"]}}}}"#);
        assert_eq!(diff_ids(cfg.as_bytes()).unwrap(), vec![d]);
        assert!(diff_ids(br#"{"rootfs":{}}"#).is_err());
        assert!(diff_ids(br#"{"rootfs":{"diff_ids":["md5:x"]}}"#).is_err());
        assert!(diff_ids(b"not json").is_err());
    }

    #[test]
    fn attempts_are_listed_one_a_line_under_a_summary() {
        assert_eq!(tried_message("sum", &["a: boom".into()]), "sum:\na: boom");
        assert_eq!(
            tried_message("sum", &["a".into(), "b".into()]),
            "sum:\na;\nb"
        );
    }
}
