//! Starting, stopping and signalling a pod's containers: the infra first on the way up, last on
//! the way down (a played pod's service container before all of them, after all of them).
use super::{members, PodError, PodRecord, Result};
use crate::config::Paths;
use crate::container::stop::{self, StopError};
use crate::runtime::supervisor;
use std::time::{Duration, Instant};

/// Starts every container of `pod` that is not running, the infra first. Returns the message
/// of each container that failed (the others still start).
pub(crate) fn start(paths: &Paths, pod: &PodRecord) -> Result<Vec<String>> {
    super::service::ensure_started(paths, pod)?;
    let mut failed = Vec::new();
    let (init, rest): (Vec<_>, Vec<_>) = members(paths, pod)?
        .into_iter()
        .partition(|(r, _)| r.pod.as_ref().is_some_and(|p| p.init_ctr.is_some()));
    for (r, st) in &init {
        if stop::is_running(st) {
            continue;
        }
        let code = run_to_end(paths, r)?;
        if code != 0 {
            return Ok(vec![format!(
                "init container {} exited with {code}: the other containers were not started",
                r.name
            )]);
        }
        let once = r.pod.as_ref().and_then(|p| p.init_ctr.as_deref()) == Some("once");
        if once {
            crate::container::create::remove(paths, &r.id, false)?;
        }
    }
    for (r, st) in rest {
        if stop::is_running(&st) {
            continue;
        }
        // A member's start may have started this one already (the infra, a --requires).
        if let Err(e) = supervisor::ensure_running(paths, &r.id) {
            failed.push(format!("container {}: {e}", r.name));
        }
    }
    crate::events::record(
        paths,
        crate::events::Event::pod("start", &pod.id, &pod.name),
    );
    Ok(failed)
}

/// Stops every running container of `pod`: the stop signal to all members at once, SIGKILL to
/// those still running after `timeout` (each container's own when `None`), then the infra.
pub(crate) fn stop(paths: &Paths, pod: &PodRecord, timeout: Option<Duration>) -> Result<()> {
    let list = members(paths, pod)?;
    let (infra, mut rest): (Vec<_>, Vec<_>) = list
        .into_iter()
        .filter(|(_, s)| stop::is_running(s))
        .partition(|(r, _)| r.pod.as_ref().is_some_and(|p| p.infra));
    // Reverse dependency order: first those no other running member requires (`--requires`),
    // all at once, then those they required, and so on; the infra last.
    let mut groups = Vec::new();
    while !rest.is_empty() {
        let required: Vec<String> = rest.iter().flat_map(|(r, _)| r.requires.clone()).collect();
        let (free, held): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|(r, _)| !required.contains(&r.id));
        if free.is_empty() {
            groups.push(held);
            break;
        }
        groups.push(free);
        rest = held;
    }
    groups.push(infra);
    for group in groups {
        let start = Instant::now();
        for (r, _) in &group {
            stop::mark_stopped_by_user(paths, &r.id).map_err(member_err(pod))?;
            if timeout.is_some_and(|t| t.is_zero()) {
                continue;
            }
            match stop::signal(paths, &r.id, &r.name, r.stop_signal) {
                Ok(()) | Err(StopError::NotRunning { .. }) => {}
                Err(e) => log::warn!("{e}; sending SIGKILL"),
            }
        }
        for (r, _) in &group {
            let limit = timeout.unwrap_or(Duration::from_secs(u64::from(r.stop_timeout)));
            let left = limit.saturating_sub(start.elapsed());
            let st = stop::wait_until(paths, &r.id, Some(left), stop::DEFAULT_MAX_PAUSE, |s| {
                !stop::is_running(s)
            })
            .map_err(member_err(pod))?;
            if st.is_some_and(|s| stop::is_running(&s)) {
                stop::kill_and_wait(paths, &r.id).map_err(member_err(pod))?;
            }
        }
    }
    super::service::stop_if_done(paths, pod, timeout)?;
    crate::events::record(paths, crate::events::Event::pod("stop", &pod.id, &pod.name));
    Ok(())
}

/// Sends `sig` to every running container of `pod`; returns how many got it. As Podman's
/// kill, it counts as the user's stop: a container it ends is not restarted.
pub(crate) fn kill(paths: &Paths, pod: &PodRecord, sig: i32) -> Result<usize> {
    let mut sent = 0;
    for (r, st) in members(paths, pod)?.iter().rev() {
        if !stop::is_running(st) {
            continue;
        }
        stop::mark_stopped_by_user(paths, &r.id).map_err(member_err(pod))?;
        match stop::signal(paths, &r.id, &r.name, sig) {
            Ok(()) => sent += 1,
            Err(StopError::NotRunning { .. }) => {}
            Err(e) => return Err(member_err(pod)(e)),
        }
    }
    crate::events::record(paths, crate::events::Event::pod("kill", &pod.id, &pod.name));
    Ok(sent)
}

/// Starts `r` and waits for its end; its exit code.
fn run_to_end(paths: &Paths, r: &crate::container::ContainerRecord) -> Result<i32> {
    supervisor::start(paths, &r.id, None).map_err(|e| PodError::Member {
        name: r.name.clone(),
        message: e.to_string(),
    })?;
    let done = |s: &crate::container::state::State| !stop::is_running(s);
    let st = stop::wait_until(paths, &r.id, None, stop::DEFAULT_MAX_PAUSE, done).map_err(|e| {
        PodError::Member {
            name: r.name.clone(),
            message: e.to_string(),
        }
    })?;
    Ok(st.map_or(0, |s| s.exit_code))
}

fn member_err(pod: &PodRecord) -> impl Fn(StopError) -> PodError + '_ {
    move |e| PodError::Member {
        name: pod.name.clone(),
        message: e.to_string(),
    }
}
