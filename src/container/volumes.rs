//! Named and anonymous volumes: `$XDG_DATA_HOME/rcon/volumes/<name>/{_data, volume.json}`.
//!
//! A volume is a folder of the user's (`_data`) and a record (`volume.json`, Podman's inspect
//! fields). A volume with `--opt type=tmpfs` keeps no data: each container that mounts it gets
//! a fresh tmpfs with the volume's options; `--opt type=bind,device=PATH` (or
//! `type=none,o=bind,device=PATH`) binds a host folder. Every change to the set of volumes
//! runs under `volumes/.lock`.
//!
//! Which containers use a volume is read from their records (`Mounts` in the record's inspect
//! fields), so a volume in use cannot be removed without `force`, which removes those
//! containers first, as Podman does. Submodules: [`resolve`] (a container's mounts at create),
//! [`prepare`] (copy-up and `U` in the supervisor, before the container starts).
use crate::config::Paths;
use crate::container::record::ContainerRecord;
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

pub(crate) mod prepare;
pub(crate) mod resolve;
pub(crate) mod transfer;

/// Why a volume operation failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum VolumeError {
    #[error("no volume with name {name:?} found: no such volume (see `rcon volume ls`)")]
    NotFound { name: String },
    #[error("volume with name {name:?} already exists: pick another name or pass --ignore")]
    Exists { name: String },
    #[error(
        "volume {name:?} is being used by container(s) {containers}: remove them first or pass --force"
    )]
    InUse { name: String, containers: String },
    #[error("invalid volume name {name:?}: expected [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    BadName { name: String },
    #[error("volume option {option:?}: {expected}")]
    BadOption { option: String, expected: String },
    #[error("volume {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot remove container {name} that uses volume {volume:?}: {message}")]
    Container {
        name: String,
        volume: String,
        message: String,
    },
}

pub(crate) type Result<T> = std::result::Result<T, VolumeError>;

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> VolumeError + '_ {
    move |source| VolumeError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `volume.json`, in Podman's inspect names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Volume {
    pub(crate) name: String,
    pub(crate) driver: String,
    pub(crate) mountpoint: PathBuf,
    pub(crate) created_at: String,
    #[serde(default)]
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) scope: String,
    /// `--opt` as given: `type`, `device`, `o`.
    #[serde(default)]
    pub(crate) options: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) anonymous: bool,
    /// Not yet mounted: the first container fills it from its image at the mount point.
    #[serde(default)]
    pub(crate) needs_copy_up: bool,
    /// Not yet mounted: the first container gives `_data` the owner of its mount point.
    #[serde(default)]
    pub(crate) needs_chown: bool,
}

/// How a volume is mounted into a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Backing {
    /// A bind of this host folder (`_data`, or the `device` of a bind volume).
    Folder(PathBuf),
    /// A fresh tmpfs with these options.
    Tmpfs(Vec<String>),
}

