//! POST /containers/create: Docker's Config and HostConfig, as rcon create's flags.
//!
//! The body becomes the argument list of `rcon create` and goes through the CLI's own parser
//! and validation ([`crate::cli::run::create_from`]), so a value the CLI refuses is refused
//! here with the same one-line message (400). The image is never pulled here: Docker answers
//! 404 for an image it does not have, and its CLI pulls through `/images/create` and asks again.
use crate::api::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::run_flags::RunArgs;
use crate::cli::Context;
use crate::container::create::CreateError;
use crate::container::names::NameError;
use crate::image::resolve::ResolveError;
use serde_json::{json, Map, Value};

pub(super) fn create(ctx: &Context, req: &mut Req) -> ApiResult {
    let body: Value = req.json()?;
    let Value::Object(body) = body else {
        return Err(ApiError::bad_request(
            "the request body must be a JSON object (Docker's container Config)",
        ));
    };
    let name = req.q("name").map(String::from);
    let platform = req
        .q("platform")
        .filter(|p| !p.is_empty())
        .map(String::from);
    let mut warnings = Vec::new();
    let argv = to_argv(&body, name.as_deref(), platform.as_deref(), &mut warnings)?;
    let args: RunArgs = crate::cli::parse_flags(argv)
        .map_err(|e| ApiError::bad_request(crate::cli::one_line(&e)))?;
    let (_, record) = crate::cli::run::create_from(ctx, &args).map_err(|e| refusal(&e, &args))?;
    Reply::created(json!({"Id": record.id, "Warnings": warnings}))
}

/// The library's refusal as Docker answers it: 404 for a missing image, 409 for a name in
/// use, 400 for a bad value, 500 for the rest.
fn refusal(e: &anyhow::Error, args: &RunArgs) -> ApiError {
    if let Some(ResolveError::NeverPull(_)) = e.downcast_ref::<ResolveError>() {
        let image = args.args.first().map(String::as_str).unwrap_or_default();
        return ApiError::not_found(format!("No such image: {}", with_tag(image)));
    }
    if let Some(CreateError::Name(NameError::InUse { name, holder })) =
        e.downcast_ref::<CreateError>()
    {
        return ApiError::conflict(format!(
            "Conflict. The container name \"/{name}\" is already in use by container \
             \"{holder}\". You have to remove (or rename) that container to be able to reuse \
             that name."
        ));
    }
    let message = crate::cli::one_line(e);
    if e.downcast_ref::<crate::container::runconfig::RunConfigError>()
        .is_some()
        || matches!(
            e.downcast_ref::<CreateError>(),
            Some(
                CreateError::Config(_)
                    | CreateError::Spec(
                        crate::container::spec::SpecError::NoCommand { .. }
                            | crate::container::spec::SpecError::Flags(_)
                    )
                    | CreateError::Mounts(_)
                    | CreateError::Ports(_)
                    | CreateError::Name(_)
                    | CreateError::StartupWithoutHealthcheck
                    | CreateError::OnFailureWithoutHealthcheck { .. }
            )
        )
    {
        return ApiError::bad_request(message);
    }
    ApiError::from_anyhow(e)
}

/// `busybox` → `busybox:latest`, as Docker names a missing image.
fn with_tag(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') || last.contains(':') {
        image.to_string()
    } else {
        format!("{image}:latest")
    }
}

fn bad(field: &str, want: &str) -> ApiError {
    ApiError::bad_request(format!("{field}: expected {want}"))
}

/// A JSON string field; absent, null and "" are `None`.
fn string<'a>(m: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(bad(key, "a string")),
    }
}

/// A list of strings; absent and null are empty.
fn strings(m: &Map<String, Value>, key: &str) -> Result<Vec<String>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(String::from)
                    .ok_or_else(|| bad(key, "a list of strings"))
            })
            .collect(),
        Some(_) => Err(bad(key, "a list of strings")),
    }
}

