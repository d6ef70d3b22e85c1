//! GET /containers/json: `rcon ps` in Docker's shape. Like `ps`, it reads only each
//! container's record and state (a bridge network's addresses only for running containers).
use super::inspect::{docker_mount, image_name, network_mode, network_settings};
use crate::api::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::ps::Filters;
use crate::cli::Context;
use crate::container::list;
use crate::container::record::ContainerPaths;
use crate::container::state::{State, Status};
use crate::container::ContainerRecord;
use crate::network::NetworkMode;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Docker's filters rcon's `ps` filters do not know, checked here.
#[derive(Default)]
struct Extra {
    /// `status=`: the wanted states (Docker's `restarting` and `dead` match nothing here).
    status: Option<Vec<Status>>,
    network: Vec<String>,
    health: Vec<String>,
    /// `before=` and `since=`: created strictly before / after these containers.
    before: Option<String>,
    since: Option<String>,
}

pub(super) fn list(ctx: &Context, req: &mut Req) -> ApiResult {
    let mut all_flag = req.q_bool("all", false)?;
    let limit = req.q_int("limit")?.filter(|n| *n > 0);
    let size = req.q_bool("size", false)?;
    let mut ps_filters = Vec::new();
    let mut extra = Extra::default();
    for (k, v) in req.filters()? {
        match k.as_str() {
            "label" | "id" | "ancestor" | "exited" => ps_filters.push(format!("{k}={v}")),
            // Docker's names have a leading `/`; rcon's do not.
            "name" => {
                let v = match v.strip_prefix("^/") {
                    Some(rest) => format!("^{rest}"),
                    None => v.trim_start_matches('/').to_string(),
                };
                ps_filters.push(format!("name={v}"));
            }
            "status" => {
                let s = match v.as_str() {
                    "created" => Some(Status::Created),
                    "running" => Some(Status::Running),
                    "paused" => Some(Status::Paused),
                    "exited" => Some(Status::Exited),
                    "removing" => Some(Status::Removing),
                    "restarting" | "dead" => None,
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "invalid filter 'status={v}'"
                        )))
                    }
                };
                let list = extra.status.get_or_insert_with(Vec::new);
                list.extend(s);
            }
            "network" => extra.network.push(v),
            "health" => extra.health.push(v),
            "before" => extra.before = Some(created_of(ctx, &v)?),
            "since" => extra.since = Some(created_of(ctx, &v)?),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "invalid filter '{k}': rcon filters containers by label, name, status, id, \
                     ancestor, exited, network, health, before and since"
                )))
            }
        }
    }
    let filters =
        Filters::parse(&ps_filters).map_err(|e| ApiError::bad_request(crate::cli::one_line(&e)))?;
    if extra.status.is_some() || limit.is_some() {
        all_flag = true;
    }
    let mut rows: Vec<(ContainerRecord, State)> = list::all(&ctx.paths)
        .map_err(|e| ApiError::internal(e.to_string()))?
        .into_iter()
        .filter(|(r, s)| !r.build && (all_flag || s.status == Status::Running))
        .filter(|(r, s)| filters.keep(r, s) && extra.keep(ctx, r, s))
        .collect();
    rows.sort_by(|x, y| y.0.created.cmp(&x.0.created));
    if let Some(n) = limit {
        rows.truncate(n as usize);
    }
    let image_sizes: HashMap<String, u64> = if size {
        crate::image::store::index::read(&ctx.paths.storage())
            .map_err(|e| ApiError::internal(format!("cannot read the image index: {e}")))?
            .images
            .iter()
            .map(|i| (i.id.to_string(), i.size))
            .collect()
    } else {
        HashMap::new()
    };
    let out: Vec<Value> = rows
        .iter()
        .map(|(r, st)| {
            let mut v = summary(ctx, r, st);
            if size {
                let virt = image_sizes
                    .get(&r.image_id.to_string())
                    .copied()
                    .unwrap_or(0);
                v["SizeRw"] = json!(list::writable_size(&ctx.paths, r, virt));
                v["SizeRootFs"] = json!(virt);
            }
            v
        })
        .collect();
    Reply::ok(Value::Array(out))
}

