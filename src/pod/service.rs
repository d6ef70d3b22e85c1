//! The pods' side of a service container (`kube play --service-container`, see
//! [`crate::container::service`]): made on the infra's image and pausing as an infra does,
//! linked to each pod the play makes, started before a pod's containers, stopped by `pod stop`
//! once every pod it serves has ended (the supervisors of the pods' members stop it otherwise),
//! refused removal while a pod it serves exists, and removed with the last of them.
use super::{PodError, PodRecord, Result};
use crate::config::Paths;
use crate::container::create::{self, CreateError};
use crate::container::runconfig::RunConfig;
use crate::container::service::{self, Service, ServiceError};
use crate::container::{list, stop, ContainerRecord};
use std::time::Duration;

/// Makes the service container `run` describes (its name and network; the image is the
/// infra's, made when missing) and marks it as one. Not started: the first pod's start does.
pub(crate) fn create(paths: &Paths, mut run: RunConfig) -> Result<ContainerRecord> {
    let image = super::infra::ensure_image(paths)?;
    run.image = super::infra::image_name();
    let made = create::create(paths, &run, &image)?;
    match service::update(paths, &made.id, |s| *s = Some(Service::default())) {
        Ok(record) => Ok(record),
        Err(e) => {
            let _ = create::remove(paths, &made.id, true);
            Err(e.into())
        }
    }
}

/// Links `pod`, just made, to the service container `id`: the pod's record names it, and its
/// record lists the pod.
pub(crate) fn attach(paths: &Paths, pod: &mut PodRecord, id: &str) -> Result<()> {
    pod.service_container = Some(id.to_string());
    super::save(paths, pod)?;
    service::update(paths, id, |s| {
        let s = s.get_or_insert_with(Service::default);
        if !s.pods.contains(&pod.id) {
            s.pods.push(pod.id.clone());
        }
    })?;
    Ok(())
}

/// Before `pod`'s containers start: its service container, when it has one that does not run.
/// One that is being stopped (the pods it serves ended a moment ago) is let end first.
pub(crate) fn ensure_started(paths: &Paths, pod: &PodRecord) -> Result<()> {
    let Some(id) = pod.service_container.as_deref() else {
        return Ok(());
    };
    let Some(r) = list::load(paths, id)? else {
        log::warn!(
            "pod {}: its service container {} is gone; starting the pod without it",
            pod.name,
            &id[..id.len().min(12)]
        );
        return Ok(());
    };
    let member = |message: String| PodError::Member {
        name: pod.name.clone(),
        message: format!("service container {}: {message}", r.name),
    };
    let st = list::state_of(paths, id)?;
    if stop::is_running(&st) && st.stopped_by_user {
        let timeout = Duration::from_secs(u64::from(r.stop_timeout));
        stop::stop(paths, id, &r.name, r.stop_signal, timeout)
            .map_err(|e| member(e.to_string()))?;
    }
    crate::runtime::supervisor::ensure_running(paths, id).map_err(|e| member(e.to_string()))
}

/// After `pod stop`: `pod`'s service container too, when no pod it serves runs any more
/// (within `timeout`, else its own stop timeout).
pub(crate) fn stop_if_done(
    paths: &Paths,
    pod: &PodRecord,
    timeout: Option<Duration>,
) -> Result<()> {
    let Some(id) = pod.service_container.as_deref() else {
        return Ok(());
    };
    let all = list::all(paths)?;
    let Some((r, st)) = all.iter().find(|(r, _)| r.id == id) else {
        return Ok(());
    };
    if !stop::is_running(st) || !service::pods_ended(r, &all, "") {
        return Ok(());
    }
    let timeout = timeout.unwrap_or(Duration::from_secs(u64::from(r.stop_timeout)));
    stop::stop(paths, id, &r.name, r.stop_signal, timeout).map_err(|e| PodError::Member {
        name: pod.name.clone(),
        message: format!("service container {}: {e}", r.name),
    })?;
    Ok(())
}

/// The pods `record` serves that still exist (none when it is no service container).
pub(crate) fn live_pods(paths: &Paths, record: &ContainerRecord) -> Result<Vec<PodRecord>> {
    let mut out = Vec::new();
    for id in record.service.iter().flat_map(|s| &s.pods) {
        if let Some(p) = super::load(paths, id)? {
            out.push(p);
        }
    }
    Ok(out)
}

/// A service container goes only with its pods: refused while one it serves exists.
pub(crate) fn check_removal(paths: &Paths, record: &ContainerRecord) -> Result<()> {
    let pods = live_pods(paths, record)?;
    if pods.is_empty() {
        return Ok(());
    }
    let list = |f: fn(&PodRecord) -> &str| pods.iter().map(f).collect::<Vec<_>>();
    Err(PodError::ServiceInUse {
        id: record.id.clone(),
        pods: list(|p| &p.id).join(","),
        names: list(|p| &p.name).join(" "),
    })
}

/// Removes service container `id` (running or not) when no pod it serves exists; whether it
/// went (false too when it was gone already).
pub(crate) fn remove_if_unused(paths: &Paths, id: &str) -> Result<bool> {
    let Some(r) = list::load(paths, id)? else {
        return Ok(false);
    };
    if r.service.is_none() || !live_pods(paths, &r)?.is_empty() {
        return Ok(false);
    }
    match create::remove(paths, id, true) {
        Ok(()) => Ok(true),
        Err(CreateError::Gone { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// After `pod` was removed: it leaves its service container's list, and the service container
/// goes with the last pod it served. Its ID when it went.
pub(crate) fn after_removal(paths: &Paths, pod: &PodRecord) -> Result<Option<String>> {
    let Some(id) = pod.service_container.as_deref() else {
        return Ok(None);
    };
    let unlink = |s: &mut Option<Service>| {
        if let Some(s) = s {
            s.pods.retain(|p| *p != pod.id);
        }
    };
    match service::update(paths, id, unlink) {
        Ok(_) => {}
        Err(ServiceError::Gone { .. }) => return Ok(None),
        Err(e) => return Err(e.into()),
    }
    Ok(remove_if_unused(paths, id)?.then(|| id.to_string()))
}
