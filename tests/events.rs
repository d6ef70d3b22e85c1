//! Events and containers.conf through the real binary as the test user: a container's life
//! recorded in order with its labels and exit code; image, volume and network events; filters,
//! templates and JSON; following new events; many writers at once; the log file's path and
//! rotation from containers.conf; the `none` backend; containers.conf's defaults for new
//! containers and a broken containers.conf refused naming the file.
mod common;

use common::world::{busybox_world, inspect};
use common::TestEnv;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// `rcon events --stream=false ARGS…` as lines.
fn events(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["events", "--stream=false"];
    all.extend_from_slice(args);
    env.run_ok(&all).lines().map(str::to_string).collect()
}

fn write_conf(env: &TestEnv, text: &str) {
    env.user().write_file(
        env.user().config_home.join("containers/containers.conf"),
        text,
    );
}

#[test]
fn a_containers_life_is_recorded_in_order_with_its_labels_and_exit_code() {
    let (env, _reg) = busybox_world();
    let out = env.run(&[
        "run", "--rm", "--name", "life", "--label", "app=web", "busybox", "sh", "-c", "exit 3",
    ]);
    assert_eq!(out.code, Some(3), "{out}");
    let mut statuses = events(
        &env,
        &["--filter", "container=life", "--format", "{{.Status}}"],
    );
    // The CLI's `attach` races the supervisor's records of a container this short.
    let attached = statuses.iter().filter(|s| *s == "attach").count();
    assert_eq!(attached, 1, "{statuses:?}");
    statuses.retain(|s| s != "attach");
    assert_eq!(
        statuses,
        ["create", "init", "start", "died", "cleanup", "remove"],
        "in the order they happened"
    );
    let died = events(
        &env,
        &[
            "--filter",
            "event=died",
            "--format",
            "{{.ContainerExitCode}} {{.Attributes.app}} {{.Image}}",
        ],
    );
    assert_eq!(died, ["3 web docker.io/library/busybox:latest"]);
    let start = events(
        &env,
        &["--filter", "status=start", "--filter", "label=app=web"],
    );
    assert_eq!(start.len(), 1, "{start:?}");
    let re = regex::Regex::new(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC container start [0-9a-f]{64} \(image=docker.io/library/busybox:latest, name=life, app=web\)$",
    )
    .unwrap();
    assert!(re.is_match(&start[0]), "{}", start[0]);
    let short = events(&env, &["--filter", "status=start", "--no-trunc=false"]);
    let id = start[0].split(' ').nth(6).unwrap();
    assert!(
        short[0].contains(&format!(" {} (", &id[..12])),
        "{}",
        short[0]
    );
    let json = events(&env, &["--filter", "status=died", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert_eq!(v["ContainerExitCode"], 3);
    assert_eq!(v["Type"], "container");
    assert_eq!(v["Name"], "life");
    assert!(events(&env, &["--filter", "container=nothere"]).is_empty());
}

#[test]
fn stop_kill_exec_and_rename_are_recorded() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["run", "-d", "--name", "busy", "busybox", "sleep", "1000"]);
    assert_eq!(
        env.run(&["exec", "busy", "sh", "-c", "exit 4"]).code,
        Some(4)
    );
    env.run_ok(&["kill", "-s", "USR1", "busy"]);
    env.run_ok(&["rename", "busy", "calm"]);
    env.run_ok(&["stop", "-t", "0", "calm"]);
    let seen = events(
        &env,
        &[
            "--filter",
            "type=container",
            "--format",
            "{{.Status}} {{.Name}}",
        ],
    );
    let want = [
        "exec busy",
        "exec_died busy",
        "kill busy",
        "rename calm",
        "died calm",
        "stop calm",
    ];
    let mut at = 0;
    for w in want {
        let found = seen[at..].iter().position(|s| s == w);
        assert!(found.is_some(), "{w:?} after position {at} in {seen:?}");
        at += found.unwrap() + 1;
    }
    let exit = events(
        &env,
        &[
            "--filter",
            "event=exec_died",
            "--format",
            "{{.ContainerExitCode}}",
        ],
    );
    assert_eq!(exit, ["4"]);
    let sig = events(
        &env,
        &[
            "--filter",
            "event=kill",
            "--format",
            "{{.Attributes.signal}}",
        ],
    );
    assert_eq!(sig, ["SIGUSR1"]);
}

