//! `containers/<id>/container.json`: rcon's record of a container, written once by `create`
//! (and by `rename`), read by every command. The process and mounts live in the OCI spec
//! beside it (`config.json`); this record holds what the spec has no place for.
use crate::config::Paths;
pub(crate) use crate::network::NetworkMode;
use crate::util::digest::Digest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What `--restart` asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RestartPolicy {
    /// `no`, `on-failure`, `always`, `unless-stopped`.
    pub(crate) name: String,
    /// For `on-failure:N`: at most N restarts (0: no limit).
    #[serde(default)]
    pub(crate) max_retries: u32,
}

/// A container's place in a pod (`--pod`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PodLink {
    /// The pod's ID.
    pub(crate) id: String,
    /// This is the pod's infra container: it holds the pod's namespaces, with rcon's init
    /// pausing as its only process.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) infra: bool,
    /// The infra runs rcon's init pausing, not its image's command (no `--infra-image`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) pause: bool,
    /// The pod's infra container, whose namespaces a member joins; none for a pod without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) infra_id: Option<String>,
    /// The namespaces a member joins from the infra besides the network (which `network`
    /// names as `container:<infra>`): `ipc`, `uts`, `cgroup`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) shares: Vec<String>,
    /// `--init-ctr always|once`: runs to its end before the pod's other containers start (at
    /// every pod start, or at the first only: then it is removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) init_ctr: Option<String>,
    /// The pod's `--exit-policy stop`: the last member to end stops the infra.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) stop_pod: bool,
}

impl PodLink {
    /// A member that joins its pod's IPC namespace, and with it the pod's /dev/shm.
    pub(crate) fn shares_shm(&self) -> bool {
        !self.infra && self.shares.iter().any(|s| s == "ipc")
    }
}

/// `$runroot/pods/<pod>`: what a pod keeps on the run folder, removed with the pod.
pub(crate) fn pod_run_dir(paths: &Paths, pod_id: &str) -> PathBuf {
    paths.runroot.join("pods").join(pod_id)
}

/// `<pod run dir>/shm`: the /dev/shm of a pod's members that share its IPC namespace, on the
/// run folder (a tmpfs where `$XDG_RUNTIME_DIR` is one), made again at each start.
pub(crate) fn pod_shm_dir(paths: &Paths, pod_id: &str) -> PathBuf {
    pod_run_dir(paths, pod_id).join("shm")
}

/// The user namespace a container was given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum UsernsMode {
    /// The store's map: 0 → the user, 1.. → the subordinate range.
    #[default]
    Default,
    /// `keep-id[:uid=N,gid=N]`: the user (the store's 0) is `uid`:`gid` inside, a namespace
    /// of the container's own, a child of the store's ([`crate::linux::keepid`]).
    KeepId { uid: u32, gid: u32 },
    /// `nomap`: the store's ids but the user's own (0 inside is the first subordinate id).
    NoMap,
    /// `auto[:size=N]`: a slice of `size` subordinate ids of the container's own, from the
    /// store's id `base` on (`base` 0: not allocated yet), tracked so no two containers share
    /// one ([`crate::container::userns`]).
    Auto { size: u32, base: u32 },
    /// `--uidmap`/`--gidmap`: the ranges given, `[container, store, size]` each.
    Map {
        uid: Vec<[u32; 3]>,
        gid: Vec<[u32; 3]>,
    },
    /// No new user namespace.
    Host,
}

/// One mount of a container as `create` resolved it, in Podman's inspect form: what the
/// volume commands, `--volumes-from`, the supervisor's volume preparation and `cp` read back.
/// Serialized, it is exactly the entry `inspect` shows under `Mounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RecordMount {
    /// `bind`, `volume`, `tmpfs` or `image`.
    #[serde(rename = "Type")]
    pub(crate) kind: String,
    /// The volume's name (volumes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// The host path, `tmpfs`, or the image's ID.
    #[serde(default)]
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) destination: String,
    /// `local` for volumes, else empty.
    #[serde(default)]
    pub(crate) driver: String,
    /// `O` for an overlay bind, else empty.
    #[serde(default)]
    pub(crate) mode: String,
    #[serde(default)]
    pub(crate) options: Vec<String>,
    #[serde(default = "writable", rename = "RW")]
    pub(crate) rw: bool,
    #[serde(default)]
    pub(crate) propagation: String,
    /// `U`: chown the source to the container's user (binds and volumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) chown: Option<bool>,
    /// `nocopy`: a new volume is not filled from the image (volumes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) no_copy: Option<bool>,
}

