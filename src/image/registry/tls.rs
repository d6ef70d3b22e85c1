//! TLS settings for one registry host: the system's CA bundle plus the host's certs.d CA
//! files, its client certificate, or no verification at all for insecure registries.
use super::RegistryError;
use crate::config::certs::TlsFiles;
use std::path::{Path, PathBuf};
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};

/// Where Debian, Ubuntu, Arch and Alpine keep the system bundle; Fedora's is tried second.
const SYSTEM_BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
];

/// Whether a connection verifies the server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TlsMode {
    Verified,
    Unverified,
}

/// The system's trusted CA certificates, from `SSL_CERT_FILE` or the usual bundle paths.
/// Empty when none is readable; the caller then falls back to the built-in Mozilla roots.
pub(crate) fn system_roots() -> Vec<Certificate<'static>> {
    let env = std::env::var_os("SSL_CERT_FILE").map(PathBuf::from);
    let candidates = env
        .into_iter()
        .chain(SYSTEM_BUNDLES.iter().map(PathBuf::from));
    for path in candidates {
        if let Ok(pem) = std::fs::read(&path) {
            let certs: Vec<_> = ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(PemItem::Certificate(c)) => Some(c),
                    _ => None,
                })
                .collect();
            if !certs.is_empty() {
                return certs;
            }
        }
    }
    Vec::new()
}

/// The TLS configuration for one host in one mode.
pub(crate) fn config(
    system: &[Certificate<'static>],
    files: &TlsFiles,
    mode: TlsMode,
) -> Result<TlsConfig, RegistryError> {
    let mut builder = TlsConfig::builder();
    if let Some((cert, key)) = &files.client_cert {
        builder = builder.client_cert(Some(client_cert(cert, key)?));
    }
    match mode {
        TlsMode::Unverified => builder = builder.disable_verification(true),
        TlsMode::Verified => {
            let mut roots = system.to_vec();
            for path in &files.ca_certs {
                roots.extend(read_certs(path)?);
            }
            if !roots.is_empty() {
                builder = builder.root_certs(RootCerts::new_with_certs(&roots));
            }
        }
    }
    Ok(builder.build())
}

fn read_pem(path: &Path) -> Result<Vec<PemItem<'static>>, RegistryError> {
    let bad = |detail: String| RegistryError::TlsFile {
        path: path.to_path_buf(),
        detail,
    };
    let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    ureq::tls::parse_pem(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(e.to_string()))
}

fn read_certs(path: &Path) -> Result<Vec<Certificate<'static>>, RegistryError> {
    let certs: Vec<_> = read_pem(path)?
        .into_iter()
        .filter_map(|i| match i {
            PemItem::Certificate(c) => Some(c),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        return Err(RegistryError::TlsFile {
            path: path.to_path_buf(),
            detail: "no PEM certificate in it".into(),
        });
    }
    Ok(certs)
}

fn client_cert(cert: &Path, key: &Path) -> Result<ClientCert, RegistryError> {
    let chain = read_certs(cert)?;
    let key: PrivateKey<'static> = read_pem(key)?
        .into_iter()
        .find_map(|i| match i {
            PemItem::PrivateKey(k) => Some(k),
            _ => None,
        })
        .ok_or_else(|| RegistryError::TlsFile {
            path: key.to_path_buf(),
            detail: "no PEM private key in it".into(),
        })?;
    Ok(ClientCert::new_with_certs(&chain, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_empty_ca_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("ca.crt");
        std::fs::write(&empty, "not pem").unwrap();
        let files = TlsFiles {
            ca_certs: vec![empty.clone()],
            ..TlsFiles::default()
        };
        let e = config(&[], &files, TlsMode::Verified).unwrap_err();
        assert!(e.to_string().contains("ca.crt"), "{e}");
        // Unverified mode does not read CA files at all.
        assert!(config(&[], &files, TlsMode::Unverified).is_ok());
        let files = TlsFiles {
            ca_certs: vec![dir.path().join("missing.crt")],
            ..TlsFiles::default()
        };
        assert!(config(&[], &files, TlsMode::Verified).is_err());
    }

    #[test]
    fn system_bundle_is_found_on_this_machine() {
        if Path::new(SYSTEM_BUNDLES[0]).exists() {
            assert!(!system_roots().is_empty());
        }
    }
}
