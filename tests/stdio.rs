//! The supervisor and the container's stdio through the real binary as the test user:
//! foreground output and exit codes, `-i` stdin (large and both ways at once), the k8s-file log
//! and `rcon logs` (-t, --tail, --since, --until, -f, rotation, --log-driver none), a pty
//! session driven through `script` (resize seen by `stty size`, detach keys, attach again),
//! the exit code and `--rm` surviving a CLI killed with -9, a supervisor killed with -9,
//! restart policies, the supervisor's name and memory, and nothing left behind.
mod common;

use common::world::{busybox_world, eventually, inspect, PtySession};
use common::TestEnv;
use serde_json::Value;
use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn container_dir(env: &TestEnv, id: &str) -> PathBuf {
    env.user().data_home.join("rcon/containers").join(id)
}

fn run_dir(env: &TestEnv, id: &str) -> PathBuf {
    env.user().runtime_dir.join("rcon/containers").join(id)
}

fn state(env: &TestEnv, id: &str) -> Value {
    let text = fs::read_to_string(run_dir(env, id).join("state.json")).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Pids of live processes whose command name (`comm`) starts with `prefix`.
fn processes_named(prefix: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for e in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let zombie = stat
            .rfind(')')
            .and_then(|i| stat.get(i + 2..i + 3))
            .is_some_and(|s| s == "Z");
        if comm.trim_end().starts_with(prefix) && !zombie {
            out.push(pid);
        }
    }
    out
}

fn supervisor_name(id: &str) -> String {
    format!("rcon-sup {}", &id[..6])
}

/// A `rcon` started in the background with piped stdio, for tests that kill it.
fn spawn_rcon(env: &TestEnv, args: &[&str]) -> Child {
    env.rcon(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn foreground_run_shows_stdout_and_stderr_apart_and_exits_with_the_code() {
    let (env, _reg) = busybox_world();
    let out = env.run(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo out; echo err >&2; printf partial; exit 7",
    ]);
    assert_eq!(out.code, Some(7), "{out}");
    assert_eq!(out.stdout, "out\npartial");
    assert!(out.stderr.contains("err\n"), "{out}");
    assert!(!out.stdout.contains("err"), "stderr stays apart: {out}");
    // A signal N that ends the container's first process is 128+N.
    env.run_ok(&["run", "-d", "--name", "killed", "busybox", "sleep", "1000"]);
    env.run_ok(&["kill", "killed"]);
    assert_eq!(env.run_ok(&["wait", "killed"]).trim(), "137");
    env.run_ok(&["rm", "killed"]);
}

#[test]
fn interactive_stdin_reaches_the_container_and_large_streams_do_not_deadlock() {
    let (env, _reg) = busybox_world();
    let out = env.run_stdin(
        &["run", "--rm", "-i", "busybox", "sh", "-c", "cat; echo done"],
        b"hello\nworld",
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "hello\nworlddone\n");
    // Without -i the container reads /dev/null.
    let out = env.run_stdin(&["run", "--rm", "busybox", "cat"], b"ignored");
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "");
    // 4 MiB through cat: input and output flow at once through the supervisor.
    let big: Vec<u8> = (0..4 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let mut cmd = env.rcon(&["run", "--rm", "-i", "busybox", "cat"]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = big.clone();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let mut got = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut got).unwrap();
    writer.join().unwrap().unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(got.len(), big.len());
    assert!(got == big, "the bytes came back unchanged");
}

#[test]
fn the_log_is_k8s_file_and_logs_filters_it() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&[
            "run",
            "-d",
            "--name",
            "chatty",
            "busybox",
            "sh",
            "-c",
            "echo one; echo two; echo oops >&2; printf 'par'; sleep 0.3; echo tial",
        ])
        .trim()
        .to_string();
    env.run_ok(&["wait", "chatty"]);
    let log = fs::read_to_string(container_dir(&env, &id).join("ctr.log")).unwrap();
    let mut tags = Vec::new();
    for line in log.lines() {
        let parts: Vec<&str> = line.splitn(4, ' ').collect();
        assert_eq!(parts.len(), 4, "{line}");
        let stamp = parts[0];
        assert!(
            stamp.len() == 30 && stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T',
            "RFC 3339 with nanoseconds: {line}"
        );
        assert!(parts[1] == "stdout" || parts[1] == "stderr", "{line}");
        tags.push((parts[1], parts[2], parts[3]));
    }
    assert!(tags.contains(&("stdout", "F", "one")), "{log}");
    assert!(tags.contains(&("stderr", "F", "oops")), "{log}");
    assert!(tags.contains(&("stdout", "P", "par")), "{log}");
    assert!(tags.contains(&("stdout", "F", "tial")), "{log}");

    let out = env.run(&["logs", "chatty"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "one\ntwo\npartial\n");
    assert_eq!(out.stderr, "oops\n");

    let out = env.run(&["logs", "--tail", "1", "chatty"]);
    assert_eq!(
        out.stdout, "partial\n",
        "the last line, put together: {out}"
    );
    let out = env.run(&["logs", "--tail", "0", "chatty"]);
    assert_eq!(out.stdout, "");

    let out = env.run_ok(&["logs", "-t", "chatty"]);
    for line in out.lines() {
        let (stamp, _) = line.split_once(' ').unwrap();
        assert!(stamp.ends_with('Z') && stamp.len() == 30, "{line}");
    }
    assert!(out.lines().next().unwrap().ends_with(" one"), "{out}");

    assert_eq!(
        env.run_ok(&["logs", "--since", "10m", "chatty"]),
        "one\ntwo\npartial\n"
    );
    assert_eq!(
        env.run_ok(&["logs", "--since", "2100-01-01T00:00:00Z", "chatty"]),
        ""
    );
    assert_eq!(env.run_ok(&["logs", "--until", "10m", "chatty"]), "");
    assert_eq!(
        env.run_ok(&["logs", "-n", "--tail", "1", "chatty"]),
        "chatty partial\n"
    );
    let line = env
        .run(&["logs", "--since", "yesterday", "chatty"])
        .error_125();
    assert!(line.contains("--since"), "{line}");
    env.run_ok(&["rm", "chatty"]);
}

