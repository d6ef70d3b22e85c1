//! One container of a pod spec as `rcon run` flags, and the pod's volumes.
use super::{bad, field_ref, push_unique, CtrPlan, Data, FileSet, Plan, PlayOptions, Prep};
use crate::kube::{quantity, Doc, Fields, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The pod-level securityContext: the containers' defaults.
#[derive(Debug, Default)]
pub(super) struct PodSecurity {
    pub(super) run_as_user: Option<i64>,
    pub(super) run_as_group: Option<i64>,
    pub(super) run_as_non_root: Option<bool>,
    pub(super) supplemental_groups: Vec<String>,
}

/// A pod volume, by what a mount of it becomes.
#[derive(Debug, Clone)]
pub(super) enum Volume {
    /// A host path (hostPath, or the folder a ConfigMap or Secret was written to).
    Host { path: PathBuf, read_only: bool },
    /// A named volume: a PersistentVolumeClaim's, or one made for the pod alone (`own`).
    Named { name: String, own: bool },
    /// emptyDir with medium Memory.
    Tmpfs { size: Option<u64> },
}

/// What every container of a pod shares.
pub(super) struct PodContext<'a> {
    pub(super) doc: &'a Doc,
    pub(super) pod: &'a str,
    pub(super) labels: &'a BTreeMap<String, String>,
    pub(super) restart: &'a str,
    pub(super) grace: Option<i64>,
    pub(super) security: &'a PodSecurity,
    pub(super) volumes: &'a BTreeMap<String, Volume>,
    pub(super) data: &'a Data,
    pub(super) log_driver: Option<&'a str>,
}

