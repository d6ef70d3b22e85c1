//! The health file: `<run>/health.json`, what the checks of a container found, in the shape
//! `inspect` shows as `State.Health` (Podman's: Status, FailingStreak, Log), plus the startup
//! check's progress. Written under `<run>/health.lock`, atomically (temp file, rename); read
//! by `ps`, `inspect`, `wait` and `healthcheck run`. Reset to `starting` at every start.
use super::{HealthConfig, StartupConfig};
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// A container's health status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    #[default]
    Starting,
    Healthy,
    Unhealthy,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Starting => "starting",
            Status::Healthy => "healthy",
            Status::Unhealthy => "unhealthy",
        }
    }
}

/// One check's result, as `inspect` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct LogEntry {
    /// RFC 3339 with nanoseconds.
    pub(crate) start: String,
    pub(crate) end: String,
    pub(crate) exit_code: i32,
    pub(crate) output: String,
}

/// What the checks found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct HealthState {
    pub(crate) status: Status,
    pub(crate) failing_streak: u32,
    pub(crate) log: Vec<LogEntry>,
    /// The startup check has passed (or there is none): the regular check runs.
    #[serde(default)]
    pub(crate) startup_passed: bool,
    /// Startup successes in a row, and failures, in this run.
    #[serde(default)]
    pub(crate) startup_successes: u32,
    #[serde(default)]
    pub(crate) startup_failures: u32,
}

impl HealthState {
    /// `State.Health` for `inspect`.
    pub(crate) fn inspect(&self) -> serde_json::Value {
        serde_json::json!({
            "Status": self.status.as_str(),
            "FailingStreak": self.failing_streak,
            "Log": self.log,
        })
    }
}

/// Which check produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Regular,
    Startup,
}

/// What a result changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// The status before and after, when it changed.
    pub(crate) changed: Option<(Status, Status)>,
    /// The startup check passed with this result: the regular check takes over.
    pub(crate) startup_passed: bool,
    /// The startup check failed more than its retries allow: the container is restarted.
    pub(crate) startup_failed: bool,
}

impl Verdict {
    /// The status turned unhealthy with this result.
    pub(crate) fn turned_unhealthy(&self) -> bool {
        matches!(self.changed, Some((_, Status::Unhealthy)))
    }
}

fn file(run: &Path) -> PathBuf {
    run.join("health.json")
}

fn lock(run: &Path) -> PathBuf {
    run.join("health.lock")
}

/// The health file of the container whose run folder is `run`; `None` before any start.
pub(crate) fn read(run: &Path) -> Option<HealthState> {
    read_json(&file(run)).ok().flatten()
}

/// A new run: `starting`, no failing streak, the startup check ahead when there is one. The
/// log of earlier runs stays.
pub(crate) fn reset(run: &Path, who: super::Who<'_>, cfg: &HealthConfig) -> io::Result<()> {
    let _guard = Lock::exclusive(&lock(run))?;
    let before = read(run);
    let changed = before
        .as_ref()
        .map(|b| b.status)
        .filter(|&s| s != Status::Starting);
    let mut st = before.unwrap_or_default();
    st.status = Status::Starting;
    st.failing_streak = 0;
    st.startup_passed = cfg.startup.is_none();
    st.startup_successes = 0;
    st.startup_failures = 0;
    write_json(&file(run), &st)?;
    if let Some(from) = changed {
        super::status_changed(who, from, Status::Starting);
    }
    Ok(())
}

/// Records one result under the lock and writes the file; a change of status goes through
/// [`super::status_changed`]. `in_start_period`: the run is younger than the start period.
pub(crate) fn record(
    run: &Path,
    who: super::Who<'_>,
    cfg: &HealthConfig,
    kind: Kind,
    entry: LogEntry,
    in_start_period: bool,
) -> io::Result<(Verdict, HealthState)> {
    let _guard = Lock::exclusive(&lock(run))?;
    let mut st = read(run).unwrap_or_else(|| HealthState {
        startup_passed: cfg.startup.is_none(),
        ..HealthState::default()
    });
    let logged = (cfg.log_destination == "events_logger").then(|| entry.clone());
    let verdict = apply(&mut st, cfg, kind, entry, in_start_period);
    write_json(&file(run), &st)?;
    if let Some(entry) = logged {
        // `--health-log-destination events_logger`: each result is an event of its own.
        let (paths, record) = who;
        let log = serde_json::to_string(&entry).unwrap_or_default();
        let event = record
            .event("health_status")
            .with_health(st.status.as_str())
            .with_attribute("health_log", &log);
        record.note_event(paths, event);
    }
    if let Some(dir) = Some(cfg.log_destination.as_str()).filter(|d| d.starts_with('/')) {
        let copy = Path::new(dir).join(format!("{}-healthcheck.log", who.1.id));
        if let Err(e) = write_json(&copy, &st) {
            log::warn!("cannot write {}: {e}", copy.display());
        }
    }
    if let Some((from, to)) = verdict.changed {
        super::status_changed(who, from, to);
    }
    Ok((verdict, st))
}

/// The rules, without the file: a success makes the container healthy and ends the failing
/// streak; a failure outside the start period extends it, and at `retries` the container is
/// unhealthy. The startup check only counts towards passing (or restarting).
pub(crate) fn apply(
    st: &mut HealthState,
    cfg: &HealthConfig,
    kind: Kind,
    mut entry: LogEntry,
    in_start_period: bool,
) -> Verdict {
    let before = st.status;
    let mut verdict = Verdict::default();
    let ok = entry.exit_code == 0;
    match kind {
        Kind::Startup => {
            let startup = cfg.startup.as_ref();
            if ok {
                st.startup_successes += 1;
                let needed = startup.map_or(1, |s: &StartupConfig| s.success.max(1));
                if st.startup_successes >= needed {
                    st.startup_passed = true;
                    verdict.startup_passed = true;
                }
            } else {
                st.startup_successes = 0;
                st.startup_failures += 1;
                let retries = startup.map_or(0, |s| s.retries);
                verdict.startup_failed = retries > 0 && st.startup_failures >= retries;
            }
        }
        Kind::Regular => {
            if ok {
                st.failing_streak = 0;
                st.status = Status::Healthy;
            } else if !in_start_period {
                st.failing_streak += 1;
                if st.failing_streak >= cfg.retries.max(1) {
                    st.status = Status::Unhealthy;
                }
            }
        }
    }
    let max_size = cfg.max_log_size as usize;
    if max_size > 0 && entry.output.chars().count() > max_size {
        entry.output = entry.output.chars().take(max_size).collect();
    }
    st.log.push(entry);
    let max_count = cfg.max_log_count as usize;
    if max_count > 0 && st.log.len() > max_count {
        let extra = st.log.len() - max_count;
        st.log.drain(..extra);
    }
    if st.status != before {
        verdict.changed = Some((before, st.status));
    }
    verdict
}
