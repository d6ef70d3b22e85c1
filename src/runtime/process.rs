//! Process primitives for a container's first process: a fork-like `clone3` into new
//! namespaces, the close-on-exec report pipe that carries a failure before exec back to the
//! supervisor, descriptor and signal hygiene, and execve with a `$PATH` search whose failures
//! are named (and numbered 126/127) as Podman names them.
//!
//! Everything here runs in the supervisor, which is single-threaded: the clone copies one
//! thread, so the child may allocate, but it leaves only by execve or `_exit`.
use std::ffi::{CString, OsStr};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;

/// rcon itself failed (setup, mounts, user).
pub const EXIT_FAILED: i32 = 125;
/// The command exists but cannot be invoked.
pub const EXIT_CANNOT_INVOKE: i32 = 126;
/// The command was not found.
pub const EXIT_NOT_FOUND: i32 = 127;

/// The default `$PATH` when the environment has none (Podman's).
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// A failure in the child before its command runs: the exit code and one line for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    /// A setup failure (exit code 125).
    pub fn setup(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_FAILED,
            message: message.into(),
        }
    }
}

/// Report-pipe marker written just before execve: the setup completed.
const READY: u8 = b'X';
/// Report-pipe marker of a failure: then the code (4 bytes, little endian) and the message.
const ERROR: u8 = b'E';

/// What the supervisor learned from the report pipe once it reached end of file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The child reached execve and the pipe closed with it: the command runs.
    Started,
    /// The child said why it stopped.
    Failed(Failure),
    /// The child died before saying anything (a crash in setup).
    Vanished,
}

/// Parses everything read from the report pipe.
pub fn parse_report(bytes: &[u8]) -> Outcome {
    let rest = bytes.strip_prefix(&[READY]).unwrap_or(bytes);
    match rest {
        [ERROR, a, b, c, d, message @ ..] => Outcome::Failed(Failure {
            code: i32::from_le_bytes([*a, *b, *c, *d]),
            message: String::from_utf8_lossy(message).into_owned(),
        }),
        _ if bytes.first() == Some(&READY) => Outcome::Started,
        _ => Outcome::Vanished,
    }
}

/// Reads the report pipe to its end (the child's execve or exit closes it).
pub fn read_report(pipe: OwnedFd) -> io::Result<Outcome> {
    let mut bytes = Vec::new();
    std::fs::File::from(pipe).read_to_end(&mut bytes)?;
    Ok(parse_report(&bytes))
}

/// Tells the supervisor that execve comes next.
pub fn report_ready(fd: RawFd) {
    write_all_raw(fd, &[READY]);
}

/// Tells the supervisor why the child stops.
pub fn report_failure(fd: RawFd, failure: &Failure) {
    let mut buf = vec![ERROR];
    buf.extend_from_slice(&failure.code.to_le_bytes());
    buf.extend_from_slice(failure.message.as_bytes());
    write_all_raw(fd, &buf);
}

fn write_all_raw(fd: RawFd, bytes: &[u8]) {
    // SAFETY: `fd` stays open for the duration; ManuallyDrop keeps the File from closing it.
    let mut file = std::mem::ManuallyDrop::new(unsafe_file(fd));
    let _ = file.write_all(bytes);
}

#[allow(unsafe_code)]
fn unsafe_file(fd: RawFd) -> std::fs::File {
    // SAFETY: callers wrap the File in ManuallyDrop, so the descriptor is borrowed, not owned.
    unsafe { std::fs::File::from_raw_fd(fd) }
}

/// The command to exec, prepared before the clone: argv, environment and the candidate paths
/// of a `$PATH` search.
#[derive(Debug, Clone)]
pub struct Command {
    argv: Vec<CString>,
    env: Vec<CString>,
    /// The paths to try in order: argv[0] itself when it holds a `/`, else one per `$PATH`
    /// folder.
    candidates: Vec<CString>,
    /// argv[0] as given, for messages.
    shown: String,
    searched: bool,
}

