//! start, stop, restart, kill, pause, unpause, wait, rename, update, remove, prune: the
//! library calls the CLI's commands make, with the events they record.
use super::inspect::lookup;
use crate::api::http::{ApiError, ApiResult, Reply, Req, Sink};
use crate::cli::Context;
use crate::container::create::{self, CreateError};
use crate::container::record::ContainerPaths;
use crate::container::runconfig;
use crate::container::state::{State, Status};
use crate::container::{list, stop, ContainerRecord};
use crate::runtime::supervisor;
use hyper::http::StatusCode;
use serde_json::{json, Value};
use std::cell::Cell;
use std::time::Duration;

fn not_modified() -> ApiResult {
    Ok(Reply::Empty(StatusCode::NOT_MODIFIED))
}

fn state_of(ctx: &Context, r: &ContainerRecord) -> Result<State, ApiError> {
    list::state_of(&ctx.paths, &r.id).map_err(|e| ApiError::internal(e.to_string()))
}

/// Docker's refusal of a container that must run.
fn not_running(id: &str) -> ApiError {
    ApiError::conflict(format!("Container {id} is not running"))
}

/// The attach a client made before this start (`docker run`), to become the supervisor's
/// first client.
fn pending_attach(ctx: &Context, id: &str) -> Option<std::os::fd::OwnedFd> {
    super::attach::take_pending(&ctx.paths, id)
}

/// Starts `r`'s supervisor (with `attach` as its first client); a container that cannot
/// start is Docker's 400 (its command) or 500.
fn start_record(
    ctx: &Context,
    r: &ContainerRecord,
    attach: Option<std::os::fd::OwnedFd>,
) -> Result<(), ApiError> {
    match supervisor::start(&ctx.paths, &r.id, attach) {
        Ok(_) => Ok(()),
        Err(e) => {
            let message = e.to_string().replace('\n', " ");
            Err(match e {
                supervisor::StartError::Container {
                    code: 126 | 127, ..
                } => ApiError::bad_request(message),
                _ => ApiError::internal(message),
            })
        }
    }
}

pub(super) fn start(ctx: &Context, _req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    if stop::is_running(&state_of(ctx, &r)?) {
        return not_modified();
    }
    start_record(ctx, &r, pending_attach(ctx, &r.id))?;
    Reply::no_content()
}

/// `t` (seconds; -1: no limit) or the container's own stop timeout.
fn timeout(req: &Req, r: &ContainerRecord) -> Result<Duration, ApiError> {
    Ok(match req.q_int("t")? {
        Some(t) if t < 0 => Duration::from_secs(u64::from(u32::MAX)),
        Some(t) => Duration::from_secs(t as u64),
        None => Duration::from_secs(u64::from(r.stop_timeout)),
    })
}

/// `signal` (API 1.42) or the container's stop signal.
fn stop_signal(req: &Req, r: &ContainerRecord) -> Result<i32, ApiError> {
    match req.q("signal").filter(|s| !s.is_empty()) {
        Some(s) => {
            runconfig::parse_signal("signal", s).map_err(|e| ApiError::bad_request(e.to_string()))
        }
        None => Ok(r.stop_signal),
    }
}

fn stop_record(ctx: &Context, req: &Req, r: &ContainerRecord) -> Result<(), ApiError> {
    let sig = stop_signal(req, r)?;
    stop::stop(&ctx.paths, &r.id, &r.name, sig, timeout(req, r)?)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    r.note(&ctx.paths, "stop");
    Ok(())
}

pub(super) fn stop(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    if !stop::is_running(&state_of(ctx, &r)?) {
        return not_modified();
    }
    stop_record(ctx, req, &r)?;
    Reply::no_content()
}

pub(super) fn restart(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    if stop::is_running(&state_of(ctx, &r)?) {
        let sig = stop_signal(req, &r)?;
        stop::stop(&ctx.paths, &r.id, &r.name, sig, timeout(req, &r)?)
            .map_err(|e| ApiError::internal(e.to_string()))?;
    }
    start_record(ctx, &r, None)?;
    r.note(&ctx.paths, "restart");
    Reply::no_content()
}

