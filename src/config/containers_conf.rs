//! containers.conf, read where Podman reads it: `/usr/share/containers/containers.conf`, then
//! `/etc/containers/containers.conf`, then `$XDG_CONFIG_HOME/containers/containers.conf`, each
//! later file's settings over the earlier ones'. Only the keys rcon uses are read; a file that
//! is not valid TOML is named in a one-line error.
use crate::config::paths::Paths;
use std::path::{Path, PathBuf};

/// The settings rcon takes from containers.conf.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ContainersConf {
    /// `[containers] seccomp_profile`.
    pub(crate) seccomp_profile: Option<String>,
}

/// The seccomp profile containers.conf asks for (`linux::seccomp` turns it into its choice).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum SeccompSetting {
    /// rcon's built-in profile.
    #[default]
    Default,
    /// No filter.
    Unconfined,
    /// An OCI/Docker JSON profile file.
    Path(PathBuf),
}

/// Why the text of a containers.conf is not valid (the file's error names the file).
#[derive(Debug, thiserror::Error)]
pub(crate) enum ParseError {
    #[error("{message}")]
    Toml { message: String },
    #[error("{key} is not a string")]
    NotAString { key: &'static str },
}

/// A containers.conf that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {why}: fix or remove the file")]
pub(crate) struct ConfError {
    pub(crate) path: PathBuf,
    pub(crate) why: String,
}

impl ContainersConf {
    /// The merged settings of every containers.conf present.
    pub(crate) fn load(paths: &Paths) -> Result<ContainersConf, ConfError> {
        let mut conf = ContainersConf::default();
        for file in [
            PathBuf::from("/usr/share/containers/containers.conf"),
            PathBuf::from("/etc/containers/containers.conf"),
            paths.containers_config().join("containers.conf"),
        ] {
            conf.merge_file(&file)?;
        }
        Ok(conf)
    }

    fn merge_file(&mut self, path: &Path) -> Result<(), ConfError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(ConfError {
                    path: path.into(),
                    why: e.to_string(),
                })
            }
        };
        self.merge_text(&text).map_err(|e| ConfError {
            path: path.into(),
            why: e.to_string(),
        })
    }

    pub(crate) fn merge_text(&mut self, text: &str) -> Result<(), ParseError> {
        let value: toml::Table = toml::from_str(text).map_err(|e| ParseError::Toml {
            message: e.message().to_string(),
        })?;
        let containers = value.get("containers").and_then(|v| v.as_table());
        if let Some(v) = containers.and_then(|c| c.get("seccomp_profile")) {
            let s = v.as_str().ok_or(ParseError::NotAString {
                key: "seccomp_profile",
            })?;
            self.seccomp_profile = Some(s.to_string());
        }
        Ok(())
    }

    /// The seccomp profile the configuration asks for: `unconfined`, a profile file, or the
    /// built-in one when nothing is set or the file named does not exist (as Podman does).
    pub(crate) fn seccomp(&self) -> SeccompSetting {
        match self.seccomp_profile.as_deref().map(str::trim) {
            Some("unconfined") => SeccompSetting::Unconfined,
            Some(p) if !p.is_empty() && Path::new(p).exists() => SeccompSetting::Path(p.into()),
            _ => SeccompSetting::Default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_files_win_and_a_missing_profile_means_the_built_in_one() {
        let mut c = ContainersConf::default();
        c.merge_text("[containers]\nseccomp_profile = \"unconfined\"\n")
            .unwrap();
        assert_eq!(c.seccomp(), SeccompSetting::Unconfined);
        c.merge_text("[engine]\nx = 1\n").unwrap();
        assert_eq!(
            c.seccomp(),
            SeccompSetting::Unconfined,
            "a file without the key keeps it"
        );
        c.merge_text("[containers]\nseccomp_profile = \"/nonexistent/p.json\"\n")
            .unwrap();
        assert_eq!(c.seccomp(), SeccompSetting::Default);
        assert!(c.merge_text("[containers\n").is_err());
        assert!(c.merge_text("[containers]\nseccomp_profile = 3\n").is_err());
    }
}
