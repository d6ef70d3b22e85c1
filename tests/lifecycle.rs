//! The container lifecycle through the real binary as the test user: `run` (exit codes,
//! foreground output, `-d`), `create`/`start`, `stop` (and its SIGKILL escalation), `kill`,
//! `restart`, `rm`, `rename`, `--replace`, `wait`, `ps` (formats and filters), `inspect`,
//! `container prune`/`exists`, `rmi` of an image in use, `--noout`, 100 parallel runs, a supervisor
//! killed with -9, the `stopping` status, `rm`'s dependents and races. The image is a static busybox served by a real registry on loopback.
mod common;

use common::image::{self, Compression, ImageSpec};
use common::world::{busybox_world, eventually, inspect};
use common::{assert_one_error_line, TestEnv};
use serde_json::Value;
use std::time::{Duration, Instant};

fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Waits until container `name` logged `ready` (its signal traps are set).
fn wait_ready(env: &TestEnv, name: &str) {
    eventually(20, "the container's traps to be set", || {
        env.run_ok(&["logs", name]).contains("ready")
    });
}

#[test]
fn run_prints_output_and_exits_with_the_containers_code() {
    let (env, _reg) = busybox_world();
    let out = env.run(&["run", "--rm", "busybox", "echo", "hello", "-n"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout, "hello -n\n",
        "arguments after the image go to the command"
    );
    let out = env.run(&["run", "--rm", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(out.code, Some(3), "{out}");
    // --rm removed both.
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn start_failures_get_125_126_127_and_one_line() {
    let (env, reg) = busybox_world();
    let out = env.run(&["run", "--rm", "busybox", "/no/such/command"]);
    assert_eq!(out.code, Some(127), "missing command: {out}");
    assert_one_error_line(&out.stderr);
    let out = env.run(&["run", "--rm", "busybox", "/etc/passwd"]);
    assert_eq!(out.code, Some(126), "not executable: {out}");
    assert_one_error_line(&out.stderr);
    let line = env.run(&["run", "--rm", "nosuchimage", "true"]).error_125();
    assert!(line.contains("nosuchimage"), "{line}");
    let line = env
        .run(&["run", "--network", "bridge:x", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("--network") && line.contains("slirp4netns"),
        "{line}"
    );
    let line = env
        .run(&["run", "--pull=sometimes", "busybox", "true"])
        .error_125();
    assert!(line.contains("always, missing, never or newer"), "{line}");
    let line = env
        .run(&["run", "--cap-add", "FLY", "busybox", "true"])
        .error_125();
    assert!(line.contains("--cap-add"), "{line}");
    // An image without Cmd or Entrypoint and no command given.
    let bare = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&[])
        .build();
    reg.push("library/bare:latest", &bare);
    let line = env.run(&["run", "--rm", "bare"]).error_125();
    assert!(line.contains("no command"), "{line}");
    // Failed --rm runs leave nothing behind.
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn detached_container_is_listed_and_stops() {
    let (env, _reg) = busybox_world();
    let script = "trap 'exit 0' TERM; echo ready; while :; do sleep 0.1; done";
    let id = env.run_ok(&["run", "-d", "--name", "web", "busybox", "sh", "-c", script]);
    let id = id.trim();
    assert!(is_id(id), "run -d prints the full ID: {id:?}");
    wait_ready(&env, "web");
    let ps = env.run_ok(&["ps"]);
    let header = ps.lines().next().unwrap();
    for col in [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let row = ps.lines().find(|l| l.contains("web")).expect("web in ps");
    assert!(row.starts_with(&id[..12]) && row.contains("Up "), "{row}");
    assert_eq!(env.run_ok(&["ps", "-q"]).trim(), &id[..12]);
    assert_eq!(env.run_ok(&["ps", "-q", "--no-trunc"]).trim(), id);
    let start = Instant::now();
    assert_eq!(env.run_ok(&["stop", "web"]).trim(), "web");
    assert!(start.elapsed() < Duration::from_secs(5), "TERM was handled");
    let v = inspect(&env, "web");
    assert_eq!(v["State"]["Status"], "exited");
    assert_eq!(v["State"]["ExitCode"], 0);
    assert_eq!(env.run_ok(&["ps", "-q"]).trim(), "", "not running any more");
    let all = env.run_ok(&["ps", "-a"]);
    assert!(all.contains("Exited (0)"), "{all}");
}

#[test]
fn stop_escalates_to_sigkill_when_term_is_ignored() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "stubborn",
        "busybox",
        "sh",
        "-c",
        "trap '' TERM; sleep 100",
    ]);
    let start = Instant::now();
    let out = env.run(&["stop", "-t", "1", "stubborn"]);
    let took = start.elapsed();
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stderr.contains(
            "StopSignal SIGTERM failed to stop container stubborn in 1 seconds, resorting to SIGKILL"
        ),
        "Podman's warning: {out}"
    );
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(8),
        "stop waited the timeout, then killed: {took:?}"
    );
    let v = inspect(&env, "stubborn");
    assert_eq!(v["State"]["ExitCode"], 137, "{v}");
    assert_eq!(v["State"]["Status"], "exited");
}

#[test]
fn kill_sends_the_signal_and_wait_prints_the_code() {
    let (env, _reg) = busybox_world();
    let script = "trap 'exit 42' USR1; echo ready; while :; do sleep 0.1; done";
    env.run_ok(&["run", "-d", "--name", "k", "busybox", "sh", "-c", script]);
    wait_ready(&env, "k");
    assert_eq!(env.run_ok(&["kill", "-s", "USR1", "k"]).trim(), "k");
    assert_eq!(env.run_ok(&["wait", "k"]).trim(), "42");
    let line = env.run(&["kill", "k"]).error_125();
    assert!(
        line.contains("running"),
        "only running containers get signals: {line}"
    );
    let id = env.run_ok(&["run", "-d", "busybox", "sh", "-c", "sleep 0.3; exit 5"]);
    assert_eq!(env.run_ok(&["wait", id.trim()]).trim(), "5");
    // `wait` on a `--rm` container returns once it is gone: the next command finds nothing.
    let id = env.run_ok(&[
        "run",
        "-d",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "sleep 2; exit 6",
    ]);
    assert_eq!(env.run_ok(&["wait", id.trim()]).trim(), "6");
    let out = env.run(&["rm", id.trim()]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stderr.contains("no such container"), "{out}");
}

#[test]
fn rm_refuses_a_running_container_unless_forced() {
    let (env, _reg) = busybox_world();
    let id = env.run_ok(&["run", "-d", "--name", "busy", "busybox", "sleep", "100"]);
    let id = id.trim().to_string();
    let out = env.run(&["rm", "busy"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert_one_error_line(&out.stderr);
    assert_eq!(env.run_ok(&["rm", "-f", "busy"]).trim(), "busy");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    let dir = env.user().data_home.join("rcon/containers").join(&id);
    assert!(!dir.exists(), "{} removed", dir.display());
    let out = env.run(&["rm", "busy"]);
    assert_eq!(
        out.code,
        Some(1),
        "Podman's code for a missing container: {out}"
    );
    assert_eq!(env.run(&["rm", "--ignore", "busy"]).code, Some(0));
    assert_eq!(env.run(&["container", "exists", "busy"]).code, Some(1));
}

#[test]
fn names_rename_replace_and_taken_names() {
    let (env, _reg) = busybox_world();
    let first = env.run_ok(&["create", "--name", "one", "busybox", "true"]);
    assert!(is_id(first.trim()));
    let line = env
        .run(&["create", "--name", "one", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("\"one\"") && line.contains(first.trim()),
        "{line}"
    );
    let line = env
        .run(&["create", "--name", "-bad", "busybox"])
        .error_125();
    assert!(line.contains("--name"), "{line}");
    env.run_ok(&["rename", "one", "two"]);
    assert_eq!(env.run(&["container", "exists", "one"]).code, Some(1));
    assert_eq!(env.run(&["container", "exists", "two"]).code, Some(0));
    assert_eq!(inspect(&env, "two")["Name"], "two");
    // The old name is free again.
    env.run_ok(&["create", "--name", "one", "busybox", "true"]);
    let replaced = env.run_ok(&["create", "--replace", "--name", "two", "busybox", "true"]);
    assert_ne!(replaced.trim(), first.trim());
    assert_eq!(inspect(&env, "two")["Id"], replaced.trim());
    let ids = env.run_ok(&["ps", "-aq", "--no-trunc"]);
    assert_eq!(ids.lines().count(), 2, "{ids}");
    // A name left by a create that died before its record: refused while fresh, taken over
    // once stale.
    let names_dir = env.user().data_home.join("rcon/containers/names");
    std::os::unix::fs::symlink("f".repeat(64), names_dir.join("orphan")).unwrap();
    let line = env
        .run(&["create", "--name", "orphan", "busybox"])
        .error_125();
    assert!(line.contains("\"orphan\""), "{line}");
    let st = std::process::Command::new("touch")
        .args(["-h", "-d", "2 hours ago"])
        .arg(names_dir.join("orphan"))
        .status()
        .unwrap();
    assert!(st.success());
    env.run_ok(&["create", "--name", "orphan", "busybox"]);
    // Unique prefixes find a container; generated names are adjective_surname.
    let gen = env.run_ok(&["create", "busybox"]);
    let v = inspect(&env, &gen.trim()[..8]);
    assert!(v["Name"].as_str().unwrap().contains('_'), "{v}");
}

/// What Podman's own system tests lean on in every file: `--noout`, a flag given twice taking
/// its last value, and template fields named as Go names them (`.ID` for the JSON's `Id`).
#[test]
fn noout_last_flag_wins_and_go_field_names() {
    let (env, _reg) = busybox_world();
    let out = env.run(&[
        "--noout", "create", "--name", "loud", "--name", "quiet", "busybox",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "", "--noout prints nothing on stdout");
    let id = inspect(&env, "quiet")["Id"].as_str().unwrap().to_string();
    // Not `a`: that may be the start of the ID.
    assert_eq!(env.run(&["container", "exists", "loud"]).code, Some(1));
    let out = env.run_ok(&[
        "inspect", "--format", "{{.Id}}", "--format", "{{.ID}}", "quiet",
    ]);
    assert_eq!(out.trim(), id);
    let img = env.run_ok(&["image", "inspect", "--format", "{{.ID}}", "busybox"]);
    assert!(is_id(img.trim()), "{img}");
    // Errors still reach stderr.
    let out = env.run(&["--noout", "rm", "nosuch"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stdout.is_empty() && out.stderr.contains("nosuch"),
        "{out}"
    );
}

#[test]
fn create_then_start_restart_and_prune() {
    let (env, _reg) = busybox_world();
    let id = env.run_ok(&["create", "--name", "later", "busybox", "sh", "-c", "exit 7"]);
    assert!(is_id(id.trim()));
    assert!(env.run_ok(&["ps", "-a"]).contains("Created"));
    assert_eq!(env.run(&["start", "-a", "later"]).code, Some(7));
    assert_eq!(env.run_ok(&["start", "later"]).trim(), "later");
    assert_eq!(env.run_ok(&["wait", "later"]).trim(), "7");
    let looping = "trap 'exit 0' TERM; echo ready; while :; do sleep 0.1; done";
    env.run_ok(&["run", "-d", "--name", "up", "busybox", "sh", "-c", looping]);
    wait_ready(&env, "up");
    let before = inspect(&env, "up")["State"]["StartedAt"].clone();
    assert_eq!(env.run_ok(&["restart", "up"]).trim(), "up");
    let v = inspect(&env, "up");
    assert_eq!(v["State"]["Status"], "running");
    assert_ne!(v["State"]["StartedAt"], before);
    let pruned = env.run_ok(&["container", "prune", "-f"]);
    assert_eq!(pruned.trim(), id.trim(), "only the stopped container goes");
    assert_eq!(env.run(&["container", "exists", "up"]).code, Some(0));
    env.run_ok(&["rm", "-f", "up"]);
}

#[test]
fn ps_formats_and_filters() {
    let (env, _reg) = busybox_world();
    let a = env.run_ok(&[
        "create", "--name", "alpha", "-l", "tier=web", "busybox", "true",
    ]);
    let b = env.run_ok(&["create", "--name", "beta", "--label", "tier=db", "busybox"]);
    let (a, b) = (a.trim(), b.trim());
    assert_eq!(
        env.run_ok(&["ps", "-q"]).trim(),
        "",
        "created containers are not running"
    );
    let json = env.run_ok(&["ps", "-a", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["Id"], b, "newest first");
    assert_eq!(v[0]["Names"][0], "beta");
    assert_eq!(v[0]["State"], "created");
    assert_eq!(v[1]["Labels"]["tier"], "web");
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["ps", "-a", "--format", "{{.Names}}"];
        all.extend_from_slice(args);
        env.run_ok(&all).lines().map(str::to_string).collect()
    };
    assert_eq!(names(&["--filter", "label=tier=web"]), ["alpha"]);
    assert_eq!(names(&["--filter", "label=tier"]), ["beta", "alpha"]);
    assert_eq!(names(&["--filter", "name=alp"]), ["alpha"]);
    assert_eq!(names(&["--filter", &format!("id={}", &b[..6])]), ["beta"]);
    assert_eq!(names(&["--filter", "status=created"]), ["beta", "alpha"]);
    assert_eq!(
        names(&["--sort", "created"]),
        ["alpha", "beta"],
        "oldest first"
    );
    assert_eq!(names(&["--sort", "names"]), ["alpha", "beta"]);
    assert_eq!(
        names(&["--sort", "command"]),
        ["beta", "alpha"],
        "sh < true"
    );
    let line = env.run(&["ps", "--sort", "colour"]).error_125();
    assert!(line.contains("colour") && line.contains("--sort"), "{line}");
    assert!(names(&["--filter", "status=running"]).is_empty());
    assert_eq!(names(&["--filter", "ancestor=busybox"]).len(), 2);
    assert!(names(&["--filter", "ancestor=alpine"]).is_empty());
    assert_eq!(names(&["-n", "1"]), ["beta"]);
    assert_eq!(names(&["--latest"]), ["beta"]);
    let t = env.run_ok(&["ps", "-a", "--format", "{{.ID}} {{.Status}} {{.Command}}"]);
    assert!(t.contains(&format!("{} Created true", &a[..12])), "{t}");
    let line = env.run(&["ps", "--filter", "color=red"]).error_125();
    assert!(line.contains("status, name, label, ancestor, id"), "{line}");
}

#[test]
fn inspect_shows_podmans_fields_and_templates() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "create",
        "--name",
        "insp",
        "-e",
        "FOO=bar",
        "-w",
        "/tmp",
        "--hostname",
        "box",
        "--cap-add",
        "net_admin",
        "--cap-drop",
        "CAP_CHOWN",
        "--read-only",
        "--restart",
        "on-failure:2",
        "--stop-signal",
        "SIGINT",
        "--stop-timeout",
        "3",
        "--tmpfs",
        "/scratch:size=1m",
        "--ulimit",
        "nofile=100:200",
        "--init",
        "-t",
        "busybox",
        "sh",
        "-c",
        "exit 3",
    ]);
    let v = inspect(&env, "insp");
    assert!(is_id(v["Id"].as_str().unwrap()));
    assert_eq!(v["Name"], "insp");
    assert_eq!(v["Path"], "sh");
    assert_eq!(v["Args"], serde_json::json!(["-c", "exit 3"]));
    assert_eq!(v["State"]["Status"], "created");
    assert_eq!(v["State"]["Running"], false);
    let c = &v["Config"];
    assert_eq!(c["Hostname"], "box");
    assert_eq!(c["WorkingDir"], "/tmp");
    assert_eq!(c["Tty"], true);
    assert_eq!(c["StopSignal"], "SIGINT");
    assert!(c["Env"].as_array().unwrap().iter().any(|e| e == "FOO=bar"));
    assert!(c["Env"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e == "TERM=xterm"));
    assert!(c["Image"].as_str().unwrap().contains("busybox"));
    let h = &v["HostConfig"];
    assert_eq!(h["RestartPolicy"]["Name"], "on-failure");
    assert_eq!(h["RestartPolicy"]["MaximumRetryCount"], 2);
    assert_eq!(h["ReadonlyRootfs"], true);
    assert_eq!(h["Init"], true);
    assert_eq!(h["CapAdd"][0], "CAP_NET_ADMIN");
    assert_eq!(h["CapDrop"][0], "CAP_CHOWN");
    // The default rootless network, as `info` tells it.
    let default_net = env.run_ok(&["info", "--format", "{{.Host.RootlessNetworkCmd}}"]);
    assert_eq!(h["NetworkMode"], default_net.trim());
    assert!(h["Tmpfs"]["/scratch"].as_str().unwrap().contains("size=1m"));
    assert_eq!(h["Ulimits"][0]["Soft"], 100);
    let caps: Vec<&str> = v["EffectiveCaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        caps.contains(&"CAP_NET_ADMIN") && !caps.contains(&"CAP_CHOWN"),
        "{caps:?}"
    );
    // A finished container's exit code through a template.
    let out = env.run(&["run", "--name", "three", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(out.code, Some(3));
    let code = env.run_ok(&["inspect", "--format", "{{.State.ExitCode}}", "three"]);
    assert_eq!(code.trim(), "3");
    let code = env.run_ok(&["container", "inspect", "-f", "{{.State.Status}}", "three"]);
    assert_eq!(code.trim(), "exited");
    // `inspect` finds images too, after containers.
    let img = env.run_ok(&["inspect", "--format", "{{.Os}}", "busybox"]);
    assert_eq!(img.trim(), "linux");
    let out = env.run(&["inspect", "nothing-by-this-name"]);
    assert_eq!(out.code, Some(125));
}

#[test]
fn rmi_refuses_an_image_in_use_and_force_removes_its_containers() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["create", "--name", "user", "busybox"]);
    let out = env.run(&["rmi", "busybox"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(out.stderr.contains("in use by container"), "{out}");
    env.run_ok(&["rmi", "-f", "busybox"]);
    assert_eq!(env.run(&["container", "exists", "user"]).code, Some(1));
    assert_eq!(env.run_ok(&["images", "-q"]).trim(), "");
}

#[test]
fn hundred_parallel_runs_give_hundred_containers() {
    let (env, _reg) = busybox_world();
    let children: Vec<_> = (0..100)
        .map(|_| {
            let mut c = env.rcon(&["run", "-d", "busybox", "true"]);
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        ids.insert(String::from_utf8(out.stdout).unwrap().trim().to_string());
    }
    assert_eq!(ids.len(), 100, "distinct IDs");
    let json = env.run_ok(&["ps", "-a", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).expect("clean JSON");
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 100);
    let names: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["Names"][0].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 100, "distinct names");
    for r in rows {
        assert!(ids.contains(r["Id"].as_str().unwrap()));
    }
    eventually(30, "all 100 to exit", || {
        env.run_ok(&["ps", "-q"]).trim().is_empty()
    });
    let codes = env.run_ok(&["ps", "-a", "--format", "{{.ExitCode}}"]);
    assert!(codes.lines().all(|c| c == "0"), "{codes}");
}

#[test]
fn ps_reports_a_container_whose_supervisor_was_killed() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["run", "-d", "--name", "orphan", "busybox", "sleep", "100"]);
    let v = inspect(&env, "orphan");
    let sup = v["State"]["ConmonPid"].as_i64().unwrap();
    assert!(sup > 0, "{v}");
    let st = std::process::Command::new("kill")
        .args(["-9", &sup.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    eventually(10, "the supervisor to be gone", || {
        !std::path::Path::new(&format!("/proc/{sup}")).exists()
    });
    let ps = env.run_ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.contains("orphan Exited (137)"), "{ps}");
    assert_eq!(env.run_ok(&["ps", "-q"]).trim(), "");
    let v = inspect(&env, "orphan");
    assert!(
        v["State"]["Error"].as_str().unwrap().contains("supervisor"),
        "{v}"
    );
    env.run_ok(&["rm", "orphan"]);
}

#[test]
fn a_non_root_user_can_enter_the_containers_root() {
    let (env, _reg) = busybox_world();
    let out = env.run(&[
        "run",
        "--rm",
        "-u",
        "nobody",
        "busybox",
        "sh",
        "-c",
        "cd / && id -u",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout.trim(), "65534");
}

#[test]
fn single_uid_user_runs_stops_and_removes_containers() {
    let (env, _reg) = busybox_world();
    let run =
        |args: &[&str]| common::run_command(env.rcon_single(args), None, common::DEFAULT_TIMEOUT);
    assert_eq!(run(&["pull", "-q", "busybox"]).code, Some(0));
    let out = run(&["run", "--rm", "busybox", "sh", "-c", "echo hi; exit 4"]);
    assert_eq!(out.code, Some(4), "{out}");
    assert_eq!(out.stdout, "hi\n");
    let looping = "trap 'exit 0' TERM; echo ready; while :; do sleep 0.1; done";
    let out = run(&["run", "-d", "--name", "s", "busybox", "sh", "-c", looping]);
    assert_eq!(out.code, Some(0), "{out}");
    eventually(20, "the container's traps to be set", || {
        run(&["logs", "s"]).stdout.contains("ready")
    });
    assert_eq!(run(&["stop", "s"]).code, Some(0));
    let out = run(&["inspect", "--format", "{{.State.ExitCode}}", "s"]);
    assert_eq!(out.stdout.trim(), "0", "{out}");
    let out = run(&["run", "-d", "--name", "t", "busybox", "sleep", "100"]);
    assert_eq!(out.code, Some(0), "{out}");
    let out = run(&["rm", "-af"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(run(&["ps", "-aq"]).stdout.trim(), "");
}

#[test]
fn detached_rm_and_a_killed_cli_keep_their_promises() {
    let (env, _reg) = busybox_world();
    // -d --rm: the supervisor removes the container when it ends.
    env.run_ok(&["run", "-d", "--rm", "--name", "gone", "busybox", "true"]);
    eventually(10, "the --rm container to be removed", || {
        env.run(&["container", "exists", "gone"]).code == Some(1)
    });
    // The foreground CLI killed with -9: the exit code is still recorded …
    let mut cli = env
        .rcon(&[
            "run",
            "--name",
            "kept",
            "busybox",
            "sh",
            "-c",
            "sleep 1; exit 3",
        ])
        .spawn()
        .unwrap();
    eventually(10, "the container to run", || {
        env.run_ok(&["ps", "-q", "--filter", "name=kept"])
            .trim()
            .len()
            == 12
    });
    cli.kill().unwrap();
    cli.wait().unwrap();
    assert_eq!(env.run_ok(&["wait", "kept"]).trim(), "3");
    // … and --rm still happens.
    let mut cli = env
        .rcon(&["run", "--rm", "--name", "temp", "busybox", "sleep", "1"])
        .spawn()
        .unwrap();
    eventually(10, "the container to run", || {
        env.run_ok(&["ps", "-q", "--filter", "name=temp"])
            .trim()
            .len()
            == 12
    });
    cli.kill().unwrap();
    cli.wait().unwrap();
    eventually(
        10,
        "the --rm container to be removed after its CLI died",
        || env.run(&["container", "exists", "temp"]).code == Some(1),
    );
}

#[test]
fn cidfile_gets_the_id_and_is_not_overwritten() {
    let (env, _reg) = busybox_world();
    let cid = env.user().home.join("ctr.id");
    let cid_s = cid.to_str().unwrap();
    let id = env.run_ok(&["create", "--cidfile", cid_s, "busybox"]);
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), id.trim());
    let line = env
        .run(&["create", "--cidfile", cid_s, "busybox"])
        .error_125();
    assert!(line.contains("ctr.id"), "{line}");
    assert_eq!(env.run_ok(&["ps", "-aq"]).lines().count(), 1);
    let out = env.run_ok(&[
        "inspect",
        "-f",
        "{{.HostConfig.ContainerIDFile}}",
        id.trim(),
    ]);
    assert_eq!(out.trim(), cid_s);
}

fn quiet(mut cmd: std::process::Command) -> std::process::Command {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// While `stop` waits out its timeout the container shows as `stopping` (inspect and ps), and
/// other commands run meanwhile; a stop that was killed no longer counts.
#[test]
fn stop_shows_stopping_while_it_waits() {
    let (env, _reg) = busybox_world();
    let script = "trap 'echo ignored' TERM; echo ready; while :; do sleep 0.1; done";
    env.run_ok(&["run", "-d", "--name", "slow", "busybox", "sh", "-c", script]);
    wait_ready(&env, "slow");
    let status = || env.run_ok(&["inspect", "--format", "{{.State.Status}}", "slow"]);
    let mut stop = quiet(env.rcon(&["stop", "-t", "600", "slow"]))
        .spawn()
        .unwrap();
    eventually(20, "the container to be stopping", || {
        status() == "stopping\n"
    });
    let ps = env.run_ok(&["ps", "--format", "{{.Status}} {{.State}}"]);
    assert_eq!(ps, "Stopping stopping\n");
    stop.kill().unwrap();
    stop.wait().unwrap();
    assert_eq!(status(), "running\n", "a killed stop waits no more");
    let mut stop = quiet(env.rcon(&["stop", "-t", "600", "slow"]))
        .spawn()
        .unwrap();
    eventually(20, "the container to be stopping", || {
        status() == "stopping\n"
    });
    assert_eq!(env.run_ok(&["kill", "slow"]).trim(), "slow");
    assert!(stop.wait().unwrap().success());
    assert_eq!(status(), "exited\n");
    let v = inspect(&env, "slow");
    assert_eq!(v["State"]["ExitCode"], 137, "{v}");
}

/// `kill -s` takes a leading dash (`-1`, `-HUP`); `wait` on a container never started answers
/// at once with 0, and a `start` that fails is 125 whatever the command's trouble.
#[test]
fn kill_with_a_dash_and_wait_on_a_never_started_container() {
    let (env, _reg) = busybox_world();
    let script = "trap 'exit 41' HUP; echo ready; while :; do sleep 0.1; done";
    env.run_ok(&["run", "-d", "--name", "h", "busybox", "sh", "-c", script]);
    wait_ready(&env, "h");
    assert_eq!(env.run_ok(&["kill", "-s", "-1", "h"]).trim(), "h");
    assert_eq!(env.run_ok(&["wait", "h"]).trim(), "41");
    env.run(&["kill", "-s", "-65", "h"]).error_125();
    env.run_ok(&["create", "--name", "never", "busybox", "/no/such/command"]);
    assert_eq!(env.run_ok(&["wait", "never"]), "0\n");
    let out = env.run(&["start", "never"]);
    assert_eq!(out.code, Some(125), "{out}");
    assert_one_error_line(&out.stderr);
    assert_eq!(env.run_ok(&["wait", "never"]), "127\n");
}

/// `rm` of a container others depend on is refused (125) unless they go too or `--depend`
/// takes them; `rm -af` of a `--rm` container that removes itself meanwhile succeeds.
#[test]
fn rm_keeps_needed_containers_and_tolerates_a_racing_rm() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["create", "--name", "base", "busybox", "true"]);
    env.run_ok(&[
        "create",
        "--name",
        "dep",
        "--network",
        "container:base",
        "busybox",
        "true",
    ]);
    let line = env.run(&["rm", "base"]).error_125();
    assert!(line.contains("dep") && line.contains("--depend"), "{line}");
    assert_eq!(
        env.run_ok(&["ps", "-a", "--format", "{{.Names}}"])
            .lines()
            .count(),
        2
    );
    let out = env.run_ok(&["rm", "--depend", "base"]);
    assert!(out.contains("base") && out.lines().count() == 2, "{out}");
    env.run_ok(&["create", "--name", "base", "busybox", "true"]);
    env.run_ok(&[
        "create",
        "--name",
        "dep",
        "--network",
        "container:base",
        "busybox",
        "true",
    ]);
    assert_eq!(env.run_ok(&["rm", "base", "dep"]).lines().count(), 2);
    let id = env.run_ok(&["run", "--rm", "-d", "busybox", "sleep", "1000"]);
    assert_eq!(env.run_ok(&["rm", "-af"]), id);
    assert_eq!(env.run_ok(&["ps", "-aq"]), "");
}
