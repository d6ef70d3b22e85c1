//! Resource limits, `stats`, `update`, `pause`/`unpause` and systemd user units.
//!
//! The tests named `vm_*` need cgroup v2 with controllers delegated by a systemd user manager:
//! they run in the Debian VM that contrib/vmtest/run.sh boots (it sets RCON_VM_TESTS=1), and
//! contrib/ci/test.sh leaves them out on the host with a nextest filter. Run anywhere else they
//! fail, saying so: they never pass without having proven anything. The other tests run on any
//! host: flag checks, and on a v1/hybrid host the warning and the clear errors.
mod common;

use common::world::{busybox_world as setup, eventually, inspect};
use common::{assert_one_error_line, TestEnv};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn is_v2() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

/// The VM tests refuse to run outside the VM instead of passing vacuously.
fn vm_only() {
    common::vm_only("cgroup v2 delegated by a systemd user manager");
    assert!(
        is_v2(),
        "RCON_VM_TESTS=1 but /sys/fs/cgroup is not cgroup v2"
    );
}

/// The container's cgroup leaf: the `container` sibling of its supervisor's leaf.
fn leaf(env: &TestEnv, name: &str) -> PathBuf {
    let state = inspect(env, name)["State"].clone();
    let pid = state["ConmonPid"].as_i64().unwrap();
    if pid == 0 {
        let logs = env.run(&["logs", name]);
        panic!("{name} does not run: {state}\nlogs: {logs}");
    }
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let rel = text.lines().find_map(|l| l.strip_prefix("0::")).unwrap();
    let sup = Path::new("/sys/fs/cgroup").join(rel.trim_start_matches('/'));
    assert_eq!(sup.file_name().unwrap(), "supervisor", "{}", sup.display());
    sup.parent().unwrap().join("container")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn keyed(text: &str, key: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} ")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {key} in {text}"))
}

// ---- any host ----

#[test]
fn bad_limits_are_refused_with_one_line_and_125() {
    let (env, _reg) = setup();
    for (args, needle) in [
        (&["--memory", "1m"][..], "--memory"),
        (&["--memory", "lots"][..], "--memory"),
        (&["--memory-swap", "64m"][..], "--memory-swap"),
        (&["--cpus", "0"][..], "--cpus"),
        (&["--cpus", "1", "--cpu-quota", "5000"][..], "--cpus"),
        (
            &["--cpu-shares", "512", "--cpu-weight", "10"][..],
            "--cpu-shares",
        ),
        (&["--cpu-weight", "20000"][..], "--cpu-weight"),
        (&["--cpuset-cpus", "3-1"][..], "--cpuset-cpus"),
        (&["--blkio-weight", "5"][..], "--blkio-weight"),
        (&["--oom-score-adj", "2000"][..], "--oom-score-adj"),
    ] {
        let mut argv = vec!["run", "--rm"];
        argv.extend_from_slice(args);
        argv.extend(["busybox", "true"]);
        let out = env.run(&argv);
        let line = out.error_125();
        assert!(line.contains(needle), "{args:?}: {line}");
    }
    assert_eq!(
        env.run_ok(&["ps", "-aq"]).trim(),
        "",
        "nothing half-created"
    );
}

