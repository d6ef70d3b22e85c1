//! A container's mounts at create time: `-v`, `--mount`, `--volumes-from` and the image's
//! `VOLUME`s become OCI spec mounts and the record's `Mounts` (Podman's inspect form, also what
//! `--volumes-from`, `rm -v` and the volume commands read back).
//!
//! Bind sources are resolved here, on the host and as the user: a missing one is an error,
//! never created. Named volumes are created on first use, anonymous ones always; both are
//! created under the volumes lock and listed in `created` so a failed create removes them.
//! Targets are not looked at here: the container's setup opens each inside the root with
//! RESOLVE_IN_ROOT (`crate::linux::mounts`).
use super::{Backing, NewVolume, Volume, VolumeError};
use crate::config::Paths;
use crate::container::record::RecordMount;
use crate::container::runconfig::mounts::{MountRequest, MountSource};
use crate::container::runconfig::RunConfig;
use oci_spec::runtime::{Mount, MountBuilder};
use serde_json::Value;
use std::io;
use std::path::{Path, PathBuf};

/// Why a container's mounts cannot be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ResolveError {
    #[error(
        "bind source {path} for {destination}: {source}: create it first or fix the path \
         (rcon never creates a missing bind source)"
    )]
    Source {
        path: String,
        destination: String,
        #[source]
        source: io::Error,
    },
    #[error("bind source {path} for {destination}: {reason}")]
    BadSource {
        path: String,
        destination: String,
        reason: &'static str,
    },
    #[error(transparent)]
    Volume(#[from] VolumeError),
    #[error("--volumes-from {container}: {message}")]
    From { container: String, message: String },
    #[error("image mount {image} on {destination}: {message}")]
    Image {
        image: String,
        destination: String,
        message: String,
    },
    #[error("cannot prepare {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot build the mount on {destination}: {message}")]
    Spec {
        destination: String,
        message: String,
    },
}

type Result<T> = std::result::Result<T, ResolveError>;

/// The resolved mounts of a new container.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// Spec mounts, parents before children.
    pub(crate) mounts: Vec<Mount>,
    /// The record's mounts (and `inspect`'s `Mounts`).
    pub(crate) record: Vec<RecordMount>,
}

/// Resolves `run`'s mounts (and `img`'s volumes) for the container with folder `dir`. Volumes it
/// creates are pushed on `created` as soon as they exist.
pub(crate) fn resolve(
    paths: &Paths,
    run: &RunConfig,
    img: &Value,
    dir: &Path,
    created: &mut Vec<String>,
) -> Result<Resolved> {
    let mut requests = run.mounts.clone();
    let taken = |reqs: &[MountRequest], dest: &str| {
        reqs.iter().any(|m| m.destination == dest) || run.tmpfs.iter().any(|t| t.path == dest)
    };
    for from in &run.volumes_from {
        for m in volumes_from(paths, &from.container)? {
            if taken(&requests, &m.destination) {
                continue;
            }
            let mut m = m;
            if let Some(ro) = from.readonly {
                m.readonly = ro;
            }
            requests.push(m);
        }
    }
    let image_volumes = img
        .pointer("/config/Volumes")
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    for v in image_volumes {
        let Some(dest) = image_volume_destination(&v) else {
            continue;
        };
        if !taken(&requests, &dest) {
            // Checked as a `-v DEST` would be.
            crate::container::runconfig::mounts::parse_volume(&dest).map_err(|e| {
                ResolveError::Spec {
                    destination: dest.clone(),
                    message: e.to_string(),
                }
            })?;
            requests.extend(crate::container::runconfig::mounts::image_volume(
                run.image_volumes,
                &dest,
            ));
        }
    }
    // `z` and `Z` (SELinux relabeling) are taken and ignored without a word, as Podman does
    // on a host without SELinux: rcon sets no labels, and a note on stderr would end up in
    // the output of every script that reads `2>&1`.
    // Parents first: /a before /a/b, whatever order they were given in.
    requests.sort_by_key(|m| m.destination.matches('/').count());
    let mut out = Resolved::default();
    let mut lock = None;
    for (n, m) in requests.iter().enumerate() {
        let (mount, record) = match &m.source {
            MountSource::Bind(src) => bind(m, src, dir, n)?,
            MountSource::Tmpfs => {
                let mut opts: Vec<String> = ["rw", "noexec", "nosuid", "nodev"]
                    .iter()
                    .filter(|o| !(m.readonly && **o == "rw"))
                    .map(|o| o.to_string())
                    .collect();
                if m.readonly {
                    opts.push("ro".into());
                }
                opts.extend(m.options.iter().cloned());
                let mount = spec_mount(&m.destination, "tmpfs", "tmpfs", &opts)?;
                let record = RecordMount {
                    kind: "tmpfs".into(),
                    source: "tmpfs".into(),
                    destination: m.destination.clone(),
                    options: opts,
                    rw: !m.readonly,
                    ..RecordMount::default()
                };
                (mount, record)
            }
            MountSource::Image(image) => image_mount(paths, m, image, dir, n)?,
            MountSource::Named(_) | MountSource::Anonymous => {
                if lock.is_none() {
                    lock = Some(super::lock(paths)?);
                }
                let vol = named(paths, m, created)?;
                volume_mount(m, &vol)?
            }
        };
        out.mounts.push(mount);
        out.record.push(record);
    }
    Ok(out)
}

