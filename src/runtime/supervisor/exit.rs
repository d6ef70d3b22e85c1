//! What happens when a container's first process ends: its exit code (a signal N is 128+N), the
//! restart policy with its backoff, and `--rm` (the supervisor removes the whole container:
//! root filesystem, writable layer, record, name, run folder).
use crate::config::Paths;
use crate::container::record::{ContainerPaths, ContainerRecord, RestartPolicy};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why `--rm` could not remove everything.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ExitError {
    #[error("cannot unmount the root filesystem of container {id}: {source}")]
    Unmount {
        id: String,
        #[source]
        source: crate::storage::StorageError,
    },
    #[error("cannot remove {path}: {source}; remove it with `rcon rm -f`")]
    Remove {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot release the name {name} of container {id}: {source}")]
    Name {
        name: String,
        id: String,
        #[source]
        source: io::Error,
    },
}

/// Whether the restart policy starts the container again after it ended with `code`, having
/// been restarted `restarts` times. A container the user stopped is never restarted.
pub(crate) fn should_restart(
    policy: &RestartPolicy,
    code: i32,
    restarts: u32,
    stopped_by_user: bool,
) -> bool {
    if stopped_by_user {
        return false;
    }
    match policy.name.as_str() {
        "always" | "unless-stopped" => true,
        "on-failure" => code != 0 && (policy.max_retries == 0 || restarts < policy.max_retries),
        _ => false,
    }
}

/// How long to wait before restart number `attempt` (0-based): 100 ms, doubling, at most 5 s.
pub(crate) fn backoff(attempt: u32) -> Duration {
    let ms = 100u64.saturating_mul(1 << attempt.min(16));
    Duration::from_millis(ms.min(5000))
}

/// A run this long was a success: the next failure starts the backoff again from 100 ms.
pub(crate) const STABLE_RUN: Duration = Duration::from_secs(10);

/// `--rm`, the part every reader sees: the container's folder is renamed away (with its
/// record, so listings and lookups no longer find it), its name is released and its run folder
/// removed. Returns the renamed folder for [`remove_files`], or `None` when `rm` took the
/// container first. Runs in the supervisor, root of the store's user namespace. The name
/// `.removing-<id>-…` is the one `rm` uses, so an interrupted removal is swept up the same way.
pub(crate) fn unlist_container(
    paths: &Paths,
    cpaths: &ContainerPaths,
    record: &ContainerRecord,
) -> Result<Option<PathBuf>, ExitError> {
    let doomed = paths.containers().join(format!(
        ".removing-{}-{}",
        record.id,
        crate::util::time::unique_suffix()
    ));
    match std::fs::rename(&cpaths.dir, &doomed) {
        Ok(()) => {}
        // `rm -f` (a Quadlet unit's ExecStop) took it while the exit was being recorded.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ExitError::Remove {
                path: cpaths.dir.clone(),
                source,
            })
        }
    }
    crate::container::names::release(&paths.containers(), &record.name, &record.id).map_err(
        |source| ExitError::Name {
            name: record.name.clone(),
            id: record.id.clone(),
            source,
        },
    )?;
    crate::linux::userns::remove_path(&cpaths.run).map_err(|source| ExitError::Remove {
        path: cpaths.run.clone(),
        source,
    })?;
    crate::container::userns::release(paths, &record.id);
    Ok(Some(doomed))
}

/// `--rm`, the slow part, once nobody waits for it: unmounts the root filesystem (an overlay
/// syncs its upper layer on unmount) and removes the renamed folder with the writable layer.
pub(crate) fn remove_files(doomed: &Path, id: &str) -> Result<(), ExitError> {
    crate::storage::unmount_rootfs(&doomed.join("rootfs")).map_err(|source| {
        ExitError::Unmount {
            id: id.to_string(),
            source,
        }
    })?;
    crate::linux::userns::remove_path(doomed).map_err(|source| ExitError::Remove {
        path: doomed.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(name: &str, max: u32) -> RestartPolicy {
        RestartPolicy {
            name: name.into(),
            max_retries: max,
        }
    }

    #[test]
    fn a_container_rm_took_first_is_no_failure_of_the_supervisors_rm() {
        use crate::container::list::tests::{paths, record};
        let tmp = tempfile::tempdir().unwrap();
        let paths = paths(tmp.path());
        let record = record(&"ab".repeat(32), "web");
        let cpaths = ContainerPaths::new(&paths, &record.id);
        // Its folder is gone (`rm -f` renamed it away): nothing to do, and no error.
        assert!(matches!(
            unlist_container(&paths, &cpaths, &record),
            Ok(None)
        ));
        // Still there: renamed away, to be removed.
        std::fs::create_dir_all(&cpaths.dir).unwrap();
        let doomed = unlist_container(&paths, &cpaths, &record).unwrap().unwrap();
        assert!(doomed.exists() && !cpaths.dir.exists());
    }

    #[test]
    fn restart_policies() {
        assert!(!should_restart(&policy("no", 0), 1, 0, false));
        assert!(!should_restart(&policy("", 0), 1, 0, false));
        assert!(should_restart(&policy("always", 0), 0, 9, false));
        assert!(should_restart(&policy("unless-stopped", 0), 0, 0, false));
        assert!(!should_restart(&policy("always", 0), 0, 0, true));
        assert!(!should_restart(&policy("on-failure", 0), 0, 0, false));
        assert!(should_restart(&policy("on-failure", 0), 2, 50, false));
        assert!(should_restart(&policy("on-failure", 2), 2, 1, false));
        assert!(!should_restart(&policy("on-failure", 2), 2, 2, false));
    }

    #[test]
    fn backoff_doubles_up_to_a_limit() {
        assert_eq!(backoff(0), Duration::from_millis(100));
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(5), Duration::from_millis(3200));
        assert_eq!(backoff(6), Duration::from_secs(5));
        assert_eq!(backoff(100), Duration::from_secs(5));
    }
}
