//! `rm` (`container rm`): containers by name or ID, or all; `--depend` takes the containers
//! that depend on them first.
use super::container::targets;
use super::Context;
use crate::container::create::{self, CreateError};
use crate::container::list;
use crate::container::record::NetworkMode;
use crate::container::stop;
use crate::container::ContainerRecord;
use anyhow::bail;
use clap::Args;
use std::time::Duration;

#[derive(Debug, Args)]
pub(crate) struct RmArgs {
    /// Remove running containers too (killing them first), and pass over missing ones
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Remove every container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Remove the container's anonymous volumes
    #[arg(short, long)]
    pub(crate) volumes: bool,
    /// Ignore containers that do not exist
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Remove the containers that depend on these too (--requires, --network container:,
    /// a pod's members for its infra, which then goes with its pod)
    #[arg(long)]
    pub(crate) depend: bool,
    /// With --force, seconds to wait for the stop signal before SIGKILL (default: SIGKILL now)
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub(crate) time: Option<u32>,
    /// Remove the container whose ID this file holds, then the file (repeatable)
    #[arg(long, value_name = "FILE")]
    pub(crate) cidfile: Vec<std::path::PathBuf>,
    /// Containers to remove, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

/// `--cidfile`: the IDs the files hold; a missing file is an error unless `--ignore`.
fn cidfile_ids(a: &RmArgs, code: &mut i32) -> Vec<String> {
    let mut ids = Vec::new();
    for f in &a.cidfile {
        match std::fs::read_to_string(f) {
            Ok(id) if !id.trim().is_empty() => ids.push(id.trim().to_string()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && a.ignore => {}
            Err(e) => {
                eprintln!("Error: --cidfile {}: {e}", f.display());
                *code = (*code).max(1);
            }
        }
    }
    ids
}

/// After `rm --cidfile`: each file whose container is gone goes too, so that the next
/// `run --cidfile` (a service's restart) can write it again.
fn remove_cidfiles(ctx: &Context, a: &RmArgs) {
    for f in &a.cidfile {
        let Ok(id) = std::fs::read_to_string(f) else {
            continue;
        };
        let gone = match list::find(&ctx.paths, id.trim()) {
            Err(e) => e.is_not_found(),
            Ok(_) => false,
        };
        if gone || id.trim().is_empty() {
            if let Err(e) = std::fs::remove_file(f) {
                log::warn!("cannot remove the cidfile {}: {e}", f.display());
            }
        }
    }
}

/// `rm`'s exit codes are Podman's: 1 when a container did not exist, 2 when one is running.
pub(super) fn rm_cmd(ctx: &Context, a: &RmArgs) -> anyhow::Result<i32> {
    let mut code = 0;
    let mut named = a.containers.clone();
    named.extend(cidfile_ids(a, &mut code));
    let list: Vec<(String, Option<ContainerRecord>)> = if a.all {
        targets(ctx, &[], true, false, |_| true)?
            .into_iter()
            .map(|(s, r)| (s, Some(r)))
            .collect()
    } else {
        if named.is_empty() && a.cidfile.is_empty() {
            bail!("rm needs at least one container name or ID, or --all");
        }
        let mut v = Vec::new();
        for n in &named {
            match list::find(&ctx.paths, n) {
                Ok(r) => v.push((n.clone(), Some(r))),
                // As Podman's: --force does not complain of what is already gone.
                Err(e) if e.is_not_found() => {
                    if !a.ignore && !a.force {
                        eprintln!("Error: {e}");
                        code = code.max(1);
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        v
    };
    let mut list = if a.depend {
        with_dependents(ctx, list)?
    } else {
        list
    };
    // Service containers last: with --all their pods (and they with them) go first.
    list.sort_by_key(|(_, r)| r.as_ref().is_some_and(|r| r.service.is_some()));
    let all = list::all(&ctx.paths)?;
    let leaving: Vec<&str> = list
        .iter()
        .filter_map(|(_, r)| r.as_ref().map(|r| r.id.as_str()))
        .collect();
    let mut refused = Vec::new();
    for (_, r) in &list {
        // A pod's infra goes with its pod only (below).
        let Some(r) = r
            .as_ref()
            .filter(|r| !a.depend && !r.pod.as_ref().is_some_and(|p| p.infra))
        else {
            continue;
        };
        // Without --depend a container that others need stays, with them: its removal
        // would leave them unable to start.
        let staying: Vec<&str> = all
            .iter()
            .map(|(d, _)| d)
            .filter(|d| depends_on(d, &r.id) && !leaving.contains(&d.id.as_str()))
            .map(|d| d.name.as_str())
            .collect();
        if !staying.is_empty() {
            eprintln!(
                "Error: container {} has dependent containers which must be removed before it: \
                 {}: remove them first, or pass --depend to remove them with it",
                r.id,
                staying.join(", ")
            );
            code = code.max(125);
            refused.push(r.id.clone());
        }
    }
    // Containers that went with their pod.
    let mut gone: Vec<String> = Vec::new();
    for (shown, r) in list {
        let Some(r) = r.filter(|r| !refused.contains(&r.id) && !gone.contains(&r.id)) else {
            continue;
        };
        if r.service.is_some() && !remove_served_pods(ctx, a, &r, &mut gone)? {
            code = code.max(125);
            continue;
        }
        let pod = r.pod.as_ref().filter(|p| p.infra);
        let pod = pod.and_then(|p| crate::pod::load(&ctx.paths, &p.id).ok().flatten());
        if let Some(pod) = pod.as_ref().filter(|_| a.depend || a.all) {
            // The infra with its dependents (`--depend`, or every container with `--all`, as
            // Podman's): the whole pod goes; a running one only when forced.
            let timeout = a.time.map(|t| Duration::from_secs(u64::from(t)));
            match crate::pod::create::remove(&ctx.paths, pod, a.depend || a.force, timeout) {
                Ok(ids) => {
                    for id in ids {
                        println!("{id}");
                        gone.push(id);
                    }
                }
                Err(e) if !a.depend && !a.force => {
                    eprintln!("Error: {e}");
                    code = 2;
                }
                Err(e) => return Err(e.into()),
            }
            continue;
        }
        if let Some(pod) = pod {
            let name = pod.name;
            eprintln!(
                "Error: container {} is the infra container of pod {name} and cannot be \
                 removed without removing the pod: use `rcon pod rm {name}`",
                r.name
            );
            code = code.max(125);
            continue;
        }
        if a.force {
            if let Some(t) = a.time.filter(|t| *t > 0) {
                stop::stop(
                    &ctx.paths,
                    &r.id,
                    &r.name,
                    r.stop_signal,
                    Duration::from_secs(u64::from(t)),
                )?;
            }
        }
        match create::remove(&ctx.paths, &r.id, a.force) {
            Ok(()) => {
                if a.volumes {
                    let anonymous = crate::container::volumes::volumes_of(&r);
                    crate::container::volumes::remove_anonymous(&ctx.paths, &anonymous)?;
                }
                println!("{shown}")
            }
            // Removed meanwhile (its own `--rm`, another `rm`): gone, as asked.
            Err(CreateError::Gone { .. }) => println!("{shown}"),
            Err(e @ CreateError::Running { .. }) => {
                eprintln!("Error: {e}");
                code = 2;
            }
            Err(e) => return Err(e.into()),
        }
    }
    remove_cidfiles(ctx, a);
    Ok(code)
}

/// A service container (`kube play --service-container`) goes only with the pods it serves:
/// with `--depend` they are removed first (it goes with the last), else its removal is refused
/// while one exists. Whether it may go on.
fn remove_served_pods(
    ctx: &Context,
    a: &RmArgs,
    r: &ContainerRecord,
    gone: &mut Vec<String>,
) -> anyhow::Result<bool> {
    if !a.depend {
        return match crate::pod::service::check_removal(&ctx.paths, r) {
            Ok(()) => Ok(true),
            Err(e) => {
                eprintln!("Error: {e}");
                Ok(false)
            }
        };
    }
    let timeout = a.time.map(|t| Duration::from_secs(u64::from(t)));
    for p in crate::pod::service::live_pods(&ctx.paths, r)? {
        for id in crate::pod::create::remove(&ctx.paths, &p, true, timeout)? {
            if id != r.id {
                println!("{id}");
            }
            gone.push(id);
        }
    }
    Ok(true)
}

/// Whether `r` needs container `id`: it `--requires` it or shares its network
/// (`--network container:`).
fn depends_on(r: &ContainerRecord, id: &str) -> bool {
    r.requires.iter().any(|x| x == id) || matches!(&r.network, NetworkMode::Container(t) if t == id)
}

/// `--depend`: before each container, the containers that depend on it (transitively):
/// those that `--requires` it or share its network (`--network container:`); a pod's infra
/// is removed with its pod, which takes its members.
fn with_dependents(
    ctx: &Context,
    list: Vec<(String, Option<ContainerRecord>)>,
) -> anyhow::Result<Vec<(String, Option<ContainerRecord>)>> {
    let all: Vec<ContainerRecord> = list::all(&ctx.paths)?.into_iter().map(|(r, _)| r).collect();
    let mut out: Vec<(String, Option<ContainerRecord>)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (shown, r) in list {
        let Some(r) = r else {
            out.push((shown, None));
            continue;
        };
        // Depth first: a dependent's own dependents go before it.
        let mut stack = vec![(r.id.clone(), false)];
        let mut order = Vec::new();
        while let Some((id, expanded)) = stack.pop() {
            if expanded {
                order.push(id);
                continue;
            }
            if seen.contains(&id) {
                continue;
            }
            seen.push(id.clone());
            stack.push((id.clone(), true));
            for d in all.iter().filter(|d| depends_on(d, &id)) {
                stack.push((d.id.clone(), false));
            }
        }
        for id in order {
            if let Some(d) = all.iter().find(|d| d.id == id) {
                let label = if id == r.id {
                    shown.clone()
                } else {
                    d.id.clone()
                };
                out.push((label, Some(d.clone())));
            }
        }
    }
    Ok(out)
}