#[test]
fn limits_on_a_v1_host_warn_once_and_the_container_runs_unlimited() {
    if is_v2() {
        // The v2 side of this is the vm_* tests' job.
        return;
    }
    let (env, _reg) = setup();
    let out = env.run(&[
        "run",
        "--rm",
        "--memory",
        "64m",
        "--cpus",
        "0.5",
        "--pids-limit",
        "100",
        "busybox",
        "echo",
        "ran",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "ran\n");
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("level=warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "one warning: {}", out.stderr);
    assert!(
        warnings[0].contains("Resource limits are not supported and ignored on cgroups V1"),
        "{}",
        warnings[0]
    );
    // Without limits: no warning at all.
    let out = env.run(&["run", "--rm", "busybox", "true"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(!out.stderr.contains("level=warning"), "{}", out.stderr);
}

#[test]
fn without_a_cgroup_stats_update_and_pause_say_why() {
    if is_v2() {
        return;
    }
    let (env, _reg) = setup();
    env.run_ok(&["run", "-d", "--name", "c", "busybox", "sleep", "60"]);
    for args in [
        &["stats", "--no-stream", "c"][..],
        &["pause", "c"][..],
        &["update", "--memory", "64m", "c"][..],
    ] {
        let out = env.run(args);
        let line = out.error_125();
        assert!(line.contains("no cgroup of its own"), "{args:?}: {line}");
    }
    let out = env.run(&["update", "c"]);
    assert!(out.error_125().contains("at least one limit"));
    env.run_ok(&["rm", "-f", "-t", "0", "c"]);
}

#[test]
fn update_and_stats_refuse_unknown_containers() {
    let (env, _reg) = setup();
    let (code, err) = env.run_fail(&["update", "--memory", "64m", "nosuch"]);
    assert_eq!(code, 125);
    assert_one_error_line(&err);
    let (code, err) = env.run_fail(&["stats", "--no-stream", "nosuch"]);
    assert_eq!(code, 125);
    assert_one_error_line(&err);
}

// ---- the VM: cgroup v2 under a systemd user manager ----

#[test]
fn vm_memory_limit_oom_kills_with_137_and_oomkilled() {
    vm_only();
    let (env, _reg) = setup();
    // tail buffers a line that never ends: its memory grows until the limit.
    let out = env.run(&[
        "run",
        "--name",
        "hog",
        "--memory",
        "32m",
        "--memory-swap",
        "32m",
        "busybox",
        "tail",
        "/dev/zero",
    ]);
    assert_eq!(out.code, Some(137), "{out}");
    let st = &inspect(&env, "hog")["State"];
    assert_eq!(st["OOMKilled"], true, "{st}");
    assert_eq!(st["ExitCode"], 137, "{st}");
    // Without a limit it is not an OOM kill: a plain exit.
    env.run_ok(&[
        "run", "--name", "fine", "--memory", "32m", "busybox", "true",
    ]);
    assert_eq!(inspect(&env, "fine")["State"]["OOMKilled"], false);
}

#[test]
fn vm_healthchecks_run_in_the_containers_cgroup() {
    vm_only();
    let (env, _reg) = setup();
    // Inside the container's cgroup namespace its own leaf is the root: a check that runs
    // anywhere else sees a path there.
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "checked",
        "--memory",
        "64m",
        "--health-cmd",
        "cat /proc/self/cgroup; test \"$(cat /proc/self/cgroup)\" = 0::/",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        "busybox",
        "sleep",
        "100000",
    ]);
    eventually(60, "a healthcheck result", || {
        inspect(&env, "checked")["State"]["Health"]["Log"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    });
    let health = inspect(&env, "checked")["State"]["Health"].clone();
    assert_eq!(health["Log"][0]["ExitCode"], 0, "{health}");
    assert_eq!(health["Status"], "healthy", "{health}");
    let out = env.run(&["healthcheck", "run", "checked"]);
    assert_eq!(out.code, Some(0), "from the CLI too: {out}");
    env.run_ok(&["rm", "-f", "checked"]);
}

#[test]
fn vm_pids_limit_contains_a_fork_bomb() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "bomb",
        "--pids-limit",
        "20",
        "busybox",
        "sh",
        "-c",
        "f() { f | f & }; f 2>/dev/null; exec sleep 300",
    ]);
    let leaf = leaf(&env, "bomb");
    assert_eq!(read(&leaf.join("pids.max")).trim(), "20");
    eventually(30, "the fork bomb to reach the limit", || {
        keyed(&read(&leaf.join("pids.events")), "max") > 0
    });
    let current: u64 = read(&leaf.join("pids.current")).trim().parse().unwrap();
    assert!(current <= 20, "pids.current {current} > 20");
    // The rest of the system is untouched: rcon itself still forks and answers.
    assert!(env.run_ok(&["ps"]).contains("bomb"));
    env.run_ok(&["rm", "-f", "-t", "0", "bomb"]);
    // The default where pids is delegated: Podman's 2048.
    env.run_ok(&["run", "-d", "--name", "plain", "busybox", "sleep", "60"]);
    assert_eq!(
        read(&leaf_of(&env, "plain").join("pids.max")).trim(),
        "2048"
    );
    env.run_ok(&["rm", "-f", "-t", "0", "plain"]);
}

fn leaf_of(env: &TestEnv, name: &str) -> PathBuf {
    leaf(env, name)
}