fn writable() -> bool {
    true
}

/// The keys under which the previous version kept the typed fields in `extra`.
mod legacy {
    pub(crate) const GROUP_ADD: &str = "GroupAdd";
    pub(crate) const MOUNTS: &str = "Mounts";
    pub(crate) const CGROUP: &str = "Cgroup";
}

/// rcon's record of one container.
// `remote = "Self"`: the derives become inherent fns, wrapped by the trait impls below so a
// record of the previous version is upgraded as it is read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub(crate) struct ContainerRecord {
    /// 64 lowercase hex digits.
    pub(crate) id: String,
    /// Unique among the user's containers.
    pub(crate) name: String,
    /// The image name as resolved (`docker.io/library/busybox:latest`), or the ID when run by ID.
    pub(crate) image_name: String,
    /// The image as the user named it (`busybox`), when that differs from `image_name`: the
    /// Docker API shows it, as Docker does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) image_given: Option<String>,
    /// The image ID (config digest).
    pub(crate) image_id: Digest,
    /// Chain IDs of the image's layers, bottom first: the storage driver's lower layers.
    pub(crate) layers: Vec<Digest>,
    /// RFC 3339 with nanoseconds.
    pub(crate) created: String,
    /// The command as the user sees it in `ps` (entrypoint + cmd).
    pub(crate) command: Vec<String>,
    /// `-u` as given (`name`, `uid`, `name:group`), resolved inside the container at start;
    /// empty for the image's USER or root.
    #[serde(default)]
    pub(crate) user: String,
    /// `--label`.
    #[serde(default)]
    pub(crate) labels: BTreeMap<String, String>,
    /// `--annotation` (also in the OCI spec).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) annotations: BTreeMap<String, String>,
    /// Storage driver chosen at create time: `overlay`, `fuse-overlay` or `vfs`.
    pub(crate) storage_driver: String,
    #[serde(default)]
    pub(crate) network: NetworkMode,
    /// `-p`/`-P`, host ports resolved.
    #[serde(default)]
    pub(crate) ports: Vec<crate::network::PortMapping>,
    #[serde(default)]
    pub(crate) userns: UsernsMode,
    /// `--ipc` (records from before it: shareable, as every container's was then).
    #[serde(default)]
    pub(crate) ipc: crate::container::ipc::IpcMode,
    #[serde(default)]
    pub(crate) restart: RestartPolicy,
    /// `--rm`: the supervisor removes the container when it ends.
    #[serde(default)]
    pub(crate) auto_remove: bool,
    /// A step of `rcon build`: it ends when the builder attached to it goes, and `ps` lists
    /// it only with `--external`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) build: bool,
    /// `--init`: rcon's own small init runs as PID 1 and starts the command.
    #[serde(default)]
    pub(crate) init: bool,
    /// `--pod`: the pod it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) pod: Option<PodLink>,
    /// A service container (`kube play --service-container`): the pods it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) service: Option<crate::container::service::Service>,
    /// `--requires`: containers (IDs) started before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) requires: Vec<String>,
    /// `-t`.
    #[serde(default)]
    pub(crate) tty: bool,
    /// `-i`.
    #[serde(default)]
    pub(crate) interactive: bool,
    /// `--stop-signal` as a number.
    pub(crate) stop_signal: i32,
    /// `--stop-timeout` in seconds.
    pub(crate) stop_timeout: u32,
    /// `k8s-file`, `journald`, `none` or `passthrough`.
    pub(crate) log_driver: String,
    /// `--log-opt max-size=`, in bytes; 0 means no limit.
    #[serde(default)]
    pub(crate) log_max_size: u64,
    /// `--log-opt tag=`: CONTAINER_TAG and SYSLOG_IDENTIFIER of journald entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) log_tag: Option<String>,
    /// `--group-add`, resolved inside the container at start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) group_add: Vec<String>,
    /// The mounts (`-v`, `--mount`, `--tmpfs` …) as resolved at create time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) mounts: Vec<RecordMount>,
    /// Where the container's cgroup goes and its limits (`rcon update` changes them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cgroup: Option<crate::linux::cgroup::Placement>,
    /// The healthcheck (the image's HEALTHCHECK and the `--health-*` flags), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) healthcheck: Option<crate::container::health::HealthConfig>,
    /// Every other flag as given, for `inspect`'s Config and HostConfig only: nothing decides
    /// anything from it.
    #[serde(default)]
    pub(crate) extra: crate::container::extra::Extra,
}