#[test]
fn image_volume_and_network_events_name_what_they_touched() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&["image", "inspect", "--format", "{{.Id}}", "busybox"])
        .trim()
        .to_string();
    env.run_ok(&["tag", "busybox", "example.com/mine:1"]);
    env.run_ok(&["untag", "busybox", "example.com/mine:1"]);
    env.run_ok(&["volume", "create", "vol1"]);
    env.run_ok(&["volume", "rm", "vol1"]);
    env.run_ok(&["network", "create", "net1"]);
    env.run_ok(&["network", "rm", "net1"]);
    env.run_ok(&["rmi", "-f", "busybox"]);
    let images = events(
        &env,
        &[
            "--filter",
            "type=image",
            "--format",
            "{{.Status}} {{.ID}} {{.Name}}",
        ],
    );
    assert_eq!(
        images,
        [
            format!("pull {id} busybox"),
            format!("tag {id} example.com/mine:1"),
            format!("untag {id} example.com/mine:1"),
            format!("untag {id} docker.io/library/busybox:latest"),
            format!("remove {id} {id}"),
        ]
    );
    let others = events(
        &env,
        &[
            "--filter",
            "type=volume",
            "--filter",
            "type=network",
            "--format",
            "{{.Type}} {{.Status}} {{.Name}}",
        ],
    );
    assert_eq!(
        others,
        [
            "volume create vol1",
            "volume remove vol1",
            "network create net1",
            "network remove net1"
        ]
    );
    assert_eq!(events(&env, &["--filter", "volume=vol1"]).len(), 2);
}

#[test]
fn following_prints_new_events_as_they_happen_and_bad_input_is_refused() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["volume", "create", "before"]);
    let mut follower = env
        .rcon(&["events", "--filter", "type=volume", "--format", "{{.Name}}"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(follower.stdout.take().unwrap()).lines();
    // The follower starts at the end: the earlier event is not repeated.
    std::thread::sleep(std::time::Duration::from_millis(300));
    env.run_ok(&["volume", "create", "after"]);
    let first = lines.next().unwrap().unwrap();
    assert_eq!(first, "after");
    follower.kill().unwrap();
    follower.wait().unwrap();
    for bad in [
        &["--filter", "colour=red"][..],
        &["--filter", "type=thing"],
        &["--since", "yesterday-ish"],
    ] {
        let mut args = vec!["events", "--stream=false"];
        args.extend_from_slice(bad);
        let (code, err) = env.run_fail(&args);
        assert_eq!(code, 125, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn many_processes_record_at_once_without_torn_lines() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..12)
        .map(|i| {
            env.rcon(&["volume", "create", &format!("v{i}-{}", "x".repeat(100))])
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let file = env.user().runtime_dir.join("rcon/events/events.log");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 12, "{text}");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["Status"], "create");
    }
}

#[test]
fn the_log_file_path_and_its_rotation_come_from_containers_conf() {
    let env = TestEnv::new();
    let file = env.user().home.join("ev/events.txt");
    let mut old = String::new();
    for i in 0..100 {
        old.push_str(&format!(
            "{{\"Name\":\"busybox\",\"Status\":\"pull\",\"Time\":\"2022-04-06T11:26:42.7236679{i:02}+02:00\",\"Type\":\"image\",\"Attributes\":null}}\n"
        ));
    }
    env.user().write_file(&file, &old);
    write_conf(
        &env,
        &format!(
            "[engine]\nevents_logger = \"file\"\nevents_logfile_path = \"{}\"\nevents_logfile_max_size = {}\n",
            file.display(),
            old.len() / 2
        ),
    );
    env.run_ok(&["volume", "create", "rot"]);
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        51,
        "the newer half, the rotation and the new event"
    );
    assert_eq!(lines[0], old.lines().nth(51).unwrap());
    let shown = events(&env, &["--since", "2022-03-06T11:26:42.723667984+02:00"]);
    assert_eq!(shown.len(), 51);
    assert!(
        shown[49].ends_with(&format!("system log-rotation {}", file.display())),
        "{}",
        shown[49]
    );
    assert!(shown[50].ends_with("volume create rot"), "{}", shown[50]);
    assert!(!env
        .user()
        .runtime_dir
        .join("rcon/events/events.log")
        .exists());
}

