//! Healthchecks: what a container checks and how often (the image's `HEALTHCHECK` and the
//! `--health-*` flags of `run`/`create`, resolved once into [`HealthConfig`] in the record),
//! and what the checks found (the health file, [`state`]).
//!
//! The supervisor runs the checks on their schedule; `rcon healthcheck run` runs one from the
//! CLI. Both record a result through [`state::record`], and every change of status goes
//! through [`status_changed`].
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::time::Duration;

pub(crate) mod state;
#[cfg(test)]
mod tests;

pub(crate) use state::Status;

const SECOND: u64 = 1_000_000_000;
/// Podman's defaults.
pub(crate) const DEFAULT_INTERVAL: u64 = 30 * SECOND;
pub(crate) const DEFAULT_TIMEOUT: u64 = 30 * SECOND;
pub(crate) const DEFAULT_RETRIES: u32 = 3;
pub(crate) const DEFAULT_MAX_LOG_COUNT: u32 = 5;
pub(crate) const DEFAULT_MAX_LOG_SIZE: u32 = 500;

/// What `--health-on-failure` does once the status turns unhealthy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum OnFailure {
    #[default]
    None,
    Kill,
    Restart,
    Stop,
}

impl OnFailure {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OnFailure::None => "none",
            OnFailure::Kill => "kill",
            OnFailure::Restart => "restart",
            OnFailure::Stop => "stop",
        }
    }
}

/// The startup check (`--health-startup-*`): it runs until it has passed `success` times in
/// a row, then the regular check takes over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StartupConfig {
    /// `["CMD", …]` or `["CMD-SHELL", "…"]`.
    pub(crate) test: Vec<String>,
    /// Nanoseconds.
    pub(crate) interval: u64,
    pub(crate) timeout: u64,
    /// Failures after which the container is restarted; 0: never.
    pub(crate) retries: u32,
    /// Successes in a row that pass it; 0 counts as 1.
    pub(crate) success: u32,
}

/// A container's healthcheck, as resolved at create time. Durations in nanoseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct HealthConfig {
    /// `["CMD", …]` or `["CMD-SHELL", "…"]`.
    pub(crate) test: Vec<String>,
    /// 0: never scheduled (`--health-interval disable`); `healthcheck run` still works.
    pub(crate) interval: u64,
    pub(crate) timeout: u64,
    pub(crate) start_period: u64,
    /// The interval during the start period; 0: `interval`.
    #[serde(default)]
    pub(crate) start_interval: u64,
    pub(crate) retries: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) startup: Option<StartupConfig>,
    #[serde(default)]
    pub(crate) on_failure: OnFailure,
    /// `local`, `events_logger` or a folder.
    #[serde(default = "local")]
    pub(crate) log_destination: String,
    /// Results kept in the log; 0: all.
    #[serde(default = "max_log_count")]
    pub(crate) max_log_count: u32,
    /// Characters of output kept per result; 0: all.
    #[serde(default = "max_log_size")]
    pub(crate) max_log_size: u32,
}

fn local() -> String {
    "local".into()
}
fn max_log_count() -> u32 {
    DEFAULT_MAX_LOG_COUNT
}
fn max_log_size() -> u32 {
    DEFAULT_MAX_LOG_SIZE
}

impl HealthConfig {
    /// The interval at `since_start` into the run: the start interval inside the start period.
    pub(crate) fn interval_at(&self, since_start: Duration) -> Duration {
        let in_start = since_start < Duration::from_nanos(self.start_period);
        if in_start && self.start_interval > 0 {
            Duration::from_nanos(self.start_interval)
        } else {
            Duration::from_nanos(self.interval)
        }
    }

    /// `Config.Healthcheck` as `inspect` shows it (Docker's image-config form).
    pub(crate) fn inspect(&self) -> Value {
        let mut v = serde_json::json!({
            "Test": self.test,
            "Interval": self.interval,
            "Timeout": self.timeout,
            "Retries": self.retries,
        });
        if self.start_period > 0 {
            v["StartPeriod"] = self.start_period.into();
        }
        if self.start_interval > 0 {
            v["StartInterval"] = self.start_interval.into();
        }
        v
    }
}

