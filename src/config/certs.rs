//! Per-registry TLS material from certs.d folders.
use std::path::PathBuf;

/// CA certificates and an optional client certificate for one registry host.
#[derive(Debug, Clone, Default)]
pub struct TlsFiles {
    pub ca_certs: Vec<PathBuf>,
    pub client_cert: Option<(PathBuf, PathBuf)>,
}