#[test]
fn logs_follow_until_the_container_ends() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "ticker",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3; do echo $i; sleep 0.4; done",
    ]);
    let start = Instant::now();
    let out = env.run(&["logs", "-f", "ticker"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "1\n2\n3\n");
    assert!(start.elapsed() < Duration::from_secs(30));
    env.run_ok(&["rm", "ticker"]);
}

#[test]
fn log_rotation_and_log_driver_none() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&[
            "run",
            "-d",
            "--name",
            "big",
            "--log-opt",
            "max-size=2k",
            "busybox",
            "sh",
            "-c",
            "i=0; while [ $i -lt 100 ]; do echo line-$i; i=$((i+1)); sleep 0.01; done",
        ])
        .trim()
        .to_string();
    env.run_ok(&["wait", "big"]);
    let dir = container_dir(&env, &id);
    assert!(dir.join("ctr.log.1").exists(), "rotated past 2k");
    assert!(fs::metadata(dir.join("ctr.log")).unwrap().len() <= 2000);
    // Decimal units, shown as Podman shows them.
    let size = env.run_ok(&[
        "inspect",
        "--format",
        "{{.HostConfig.LogConfig.Size}}",
        "big",
    ]);
    assert_eq!(size.trim(), "2kB");
    let out = env.run_ok(&["logs", "--tail", "1", "big"]);
    assert_eq!(out, "line-99\n");
    env.run_ok(&["rm", "big"]);

    let id = env
        .run_ok(&[
            "run",
            "-d",
            "--name",
            "quiet",
            "--log-driver",
            "none",
            "busybox",
            "echo",
            "x",
        ])
        .trim()
        .to_string();
    env.run_ok(&["wait", "quiet"]);
    assert!(!container_dir(&env, &id).join("ctr.log").exists());
    env.run(&["logs", "quiet"]).error_125();
    env.run_ok(&["rm", "quiet"]);
}

#[test]
fn pty_session_resizes_detaches_and_attaches_again() {
    let (env, _reg) = busybox_world();
    let mut s = PtySession::start(&env, "run -it --name tty busybox sh");
    s.expect("# ");
    s.send(b"stty size; tty >/dev/null && echo is-a-$TERM\n");
    s.expect("24 80");
    s.expect("is-a-xterm");
    s.resize(40, 120);
    std::thread::sleep(Duration::from_millis(300));
    s.send(b"stty size\n");
    s.expect("40 120");
    // ctrl-p ctrl-q: rcon leaves, the shell goes on.
    s.send(b"\x10\x11");
    let (code, out) = s.finish();
    assert_eq!(code, Some(0), "detaching exits 0:\n{out}");
    let st = inspect(&env, "tty");
    assert_eq!(st["State"]["Status"], "running", "{st}");

    let mut s = PtySession::start(&env, "attach tty");
    std::thread::sleep(Duration::from_millis(300));
    s.send(b"echo again-$((6*7))\n");
    s.expect("again-42");
    s.send(b"exit 5\n");
    let (code, out) = s.finish();
    assert_eq!(
        code,
        Some(5),
        "attach exits with the container's code:\n{out}"
    );
    assert_eq!(inspect(&env, "tty")["State"]["ExitCode"], 5);
    env.run_ok(&["rm", "tty"]);
}

