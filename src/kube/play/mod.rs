//! `kube play`: Kubernetes documents → a plan of pods, containers, volumes and files, as the
//! flags of `rcon pod create` and `rcon run` (so every value passes the CLI's own checks).
//! Pure: nothing here touches the system; the CLI carries the plan out.
//!
//! Kinds: Pod, Deployment (replicas → that many pods), DaemonSet (one pod), Job (its pod's
//! containers run to completion), ConfigMap, Secret, PersistentVolumeClaim (→ a named
//! volume). Any other kind is listed in a warning and skipped.
use super::{Doc, Fields, KubeError, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

mod container;

/// What `kube play`'s flags add to the YAML.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlayOptions {
    /// Where ConfigMap and Secret volumes are written: `<dir>/<pod>/<volume>/`.
    pub(crate) files_dir: PathBuf,
    /// `--configmap` files' documents.
    pub(crate) configmaps: Vec<Doc>,
    /// `--network`, for every pod.
    pub(crate) network: Vec<String>,
    /// `--publish`, for every pod.
    pub(crate) publish: Vec<String>,
    /// `--log-driver`, for every container.
    pub(crate) log_driver: Option<String>,
    /// `--userns`, for every pod.
    pub(crate) userns: Option<String>,
    /// `--annotation`, for every container.
    pub(crate) annotations: Vec<(String, String)>,
}

/// Everything `kube play` makes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Plan {
    pub(crate) pods: Vec<PodPlan>,
    /// Named volumes the pods use (PersistentVolumeClaims, emptyDirs), made when missing.
    pub(crate) volumes: Vec<String>,
    /// ConfigMap and Secret volumes' files.
    pub(crate) files: Vec<FileSet>,
    /// Host paths that must exist or be made first (hostPath volumes' types).
    pub(crate) prepare: Vec<Prep>,
    pub(crate) warnings: Vec<String>,
}

/// One pod: `pod create` flags (after `create`), its init containers and its containers as
/// `run` flags (after `run -d`, image and arguments included).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PodPlan {
    pub(crate) name: String,
    pub(crate) create: Vec<String>,
    pub(crate) init: Vec<CtrPlan>,
    pub(crate) containers: Vec<CtrPlan>,
    /// A Job's pod: the containers run to completion and their codes are reported.
    pub(crate) job: bool,
    /// Named volumes made for this pod alone (emptyDir), removed with it by `kube down`.
    pub(crate) own_volumes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CtrPlan {
    /// The container's name (`<pod>-<container>`).
    pub(crate) name: String,
    pub(crate) args: Vec<String>,
    /// What the play waits for once the pod started; `None` (`ignore`): nothing.
    pub(crate) sdnotify: Option<Notify>,
}

/// The pod's annotation that sets its containers' sd-notify policy; `KEY/NAME` sets container
/// NAME's, over the pod's (Podman's).
pub(crate) const SDNOTIFY_ANNOTATION: &str = "io.containers.sdnotify";

/// A container's sd-notify policy in a play, other than `ignore` (the default): when it counts
/// as ready. Once every such container of a pod is, the play goes on; with any in the play,
/// `kube play` stays the unit's main process until the service container ends (Podman 4.5's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notify {
    /// Once it runs.
    Conmon,
    /// Once it sends `READY=1` to the socket bound into it at `$NOTIFY_SOCKET`.
    Container,
    /// Once its healthcheck passes.
    Healthy,
}

impl Notify {
    /// The annotation's value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Notify::Conmon => "conmon",
            Notify::Container => "container",
            Notify::Healthy => "healthy",
        }
    }
}

/// The policy the annotations (at `path` of `d`) give container `own` (its name in the YAML):
/// its own key's value, else the pod's; a value that is none of Podman's is an error.
fn notify_policy(
    d: &Doc,
    path: &str,
    annotations: &BTreeMap<String, String>,
    own: &str,
) -> Result<Option<Notify>> {
    let key = format!("{SDNOTIFY_ANNOTATION}/{own}");
    let (key, value) = match annotations.get(&key) {
        Some(v) if !v.is_empty() => (key.as_str(), v),
        _ => match annotations.get(SDNOTIFY_ANNOTATION) {
            Some(v) => (SDNOTIFY_ANNOTATION, v),
            None => return Ok(None),
        },
    };
    match value.as_str() {
        "" | "ignore" => Ok(None),
        "conmon" => Ok(Some(Notify::Conmon)),
        "container" => Ok(Some(Notify::Container)),
        "healthy" => Ok(Some(Notify::Healthy)),
        other => Err(field(
            d,
            path,
            &format!("{key}: {other:?}: expected conmon, container, healthy or ignore"),
        )),
    }
}

