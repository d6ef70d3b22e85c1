//! containers.conf, read where Podman reads it, each later file's settings over the earlier
//! ones':
//!
//! 1. `/usr/share/containers/containers.conf`, then its `containers.conf.d/*.conf` drop-ins;
//! 2. `/etc/containers/containers.conf` and its drop-ins; for a user other than root also
//!    `/etc/containers/containers.rootless.conf` and its drop-ins;
//! 3. `$XDG_CONFIG_HOME/containers/containers.conf` and its drop-ins;
//!
//! or, when `$CONTAINERS_CONF` names a file, that file alone; then `$CONTAINERS_CONF_OVERRIDE`
//! over everything. Drop-ins are read in the order of their names. Only the keys rcon uses are
//! read (the rest of the file is Podman's business); a file that is not valid TOML, or a key
//! rcon uses with a value of the wrong type or outside its choices, is named in a one-line error.
mod keys;
#[cfg(test)]
mod tests;

use crate::config::paths::Paths;
pub(crate) use keys::{Containers, Engine, Network};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The settings rcon takes from containers.conf.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ContainersConf {
    pub(crate) containers: Containers,
    pub(crate) engine: Engine,
    pub(crate) network: Network,
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
    #[error("[{table}] {key} = {value:?} is not valid: use {choices}")]
    Choice {
        table: &'static str,
        key: &'static str,
        value: String,
        choices: String,
    },
}

/// A containers.conf that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot read {path}: {why}: fix or remove the file")]
pub(crate) struct ConfError {
    pub(crate) path: PathBuf,
    pub(crate) why: String,
}

/// The configuration of this process, read once.
static CURRENT: OnceLock<Result<ContainersConf, ConfError>> = OnceLock::new();

impl ContainersConf {
    /// The files read, in order, for the user `paths` describes.
    pub(crate) fn files(paths: &Paths) -> Vec<PathBuf> {
        let mut files = Vec::new();
        match std::env::var_os("CONTAINERS_CONF").filter(|v| !v.is_empty()) {
            Some(only) => files.push(PathBuf::from(only)),
            None => {
                let mut bases = vec![
                    PathBuf::from("/usr/share/containers/containers.conf"),
                    PathBuf::from("/etc/containers/containers.conf"),
                ];
                if !nix::unistd::getuid().is_root() {
                    bases.push(PathBuf::from("/etc/containers/containers.rootless.conf"));
                }
                bases.push(paths.containers_config().join("containers.conf"));
                for base in bases {
                    files.push(base.clone());
                    files.extend(drop_ins(&base));
                }
            }
        }
        if let Some(o) = std::env::var_os("CONTAINERS_CONF_OVERRIDE").filter(|v| !v.is_empty()) {
            files.push(PathBuf::from(o));
        }
        files
    }

    /// The merged settings of every containers.conf present.
    pub(crate) fn load(paths: &Paths) -> Result<ContainersConf, ConfError> {
        let mut conf = ContainersConf::default();
        for file in Self::files(paths) {
            conf.merge_file(&file)?;
        }
        Ok(conf)
    }

