//! A new layer from an uncompressed layer tar: kept uncompressed in the blob store (its digest
//! is its diff ID) and, in the same pass, unpacked by the `unpack` helper into a layer tree, so
//! an image made of it runs without unpacking anything. Layers are compressed on the way out
//! (push, save), as Podman keeps its built layers: a build commits a layer per step, and
//! compressing a big step's tar took most of its commit (a 210 MB tar: 6 s at gzip's fastest
//! level on the 2-CPU machine) for a blob nobody may ever send anywhere.
//!
//! The chain ID (and so the layer's folder) and the blob's digest are known only once the
//! whole tar has passed: both are written under a random placeholder digest whose work lock
//! and blob lock this process holds (gc sweeps them once it dies), and renamed into place at
//! the end under the real chain's work lock. A layer already present under that chain ID (the
//! same step run again) is kept and the new copy discarded. Until the image is recorded the
//! returned [`NewLayer`] holds the use lock of its chain and the lock of its blob, as a pull
//! does.
use super::CommitError;
use crate::image::registry::Descriptor;
use crate::image::store::{BlobWriter, LayerInfo, LayerTmp, Store};
use crate::image::unpack::parent::{UnpackChild, UnpackFailure};
use crate::ipc::helper;
use crate::ipc::role::{Mtimes, Role};
use crate::linux::idmap::IdMap;
use crate::util::digest::Digest;
use crate::util::fs::Lock;
use sha2::{Digest as _, Sha256};
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::Stdio;

/// The media type of the layers rcon makes.
pub(crate) const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";

/// A layer in the store, unpacked, with its blob.
#[derive(Debug)]
pub(crate) struct NewLayer {
    /// sha256 of the uncompressed tar: what the image config lists.
    pub(crate) diff_id: Digest,
    /// The layer's ID in the store: its parent's chain ID and its diff ID.
    pub(crate) chain_id: Digest,
    /// The chain ID of the layer below, as given.
    pub(crate) parent: Option<Digest>,
    /// The blob, as a manifest lists it.
    pub(crate) blob: Descriptor,
    /// Bytes of the uncompressed tar.
    pub(crate) size: u64,
    /// The use lock of the chain and the lock of the blob, until the image is recorded.
    pub(super) held: Vec<Lock>,
}

/// Takes a layer tar through [`Write`]; [`LayerWriter::finish`] makes it a [`NewLayer`].
/// Dropped unfinished, it leaves nothing behind.
pub(crate) struct LayerWriter<'a> {
    store: &'a Store,
    idmap: &'a IdMap,
    parent: Option<Digest>,
    tmp: Option<LayerTmp>,
    unpack: Option<UnpackChild>,
    blob: Option<BlobWriter>,
    hasher: Sha256,
    size: u64,
    /// A write failed: the helper's report says why, and nothing is committed.
    broken: bool,
    /// The placeholder's work and blob locks (see the module doc).
    _placeholder: [Lock; 2],
}

