//! `rcon update` (new limits for a container, written to its cgroup at once when it runs and
//! kept in its record for the next start), and `rcon pause` / `rcon unpause` through the
//! cgroup v2 freezer.
use super::resource_flags::ResourceArgs;
use super::Context;
use crate::container::record::ContainerPaths;
use crate::container::state::{self, Status};
use crate::container::{list, stop};
use crate::linux::cgroup::{self, CgroupError};
use anyhow::{bail, Context as _};
use clap::Args;

// `rcon update`.
#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    #[command(flatten)]
    pub(crate) resources: ResourceArgs,
    /// Container name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

// `rcon pause` and `rcon unpause`.
#[derive(Debug, Args)]
pub(crate) struct PauseArgs {
    /// Every running (or paused) container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Container names or IDs
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub(crate) containers: Vec<String>,
}

pub(super) fn update(ctx: &Context, a: &UpdateArgs) -> anyhow::Result<i32> {
    let record = update_limits(ctx, &a.container, &a.resources)?;
    println!("{}", record.id);
    Ok(0)
}

/// Gives the container `name` the limits of `resources`: written to its cgroup at once when
/// it runs, and kept in its record for the next start. Returns the updated record.
pub(crate) fn update_limits(
    ctx: &Context,
    name: &str,
    resources: &ResourceArgs,
) -> anyhow::Result<crate::container::ContainerRecord> {
    let mut record = list::find(&ctx.paths, name)?;
    let flags = resources.to_flags();
    if flags.is_empty() {
        bail!("rcon update: give at least one limit (--memory, --cpus, --pids-limit …)");
    }
    let current = record.cgroup.clone();
    let Some(mut placement) = current.filter(|p| p.manager.is_some()) else {
        return Err(CgroupError::NoCgroup {
            id: record.name.clone(),
            what: "update",
        }
        .into());
    };
    placement.resources = flags
        .to_resources(Some(&placement.resources))
        .map_err(|e| anyhow::anyhow!(e))?;
    let st = list::state_of(&ctx.paths, &record.id)?;
    if stop::is_running(&st) {
        let leaf = cgroup::leaf_of(st.supervisor_pid).ok_or_else(|| CgroupError::NoCgroup {
            id: record.name.clone(),
            what: "update",
        })?;
        cgroup::apply(&leaf, &placement.resources)?;
    }
    record.cgroup = Some(placement);
    let cp = ContainerPaths::new(&ctx.paths, &record.id);
    crate::util::fs::write_json(&cp.record(), &record)
        .with_context(|| format!("cannot write {}", cp.record().display()))?;
    Ok(record)
}

pub(super) fn pause(ctx: &Context, a: &PauseArgs, frozen: bool) -> anyhow::Result<i32> {
    let names = if a.all {
        list::all(&ctx.paths)?
            .into_iter()
            .filter(|(_, st)| {
                st.status
                    == if frozen {
                        Status::Running
                    } else {
                        Status::Paused
                    }
            })
            .map(|(r, _)| r.id)
            .collect()
    } else {
        a.containers.clone()
    };
    let mut code = 0;
    for name in &names {
        match pause_one(ctx, name, frozen) {
            Ok(id) => println!("{id}"),
            Err(e) => {
                eprintln!("Error: {}", super::one_line(&e));
                code = 125;
            }
        }
    }
    Ok(code)
}

pub(crate) fn pause_one(ctx: &Context, name: &str, frozen: bool) -> anyhow::Result<String> {
    let record = list::find(&ctx.paths, name)?;
    let cp = ContainerPaths::new(&ctx.paths, &record.id);
    let st = list::state_of(&ctx.paths, &record.id)?;
    let (want, verb) = match frozen {
        true => (Status::Running, "pause"),
        false => (Status::Paused, "unpause"),
    };
    if st.status != want {
        bail!(
            "\"{}\" is not {}, cannot {verb} it",
            record.name,
            if frozen { "running" } else { "paused" }
        );
    }
    let leaf = cgroup::leaf_of(st.supervisor_pid).ok_or_else(|| CgroupError::NoCgroup {
        id: record.name.clone(),
        what: verb,
    })?;
    cgroup::freeze(&leaf, frozen)?;
    state::update(&cp.state(), &cp.lock(), |s| {
        if stop::is_running(s) {
            s.status = if frozen {
                Status::Paused
            } else {
                Status::Running
            };
        }
    })
    .with_context(|| format!("cannot write {}", cp.state().display()))?;
    record.note(&ctx.paths, verb);
    Ok(record.id)
}
