//! The integration-test harness: every test drives the real `rcon` binary as an unprivileged
//! user against a real registry on loopback that the test fills with images it builds itself.
//!
//! A test reads like this:
//!
//! ```ignore
//! mod common;
//! use common::{image, Registry, TestEnv};
//!
//! #[test]
//! fn pull_by_short_name_resolves_through_the_mirror() {
//!     let env = TestEnv::new();
//!     let reg = Registry::start(&env);
//!     let img = image::ImageSpec::oci().layer(image::busybox_layer(image::Compression::Gzip)).build();
//!     reg.push("library/busybox:latest", &img);
//!     env.write_registries_conf(&reg);
//!     let id = env.run_ok(&["pull", "-q", "busybox"]);
//!     assert_eq!(id.trim(), img.config_digest.trim_start_matches("sha256:"));
//! }
//! ```
//!
//! What the harness guarantees:
//! - When the tests run as root (CI), `rcon` runs as the user `rcontest` (subordinate ids
//!   100000:65536) through `setpriv`, with a clean environment (PATH, HOME, XDG_*, LANG, TERM);
//!   [`TestEnv::rcon_single`] runs it as `rconsingle`, who has no subordinate ids. When the tests
//!   run as an ordinary user, both run as that user, directly.
//! - The binaries are copied once per build into a world-readable `/tmp/rcon-test-bin-<key>/`
//!   (the checkout may sit under root's private home); as root the copy of `rcon-idmap` gets
//!   `cap_setuid,cap_setgid+ep`, as a package would install it.
//! - Each [`TestEnv`] is a fresh folder under /tmp with one home per user; it is removed on drop
//!   unless `RCON_TEST_KEEP=1` is set (its path is printed then).
//!
//! Submodules: [`registry`] (the real registry, TLS and token-auth variants), [`token`] (the
//! bearer-token server), [`image`] (layers, configs, manifests, indexes built in memory),
//! [`push`] (an HTTP client that pushes and reads back), [`fake`] (a static server for bytes a
//! real registry refuses to store), [`store`] (reading rcon's store to check consistency).
#![allow(dead_code)]

pub mod api;
pub mod build;
pub mod fake;
pub mod image;
pub mod layered;
pub mod push;
pub mod registry;
pub mod ship;
pub mod store;
pub mod token;
pub mod world;

pub use registry::Registry;

use std::ffi::OsStr;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The user that runs `rcon` in multi-uid mode when the harness runs as root.
pub const TEST_USER: &str = "rcontest";
/// The user without subordinate ids (single-uid mode) when the harness runs as root.
pub const SINGLE_USER: &str = "rconsingle";
/// How long one `rcon` invocation may take before the harness kills it and fails the test.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(180);

/// True when the harness itself runs as root (CI): then `rcon` runs as the test users.
pub fn harness_is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// The copied binaries, shared by every test of this build.
#[derive(Debug)]
pub struct Bins {
    /// The world-readable copy of `rcon`.
    pub rcon: PathBuf,
    /// The copy of `rcon-idmap` beside it (with file capabilities when installed by root).
    pub idmap: PathBuf,
}

