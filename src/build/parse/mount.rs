//! `RUN --mount=…` values: comma-separated `key=value` fields (CSV quoting: a field that holds
//! a comma is written `"key=a,b"`), keys case-insensitive, read in order (so `required` must
//! come after `type=secret`), with Docker's defaults and cross-checks.
//!
//! At parse time a value holding `$` is left for `expand` (its field keeps the default and
//! the cross-checks that need it wait); every literal value is checked at once, so a typo
//! such as `type=cahce` is refused before anything runs. `from=` may not hold variables.
use super::error::MountError;
use super::instruction::{Mount, MountType, Sharing};
use super::shell::Lexer;
use super::values::{binary_size, go_bool};

/// How field values are read.
pub(crate) enum Values<'a> {
    /// At parse time: literal values are processed for quotes and escapes, values with `$`
    /// are left for later.
    Literal { escape: char },
    /// At expand time: every value is substituted.
    Expand(&'a Lexer<'a>),
}

impl Values<'_> {
    /// `value` read, or `None` when it waits for `expand`. `from=` never waits: it cannot
    /// hold variables, so a `$` in it is literal.
    fn read(&self, key: &str, value: &str) -> Result<Option<String>, MountError> {
        let lexer = match self {
            Values::Literal { .. } if value.contains('$') && key != "from" => return Ok(None),
            Values::Literal { escape } => &Lexer::literal(*escape),
            Values::Expand(lexer) => *lexer,
        };
        lexer
            .word(value)
            .map(Some)
            .map_err(|error| MountError::Word {
                value: value.to_string(),
                error: Box::new(error),
            })
    }
}

const KEYS: &[&str] = &[
    "type",
    "from",
    "source",
    "src",
    "target",
    "dst",
    "destination",
    "readonly",
    "ro",
    "readwrite",
    "rw",
    "required",
    "size",
    "id",
    "sharing",
    "mode",
    "uid",
    "gid",
    "env",
];

/// Reads one `--mount` value.
pub(crate) fn parse_mount(spec: &str, values: &Values<'_>) -> Result<Mount, MountError> {
    let mut m = Mount {
        spec: spec.to_string(),
        kind: MountType::Bind,
        target: String::new(),
        source: String::new(),
        from: String::new(),
        read_only: false,
        id: String::new(),
        sharing: None,
        mode: None,
        uid: None,
        gid: None,
        size: None,
        required: false,
        env: None,
    };
    let mut ro_set = false;
    // False while a `type=` value waits for expansion: checks that depend on the type wait.
    let mut type_known = true;
    let mut complete = true;
    for field in csv_fields(spec)? {
        let Some((key, raw)) = field.split_once('=') else {
            let key = field.to_lowercase();
            match key.as_str() {
                "readonly" | "ro" => (m.read_only, ro_set) = (true, true),
                "readwrite" | "rw" => (m.read_only, ro_set) = (false, true),
                "required" => {
                    if type_known {
                        check_required(&m, &key)?;
                    }
                    m.required = true;
                }
                _ => return Err(MountError::NotKeyValue { field }),
            }
            continue;
        };
        let key = key.to_lowercase();
        if !KEYS.contains(&key.as_str()) {
            return Err(MountError::UnknownKey { key });
        }
        if key == "from" {
            if let Values::Literal { .. } = values {
                if raw.find('$').is_some_and(|i| i + 1 != raw.len()) {
                    return Err(MountError::FromVariable {
                        value: raw.to_string(),
                    });
                }
            }
        }
        let Some(value) = values.read(&key, raw)? else {
            complete = false;
            if key == "type" {
                type_known = false;
            }
            continue;
        };
        let bad = |expected| MountError::BadValue {
            key: key.clone(),
            value: value.clone(),
            expected,
        };
        match key.as_str() {
            "type" => {
                m.kind = match value.to_lowercase().as_str() {
                    "bind" => MountType::Bind,
                    "cache" => MountType::Cache,
                    "tmpfs" => MountType::Tmpfs,
                    "secret" => MountType::Secret,
                    "ssh" => MountType::Ssh,
                    _ => return Err(MountError::UnknownType { value }),
                };
                type_known = true;
            }
            "from" => m.from = value,
            "source" | "src" => m.source = value,
            "target" | "dst" | "destination" => m.target = value,
            "readonly" | "ro" => {
                m.read_only = go_bool(&value).ok_or_else(|| bad("true or false"))?;
                ro_set = true;
            }
            "readwrite" | "rw" => {
                m.read_only = !go_bool(&value).ok_or_else(|| bad("true or false"))?;
                ro_set = true;
            }
            "required" => {
                if type_known {
                    check_required(&m, &key)?;
                }
                m.required = go_bool(&value).ok_or_else(|| bad("true or false"))?;
            }
            "size" => {
                if type_known && m.kind != MountType::Tmpfs {
                    return Err(MountError::KeyForType {
                        key,
                        kind: m.kind.name(),
                    });
                }
                m.size = Some(binary_size(&value).ok_or_else(|| bad("a size such as 64m"))?);
            }
            "id" => m.id = value,
            "sharing" => {
                m.sharing = Some(match value.to_lowercase().as_str() {
                    "shared" => Sharing::Shared,
                    "private" => Sharing::Private,
                    "locked" => Sharing::Locked,
                    _ => return Err(MountError::UnknownSharing { value }),
                });
            }
            "mode" => {
                let digits = !value.is_empty() && value.bytes().all(|b| (b'0'..=b'7').contains(&b));
                m.mode = Some(
                    digits
                        .then(|| u32::from_str_radix(&value, 8).ok())
                        .flatten()
                        .ok_or_else(|| bad("an octal mode such as 0755"))?,
                );
            }
            "uid" | "gid" => {
                let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
                let id = digits
                    .then(|| value.parse::<u32>().ok())
                    .flatten()
                    .ok_or_else(|| bad("a number"))?;
                if key == "uid" {
                    m.uid = Some(id);
                } else {
                    m.gid = Some(id);
                }
            }
            _ => m.env = Some(value),
        }
    }
    if type_known && !ro_set {
        m.read_only = !matches!(m.kind, MountType::Cache | MountType::Tmpfs);
    }
    if complete {
        check(&m)?;
    }
    Ok(m)
}

