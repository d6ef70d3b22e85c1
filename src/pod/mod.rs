//! Pods: containers that share network, IPC and UTS namespaces, as in Kubernetes and Podman.
//!
//! A pod is a record (`$root/pods/<id>/pod.json`) and, unless made with `--infra=false`, an
//! infra container: an ordinary rcon container (its own supervisor, state and network) whose
//! only process is rcon's init pausing, on a one-empty-layer image rcon makes itself
//! ([`infra`]). Members record their pod ([`crate::container::record::PodLink`]) and join the
//! infra's namespaces when they start; the pod lists no members, so a member's `rm` leaves
//! nothing to correct. A pod's status is read from its containers' corrected states.
//!
//! Pod names share the namespace of container names, as in Podman: a pod cannot take a
//! container's name, nor a container a pod's.
use crate::config::Paths;
use crate::container::list;
use crate::container::state::{State, Status};
use crate::container::ContainerRecord;
use crate::util::fs::read_json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::PathBuf;

pub(crate) mod clone;
pub(crate) mod create;
pub(crate) mod infra;
pub(crate) mod ops;
pub(crate) mod service;

/// Why a pod could not be found, made or changed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PodError {
    #[error("no pod with name or ID {input:?} found: no such pod (list pods with `rcon pod ps`)")]
    NotFound { input: String },
    #[error("pod ID prefix {input:?} matches {count} pods: give more of the ID")]
    Ambiguous { input: String, count: usize },
    #[error(
        "the name {name:?} is already in use by pod {holder}: remove that pod \
         (`rcon pod rm {name}`), or pick another name"
    )]
    NameInUse { name: String, holder: String },
    #[error(
        "the name {name:?} is already in use by container {holder}: pods and containers share \
         names; pick another name"
    )]
    NameIsContainer { name: String, holder: String },
    #[error(
        "--share {value:?}: invalid kernel namespace to share: {value}. Options are: cgroup, ipc, \
         net, pid, uts or none"
    )]
    Share { value: String },
    #[error(
        "pod {name} has {running} running container(s): stop them first (`rcon pod stop \
         {name}`), or remove it with `rcon pod rm -f {name}`"
    )]
    Running { name: String, running: usize },
    #[error(
        "host port {port}/{protocol} is already in use: pick another host port for -p, or give \
         only the pod's port for a random one"
    )]
    PortTaken { port: u16, protocol: String },
    #[error("pod {name}: {message}")]
    Member { name: String, message: String },
    #[error(
        "container {id} is the service container of pod(s) {pods} and cannot be removed without \
         removing the pod(s): remove them (`rcon pod rm {names}`), or pass --depend"
    )]
    ServiceInUse {
        id: String,
        pods: String,
        names: String,
    },
    #[error(transparent)]
    Service(#[from] crate::container::service::ServiceError),
    #[error(transparent)]
    Name(#[from] crate::container::names::NameError),
    #[error(transparent)]
    List(#[from] list::ListError),
    #[error(transparent)]
    Create(#[from] crate::container::create::CreateError),
    #[error(transparent)]
    Image(#[from] crate::image::commit::CommitError),
    #[error(transparent)]
    Store(#[from] crate::image::store::StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

pub(crate) type Result<T> = std::result::Result<T, PodError>;

/// The namespaces a pod's members may share, in Podman's words.
pub(crate) const SHAREABLE: [&str; 5] = ["cgroup", "ipc", "net", "pid", "uts"];

/// What `pod create` was asked, besides the infra container's network flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PodRecord {
    /// 64 lowercase hex digits.
    pub(crate) id: String,
    pub(crate) name: String,
    /// RFC 3339 with nanoseconds.
    pub(crate) created: String,
    #[serde(default)]
    pub(crate) labels: BTreeMap<String, String>,
    /// The namespaces the members share (sorted; empty without an infra container).
    #[serde(default)]
    pub(crate) share: Vec<String>,
    /// The infra container's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) infra_id: Option<String>,
    /// The pod's hostname (its name unless `--hostname`).
    #[serde(default)]
    pub(crate) hostname: String,
    /// `continue` or `stop` (the infra stops when the last member ends).
    #[serde(default = "continue_policy")]
    pub(crate) exit_policy: String,
    /// The command line that made it, for `pod inspect`.
    #[serde(default)]
    pub(crate) create_command: Vec<String>,
    /// The service container of the `kube play --service-container` that made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) service_container: Option<String>,
}

fn continue_policy() -> String {
    "continue".into()
}

impl PodRecord {
    /// The pod's infra container shares `ns` with the members.
    pub(crate) fn shares(&self, ns: &str) -> bool {
        self.infra_id.is_some() && self.share.iter().any(|s| s == ns)
    }
}

/// Parses `--share` (`net,ipc`, `+pid` adds to the default, `none`): the sorted set.
pub(crate) fn parse_share(value: &str) -> Result<Vec<String>> {
    let bad = || PodError::Share {
        value: value.to_string(),
    };
    let (mut out, list): (Vec<String>, &str) = match value.strip_prefix('+') {
        Some(rest) => (default_share(), rest),
        None => (Vec::new(), value),
    };
    if list.trim() == "none" || list.trim().is_empty() {
        return Ok(out);
    }
    for part in list.split(',').map(str::trim) {
        if !SHAREABLE.contains(&part) {
            return Err(bad());
        }
        if !out.iter().any(|s| s == part) {
            out.push(part.to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// Podman's default `--share`.
pub(crate) fn default_share() -> Vec<String> {
    ["ipc", "net", "uts"].map(String::from).to_vec()
}

/// `$root/pods`: one folder per pod, and `names/`.
pub(crate) fn pods_dir(paths: &Paths) -> PathBuf {
    paths.pods()
}

pub(crate) fn record_path(paths: &Paths, id: &str) -> PathBuf {
    pods_dir(paths).join(id).join("pod.json")
}

/// Writes `pod`'s record (over the one it has).
pub(crate) fn save(paths: &Paths, pod: &PodRecord) -> Result<()> {
    let path = record_path(paths, &pod.id);
    crate::util::fs::write_json(&path, pod).map_err(|source| PodError::Io { path, source })
}

/// The IDs of every pod with a record.
pub(crate) fn ids(paths: &Paths) -> Result<Vec<String>> {
    let dir = pods_dir(paths);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(PodError::Io { path: dir, source }),
    };
    Ok(entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| list::is_full_id(n))
        .collect())
}

/// The record of pod `id`; `None` when it does not exist (or is half made or removed).
pub(crate) fn load(paths: &Paths, id: &str) -> Result<Option<PodRecord>> {
    let path = record_path(paths, id);
    read_json(&path).map_err(|source| PodError::Io { path, source })
}

/// Every pod, newest first; a record that cannot be read is skipped with a warning.
pub(crate) fn all(paths: &Paths) -> Result<Vec<PodRecord>> {
    let mut out = Vec::new();
    for id in ids(paths)? {
        match load(paths, &id) {
            Ok(Some(p)) => out.push(p),
            Ok(None) => {}
            Err(e) => log::warn!("skipping pod {id}: {e}"),
        }
    }
    out.sort_by(|a, b| b.created.cmp(&a.created));
    Ok(out)
}

/// The pod `input` names: a full ID, a name or a unique ID prefix.
pub(crate) fn find(paths: &Paths, input: &str) -> Result<PodRecord> {
    let not_found = || PodError::NotFound {
        input: input.to_string(),
    };
    if list::is_full_id(input) {
        if let Some(p) = load(paths, input)? {
            return Ok(p);
        }
    }
    if let Some(id) = crate::container::names::holder(&pods_dir(paths), input) {
        if let Some(p) = load(paths, &id)? {
            return Ok(p);
        }
    }
    if input.is_empty() || !input.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_found());
    }
    let mut matches = Vec::new();
    for id in ids(paths)?.into_iter().filter(|id| id.starts_with(input)) {
        if let Some(p) = load(paths, &id)? {
            matches.push(p);
        }
    }
    match matches.len() {
        0 => Err(not_found()),
        1 => Ok(matches.remove(0)),
        count => Err(PodError::Ambiguous {
            input: input.to_string(),
            count,
        }),
    }
}

/// The pod's containers with their corrected states, oldest first (the infra first of all).
pub(crate) fn members(paths: &Paths, pod: &PodRecord) -> Result<Vec<(ContainerRecord, State)>> {
    let mut out: Vec<_> = list::all(paths)?
        .into_iter()
        .filter(|(r, _)| r.pod.as_ref().is_some_and(|p| p.id == pod.id))
        .collect();
    out.sort_by(|a, b| {
        let infra = |r: &ContainerRecord| !r.pod.as_ref().is_some_and(|p| p.infra);
        (infra(&a.0), &a.0.created).cmp(&(infra(&b.0), &b.0.created))
    });
    Ok(out)
}

/// The pod's status from its containers' statuses, as Podman words it.
pub(crate) fn status(members: &[(ContainerRecord, State)]) -> &'static str {
    let count = |want: &[Status]| {
        members
            .iter()
            .filter(|(_, s)| want.contains(&s.status))
            .count()
    };
    let total = members.len();
    let running = count(&[Status::Running]);
    let paused = count(&[Status::Paused]);
    let created = count(&[Status::Created]);
    let exited = count(&[Status::Exited, Status::Removing]);
    if total == 0 || created == total {
        "Created"
    } else if running == total {
        "Running"
    } else if paused == total {
        "Paused"
    } else if exited + created == total {
        "Exited"
    } else if running + paused > 0 {
        "Degraded"
    } else {
        "Error"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_lists_are_checked_sorted_and_extend_the_default() {
        assert_eq!(parse_share("uts,net").unwrap(), ["net", "uts"]);
        assert_eq!(parse_share("none").unwrap(), Vec::<String>::new());
        assert_eq!(
            parse_share("+cgroup").unwrap(),
            ["cgroup", "ipc", "net", "uts"]
        );
        assert_eq!(parse_share("net,net").unwrap(), ["net"]);
        assert!(parse_share("net,mnt").is_err());
        assert_eq!(parse_share("+pid").unwrap(), ["ipc", "net", "pid", "uts"]);
        assert!(parse_share("mnt").is_err());
    }

    #[test]
    fn a_pod_record_of_before_service_containers_reads_and_is_written_the_same() {
        let old = serde_json::json!({
            "id": "a".repeat(64), "name": "p", "created": "2026-01-01T00:00:00.000000000Z"
        });
        let p: PodRecord = serde_json::from_value(old).unwrap();
        assert_eq!(p.service_container, None);
        assert_eq!(p.exit_policy, "continue");
        let text = serde_json::to_string(&p).unwrap();
        assert!(!text.contains("service_container"), "{text}");
    }

    fn member(status: Status) -> (ContainerRecord, State) {
        let record: ContainerRecord = serde_json::from_value(serde_json::json!({
            "id": "a".repeat(64), "name": "m", "image_name": "i",
            "image_id": format!("sha256:{}", "0".repeat(64)), "layers": [],
            "created": "2026-01-01T00:00:00.000000000Z", "command": [],
            "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
            "log_driver": "k8s-file"
        }))
        .unwrap();
        let state = State {
            status,
            ..State::default()
        };
        (record, state)
    }

    #[test]
    fn a_pods_status_follows_its_containers() {
        use Status::*;
        let of = |s: &[Status]| status(&s.iter().map(|s| member(*s)).collect::<Vec<_>>());
        assert_eq!(of(&[]), "Created");
        assert_eq!(of(&[Created, Created]), "Created");
        assert_eq!(of(&[Running, Running]), "Running");
        assert_eq!(of(&[Running, Exited]), "Degraded");
        assert_eq!(of(&[Exited, Created]), "Exited");
        assert_eq!(of(&[Paused, Paused]), "Paused");
        assert_eq!(of(&[Paused, Running]), "Degraded");
    }
}
