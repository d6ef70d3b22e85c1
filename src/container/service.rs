//! Service containers (`kube play --service-container`): an ordinary container, pausing as a
//! pod's infra does, that stands for the pods one play made. It starts before them and stops
//! when the last of them has ended, so a systemd unit can follow the whole play by one
//! container. Its record lists the pods it serves ([`Service`]); each pod's record names it.
//!
//! The rule for its end ([`pods_ended`]) is read at both ends of a pod's life: by the
//! supervisor of every pod member that ends for good, and by `pod stop`. The pods, and starting
//! and removing the service with them, are the pod layer's (`pod::service`).
use crate::config::Paths;
use crate::container::list::{self, ListError};
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::State;
use crate::container::stop;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::PathBuf;

/// The service part of a container's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Service {
    /// The IDs of the pods it serves, in the order they were made; a pod leaves the list when
    /// it is removed.
    #[serde(default)]
    pub(crate) pods: Vec<String>,
}

/// Why a service container's record could not be changed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ServiceError {
    #[error("container {id} was removed meanwhile")]
    Gone { id: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    List(#[from] ListError),
}

/// Changes the service part of container `id`'s record, under the container's lock; returns
/// the record as written.
pub(crate) fn update(
    paths: &Paths,
    id: &str,
    change: impl FnOnce(&mut Option<Service>),
) -> Result<ContainerRecord, ServiceError> {
    let cp = ContainerPaths::new(paths, id);
    let io_err = |path: PathBuf| move |source| ServiceError::Io { path, source };
    let _lock = crate::util::fs::Lock::exclusive(&cp.lock()).map_err(io_err(cp.lock()))?;
    let mut record = list::load(paths, id)?.ok_or_else(|| ServiceError::Gone { id: id.into() })?;
    change(&mut record.service);
    crate::util::fs::write_json(&cp.record(), &record).map_err(io_err(cp.record()))?;
    Ok(record)
}

/// The service containers among `all` that serve pod `pod_id`.
pub(crate) fn serving<'a>(
    all: &'a [(ContainerRecord, State)],
    pod_id: &'a str,
) -> impl Iterator<Item = &'a (ContainerRecord, State)> + 'a {
    all.iter().filter(move |(r, _)| {
        r.service
            .as_ref()
            .is_some_and(|s| s.pods.iter().any(|p| p == pod_id))
    })
}

/// Whether every pod `service` serves has ended: none of their containers runs, leaving out
/// their infra containers (a played pod's infra ends with its last member: exit policy
/// `stop`), their init containers (which end before the others start) and `ending`, a
/// container that has just ended. Not a service container: true.
pub(crate) fn pods_ended(
    service: &ContainerRecord,
    all: &[(ContainerRecord, State)],
    ending: &str,
) -> bool {
    let Some(s) = &service.service else {
        return true;
    };
    !all.iter().any(|(r, st)| {
        r.id != ending
            && r.pod
                .as_ref()
                .is_some_and(|p| !p.infra && p.init_ctr.is_none() && s.pods.contains(&p.id))
            && stop::is_running(st)
    })
}

/// Whether the run `st` describes began after `end` (RFC 3339): a container started again
/// after the end of the one that would stop it (a `pod restart` quicker than the supervisor
/// that saw the old run end) is left running.
pub(crate) fn started_after(st: &State, end: &str) -> bool {
    use crate::util::time::parse_rfc3339_nanos;
    match (
        parse_rfc3339_nanos(&st.started_at),
        parse_rfc3339_nanos(end),
    ) {
        (Some(started), Some(end)) => started > end,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::state::Status;

    fn ctr(id: char, pod: serde_json::Value, service: serde_json::Value) -> ContainerRecord {
        serde_json::from_value(serde_json::json!({
            "id": id.to_string().repeat(64), "name": id.to_string(), "image_name": "i",
            "image_id": format!("sha256:{}", "0".repeat(64)), "layers": [],
            "created": "2026-01-01T00:00:00.000000000Z", "command": [],
            "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
            "log_driver": "k8s-file", "pod": pod, "service": service
        }))
        .unwrap()
    }

    fn state(status: Status) -> State {
        State {
            status,
            ..State::default()
        }
    }

    #[test]
    fn the_service_ends_when_no_member_of_its_pods_runs_but_infra_and_init_containers() {
        use Status::*;
        let svc = ctr(
            's',
            serde_json::Value::Null,
            serde_json::json!({"pods": ["p1", "p2"]}),
        );
        let member = |id, pod: &str| ctr(id, serde_json::json!({"id": pod}), Default::default());
        let infra = ctr(
            'i',
            serde_json::json!({"id": "p1", "infra": true}),
            Default::default(),
        );
        let init = ctr(
            'n',
            serde_json::json!({"id": "p1", "init_ctr": "always"}),
            Default::default(),
        );
        let other = member('o', "p3");
        let mut all = vec![
            (svc.clone(), state(Running)),
            (infra, state(Running)),
            (init, state(Running)),
            (other, state(Running)),
            (member('a', "p1"), state(Exited)),
            (member('b', "p2"), state(Running)),
        ];
        assert!(!pods_ended(&svc, &all, ""));
        // The member that is ending counts as ended, whatever its state says yet.
        assert!(pods_ended(&svc, &all, &"b".repeat(64)));
        all[5].1 = state(Paused);
        assert!(!pods_ended(&svc, &all, ""));
        all[5].1 = state(Exited);
        assert!(pods_ended(&svc, &all, ""));
        assert_eq!(serving(&all, "p2").count(), 1);
        assert_eq!(serving(&all, "p3").count(), 0);
        // An ordinary container serves nothing and holds nothing up.
        assert!(pods_ended(&all[3].0, &all, ""));
    }

    #[test]
    fn a_run_started_after_the_end_is_told_apart() {
        let mut st = state(Status::Running);
        st.started_at = "2026-01-01T00:00:01.000000002Z".into();
        assert!(started_after(&st, "2026-01-01T00:00:01.000000001Z"));
        assert!(!started_after(&st, "2026-01-01T00:00:01.000000002Z"));
        assert!(!started_after(&st, "2026-01-01T00:00:02Z"));
        st.started_at.clear();
        assert!(!started_after(&st, "2026-01-01T00:00:02Z"));
    }

    #[test]
    fn older_records_read_without_a_service() {
        let r = ctr('x', serde_json::Value::Null, serde_json::Value::Null);
        assert!(r.service.is_none());
        let text = serde_json::to_string(&r).unwrap();
        assert!(!text.contains("service"), "{text}");
        let s = ctr('y', serde_json::Value::Null, serde_json::json!({}));
        assert_eq!(s.service, Some(Service::default()));
    }
}
