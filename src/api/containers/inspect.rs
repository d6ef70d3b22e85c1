//! GET /containers/{id}/json, in Docker's shape: `rcon inspect`'s data (the CLI's
//! [`crate::cli::container::inspect_value`]) with the fields Docker's clients read renamed or
//! reshaped.
use crate::api::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::Context;
use crate::container::list::{self, ListError};
use crate::container::record::RecordMount;
use crate::container::ContainerRecord;
use serde_json::{json, Map, Value};

pub(super) fn inspect(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let r = lookup(ctx, id)?;
    let mut v = docker_inspect(ctx, &r)?;
    if req.q_bool("size", false)? {
        crate::cli::container::add_sizes(ctx, &r, &mut v)
            .map_err(|e| ApiError::internal(crate::cli::one_line(&e)))?;
    }
    Reply::ok(v)
}

/// The container `id` names (full ID, ID prefix or name, with or without Docker's leading
/// `/`); 404 `No such container: id` when none does.
pub(super) fn lookup(ctx: &Context, id: &str) -> Result<ContainerRecord, ApiError> {
    let name = id.strip_prefix('/').unwrap_or(id);
    match list::find(&ctx.paths, name) {
        Ok(r) => Ok(r),
        Err(ListError::NotFound { .. }) => {
            Err(ApiError::not_found(format!("No such container: {id}")))
        }
        Err(e @ ListError::Ambiguous { .. }) => Err(ApiError::bad_request(e.to_string())),
        Err(e) => Err(ApiError::internal(e.to_string())),
    }
}

/// The image name as Docker shows it: Docker Hub's `docker.io/library/` left out.
pub(super) fn image_name(r: &ContainerRecord) -> String {
    if let Some(given) = &r.image_given {
        return given.clone();
    }
    let n = &r.image_name;
    n.strip_prefix("docker.io/library/")
        .or_else(|| n.strip_prefix("docker.io/"))
        .unwrap_or(n)
        .to_string()
}

/// rcon's network mode as Docker names it: its default rootless network is Docker's
/// `bridge`.
pub(super) fn network_mode(r: &ContainerRecord) -> String {
    use crate::network::NetworkMode;
    match &r.network {
        NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_) => "bridge".into(),
        NetworkMode::Bridge(nets) => nets.first().map(|n| n.name.clone()).unwrap_or_default(),
        NetworkMode::Container(id) => format!("container:{id}"),
        m => crate::network::mode_name(m).to_string(),
    }
}

/// `NetworkSettings` as Docker has it: rcon's, with the default network named `bridge` and
/// unspecified host addresses as `0.0.0.0`.
pub(super) fn network_settings(mut ns: Value, r: &ContainerRecord) -> Value {
    use crate::network::NetworkMode;
    if matches!(
        r.network,
        NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_)
    ) {
        if let Some(Value::Object(nets)) = ns.get_mut("Networks") {
            let taken: Vec<(String, Value)> = std::mem::take(nets).into_iter().collect();
            for (_, mut v) in taken {
                v["NetworkID"] = json!("bridge");
                nets.insert("bridge".into(), v);
            }
        }
    }
    if let Some(Value::Object(ports)) = ns.get_mut("Ports") {
        for list in ports.values_mut().filter_map(Value::as_array_mut) {
            for b in list {
                if b.get("HostIp").and_then(Value::as_str) == Some("") {
                    b["HostIp"] = json!("0.0.0.0");
                }
            }
        }
    }
    ns
}

/// A mount as Docker lists it.
pub(super) fn docker_mount(m: &RecordMount) -> Value {
    let mut v = json!({
        "Type": m.kind,
        "Source": m.source,
        "Destination": m.destination,
        "Mode": m.mode,
        "RW": m.rw,
        "Propagation": m.propagation,
    });
    if let Some(n) = &m.name {
        v["Name"] = json!(n);
        v["Driver"] = json!(m.driver);
    }
    v
}

