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
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct UnshareArgs {
    /// Run in the namespaces of the named networks' holder (its bridges and their addresses)
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
    // `--rootless-netns`: the networks' holder (started if none runs, kept while the command
    // runs by a lease) lends its user and network namespaces.
    let holder = if a.rootless_netns {
        let lease = crate::network::holder::lease(&ctx.paths)?;
        let ns = crate::network::holder::ensure(&ctx.paths, &[])?;
        // Inherited by the helper alone, which joins it and closes it.
        nix::fcntl::fcntl(
            ns.netns.as_raw_fd(),
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )?;
        Some((lease, ns))
    } else {
        None
    };
    let role = Role::Unshare {
        command,
        env,
        netns_fd: holder.as_ref().map(|(_, ns)| ns.netns.as_raw_fd()),
    };
    let idmap = IdMap::detect();
    let userns = match &holder {
        Some((_, ns)) => helper::Userns::Join(ns.userns.as_fd()),
        None => helper::Userns::New(&idmap),
    };
    let child = helper::spawn_inherit(userns, &role)?;
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
