//! `$runroot/containers/<id>/state.json`: the volatile state of a container. The supervisor
//! writes it (atomically, under the container's lock); every reader checks it against the
//! running system, so a dead supervisor or a reboot never shows as a running container.
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::Path;

/// A container's status, as Podman names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    /// Created, never started (or being started).
    #[default]
    Created,
    Running,
    Paused,
    /// The process ended; `exit_code` says how.
    Exited,
    /// Being removed.
    Removing,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Exited => "exited",
            Status::Removing => "removing",
        }
    }
}

/// What state.json holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct State {
    pub(crate) status: Status,
    /// The supervisor's pid on the host, 0 when none runs.
    #[serde(default)]
    pub(crate) supervisor_pid: i32,
    /// The supervisor's start time (field 22 of /proc/PID/stat), so a recycled pid is not
    /// taken for it.
    #[serde(default)]
    pub(crate) supervisor_start: u64,
    /// The container's first process, as a host pid; 0 when not running.
    #[serde(default)]
    pub(crate) init_pid: i32,
    #[serde(default)]
    pub(crate) exit_code: i32,
    /// RFC 3339 with nanoseconds; empty when never started.
    #[serde(default)]
    pub(crate) started_at: String,
    #[serde(default)]
    pub(crate) finished_at: String,
    #[serde(default)]
    pub(crate) oom_killed: bool,
    /// How many times the restart policy started it again.
    #[serde(default)]
    pub(crate) restart_count: u32,
    /// `stop` was asked for: the restart policy must not start it again.
    #[serde(default)]
    pub(crate) stopped_by_user: bool,
    /// The `rcon stop` waiting for the stop signal to work (pid and start time, so a stop
    /// that was killed, or a recycled pid, no longer counts): the container shows as
    /// `stopping` meanwhile.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub(crate) stopping_pid: i32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub(crate) stopping_start: u64,
    /// Why it failed to start or ended abnormally, for `inspect` (State.Error).
    #[serde(default)]
    pub(crate) error: String,
    /// /proc/sys/kernel/random/boot_id when written.
    #[serde(default)]
    pub(crate) boot_id: String,
}

fn is_zero<T: Default + PartialEq>(n: &T) -> bool {
    *n == T::default()
}

/// This boot's id.
pub(crate) fn boot_id() -> String {
    fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

pub(crate) use crate::linux::proc::process_start_time;

/// Field 3 of /proc/PID/stat: the process state letter (R, S, D, Z …).
pub(crate) fn process_state(pid: i32) -> Option<char> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].chars().next()
}

impl State {
    /// True while a supervisor should own the container (created with a supervisor, running,
    /// paused).
    fn claims_supervisor(&self) -> bool {
        matches!(self.status, Status::Running | Status::Paused)
            || (self.status == Status::Created && self.supervisor_pid > 0)
    }

    /// Whether the recorded supervisor is alive: same boot, same pid, same start time.
    /// A zombie (exited, not yet reaped by the CLI that started it) counts as dead.
    pub(crate) fn supervisor_alive(&self) -> bool {
        self.supervisor_pid > 0
            && self.boot_id == boot_id()
            && process_start_time(self.supervisor_pid) == Some(self.supervisor_start)
            && process_state(self.supervisor_pid) != Some('Z')
    }

    /// True while the container runs and an `rcon stop` waits for it to end.
    pub(crate) fn stopping(&self) -> bool {
        self.status == Status::Running
            && self.stopping_pid > 0
            && process_start_time(self.stopping_pid) == Some(self.stopping_start)
    }

    /// The status as `inspect` and `ps` show it: `stopping` while a stop waits.
    pub(crate) fn shown_status(&self) -> &'static str {
        if self.stopping() {
            "stopping"
        } else {
            self.status.as_str()
        }
    }

    /// Corrects a state whose supervisor is gone: the container is reported exited, with the
    /// reason in `error`. Returns true when something changed.
    pub(crate) fn correct(&mut self) -> bool {
        if !self.claims_supervisor() || self.supervisor_alive() {
            return false;
        }
        let rebooted = !self.boot_id.is_empty() && self.boot_id != boot_id();
        self.status = Status::Exited;
        if self.finished_at.is_empty() {
            self.finished_at = crate::util::time::now_rfc3339_nano();
        }
        if !rebooted {
            // Killed with the supervisor: the kernel killed the container's PID namespace.
            self.exit_code = 137;
        }
        self.error = if rebooted {
            "the machine rebooted while the container ran".into()
        } else {
            format!(
                "supervisor (pid {}) died: the container was killed with it",
                self.supervisor_pid
            )
        };
        self.supervisor_pid = 0;
        self.init_pid = 0;
        true
    }
}

/// Reads state.json; a missing file is a created container never started. Invalid JSON is an
/// error naming the file.
pub(crate) fn read(path: &Path) -> io::Result<State> {
    Ok(read_json(path)?.unwrap_or_default())
}

/// Reads state.json and corrects it against the system, writing the correction back under
/// `lock` (the container's lock file) so every reader agrees.
pub(crate) fn read_corrected(path: &Path, lock: &Path) -> io::Result<State> {
    let mut state = read(path)?;
    if state.claims_supervisor() && !state.supervisor_alive() {
        let _guard = Lock::exclusive(lock)?;
        state = read(path)?;
        if state.correct() {
            write_json(path, &state)?;
        }
    }
    Ok(state)
}

/// Changes state.json under the container's lock.
pub(crate) fn update<T>(
    path: &Path,
    lock: &Path,
    f: impl FnOnce(&mut State) -> T,
) -> io::Result<T> {
    let _guard = Lock::exclusive(lock)?;
    let mut state = read(path)?;
    let out = f(&mut state);
    write_json(path, &state)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_process_is_running_not_a_zombie() {
        let state = process_state(std::process::id() as i32);
        assert!(matches!(state, Some('R' | 'S')), "{state:?}");
    }

    #[test]
    fn own_start_time_is_readable() {
        let me = std::process::id() as i32;
        assert!(process_start_time(me).is_some());
    }

    #[test]
    fn dead_supervisor_is_corrected_to_exited() {
        let mut s = State {
            status: Status::Running,
            supervisor_pid: std::process::id() as i32,
            supervisor_start: 1, // not our real start time: a recycled pid
            init_pid: 42,
            boot_id: boot_id(),
            ..State::default()
        };
        assert!(s.correct());
        assert_eq!(s.status, Status::Exited);
        assert_eq!(s.exit_code, 137);
        assert!(s.error.contains("supervisor"));
        assert!(!s.correct(), "a corrected state stays as it is");
    }

    #[test]
    fn live_supervisor_is_trusted() {
        let me = std::process::id() as i32;
        let mut s = State {
            status: Status::Running,
            supervisor_pid: me,
            supervisor_start: process_start_time(me).unwrap(),
            boot_id: boot_id(),
            ..State::default()
        };
        assert!(!s.correct());
        assert_eq!(s.status, Status::Running);
    }

    #[test]
    fn another_boot_means_exited() {
        let me = std::process::id() as i32;
        let mut s = State {
            status: Status::Running,
            supervisor_pid: me,
            supervisor_start: process_start_time(me).unwrap(),
            boot_id: "another-boot".into(),
            ..State::default()
        };
        assert!(s.correct());
        assert!(s.error.contains("rebooted"));
    }
}
