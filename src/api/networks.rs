//! `/networks`: rcon's named networks in Docker's shape, plus Docker's three predefined ones:
//! `bridge` is the network a container gets when none is named (rcon's rootless default,
//! slirp4netns or pasta), `host` the host's, `none` only loopback.
//!
//! Connecting and disconnecting go through `runtime::connect`, as `rcon network connect` does:
//! a stopped container's record changes (the change takes effect at its next start), a running
//! one on named networks is linked or unlinked now; the predefined networks change only the
//! record of a stopped container.
use super::http::{ApiError, ApiResult, Reply, Req};
use super::routes::segments;
use super::system::lib;
use crate::cli::Context;
use crate::container::list;
use crate::container::record::{ContainerRecord, NetworkMode};
use crate::container::state::{State, Status};
use crate::network::networks::{self, Network, NetworkError, NewNetwork};
use crate::runtime::connect::{self, ConnectError};
use hyper::http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let segs = segments(&req.path, "/networks")?;
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    Some(match (&req.method, segs.as_slice()) {
        (&Method::GET, []) => ls(ctx, req),
        (&Method::POST, ["create"]) => create(ctx, req),
        (&Method::POST, ["prune"]) => prune(ctx, req),
        (&Method::GET, [id]) => inspect(ctx, id),
        (&Method::DELETE, [id]) => remove(ctx, id),
        (&Method::POST, [id, "connect"]) => connect(ctx, req, id),
        (&Method::POST, [id, "disconnect"]) => disconnect(ctx, req, id),
        _ => return None,
    })
}

/// Docker's predefined networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Predefined {
    Bridge,
    Host,
    None,
}

impl Predefined {
    const ALL: [Predefined; 3] = [Predefined::Bridge, Predefined::Host, Predefined::None];

    fn name(self) -> &'static str {
        match self {
            Predefined::Bridge => "bridge",
            Predefined::Host => "host",
            Predefined::None => "none",
        }
    }

    fn driver(self) -> &'static str {
        match self {
            Predefined::Bridge => "bridge",
            Predefined::Host => "host",
            Predefined::None => "null",
        }
    }

    /// A stable ID: the digest of the name, so `inspect` by ID works across processes.
    fn id(self) -> String {
        crate::util::digest::Digest::of(format!("rcon network {}", self.name()).as_bytes())
            .hex()
            .to_string()
    }

    /// Whether a container with `mode` is on it.
    fn holds(self, mode: &NetworkMode) -> bool {
        match self {
            Predefined::Bridge => {
                matches!(mode, NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_))
            }
            Predefined::Host => *mode == NetworkMode::Host,
            Predefined::None => *mode == NetworkMode::None,
        }
    }

    /// `input` as a name (`default` is rcon's word for the bridge), a full ID or an ID prefix.
    fn find(input: &str) -> Option<Predefined> {
        Predefined::ALL.into_iter().find(|p| {
            p.name() == input
                || (*p == Predefined::Bridge && input == "default")
                || (input.len() >= 3
                    && input.chars().all(|c| c.is_ascii_hexdigit())
                    && p.id().starts_with(input))
        })
    }
}

/// A network the API knows: predefined or named.
enum Net {
    Predefined(Predefined),
    Named(Box<Network>),
}

fn net_error(e: NetworkError) -> ApiError {
    match e {
        NetworkError::NotFound(n) => ApiError::not_found(format!("network {n} not found")),
        NetworkError::Exists(n) => {
            ApiError::conflict(format!("network with name {n} already exists"))
        }
        e @ (NetworkError::BadName(_)
        | NetworkError::Overlap(_)
        | NetworkError::Invalid(_)
        | NetworkError::NoSubnet) => ApiError::bad_request(e.to_string()),
        e @ (NetworkError::InUse { .. } | NetworkError::Default(_)) => {
            ApiError::new(StatusCode::FORBIDDEN, e.to_string())
        }
        e => ApiError::internal(e.to_string()),
    }
}

fn find(ctx: &Context, input: &str) -> Result<Net, ApiError> {
    match networks::find(&ctx.paths, input) {
        Ok(n) => Ok(Net::Named(Box::new(n))),
        Err(NetworkError::NotFound(_)) => Predefined::find(input)
            .map(Net::Predefined)
            .ok_or_else(|| ApiError::not_found(format!("network {input} not found"))),
        Err(e) => Err(net_error(e)),
    }
}

/// Every container with its state.
fn containers(ctx: &Context) -> Result<Vec<(ContainerRecord, State)>, ApiError> {
    list::all(&ctx.paths).map_err(lib)
}

fn on_named(mode: &NetworkMode, name: &str) -> bool {
    matches!(mode, NetworkMode::Bridge(b) if b.iter().any(|a| a.name == name))
}

