//! Podman's CLI where its own system tests hold rcon to it: `start --all` prints IDs and
//! `start NAME` the name; `start --filter` (restart-policy, exited, …); `rm --depend` takes
//! the dependents first (and a pod with its infra); `images --sort`; `network rm -f -t`; an
//! unknown flag before the image; `container runlabel`; `rm -f` of a missing container;
//! `--volumepath`; `kill` as the user's stop (SIGKILL or the stop signal), not another signal.
mod common;

use common::world::{busybox_world, eventually, inspect};
use common::TestEnv;

#[test]
fn start_prints_ids_for_all_and_filters_what_it_starts() {
    let (env, _reg) = busybox_world();
    let ok = env
        .run_ok(&["run", "-d", "busybox", "true"])
        .trim()
        .to_string();
    let bad = env
        .run_ok(&["run", "-d", "busybox", "false"])
        .trim()
        .to_string();
    env.run_ok(&["wait", &ok, &bad]);
    let out = env.run_ok(&["start", "--all", "--filter", "exited=0"]);
    assert_eq!(out.trim(), ok, "only the container that exited 0, by ID");
    env.run_ok(&["wait", &ok]);
    assert_eq!(
        env.run_ok(&["start", "--filter", "restart-policy=always", &ok])
            .trim(),
        ""
    );
    assert_eq!(
        env.run_ok(&["start", "--filter", "restart-policy=none", &ok])
            .trim(),
        ok
    );
    let line = env
        .run(&["start", "--filter", "restart-policy=sometimes", &ok])
        .error_125();
    assert!(line.contains("sometimes invalid restart policy"), "{line}");
    let line = env.run(&["start", "--all", &ok]).error_125();
    assert!(line.contains("either start all containers"), "{line}");
    env.run_ok(&["create", "--name", "named", "busybox", "true"]);
    assert_eq!(
        env.run_ok(&["start", "named"]).trim(),
        "named",
        "the input as given"
    );
}

#[test]
fn rm_depend_removes_the_dependents_first_and_a_pod_with_its_infra() {
    let (env, _reg) = busybox_world();
    let base = env
        .run_ok(&["create", "--name", "base", "busybox", "true"])
        .trim()
        .to_string();
    let dep = env.run_ok(&[
        "create",
        "--name",
        "dep",
        "--requires",
        "base",
        "busybox",
        "true",
    ]);
    let line = env.run(&["rm", "--depend", "nosuch"]);
    assert_eq!(line.code, Some(1), "{line}");
    let line = env.run(&["inspect", "nosuch"]).error_125();
    assert!(
        line.starts_with("Error: inspecting object: no such object: \"nosuch\": "),
        "{line}"
    );
    let out = env.run_ok(&["rm", "--depend", "base"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines, [dep.trim(), "base"], "the dependent first");
    assert_eq!(env.run(&["container", "exists", &base]).code, Some(1));
    // A pod's infra: refused alone, its whole pod with --depend.
    let member = env
        .run_ok(&["create", "--pod", "new:dp", "busybox", "true"])
        .trim()
        .to_string();
    let infra = env.run_ok(&["pod", "inspect", "dp", "--format", "{{.InfraContainerID}}"]);
    let infra = infra.trim();
    let line = env.run(&["rm", "-f", infra]).error_125();
    assert!(
        line.contains("cannot be removed without removing the pod"),
        "{line}"
    );
    let out = env.run_ok(&["rm", "--depend", infra]);
    assert!(out.contains(infra) && out.contains(&member), "{out}");
    assert_eq!(env.run(&["pod", "exists", "dp"]).code, Some(1));
    // `rm -fa` takes every container, infra ones with their pods, each ID once.
    let m1 = env.run_ok(&["create", "--pod", "new:all", "busybox", "true"]);
    let m2 = env.run_ok(&["create", "--pod", "all", "busybox", "true"]);
    let alone = env.run_ok(&["create", "busybox", "true"]);
    let infra = env.run_ok(&["pod", "inspect", "all", "--format", "{{.InfraContainerID}}"]);
    env.run_ok(&["pod", "start", "all"]);
    let out = env.run_ok(&["rm", "-fa"]);
    let mut got: Vec<&str> = out.lines().collect();
    got.sort_unstable();
    let mut want = [m1.trim(), m2.trim(), alone.trim(), infra.trim()];
    want.sort_unstable();
    assert_eq!(got, want, "{out}");
    assert_eq!(env.run(&["pod", "exists", "all"]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]), "");
    // --force passes over a container that is already gone; without it that is exit 1.
    assert_eq!(env.run_ok(&["rm", "-f", "-t", "0", "gone"]), "");
    assert_eq!(env.run(&["rm", "gone"]).code, Some(1));
}