impl Volume {
    pub(crate) fn backing(&self) -> Backing {
        match self.options.get("type").map(String::as_str) {
            Some("tmpfs") => Backing::Tmpfs(
                self.options
                    .get("o")
                    .map(|o| o.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
            ),
            Some("none") | Some("bind") => Backing::Folder(
                self.options
                    .get("device")
                    .map(PathBuf::from)
                    .unwrap_or_default(),
            ),
            _ => Backing::Folder(self.mountpoint.clone()),
        }
    }
}

/// Options of a tmpfs volume's `o=` that rcon passes to the kernel.
const TMPFS_KEYS: [&str; 5] = ["size", "mode", "uid", "gid", "nr_inodes"];
const TMPFS_FLAGS: [&str; 8] = [
    "ro", "rw", "nosuid", "suid", "nodev", "dev", "noexec", "exec",
];

/// Checks `--opt KEY=VALUE` pairs: `type=tmpfs` (any `device`, `o=` of size, mode, uid, gid,
/// nr_inodes and the usual flags), `type=bind` (or `type=none` with `o=bind`) and an existing
/// absolute `device`, or nothing.
pub(crate) fn check_options(opts: &BTreeMap<String, String>) -> Result<()> {
    let bad = |option: &str, expected: &str| VolumeError::BadOption {
        option: option.to_string(),
        expected: expected.to_string(),
    };
    for k in opts.keys() {
        if !matches!(k.as_str(), "type" | "device" | "o") {
            return Err(bad(k, "rcon takes type, device and o"));
        }
    }
    match opts.get("type").map(String::as_str) {
        None => {
            if !opts.is_empty() {
                return Err(bad("o", "device and o need type=tmpfs or type=bind"));
            }
        }
        Some("tmpfs") => {
            for o in opts.get("o").map(|o| o.split(',')).into_iter().flatten() {
                let key = o.split_once('=').map(|(k, _)| k);
                let ok = match key {
                    Some(k) => TMPFS_KEYS.contains(&k),
                    None => TMPFS_FLAGS.contains(&o) || o.is_empty(),
                };
                if !ok {
                    return Err(bad(
                        &format!("o={o}"),
                        "a tmpfs volume takes size=, mode=, uid=, gid=, nr_inodes= and \
                         ro, nosuid, nodev, noexec",
                    ));
                }
            }
        }
        Some(t @ ("none" | "bind")) => {
            // type=bind says it; type=none needs o=bind.
            let o = opts.get("o").map(String::as_str);
            if !(o == Some("bind") || (t == "bind" && o.is_none())) {
                return Err(bad("o", "a type=none volume needs o=bind"));
            }
            let device = opts.get("device").map(String::as_str).unwrap_or("");
            if !device.starts_with('/') {
                return Err(bad(
                    &format!("device={device}"),
                    "a bind volume needs device=ABSOLUTE-PATH of an existing folder",
                ));
            }
            if !Path::new(device).is_dir() {
                return Err(bad(
                    &format!("device={device}"),
                    &format!("no folder {device}: create it first, or name an existing one"),
                ));
            }
        }
        Some(t) => {
            return Err(bad(
                &format!("type={t}"),
                "rcon makes local volumes: leave type out, or type=tmpfs, or type=bind with \
                 device=PATH",
            ))
        }
    }
    Ok(())
}

/// The lock that serialises changes to the set of volumes.
pub(crate) fn lock(paths: &Paths) -> Result<Lock> {
    let p = paths.volumes().join(".lock");
    Lock::exclusive(&p).map_err(io_err(&p))
}

fn record_path(paths: &Paths, name: &str) -> PathBuf {
    paths.volumes().join(name).join("volume.json")
}

/// The volume `name`, if it exists.
pub(crate) fn load(paths: &Paths, name: &str) -> Result<Option<Volume>> {
    if !crate::container::runconfig::mounts::valid_volume_name(name) {
        return Ok(None);
    }
    let p = record_path(paths, name);
    read_json(&p).map_err(io_err(&p))
}

/// Writes an existing volume's record again (after copy-up).
pub(crate) fn save(paths: &Paths, vol: &Volume) -> Result<()> {
    let p = record_path(paths, &vol.name);
    write_json(&p, vol).map_err(io_err(&p))
}

/// Every volume, by name.
pub(crate) fn list(paths: &Paths) -> Result<Vec<Volume>> {
    let dir = paths.volumes();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_err(&dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        match load(paths, &name) {
            Ok(Some(v)) => out.push(v),
            Ok(None) => {}
            Err(e) => log::warn!("skipping volume {name}: {e}"),
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// What a new volume is made with.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewVolume {
    /// `None`: a random 64-hex name.
    pub(crate) name: Option<String>,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) options: BTreeMap<String, String>,
    pub(crate) anonymous: bool,
}

/// Creates a volume; the caller holds [`lock`]. An existing name is [`VolumeError::Exists`].
pub(crate) fn create_locked(paths: &Paths, new: &NewVolume) -> Result<Volume> {
    let name = match &new.name {
        Some(n) => n.clone(),
        None => crate::container::create::new_id().map_err(io_err(&paths.volumes()))?,
    };
    if !crate::container::runconfig::mounts::valid_volume_name(&name) {
        return Err(VolumeError::BadName { name });
    }
    check_options(&new.options)?;
    let dir = paths.volumes().join(&name);
    fs::create_dir_all(paths.volumes()).map_err(io_err(&paths.volumes()))?;
    match fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if record_path(paths, &name).exists() {
                return Err(VolumeError::Exists { name });
            }
            // A folder without its record is what an interrupted create left: taken over.
        }
        Err(e) => return Err(io_err(&dir)(e)),
    }
    let data = dir.join("_data");
    let made = fs::DirBuilder::new()
        .mode(0o755)
        .create(&data)
        .or_else(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Ok(()),
            _ => Err(e),
        })
        .and_then(|()| {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&data, fs::Permissions::from_mode(0o755))
        });
    if let Err(e) = made {
        let _ = fs::remove_dir_all(&dir);
        return Err(io_err(&data)(e));
    }
    let plain = matches!(
        Volume {
            options: new.options.clone(),
            ..empty(&name, &data)
        }
        .backing(),
        Backing::Folder(ref p) if *p == data
    );
    let vol = Volume {
        labels: new.labels.clone(),
        options: new.options.clone(),
        anonymous: new.anonymous,
        needs_copy_up: plain,
        needs_chown: plain,
        ..empty(&name, &data)
    };
    if let Err(e) = save(paths, &vol) {
        let _ = fs::remove_dir_all(&dir);
        return Err(e);
    }
    crate::events::record(paths, crate::events::Event::volume("create", &name));
    Ok(vol)
}

