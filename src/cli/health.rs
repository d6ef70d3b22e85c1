//! `rcon healthcheck run`: one check of a running container from the CLI, entering it the way
//! the supervisor's scheduled checks do, recorded in the same health file. Exit code 0 when the
//! check passed, 1 when it failed (and `unhealthy` printed, as Podman does), 125 when it could
//! not run: no such container, no healthcheck, not running.
use super::Context;
use crate::container::health::state::{self, Kind};
use crate::container::health::OnFailure;
use crate::container::list;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::Status;
use crate::container::stop;
use crate::runtime::health_check::{self, CheckTarget};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::time::Duration;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum HealthcheckCommand {
    /// Run a container's healthcheck once: exit 0 healthy, 1 unhealthy
    Run(RunArgs),
}

#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// Container name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

pub(super) fn healthcheck_cmd(ctx: &Context, c: &HealthcheckCommand) -> anyhow::Result<i32> {
    match c {
        HealthcheckCommand::Run(a) => run(ctx, a),
    }
}

fn run(ctx: &Context, a: &RunArgs) -> anyhow::Result<i32> {
    let record = list::find(&ctx.paths, &a.container)?;
    let Some(cfg) = record.healthcheck.clone() else {
        anyhow::bail!(
            "container {} has no defined healthcheck: create it with --health-cmd, or from an \
             image with a HEALTHCHECK",
            record.name
        );
    };
    let cp = ContainerPaths::new(&ctx.paths, &record.id);
    let st = crate::container::state::read_corrected(&cp.state(), &cp.lock())
        .with_context(|| format!("cannot read the state of container {}", record.name))?;
    if st.status != Status::Running || !st.supervisor_alive() {
        anyhow::bail!(
            "container {0} is not running: start it with `rcon start {0}`",
            record.name
        );
    }
    // The check's command runs in the container's PID namespace as a child of ours.
    crate::linux::sealed_exe::warn_if_exposed();
    crate::linux::sealed_exe::ensure_sealed()?;
    let spec: oci_spec::runtime::Spec = crate::util::fs::read_json(&cp.spec())
        .with_context(|| format!("cannot read {}", cp.spec().display()))?
        .with_context(|| format!("{} is missing", cp.spec().display()))?;
    let seccomp = crate::linux::seccomp::Filter::for_spec(&spec, &cp.dir)?.map(std::sync::Arc::new);
    let target = CheckTarget {
        init_pid: st.init_pid,
        supervisor_pid: st.supervisor_pid,
        spec: &spec,
        seccomp,
        user: &record.user,
    };
    let argv = crate::container::health::argv(&cfg.test);
    let entry = health_check::start(&target, &argv, Duration::from_nanos(cfg.timeout))
        .context("cannot start the healthcheck")?
        .wait();
    let ok = entry.exit_code == 0;
    let since_start = crate::util::time::parse_rfc3339(&st.started_at)
        .map(|t| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            (now - t).max(0) as u64
        })
        .unwrap_or(u64::MAX);
    let in_start_period = Duration::from_secs(since_start) < Duration::from_nanos(cfg.start_period);
    let (verdict, _) = state::record(
        &cp.run,
        (&ctx.paths, &record),
        &cfg,
        Kind::Regular,
        entry,
        in_start_period,
    )
    .with_context(|| format!("cannot write the health file of container {}", record.name))?;
    if verdict.turned_unhealthy() {
        on_failure(ctx, &record, cfg.on_failure)?;
    }
    if ok {
        return Ok(0);
    }
    println!("unhealthy");
    Ok(1)
}

/// `--health-on-failure` for a result this command recorded, as the supervisor acts on its own.
fn on_failure(ctx: &Context, r: &ContainerRecord, action: OnFailure) -> anyhow::Result<()> {
    let timeout = Duration::from_secs(u64::from(r.stop_timeout));
    match action {
        OnFailure::None => {}
        OnFailure::Kill => stop::signal(&ctx.paths, &r.id, &r.name, libc::SIGKILL)?,
        OnFailure::Stop => {
            stop::stop(&ctx.paths, &r.id, &r.name, r.stop_signal, timeout)?;
        }
        OnFailure::Restart => {
            stop::stop(&ctx.paths, &r.id, &r.name, r.stop_signal, timeout)?;
            crate::runtime::supervisor::start(&ctx.paths, &r.id, None)
                .map_err(|e| anyhow::anyhow!(e.to_string().replace('\n', " ")))?;
        }
    }
    Ok(())
}

/// The health status of `r` (`starting` before any result), `None` without a healthcheck.
pub(super) fn status_of(paths: &crate::config::Paths, r: &ContainerRecord) -> Option<&'static str> {
    r.healthcheck.as_ref()?;
    let cp = ContainerPaths::new(paths, &r.id);
    Some(state::read(&cp.run).unwrap_or_default().status.as_str())
}

/// `inspect`'s health fields: `State.Health` (and Podman 4's alias `State.Healthcheck`) and
/// the healthcheck settings under `Config`.
pub(super) fn inspect_into(
    paths: &crate::config::Paths,
    r: &ContainerRecord,
    state_json: &mut Value,
    config: &mut Value,
) {
    let Some(cfg) = &r.healthcheck else {
        return;
    };
    let cp = ContainerPaths::new(paths, &r.id);
    let health = state::read(&cp.run).map_or_else(
        || json!({"Status": "", "FailingStreak": 0, "Log": []}),
        |h| h.inspect(),
    );
    state_json["Health"] = health.clone();
    state_json["Healthcheck"] = health;
    config["Healthcheck"] = cfg.inspect();
    config["HealthcheckOnFailureAction"] = cfg.on_failure.as_str().into();
    config["HealthLogDestination"] = cfg.log_destination.clone().into();
    config["HealthMaxLogCount"] = cfg.max_log_count.into();
    config["HealthMaxLogSize"] = cfg.max_log_size.into();
    if let Some(s) = &cfg.startup {
        config["StartupHealthCheck"] = json!({
            "Test": s.test,
            "Interval": s.interval,
            "Timeout": s.timeout,
            "Retries": s.retries,
            "Successes": s.success,
        });
    }
}