/// A running container's endpoint on a network.
fn endpoint(r: &ContainerRecord, ip: &str, mac: &str) -> Value {
    json!({
        "Name": r.name,
        "EndpointID": crate::util::digest::Digest::of(format!("{}{}", r.id, ip).as_bytes()).hex(),
        "MacAddress": mac,
        "IPv4Address": ip,
        "IPv6Address": "",
    })
}

/// Docker's network JSON; `all` is every container (the running ones are its endpoints).
fn docker_network(ctx: &Context, net: &Net, all: &[(ContainerRecord, State)]) -> Value {
    let running = |s: &State| matches!(s.status, Status::Running | Status::Paused);
    let mut eps = Map::new();
    let v = match net {
        Net::Predefined(p) => {
            for (r, s) in all {
                if p.holds(&r.network) && running(s) {
                    let ip = if *p == Predefined::Bridge {
                        "10.0.2.100/24"
                    } else {
                        ""
                    };
                    eps.insert(r.id.clone(), endpoint(r, ip, ""));
                }
            }
            let config = match p {
                Predefined::Bridge => json!([{"Subnet": "10.0.2.0/24", "Gateway": "10.0.2.2"}]),
                _ => json!([]),
            };
            let options = match p {
                Predefined::Bridge => json!({
                    "com.docker.network.bridge.default_bridge": "true",
                    "com.docker.network.bridge.name": "rcon0",
                }),
                _ => json!({}),
            };
            json!({
                "Name": p.name(),
                "Id": p.id(),
                "Created": "0001-01-01T00:00:00Z",
                "Driver": p.driver(),
                "EnableIPv6": false,
                "IPAM": {"Driver": "default", "Options": null, "Config": config},
                "Internal": false,
                "Options": options,
                "Labels": {},
            })
        }
        Net::Named(n) => {
            for e in crate::network::ipam::entries(&ctx.paths, &n.id) {
                if let Some((r, _)) = all.iter().find(|(r, s)| r.id == e.id && running(s)) {
                    let prefix = n
                        .subnets
                        .first()
                        .and_then(|s| networks::Cidr::parse(&s.subnet))
                        .map_or(24, |c| c.prefix);
                    eps.insert(
                        r.id.clone(),
                        endpoint(r, &format!("{}/{prefix}", e.ip), &e.mac),
                    );
                }
            }
            json!({
                "Name": n.name,
                "Id": n.id,
                "Created": n.created,
                "Driver": n.driver,
                "EnableIPv6": n.ipv6_enabled,
                "IPAM": {
                    "Driver": "default",
                    "Options": n.ipam_options,
                    "Config": n.subnets.iter()
                        .map(|s| json!({"Subnet": s.subnet, "Gateway": s.gateway}))
                        .collect::<Vec<_>>(),
                },
                "Internal": n.internal,
                "Options": n.options,
                "Labels": n.labels,
            })
        }
    };
    let mut v = v;
    if let Some(m) = v.as_object_mut() {
        m.insert("Scope".into(), "local".into());
        m.insert("EnableIPv4".into(), true.into());
        m.insert("Attachable".into(), false.into());
        m.insert("Ingress".into(), false.into());
        m.insert("ConfigFrom".into(), json!({"Network": ""}));
        m.insert("ConfigOnly".into(), false.into());
        m.insert("Containers".into(), Value::Object(eps));
    }
    v
}

/// Every network: the predefined ones first, as Docker lists them.
fn all_nets(ctx: &Context) -> Result<Vec<Net>, ApiError> {
    let mut out: Vec<Net> = Predefined::ALL.into_iter().map(Net::Predefined).collect();
    out.extend(
        networks::list(&ctx.paths)
            .map_err(net_error)?
            .into_iter()
            .map(|n| Net::Named(Box::new(n))),
    );
    Ok(out)
}

/// Whether `net` is one of Docker's predefined networks or rcon's default one.
fn builtin(net: &Net) -> bool {
    match net {
        Net::Predefined(_) => true,
        Net::Named(n) => networks::is_default(n),
    }
}

