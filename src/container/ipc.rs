//! `--ipc`: which IPC namespace (System V objects, POSIX message queues) a container lives in,
//! and what its /dev/shm is. The mode is kept in the container's record; the spec gets an IPC
//! namespace of its own or none (the supervisor's, which is the user's), and its /dev/shm
//! mount follows the mode. Joining another container's namespace happens at start, in the
//! supervisor ([`crate::runtime`]), which looks the donor up again then. A joiner keeps a
//! /dev/shm of its own: the donor's tmpfs lives in the donor's mount namespace, from which the
//! kernel lets no other namespace bind (System V objects and message queues are shared; POSIX
//! shared memory under /dev/shm is not).
use crate::config::Paths;
use crate::container::runconfig::RunConfigError;
use crate::container::spec::SpecError;
use crate::linux::nsenter::{Init, Namespace, NsenterError, Target};
use oci_spec::runtime::{Mount, MountBuilder, Spec};
use serde::{Deserialize, Serialize};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

/// The spec annotation that says the container has no /dev/shm at all (`--ipc none`): the
/// start-up then leaves out the one it adds to a spec that has none.
pub(crate) const NO_SHM_ANNOTATION: &str = crate::linux::mounts::NO_SHM_ANNOTATION;

/// A container's IPC namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "mode", content = "of")]
pub(crate) enum IpcMode {
    /// Its own namespace, which others may join (the default, as Podman's).
    #[default]
    Shareable,
    /// Its own namespace, which no other container may join.
    Private,
    /// The user's own namespace, and the host's /dev/shm.
    Host,
    /// Its own namespace and no /dev/shm.
    None,
    /// The namespace of this container (its ID).
    Container(String),
    /// The namespace at this path (a bind-mounted or /proc namespace file).
    Ns(PathBuf),
}

impl IpcMode {
    /// `--ipc MODE` (or containers.conf's `ipcns`); `container:NAME` is resolved to an ID and
    /// refused when that container keeps its namespace to itself.
    pub(crate) fn parse(paths: &Paths, value: &str) -> Result<Self, RunConfigError> {
        let bad = |expected: &str| RunConfigError::Flag {
            flag: "--ipc",
            value: value.to_string(),
            expected: expected.to_string(),
        };
        Ok(match value {
            "" | "shareable" => Self::Shareable,
            "private" => Self::Private,
            "host" => Self::Host,
            "none" => Self::None,
            _ => {
                if let Some(name) = value.strip_prefix("container:") {
                    let donor = crate::container::list::find(paths, name)
                        .map_err(|e| RunConfigError::Conflict(format!("--ipc {value}: {e}")))?;
                    if !donor.ipc.joinable() {
                        return Err(RunConfigError::Conflict(not_shareable(&donor.name)));
                    }
                    Self::Container(donor.id)
                } else if let Some(path) = value.strip_prefix("ns:") {
                    if !path.starts_with('/') {
                        return Err(bad("ns: needs an absolute path to a namespace file"));
                    }
                    Self::Ns(PathBuf::from(path))
                } else {
                    return Err(bad(
                        "expected shareable, private, host, none, container:NAME or ns:PATH",
                    ));
                }
            }
        })
    }

    /// Whether another container may join this one's namespace. One that joined another's
    /// is in a shareable namespace itself.
    pub(crate) fn joinable(&self) -> bool {
        matches!(self, Self::Shareable | Self::Container(_))
    }

    /// Whether the container's first process makes a new IPC namespace (the clone does).
    pub(crate) fn makes_namespace(&self) -> bool {
        matches!(self, Self::Shareable | Self::Private | Self::None)
    }

    /// The mode as `inspect` shows it (HostConfig.IpcMode).
    pub(crate) fn inspect(&self) -> String {
        match self {
            Self::Shareable => "shareable".into(),
            Self::Private => "private".into(),
            Self::Host => "host".into(),
            Self::None => "none".into(),
            Self::Container(id) => format!("container:{id}"),
            Self::Ns(path) => format!("ns:{}", path.display()),
        }
    }
}

/// Why the IPC namespace of `--ipc container:` or `ns:` cannot be joined.
#[derive(Debug, thiserror::Error)]
pub(crate) enum IpcError {
    #[error(
        "--ipc container:{short}: that container is gone: create this one again with another --ipc"
    )]
    Gone { short: String },
    #[error("{}", not_shareable(.donor))]
    NotShareable { donor: String },
    #[error("cannot join the IPC namespace of container {name}: {why}")]
    Join { name: String, why: String },
    #[error("--ipc ns:{}: cannot open it: {source}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("--ipc {mode}: cannot find the owner of that IPC namespace: {source}")]
    Owner {
        mode: String,
        #[source]
        source: std::io::Error,
    },
}

