//! `rcon cp` on a container that is not running: the role `Role::Cp { store, id, op }`, root
//! of the store's user namespace. It takes the container's supervisor lock
//! (so the container cannot start meanwhile), makes a mount namespace of its own, mounts the
//! root filesystem with the container's storage driver and binds the container's volumes and
//! bind mounts onto it (targets opened inside the root with RESOLVE_IN_ROOT; not for an export,
//! which is of the root filesystem alone), then chroots
//! into it and runs the op on its stdin and stdout. A copy into a volume or bind mount whose
//! mount point the root filesystem lacks (the container never ran) chroots into that mount's
//! source instead. Everything it mounted goes with its mount namespace when it exits.
use super::Op;
use crate::config::Paths;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::linux::mounts::{self, Create, Sys};
use crate::util::fs::Lock;
use nix::errno::Errno;
use nix::mount::MsFlags;
use std::io;
use std::path::{Path, PathBuf};

/// Why the cp helper failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoppedCpError {
    #[error("invalid container id {0:?}")]
    Id(String),
    #[error("cannot lock {path}: {source}")]
    Lock {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the container started meanwhile: run cp again")]
    Started,
    #[error("{0}")]
    Record(#[source] io::Error),
    #[error("the container was removed meanwhile")]
    Removed,
    #[error("cannot {what}: {source}")]
    Sys {
        what: &'static str,
        #[source]
        source: Errno,
    },
    #[error("{0}")]
    Store(#[from] crate::image::store::StoreError),
    #[error("{0}")]
    Storage(#[from] crate::storage::StorageError),
    #[error("{path}: {source}")]
    Rootfs {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot mount the volumes: {0}")]
    Volumes(#[source] io::Error),
    #[error("{0}")]
    Op(#[from] super::archive::ArchiveError),
}

/// Entry point of the role `cp`.
pub(crate) fn helper_cp(paths: &Paths, id: &str, op: &Op) -> Result<(), StoppedCpError> {
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoppedCpError::Id(id.to_string()));
    }
    let cpaths = ContainerPaths::new(paths, id);
    let lock_path = cpaths.run.join("supervisor.lock");
    let _lock = supervisor_lock(&lock_path)?;
    let record: ContainerRecord = crate::util::fs::read_json(&cpaths.record())
        .map_err(StoppedCpError::Record)?
        .ok_or(StoppedCpError::Removed)?;
    let sys = |what: &'static str| move |source: Errno| StoppedCpError::Sys { what, source };
    mounts::private_namespace().map_err(sys("create a private mount namespace"))?;
    let store = crate::image::store::Store::open(paths)?;
    let mut held = Vec::new();
    let mut layers = Vec::new();
    for chain in &record.layers {
        held.push(store.layer_use_lock(chain)?);
        layers.push(store.layer_dir(chain));
    }
    let driver = crate::storage::Driver::from_name(&record.storage_driver)?;
    let rootfs = cpaths.rootfs();
    std::fs::create_dir_all(&rootfs).map_err(|source| StoppedCpError::Rootfs {
        path: rootfs.clone(),
        source,
    })?;
    crate::storage::mount_rootfs(
        driver,
        &layers,
        &cpaths.upper(),
        &cpaths.work(),
        &rootfs,
        &Default::default(),
    )?;
    // An export is of the root filesystem alone, as Podman's.
    let mut op = op.clone();
    let mut root = rootfs.clone();
    if !matches!(op, Op::Export { .. }) {
        bind_volumes(&record, &rootfs).map_err(StoppedCpError::Volumes)?;
        if let Some((source, rest)) = unmounted_volume(&record, &rootfs, &op) {
            root = source;
            op.set_path(rest);
        }
    }
    nix::unistd::chroot(&root).map_err(sys("enter the root filesystem"))?;
    nix::unistd::chdir("/").map_err(sys("enter the root filesystem"))?;
    Ok(super::run_op(&op, io::stdin().lock(), io::stdout().lock())?)
}

/// For an op on a path inside a volume or bind mount whose mount point the root filesystem
/// does not have yet (the container never ran: its start makes it), that mount's source
/// folder and the path inside it, so the copy reaches what the container will see there.
fn unmounted_volume(record: &ContainerRecord, rootfs: &Path, op: &Op) -> Option<(PathBuf, String)> {
    let path = op.path()?;
    let (m, rest) = record
        .mounts
        .iter()
        .filter(|m| matches!(m.kind.as_str(), "bind" | "volume") && m.mode != "O")
        .filter_map(|m| inside(&m.destination, path).map(|rest| (m, rest)))
        .max_by_key(|(m, _)| m.destination.trim_end_matches('/').len())?;
    let mount_point = rootfs.join(m.destination.trim_start_matches('/'));
    if std::fs::symlink_metadata(&mount_point).is_ok() || !Path::new(&m.source).is_dir() {
        return None;
    }
    Some((PathBuf::from(&m.source), format!("/{rest}")))
}

/// `path` below (or at) the folder `dest`, as the part after it; None when it lies outside.
fn inside(dest: &str, path: &str) -> Option<String> {
    let clean = |p: &str| -> Vec<String> {
        p.split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .map(str::to_string)
            .collect()
    };
    let (d, p) = (clean(dest), clean(path));
    if p.len() < d.len() || p[..d.len()] != d[..] || p.iter().any(|c| c == "..") {
        return None;
    }
    let mut rest = p[d.len()..].join("/");
    // A trailing `/.` (a folder's contents) keeps its meaning.
    if path.ends_with("/.") || path == "." {
        rest = if rest.is_empty() {
            ".".into()
        } else {
            format!("{rest}/.")
        };
    }
    Some(rest)
}

/// The container's supervisor lock. A supervisor that has just written the exit code (the
/// moment `rcon wait` returns) still holds it while it tears down: a short wait tells that
/// apart from a container that started meanwhile.
fn supervisor_lock(path: &Path) -> Result<Lock, StoppedCpError> {
    for _ in 0..40 {
        let held = Lock::try_exclusive(path).map_err(|source| StoppedCpError::Lock {
            path: path.to_path_buf(),
            source,
        })?;
        if let Some(lock) = held {
            return Ok(lock);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Err(StoppedCpError::Started)
}

/// Binds the volumes and bind mounts of `record` at their destinations that exist in the root.
fn bind_volumes(record: &ContainerRecord, rootfs: &Path) -> io::Result<()> {
    let mut kernel = mounts::Kernel::new(rootfs)?;
    for m in &record.mounts {
        if !matches!(m.kind.as_str(), "bind" | "volume") || m.mode == "O" {
            continue;
        }
        if !Path::new(&m.source).exists() {
            continue;
        }
        if let Some(target) = kernel.open(&m.destination, Create::Nothing)? {
            kernel.bind(Path::new(&m.source), &target, true, MsFlags::empty())?;
        }
    }
    Ok(())
}
