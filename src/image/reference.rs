//! Image references: parsing and Docker/Podman normalisation.
use crate::util::digest::Digest;

/// A fully qualified reference: `registry/repository[:tag][@digest]`.
/// `busybox` parses to registry `docker.io`, repository `library/busybox`, tag `latest`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Registry host as the user names it (`docker.io`, `quay.io`, `localhost:5000`).
    pub registry: String,
    /// Repository path within the registry (`library/busybox`).
    pub repository: String,
    /// Tag; `latest` is filled in when neither tag nor digest was given.
    pub tag: Option<String>,
    /// Digest when the reference pins one.
    pub digest: Option<Digest>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("invalid reference format {0:?}: {1}")]
    Invalid(String, &'static str),
}

impl Reference {
    /// Parses and normalises a reference (see the type's doc).
    pub fn parse(input: &str) -> Result<Reference, ReferenceError> {
        Err(ReferenceError::Invalid(input.to_string(), "not implemented yet"))
    }
}
