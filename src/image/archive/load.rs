//! Loading an archive into the store: docker-archive (one image or many) or oci-archive,
//! plain or compressed, or an oci-dir or docker-dir folder, told apart by their files
//! (`manifest.json` or `index.json`, see [`super::plan`]).
//!
//! First everything is read and checked without touching the store: the archive is spooled
//! ([`Spool`]; a folder is read where it lies), its JSON parsed with size caps, each config and manifest checked against its
//! digest, each layer's file found. Then each layer not yet present is streamed from the spool
//! into the blob store (on a second thread, as it is) and, decompressed here, into the
//! `unpack` helper (so decompressing and unpacking run side by side), under the layer's work
//! lock, and committed only when the helper's diff ID is the config's. Last, one update
//! of `images.json` records every image. A failure before that records nothing and removes
//! the layers this load made; the spool goes with its file descriptor.
use super::parse::cut;
use super::plan::{plans, Plan};
use super::spool::Spool;
use super::ArchiveError;
use crate::image::store::{index, BlobWriter, ImageRecord, LayerInfo, Store};
use crate::image::unpack::parent::UnpackChild;
use crate::image::unpack::{detect, Detected};
use crate::image::Reference;
use crate::linux::idmap::IdMap;
use crate::util::digest::{chain_ids, Digest};
use crate::util::fs::Lock;
use serde_json::json;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// An image the archive held, as recorded.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub(crate) id: Digest,
    /// The names it was recorded under (full names).
    pub(crate) names: Vec<String>,
}

/// Loads every image of the archive read from `input`.
pub(crate) fn load(
    store: &Store,
    idmap: &IdMap,
    input: impl Read,
) -> Result<Vec<Loaded>, ArchiveError> {
    let spool = Spool::read(input, &store.root().join("blobs/.tmp"))?;
    load_spooled(store, idmap, spool)
}

/// Loads every image of the archive in the file `file` (a plain tar is read where it lies).
pub(crate) fn load_file(
    store: &Store,
    idmap: &IdMap,
    file: std::fs::File,
) -> Result<Vec<Loaded>, ArchiveError> {
    let spool = Spool::read_file(file, &store.root().join("blobs/.tmp"))?;
    load_spooled(store, idmap, spool)
}

/// Loads the image of the folder `path` (oci-dir, docker-dir), read where it lies.
pub(crate) fn load_dir(
    store: &Store,
    idmap: &IdMap,
    path: &std::path::Path,
) -> Result<Vec<Loaded>, ArchiveError> {
    load_spooled(store, idmap, super::folder::read(path)?)
}

fn load_spooled(store: &Store, idmap: &IdMap, spool: Spool) -> Result<Vec<Loaded>, ArchiveError> {
    let plans = plans(&spool)?;
    let mut loader = Loader {
        store,
        idmap,
        spool: &spool,
        created: Vec::new(),
        held: Vec::new(),
    };
    let result = loader.store_all(&plans);
    if result.is_err() && !loader.created.is_empty() {
        drop(std::mem::take(&mut loader.held));
        if let Err(e) = store.remove_unused_layers(&loader.created, idmap) {
            log::warn!("cannot remove the layers of the failed load: {e}");
        }
    }
    result
}

struct Loader<'a> {
    store: &'a Store,
    idmap: &'a IdMap,
    spool: &'a Spool,
    /// Layers this load made present, removed again when it fails.
    created: Vec<Digest>,
    /// Use locks on layers and blobs until the images are recorded.
    held: Vec<Lock>,
}