pub(super) fn kill(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    let sig = match req.q("signal").filter(|s| !s.is_empty()) {
        Some(s) => runconfig::parse_signal("signal", s)
            .map_err(|e| ApiError::bad_request(e.to_string()))?,
        None => libc::SIGKILL,
    };
    if !stop::is_running(&state_of(ctx, &r)?) {
        return Err(not_running(id));
    }
    if stop::kill_stops(sig, r.stop_signal) {
        stop::mark_stopped_by_user(&ctx.paths, &r.id)
            .map_err(|e| ApiError::internal(e.to_string()))?;
    }
    match stop::signal(&ctx.paths, &r.id, &r.name, sig) {
        Ok(()) => {}
        Err(stop::StopError::NotRunning { .. }) => return Err(not_running(id)),
        Err(e) => return Err(ApiError::internal(e.to_string())),
    }
    if sig == libc::SIGKILL {
        // As Docker's: a SIGKILL is done when the container's end is recorded.
        let ended = |s: &State| !stop::is_running(s);
        let grace = Some(Duration::from_secs(10));
        stop::wait_until(&ctx.paths, &r.id, grace, stop::DEFAULT_MAX_PAUSE, ended)
            .map_err(|e| ApiError::internal(e.to_string()))?;
    }
    let name = runconfig::signal_name(sig);
    r.note_event(&ctx.paths, r.event("kill").with_attribute("signal", &name));
    Reply::no_content()
}

fn freeze(ctx: &Context, id: &str, frozen: bool) -> ApiResult {
    let r = lookup(ctx, id)?;
    let st = state_of(ctx, &r)?;
    match (frozen, st.status) {
        (true, Status::Running) | (false, Status::Paused) => {}
        (true, Status::Paused) => {
            return Err(ApiError::conflict(format!(
                "Container {id} is already paused"
            )))
        }
        (false, Status::Running) => {
            return Err(ApiError::conflict(format!("Container {id} is not paused")))
        }
        _ => return Err(not_running(id)),
    }
    crate::cli::update::pause_one(ctx, &r.id, frozen)?;
    Reply::no_content()
}

pub(super) fn pause(ctx: &Context, _req: &mut Req, id: &str) -> ApiResult {
    freeze(ctx, id, true)
}

pub(super) fn unpause(ctx: &Context, _req: &mut Req, id: &str) -> ApiResult {
    freeze(ctx, id, false)
}

/// What `wait?condition=` waits for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Condition {
    NotRunning,
    NextExit,
    Removed,
}

pub(super) fn wait(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let cond = match req.q("condition").unwrap_or("") {
        "" | "not-running" => Condition::NotRunning,
        "next-exit" => Condition::NextExit,
        "removed" => Condition::Removed,
        other => {
            return Err(ApiError::bad_request(format!(
                "invalid condition {other:?}: expected not-running, next-exit or removed"
            )))
        }
    };
    let r = lookup(ctx, id)?;
    let first = state_of(ctx, &r)?;
    if cond == Condition::NotRunning && !stop::is_running(&first) {
        return Reply::ok(json!({"StatusCode": first.exit_code, "Error": null}));
    }
    // The answer's head goes at once, as Docker's does: `docker run` waits for it before it
    // starts the container, then reads the body when the container is done.
    let paths = ctx.paths.clone();
    let producer = move |sink: &mut Sink| {
        let since = crate::util::time::now_rfc3339_nano();
        let code = wait_for(&paths, &r, &first, cond);
        let code = code
            .or_else(|| died_code(&paths, &r.id, &since))
            .unwrap_or(0);
        sink.json_line(&json!({"StatusCode": code, "Error": null}))
    };
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/json",
        Box::new(producer),
    ))
}