impl Command {
    /// Prepares `args` with `env` (`KEY=value` strings); `$PATH` comes from `env`.
    pub fn new(args: &[String], env: &[String]) -> Result<Command, Failure> {
        let Some(first) = args.first().filter(|a| !a.is_empty()) else {
            return Err(Failure::setup(
                "no command or entrypoint provided, and no CMD or ENTRYPOINT from image",
            ));
        };
        let cstr = |s: &str| {
            CString::new(s).map_err(|_| {
                Failure::setup(format!("{s:?} holds a NUL byte, which exec cannot pass"))
            })
        };
        let argv = args
            .iter()
            .map(|a| cstr(a))
            .collect::<Result<Vec<_>, _>>()?;
        let env = env.iter().map(|e| cstr(e)).collect::<Result<Vec<_>, _>>()?;
        let searched = !first.contains('/');
        let candidates = if searched {
            let path = env_value(env_strs(&env), "PATH").unwrap_or(DEFAULT_PATH);
            path.split(':')
                .map(|dir| {
                    let dir = if dir.is_empty() { "." } else { dir };
                    cstr(&format!("{}/{first}", dir.trim_end_matches('/')))
                })
                .collect::<Result<Vec<_>, _>>()?
        } else {
            vec![cstr(first)?]
        };
        Ok(Command {
            argv,
            env,
            candidates,
            shown: first.clone(),
            searched,
        })
    }

    /// execve of the first candidate that works; returns only when none does, with the failure
    /// to report. A candidate that exists but may not be run is remembered and the search goes
    /// on, as execvp does.
    pub fn exec(&self) -> Failure {
        let mut denied = None;
        for path in &self.candidates {
            let err = execve(path, &self.argv, &self.env);
            match err.raw_os_error() {
                Some(libc::ENOENT) | Some(libc::ENOTDIR) if self.searched => continue,
                Some(libc::EACCES) if self.searched => {
                    denied.get_or_insert_with(|| (path.clone(), err));
                    continue;
                }
                _ => return exec_failure(&self.shown, path, &err, self.searched),
            }
        }
        match denied {
            Some((path, err)) => exec_failure(&self.shown, &path, &err, true),
            None => Failure {
                code: EXIT_NOT_FOUND,
                message: format!(
                    "executable file `{}` not found in $PATH: no such file or directory",
                    self.shown
                ),
            },
        }
    }
}

fn env_strs(env: &[CString]) -> impl Iterator<Item = &str> {
    env.iter().filter_map(|e| e.to_str().ok())
}

/// The value of `key` in `KEY=value` strings (the last one wins, as in a process environment
/// built by appending).
pub fn env_value<'a>(env: impl Iterator<Item = &'a str>, key: &str) -> Option<&'a str> {
    env.filter_map(|e| e.split_once('='))
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v)
        .last()
}

/// The failure of one execve, numbered as Podman numbers it.
fn exec_failure(shown: &str, path: &CString, err: &io::Error, searched: bool) -> Failure {
    let what = describe_errno(err);
    let path = path.to_string_lossy();
    match err.raw_os_error() {
        Some(libc::ENOENT) | Some(libc::ENOTDIR) => Failure {
            code: EXIT_NOT_FOUND,
            message: format!("executable file `{shown}` not found: {what}"),
        },
        Some(libc::EACCES) | Some(libc::ENOEXEC) | Some(libc::EISDIR) | Some(libc::EPERM) => {
            Failure {
                code: EXIT_CANNOT_INVOKE,
                message: if searched {
                    format!("cannot execute `{shown}` ({path}): {what}")
                } else {
                    format!("cannot execute `{shown}`: {what}")
                },
            }
        }
        _ => Failure::setup(format!("cannot execute `{shown}`: {what}")),
    }
}

/// An errno's text in Go's (and so Podman's) lowercase form.
pub fn describe_errno(err: &io::Error) -> String {
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

pub use crate::sys::fd::own;
use crate::sys::process::execve;
pub use crate::sys::process::{clone_fork, clone_fork_into, close_from, exit_now, reset_signals};

/// Moves the three stdio descriptors to 0, 1 and 2 (without close-on-exec); any of them may
/// already sit on a low number, so all three are first copied above 2.
pub fn install_stdio(stdin: RawFd, stdout: RawFd, stderr: RawFd) -> io::Result<()> {
    let high = |fd: RawFd| nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(10));
    let copies = [high(stdin)?, high(stdout)?, high(stderr)?];
    for (target, copy) in copies.into_iter().enumerate() {
        nix::unistd::dup2(copy, target as RawFd)?;
        nix::unistd::close(copy)?;
    }
    Ok(())
}

