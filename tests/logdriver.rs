//! The log drivers besides k8s-file: `passthrough` (the container writes to the descriptors
//! `rcon run` was given, and nothing is logged), `journald` (each line an entry of the systemd
//! journal with Podman's fields, read back by `rcon logs` through journalctl), `json-file` as
//! Podman's alias of k8s-file, and the errors for values that cannot work.
//!
//! The tests named `vm_*` need a real systemd journal: they run in the Debian VM that
//! contrib/vmtest/run.sh boots (it sets RCON_VM_TESTS=1) and fail anywhere else, saying so.
mod common;

use common::world::{busybox_world, inspect, PtySession};
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
fn passthrough_with_interactive_gives_the_container_rcons_stdin() {
    let (env, _reg) = busybox_world();
    let input = env.user().write_file("input.txt", "line one\nline two\n");
    let mut cmd = env.rcon(&[
        "run",
        "--rm",
        "-i",
        "--log-driver",
        "passthrough",
        "busybox",
        "sh",
        "-c",
        "cat; echo end",
    ]);
    cmd.stdin(File::open(&input).unwrap());
    let (status, out, err) = run_into_files(&env, cmd);
    assert!(status.success(), "{}", read(&err));
    // All of it, once: rcon itself did not read (and forward) any of it.
    assert_eq!(read(&out), "line one\nline two\nend\n");
}

#[test]
fn passthrough_descriptors_serve_every_restart() {
    let (env, _reg) = busybox_world();
    let cmd = env.rcon(&[
        "run",
        "-d",
        "--log-driver",
        "passthrough",
        "--restart",
        "on-failure:2",
        "--name",
        "ptr",
        "busybox",
        "sh",
        "-c",
        "echo run; exit 1",
    ]);
    let (status, out, err) = run_into_files(&env, cmd);
    assert!(status.success(), "{}", read(&err));
    common::world::eventually(60, "three runs", || {
        inspect(&env, "ptr")["State"]["Status"] == "exited" && read(&out) == "run\nrun\nrun\n"
    });
    env.run_ok(&["rm", "ptr"]);
}

#[test]
fn passthrough_refuses_a_terminal_before_creating_anything() {
    let (env, _reg) = busybox_world();
    // In `script`, rcon's stdout and stderr are a terminal the container must not get.
    let s = PtySession::start(
        &env,
        "run -d --log-driver passthrough --name ptty busybox true",
    );
    s.expect("is a terminal");
    assert!(
        s.output().contains("--log-driver passthrough"),
        "{}",
        s.output()
    );
    assert_eq!(env.run_ok(&["ps", "-aq"]), "", "no container was created");
}

