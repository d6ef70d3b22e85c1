//! The OCI distribution (Docker Registry HTTP API v2) client: auth, manifests, blobs.
//!
//! `client` speaks HTTP (agents, TLS modes, redirects, retries; helpers in `http`), `token` handles
//! `WWW-Authenticate` challenges and the token cache, `blob` streams and verifies blobs,
//! `manifest` parses the four manifest types, `platform` picks an index entry, and `upload`
//! is the push side (blob checks, mounts, uploads, manifest PUT).
mod blob;
pub(crate) mod client;
mod http;
pub mod manifest;
pub(crate) mod platform;
mod tls;
pub(crate) mod token;
pub(crate) mod upload;

pub use client::{Client, ClientOptions, FetchedManifest};
pub(crate) use manifest::Descriptor;
pub use manifest::{parse_manifest, Manifest};
pub(crate) use platform::{select, Platform};

use crate::util::digest::Digest;

/// The module's result type.
pub(crate) type Result<T, E = RegistryError> = std::result::Result<T, E>;

/// Everything that can go wrong talking to a registry. Each message names the host, the
/// repository or the digest, and says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("cannot connect to registry {host}: {detail}; check the name and the network")]
    Connect { host: String, detail: String },

    #[error(
        "tls with registry {host} failed: {detail}; put its CA in certs.d/{host}/, or add it to \
         registries.conf as insecure or pass --tls-verify=false"
    )]
    Tls { host: String, detail: String },

    #[error("cannot read TLS file {path}: {detail}; fix or remove it")]
    TlsFile {
        path: std::path::PathBuf,
        detail: String,
    },

    #[error("certificates for {host}: {source}")]
    Certs {
        host: String,
        source: crate::config::certs::CertsError,
    },

    #[error("registry {host} answered HTTP {status}: {body}")]
    Http {
        host: String,
        status: u16,
        body: String,
    },

    #[error("{}", unauthorized_message(host, repository, said))]
    Unauthorized {
        host: String,
        repository: String,
        /// The registry's own words (`unauthorized: authentication required`), or empty.
        said: String,
    },

    #[error("cannot get credentials for {host}: {detail}; fix the auth file or pass --creds")]
    Credentials { host: String, detail: String },

    #[error("authentication with {host} failed: {detail}")]
    Auth { host: String, detail: String },

    #[error(
        "{host}/{repository}{} not found; check the name and the tag",
        ref_suffix(reference)
    )]
    NotFound {
        host: String,
        repository: String,
        reference: String,
    },

    #[error(
        "content of {expected} from {repository} hashes to {actual}; the registry or a proxy \
         corrupted it, try again"
    )]
    DigestMismatch {
        repository: String,
        expected: Digest,
        actual: Digest,
    },

    #[error(
        "blob {digest} from {repository} is {actual} bytes, the manifest says {expected}; the \
         registry or a proxy corrupted it, try again"
    )]
    SizeMismatch {
        repository: String,
        digest: Digest,
        expected: u64,
        actual: u64,
    },

    #[error("{what} is larger than the limit of {limit} bytes; the image is not usable by rcon")]
    TooLarge { what: String, limit: u64 },

    #[error(
        "invalid manifest for {name}: {reason}; the image is damaged or not a container image"
    )]
    InvalidManifest { name: String, reason: String },

    #[error(
        "{name} is a Docker schema 1 image, which rcon does not support; push it again with a \
         current tool (podman, buildah, skopeo or docker)"
    )]
    Schema1 { name: String },

    #[error(
        "unsupported media type {media_type:?} for {what}; rcon handles OCI and Docker v2 images"
    )]
    UnsupportedMediaType { what: String, media_type: String },

    #[error("invalid platform {spec:?}: {reason}; use os/arch[/variant], e.g. linux/arm64/v8")]
    InvalidPlatform { spec: String, reason: String },

    #[error("registry {host} sent a bad redirect to {location:?}: {reason}")]
    Redirect {
        host: String,
        location: String,
        reason: String,
    },

    #[error("cannot write blob {digest}: {source}")]
    Write {
        digest: Digest,
        source: std::io::Error,
    },
}

impl RegistryError {
    /// True when the registry said the repository, tag or digest does not exist, so the next
    /// candidate name (or the next mirror) can be tried.
    pub fn is_not_found(&self) -> bool {
        matches!(self, RegistryError::NotFound { .. })
    }

    /// True for failures that may go away when the request is repeated: connection errors,
    /// 5xx and 429 answers.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            RegistryError::Connect { .. } => true,
            RegistryError::Http { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// Puts the full image name into manifest errors raised without one.
    pub(crate) fn in_context(self, full_name: &str) -> RegistryError {
        match self {
            RegistryError::InvalidManifest { reason, .. } => RegistryError::InvalidManifest {
                name: full_name.to_string(),
                reason,
            },
            RegistryError::Schema1 { .. } => RegistryError::Schema1 {
                name: full_name.to_string(),
            },
            RegistryError::UnsupportedMediaType { media_type, .. } => {
                RegistryError::UnsupportedMediaType {
                    what: format!("the manifest of {full_name}"),
                    media_type,
                }
            }
            other => other,
        }
    }
}

fn unauthorized_message(host: &str, repository: &str, said: &str) -> String {
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(": {said}")
    };
    if repository.is_empty() {
        format!("registry {host} rejected the credentials{said}; check the username and password")
    } else {
        format!(
            "access to {host}/{repository} denied{said}; check the name, or log in with `rcon login {host}`"
        )
    }
}

fn ref_suffix(reference: &str) -> String {
    if reference.is_empty() {
        String::new()
    } else if reference.contains(':') {
        format!("@{reference}")
    } else {
        format!(":{reference}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_names_tag_or_digest() {
        let e = RegistryError::NotFound {
            host: "r.example".into(),
            repository: "a/b".into(),
            reference: "v1".into(),
        };
        assert!(e.is_not_found());
        assert!(e.to_string().starts_with("r.example/a/b:v1 not found"));
        let d = Digest::of(b"x");
        let e = RegistryError::NotFound {
            host: "r.example".into(),
            repository: "a/b".into(),
            reference: d.to_string(),
        };
        assert!(e
            .to_string()
            .starts_with(&format!("r.example/a/b@{d} not found")));
    }

    #[test]
    fn unauthorized_tells_how_to_log_in() {
        let e = RegistryError::Unauthorized {
            host: "r.example".into(),
            repository: "a".into(),
            said: "unauthorized: authentication required".into(),
        };
        assert!(e.to_string().contains("rcon login r.example"));
        assert!(e
            .to_string()
            .contains("denied: unauthorized: authentication required;"));
        assert!(!e.is_not_found());
    }

    #[test]
    fn only_connection_errors_and_server_errors_are_transient() {
        let http = |status| RegistryError::Http {
            host: "h".into(),
            status,
            body: String::new(),
        };
        assert!(http(503).is_transient());
        assert!(http(429).is_transient());
        assert!(!http(400).is_transient());
        assert!(RegistryError::Connect {
            host: "h".into(),
            detail: "x".into()
        }
        .is_transient());
    }
}
