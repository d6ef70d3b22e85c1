//! Docker credential helpers: `credHelpers` and `credsStore` in a credentials file name a
//! program `docker-credential-<name>` that keeps the secret. `get` reads the server's name on
//! stdin and prints `{"ServerURL", "Username", "Secret"}`; a helper that holds nothing for the
//! server says "credentials not found" and exits non-zero, which means anonymous, not failure.
use super::auth::{Credentials, TOKEN_USERNAME};
use serde::Deserialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a credential helper gave no usable answer. Each names the helper program.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HelperError {
    #[error(
        "credential helper docker-credential-{name} is not installed (named by {file}): install \
         it or remove it from that file"
    )]
    NotFound { name: String, file: PathBuf },
    #[error("credential helper {program} failed for {server}: {detail}")]
    Failed {
        program: PathBuf,
        server: String,
        detail: String,
    },
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "Username", default)]
    username: String,
    #[serde(rename = "Secret", default)]
    secret: String,
}

/// The server name a helper is asked about: Docker keeps Docker Hub's under its old URL.
pub(crate) fn server_name(registry: &str) -> &str {
    match registry {
        "docker.io" | "index.docker.io" | "registry-1.docker.io" => "https://index.docker.io/v1/",
        other => other,
    }
}

/// Finds `docker-credential-<name>` on `$PATH`.
pub(crate) fn find(name: &str) -> Option<PathBuf> {
    let program = format!("docker-credential-{name}");
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(&program))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Asks the helper `name` (named in `file`) for `registry`'s credentials.
pub(crate) fn get(
    name: &str,
    file: &Path,
    registry: &str,
) -> Result<Option<Credentials>, HelperError> {
    let program = find(name).ok_or_else(|| HelperError::NotFound {
        name: name.to_string(),
        file: file.to_path_buf(),
    })?;
    run(&program, server_name(registry))
}

/// Runs `program get` for `server` and reads its answer.
pub(crate) fn run(program: &Path, server: &str) -> Result<Option<Credentials>, HelperError> {
    let failed = |detail: String| HelperError::Failed {
        program: program.to_path_buf(),
        server: server.to_string(),
        detail,
    };
    let mut child = Command::new(program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A helper that exits without reading its input is judged by its exit status below.
        let _ = stdin.write_all(server.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| failed(e.to_string()))?;
    let said = |bytes: &[u8]| String::from_utf8_lossy(bytes).trim().to_string();
    if !out.status.success() {
        let message = [said(&out.stdout), said(&out.stderr)].join(" ");
        if message.to_lowercase().contains("credentials not found") {
            return Ok(None);
        }
        return Err(failed(format!("{}: {}", out.status, message.trim())));
    }
    parse(&out.stdout).map_err(|e| failed(format!("unreadable answer: {e}")))
}

/// A helper's JSON answer; an empty secret means it holds nothing.
fn parse(stdout: &[u8]) -> io::Result<Option<Credentials>> {
    let answer: Answer = serde_json::from_slice(stdout).map_err(io::Error::other)?;
    if answer.secret.is_empty() {
        return Ok(None);
    }
    Ok(Some(if answer.username == TOKEN_USERNAME {
        Credentials {
            username: TOKEN_USERNAME.to_string(),
            password: answer.secret.clone(),
            identity_token: Some(answer.secret),
        }
    } else {
        Credentials::new(answer.username, answer.secret)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn script(dir: &Path, body: &str) -> PathBuf {
        let p = dir.join("docker-credential-test");
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    }

    #[test]
    fn answers_become_credentials() {
        let dir = tempfile::tempdir().unwrap();
        let p = script(
            dir.path(),
            r#"[ "$1" = get ] || exit 3
read server
printf '{"ServerURL":"%s","Username":"me-%s","Secret":"s3"}' "$server" "$server""#,
        );
        assert_eq!(
            run(&p, "quay.io").unwrap(),
            Some(Credentials::new("me-quay.io", "s3"))
        );
    }

    #[test]
    fn identity_tokens_and_empty_answers() {
        let token = parse(br#"{"Username":"<token>","Secret":"rt"}"#)
            .unwrap()
            .unwrap();
        assert_eq!(token.identity_token.as_deref(), Some("rt"));
        assert_eq!(parse(br#"{"Username":"u","Secret":""}"#).unwrap(), None);
        assert!(parse(b"not json").is_err());
    }

    #[test]
    fn not_found_is_anonymous_and_other_failures_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = script(
            dir.path(),
            "echo 'credentials not found in native keychain'; exit 1",
        );
        assert_eq!(run(&p, "quay.io").unwrap(), None);
        let p = script(dir.path(), "echo 'keychain locked' >&2; exit 1");
        let e = run(&p, "quay.io").unwrap_err().to_string();
        assert!(
            e.contains("keychain locked") && e.contains("quay.io"),
            "{e}"
        );
    }

    #[test]
    fn docker_hub_is_asked_under_its_old_url() {
        assert_eq!(server_name("docker.io"), "https://index.docker.io/v1/");
        assert_eq!(server_name("localhost:5000"), "localhost:5000");
    }
}