/// The pod's `volumes`, by name.
pub(super) fn volumes(
    d: &Doc,
    spec: &mut Fields,
    pod: &str,
    opts: &PlayOptions,
    data: &Data,
    out: &mut Plan,
) -> Result<BTreeMap<String, Volume>> {
    let label = d.label();
    let mut vols = BTreeMap::new();
    for (path, v) in spec.list("volumes")? {
        let mut f = Fields::new(&label, path.clone(), Some(v))?;
        let name = f
            .str("name")?
            .ok_or_else(|| bad(d, format!("{path}.name"), "missing"))?;
        let mut host = f.object("hostPath")?;
        let mut empty = f.object("emptyDir")?;
        let mut cm = f.object("configMap")?;
        let mut secret = f.object("secret")?;
        let mut pvc = f.object("persistentVolumeClaim")?;
        let vol = if host.present() {
            let p = PathBuf::from(host.str("path")?.unwrap_or_default());
            if !p.is_absolute() {
                return Err(bad(d, host.child("path"), "expected an absolute path"));
            }
            match host.str("type")?.as_deref().unwrap_or("") {
                "" => {}
                "DirectoryOrCreate" => out.prepare.push(Prep::MakeDir(p.clone())),
                "FileOrCreate" => out.prepare.push(Prep::MakeFile(p.clone())),
                kind @ ("Directory" | "File" | "Socket" | "CharDevice" | "BlockDevice") => {
                    out.prepare.push(Prep::Exists {
                        path: p.clone(),
                        kind: kind.to_string(),
                    })
                }
                other => {
                    return Err(bad(
                        d,
                        host.child("type"),
                        format!(
                            "{other:?}: expected DirectoryOrCreate, Directory, FileOrCreate, \
                             File, Socket, CharDevice or BlockDevice"
                        ),
                    ))
                }
            }
            host.unread(&mut out.warnings);
            Volume::Host {
                path: p,
                read_only: false,
            }
        } else if empty.present() || f.raw("emptyDir").is_some_and(|v| v.is_object()) {
            let size = empty.str("sizeLimit")?;
            let size = size
                .map(|s| {
                    quantity::memory_bytes(&s)
                        .ok_or_else(|| bad(d, empty.child("sizeLimit"), "expected a quantity"))
                })
                .transpose()?;
            let memory = empty.str("medium")?.is_some_and(|m| m == "Memory");
            empty.unread(&mut out.warnings);
            if memory {
                Volume::Tmpfs { size }
            } else {
                let vname = format!("{pod}-{name}");
                push_unique(&mut out.volumes, &vname);
                Volume::Named {
                    name: vname,
                    own: true,
                }
            }
        } else if cm.present() || secret.present() {
            let (obj, source, key) = if cm.present() {
                (&mut cm, &data.configmaps, "name")
            } else {
                (&mut secret, &data.secrets, "secretName")
            };
            let what = if key == "name" { "ConfigMap" } else { "Secret" };
            let src = obj.str(key)?.unwrap_or_default();
            let optional = obj.bool("optional")?.unwrap_or(false);
            let mode = obj.int("defaultMode")?.unwrap_or(0o644) as u32 & 0o7777;
            let dir = opts.files_dir.join(pod).join(&name);
            let mut files = Vec::new();
            match source.get(&src) {
                Some(keys) => {
                    let items = obj.list("items")?;
                    if items.is_empty() {
                        for (k, v) in keys {
                            files.push((k.clone(), v.clone(), mode));
                        }
                    }
                    for (ipath, item) in items {
                        let mut it = Fields::new(&label, ipath.clone(), Some(item))?;
                        let k = it.str("key")?.unwrap_or_default();
                        let to = it.str("path")?.unwrap_or_else(|| k.clone());
                        let m = it.int("mode")?.map_or(mode, |m| m as u32 & 0o7777);
                        it.unread(&mut out.warnings);
                        let v = keys.get(&k).ok_or_else(|| {
                            bad(
                                d,
                                format!("{ipath}.key"),
                                format!("{what} {src} has no key {k:?}"),
                            )
                        })?;
                        files.push((to, v.clone(), m));
                    }
                }
                None if optional => {}
                None => {
                    return Err(bad(
                        d,
                        obj.child(key),
                        format!("no {what} {src:?} in the YAML (or given with --configmap)"),
                    ))
                }
            }
            for (f, _, _) in &files {
                let ok = !f.is_empty()
                    && !f.starts_with('/')
                    && f.split('/').all(|c| !c.is_empty() && c != "." && c != "..");
                if !ok {
                    return Err(bad(
                        d,
                        obj.child("items"),
                        format!("{f:?}: not a relative path inside the volume"),
                    ));
                }
            }
            obj.unread(&mut out.warnings);
            out.files.push(FileSet {
                dir: dir.clone(),
                files,
            });
            Volume::Host {
                path: dir,
                read_only: true,
            }
        } else if pvc.present() {
            let claim = pvc
                .str("claimName")?
                .ok_or_else(|| bad(d, pvc.child("claimName"), "missing"))?;
            let read_only = pvc.bool("readOnly")?.unwrap_or(false);
            pvc.unread(&mut out.warnings);
            push_unique(&mut out.volumes, &claim);
            if read_only {
                out.warnings.push(format!(
                    "{label}: {}: every mount of the claim is read-only in rcon only where the \
                     volumeMount says so",
                    pvc.child("readOnly")
                ));
            }
            Volume::Named {
                name: claim,
                own: false,
            }
        } else {
            f.unread(&mut out.warnings);
            return Err(bad(
                d,
                path,
                "rcon supports hostPath, emptyDir, configMap, secret and persistentVolumeClaim \
                 volumes",
            ));
        };
        f.unread(&mut out.warnings);
        vols.insert(name, vol);
    }
    Ok(vols)
}

