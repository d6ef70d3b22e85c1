//! Why a process rcon starts inside a container did not reach its command: the step that
//! failed, the errno when a system call said no, and one line for the user. [`exit_code`] is the
//! one place that numbers a failure as Podman does (127 not found, 126 cannot invoke, 125 rcon
//! failed) and [`describe_errno`] the one place that words an errno.
use serde::{Deserialize, Serialize};
use std::io;

/// rcon itself failed (setup, mounts, user).
pub(crate) const EXIT_FAILED: i32 = 125;
/// The command exists but cannot be invoked.
pub(crate) const EXIT_CANNOT_INVOKE: i32 = 126;
/// The command (or its working folder) was not found.
pub(crate) const EXIT_NOT_FOUND: i32 = 127;

/// The step of the start-up that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Stage {
    /// Before the clone or fork, in the parent: the plan could not be made.
    Prepare,
    /// Parent-death signal, dumpable flag, the report channel's place.
    Guard,
    Stdio,
    Network,
    Names,
    Mounts,
    Root,
    Session,
    Rlimits,
    Seccomp,
    Capabilities,
    User,
    Cwd,
    NoNewPrivs,
    Fds,
    /// `--init` starting the command.
    Init,
    Exec,
}

/// A failure before the command runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub(crate) struct Failure {
    pub(crate) stage: Stage,
    /// The errno of the system call that failed, when one did.
    pub(crate) errno: Option<i32>,
    pub(crate) message: String,
}

impl Failure {
    /// A failure that no system call's errno explains.
    pub(crate) fn new(stage: Stage, message: impl Into<String>) -> Failure {
        Failure {
            stage,
            errno: None,
            message: message.into(),
        }
    }

    /// A system call failed with `err`: the message is `what` then the errno's words.
    pub(crate) fn call(stage: Stage, what: impl std::fmt::Display, err: &io::Error) -> Failure {
        Failure {
            stage,
            errno: err.raw_os_error(),
            message: format!("{what}: {}", describe_errno(err)),
        }
    }

    /// [`exit_code`] of this failure.
    pub(crate) fn code(&self) -> i32 {
        exit_code(self)
    }
}

/// The exit code for the user: 127 when the command or the working folder is not there, 126
/// when either exists but cannot be used, 125 for anything else.
pub(crate) fn exit_code(f: &Failure) -> i32 {
    match (f.stage, f.errno) {
        (Stage::Exec | Stage::Cwd, Some(libc::ENOENT | libc::ENOTDIR)) => EXIT_NOT_FOUND,
        (Stage::Exec, Some(libc::EACCES | libc::ENOEXEC | libc::EISDIR | libc::EPERM)) => {
            EXIT_CANNOT_INVOKE
        }
        // No errno: a --workdir the image lacks (Podman's code for it).
        (Stage::Cwd, Some(libc::EACCES) | None) => EXIT_CANNOT_INVOKE,
        _ => EXIT_FAILED,
    }
}

/// An errno's text in Go's (and so Podman's) lowercase form, without the "(os error N)" tail.
pub(crate) fn describe_errno(err: &io::Error) -> String {
    match err.raw_os_error() {
        Some(libc::ENOENT) => "no such file or directory".to_string(),
        Some(libc::EACCES) => "permission denied".to_string(),
        Some(libc::ENOEXEC) => "exec format error".to_string(),
        Some(n) => {
            let text = nix::errno::Errno::from_raw(n).desc().to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
        None => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(stage: Stage, errno: i32) -> Failure {
        Failure::call(stage, "x", &io::Error::from_raw_os_error(errno))
    }

    #[test]
    fn exit_codes_follow_podman() {
        assert_eq!(failed(Stage::Exec, libc::ENOENT).code(), 127);
        assert_eq!(failed(Stage::Exec, libc::EACCES).code(), 126);
        assert_eq!(failed(Stage::Exec, libc::ENOEXEC).code(), 126);
        assert_eq!(failed(Stage::Exec, libc::E2BIG).code(), 125);
        assert_eq!(failed(Stage::Cwd, libc::ENOENT).code(), 127);
        assert_eq!(failed(Stage::Cwd, libc::EACCES).code(), 126);
        assert_eq!(Failure::new(Stage::Cwd, "workdir").code(), 126);
        assert_eq!(failed(Stage::User, libc::EPERM).code(), 125);
        assert_eq!(Failure::new(Stage::Prepare, "no command").code(), 125);
    }

    #[test]
    fn errno_words_are_lowercase_without_the_number() {
        assert_eq!(
            failed(Stage::Exec, libc::EACCES).message,
            "x: permission denied"
        );
        assert_eq!(
            describe_errno(&io::Error::from_raw_os_error(libc::EPERM)),
            "operation not permitted"
        );
    }

    #[test]
    fn a_failure_survives_the_wire() {
        let f = failed(Stage::Cwd, libc::ENOTDIR);
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains("\"cwd\""), "{json}");
        assert_eq!(serde_json::from_str::<Failure>(&json).unwrap(), f);
    }
}