#[test]
fn images_sort_and_network_rm_with_a_stop_timeout() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["tag", "busybox", "localhost/aaa:1"]);
    env.run_ok(&[
        "import",
        "--change",
        "CMD [\"true\"]",
        "/dev/null",
        "localhost/zzz:1",
    ]);
    let by_repo = env.run_ok(&[
        "images",
        "--sort",
        "repository",
        "--format",
        "{{.Repository}}",
    ]);
    let repos: Vec<&str> = by_repo.lines().collect();
    let mut sorted = repos.clone();
    sorted.sort();
    assert_eq!(repos, sorted, "{by_repo}");
    let line = env.run(&["images", "--sort", "colour"]).error_125();
    assert!(line.contains("colour"), "{line}");
    env.run_ok(&["network", "create", "n1"]);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "on",
        "--network",
        "n1",
        "busybox",
        "sleep",
        "1000",
    ]);
    env.run_ok(&["network", "rm", "-f", "-t", "0", "n1"]);
    assert_eq!(env.run(&["container", "exists", "on"]).code, Some(1));
    // Forced, a network that is not there is no error; unforced, it exits 1.
    assert_eq!(env.run_ok(&["network", "rm", "-f", "n1"]), "");
    assert_eq!(env.run(&["network", "rm", "n1"]).code, Some(1));
}

#[test]
fn an_unknown_flag_before_the_image_is_named_as_a_flag() {
    let env = common::TestEnv::new();
    for cmd in ["run", "create"] {
        let line = env.run(&[cmd, "--no-such-flag", "busybox"]).error_125();
        assert!(
            line.contains("unknown flag: --no-such-flag"),
            "{cmd}: {line}"
        );
    }
}