#[test]
fn custom_detach_keys_and_attach_to_a_stopped_container() {
    let (env, _reg) = busybox_world();
    let mut s = PtySession::start(&env, "run -it --detach-keys ctrl-a,x --name dk busybox sh");
    s.expect("# ");
    s.send(b"\x01x");
    let (code, out) = s.finish();
    assert_eq!(code, Some(0), "{out}");
    env.run_ok(&["stop", "-t", "0", "dk"]);
    let out = env.run(&["attach", "dk"]);
    let line = out.error_125();
    assert!(line.contains("not running"), "{line}");
    env.run_ok(&["rm", "dk"]);
}

#[test]
fn exit_code_survives_a_cli_killed_with_9() {
    let (env, _reg) = busybox_world();
    let mut cli = spawn_rcon(
        &env,
        &[
            "run",
            "--name",
            "orphan",
            "busybox",
            "sh",
            "-c",
            "sleep 1; exit 42",
        ],
    );
    eventually(30, "the container to run", || {
        env.run(&["inspect", "--format", "{{.State.Status}}", "orphan"])
            .stdout
            .trim()
            == "running"
    });
    cli.kill().unwrap();
    cli.wait().unwrap();
    let out = env.run_ok(&["wait", "orphan"]);
    assert_eq!(out.trim(), "42");
    let st = inspect(&env, "orphan");
    assert_eq!(st["State"]["ExitCode"], 42, "{st}");
    assert_eq!(st["State"]["Status"], "exited", "{st}");
    env.run_ok(&["rm", "orphan"]);
}

#[test]
fn rm_happens_after_the_cli_was_killed_and_nothing_is_left() {
    let (env, _reg) = busybox_world();
    let mut cli = spawn_rcon(
        &env,
        &[
            "run", "--rm", "--name", "gone", "-i", "busybox", "sh", "-c", "sleep 3",
        ],
    );
    // Killed while its supervisor runs: the supervisor, not the CLI, owes the removal. (A CLI
    // killed between create and start leaves a created container, as Podman's does.)
    let mut id = String::new();
    eventually(30, "the container to run", || {
        let out = env
            .run(&["inspect", "--format", "{{.Id}} {{.State.Status}}", "gone"])
            .stdout;
        let mut words = out.split_whitespace();
        id = words.next().unwrap_or_default().to_string();
        words.next() == Some("running")
    });
    cli.kill().unwrap();
    cli.wait().unwrap();
    eventually(30, "the container to be removed", || {
        env.run_ok(&["ps", "-aq"]).trim().is_empty()
    });
    eventually(10, "the supervisor to end", || {
        processes_named(&supervisor_name(&id)).is_empty()
    });
    assert!(!container_dir(&env, &id).exists(), "container folder left");
    assert!(!run_dir(&env, &id).exists(), "run folder left");
    let names = env.user().data_home.join("rcon/containers/names/gone");
    assert!(names.symlink_metadata().is_err(), "name reservation left");
}

#[test]
fn a_killed_run_i_ends_the_containers_input() {
    let (env, _reg) = busybox_world();
    let mut cli = env
        .rcon(&[
            "run",
            "-i",
            "--name",
            "reader",
            "busybox",
            "sh",
            "-c",
            "cat; exit 6",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    eventually(30, "the container to run", || {
        env.run(&["inspect", "--format", "{{.State.Status}}", "reader"])
            .stdout
            .trim()
            == "running"
    });
    cli.kill().unwrap();
    cli.wait().unwrap();
    // Like Docker's StdinOnce: the client that started it is gone, cat sees the end.
    assert_eq!(env.run_ok(&["wait", "reader"]).trim(), "6");
    env.run_ok(&["rm", "reader"]);
}

#[test]
fn supervisor_is_named_subreaper_and_small_and_leaves_nothing() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&["run", "-d", "--name", "sleeper", "busybox", "sleep", "1000"])
        .trim()
        .to_string();
    let st = state(&env, &id);
    let sup = st["supervisor_pid"].as_i64().unwrap() as i32;
    let comm = fs::read_to_string(format!("/proc/{sup}/comm")).unwrap();
    assert_eq!(comm.trim_end(), supervisor_name(&id));
    let cmdline = fs::read(format!("/proc/{sup}/cmdline")).unwrap();
    let argv0 = cmdline.split(|&b| b == 0).next().unwrap();
    assert_eq!(argv0, format!("rcon-sup {}", &id[..12]).as_bytes());
    let status = fs::read_to_string(format!("/proc/{sup}/status")).unwrap();
    let rss_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    eprintln!("supervisor RSS while the container sleeps: {rss_kib} KiB");
    if !cfg!(debug_assertions) {
        assert!(rss_kib <= 4096, "supervisor RSS {rss_kib} KiB > 4 MiB");
    }
    // Its own session: the CLI's terminal signals never reach it.
    let stat = fs::read_to_string(format!("/proc/{sup}/stat")).unwrap();
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    assert_eq!(fields[3], sup.to_string(), "session id is its own pid");

    env.run_ok(&["stop", "-t", "1", "sleeper"]);
    eventually(10, "the supervisor to end", || {
        processes_named(&supervisor_name(&id)).is_empty()
    });
    assert!(
        !run_dir(&env, &id).join("attach").exists(),
        "attach socket left"
    );
    env.run_ok(&["rm", "sleeper"]);
}