pub(crate) fn spec_mount(dest: &str, typ: &str, source: &str, options: &[String]) -> Result<Mount> {
    MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options.to_vec())
        .build()
        .map_err(|e| ResolveError::Spec {
            destination: dest.to_string(),
            message: e.to_string(),
        })
}

fn flag_options(m: &MountRequest, base: &[&str]) -> Vec<String> {
    let mut opts: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    opts.extend(m.options.iter().cloned());
    if m.readonly {
        opts.push("ro".into());
    }
    opts
}

/// A host path (or a volume's `device`), made absolute and checked as the user.
fn host_source(src: &str, dest: &str) -> Result<PathBuf> {
    let path = std::fs::canonicalize(src).map_err(|source| ResolveError::Source {
        path: src.to_string(),
        destination: dest.to_string(),
        source,
    })?;
    let text = path.to_string_lossy();
    if text.contains(',') || text.contains(':') {
        return Err(ResolveError::BadSource {
            path: src.to_string(),
            destination: dest.to_string(),
            reason: "paths with ',' or ':' cannot be mounted: bind a parent folder instead",
        });
    }
    Ok(path)
}

fn bind(m: &MountRequest, src: &str, dir: &Path, n: usize) -> Result<(Mount, RecordMount)> {
    let path = host_source(src, &m.destination)?;
    if m.overlay {
        if !path.is_dir() {
            return Err(ResolveError::BadSource {
                path: src.to_string(),
                destination: m.destination.clone(),
                reason: "O (overlay) needs a folder",
            });
        }
        let (mount, _) = overlay(&m.destination, std::slice::from_ref(&path), dir, n, true)?;
        let record = RecordMount {
            kind: "bind".into(),
            source: path.to_string_lossy().into_owned(),
            destination: m.destination.clone(),
            mode: "O".into(),
            options: vec!["O".into()],
            rw: true,
            propagation: m.propagation.clone(),
            ..RecordMount::default()
        };
        return Ok((mount, record));
    }
    let opts = flag_options(m, &["rbind"]);
    let mount = spec_mount(&m.destination, "bind", &path.to_string_lossy(), &opts)?;
    let record = RecordMount {
        kind: "bind".into(),
        source: path.to_string_lossy().into_owned(),
        destination: m.destination.clone(),
        options: opts,
        rw: !m.readonly,
        propagation: m.propagation.clone(),
        chown: Some(m.chown),
        ..RecordMount::default()
    };
    Ok((mount, record))
}