/// One container (or init container) of the pod as `run` flags; the pod's published ports
/// go into `create`.
pub(super) fn container(
    ctx: &PodContext,
    path: &str,
    v: &Value,
    init: bool,
    create: &mut Vec<String>,
    out: &mut Plan,
) -> Result<CtrPlan> {
    let d = ctx.doc;
    let label = d.label();
    let mut c = Fields::new(&label, path, Some(v))?;
    let name = c
        .str("name")?
        .ok_or_else(|| bad(d, format!("{path}.name"), "missing"))?;
    let image = c
        .str("image")?
        .ok_or_else(|| bad(d, format!("{path}.image"), "missing"))?;
    let full = format!("{}-{name}", ctx.pod);
    let mut args = vec![format!("--name={full}")];
    let restart = if init { "no" } else { ctx.restart };
    args.push(format!("--restart={restart}"));
    if init {
        // Kubernetes runs init containers at every start of the pod.
        args.push("--init-ctr=always".into());
    }
    if let Some(g) = ctx.grace {
        args.push(format!("--stop-timeout={}", g.max(0)));
    }
    if let Some(l) = ctx.log_driver {
        args.push(format!("--log-driver={l}"));
    }
    match c.str("imagePullPolicy")?.as_deref() {
        None | Some("IfNotPresent") => {}
        Some("Always") => args.push("--pull=always".into()),
        Some("Never") => args.push("--pull=never".into()),
        Some(other) => {
            return Err(bad(
                d,
                c.child("imagePullPolicy"),
                format!("{other:?}: expected Always, IfNotPresent or Never"),
            ))
        }
    }
    let command = c.strings("command")?;
    if !command.is_empty() {
        args.push(format!(
            "--entrypoint={}",
            serde_json::to_string(&command).unwrap_or_default()
        ));
    }
    if let Some(w) = c.str("workingDir")? {
        args.push(format!("--workdir={w}"));
    }
    if c.bool("tty")? == Some(true) {
        args.push("--tty".into());
    }
    if c.bool("stdin")? == Some(true) {
        args.push("--interactive".into());
    }
    c.raw("stdinOnce");
    env(ctx, &mut c, &mut args, out)?;
    for (ppath, p) in c.list("ports")? {
        let mut p = Fields::new(&label, ppath.clone(), Some(p))?;
        let port = p
            .int("containerPort")?
            .filter(|n| (1..=65535).contains(n))
            .ok_or_else(|| {
                bad(
                    d,
                    format!("{ppath}.containerPort"),
                    "expected a port 1-65535",
                )
            })?;
        let proto = p
            .str("protocol")?
            .unwrap_or_else(|| "TCP".into())
            .to_lowercase();
        if proto != "tcp" && proto != "udp" {
            return Err(bad(d, format!("{ppath}.protocol"), "expected TCP or UDP"));
        }
        p.raw("name");
        if let Some(host) = p.int("hostPort")? {
            let ip = p
                .str("hostIP")?
                .map(|ip| format!("{ip}:"))
                .unwrap_or_default();
            create.push(format!("--publish={ip}{host}:{port}/{proto}"));
        }
        p.unread(&mut out.warnings);
    }
    mounts(ctx, &mut c, &mut args, out)?;
    security(ctx, &mut c, &mut args, out)?;
    let mut res = c.object("resources")?;
    let mut limits = res.object("limits")?;
    if let Some(m) = limits.str("memory")? {
        let b = quantity::memory_bytes(&m).ok_or_else(|| {
            bad(
                d,
                limits.child("memory"),
                "expected a quantity such as 128Mi",
            )
        })?;
        args.push(format!("--memory={b}"));
    }
    if let Some(cpu) = limits.str("cpu")? {
        let n = quantity::cpus(&cpu)
            .ok_or_else(|| bad(d, limits.child("cpu"), "expected a quantity such as 500m"))?;
        args.push(format!("--cpus={n}"));
    }
    limits.unread(&mut out.warnings);
    let mut requests = res.object("requests")?;
    if let Some(m) = requests.str("memory")? {
        let b = quantity::memory_bytes(&m).ok_or_else(|| {
            bad(
                d,
                requests.child("memory"),
                "expected a quantity such as 64Mi",
            )
        })?;
        args.push(format!("--memory-reservation={b}"));
    }
    requests.ignore("cpu", "rcon reserves no CPU", &mut out.warnings);
    requests.unread(&mut out.warnings);
    res.unread(&mut out.warnings);
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        c.ignore(probe, "rcon has no healthchecks yet", &mut out.warnings);
    }
    c.ignore(
        "lifecycle",
        "rcon runs no lifecycle hooks",
        &mut out.warnings,
    );
    c.raw("terminationMessagePath");
    c.raw("terminationMessagePolicy");
    c.unread(&mut out.warnings);
    args.push(image);
    args.extend(c.strings("args")?);
    Ok(CtrPlan {
        name: full,
        args,
        sdnotify: None,
    })
}