#[test]
fn vm_half_a_cpu_measures_fifty_percent() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "spin",
        "--cpus",
        "0.5",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ]);
    let leaf = leaf(&env, "spin");
    assert_eq!(read(&leaf.join("cpu.max")).trim(), "50000 100000");
    std::thread::sleep(Duration::from_secs(1));
    let t0 = Instant::now();
    let u0 = keyed(&read(&leaf.join("cpu.stat")), "usage_usec");
    std::thread::sleep(Duration::from_secs(6));
    let u1 = keyed(&read(&leaf.join("cpu.stat")), "usage_usec");
    let share = (u1 - u0) as f64 / t0.elapsed().as_micros() as f64 * 100.0;
    eprintln!("--cpus 0.5 busy loop: {share:.1}% of one CPU");
    assert!(
        (35.0..=65.0).contains(&share),
        "{share:.1}% is not 50% ± 15"
    );
    // stats reports the limit's effect the same way (its average since the start).
    let out = env.run_ok(&["stats", "--no-stream", "--format", "{{.AVGCPU}}", "spin"]);
    let avg: f64 = out.trim().trim_end_matches('%').parse().unwrap();
    assert!((30.0..=65.0).contains(&avg), "stats AVG CPU {avg}%");
    // update: a whole CPU now.
    env.run_ok(&["update", "--cpus", "1", "spin"]);
    assert_eq!(read(&leaf.join("cpu.max")).trim(), "100000 100000");
    env.run_ok(&["rm", "-f", "-t", "0", "spin"]);
}

#[test]
fn vm_stats_figures_match_the_cgroup() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "st",
        "--memory",
        "64m",
        "busybox",
        "sh",
        "-c",
        "sleep 300 & sleep 300 & exec sleep 300",
    ]);
    let leaf = leaf(&env, "st");
    eventually(10, "three processes", || {
        read(&leaf.join("pids.current")).trim() == "3"
    });
    let out = env.run_ok(&["stats", "--no-stream", "--format", "json", "st"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let row = &v[0];
    assert_eq!(row["name"], "st");
    assert_eq!(row["pids"], 3, "{row}");
    assert_eq!(row["mem_limit"], 64 << 20, "{row}");
    let usage = row["mem_usage_bytes"].as_u64().unwrap();
    let current: u64 = read(&leaf.join("memory.current")).trim().parse().unwrap();
    assert!(
        usage > 0 && usage <= current,
        "{usage} vs memory.current {current}"
    );
    let table = env.run_ok(&["stats", "--no-stream", "st"]);
    let header = table.lines().next().unwrap();
    for col in [
        "ID",
        "NAME",
        "CPU %",
        "MEM USAGE / LIMIT",
        "MEM %",
        "NET IO",
        "BLOCK IO",
        "PIDS",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert!(table.contains("/ 67.1MB"), "{table}");
    env.run_ok(&["rm", "-f", "-t", "0", "st"]);
}

#[test]
fn vm_pause_freezes_and_unpause_thaws() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "ticker",
        "busybox",
        "sh",
        "-c",
        "i=0; while :; do i=$((i+1)); echo $i; sleep 0.1; done",
    ]);
    let leaf = leaf(&env, "ticker");
    eventually(10, "output", || !env.run_ok(&["logs", "ticker"]).is_empty());
    env.run_ok(&["pause", "ticker"]);
    assert_eq!(inspect(&env, "ticker")["State"]["Status"], "paused");
    assert!(read(&leaf.join("cgroup.events")).contains("frozen 1"));
    let before = env.run_ok(&["logs", "ticker"]).lines().count();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(env.run_ok(&["logs", "ticker"]).lines().count(), before);
    let out = env.run(&["pause", "ticker"]);
    assert!(out.error_125().contains("not running"));
    env.run_ok(&["unpause", "ticker"]);
    assert_eq!(inspect(&env, "ticker")["State"]["Status"], "running");
    eventually(10, "more output", || {
        env.run_ok(&["logs", "ticker"]).lines().count() > before
    });
    env.run_ok(&["rm", "-f", "-t", "0", "ticker"]);
}

