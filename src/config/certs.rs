//! Per-registry TLS material from certs.d folders.
//!
//! As containers-certs.d(5) describes: the first existing folder among
//! `$XDG_CONFIG_HOME/containers/certs.d/<host>/`, `/etc/containers/certs.d/<host>/` and
//! `/etc/docker/certs.d/<host>/` (or `--cert-dir` alone) holds `*.crt` CA certificates and
//! `<name>.cert` + `<name>.key` client certificate pairs. `<host>` is `host[:port]` as written
//! in the image reference (`localhost:5000`).
//!
//! A `.cert` without its `.key` (or the reverse) is a broken setup that Podman refuses. The
//! signature returns files, so such problems are collected in [`TlsFiles::problems`]; the
//! registry client calls [`TlsFiles::check`] before connecting to fail the same way.
use crate::config::Paths;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// System-wide folders, after the user's own.
const SYSTEM_CERT_DIRS: [&str; 2] = ["/etc/containers/certs.d", "/etc/docker/certs.d"];

/// CA certificates and an optional client certificate for one registry host.
#[derive(Debug, Clone, Default)]
pub(crate) struct TlsFiles {
    pub(crate) ca_certs: Vec<PathBuf>,
    pub(crate) client_cert: Option<(PathBuf, PathBuf)>,
    /// The folder the files were read from, if one existed (the unit tests check it).
    #[cfg(test)]
    pub(crate) dir: Option<PathBuf>,
    /// What was wrong in that folder; see [`TlsFiles::check`].
    pub(crate) problems: Vec<CertsError>,
}

/// What is wrong with a certs.d folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertsError {
    #[error(
        "client certificate {cert} has no key {key}: add the key, or name a CA certificate *.crt"
    )]
    MissingKey { cert: PathBuf, key: PathBuf },
    #[error("client key {key} has no certificate {cert}: add the certificate or remove the key")]
    MissingCert { key: PathBuf, cert: PathBuf },
    #[error("cannot read certificate folder {dir}: {message}")]
    ReadDir { dir: PathBuf, message: String },
}

impl TlsFiles {
    /// The first problem found, as an error: connect only when this is Ok.
    pub(crate) fn check(&self) -> Result<(), CertsError> {
        match self.problems.first() {
            Some(p) => Err(p.clone()),
            None => Ok(()),
        }
    }

    /// True when the folder gave nothing: the system trust store alone applies.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.ca_certs.is_empty() && self.client_cert.is_none()
    }
}

/// The TLS files for `host` (`host[:port]`): from `cert_dir` alone when given, else from the
/// first existing certs.d folder for the host.
pub(crate) fn tls_files(paths: &Paths, cert_dir: Option<&Path>, host: &str) -> TlsFiles {
    let dirs: Vec<PathBuf> = match cert_dir {
        Some(d) => vec![d.to_path_buf()],
        None => std::iter::once(paths.containers_config().join("certs.d"))
            .chain(SYSTEM_CERT_DIRS.iter().map(PathBuf::from))
            .map(|d| d.join(host))
            .collect(),
    };
    first_existing(&dirs)
}

fn first_existing(dirs: &[PathBuf]) -> TlsFiles {
    for dir in dirs {
        match read_dir_sorted(dir) {
            Ok(Some(names)) => return from_names(dir, &names),
            Ok(None) => continue,
            Err(e) => {
                return TlsFiles {
                    #[cfg(test)]
                    dir: Some(dir.clone()),
                    problems: vec![CertsError::ReadDir {
                        dir: dir.clone(),
                        message: e.to_string(),
                    }],
                    ..TlsFiles::default()
                }
            }
        }
    }
    TlsFiles::default()
}

/// The file names in `dir`, sorted; None when it does not exist.
fn read_dir_sorted(dir: &Path) -> io::Result<Option<Vec<String>>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e)
            if e.kind() == io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ENOTDIR) =>
        {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry?;
        if !entry.path().is_dir() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(Some(names))
}

