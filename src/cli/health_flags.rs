//! The healthcheck flags of `run` and `create` (Podman's names and defaults), checked into
//! [`HealthFlags`]; `create` merges them with the image's HEALTHCHECK.
use crate::container::health::{self as h, HealthFlags, StartupConfig};
use crate::container::runconfig::RunConfigError;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct HealthArgs {
    /// The healthcheck command: a shell command line, a JSON array (["CMD","a","b"] or
    /// ["CMD-SHELL","…"]), or none to disable the image's
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub(crate) health_cmd: Option<String>,
    /// Time between checks (default 30s); disable: never scheduled
    #[arg(long, value_name = "DURATION")]
    pub(crate) health_interval: Option<String>,
    /// Time a check may take before it is killed and counts as failed (default 30s)
    #[arg(long, value_name = "DURATION")]
    pub(crate) health_timeout: Option<String>,
    /// Failures in a row that make the container unhealthy (default 3)
    #[arg(long, value_name = "N")]
    pub(crate) health_retries: Option<String>,
    /// Time after start during which failures do not count (default 0s)
    #[arg(long, value_name = "DURATION")]
    pub(crate) health_start_period: Option<String>,
    /// Time between checks during the start period (default: the interval)
    #[arg(long, value_name = "DURATION")]
    pub(crate) health_start_interval: Option<String>,
    /// A startup check that runs until it passes, before the regular one
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub(crate) health_startup_cmd: Option<String>,
    /// Time between startup checks (default 30s)
    #[arg(long, value_name = "DURATION")]
    pub(crate) health_startup_interval: Option<String>,
    /// Startup failures after which the container is restarted (default 0: never)
    #[arg(long, value_name = "N")]
    pub(crate) health_startup_retries: Option<String>,
    /// Startup successes in a row that pass it (default 0: the first)
    #[arg(long, value_name = "N")]
    pub(crate) health_startup_success: Option<String>,
    /// Time a startup check may take (default 30s)
    #[arg(long, value_name = "DURATION")]
    pub(crate) health_startup_timeout: Option<String>,
    /// What to do when the container turns unhealthy: none, kill, restart or stop
    #[arg(long, value_name = "ACTION", default_value = "none")]
    pub(crate) health_on_failure: String,
    /// Where the check results go: local, events_logger or a folder
    #[arg(long, value_name = "DEST")]
    pub(crate) health_log_destination: Option<String>,
    /// Results kept in the health log (default 5; 0: all)
    #[arg(long, value_name = "N")]
    pub(crate) health_max_log_count: Option<String>,
    /// Characters of output kept per result (default 500; 0: all)
    #[arg(long, value_name = "N")]
    pub(crate) health_max_log_size: Option<String>,
    /// Run no healthcheck, not even the image's
    #[arg(long)]
    pub(crate) no_healthcheck: bool,
}

fn bad(flag: &'static str, value: &str, expected: h::Refusal) -> RunConfigError {
    RunConfigError::Flag {
        flag,
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

fn with<T>(
    flag: &'static str,
    value: &Option<String>,
    parse: impl Fn(&str) -> Result<T, h::Refusal>,
) -> Result<Option<T>, RunConfigError> {
    value
        .as_deref()
        .map(|v| parse(v).map_err(|e| bad(flag, v, e)))
        .transpose()
}

fn count(v: &str) -> Result<u32, h::Refusal> {
    v.parse()
        .map_err(|_| "expected a whole number of 0 or more".into())
}

fn positive(v: &str) -> Result<u32, h::Refusal> {
    match v.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("expected a whole number of 1 or more".into()),
    }
}

impl HealthArgs {
    pub(crate) fn to_flags(&self) -> Result<HealthFlags, RunConfigError> {
        let test = with("--health-cmd", &self.health_cmd, h::parse_test)?;
        let startup_test = with(
            "--health-startup-cmd",
            &self.health_startup_cmd,
            h::parse_test,
        )?;
        let on_failure = h::parse_on_failure(&self.health_on_failure)
            .map_err(|e| bad("--health-on-failure", &self.health_on_failure, e))?;
        let flags = HealthFlags {
            disable: self.no_healthcheck || matches!(test, Some(None)),
            test: test.flatten(),
            interval: with(
                "--health-interval",
                &self.health_interval,
                h::parse_interval,
            )?,
            timeout: with(
                "--health-timeout",
                &self.health_timeout,
                h::parse_at_least_second,
            )?,
            start_period: with(
                "--health-start-period",
                &self.health_start_period,
                h::parse_duration,
            )?,
            start_interval: with(
                "--health-start-interval",
                &self.health_start_interval,
                h::parse_at_least_second,
            )?,
            retries: with("--health-retries", &self.health_retries, positive)?,
            startup: None,
            on_failure,
            log_destination: with(
                "--health-log-destination",
                &self.health_log_destination,
                h::parse_log_destination,
            )?,
            max_log_count: with("--health-max-log-count", &self.health_max_log_count, count)?,
            max_log_size: with("--health-max-log-size", &self.health_max_log_size, count)?,
        };
        let startup_interval = with(
            "--health-startup-interval",
            &self.health_startup_interval,
            h::parse_interval,
        )?;
        let startup_timeout = with(
            "--health-startup-timeout",
            &self.health_startup_timeout,
            h::parse_at_least_second,
        )?;
        let startup_retries = with(
            "--health-startup-retries",
            &self.health_startup_retries,
            count,
        )?;
        let startup_success = with(
            "--health-startup-success",
            &self.health_startup_success,
            count,
        )?;
        let startup = startup_test.flatten().map(|test| StartupConfig {
            test,
            interval: startup_interval
                .filter(|&i| i > 0)
                .unwrap_or(h::DEFAULT_INTERVAL),
            timeout: startup_timeout.unwrap_or(h::DEFAULT_TIMEOUT),
            retries: startup_retries.unwrap_or(0),
            success: startup_success.unwrap_or(0),
        });
        if startup.is_some() && flags.test.is_none() && self.health_cmd.is_some() {
            return Err(RunConfigError::Conflict(
                "--health-startup-cmd needs a healthcheck: drop --health-cmd none".into(),
            ));
        }
        Ok(HealthFlags { startup, ..flags })
    }
}