/// Moves `fd` to a fixed number at or above `min` (close-on-exec), for the report pipe.
pub fn move_above(fd: RawFd, min: RawFd) -> io::Result<RawFd> {
    if fd >= min {
        return Ok(fd);
    }
    let new = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(min))?;
    nix::unistd::close(fd)?;
    Ok(new)
}

/// A close-on-exec pipe: (read end, write end).
pub fn report_pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?)
}

/// The bytes of an OS string as a C string, for the few paths passed to raw calls.
pub fn c_path(path: &OsStr) -> io::Result<CString> {
    CString::new(path.as_bytes()).map_err(|_| io::Error::other("a path holds a NUL byte"))
}

/// The raw number of a descriptor, for `/proc/self/fd/N` paths.
pub fn fd_path(fd: &impl AsRawFd) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_tells_started_failed_and_vanished_apart() {
        assert_eq!(parse_report(b"X"), Outcome::Started);
        assert_eq!(parse_report(b""), Outcome::Vanished);
        let mut bytes = vec![READY, ERROR];
        bytes.extend_from_slice(&127i32.to_le_bytes());
        bytes.extend_from_slice(b"executable file `x` not found");
        assert_eq!(
            parse_report(&bytes),
            Outcome::Failed(Failure {
                code: 127,
                message: "executable file `x` not found".into()
            })
        );
        assert_eq!(
            parse_report(&bytes[1..]),
            Outcome::Failed(Failure {
                code: 127,
                message: "executable file `x` not found".into()
            })
        );
    }

    #[test]
    fn a_bare_name_is_searched_in_the_environment_path() {
        let cmd = Command::new(&["sh".into(), "-c".into()], &["PATH=/a:/b/:".into()]).unwrap();
        let tried: Vec<_> = cmd.candidates.iter().map(|c| c.to_str().unwrap()).collect();
        assert_eq!(tried, ["/a/sh", "/b/sh", "./sh"]);
        let cmd = Command::new(&["ls".into()], &[]).unwrap();
        assert_eq!(cmd.candidates.len(), DEFAULT_PATH.split(':').count());
        let cmd = Command::new(&["./run".into()], &["PATH=/x".into()]).unwrap();
        assert_eq!(cmd.candidates, [CString::new("./run").unwrap()]);
        assert_eq!(Command::new(&[], &[]).unwrap_err().code, EXIT_FAILED);
    }

    #[test]
    fn exec_failures_get_podmans_codes_and_words() {
        let missing = Command::new(
            &["no-such-command-rcon".into()],
            &["PATH=/nonexistent".into()],
        )
        .unwrap()
        .exec();
        assert_eq!(missing.code, EXIT_NOT_FOUND);
        assert_eq!(
            missing.message,
            "executable file `no-such-command-rcon` not found in $PATH: no such file or directory"
        );
        let tmp = tempfile::tempdir().unwrap();
        let plain = tmp.path().join("plain");
        std::fs::write(&plain, b"data").unwrap();
        let path = plain.to_str().unwrap().to_string();
        let denied = Command::new(std::slice::from_ref(&path), &[])
            .unwrap()
            .exec();
        assert_eq!(denied.code, EXIT_CANNOT_INVOKE);
        assert_eq!(
            denied.message,
            format!("cannot execute `{path}`: permission denied")
        );
        let absent = Command::new(&["/no/such/file".into()], &[]).unwrap().exec();
        assert_eq!(absent.code, EXIT_NOT_FOUND);
        assert_eq!(
            absent.message,
            "executable file `/no/such/file` not found: no such file or directory"
        );
    }

    #[test]
    fn env_value_takes_the_last_definition() {
        let env = ["A=1", "PATH=/x", "PATH=/y", "B"];
        assert_eq!(env_value(env.iter().copied(), "PATH"), Some("/y"));
        assert_eq!(env_value(env.iter().copied(), "C"), None);
    }
}
