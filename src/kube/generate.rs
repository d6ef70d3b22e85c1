//! `kube generate`: what rcon knows of a pod or container as Kubernetes YAML (a Pod or a
//! Deployment, and a NodePort Service with `--service`), so the next step can be a cluster.
//! The CLI fills [`PodSource`] from the records; this module only shapes the objects.
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A pod (or a lone container, as a pod of one) as the records have it.
#[derive(Debug, Clone, Default)]
pub(crate) struct PodSource {
    pub(crate) name: String,
    /// `metadata.creationTimestamp` (RFC 3339): when the YAML was written, as Podman has it.
    pub(crate) created: Option<String>,
    pub(crate) hostname: Option<String>,
    pub(crate) labels: BTreeMap<String, String>,
    /// `always`, `on-failure`, `no`: the first container's.
    pub(crate) restart: String,
    pub(crate) host_network: bool,
    /// `(host_ip, host_port, container_port, protocol)`: the pod's published ports.
    pub(crate) ports: Vec<(String, u16, u16, String)>,
    pub(crate) containers: Vec<ContainerSource>,
    /// Made from a pod (not a lone container): its Pod gets an empty `status`, as Podman
    /// writes one.
    pub(crate) from_pod: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ContainerSource {
    pub(crate) name: String,
    /// `--annotation`: the pod's `metadata.annotations` (kube play gives them to each
    /// container).
    pub(crate) annotations: BTreeMap<String, String>,
    /// The engine's own annotations of the container (`io.kubernetes.cri-o.TTY`,
    /// `io.podman.annotations.autoremove` …): in the pod's `metadata.annotations` as
    /// `KEY/NAME`, as Podman writes them for `kube play` to read back.
    pub(crate) engine_annotations: BTreeMap<String, String>,
    /// An init container (`--init-ctr`).
    pub(crate) init: bool,
    pub(crate) image: String,
    /// The whole command line (entrypoint and arguments): Kubernetes' `command`.
    pub(crate) command: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) workdir: Option<String>,
    pub(crate) mounts: Vec<MountSource>,
    pub(crate) memory: Option<i64>,
    /// In CPUs.
    pub(crate) cpus: Option<f64>,
    pub(crate) user: Option<(u32, Option<u32>)>,
    pub(crate) read_only: bool,
    pub(crate) privileged: bool,
    pub(crate) cap_add: Vec<String>,
    pub(crate) cap_drop: Vec<String>,
    pub(crate) no_new_privileges: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct MountSource {
    /// `volume`, `bind` or `tmpfs`.
    pub(crate) kind: String,
    /// The volume's name or the host path.
    pub(crate) source: String,
    pub(crate) destination: String,
    pub(crate) read_only: bool,
    /// A bind of a file rather than a folder.
    pub(crate) file: bool,
    /// A folder `kube play` wrote from a ConfigMap: its files, written back as one.
    pub(crate) config_files: Option<BTreeMap<String, String>>,
}

/// `pod` or `deployment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    Pod,
    Deployment,
}

/// A DNS-1123 name for a volume: lower case, `-` for anything else.
fn volume_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    out = out.trim_matches('-').to_string();
    out.truncate(63);
    if out.is_empty() {
        "volume".into()
    } else {
        out
    }
}

