//! Events: what happened to containers, images, volumes, networks and pods, recorded by every
//! command and every supervisor as it happens, read back by `rcon events`.
//!
//! The record goes where `--events-backend` (else containers.conf's `events_logger`) says:
//! - `file` (the default): one JSON object a line in Podman's field names, appended to
//!   `events_logfile_path` (default `<runroot>/events/events.log`) under the lock file beside
//!   it, so many writers never interleave; past `events_logfile_max_size` the older half goes
//!   and a `log-rotation` event says so ([`file`]).
//! - `journald`: one journal entry per event with Podman's `PODMAN_*` fields ([`journal`]).
//! - `none`: nothing is recorded, and reading is an error.
//!
//! Recording never fails the command that records: an event that cannot be written is a
//! warning. The CLI passes `--events-backend` to the processes it starts (supervisors, the
//! helpers) in the environment as `RCON_EVENTS_BACKEND`.
mod file;
mod filter;
mod journal;

use crate::config::containers_conf::ContainersConf;
use crate::config::Paths;
pub(crate) use filter::Filters;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The environment variable that carries `--events-backend` to the processes rcon starts.
pub(crate) const BACKEND_ENV: &str = "RCON_EVENTS_BACKEND";

/// One event, in the shape Podman writes to its events file (and prints with `--format json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Event {
    #[serde(rename = "ContainerExitCode", default, skip_serializing_if = "is_zero")]
    pub(crate) exit_code: i32,
    #[serde(rename = "ID", default, skip_serializing_if = "String::is_empty")]
    pub(crate) id: String,
    #[serde(rename = "Image", default, skip_serializing_if = "String::is_empty")]
    pub(crate) image: String,
    #[serde(rename = "Name", default, skip_serializing_if = "String::is_empty")]
    pub(crate) name: String,
    #[serde(rename = "network", default, skip_serializing_if = "String::is_empty")]
    pub(crate) network: String,
    #[serde(rename = "Status")]
    pub(crate) status: String,
    /// RFC 3339 with nanoseconds.
    #[serde(rename = "Time")]
    pub(crate) time: String,
    #[serde(rename = "Type")]
    pub(crate) kind: String,
    #[serde(
        rename = "health_status",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub(crate) health_status: String,
    #[serde(rename = "PodID", default, skip_serializing_if = "String::is_empty")]
    pub(crate) pod_id: String,
    #[serde(rename = "Attributes", default)]
    pub(crate) attributes: Option<BTreeMap<String, String>>,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl Event {
    fn new(kind: &str, status: &str) -> Event {
        Event {
            kind: kind.into(),
            status: status.into(),
            time: crate::util::time::now_rfc3339_nano(),
            ..Event::default()
        }
    }

    /// A container's event: its labels are the attributes, as Podman's are.
    pub(crate) fn container(
        status: &str,
        id: &str,
        name: &str,
        image: &str,
        labels: &BTreeMap<String, String>,
    ) -> Event {
        Event {
            id: id.into(),
            name: name.into(),
            image: image.into(),
            attributes: Some(labels.clone()),
            ..Event::new("container", status)
        }
    }

    /// An image's event: `name` is what the command named (a reference, an archive's path).
    pub(crate) fn image(status: &str, id: &str, name: &str) -> Event {
        Event {
            id: id.into(),
            name: name.into(),
            ..Event::new("image", status)
        }
    }

    /// A volume's event (Podman names a volume by its name in both ID and Name).
    pub(crate) fn volume(status: &str, name: &str) -> Event {
        Event {
            id: name.into(),
            name: name.into(),
            ..Event::new("volume", status)
        }
    }

    /// A network's event: `id` and `name` are the network's.
    pub(crate) fn network(status: &str, id: &str, name: &str) -> Event {
        Event {
            id: id.into(),
            name: name.into(),
            network: name.into(),
            ..Event::new("network", status)
        }
    }

    /// A pod's event.
    pub(crate) fn pod(status: &str, id: &str, name: &str) -> Event {
        Event {
            id: id.into(),
            name: name.into(),
            ..Event::new("pod", status)
        }
    }

    /// An event of rcon itself (`log-rotation`, `refresh`).
    pub(crate) fn system(status: &str, name: &str) -> Event {
        Event {
            name: name.into(),
            ..Event::new("system", status)
        }
    }

    /// Sets the exit code (`died`).
    pub(crate) fn with_exit_code(mut self, code: i32) -> Event {
        self.exit_code = code;
        self
    }

    /// Sets the health status (`health_status`).
    pub(crate) fn with_health(mut self, status: &str) -> Event {
        self.health_status = status.into();
        self
    }

    /// Sets the pod of a container's event.
    pub(crate) fn with_pod(mut self, pod_id: &str) -> Event {
        self.pod_id = pod_id.into();
        self
    }

    /// Adds an attribute (a `kill`'s signal, for one).
    pub(crate) fn with_attribute(mut self, key: &str, value: &str) -> Event {
        self.attributes
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }

    /// The time as nanoseconds since the epoch (0 when it does not parse).
    pub(crate) fn nanos(&self) -> i128 {
        crate::util::time::parse_rfc3339_nanos(&self.time).unwrap_or(0)
    }

    /// Podman's one-line form: `TIME TYPE STATUS ID (image=…, name=…, labels…)`.
    pub(crate) fn human(&self, truncate: bool) -> String {
        let id = if truncate && self.id.len() > 12 {
            &self.id[..12]
        } else {
            &self.id
        };
        let time = crate::util::time::go_time_string(self.nanos());
        let (kind, status) = (&self.kind, &self.status);
        match kind.as_str() {
            "container" | "pod" => {
                let mut s = format!(
                    "{time} {kind} {status} {id} (image={}, name={}",
                    self.image, self.name
                );
                if !self.pod_id.is_empty() {
                    s.push_str(&format!(", pod_id={}", self.pod_id));
                }
                if !self.health_status.is_empty() {
                    s.push_str(&format!(", health_status={}", self.health_status));
                }
                for (k, v) in self.attributes.iter().flatten() {
                    s.push_str(&format!(", {k}={v}"));
                }
                s.push(')');
                s
            }
            "network" => format!(
                "{time} {kind} {status} {id} (container={id}, name={})",
                self.network
            ),
            "image" => format!("{time} {kind} {status} {id} {}", self.name),
            "system" if self.name.is_empty() => format!("{time} {kind} {status}"),
            _ => format!("{time} {kind} {status} {}", self.name),
        }
    }

    /// The fields a `--format` template sees: the JSON form, with the exit code always there.
    pub(crate) fn template_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.insert("ContainerExitCode".into(), self.exit_code.into());
            m.insert("HealthStatus".into(), self.health_status.clone().into());
            m.entry("Attributes")
                .and_modify(|a| {
                    if a.is_null() {
                        *a = serde_json::json!({});
                    }
                })
                .or_insert_with(|| serde_json::json!({}));
        }
        v
    }
}

