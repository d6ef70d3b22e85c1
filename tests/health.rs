//! Healthchecks through the real binary as the test user: the image's HEALTHCHECK and the
//! `--health-*` flags, run by the container's supervisor on their schedule (healthy,
//! unhealthy after the retries, the timeout, the start period, the startup check,
//! `--health-on-failure`), `healthcheck run`, `ps` (status and `--filter health=`), `inspect`
//! (`State.Health`, `Config.Healthcheck`), `wait --condition healthy`, `--no-healthcheck`, and
//! bad flag values. Intervals are 1 s; every wait polls with a deadline.
mod common;

use common::image::{self, Compression, ImageSpec};
use common::world::{busybox_world, eventually, inspect};
use common::{Registry, TestEnv};
use serde_json::{json, Value};

const SECOND: u64 = 1_000_000_000;

/// A busybox image whose HEALTHCHECK passes once /tmp/ok exists, every second.
fn push_checked_image(env: &TestEnv, reg: &Registry) {
    let img = ImageSpec::docker()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .healthcheck(json!({
            "Test": ["CMD-SHELL", "test -e /tmp/ok"],
            "Interval": SECOND,
            "Timeout": 5 * SECOND,
            "Retries": 2,
        }))
        .build();
    reg.push("library/checked:latest", &img);
    env.run_ok(&["pull", "-q", "checked"]);
}

fn health(env: &TestEnv, name: &str) -> Value {
    inspect(env, name)["State"]["Health"].clone()
}

fn health_status(env: &TestEnv, name: &str) -> String {
    health(env, name)["Status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn wait_status(env: &TestEnv, name: &str, want: &str) {
    eventually(60, &format!("{name} to be {want}"), || {
        health_status(env, name) == want
    });
}

fn ps_names(env: &TestEnv, filter: &str) -> Vec<String> {
    env.run_ok(&["ps", "-a", "--filter", filter, "--format", "{{.Names}}"])
        .lines()
        .map(str::to_string)
        .collect()
}

const LONG: &[&str] = &[
    "sh",
    "-c",
    "trap 'exit 0' TERM; while true; do sleep 1; done",
];

fn run_d(env: &TestEnv, flags: &[&str], image: &str, cmd: &[&str]) {
    let mut args = vec!["run", "-d"];
    args.extend_from_slice(flags);
    args.push(image);
    args.extend_from_slice(cmd);
    env.run_ok(&args);
}

#[test]
fn the_images_healthcheck_makes_the_container_healthy_and_commit_keeps_it() {
    let (env, reg) = busybox_world();
    push_checked_image(&env, &reg);
    run_d(
        &env,
        &["--name", "web"],
        "checked",
        &[
            "sh",
            "-c",
            "touch /tmp/ok; trap 'exit 0' TERM; while true; do sleep 1; done",
        ],
    );
    wait_status(&env, "web", "healthy");
    let c = inspect(&env, "web");
    assert_eq!(
        c["Config"]["Healthcheck"],
        json!({"Test": ["CMD-SHELL", "test -e /tmp/ok"], "Interval": SECOND,
               "Timeout": 5 * SECOND, "Retries": 2}),
        "{c}"
    );
    assert_eq!(c["Config"]["HealthcheckOnFailureAction"], "none");
    assert_eq!(c["State"]["Health"], c["State"]["Healthcheck"], "the alias");
    let log = c["State"]["Health"]["Log"].as_array().unwrap().clone();
    let last = log.last().expect("a result in the log");
    assert_eq!(last["ExitCode"], 0, "{last}");
    assert!(last["Start"].as_str().unwrap().ends_with('Z'), "{last}");
    assert!(last["End"].as_str().unwrap() >= last["Start"].as_str().unwrap());
    let status = env.run_ok(&["ps", "--format", "{{.Status}}", "--filter", "name=web"]);
    assert!(
        status.starts_with("Up ") && status.trim_end().ends_with("(healthy)"),
        "{status}"
    );
    assert_eq!(ps_names(&env, "health=healthy"), ["web"]);
    assert!(ps_names(&env, "health=unhealthy").is_empty());
    // `commit` keeps the image's HEALTHCHECK.
    env.run_ok(&["commit", "-q", "web", "web-image"]);
    let img: Value = serde_json::from_str(&env.run_ok(&["image", "inspect", "web-image"])).unwrap();
    assert_eq!(
        img[0]["Config"]["Healthcheck"]["Test"],
        json!(["CMD-SHELL", "test -e /tmp/ok"]),
        "{img}"
    );
    env.run_ok(&["rm", "-f", "web"]);
}

#[test]
fn a_failing_check_turns_unhealthy_after_its_retries_and_healthcheck_run_heals_it() {
    let (env, _reg) = busybox_world();
    run_d(
        &env,
        &[
            "--name",
            "sick",
            "--health-cmd",
            "echo not yet; test -e /tmp/ok || exit 2",
            "--health-interval",
            "1s",
            "--health-retries",
            "2",
        ],
        "busybox",
        LONG,
    );
    let out = env.run(&["wait", "--condition", "unhealthy", "sick"]);
    assert_eq!(out.code, Some(0), "{out}");
    let h = health(&env, "sick");
    assert_eq!(h["Status"], "unhealthy", "{h}");
    assert!(h["FailingStreak"].as_u64().unwrap() >= 2, "{h}");
    let log = h["Log"].as_array().unwrap();
    assert!(log.len() >= 2 && log.len() <= 5, "at most 5 kept: {h}");
    assert!(log.iter().all(|e| e["ExitCode"] == 2), "{h}");
    assert_eq!(log[0]["Output"], "not yet", "{h}");
    let status = env.run_ok(&["ps", "--format", "{{.Status}}", "--filter", "name=sick"]);
    assert!(status.trim_end().ends_with("(unhealthy)"), "{status}");
    assert_eq!(ps_names(&env, "health=unhealthy"), ["sick"]);
    // From the CLI: 1 and `unhealthy` while it fails, 0 once it passes, recorded alike.
    let out = env.run(&["healthcheck", "run", "sick"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (Some(1), "unhealthy\n"),
        "{out}"
    );
    env.run_ok(&["exec", "sick", "touch", "/tmp/ok"]);
    let out = env.run(&["healthcheck", "run", "sick"]);
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""), "{out}");
    let h = health(&env, "sick");
    assert_eq!(
        (h["Status"].as_str(), h["FailingStreak"].as_u64()),
        (Some("healthy"), Some(0)),
        "{h}"
    );
    env.run_ok(&["rm", "-f", "sick"]);
}

