//! `volume export` and `volume import`: a volume's data as a tar, read or written by a helper in
//! the store's user namespace (the data may belong to subordinate ids), chrooted into the
//! volume's folder so nothing in the archive or the volume reaches outside it.
use crate::config::Paths;
use crate::container::cp::{self, Op};
use crate::ipc::role::{Role, StorePaths};
use std::io::{self, Read, Write};
use std::process::Stdio;

/// Why a volume could not be exported or imported.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TransferError {
    #[error(transparent)]
    Volume(#[from] super::VolumeError),
    #[error("volume {name}: {message}")]
    Worker { name: String, message: String },
    #[error("volume {name}: {source}")]
    Io {
        name: String,
        #[source]
        source: io::Error,
    },
}

/// Writes volume `name`'s data to `out` as a tar, owners as containers see them.
pub(crate) fn export(paths: &Paths, name: &str, out: &mut dyn Write) -> Result<(), TransferError> {
    let op = Op::Export {
        single_uid: crate::linux::idmap::IdMap::detect().is_single(),
        excluded: Vec::new(),
    };
    run(paths, name, op, |child| {
        let mut from = child
            .stdout()
            .ok_or_else(|| io::Error::other("no output"))?;
        io::copy(&mut from, out).map(drop)
    })
}

/// Unpacks the tar read from `input` into volume `name` (over what it holds).
pub(crate) fn import(paths: &Paths, name: &str, input: &mut dyn Read) -> Result<(), TransferError> {
    let op = Op::InOwned { path: "/".into() };
    run(paths, name, op, |child| {
        let mut to = child.stdin().ok_or_else(|| io::Error::other("no input"))?;
        io::copy(input, &mut to).map(drop)
    })?;
    // The data is the archive's now: the first container to mount the volume neither fills
    // it from its image nor gives it the owner of its mount point.
    let _lock = super::lock(paths)?;
    if let Some(mut v) = super::load(paths, name)? {
        v.needs_chown = false;
        v.needs_copy_up = false;
        super::save(paths, &v)?;
    }
    Ok(())
}

fn run(
    paths: &Paths,
    name: &str,
    op: Op,
    side: impl FnOnce(&mut crate::ipc::helper::NsChild) -> io::Result<()>,
) -> Result<(), TransferError> {
    if super::load(paths, name)?.is_none() {
        return Err(super::VolumeError::NotFound { name: name.into() }.into());
    }
    let reading = matches!(op, Op::Export { .. });
    let role = Role::VolumeCp {
        store: StorePaths::of(paths),
        name: name.to_string(),
        op,
    };
    let (stdin, stdout) = if reading {
        (Stdio::null(), Stdio::piped())
    } else {
        (Stdio::piped(), Stdio::null())
    };
    let worker = |message: String| TransferError::Worker {
        name: name.to_string(),
        message,
    };
    let idmap = crate::linux::idmap::IdMap::detect();
    let mut child = crate::ipc::helper::spawn(&idmap, &role, stdin, stdout)
        .map_err(|e| worker(e.to_string()))?;
    let sided = side(&mut child);
    let waited = child.wait().map_err(|e| worker(e.to_string()));
    sided.map_err(|source| TransferError::Io {
        name: name.to_string(),
        source,
    })?;
    waited
}

/// The helper's side: in the store's user namespace, chrooted into the volume's data.
pub(crate) fn helper(paths: &Paths, name: &str, op: &Op) -> Result<(), TransferError> {
    let data = match super::load(paths, name)?.map(|v| v.backing()) {
        Some(super::Backing::Folder(dir)) => dir,
        Some(super::Backing::Tmpfs(_)) => {
            return Err(TransferError::Worker {
                name: name.to_string(),
                message: "a tmpfs volume holds nothing outside a running container".into(),
            })
        }
        None => return Err(super::VolumeError::NotFound { name: name.into() }.into()),
    };
    let sys = |e: nix::errno::Errno| TransferError::Io {
        name: name.to_string(),
        source: e.into(),
    };
    nix::unistd::chroot(&data).map_err(sys)?;
    nix::unistd::chdir("/").map_err(sys)?;
    cp::run_op(op, io::stdin().lock(), io::stdout().lock()).map_err(|e| TransferError::Worker {
        name: name.to_string(),
        message: e.to_string(),
    })
}