/// An overlay of `lowers` (top first), writable into `dir/overlay/<n>` when `writable`.
fn overlay(
    dest: &str,
    lowers: &[PathBuf],
    dir: &Path,
    n: usize,
    writable: bool,
) -> Result<(Mount, Vec<String>)> {
    let lower: Vec<String> = lowers
        .iter()
        .map(|l| l.to_string_lossy().into_owned())
        .collect();
    let mut opts = vec![format!("lowerdir={}", lower.join(":"))];
    if writable {
        let base = dir.join("overlay").join(n.to_string());
        for sub in ["upper", "work"] {
            let p = base.join(sub);
            std::fs::create_dir_all(&p).map_err(|source| ResolveError::Io {
                path: p.clone(),
                source,
            })?;
            opts.push(format!("{sub}dir={}", p.to_string_lossy()));
        }
    }
    opts.push("userxattr".into());
    Ok((spec_mount(dest, "overlay", "overlay", &opts)?, opts))
}

fn image_mount(
    paths: &Paths,
    m: &MountRequest,
    image: &str,
    dir: &Path,
    n: usize,
) -> Result<(Mount, RecordMount)> {
    let fail = |message: String| ResolveError::Image {
        image: image.to_string(),
        destination: m.destination.clone(),
        message,
    };
    let conf =
        crate::config::registries::RegistriesConf::load(paths).map_err(|e| fail(e.to_string()))?;
    let idx =
        crate::image::store::index::read(&paths.storage()).map_err(|e| fail(e.to_string()))?;
    let rec = crate::image::lookup::find(&idx, &conf, image)
        .map_err(|e| fail(e.to_string()))?
        .cloned()
        .ok_or_else(|| fail("image not known: pull it first".to_string()))?;
    let store = crate::image::store::Store::open(paths).map_err(|e| fail(e.to_string()))?;
    let mut lowers: Vec<PathBuf> = rec.layers.iter().map(|c| store.layer_dir(c)).collect();
    lowers.reverse();
    let (mount, opts) = match lowers.as_slice() {
        [] => return Err(fail("the image has no layers".to_string())),
        // One layer read-only: overlay needs two lower folders without an upper one.
        [one] if m.readonly => {
            let opts = vec!["rbind".to_string(), "ro".to_string()];
            (
                spec_mount(&m.destination, "bind", &one.to_string_lossy(), &opts)?,
                opts,
            )
        }
        _ => {
            let (mut mount, mut opts) = overlay(&m.destination, &lowers, dir, n, !m.readonly)?;
            if m.readonly {
                opts.push("ro".into());
                mount.set_options(Some(opts.clone()));
            }
            (mount, opts)
        }
    };
    let record = RecordMount {
        kind: "image".into(),
        source: rec.id.hex().to_string(),
        destination: m.destination.clone(),
        options: opts,
        rw: !m.readonly,
        ..RecordMount::default()
    };
    Ok((mount, record))
}

/// The volume `m` names (created when missing) or a new anonymous one.
fn named(paths: &Paths, m: &MountRequest, created: &mut Vec<String>) -> Result<Volume> {
    if let MountSource::Named(name) = &m.source {
        if let Some(v) = super::load(paths, name)? {
            return Ok(v);
        }
    }
    let new = NewVolume {
        name: match &m.source {
            MountSource::Named(n) => Some(n.clone()),
            _ => None,
        },
        anonymous: m.source == MountSource::Anonymous,
        ..NewVolume::default()
    };
    let vol = super::create_locked(paths, &new)?;
    created.push(vol.name.clone());
    Ok(vol)
}

fn volume_mount(m: &MountRequest, vol: &Volume) -> Result<(Mount, RecordMount)> {
    let (mount, opts, source) = match vol.backing() {
        Backing::Tmpfs(extra) => {
            let mut opts = flag_options(m, &["nosuid", "nodev"]);
            opts.extend(extra);
            (
                spec_mount(&m.destination, "tmpfs", "tmpfs", &opts)?,
                opts,
                PathBuf::from("tmpfs"),
            )
        }
        Backing::Folder(path) => {
            let opts = flag_options(m, &["nosuid", "nodev", "rbind"]);
            (
                spec_mount(&m.destination, "bind", &path.to_string_lossy(), &opts)?,
                opts,
                path,
            )
        }
    };
    let record = RecordMount {
        kind: "volume".into(),
        name: Some(vol.name.clone()),
        source: source.to_string_lossy().into_owned(),
        destination: m.destination.clone(),
        driver: "local".into(),
        options: opts,
        rw: !m.readonly,
        propagation: m.propagation.clone(),
        chown: Some(m.chown),
        no_copy: Some(m.nocopy),
        ..RecordMount::default()
    };
    Ok((mount, record))
}

