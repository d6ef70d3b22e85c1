//! A pod's member joins the IPC, UTS and cgroup namespaces of its pod's infra container (the
//! network one through `NetworkMode::Container`); the infra itself only pauses.
use crate::config::Paths;
use crate::container::record::ContainerRecord;
use crate::linux::nsenter::Namespace;
use crate::runtime::startup::Joins;
use std::sync::Arc;

/// The infra's namespaces `record` shares, open, for the container's first process to join;
/// the exit code and message of a failure.
pub(super) fn joins(paths: &Paths, record: &ContainerRecord) -> Result<Joins, (i32, String)> {
    let Some(link) = record.pod.as_ref().filter(|p| !p.infra) else {
        return Ok(Vec::new());
    };
    let Some(infra) = link.infra_id.as_deref() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for ns in &link.shares {
        let ns = match ns.as_str() {
            "ipc" => Namespace::Ipc,
            "uts" => Namespace::Uts,
            "cgroup" => Namespace::Cgroup,
            "pid" => Namespace::Pid,
            _ => continue,
        };
        let fd = crate::container::list::network_peer(paths, infra)
            .and_then(|peer| peer.open_ns(ns))
            .map_err(|e| (125, format!("cannot join the pod's infra container: {e}")))?;
        out.push((ns, Arc::new(fd)));
    }
    Ok(out)
}

/// `record` is a pod's infra container: its init pauses instead of starting a command.
pub(super) fn is_infra(record: &ContainerRecord) -> bool {
    record.pod.as_ref().is_some_and(|p| p.infra)
}
