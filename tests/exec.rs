//! `exec`, `top` and signals to container processes, through the real binary as the test
//! user: output and exit codes, `-u`, `-e`, `-w`, `-i`, `-d`, 126/127/125 with one line, a pty
//! session through `script`, capabilities and descriptors of an exec'd process, `kill -s` of
//! a first process running as uid 1000 (a subordinate id on the host), and `top`'s columns.
mod common;

use common::world::{busybox_world, eventually, PtySession};
use common::{assert_one_error_line, TestEnv};
use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

/// Podman's 11 default capabilities as /proc/PID/status shows them.
const DEFAULT_CAPS: &str = "00000000800405fb";

/// Force-removes every container of the test on the way out, also when an assertion failed,
/// so no supervisor outlives its test.
struct Cleanup<'a>(&'a TestEnv);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(&["rm", "-f", "-a"]);
        let _ = self.0.single().run(&["rm", "-f", "-a"]);
    }
}

/// Starts a container named `name` that sleeps until it is removed.
fn sleeper(env: &TestEnv, name: &str, extra: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["busybox", "sleep", "100000"]);
    env.run_ok(&args);
}

#[test]
fn exec_prints_output_and_exits_with_the_commands_code() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &[]);
    assert_eq!(
        env.run_ok(&["exec", "c", "echo", "hello", "-n"]),
        "hello -n\n"
    );
    let out = env.run(&["exec", "c", "sh", "-c", "echo out; echo err >&2; exit 3"]);
    assert_eq!(out.code, Some(3), "{out}");
    assert_eq!(out.stdout, "out\n");
    assert_eq!(out.stderr, "err\n");
    // Without -i the command reads an empty stdin; with it, ours.
    assert_eq!(env.run_stdin(&["exec", "c", "cat"], b"ignored").ok(), "");
    let out = env.run_stdin(&["exec", "-i", "c", "cat"], b"piped in");
    assert_eq!(out.ok(), "piped in");
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn exec_takes_user_environment_and_working_folder() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &["-e", "FROM_RUN=1", "-w", "/home"]);
    assert_eq!(
        env.run_ok(&["exec", "-u", "1000", "c", "id", "-u"]),
        "1000\n"
    );
    assert_eq!(
        env.run_ok(&[
            "exec",
            "-u",
            "user",
            "c",
            "sh",
            "-c",
            "id -un; id -g; echo $HOME"
        ]),
        "user\n1000\n/home/user\n"
    );
    assert_eq!(
        env.run_ok(&["exec", "-u", "nobody:user", "c", "id", "-g"]),
        "1000\n"
    );
    assert_eq!(env.run_ok(&["exec", "c", "id", "-u"]), "0\n");
    let out = env.run_ok(&[
        "exec",
        "-e",
        "FOO=bar baz",
        "c",
        "sh",
        "-c",
        "echo $FOO/$FROM_RUN",
    ]);
    assert_eq!(out, "bar baz/1\n", "the container's env, then -e");
    assert_eq!(
        env.run_ok(&["exec", "c", "pwd"]),
        "/home\n",
        "the container's folder"
    );
    assert_eq!(env.run_ok(&["exec", "-w", "/tmp", "c", "pwd"]), "/tmp\n");
    let out = env.run(&["exec", "-u", "nosuchuser", "c", "true"]);
    assert!(out.error_125().contains("nosuchuser"), "{out}");
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn missing_and_unrunnable_commands_get_127_and_126_with_one_line() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &[]);
    let out = env.run(&["exec", "c", "nosuchcommand"]);
    assert_eq!(out.code, Some(127), "{out}");
    assert!(assert_one_error_line(&out.stderr).contains("nosuchcommand"));
    let out = env.run(&["exec", "c", "/no/such/file"]);
    assert_eq!(out.code, Some(127), "{out}");
    assert_one_error_line(&out.stderr);
    let out = env.run(&["exec", "c", "/etc/passwd"]);
    assert_eq!(out.code, Some(126), "{out}");
    assert!(assert_one_error_line(&out.stderr).contains("permission denied"));
    let out = env.run(&["exec", "-w", "/no/such/folder", "c", "pwd"]);
    assert_eq!(out.code, Some(127), "{out}");
    assert_one_error_line(&out.stderr);
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn exec_into_a_container_that_does_not_run_is_125() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    env.run_ok(&["create", "--name", "idle", "busybox", "sleep", "100"]);
    let line = env.run(&["exec", "idle", "true"]).error_125();
    assert!(
        line.contains("idle is not running") && line.contains("rcon start idle"),
        "{line}"
    );
    env.run_ok(&["run", "--name", "done", "busybox", "true"]);
    let line = env.run(&["exec", "done", "true"]).error_125();
    assert!(line.contains("not running"), "{line}");
    let line = env.run(&["exec", "nosuch", "true"]).error_125();
    assert!(line.contains("nosuch"), "{line}");
}