#[test]
fn a_check_past_its_timeout_is_killed_and_counts_as_failed() {
    let (env, _reg) = busybox_world();
    run_d(
        &env,
        &[
            "--name",
            "slow",
            "--health-cmd",
            "sleep 1234; echo never",
            "--health-interval",
            "1s",
            "--health-timeout",
            "1s",
            "--health-retries",
            "1",
        ],
        "busybox",
        LONG,
    );
    wait_status(&env, "slow", "unhealthy");
    let h = health(&env, "slow");
    let first = &h["Log"][0];
    assert_eq!(first["ExitCode"], -1, "{h}");
    assert!(first["Output"].as_str().unwrap().contains("timeout"), "{h}");
    // A killed check takes its children along (the shell stays the parent of `sleep`: a
    // command follows it). After four checks, the current one's `sleep 1234` runs, and at most
    // one being killed; left behind, they would pile up.
    eventually(60, "four timed-out checks", || {
        health(&env, "slow")["Log"].as_array().map_or(0, Vec::len) >= 4
    });
    let procs = env.run_ok(&["exec", "slow", "ps", "-o", "args"]);
    let sleeps = procs.lines().filter(|l| l.trim() == "sleep 1234").count();
    assert!(sleeps <= 2, "{procs}");
    env.run_ok(&["rm", "-f", "slow"]);
}

#[test]
fn failures_in_the_start_period_do_not_count() {
    let (env, _reg) = busybox_world();
    run_d(
        &env,
        &[
            "--name",
            "warming",
            "--health-cmd",
            "false",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
            "--health-start-period",
            "10m",
        ],
        "busybox",
        LONG,
    );
    eventually(60, "two failed checks", || {
        health(&env, "warming")["Log"]
            .as_array()
            .map_or(0, Vec::len)
            >= 2
    });
    let h = health(&env, "warming");
    assert_eq!(h["Status"], "starting", "{h}");
    assert_eq!(h["FailingStreak"], 0, "{h}");
    assert_eq!(ps_names(&env, "health=starting"), ["warming"]);
    env.run_ok(&["rm", "-f", "warming"]);
}

#[test]
fn on_failure_kills_stops_or_restarts_the_container() {
    let (env, _reg) = busybox_world();
    let failing = [
        "--health-cmd",
        "false",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        "--stop-timeout",
        "2",
    ];
    for action in ["kill", "stop", "restart"] {
        let mut flags = vec!["--name", action, "--health-on-failure", action];
        flags.extend_from_slice(&failing);
        run_d(&env, &flags, "busybox", LONG);
    }
    let state = |name: &str| inspect(&env, name)["State"].clone();
    eventually(60, "the kill action", || {
        state("kill")["Status"] == "exited"
    });
    assert_eq!(state("kill")["ExitCode"], 137, "{}", state("kill"));
    eventually(60, "the stop action", || {
        state("stop")["Status"] == "exited"
    });
    assert_eq!(
        state("stop")["ExitCode"],
        0,
        "the stop signal: {}",
        state("stop")
    );
    assert_eq!(state("stop")["StoppedByUser"], true, "{}", state("stop"));
    eventually(60, "the restart action", || {
        inspect(&env, "restart")["RestartCount"].as_u64() >= Some(1)
            && state("restart")["Status"] == "running"
    });
    env.run_ok(&["rm", "-f", "kill", "stop", "restart"]);
}