/// The IPC namespace `mode` joins, open: the running donor's (`container:`) or the file's
/// (`ns:`); `None` for the modes that join nothing.
pub(crate) fn open_joined(paths: &Paths, mode: &IpcMode) -> Result<Option<OwnedFd>, IpcError> {
    match mode {
        IpcMode::Container(id) => {
            let donor = crate::container::list::load(paths, id)
                .ok()
                .flatten()
                .ok_or_else(|| IpcError::Gone {
                    short: id[..id.len().min(12)].to_string(),
                })?;
            let cannot = |why: String| IpcError::Join {
                name: donor.name.clone(),
                why,
            };
            if !donor.ipc.joinable() {
                return Err(IpcError::NotShareable { donor: donor.name });
            }
            let state =
                crate::container::list::state_of(paths, id).map_err(|e| cannot(e.to_string()))?;
            let init = Init::open(&Target::from(&state)).map_err(|e| match e {
                NsenterError::NotRunning => cannot(format!(
                    "it is not running: start it first (`rcon start {}`)",
                    donor.name
                )),
                e => cannot(e.to_string()),
            })?;
            init.open_ns(Namespace::Ipc)
                .map(Some)
                .map_err(|e| cannot(e.to_string()))
        }
        IpcMode::Ns(path) => std::fs::File::open(path)
            .map(|f| Some(OwnedFd::from(f)))
            .map_err(|source| IpcError::Open {
                path: path.clone(),
                source,
            }),
        _ => Ok(None),
    }
}

/// The refusal to join `donor`'s private namespace, in Podman's words, and what to do.
pub(crate) fn not_shareable(donor: &str) -> String {
    format!(
        "--ipc container:{donor}: joining the IPC namespace of container {donor} is not \
         allowed: non-shareable IPC (hint: use IpcMode:shareable for the donor container): \
         create {donor} with --ipc shareable"
    )
}

/// Gives `spec` the /dev/shm of `mode`: the host's bound for `host`, none for `none` (and the
/// annotation that keeps the start-up from adding one); the spec's own tmpfs otherwise.
pub(crate) fn apply_to_spec(mode: &IpcMode, spec: &mut Spec) -> Result<(), SpecError> {
    let mut mounts: Vec<Mount> = spec.mounts().clone().unwrap_or_default();
    let at_shm = |m: &Mount| m.destination() == Path::new("/dev/shm");
    match mode {
        IpcMode::Host => {
            let host = MountBuilder::default()
                .destination("/dev/shm")
                .typ("bind")
                .source("/dev/shm")
                .options(
                    ["rbind", "nosuid", "noexec", "nodev"]
                        .map(String::from)
                        .to_vec(),
                )
                .build()
                .map_err(|e| SpecError::Build {
                    what: "/dev/shm mount",
                    reason: e.to_string(),
                })?;
            match mounts.iter_mut().find(|m| at_shm(m)) {
                Some(m) => *m = host,
                None => mounts.push(host),
            }
        }
        IpcMode::None => {
            mounts.retain(|m| !at_shm(m));
            let mut notes = spec.annotations().clone().unwrap_or_default();
            notes.insert(NO_SHM_ANNOTATION.into(), "true".into());
            spec.set_annotations(Some(notes));
        }
        _ => return Ok(()),
    }
    spec.set_mounts(Some(mounts));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_modes_parse_and_show_as_podman_shows_them() {
        let none = PathBuf::from("/nonexistent");
        let paths = Paths {
            root: none.clone(),
            runroot: none.clone(),
            config_home: none.clone(),
            volume_path: None,
            runtime_dir: None,
            home: none,
        };
        for (given, shown) in [
            ("", "shareable"),
            ("shareable", "shareable"),
            ("private", "private"),
            ("host", "host"),
            ("none", "none"),
            ("ns:/run/user/1/ipc", "ns:/run/user/1/ipc"),
        ] {
            assert_eq!(IpcMode::parse(&paths, given).unwrap().inspect(), shown);
        }
        for bad in ["bogus", "ns:relative", "container"] {
            let e = IpcMode::parse(&paths, bad).unwrap_err().to_string();
            assert!(e.starts_with("--ipc ") && !e.contains('\n'), "{e}");
        }
    }

    #[test]
    fn only_own_namespaces_are_made_and_only_shareable_ones_joined() {
        assert!(IpcMode::Shareable.makes_namespace() && IpcMode::Shareable.joinable());
        assert!(IpcMode::Private.makes_namespace() && !IpcMode::Private.joinable());
        assert!(IpcMode::None.makes_namespace() && !IpcMode::None.joinable());
        assert!(!IpcMode::Host.makes_namespace() && !IpcMode::Host.joinable());
        assert!(!IpcMode::Container("x".into()).makes_namespace());
    }

    #[test]
    fn old_records_without_a_mode_read_as_shareable() {
        #[derive(Deserialize)]
        struct R {
            #[serde(default)]
            ipc: IpcMode,
        }
        let r: R = serde_json::from_str("{}").unwrap();
        assert_eq!(r.ipc, IpcMode::Shareable);
        let c = serde_json::to_string(&IpcMode::Container("abc".into())).unwrap();
        assert_eq!(
            serde_json::from_str::<IpcMode>(&c).unwrap().inspect(),
            "container:abc"
        );
    }
}