fn empty(name: &str, data: &Path) -> Volume {
    Volume {
        name: name.to_string(),
        driver: "local".to_string(),
        mountpoint: data.to_path_buf(),
        created_at: crate::util::time::now_rfc3339_nano(),
        labels: BTreeMap::new(),
        scope: "local".to_string(),
        options: BTreeMap::new(),
        anonymous: false,
        needs_copy_up: false,
        needs_chown: false,
    }
}

/// `rcon volume create`.
pub(crate) fn create(paths: &Paths, new: &NewVolume) -> Result<Volume> {
    let _lock = lock(paths)?;
    create_locked(paths, new)
}

/// The names of the volumes a container's record mounts.
pub(crate) fn volumes_of(record: &ContainerRecord) -> Vec<String> {
    record
        .mounts
        .iter()
        .filter(|m| m.kind == "volume")
        .filter_map(|m| m.name.clone())
        .collect()
}

/// Every container (id, name) that mounts volume `name`.
pub(crate) fn users(paths: &Paths, name: &str) -> Result<Vec<(String, String)>> {
    let all = crate::container::list::all(paths).map_err(|e| VolumeError::Io {
        path: paths.containers(),
        source: io::Error::other(e.to_string()),
    })?;
    Ok(all
        .into_iter()
        .filter(|(r, _)| volumes_of(r).iter().any(|v| v == name))
        .map(|(r, _)| (r.id, r.name))
        .collect())
}