#[test]
fn the_none_backend_records_nothing_and_refuses_to_read() {
    let env = TestEnv::new();
    env.run_ok(&["--events-backend", "none", "volume", "create", "quiet"]);
    assert!(!env
        .user()
        .runtime_dir
        .join("rcon/events/events.log")
        .exists());
    let (code, err) = env.run_fail(&["--events-backend", "none", "events", "--stream=false"]);
    assert_eq!(code, 125);
    assert_eq!(
        err.trim(),
        "Error: cannot read events with the \"none\" backend"
    );
    write_conf(&env, "[engine]\nevents_logger = \"none\"\n");
    env.run_ok(&["volume", "create", "quiet2"]);
    assert!(!env
        .user()
        .runtime_dir
        .join("rcon/events/events.log")
        .exists());
    let (code, _) = env.run_fail(&["events", "--stream=false"]);
    assert_eq!(code, 125);
    env.run_ok(&["--events-backend", "file", "volume", "create", "loud"]);
    assert_eq!(
        events(&env, &["--events-backend=file", "--format", "{{.Name}}"]),
        ["loud"],
        "the flag wins over containers.conf"
    );
}

#[test]
fn containers_conf_sets_the_defaults_of_new_containers_and_flags_win() {
    let (env, _reg) = busybox_world();
    write_conf(
        &env,
        "[containers]\nenv = [\"FROM_CONF=1\", \"PATH=/conf\"]\ndefault_ulimits = [\"nofile=500:600\"]\n\
         log_driver = \"none\"\ndefault_capabilities = [\"CHOWN\", \"KILL\"]\n\
         dns_servers = [\"192.0.2.53\"]\n\n[engine]\nstop_timeout = 3\n",
    );
    let out = env.run_ok(&[
        "run", "--name", "conf", "busybox", "sh", "-c",
        "echo $FROM_CONF; ulimit -n; grep CapEff /proc/self/status; grep nameserver /etc/resolv.conf",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1");
    assert_eq!(lines[1], "500");
    // CAP_CHOWN (0) and CAP_KILL (5).
    assert_eq!(lines[2].split_whitespace().nth(1), Some("0000000000000021"));
    assert_eq!(lines[3], "nameserver 192.0.2.53");
    let v = inspect(&env, "conf");
    assert_eq!(v["Config"]["StopTimeout"], 3);
    assert_eq!(v["HostConfig"]["LogConfig"]["Type"], "none");
    let env_list = v["Config"]["Env"].to_string();
    assert!(
        !env_list.contains("PATH=/conf"),
        "the image's PATH wins over containers.conf's: {env_list}"
    );
    env.run_ok(&[
        "run",
        "--name",
        "flags",
        "--stop-timeout",
        "7",
        "--log-driver",
        "k8s-file",
        "busybox",
        "true",
    ]);
    let v = inspect(&env, "flags");
    assert_eq!(v["Config"]["StopTimeout"], 7);
    assert_eq!(v["HostConfig"]["LogConfig"]["Type"], "k8s-file");
    let info = env.run_ok(&[
        "info",
        "--format",
        "{{.Host.LogDriver}} {{.Host.EventLogger}}",
    ]);
    assert_eq!(info.trim(), "none file");
}

#[test]
fn a_broken_containers_conf_stops_every_command_naming_the_file() {
    let env = TestEnv::new();
    let conf = env.user().config_home.join("containers/containers.conf");
    for (text, needle) in [
        ("[engine\n", "line 1"),
        ("[containers]\nlog_driver = \"syslog\"\n", "log_driver"),
        ("[engine]\nstop_timeout = \"ten\"\n", "stop_timeout"),
    ] {
        write_conf(&env, text);
        let (code, err) = env.run_fail(&["ps"]);
        assert_eq!(code, 125, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&conf.display().to_string()) && err.contains(needle),
            "{err}"
        );
    }
    std::fs::remove_file(&conf).unwrap();
    env.run_ok(&["ps"]);
}

fn vm_only() {
    common::vm_only("a real systemd journal");
}

#[test]
fn vm_events_go_to_the_journal_and_come_back_with_pause_and_unpause() {
    vm_only();
    let (env, _reg) = busybox_world();
    let j = ["--events-backend", "journald"];
    let with = |args: &[&str]| -> Vec<String> {
        j.iter()
            .copied()
            .chain(args.iter().copied())
            .map(String::from)
            .collect()
    };
    env.run_ok(&with(&[
        "run", "-d", "--name", "jev", "--label", "tier=db", "busybox", "sleep", "1000",
    ]));
    env.run_ok(&with(&["pause", "jev"]));
    env.run_ok(&with(&["unpause", "jev"]));
    env.run_ok(&with(&["rm", "-f", "jev"]));
    // The supervisor's `cleanup` and the CLI's `remove` race to the journal: only their
    // presence is checked.
    let want = [
        "create", "init", "start", "pause", "unpause", "died", "remove",
    ];
    let mut seen = Vec::new();
    common::world::eventually(20, "the events in the journal", || {
        seen = env
            .run_ok(&with(&[
                "events",
                "--stream=false",
                "--filter",
                "container=jev",
                "--format",
                "{{.Status}} {{.Attributes.tier}}",
            ]))
            .lines()
            .map(str::to_string)
            .collect();
        seen.len() > want.len()
    });
    assert!(seen.iter().any(|l| l.starts_with("cleanup ")), "{seen:?}");
    let statuses: Vec<&str> = seen.iter().map(|l| l.split(' ').next().unwrap()).collect();
    let mut at = 0;
    for w in want {
        let found = statuses[at..].iter().position(|s| *s == w);
        assert!(found.is_some(), "{w:?} after {at} in {seen:?}");
        at += found.unwrap() + 1;
    }
    assert!(seen.iter().all(|l| l.ends_with(" db")), "{seen:?}");
    // Podman's field names, as journalctl shows them.
    let out = std::process::Command::new("journalctl")
        .args([
            "-o",
            "json",
            "--all",
            "--no-pager",
            "-q",
            "SYSLOG_IDENTIFIER=rcon",
            "PODMAN_NAME=jev",
            "PODMAN_EVENT=start",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let entry: serde_json::Value =
        serde_json::from_str(text.lines().next().expect("a start entry")).unwrap();
    assert_eq!(entry["PODMAN_TYPE"], "container");
    assert_eq!(entry["PODMAN_IMAGE"], "docker.io/library/busybox:latest");
    assert_eq!(entry["PODMAN_LABELS"], r#"{"tier":"db"}"#);
    let file = env.user().runtime_dir.join("rcon/events/events.log");
    let text = std::fs::read_to_string(file).unwrap_or_default();
    assert!(!text.contains("jev"), "nothing of jev in the file: {text}");
}

#[test]
fn a_change_of_health_is_an_event_unless_containers_conf_says_no() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "doc",
        "--health-cmd",
        "true",
        "--health-interval",
        "1s",
        "busybox",
        "sleep",
        "1000",
    ]);
    let mut seen = Vec::new();
    common::world::eventually(20, "a health_status event", || {
        seen = events(
            &env,
            &[
                "--filter",
                "event=health_status",
                "--format",
                "{{.Name}} {{.HealthStatus}}",
            ],
        );
        !seen.is_empty()
    });
    assert_eq!(seen[0], "doc healthy");
    let human = events(&env, &["--filter", "event=health_status"]);
    assert!(human[0].contains("health_status=healthy"), "{}", human[0]);
    env.run_ok(&["rm", "-f", "doc"]);
    write_conf(&env, "[containers]\nhealthcheck_events = false\n");
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "quiet",
        "--health-cmd",
        "true",
        "--health-interval",
        "1s",
        "busybox",
        "sleep",
        "1000",
    ]);
    common::world::eventually(20, "a healthy container", || {
        env.run_ok(&["inspect", "--format", "{{.State.Health.Status}}", "quiet"])
            .trim()
            == "healthy"
    });
    let quiet = events(
        &env,
        &[
            "--filter",
            "event=health_status",
            "--filter",
            "container=quiet",
        ],
    );
    assert!(quiet.is_empty(), "{quiet:?}");
    env.run_ok(&["rm", "-f", "quiet"]);
}

#[test]
fn the_events_logger_destination_records_every_check_with_its_output() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "chatty",
        "--health-cmd",
        "echo all-good",
        "--health-interval",
        "1s",
        "--health-log-destination",
        "events_logger",
        "busybox",
        "sleep",
        "1000",
    ]);
    let mut logs = Vec::new();
    common::world::eventually(20, "two checks in the events", || {
        logs = events(
            &env,
            &[
                "--filter",
                "container=chatty",
                "--filter",
                "event=health_status",
                "--format",
                "json",
            ],
        )
        .iter()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["Attributes"]["health_log"].as_str().map(str::to_string)
        })
        .collect();
        logs.len() >= 2
    });
    let one: serde_json::Value = serde_json::from_str(&logs[0]).unwrap();
    assert_eq!(one["ExitCode"], 0);
    assert_eq!(one["Output"], "all-good");
    env.run_ok(&["rm", "-f", "chatty"]);
}