/// Files to write before the pods are made: `(name, content, mode)` in `dir`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileSet {
    pub(crate) dir: PathBuf,
    pub(crate) files: Vec<(String, Vec<u8>, u32)>,
}

/// A hostPath volume's type, checked or made before the pods.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Prep {
    /// `DirectoryOrCreate`.
    MakeDir(PathBuf),
    /// `FileOrCreate`.
    MakeFile(PathBuf),
    /// `Directory`, `File`, `Socket`, `CharDevice`, `BlockDevice`: must exist as that.
    Exists { path: PathBuf, kind: String },
}

/// ConfigMaps and Secrets by name: their keys and values.
#[derive(Debug, Default)]
pub(crate) struct Data {
    pub(crate) configmaps: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    pub(crate) secrets: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
}

/// The name of the service container of a play of the YAML `bytes` (`--service-container`):
/// the first 12 hex digits of their sha256, then `-service`, as Podman names it.
pub(crate) fn service_name(bytes: &[u8]) -> String {
    format!("{}-service", crate::util::digest::Digest::of(bytes).short())
}

/// Plans every document of `docs`.
pub(crate) fn plan(docs: &[Doc], opts: &PlayOptions) -> Result<Plan> {
    let mut out = Plan::default();
    let mut data = Data::default();
    for d in docs.iter().chain(&opts.configmaps) {
        match d.kind.as_str() {
            "ConfigMap" => {
                let m = config_data(d, false, &mut out.warnings)?;
                data.configmaps.insert(d.name.clone(), m);
            }
            "Secret" => {
                let m = config_data(d, true, &mut out.warnings)?;
                data.secrets.insert(d.name.clone(), m);
            }
            _ => {}
        }
    }
    for d in docs {
        if d.name.is_empty() {
            return Err(field(
                d,
                "metadata.name",
                "missing: every document needs a name",
            ));
        }
        let label = d.label();
        let mut top = Fields::new(&label, "", Some(&d.value))?;
        top.raw("apiVersion");
        top.raw("kind");
        match d.kind.as_str() {
            "ConfigMap" | "Secret" => continue,
            "PersistentVolumeClaim" => {
                top.raw("metadata");
                top.raw("spec");
                top.raw("status");
                top.unread(&mut out.warnings);
                push_unique(&mut out.volumes, &d.name);
            }
            "Pod" => {
                let pod = pod(d, &mut top, &d.name, opts, &data, false, &mut out)?;
                // An object's status is what a cluster reports; as kubectl does, it is skipped.
                top.raw("status");
                top.unread(&mut out.warnings);
                out.pods.push(pod);
            }
            "Deployment" | "DaemonSet" | "Job" => {
                top.raw("metadata");
                let mut spec = top.object("spec")?;
                let replicas = match d.kind.as_str() {
                    "Deployment" => spec.int("replicas")?.unwrap_or(1),
                    _ => 1,
                };
                if !(0..=100).contains(&replicas) {
                    return Err(field(d, "spec.replicas", "expected 0 to 100"));
                }
                spec.ignore(
                    "selector",
                    "rcon's pods are the template's",
                    &mut out.warnings,
                );
                spec.ignore("strategy", "rcon replaces pods whole", &mut out.warnings);
                for k in [
                    "backoffLimit",
                    "completions",
                    "parallelism",
                    "updateStrategy",
                ] {
                    spec.ignore(k, "rcon runs one pod per replica", &mut out.warnings);
                }
                let template = spec.raw("template");
                let mut t = Fields::new(&label, "spec.template", template)?;
                if !t.present() {
                    return Err(field(d, "spec.template", "missing"));
                }
                for i in 0..replicas {
                    let name = if replicas == 1 {
                        format!("{}-pod", d.name)
                    } else {
                        format!("{}-pod-{i}", d.name)
                    };
                    let job = d.kind == "Job";
                    let mut t = Fields::new(&label, "spec.template", template)?;
                    let p = pod(d, &mut t, &name, opts, &data, job, &mut out)?;
                    out.pods.push(p);
                }
                // Fields of the template are warned about once, not once per replica.
                t.raw("metadata");
                t.raw("spec");
                t.unread(&mut out.warnings);
                spec.unread(&mut out.warnings);
                top.raw("status");
                top.unread(&mut out.warnings);
            }
            other => out.warnings.push(format!(
                "{label}: kind {other} is not supported by rcon (Pod, Deployment, DaemonSet, \
                 Job, ConfigMap, Secret, PersistentVolumeClaim are), skipped"
            )),
        }
    }
    out.warnings.dedup();
    Ok(out)
}

