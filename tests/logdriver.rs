//! The log drivers besides k8s-file: `passthrough` (the container writes to the descriptors
//! `rcon run` was given, and nothing is logged), `journald` (each line an entry of the systemd
//! journal with Podman's fields, read back by `rcon logs` through journalctl), `json-file` as
//! Podman's alias of k8s-file, and the errors for values that cannot work.
//!
//! The tests named `vm_*` need a real systemd journal: they run in the Debian VM that
//! contrib/vmtest/run.sh boots (it sets RCON_VM_TESTS=1) and fail anywhere else, saying so.
mod common;

use common::world::{busybox_world, inspect};
use common::TestEnv;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

const JOURNAL_SOCKET: &str = "/run/systemd/journal/socket";

/// Runs `cmd` to its end with stdout and stderr into fresh files; returns the status and the
/// two files' paths (read them when whatever else writes to them is done).
fn run_into_files(env: &TestEnv, mut cmd: Command) -> (ExitStatus, PathBuf, PathBuf) {
    let dir = env.scratch("out");
    let (out, err) = (dir.join("stdout"), dir.join("stderr"));
    cmd.stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap());
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("{cmd:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status, out, err)
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

#[test]
fn passthrough_output_goes_to_the_descriptors_rcon_run_was_given() {
    let (env, _reg) = busybox_world();
    // The container writes only once the test creates /gate/go, after `run -d` has exited:
    // its output can reach the files only through descriptors the supervisor took from
    // `run -d`.
    let gate = env.user().home.join("gate");
    env.user().mkdirs(&gate);
    let cmd = env.rcon(&[
        "run",
        "-d",
        "--log-driver",
        "passthrough",
        "--name",
        "pt",
        "-v",
        &format!("{}:/gate", gate.display()),
        "busybox",
        "sh",
        "-c",
        "while [ ! -e /gate/go ]; do sleep 0.05; done; echo to-stdout; echo to-stderr >&2",
    ]);
    let (status, out, err) = run_into_files(&env, cmd);
    assert!(status.success(), "run -d failed: {}", read(&err));
    // `run -d` is gone and printed nothing: as Podman, no ID on a passthrough container's
    // stdout.
    assert_eq!(read(&out), "");
    env.user().write_file(gate.join("go"), "");
    env.run_ok(&["wait", "pt"]);
    assert_eq!(read(&out), "to-stdout\n");
    assert_eq!(read(&err), "to-stderr\n");
    assert_eq!(
        inspect(&env, "pt")["HostConfig"]["LogConfig"]["Type"],
        "passthrough"
    );
    // Nothing was logged, and `logs` says why.
    let id = inspect(&env, "pt")["Id"].as_str().unwrap().to_string();
    let ctr_dir = env.user().data_home.join("rcon/containers").join(&id);
    assert!(!ctr_dir.join("ctr.log").exists());
    let line = env.run(&["logs", "pt"]).error_125();
    assert!(line.contains("passthrough"), "{line}");
    env.run_ok(&["rm", "pt"]);
}

#[test]
fn passthrough_in_the_foreground_keeps_the_exit_code() {
    let (env, _reg) = busybox_world();
    let cmd = env.rcon(&[
        "run",
        "--rm",
        "--log-driver",
        "passthrough",
        "busybox",
        "sh",
        "-c",
        "echo out; echo err >&2; exit 3",
    ]);
    let (status, out, err) = run_into_files(&env, cmd);
    assert_eq!(status.code(), Some(3), "{}", read(&err));
    assert_eq!(read(&out), "out\n");
    assert_eq!(read(&err), "err\n");
}

#[test]
fn bad_log_drivers_fail_before_anything_is_created() {
    let (env, _reg) = busybox_world();
    let line = env
        .run(&["run", "--log-driver", "bogus", "busybox", "true"])
        .error_125();
    assert!(line.contains("--log-driver") && line.contains("bogus"), "{line}");
    let line = env
        .run(&["create", "--log-driver", "passthrough", "-t", "busybox", "sh"])
        .error_125();
    assert!(line.contains("passthrough") && line.contains("--tty"), "{line}");
    let line = env
        .run(&["run", "--log-opt", "color=red", "busybox", "true"])
        .error_125();
    assert!(line.contains("--log-opt"), "{line}");
    if !Path::new(JOURNAL_SOCKET).exists() {
        // No journald on this host: journald is refused, naming the socket.
        let line = env
            .run(&["run", "--log-driver", "journald", "busybox", "true"])
            .error_125();
        assert!(line.contains(JOURNAL_SOCKET), "{line}");
    }
    assert_eq!(env.run_ok(&["ps", "-aq"]), "", "no container was left");
}

#[test]
fn json_file_is_k8s_file() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "--name",
        "js",
        "--log-driver",
        "json-file",
        "busybox",
        "echo",
        "logged",
    ]);
    assert_eq!(
        inspect(&env, "js")["HostConfig"]["LogConfig"]["Type"],
        "k8s-file"
    );
    assert_eq!(env.run_ok(&["logs", "js"]), "logged\n");
    env.run_ok(&["rm", "js"]);
}
