//! Changes to an image config's run settings (`config.Cmd`, `config.Env` …), one setter per
//! field, and `--change` text (a Containerfile instruction that sets one of them) parsed into
//! those setters.
//!
//! Supported instructions: `CMD`, `ENTRYPOINT`, `ENV`, `EXPOSE`, `LABEL`, `USER`, `WORKDIR`,
//! `VOLUME`, `STOPSIGNAL`. `CMD` and `ENTRYPOINT` take a JSON array (exec form) or plain text
//! (shell form: `/bin/sh -c TEXT`); `VOLUME` a JSON array or paths; `ENV` and `LABEL`
//! `KEY=VALUE` pairs (values may be quoted) or one `KEY VALUE`.
use super::CommitError;
use serde_json::{json, Map, Value};

/// The instructions `--change` accepts, as its error lists them.
pub(crate) const SUPPORTED: &str =
    "CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL";

/// Why a `--change` value is refused ([`CommitError::Change`] names the value).
#[derive(Debug, thiserror::Error)]
pub(crate) enum Refused {
    #[error("it needs a value")]
    NoValue,
    #[error("{word:?} is not an instruction --change supports ({SUPPORTED})")]
    Unknown { word: String },
    #[error("port {port:?}: the protocol must be tcp, udp or sctp")]
    Protocol { port: String },
    #[error("port {port:?} is not a port number (1-65535)")]
    Port { port: String },
    #[error("{text:?}: expected KEY=VALUE or KEY VALUE")]
    Pair { text: String },
    #[error("a {0} quote is not closed")]
    Quote(&'static str),
    #[error("volume {0:?} is not an absolute path")]
    Volume(String),
}

/// The run settings (`config` object) of an image config, made when missing.
fn settings(config: &mut Value) -> &mut Map<String, Value> {
    if !config.is_object() {
        *config = json!({});
    }
    let top = config.as_object_mut().expect("made an object");
    let v = top.entry("config").or_insert_with(|| json!({}));
    if !v.is_object() {
        *v = json!({});
    }
    v.as_object_mut().expect("made an object")
}

/// A map field of the settings (`Labels`, `ExposedPorts`, `Volumes`), made when missing.
fn map_field<'c>(config: &'c mut Value, key: &str) -> &'c mut Map<String, Value> {
    let v = settings(config).entry(key).or_insert_with(|| json!({}));
    if !v.is_object() {
        *v = json!({});
    }
    v.as_object_mut().expect("made an object")
}

/// `Cmd`.
pub(crate) fn set_cmd(config: &mut Value, cmd: Vec<String>) {
    settings(config).insert("Cmd".into(), json!(cmd));
}

/// `Entrypoint`.
pub(crate) fn set_entrypoint(config: &mut Value, entrypoint: Vec<String>) {
    settings(config).insert("Entrypoint".into(), json!(entrypoint));
}

/// Sets `key` in `Env`, in place when it is there, else at the end.
pub(crate) fn set_env(config: &mut Value, key: &str, value: &str) {
    let env = settings(config).entry("Env").or_insert_with(|| json!([]));
    if !env.is_array() {
        *env = json!([]);
    }
    let list = env.as_array_mut().expect("made an array");
    let entry = Value::String(format!("{key}={value}"));
    let prefix = format!("{key}=");
    match list.iter_mut().find(|e| {
        e.as_str()
            .is_some_and(|s| s == key || s.starts_with(&prefix))
    }) {
        Some(e) => *e = entry,
        None => list.push(entry),
    }
}

/// Sets a label.
pub(crate) fn set_label(config: &mut Value, key: &str, value: &str) {
    map_field(config, "Labels").insert(key.into(), json!(value));
}

/// Adds `port/proto` to `ExposedPorts`.
pub(crate) fn add_exposed(config: &mut Value, port: &str) {
    map_field(config, "ExposedPorts").insert(port.into(), json!({}));
}

/// Adds a path to `Volumes`.
pub(crate) fn add_volume(config: &mut Value, path: &str) {
    map_field(config, "Volumes").insert(path.into(), json!({}));
}

/// `User`.
pub(crate) fn set_user(config: &mut Value, user: &str) {
    settings(config).insert("User".into(), json!(user));
}

/// `WorkingDir`; a relative path continues from the current one.
pub(crate) fn set_workdir(config: &mut Value, dir: &str) {
    let dir = if dir.starts_with('/') {
        dir.to_string()
    } else {
        let current = settings(config)
            .get("WorkingDir")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty())
            .unwrap_or("/")
            .trim_end_matches('/')
            .to_string();
        format!("{current}/{dir}")
    };
    settings(config).insert("WorkingDir".into(), json!(dir));
}