#[test]
fn vm_exec_runs_in_the_containers_cgroup_and_top_lists_it() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "lim",
        "--memory",
        "32m",
        "--memory-swap",
        "32m",
        "busybox",
        "sleep",
        "600",
    ]);
    let leaf = leaf(&env, "lim");
    // A command exec'd in counts against the container's limits: past 32m it is OOM-killed.
    let out = env.run(&["exec", "lim", "tail", "/dev/zero"]);
    assert_eq!(out.code, Some(137), "{out}");
    assert!(keyed(&read(&leaf.join("memory.events")), "oom_kill") >= 1);
    // The container itself lives on.
    assert_eq!(inspect(&env, "lim")["State"]["Status"], "running");
    env.run_ok(&["exec", "-d", "lim", "sleep", "4242"]);
    let mut host_pid = 0;
    eventually(10, "the exec'd sleep", || {
        host_pid = std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            .find(|p| {
                std::fs::read(format!("/proc/{p}/cmdline")).unwrap_or_default()
                    == b"sleep\x004242\x00"
            })
            .unwrap_or(0);
        host_pid > 0
    });
    let procs = read(&leaf.join("cgroup.procs"));
    assert!(
        procs.lines().any(|l| l == host_pid.to_string()),
        "{host_pid} not in {procs}"
    );
    let top = env.run_ok(&["top", "lim", "pid", "args"]);
    assert!(top.contains("sleep 4242"), "{top}");
    assert!(top.contains("sleep 600"), "{top}");
    // A paused container takes no exec (it would freeze the caller too).
    env.run_ok(&["pause", "lim"]);
    let out = env.run(&["exec", "lim", "true"]);
    assert!(out.error_125().contains("is paused"), "{out}");
    env.run_ok(&["unpause", "lim"]);
    env.run_ok(&["rm", "-f", "-t", "0", "lim"]);
}

