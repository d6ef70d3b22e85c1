//! Signalling and stopping a running container: the stop signal, SIGKILL after the timeout,
//! and waiting (by polling the corrected state) until the supervisor recorded the exit.
//!
//! Signals reach the container's first process from inside the container's user namespace
//! (`linux::nsenter::signal`), where the user holds CAP_KILL over every uid of the container.
use crate::config::Paths;
use crate::container::list;
use crate::container::record::ContainerPaths;
use crate::container::state::{self, State, Status};
use crate::linux::nsenter::{self, Target};
use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Why a signal or a stop failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StopError {
    #[error("can only signal running containers: {name} is {status}")]
    NotRunning { name: String, status: &'static str },
    #[error("cannot send signal {signal} to container {name}: {detail}")]
    Signal {
        name: String,
        signal: i32,
        detail: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("container {name} did not stop within {secs} s of SIGKILL: its supervisor (pid {pid}) was killed")]
    Stuck { name: String, secs: u64, pid: i32 },
}

type Result<T> = std::result::Result<T, StopError>;

/// True while the container's process runs (or is paused).
pub(crate) fn is_running(st: &State) -> bool {
    matches!(st.status, Status::Running | Status::Paused)
}

fn state_of(paths: &Paths, id: &str) -> Result<Option<State>> {
    let cp = ContainerPaths::new(paths, id);
    if !cp.record().exists() {
        return Ok(None);
    }
    list::state_of(paths, id)
        .map(Some)
        .map_err(|e| StopError::Io {
            path: cp.state(),
            source: io::Error::other(e.to_string()),
        })
}

/// What entering the container's namespaces or signalling its processes needs of its state.
impl From<&State> for Target {
    fn from(st: &State) -> Target {
        let running = matches!(st.status, Status::Running | Status::Paused);
        Target {
            running,
            init_pid: st.init_pid,
            supervisor_pid: st.supervisor_pid,
            // Read from /proc only when it can matter.
            supervisor_alive: running && st.init_pid > 0 && st.supervisor_alive(),
        }
    }
}

/// Sends `sig` to the container's first process. `name` is for messages.
pub(crate) fn signal(paths: &Paths, id: &str, name: &str, sig: i32) -> Result<()> {
    let st = state_of(paths, id)?.unwrap_or_default();
    if !is_running(&st) {
        return Err(StopError::NotRunning {
            name: name.to_string(),
            status: st.status.as_str(),
        });
    }
    nsenter::signal(&Target::from(&st), sig).map_err(|e| StopError::Signal {
        name: name.to_string(),
        signal: sig,
        detail: e.to_string(),
    })
}

/// How often [`wait_until`] checks at most when the caller does not say.
pub(crate) const DEFAULT_MAX_PAUSE: Duration = Duration::from_millis(50);

/// Polls the corrected state until `done` holds, the container is removed (`None`), or
/// `timeout` passes (the last state). Checks start 5 ms apart and slow down to `max_pause`.
pub(crate) fn wait_until(
    paths: &Paths,
    id: &str,
    timeout: Option<Duration>,
    max_pause: Duration,
    done: impl Fn(&State) -> bool,
) -> Result<Option<State>> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(5).min(max_pause);
    loop {
        let st = state_of(paths, id)?;
        match &st {
            None => return Ok(None),
            Some(s) if done(s) => return Ok(st),
            Some(_) => {}
        }
        if timeout.is_some_and(|t| start.elapsed() >= t) {
            return Ok(st);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(max_pause);
    }
}

/// Whether `kill` with `sig` is the user's stop of a container whose stop signal is
/// `stop_signal`: SIGKILL and the stop signal are (its restart policy then leaves it stopped
/// until it is started again); another signal, one a program may take as a request (SIGHUP,
/// SIGUSR1), leaves the policy in place, as Docker's kill does.
pub(crate) fn kill_stops(sig: i32, stop_signal: i32) -> bool {
    sig == libc::SIGKILL || sig == stop_signal
}

/// Marks the container stopped by the user, so its restart policy leaves it stopped.
pub(crate) fn mark_stopped_by_user(paths: &Paths, id: &str) -> Result<()> {
    let cp = ContainerPaths::new(paths, id);
    state::update(&cp.state(), &cp.lock(), |s| s.stopped_by_user = true).map_err(|source| {
        StopError::Io {
            path: cp.state(),
            source,
        }
    })?;
    if let Err(e) = crate::container::stop_marks::set(paths, id) {
        // A container being removed has no folder left to mark.
        if cp.dir.exists() {
            log::warn!("cannot mark container {id} stopped by the user: {e}");
        }
    }
    Ok(())
}

/// Records this process as the stop that waits for container `id`, so it shows as `stopping`
/// until it ends (the supervisor clears the mark when it records the exit).
fn mark_stopping(paths: &Paths, id: &str) -> Result<()> {
    let cp = ContainerPaths::new(paths, id);
    let me = std::process::id() as i32;
    let start = state::process_start_time(me).unwrap_or(0);
    state::update(&cp.state(), &cp.lock(), |s| {
        if s.status == Status::Running {
            s.stopping_pid = me;
            s.stopping_start = start;
        }
    })
    .map_err(|source| StopError::Io {
        path: cp.state(),
        source,
    })
}

/// Stops container `id`: `stop_signal`, then SIGKILL after `timeout` (0: at once), and waits
/// until the exit is recorded. A container that is not running is left as it is. Returns the
/// final state (`None` when it was removed meanwhile, as `--rm` does).
pub(crate) fn stop(
    paths: &Paths,
    id: &str,
    name: &str,
    stop_signal: i32,
    timeout: Duration,
) -> Result<Option<State>> {
    let Some(st) = state_of(paths, id)? else {
        return Ok(None);
    };
    if !is_running(&st) {
        return Ok(Some(st));
    }
    mark_stopped_by_user(paths, id)?;
    let exited = |s: &State| !is_running(s);
    if !timeout.is_zero() {
        mark_stopping(paths, id)?;
        match signal(paths, id, name, stop_signal) {
            Ok(()) | Err(StopError::NotRunning { .. }) => {}
            Err(e) => log::warn!("{e}; sending SIGKILL"),
        }
        let st = wait_until(paths, id, Some(timeout), DEFAULT_MAX_PAUSE, exited)?;
        if st.as_ref().is_none_or(|s| !is_running(s)) {
            return Ok(st);
        }
        // Podman's words: scripts look for them.
        log::warn!(
            "StopSignal {} failed to stop container {name} in {} seconds, resorting to SIGKILL",
            crate::container::runconfig::signal_name(stop_signal),
            timeout.as_secs()
        );
    }
    kill_and_wait(paths, id)?;
    state_of(paths, id)
}

/// Kills container `id` with SIGKILL (its restart policy overridden) and waits until its
/// supervisor is gone; a supervisor that does not end within 10 s is killed itself.
pub(crate) fn kill_and_wait(paths: &Paths, id: &str) -> Result<()> {
    if state_of(paths, id)?.is_none() {
        return Ok(());
    }
    mark_stopped_by_user(paths, id)?;
    match signal(paths, id, id, libc::SIGKILL) {
        Ok(()) | Err(StopError::NotRunning { .. }) => {}
        Err(e) => log::warn!("{e}; killing its supervisor"),
    }
    let gone = |s: &State| !is_running(s) && !s.supervisor_alive();
    let grace = Duration::from_secs(10);
    let st = wait_until(paths, id, Some(grace), DEFAULT_MAX_PAUSE, gone)?;
    let Some(st) = st.filter(|s| !gone(s)) else {
        return Ok(());
    };
    // The supervisor did not end: kill it. Its container gets SIGKILL from the kernel
    // (parent-death signal) and the state is corrected on the next read.
    let pid = st.supervisor_pid;
    if st.supervisor_alive() {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    if wait_until(paths, id, Some(grace), DEFAULT_MAX_PAUSE, gone)?.is_some_and(|s| !gone(&s)) {
        return Err(StopError::Stuck {
            name: id.to_string(),
            secs: grace.as_secs(),
            pid,
        });
    }
    Ok(())
}