impl<'a> LayerWriter<'a> {
    /// Starts a layer on top of the layer `parent` (a chain ID; `None` for a first layer).
    pub(crate) fn begin(
        store: &'a Store,
        idmap: &'a IdMap,
        parent: Option<&Digest>,
    ) -> Result<LayerWriter<'a>, CommitError> {
        let key = Digest::of(
            format!(
                "rcon commit {} {}",
                std::process::id(),
                crate::util::time::unique_suffix()
            )
            .as_bytes(),
        );
        let placeholder = [store.layer_work_lock(&key)?, store.blob_lock(&key)?];
        let blob = store.blob_writer(&key, None)?;
        let tmp = store.begin_layer(&key, idmap)?;
        let unpack = match UnpackChild::spawn(idmap, &tmp.diff) {
            Ok(child) => child,
            Err(e) => {
                discard(store, idmap, &tmp);
                return Err(UnpackFailure::from(e).into());
            }
        };
        Ok(LayerWriter {
            store,
            idmap,
            parent: parent.cloned(),
            tmp: Some(tmp),
            unpack: Some(unpack),
            blob: Some(blob),
            hasher: Sha256::new(),
            size: 0,
            broken: false,
            _placeholder: placeholder,
        })
    }

    /// Whether a write failed (the unpack helper stopped): [`LayerWriter::finish`] says why.
    pub(crate) fn is_broken(&self) -> bool {
        self.broken
    }

    /// Ends the layer: the blob and the layer tree are put in place (or the layer already
    /// present under the same chain ID is used).
    pub(crate) fn finish(mut self) -> Result<NewLayer, CommitError> {
        let unpack = self.unpack.take().expect("finished once");
        let blob = self.blob.take().expect("finished once");
        let report = unpack.finish()?;
        if self.broken {
            return Err(UnpackFailure::Stopped.into());
        }
        let diff_id = Digest::from_hash(std::mem::take(&mut self.hasher).finalize().into());
        if report.diff_id != diff_id || report.size != self.size {
            return Err(CommitError::Mismatch {
                read: report.size,
                read_id: report.diff_id,
                written: self.size,
                written_id: diff_id,
            });
        }
        let (blob_digest, blob_size) = (diff_id.clone(), self.size);
        let chain_id = match &self.parent {
            None => diff_id.clone(),
            Some(parent) => Digest::of(format!("{parent} {diff_id}").as_bytes()),
        };
        let store = self.store;
        let mut held = vec![store.layer_use_lock(&chain_id)?];
        let _work = store.layer_work_lock(&chain_id)?;
        let tmp = self.tmp.take().expect("finished once");
        if store.layer_present(&chain_id) {
            discard(store, self.idmap, &tmp);
            let existing = store.layer_info(&chain_id)?;
            if let Some(d) = existing.compressed_digest.filter(|d| store.has_blob(d)) {
                held.push(store.blob_lock(&d)?);
                // Checked again under the lock: gc may have taken it meanwhile.
                if let Some(blob) = stored_blob(store, &d) {
                    return Ok(NewLayer {
                        diff_id,
                        chain_id,
                        parent: self.parent.clone(),
                        blob,
                        size: existing.size,
                        held,
                    });
                }
            }
            // The present layer has no blob left: this one serves the manifest, and the
            // layer names it so gc keeps it.
            held.push(store.blob_lock(&blob_digest)?);
            blob.commit_as(&blob_digest)?;
            store.set_layer_blob(&chain_id, &blob_digest)?;
            return Ok(NewLayer {
                diff_id,
                chain_id,
                parent: self.parent.clone(),
                blob: plain_descriptor(blob_digest, blob_size),
                size: existing.size,
                held,
            });
        }
        held.push(store.blob_lock(&blob_digest)?);
        blob.commit_as(&blob_digest)?;
        let info = LayerInfo {
            chain_id: chain_id.clone(),
            diff_id: diff_id.clone(),
            parent: self.parent.clone(),
            compressed_digest: Some(blob_digest.clone()),
            size: report.size,
            single_uid: report.single_uid,
            skipped_devices: report.skipped_devices,
        };
        // A failed commit leaves the temp folder to gc (its placeholder lock goes with us).
        store.commit_layer(tmp, &info)?;
        Ok(NewLayer {
            diff_id,
            chain_id,
            parent: self.parent.clone(),
            blob: plain_descriptor(blob_digest, blob_size),
            size: report.size,
            held,
        })
    }
}

impl Write for LayerWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.broken {
            return Err(io::Error::other("the layer can take no more data"));
        }
        let to_helper = match self.unpack.as_mut().and_then(UnpackChild::stdin) {
            Some(stdin) => stdin.write_all(buf),
            None => Err(io::Error::other("the unpack helper has no stdin")),
        };
        let written = to_helper.and_then(|()| match self.blob.as_mut() {
            Some(blob) => blob.write_all(buf),
            None => Err(io::Error::other("the layer is finished")),
        });
        if let Err(e) = written {
            self.broken = true;
            return Err(e);
        }
        self.hasher.update(buf);
        self.size += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LayerWriter<'_> {
    fn drop(&mut self) {
        // Unfinished: the helper is killed first (dropping it), then its folder removed; the
        // blob's temp file goes with its writer.
        drop(self.unpack.take());
        drop(self.blob.take());
        if let Some(tmp) = self.tmp.take() {
            discard(self.store, self.idmap, &tmp);
        }
    }
}

