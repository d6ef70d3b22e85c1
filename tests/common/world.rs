//! Shared set-ups for the container tests: a test world with busybox pulled, polling, a
//! container's `inspect` record, and a terminal session driven through `script`.
use super::image::{self, Compression, ImageSpec};
use super::{Registry, TestEnv};
use serde_json::Value;
use std::fs;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A test world with `busybox` (Cmd `sh`) pushed to a loopback registry that registries.conf
/// names for docker.io, and pulled into the test user's store.
pub fn busybox_world() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "busybox"]);
    (env, reg)
}

/// Polls `f` until it holds; fails the test naming `what` after `secs` seconds.
pub fn eventually(secs: u64, what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out after {secs} s waiting for {what}");
}

/// GET / on 127.0.0.1:`port` until the answer holds `want` (a server in a container may take a
/// moment to listen); the whole answer. Fails the test after `secs` seconds.
pub fn http_get_until(port: u16, want: &str, secs: u64) -> String {
    let mut body = String::new();
    eventually(secs, "the server to answer", || {
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
            return false;
        };
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        body.clear();
        s.write_all(b"GET / HTTP/1.0\r\n\r\n").is_ok()
            && s.read_to_string(&mut body).is_ok()
            && body.contains(want)
    });
    body
}

/// `rcon inspect <name>`'s record of one container.
pub fn inspect(env: &TestEnv, name: &str) -> Value {
    let out = env.run_ok(&["inspect", name]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v[0].clone()
}

/// An interactive `rcon` command on a terminal of its own, as a user at a shell runs it.
pub struct PtySession {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<Vec<u8>>>,
    tty_file: PathBuf,
}

impl PtySession {
    /// Runs `rcon <args>` inside `script` as the test user. The rcon command first writes the
    /// name of its terminal to a file, so the test can resize it.
    pub fn start(env: &TestEnv, args: &str) -> PtySession {
        let tty_file = env.user().home.join(format!("tty-{}", super::nanos()));
        let shell = format!(
            "tty > {}; stty rows 24 cols 80; exec {} {args}",
            tty_file.display(),
            super::bins().rcon.display()
        );
        let mut cmd = env.user().command("script", &["-qec", &shell, "/dev/null"]);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let out = Arc::new(Mutex::new(Vec::new()));
        for mut pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let out = out.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    out.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            });
        }
        let stdin = child.stdin.take();
        PtySession {
            child,
            stdin,
            out,
            tty_file,
        }
    }

    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }

    pub fn send(&mut self, data: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(data).unwrap();
        stdin.flush().unwrap();
    }

    pub fn expect(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if self.output().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{needle:?} never showed; the session said:\n{}",
            self.output()
        );
    }

    /// Sets the size of rcon's terminal (the kernel sends rcon SIGWINCH).
    pub fn resize(&self, rows: u16, cols: u16) {
        eventually(10, "the session's tty name", || {
            fs::read_to_string(&self.tty_file).is_ok_and(|t| t.starts_with("/dev/pts/"))
        });
        let tty = fs::read_to_string(&self.tty_file).unwrap();
        let f = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(tty.trim())
            .unwrap();
        let ws = nix::pty::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        nix::ioctl_write_ptr_bad!(set_winsize, libc::TIOCSWINSZ, nix::pty::Winsize);
        #[allow(unsafe_code)]
        // SAFETY: TIOCSWINSZ reads one winsize struct, which `ws` is.
        unsafe { set_winsize(f.as_raw_fd(), &ws) }.unwrap();
    }

    /// Waits for the session to end; its exit code (script -e passes rcon's on).
    pub fn finish(mut self) -> (Option<i32>, String) {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                self.stdin = None;
                return (st.code(), self.output());
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = self.child.kill();
                panic!("the session did not end:\n{}", self.output());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Processes named `comm` whose environment has `HOME=home` (the test user's, which every
/// process rcon starts inherits).
pub fn user_processes(comm: &str, home: &std::path::Path) -> Vec<i32> {
    let mark = format!("HOME={}", home.display());
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if !name.trim().starts_with(comm) {
            continue;
        }
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|v| v == mark.as_bytes()) {
            out.push(pid);
        }
    }
    out
}