fn container(
    c: &ContainerSource,
    ports: &[(String, u16, u16, String)],
    volumes: &mut Vec<Value>,
    maps: &mut Vec<Value>,
) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(c.name));
    o.insert("image".into(), json!(c.image));
    if !c.command.is_empty() {
        o.insert("command".into(), json!(c.command));
    }
    if let Some(w) = &c.workdir {
        o.insert("workingDir".into(), json!(w));
    }
    if !c.env.is_empty() {
        let env: Vec<Value> = c
            .env
            .iter()
            .map(|(k, v)| json!({"name": k, "value": v}))
            .collect();
        o.insert("env".into(), json!(env));
    }
    if !ports.is_empty() {
        let ports: Vec<Value> = ports
            .iter()
            .map(|(ip, host, ctr, proto)| {
                let mut p = json!({
                    "containerPort": ctr,
                    "hostPort": host,
                    "protocol": proto.to_uppercase(),
                });
                if !ip.is_empty() && ip != "0.0.0.0" {
                    p["hostIP"] = json!(ip);
                }
                p
            })
            .collect();
        o.insert("ports".into(), json!(ports));
    }
    let mut mounts = Vec::new();
    for m in &c.mounts {
        let name = match m.kind.as_str() {
            _ if m.config_files.is_some() => format!("{}-config", volume_name(&m.destination)),
            "volume" => format!("{}-pvc", volume_name(&m.source)),
            "bind" => format!("{}-host", volume_name(&m.source)),
            _ => format!("{}-tmpfs", volume_name(&m.destination)),
        };
        let source = match (m.kind.as_str(), &m.config_files) {
            (_, Some(files)) => {
                let map = format!("{}-config", volume_name(&m.destination));
                if !maps.iter().any(|v| v["metadata"]["name"] == map.as_str()) {
                    maps.push(json!({
                        "apiVersion": "v1",
                        "kind": "ConfigMap",
                        "metadata": {"name": map},
                        "data": files,
                    }));
                }
                json!({"name": name, "configMap": {"name": map}})
            }
            ("volume", _) => {
                json!({"name": name, "persistentVolumeClaim": {"claimName": m.source}})
            }
            ("bind", _) => json!({"name": name, "hostPath": {
                "path": m.source,
                "type": if m.file { "File" } else { "Directory" },
            }}),
            _ => json!({"name": name, "emptyDir": {"medium": "Memory"}}),
        };
        if !volumes.iter().any(|v| v["name"] == name.as_str()) {
            volumes.push(source);
        }
        let mut mount = json!({"name": name, "mountPath": m.destination});
        if m.read_only {
            mount["readOnly"] = json!(true);
        }
        mounts.push(mount);
    }
    if !mounts.is_empty() {
        o.insert("volumeMounts".into(), json!(mounts));
    }
    let mut limits = Map::new();
    if let Some(m) = c.memory {
        limits.insert("memory".into(), json!(m.to_string()));
    }
    if let Some(cpu) = c.cpus {
        limits.insert(
            "cpu".into(),
            json!(format!("{}m", (cpu * 1000.0).round() as i64)),
        );
    }
    // Empty when there are none, as Podman writes it.
    let resources = match limits.is_empty() {
        true => json!({}),
        false => json!({ "limits": limits }),
    };
    o.insert("resources".into(), resources);
    let mut sec = Map::new();
    if let Some((u, g)) = c.user {
        sec.insert("runAsUser".into(), json!(u));
        if let Some(g) = g {
            sec.insert("runAsGroup".into(), json!(g));
        }
    }
    if c.read_only {
        sec.insert("readOnlyRootFilesystem".into(), json!(true));
    }
    if c.privileged {
        sec.insert("privileged".into(), json!(true));
    }
    if c.no_new_privileges {
        sec.insert("allowPrivilegeEscalation".into(), json!(false));
    }
    if !c.cap_add.is_empty() || !c.cap_drop.is_empty() {
        let mut caps = Map::new();
        if !c.cap_add.is_empty() {
            caps.insert("add".into(), json!(c.cap_add));
        }
        if !c.cap_drop.is_empty() {
            caps.insert("drop".into(), json!(c.cap_drop));
        }
        sec.insert("capabilities".into(), Value::Object(caps));
    }
    if !sec.is_empty() {
        o.insert("securityContext".into(), Value::Object(sec));
    }
    Value::Object(o)
}

