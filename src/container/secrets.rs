//! Secrets (`rcon secret`, `run --secret`): named values kept under `$root/secrets/`, an index
//! (`secrets.json`, changed under a lock and written atomically) and one 0600 file per secret
//! in `data/`. A container gets its own copy at create: a read-only file (by default
//! `/run/secrets/NAME`) or an environment variable that only its process sees, never `inspect`.
use crate::config::Paths;
use crate::util::fs::{atomic_write_mode, read_json, write_json, Lock};
use oci_spec::runtime::Spec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The largest secret, as Podman limits it.
pub(crate) const MAX_SIZE: usize = 512_000;

#[derive(Debug, thiserror::Error)]
pub(crate) enum SecretError {
    #[error("secret name {0:?}: use 1 to 253 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    BadName(String),
    #[error("secret {0:?} already exists: remove it first, or pass --replace")]
    Exists(String),
    #[error("no secret {0:?}: list them with `rcon secret ls`, make it with `rcon secret create`")]
    NotKnown(String),
    #[error("secret {name:?}: {size} bytes, more than the {MAX_SIZE} a secret may hold")]
    TooBig { name: String, size: usize },
    #[error("secret {0:?} is empty: give it some data")]
    Empty(String),
    #[error("--secret {spec:?}: {reason}")]
    BadUse { spec: String, reason: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

type Result<T> = std::result::Result<T, SecretError>;

/// One secret: what `secret ls` and `secret inspect` show. Its data is a file of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SecretRecord {
    /// 25 hex digits, as Podman's secret IDs.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) driver: String,
    /// RFC 3339.
    pub(crate) created: String,
    pub(crate) updated: String,
    #[serde(default)]
    pub(crate) labels: BTreeMap<String, String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default)]
    secrets: Vec<SecretRecord>,
}

impl Index {
    /// The secret named `key`, else the one whose ID starts with it.
    fn find(&self, key: &str) -> Option<&SecretRecord> {
        self.secrets.iter().find(|s| s.name == key).or_else(|| {
            let mut by_id = self.secrets.iter().filter(|s| s.id.starts_with(key));
            match (by_id.next(), by_id.next()) {
                (Some(s), None) if !key.is_empty() => Some(s),
                _ => None,
            }
        })
    }
}

fn dir(paths: &Paths) -> PathBuf {
    paths.root.join("secrets")
}

fn data_path(paths: &Paths, id: &str) -> PathBuf {
    dir(paths).join("data").join(id)
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SecretError + '_ {
    move |source| SecretError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Changes the index under the exclusive lock; written only when `f` succeeds.
fn update<T>(paths: &Paths, f: impl FnOnce(&mut Index) -> Result<T>) -> Result<T> {
    let d = dir(paths);
    std::fs::create_dir_all(&d).map_err(io_err(&d))?;
    let lock = d.join("secrets.lock");
    let _held = Lock::exclusive(&lock).map_err(io_err(&lock))?;
    let file = d.join("secrets.json");
    let mut index: Index = read_json(&file).map_err(io_err(&file))?.unwrap_or_default();
    let out = f(&mut index)?;
    write_json(&file, &index).map_err(io_err(&file))?;
    Ok(out)
}

fn read_index(paths: &Paths) -> Result<Index> {
    let file = dir(paths).join("secrets.json");
    Ok(read_json(&file).map_err(io_err(&file))?.unwrap_or_default())
}

fn check_name(name: &str) -> Result<()> {
    let ok = (1..=253).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(SecretError::BadName(name.to_string()))
    }
}

