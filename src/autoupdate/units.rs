//! The unit manager `auto-update` restarts units through: `systemctl --user` for an ordinary
//! user, the system manager for root (as Podman's own units run there).
use super::AutoUpdateError;
use std::process::{Command, Stdio};

/// `systemctl [--user] restart UNIT`; the error is systemctl's own message.
pub(crate) fn restart(unit: &str) -> Result<(), AutoUpdateError> {
    let mut cmd = Command::new("systemctl");
    if !nix::unistd::geteuid().is_root() {
        cmd.arg("--user");
    }
    cmd.args(["restart", "--", unit])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let out = cmd.output().map_err(|e| AutoUpdateError::Systemctl {
        detail: format!("cannot run systemctl: {e}: is systemd installed?"),
    })?;
    if out.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&out.stderr);
    let said = said.trim();
    let detail = match out.status.code() {
        Some(code) if said.is_empty() => format!("systemctl restart {unit} exited with {code}"),
        _ if said.is_empty() => format!("systemctl restart {unit} was killed"),
        _ => said.lines().collect::<Vec<_>>().join(" "),
    };
    Err(AutoUpdateError::Systemctl { detail })
}