/// The pod spec and metadata of `p`; ConfigMaps its volumes need go to `maps`.
fn pod_parts(p: &PodSource, maps: &mut Vec<Value>) -> (Value, Value) {
    let mut labels = p.labels.clone();
    labels.insert("app".into(), p.name.clone());
    let mut volumes = Vec::new();
    let init: Vec<Value> = p
        .containers
        .iter()
        .filter(|c| c.init)
        .map(|c| container(c, &[], &mut volumes, maps))
        .collect();
    let containers: Vec<Value> = p
        .containers
        .iter()
        .filter(|c| !c.init)
        .enumerate()
        .map(|(i, c)| {
            let ports = if i == 0 { &p.ports[..] } else { &[] };
            container(c, ports, &mut volumes, maps)
        })
        .collect();
    let restart = match p.restart.as_str() {
        "on-failure" => "OnFailure",
        "no" | "" => "Never",
        _ => "Always",
    };
    let mut spec = json!({"containers": containers, "restartPolicy": restart});
    if !init.is_empty() {
        spec["initContainers"] = json!(init);
    }
    if !volumes.is_empty() {
        spec["volumes"] = json!(volumes);
    }
    if let Some(h) = &p.hostname {
        spec["hostname"] = json!(h);
    }
    if p.host_network {
        spec["hostNetwork"] = json!(true);
    }
    let mut meta = json!({"name": p.name, "labels": labels});
    if let Some(t) = &p.created {
        meta["creationTimestamp"] = json!(t);
    }
    let mut annotations: BTreeMap<String, String> = p
        .containers
        .iter()
        .flat_map(|c| c.annotations.clone())
        .collect();
    for c in &p.containers {
        let name = c.name.replace('_', "");
        for (k, v) in &c.engine_annotations {
            annotations.insert(format!("{k}/{name}"), v.clone());
        }
    }
    if !annotations.is_empty() {
        meta["annotations"] = json!(annotations);
    }
    (meta, spec)
}

/// The YAML documents for `pods`, `---` separated.
pub(crate) fn generate(
    pods: &[PodSource],
    kind: Kind,
    service: bool,
) -> Result<String, yaml_serde::Error> {
    let mut docs = Vec::new();
    for p in pods {
        let mut maps = Vec::new();
        let (meta, spec) = pod_parts(p, &mut maps);
        docs.append(&mut maps);
        docs.push(match kind {
            Kind::Pod => {
                let mut pod =
                    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec});
                if p.from_pod {
                    pod["status"] = json!({});
                }
                pod
            }
            Kind::Deployment => json!({
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": format!("{}-deployment", p.name), "labels": {"app": p.name}},
                "spec": {
                    "replicas": 1,
                    "selector": {"matchLabels": {"app": p.name}},
                    "template": {"metadata": meta, "spec": spec},
                },
            }),
        });
        if service {
            let ports: Vec<Value> = p
                .ports
                .iter()
                .map(|(_, host, ctr, proto)| {
                    json!({
                        "name": format!("{ctr}-{}", proto.to_lowercase()),
                        "port": ctr,
                        "targetPort": ctr,
                        "nodePort": host,
                        "protocol": proto.to_uppercase(),
                    })
                })
                .collect();
            docs.push(json!({
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": p.name, "labels": {"app": p.name}},
                "spec": {"selector": {"app": p.name}, "type": "NodePort", "ports": ports},
            }));
        }
    }
    let mut out = String::from("# Generated by rcon kube generate\n");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&quote_times(&yaml_serde::to_string(d)?));
    }
    Ok(out)
}

