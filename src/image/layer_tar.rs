//! A stored layer as its uncompressed tar, for whatever takes a layer out of the store
//! (`build --squash`, push, save): the blob it was pulled or made with, decompressed, or,
//! for a layer whose tree a build step left as it stands (`image::commit::adopt_upper`: no
//! blob), the tree walked again by the `diff` helper, which gives the tar it gave when the
//! layer was made. Either way the bytes are checked against the layer's diff ID as they
//! pass: a reader that reaches the end with another digest fails there, so nothing takes a
//! layer out of the store that is not the one the image config names.
use crate::image::store::{Store, StoreError};
use crate::image::unpack::{detect, Detected};
use crate::ipc::helper::{self, NsChild, SpawnError};
use crate::ipc::role::{Mtimes, Role};
use crate::linux::idmap::IdMap;
use crate::util::digest::Digest;
use sha2::{Digest as _, Sha256};
use std::io::{self, Read, Seek, SeekFrom};
use std::process::{ChildStdout, Stdio};

/// Why a layer's tar cannot be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LayerTarError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("layer {chain}: {source}")]
    Walk {
        chain: Digest,
        #[source]
        source: SpawnError,
    },
    #[error("layer {chain}: the diff helper has no output")]
    NoOutput { chain: Digest },
    #[error("layer {chain}: reading its blob {blob}: {source}")]
    Blob {
        chain: Digest,
        blob: Digest,
        #[source]
        source: io::Error,
    },
}

/// The tar of one layer; [`Read`] to its end, which checks it.
pub(crate) struct LayerTar {
    source: Source,
    chain: Digest,
    diff_id: Digest,
    hasher: Sha256,
    size: u64,
    checked: bool,
}

enum Source {
    Blob(Box<dyn Read + Send>),
    Walk {
        child: Option<NsChild>,
        out: ChildStdout,
    },
}

/// Opens the tar of the stored layer `chain`.
///
/// A walk's helper follows the calling thread (its parent-death signal): read it to its end
/// on the thread that opened it.
pub(crate) fn open(
    store: &Store,
    idmap: &IdMap,
    chain: &Digest,
) -> Result<LayerTar, LayerTarError> {
    let info = store.layer_info(chain)?;
    let source = match info.compressed_digest.filter(|d| store.has_blob(d)) {
        Some(blob) => {
            Source::Blob(
                open_blob(store, &blob).map_err(|source| LayerTarError::Blob {
                    chain: chain.clone(),
                    blob,
                    source,
                })?,
            )
        }
        None => {
            let walk_err = |source| LayerTarError::Walk {
                chain: chain.clone(),
                source,
            };
            let role = Role::Diff {
                upper: store.layer_dir(chain),
                single_uid: info.single_uid,
                mtimes: Mtimes::Keep,
                mount_targets: Vec::new(),
                adopt: false,
                build: false,
            };
            let mut child =
                helper::spawn(idmap, &role, Stdio::null(), Stdio::piped()).map_err(walk_err)?;
            let out = child.stdout().ok_or_else(|| LayerTarError::NoOutput {
                chain: chain.clone(),
            })?;
            Source::Walk {
                child: Some(child),
                out,
            }
        }
    };
    Ok(LayerTar {
        source,
        chain: chain.clone(),
        diff_id: info.diff_id,
        hasher: Sha256::new(),
        size: 0,
        checked: false,
    })
}

/// A blob, decompressed as its first bytes say.
fn open_blob(store: &Store, digest: &Digest) -> io::Result<Box<dyn Read + Send>> {
    let mut f = store.open_blob(digest).map_err(io::Error::other)?;
    let mut head = [0u8; 4];
    let n = f.read(&mut head)?;
    f.seek(SeekFrom::Start(0))?;
    Ok(match detect(&head[..n]) {
        Detected::Gzip => Box::new(flate2::read::GzDecoder::new(f)),
        Detected::Zstd => Box::new(zstd::Decoder::new(f)?),
        Detected::Plain => Box::new(f),
    })
}

impl LayerTar {
    /// The end: the walk's helper waited for, the digest compared.
    fn check(&mut self) -> io::Result<()> {
        if let Source::Walk { child, .. } = &mut self.source {
            if let Some(child) = child.take() {
                child.wait().map_err(io::Error::other)?;
            }
        }
        let actual = Digest::from_hash(std::mem::take(&mut self.hasher).finalize().into());
        if actual != self.diff_id {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "layer {}: its tar ({} bytes) has digest {actual}, not its diff ID {}; \
                     the store's copy changed: remove the image and pull or build it again",
                    self.chain, self.size, self.diff_id
                ),
            ));
        }
        self.checked = true;
        Ok(())
    }
}

impl Read for LayerTar {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.checked || buf.is_empty() {
            return Ok(0);
        }
        let n = match &mut self.source {
            Source::Blob(r) => r.read(buf)?,
            Source::Walk { out, .. } => out.read(buf)?,
        };
        if n == 0 {
            self.check()?;
            return Ok(0);
        }
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
}