impl ContainerRecord {
    /// A record of the previous version kept the typed fields in `extra`: read them from there
    /// once (the cgroup placement moves out: `inspect` takes it from the typed field).
    fn upgrade(&mut self) {
        // Most records have none of these: their `extra` stays unparsed.
        static LEGACY: std::sync::LazyLock<crate::container::extra::Keys> =
            std::sync::LazyLock::new(|| {
                crate::container::extra::Keys::new(&[
                    legacy::GROUP_ADD,
                    legacy::MOUNTS,
                    legacy::CGROUP,
                ])
            });
        if !self.extra.may_hold_any(&LEGACY) {
            return;
        }
        if self.group_add.is_empty() {
            if let Some(v) = self.extra.get(legacy::GROUP_ADD) {
                self.group_add = serde_json::from_value(v.clone()).unwrap_or_default();
            }
        }
        if self.mounts.is_empty() {
            if let Some(v) = self.extra.get(legacy::MOUNTS) {
                self.mounts = serde_json::from_value(v.clone()).unwrap_or_default();
            }
        }
        if let Some(v) = self.extra.remove(legacy::CGROUP) {
            if self.cgroup.is_none() {
                self.cgroup = serde_json::from_value(v).ok();
            }
        }
    }
}

impl ContainerRecord {
    /// This container's event (`create`, `start`, `died` …), with its labels and pod.
    pub(crate) fn event(&self, status: &str) -> crate::events::Event {
        let e = crate::events::Event::container(
            status,
            &self.id,
            &self.name,
            &self.image_name,
            &self.labels,
        );
        match &self.pod {
            Some(p) => e.with_pod(&p.id),
            None => e,
        }
    }

    /// Records this container's event; a build step's container records none (its build
    /// does).
    pub(crate) fn note(&self, paths: &Paths, status: &str) {
        self.note_event(paths, self.event(status));
    }

    /// Records `event`, one of this container's, unless this is a build step's container.
    pub(crate) fn note_event(&self, paths: &Paths, event: crate::events::Event) {
        if !self.build {
            crate::events::record(paths, event);
        }
    }
}

impl Serialize for ContainerRecord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ContainerRecord::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for ContainerRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut record = ContainerRecord::deserialize(d)?;
        record.upgrade();
        Ok(record)
    }
}

/// Where a container's files are.
pub(crate) struct ContainerPaths {
    /// `$root/containers/<id>`: container.json, config.json, upper/, work/, ctr.log, and the
    /// generated hosts, hostname and resolv.conf.
    pub(crate) dir: PathBuf,
    /// `$runroot/containers/<id>`: state.json, the attach socket, the lock.
    pub(crate) run: PathBuf,
}

impl ContainerPaths {
    pub(crate) fn new(paths: &Paths, id: &str) -> ContainerPaths {
        ContainerPaths {
            dir: paths.containers().join(id),
            run: paths.runroot.join("containers").join(id),
        }
    }