fn check_required(m: &Mount, key: &str) -> Result<(), MountError> {
    if matches!(m.kind, MountType::Secret | MountType::Ssh) {
        Ok(())
    } else {
        Err(MountError::KeyForType {
            key: key.to_string(),
            kind: m.kind.name(),
        })
    }
}

/// The checks across fields, once every value is known.
fn check(m: &Mount) -> Result<(), MountError> {
    let kind = m.kind.name();
    if !matches!(
        m.kind,
        MountType::Secret | MountType::Ssh | MountType::Cache
    ) {
        for (key, set) in [
            ("mode", m.mode.is_some()),
            ("uid", m.uid.is_some()),
            ("gid", m.gid.is_some()),
        ] {
            if set {
                return Err(MountError::FileInfo { key, kind });
            }
        }
    }
    if m.kind == MountType::Secret {
        if !m.from.is_empty() {
            return Err(MountError::SecretFrom);
        }
        if m.sharing.is_some() {
            return Err(MountError::SecretSharing);
        }
        if m.source.is_empty() && m.target.is_empty() && m.id.is_empty() {
            return Err(MountError::SecretTarget);
        }
        if !m.source.is_empty() && !m.id.is_empty() {
            return Err(MountError::SecretSourceAndId);
        }
    }
    if m.sharing.is_some() && m.kind != MountType::Cache {
        return Err(MountError::SharingNotCache { kind });
    }
    Ok(())
}

/// The fields of one CSV record: `"` opens a quoted field (`""` inside is one `"`), which
/// must close before the next comma; a bare `"` inside an unquoted field is an error.
pub(crate) fn csv_fields(spec: &str) -> Result<Vec<String>, MountError> {
    let err = |why| MountError::Csv {
        spec: spec.to_string(),
        why,
    };
    let mut fields = Vec::new();
    let mut chars = spec.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(err("a quoted field is not closed")),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Ok(fields);
                }
                Some(',') => fields.push(field),
                Some(_) => return Err(err("text after a closing quote")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Ok(fields);
                    }
                    Some(',') => break,
                    Some('"') => return Err(err("a quote inside an unquoted field")),
                    Some(c) => field.push(c),
                }
            }
            fields.push(field);
        }
    }
}