fn env(ctx: &PodContext, c: &mut Fields, args: &mut Vec<String>, out: &mut Plan) -> Result<()> {
    let d = ctx.doc;
    let label = d.label();
    let lookup = |kind: &str,
                  name: &str,
                  key: Option<&str>,
                  path: &str,
                  optional: bool|
     -> Result<Vec<(String, String)>> {
        let source = if kind == "ConfigMap" {
            &ctx.data.configmaps
        } else {
            &ctx.data.secrets
        };
        let Some(m) = source.get(name) else {
            return if optional {
                Ok(Vec::new())
            } else {
                Err(bad(
                    d,
                    path.to_string(),
                    format!("no {kind} {name:?} in the YAML (or given with --configmap)"),
                ))
            };
        };
        let text = |v: &Vec<u8>| String::from_utf8_lossy(v).into_owned();
        match key {
            Some(k) => match m.get(k) {
                Some(v) => Ok(vec![(k.to_string(), text(v))]),
                None if optional => Ok(Vec::new()),
                None => Err(bad(
                    d,
                    path.to_string(),
                    format!("{kind} {name} has no key {k:?}"),
                )),
            },
            None => Ok(m.iter().map(|(k, v)| (k.clone(), text(v))).collect()),
        }
    };
    for (epath, e) in c.list("envFrom")? {
        let mut e = Fields::new(&label, epath.clone(), Some(e))?;
        let prefix = e.str("prefix")?.unwrap_or_default();
        for (obj_key, kind) in [("configMapRef", "ConfigMap"), ("secretRef", "Secret")] {
            let mut r = e.object(obj_key)?;
            if r.present() {
                let name = r.str("name")?.unwrap_or_default();
                let optional = r.bool("optional")?.unwrap_or(false);
                r.unread(&mut out.warnings);
                for (k, v) in lookup(kind, &name, None, &r.child("name"), optional)? {
                    args.push(format!("--env={prefix}{k}={v}"));
                }
            }
        }
        e.unread(&mut out.warnings);
    }
    for (epath, e) in c.list("env")? {
        let mut e = Fields::new(&label, epath.clone(), Some(e))?;
        let name = e
            .str("name")?
            .ok_or_else(|| bad(d, format!("{epath}.name"), "missing"))?;
        if let Some(v) = e.str("value")? {
            args.push(format!("--env={name}={v}"));
        }
        let mut from = e.object("valueFrom")?;
        for (obj_key, kind) in [("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")] {
            let mut r = from.object(obj_key)?;
            if r.present() {
                let src = r.str("name")?.unwrap_or_default();
                let key = r.str("key")?.unwrap_or_default();
                let optional = r.bool("optional")?.unwrap_or(false);
                r.unread(&mut out.warnings);
                for (_, v) in lookup(kind, &src, Some(&key), &r.child("key"), optional)? {
                    args.push(format!("--env={name}={v}"));
                }
            }
        }
        let mut fr = from.object("fieldRef")?;
        if fr.present() {
            let p = fr.str("fieldPath")?.unwrap_or_default();
            fr.raw("apiVersion");
            fr.unread(&mut out.warnings);
            match field_ref(&p, ctx.pod, ctx.labels) {
                Some(v) => args.push(format!("--env={name}={v}")),
                None => out.warnings.push(format!(
                    "{label}: {}: {p} is not known before the pod runs in rcon, {name} is unset",
                    fr.child("fieldPath")
                )),
            }
        }
        from.ignore(
            "resourceFieldRef",
            "rcon does not expose limits as env",
            &mut out.warnings,
        );
        from.unread(&mut out.warnings);
        e.unread(&mut out.warnings);
    }
    Ok(())
}

