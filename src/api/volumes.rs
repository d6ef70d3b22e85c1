//! `/volumes`: list, create, inspect, remove and prune volumes, in Docker's shapes, over the
//! same volume store `rcon volume` uses.
use super::http::{ApiError, ApiResult, Reply, Req};
use super::routes::segments;
use crate::cli::Context;
use crate::container::volumes::{self, NewVolume, Volume, VolumeError};
use hyper::http::Method;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let segs = segments(&req.path, "/volumes")?;
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    Some(match (&req.method, segs.as_slice()) {
        (&Method::GET, []) => ls(ctx, req),
        (&Method::POST, ["create"]) => create(ctx, req),
        (&Method::POST, ["prune"]) => prune(ctx, req),
        (&Method::GET, [name]) => inspect(ctx, name),
        (&Method::DELETE, [name]) => remove(ctx, req, name),
        _ => return None,
    })
}

/// A volume as Docker's `/volumes` answers show it.
pub(super) fn docker_volume(v: &Volume) -> Value {
    json!({
        "Name": v.name,
        "Driver": v.driver,
        "Mountpoint": v.mountpoint.display().to_string(),
        "CreatedAt": v.created_at,
        "Labels": v.labels,
        "Scope": "local",
        "Options": v.options,
        "Status": {},
    })
}

fn error(e: VolumeError) -> ApiError {
    match e {
        VolumeError::NotFound { name } => {
            ApiError::not_found(format!("get {name}: no such volume"))
        }
        e @ VolumeError::InUse { .. } => ApiError::conflict(e.to_string()),
        e @ (VolumeError::BadName { .. } | VolumeError::BadOption { .. }) => {
            ApiError::bad_request(e.to_string())
        }
        e => ApiError::internal(e.to_string()),
    }
}

/// The names of the volumes some container mounts.
fn used(ctx: &Context) -> Result<HashSet<String>, ApiError> {
    Ok(crate::container::list::all(&ctx.paths)
        .map_err(super::system::lib)?
        .iter()
        .flat_map(|(r, _)| volumes::volumes_of(r))
        .collect())
}

fn ls(ctx: &Context, req: &Req) -> ApiResult {
    let filters = req.filters()?;
    let used = used(ctx)?;
    let mut out = Vec::new();
    'vols: for v in volumes::list(&ctx.paths).map_err(error)? {
        for (k, val) in &filters {
            let keep = match k.as_str() {
                "name" => v.name.contains(val.as_str()),
                "label" => crate::util::labels::matches(&v.labels, val),
                "driver" => v.driver == *val,
                "dangling" => match val.as_str() {
                    "true" | "1" => !used.contains(&v.name),
                    "false" | "0" => used.contains(&v.name),
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "invalid filter 'dangling={val}': expected true or false"
                        )))
                    }
                },
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "invalid filter '{k}': volumes filter by name, label, driver and dangling"
                    )))
                }
            };
            if !keep {
                continue 'vols;
            }
        }
        out.push(docker_volume(&v));
    }
    Reply::ok(json!({"Volumes": out, "Warnings": []}))
}

/// `/volumes/create`'s body (Docker's `VolumeCreateOptions`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    driver: String,
    #[serde(default)]
    driver_opts: Option<BTreeMap<String, String>>,
    #[serde(default)]
    labels: Option<BTreeMap<String, String>>,
}

fn create(ctx: &Context, req: &mut Req) -> ApiResult {
    let body: CreateBody = req.json()?;
    if !matches!(body.driver.as_str(), "" | "local") {
        return Err(ApiError::not_found(format!(
            "error looking up volume plugin {}: plugin \"{}\" not found (rcon has the local driver only)",
            body.driver, body.driver
        )));
    }
    let _lock = volumes::lock(&ctx.paths).map_err(error)?;
    if !body.name.is_empty() {
        // Docker answers an existing name with that volume.
        if let Some(v) = volumes::load(&ctx.paths, &body.name).map_err(error)? {
            return Reply::created(docker_volume(&v));
        }
    }
    let new = NewVolume {
        name: (!body.name.is_empty()).then_some(body.name),
        labels: body.labels.unwrap_or_default(),
        options: body.driver_opts.unwrap_or_default(),
        anonymous: false,
    };
    let v = volumes::create_locked(&ctx.paths, &new).map_err(error)?;
    Reply::created(docker_volume(&v))
}

fn inspect(ctx: &Context, name: &str) -> ApiResult {
    match volumes::load(&ctx.paths, name).map_err(error)? {
        Some(v) => Reply::ok(docker_volume(&v)),
        None => Err(ApiError::not_found(format!("get {name}: no such volume"))),
    }
}

/// Docker's `force` does not remove the containers using the volume: it only makes a missing
/// volume no error.
fn remove(ctx: &Context, req: &Req, name: &str) -> ApiResult {
    let force = req.q_bool("force", false)?;
    match volumes::remove(&ctx.paths, name, false) {
        Ok(()) => Reply::no_content(),
        Err(VolumeError::NotFound { .. }) if force => Reply::no_content(),
        Err(VolumeError::InUse { name, containers }) => Err(ApiError::conflict(format!(
            "remove {name}: volume is in use - [{containers}]"
        ))),
        Err(e) => Err(error(e)),
    }
}

/// Since API 1.42 a prune removes anonymous volumes only, unless `all=true` is a filter.
fn prune(ctx: &Context, req: &Req) -> ApiResult {
    let mut labels = Vec::new();
    let mut all = req.version < (1, 42);
    for (k, v) in req.filters()? {
        match k.as_str() {
            "label" => labels.push(v),
            "all" => all = matches!(v.as_str(), "true" | "1"),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "invalid filter '{k}': volume prune filters by label and all"
                )))
            }
        }
    }
    let named: HashSet<String> = if all {
        HashSet::new()
    } else {
        volumes::list(&ctx.paths)
            .map_err(error)?
            .into_iter()
            .filter(|v| !v.anonymous)
            .map(|v| v.name)
            .collect()
    };
    let sizes: Vec<(String, u64)> = volumes::list(&ctx.paths)
        .map_err(error)?
        .into_iter()
        .map(|v| {
            let size = crate::container::list::tree_size(&v.mountpoint);
            (v.name, size)
        })
        .collect();
    let removed =
        volumes::prune_where(&ctx.paths, &labels, &|name| !named.contains(name)).map_err(error)?;
    let reclaimed: u64 = sizes
        .iter()
        .filter(|(n, _)| removed.contains(n))
        .map(|(_, s)| s)
        .sum();
    Reply::ok(json!({"VolumesDeleted": removed, "SpaceReclaimed": reclaimed}))
}
