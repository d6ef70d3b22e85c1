//! Why the supervisor could not take its container.
use std::io;
use std::path::PathBuf;

/// Why the supervisor could not take its container.
#[derive(Debug, thiserror::Error)]
pub(super) enum SetupError {
    #[error("container {id} is already running (its supervisor holds {path})")]
    Running { id: String, path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot read the OCI spec {path}: {message}")]
    Spec { path: PathBuf, message: String },
    #[error("cannot {what}: {source}")]
    Sys {
        what: &'static str,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
    #[error("{message}")]
    IdShift { message: String },
    #[error("cannot hold the image layers of container {id}: {message}")]
    Layers { id: String, message: String },
    #[error(transparent)]
    Cgroup(#[from] crate::linux::cgroup::CgroupError),
    #[error(transparent)]
    Seccomp(#[from] crate::linux::seccomp::SeccompError),
    #[error(transparent)]
    Net(#[from] crate::network::setup::NetError),
    #[error(transparent)]
    Volumes(#[from] crate::container::volumes::prepare::PrepareError),
    #[error("--hostuser {name}: no such user on the host: give a user of /etc/passwd")]
    HostUser { name: String },
    #[error("cannot make the container's stdio: {source}")]
    Stdio {
        #[source]
        source: io::Error,
    },
}

impl SetupError {
    /// What `run` and `start` exit with: 126 when the container's own settings cannot be
    /// applied at its start (Podman's code), 125 when rcon failed.
    pub(super) fn exit_code(&self) -> i32 {
        match self {
            SetupError::HostUser { .. } => 126,
            _ => 125,
        }
    }
}

pub(super) fn sys_err(what: &'static str) -> impl FnOnce(nix::errno::Errno) -> SetupError {
    move |e| SetupError::Sys {
        what,
        source: e.into(),
    }
}