/// `StopSignal`.
pub(crate) fn set_stop_signal(config: &mut Value, signal: &str) {
    settings(config).insert("StopSignal".into(), json!(signal));
}

/// Applies one `--change` instruction to `config`.
pub(crate) fn apply(config: &mut Value, change: &str) -> Result<(), CommitError> {
    let text = change.trim();
    let (word, rest) = text
        .split_once(|c: char| c.is_whitespace())
        .map_or((text, ""), |(w, r)| (w, r.trim()));
    let bad = |reason: Refused| CommitError::Change {
        change: change.to_string(),
        reason,
    };
    let instruction = word.to_ascii_uppercase();
    if rest.is_empty() && !instruction.is_empty() {
        return Err(bad(Refused::NoValue));
    }
    match instruction.as_str() {
        "CMD" => set_cmd(config, command(rest)),
        "ENTRYPOINT" => set_entrypoint(config, command(rest)),
        "ENV" => {
            for (k, v) in pairs(rest).map_err(bad)? {
                set_env(config, &k, &v);
            }
        }
        "LABEL" => {
            for (k, v) in pairs(rest).map_err(bad)? {
                set_label(config, &k, &v);
            }
        }
        "EXPOSE" => {
            for port in rest.split_whitespace() {
                add_exposed(config, &exposed(port).map_err(bad)?);
            }
        }
        "VOLUME" => {
            let paths = match json_list(rest) {
                Some(list) => list,
                None => rest.split_whitespace().map(str::to_string).collect(),
            };
            for p in paths {
                if !p.starts_with('/') {
                    return Err(bad(Refused::Volume(p)));
                }
                add_volume(config, &p);
            }
        }
        "USER" => set_user(config, rest),
        "WORKDIR" => set_workdir(config, rest),
        "STOPSIGNAL" => set_stop_signal(config, rest),
        _ => {
            return Err(bad(Refused::Unknown {
                word: word.to_string(),
            }))
        }
    }
    Ok(())
}

/// A JSON array of strings, if `text` is one.
fn json_list(text: &str) -> Option<Vec<String>> {
    if !text.starts_with('[') {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// Exec form (a JSON array) or shell form.
fn command(text: &str) -> Vec<String> {
    json_list(text).unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into(), text.into()])
}

/// `80`, `80/tcp`, `53/udp`, `8000-8010` → `port/proto`.
fn exposed(port: &str) -> Result<String, Refused> {
    let (num, proto) = port.split_once('/').unwrap_or((port, "tcp"));
    let proto = proto.to_ascii_lowercase();
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(Refused::Protocol { port: port.into() });
    }
    let valid = |n: &str| n.parse::<u16>().is_ok_and(|n| n > 0);
    let ok = match num.split_once('-') {
        Some((a, b)) => valid(a) && valid(b),
        None => valid(num),
    };
    if !ok {
        return Err(Refused::Port { port: port.into() });
    }
    Ok(format!("{num}/{proto}"))
}

/// `KEY=VALUE …` (values quoted with `"` or `'`, `\` escaping) or `KEY VALUE`.
fn pairs(text: &str) -> Result<Vec<(String, String)>, Refused> {
    let first = text.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        let (k, v) = text
            .split_once(|c: char| c.is_whitespace())
            .ok_or_else(|| Refused::Pair { text: text.into() })?;
        return Ok(vec![(k.to_string(), v.trim().to_string())]);
    }
    words(text)?
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(Refused::Pair { text: w.clone() }),
        })
        .collect()
}

/// Splits at unquoted whitespace, removing quotes: `"…"` (where `\` escapes), `'…'`, and `\`
/// outside quotes.
fn words(text: &str) -> Result<Vec<String>, Refused> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut started = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            '\\' => {
                started = true;
                cur.extend(chars.next());
            }
            '"' => {
                started = true;
                loop {
                    match chars.next() {
                        None => return Err(Refused::Quote("double")),
                        Some('"') => break,
                        Some('\\') => cur.extend(chars.next()),
                        Some(c) => cur.push(c),
                    }
                }
            }
            '\'' => {
                started = true;
                loop {
                    match chars.next() {
                        None => return Err(Refused::Quote("single")),
                        Some('\'') => break,
                        Some(c) => cur.push(c),
                    }
                }
            }
            c => {
                started = true;
                cur.push(c);
            }
        }
    }
    if started {
        out.push(cur);
    }
    Ok(out)
}