/// The whole inspect object of `r`.
pub(super) fn docker_inspect(ctx: &Context, r: &ContainerRecord) -> Result<Value, ApiError> {
    let mut v = crate::cli::container::inspect_value(ctx, r)?;
    v["Name"] = json!(format!("/{}", r.name));
    v["Image"] = json!(r.image_id.to_string());
    v["Platform"] = json!("linux");
    v["Driver"] = json!(r.storage_driver);
    v["ExecIDs"] = Value::Null;
    v["Mounts"] = r.mounts.iter().map(docker_mount).collect();
    if let Some(top) = v.as_object_mut() {
        for k in ["Pod", "IsInfra", "IsService"] {
            top.remove(k);
        }
    }
    if let Some(state) = v.get_mut("State").and_then(Value::as_object_mut) {
        for k in ["OciVersion", "ConmonPid", "StoppedByUser", "Healthcheck"] {
            state.remove(k);
        }
    }
    let exposed: Map<String, Value> = r
        .ports
        .iter()
        .map(|p| (format!("{}/{}", p.container_port, p.protocol), json!({})))
        .collect();
    if let Some(config) = v.get_mut("Config").and_then(Value::as_object_mut) {
        config.insert("Image".into(), json!(image_name(r)));
        if !exposed.is_empty() {
            config.insert("ExposedPorts".into(), Value::Object(exposed));
        }
        for k in [
            "CreateCommand",
            "HealthcheckOnFailureAction",
            "HealthLogDestination",
        ] {
            config.remove(k);
        }
        config.remove("HealthMaxLogCount");
        config.remove("HealthMaxLogSize");
        if config
            .get("Cmd")
            .is_some_and(|c| c.as_array().is_some_and(Vec::is_empty))
        {
            config.insert("Cmd".into(), Value::Null);
        }
        if config
            .get("Entrypoint")
            .is_some_and(|c| c.as_array().is_some_and(Vec::is_empty))
        {
            config.insert("Entrypoint".into(), Value::Null);
        }
    }
    let binds: Vec<String> = r
        .mounts
        .iter()
        .filter(|m| m.kind == "bind" || m.kind == "volume")
        .map(|m| {
            let src = m.name.as_deref().unwrap_or(&m.source);
            let ro = if m.rw { "" } else { ":ro" };
            format!("{src}:{}{ro}", m.destination)
        })
        .collect();
    if let Some(h) = v.get_mut("HostConfig").and_then(Value::as_object_mut) {
        h.insert("NetworkMode".into(), json!(network_mode(r)));
        h.insert("Binds".into(), json!(binds));
        let restart = if r.restart.name.is_empty() {
            "no"
        } else {
            r.restart.name.as_str()
        };
        h.insert(
            "RestartPolicy".into(),
            json!({"Name": restart, "MaximumRetryCount": r.restart.max_retries}),
        );
        let log_type = match r.log_driver.as_str() {
            "k8s-file" => "json-file",
            other => other,
        };
        let mut log_config = Map::new();
        if r.log_max_size > 0 {
            log_config.insert("max-size".into(), json!(r.log_max_size.to_string()));
        }
        if let Some(t) = &r.log_tag {
            log_config.insert("tag".into(), json!(t));
        }
        h.insert(
            "LogConfig".into(),
            json!({"Type": log_type, "Config": log_config}),
        );
        if let Some(Value::Array(us)) = h.get_mut("Ulimits") {
            for u in us {
                if let Some(n) = u.get("Name").and_then(Value::as_str) {
                    let n = n.strip_prefix("RLIMIT_").unwrap_or(n).to_ascii_lowercase();
                    u["Name"] = json!(n);
                }
            }
        }
        h.insert("Devices".into(), json!([]));
        h.insert("ShmSize".into(), json!(64 << 20));
        let all = r.extra.get("PublishAllPorts").and_then(Value::as_bool);
        h.insert("PublishAllPorts".into(), json!(all.unwrap_or(false)));
        if h.get("CpuShares").is_none() {
            h.insert("CpuShares".into(), json!(0));
        }
    }
    let ns = v.get("NetworkSettings").cloned().unwrap_or(Value::Null);
    v["NetworkSettings"] = network_settings(ns, r);
    Ok(v)
}