fn discard(store: &Store, idmap: &IdMap, tmp: &LayerTmp) {
    if let Err(e) = store.discard_layer(tmp, idmap) {
        log::warn!(
            "cannot remove the unfinished layer {}: {e}",
            tmp.path.display()
        );
    }
}

fn plain_descriptor(digest: Digest, size: u64) -> Descriptor {
    Descriptor {
        media_type: OCI_LAYER.into(),
        digest,
        size,
        urls: Vec::new(),
        annotations: None,
    }
}

/// The descriptor of a stored layer blob, its media type told by its first bytes.
pub(super) fn stored_blob(store: &Store, digest: &Digest) -> Option<Descriptor> {
    let mut file = store.open_blob(digest).ok()?;
    let size = file.metadata().ok()?.len();
    let mut head = [0u8; 4];
    let n = file.read(&mut head).ok()?;
    let media_type = match crate::image::unpack::detect(&head[..n]) {
        crate::image::unpack::Detected::Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
        crate::image::unpack::Detected::Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
        crate::image::unpack::Detected::Plain => OCI_LAYER,
    };
    Some(Descriptor {
        media_type: media_type.into(),
        digest: digest.clone(),
        size,
        urls: Vec::new(),
        annotations: None,
    })
}

/// Makes a layer from a complete layer tar read from `tar` (to its end), on top of `parent`.
#[allow(dead_code)] // the builder's (a layer from an archive)
pub(crate) fn commit_layer(
    store: &Store,
    idmap: &IdMap,
    parent: Option<&Digest>,
    tar: &mut dyn Read,
) -> Result<NewLayer, CommitError> {
    let mut writer = LayerWriter::begin(store, idmap, parent)?;
    match copy(tar, &mut writer) {
        Ok(()) => writer.finish(),
        Err(e) if writer.is_broken() => Err(writer.finish().err().unwrap_or(CommitError::Read(e))),
        Err(e) => Err(CommitError::Read(e)),
    }
}

/// Makes a layer of a container's changes: its overlay `upper` folder, walked by the `diff`
/// helper in the store's user namespace (`image::diff`), on top of the image's top layer
/// `parent`. `mtimes` clamps or sets the files' times (reproducible builds);
/// `mount_targets` are the container's mount destinations (its OCI spec's `mounts`), whose
/// empty mount points are left out (and with `build` false the folders made only to hold
/// them: see `image::diff::Options::keep_folders`).
pub(crate) fn diff_upper(
    store: &Store,
    idmap: &IdMap,
    upper: &Path,
    parent: Option<&Digest>,
    (mtimes, build): (Mtimes, bool),
    mount_targets: &[String],
) -> Result<NewLayer, CommitError> {
    let role = Role::Diff {
        upper: upper.to_path_buf(),
        single_uid: idmap.is_single(),
        mtimes,
        mount_targets: mount_targets.to_vec(),
        adopt: false,
        build,
    };
    let mut writer = LayerWriter::begin(store, idmap, parent)?;
    let mut child = helper::spawn(idmap, &role, Stdio::null(), Stdio::piped())?;
    let mut stdout = child
        .stdout()
        .ok_or_else(|| CommitError::Read(io::Error::other("the diff helper has no stdout")))?;
    let copied = copy(&mut stdout, &mut writer);
    // Closed before the wait: a helper still writing gets EPIPE and ends.
    drop(stdout);
    let diffed = child.wait();
    match (copied, diffed) {
        (Ok(()), Ok(())) => writer.finish(),
        // The unpack helper's reason explains a stopped copy better than the diff's EPIPE.
        (Err(e), _) if writer.is_broken() => {
            Err(writer.finish().err().unwrap_or(CommitError::Read(e)))
        }
        (_, Err(e)) => Err(CommitError::Diff(e)),
        (Err(e), Ok(())) => Err(CommitError::Read(e)),
    }
}

/// Copies `from` to its end into `to`, a MiB at a time.
fn copy(from: &mut dyn Read, to: &mut LayerWriter<'_>) -> io::Result<()> {
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buf[..n])?;
    }
}