fn mounts(ctx: &PodContext, c: &mut Fields, args: &mut Vec<String>, out: &mut Plan) -> Result<()> {
    let d = ctx.doc;
    let label = d.label();
    for (mpath, m) in c.list("volumeMounts")? {
        let mut m = Fields::new(&label, mpath.clone(), Some(m))?;
        let name = m.str("name")?.unwrap_or_default();
        let dest = m
            .str("mountPath")?
            .filter(|p| p.starts_with('/'))
            .ok_or_else(|| bad(d, format!("{mpath}.mountPath"), "expected an absolute path"))?;
        let ro = m.bool("readOnly")?.unwrap_or(false);
        let sub = m.str("subPath")?;
        if let Some(s) = &sub {
            if s.starts_with('/') || s.split('/').any(|c| c == "..") {
                return Err(bad(
                    d,
                    format!("{mpath}.subPath"),
                    "expected a relative path inside the volume",
                ));
            }
        }
        m.ignore(
            "mountPropagation",
            "rcon mounts are private",
            &mut out.warnings,
        );
        m.unread(&mut out.warnings);
        let vol = ctx.volumes.get(&name).ok_or_else(|| {
            bad(
                d,
                format!("{mpath}.name"),
                format!("no volume {name:?} in the pod's volumes"),
            )
        })?;
        let mut opts = Vec::new();
        match vol {
            Volume::Host { path, read_only } => {
                let src = match &sub {
                    Some(s) => path.join(s),
                    None => path.clone(),
                };
                if ro || *read_only {
                    opts.push("ro");
                }
                let o = if opts.is_empty() {
                    String::new()
                } else {
                    format!(":{}", opts.join(","))
                };
                args.push(format!("--volume={}:{dest}{o}", src.display()));
            }
            Volume::Named { name: vname, .. } => {
                let mut spec = format!("type=volume,source={vname},destination={dest}");
                if let Some(s) = &sub {
                    spec.push_str(&format!(",subpath={s}"));
                }
                if ro {
                    spec.push_str(",ro");
                }
                args.push(format!("--mount={spec}"));
            }
            Volume::Tmpfs { size } => {
                let size = size.map(|s| format!(":size={s}")).unwrap_or_default();
                args.push(format!("--tmpfs={dest}{size}"));
            }
        }
    }
    Ok(())
}

fn security(
    ctx: &PodContext,
    c: &mut Fields,
    args: &mut Vec<String>,
    out: &mut Plan,
) -> Result<()> {
    let d = ctx.doc;
    let mut s = c.object("securityContext")?;
    let user = s.int("runAsUser")?.or(ctx.security.run_as_user);
    let group = s.int("runAsGroup")?.or(ctx.security.run_as_group);
    let non_root = s.bool("runAsNonRoot")?.or(ctx.security.run_as_non_root);
    match (user, group) {
        (Some(u), Some(g)) => args.push(format!("--user={u}:{g}")),
        (Some(u), None) => args.push(format!("--user={u}")),
        (None, Some(g)) => args.push(format!("--user=0:{g}")),
        (None, None) => {}
    }
    if non_root == Some(true) {
        match user {
            Some(0) => {
                return Err(bad(
                    d,
                    s.child("runAsNonRoot"),
                    "runAsNonRoot with runAsUser 0",
                ))
            }
            Some(_) => {}
            None => out.warnings.push(format!(
                "{}: {}: rcon checks it only with runAsUser; the image's user is not checked",
                d.label(),
                s.child("runAsNonRoot")
            )),
        }
    }
    for g in &ctx.security.supplemental_groups {
        args.push(format!("--group-add={g}"));
    }
    if s.bool("readOnlyRootFilesystem")? == Some(true) {
        args.push("--read-only".into());
    }
    if s.bool("privileged")? == Some(true) {
        args.push("--privileged".into());
    }
    if s.bool("allowPrivilegeEscalation")? == Some(false) {
        args.push("--security-opt=no-new-privileges".into());
    }
    let mut caps = s.object("capabilities")?;
    for cap in caps.strings("add")? {
        args.push(format!("--cap-add={cap}"));
    }
    for cap in caps.strings("drop")? {
        args.push(format!("--cap-drop={cap}"));
    }
    caps.unread(&mut out.warnings);
    // No SELinux here: its labels mean nothing, as on any host without it.
    s.raw("seLinuxOptions");
    s.unread(&mut out.warnings);
    Ok(())
}
