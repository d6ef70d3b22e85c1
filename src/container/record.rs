//! `containers/<id>/container.json`: rcon's record of a container, written once by `create`
//! (and by `rename`), read by every command. The process and mounts live in the OCI spec
//! beside it (`config.json`); this record holds what the spec has no place for.
use crate::config::Paths;
pub use crate::network::{BridgeAttach, NetworkMode};
use crate::util::digest::Digest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What `--restart` asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartPolicy {
    /// `no`, `on-failure`, `always`, `unless-stopped`.
    pub name: String,
    /// For `on-failure:N`: at most N restarts (0: no limit).
    #[serde(default)]
    pub max_retries: u32,
}

/// The user namespace a container was given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UsernsMode {
    /// The store's map: 0 → the user, 1.. → the subordinate range.
    #[default]
    Default,
    /// The user's own uid and gid inside, the subordinate range around them.
    KeepId,
    /// No new user namespace.
    Host,
}

/// rcon's record of one container.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerRecord {
    /// 64 lowercase hex digits.
    pub id: String,
    /// Unique among the user's containers.
    pub name: String,
    /// The image name as resolved (`docker.io/library/busybox:latest`), or the ID when run by ID.
    pub image_name: String,
    /// The image ID (config digest).
    pub image_id: Digest,
    /// Chain IDs of the image's layers, bottom first: the storage driver's lower layers.
    pub layers: Vec<Digest>,
    /// RFC 3339 with nanoseconds.
    pub created: String,
    /// The command as the user sees it in `ps` (entrypoint + cmd).
    pub command: Vec<String>,
    /// `-u` as given (`name`, `uid`, `name:group`), resolved inside the container at start;
    /// empty for the image's USER or root.
    #[serde(default)]
    pub user: String,
    /// `--label`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Storage driver chosen at create time: `overlay`, `fuse-overlay` or `vfs`.
    pub storage_driver: String,
    #[serde(default)]
    pub network: NetworkMode,
    /// `-p`/`-P`, host ports resolved.
    #[serde(default)]
    pub ports: Vec<crate::network::PortMapping>,
    #[serde(default)]
    pub userns: UsernsMode,
    #[serde(default)]
    pub restart: RestartPolicy,
    /// `--rm`: the supervisor removes the container when it ends.
    #[serde(default)]
    pub auto_remove: bool,
    /// `--init`: rcon's own small init runs as PID 1 and starts the command.
    #[serde(default)]
    pub init: bool,
    /// `-t`.
    #[serde(default)]
    pub tty: bool,
    /// `-i`.
    #[serde(default)]
    pub interactive: bool,
    /// `--stop-signal` as a number.
    pub stop_signal: i32,
    /// `--stop-timeout` in seconds.
    pub stop_timeout: u32,
    /// `k8s-file` or `none`.
    pub log_driver: String,
    /// `--log-opt max-size=`, in bytes; 0 means no limit.
    #[serde(default)]
    pub log_max_size: u64,
    /// Every other flag as given, for `inspect`'s Config and HostConfig.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Where a container's files are.
pub struct ContainerPaths {
    /// `$root/containers/<id>`: container.json, config.json, upper/, work/, ctr.log, and the
    /// generated hosts, hostname and resolv.conf.
    pub dir: PathBuf,
    /// `$runroot/containers/<id>`: state.json, the attach socket, the lock.
    pub run: PathBuf,
}

impl ContainerPaths {
    pub fn new(paths: &Paths, id: &str) -> ContainerPaths {
        ContainerPaths {
            dir: paths.containers().join(id),
            run: paths.runroot.join("containers").join(id),
        }
    }

    pub fn record(&self) -> PathBuf {
        self.dir.join("container.json")
    }
    pub fn spec(&self) -> PathBuf {
        self.dir.join("config.json")
    }
    pub fn upper(&self) -> PathBuf {
        self.dir.join("upper")
    }
    pub fn work(&self) -> PathBuf {
        self.dir.join("work")
    }
    /// The mount point of the root filesystem (vfs: the copy itself).
    pub fn rootfs(&self) -> PathBuf {
        self.dir.join("rootfs")
    }
    pub fn log(&self) -> PathBuf {
        self.dir.join("ctr.log")
    }
    pub fn state(&self) -> PathBuf {
        self.run.join("state.json")
    }
    pub fn lock(&self) -> PathBuf {
        self.run.join("lock")
    }
    /// The attach socket. Connect through a folder fd (`/proc/self/fd/N/attach`): the full path
    /// can pass the 108-byte limit of a socket address.
    pub fn attach(&self) -> PathBuf {
        self.run.join("attach")
    }
}
