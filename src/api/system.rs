//! `/_ping`, `/version`, `/info`, `/system/df`, `/auth`.
use super::conn::{API_VERSION, MIN_API_VERSION};
use super::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::Context;
use crate::container::list;
use crate::container::state::Status;
use crate::container::volumes;
use crate::image::store::index;
use crate::image::store::Store;
use hyper::http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let m = &req.method;
    Some(match (m, req.path.as_str()) {
        (&Method::GET | &Method::HEAD, "/_ping") => ping(),
        (&Method::GET, "/version") => Reply::ok(version()),
        (&Method::GET, "/info") => info(ctx),
        (&Method::GET, "/system/df") => df(ctx),
        (&Method::POST, "/auth") => auth(ctx, req),
        _ => return None,
    })
}

/// An error of the library as the API answers it (see [`ApiError::from_anyhow`]).
pub(super) fn lib<E: std::error::Error + Send + Sync + 'static>(e: E) -> ApiError {
    ApiError::from_anyhow(&anyhow::Error::new(e))
}

/// `OK`, as text; the version headers are on every answer (see conn.rs). `Builder-Version: 1`
/// says rcon builds with the classic builder (`POST /build`), not BuildKit's session.
fn ping() -> ApiResult {
    Ok(Reply::WithHeaders(
        vec![
            ("Builder-Version", "1".into()),
            (
                "Cache-Control",
                "no-cache, no-store, must-revalidate".into(),
            ),
            ("Pragma", "no-cache".into()),
        ],
        Box::new(Reply::Bytes(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            b"OK".to_vec(),
        )),
    ))
}

fn api(v: (u32, u32)) -> String {
    format!("{}.{}", v.0, v.1)
}

/// Docker's `/version` shape; rcon is the engine.
pub(super) fn version() -> serde_json::Value {
    let (kernel, _) = crate::cli::uname();
    let arch = crate::cli::go_arch();
    let version = env!("CARGO_PKG_VERSION");
    json!({
        "Platform": {"Name": "rcon"},
        "Components": [{
            "Name": "Engine",
            "Version": version,
            "Details": {
                "ApiVersion": api(API_VERSION),
                "MinAPIVersion": api(MIN_API_VERSION),
                "Os": "linux",
                "Arch": arch,
                "KernelVersion": kernel,
            },
        }],
        "Version": version,
        "ApiVersion": api(API_VERSION),
        "MinAPIVersion": api(MIN_API_VERSION),
        "GitCommit": "",
        "GoVersion": "",
        "Os": "linux",
        "Arch": arch,
        "KernelVersion": kernel,
        "BuildTime": "",
    })
}

/// A field of /etc/os-release, unquoted; empty when absent.
fn os_release(field: &str) -> String {
    let text = std::fs::read_to_string("/etc/os-release")
        .or_else(|_| std::fs::read_to_string("/usr/lib/os-release"))
        .unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_default()
}

