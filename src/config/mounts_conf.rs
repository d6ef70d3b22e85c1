//! mounts.conf: host folders or files every new container (and every build step) gets, one
//! `HOST_PATH[:CONTAINER_PATH]` a line (the same path inside when the second half is left out),
//! the way Podman passes a host's subscriptions and credentials to its containers.
//!
//! The file read is the global `--default-mounts-file` when given; else the first of
//! `$XDG_CONFIG_HOME/containers/mounts.conf` (not for root), `/etc/containers/mounts.conf` and
//! `/usr/share/containers/mounts.conf` that exists. A host path that is not there is skipped
//! (logged at debug level). A file named on the command line must be readable and every line
//! other than blanks and `#` comments valid; in the default files a line that is not is skipped,
//! as Podman skips it.
use crate::config::paths::Paths;
use std::path::{Path, PathBuf};

/// One line of a mounts.conf whose host path exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DefaultMount {
    pub(crate) host: PathBuf,
    /// Absolute, without a trailing `/`.
    pub(crate) container: String,
}

/// Why `--default-mounts-file` cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MountsConfError {
    #[error("--default-mounts-file {path}: {source}: give a readable file")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "--default-mounts-file {path}, line {line}: {text:?} is not HOST_PATH[:CONTAINER_PATH] \
         with absolute paths: fix or remove the line"
    )]
    Line {
        path: PathBuf,
        line: usize,
        text: String,
    },
}

/// The default mounts of a new container: from `explicit` (the global
/// `--default-mounts-file`), else from the first default file present.
pub(crate) fn load(
    paths: &Paths,
    explicit: Option<&Path>,
) -> Result<Vec<DefaultMount>, MountsConfError> {
    if let Some(path) = explicit {
        let text = std::fs::read_to_string(path).map_err(|source| MountsConfError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok(present(path, parse(path, &text, true)?));
    }
    let mut files = Vec::new();
    if !nix::unistd::getuid().is_root() {
        files.push(paths.containers_config().join("mounts.conf"));
    }
    files.push(PathBuf::from("/etc/containers/mounts.conf"));
    files.push(PathBuf::from("/usr/share/containers/mounts.conf"));
    for file in files {
        match std::fs::read_to_string(&file) {
            Ok(text) => {
                let lines = parse(&file, &text, false).unwrap_or_default();
                return Ok(present(&file, lines));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                log::debug!("skipping {}: {e}", file.display());
                return Ok(Vec::new());
            }
        }
    }
    Ok(Vec::new())
}

/// The lines of a mounts.conf; with `strict` the first bad line is an error, else it is skipped.
fn parse(file: &Path, text: &str, strict: bool) -> Result<Vec<DefaultMount>, MountsConfError> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (host, container) = line.split_once(':').unwrap_or((line, line));
        let container = match container.trim_end_matches('/') {
            "" => "/",
            c => c,
        };
        if host.starts_with('/') && container.starts_with('/') {
            out.push(DefaultMount {
                host: PathBuf::from(host),
                container: container.to_string(),
            });
        } else if strict {
            return Err(MountsConfError::Line {
                path: file.to_path_buf(),
                line: n + 1,
                text: raw.to_string(),
            });
        } else {
            log::debug!("{}: skipping the line {raw:?}", file.display());
        }
    }
    Ok(out)
}

/// The mounts whose host path exists.
fn present(file: &Path, mounts: Vec<DefaultMount>) -> Vec<DefaultMount> {
    mounts
        .into_iter()
        .filter(|m| {
            let there = m.host.exists();
            if !there {
                log::debug!(
                    "{}: {} is not there, skipping it",
                    file.display(),
                    m.host.display()
                );
            }
            there
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_host_and_container_paths_and_comments_are_skipped() {
        let text = "# secrets\n\n/a/b:/run/secrets\n  /same  \n/c:/d/\n";
        let got = parse(Path::new("m"), text, true).unwrap();
        let pairs: Vec<_> = got
            .iter()
            .map(|m| (m.host.to_str().unwrap(), m.container.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [("/a/b", "/run/secrets"), ("/same", "/same"), ("/c", "/d")]
        );
    }

    #[test]
    fn a_relative_path_is_an_error_only_in_a_file_given_by_flag() {
        let text = "relative:/x\n/ok:/y\n";
        let err = parse(Path::new("m"), text, true).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
        assert!(!err.contains('\n'));
        let lax = parse(Path::new("m"), text, false).unwrap();
        assert_eq!(lax.len(), 1);
        assert!(parse(Path::new("m"), "/a:rel\n", true).is_err());
    }
}