fn ls(ctx: &Context, req: &Req) -> ApiResult {
    let filters = req.filters()?;
    let all = containers(ctx)?;
    let mut out = Vec::new();
    'nets: for net in all_nets(ctx)? {
        let v = docker_network(ctx, &net, &all);
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let labels: BTreeMap<String, String> =
            serde_json::from_value(v["Labels"].clone()).unwrap_or_default();
        for (k, val) in &filters {
            let keep = match k.as_str() {
                "name" => text("Name").contains(val.as_str()),
                "id" => text("Id").starts_with(val.as_str()),
                "label" => crate::util::labels::matches(&labels, val),
                "driver" => text("Driver") == *val,
                "scope" => val == "local",
                "type" => match val.as_str() {
                    // rcon's default network (`podman`) is one nobody made, as Docker's own.
                    "builtin" => builtin(&net),
                    "custom" => !builtin(&net),
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "invalid filter: 'type'='{val}'"
                        )))
                    }
                },
                "dangling" => {
                    let dangling = match &net {
                        _ if builtin(&net) => false,
                        Net::Predefined(_) => false,
                        Net::Named(n) => !all.iter().any(|(r, _)| on_named(&r.network, &n.name)),
                    };
                    match val.as_str() {
                        "true" | "1" => dangling,
                        "false" | "0" => !dangling,
                        _ => {
                            return Err(ApiError::bad_request(format!(
                                "invalid filter 'dangling={val}'"
                            )))
                        }
                    }
                }
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "invalid filter '{k}': networks filter by name, id, label, driver, type, \
                         scope and dangling"
                    )))
                }
            };
            if !keep {
                continue 'nets;
            }
        }
        out.push(v);
    }
    Reply::ok(Value::Array(out))
}

fn inspect(ctx: &Context, id: &str) -> ApiResult {
    let net = find(ctx, id)?;
    Reply::ok(docker_network(ctx, &net, &containers(ctx)?))
}

/// `/networks/create`'s body (Docker's `NetworkCreateRequest`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    driver: String,
    #[serde(default)]
    internal: bool,
    #[serde(default, rename = "EnableIPv6")]
    enable_ipv6: Option<bool>,
    #[serde(default, rename = "IPAM")]
    ipam: Option<Ipam>,
    #[serde(default)]
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Ipam {
    #[serde(default)]
    config: Option<Vec<IpamConfig>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct IpamConfig {
    #[serde(default)]
    subnet: String,
    #[serde(default)]
    gateway: String,
}

fn create(ctx: &Context, req: &mut Req) -> ApiResult {
    let body: CreateBody = req.json()?;
    if body.name.is_empty() {
        return Err(ApiError::bad_request("network name must not be empty"));
    }
    if Predefined::find(&body.name).is_some_and(|p| p.name() == body.name) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "{} is a pre-defined network and cannot be created",
                body.name
            ),
        ));
    }
    if !matches!(body.driver.as_str(), "" | "bridge") {
        return Err(ApiError::not_found(format!(
            "plugin \"{}\" not found: rcon's networks use the bridge driver only",
            body.driver
        )));
    }
    if body.enable_ipv6 == Some(true) {
        return Err(ApiError::bad_request(
            "rcon's networks are IPv4 only: leave EnableIPv6 false",
        ));
    }
    let configs = body.ipam.and_then(|i| i.config).unwrap_or_default();
    if configs.len() > 1 {
        return Err(ApiError::bad_request(
            "rcon's networks have one subnet: give one IPAM config",
        ));
    }
    let first = configs.into_iter().next().unwrap_or_default();
    let new = NewNetwork {
        name: Some(body.name),
        driver: "bridge".into(),
        subnet: (!first.subnet.is_empty()).then_some(first.subnet),
        gateway: (!first.gateway.is_empty()).then_some(first.gateway),
        internal: body.internal,
        labels: body.labels.unwrap_or_default(),
    };
    let n = networks::create(&ctx.paths, &new).map_err(net_error)?;
    Reply::created(json!({"Id": n.id, "Warning": ""}))
}

fn remove(ctx: &Context, id: &str) -> ApiResult {
    let n = match find(ctx, id)? {
        Net::Named(n) => n,
        Net::Predefined(p) => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "{} is a pre-defined network and cannot be removed",
                    p.name()
                ),
            ))
        }
    };
    let users: Vec<String> = containers(ctx)?
        .into_iter()
        .filter(|(r, _)| on_named(&r.network, &n.name))
        .map(|(r, _)| r.name)
        .collect();
    if !users.is_empty() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "error while removing network: network {} id {} has active endpoints ({})",
                n.name,
                n.id,
                users.join(", ")
            ),
        ));
    }
    networks::remove(&ctx.paths, &n.name).map_err(net_error)?;
    Reply::no_content()
}

fn prune(ctx: &Context, req: &Req) -> ApiResult {
    let specs: Vec<String> = req
        .filters()?
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let filter = crate::cli::PruneFilter::parse_now(&specs)
        .map_err(|e| ApiError::bad_request(crate::cli::one_line(&e)))?;
    let all = containers(ctx)?;
    let mut removed = Vec::new();
    for n in networks::list(&ctx.paths).map_err(net_error)? {
        if networks::is_default(&n)
            || !filter.allows(Some(&n.created), &n.labels)
            || all.iter().any(|(r, _)| on_named(&r.network, &n.name))
        {
            continue;
        }
        networks::remove(&ctx.paths, &n.name).map_err(net_error)?;
        removed.push(n.name);
    }
    Reply::ok(json!({"NetworksDeleted": removed}))
}

