//! `--ipc container:NAME` and `--ipc ns:PATH`: the container's first process joins that IPC
//! namespace instead of making one. The supervisor runs in the user namespace that owns it
//! ([`owner_userns`], chosen when the supervisor is started), the only one from which it may
//! be joined.
use crate::config::Paths;
use crate::container::ipc::{open_joined, IpcError, IpcMode};
use crate::container::record::ContainerRecord;
use crate::linux::nsenter::Namespace;
use crate::runtime::startup::Joins;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::sync::Arc;

/// The namespaces `record`'s first process joins: its pod's ([`super::pod::joins`]) and the
/// IPC namespace of its `--ipc`; the exit code and message of a failure.
pub(super) fn joins(paths: &Paths, record: &ContainerRecord) -> Result<Joins, (i32, String)> {
    let mut out = super::pod::joins(paths, record)?;
    let Some(fd) = open_joined(paths, &record.ipc).map_err(|e| (125, e.to_string()))? else {
        return Ok(out);
    };
    // Joining needs the privileges of the namespace's owner: ours must be that one (it is not
    // when the network decided ours, e.g. `--network container:` of another container).
    let owner = crate::sys::nsfs::owner_userns(fd.as_fd())
        .and_then(|o| std::fs::File::from(o).metadata())
        .map(|m| m.ino());
    let ours = std::fs::metadata("/proc/self/ns/user").map(|m| m.ino());
    if let (Ok(owner), Ok(ours)) = (owner, ours) {
        if owner != ours {
            return Err((
                125,
                format!(
                    "--ipc {}: that IPC namespace belongs to another user namespace than this \
                     container's network: share the network of the same container, or leave \
                     --ipc out",
                    record.ipc.inspect()
                ),
            ));
        }
    }
    out.push((Namespace::Ipc, Arc::new(fd)));
    Ok(out)
}

/// The user namespace the supervisor of `record` must run in to join the IPC namespace of its
/// `--ipc`, open; `None` when it joins none.
pub(super) fn owner_userns(
    paths: &Paths,
    record: &ContainerRecord,
) -> Result<Option<OwnedFd>, IpcError> {
    if !matches!(record.ipc, IpcMode::Container(_) | IpcMode::Ns(_)) {
        return Ok(None);
    }
    let Some(fd) = open_joined(paths, &record.ipc)? else {
        return Ok(None);
    };
    crate::sys::nsfs::owner_userns(fd.as_fd())
        .map(Some)
        .map_err(|source| IpcError::Owner {
            mode: record.ipc.inspect(),
            source,
        })
}