/// `--cgroup-manager=cgroupfs` in a delegated cgroup that has processes (a
/// `systemd-run --user --scope -p Delegate=yes` scope): they move into an `rcon-init` leaf, the
/// container's subtree goes beside it with its limits, and rm takes the subtree away.
#[test]
fn vm_cgroupfs_writes_limits_directly_in_a_delegated_cgroup() {
    vm_only();
    let (env, _reg) = setup();
    let u = env.user();
    // systemd-run reaches the user manager through /run/user/UID; rcon keeps the test's
    // runroot (the container's state is there).
    let runroot = format!("XDG_RUNTIME_DIR={}", u.runtime_dir.display());
    let scoped = |args: &[&str]| {
        let mut all = vec![
            "--user",
            "--scope",
            "--quiet",
            "-p",
            "Delegate=yes",
            "--",
            "env",
        ];
        all.push(&runroot);
        all.push(common::bins().rcon.to_str().unwrap());
        all.extend_from_slice(args);
        let mut cmd = u.command("systemd-run", &all);
        cmd.env("XDG_RUNTIME_DIR", format!("/run/user/{}", u.uid));
        common::run_command(cmd, None, Duration::from_secs(120))
    };
    let out = scoped(&[
        "run",
        "-d",
        "--name",
        "fs",
        "--cgroup-manager=cgroupfs",
        "--pids-limit",
        "15",
        "--memory",
        "32m",
        "--memory-swap",
        "32m",
        "busybox",
        "sleep",
        "600",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    let leaf = leaf(&env, "fs");
    let base = leaf.parent().unwrap().to_path_buf();
    assert!(
        base.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("rcon-"),
        "{}",
        base.display()
    );
    let scope = base.parent().unwrap().to_path_buf();
    assert!(scope.join("rcon-init").is_dir(), "{}", scope.display());
    assert_eq!(read(&leaf.join("pids.max")).trim(), "15");
    assert_eq!(
        read(&leaf.join("memory.max")).trim(),
        (32 << 20).to_string()
    );
    assert_eq!(
        inspect(&env, "fs")["HostConfig"]["CgroupManager"],
        "cgroupfs"
    );
    // Enforced: an exec'd hog is OOM-killed inside the limit (exec from the user's own
    // subtree: the harness's cgroup is root's, and there is no scope to ask systemd about).
    let out = scoped(&["exec", "fs", "tail", "/dev/zero"]);
    assert_eq!(out.code, Some(137), "{out}");
    env.run_ok(&["rm", "-f", "-t", "0", "fs"]);
    eventually(10, "the subtree to go", || !base.exists());
}

#[test]
fn vm_nothing_is_left_in_the_cgroup_tree_after_rm() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&["run", "-d", "--name", "gone", "busybox", "sleep", "60"]);
    let leaf = leaf(&env, "gone");
    let scope = leaf.parent().unwrap().to_path_buf();
    assert!(
        scope
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("rcon-"),
        "{}",
        scope.display()
    );
    let init = inspect(&env, "gone")["State"]["Pid"].as_i64().unwrap();
    assert!(read(&leaf.join("cgroup.procs"))
        .lines()
        .any(|l| l == init.to_string()));
    env.run_ok(&["rm", "-f", "-t", "0", "gone"]);
    eventually(10, "the scope to be collected", || !scope.exists());
    // --rm: the leaf and the scope go with the container.
    let cid = env.user().home.join("short.cid");
    let cid_arg = cid.display().to_string();
    let out = env.run(&[
        "run",
        "--rm",
        "--cidfile",
        &cid_arg,
        "--memory",
        "64m",
        "busybox",
        "true",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    let id = read(&cid);
    let prefix = format!("rcon-{}-", &id.trim()[..12]);
    eventually(10, "the --rm container's scope to be collected", || {
        std::fs::read_dir(scope.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .all(|e| !e.file_name().to_string_lossy().starts_with(&prefix))
    });
}

/// `systemctl --user args` as the test user, against its real manager (linger keeps it up).
fn systemctl(env: &TestEnv, args: &[&str]) -> common::Output {
    let u = env.user();
    let mut cmd = u.command("systemctl", &[&["--user"][..], args].concat());
    cmd.env("XDG_RUNTIME_DIR", format!("/run/user/{}", u.uid));
    common::run_command(cmd, None, Duration::from_secs(120))
}

#[test]
fn vm_a_user_unit_runs_restarts_and_stops_a_container() {
    vm_only();
    let (env, _reg) = setup();
    let u = env.user();
    let root = u.data_home.join("rcon").display().to_string();
    let runroot = u.runtime_dir.join("rcon").display().to_string();
    let name = format!("svc{}", std::process::id());
    // Global flags in the create command go into the unit: it uses this test's store.
    env.run_ok(&[
        "--root",
        &root,
        "--runroot",
        &runroot,
        "create",
        "--name",
        &name,
        "--memory",
        "64m",
        "busybox",
        "sh",
        "-c",
        "echo up; trap 'echo bye; exit 0' TERM; \
         while :; do [ -e /tmp/fail ] && exit 3; sleep 0.2; done",
    ]);
    let unit = env.run_ok(&[
        "--root",
        &root,
        "--runroot",
        &runroot,
        "generate",
        "systemd",
        "--new",
        "--name",
        "--restart-sec",
        "1",
        &name,
    ]);
    assert!(unit.contains("Type=notify"), "{unit}");
    assert!(unit.contains("--sdnotify=conmon"), "{unit}");
    let unit_name = format!("container-{name}.service");
    let dir = PathBuf::from(format!("/home/{}/.config/systemd/user", u.name));
    std::fs::create_dir_all(&dir).unwrap();
    for d in [
        "/home/rcontest/.config",
        "/home/rcontest/.config/systemd",
        dir.to_str().unwrap(),
    ] {
        std::os::unix::fs::chown(d, Some(u.uid), Some(u.gid)).unwrap();
    }
    let path = dir.join(&unit_name);
    std::fs::write(&path, &unit).unwrap();
    std::os::unix::fs::chown(&path, Some(u.uid), Some(u.gid)).unwrap();
    assert_eq!(systemctl(&env, &["daemon-reload"]).code, Some(0));

    // Type=notify: start returns once rcon said READY=1, the container running.
    let out = systemctl(&env, &["start", &unit_name]);
    assert_eq!(out.code, Some(0), "{out}");
    let st = &inspect(&env, &name)["State"];
    assert_eq!(st["Status"], "running", "{st}");
    let first_pid = st["Pid"].as_i64().unwrap();
    assert_eq!(
        read(&leaf(&env, &name).join("memory.max")).trim(),
        (64 << 20).to_string(),
        "the unit's container has its limit"
    );

    // A failure (exit 3) restarts it: a new container from the same command.
    env.run_ok(&["exec", &name, "touch", "/tmp/fail"]);
    eventually(90, "systemd to restart the container", || {
        let out = env.run(&["inspect", &name]);
        let v: Value = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
        let st = &v[0]["State"];
        out.code == Some(0) && st["Status"] == "running" && st["Pid"].as_i64() != Some(first_pid)
    });
    let n = systemctl(&env, &["show", "-P", "NRestarts", &unit_name]).ok();
    assert_eq!(n.trim(), "1", "NRestarts");
    let show = systemctl(&env, &["show", "-P", "ExecMainStatus", &unit_name]).ok();
    assert_eq!(show.trim(), "0", "running again: no exit status yet");

    // stop: the container gets SIGTERM and exits 0 by its trap; systemd records that exit,
    // and the unit is inactive, not failed.
    let out = systemctl(&env, &["stop", &unit_name]);
    assert_eq!(out.code, Some(0), "{out}");
    let active = systemctl(&env, &["is-active", &unit_name]);
    assert_eq!(
        active.stdout.trim(),
        "inactive",
        "a clean stop, not a failure: {active}"
    );
    let show = systemctl(&env, &["show", "-P", "ExecMainStatus", &unit_name]).ok();
    assert_eq!(show.trim(), "0", "the container's exit code");
    eventually(20, "the container's goodbye in the journal", || {
        let out = common::run_command(
            {
                let mut c = std::process::Command::new("journalctl");
                c.args([
                    "--no-pager",
                    "-o",
                    "cat",
                    &format!("_SYSTEMD_USER_UNIT={unit_name}"),
                ]);
                c
            },
            None,
            Duration::from_secs(30),
        );
        out.stdout.contains("bye")
    });
    let all = env.run_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(
        !all.lines().any(|l| l == name),
        "removed after the stop: {all}"
    );

    std::fs::remove_file(&path).unwrap();
    systemctl(&env, &["daemon-reload"]);
}

/// A pod's limits hold for its containers together: the infra's subtree carries the pod's
/// memory.max and pids.max, every member's subtree is inside it, a member that eats past the
/// pod's memory is OOM-killed, and `pod rm` takes the whole subtree away.
#[test]
fn vm_a_pods_limits_hold_for_its_members_together() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&[
        "pod",
        "create",
        "--name",
        "lim",
        "--memory",
        "48m",
        "--memory-swap",
        "48m",
        "--pids-limit",
        "50",
    ]);
    env.run_ok(&[
        "run", "-d", "--pod", "lim", "--name", "m1", "busybox", "sleep", "600",
    ]);
    env.run_ok(&[
        "run", "-d", "--pod", "lim", "--name", "m2", "busybox", "sleep", "600",
    ]);
    let infra = env.run_ok(&["pod", "inspect", "lim", "--format", "{{.InfraContainerID}}"]);
    let pod_base = leaf(&env, infra.trim()).parent().unwrap().to_path_buf();
    assert_eq!(
        read(&pod_base.join("memory.max")).trim(),
        (48 << 20).to_string()
    );
    assert_eq!(read(&pod_base.join("pids.max")).trim(), "50");
    for m in ["m1", "m2"] {
        let l = leaf(&env, m);
        assert!(
            l.starts_with(&pod_base),
            "{m}: {} not in {}",
            l.display(),
            pod_base.display()
        );
    }
    let out = env.run(&["exec", "m2", "tail", "/dev/zero"]);
    assert_eq!(out.code, Some(137), "the pod's limit kills the hog: {out}");
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "lim"]);
    eventually(20, "the pod's subtree to go", || !pod_base.exists());
}