impl Loader<'_> {
    fn store_all(&mut self, plans: &[Plan]) -> Result<Vec<Loaded>, ArchiveError> {
        let mut records = Vec::new();
        for plan in plans {
            records.push(self.store_image(plan)?);
        }
        let stored = index::update(
            self.store.root(),
            |idx| -> Result<Vec<Loaded>, crate::image::store::StoreError> {
                Ok(records
                    .into_iter()
                    .map(|rec| {
                        let names = rec.names.clone();
                        let r = idx.record(rec);
                        Loaded { id: r.id, names }
                    })
                    .collect())
            },
        )?;
        Ok(stored)
    }

    /// Makes the image's layers and blobs present; returns its record (not yet in the index).
    fn store_image(&mut self, plan: &Plan) -> Result<ImageRecord, ArchiveError> {
        let chains = chain_ids(&plan.diff_ids);
        for chain in &chains {
            self.held.push(self.store.layer_use_lock(chain)?);
        }
        let mut blobs = Vec::new();
        let mut size = 0;
        for (i, ((name, digest), chain)) in plan.layers.iter().zip(&chains).enumerate() {
            let parent = i.checked_sub(1).map(|p| &chains[p]);
            let (blob, layer_size) = self.layer(
                name,
                digest,
                &plan.diff_ids[i],
                chain,
                parent,
                plan.manifest.is_some(),
            )?;
            size += layer_size;
            blobs.push(blob);
        }
        let manifest = match &plan.manifest {
            Some(m) => m.clone(),
            None => self.docker_manifest(plan, &blobs)?,
        };
        let manifest_digest = Digest::of(&manifest);
        for (digest, bytes) in [(&plan.id, &plan.config), (&manifest_digest, &manifest)] {
            self.held.push(self.store.blob_lock(digest)?);
            self.store.put_blob_bytes(digest, bytes)?;
        }
        let mut repo_digests = Vec::new();
        for n in &plan.names {
            if let Ok(r) = Reference::parse(n) {
                let d = format!("{}@{manifest_digest}", r.name());
                if !repo_digests.contains(&d) {
                    repo_digests.push(d);
                }
            }
        }
        Ok(ImageRecord {
            id: plan.id.clone(),
            digest: manifest_digest,
            index_digest: None,
            names: plan.names.clone(),
            repo_digests,
            layers: chains,
            size,
            pulled: crate::util::time::now_rfc3339_nano(),
            build_key: None,
            intermediate: false,
            digest_names: vec![],
            names_history: vec![],
        })
    }

    /// A Docker schema 2 manifest for a docker-archive image whose layers are `blobs`
    /// (an OCI one when a layer is zstd, which Docker's cannot list).
    fn docker_manifest(&self, plan: &Plan, blobs: &[Digest]) -> Result<Vec<u8>, ArchiveError> {
        let mut kinds = Vec::new();
        for b in blobs {
            let mut head = [0u8; 4];
            let mut f = self.store.open_blob(b)?;
            let n = f.read(&mut head).map_err(|source| ArchiveError::Io {
                what: format!("read blob {b}"),
                source,
            })?;
            let size = f
                .metadata()
                .map_err(|source| ArchiveError::Io {
                    what: format!("read blob {b}"),
                    source,
                })?
                .len();
            kinds.push((detect(&head[..n]), size));
        }
        let oci = kinds.iter().any(|(k, _)| *k == Detected::Zstd);
        let layers: Vec<_> = blobs
            .iter()
            .zip(&kinds)
            .map(|(b, (k, size))| {
                let mt = match (oci, k) {
                    (true, Detected::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
                    (true, Detected::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
                    (true, Detected::Plain) => "application/vnd.oci.image.layer.v1.tar",
                    (false, Detected::Gzip) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    (false, _) => "application/vnd.docker.image.rootfs.diff.tar",
                };
                json!({"mediaType": mt, "size": size, "digest": b.to_string()})
            })
            .collect();
        let (mt, ct) = if oci {
            (
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.config.v1+json",
            )
        } else {
            (
                "application/vnd.docker.distribution.manifest.v2+json",
                "application/vnd.docker.container.image.v1+json",
            )
        };
        let m = json!({
            "schemaVersion": 2,
            "mediaType": mt,
            "config": {"mediaType": ct, "size": plan.config.len(), "digest": plan.id.to_string()},
            "layers": layers,
        });
        serde_json::to_vec(&m).map_err(|e| ArchiveError::Invalid(e.to_string()))
    }

    /// Makes one layer present from the archive's file `name` (whose sha256 is `digest`);
    /// returns the blob the image's manifest names for it and the layer's size. With
    /// `keep_blob` (the archive's manifest is kept) that blob is `digest`; else a present
    /// layer's own blob serves.
    fn layer(
        &mut self,
        name: &str,
        digest: &Digest,
        diff_id: &Digest,
        chain: &Digest,
        parent: Option<&Digest>,
        keep_blob: bool,
    ) -> Result<(Digest, u64), ArchiveError> {
        let store = self.store;
        let _work = store.layer_work_lock(chain)?;
        if store.layer_present(chain) {
            let info = store.layer_info(chain)?;
            let own = info.compressed_digest.clone().filter(|d| store.has_blob(d));
            if let (Some(own), false) = (&own, keep_blob) {
                self.held.push(store.blob_lock(own)?);
                if store.has_blob(own) {
                    return Ok((own.clone(), info.size));
                }
            }
            self.held.push(store.blob_lock(digest)?);
            if !store.has_blob(digest) {
                // The present layer is not unpacked again, but the blob that joins it must
                // hold the same content.
                let actual = self.content_diff_id(name)?;
                if actual != *diff_id {
                    return Err(ArchiveError::Layer {
                        diff_id: diff_id.clone(),
                        detail: format!(
                            "its content ({}) has diff ID {actual}, but the image config says \
                             {diff_id}; the archive is damaged",
                            cut(name)
                        ),
                    });
                }
                let (mut r, stored) = self.spool.open(name)?;
                let mut w = store.blob_writer(digest, Some(stored.size))?;
                io::copy(&mut r, &mut w).map_err(|source| ArchiveError::Io {
                    what: format!("store blob {digest}"),
                    source,
                })?;
                w.commit()?;
            }
            if own.is_none() {
                store.set_layer_blob(chain, digest)?;
            }
            return Ok((digest.clone(), info.size));
        }
        self.held.push(store.blob_lock(digest)?);
        let tmp = store.begin_layer(chain, self.idmap)?;
        let layer_err = |detail: String| ArchiveError::Layer {
            diff_id: diff_id.clone(),
            detail,
        };
        let unpacked = (|| -> Result<crate::image::unpack::Report, ArchiveError> {
            let (_, stored) = self.spool.open(name)?;
            let blob = if store.has_blob(digest) {
                None
            } else {
                Some(store.blob_writer(digest, Some(stored.size))?)
            };
            let mut child =
                UnpackChild::spawn(self.idmap, &tmp.diff).map_err(|e| layer_err(e.to_string()))?;
            let (fed, blob) = match child.stdin() {
                Some(stdin) => feed(self.spool, name, blob, stdin),
                None => (
                    Err(Fed::Helper(io::Error::other(
                        "the unpack helper has no stdin",
                    ))),
                    blob.map(Ok),
                ),
            };
            let report = child.finish().map_err(|e| layer_err(e.to_string()));
            let report = match (fed, report) {
                (Ok(()), report) => report?,
                // The archive's bytes are damaged (a gzip stream that does not decode).
                (Err(Fed::Archive(e)), _) => return Err(layer_err(e.to_string())),
                (Err(Fed::Helper(_)), Err(helper)) => return Err(helper),
                (Err(Fed::Helper(e)), Ok(_)) => return Err(layer_err(e.to_string())),
            };
            if report.diff_id != *diff_id {
                return Err(layer_err(format!(
                    "its content ({}) has diff ID {}, but the image config says {diff_id}; \
                     the archive is damaged",
                    cut(name),
                    report.diff_id
                )));
            }
            if let Some(b) = blob {
                b.map_err(|source| ArchiveError::Io {
                    what: format!("store blob {digest}"),
                    source,
                })?
                .commit()?;
            }
            Ok(report)
        })();
        let report = match unpacked {
            Ok(r) => r,
            Err(e) => {
                if let Err(rm) = store.discard_layer(&tmp, self.idmap) {
                    log::warn!(
                        "cannot remove the unfinished layer {}: {rm}",
                        tmp.path.display()
                    );
                }
                return Err(e);
            }
        };
        let info = LayerInfo {
            chain_id: chain.clone(),
            diff_id: report.diff_id,
            parent: parent.cloned(),
            compressed_digest: Some(digest.clone()),
            size: report.size,
            single_uid: report.single_uid,
            skipped_devices: report.skipped_devices,
        };
        store.commit_layer(tmp, &info)?;
        self.created.push(chain.clone());
        Ok((digest.clone(), info.size))
    }
}

impl Loader<'_> {
    /// The sha256 of the archive file `name`, decompressed as its first bytes say.
    fn content_diff_id(&self, name: &str) -> Result<Digest, ArchiveError> {
        let io_err = |source| ArchiveError::Io {
            what: format!("read {} of the archive", cut(name)),
            source,
        };
        let (r, _) = self.spool.open(name)?;
        let mut r = io::BufReader::with_capacity(1 << 20, r);
        let head = io::BufRead::fill_buf(&mut r).map_err(io_err)?;
        let mut decoded: Box<dyn Read + '_> = match detect(head) {
            Detected::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)),
            Detected::Zstd => {
                Box::new(zstd::stream::read::Decoder::with_buffer(r).map_err(io_err)?)
            }
            Detected::Plain => Box::new(r),
        };
        let mut hashing = crate::util::digest::HashingWriter::new(io::sink());
        io::copy(&mut decoded, &mut hashing).map_err(io_err)?;
        Ok(hashing.finish().0)
    }
}