#[test]
fn exec_has_the_containers_capabilities_and_no_extra_descriptors() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &[]);
    let caps = |args: &[&str]| {
        let mut all = vec!["exec"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["c", "grep", "CapEff", "/proc/self/status"]);
        env.run_ok(&all)
    };
    assert_eq!(caps(&[]), format!("CapEff:\t{DEFAULT_CAPS}\n"));
    assert_eq!(caps(&["-u", "1000"]), "CapEff:\t0000000000000000\n");
    let privileged = caps(&["--privileged"]);
    assert_ne!(privileged, format!("CapEff:\t{DEFAULT_CAPS}\n"));
    assert!(privileged.contains("CapEff:\t000001ff"), "{privileged}");
    // ls opens the folder it lists (3); nothing else of rcon's may reach the command.
    let fds = env.run_ok(&["exec", "c", "ls", "/proc/self/fd"]);
    let fds: Vec<&str> = fds.split_whitespace().collect();
    assert_eq!(fds, ["0", "1", "2", "3"], "open descriptors: {fds:?}");
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn detached_exec_is_reparented_to_the_first_process_and_top_lists_it() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &["-u", "1000"]);
    assert_eq!(env.run_ok(&["exec", "-d", "c", "sleep", "4242"]), "");
    let mut table = String::new();
    eventually(10, "top to list the detached sleep", || {
        table = env.run_ok(&["top", "c"]);
        table.contains("sleep 4242")
    });
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"],
        "{table}"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split_whitespace().collect()).collect();
    let first = rows
        .iter()
        .find(|r| r.ends_with(&["sleep", "100000"]))
        .unwrap_or_else(|| panic!("no first process in:\n{table}"));
    assert_eq!(&first[..3], ["user", "1", "0"], "{table}");
    let detached = rows
        .iter()
        .find(|r| r.ends_with(&["sleep", "4242"]))
        .unwrap();
    assert_eq!(
        detached[0], "user",
        "exec runs as the container's user:\n{table}"
    );
    assert_eq!(
        detached[2], "1",
        "reparented to the first process:\n{table}"
    );
    let cols = env.run_ok(&["top", "c", "pid,comm"]);
    assert!(
        cols.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .eq(["PID", "COMMAND"]),
        "{cols}"
    );
    assert!(
        cols.lines()
            .any(|l| l.split_whitespace().eq(["1", "sleep"])),
        "{cols}"
    );
    // ps options are not descriptors: ps itself runs in the container, as with Podman.
    let ps = env.run_ok(&["top", "c", "-o", "pid,args"]);
    assert!(ps.contains("sleep 4242"), "{ps}");
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn kill_signals_a_first_process_running_as_uid_1000() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    let script = "trap 'exit 3' USR1; while :; do sleep 0.1; done";
    env.run_ok(&[
        "run", "-d", "--name", "k", "-u", "1000", "busybox", "sh", "-c", script,
    ]);
    assert_eq!(
        env.run_ok(&["exec", "k", "id", "-u"]).trim(),
        "1000",
        "the container's user"
    );
    let st = env.run_ok(&["exec", "k", "grep", "^Uid", "/proc/1/status"]);
    assert!(st.starts_with("Uid:\t1000\t"), "{st}");
    env.run_ok(&["kill", "-s", "USR1", "k"]);
    assert_eq!(env.run_ok(&["wait", "k"]).trim(), "3");
    env.run_ok(&["rm", "k"]);
}

