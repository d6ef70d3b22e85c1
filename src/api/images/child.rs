//! `rcon` itself as a child process: pulls, pushes, builds, saves and loads run as the CLI
//! commands they are (the handler's process has threads; a build's RUN steps and a pull's
//! unpack helpers want a process of their own), and their output lines become Docker's
//! JSON stream as they come.
//!
//! A client that goes away mid-stream ends the child (SIGTERM, then it is waited for): the
//! library writes the store by temp file and rename, so what the child had not committed is
//! not there, and the next pull or `rcon system prune` clears its temp files.
use super::super::http::{ApiError, Sink};
use crate::build::context::TempDir;
use crate::cli::Context;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{ChildStderr, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;

/// How long a streamed answer stays silent before a keep-alive newline.
const KEEPALIVE: std::time::Duration = std::time::Duration::from_secs(1);

/// A running `rcon` command; ended and waited for when dropped.
pub(super) struct Running {
    pid: nix::unistd::Pid,
    /// The child's success, sent by its keeper thread once it was reaped.
    status: mpsc::Receiver<bool>,
    exited: Option<bool>,
    /// Lines of stdout (`Out`) and stderr (`Err`) in the order they came.
    lines: mpsc::Receiver<Line>,
    /// A private folder (credentials, the working folder) that lives as long as the child.
    _temp: Option<TempDir>,
}

/// One line of the child's output, without its newline.
pub(super) enum Line {
    Out(String),
    Err(String),
}

/// `rcon` with this service's global flags, then `args`.
pub(super) fn command(ctx: &Context, args: &[String]) -> Result<Command, ApiError> {
    let exe = std::env::current_exe()
        .map_err(|e| ApiError::internal(format!("cannot find rcon's own path: {e}")))?;
    let mut cmd = Command::new(exe);
    if let Some(r) = &ctx.global.root {
        cmd.arg("--root").arg(r);
    }
    if let Some(r) = &ctx.global.runroot {
        cmd.arg("--runroot").arg(r);
    }
    if let Some(b) = &ctx.global.events_backend {
        cmd.arg("--events-backend").arg(b);
    }
    cmd.args(args);
    // The child must not take the service's socket-activation variables.
    cmd.env_remove("LISTEN_PID").env_remove("LISTEN_FDS");
    Ok(cmd)
}

/// What the keeper thread hands back once the child started.
type Started = std::io::Result<(
    nix::unistd::Pid,
    Option<ChildStdin>,
    ChildStdout,
    ChildStderr,
)>;

impl Running {
    /// Starts `cmd` with `stdin` (none when `None`); its output lines are read by two threads.
    ///
    /// The child is started and reaped by a keeper thread that lives exactly as long as it,
    /// and it dies with that thread (PR_SET_PDEATHSIG): when the connection's process ends
    /// (the client went away and the process exits without unwinding the stream), the pull
    /// or build it started ends too instead of running on unseen. A handler's thread would
    /// not do: the runtime ends idle blocking threads while the stream still runs.
    pub(super) fn start(
        mut cmd: Command,
        stdin: Option<Box<dyn Read + Send>>,
        temp: Option<TempDir>,
    ) -> Result<Running, ApiError> {
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        crate::sys::pdeathsig::kill_with_parent(&mut cmd);
        let (started_tx, started_rx) = mpsc::channel::<Started>();
        let (status_tx, status_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut child = match cmd.spawn() {
                Ok(c) => c,
                Err(e) => {
                    let _ = started_tx.send(Err(e));
                    return;
                }
            };
            let pid = nix::unistd::Pid::from_raw(child.id() as i32);
            let pipes = (
                pid,
                child.stdin.take(),
                child.stdout.take().expect("piped"),
                child.stderr.take().expect("piped"),
            );
            let _ = started_tx.send(Ok(pipes));
            let ok = child.wait().map(|s| s.success()).unwrap_or(false);
            let _ = status_tx.send(ok);
        });
        let (pid, pipe, out, err) = started_rx
            .recv()
            .map_err(|_| ApiError::internal("cannot start rcon: its keeper thread ended"))?
            .map_err(|e| ApiError::internal(format!("cannot start rcon: {e}")))?;
        if let (Some(mut body), Some(mut pipe)) = (stdin, pipe) {
            // The request body goes to the child as it arrives; a child that stops reading
            // (an error) ends the copy with a broken pipe.
            std::thread::spawn(move || {
                let _ = io::copy(&mut body, &mut pipe);
            });
        }
        let (tx, rx) = mpsc::channel();
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(Line::Out(l)).is_err() {
                    break;
                }
            }
        });
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(Result::ok) {
                if tx2.send(Line::Err(l)).is_err() {
                    break;
                }
            }
        });
        Ok(Running {
            pid,
            status: status_rx,
            exited: None,
            lines: rx,
            _temp: temp,
        })
    }

    /// The next line; `None` once both streams ended.
    pub(super) fn next_line(&mut self) -> Option<Line> {
        self.lines.recv().ok()
    }

    /// The next line for a streamed answer; `None` once both streams ended. While the child
    /// is silent (a RUN step that sleeps, a slow registry) a newline goes to the client each
    /// [`KEEPALIVE`]: JSON streams allow whitespace between values, and a client that went
    /// away fails that write, which ends the child instead of leaving it running unseen.
    pub(super) fn next_streamed(&mut self, sink: &mut Sink) -> io::Result<Option<Line>> {
        loop {
            match self.lines.recv_timeout(KEEPALIVE) {
                Ok(l) => return Ok(Some(l)),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(None),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    sink.write_all(b"\n")?;
                    sink.flush()?;
                }
            }
        }
    }

    /// Waits for the child after its output ended; true when it succeeded.
    pub(super) fn wait(&mut self) -> bool {
        if self.exited.is_none() {
            self.exited = Some(self.status.recv().unwrap_or(false));
        }
        self.exited == Some(true)
    }

    /// Ends the child early (the client went away), and waits for it.
    fn stop(&mut self) {
        if self.exited.is_some() {
            return;
        }
        if let Ok(ok) = self.status.try_recv() {
            self.exited = Some(ok);
            return;
        }
        // Not reaped, or reaped a moment ago (the keeper sends right after): the pid is still
        // the child's, as pids are not reused that fast.
        let _ = nix::sys::signal::kill(self.pid, nix::sys::signal::Signal::SIGTERM);
        self.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The error lines of a failed command as one message (`Error: ` taken off).
pub(super) fn error_text(lines: &[String]) -> String {
    let msgs: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.strip_prefix("Error: ").unwrap_or(l))
        .collect();
    if msgs.is_empty() {
        "the command failed without a message".to_string()
    } else {
        msgs.join(" ")
    }
}

