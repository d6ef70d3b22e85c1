//! The command to exec, prepared before the clone or fork: argv, environment and the candidate
//! paths of a `$PATH` search; its execve failures named (and numbered, through
//! [`super::failure::exit_code`]) as Podman names them.
use super::failure::{describe_errno, Failure, Stage};
use super::Sys;
use std::ffi::CString;
use std::io;

/// The default `$PATH` when the environment has none (Podman's).
pub(crate) const DEFAULT_PATH: &str =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The command: argv, environment and where to look for it.
#[derive(Debug, Clone)]
pub(crate) struct Command {
    pub(super) argv: Vec<CString>,
    pub(super) env: Vec<CString>,
    /// The paths to try in order: argv[0] itself when it holds a `/`, else one per `$PATH`
    /// folder.
    pub(super) candidates: Vec<CString>,
    /// argv[0] as given, for messages.
    shown: String,
    searched: bool,
}

impl Command {
    /// Prepares `args` with `env` (`KEY=value` strings); `$PATH` comes from `env`.
    pub(crate) fn new(args: &[String], env: &[String]) -> Result<Command, Failure> {
        let Some(first) = args.first().filter(|a| !a.is_empty()) else {
            return Err(Failure::new(
                Stage::Prepare,
                "no command or entrypoint provided, and no CMD or ENTRYPOINT from image",
            ));
        };
        let cstr = |s: &str| {
            CString::new(s).map_err(|_| {
                Failure::new(
                    Stage::Prepare,
                    format!("{s:?} holds a NUL byte, which exec cannot pass"),
                )
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
    pub(crate) fn exec(&self, sys: &mut impl Sys) -> Failure {
        let mut denied = None;
        for path in &self.candidates {
            let err = sys.execve(path, &self.argv, &self.env);
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
                stage: Stage::Exec,
                errno: Some(libc::ENOENT),
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
pub(crate) fn env_value<'a>(env: impl Iterator<Item = &'a str>, key: &str) -> Option<&'a str> {
    env.filter_map(|e| e.split_once('='))
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v)
        .last()
}

/// The failure of one execve, in Podman's words.
fn exec_failure(shown: &str, path: &CString, err: &io::Error, searched: bool) -> Failure {
    let what = describe_errno(err);
    let path = path.to_string_lossy();
    let message = match err.raw_os_error() {
        Some(libc::ENOENT) | Some(libc::ENOTDIR) => {
            format!("executable file `{shown}` not found: {what}")
        }
        Some(libc::EACCES) | Some(libc::ENOEXEC) | Some(libc::EISDIR) | Some(libc::EPERM)
            if searched =>
        {
            format!("cannot execute `{shown}` ({path}): {what}")
        }
        _ => format!("cannot execute `{shown}`: {what}"),
    };
    Failure {
        stage: Stage::Exec,
        errno: err.raw_os_error(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::super::failure::{exit_code, EXIT_CANNOT_INVOKE, EXIT_FAILED, EXIT_NOT_FOUND};
    use super::super::Kernel;
    use super::*;

    #[test]
    fn a_bare_name_is_searched_in_the_environment_path() {
        let cmd = Command::new(&["sh".into(), "-c".into()], &["PATH=/a:/b/:".into()]).unwrap();
        let tried: Vec<_> = cmd.candidates.iter().map(|c| c.to_str().unwrap()).collect();
        assert_eq!(tried, ["/a/sh", "/b/sh", "./sh"]);
        let cmd = Command::new(&["ls".into()], &[]).unwrap();
        assert_eq!(cmd.candidates.len(), DEFAULT_PATH.split(':').count());
        let cmd = Command::new(&["./run".into()], &["PATH=/x".into()]).unwrap();
        assert_eq!(cmd.candidates, [CString::new("./run").unwrap()]);
        assert_eq!(exit_code(&Command::new(&[], &[]).unwrap_err()), EXIT_FAILED);
    }

    #[test]
    fn exec_failures_get_podmans_codes_and_words() {
        let missing = Command::new(
            &["no-such-command-rcon".into()],
            &["PATH=/nonexistent".into()],
        )
        .unwrap()
        .exec(&mut Kernel);
        assert_eq!(exit_code(&missing), EXIT_NOT_FOUND);
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
            .exec(&mut Kernel);
        assert_eq!(exit_code(&denied), EXIT_CANNOT_INVOKE);
        assert_eq!(
            denied.message,
            format!("cannot execute `{path}`: permission denied")
        );
        let searched = Command::new(
            &["plain".into()],
            &[format!("PATH={}", tmp.path().display())],
        )
        .unwrap()
        .exec(&mut Kernel);
        assert_eq!(exit_code(&searched), EXIT_CANNOT_INVOKE);
        assert!(searched.message.contains("permission denied"), "{searched}");
        let absent = Command::new(&["/no/such/file".into()], &[])
            .unwrap()
            .exec(&mut Kernel);
        assert_eq!(exit_code(&absent), EXIT_NOT_FOUND);
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