/// MemTotal of /proc/meminfo, in bytes.
fn mem_total() -> u64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// A stable ID for this engine: the machine's ID with the user's (Docker's is a random UUID
/// kept in its root; ours would differ per store, which clients never compare).
fn engine_id() -> String {
    let machine = std::fs::read_to_string("/etc/machine-id").unwrap_or_default();
    let hex: String = format!("{}{:08x}", machine.trim(), nix::unistd::getuid().as_raw())
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect();
    let hex = format!("{hex:0<32}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Docker's `/info` shape, from what `rcon info` reads.
fn info(ctx: &Context) -> ApiResult {
    let containers = list::all(&ctx.paths).map_err(lib)?;
    let count = |want: Status| containers.iter().filter(|(_, s)| s.status == want).count();
    let images = index::read(&ctx.paths.storage())
        .map(|i| i.images.len())
        .unwrap_or(0);
    let (kernel, hostname) = crate::cli::uname();
    let driver = crate::cli::storage_driver(ctx)?;
    let cgroup_v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    let cconf = crate::config::containers_conf::ContainersConf::current();
    let pretty = os_release("PRETTY_NAME");
    let rootless = !nix::unistd::geteuid().is_root();
    let mut security = vec!["name=seccomp,profile=default".to_string()];
    if rootless {
        security.push("name=rootless".into());
    }
    if cgroup_v2 {
        security.push("name=cgroupns".into());
    }
    let ncpu = std::thread::available_parallelism().map_or(1, |n| n.get());
    let proxy = |k: &str| {
        std::env::var(k)
            .or_else(|_| std::env::var(k.to_ascii_lowercase()))
            .unwrap_or_default()
    };
    let mut v = json!({
        "ID": engine_id(),
        "Containers": containers.len(),
        "ContainersRunning": count(Status::Running),
        "ContainersPaused": count(Status::Paused),
        "ContainersStopped": containers.len() - count(Status::Running) - count(Status::Paused),
        "Images": images,
        "Driver": driver,
        "DriverStatus": [["Backing Filesystem", "extfs"], ["Supports d_type", "true"]],
        "DockerRootDir": ctx.paths.root.display().to_string(),
        "Plugins": {
            "Volume": ["local"],
            "Network": ["bridge", "host", "none", "null"],
            "Authorization": null,
            "Log": ["k8s-file", "journald", "none", "json-file"],
        },
        "MemoryLimit": true,
        "SwapLimit": true,
        "CpuCfsPeriod": true,
        "CpuCfsQuota": true,
        "CPUShares": true,
        "CPUSet": true,
        "PidsLimit": true,
        "OomKillDisable": false,
        "IPv4Forwarding": true,
        "BridgeNfIptables": false,
        "BridgeNfIp6tables": false,
        "Debug": false,
        "NFd": 0,
        "NGoroutines": 0,
        "SystemTime": crate::util::time::now_rfc3339_nano(),
        "LoggingDriver": cconf.log_driver(),
        "CgroupDriver": crate::cli::cgroup_manager(ctx),
        "CgroupVersion": if cgroup_v2 { "2" } else { "1" },
    });
    let more = json!({
        "NEventsListener": 0,
        "KernelVersion": kernel,
        "OperatingSystem": if pretty.is_empty() { "Linux".to_string() } else { pretty },
        "OSVersion": os_release("VERSION_ID"),
        "OSType": "linux",
        "Architecture": std::env::consts::ARCH,
        "IndexServerAddress": "https://index.docker.io/v1/",
        "RegistryConfig": {
            "AllowNondistributableArtifactsCIDRs": [],
            "AllowNondistributableArtifactsHostnames": [],
            "InsecureRegistryCIDRs": ["127.0.0.0/8", "::1/128"],
            "IndexConfigs": {
                "docker.io": {
                    "Name": "docker.io",
                    "Mirrors": [],
                    "Secure": true,
                    "Official": true,
                },
            },
            "Mirrors": [],
        },
        "NCPU": ncpu,
        "MemTotal": mem_total(),
        "GenericResources": null,
        "HttpProxy": proxy("HTTP_PROXY"),
        "HttpsProxy": proxy("HTTPS_PROXY"),
        "NoProxy": proxy("NO_PROXY"),
        "Name": hostname,
        "Labels": [],
        "ExperimentalBuild": false,
        "ServerVersion": env!("CARGO_PKG_VERSION"),
        "Runtimes": {"rcon": {"path": std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default()}},
        "DefaultRuntime": "rcon",
        "Swarm": {
            "NodeID": "",
            "NodeAddr": "",
            "LocalNodeState": "inactive",
            "ControlAvailable": false,
            "Error": "",
            "RemoteManagers": null,
        },
        "LiveRestoreEnabled": true,
        "Isolation": "",
        "InitBinary": "",
        "ContainerdCommit": {"ID": ""},
        "RuncCommit": {"ID": ""},
        "InitCommit": {"ID": ""},
        "SecurityOptions": security,
        "CDISpecDirs": [],
        "Warnings": [],
    });
    if let (Some(m), Value::Object(more)) = (v.as_object_mut(), more) {
        m.extend(more);
    }
    Reply::ok(v)
}

/// `docker.io/library/busybox:latest` → `busybox:latest`, the short form Docker shows.
pub(super) fn docker_name(name: &str) -> String {
    let short = name.strip_prefix("docker.io/").unwrap_or(name);
    short.strip_prefix("library/").unwrap_or(short).to_string()
}

/// Docker's `/system/df`: each image, container and volume with its size, layers counted once.
fn df(ctx: &Context) -> ApiResult {
    let idx = index::read(&ctx.paths.storage()).map_err(lib)?;
    let store = Store::open(&ctx.paths).map_err(lib)?;
    let containers = list::all(&ctx.paths).map_err(lib)?;
    let mut layer_sizes: HashMap<_, u64> = HashMap::new();
    let mut layer_users: HashMap<_, usize> = HashMap::new();
    for img in &idx.images {
        for l in &img.layers {
            *layer_users.entry(l.clone()).or_default() += 1;
            if !layer_sizes.contains_key(l) {
                layer_sizes.insert(l.clone(), store.layer_info(l).map(|i| i.size).unwrap_or(0));
            }
        }
    }
    let layers_size: u64 = layer_sizes.values().sum();
    let images: Vec<Value> = idx
        .images
        .iter()
        .map(|img| {
            let shared: u64 = img
                .layers
                .iter()
                .filter(|l| layer_users.get(*l).copied().unwrap_or(0) > 1)
                .map(|l| layer_sizes.get(l).copied().unwrap_or(0))
                .sum();
            let config: Value = store
                .read_blob(&img.id)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default();
            let created = config
                .get("created")
                .and_then(Value::as_str)
                .and_then(crate::util::time::parse_rfc3339)
                .unwrap_or(0);
            json!({
                "Id": img.id.to_string(),
                "ParentId": "",
                "RepoTags": img.names.iter().map(|n| docker_name(n)).collect::<Vec<_>>(),
                "RepoDigests": img.repo_digests.iter().map(|n| docker_name(n)).collect::<Vec<_>>(),
                "Created": created,
                "Size": img.size,
                "SharedSize": shared,
                "VirtualSize": img.size,
                "Labels": config.pointer("/config/Labels").cloned().unwrap_or(json!({})),
                "Containers": containers.iter().filter(|(r, _)| r.image_id == img.id).count(),
            })
        })
        .collect();
    let image_size: HashMap<_, u64> = idx.images.iter().map(|i| (&i.id, i.size)).collect();
    let ctrs: Vec<Value> = containers
        .iter()
        .map(|(r, s)| {
            let virt = image_size.get(&r.image_id).copied().unwrap_or(0);
            let rw = list::writable_size(&ctx.paths, r, virt);
            json!({
                "Id": r.id,
                "Names": [format!("/{}", r.name)],
                "Image": docker_name(&r.image_name),
                "ImageID": r.image_id.to_string(),
                "Command": r.command.join(" "),
                "Created": crate::util::time::parse_rfc3339(&r.created).unwrap_or(0),
                "Ports": [],
                "SizeRw": rw,
                "SizeRootFs": rw + virt,
                "Labels": r.labels,
                "State": s.status.as_str(),
                "Status": match s.status {
                    Status::Running => "Up".to_string(),
                    Status::Paused => "Up (Paused)".to_string(),
                    Status::Exited => format!("Exited ({})", s.exit_code),
                    Status::Created => "Created".to_string(),
                    Status::Removing => "Removal In Progress".to_string(),
                },
                "HostConfig": {"NetworkMode": "default"},
                "NetworkSettings": {"Networks": {}},
                "Mounts": [],
            })
        })
        .collect();
    let used: HashSet<String> = containers
        .iter()
        .flat_map(|(r, _)| volumes::volumes_of(r))
        .collect();
    let vols: Vec<Value> = volumes::list(&ctx.paths)
        .map_err(lib)?
        .iter()
        .map(|v| {
            let refs = containers
                .iter()
                .filter(|(r, _)| volumes::volumes_of(r).contains(&v.name))
                .count();
            let mut out = super::volumes::docker_volume(v);
            out["UsageData"] = json!({
                "Size": list::tree_size(&v.mountpoint),
                "RefCount": if used.contains(&v.name) { refs } else { 0 },
            });
            out
        })
        .collect();
    Reply::ok(json!({
        "LayersSize": layers_size,
        "Images": images,
        "Containers": ctrs,
        "Volumes": vols,
        "BuildCache": [],
    }))
}

/// `/auth`'s body (Docker's `AuthConfig`).
#[derive(Debug, Default, Deserialize)]
struct AuthBody {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default, alias = "serverAddress")]
    serveraddress: String,
}