/// Docker's "string or list of strings" (Cmd, Entrypoint): `None` when absent or null; a
/// string is one word, as Docker's strslice reads it, and "" clears.
fn str_slice(m: &Map<String, Value>, key: &str) -> Result<Option<Vec<String>>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(Some(Vec::new())),
        Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
        Some(Value::Array(_)) => strings(m, key).map(Some),
        Some(_) => Err(bad(key, "a string or a list of strings")),
    }
}

fn boolean(m: &Map<String, Value>, key: &str) -> Result<bool, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(bad(key, "true or false")),
    }
}

/// An integer field; absent, null and 0 are `None`.
fn int(m: &Map<String, Value>, key: &str) -> Result<Option<i64>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_i64() {
            Some(0) => Ok(None),
            Some(n) => Ok(Some(n)),
            None => Err(bad(key, "an integer")),
        },
    }
}

/// An object field; absent and null are empty.
fn object<'a>(
    m: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(bad(key, "an object")),
    }
}

/// The `rcon create` arguments Docker's create body stands for.
fn to_argv(
    body: &Map<String, Value>,
    name: Option<&str>,
    platform: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Vec<String>, ApiError> {
    // The service's own proxy variables stay out, as Docker's daemon keeps its own.
    let mut a: Vec<String> = vec![
        "create".into(),
        "--pull=never".into(),
        "--http-proxy=false".into(),
    ];
    let flag = |a: &mut Vec<String>, f: &str, v: &str| a.push(format!("--{f}={v}"));
    if let Some(n) = name
        .map(|n| n.trim_start_matches('/'))
        .filter(|n| !n.is_empty())
    {
        flag(&mut a, "name", n);
    }
    if let Some(p) = platform {
        flag(&mut a, "platform", p);
    }
    let image = string(body, "Image")?
        .ok_or_else(|| ApiError::bad_request("Config.Image: the container needs an image"))?
        .to_string();
    if let Some(h) = string(body, "Hostname")? {
        flag(&mut a, "hostname", h);
    }
    if string(body, "Domainname")?.is_some() {
        warnings.push("rcon ignores Domainname".into());
    }
    if let Some(u) = string(body, "User")? {
        flag(&mut a, "user", u);
    }
    if boolean(body, "OpenStdin")? {
        a.push("--interactive".into());
    }
    if boolean(body, "Tty")? {
        a.push("--tty".into());
    }
    for e in strings(body, "Env")? {
        // `NAME` alone unsets in Docker; rcon would take the service's own value: left out.
        if e.contains('=') {
            flag(&mut a, "env", &e);
        }
    }
    if let Some(labels) = object(body, "Labels")? {
        for (k, v) in labels {
            let v = v.as_str().ok_or_else(|| bad("Labels", "string values"))?;
            flag(&mut a, "label", &format!("{k}={v}"));
        }
    }
    if let Some(w) = string(body, "WorkingDir")? {
        flag(&mut a, "workdir", w);
    }
    if let Some(s) = string(body, "StopSignal")? {
        flag(&mut a, "stop-signal", s);
    }
    if let Some(t) = body.get("StopTimeout").filter(|v| !v.is_null()) {
        let t = t
            .as_u64()
            .ok_or_else(|| bad("StopTimeout", "a number of seconds"))?;
        flag(&mut a, "stop-timeout", &t.to_string());
    }
    if let Some(ep) = str_slice(body, "Entrypoint")? {
        let text = if ep.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&ep).unwrap_or_default()
        };
        flag(&mut a, "entrypoint", &text);
    }
    if let Some(h) = object(body, "Healthcheck")? {
        healthcheck(&mut a, h)?;
    }
    let host = object(body, "HostConfig")?;
    let exposed: Vec<String> = object(body, "ExposedPorts")?
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(h) = host {
        host_config(&mut a, h, &exposed, warnings)?;
    }
    let mode = host
        .map(|h| string(h, "NetworkMode"))
        .transpose()?
        .flatten();
    networks(&mut a, mode, body)?;
    a.push("--".into());
    a.push(image);
    if let Some(cmd) = str_slice(body, "Cmd")? {
        a.extend(cmd);
    }
    Ok(a)
}

