//! The per-container supervisor: it owns a container from start to end, outliving the CLI.
//!
//! [`start`] (in the CLI) spawns the role `Role::Supervise` detached, in the store's
//! user namespace, and waits until the container's first process runs or fails. The supervisor
//! ([`helper_supervise`] → `run::main`) mounts the root filesystem, starts the container, and
//! then serves it until it ends: output to the k8s-file log ([`log`]) and attached clients
//! ([`server`], [`protocol`]), healthchecks on their schedule (`health`), exit code and restart
//! policy ([`exit`]), `--rm`.
//!
//! The CLI and a starting supervisor talk over three inherited descriptors: stdin is the first
//! attached client (one end of a socketpair, or /dev/null), stdout is a pipe on which the
//! supervisor writes one [`protocol::Frame`] (`Started` or `Error`), stderr is
//! `<run>/supervisor.log`, where the supervisor's own messages go once the CLI is gone.
//! With `--log-driver passthrough`, stdin carries the CLI's own stdio as well ([`handoff`]).
mod errors;
pub(crate) mod exit;
mod handoff;
mod health;
mod ipc;
pub(crate) mod journald;
mod keepid;
pub(crate) mod log;
mod pod;
pub(crate) mod protocol;
mod run;
mod server;
mod stdio;
pub(crate) use handoff::{PreservedFds, MAX_PRESERVED};
pub(crate) use stdio::set_winsize;
mod sys;

use crate::config::Paths;
use crate::container::record::{ContainerPaths, ContainerRecord, NetworkMode};
use crate::ipc::helper::{self, SpawnError, Userns};
use crate::ipc::role::{Role, StorePaths};
use crate::linux::idmap::IdMap;
use protocol::Frame;
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The supervisor's own messages, in the container's run folder.
pub(crate) fn supervisor_log(cpaths: &ContainerPaths) -> PathBuf {
    cpaths.run.join("supervisor.log")
}

/// Connects to the attach socket in a container's run folder.
pub(crate) fn connect(run_dir: &Path) -> io::Result<UnixStream> {
    server::connect(run_dir)
}

/// The container this process attached to last (by [`start`] with a client, or by
/// `cli::attach::connect`): where a client whose supervisor vanished finds the exit code.
static ATTACHED: Mutex<Option<(PathBuf, PathBuf)>> = Mutex::new(None);

/// Remembers `cpaths` as the container this process is attached to.
pub(crate) fn note_attached(cpaths: &ContainerPaths) {
    if let Ok(mut a) = ATTACHED.lock() {
        *a = Some((cpaths.dir.clone(), cpaths.run.clone()));
    }
}

/// The container this process is attached to, if any.
pub(crate) fn attached() -> Option<ContainerPaths> {
    let a = ATTACHED.lock().ok()?;
    let (dir, run) = a.clone()?;
    Some(ContainerPaths { dir, run })
}

/// A container that [`start`] started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Started {
    /// The supervisor's pid on the host.
    pub(crate) supervisor_pid: i32,
    /// The container's first process, as a host pid.
    pub(crate) init_pid: i32,
}

/// Why a container could not be started.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StartError {
    #[error("cannot read the record of container {id}: {source}")]
    Record {
        id: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot create the run folder {path}: {source}")]
    RunDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot start the supervisor of container {id}: {source}")]
    Spawn {
        id: String,
        #[source]
        source: SpawnError,
    },
    /// The container's process could not start; `code` is what rcon exits with (125, 126, 127).
    #[error("{message}")]
    Container { code: i32, message: String },
    #[error("{0}")]
    Network(String),
    #[error("cannot start container {id}, which this one requires (--requires): {message}")]
    Requires { id: String, message: String },
    #[error(transparent)]
    Passthrough(#[from] handoff::HandoffError),
    #[error("the supervisor of container {id} ended before the container started: {message}")]
    Died { id: String, message: String },
}

impl StartError {
    /// The exit code rcon returns for this failure: the container's 126/127, else 125.
    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            StartError::Container { code, .. } => *code,
            _ => 125,
        }
    }
}

/// `--log-driver passthrough`: fails when this process's stdio is a terminal.
pub(crate) fn check_passthrough(interactive: bool) -> Result<(), StartError> {
    Ok(handoff::check(interactive)?)
}

/// Starts container `id` unless it runs already.
pub(crate) fn ensure_running(paths: &Paths, id: &str) -> Result<(), StartError> {
    let running = crate::container::list::state_of(paths, id)
        .is_ok_and(|s| crate::container::stop::is_running(&s));
    if !running {
        start(paths, id, None)?;
    }
    Ok(())
}

