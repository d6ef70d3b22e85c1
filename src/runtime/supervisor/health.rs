//! The supervisor's healthchecks: no timer and no thread, only the poll loop. Each run of the
//! container has a schedule (the startup check until it passes, then the regular one); when a
//! check is due the loop starts it ([`health_check::start`]: a forked child that enters the
//! container as `exec` does), polls its output pipe, and the SIGCHLD handling hands its exit
//! status here. [`Health::next_wake`] is how long the loop may sleep. A result goes to the
//! health file ([`state::record`]); when it turns the container unhealthy (or the startup check
//! has failed too often) the supervisor acts as [`Action`] says.
use crate::config::Paths;
use crate::container::health::state::{self, Kind};
use crate::container::health::{self, HealthConfig, OnFailure};
use crate::container::record::ContainerRecord;
use crate::runtime::health_check::{self, CheckTarget, RunningCheck};
use nix::sys::wait::WaitStatus;
use std::os::fd::RawFd;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What the supervisor does after a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    Kill,
    Stop,
    Restart,
}

/// The healthcheck of one container, across its runs.
pub(super) struct Health {
    cfg: HealthConfig,
    run_dir: PathBuf,
    /// The store's folders and the container's record, for its health_status events.
    paths: Paths,
    record: ContainerRecord,
    /// When the current run started; `None` between runs.
    run_started: Option<Instant>,
    /// When the next check starts; `None`: never (interval `disable`).
    next: Option<Instant>,
    /// The startup check has passed, or there is none.
    startup_passed: bool,
    check: Option<(Kind, RunningCheck)>,
    /// The exit code of the check's child, once reaped.
    reaped: Option<Option<i32>>,
}

impl Health {
    /// The container's healthcheck, when it has one.
    pub(super) fn new(paths: &Paths, record: &ContainerRecord, run_dir: PathBuf) -> Option<Health> {
        Some(Health {
            cfg: record.healthcheck.clone()?,
            run_dir,
            paths: paths.clone(),
            record: record.clone(),
            run_started: None,
            next: None,
            startup_passed: true,
            check: None,
            reaped: None,
        })
    }

    /// A run started: `starting`, and the first check one interval from now.
    pub(super) fn begin(&mut self) -> std::io::Result<()> {
        let now = Instant::now();
        self.run_started = Some(now);
        self.startup_passed = self.cfg.startup.is_none();
        self.next = self.interval().map(|i| now + i);
        state::reset(&self.run_dir, (&self.paths, &self.record), &self.cfg)
    }

    /// The run ended: no more checks; one under way is killed.
    pub(super) fn end(&mut self) {
        self.run_started = None;
        self.next = None;
        if let Some((_, c)) = self.check.take() {
            c.kill();
        }
        self.reaped = None;
    }

    /// The interval of the check that runs next; `None`: never scheduled.
    fn interval(&self) -> Option<Duration> {
        let since = self.run_started.map_or(Duration::ZERO, |s| s.elapsed());
        let ns = match (&self.cfg.startup, self.startup_passed) {
            (Some(s), false) => Duration::from_nanos(s.interval),
            _ => self.cfg.interval_at(since),
        };
        (!ns.is_zero()).then_some(ns)
    }

    /// The check's output pipe, to poll for reading.
    pub(super) fn output_fd(&self) -> Option<RawFd> {
        self.check.as_ref().and_then(|(_, c)| c.output_fd())
    }

    pub(super) fn read_output(&mut self) {
        if let Some((_, c)) = &mut self.check {
            c.read_output();
        }
    }

    /// Takes `status` when it is the end of the check's child.
    pub(super) fn reaped(&mut self, status: WaitStatus) -> bool {
        let mine = self
            .check
            .as_ref()
            .is_some_and(|(_, c)| status.pid().map(|p| p.as_raw()) == Some(c.pid));
        if mine {
            self.reaped = Some(crate::runtime::process::exit_code(status));
        }
        mine
    }

    /// How long the loop may sleep before [`Health::tick`] has work.
    pub(super) fn next_wake(&self) -> Option<Duration> {
        let at = match &self.check {
            Some(_) if self.reaped.is_some() => Some(Instant::now()),
            Some((_, c)) => Some(c.kill_deadline()),
            None => self.next,
        }?;
        Some(at.saturating_duration_since(Instant::now()))
    }

    /// Finishes an ended check and starts a due one; returns what the supervisor must do.
    pub(super) fn tick(&mut self, target: &CheckTarget<'_>) -> Option<Action> {
        let mut action = None;
        if let Some(code) = self.reaped.take() {
            if let Some((kind, check)) = self.check.take() {
                action = self.result(kind, check.finish(code));
            }
        } else if let Some((_, c)) = &self.check {
            if Instant::now() >= c.kill_deadline() {
                c.kill();
            }
        }
        let due = self.next.is_some_and(|n| Instant::now() >= n);
        if due && self.check.is_none() && self.run_started.is_some() && action.is_none() {
            let (kind, test, timeout) = match (&self.cfg.startup, self.startup_passed) {
                (Some(s), false) => (Kind::Startup, &s.test, s.timeout),
                _ => (Kind::Regular, &self.cfg.test, self.cfg.timeout),
            };
            let argv = health::argv(test);
            match health_check::start(target, &argv, Duration::from_nanos(timeout)) {
                Ok(c) => self.check = Some((kind, c)),
                Err(e) => super::run::note(&format!("cannot start the healthcheck: {e}")),
            }
            self.next = self.interval().map(|i| Instant::now() + i);
        }
        action
    }

    /// Records a result; the action it calls for.
    fn result(&mut self, kind: Kind, entry: state::LogEntry) -> Option<Action> {
        let in_start_period = self
            .run_started
            .is_some_and(|s| s.elapsed() < Duration::from_nanos(self.cfg.start_period));
        let who = (&self.paths, &self.record);
        let (verdict, _) =
            match state::record(&self.run_dir, who, &self.cfg, kind, entry, in_start_period) {
                Ok(v) => v,
                Err(e) => {
                    super::run::note(&format!("cannot write the health file: {e}"));
                    return None;
                }
            };
        if verdict.startup_passed {
            self.startup_passed = true;
            // The regular check follows one of its intervals later.
            self.next = self.interval().map(|i| Instant::now() + i);
        }
        if verdict.startup_failed {
            super::run::note("the startup healthcheck failed too often: restarting");
            return Some(Action::Restart);
        }
        if !verdict.turned_unhealthy() {
            return None;
        }
        match self.cfg.on_failure {
            OnFailure::None => None,
            OnFailure::Kill => Some(Action::Kill),
            OnFailure::Stop => Some(Action::Stop),
            OnFailure::Restart => Some(Action::Restart),
        }
    }
}