/// `Healthcheck`: Test (`["NONE"]`, `["CMD", …]`, `["CMD-SHELL", "…"]`, or empty: the
/// image's), durations in nanoseconds (0: the default), Retries.
fn healthcheck(a: &mut Vec<String>, h: &Map<String, Value>) -> Result<(), ApiError> {
    let test = strings(h, "Test")?;
    match test.first().map(String::as_str) {
        None => {}
        Some("NONE") => a.push("--no-healthcheck".into()),
        Some("CMD" | "CMD-SHELL") => a.push(format!(
            "--health-cmd={}",
            serde_json::to_string(&test).unwrap_or_default()
        )),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "Healthcheck.Test {other:?}: expected NONE, CMD or CMD-SHELL first"
            )))
        }
    }
    for (key, f) in [
        ("Interval", "health-interval"),
        ("Timeout", "health-timeout"),
        ("StartPeriod", "health-start-period"),
        ("StartInterval", "health-start-interval"),
    ] {
        if let Some(ns) = int(h, key)? {
            a.push(format!("--{f}={ns}ns"));
        }
    }
    if let Some(r) = int(h, "Retries")? {
        a.push(format!("--health-retries={r}"));
    }
    Ok(())
}

/// HostConfig's fields as flags.
fn host_config(
    a: &mut Vec<String>,
    h: &Map<String, Value>,
    exposed: &[String],
    warnings: &mut Vec<String>,
) -> Result<(), ApiError> {
    let flag = |a: &mut Vec<String>, f: &str, v: &str| a.push(format!("--{f}={v}"));
    for b in strings(h, "Binds")? {
        flag(a, "volume", &without_mac_options(&b));
    }
    if let Some(Value::Array(mounts)) = h.get("Mounts") {
        for m in mounts {
            let m = m
                .as_object()
                .ok_or_else(|| bad("HostConfig.Mounts", "objects"))?;
            flag(a, "mount", &mount_spec(m)?);
        }
    }
    if let Some(t) = object(h, "Tmpfs")? {
        for (path, opts) in t {
            let opts = opts.as_str().unwrap_or_default();
            if opts.is_empty() {
                flag(a, "tmpfs", path);
            } else {
                flag(a, "tmpfs", &format!("{path}:{opts}"));
            }
        }
    }
    let bindings = object(h, "PortBindings")?;
    if let Some(b) = bindings {
        for (port, list) in b {
            let list = match list {
                Value::Null => continue,
                Value::Array(l) => l,
                _ => return Err(bad("HostConfig.PortBindings", "lists of bindings")),
            };
            for binding in list {
                let ip = binding.get("HostIp").and_then(Value::as_str).unwrap_or("");
                let ip = if matches!(ip, "0.0.0.0" | "::") {
                    ""
                } else {
                    ip
                };
                let hp = binding
                    .get("HostPort")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let spec = match (ip.is_empty(), hp.is_empty()) {
                    (true, true) => port.clone(),
                    (true, false) => format!("{hp}:{port}"),
                    (false, _) => format!("{ip}:{hp}:{port}"),
                };
                flag(a, "publish", &spec);
            }
        }
    }
    if boolean(h, "PublishAllPorts")? {
        a.push("--publish-all".into());
        // The config's own exposed ports, beside the image's.
        for p in exposed {
            if !bindings.is_some_and(|b| b.contains_key(p)) {
                flag(a, "publish", p);
            }
        }
    }
    if let Some(r) = object(h, "RestartPolicy")? {
        match string(r, "Name")? {
            None | Some("no") => {}
            Some("on-failure") => match int(r, "MaximumRetryCount")? {
                Some(n) => flag(a, "restart", &format!("on-failure:{n}")),
                None => flag(a, "restart", "on-failure"),
            },
            Some(n) => flag(a, "restart", n),
        }
    }
    resources(a, h)?;
    for c in strings(h, "CapAdd")? {
        flag(a, "cap-add", &c);
    }
    for c in strings(h, "CapDrop")? {
        flag(a, "cap-drop", &c);
    }
    for g in strings(h, "GroupAdd")? {
        flag(a, "group-add", &g);
    }
    if boolean(h, "Privileged")? {
        a.push("--privileged".into());
    }
    if boolean(h, "Init")? {
        a.push("--init".into());
    }
    if boolean(h, "ReadonlyRootfs")? {
        a.push("--read-only".into());
    }
    if boolean(h, "AutoRemove")? {
        a.push("--rm".into());
    }
    for s in strings(h, "SecurityOpt")? {
        flag(a, "security-opt", &s);
    }
    for (key, f) in [
        ("Dns", "dns"),
        ("DnsSearch", "dns-search"),
        ("DnsOptions", "dns-option"),
        ("ExtraHosts", "add-host"),
        ("VolumesFrom", "volumes-from"),
    ] {
        for v in strings(h, key)? {
            flag(a, f, &v);
        }
    }
    if let Some(l) = object(h, "LogConfig")? {
        if let Some(t) = string(l, "Type")? {
            let t = if matches!(t, "json-file" | "local") {
                "k8s-file"
            } else {
                t
            };
            flag(a, "log-driver", t);
        }
        for (k, v) in object(l, "Config")?.into_iter().flatten() {
            let v = v.as_str().unwrap_or_default();
            match k.as_str() {
                "max-size" | "tag" => flag(a, "log-opt", &format!("{k}={v}")),
                _ => warnings.push(format!("rcon ignores the log option {k}")),
            }
        }
    }
    if let Some(Value::Array(us)) = h.get("Ulimits") {
        for u in us {
            let name = u.get("Name").and_then(Value::as_str).unwrap_or_default();
            let soft = u.get("Soft").and_then(Value::as_i64).unwrap_or(0);
            let hard = u.get("Hard").and_then(Value::as_i64).unwrap_or(soft);
            flag(a, "ulimit", &format!("{name}={soft}:{hard}"));
        }
    }
    if h.get("Devices")
        .and_then(Value::as_array)
        .is_some_and(|d| !d.is_empty())
    {
        warnings.push("rcon ignores Devices: rootless containers get no host devices".into());
    }
    if int(h, "ShmSize")?.is_some() {
        warnings.push("rcon ignores ShmSize: /dev/shm is a tmpfs of the default size".into());
    }
    if object(h, "Sysctls")?.is_some_and(|s| !s.is_empty()) {
        warnings.push("rcon ignores Sysctls".into());
    }
    if let Some(v) = string(h, "IpcMode")?.filter(|v| !v.is_empty()) {
        flag(a, "ipc", v);
    }
    for key in ["PidMode", "UTSMode", "UsernsMode"] {
        if let Some(v) = string(h, key)?.filter(|v| !matches!(*v, "private" | "shareable")) {
            warnings.push(format!(
                "rcon ignores {key} {v}: each container has namespaces of its own"
            ));
        }
    }
    Ok(())
}