/// Container `id`'s record, as `cpaths` has it.
fn read_record(cpaths: &ContainerPaths, id: &str) -> Result<ContainerRecord, StartError> {
    crate::util::fs::read_json(&cpaths.record())
        .and_then(|r| r.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound)))
        .map_err(|source| StartError::Record {
            id: id.to_string(),
            source,
        })
}

/// A container that `network disconnect` left on no named network while it ran starts on the
/// default network, as a stopped one is moved to it at once: its record says so from now on.
fn off_no_network(
    cpaths: &ContainerPaths,
    record: ContainerRecord,
) -> Result<ContainerRecord, StartError> {
    let on_none =
        |r: &ContainerRecord| matches!(&r.network, NetworkMode::Bridge(n) if n.is_empty());
    if !on_none(&record) {
        return Ok(record);
    }
    let record_err = |source| StartError::Record {
        id: record.id.clone(),
        source,
    };
    let _lock = crate::util::fs::Lock::exclusive(&cpaths.lock()).map_err(record_err)?;
    let mut current = read_record(cpaths, &record.id)?;
    if on_none(&current) {
        current.network = crate::network::default_mode();
        crate::util::fs::write_json(&cpaths.record(), &current).map_err(record_err)?;
    }
    Ok(current)
}

/// Starts the supervisor of container `id` (created, not running) and waits until the
/// container's first process runs. `attach` is the supervisor's end of a socketpair whose other
/// end the caller keeps for [`crate::cli::attach::attach_stream`]: that client is attached
/// before the container starts, so none of its output is missed. With `-t` and a terminal on
/// our stdin, the container's terminal starts with the size of ours.
pub(crate) fn start(
    paths: &Paths,
    id: &str,
    attach: Option<OwnedFd>,
) -> Result<Started, StartError> {
    start_with_fds(paths, id, attach, &PreservedFds::default())
}