#[test]
fn the_startup_check_runs_first_and_its_failures_restart_the_container() {
    let (env, _reg) = busybox_world();
    run_d(
        &env,
        &[
            "--name",
            "booting",
            "--health-startup-cmd",
            "test -e /tmp/up",
            "--health-startup-interval",
            "1s",
            "--health-cmd",
            "echo regular",
            "--health-interval",
            "1s",
        ],
        "busybox",
        &[
            "sh",
            "-c",
            "sleep 2; touch /tmp/up; trap 'exit 0' TERM; while true; do sleep 1; done",
        ],
    );
    wait_status(&env, "booting", "healthy");
    let c = inspect(&env, "booting");
    assert_eq!(
        c["Config"]["StartupHealthCheck"]["Test"],
        json!(["CMD-SHELL", "test -e /tmp/up"])
    );
    let log = c["State"]["Health"]["Log"].as_array().unwrap().clone();
    assert_eq!(log.last().unwrap()["Output"], "regular", "{log:?}");
    run_d(
        &env,
        &[
            "--name",
            "neverup",
            "--health-startup-cmd",
            "false",
            "--health-startup-interval",
            "1s",
            "--health-startup-retries",
            "2",
            "--health-cmd",
            "true",
            "--stop-timeout",
            "2",
        ],
        "busybox",
        LONG,
    );
    eventually(60, "a restart after the startup check failed twice", || {
        inspect(&env, "neverup")["RestartCount"].as_u64() >= Some(1)
    });
    env.run_ok(&["rm", "-f", "booting", "neverup"]);
}