#[test]
fn ports_with_host_network_are_dropped_with_a_warning_and_memory_0_is_no_limit() {
    let (env, _reg) = busybox_world();
    let out = env.run(&[
        "run",
        "--rm",
        "-p",
        "8080",
        "--network",
        "host",
        "busybox",
        "echo",
        "ran",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "ran\n");
    assert!(
        out.stderr.contains("Port mappings have been discarded"),
        "{out}"
    );
    assert_eq!(
        env.run_ok(&["run", "--rm", "--memory=0", "busybox", "echo", "ok"]),
        "ok\n"
    );
    // --rmi takes the name the container ran by; the image goes with its last name.
    env.run_ok(&["tag", "busybox", "localhost/second:name"]);
    env.run_ok(&["run", "--rm", "--rmi", "localhost/second:name", "true"]);
    assert_eq!(
        env.run(&["image", "exists", "localhost/second:name"]).code,
        Some(1)
    );
    env.run_ok(&["image", "exists", "busybox"]);
    env.run_ok(&["run", "--rm", "--rmi", "busybox", "true"]);
    assert_eq!(env.run(&["image", "exists", "busybox"]).code, Some(1));
}

#[test]
fn image_name_is_the_name_the_container_was_created_with() {
    let (env, _reg) = busybox_world();
    // The image's name as the user gave it, among its names.
    env.run_ok(&[
        "tag",
        "busybox",
        "localhost/other/name",
        "localhost/other/name:t2",
    ]);
    for (given, want) in [
        ("localhost/other/name", "localhost/other/name:latest"),
        ("localhost/other/name:t2", "localhost/other/name:t2"),
        ("other/name:t2", "localhost/other/name:t2"),
    ] {
        let id = env.run_ok(&["create", given, "true"]).trim().to_string();
        let name = env.run_ok(&["inspect", "--format", "{{.ImageName}}", &id]);
        assert_eq!(name.trim(), want, "{given}");
    }
}

#[test]
fn runlabel_displays_and_runs_a_labels_command_with_its_placeholders_filled() {
    let (env, _reg) = busybox_world();
    let u = env.user();
    u.write_file(
        "lab/Containerfile",
        "FROM busybox\n\
         LABEL INSTALL=\"/usr/bin/podman run --rm \\${OPT1} -e NAME=\\${NAME} IMAGE \\${OPT2} /bin/install.sh\"\n\
         LABEL RUN=\"podman run --name NAME IMAGE sh -c 'echo ran \\$OPT1 as \\${NAME}'\"\n\
         LABEL CHECK=\"sh -c 'exit 3'\"\n\
         LABEL VOL=\"podman run --rm -v labvol:/data IMAGE touch /data/made\"\n",
    );
    let dir = u.home.join("lab").display().to_string();
    env.run_ok(&["build", "-q", "-t", "lab", &dir]);

    let shown = env.run_ok(&[
        "container",
        "runlabel",
        "--display",
        "--opt1=-t",
        "--name",
        "t1",
        "install",
        "lab",
    ]);
    let line = shown.trim().strip_prefix("command: ").expect(&shown);
    let (argv0, rest) = line.split_once(' ').unwrap();
    assert!(
        argv0.ends_with("rcon"),
        "the engine is rcon itself: {shown}"
    );
    assert_eq!(
        rest, "run --rm -t -e NAME=t1 localhost/lab:latest /bin/install.sh",
        "{shown}"
    );

    // Run, and again with --replace: the container the command names is replaced.
    let out = env.run_ok(&["container", "runlabel", "--opt1", "x", "run", "lab"]);
    assert_eq!(out.trim(), "ran x as lab");
    let again = env.run(&["container", "runlabel", "run", "lab"]);
    assert_ne!(again.code, Some(0), "the name is taken: {again}");
    let out = env.run_ok(&["container", "runlabel", "--replace", "run", "lab"]);
    assert_eq!(out.trim(), "ran as lab");
    let names = env.run_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(names.trim(), "lab");

    // The nested rcon keeps this one's --volumepath: the named volume lands there.
    let vols = u.home.join("labvols");
    let v = vols.display().to_string();
    env.run_ok(&["--volumepath", &v, "container", "runlabel", "vol", "lab"]);
    assert!(
        vols.join("labvol/_data/made").exists(),
        "the volume is under --volumepath"
    );

    // Another program's exit code is runlabel's; a label the image lacks is refused.
    assert_eq!(
        env.run(&["container", "runlabel", "check", "lab"]).code,
        Some(3)
    );
    let line = env
        .run(&["container", "runlabel", "uninstall", "lab"])
        .error_125();
    assert_eq!(
        line,
        "Error: cannot find the value of label: uninstall in image: lab"
    );
    let line = env
        .run(&["container", "runlabel", "--pull=false", "run", "nosuch"])
        .error_125();
    assert!(line.contains("nosuch"), "{line}");
}

#[test]
fn volumepath_puts_named_volumes_in_another_folder_for_run_and_info() {
    let (env, _reg) = busybox_world();
    let u = env.user();
    let dir = u.home.join("elsewhere");
    let d = dir.display().to_string();
    let with = |args: &[&str]| {
        let mut all = vec!["--volumepath", d.as_str()];
        all.extend_from_slice(args);
        env.run_ok(&all)
    };
    assert_eq!(
        with(&["info", "--format", "{{.Store.VolumePath}}"]).trim(),
        d
    );
    with(&["volume", "create", "far"]);
    with(&[
        "run",
        "--rm",
        "-v",
        "far:/data",
        "busybox",
        "sh",
        "-c",
        "echo hi > /data/f",
    ]);
    let f = std::fs::read_to_string(dir.join("far/_data/f")).unwrap();
    assert_eq!(f, "hi\n");
    // Without the flag the default folder is used: the volume is not there.
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]).trim(), "");
    assert_eq!(with(&["volume", "ls", "-q"]).trim(), "far");
    // An anonymous volume of a --rm container goes with it, from that folder too.
    with(&["run", "--rm", "-v", "/anon", "busybox", "true"]);
    assert_eq!(with(&["volume", "ls", "-q"]).trim(), "far");
    with(&["volume", "rm", "far"]);
    assert!(!dir.join("far").exists());
}

#[test]
fn kill_is_the_users_stop_unless_its_signal_is_a_request() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "k",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 3' USR1; while :; do sleep 0.1; done",
    ]);
    let status = |env: &TestEnv| {
        inspect(env, "k")["State"]["Status"]
            .as_str()
            .map(String::from)
    };
    let restarts = |env: &TestEnv| inspect(env, "k")["RestartCount"].as_u64().unwrap_or(0);
    // SIGUSR1 ends the container's shell (its trap), but it is no stop of the user's: the
    // policy restarts it.
    env.run_ok(&["kill", "-s", "USR1", "k"]);
    eventually(20, "a restart after SIGUSR1", || {
        restarts(&env) >= 1 && status(&env).as_deref() == Some("running")
    });
    // SIGKILL (as the stop signal would) is: the container stays down.
    let before = restarts(&env);
    env.run_ok(&["kill", "k"]);
    eventually(20, "the end after SIGKILL", || {
        status(&env).as_deref() == Some("exited")
    });
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert_eq!(
        status(&env).as_deref(),
        Some("exited"),
        "restarted after kill"
    );
    assert_eq!(restarts(&env), before);
    // Started again, the policy holds again.
    env.run_ok(&["start", "k"]);
    env.run_ok(&["kill", "-s", "USR1", "k"]);
    eventually(20, "a restart after start", || {
        restarts(&env) > before && status(&env).as_deref() == Some("running")
    });
    env.run_ok(&["rm", "-f", "k"]);
}
