//! What the instructions that change no file do to an image's config: ENV, CMD, ENTRYPOINT,
//! LABEL, EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER.
//!
//! The config is the image config JSON as stored (OCI or Docker form: the same `config`
//! object); each change edits it in place the way `docker build` does.
use serde_json::{json, Map, Value};

/// A change to the image config, with its words already expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConfigChange {
    Env(Vec<(String, String)>),
    /// The command in exec form (a shell form has been wrapped in the stage's SHELL).
    Cmd(Vec<String>),
    Entrypoint(Vec<String>),
    Label(Vec<(String, String)>),
    /// `80`, `80/tcp`, `53/udp`, `8000-8002`.
    Expose(Vec<String>),
    Volume(Vec<String>),
    User(String),
    /// Absolute or relative to the current working folder.
    Workdir(String),
    StopSignal(String),
    /// `None` for `HEALTHCHECK NONE`.
    Healthcheck(Option<Healthcheck>),
    Shell(Vec<String>),
    /// The instruction's text, kept for the images built FROM this one.
    OnBuild(String),
    Maintainer(String),
}

/// `HEALTHCHECK` options, durations in nanoseconds as the Docker config stores them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Healthcheck {
    pub(crate) test: Vec<String>,
    pub(crate) interval: Option<u64>,
    pub(crate) timeout: Option<u64>,
    pub(crate) start_period: Option<u64>,
    pub(crate) start_interval: Option<u64>,
    pub(crate) retries: Option<u64>,
}

/// Why a change could not be applied.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum ConfigError {
    #[error("EXPOSE {0:?}: expected PORT[/tcp|/udp|/sctp] or a range START-END")]
    Port(String),
    #[error("{what} {value:?}: {why}")]
    Invalid {
        what: &'static str,
        value: String,
        why: &'static str,
    },
}

/// The `config` object of an image config, made when missing.
fn inner(image: &mut Value) -> &mut Map<String, Value> {
    if !image.is_object() {
        *image = json!({});
    }
    let obj = image.as_object_mut().expect("made an object above");
    let c = obj.entry("config").or_insert_with(|| json!({}));
    if !c.is_object() {
        *c = json!({});
    }
    c.as_object_mut().expect("made an object above")
}

/// The image's `Env` as name/value pairs, in order.
pub(crate) fn env(image: &Value) -> Vec<(String, String)> {
    strings(image.pointer("/config/Env"))
        .into_iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (e, String::new()),
        })
        .collect()
}

/// The image's `Shell` (Docker form), else `/bin/sh -c`.
pub(crate) fn shell(image: &Value) -> Vec<String> {
    let s = strings(image.pointer("/config/Shell"));
    if s.is_empty() {
        vec!["/bin/sh".into(), "-c".into()]
    } else {
        s
    }
}

/// The image's working folder, `/` when unset.
pub(crate) fn workdir(image: &Value) -> String {
    match image.pointer("/config/WorkingDir").and_then(Value::as_str) {
        Some(w) if !w.is_empty() => w.to_string(),
        _ => "/".into(),
    }
}

/// The image's `OnBuild` triggers.
pub(crate) fn onbuild(image: &Value) -> Vec<String> {
    strings(image.pointer("/config/OnBuild"))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Joins `path` to `base` as a container path: `..` and `.` resolved lexically, never above `/`.
pub(crate) fn join_path(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let full = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{base}/{path}")
    };
    for p in full.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Normalises an EXPOSE entry to the config's `PORT/PROTO` keys (a range gives one per port).
fn exposed_ports(entry: &str) -> Result<Vec<String>, ConfigError> {
    let bad = || ConfigError::Port(entry.to_string());
    let (ports, proto) = match entry.split_once('/') {
        Some((p, proto)) => (p, proto.to_ascii_lowercase()),
        None => (entry, "tcp".to_string()),
    };
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(bad());
    }
    let port = |s: &str| s.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad);
    let (lo, hi) = match ports.split_once('-') {
        Some((a, b)) => (port(a)?, port(b)?),
        None => {
            let p = port(ports)?;
            (p, p)
        }
    };
    if hi < lo {
        return Err(bad());
    }
    Ok((lo..=hi).map(|p| format!("{p}/{proto}")).collect())
}