/// The status of an error a command printed: 404 when it names something missing.
pub(super) fn error_status(message: &str) -> ApiError {
    let lower = message.to_ascii_lowercase();
    if [
        "not found",
        "no such",
        "not known",
        "unknown",
        "does not exist",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        ApiError::not_found(message)
    } else {
        ApiError::internal(message)
    }
}

/// Docker's error line in a JSON stream.
pub(super) fn error_line(sink: &mut Sink, message: &str) -> io::Result<()> {
    sink.json_line(&json!({"errorDetail": {"message": message}, "error": message}))
}

/// A `{"status": …}` line (with `id` when given).
pub(super) fn status_line(sink: &mut Sink, status: &str, id: Option<&str>) -> io::Result<()> {
    let mut v = json!({"status": status});
    if let Some(id) = id {
        v["id"] = Value::from(id);
        v["progressDetail"] = json!({});
    }
    sink.json_line(&v)
}

/// A `{"stream": …}` line.
pub(super) fn stream_line(sink: &mut Sink, text: &str) -> io::Result<()> {
    sink.json_line(&json!({ "stream": text }))
}

/// The credentials `X-Registry-Auth` carries (base64url JSON `{username, password,
/// serveraddress}`): user, password and the server's host; `None` when it carries none.
pub(super) fn registry_auth(
    header: Option<&str>,
) -> Result<Option<(String, String, String)>, ApiError> {
    use base64::Engine as _;
    let Some(h) = header.map(str::trim).filter(|h| !h.is_empty()) else {
        return Ok(None);
    };
    let bad = || ApiError::bad_request("X-Registry-Auth: expected base64url-encoded JSON");
    let cleaned: String = h.trim_end_matches('=').replace('+', "-").replace('/', "_");
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cleaned.as_bytes())
        .map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&raw).map_err(|_| bad())?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let (user, pass) = (text("username"), text("password"));
    if user.is_empty() {
        return Ok(None);
    }
    let server = text("serveraddress");
    let server = server
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    let server = if server == "index.docker.io" {
        "docker.io".to_string()
    } else {
        server
    };
    Ok(Some((user, pass, server)))
}