/// The creation time of the container `name` names (for `before=` and `since=`).
fn created_of(ctx: &Context, name: &str) -> Result<String, ApiError> {
    Ok(super::inspect::lookup(ctx, name)?.created)
}

impl Extra {
    fn keep(&self, ctx: &Context, r: &ContainerRecord, st: &State) -> bool {
        let at = |t: &str| crate::util::time::parse_rfc3339_nanos(t).unwrap_or(0);
        self.status.as_ref().is_none_or(|s| s.contains(&st.status))
            && (self.network.is_empty() || self.network.iter().any(|n| on_network(r, n)))
            && (self.health.is_empty() || {
                let h = health_of(ctx, r).unwrap_or("none");
                self.health.iter().any(|w| w == h)
            })
            && self.before.as_ref().is_none_or(|b| at(&r.created) < at(b))
            && self.since.as_ref().is_none_or(|b| at(&r.created) > at(b))
    }
}

/// Whether `r` is on the network `n` (a name, an ID prefix, or Docker's `bridge`).
fn on_network(r: &ContainerRecord, n: &str) -> bool {
    match &r.network {
        NetworkMode::Bridge(nets) => nets.iter().any(|a| a.name == n),
        _ => network_mode(r) == n,
    }
}

/// The health status of a container with a healthcheck.
fn health_of(ctx: &Context, r: &ContainerRecord) -> Option<&'static str> {
    r.healthcheck.as_ref()?;
    let cp = ContainerPaths::new(&ctx.paths, &r.id);
    Some(
        crate::container::health::state::read(&cp.run)
            .unwrap_or_default()
            .status
            .as_str(),
    )
}

/// One container as Docker lists it.
fn summary(ctx: &Context, r: &ContainerRecord, st: &State) -> Value {
    let running = st.status == Status::Running;
    let mut status = crate::cli::container::status_text(st);
    if running {
        match health_of(ctx, r) {
            Some("starting") => status.push_str(" (health: starting)"),
            Some(h) => status = format!("{status} ({h})"),
            None => {}
        }
    }
    let ports: Vec<Value> = r
        .ports
        .iter()
        .map(|p| {
            let ip = if p.host_ip.is_empty() {
                "0.0.0.0"
            } else {
                &p.host_ip
            };
            json!({"IP": ip, "PrivatePort": p.container_port, "PublicPort": p.host_port,
                   "Type": p.protocol})
        })
        .collect();
    let networks = match &r.network {
        // Addresses on a bridge network are known while the container runs.
        NetworkMode::Bridge(_) if running => {
            let ns = crate::network::inspect_settings(
                &ctx.paths,
                &r.id,
                &r.network,
                &[],
                Some(st.init_pid),
            );
            let mut ns = network_settings(ns, r);
            ns["Networks"].take()
        }
        NetworkMode::Bridge(nets) => nets
            .iter()
            .map(|n| {
                (
                    n.name.clone(),
                    json!({"IPAddress": "", "Gateway": "", "MacAddress": "",
                           "Aliases": n.aliases, "NetworkID": ""}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into(),
        NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_) => json!({"bridge": {
            "IPAddress": "", "Gateway": "", "MacAddress": "", "NetworkID": "bridge"}}),
        _ => json!({}),
    };
    json!({
        "Id": r.id,
        "Names": [format!("/{}", r.name)],
        "Image": image_name(r),
        "ImageID": r.image_id.to_string(),
        "Command": r.command.join(" "),
        "Created": crate::util::time::parse_rfc3339(&r.created).unwrap_or(0),
        "Ports": ports,
        "Labels": r.labels,
        "State": st.status.as_str(),
        "Status": status,
        "HostConfig": {"NetworkMode": network_mode(r)},
        "NetworkSettings": {"Networks": networks},
        "Mounts": r.mounts.iter().map(docker_mount).collect::<Vec<_>>(),
    })
}
