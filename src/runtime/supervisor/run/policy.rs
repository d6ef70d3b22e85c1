//! What ends or restarts a run of the container: the exit written to state.json and the
//! restart policy, the backoff between runs, and the healthcheck's part in it (its schedule
//! in the poll loop, and `--health-on-failure`).
use super::super::health::{Action, Health};
use super::{exit, note, sys, Supervisor};
use crate::container::state::{self, Status};
use crate::linux::cgroup::ContainerCgroup;
use crate::runtime::health_check::CheckTarget;
use nix::sys::signal::Signal;
use nix::unistd::Pid;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

impl Supervisor {
    /// Records the end of a run in state.json, under the lock. With `may_restart`, the restart
    /// policy decides (a user's `stop` forbids it) and the answer is returned. When nothing
    /// follows (no restart, no `--rm`), the supervisor's pid is cleared: it is about to exit.
    pub(super) fn write_exit(&mut self, code: i32, error: &str, may_restart: bool) -> bool {
        let policy = self.record.restart.clone();
        let restarts = self.restarts;
        let auto_remove = self.record.auto_remove;
        // `--health-on-failure restart` (or a failed startup check) restarts whatever the policy.
        let health_restart = std::mem::take(&mut self.health_restart);
        let oom_killed = self.cgroup.as_mut().is_some_and(ContainerCgroup::end_run);
        let written = state::update(&self.cpaths.state(), &self.cpaths.lock(), |s| {
            s.status = Status::Exited;
            s.stopping_pid = 0;
            s.stopping_start = 0;
            s.oom_killed = oom_killed;
            s.exit_code = code;
            s.finished_at = crate::util::time::now_rfc3339_nano();
            s.init_pid = 0;
            s.error = error.to_string();
            let restart = may_restart
                && ((health_restart && !s.stopped_by_user)
                    || exit::should_restart(&policy, code, restarts, s.stopped_by_user));
            if !restart && !auto_remove {
                s.supervisor_pid = 0;
                s.supervisor_start = 0;
            }
            restart
        });
        written.unwrap_or_else(|e| {
            note(&format!(
                "cannot write {}: {e}",
                self.cpaths.state().display()
            ));
            false
        })
    }

    /// After a backoff: whether the container should still run (nobody stopped it meanwhile).
    pub(super) fn still_wanted(&self) -> bool {
        state::read(&self.cpaths.state())
            .map(|s| !s.stopped_by_user && s.status == Status::Exited)
            .unwrap_or(false)
    }

    /// Waits `d` while reaping children and noting signals to us.
    pub(super) fn sleep(&mut self, d: Duration) {
        let end = Instant::now() + d;
        while !self.stop {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let mut pfd = [libc::pollfd {
                fd: self.signals.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            }];
            if sys::poll(&mut pfd, left.as_millis() as i32 + 1).unwrap_or(0) > 0 {
                self.on_signals(0);
            }
        }
    }

    /// A run started: its healthcheck schedule starts over.
    pub(super) fn health_begin(&mut self) {
        self.health_kill_at = None;
        if let Some(Err(e)) = self.health.as_mut().map(Health::begin) {
            note(&format!("cannot write the health file: {e}"));
        }
    }

    /// A run started: `--timeout` (the record's `Timeout`, seconds) counts from now.
    pub(super) fn timeout_begin(&mut self) {
        let secs = self.record.extra.get("Timeout").and_then(|v| v.as_u64());
        self.timeout_at = secs
            .filter(|s| *s > 0)
            .map(|s| Instant::now() + Duration::from_secs(s));
    }

    /// `--timeout` passed while `init` runs: the container is killed, and not restarted.
    pub(super) fn timeout_tick(&mut self, init: i32) {
        if init > 0 && self.timeout_at.is_some_and(|t| Instant::now() >= t) {
            note(&format!(
                "container {}: --timeout passed: killing it",
                self.record.name
            ));
            self.timeout_at = None;
            self.timed_out = true;
            self.stop = true;
            let _ = nix::sys::signal::kill(Pid::from_raw(init), Signal::SIGKILL);
        }
    }

    /// The exit code of a run that ended with `code`: Podman's -1 when `--timeout` killed it
    /// (`rcon run` exits 255).
    pub(super) fn timeout_code(&mut self, code: i32) -> i32 {
        if std::mem::take(&mut self.timed_out) {
            -1
        } else {
            code
        }
    }

    /// The poll timeout in ms (-1: none) for the drain `deadline`, `--timeout` and the
    /// healthcheck.
    pub(super) fn poll_timeout(&self, deadline: Option<Instant>) -> i32 {
        let now = Instant::now();
        let wakes = [
            deadline.map(|d| d.saturating_duration_since(now)),
            self.health.as_ref().and_then(Health::next_wake),
            self.health_kill_at
                .map(|d| d.saturating_duration_since(now)),
            self.trim_at.map(|d| d.saturating_duration_since(now)),
            self.timeout_at.map(|d| d.saturating_duration_since(now)),
        ];
        wakes
            .into_iter()
            .flatten()
            .min()
            .map_or(-1, |d| d.as_millis().min(i32::MAX as u128 - 1) as i32 + 1)
    }

    /// The healthcheck's turn in the loop, while `init` runs: results recorded, due checks
    /// started, and what `--health-on-failure` says done.
    pub(super) fn health_tick(&mut self, init: i32) {
        if self.health_kill_at.is_some_and(|t| Instant::now() >= t) {
            self.health_kill_at = None;
            let _ = nix::sys::signal::kill(Pid::from_raw(init), Signal::SIGKILL);
        }
        let Some(health) = self.health.as_mut() else {
            return;
        };
        let target = CheckTarget {
            init_pid: init,
            supervisor_pid: std::process::id() as i32,
            spec: &self.spec,
            seccomp: self.seccomp.clone(),
            user: &self.record.user,
        };
        let Some(action) = health.tick(&target) else {
            return;
        };
        note(&format!(
            "container {}: healthcheck failed: {action:?}",
            self.record.name
        ));
        let stop_signal = || {
            let sig = Signal::try_from(self.record.stop_signal).unwrap_or(Signal::SIGTERM);
            let _ = nix::sys::signal::kill(Pid::from_raw(init), sig);
            Some(Instant::now() + Duration::from_secs(u64::from(self.record.stop_timeout)))
        };
        match action {
            Action::Kill => {
                let _ = nix::sys::signal::kill(Pid::from_raw(init), Signal::SIGKILL);
            }
            Action::Stop => {
                let _ = state::update(&self.cpaths.state(), &self.cpaths.lock(), |s| {
                    s.stopped_by_user = true;
                });
                self.health_kill_at = stop_signal();
            }
            Action::Restart => {
                self.health_restart = true;
                self.health_kill_at = stop_signal();
            }
        }
    }
}