/// Writes the credentials of `X-Registry-Auth` as an auth file for `registries` (and the
/// header's server) in a new private folder; `None` when the header carries none.
pub(super) fn auth_file(
    header: Option<&str>,
    registries: &[String],
) -> Result<Option<(TempDir, std::path::PathBuf)>, ApiError> {
    use base64::Engine as _;
    let Some((user, pass, server)) = registry_auth(header)? else {
        return Ok(None);
    };
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
    let mut hosts: Vec<String> = registries.to_vec();
    if !server.is_empty() {
        hosts.push(server);
    }
    let mut auths = serde_json::Map::new();
    for host in hosts {
        auths.insert(host, json!({ "auth": token }));
    }
    let temp = TempDir::new()
        .map_err(|e| ApiError::internal(format!("cannot make a temp folder: {e}")))?;
    let path = temp.path().join("auth.json");
    let mut f = std::fs::File::create(&path)
        .map_err(|e| ApiError::internal(format!("cannot write {}: {e}", path.display())))?;
    f.write_all(json!({ "auths": auths }).to_string().as_bytes())
        .map_err(|e| ApiError::internal(format!("cannot write {}: {e}", path.display())))?;
    Ok(Some((temp, path)))
}

/// A name as Docker's daemon reads it: without a registry it is Docker Hub's
/// (`x` is `docker.io/library/x`), where `rcon build -t x` would say `localhost/x`. The
/// docker CLI sends `docker tag`'s target that way already; tags from other clients,
/// builds and commits follow.
pub(super) fn docker_normalized(name: &str) -> String {
    if crate::image::reference::is_short_name(name) {
        format!("docker.io/{name}")
    } else {
        name.to_string()
    }
}

/// The name as Docker shows it: `busybox:latest` for `docker.io/library/busybox:latest`.
pub(super) fn docker_name(name: &str) -> String {
    let rest = name.strip_prefix("docker.io/").unwrap_or(name);
    if rest.len() == name.len() {
        return name.to_string();
    }
    rest.strip_prefix("library/").unwrap_or(rest).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_names_drop_the_default_registry_and_library() {
        assert_eq!(
            docker_name("docker.io/library/busybox:latest"),
            "busybox:latest"
        );
        assert_eq!(docker_name("docker.io/me/app:1"), "me/app:1");
        assert_eq!(docker_name("localhost/x:y"), "localhost/x:y");
        assert_eq!(
            docker_name("127.0.0.1:5000/library/b:t"),
            "127.0.0.1:5000/library/b:t"
        );
    }

    #[test]
    fn names_without_a_registry_are_docker_hubs() {
        assert_eq!(docker_normalized("x:1"), "docker.io/x:1");
        assert_eq!(docker_normalized("me/app"), "docker.io/me/app");
        assert_eq!(
            docker_normalized("localhost:5000/a:b"),
            "localhost:5000/a:b"
        );
    }

    #[test]
    fn error_lines_lose_their_prefix() {
        let e = error_text(&["Error: x: image not known".into(), String::new()]);
        assert_eq!(e, "x: image not known");
        assert_eq!(error_status(&e).status, 404);
    }
}