/// `creationTimestamp` as a quoted string, as kubectl and Podman write it: bare, YAML 1.1
/// readers (PyYAML) take it for a timestamp, not the text the API expects.
fn quote_times(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len() + 8);
    for line in yaml.lines() {
        match line.split_once("creationTimestamp: ") {
            Some((indent, value))
                if indent.trim().is_empty() && !value.starts_with(['"', '\'']) =>
            {
                out.push_str(&format!("{indent}creationTimestamp: \"{value}\"\n"));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> PodSource {
        PodSource {
            name: "web".into(),
            restart: "always".into(),
            ports: vec![(String::new(), 8080, 80, "tcp".into())],
            containers: vec![ContainerSource {
                name: "ap_p".into(),
                engine_annotations: [(
                    "io.podman.annotations.init".to_string(),
                    "TRUE".to_string(),
                )]
                .into(),
                image: "docker.io/library/busybox:latest".into(),
                command: vec!["httpd".into(), "-f".into()],
                env: vec![("A".into(), "1".into())],
                mounts: vec![MountSource {
                    kind: "volume".into(),
                    source: "Data_1".into(),
                    destination: "/data".into(),
                    read_only: true,
                    file: false,
                    config_files: None,
                }],
                memory: Some(67108864),
                cpus: Some(0.5),
                cap_add: vec!["CAP_NET_ADMIN".into()],
                ..ContainerSource::default()
            }],
            ..PodSource::default()
        }
    }

    #[test]
    fn a_pod_is_generated_with_its_ports_volumes_limits_and_service() {
        let yaml = generate(&[source()], Kind::Pod, true).unwrap();
        let docs = crate::kube::parse(&yaml, "gen").unwrap();
        assert_eq!(docs.len(), 2);
        let pod = &docs[0].value;
        assert_eq!(pod["kind"], "Pod");
        let c = &pod["spec"]["containers"][0];
        assert_eq!(c["ports"][0]["hostPort"], 8080);
        assert_eq!(c["volumeMounts"][0]["name"], "data-1-pvc");
        assert_eq!(
            pod["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"],
            "Data_1"
        );
        assert_eq!(c["resources"]["limits"]["cpu"], "500m");
        assert_eq!(
            c["securityContext"]["capabilities"]["add"][0],
            "CAP_NET_ADMIN"
        );
        let stamped = generate(
            &[PodSource {
                created: Some("2026-12-07T21:39:15Z".into()),
                ..source()
            }],
            Kind::Pod,
            false,
        )
        .unwrap();
        assert!(stamped.contains("  creationTimestamp: \"2026-12-07T21:39:15Z\"\n"));
        let meta = &pod["metadata"]["annotations"];
        assert_eq!(
            meta["io.podman.annotations.init/ap_p"],
            serde_json::Value::Null
        );
        assert_eq!(meta["io.podman.annotations.init/app"], "TRUE");
        assert_eq!(docs[1].value["spec"]["ports"][0]["nodePort"], 8080);
        assert_eq!(pod["status"], serde_json::Value::Null, "a lone container's");
        // A pod's has an empty status, and a container without limits empty resources.
        let mut bare = source();
        bare.from_pod = true;
        bare.containers[0].memory = None;
        bare.containers[0].cpus = None;
        let yaml = generate(&[bare], Kind::Pod, false).unwrap();
        let docs2 = crate::kube::parse(&yaml, "gen").unwrap();
        assert_eq!(docs2[0].value["status"], serde_json::json!({}));
        let c = &docs2[0].value["spec"]["containers"][0];
        assert_eq!(c["resources"], serde_json::json!({}));
        let dep = generate(&[source()], Kind::Deployment, false).unwrap();
        let docs = crate::kube::parse(&dep, "gen").unwrap();
        assert_eq!(
            docs[0].value["spec"]["template"]["spec"]["restartPolicy"],
            "Always"
        );
    }

    #[test]
    fn generated_yaml_plays_back_into_the_same_pod() {
        let yaml = generate(&[source()], Kind::Pod, false).unwrap();
        let docs = crate::kube::parse(&yaml, "gen").unwrap();
        let plan = crate::kube::play::plan(&docs, &Default::default()).unwrap();
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
        let pod = &plan.pods[0];
        assert!(
            pod.create.contains(&"--publish=8080:80/tcp".to_string()),
            "{:?}",
            pod.create
        );
        let a = &pod.containers[0].args;
        assert!(
            a.contains(&r#"--entrypoint=["httpd","-f"]"#.to_string()),
            "{a:?}"
        );
        assert!(
            a.contains(&"--mount=type=volume,source=Data_1,destination=/data,ro".to_string()),
            "{a:?}"
        );
    }
}