/// The bytes one read or write moves while a layer is fed.
const CHUNK: usize = 1 << 20;

/// Why feeding a layer stopped.
enum Fed {
    /// The archive's file could not be read or decoded.
    Archive(io::Error),
    /// The helper stopped reading (its own report says why).
    Helper(io::Error),
}

/// Streams the archive file `name` to the unpack helper's `stdin`, decompressed here, while
/// a second thread copies it as it is into `blob` (when the blob is stored). The parent
/// decompressing and the helper writing files then use two CPUs, and the blob's copy waits
/// for neither. The blob is not committed here: only once the helper's diff ID is checked.
fn feed(
    spool: &Spool,
    name: &str,
    blob: Option<BlobWriter>,
    stdin: &mut std::process::ChildStdin,
) -> (Result<(), Fed>, Option<io::Result<BlobWriter>>) {
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let copier = blob.map(|mut w| {
            let stop = &stop;
            scope.spawn(move || -> io::Result<BlobWriter> {
                let (mut r, _) = spool.open(name).map_err(io::Error::other)?;
                let mut buf = vec![0u8; CHUNK];
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return Err(io::Error::other("the layer was not unpacked"));
                    }
                    let n = r.read(&mut buf)?;
                    if n == 0 {
                        return Ok(w);
                    }
                    w.write_all(&buf[..n])?;
                }
            })
        });
        let fed = decode_into(spool, name, stdin);
        if fed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let stored = copier.map(|c| {
            c.join()
                .unwrap_or_else(|_| Err(io::Error::other("the blob's copy panicked")))
        });
        (fed, stored)
    })
}

/// Writes the archive file `name`, decompressed as its first bytes say, to `out`.
fn decode_into(spool: &Spool, name: &str, out: &mut impl Write) -> Result<(), Fed> {
    let (r, _) = spool
        .open(name)
        .map_err(|e| Fed::Archive(io::Error::other(e)))?;
    let mut r = io::BufReader::with_capacity(CHUNK, r);
    let head = io::BufRead::fill_buf(&mut r).map_err(Fed::Archive)?;
    let mut decoded: Box<dyn Read + '_> = match detect(head) {
        Detected::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)),
        Detected::Zstd => {
            Box::new(zstd::stream::read::Decoder::with_buffer(r).map_err(Fed::Archive)?)
        }
        Detected::Plain => Box::new(r),
    };
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match decoded.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Fed::Archive(e)),
        };
        out.write_all(&buf[..n]).map_err(Fed::Helper)?;
    }
}