#[test]
fn bad_log_drivers_fail_before_anything_is_created() {
    let (env, _reg) = busybox_world();
    let line = env
        .run(&["run", "--log-driver", "bogus", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("--log-driver") && line.contains("bogus"),
        "{line}"
    );
    let line = env
        .run(&[
            "create",
            "--log-driver",
            "passthrough",
            "-t",
            "busybox",
            "sh",
        ])
        .error_125();
    assert!(
        line.contains("passthrough") && line.contains("--tty"),
        "{line}"
    );
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

/// The VM tests refuse to run outside the VM instead of passing vacuously.
fn vm_only() {
    common::vm_only("a real systemd journal");
    assert!(
        Path::new(JOURNAL_SOCKET).exists(),
        "RCON_VM_TESTS=1 but {JOURNAL_SOCKET} is missing"
    );
}

/// The journal's entries whose `field` is `value`, as journalctl's JSON objects (read by the
/// harness, which may read every journal).
fn journal_entries(field: &str, value: &str) -> Vec<serde_json::Value> {
    let out = Command::new("journalctl")
        .args(["-o", "json", "--all", "--no-pager", "-q"])
        .arg(format!("{field}={value}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn vm_journald_lines_reach_the_journal_with_podmans_fields() {
    vm_only();
    let (env, _reg) = busybox_world();
    // Attached as ever: the output comes to `run` too.
    let attached = env.run_ok(&[
        "run",
        "--name",
        "jweb",
        "--log-driver",
        "journald",
        "busybox",
        "sh",
        "-c",
        "echo out-one; echo err-one >&2; echo out-two; printf unfinished",
    ]);
    assert_eq!(attached, "out-one\nout-two\nunfinished");
    let id = inspect(&env, "jweb")["Id"].as_str().unwrap().to_string();
    let entries = journal_entries("CONTAINER_NAME", "jweb");
    let find = |msg: &str| {
        entries
            .iter()
            .find(|e| e["MESSAGE"] == msg)
            .unwrap_or_else(|| panic!("no entry {msg:?} in {entries:#?}"))
    };
    let out = find("out-one");
    assert_eq!(out["PRIORITY"], "6");
    assert_eq!(out["CONTAINER_ID_FULL"], id.as_str());
    assert_eq!(out["CONTAINER_ID"], &id[..12]);
    assert_eq!(out["SYSLOG_IDENTIFIER"], "jweb");
    assert!(out.get("CONTAINER_PARTIAL_MESSAGE").is_none());
    assert_eq!(find("err-one")["PRIORITY"], "3");
    assert_eq!(find("unfinished")["CONTAINER_PARTIAL_MESSAGE"], "true");
    assert_eq!(entries.len(), 4, "one entry per line: {entries:#?}");
    assert!(!env
        .user()
        .data_home
        .join("rcon/containers")
        .join(&id)
        .join("ctr.log")
        .exists());

    // `rcon logs` reads them back, each stream to its own descriptor.
    let all = env.run(&["logs", "jweb"]);
    assert_eq!(all.code, Some(0), "{all}");
    assert_eq!(all.stdout, "out-one\nout-two\nunfinished");
    assert_eq!(all.stderr, "err-one\n");
    let none = env.run(&["logs", "--since", "2099-01-01T00:00:00Z", "jweb"]);
    assert_eq!(
        (none.stdout.as_str(), none.stderr.as_str()),
        ("", ""),
        "{none}"
    );
    let recent = env.run_ok(&["logs", "--since", "1h", "jweb"]);
    assert_eq!(recent, "out-one\nout-two\nunfinished");

    // --log-opt tag= names CONTAINER_TAG and SYSLOG_IDENTIFIER. One stream only from here, so
    // the order of the lines is the order they were written.
    env.run_ok(&[
        "run",
        "--name",
        "jtag",
        "--log-driver",
        "journald",
        "--log-opt",
        "tag=tagged",
        "busybox",
        "sh",
        "-c",
        "echo t1; echo t2; echo t3",
    ]);
    let tagged = journal_entries("CONTAINER_NAME", "jtag");
    assert_eq!(tagged.len(), 3, "{tagged:#?}");
    assert_eq!(tagged[0]["CONTAINER_TAG"], "tagged");
    assert_eq!(tagged[0]["SYSLOG_IDENTIFIER"], "tagged");
    assert_eq!(env.run_ok(&["logs", "--tail", "2", "jtag"]), "t2\nt3\n");
    let stamped = env.run_ok(&["logs", "-t", "--tail", "1", "jtag"]);
    assert!(
        stamped.starts_with("20") && stamped.ends_with(" t3\n"),
        "{stamped}"
    );
    env.run_ok(&["rm", "jweb", "jtag"]);
}

#[test]
fn vm_journald_logs_follow_until_the_container_ends() {
    vm_only();
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "jtick",
        "--log-driver",
        "journald",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3; do echo tick-$i; sleep 1; done; echo done >&2",
    ]);
    let out = env.run(&["logs", "-f", "jtick"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "tick-1\ntick-2\ntick-3\n");
    assert_eq!(out.stderr, "done\n");
    // Several containers at once, each line prefixed by its container.
    env.run_ok(&[
        "run",
        "--name",
        "jother",
        "--log-driver",
        "journald",
        "busybox",
        "echo",
        "other",
    ]);
    let both = env.run_ok(&["logs", "-n", "jtick", "jother"]);
    assert!(
        both.contains("jtick tick-3\n") && both.contains("jother other\n"),
        "{both}"
    );
    env.run_ok(&["rm", "jtick", "jother"]);
}