/// `pod pause` freezes every container of the pod (the infra too) and `pod unpause` thaws
/// them; `pod stats` reports each running container of the pod.
#[test]
fn vm_a_pod_pauses_unpauses_and_reports_stats_as_a_whole() {
    vm_only();
    let (env, _reg) = setup();
    env.run_ok(&["pod", "create", "--name", "pp"]);
    let ticker = "i=0; while :; do i=$((i+1)); echo $i; sleep 0.1; done";
    env.run_ok(&[
        "run", "-d", "--pod", "pp", "--name", "t1", "busybox", "sh", "-c", ticker,
    ]);
    env.run_ok(&[
        "run", "-d", "--pod", "pp", "--name", "t2", "busybox", "sleep", "600",
    ]);
    eventually(10, "output", || !env.run_ok(&["logs", "t1"]).is_empty());
    env.run_ok(&["pod", "pause", "pp"]);
    let v: Value = serde_json::from_str(&env.run_ok(&["pod", "inspect", "pp"])).unwrap();
    assert_eq!(v["State"], "Paused", "{v}");
    assert!(read(&leaf(&env, "t1").join("cgroup.events")).contains("frozen 1"));
    let before = env.run_ok(&["logs", "t1"]).lines().count();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(env.run_ok(&["logs", "t1"]).lines().count(), before);
    env.run_ok(&["pod", "unpause", "pp"]);
    eventually(10, "more output", || {
        env.run_ok(&["logs", "t1"]).lines().count() > before
    });
    let stats = env.run_ok(&["pod", "stats", "--no-stream", "--format", "json", "pp"]);
    for n in ["t1", "t2"] {
        assert!(stats.contains(n), "{n}: {stats}");
    }
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "pp"]);
}