/// Stores `data` as the secret `name` (replacing one of that name with `replace`); its data
/// file is written before the index names it, so a killed create leaves no secret half made.
pub(crate) fn create(
    paths: &Paths,
    name: &str,
    data: &[u8],
    labels: BTreeMap<String, String>,
    replace: bool,
) -> Result<SecretRecord> {
    check_name(name)?;
    if data.is_empty() {
        return Err(SecretError::Empty(name.to_string()));
    }
    if data.len() > MAX_SIZE {
        return Err(SecretError::TooBig {
            name: name.to_string(),
            size: data.len(),
        });
    }
    let now = crate::util::time::now_rfc3339_nano();
    let seed = format!("{name}\n{now}\n{}", crate::util::time::unique_suffix());
    let id = crate::util::digest::Digest::of(seed.as_bytes()).hex()[..25].to_string();
    let (rec, old) = update(paths, |idx| {
        let old = idx.secrets.iter().position(|s| s.name == name);
        if old.is_some() && !replace {
            return Err(SecretError::Exists(name.to_string()));
        }
        let file = data_path(paths, &id);
        atomic_write_mode(&file, data, 0o600).map_err(io_err(&file))?;
        let old = old.map(|i| idx.secrets.remove(i));
        let rec = SecretRecord {
            id: id.clone(),
            name: name.to_string(),
            driver: "file".into(),
            created: old.as_ref().map_or(now.clone(), |o| o.created.clone()),
            updated: now,
            labels,
        };
        idx.secrets.push(rec.clone());
        Ok((rec, old))
    })?;
    if let Some(old) = old {
        let _ = std::fs::remove_file(data_path(paths, &old.id));
    }
    Ok(rec)
}

/// Every secret, oldest first.
pub(crate) fn list(paths: &Paths) -> Result<Vec<SecretRecord>> {
    Ok(read_index(paths)?.secrets)
}

/// The secret named `key` (or with an ID starting with it).
pub(crate) fn find(paths: &Paths, key: &str) -> Result<SecretRecord> {
    read_index(paths)?
        .find(key)
        .cloned()
        .ok_or_else(|| SecretError::NotKnown(key.to_string()))
}

/// The secret's data.
pub(crate) fn data(paths: &Paths, rec: &SecretRecord) -> Result<Vec<u8>> {
    let file = data_path(paths, &rec.id);
    std::fs::read(&file).map_err(io_err(&file))
}

/// Removes the secret `key`; containers keep the copies they were given.
pub(crate) fn remove(paths: &Paths, key: &str) -> Result<SecretRecord> {
    let rec = update(paths, |idx| {
        let rec = idx
            .find(key)
            .cloned()
            .ok_or_else(|| SecretError::NotKnown(key.to_string()))?;
        idx.secrets.retain(|s| s.id != rec.id);
        Ok(rec)
    })?;
    let _ = std::fs::remove_file(data_path(paths, &rec.id));
    Ok(rec)
}

/// One `--secret NAME[,type=mount|env][,target=PATH|VAR][,mode=OCTAL]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SecretUse {
    pub(crate) name: String,
    /// `type=env`: an environment variable instead of a file.
    pub(crate) env: bool,
    /// The file's path in the container (absolute) or the variable's name.
    pub(crate) target: String,
    pub(crate) mode: u32,
}

/// Parses a `--secret` value.
pub(crate) fn parse_use(spec: &str) -> Result<SecretUse> {
    let bad = |reason: &str| SecretError::BadUse {
        spec: spec.to_string(),
        reason: reason.to_string(),
    };
    let mut parts = spec.split(',');
    let name = parts.next().unwrap_or_default().to_string();
    check_name(&name)?;
    let (mut env, mut target, mut mode) = (false, None, 0o444);
    for part in parts {
        match part.split_once('=') {
            Some(("type", "mount")) => env = false,
            Some(("type", "env")) => env = true,
            Some(("type", _)) => return Err(bad("type is mount or env")),
            Some(("target", t)) if !t.is_empty() => target = Some(t.to_string()),
            Some(("mode", m)) => {
                mode = u32::from_str_radix(m, 8)
                    .ok()
                    .filter(|m| *m <= 0o777)
                    .ok_or_else(|| bad("mode is octal, such as 0400"))?
            }
            Some(("uid" | "gid", _)) => {
                return Err(bad(
                    "rcon's secret files belong to the container's root: leave out uid= and gid=",
                ))
            }
            _ => return Err(bad("expected NAME[,type=mount|env][,target=…][,mode=…]")),
        }
    }
    let target = match (env, target) {
        (true, t) => t.unwrap_or_else(|| name.clone()),
        (false, Some(t)) if t.starts_with('/') => t,
        (false, Some(t)) => format!("/run/secrets/{t}"),
        (false, None) => format!("/run/secrets/{name}"),
    };
    Ok(SecretUse {
        name,
        env,
        target,
        mode,
    })
}