fn from_names(dir: &Path, names: &[String]) -> TlsFiles {
    let mut out = TlsFiles {
        #[cfg(test)]
        dir: Some(dir.to_path_buf()),
        ..TlsFiles::default()
    };
    let has = |n: &str| names.iter().any(|x| x == n);
    for name in names {
        if name.ends_with(".crt") {
            out.ca_certs.push(dir.join(name));
        } else if let Some(stem) = name.strip_suffix(".cert") {
            let key = format!("{stem}.key");
            if !has(&key) {
                out.problems.push(CertsError::MissingKey {
                    cert: dir.join(name),
                    key: dir.join(key),
                });
            } else if out.client_cert.is_none() {
                out.client_cert = Some((dir.join(name), dir.join(key)));
            } else {
                log::debug!(
                    "{}: using the first client certificate only, not {name}",
                    dir.display()
                );
            }
        } else if let Some(stem) = name.strip_suffix(".key") {
            let cert = format!("{stem}.cert");
            if !has(&cert) {
                out.problems.push(CertsError::MissingCert {
                    key: dir.join(name),
                    cert: dir.join(cert),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, names: &[&str]) {
        fs::create_dir_all(dir).unwrap();
        for n in names {
            fs::write(dir.join(n), "").unwrap();
        }
    }

    fn paths(dir: &Path) -> Paths {
        Paths {
            root: dir.join("data"),
            runroot: dir.join("run"),
            config_home: dir.join("config"),
            volume_path: None,
            runtime_dir: None,
            home: dir.to_path_buf(),
        }
    }

    #[test]
    fn crt_files_are_cas_and_cert_with_key_is_the_client_pair() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("certs.d/localhost:5000");
        touch(
            &d,
            &["b.crt", "a.crt", "client.cert", "client.key", "README"],
        );
        fs::create_dir(d.join("sub.crt")).unwrap();
        let t = tls_files(&paths(tmp.path()), Some(&d), "ignored");
        assert_eq!(t.ca_certs, vec![d.join("a.crt"), d.join("b.crt")]);
        assert_eq!(
            t.client_cert,
            Some((d.join("client.cert"), d.join("client.key")))
        );
        assert_eq!(t.dir.as_deref(), Some(d.as_path()));
        assert!(t.check().is_ok());
        assert!(!t.is_empty());
    }

    #[test]
    fn user_folder_for_the_host_is_found() {
        let tmp = tempfile::tempdir().unwrap();
        let p = paths(tmp.path());
        let d = p.containers_config().join("certs.d/registry.test:5000");
        touch(&d, &["ca.crt"]);
        let t = tls_files(&p, None, "registry.test:5000");
        assert_eq!(t.ca_certs, vec![d.join("ca.crt")]);
    }

    #[test]
    fn first_existing_folder_wins_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a/host");
        let b = tmp.path().join("b/host");
        touch(&b, &["b.crt"]);
        let t = first_existing(&[a.clone(), b.clone()]);
        assert_eq!(t.ca_certs, vec![b.join("b.crt")]);
        touch(&a, &["a.crt"]);
        let t = first_existing(&[a.clone(), b]);
        assert_eq!(t.ca_certs, vec![a.join("a.crt")]);
    }

    #[test]
    fn missing_folder_gives_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let t = tls_files(&paths(tmp.path()), Some(&tmp.path().join("nope")), "h");
        assert!(t.is_empty() && t.problems.is_empty() && t.dir.is_none());
    }

    #[test]
    fn cert_without_key_is_a_problem_check_reports() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("h");
        touch(&d, &["ca.crt", "lonely.cert", "orphan.key"]);
        let t = tls_files(&paths(tmp.path()), Some(&d), "h");
        assert_eq!(t.ca_certs, vec![d.join("ca.crt")]);
        assert_eq!(t.client_cert, None);
        assert_eq!(
            t.problems,
            vec![
                CertsError::MissingKey {
                    cert: d.join("lonely.cert"),
                    key: d.join("lonely.key")
                },
                CertsError::MissingCert {
                    key: d.join("orphan.key"),
                    cert: d.join("orphan.cert")
                },
            ]
        );
        let err = t.check().unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "client certificate {}/lonely.cert has no key {}/lonely.key: add the key, or name a CA certificate *.crt",
                d.display(),
                d.display()
            )
        );
    }
}