/// Removes volume `name`: one in use only with `force`, which removes its containers first.
pub(crate) fn remove(paths: &Paths, name: &str, force: bool) -> Result<()> {
    if load(paths, name)?.is_none() {
        return Err(VolumeError::NotFound {
            name: name.to_string(),
        });
    }
    let holders = users(paths, name)?;
    if !holders.is_empty() {
        if !force {
            return Err(VolumeError::InUse {
                name: name.to_string(),
                containers: holders
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        for (id, cname) in &holders {
            match crate::container::create::remove(paths, id, true) {
                Ok(()) | Err(crate::container::create::CreateError::Gone { .. }) => {}
                Err(e) => {
                    return Err(VolumeError::Container {
                        name: cname.clone(),
                        volume: name.to_string(),
                        message: e.to_string(),
                    })
                }
            }
        }
    }
    let _lock = lock(paths)?;
    remove_locked(paths, name)
}

/// Removes the volume's folder; the record goes first, so a half-removed volume is no longer
/// listed. Files of subordinate ids are removed in the store's user namespace.
fn remove_locked(paths: &Paths, name: &str) -> Result<()> {
    remove_folder(paths, name)?;
    crate::events::record(paths, crate::events::Event::volume("remove", name));
    Ok(())
}

fn remove_folder(paths: &Paths, name: &str) -> Result<()> {
    let dir = paths.volumes().join(name);
    let doomed = paths.volumes().join(format!(
        ".removing-{name}-{}",
        crate::util::time::unique_suffix()
    ));
    match fs::rename(&dir, &doomed) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(VolumeError::NotFound {
                name: name.to_string(),
            })
        }
        Err(e) => return Err(io_err(&dir)(e)),
    }
    if fs::remove_dir_all(&doomed).is_err() {
        crate::ipc::helper::remove_tree(&crate::linux::idmap::IdMap::detect(), &doomed)
            .map_err(|e| io_err(&doomed)(io::Error::other(e.to_string())))?;
    }
    Ok(())
}

/// Removes every volume no container uses whose labels match `labels` (`KEY` or `KEY=VALUE`,
/// all must match); returns the names removed.
pub(crate) fn prune(paths: &Paths, labels: &[String]) -> Result<Vec<String>> {
    prune_where(paths, labels, &|_| true)
}

/// The names of the volumes [`prune`] would remove now.
pub(crate) fn unused(paths: &Paths, labels: &[String]) -> Result<Vec<String>> {
    let used = used_names(paths)?;
    Ok(list(paths)?
        .into_iter()
        .filter(|v| !used.contains(&v.name) && labels_match(v, labels))
        .map(|v| v.name)
        .collect())
}

fn used_names(paths: &Paths) -> Result<Vec<String>> {
    let all = crate::container::list::all(paths).map_err(|e| VolumeError::Io {
        path: paths.containers(),
        source: io::Error::other(e.to_string()),
    })?;
    Ok(all.iter().flat_map(|(r, _)| volumes_of(r)).collect())
}

fn labels_match(v: &Volume, labels: &[String]) -> bool {
    labels
        .iter()
        .all(|l| crate::util::labels::matches(&v.labels, l))
}

/// [`prune`] of the volumes `eligible` also allows (the Docker API's prune spares named
/// volumes unless asked).
pub(crate) fn prune_where(
    paths: &Paths,
    labels: &[String],
    eligible: &dyn Fn(&str) -> bool,
) -> Result<Vec<String>> {
    let _lock = lock(paths)?;
    let used = used_names(paths)?;
    let mut removed = Vec::new();
    for v in list(paths)? {
        if used.contains(&v.name) || !eligible(&v.name) || !labels_match(&v, labels) {
            continue;
        }
        remove_locked(paths, &v.name)?;
        removed.push(v.name);
    }
    Ok(removed)
}

/// Removes the anonymous volumes of a container that is gone (`rm -v`, `--rm`); a volume
/// another container still uses stays.
pub(crate) fn remove_anonymous(paths: &Paths, names: &[String]) -> Result<()> {
    for name in names {
        let Some(v) = load(paths, name)? else {
            continue;
        };
        if !v.anonymous || !users(paths, name)?.is_empty() {
            continue;
        }
        let _lock = lock(paths)?;
        match remove_locked(paths, name) {
            Ok(()) | Err(VolumeError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn volume_options_are_checked() {
        assert!(check_options(&opts(&[])).is_ok());
        assert!(check_options(&opts(&[("type", "bind"), ("device", "/tmp")])).is_ok());
        assert!(check_options(&opts(&[
            ("type", "tmpfs"),
            ("device", "tmpfs"),
            ("o", "size=1m,mode=1777,nosuid")
        ]))
        .is_ok());
        for (o, why) in [
            (opts(&[("type", "nfs")]), "local volumes"),
            (opts(&[("type", "tmpfs"), ("o", "exotic=1")]), "size="),
            (opts(&[("colour", "red")]), "type, device and o"),
            (opts(&[("o", "size=1m")]), "need type=tmpfs"),
            (opts(&[("type", "none"), ("o", "bind")]), "existing folder"),
            (
                opts(&[
                    ("type", "none"),
                    ("o", "bind"),
                    ("device", "/nonexistent/x"),
                ]),
                "no folder /nonexistent/x",
            ),
            (
                opts(&[("type", "bind"), ("device", "/nonexistent/y")]),
                "no folder /nonexistent/y",
            ),
            (
                opts(&[("type", "none"), ("device", "/tmp")]),
                "needs o=bind",
            ),
        ] {
            let e = check_options(&o).unwrap_err().to_string();
            assert!(e.contains(why), "{o:?}: {e}");
        }
    }

    #[test]
    fn backing_follows_the_options() {
        let mut v = empty("v", Path::new("/d/_data"));
        assert_eq!(v.backing(), Backing::Folder("/d/_data".into()));
        v.options = opts(&[("type", "tmpfs"), ("o", "size=1m,mode=700")]);
        assert_eq!(
            v.backing(),
            Backing::Tmpfs(vec!["size=1m".into(), "mode=700".into()])
        );
        v.options = opts(&[("type", "none"), ("o", "bind"), ("device", "/srv")]);
        assert_eq!(v.backing(), Backing::Folder("/srv".into()));
    }
}
