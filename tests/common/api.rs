//! The Docker API in tests: `rcon system service` as the test user on a socket in its runtime
//! folder, real clients pointed at it (`DOCKER_HOST`), and raw HTTP for what no client sends.
use super::{run_command, Output, TestEnv, TestUser};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The docker CLI the machine ships (client 28) and Debian's docker.io client (20.10).
pub const DOCKER: &str = "/usr/local/bin/docker";
pub const DOCKER_DEBIAN: &str = "/usr/bin/docker";

/// A running `rcon system service --time 0` for the test user; killed when dropped.
pub struct Service {
    child: Child,
    pub socket: PathBuf,
    user: TestUser,
}

impl Service {
    /// Starts the service on `<runtime dir>/rcon/rcon.sock` (the default socket) and waits
    /// until it answers `/_ping`.
    pub fn start(env: &TestEnv) -> Service {
        Service::start_with(env.user(), &["--time", "0"])
    }

    /// The service with `args` after `system service`, for `user`.
    pub fn start_with(user: &TestUser, args: &[&str]) -> Service {
        let socket = user.runtime_dir.join("rcon/rcon.sock");
        let mut all = vec!["system", "service"];
        all.extend_from_slice(args);
        let child = user
            .rcon(&all)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start rcon system service");
        let svc = Service {
            child,
            socket,
            user: user.clone(),
        };
        let start = Instant::now();
        while svc.try_request("GET", "/_ping", &[], b"").is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "rcon system service did not answer /_ping on {}",
                svc.socket.display()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        svc
    }

    /// `DOCKER_HOST` for clients.
    pub fn docker_host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// `program args` as the test user with `DOCKER_HOST` at this service.
    pub fn client(&self, program: &str, args: &[&str]) -> Command {
        let mut cmd = self.user.command(program, args);
        cmd.env("DOCKER_HOST", self.docker_host());
        cmd
    }

    /// The docker CLI (28) with `args`, to completion (killed after `secs`).
    pub fn docker(&self, args: &[&str], secs: u64) -> Output {
        run_command(self.client(DOCKER, args), None, Duration::from_secs(secs))
    }

    /// [`Service::docker`] that must succeed; its stdout.
    pub fn docker_ok(&self, args: &[&str]) -> String {
        let out = self.docker(args, 120);
        assert_eq!(out.code, Some(0), "docker {args:?}: {out}");
        out.stdout
    }

    /// One HTTP/1.1 request on a new connection (`Connection: close`); the status and body.
    pub fn request(&self, method: &str, path: &str, body: &[u8]) -> (u16, String) {
        self.try_request(method, path, &[], body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// Like [`Service::request`] with extra headers; an I/O error when the service is not there.
    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<(u16, String)> {
        let mut s = UnixStream::connect(&self.socket)?;
        s.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes())?;
        s.write_all(body)?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw)?;
        parse_response(&raw)
    }

    /// Whether the service process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits up to `secs` for the service to exit; its exit code.
    pub fn wait_exit(&mut self, secs: u64) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status code and body of a raw HTTP/1.1 response (chunked bodies joined).
pub fn parse_response(raw: &[u8]) -> std::io::Result<(u16, String)> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of the response head"))?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status code"))?;
    let mut body = &raw[end + 4..];
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    if !chunked {
        return Ok((status, String::from_utf8_lossy(body).into_owned()));
    }
    let mut out = Vec::new();
    while let Some(nl) = body.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&body[..nl]).trim(), 16)
            .map_err(|_| bad("bad chunk size"))?;
        if size == 0 || body.len() < nl + 2 + size {
            break;
        }
        out.extend_from_slice(&body[nl + 2..nl + 2 + size]);
        body = &body[(nl + 4 + size).min(body.len())..];
    }
    Ok((status, String::from_utf8_lossy(&out).into_owned()))
}

impl Service {
    /// The service process's pid (`rcon system service` itself: `setpriv` executes it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}