/// Polls until `cond` holds; the exit code last seen (`None` when the container was removed
/// before one was seen).
fn wait_for(
    paths: &crate::config::Paths,
    r: &ContainerRecord,
    first: &State,
    cond: Condition,
) -> Option<i32> {
    let seen = Cell::new(None);
    let done = |s: &State| {
        if s.status == Status::Exited {
            seen.set(Some(s.exit_code));
        }
        match cond {
            Condition::NotRunning => !stop::is_running(s),
            Condition::NextExit => s.status == Status::Exited && s.finished_at != first.finished_at,
            Condition::Removed => false,
        }
    };
    match stop::wait_until(paths, &r.id, None, stop::DEFAULT_MAX_PAUSE, done) {
        Ok(Some(s)) => Some(s.exit_code),
        Ok(None) => seen.get(),
        Err(e) => {
            log::warn!("waiting for container {}: {e}", r.name);
            seen.get()
        }
    }
}

/// The exit code of the container's last `died` event since `since` (a container removed
/// before its exit was seen, as `--rm` does).
fn died_code(paths: &crate::config::Paths, id: &str, since: &str) -> Option<i32> {
    let filters =
        crate::events::Filters::parse(&[format!("container={id}"), "event=died".into()]).ok()?;
    let opts = crate::events::ReadOptions {
        filters,
        since: crate::util::time::parse_rfc3339_nanos(since).map(|t| t - 1_000_000_000),
        until: None,
        stream: false,
    };
    let mut code = None;
    let _ = crate::events::read(paths, &opts, &mut |e| {
        if e.id == id {
            code = Some(e.exit_code);
        }
        Ok(())
    });
    code
}

pub(super) fn rename(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    let name = req
        .q("name")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::bad_request("rename needs the new name: ?name=NAME"))?
        .trim_start_matches('/')
        .to_string();
    crate::container::names::validate(&name).map_err(|e| ApiError::bad_request(e.to_string()))?;
    if let Some(holder) = crate::container::names::holder(&ctx.paths.containers(), &name) {
        if holder != r.id {
            return Err(ApiError::conflict(format!(
                "Conflict. The container name \"/{name}\" is already in use by container \
                 \"{holder}\". You have to remove (or rename) that container to be able to \
                 reuse that name."
            )));
        }
    }
    let args = crate::cli::container::RenameArgs {
        container: r.id.clone(),
        name,
    };
    crate::cli::container::rename_cmd(ctx, &args)?;
    Reply::no_content()
}

pub(super) fn update(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    let body: Value = req.json()?;
    let Value::Object(body) = body else {
        return Err(ApiError::bad_request(
            "the request body must be a JSON object",
        ));
    };
    let mut argv: Vec<String> = vec!["update".into()];
    super::create::resources(&mut argv, &body)?;
    let limits = argv.len() > 1;
    argv.extend(["--".to_string(), r.id.clone()]);
    let args: crate::cli::update::UpdateArgs = crate::cli::parse_flags(argv)
        .map_err(|e| ApiError::bad_request(crate::cli::one_line(&e)))?;
    let restart = match body.get("RestartPolicy").and_then(Value::as_object) {
        Some(p) => {
            let name = p.get("Name").and_then(Value::as_str).unwrap_or("");
            let n = p
                .get("MaximumRetryCount")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let spec = if name == "on-failure" && n > 0 {
                format!("on-failure:{n}")
            } else {
                name.to_string()
            };
            let policy = runconfig::parse_restart(&spec)
                .map_err(|e| ApiError::bad_request(e.to_string()))?;
            if r.auto_remove && policy.name != "no" {
                return Err(ApiError::bad_request(
                    "Restart policy cannot be updated because AutoRemove is enabled for the \
                     container",
                ));
            }
            Some(policy)
        }
        None => None,
    };
    if limits {
        crate::cli::update::update_limits(ctx, &r.id, &args.resources)?;
    }
    if let Some(policy) = restart {
        set_restart(ctx, &r, policy)?;
    }
    r.note(&ctx.paths, "update");
    Reply::ok(json!({"Warnings": []}))
}