/// The bind mounts and volumes of container `name`, as requests for another container.
fn volumes_from(paths: &Paths, name: &str) -> Result<Vec<MountRequest>> {
    let fail = |message: String| ResolveError::From {
        container: name.to_string(),
        message,
    };
    let rec = crate::container::list::find(paths, name).map_err(|e| fail(e.to_string()))?;
    let mut out = Vec::new();
    for m in &rec.mounts {
        let source = match m.kind.as_str() {
            "volume" => MountSource::Named(m.name.clone().unwrap_or_default()),
            "bind" if m.mode != "O" => MountSource::Bind(m.source.clone()),
            _ => continue,
        };
        let mut req = crate::container::runconfig::mounts::parse_volume(&m.destination)
            .map_err(|e| fail(e.to_string()))?;
        req.source = source;
        req.readonly = !m.rw;
        req.nocopy = true;
        out.push(req);
    }
    Ok(out)
}

/// Puts `mounts` into the spec's list: after the kernel file systems, before the generated /etc
/// files, replacing any of them with the same destination.
pub(crate) fn attach(spec: &mut oci_spec::runtime::Spec, mounts: &[Mount]) {
    if mounts.is_empty() {
        return;
    }
    let ours: Vec<&Path> = mounts.iter().map(|m| m.destination().as_path()).collect();
    let existing = spec.mounts().clone().unwrap_or_default();
    let (mut kept, etc): (Vec<Mount>, Vec<Mount>) = existing
        .into_iter()
        .filter(|m| !ours.contains(&m.destination().as_path()))
        .partition(|m| !m.destination().starts_with("/etc"));
    kept.extend(mounts.iter().cloned());
    kept.extend(etc);
    spec.set_mounts(Some(kept));
}

/// Where an image's `VOLUME` entry `v` is mounted: absolute, without a trailing `/`. A
/// relative one (a non-JSON `VOLUME ['/a', '/b']` gives `[/a,` and `/b]`) is taken from the
/// root, as Docker and Podman take it; `/` itself and a path with `..` are no volume.
fn image_volume_destination(v: &str) -> Option<String> {
    let dest = match v.trim_end_matches('/') {
        d if d.starts_with('/') => d.to_string(),
        d => format!("/{d}"),
    };
    (dest != "/" && !dest.split('/').any(|c| c == "..")).then_some(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_volumes_are_taken_from_the_root() {
        let dest = image_volume_destination;
        assert_eq!(dest("/data/").as_deref(), Some("/data"));
        assert_eq!(dest("[/etc/foo,").as_deref(), Some("/[/etc/foo,"));
        assert_eq!(dest("/etc/bar]").as_deref(), Some("/etc/bar]"));
        assert_eq!(dest("/"), None);
        assert_eq!(dest(""), None);
        assert_eq!(dest("/a/../b"), None);
    }

    fn mount(dest: &str) -> Mount {
        spec_mount(dest, "bind", "/src", &[]).unwrap()
    }

    #[test]
    fn user_mounts_go_before_etc_files_and_replace_same_destinations() {
        let mut spec = oci_spec::runtime::Spec::default();
        spec.set_mounts(Some(vec![
            mount("/proc"),
            mount("/dev/shm"),
            mount("/etc/hosts"),
        ]));
        attach(&mut spec, &[mount("/data"), mount("/dev/shm")]);
        let dests: Vec<String> = spec
            .mounts()
            .as_ref()
            .unwrap()
            .iter()
            .map(|m| m.destination().to_string_lossy().into_owned())
            .collect();
        assert_eq!(dests, ["/proc", "/data", "/dev/shm", "/etc/hosts"]);
    }

    #[test]
    fn a_missing_bind_source_is_an_error_naming_it() {
        let e = host_source("/nonexistent/rcon-src", "/c")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("/nonexistent/rcon-src") && e.contains("never creates"),
            "{e}"
        );
    }
}
