//! `rcon unshare [COMMAND [ARG...]]`: runs a shell or a command as root of the store's user
//! namespace (the id map containers use), in a mount namespace of its own, as Podman's
//! `unshare`. There a user can remove or chown files that belong to subordinate ids, and
//! `rcon mount` can mount a container's root filesystem.
//!
//! The command sees `RCON_UNSHARED=1`, `CONTAINERS_GRAPHROOT` (the store) and
//! `CONTAINERS_RUNROOT`; its exit status is rcon's.
use super::Context;
use crate::ipc::helper;
use crate::ipc::role::Role;
use crate::linux::idmap::IdMap;
use anyhow::bail;
use clap::Args;
use std::ffi::OsString;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct UnshareArgs {
    /// Join the rootless network namespace (not supported)
    #[arg(long, visible_alias = "rootless-cni")]
    pub(crate) rootless_netns: bool,
    /// The command and its arguments (default: $SHELL, else /bin/sh)
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) command: Vec<OsString>,
}

/// The variable that tells a process it runs inside `rcon unshare`.
pub(crate) const UNSHARED_ENV: &str = "RCON_UNSHARED";

pub(super) fn unshare(ctx: &Context, a: &UnshareArgs) -> anyhow::Result<i32> {
    if a.rootless_netns {
        bail!(
            "--rootless-netns is not supported: the networks' holder offers no way to join its \
             namespace; run without it"
        );
    }
    if std::env::var_os(UNSHARED_ENV).is_some() && nix::unistd::geteuid().is_root() {
        bail!("already inside `rcon unshare`: run the command directly");
    }
    let command: Vec<PathBuf> = if a.command.is_empty() {
        let shell = std::env::var_os("SHELL")
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "/bin/sh".into());
        vec![PathBuf::from(shell)]
    } else {
        a.command.iter().map(PathBuf::from).collect()
    };
    let env = vec![
        (UNSHARED_ENV.to_string(), "1".to_string()),
        (
            "CONTAINERS_GRAPHROOT".to_string(),
            ctx.paths.storage().display().to_string(),
        ),
        (
            "CONTAINERS_RUNROOT".to_string(),
            ctx.paths.runroot.display().to_string(),
        ),
    ];
    let role = Role::Unshare { command, env };
    let child = helper::spawn_inherit(&IdMap::detect(), &role)?;
    // The child has its own dispositions by now; a ^C at the terminal is for it, and this
    // process must live to report its status.
    crate::sys::signal::ignore_terminal_signals()?;
    let status = child.wait_status()?;
    Ok(match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(sig)) => 128 + sig,
        (None, None) => 125,
    })
}