/// A bind without Docker Desktop's consistency options (`cached`, `delegated`,
/// `consistent`), which Docker on Linux ignores too.
fn without_mac_options(bind: &str) -> String {
    let parts: Vec<&str> = bind.split(':').collect();
    let [src, dst, opts] = parts.as_slice() else {
        return bind.to_string();
    };
    let kept: Vec<&str> = opts
        .split(',')
        .filter(|o| !matches!(*o, "cached" | "delegated" | "consistent"))
        .collect();
    if kept.is_empty() {
        format!("{src}:{dst}")
    } else {
        format!("{src}:{dst}:{}", kept.join(","))
    }
}

/// The cgroup limits.
pub(super) fn resources(a: &mut Vec<String>, h: &Map<String, Value>) -> Result<(), ApiError> {
    let mut flag = |f: &str, v: String| a.push(format!("--{f}={v}"));
    if let Some(n) = int(h, "Memory")? {
        flag("memory", n.to_string());
    }
    if let Some(n) = int(h, "MemorySwap")? {
        flag("memory-swap", n.to_string());
    }
    if let Some(n) = int(h, "MemoryReservation")? {
        flag("memory-reservation", n.to_string());
    }
    if let Some(n) = int(h, "NanoCpus")? {
        flag("cpus", format!("{}", n as f64 / 1e9));
    }
    if let Some(n) = int(h, "CpuShares")? {
        flag("cpu-shares", n.to_string());
    }
    if let Some(n) = int(h, "CpuQuota")? {
        flag("cpu-quota", n.to_string());
    }
    if let Some(n) = int(h, "CpuPeriod")? {
        flag("cpu-period", n.to_string());
    }
    if let Some(s) = string(h, "CpusetCpus")? {
        flag("cpuset-cpus", s.to_string());
    }
    if let Some(n) = int(h, "PidsLimit")? {
        flag("pids-limit", n.to_string());
    }
    if let Some(n) = int(h, "BlkioWeight")? {
        flag("blkio-weight", n.to_string());
    }
    if let Some(n) = int(h, "OomScoreAdj")? {
        flag("oom-score-adj", n.to_string());
    }
    Ok(())
}