/// Copies `rcon` and `rcon-idmap` once into `/tmp/rcon-test-bin-<key>/`, where `<key>` names the
/// build (size, mtime and inode of both files), so parallel test processes share one copy. The
/// folder is filled under a temporary name and renamed into place: a rename either wins or finds
/// the folder already there, so no process sees a half-copied binary.
pub fn bins() -> &'static Bins {
    static BINS: OnceLock<Bins> = OnceLock::new();
    BINS.get_or_init(|| {
        let rcon = PathBuf::from(env!("CARGO_BIN_EXE_rcon"));
        let idmap = rcon.with_file_name("rcon-idmap");
        let mut key = String::new();
        for p in [&rcon, &idmap] {
            let m = fs::metadata(p)
                .unwrap_or_else(|e| panic!("{}: {e}: build the binaries first", p.display()));
            key.push_str(&format!(
                "{}:{}:{}:{};",
                m.len(),
                m.mtime(),
                m.mtime_nsec(),
                m.ino()
            ));
        }
        let key = &image::sha256_hex(key.as_bytes())[..16];
        let dest = PathBuf::from(format!("/tmp/rcon-test-bin-{key}"));
        let bins = Bins {
            rcon: dest.join("rcon"),
            idmap: dest.join("rcon-idmap"),
        };
        if bins.rcon.exists() && bins.idmap.exists() {
            return bins;
        }
        let tmp = PathBuf::from(format!(
            "/tmp/.rcon-test-bin-{key}.{}-{}",
            std::process::id(),
            nanos()
        ));
        fs::create_dir(&tmp).unwrap_or_else(|e| panic!("create {}: {e}", tmp.display()));
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755)).unwrap();
        for (src, name) in [(&rcon, "rcon"), (&idmap, "rcon-idmap")] {
            let to = tmp.join(name);
            fs::copy(src, &to)
                .unwrap_or_else(|e| panic!("copy {} to {}: {e}", src.display(), to.display()));
            fs::set_permissions(&to, fs::Permissions::from_mode(0o755)).unwrap();
        }
        if harness_is_root() {
            let out = Command::new("setcap")
                .arg("cap_setuid,cap_setgid+ep")
                .arg(tmp.join("rcon-idmap"))
                .output()
                .expect("run setcap: install libcap2-bin (contrib/ci/setup.sh)");
            assert!(
                out.status.success(),
                "setcap on rcon-idmap failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if fs::rename(&tmp, &dest).is_err() {
            // Another test process won the race: its copy is complete, ours goes.
            let _ = fs::remove_dir_all(&tmp);
            assert!(
                bins.rcon.exists(),
                "{} vanished after a lost rename race",
                bins.rcon.display()
            );
        }
        bins
    })
}

/// One account `rcon` runs as, with its home and XDG folders inside the test folder.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    /// `HOME`.
    pub home: PathBuf,
    /// `XDG_DATA_HOME` (`<home>/.local/share`): the store is `<data_home>/rcon/storage`.
    pub data_home: PathBuf,
    /// `XDG_CONFIG_HOME` (`<home>/.config`): `containers/registries.conf`, `certs.d`, `auth.json`.
    pub config_home: PathBuf,
    /// `XDG_RUNTIME_DIR` (`<home>/run`, mode 0700).
    pub runtime_dir: PathBuf,
    /// Run through `setpriv` (the harness is root) rather than directly.
    switch: bool,
}

impl TestUser {
    fn create(name: &str, home: PathBuf) -> TestUser {
        let (name, uid, gid, switch) = if harness_is_root() {
            let (uid, gid) = lookup_user(name);
            (name.to_string(), uid, gid, true)
        } else {
            let uid = nix::unistd::getuid();
            let name = nix::unistd::User::from_uid(uid)
                .ok()
                .flatten()
                .map(|u| u.name)
                .unwrap_or_default();
            (name, uid.as_raw(), nix::unistd::getgid().as_raw(), false)
        };
        let user = TestUser {
            name,
            uid,
            gid,
            data_home: home.join(".local/share"),
            config_home: home.join(".config"),
            runtime_dir: home.join("run"),
            home,
            switch,
        };
        for (dir, mode) in [(&user.home, 0o700), (&user.runtime_dir, 0o700)] {
            fs::create_dir_all(dir).unwrap();
            fs::set_permissions(dir, fs::Permissions::from_mode(mode)).unwrap();
        }
        user.mkdirs(&user.data_home);
        user.mkdirs(&user.config_home);
        user.chown(&user.home);
        user.chown(&user.runtime_dir);
        user
    }

    /// The store: `$XDG_DATA_HOME/rcon/storage`.
    pub fn storage(&self) -> PathBuf {
        self.data_home.join("rcon/storage")
    }

    /// The first subordinate uid of this user (from /etc/subuid), if any.
    pub fn subuid_base(&self) -> Option<u32> {
        subid_base("/etc/subuid", &self.name, self.uid)
    }

    /// The first subordinate gid of this user (from /etc/subgid), if any.
    pub fn subgid_base(&self) -> Option<u32> {
        subid_base("/etc/subgid", &self.name, self.uid)
    }

