//! A pod's member joins the IPC, UTS and cgroup namespaces of its pod's infra container (the
//! network one through `NetworkMode::Container`); the infra itself only pauses (as a played
//! pod's service container does). A member's end may end its infra and its service container.
use super::errors::SetupError;
use crate::config::Paths;
use crate::container::record::{pod_shm_dir, ContainerRecord, PodLink};
use crate::container::service;
use crate::linux::cgroup::Placement;
use crate::linux::nsenter::Namespace;
use crate::runtime::startup::Joins;
use std::sync::Arc;

/// The infra's namespaces `record` shares, open, for the container's first process to join;
/// the exit code and message of a failure.
pub(super) fn joins(paths: &Paths, record: &ContainerRecord) -> Result<Joins, (i32, String)> {
    let Some(link) = record.pod.as_ref().filter(|p| !p.infra) else {
        return Ok(Vec::new());
    };
    if link.shares_shm() {
        make_shm(&pod_shm_dir(paths, &link.id))
            .map_err(|e| (125, format!("cannot make the pod's /dev/shm: {e}")))?;
    }
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

/// The pod's shared /dev/shm folder (1777, as a tmpfs there would be), when it is missing.
fn make_shm(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if let Some(parent) = dir.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)?;
    }
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        // Made now: its mode set apart, as the umask would cut 1777.
        Ok(()) => std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o1777)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// `record`'s init pauses instead of starting a command: a pod's infra container, or a
/// service container (`kube play --service-container`).
pub(super) fn pauses(record: &ContainerRecord) -> bool {
    record.pod.as_ref().is_some_and(|p| p.infra && p.pause) || record.service.is_some()
}

/// After `record`'s container ended for good: with its pod's `--exit-policy stop`, the last
/// member to end stops the infra (so the pod shows Exited, as in Podman); and the service
/// container of its pod stops once no pod it serves runs. An init container ends before the
/// others start: its end stops nothing. A container started again after this end (a quick
/// `pod restart`) is left running.
pub(super) fn after_exit(paths: &Paths, record: &ContainerRecord) {
    let ends = |p: &&PodLink| !p.infra && p.init_ctr.is_none();
    let Some(link) = record.pod.as_ref().filter(ends) else {
        return;
    };
    let Ok(all) = crate::container::list::all(paths) else {
        return;
    };
    let ended = all
        .iter()
        .find(|(r, _)| r.id == record.id)
        .map(|(_, s)| s.finished_at.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(crate::util::time::now_rfc3339_nano);
    // Its state read again just before: the narrowest window for a start in between.
    let stop = |r: &ContainerRecord| {
        let Ok(st) = crate::container::list::state_of(paths, &r.id) else {
            return;
        };
        if crate::container::stop::is_running(&st) && !service::started_after(&st, &ended) {
            let _ = crate::container::stop::mark_stopped_by_user(paths, &r.id);
            let _ = crate::container::stop::signal(paths, &r.id, &r.name, libc::SIGTERM);
        }
    };
    if let Some(infra) = link.infra_id.as_deref().filter(|_| link.stop_pod) {
        let others_run = all.iter().any(|(r, s)| {
            r.id != record.id
                && r.pod.as_ref().is_some_and(|p| p.id == link.id && !p.infra)
                && crate::container::stop::is_running(s)
        });
        if let Some((r, _)) = all
            .iter()
            .find(|(r, _)| r.id == infra)
            .filter(|_| !others_run)
        {
            stop(r);
        }
    }
    for (r, _) in service::serving(&all, &link.id) {
        if service::pods_ended(r, &all, &record.id) {
            stop(r);
        }
    }
}

/// A member's place in a pod with limits: the subtree of the pod's infra (its supervisor's
/// cgroup's parent), where the member's own goes.
pub(super) fn infra_cgroup(paths: &Paths, record: &ContainerRecord) -> Option<std::path::PathBuf> {
    let link = record.pod.as_ref().filter(|p| !p.infra)?;
    record.cgroup.as_ref().filter(|c| c.in_pod)?;
    let state = crate::container::list::state_of(paths, link.infra_id.as_deref()?).ok()?;
    let leaf = crate::linux::cgroup::leaf_of(state.supervisor_pid)?;
    leaf.parent().map(std::path::Path::to_path_buf)
}

/// Where `record`'s cgroup goes, as `create` placed it, but for a service container run by a
/// systemd unit (`kube play --service-container` in a Quadlet `.kube` unit): the play names its
/// supervisor the unit's main process (MAINPID=), so it stays in the unit's cgroup, as Podman
/// keeps conmon there under `$INVOCATION_ID` (systemd takes a main process only from the unit;
/// it pauses, with no limits), and it leaves the `kube play` that started it at once, as conmon
/// daemonizes: the original exits and its copy goes on, a child of the subreaper above, systemd,
/// which waits for its own child's end when it stops the unit (for another's it kills the
/// unit's processes at once). Call while single-threaded.
pub(super) fn placement(record: &ContainerRecord) -> Result<Option<Placement>, SetupError> {
    if record.service.is_none() || !crate::util::sdnotify::in_systemd_unit() {
        return Ok(record.cgroup.clone());
    }
    let sys = |what| move |source| SetupError::Sys { what, source };
    if crate::sys::fork::fork()
        .map_err(sys("leave the process that started it"))?
        .is_some()
    {
        // The copy holds everything (the lock, the CLI's status pipe); nothing is undone here.
        crate::sys::process::exit_now(0);
    }
    // Not inherited by a fork.
    nix::sys::prctl::set_child_subreaper(true)
        .map_err(|e| sys("become a child subreaper")(e.into()))?;
    Ok(None)
}
