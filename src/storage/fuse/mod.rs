//! The FUSE overlay driver: rcon serves the container's layered root itself, on
//! fuse-backend-rs's transport, protocol and server loop.
//!
//! The supervisor calls [`mount`] during setup, while it is still single-threaded: it forks the
//! server process, which shares the supervisor's user and mount namespaces, mounts the overlay
//! on the container's root folder with mount(2), moves into an empty root of its own
//! (confine.rs), reports back ([`ServerReport`] over an `ipc` channel) and then serves with its threads. Every name it acts
//! on is resolved beneath its layer's root without following a symlink (beneath.rs): the
//! container changes the upper layer while the server works, and must not lead it out. The supervisor itself stays single-threaded, so it may clone the container's
//! process again on every restart (DESIGN rule 2). The server dies with the supervisor
//! (PR_SET_PDEATHSIG, SIGKILL) and ends by itself when the mount goes; the mount lives only in
//! the supervisor's mount namespace and the container's, which end with their last process, so
//! nothing stays mounted after a kill -9 either.
//!
//! The overlay reads the store's layers in the kernel overlay's form (whiteouts as 0/0
//! character devices, `user.overlay.opaque=y`) and keeps its upper layer in the same form.
//! Owners are the files' own, seen through the container's user namespace (under `--userns
//! keep-id`, shifted as [`crate::linux::keepid`] describes); a single-uid store's
//! recorded owners (`user.containers.override_stat`) are left as they are, as the kernel overlay
//! and vfs leave them.
mod beneath;
mod confine;
mod copyup;
mod files;
mod fs;
mod layers;
mod names;
mod readdir;
mod server;
mod splice;
mod stats;
mod sys;
mod tree;

use crate::ipc::{Channel, IpcError};
use serde::{Deserialize, Serialize};
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

/// Why the FUSE overlay could not be started.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FuseError {
    #[error("cannot open the layer folder {path}: {source}")]
    Layer {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot {what}: {source}")]
    Setup {
        what: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("the fuse server process {0}")]
    Server(String),
    #[error("cannot read the fuse server's answer: {0}")]
    Report(#[source] IpcError),
}

/// The server process's one message to the supervisor that forked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ServerReport {
    /// The overlay is mounted; the server serves it from now on.
    Mounted,
    /// It could not mount, and why.
    Failed { message: String },
}

fn open_dir(path: &Path) -> Result<OwnedFd, FuseError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY)
        .open(path)
        .map(OwnedFd::from)
        .map_err(|source| FuseError::Layer {
            path: path.to_path_buf(),
            source,
        })
}

/// Mounts the FUSE overlay of `layers` (bottom first) with `upper` and `work` at `target` and
/// leaves its server process running. Call only while single-threaded.
pub(super) fn mount(
    layers: &[PathBuf],
    upper: &Path,
    work: &Path,
    target: &Path,
    ids: crate::linux::keepid::IdShift,
) -> Result<(), FuseError> {
    let mut lower = Vec::with_capacity(layers.len());
    for layer in layers {
        lower.push(open_dir(layer)?);
    }
    let upper_fd = open_dir(upper)?;
    let work_fd = open_dir(work)?;
    let (ours, theirs) = crate::ipc::pair().map_err(|source| FuseError::Setup {
        what: "create the fuse server's channel",
        source,
    })?;
    let parent = nix::unistd::getpid();
    match sys::fork().map_err(|source| FuseError::Setup {
        what: "start the fuse server process",
        source,
    })? {
        sys::Forked::Child => {
            drop(ours);
            sys::exit_now(child(parent, lower, upper_fd, work_fd, target, ids, theirs))
        }
        sys::Forked::Parent => {
            drop(theirs);
            match ours.recv::<ServerReport>().map_err(FuseError::Report)? {
                Some(ServerReport::Mounted) => Ok(()),
                None => Err(FuseError::Server("ended before it mounted".into())),
                Some(ServerReport::Failed { message }) => {
                    Err(FuseError::Server(format!("failed: {message}")))
                }
            }
        }
    }
}

/// The server process: dies with the supervisor, ignores the signals meant for the
/// supervisor's group, mounts, reports [`ServerReport`] on `report` and serves. Returns the
/// process's exit code.
fn child(
    parent: nix::unistd::Pid,
    lower: Vec<OwnedFd>,
    upper: OwnedFd,
    work: OwnedFd,
    target: &Path,
    ids: crate::linux::keepid::IdShift,
    report: Channel,
) -> i32 {
    let mounted = match prepare(parent, lower, upper, work, target, ids) {
        Ok(m) => m,
        Err(e) => {
            let message = e.to_string();
            let _ = report.send(&ServerReport::Failed { message });
            return 1;
        }
    };
    if report.send(&ServerReport::Mounted).is_err() {
        return 1;
    }
    drop(report);
    match mounted.serve() {
        Ok(()) => 0,
        Err(e) => {
            log::warn!("{e}");
            1
        }
    }
}

fn prepare(
    parent: nix::unistd::Pid,
    lower: Vec<OwnedFd>,
    upper: OwnedFd,
    work: OwnedFd,
    target: &Path,
    ids: crate::linux::keepid::IdShift,
) -> Result<server::Mounted, FuseError> {
    nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL).map_err(|e| {
        FuseError::Setup {
            what: "tie the fuse server to the supervisor",
            source: e.into(),
        }
    })?;
    if nix::unistd::getppid() != parent {
        return Err(FuseError::Server("lost its supervisor".into()));
    }
    let _ = nix::sys::prctl::set_name(c"rcon-fuse");
    // Modes arrive with the container process's umask applied: ours must not apply again.
    nix::sys::stat::umask(nix::sys::stat::Mode::empty());
    sys::ignore_group_signals().map_err(|source| FuseError::Setup {
        what: "set the fuse server's signal actions",
        source,
    })?;
    let mut overlay =
        layers::Overlay::new(lower, upper, work).map_err(|source| FuseError::Setup {
            what: "read the upper layer",
            source,
        })?;
    overlay.ids = ids;
    let mounted = server::mount(overlay, target)?;
    confine::confine(target)?;
    Ok(mounted)
}