#[test]
fn exec_with_a_tty_runs_in_a_pty_of_the_container() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &[]);
    let s = PtySession::start(
        &env,
        "exec -t c sh -c 'busybox tty; busybox stty size; echo $TERM'",
    );
    let (code, out) = s.finish();
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("/dev/pts/0"),
        "a pty of the container's own /dev/pts:\n{out}"
    );
    assert!(out.contains("24 80"), "sized as ours:\n{out}");
    assert!(out.contains("xterm"), "{out}");

    let mut s = PtySession::start(&env, "exec -it c sh");
    s.expect("# ");
    s.send(b"echo hi-$((6*7))\n");
    s.expect("hi-42");
    s.resize(40, 120);
    std::thread::sleep(Duration::from_millis(300));
    s.send(b"busybox stty size\n");
    s.expect("40 120");
    s.send(b"exit 4\n");
    let (code, out) = s.finish();
    assert_eq!(code, Some(4), "{out}");

    // ctrl-p ctrl-q leaves the shell running.
    let mut s = PtySession::start(&env, "exec -it c sh -c 'echo ready; exec sleep 4343'");
    s.expect("ready");
    s.send(b"\x10\x11");
    let (code, out) = s.finish();
    assert_eq!(code, Some(0), "detaching exits 0:\n{out}");
    let top = env.run_ok(&["top", "c", "args"]);
    assert!(top.contains("sleep 4343"), "the command goes on:\n{top}");
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn single_uid_mode_execs_as_root_and_explains_other_users() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    let single = env.single();
    single.run_ok(&["pull", "-q", "busybox"]);
    single.run_ok(&["run", "-d", "--name", "s", "busybox", "sleep", "100000"]);
    assert_eq!(single.run_ok(&["exec", "s", "id", "-u"]), "0\n");
    let line = single.run(&["exec", "-u", "1000", "s", "id"]).error_125();
    assert!(line.contains("single-uid"), "{line}");
    single.run_ok(&["rm", "-f", "s"]);
}

#[test]
fn exec_and_top_reach_a_container_under_rcons_own_init() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "i", &["--init"]);
    assert_eq!(env.run_ok(&["exec", "i", "echo", "inside"]), "inside\n");
    let top = env.run_ok(&["top", "i", "pid,ppid,args"]);
    let rows: Vec<Vec<&str>> = top
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(
        rows.iter().any(|r| r[0] == "1"),
        "the init is listed:\n{top}"
    );
    assert!(
        rows.iter()
            .any(|r| r[1] == "1" && r.ends_with(&["sleep", "100000"])),
        "the command is the init's child:\n{top}"
    );
    env.run_ok(&["rm", "-f", "i"]);
}

#[test]
fn signals_sent_to_rcon_reach_the_command() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    sleeper(&env, "c", &[]);
    let script = "trap 'echo got-term; exit 7' TERM; echo ready; while :; do sleep 0.1; done";
    let mut child = env
        .rcon(&["exec", "c", "sh", "-c", script])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("ready") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "the command ended before it was ready");
        seen.extend_from_slice(&buf[..n]);
    }
    // setpriv execs rcon, so the child's pid is rcon's.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    stdout.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    assert!(String::from_utf8_lossy(&seen).contains("got-term"));
    assert_eq!(status.code(), Some(7), "rcon exits with the command's code");
    env.run_ok(&["rm", "-f", "c"]);
}
