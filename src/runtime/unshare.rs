//! The role `unshare` (`rcon unshare [COMMAND]`): root of the store's user namespace, in a mount
//! namespace of its own, it replaces itself with the user's command.
//!
//! The mount namespace starts as a private copy of the caller's: what the command (or an
//! `rcon mount` run inside it) mounts stays inside and goes when the last process in it ends.
//! The command's exit status is the role's; one that cannot be run exits 127 (not found) or
//! 126 (found but not runnable), as a shell does.
use std::os::unix::process::CommandExt;
use std::path::PathBuf;

/// Why the namespace could not be made (the command never ran).
#[derive(Debug, thiserror::Error)]
pub(crate) enum UnshareError {
    #[error("cannot create a private mount namespace: {0}")]
    MountNs(#[source] nix::Error),
    #[error("no command to run")]
    NoCommand,
    #[error("cannot join the networks' namespace: {0}")]
    NetNs(#[source] nix::Error),
}

/// Runs `command` with `env` added; returns only when it could not be started. A command that
/// cannot be executed ends the process here with 126 or 127 and a message.
pub(crate) fn helper_unshare(
    command: &[PathBuf],
    env: &[(String, String)],
    netns_fd: Option<i32>,
) -> UnshareError {
    if let Some(fd) = netns_fd {
        if fd < 3 {
            return UnshareError::NetNs(nix::Error::EBADF);
        }
        // Passed by the parent for this process alone (`--rootless-netns`); closed here.
        let ns = crate::sys::fd::own(fd);
        if let Err(e) = nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWNET) {
            return UnshareError::NetNs(e);
        }
    }
    if let Err(e) = crate::linux::mounts::private_namespace() {
        return UnshareError::MountNs(e);
    }
    let Some((program, args)) = command.split_first() else {
        return UnshareError::NoCommand;
    };
    let mut cmd = std::process::Command::new(program);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    // Only returns on failure.
    let e = cmd.exec();
    let code = if e.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    };
    eprintln!("Error: cannot run {:?}: {e}", program.as_os_str());
    std::process::exit(code)
}