/// One of `HostConfig.Mounts` as a `--mount` value.
fn mount_spec(m: &Map<String, Value>) -> Result<String, ApiError> {
    let kind = string(m, "Type")?.unwrap_or("volume");
    let mut parts = vec![format!("type={kind}")];
    if let Some(s) = string(m, "Source")? {
        parts.push(format!("source={s}"));
    }
    let target = string(m, "Target")?
        .ok_or_else(|| ApiError::bad_request("HostConfig.Mounts: a mount needs a Target"))?;
    parts.push(format!("target={target}"));
    if boolean(m, "ReadOnly")? {
        parts.push("readonly".into());
    }
    if let Some(b) = object(m, "BindOptions")? {
        if let Some(p) = string(b, "Propagation")? {
            parts.push(format!("bind-propagation={p}"));
        }
    }
    if let Some(v) = object(m, "VolumeOptions")? {
        if boolean(v, "NoCopy")? {
            parts.push("volume-nocopy".into());
        }
    }
    if let Some(t) = object(m, "TmpfsOptions")? {
        if let Some(n) = int(t, "SizeBytes")? {
            parts.push(format!("tmpfs-size={n}"));
        }
        if let Some(n) = int(t, "Mode")? {
            parts.push(format!("tmpfs-mode={n:o}"));
        }
    }
    if parts.iter().any(|p| p.contains(',')) {
        return Err(ApiError::bad_request(format!(
            "HostConfig.Mounts: {target}: rcon takes no commas in a mount's values"
        )));
    }
    Ok(parts.join(","))
}

