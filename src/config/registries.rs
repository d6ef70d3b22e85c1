//! registries.conf (v2 TOML): search registries, aliases, mirrors, insecure and blocked entries.
use crate::image::Reference;

/// One place to fetch a repository from: a mirror or the registry itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `host[:port]` to connect to (`docker.io` becomes `registry-1.docker.io`).
    pub host: String,
    /// The repository path on that host (rewritten by `location` when the prefix maps it).
    pub repository: String,
    /// Plain HTTP, or TLS without verification, is allowed for this endpoint.
    pub insecure: bool,
    /// True for a mirror: failures fall through to the next endpoint.
    pub mirror: bool,
}

/// The merged registries.conf.
#[derive(Debug, Clone, Default)]
pub struct RegistriesConf {}