/// Applies `change` to `image`. `cmd_set_here` says whether this stage set CMD itself: an
/// ENTRYPOINT clears a CMD inherited from the base image, as Docker does.
pub(crate) fn apply(
    image: &mut Value,
    change: &ConfigChange,
    cmd_set_here: bool,
) -> Result<(), ConfigError> {
    let strs = |v: &[String]| Value::from(v.to_vec());
    match change {
        ConfigChange::Env(pairs) => {
            let mut current = env(image);
            for (k, v) in pairs {
                match current.iter_mut().find(|(n, _)| n == k) {
                    Some(e) => e.1 = v.clone(),
                    None => current.push((k.clone(), v.clone())),
                }
            }
            let list: Vec<String> = current.iter().map(|(k, v)| format!("{k}={v}")).collect();
            inner(image).insert("Env".into(), list.into());
        }
        ConfigChange::Cmd(c) => {
            inner(image).insert("Cmd".into(), strs(c));
        }
        ConfigChange::Entrypoint(e) => {
            let c = inner(image);
            c.insert("Entrypoint".into(), strs(e));
            if !cmd_set_here {
                c.remove("Cmd");
            }
        }
        ConfigChange::Label(pairs) => {
            let c = inner(image);
            let labels = c.entry("Labels").or_insert_with(|| json!({}));
            if !labels.is_object() {
                *labels = json!({});
            }
            let labels = labels.as_object_mut().expect("made an object above");
            for (k, v) in pairs {
                labels.insert(k.clone(), v.clone().into());
            }
        }
        ConfigChange::Expose(entries) => {
            let mut keys = Vec::new();
            for e in entries {
                keys.extend(exposed_ports(e)?);
            }
            set_keys(inner(image), "ExposedPorts", keys);
        }
        ConfigChange::Volume(paths) => {
            for p in paths {
                if p.is_empty() {
                    return Err(ConfigError::Invalid {
                        what: "VOLUME",
                        value: p.clone(),
                        why: "a volume needs a path",
                    });
                }
            }
            set_keys(inner(image), "Volumes", paths.clone());
        }
        ConfigChange::User(u) => {
            inner(image).insert("User".into(), u.clone().into());
        }
        ConfigChange::Workdir(w) => {
            let joined = join_path(&workdir(image), w);
            inner(image).insert("WorkingDir".into(), joined.into());
        }
        ConfigChange::StopSignal(s) => {
            inner(image).insert("StopSignal".into(), s.clone().into());
        }
        ConfigChange::Healthcheck(None) => {
            inner(image).insert("Healthcheck".into(), json!({"Test": ["NONE"]}));
        }
        ConfigChange::Healthcheck(Some(h)) => {
            let mut o = Map::new();
            o.insert("Test".into(), strs(&h.test));
            for (k, v) in [
                ("Interval", h.interval),
                ("Timeout", h.timeout),
                ("StartPeriod", h.start_period),
                ("StartInterval", h.start_interval),
                ("Retries", h.retries),
            ] {
                if let Some(v) = v {
                    o.insert(k.into(), v.into());
                }
            }
            inner(image).insert("Healthcheck".into(), Value::Object(o));
        }
        ConfigChange::Shell(s) => {
            inner(image).insert("Shell".into(), strs(s));
        }
        ConfigChange::OnBuild(text) => {
            let mut list = onbuild(image);
            list.push(text.clone());
            inner(image).insert("OnBuild".into(), list.into());
        }
        ConfigChange::Maintainer(m) => {
            if let Some(o) = image.as_object_mut() {
                o.insert("author".into(), m.clone().into());
            }
        }
    }
    Ok(())
}