/// [`start`], the container's first process getting this process's descriptors `preserved`
/// at the numbers they had (`run --preserve-fds`), for every run.
pub(crate) fn start_with_fds(
    paths: &Paths,
    id: &str,
    attach: Option<OwnedFd>,
    preserved: &PreservedFds,
) -> Result<Started, StartError> {
    let cpaths = ContainerPaths::new(paths, id);
    let record = read_record(&cpaths, id)?;
    // `--requires`: those first (a missing one is an error, as in Podman).
    for dep in &record.requires {
        ensure_running(paths, dep).map_err(|e| StartError::Requires {
            id: dep[..dep.len().min(12)].to_string(),
            message: e.to_string(),
        })?;
    }
    // A pod's member needs its infra running: its namespaces are joined from there.
    if let Some(infra) = record.pod.as_ref().and_then(|p| p.infra_id.as_deref()) {
        ensure_running(paths, infra)?;
    }
    let run_dir_err = |source| StartError::RunDir {
        path: cpaths.run.clone(),
        source,
    };
    paths.ensure_runroot().map_err(run_dir_err)?;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&cpaths.run)
        .map_err(run_dir_err)?;
    let record = off_no_network(&cpaths, record)?;
    // A start by the user ends the user's stop (`--restart unless-stopped` may restart it).
    crate::container::stop_marks::clear(paths, &record.id);

    let size = if record.tty && attach.is_some() {
        terminal_size(&io::stdin())
    } else {
        None
    };
    let role = Role::Supervise {
        store: StorePaths::of(paths),
        id: id.to_string(),
        size,
    };
    let (status_r, status_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| run_dir_err(io::Error::from(e)))?;
    if attach.is_some() {
        note_attached(&cpaths);
    }
    let passthrough = (record.log_driver == "passthrough").then_some(record.interactive);
    let stdin = if passthrough.is_some() || !preserved.is_empty() {
        Some(handoff::send(attach, passthrough, preserved)?)
    } else {
        attach
    };
    let short = &id[..id.len().min(12)];
    let log_path = supervisor_log(&cpaths);
    // A container that shares another's network namespace runs in that container's user
    // namespace: only from there may the network namespace be joined.
    let idmap = IdMap::detect();
    // On named networks it runs in the networks' holder's user namespace, for the same
    // reason; the lease keeps the holder running until the supervisor holds its own.
    let mut _lease = None;
    let shared = match &record.network {
        NetworkMode::Container(target) => Some(
            crate::container::list::network_peer(paths, target)
                .and_then(|peer| peer.open_owner_userns())
                .map_err(|e| StartError::Network(e.to_string()))?,
        ),
        NetworkMode::Bridge(nets) => {
            use crate::network::{bridge, holder};
            let net_err = |e: &dyn std::fmt::Display| {
                StartError::Network(format!("cannot set up the container's networks: {e}"))
            };
            _lease = Some(holder::lease(paths).map_err(|e| net_err(&e))?);
            let configs =
                bridge::configs(paths, nets).map_err(|e| StartError::Network(e.to_string()))?;
            Some(
                holder::ensure(paths, &configs)
                    .map_err(|e| net_err(&e))?
                    .userns,
            )
        }
        // A pod's member that keeps its own network still joins the infra's IPC or UTS
        // namespace: from the user namespace that owns the infra's namespaces (not its
        // network's, which is the host's when the pod is on the host's network).
        _ => match record.pod.as_ref().and_then(|p| p.infra_id.as_deref()) {
            Some(infra) if !record.pod.as_ref().is_some_and(|p| p.shares.is_empty()) => Some(
                crate::container::list::network_peer(paths, infra)
                    .and_then(|peer| peer.open_owner_of(crate::linux::nsenter::Namespace::Mount))
                    .map_err(|e| StartError::Network(e.to_string()))?,
            ),
            // `--ipc container:` or `ns:`: from the user namespace that owns that one.
            _ => {
                ipc::owner_userns(paths, &record).map_err(|e| StartError::Network(e.to_string()))?
            }
        },
    };
    let userns = match &shared {
        Some(fd) => Userns::Join(fd.as_fd()),
        None => Userns::New(&idmap),
    };
    // The supervisor runs from a sealed copy of rcon when the user could write its file (it
    // re-executes itself first thing); the user hears of it here, once.
    crate::linux::sealed_exe::warn_if_exposed();
    let supervisor_pid = helper::spawn_detached(
        userns,
        &role,
        &format!("rcon-sup {short}"),
        stdin,
        status_w,
        &log_path,
    )
    .map_err(|source| StartError::Spawn {
        id: id.to_string(),
        source,
    })?;

    // The supervisor holds the only write end now: EOF means it died before reporting.
    match Frame::read_from(&mut File::from(status_r)) {
        Ok(Some(Frame::Started { pid })) => Ok(Started {
            supervisor_pid,
            init_pid: pid,
        }),
        Ok(Some(Frame::Error { code, message })) => Err(StartError::Container { code, message }),
        other => {
            let text = std::fs::read(&log_path).unwrap_or_default();
            let last = String::from_utf8_lossy(&text)
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .map(str::to_string);
            let message = match (last, other) {
                (Some(line), _) => line,
                (None, Err(e)) => e.to_string(),
                (None, _) => format!("no message; see {}", log_path.display()),
            };
            Err(StartError::Died {
                id: id.to_string(),
                message,
            })
        }
    }
}

/// The size of the terminal on `fd`, if it is one.
pub(crate) fn terminal_size(fd: &impl AsRawFd) -> Option<(u16, u16)> {
    let ws = stdio::get_winsize(fd.as_raw_fd()).ok()?;
    (ws.ws_row > 0 && ws.ws_col > 0).then_some((ws.ws_row, ws.ws_col))
}

/// Why the supervisor role could not run its container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SuperviseError {
    #[error("invalid container id {0:?}")]
    Id(String),
    #[error(transparent)]
    Run(#[from] run::StartError),
}

/// The role `supervise`: the supervisor's body. Returns only on an error; otherwise the
/// supervisor exits when its container has ended.
pub(crate) fn helper_supervise(
    paths: Paths,
    id: &str,
    size: Option<(u16, u16)>,
) -> Result<(), SuperviseError> {
    if !is_id(id) {
        return Err(SuperviseError::Id(id.to_string()));
    }
    run::main(paths, id, size).map_err(SuperviseError::Run)
}

/// 64 lowercase hex digits.
fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(is_id(&"ab".repeat(32)));
        assert!(!is_id(&"AB".repeat(32)));
        assert!(!is_id("abc"));
    }

    #[test]
    fn container_failures_keep_their_exit_code() {
        let e = StartError::Container {
            code: 127,
            message: "not found".into(),
        };
        assert_eq!(e.exit_code(), 127);
        let e = StartError::Died {
            id: "x".into(),
            message: "gone".into(),
        };
        assert_eq!(e.exit_code(), 125);
    }
}
