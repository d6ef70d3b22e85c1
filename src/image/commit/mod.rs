//! Making images: a container's changes become a layer, layers and config changes become an
//! image. `rcon commit` is one step; a build is many in a row.
//!
//! The pieces, in the order a caller uses them:
//! - [`diff_upper`] (a container's overlay upper folder, through the `diff` helper) or
//!   [`commit_layer`] (any layer tar) → a [`NewLayer`]: kept uncompressed in the blob store
//!   and unpacked into the store at once, so running the new image unpacks nothing
//!   ([`layer`]);
//! - [`ImageDraft`]: the base image (or scratch) plus layers ([`ImageDraft::add_layer`]) and
//!   config-only steps ([`ImageDraft::add_empty`]), each with its [`History`] entry; the
//!   caller changes the config between steps ([`ImageDraft::config_mut`] and the setters of
//!   [`change`]);
//! - [`ImageDraft::store`] → a [`StoredImage`] (config and manifest blobs written, nothing in
//!   `images.json`), as often as an intermediate image is wanted;
//! - [`record`] → the image in `images.json`, with names ([`image_name`]) or none.
//!
//! Every piece holds the locks a pull holds (a layer's use lock, its blob's lock) until the
//! image is recorded or the piece dropped, so gc and parallel pulls and builds leave its
//! layers and blobs alone; what a killed process leaves is counted nowhere and swept by gc.
mod adopt;
pub(crate) mod change;
mod draft;
mod layer;

#[cfg(test)]
mod tests;

// The whole API, for `rcon commit` and the builder: some names only the builder uses.
#[allow(unused_imports)]
pub(crate) use adopt::adopt_upper;
#[allow(unused_imports)]
pub(crate) use draft::{image_name, record, Format, History, ImageDraft, StoredImage};
#[allow(unused_imports)]
pub(crate) use layer::{commit_layer, diff_upper, LayerWriter, NewLayer};

use crate::image::store::StoreError;
use crate::image::unpack::parent::UnpackFailure;
use crate::ipc::helper::SpawnError;
use crate::util::digest::Digest;
use std::io;

/// Why a layer or an image could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommitError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot read the container's changes: {0}")]
    Diff(#[from] SpawnError),
    #[error("cannot unpack the new layer: {0}")]
    Unpack(#[from] UnpackFailure),
    #[error(
        "the unpack helper read {read} bytes hashing to {read_id}, but {written} bytes hashing \
         to {written_id} were written"
    )]
    Mismatch {
        read: u64,
        read_id: Digest,
        written: u64,
        written_id: Digest,
    },
    #[error("reading the new layer: {0}")]
    Read(#[source] io::Error),
    #[error("image {image}: {reason}")]
    BadBase { image: String, reason: String },
    #[error("layer {layer} was not made on top of the image's top layer")]
    NotOnTop { layer: Digest },
    #[error("{0}")]
    Format(String),
    #[error("cannot write the image config: {0}")]
    Json(#[source] serde_json::Error),
    #[error("{0}")]
    Name(String),
    #[error("--change {change:?}: {reason}")]
    Change {
        change: String,
        reason: change::Refused,
    },
}