/// Where events go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Backend {
    File(PathBuf),
    Journald,
    None,
}

impl Backend {
    /// The backend in effect: `--events-backend` (carried in [`BACKEND_ENV`]), else
    /// containers.conf's `events_logger`.
    pub(crate) fn current(paths: &Paths) -> Backend {
        let conf = ContainersConf::current();
        let name = std::env::var(BACKEND_ENV)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| conf.events_logger().to_string());
        match name.as_str() {
            "journald" => Backend::Journald,
            "none" => Backend::None,
            _ => Backend::File(match &conf.engine.events_logfile_path {
                Some(p) if !p.is_empty() => PathBuf::from(p),
                _ => paths.runroot.join("events").join("events.log"),
            }),
        }
    }

    /// The name `rcon info` shows.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Backend::File(_) => "file",
            Backend::Journald => "journald",
            Backend::None => "none",
        }
    }
}

/// Records `event` where the backend in effect says; a failure is a warning, never the
/// caller's error.
pub(crate) fn record(paths: &Paths, event: Event) {
    let result = match Backend::current(paths) {
        Backend::File(path) => file::append(
            &path,
            &event,
            ContainersConf::current().events_logfile_max_size(),
        ),
        Backend::Journald => journal::send(&event),
        Backend::None => Ok(()),
    };
    if let Err(e) = result {
        log::warn!(
            "cannot record the event {} {}: {e}",
            event.kind,
            event.status
        );
    }
}

/// A recorder opened ahead of time, for a process about to leave the host's mount namespace
/// (`exec` joins the container's and records `exec_died` from there): its descriptors still
/// reach the record. Such a writer never rotates the file; the next ordinary one does.
pub(crate) struct Prepared {
    target: Option<file::Opened>,
}

impl Prepared {
    /// Opens the backend in effect for writing.
    pub(crate) fn open(paths: &Paths) -> Prepared {
        let target = match Backend::current(paths) {
            Backend::File(path) => file::Opened::open(&path)
                .map_err(|e| log::warn!("cannot open the events file {}: {e}", path.display()))
                .ok(),
            Backend::Journald | Backend::None => None,
        };
        Prepared { target }
    }

    /// Records `event` through the descriptors opened before (the journal's socket is reached
    /// by its path, which the container's namespace hides: nothing is recorded there then).
    pub(crate) fn record(&self, paths: &Paths, event: Event) {
        match &self.target {
            Some(opened) => {
                if let Err(e) = opened.append(&event) {
                    log::warn!(
                        "cannot record the event {} {}: {e}",
                        event.kind,
                        event.status
                    );
                }
            }
            None if Backend::current(paths) == Backend::Journald => record(paths, event),
            None => {}
        }
    }
}

/// Why events cannot be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("cannot read events with the \"none\" backend")]
    NoneBackend,
    #[error("cannot read the events file {path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Journal(String),
}

/// What to read.
#[derive(Debug, Default)]
pub(crate) struct ReadOptions {
    pub(crate) filters: Filters,
    /// Nanoseconds since the epoch.
    pub(crate) since: Option<i128>,
    pub(crate) until: Option<i128>,
    /// Follow new events (until `until`, or until the sink refuses).
    pub(crate) stream: bool,
}

impl ReadOptions {
    fn keeps(&self, e: &Event) -> bool {
        let t = e.nanos();
        self.since.is_none_or(|s| t > s)
            && self.until.is_none_or(|u| t < u)
            && self.filters.matches(e)
    }
}

/// Reads the events the options select, oldest first, handing each to `sink`; a sink error
/// (a closed pipe) ends the reading quietly.
pub(crate) fn read(
    paths: &Paths,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(&Event) -> std::io::Result<()>,
) -> Result<(), ReadError> {
    match Backend::current(paths) {
        Backend::None => Err(ReadError::NoneBackend),
        Backend::File(path) => file::read(&path, opts, sink),
        Backend::Journald => journal::read(opts, sink),
    }
}
