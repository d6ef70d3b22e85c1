//! `--cgroup-manager=systemd`: the supervisor asks the user's systemd manager for a transient
//! scope holding itself, with `Delegate=yes`, the way Podman places conmon.
//!
//! The request is one `busctl call … StartTransientUnit` (busctl ships with systemd): a process
//! call costs a few milliseconds per container start and no D-Bus library in rcon's build.
//! systemd moves the process itself (through the system manager when the caller's cgroup lies
//! outside the user's subtree, e.g. in an ssh session), so this works from any shell.
use super::{CgroupError, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long systemd may take to move us into the new scope.
const MOVE_TIMEOUT: Duration = Duration::from_secs(5);

/// The address of the user `uid`'s bus: `$DBUS_SESSION_BUS_ADDRESS`, else the socket in
/// `$XDG_RUNTIME_DIR` or `/run/user/<uid>`.
pub(super) fn user_bus(uid: u32) -> Option<String> {
    if let Ok(a) = std::env::var("DBUS_SESSION_BUS_ADDRESS") {
        if !a.is_empty() {
            return Some(a);
        }
    }
    let mut candidates = Vec::new();
    if let Ok(dir) = std::env::var("XDG_RUNTIME_DIR") {
        candidates.push(Path::new(&dir).join("bus"));
    }
    candidates.push(Path::new("/run/user").join(uid.to_string()).join("bus"));
    candidates
        .into_iter()
        .find(|p| p.exists())
        .map(|p| format!("unix:path={}", p.display()))
}

/// The scope's unit name for container `id` run by supervisor `pid`: unique per supervisor, so
/// a quick restart never meets the previous run's scope still being collected.
pub(super) fn unit_name(id: &str, pid: u32) -> String {
    format!("rcon-{}-{pid}.scope", &id[..id.len().min(12)])
}

/// Moves this process into a new transient scope `unit` with delegation and waits until it is
/// there; returns the scope's cgroup.
pub(super) fn move_self_to_scope(unit: &str, id: &str) -> Result<std::path::PathBuf> {
    let scope_err = |message: String| CgroupError::Scope {
        unit: unit.to_string(),
        message,
    };
    let address = user_bus(super::host_uid()).ok_or_else(|| {
        scope_err("no user bus (DBUS_SESSION_BUS_ADDRESS, /run/user/<uid>/bus)".into())
    })?;
    let pid = std::process::id().to_string();
    let description = format!("rcon container {}", &id[..id.len().min(12)]);
    busctl(
        &address,
        &[
            "StartTransientUnit",
            "ssa(sv)a(sa(sv))",
            unit,
            "fail",
            "4",
            "PIDs",
            "au",
            "1",
            &pid,
            "Delegate",
            "b",
            "true",
            "CollectMode",
            "s",
            "inactive-or-failed",
            "Description",
            "s",
            &description,
            "0",
        ],
    )
    .map_err(|e| scope_err(e.to_string()))?;
    // The job runs asynchronously: we are in the scope once /proc says so.
    let start = Instant::now();
    loop {
        if let Some(cg) = super::cgroup_of("self") {
            if cg.file_name().is_some_and(|n| n == unit) {
                return Ok(cg);
            }
        }
        if start.elapsed() > MOVE_TIMEOUT {
            return Err(scope_err(format!(
                "systemd did not move the supervisor into it within {}s",
                MOVE_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Asks systemd to attach this process to `subcgroup` of the running scope `unit` and waits
/// until it is in `leaf`.
pub(super) fn attach_self(unit: &str, subcgroup: &str, leaf: &Path) -> Result<()> {
    let scope_err = |message: String| CgroupError::Scope {
        unit: unit.to_string(),
        message,
    };
    let address = user_bus(super::host_uid()).ok_or_else(|| {
        scope_err("no user bus (DBUS_SESSION_BUS_ADDRESS, /run/user/<uid>/bus)".into())
    })?;
    let pid = std::process::id().to_string();
    busctl(
        &address,
        &["AttachProcessesToUnit", "ssau", unit, subcgroup, "1", &pid],
    )
    .map_err(|e| scope_err(e.to_string()))?;
    wait_until_in(leaf).map_err(|()| {
        scope_err(format!(
            "systemd did not attach the process within {}s",
            MOVE_TIMEOUT.as_secs()
        ))
    })
}

/// Why a `busctl call` failed.
#[derive(Debug, thiserror::Error)]
enum BusctlError {
    #[error("cannot run busctl (install systemd): {source}")]
    Run {
        #[source]
        source: std::io::Error,
    },
    /// The last line of busctl's error.
    #[error("{message}")]
    Failed { message: String },
}

/// Runs `busctl call` on the systemd manager at `address`; the last line of its error.
fn busctl(address: &str, call: &[&str]) -> std::result::Result<(), BusctlError> {
    let out = Command::new("busctl")
        .arg(format!("--address={address}"))
        .args([
            "call",
            "--quiet",
            "org.freedesktop.systemd1",
            "/org/freedesktop/systemd1",
            "org.freedesktop.systemd1.Manager",
        ])
        .args(call)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|source| BusctlError::Run { source })?;
    if out.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&out.stderr);
    Err(BusctlError::Failed {
        message: text
            .lines()
            .last()
            .unwrap_or("busctl failed")
            .trim()
            .to_string(),
    })
}

/// Waits until /proc says this process is in `cgroup` (systemd's jobs run asynchronously).
fn wait_until_in(cgroup: &Path) -> std::result::Result<(), ()> {
    let start = Instant::now();
    while start.elapsed() <= MOVE_TIMEOUT {
        if super::cgroup_of("self").is_some_and(|cg| cg == cgroup) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Err(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_names_are_unique_per_supervisor() {
        let id = "0123456789abcdef".repeat(4);
        assert_eq!(unit_name(&id, 42), "rcon-0123456789ab-42.scope");
        assert_ne!(unit_name(&id, 42), unit_name(&id, 43));
    }
}