/// Whether `host` (host[:port]) is on loopback: Docker treats 127.0.0.0/8 and ::1 as insecure
/// registries by default (plain HTTP allowed).
fn loopback(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Checks credentials against the registry as `rcon login` does; stores nothing (the client
/// keeps them, as with Docker's daemon).
fn auth(ctx: &Context, req: &mut Req) -> ApiResult {
    let body: AuthBody = req.json()?;
    let registry = crate::cli::registry_key(if body.serveraddress.is_empty() {
        "docker.io"
    } else {
        &body.serveraddress
    });
    if body.username.is_empty() || body.password.is_empty() {
        return Err(ApiError::bad_request(
            "username and password must not be empty",
        ));
    }
    let (host, _) = registry.split_once('/').unwrap_or((&registry, ""));
    let host = if host == "docker.io" {
        "registry-1.docker.io"
    } else {
        host
    };
    let conf = crate::config::registries::RegistriesConf::load(&ctx.paths).map_err(lib)?;
    let opts = crate::image::registry::ClientOptions {
        tls_verify: None,
        cert_dir: None,
        authfile: None,
        credentials: None,
        user_agent: format!("rcon/{}", env!("CARGO_PKG_VERSION")),
    };
    let client = crate::image::registry::Client::new(&ctx.paths, opts).map_err(lib)?;
    let creds = crate::config::auth::Credentials::new(body.username, body.password);
    let insecure = conf.is_insecure(host) || loopback(host);
    match client.check_login(host, &creds, insecure) {
        Ok(()) => Reply::ok(json!({"Status": "Login Succeeded", "IdentityToken": ""})),
        Err(crate::image::registry::RegistryError::Unauthorized { .. }) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            format!("Get \"https://{host}/v2/\": unauthorized: incorrect username or password"),
        )),
        Err(e) => Err(ApiError::internal(format!("logging in to {registry}: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_registries_are_recognised() {
        assert!(loopback("127.0.0.1:5000"));
        assert!(loopback("localhost"));
        assert!(loopback("[::1]:5000"));
        assert!(!loopback("quay.io"));
        assert!(!loopback("10.0.0.1:5000"));
    }

    #[test]
    fn docker_names_drop_the_default_registry() {
        assert_eq!(
            docker_name("docker.io/library/busybox:latest"),
            "busybox:latest"
        );
        assert_eq!(docker_name("docker.io/me/app:1"), "me/app:1");
        assert_eq!(docker_name("127.0.0.1:5000/app:1"), "127.0.0.1:5000/app:1");
    }
}