#[test]
fn a_supervisor_killed_with_9_is_reported_and_takes_the_container_along() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&["run", "-d", "--name", "victim", "busybox", "sleep", "1000"])
        .trim()
        .to_string();
    let st = state(&env, &id);
    let sup = st["supervisor_pid"].as_i64().unwrap() as i32;
    let init = st["init_pid"].as_i64().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    eventually(10, "the container's process to die with it", || {
        !PathBuf::from(format!("/proc/{init}")).exists()
            || fs::read_to_string(format!("/proc/{init}/stat")).is_ok_and(|s| s.contains(") Z "))
    });
    // The dead supervisor may be a zombie for a moment, until its new parent reaps it.
    eventually(10, "ps to report the container exited", || {
        env.run_ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
            .contains("victim Exited (137)")
    });
    let st = inspect(&env, "victim");
    assert_eq!(st["State"]["Running"], false, "{st}");
    assert!(
        st["State"]["Error"]
            .as_str()
            .unwrap_or("")
            .contains("supervisor"),
        "{st}"
    );
    env.run_ok(&["rm", "victim"]);
}

#[test]
fn restart_policy_reruns_with_backoff_and_stop_ends_it() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "flaky",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo try; exit 3",
    ]);
    eventually(30, "two restarts", || {
        let st = inspect(&env, "flaky");
        st["State"]["Status"] == "exited" && env.run_ok(&["logs", "flaky"]).lines().count() == 3
    });
    assert_eq!(inspect(&env, "flaky")["State"]["ExitCode"], 3);
    env.run_ok(&["rm", "flaky"]);

    let id = env
        .run_ok(&[
            "run",
            "-d",
            "--name",
            "forever",
            "--restart",
            "always",
            "busybox",
            "sh",
            "-c",
            "echo up; sleep 0.2",
        ])
        .trim()
        .to_string();
    eventually(30, "a restart", || {
        env.run_ok(&["logs", "forever"]).lines().count() >= 2
    });
    env.run_ok(&["stop", "-t", "1", "forever"]);
    eventually(15, "the supervisor to end", || {
        processes_named(&supervisor_name(&id)).is_empty()
    });
    let n = env.run_ok(&["logs", "forever"]).lines().count();
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(
        env.run_ok(&["logs", "forever"]).lines().count(),
        n,
        "stopped stays stopped"
    );
    env.run_ok(&["rm", "forever"]);
}

#[test]
fn sigterm_to_the_supervisor_ends_a_restarting_container_for_good() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&[
            "run",
            "-d",
            "--name",
            "looper",
            "--restart",
            "always",
            "busybox",
            "sh",
            "-c",
            "sleep 0.3; exit 1",
        ])
        .trim()
        .to_string();
    eventually(30, "a restart", || {
        inspect(&env, "looper")["RestartCount"]
            .as_u64()
            .unwrap_or(0)
            >= 1
            || state(&env, &id)["restart_count"].as_u64().unwrap_or(0) >= 1
    });
    let sup = state(&env, &id)["supervisor_pid"].as_i64().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    eventually(15, "the supervisor to end", || {
        processes_named(&supervisor_name(&id)).is_empty()
    });
    let st = inspect(&env, "looper");
    assert_eq!(st["State"]["Status"], "exited", "{st}");
    assert_eq!(
        st["State"]["Error"], "",
        "a clean end, not a dead supervisor: {st}"
    );
    env.run_ok(&["rm", "looper"]);
}

#[test]
fn sig_proxy_forwards_signals_to_the_container() {
    let (env, _reg) = busybox_world();
    let mut cli = spawn_rcon(
        &env,
        &[
            "run",
            "--rm",
            "--name",
            "trap",
            "busybox",
            "sh",
            "-c",
            "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.1; done",
        ],
    );
    let mut stdout = cli.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let n = stdout.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("ready"));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(cli.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let status = cli.wait().unwrap();
    assert!(rest.contains("got-term"), "{rest}");
    assert_eq!(status.code(), Some(9));
}