/// `NetworkMode` and `NetworkingConfig.EndpointsConfig`: Docker's default bridge is rcon's
/// default network; named networks with their aliases (rcon gives every alias on every
/// network the container joins).
fn networks(
    a: &mut Vec<String>,
    mode: Option<&str>,
    body: &Map<String, Value>,
) -> Result<(), ApiError> {
    let endpoints = object(body, "NetworkingConfig")?
        .map(|n| object(n, "EndpointsConfig"))
        .transpose()?
        .flatten();
    let mut names: Vec<String> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    match mode {
        None | Some("default" | "bridge") => {}
        Some(m @ ("host" | "none")) => names.push(m.to_string()),
        Some(m) if m.starts_with("container:") => names.push(m.to_string()),
        Some(m) => names.push(m.to_string()),
    }
    let named = !matches!(mode, Some("host" | "none")) && !mode.is_some_and(|m| m.contains(':'));
    for (net, cfg) in endpoints.into_iter().flatten() {
        if !named || matches!(net.as_str(), "default" | "bridge" | "host" | "none") {
            continue;
        }
        if !names.contains(net) {
            names.push(net.clone());
        }
        if let Some(cfg) = cfg.as_object() {
            for al in strings(cfg, "Aliases")? {
                if !aliases.contains(&al) {
                    aliases.push(al);
                }
            }
        }
    }
    for n in &names {
        a.push(format!("--network={n}"));
    }
    if !names.is_empty() && named {
        for al in aliases {
            a.push(format!("--network-alias={al}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(body: Value) -> Vec<String> {
        let Value::Object(m) = body else { panic!() };
        to_argv(&m, Some("/web"), None, &mut Vec::new()).unwrap()
    }

    #[test]
    fn a_docker_run_body_becomes_rcon_create_flags() {
        let a = argv(json!({
            "Image": "busybox", "Cmd": ["sleep", "1000"], "Env": ["A=1", "B"],
            "Labels": {"k": "v"}, "Tty": false, "OpenStdin": true,
            "ExposedPorts": {"80/tcp": {}},
            "HostConfig": {
                "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": ""}]},
                "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3},
                "Memory": 67108864, "NanoCpus": 500000000, "NetworkMode": "default",
                "Mounts": [{"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"Mode": 448}}],
                "LogConfig": {"Type": "json-file", "Config": {}},
                "IpcMode": "container:db"
            },
            "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 2000000000}
        }));
        let has = |s: &str| a.iter().any(|x| x == s);
        for want in [
            "--name=web",
            "--pull=never",
            "--http-proxy=false",
            "--env=A=1",
            "--label=k=v",
            "--interactive",
            "--publish=127.0.0.1::80/tcp",
            "--restart=on-failure:3",
            "--memory=67108864",
            "--cpus=0.5",
            "--mount=type=tmpfs,target=/t,tmpfs-mode=700",
            "--log-driver=k8s-file",
            r#"--health-cmd=["CMD-SHELL","true"]"#,
            "--health-interval=2000000000ns",
            "--ipc=container:db",
        ] {
            assert!(has(want), "{want} not in {a:?}");
        }
        assert!(!a.iter().any(|x| x == "--env=B"), "{a:?}");
        assert!(!a.iter().any(|x| x.starts_with("--network")), "{a:?}");
        assert_eq!(a[a.len() - 4..], ["--", "busybox", "sleep", "1000"]);
    }

    #[test]
    fn entrypoints_and_networks_take_docker_forms() {
        let a = argv(json!({"Image": "i", "Entrypoint": "", "Cmd": "echo hi"}));
        assert!(a.contains(&"--entrypoint=".to_string()), "{a:?}");
        assert_eq!(a.last().unwrap(), "echo hi");
        let a = argv(json!({"Image": "i", "Entrypoint": ["sh", "-c"],
            "HostConfig": {"NetworkMode": "front"},
            "NetworkingConfig": {"EndpointsConfig": {
                "front": {"Aliases": ["web"]}, "back": {"Aliases": ["api"]}}}}));
        for want in [
            r#"--entrypoint=["sh","-c"]"#,
            "--network=front",
            "--network=back",
            "--network-alias=web",
            "--network-alias=api",
        ] {
            assert!(a.iter().any(|x| x == want), "{want} not in {a:?}");
        }
        let a = argv(json!({"Image": "i", "HostConfig": {"NetworkMode": "container:db"}}));
        assert!(a.contains(&"--network=container:db".to_string()), "{a:?}");
    }

    #[test]
    fn bad_shapes_are_refused() {
        let bad = |v: Value| {
            let Value::Object(m) = v else { panic!() };
            to_argv(&m, None, None, &mut Vec::new()).unwrap_err().status
        };
        assert_eq!(bad(json!({"Cmd": ["x"]})), 400);
        assert_eq!(bad(json!({"Image": "i", "Env": "A=1"})), 400);
        assert_eq!(
            bad(json!({"Image": "i", "Healthcheck": {"Test": ["RUN"]}})),
            400
        );
        assert_eq!(with_tag("busybox"), "busybox:latest");
        assert_eq!(with_tag("localhost:5000/a"), "localhost:5000/a:latest");
        assert_eq!(with_tag("a:1"), "a:1");
        assert_eq!(without_mac_options("/a:/b:cached"), "/a:/b");
        assert_eq!(without_mac_options("/a:/b:ro,delegated"), "/a:/b:ro");
        assert_eq!(without_mac_options("v:/b"), "v:/b");
    }
}