/// Gives a new container (its folder `dir`, its `spec`) the secrets it asked for: each file a
/// copy in `dir/secrets/`, bind-mounted read-only; each variable set in the process only.
pub(crate) fn apply(paths: &Paths, uses: &[SecretUse], dir: &Path, spec: &mut Spec) -> Result<()> {
    if uses.is_empty() {
        return Ok(());
    }
    let index = read_index(paths)?;
    let mut mounts = Vec::new();
    for (n, u) in uses.iter().enumerate() {
        let rec = index
            .find(&u.name)
            .ok_or_else(|| SecretError::NotKnown(u.name.clone()))?;
        let value = data(paths, rec)?;
        if u.env {
            // Kept beside the spec, not in it: `inspect`, `commit` and `kube generate` read the
            // spec's environment. The process gets it at each start ([`add_env`]).
            let file = dir.join("secrets/env").join(&u.target);
            atomic_write_mode(&file, &value, 0o600).map_err(io_err(&file))?;
            continue;
        }
        // One copy per use: the same secret may be given twice, with another mode.
        let file = dir.join("secrets").join(format!("{n}-{}", rec.id));
        atomic_write_mode(&file, &value, u.mode).map_err(io_err(&file))?;
        let opts = ["rbind", "ro", "nosuid", "nodev", "noexec"].map(String::from);
        let m = crate::container::volumes::resolve::spec_mount(
            &u.target,
            "bind",
            &file.to_string_lossy(),
            &opts,
        )
        .map_err(|e| SecretError::BadUse {
            spec: u.name.clone(),
            reason: e.to_string(),
        })?;
        mounts.push(m);
    }
    crate::container::volumes::resolve::attach(spec, &mounts);
    Ok(())
}

/// Adds the variables of the container's `type=env` secrets (in its folder `dir`) to the
/// environment of `spec`'s process, in memory, at start and for `exec`.
pub(crate) fn add_env(dir: &Path, spec: &mut Spec) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir.join("secrets/env")) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let Some(process) = spec.process_mut() else {
        return Ok(());
    };
    let mut env = process.env().clone().unwrap_or_default();
    for entry in entries {
        let entry = entry?;
        let var = entry.file_name().to_string_lossy().into_owned();
        if var.starts_with('.') {
            continue;
        }
        let value = std::fs::read(entry.path())?;
        env.retain(|e| !e.starts_with(&format!("{var}=")));
        env.push(format!("{var}={}", String::from_utf8_lossy(&value)));
    }
    process.set_env(Some(env));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_parse_as_podman_takes_them() {
        let u = parse_use("db").unwrap();
        assert_eq!(
            (u.env, u.target.as_str(), u.mode),
            (false, "/run/secrets/db", 0o444)
        );
        let u = parse_use("db,type=env,target=PASS").unwrap();
        assert_eq!((u.env, u.target.as_str()), (true, "PASS"));
        assert_eq!(parse_use("db,type=env").unwrap().target, "db");
        assert_eq!(parse_use("db,target=x").unwrap().target, "/run/secrets/x");
        assert_eq!(parse_use("db,target=/etc/x,mode=0400").unwrap().mode, 0o400);
        for bad in ["", "-x", "db,type=file", "db,mode=9", "db,uid=1", "db,what"] {
            assert!(parse_use(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("a.b_c-1").is_ok());
        for bad in ["", ".a", "a/b", "a b", &"a".repeat(254)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