#[test]
fn healthcheck_run_exit_codes_and_disabled_intervals() {
    let (env, reg) = busybox_world();
    push_checked_image(&env, &reg);
    let line = env.run(&["healthcheck", "run", "nosuch"]).error_125();
    assert!(line.contains("nosuch"), "{line}");
    run_d(&env, &["--name", "plain"], "busybox", LONG);
    let line = env.run(&["healthcheck", "run", "plain"]).error_125();
    assert!(line.contains("no defined healthcheck"), "{line}");
    env.run_ok(&[
        "create",
        "--name",
        "idle",
        "--health-cmd",
        "true",
        "busybox",
        "true",
    ]);
    let line = env.run(&["healthcheck", "run", "idle"]).error_125();
    assert!(line.contains("not running"), "{line}");
    // `--health-interval disable`: never scheduled, still run by hand.
    run_d(
        &env,
        &[
            "--name",
            "manual",
            "--health-cmd",
            "true",
            "--health-interval",
            "disable",
        ],
        "busybox",
        LONG,
    );
    assert_eq!(health_status(&env, "manual"), "starting");
    assert_eq!(health(&env, "manual")["Log"], json!([]));
    let out = env.run(&["healthcheck", "run", "manual"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(health_status(&env, "manual"), "healthy");
    assert_eq!(health(&env, "manual")["Log"].as_array().unwrap().len(), 1);
    // The result of `healthcheck run` acts as the supervisor's would: it turns unhealthy, so
    // the container is killed.
    run_d(
        &env,
        &[
            "--name",
            "handkilled",
            "--health-cmd",
            "false",
            "--health-interval",
            "disable",
            "--health-retries",
            "1",
            "--health-on-failure",
            "kill",
        ],
        "busybox",
        LONG,
    );
    let out = env.run(&["healthcheck", "run", "handkilled"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (Some(1), "unhealthy\n"),
        "{out}"
    );
    eventually(30, "the kill action of healthcheck run", || {
        inspect(&env, "handkilled")["State"]["Status"] == "exited"
    });
    assert_eq!(inspect(&env, "handkilled")["State"]["ExitCode"], 137);
    // --no-healthcheck drops the image's.
    run_d(
        &env,
        &["--name", "unchecked", "--no-healthcheck"],
        "checked",
        LONG,
    );
    let c = inspect(&env, "unchecked");
    assert!(
        c["State"]["Health"].is_null() && c["Config"]["Healthcheck"].is_null(),
        "{c}"
    );
    let line = env.run(&["healthcheck", "run", "unchecked"]).error_125();
    assert!(line.contains("no defined healthcheck"), "{line}");
    let mut none = ps_names(&env, "health=none");
    none.sort();
    assert_eq!(
        none,
        ["plain", "unchecked"],
        "idle and handkilled have a healthcheck"
    );
    let status = env.run_ok(&[
        "ps",
        "--format",
        "{{.Status}}",
        "--filter",
        "name=unchecked",
    ]);
    assert!(!status.contains('('), "{status}");
    env.run_ok(&[
        "rm",
        "-f",
        "plain",
        "idle",
        "manual",
        "unchecked",
        "handkilled",
    ]);
}

#[test]
fn wait_for_healthy_and_checks_stop_with_the_container() {
    let (env, _reg) = busybox_world();
    run_d(
        &env,
        &[
            "--name",
            "soon",
            "--health-cmd",
            "test -e /tmp/ok",
            "--health-interval",
            "1s",
        ],
        "busybox",
        &[
            "sh",
            "-c",
            "touch /tmp/ok; while [ ! -e /tmp/done ]; do sleep 0.2; done",
        ],
    );
    let out = env.run(&["wait", "--condition", "healthy", "soon"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(health_status(&env, "soon"), "healthy");
    env.run_ok(&["exec", "soon", "touch", "/tmp/done"]);
    // It ends by itself: its supervisor, and the checks with it, are gone.
    assert_eq!(env.run_ok(&["wait", "soon"]).trim(), "0");
    eventually(30, "the supervisor to be gone", || {
        inspect(&env, "soon")["State"]["ConmonPid"] == 0
    });
    let status = env.run_ok(&[
        "ps",
        "-a",
        "--format",
        "{{.Status}}",
        "--filter",
        "name=soon",
    ]);
    assert!(
        status.starts_with("Exited (0)") && !status.contains("healthy"),
        "{status}"
    );
    let line = env.run(&["wait", "--condition", "healthy", "nosuchctr"]);
    assert_ne!(line.code, Some(0), "{line}");
    env.run_ok(&["rm", "-f", "soon"]);
}

#[test]
fn bad_health_flag_values_are_refused_with_125() {
    let (env, _reg) = busybox_world();
    for (flag, value) in [
        ("--health-interval", "500ms"),
        ("--health-interval", "soon"),
        ("--health-timeout", "0s"),
        ("--health-retries", "0"),
        ("--health-retries", "x"),
        ("--health-start-period", "-1s"),
        ("--health-on-failure", "explode"),
        ("--health-log-destination", "relative/path"),
        ("--health-max-log-count", "-1"),
        ("--health-cmd", "[\"CMD\"]"),
        ("--health-startup-retries", "many"),
    ] {
        let flag_eq = format!("{flag}={value}");
        let mut args = vec!["create"];
        if flag != "--health-cmd" {
            args.extend(["--health-cmd", "true"]);
        }
        args.extend([flag_eq.as_str(), "busybox", "true"]);
        let out = env.run(&args);
        let line = out.error_125();
        assert!(line.contains(flag), "{flag} {value}: {line}");
    }
    assert_eq!(
        env.run_ok(&["ps", "-aq"]).trim(),
        "",
        "nothing half-created"
    );
}

#[test]
fn checks_run_as_the_containers_user_under_rcons_init_and_in_single_uid_mode() {
    let (env, _reg) = busybox_world();
    run_d(
        &env,
        &[
            "--name",
            "asuser",
            "--init",
            "--user",
            "1000",
            "--health-cmd",
            "test \"$(id -u)\" = 1000",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
        ],
        "busybox",
        &["sleep", "100000"],
    );
    wait_status(&env, "asuser", "healthy");
    env.run_ok(&["rm", "-f", "asuser"]);
    let single = env.single();
    single.run_ok(&["pull", "-q", "busybox"]);
    single.run_ok(&[
        "run",
        "-d",
        "--name",
        "alone",
        "--health-cmd",
        "test \"$(id -u)\" = 0",
        "--health-interval",
        "1s",
        "busybox",
        "sleep",
        "100000",
    ]);
    eventually(60, "the single-uid container to be healthy", || {
        let out = single.run_ok(&["inspect", "--format", "{{.State.Health.Status}}", "alone"]);
        out.trim() == "healthy"
    });
    single.run_ok(&["rm", "-f", "alone"]);
}

#[test]
fn an_on_failure_action_needs_a_healthcheck() {
    let (env, _reg) = busybox_world();
    let (code, err) = env.run_fail(&["create", "--health-on-failure=kill", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(
        err.starts_with("Error: cannot set on-failure action to kill without a health check"),
        "{err}"
    );
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "", "nothing was created");
    env.run_ok(&[
        "create",
        "--health-on-failure=kill",
        "--health-cmd",
        "true",
        "busybox",
        "true",
    ]);
}