    pub(crate) fn record(&self) -> PathBuf {
        self.dir.join("container.json")
    }
    pub(crate) fn spec(&self) -> PathBuf {
        self.dir.join("config.json")
    }
    /// The container's mount destinations, from its OCI spec (none when it cannot be read):
    /// `diff`, `commit`, `export` and a build step leave out what was made for them.
    pub(crate) fn mount_targets(&self) -> Vec<String> {
        let spec = crate::util::fs::read_json(&self.spec()).ok().flatten();
        spec.as_ref().map(mount_destinations).unwrap_or_default()
    }
    pub(crate) fn upper(&self) -> PathBuf {
        self.dir.join("upper")
    }
    pub(crate) fn work(&self) -> PathBuf {
        self.dir.join("work")
    }
    /// The mount point of the root filesystem (vfs: the copy itself).
    pub(crate) fn rootfs(&self) -> PathBuf {
        self.dir.join("rootfs")
    }
    pub(crate) fn log(&self) -> PathBuf {
        self.dir.join("ctr.log")
    }
    pub(crate) fn state(&self) -> PathBuf {
        self.run.join("state.json")
    }
    pub(crate) fn lock(&self) -> PathBuf {
        self.run.join("lock")
    }
    /// The attach socket. Connect through a folder fd (`/proc/self/fd/N/attach`): the full path
    /// can pass the 108-byte limit of a socket address.
    pub(crate) fn attach(&self) -> PathBuf {
        self.run.join("attach")
    }
}

/// The `destination` of each mount of an OCI spec.
pub(crate) fn mount_destinations(spec: &serde_json::Value) -> Vec<String> {
    spec.pointer("/mounts")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("destination")?.as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// container.json as the previous version wrote it: group_add, mounts and the cgroup only
    /// in `extra`.
    const OLD_RECORD: &str = r#"{
        "id": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "name": "old", "image_name": "docker.io/library/busybox:latest",
        "image_id": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "layers": [], "created": "2026-01-01T00:00:00.000000000Z", "command": ["sh"],
        "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
        "log_driver": "k8s-file",
        "extra": {
            "GroupAdd": ["wheel", "10"],
            "Mounts": [{"Type": "volume", "Name": "data", "Source": "/v/data/_data",
                "Destination": "/data", "Driver": "local", "Mode": "", "Options": ["nosuid"],
                "RW": true, "Propagation": "rprivate", "Chown": false, "NoCopy": true}],
            "Cgroup": {"manager": null, "resources": {}},
            "Cmd": ["sh"]
        }
    }"#;

    #[test]
    fn a_record_of_the_previous_version_still_loads_its_runtime_fields() {
        let r: ContainerRecord = serde_json::from_str(OLD_RECORD).unwrap();
        assert_eq!(r.group_add, ["wheel", "10"]);
        assert_eq!(r.mounts.len(), 1);
        let m = &r.mounts[0];
        assert_eq!(m.kind, "volume");
        assert_eq!(m.name.as_deref(), Some("data"));
        assert_eq!(m.destination, "/data");
        assert_eq!(m.no_copy, Some(true));
        let placement = r.cgroup.as_ref().expect("the cgroup placement");
        assert_eq!(placement.manager, None);
        // The inspect-only keys stay; the placement moved out of `extra`.
        assert!(r.extra.contains_key("Mounts") && r.extra.contains_key("Cmd"));
        assert!(!r.extra.contains_key("Cgroup"));
    }

    #[test]
    fn a_record_round_trips_with_its_typed_fields() {
        let mut r: ContainerRecord = serde_json::from_str(OLD_RECORD).unwrap();
        r.extra.clear();
        let text = serde_json::to_string(&r).unwrap();
        let back: ContainerRecord = serde_json::from_str(&text).unwrap();
        assert_eq!(back.group_add, r.group_add);
        assert_eq!(back.mounts, r.mounts);
        assert_eq!(back.cgroup, r.cgroup);
    }

    #[test]
    fn a_mount_serializes_to_its_inspect_form() {
        let old: serde_json::Value = serde_json::from_str(OLD_RECORD).unwrap();
        let entry = &old["extra"]["Mounts"][0];
        let m: RecordMount = serde_json::from_value(entry.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&m).unwrap(), entry);
    }
}