/// The command line a test runs: the exec form as it is, the shell form under `/bin/sh -c`.
pub(crate) fn argv(test: &[String]) -> Vec<String> {
    match test.split_first() {
        Some((k, rest)) if k == "CMD-SHELL" => {
            vec!["/bin/sh".into(), "-c".into(), rest.join(" ")]
        }
        Some((k, rest)) if k == "CMD" => rest.to_vec(),
        _ => test.to_vec(),
    }
}

/// The `--health-*` flags, checked but not yet merged with the image's HEALTHCHECK: `None`
/// where a flag was not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HealthFlags {
    /// `--no-healthcheck`, or `--health-cmd none`.
    pub(crate) disable: bool,
    pub(crate) test: Option<Vec<String>>,
    pub(crate) interval: Option<u64>,
    pub(crate) timeout: Option<u64>,
    pub(crate) start_period: Option<u64>,
    pub(crate) start_interval: Option<u64>,
    pub(crate) retries: Option<u32>,
    pub(crate) startup: Option<StartupConfig>,
    pub(crate) on_failure: OnFailure,
    pub(crate) log_destination: Option<String>,
    pub(crate) max_log_count: Option<u32>,
    pub(crate) max_log_size: Option<u32>,
}

/// The container's healthcheck: the flags over the image's `Healthcheck` (Docker's config:
/// zero means the default), none when neither has a command or either disables it.
pub(crate) fn resolve(img: &Value, flags: &HealthFlags) -> Option<HealthConfig> {
    if flags.disable {
        return None;
    }
    let image = img
        .get("config")
        .filter(|c| c.is_object())
        .unwrap_or(img)
        .get("Healthcheck")
        .filter(|h| h.is_object());
    let image_test: Vec<String> = image
        .and_then(|h| h.get("Test"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let test = match &flags.test {
        Some(t) => t.clone(),
        None => image_test,
    };
    let usable =
        matches!(test.first().map(String::as_str), Some("CMD" | "CMD-SHELL")) && test.len() > 1;
    if !usable {
        return None;
    }
    let from_image = |key: &str| {
        image
            .and_then(|h| h.get(key))
            .and_then(Value::as_u64)
            .filter(|&v| v > 0)
    };
    Some(HealthConfig {
        test,
        interval: flags
            .interval
            .or_else(|| from_image("Interval"))
            .unwrap_or(DEFAULT_INTERVAL),
        timeout: flags
            .timeout
            .or_else(|| from_image("Timeout"))
            .unwrap_or(DEFAULT_TIMEOUT),
        start_period: flags
            .start_period
            .or_else(|| from_image("StartPeriod"))
            .unwrap_or(0),
        start_interval: flags
            .start_interval
            .or_else(|| from_image("StartInterval"))
            .unwrap_or(0),
        retries: flags
            .retries
            .or_else(|| from_image("Retries").map(|r| r.min(u64::from(u32::MAX)) as u32))
            .unwrap_or(DEFAULT_RETRIES),
        startup: flags.startup.clone(),
        on_failure: flags.on_failure,
        log_destination: flags.log_destination.clone().unwrap_or_else(local),
        max_log_count: flags.max_log_count.unwrap_or(DEFAULT_MAX_LOG_COUNT),
        max_log_size: flags.max_log_size.unwrap_or(DEFAULT_MAX_LOG_SIZE),
    })
}

/// Why a `--health-*` value is refused: what the flag expects, for its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Refusal(&'static str);

impl From<&'static str> for Refusal {
    fn from(expected: &'static str) -> Refusal {
        Refusal(expected)
    }
}

/// `--health-cmd`: `none` disables; a JSON array is the exec form (`["CMD", …]`,
/// `["CMD-SHELL", "…"]`, or a bare argv, taken as `CMD`); any other string is the shell form.
pub(crate) fn parse_test(value: &str) -> Result<Option<Vec<String>>, Refusal> {
    let v = value.trim();
    if v.is_empty() {
        return Err("expected a command, a JSON array such as [\"CMD\",\"true\"], or none".into());
    }
    if v.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    if v.starts_with('[') {
        let list: Vec<String> = serde_json::from_str(v)
            .map_err(|_| Refusal("expected a JSON array of strings such as [\"CMD\",\"true\"]"))?;
        return match list.first().map(String::as_str) {
            None => Err("the JSON array is empty: expected [\"CMD\", command, args…]".into()),
            Some("NONE") => Ok(None),
            Some("CMD" | "CMD-SHELL") if list.len() < 2 => {
                Err("expected a command after CMD or CMD-SHELL".into())
            }
            Some("CMD-SHELL") if list.len() > 2 => {
                Err("CMD-SHELL takes one string: [\"CMD-SHELL\", \"command\"]".into())
            }
            Some("CMD" | "CMD-SHELL") => Ok(Some(list)),
            Some(_) => Ok(Some(
                std::iter::once("CMD".to_string()).chain(list).collect(),
            )),
        };
    }
    Ok(Some(vec!["CMD-SHELL".into(), v.to_string()]))
}

/// A Go duration (`30s`, `1m30s`, `500ms`, `0`) in nanoseconds.
pub(crate) fn parse_duration(value: &str) -> Result<u64, Refusal> {
    let bad = || Refusal("expected a duration such as 30s, 1m30s or 500ms");
    let s = value.trim();
    if s == "0" {
        return Ok(0);
    }
    crate::util::time::parse_go_duration(s).ok_or_else(bad)
}

/// A duration of at least one second (`--health-interval`, `--health-timeout`).
pub(crate) fn parse_at_least_second(value: &str) -> Result<u64, Refusal> {
    let ns = parse_duration(value)?;
    if ns < SECOND {
        return Err("expected a duration of at least 1s".into());
    }
    Ok(ns)
}

/// `--health-interval`: `disable` (or 0) means never scheduled.
pub(crate) fn parse_interval(value: &str) -> Result<u64, Refusal> {
    if value == "disable" || value == "0" {
        return Ok(0);
    }
    parse_at_least_second(value)
        .map_err(|_| "expected a duration of at least 1s, or disable".into())
}

/// `--health-log-destination`: `local`, `events_logger` or an existing folder's absolute path.
pub(crate) fn parse_log_destination(value: &str) -> Result<String, Refusal> {
    match value {
        "local" | "events_logger" => Ok(value.to_string()),
        p if p.starts_with('/') && std::path::Path::new(p).is_dir() => Ok(p.to_string()),
        _ => Err("expected local, events_logger or the absolute path of an existing folder".into()),
    }
}

/// `--health-on-failure`.
pub(crate) fn parse_on_failure(value: &str) -> Result<OnFailure, Refusal> {
    Ok(match value {
        "none" => OnFailure::None,
        "kill" => OnFailure::Kill,
        "restart" => OnFailure::Restart,
        "stop" => OnFailure::Stop,
        _ => return Err("expected none, kill, restart or stop".into()),
    })
}

/// Every change of a container's health status passes here, from the supervisor and from
/// `rcon healthcheck run` alike: the one place that tells the world about it.
pub(crate) fn status_changed(who: Who<'_>, from: Status, to: Status) {
    let (paths, record) = who;
    log::debug!(
        "container {} ({}): health {} → {}",
        record.name,
        &record.id[..record.id.len().min(12)],
        from.as_str(),
        to.as_str()
    );
    if crate::config::containers_conf::ContainersConf::current().healthcheck_events() {
        record.note_event(
            paths,
            record.event("health_status").with_health(to.as_str()),
        );
    }
}

/// Whose health changed: the store's folders and the container's record (its event needs
/// its name, image and labels).
pub(crate) type Who<'a> = (
    &'a crate::config::Paths,
    &'a crate::container::record::ContainerRecord,
);
