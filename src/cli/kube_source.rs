//! What `kube generate` reads of rcon's records: a pod with its members, or a lone container,
//! as [`PodSource`].
use super::Context;
use crate::container::record::{ContainerPaths, NetworkMode};
use crate::container::ContainerRecord;
use crate::kube::generate::{ContainerSource, MountSource, PodSource};
use crate::pod::{self, PodRecord};
use anyhow::Context as _;
use serde_json::Value;

/// Environment entries every container gets, left out of the YAML.
const IMPLIED_ENV: [&str; 4] = ["PATH", "HOSTNAME", "TERM", "container"];

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The image config's `Env`, to leave out what the image sets itself.
fn image_env(ctx: &Context, r: &ContainerRecord) -> Vec<String> {
    let Ok(index) = crate::image::store::index::read(&ctx.paths.storage()) else {
        return Vec::new();
    };
    let Some(image) = index.images.iter().find(|i| i.id == r.image_id) else {
        return Vec::new();
    };
    crate::container::create::image_config(&ctx.paths, image)
        .map(|c| strings(c["config"].get("Env")))
        .unwrap_or_default()
}

fn container(
    ctx: &Context,
    r: &ContainerRecord,
    strip: Option<&str>,
) -> anyhow::Result<ContainerSource> {
    let cp = ContainerPaths::new(&ctx.paths, &r.id);
    let spec: Value = crate::util::fs::read_json(&cp.spec())
        .with_context(|| format!("cannot read {}", cp.spec().display()))?
        .unwrap_or_default();
    let process = &spec["process"];
    let from_image = image_env(ctx, r);
    let env = strings(process.get("env"))
        .into_iter()
        .filter(|e| !from_image.contains(e))
        .filter_map(|e| {
            e.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .filter(|(k, _)| !IMPLIED_ENV.contains(&k.as_str()))
        .filter(|(k, v)| !(k == "HOME" && v == "/root"))
        .collect();
    let cwd = process["cwd"].as_str().unwrap_or("/");
    let user = &process["user"];
    let uid = user["uid"].as_u64().unwrap_or(0) as u32;
    let gid = user["gid"].as_u64().unwrap_or(0) as u32;
    let resources = r.cgroup.as_ref().map(|c| &c.resources);
    let cpus = resources.and_then(|res| match (res.cpu_quota, res.cpu_period) {
        (Some(q), Some(p)) if q > 0 && p > 0 => Some(q as f64 / p as f64),
        _ => None,
    });
    let flag = |k: &str| r.extra.get(k).and_then(Value::as_bool).unwrap_or(false);
    let (cap_add, cap_drop) = match process["capabilities"].get("bounding") {
        _ if flag("Privileged") => (Vec::new(), Vec::new()),
        Some(set) => cap_changes(&strings(Some(set))),
        None => (
            strings(r.extra.get("CapAdd")),
            strings(r.extra.get("CapDrop")),
        ),
    };
    let name = match strip {
        Some(prefix) => r.name.strip_prefix(prefix).unwrap_or(&r.name).to_string(),
        None => r.name.clone(),
    };
    Ok(ContainerSource {
        name,
        annotations: r.annotations.clone(),
        engine_annotations: engine_annotations(r, flag("Privileged"), flag("PublishAllPorts")),
        init: r.pod.as_ref().is_some_and(|p| p.init_ctr.is_some()),
        image: r.image_name.clone(),
        command: r.command.clone(),
        env,
        workdir: (cwd != "/").then(|| cwd.to_string()),
        mounts: r
            .mounts
            .iter()
            .filter(|m| matches!(m.kind.as_str(), "volume" | "bind" | "tmpfs"))
            .map(|m| MountSource {
                kind: m.kind.clone(),
                source: m.name.clone().unwrap_or_else(|| m.source.clone()),
                destination: m.destination.clone(),
                read_only: !m.rw,
                file: m.kind == "bind" && std::path::Path::new(&m.source).is_file(),
                config_files: (m.kind == "bind")
                    .then(|| config_files(ctx, &m.source))
                    .flatten(),
            })
            .collect(),
        memory: resources.and_then(|res| res.memory),
        cpus,
        user: (uid != 0 || gid != 0).then_some((uid, Some(gid))),
        read_only: flag("ReadonlyRootfs"),
        privileged: flag("Privileged"),
        cap_add,
        cap_drop,
        no_new_privileges: strings(r.extra.get("SecurityOpt"))
            .iter()
            .any(|o| o.starts_with("no-new-privileges")),
    })
}

/// The annotations Podman gives every container, which its `kube generate` writes and its
/// `kube play` reads: the terminal, `--rm`, `--init`, `--privileged`, `-P`, and for a pod's
/// member its type and pod.
fn engine_annotations(
    r: &ContainerRecord,
    privileged: bool,
    publish_all: bool,
) -> std::collections::BTreeMap<String, String> {
    let upper = |b: bool| if b { "TRUE" } else { "FALSE" }.to_string();
    let mut out = std::collections::BTreeMap::new();
    out.insert("io.kubernetes.cri-o.TTY".to_string(), r.tty.to_string());
    for (key, on) in [
        ("autoremove", r.auto_remove),
        ("init", r.init),
        ("privileged", privileged),
        ("publish-all", publish_all),
    ] {
        out.insert(format!("io.podman.annotations.{key}"), upper(on));
    }
    if let Some(pod) = &r.pod {
        out.insert(
            "io.kubernetes.cri-o.ContainerType".to_string(),
            "container".to_string(),
        );
        out.insert("io.kubernetes.cri-o.SandboxID".to_string(), pod.id.clone());
    }
    out
}

/// `securityContext.capabilities` of a container with the capability set `effective`
/// (`CAP_` names), as Podman writes them: measured against the default set plus the three
/// that Kubernetes grants and it lacks (MKNOD, NET_RAW, AUDIT_WRITE), what the container
/// lacks is dropped and what it has beyond is added.
fn cap_changes(effective: &[String]) -> (Vec<String>, Vec<String>) {
    let mut base = crate::container::runconfig::default_caps();
    for c in ["CAP_MKNOD", "CAP_NET_RAW", "CAP_AUDIT_WRITE"] {
        if !base.iter().any(|b| b == c) {
            base.push(c.to_string());
        }
    }
    let drop = base.iter().filter(|c| !effective.contains(c)).cloned();
    let add = effective.iter().filter(|c| !base.contains(c)).cloned();
    (add.collect(), drop.collect())
}

/// The files of a folder `kube play` wrote from a ConfigMap (under rcon's kube folder).
fn config_files(ctx: &Context, source: &str) -> Option<std::collections::BTreeMap<String, String>> {
    let dir = std::path::Path::new(source);
    if !dir.starts_with(ctx.paths.root.join("kube")) {
        return None;
    }
    let mut out = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let meta = e.metadata().ok()?;
        if !meta.is_file() || meta.len() > 1 << 20 {
            return None;
        }
        let text = String::from_utf8(std::fs::read(e.path()).ok()?).ok()?;
        out.insert(e.file_name().to_string_lossy().into_owned(), text);
    }
    Some(out)
}

fn ports(r: &ContainerRecord) -> Vec<(String, u16, u16, String)> {
    r.ports
        .iter()
        .map(|p| {
            (
                p.host_ip.clone(),
                p.host_port,
                p.container_port,
                p.protocol.clone(),
            )
        })
        .collect()
}

/// A pod and its members (not the infra, whose ports become the first member's).
pub(super) fn of_pod(ctx: &Context, p: &PodRecord) -> anyhow::Result<PodSource> {
    let members = pod::members(&ctx.paths, p)?;
    let infra = members
        .iter()
        .find(|(r, _)| r.pod.as_ref().is_some_and(|l| l.infra))
        .map(|(r, _)| r);
    let prefix = format!("{}-", p.name);
    let containers: Vec<ContainerSource> = members
        .iter()
        .filter(|(r, _)| !r.pod.as_ref().is_some_and(|l| l.infra))
        .map(|(r, _)| container(ctx, r, Some(&prefix)))
        .collect::<anyhow::Result<_>>()?;
    if containers.is_empty() {
        anyhow::bail!(
            "pod {name} only has an infra container: add one with `rcon create --pod {name}` \
             to write it as YAML",
            name = p.name
        );
    }
    let restart = members
        .iter()
        .find(|(r, _)| {
            !r.pod
                .as_ref()
                .is_some_and(|l| l.infra || l.init_ctr.is_some())
        })
        .map(|(r, _)| r.restart.name.clone())
        .unwrap_or_default();
    Ok(PodSource {
        name: p.name.clone(),
        created: Some(now()),
        hostname: Some(p.hostname.clone()).filter(|h| !h.is_empty()),
        labels: p.labels.clone(),
        restart,
        host_network: infra.is_some_and(|r| r.network == NetworkMode::Host),
        ports: infra.map(ports).unwrap_or_default(),
        containers,
        from_pod: true,
    })
}

/// The time of writing, for `metadata.creationTimestamp`.
fn now() -> String {
    crate::util::time::rfc3339(crate::util::time::now_secs())
}

/// A container on its own, as a pod of one named `<name>-pod`, as Podman does.
pub(super) fn of_container(ctx: &Context, r: &ContainerRecord) -> anyhow::Result<PodSource> {
    if let Some(link) = &r.pod {
        if let Ok(Some(p)) = pod::load(&ctx.paths, &link.id) {
            anyhow::bail!(
                "container {} is in pod {}: generate the pod (`rcon kube generate {}`)",
                r.name,
                p.name,
                p.name
            );
        }
    }
    Ok(PodSource {
        name: format!("{}-pod", r.name),
        created: Some(now()),
        hostname: None,
        labels: r.labels.clone(),
        restart: r.restart.name.clone(),
        host_network: r.network == NetworkMode::Host,
        ports: ports(r),
        containers: vec![container(ctx, r, None)?],
        from_pod: false,
    })
}
