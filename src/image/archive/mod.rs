//! Image archives: `rcon save` writes them, `rcon load` reads them.
//!
//! Formats ([`Format`]):
//! - `docker-archive`: a tar with `manifest.json` (`[{Config, RepoTags, Layers}]`),
//!   `repositories`, the config as `<hex>.json` and each layer as an uncompressed
//!   `<diff-id-hex>.tar`, as `docker save` and `podman save` write it, or, a layer stored
//!   gzip-compressed (pulled), as that blob, `<blob-hex>.tar.gz` (a third of the size, and
//!   nothing to decompress; `docker load`, `podman load` and skopeo decompress a layer file
//!   and check the config's diff ID; `--uncompressed` writes every layer as a tar); several
//!   images share one archive (their layers once);
//! - `oci-archive` / `oci-dir`: an OCI image layout (`oci-layout`, `index.json` whose entries
//!   carry `org.opencontainers.image.ref.name`, `blobs/sha256/<hex>`) in a tar or a folder;
//! - `docker-dir`: the `dir:` layout (`manifest.json` a Docker schema 2 manifest, `version`,
//!   each blob as `<hex>`).
//!
//! An image index met while loading (a multi-platform image) gives the image for the host's
//! platform ([`plan`]).
//!
//! `rcon import` ([`import`]) makes a one-layer image of a root filesystem tar.
//!
//! Writing ([`write`]) streams every layer from the store (decompressing it on the way where
//! the format wants it uncompressed) and checks what it streams against its digest; nothing
//! is held in memory but the JSON files. Reading ([`load`]) treats the archive as hostile:
//! it is spooled into one anonymous file ([`spool`]) or, a folder, listed where it lies
//! ([`folder`]: opened beneath it, never through a symlink), every name checked to stay
//! inside the archive, every JSON file size-capped, every config and manifest checked against its
//! digest, every layer unpacked by the store's `unpack` helper and checked against the
//! config's diff IDs. The images are recorded in `images.json` in one update at the end; a
//! failure records nothing and removes the layers it made.
mod folder;
mod import;
mod load;
pub(crate) mod parse;
mod plan;
mod spool;
mod write;

pub(crate) use import::{import, ImportOptions};
pub(crate) use load::{load, load_dir, load_file};
pub(crate) use write::{write, Compression, SaveImage, Sink, WriteOptions};

use crate::image::store::StoreError;
use crate::util::digest::Digest;
use std::io;

/// An archive format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    DockerArchive,
    OciArchive,
    OciDir,
    DockerDir,
}

impl Format {
    /// Whether the format is a folder rather than a tar stream.
    pub(crate) fn is_dir(self) -> bool {
        matches!(self, Format::OciDir | Format::DockerDir)
    }
}

impl std::str::FromStr for Format {
    type Err = ArchiveError;
    fn from_str(s: &str) -> Result<Format, ArchiveError> {
        match s {
            "docker-archive" => Ok(Format::DockerArchive),
            "oci-archive" => Ok(Format::OciArchive),
            "oci-dir" => Ok(Format::OciDir),
            "docker-dir" => Ok(Format::DockerDir),
            other => Err(ArchiveError::UnknownFormat {
                name: parse::cut(other),
            }),
        }
    }
}

/// Why an archive could not be written or loaded.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ArchiveError {
    #[error(
        "unknown format {name:?}: use one of docker-archive, oci-archive, oci-dir, docker-dir"
    )]
    UnknownFormat { name: String },
    #[error("invalid archive: {0}")]
    Invalid(String),
    #[error("invalid archive: entry {name:?} points outside the archive")]
    Escapes { name: String },
    #[error("invalid archive: it has no {name}")]
    Missing { name: String },
    #[error("invalid archive: {what} hashes to {actual}, expected {expected}")]
    Digest {
        what: String,
        expected: Digest,
        actual: Digest,
    },
    #[error("invalid archive: {what}: {reason}")]
    Image { what: String, reason: String },
    #[error("reading the archive: {0}")]
    Read(#[source] io::Error),
    #[error("cannot {what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("layer {diff_id}: {detail}")]
    Layer { diff_id: Digest, detail: String },
}