/// Writes a new restart policy into the container's record, under its lock.
fn set_restart(
    ctx: &Context,
    r: &ContainerRecord,
    policy: crate::container::record::RestartPolicy,
) -> Result<(), ApiError> {
    let cp = ContainerPaths::new(&ctx.paths, &r.id);
    let io = |e: std::io::Error| ApiError::internal(format!("{}: {e}", cp.record().display()));
    let _lock = crate::util::fs::Lock::exclusive(&cp.lock()).map_err(io)?;
    let mut current = list::load(&ctx.paths, &r.id)
        .map_err(|e| ApiError::internal(e.to_string()))?
        .ok_or_else(|| ApiError::not_found(format!("No such container: {}", r.id)))?;
    current.restart = policy;
    crate::util::fs::write_json(&cp.record(), &current).map_err(io)
}

pub(super) fn remove(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let force = req.q_bool("force", false)?;
    let volumes = req.q_bool("v", false)?;
    if req.q_bool("link", false)? {
        return Err(ApiError::bad_request(
            "rcon has no container links to remove",
        ));
    }
    let r = lookup(ctx, id)?;
    if let Some(pod) = r.pod.as_ref().filter(|p| p.infra) {
        return Err(ApiError::conflict(format!(
            "container {} is the infra container of pod {}: remove the pod",
            r.name, pod.id
        )));
    }
    if let Err(e) = crate::pod::service::check_removal(&ctx.paths, &r) {
        return Err(ApiError::conflict(e.to_string()));
    }
    match create::remove(&ctx.paths, &r.id, force) {
        Ok(()) => {}
        Err(CreateError::Running { .. }) => {
            return Err(ApiError::conflict(format!(
                "cannot remove container \"/{}\": container is running: stop the container \
                 before removing or force remove",
                r.name
            )))
        }
        // Removed meanwhile (its `--rm` after the kill): what force asked for.
        Err(CreateError::Gone { .. }) if force => {}
        Err(CreateError::Gone { .. }) => {
            return Err(ApiError::not_found(format!("No such container: {id}")))
        }
        Err(e) => return Err(ApiError::internal(e.to_string())),
    }
    if volumes {
        let anonymous = crate::container::volumes::volumes_of(&r);
        crate::container::volumes::remove_anonymous(&ctx.paths, &anonymous)
            .map_err(|e| ApiError::internal(e.to_string()))?;
    }
    Reply::no_content()
}

pub(super) fn prune(ctx: &Context, req: &mut Req) -> ApiResult {
    let mut specs = Vec::new();
    for (k, v) in req.filters()? {
        match k.as_str() {
            "label" | "label!" | "until" => specs.push(format!("{k}={v}")),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "invalid filter '{k}': container prune takes label, label! and until"
                )))
            }
        }
    }
    let filter = crate::cli::prune_filter::PruneFilter::parse_now(&specs)
        .map_err(|e| ApiError::bad_request(crate::cli::one_line(&e)))?;
    let sizes: std::collections::HashMap<String, u64> =
        crate::image::store::index::read(&ctx.paths.storage())
            .map(|i| {
                i.images
                    .iter()
                    .map(|i| (i.id.to_string(), i.size))
                    .collect()
            })
            .unwrap_or_default();
    let mut all = list::all(&ctx.paths).map_err(|e| ApiError::internal(e.to_string()))?;
    all.sort_by(|a, b| b.0.created.cmp(&a.0.created));
    let mut deleted = Vec::new();
    let mut reclaimed = 0u64;
    for (r, st) in all {
        if stop::is_running(&st) || st.supervisor_alive() || r.build {
            continue;
        }
        if r.pod.as_ref().is_some_and(|p| p.infra)
            || crate::pod::service::check_removal(&ctx.paths, &r).is_err()
        {
            continue;
        }
        if !filter.allows(Some(&r.created), &r.labels) {
            continue;
        }
        let image_size = sizes.get(&r.image_id.to_string()).copied().unwrap_or(0);
        let size = list::writable_size(&ctx.paths, &r, image_size);
        match create::remove(&ctx.paths, &r.id, false) {
            Ok(()) => {
                deleted.push(r.id.clone());
                reclaimed += size;
            }
            Err(CreateError::Gone { .. } | CreateError::Running { .. }) => {}
            Err(e) => return Err(ApiError::internal(e.to_string())),
        }
    }
    Reply::ok(json!({"ContainersDeleted": deleted, "SpaceReclaimed": reclaimed}))
}
