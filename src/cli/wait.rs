//! `wait`: until containers reach a state (by default, until they stop), printing exit codes.
use super::container::targets;
use super::Context;
use crate::container::list;
use crate::container::record::ContainerPaths;
use crate::container::state::{State, Status};
use crate::container::stop;
use crate::util::time;
use anyhow::{bail, Context as _};
use clap::Args;
use std::time::Duration;

#[derive(Debug, Args)]
pub(crate) struct WaitArgs {
    /// Condition to wait for: stopped (ended, or never started), exited, running, created,
    /// paused, healthy or unhealthy
    #[arg(long, value_name = "STATE", default_value = "stopped")]
    pub(crate) condition: Vec<String>,
    /// Longest pause between checks (e.g. 250ms, 1s); the first checks come sooner
    #[arg(short, long, value_name = "DURATION", default_value = "250ms")]
    pub(crate) interval: String,
    /// Ignore containers that do not exist
    #[arg(long)]
    pub(crate) ignore: bool,
    /// Containers to wait for, by name or ID
    #[arg(required = true, value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

fn wanted(condition: &str) -> anyhow::Result<fn(&State) -> bool> {
    Ok(match condition {
        "running" => |s| s.status == Status::Running,
        "exited" => |s| s.status == Status::Exited,
        // Not running: ended, or created and never started (Podman's and Docker's default).
        "stopped" => |s| s.status == Status::Exited || never_started(s),
        "created" | "configured" => |s| s.status == Status::Created,
        "paused" => |s| s.status == Status::Paused,
        other => {
            bail!(
                "--condition {other:?}: expected running, exited, stopped, created, paused, \
                 healthy or unhealthy"
            )
        }
    })
}

/// Created and never started: no supervisor is starting it and it has no start time.
fn never_started(s: &State) -> bool {
    s.status == Status::Created && s.supervisor_pid == 0 && s.started_at.is_empty()
}

/// A Go-style duration: `250ms`, `1s`, `1.5s`, `2m`; a bare number is milliseconds.
fn parse_duration(s: &str) -> Option<Duration> {
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let secs = match unit {
        "" | "ms" => n / 1000.0,
        "us" | "µs" => n / 1_000_000.0,
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return None,
    };
    (secs > 0.0 && secs.is_finite()).then(|| Duration::from_secs_f64(secs))
}

pub(super) fn wait_cmd(ctx: &Context, a: &WaitArgs) -> anyhow::Result<i32> {
    let is_health = |c: &&String| matches!(c.as_str(), "healthy" | "unhealthy");
    let health_wanted: Vec<&str> = a
        .condition
        .iter()
        .filter(is_health)
        .map(String::as_str)
        .collect();
    let conds = a
        .condition
        .iter()
        .filter(|c| !is_health(c))
        .map(|c| wanted(c))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let interval = parse_duration(&a.interval).with_context(|| {
        format!(
            "--interval {:?}: expected a duration such as 250ms or 1s",
            a.interval
        )
    })?;
    let exit_wanted = a
        .condition
        .iter()
        .any(|c| matches!(c.as_str(), "exited" | "stopped"));
    for (_, r) in targets(ctx, &a.containers, false, a.ignore, |_| true)? {
        if !health_wanted.is_empty() && r.healthcheck.is_none() {
            bail!(
                "--condition {}: container {} has no healthcheck",
                health_wanted.join(","),
                r.name
            );
        }
        let run_dir = ContainerPaths::new(&ctx.paths, &r.id).run;
        let healthy = |s: &State| {
            s.status == Status::Running
                && crate::container::health::state::read(&run_dir)
                    .is_some_and(|h| health_wanted.contains(&h.status.as_str()))
        };
        let st = stop::wait_until(&ctx.paths, &r.id, None, interval, |s| {
            conds.iter().any(|f| f(s)) || (!health_wanted.is_empty() && healthy(s))
        })?;
        match st {
            Some(s) if exit_wanted && (s.status == Status::Exited || never_started(&s)) => {
                if r.auto_remove && s.status == Status::Exited {
                    // A `--rm` container is waited for until its supervisor has removed it,
                    // so that what runs next sees it gone (as after Podman's wait).
                    wait_removed(ctx, &r.id, interval);
                }
                println!("{}", s.exit_code)
            }
            // Removed while we waited (`--rm`): its exit code is the one its "died" event
            // recorded.
            None if exit_wanted => println!("{}", died_code(ctx, &r).unwrap_or(-1)),
            // Another condition: no exit code to give.
            _ => println!("-1"),
        }
    }
    Ok(0)
}

/// The exit code container `r` died with, from the events log (a `--rm` container's record
/// is gone by the time a slow `wait` looks).
fn died_code(ctx: &Context, r: &crate::container::ContainerRecord) -> Option<i32> {
    let opts = crate::events::ReadOptions {
        since: time::parse_rfc3339_nanos(&r.created).map(|t| t - 1),
        ..Default::default()
    };
    let mut code = None;
    let _ = crate::events::read(&ctx.paths, &opts, &mut |e| {
        if e.status == "died" && e.id == r.id {
            code = Some(e.exit_code);
        }
        Ok(())
    });
    code
}

/// Polls until container `id`'s record is gone, for at most 10 seconds (a killed supervisor
/// never removes it: its container then stays, exited, as `ps -a` shows).
fn wait_removed(ctx: &Context, id: &str, interval: std::time::Duration) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < until {
        match list::load(&ctx.paths, id) {
            Ok(Some(_)) => std::thread::sleep(interval.min(std::time::Duration::from_millis(50))),
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_writes_them() {
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("100"), Some(Duration::from_millis(100)));
        assert_eq!(parse_duration("0s"), None);
        assert_eq!(parse_duration("soon"), None);
    }
}