    /// The host uid a file owned by `uid` inside an image gets in multi-uid mode: 0 is the user,
    /// `n` in 1..=65536 is `subuid_base + n - 1`.
    pub fn host_uid(&self, uid: u32) -> u32 {
        if uid == 0 {
            return self.uid;
        }
        self.subuid_base()
            .expect("the test user has no /etc/subuid range")
            + uid
            - 1
    }

    /// Like [`TestUser::host_uid`] for groups.
    pub fn host_gid(&self, gid: u32) -> u32 {
        if gid == 0 {
            return self.gid;
        }
        self.subgid_base()
            .expect("the test user has no /etc/subgid range")
            + gid
            - 1
    }

    /// The environment `rcon` gets: nothing of the harness's own leaks in.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env = vec![
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
            ("HOME".into(), self.home.display().to_string()),
            ("USER".into(), self.name.clone()),
            ("LOGNAME".into(), self.name.clone()),
            ("XDG_DATA_HOME".into(), self.data_home.display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                self.config_home.display().to_string(),
            ),
            (
                "XDG_RUNTIME_DIR".into(),
                self.runtime_dir.display().to_string(),
            ),
            ("LANG".into(), "C.UTF-8".into()),
            ("TERM".into(), "dumb".into()),
        ];
        for pass in ["RUST_BACKTRACE", "RUST_LOG", "RCON_LOG"] {
            if let Ok(v) = std::env::var(pass) {
                env.push((pass.into(), v));
            }
        }
        env
    }

    /// A command running the copied `rcon` as this user, in its home, with stdin closed.
    pub fn rcon<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.command(&bins().rcon, args)
    }

    /// A command running `program` as this user exactly as [`TestUser::rcon`] runs rcon
    /// (`setpriv` when the harness is root, clean environment, home as working folder).
    pub fn command<S: AsRef<OsStr>>(&self, program: impl AsRef<OsStr>, args: &[S]) -> Command {
        let mut cmd = if self.switch {
            let mut c = Command::new("/usr/bin/setpriv");
            c.arg(format!("--reuid={}", self.uid))
                .arg(format!("--regid={}", self.gid))
                .arg("--init-groups")
                .arg("--")
                .arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.args(args)
            .env_clear()
            .envs(self.env())
            .current_dir(&self.home)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `rcon args` to completion (killed after [`DEFAULT_TIMEOUT`]).
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        run_command(self.rcon(args), None, DEFAULT_TIMEOUT)
    }

    /// Runs `rcon args` with `input` on stdin.
    pub fn run_stdin<S: AsRef<OsStr>>(&self, args: &[S], input: &[u8]) -> Output {
        run_command(self.rcon(args), Some(input), DEFAULT_TIMEOUT)
    }

    /// Runs `rcon args`, fails the test (showing stdout and stderr) unless it exits 0; returns stdout.
    pub fn run_ok<S: AsRef<OsStr>>(&self, args: &[S]) -> String {
        self.run(args).ok()
    }

    /// Runs `rcon args`, fails the test if it exits 0; returns the exit code and stderr.
    pub fn run_fail<S: AsRef<OsStr>>(&self, args: &[S]) -> (i32, String) {
        let out = self.run(args);
        assert!(out.code != Some(0), "expected failure, got success:\n{out}");
        (out.code.unwrap_or(-1), out.stderr)
    }

    /// Creates `dir` and its missing parents, each owned by this user.
    pub fn mkdirs(&self, dir: &Path) {
        let mut missing = Vec::new();
        let mut p = dir;
        while !p.exists() {
            missing.push(p.to_path_buf());
            p = p.parent().expect("a path below /");
        }
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        for m in missing {
            self.chown(&m);
        }
    }

    /// Writes `data` to `path` (absolute, or relative to the home), owned by this user, mode 0644.
    pub fn write_file(&self, path: impl AsRef<Path>, data: impl AsRef<[u8]>) -> PathBuf {
        let path = self.home.join(path);
        self.mkdirs(path.parent().unwrap());
        fs::write(&path, data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        self.chown(&path);
        path
    }

    fn chown(&self, path: &Path) {
        if self.switch {
            std::os::unix::fs::lchown(path, Some(self.uid), Some(self.gid))
                .unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
        }
    }
}

/// Fails a `vm_*` test run anywhere but in the VM suite (contrib/vmtest/run.sh sets
/// RCON_VM_TESTS=1), saying what it `needs`.
pub fn vm_only(needs: &str) {
    assert_eq!(
        std::env::var("RCON_VM_TESTS").as_deref(),
        Ok("1"),
        "this test needs {needs}: run it through contrib/vmtest/run.sh (contrib/ci/test.sh \
         leaves it out on the host)"
    );
}

/// One test's world: a fresh folder under /tmp with a home for [`TEST_USER`] (`<dir>/u`) and one
/// for [`SINGLE_USER`] (`<dir>/s`); registries keep their files in `<dir>/registry-<n>`.
pub struct TestEnv {
    dir: PathBuf,
    user: TestUser,
    single: TestUser,
    next_id: std::sync::atomic::AtomicU32,
}

impl TestEnv {
    /// A fresh test folder with both users' homes and XDG folders.
    pub fn new() -> TestEnv {
        let _ = bins();
        let dir = tempfile::Builder::new()
            .prefix("rcon-test-")
            .tempdir_in("/tmp")
            .expect("create a test folder in /tmp");
        let dir = dir.keep();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let user = TestUser::create(TEST_USER, dir.join("u"));
        let single = TestUser::create(SINGLE_USER, dir.join("s"));
        TestEnv {
            dir,
            user,
            single,
            next_id: 0.into(),
        }
    }

    /// The test folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The multi-uid user (`rcontest`).
    pub fn user(&self) -> &TestUser {
        &self.user
    }

    /// The single-uid user (`rconsingle`).
    pub fn single(&self) -> &TestUser {
        &self.single
    }

    /// A fresh folder inside the test folder, owned by the harness (for registries, certs).
    pub fn scratch(&self, prefix: &str) -> PathBuf {
        let n = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let p = self.dir.join(format!("{prefix}-{n}"));
        fs::create_dir_all(&p).unwrap();
        p
    }

    /// `rcon args` as [`TEST_USER`]; see [`TestUser::rcon`].
    pub fn rcon<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.user.rcon(args)
    }

    /// `rcon args` as [`SINGLE_USER`] (no subordinate ids).
    pub fn rcon_single<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.single.rcon(args)
    }

    /// See [`TestUser::run`].
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        self.user.run(args)
    }

    /// See [`TestUser::run_stdin`].
    pub fn run_stdin<S: AsRef<OsStr>>(&self, args: &[S], input: &[u8]) -> Output {
        self.user.run_stdin(args, input)
    }

    /// See [`TestUser::run_ok`].
    pub fn run_ok<S: AsRef<OsStr>>(&self, args: &[S]) -> String {
        self.user.run_ok(args)
    }

    /// See [`TestUser::run_fail`].
    pub fn run_fail<S: AsRef<OsStr>>(&self, args: &[S]) -> (i32, String) {
        self.user.run_fail(args)
    }

    /// The store of [`TEST_USER`].
    pub fn storage(&self) -> PathBuf {
        self.user.storage()
    }

    /// Writes the test user's `registries.conf` so that `docker.io` (and short names) resolve
    /// to `reg` as a mirror, and `reg`'s own address is reachable (insecure when it is plain HTTP).
    pub fn write_registries_conf(&self, reg: &Registry) {
        self.user.write_file(
            self.user.config_home.join("containers/registries.conf"),
            registries_conf(reg, None),
        );
        self.single.write_file(
            self.single.config_home.join("containers/registries.conf"),
            registries_conf(reg, None),
        );
    }

    /// Like [`TestEnv::write_registries_conf`], plus `[[registry]] prefix = "<prefix>"` located at `reg`.
    pub fn write_registries_conf_with_prefix(&self, reg: &Registry, prefix: &str) {
        let text = registries_conf(reg, Some(prefix));
        self.user.write_file(
            self.user.config_home.join("containers/registries.conf"),
            &text,
        );
        self.single.write_file(
            self.single.config_home.join("containers/registries.conf"),
            &text,
        );
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        TestEnv::new()
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if std::env::var_os("RCON_TEST_KEEP").is_some_and(|v| v == "1") {
            eprintln!("RCON_TEST_KEEP=1: kept {}", self.dir.display());
            return;
        }
        // A failed test leaves its containers running: reset stops them (and removes files
        // owned by subordinate ids, which only the user namespace may).
        let _ = run_command(
            self.user.rcon(&["system", "reset", "-f"]),
            None,
            Duration::from_secs(60),
        );
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The text of a registries.conf pointing `docker.io` (and optionally `prefix`) at `reg`.
pub fn registries_conf(reg: &Registry, prefix: Option<&str>) -> String {
    let insecure = !reg.is_tls();
    let host = reg.host();
    let mut s = format!(
        "unqualified-search-registries = [\"docker.io\"]\n\n\
         [[registry]]\nprefix = \"docker.io\"\nlocation = \"docker.io\"\n\n\
         [[registry.mirror]]\nlocation = \"{host}\"\ninsecure = {insecure}\n\n\
         [[registry]]\nlocation = \"{host}\"\ninsecure = {insecure}\n"
    );
    if let Some(prefix) = prefix {
        s.push_str(&format!(
            "\n[[registry]]\nprefix = \"{prefix}\"\nlocation = \"{host}\"\ninsecure = {insecure}\n"
        ));
    }
    s
}

/// What one `rcon` invocation did.
#[derive(Debug)]
pub struct Output {
    /// What ran, for messages.
    pub command: String,
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Fails the test (showing everything) unless the command exited 0; returns stdout.
    pub fn ok(self) -> String {
        assert_eq!(self.code, Some(0), "command failed:\n{self}");
        self.stdout
    }

    /// Fails the test unless the command exited with rcon's own failure code (125) and printed
    /// exactly one `Error: ` line, last, without a panic; returns that line.
    pub fn error_125(&self) -> String {
        assert_eq!(self.code, Some(125), "expected exit 125:\n{self}");
        assert_one_error_line(&self.stderr).to_string()
    }
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "$ {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

/// Asserts that `stderr` holds exactly one line starting with `Error: `, that it is the last
/// non-empty line, and that nothing panicked; returns the line.
pub fn assert_one_error_line(stderr: &str) -> &str {
    assert!(!stderr.contains("panicked at"), "rcon panicked:\n{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("Error: "))
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one `Error: ` line in stderr:\n{stderr}"
    );
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    assert_eq!(
        last, errors[0],
        "the `Error: ` line must be the last line of stderr:\n{stderr}"
    );
    errors[0]
}

/// Runs `cmd` with optional stdin bytes, collecting output; kills it after `timeout`.
pub fn run_command(mut cmd: Command, input: Option<&[u8]>, timeout: Duration) -> Output {
    let command = format!("{cmd:?}");
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {command}: {e}"));
    if let Some(input) = input {
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command} did not finish within {timeout:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = String::from_utf8_lossy(&out_t.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap()).into_owned();
    Output {
        command,
        code: status.code(),
        stdout,
        stderr,
    }
}

fn lookup_user(name: &str) -> (u32, u32) {
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    for line in passwd.lines() {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() >= 4 && f[0] == name {
            return (f[2].parse().unwrap(), f[3].parse().unwrap());
        }
    }
    panic!("user {name} does not exist: run contrib/ci/setup.sh as root");
}

fn subid_base(file: &str, name: &str, uid: u32) -> Option<u32> {
    let text = fs::read_to_string(file).ok()?;
    text.lines().find_map(|line| {
        let f: Vec<&str> = line.trim().split(':').collect();
        if f.len() == 3 && (f[0] == name || f[0] == uid.to_string()) {
            f[1].parse().ok()
        } else {
            None
        }
    })
}

/// Nanoseconds since the epoch, for unique names.
pub fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}