fn field(d: &Doc, path: &str, message: &str) -> KubeError {
    KubeError::Field {
        doc: d.label(),
        path: path.to_string(),
        message: message.to_string(),
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// A ConfigMap's or Secret's keys (Secret `data` is base64; `stringData` plain).
fn config_data(
    d: &Doc,
    secret: bool,
    warnings: &mut Vec<String>,
) -> Result<BTreeMap<String, Vec<u8>>> {
    use base64::Engine;
    let label = d.label();
    let mut top = Fields::new(&label, "", Some(&d.value))?;
    top.raw("apiVersion");
    top.raw("kind");
    top.raw("metadata");
    let mut out = BTreeMap::new();
    for (k, v) in top.string_map("data")? {
        let bytes = if secret {
            base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .map_err(|_| field(d, &format!("data.{k}"), "expected base64"))?
        } else {
            v.into_bytes()
        };
        out.insert(k, bytes);
    }
    for (k, v) in top.string_map(if secret { "stringData" } else { "binaryData" })? {
        let bytes = if secret {
            v.into_bytes()
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .map_err(|_| field(d, &format!("binaryData.{k}"), "expected base64"))?
        };
        out.insert(k, bytes);
    }
    top.raw("type");
    top.ignore("immutable", "rcon's copies are not shared", warnings);
    top.unread(warnings);
    Ok(out)
}

/// An engine annotation's key, the value that turns it on, and its flag.
type EngineAnnotation = (&'static str, &'static str, Option<&'static str>);

/// The annotations the engine writes for each container as `KEY/NAME` (`kube generate`'s).
const ENGINE_ANNOTATIONS: [EngineAnnotation; 7] = [
    ("io.kubernetes.cri-o.TTY", "true", Some("--tty")),
    ("io.podman.annotations.autoremove", "TRUE", Some("--rm")),
    ("io.podman.annotations.init", "TRUE", Some("--init")),
    (
        "io.podman.annotations.privileged",
        "TRUE",
        Some("--privileged"),
    ),
    (
        "io.podman.annotations.publish-all",
        "TRUE",
        Some("--publish-all"),
    ),
    ("io.kubernetes.cri-o.ContainerType", "", None),
    ("io.kubernetes.cri-o.SandboxID", "", None),
];

/// The entry of [`ENGINE_ANNOTATIONS`] and the container name of an annotation `KEY/NAME`.
fn engine_annotation(key: &str) -> Option<(&'static EngineAnnotation, &str)> {
    let (k, name) = key.rsplit_once('/')?;
    ENGINE_ANNOTATIONS
        .iter()
        .find(|(e, _, _)| *e == k)
        .map(|e| (e, name))
}

/// The flags the engine's annotations of container `name` stand for (as Podman plays them).
fn engine_flags(
    annotations: &std::collections::BTreeMap<String, String>,
    name: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in annotations {
        if let Some(((_, on, Some(flag)), n)) = engine_annotation(k) {
            if n == name && v.eq_ignore_ascii_case(on) {
                out.push(flag.to_string());
            }
        }
    }
    out
}

/// A pod from a pod object (`top`: the Pod document, or a template) named `name`.
fn pod(
    d: &Doc,
    top: &mut Fields,
    name: &str,
    opts: &PlayOptions,
    data: &Data,
    job: bool,
    out: &mut Plan,
) -> Result<PodPlan> {
    let label = d.label();
    // As Podman plays them: when the last container exits, the pod stops (its infra too).
    let mut create = vec![
        "--name".to_string(),
        name.to_string(),
        "--exit-policy=stop".to_string(),
    ];
    let mut meta = top.object("metadata")?;
    meta.raw("name");
    let labels = meta.string_map("labels")?;
    for (k, v) in &labels {
        create.push(format!("--label={k}={v}"));
    }
    if let Some(ns) = meta.str("namespace")? {
        if ns != "default" {
            out.warnings.push(format!(
                "{label}: metadata.namespace {ns}: rcon has no namespaces, ignored"
            ));
        }
    }
    // The pod's annotations are each container's (Podman's reading), `--annotation` over them.
    let mut annotations = meta.string_map("annotations")?;
    annotations.extend(opts.annotations.iter().cloned());
    let annotations_path = meta.child("annotations");
    meta.unread(&mut out.warnings);
    let mut spec = top.object("spec")?;
    if !spec.present() {
        return Err(field(d, &spec.child(""), "missing"));
    }
    if spec.bool("hostNetwork")? == Some(true) {
        create.push("--network=host".into());
    }
    for n in &opts.network {
        create.push(format!("--network={n}"));
    }
    for p in &opts.publish {
        create.push(format!("--publish={p}"));
    }
    if let Some(u) = &opts.userns {
        create.push(format!("--userns={u}"));
    }
    if let Some(h) = spec.str("hostname")? {
        create.push(format!("--hostname={h}"));
    }
    for (path, alias) in spec.list("hostAliases")? {
        let mut a = Fields::new(&label, path, Some(alias))?;
        let ip = a.str("ip")?.unwrap_or_default();
        for host in a.strings("hostnames")? {
            create.push(format!("--add-host={host}:{ip}"));
        }
        a.unread(&mut out.warnings);
    }
    let mut dns = spec.object("dnsConfig")?;
    for s in dns.strings("nameservers")? {
        create.push(format!("--dns={s}"));
    }
    for s in dns.strings("searches")? {
        create.push(format!("--dns-search={s}"));
    }
    for (path, o) in dns.list("options")? {
        let mut o = Fields::new(&label, path, Some(o))?;
        let n = o.str("name")?.unwrap_or_default();
        match o.str("value")? {
            Some(v) => create.push(format!("--dns-option={n}:{v}")),
            None => create.push(format!("--dns-option={n}")),
        }
    }
    dns.unread(&mut out.warnings);
    spec.raw("dnsPolicy");
    let restart = spec.str("restartPolicy")?;
    let restart = match restart.as_deref() {
        None if job => "no",
        None | Some("Always") => "always",
        Some("OnFailure") => "on-failure",
        Some("Never") => "no",
        Some(other) => {
            return Err(field(
                d,
                &spec.child("restartPolicy"),
                &format!("{other:?}: expected Always, OnFailure or Never"),
            ))
        }
    };
    let grace = spec.int("terminationGracePeriodSeconds")?;
    let mut security = spec.object("securityContext")?;
    let pod_security = container::PodSecurity {
        run_as_user: security.int("runAsUser")?,
        run_as_group: security.int("runAsGroup")?,
        run_as_non_root: security.bool("runAsNonRoot")?,
        supplemental_groups: security.strings("supplementalGroups")?,
    };
    security.unread(&mut out.warnings);
    let volumes = container::volumes(d, &mut spec, name, opts, data, out)?;
    let ctx = container::PodContext {
        doc: d,
        pod: name,
        labels: &labels,
        restart,
        grace,
        security: &pod_security,
        volumes: &volumes,
        data,
        log_driver: opts.log_driver.as_deref(),
    };
    let mut init = Vec::new();
    for (path, c) in spec.list("initContainers")? {
        init.push(container::container(
            &ctx,
            &path,
            c,
            true,
            &mut create,
            out,
        )?);
    }
    let mut containers = Vec::new();
    for (path, c) in spec.list("containers")? {
        containers.push(container::container(
            &ctx,
            &path,
            c,
            false,
            &mut create,
            out,
        )?);
    }
    if containers.is_empty() {
        return Err(field(
            d,
            &spec.child("containers"),
            "missing: a pod needs a container",
        ));
    }
    for c in &mut containers {
        // Init containers end before the others start: they are never waited for (Podman's).
        let own = c.name.strip_prefix(&format!("{name}-")).unwrap_or(&c.name);
        c.sdnotify = notify_policy(d, &annotations_path, &annotations, own)?;
    }
    for c in init.iter_mut().chain(containers.iter_mut()) {
        let own = c.name.strip_prefix(&format!("{name}-")).unwrap_or(&c.name);
        let mut flags: Vec<String> = annotations
            .iter()
            .filter(|(k, _)| engine_annotation(k).is_none())
            .map(|(k, v)| format!("--annotation={k}={v}"))
            .collect();
        flags.extend(engine_flags(&annotations, &own.replace('_', "")));
        c.args.splice(0..0, flags);
    }
    for k in [
        "nodeName",
        "nodeSelector",
        "affinity",
        "tolerations",
        "schedulerName",
        "priority",
    ] {
        spec.ignore(k, "rcon runs every pod on this machine", &mut out.warnings);
    }
    spec.ignore(
        "serviceAccountName",
        "rcon has no service accounts",
        &mut out.warnings,
    );
    spec.unread(&mut out.warnings);
    let own_volumes = volumes
        .values()
        .filter_map(|v| match v {
            container::Volume::Named { name, own: true } => Some(name.clone()),
            _ => None,
        })
        .collect();
    Ok(PodPlan {
        name: name.to_string(),
        create,
        init,
        containers,
        job,
        own_volumes,
    })
}

/// The value a `fieldRef` names, for env.
pub(crate) fn field_ref(
    path: &str,
    pod: &str,
    labels: &BTreeMap<String, String>,
) -> Option<String> {
    match path {
        "metadata.name" => Some(pod.to_string()),
        "metadata.namespace" => Some("default".into()),
        _ => {
            let key = path
                .strip_prefix("metadata.labels['")
                .and_then(|r| r.strip_suffix("']"))?;
            Some(labels.get(key).cloned().unwrap_or_default())
        }
    }
}

/// An unknown value of a field as a one-line error.
pub(crate) fn bad(d: &Doc, path: String, message: impl Into<String>) -> KubeError {
    KubeError::Field {
        doc: d.label(),
        path,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests;