/// `connect`'s body.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ConnectBody {
    #[serde(default)]
    container: String,
    #[serde(default)]
    endpoint_config: Option<EndpointConfig>,
}

/// `disconnect`'s body.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DisconnectBody {
    #[serde(default)]
    container: String,
    #[serde(default)]
    force: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EndpointConfig {
    #[serde(default)]
    aliases: Option<Vec<String>>,
}

/// The API's answer to a failed connect or disconnect, with Docker's status codes.
fn connect_error(e: ConnectError) -> ApiError {
    match e {
        ConnectError::Container(l) if l.is_not_found() => {
            ApiError::not_found(format!("No such container: {}", container_input(&l)))
        }
        ConnectError::Network(e) => net_error(e),
        e @ (ConnectError::Already { .. } | ConnectError::NotConnected { .. }) => {
            ApiError::new(StatusCode::FORBIDDEN, e.to_string())
        }
        e @ ConnectError::Mode(_) => ApiError::bad_request(e.to_string()),
        e => ApiError::internal(e.to_string()),
    }
}

/// The name a client gave for a container that was not found.
fn container_input(e: &crate::container::list::ListError) -> String {
    match e {
        crate::container::list::ListError::NotFound { input } => input.clone(),
        e => e.to_string(),
    }
}

/// Connects to or disconnects from one of the predefined networks: only the record of a
/// stopped container changes.
fn change_predefined(
    ctx: &Context,
    input: &str,
    p: Predefined,
    verb: &'static str,
    change: &dyn Fn(&mut NetworkMode) -> Result<(), ConnectError>,
) -> ApiResult {
    let (pid, pname) = (p.id(), p.name());
    connect::change_record(
        &ctx.paths,
        input,
        verb,
        (&pid, pname),
        &mut |r, running, mode| {
            if running {
                return Err(ConnectError::Running {
                    container: r.name.clone(),
                    mode: format!("network mode {}", mode_name(mode)),
                    verb,
                });
            }
            change(mode)
        },
    )
    .map_err(connect_error)?;
    Ok(Reply::Empty(StatusCode::OK))
}

fn mode_name(mode: &NetworkMode) -> &'static str {
    match mode {
        NetworkMode::Bridge(_) => "bridge",
        NetworkMode::Host => "host",
        NetworkMode::None => "none",
        NetworkMode::Slirp4netns(_) => "slirp4netns",
        NetworkMode::Pasta(_) => "pasta",
        _ => "container",
    }
}

fn connect(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let body: ConnectBody = req.json()?;
    let net = find(ctx, id)?;
    let aliases = body
        .endpoint_config
        .and_then(|e| e.aliases)
        .unwrap_or_default();
    match net {
        Net::Predefined(p) => {
            let pname = p.name();
            change_predefined(ctx, &body.container, p, "connect", &|mode| {
                if p.holds(mode) {
                    return Ok(());
                }
                match (p, &*mode) {
                    (Predefined::Bridge, NetworkMode::Bridge(_)) => Ok(()),
                    (Predefined::Bridge, NetworkMode::None) => {
                        *mode = crate::network::default_mode();
                        Ok(())
                    }
                    _ => Err(ConnectError::Mode(format!(
                        "container cannot be connected to network {pname} with its current \
                         network mode"
                    ))),
                }
            })
        }
        Net::Named(n) => {
            connect::connect(&ctx.paths, &n.id, &body.container, &aliases)
                .map_err(connect_error)?;
            Ok(Reply::Empty(StatusCode::OK))
        }
    }
}

fn disconnect(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let body: DisconnectBody = req.json()?;
    match find(ctx, id)? {
        Net::Predefined(p) => {
            let container = body.container.clone();
            change_predefined(ctx, &body.container, p, "disconnect", &|mode| {
                if !p.holds(mode) {
                    return Err(ConnectError::NotConnected {
                        container: container.clone(),
                        network: p.name().to_string(),
                    });
                }
                *mode = NetworkMode::None;
                Ok(())
            })
        }
        Net::Named(n) => {
            connect::disconnect(&ctx.paths, &n.id, &body.container, body.force)
                .map_err(connect_error)?;
            Ok(Reply::Empty(StatusCode::OK))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_networks_answer_to_names_and_ids() {
        assert_eq!(Predefined::find("bridge"), Some(Predefined::Bridge));
        assert_eq!(Predefined::find("default"), Some(Predefined::Bridge));
        assert_eq!(Predefined::find("none"), Some(Predefined::None));
        let id = Predefined::Host.id();
        assert_eq!(id.len(), 64);
        assert_eq!(Predefined::find(&id[..12]), Some(Predefined::Host));
        assert_eq!(Predefined::find("mynet"), None);
    }
}