    /// This process's configuration, read at the first call (from the environment's folders:
    /// `--root` does not move containers.conf). A configuration that cannot be read is an error
    /// each caller reports; [`ContainersConf::current`] falls back to the defaults.
    pub(crate) fn checked() -> Result<&'static ContainersConf, ConfError> {
        CURRENT
            .get_or_init(|| {
                let paths = Paths::resolve(None, None).map_err(|e| ConfError {
                    path: PathBuf::from("containers.conf"),
                    why: e.to_string(),
                })?;
                ContainersConf::load(&paths)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// This process's configuration, or the defaults when it cannot be read (the CLI has
    /// already refused to run then; a helper process goes on with the defaults).
    pub(crate) fn current() -> &'static ContainersConf {
        static DEFAULT: OnceLock<ContainersConf> = OnceLock::new();
        match Self::checked() {
            Ok(c) => c,
            Err(_) => DEFAULT.get_or_init(ContainersConf::default),
        }
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

    /// Merges one file's text over the settings so far: a key the text sets wins.
    pub(crate) fn merge_text(&mut self, text: &str) -> Result<(), ParseError> {
        let file: keys::File = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|span| {
                let line = text[..span.start.min(text.len())].matches('\n').count();
                let src = text.lines().nth(line).unwrap_or_default().trim();
                format!("line {} ({src}): ", line + 1)
            });
            ParseError::Toml {
                message: format!("{}{}", at.unwrap_or_default(), e.message().trim()),
            }
        })?;
        file.validate()?;
        self.containers.merge(file.containers);
        self.engine.merge(file.engine);
        self.network.merge(file.network);
        Ok(())
    }

    /// The seccomp profile the configuration asks for: `unconfined`, a profile file, or the
    /// built-in one when nothing is set or the file named does not exist (as Podman does).
    pub(crate) fn seccomp(&self) -> SeccompSetting {
        match self.containers.seccomp_profile.as_deref().map(str::trim) {
            Some("unconfined") => SeccompSetting::Unconfined,
            Some(p) if !p.is_empty() && Path::new(p).exists() => SeccompSetting::Path(p.into()),
            _ => SeccompSetting::Default,
        }
    }

    /// `[containers] log_driver`, default k8s-file.
    pub(crate) fn log_driver(&self) -> &str {
        self.containers.log_driver.as_deref().unwrap_or("k8s-file")
    }

    /// `[engine] events_logger`, default file (journald only where its socket is: Podman's
    /// default follows systemd, and a machine without it would lose every event).
    pub(crate) fn events_logger(&self) -> &str {
        self.engine.events_logger.as_deref().unwrap_or("file")
    }

    /// `[engine] events_logfile_max_size` in bytes, default 1 MB; 0 = never rotated.
    pub(crate) fn events_logfile_max_size(&self) -> u64 {
        self.engine.events_logfile_max_size.unwrap_or(1_000_000)
    }

    /// `[engine] stop_timeout`, default 10 seconds.
    pub(crate) fn stop_timeout(&self) -> u32 {
        self.engine.stop_timeout.unwrap_or(10)
    }

    /// `[network] default_rootless_network_cmd` (`pasta` or `slirp4netns`) when a file sets
    /// it; without it the network layer picks pasta where installed, else slirp4netns
    /// (`network::default_cmd`), as Podman 5 does.
    pub(crate) fn rootless_network_cmd(&self) -> Option<&str> {
        self.network.default_rootless_network_cmd.as_deref()
    }

    /// `[containers] healthcheck_events`, default true.
    pub(crate) fn healthcheck_events(&self) -> bool {
        self.containers.healthcheck_events.unwrap_or(true)
    }

    /// `[containers] http_proxy`, default true: `--http-proxy`'s default.
    pub(crate) fn http_proxy(&self) -> bool {
        self.containers.http_proxy.unwrap_or(true)
    }

    /// `[engine] image_volume_mode`, default `bind` (an anonymous volume per image VOLUME).
    pub(crate) fn image_volume_mode(&self) -> &str {
        self.engine.image_volume_mode.as_deref().unwrap_or("bind")
    }

    /// `[engine] image_default_transport`, default `docker://`.
    pub(crate) fn image_default_transport(&self) -> &str {
        self.engine
            .image_default_transport
            .as_deref()
            .unwrap_or("docker://")
    }
}

/// The proxy variables passed from rcon's environment into a container (`--http-proxy`) and
/// into a build step; a build also takes them from `--build-arg` without an ARG for them.
pub(crate) const PROXY_ENV: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "ftp_proxy",
    "FTP_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// The [`PROXY_ENV`] variables set in this process's environment, in that order.
pub(crate) fn host_proxy_env() -> Vec<(String, String)> {
    PROXY_ENV
        .iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| (k.to_string(), v)))
        .collect()
}

/// The `*.conf` drop-ins of `base` (`BASE.d/`), in the order of their names.
fn drop_ins(base: &Path) -> Vec<PathBuf> {
    let mut dir = base.as_os_str().to_owned();
    dir.push(".d");
    let Ok(rd) = std::fs::read_dir(PathBuf::from(dir)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    found.sort();
    found
}