/// Adds `keys` to the set-like object `field` (`{"80/tcp": {}}`).
fn set_keys(c: &mut Map<String, Value>, field: &str, keys: Vec<String>) {
    let set = c.entry(field).or_insert_with(|| json!({}));
    if !set.is_object() {
        *set = json!({});
    }
    let set = set.as_object_mut().expect("made an object above");
    for k in keys {
        set.insert(k, json!({}));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn env_replaces_in_place_and_appends() {
        let mut img = json!({"config": {"Env": ["PATH=/bin", "A=1"]}});
        let change = ConfigChange::Env(vec![("A".into(), "2".into()), ("B".into(), "x y".into())]);
        apply(&mut img, &change, false).unwrap();
        assert_eq!(img["config"]["Env"], json!(["PATH=/bin", "A=2", "B=x y"]));
        assert_eq!(env(&img)[2], ("B".to_string(), "x y".to_string()));
    }

    #[test]
    fn entrypoint_clears_an_inherited_cmd_only() {
        let mut img = json!({"config": {"Cmd": ["sh"]}});
        apply(&mut img, &ConfigChange::Entrypoint(v(&["/e"])), false).unwrap();
        assert!(img["config"].get("Cmd").is_none());
        let mut img = json!({"config": {"Cmd": ["sh"]}});
        apply(&mut img, &ConfigChange::Entrypoint(v(&["/e"])), true).unwrap();
        assert_eq!(img["config"]["Cmd"], json!(["sh"]));
        assert_eq!(img["config"]["Entrypoint"], json!(["/e"]));
    }

    #[test]
    fn workdir_joins_relative_paths() {
        let mut img = json!({});
        assert_eq!(workdir(&img), "/");
        apply(&mut img, &ConfigChange::Workdir("/a".into()), false).unwrap();
        apply(&mut img, &ConfigChange::Workdir("b/../c".into()), false).unwrap();
        assert_eq!(img["config"]["WorkingDir"], "/a/c");
        assert_eq!(join_path("/", "../../x/./y/"), "/x/y");
    }

    #[test]
    fn expose_normalises_ports_and_ranges() {
        let mut img = json!({});
        let change = ConfigChange::Expose(v(&["80", "53/UDP", "8000-8001/tcp"]));
        apply(&mut img, &change, false).unwrap();
        let ports = img["config"]["ExposedPorts"].as_object().unwrap();
        let keys: Vec<&str> = ports.keys().map(String::as_str).collect();
        assert_eq!(keys, ["53/udp", "80/tcp", "8000/tcp", "8001/tcp"]);
        for bad in ["0", "x", "80/icmp", "9-8", "70000"] {
            let change = ConfigChange::Expose(v(&[bad]));
            assert!(apply(&mut img, &change, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_volumes_and_the_rest() {
        let mut img = json!({"config": {"Labels": {"a": "1"}}});
        for c in [
            ConfigChange::Label(vec![("b".into(), "2".into())]),
            ConfigChange::Volume(v(&["/data"])),
            ConfigChange::User("1000:1000".into()),
            ConfigChange::StopSignal("SIGINT".into()),
            ConfigChange::Shell(v(&["/bin/bash", "-c"])),
            ConfigChange::OnBuild("RUN true".into()),
            ConfigChange::Maintainer("me".into()),
            ConfigChange::Healthcheck(Some(Healthcheck {
                test: v(&["CMD-SHELL", "true"]),
                interval: Some(30_000_000_000),
                timeout: None,
                start_period: None,
                start_interval: None,
                retries: Some(3),
            })),
        ] {
            apply(&mut img, &c, false).unwrap();
        }
        assert_eq!(img["config"]["Labels"], json!({"a": "1", "b": "2"}));
        assert_eq!(img["config"]["Volumes"], json!({"/data": {}}));
        assert_eq!(img["config"]["User"], "1000:1000");
        assert_eq!(img["config"]["StopSignal"], "SIGINT");
        assert_eq!(shell(&img), v(&["/bin/bash", "-c"]));
        assert_eq!(onbuild(&img), v(&["RUN true"]));
        assert_eq!(img["author"], "me");
        assert_eq!(
            img["config"]["Healthcheck"],
            json!({"Test": ["CMD-SHELL", "true"], "Interval": 30_000_000_000u64, "Retries": 3})
        );
        apply(&mut img, &ConfigChange::Healthcheck(None), false).unwrap();
        assert_eq!(img["config"]["Healthcheck"]["Test"], json!(["NONE"]));
    }
}
