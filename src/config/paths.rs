//! XDG paths: the persistent data folder, the volatile run folder, the configuration folder.
use std::env;
use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Every folder rcon reads or writes, resolved once per invocation.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `--root`, default `$XDG_DATA_HOME/rcon`: storage/, containers/, volumes/ live here.
    pub root: PathBuf,
    /// `--runroot`, default `$XDG_RUNTIME_DIR/rcon`, else `/tmp/rcon-<uid>` (mode 0700).
    pub runroot: PathBuf,
    /// `$XDG_CONFIG_HOME`, default `~/.config`: containers/registries.conf, auth.json, certs.d.
    pub config_home: PathBuf,
    /// `$XDG_RUNTIME_DIR` when set: containers/auth.json is looked for there first.
    pub runtime_dir: Option<PathBuf>,
    /// The user's home folder.
    pub home: PathBuf,
    /// `--volumepath` (or containers.conf's `volume_path`): named volumes there instead of
    /// under the root.
    pub volume_path: Option<PathBuf>,
}

impl Paths {
    /// Resolves the folders from the environment and the global `--root`/`--runroot` options.
    pub(crate) fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> io::Result<Paths> {
        let home = env_path("HOME").ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "HOME is not set: rcon needs a home folder for its storage",
            )
        })?;
        let data_home = env_path("XDG_DATA_HOME").unwrap_or_else(|| home.join(".local/share"));
        let config_home = env_path("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config"));
        let runtime_dir = env_path("XDG_RUNTIME_DIR").filter(|p| p.is_dir());
        let root = match root {
            Some(r) => absolute(r)?,
            None => data_home.join("rcon"),
        };
        let runroot = match runroot {
            Some(r) => absolute(r)?,
            None => match &runtime_dir {
                Some(dir) => dir.join("rcon"),
                None => PathBuf::from(format!("/tmp/rcon-{}", nix::unistd::getuid())),
            },
        };
        let paths = Paths {
            root,
            runroot,
            config_home,
            runtime_dir,
            home,
            volume_path: None,
        };
        paths.tighten_root();
        Ok(paths)
    }

    /// Creates the data root private to the user (0700, as containers/storage does), tightening
    /// an existing one; its parents get the usual modes. Layers keep their setuid files, and
    /// volumes may get some from containers: no other user may reach them.
    pub(crate) fn ensure_root(&self) -> io::Result<()> {
        if let Some(parent) = self.root.parent() {
            fs::create_dir_all(parent)?;
        }
        match fs::DirBuilder::new().mode(0o700).create(&self.root) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => make_private(&self.root),
            Err(e) => Err(e),
        }
    }

    /// A data root (or `storage/` in it) left open to others by an older rcon becomes 0700:
    /// one stat per invocation when it is already private, nothing when it does not exist.
    fn tighten_root(&self) {
        for dir in [self.root.clone(), self.storage()] {
            if let Err(e) = make_private(&dir) {
                log::warn!("cannot make {} private (0700): {e}", dir.display());
            }
        }
    }

    /// The image store: blobs, layers, images.json.
    pub(crate) fn storage(&self) -> PathBuf {
        self.root.join("storage")
    }

    /// Persistent per-container folders.
    pub(crate) fn containers(&self) -> PathBuf {
        self.root.join("containers")
    }

    /// Pods: one folder per pod, and the pods' names.
    pub(crate) fn pods(&self) -> PathBuf {
        self.root.join("pods")
    }

    /// Named volumes.
    pub(crate) fn volumes(&self) -> PathBuf {
        match &self.volume_path {
            Some(p) => p.clone(),
            None => self.root.join("volumes"),
        }
    }

    /// `$XDG_CONFIG_HOME/containers`.
    pub(crate) fn containers_config(&self) -> PathBuf {
        self.config_home.join("containers")
    }

    /// Creates the run folder private to the user (0700), refusing one owned by someone else:
    /// a shared /tmp must not let another user plant our state.
    pub(crate) fn ensure_runroot(&self) -> io::Result<&Path> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.runroot)?;
        let meta = fs::metadata(&self.runroot)?;
        if meta.uid() != nix::unistd::getuid().as_raw() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} is owned by uid {}, not by you: remove it or pass --runroot",
                    self.runroot.display(),
                    meta.uid()
                ),
            ));
        }
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(&self.runroot, fs::Permissions::from_mode(0o700))?;
        }
        Ok(&self.runroot)
    }
}

/// Makes an existing folder of ours 0700 when group or others have any access; a missing one,
/// or one of another owner, is left alone.
pub(crate) fn make_private(dir: &Path) -> io::Result<()> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.is_dir() && meta.mode() & 0o077 != 0 && meta.uid() == nix::unistd::geteuid().as_raw() {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn env_path(name: &str) -> Option<PathBuf> {
    env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(env::current_dir()?.join(p))
    }
}
