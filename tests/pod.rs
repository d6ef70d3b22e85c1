//! Pods through the real binary as the test user: members share the infra's network, IPC (with
//! /dev/shm) and UTS namespaces (and not mount or PID); they reach each other on localhost; the pod's
//! hostname; a port published on the pod; start/stop/restart/kill/rm as a whole, with the
//! infra first up and last down; `pod ps|inspect|exists|logs|top`, `ps --pod` and the pod
//! filter; `run --pod new:NAME`; and the refusals: name clashes with containers, flags that
//! conflict with the pod's namespaces, a taken port, the infra removed on its own, an unknown
//! pod. Nothing is left running after `pod rm -f`.
mod common;

use common::world::{busybox_world, eventually};
use common::TestEnv;
use serde_json::Value;

/// The namespace inode (`ipc:[4026…]`) of `ns` of `container`'s first process, from inside.
fn ns_of(env: &TestEnv, container: &str, ns: &str) -> String {
    env.run_ok(&["exec", container, "readlink", &format!("/proc/1/ns/{ns}")])
        .trim()
        .to_string()
}

fn pod_inspect(env: &TestEnv, pod: &str) -> Value {
    let out = env.run_ok(&["pod", "inspect", pod]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Processes whose command line names `id` (supervisors carry the container's ID).
fn processes_of(id: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(id) {
            out.push(pid);
        }
    }
    out
}

#[test]
fn members_share_the_pods_network_ipc_and_uts_and_reach_each_other_on_localhost() {
    let (env, _reg) = busybox_world();
    let id = env
        .run_ok(&["pod", "create", "--name", "app"])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "{id}");
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "app",
        "--name",
        "server",
        "busybox",
        "sh",
        "-c",
        "echo pong > /tmp/x; while true; do nc -l -p 7000 < /tmp/x; done",
    ]);
    env.run_ok(&[
        "run", "-d", "--pod", "app", "--name", "client", "busybox", "sleep", "1000",
    ]);
    for ns in ["net", "ipc", "uts"] {
        assert_eq!(
            ns_of(&env, "server", ns),
            ns_of(&env, "client", ns),
            "{ns} is shared"
        );
    }
    for ns in ["mnt", "pid"] {
        assert_ne!(
            ns_of(&env, "server", ns),
            ns_of(&env, "client", ns),
            "{ns} is not"
        );
    }
    // With the IPC namespace goes /dev/shm: a file one member makes there, another sees.
    env.run_ok(&["exec", "server", "sh", "-c", "echo shared > /dev/shm/f"]);
    let shm = env.run_ok(&[
        "run",
        "--rm",
        "--pod",
        "app",
        "busybox",
        "cat",
        "/dev/shm/f",
    ]);
    assert_eq!(shm.trim(), "shared");
    let alone = env.run(&["run", "--rm", "busybox", "cat", "/dev/shm/f"]);
    assert_ne!(
        alone.code,
        Some(0),
        "a container outside the pod has its own: {alone}"
    );
    // One container reaches the other on localhost.
    let mut got = String::new();
    eventually(20, "the server to answer on localhost", || {
        got = env
            .run(&["exec", "client", "sh", "-c", "nc 127.0.0.1 7000 </dev/null"])
            .stdout;
        got.contains("pong")
    });
    // The pod's name is every member's hostname, and /etc/hostname says so.
    assert_eq!(env.run_ok(&["exec", "client", "hostname"]).trim(), "app");
    assert_eq!(
        env.run_ok(&["exec", "server", "cat", "/etc/hostname"])
            .trim(),
        "app"
    );
    // The listings.
    let ps = env.run_ok(&[
        "pod",
        "ps",
        "--format",
        "{{.Name}} {{.Status}} {{.NumberOfContainers}}",
    ]);
    assert_eq!(ps.trim(), "app Running 3", "{ps}");
    let names = env.run_ok(&["pod", "ps", "--ctr-names", "--noheading"]);
    assert!(
        names.contains("server") && names.contains("client"),
        "{names}"
    );
    let v = pod_inspect(&env, "app");
    assert_eq!(v["Id"], id.as_str());
    assert_eq!(v["State"], "Running");
    assert_eq!(v["NumContainers"], 3);
    assert_eq!(
        v["SharedNamespaces"],
        serde_json::json!(["ipc", "net", "uts"])
    );
    let infra = v["InfraContainerID"].as_str().unwrap().to_string();
    let members = env.run_ok(&[
        "ps",
        "--filter",
        "pod=app",
        "--format",
        "{{.Names}} {{.IsInfra}}",
    ]);
    assert_eq!(members.lines().count(), 3, "{members}");
    assert!(
        members.contains(&format!("{}-infra true", &id[..12])),
        "{members}"
    );
    let with_pod = env.run_ok(&["ps", "--pod"]);
    assert!(
        with_pod.contains("PODNAME") && with_pod.contains(" app"),
        "{with_pod}"
    );
    assert_eq!(env.run(&["pod", "exists", "app"]).code, Some(0));
    assert_eq!(env.run(&["pod", "exists", "nosuchpod"]).code, Some(1));
    // The infra goes only with its pod.
    let line = env.run(&["rm", "-f", &infra]).error_125();
    assert!(line.contains("infra") && line.contains("pod rm"), "{line}");
    // Removal: refused while running, then everything goes.
    let out = env.run(&["pod", "rm", "app"]);
    assert_eq!(out.code, Some(2), "{out}");
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "app"]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
    eventually(10, "the pod's processes to end", || {
        processes_of(&infra).is_empty()
    });
    let shm = env.user().runtime_dir.join("rcon/pods").join(&id);
    assert!(!shm.exists(), "the pod's /dev/shm went with it");
}

#[test]
fn a_pod_starts_and_stops_as_a_whole_infra_first_up_and_last_down() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["pod", "create", "--name", "p", "--label", "tier=web"]);
    // A member created in a stopped pod; its start starts the infra.
    env.run_ok(&[
        "create",
        "--pod",
        "p",
        "--name",
        "a",
        "--stop-timeout",
        "1",
        "busybox",
        "sleep",
        "1000",
    ]);
    assert_eq!(pod_inspect(&env, "p")["State"], "Created");
    env.run_ok(&["start", "a"]);
    assert_eq!(pod_inspect(&env, "p")["State"], "Running");
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "p",
        "--name",
        "b",
        "--stop-timeout",
        "1",
        "busybox",
        "sleep",
        "1000",
    ]);
    env.run_ok(&["pod", "stop", "-t", "0", "p"]);
    let states = env.run_ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]);
    assert!(!states.contains("running"), "{states}");
    assert_eq!(pod_inspect(&env, "p")["State"], "Exited");
    env.run_ok(&["pod", "start", "p"]);
    assert_eq!(pod_inspect(&env, "p")["State"], "Running");
    // One member stopped: degraded.
    env.run_ok(&["stop", "-t", "0", "b"]);
    assert_eq!(pod_inspect(&env, "p")["State"], "Degraded");
    env.run_ok(&["pod", "restart", "p"]);
    assert_eq!(pod_inspect(&env, "p")["State"], "Running");
    env.run_ok(&["pod", "kill", "p"]);
    eventually(20, "the pod's containers to die", || {
        pod_inspect(&env, "p")["State"] == "Exited"
    });
    // Filters of `pod ps`.
    let by_label = env.run_ok(&["pod", "ps", "-q", "--filter", "label=tier=web"]);
    assert_eq!(by_label.lines().count(), 1, "{by_label}");
    let none = env.run_ok(&["pod", "ps", "-q", "--filter", "status=running"]);
    assert_eq!(none.trim(), "");
    let line = env.run(&["pod", "ps", "--filter", "color=red"]).error_125();
    assert!(line.contains("color=red"), "{line}");
    // An exited pod is pruned, with its containers.
    env.run_ok(&["pod", "prune", "-f"]);
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn a_port_published_on_the_pod_reaches_a_member_and_a_taken_port_makes_nothing() {
    let (env, _reg) = busybox_world();
    let port = common::registry::free_port();
    env.run_ok(&[
        "pod",
        "create",
        "--name",
        "web",
        "-p",
        &format!("{port}:80"),
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "web",
        "--name",
        "httpd",
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo hello-from-pod > /www/index.html && exec httpd -f -p 80 -h /www",
    ]);
    common::world::http_get_until(port, "hello-from-pod", 20);
    // The same host port for a second pod: one line, 125, no pod and no container made.
    let line = env
        .run(&[
            "pod",
            "create",
            "--name",
            "web2",
            "-p",
            &format!("{port}:80"),
        ])
        .error_125();
    assert!(
        line.contains(&port.to_string()) && line.contains("in use"),
        "{line}"
    );
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).lines().count(), 1);
    assert_eq!(env.run_ok(&["ps", "-aq"]).lines().count(), 2);
    // A member cannot publish its own ports, nor pick another network or hostname.
    for (flag, value) in [
        ("-p", "9000:80"),
        ("--network", "none"),
        ("--hostname", "x"),
        ("--userns", "host"),
    ] {
        let line = env
            .run(&[
                "run", "--rm", "--pod", "web", flag, value, "busybox", "true",
            ])
            .error_125();
        assert!(
            line.contains("--pod web") && line.contains("conflict"),
            "{flag}: {line}"
        );
    }
    assert_eq!(env.run_ok(&["ps", "-aq"]).lines().count(), 2);
    env.run_ok(&["pod", "rm", "-f", "web"]);
}

#[test]
fn names_are_shared_with_containers_and_bad_input_is_one_line() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["create", "--name", "taken", "busybox", "true"]);
    let line = env.run(&["pod", "create", "--name", "taken"]).error_125();
    assert!(
        line.contains("taken") && line.contains("container"),
        "{line}"
    );
    env.run_ok(&["pod", "create", "--name", "p1"]);
    let line = env
        .run(&["create", "--name", "p1", "busybox", "true"])
        .error_125();
    assert!(line.contains("p1") && line.contains("pod"), "{line}");
    let line = env.run(&["pod", "create", "--name", "p1"]).error_125();
    assert!(line.contains("p1") && line.contains("in use"), "{line}");
    // --replace takes the name over.
    let old = pod_inspect(&env, "p1")["Id"].as_str().unwrap().to_string();
    env.run_ok(&["pod", "create", "--replace", "--name", "p1"]);
    assert_ne!(pod_inspect(&env, "p1")["Id"].as_str().unwrap(), old);
    let line = env
        .run(&["pod", "create", "--share", "net,mnt"])
        .error_125();
    assert!(line.contains("--share"), "{line}");
    let line = env
        .run(&["run", "--rm", "--pod", "nosuchpod", "busybox", "true"])
        .error_125();
    assert!(line.contains("nosuchpod"), "{line}");
    let out = env.run(&["pod", "rm", "nosuchpod"]);
    assert_eq!(out.code, Some(1), "Podman's code for a missing pod: {out}");
    assert!(out.stderr.contains("nosuchpod"), "{out}");
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).lines().count(), 1);
    assert_eq!(env.run_ok(&["ps", "-aq"]).lines().count(), 2);
}

#[test]
fn run_pod_new_makes_the_pod_with_the_containers_ports_and_logs_and_top_cover_the_members() {
    let (env, _reg) = busybox_world();
    let port = common::registry::free_port();
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "new:fresh",
        "-p",
        &format!("{port}:80"),
        "--name",
        "one",
        "busybox",
        "sh",
        "-c",
        "echo from-one; sleep 1000",
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "fresh",
        "--name",
        "two",
        "busybox",
        "sh",
        "-c",
        "echo from-two; sleep 1000",
    ]);
    let v = pod_inspect(&env, "fresh");
    assert_eq!(v["NumContainers"], 3);
    let bindings = v["InfraConfig"]["PortBindings"].to_string();
    assert!(bindings.contains(&port.to_string()), "{bindings}");
    eventually(20, "both members to log", || {
        let logs = env.run_ok(&["pod", "logs", "fresh"]);
        logs.contains("from-one") && logs.contains("from-two")
    });
    let top = env.run_ok(&["pod", "top", "fresh"]);
    assert!(
        top.contains("sleep 1000") && top.lines().count() >= 3,
        "{top}"
    );
    // A new pod that fails with its container goes with it.
    let line = env
        .run(&["run", "--pod", "new:doomed", "nosuchimage", "true"])
        .error_125();
    assert!(line.contains("nosuchimage"), "{line}");
    assert_eq!(env.run(&["pod", "exists", "doomed"]).code, Some(1));
    env.run_ok(&["pod", "rm", "-f", "-a"]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn a_shared_pid_namespace_the_exit_policy_and_pod_rm_of_a_missing_pod() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["pod", "create", "--name", "pids", "--share", "+pid"]);
    env.run_ok(&[
        "run", "-d", "--pod", "pids", "--name", "a", "busybox", "sleep", "1000",
    ]);
    // The second member sees the first one's process, and the infra's init as PID 1.
    let ps = env.run_ok(&[
        "run", "--rm", "--pod", "pids", "busybox", "ps", "-o", "pid,args",
    ]);
    assert!(ps.contains("sleep 1000"), "{ps}");
    assert!(
        ps.lines()
            .any(|l| l.trim_start().starts_with("1 ") && l.contains("rcon-init")),
        "{ps}"
    );
    let shared = env.run_ok(&[
        "pod",
        "inspect",
        "pids",
        "--format",
        "{{.SharedNamespaces}}",
    ]);
    assert!(shared.contains("pid"), "{shared}");
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "pids"]);
    // --exit-policy stop: the pod stops with its last container; continue: the infra stays.
    let stop = env
        .run_ok(&["pod", "create", "--exit-policy", "stop"])
        .trim()
        .to_string();
    env.run_ok(&["run", "--pod", &stop, "busybox", "true"]);
    eventually(20, "the pod to stop with its container", || {
        pod_inspect(&env, &stop)["State"] == "Exited"
    });
    assert_eq!(pod_inspect(&env, &stop)["ExitPolicy"], "stop");
    let cont = env.run_ok(&["pod", "create"]).trim().to_string();
    env.run_ok(&["run", "--pod", &cont, "busybox", "true"]);
    assert_eq!(pod_inspect(&env, &cont)["State"], "Degraded");
    let line = env
        .run(&["pod", "create", "--exit-policy", "sometimes"])
        .error_125();
    assert!(line.contains("exit policy"), "{line}");
    // A pod that does not exist: 1 and a line, or nothing at all with --force.
    let out = env.run(&["pod", "rm", "bogus"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr.contains("bogus") && out.stderr.contains("no such pod"),
        "{out}"
    );
    let out = env.run(&["pod", "rm", "--force", "bogus"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (Some(0), "", "")
    );
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "-a"]);
}

#[test]
fn an_infra_image_runs_its_command_and_a_pod_whose_containers_ended_goes_without_force() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "pod",
        "create",
        "--infra-image",
        "busybox",
        "--infra-command",
        "sleep 1000",
        "--share",
        "+pid",
        "custom",
    ]);
    let ps = env.run_ok(&[
        "run", "--rm", "--pod", "custom", "busybox", "ps", "-o", "pid,args",
    ]);
    assert!(
        ps.lines()
            .any(|l| l.trim_start().starts_with("1 ") && l.contains("sleep 1000")),
        "{ps}"
    );
    let infra = pod_inspect(&env, "custom")["InfraContainerID"]
        .as_str()
        .unwrap()
        .to_string();
    let entry = env.run_ok(&["inspect", "--format", "{{.Config.Entrypoint}}", &infra]);
    assert!(entry.contains("sleep"), "{entry}");
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "custom"]);
    let line = env
        .run(&["pod", "create", "--infra-command", "x"])
        .error_125();
    assert!(line.contains("--infra-image"), "{line}");
    // Its only container ended, the infra still runs: `pod rm` takes it without --force.
    env.run_ok(&["pod", "create", "done"]);
    env.run_ok(&["run", "--pod", "done", "busybox", "true"]);
    env.run_ok(&["pod", "rm", "done"]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    // --no-infra: a pod of containers that share nothing, and so take no network flags.
    env.run_ok(&["pod", "create", "--no-infra", "bare"]);
    assert_eq!(pod_inspect(&env, "bare")["CreateInfra"], false);
    let line = env
        .run(&["pod", "create", "--no-infra", "-p", "8080:80"])
        .error_125();
    assert!(line.contains("infra"), "{line}");
    env.run_ok(&["run", "--rm", "--pod", "bare", "busybox", "true"]);
    env.run_ok(&["pod", "rm", "bare"]);
}

#[test]
fn pod_clone_copies_the_pods_settings_and_containers_and_destroy_moves_it() {
    let (env, _reg) = busybox_world();
    let port = common::registry::free_port();
    env.run_ok(&[
        "pod",
        "create",
        "--name",
        "orig",
        "-p",
        &format!("{port}:80"),
        "--label",
        "k=v",
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "orig",
        "--name",
        "web",
        "--stop-timeout",
        "1",
        "-e",
        "X=1",
        "busybox",
        "sleep",
        "1000",
    ]);
    // A running pod with a fixed port: its copy cannot take the port while it holds it.
    let line = env.run(&["pod", "clone", "orig"]).error_125();
    assert!(line.contains(&port.to_string()), "{line}");
    assert_eq!(
        env.run(&["pod", "exists", "orig-clone"]).code,
        Some(1),
        "nothing half made"
    );
    env.run_ok(&[
        "pod",
        "clone",
        "--name",
        "moved",
        "--destroy",
        "--start",
        "orig",
    ]);
    assert_eq!(env.run(&["pod", "exists", "orig"]).code, Some(1));
    let v = pod_inspect(&env, "moved");
    assert_eq!(v["State"], "Running");
    assert_eq!(v["Labels"]["k"], "v");
    assert!(
        v["InfraConfig"]["PortBindings"]
            .to_string()
            .contains(&port.to_string()),
        "{v}"
    );
    // The copy of the container: same command and environment, the new pod's hostname.
    assert_eq!(
        env.run_ok(&["exec", "web-clone", "sh", "-c", "echo $X"])
            .trim(),
        "1"
    );
    assert_eq!(
        env.run_ok(&["exec", "web-clone", "hostname"]).trim(),
        "moved"
    );
    assert_eq!(
        env.run_ok(&["exec", "web-clone", "cat", "/etc/hostname"])
            .trim(),
        "moved"
    );
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "moved"]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn system_reset_stops_running_pods_and_containers_first() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["pod", "create", "--name", "p"]);
    env.run_ok(&["run", "-d", "--pod", "p", "busybox", "sleep", "1000"]);
    let infra = pod_inspect(&env, "p")["InfraContainerID"]
        .as_str()
        .unwrap()
        .to_string();
    env.run_ok(&["system", "reset", "-f"]);
    eventually(20, "the pod's processes to end", || {
        processes_of(&infra).is_empty()
    });
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
}

#[test]
fn requires_starts_dependencies_first_and_pod_stop_ends_them_last() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["pod", "create", "--name", "dep"]);
    env.run_ok(&[
        "create", "--pod", "dep", "--name", "db", "busybox", "sleep", "1000",
    ]);
    env.run_ok(&[
        "create",
        "--pod",
        "dep",
        "--name",
        "app",
        "--requires",
        "db",
        "busybox",
        "sleep",
        "1000",
    ]);
    // Starting the dependent starts what it requires (and the pod's infra) first.
    env.run_ok(&["start", "app"]);
    let state = |n: &str| common::world::inspect(&env, n)["State"].clone();
    assert_eq!(state("db")["Status"], "running");
    let started = |n: &str| state(n)["StartedAt"].as_str().unwrap().to_string();
    assert!(started("db") <= started("app"), "db first");
    env.run_ok(&["pod", "stop", "-t", "0", "dep"]);
    let finished = |n: &str| state(n)["FinishedAt"].as_str().unwrap().to_string();
    assert!(finished("app") <= finished("db"), "app stopped before db");
    let line = env
        .run(&["create", "--requires", "nosuch", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("--requires") && line.contains("nosuch"),
        "{line}"
    );
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "dep"]);
}

/// A pod on the host's network: its members run on it too (the host's interfaces), share the
/// infra's IPC and UTS namespaces, and so does a container on `--network container:` of a
/// host-network container.
#[test]
fn a_pod_on_the_host_network_runs_members_on_it() {
    let (env, _reg) = busybox_world();
    let host_ifaces = {
        let mut v: Vec<String> = std::fs::read_dir("/sys/class/net")
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v.join(" ")
    };
    let ifaces = |out: String| {
        let mut v: Vec<String> = out.split_whitespace().map(str::to_string).collect();
        v.sort();
        v.join(" ")
    };
    env.run_ok(&["pod", "create", "--name", "hostpod", "--network", "host"]);
    env.run_ok(&[
        "run", "-d", "--name", "hm", "--pod", "hostpod", "busybox", "sleep", "300",
    ]);
    assert_eq!(
        ifaces(env.run_ok(&["exec", "hm", "ls", "/sys/class/net"])),
        host_ifaces
    );
    // Two members share the infra's IPC and UTS namespaces.
    env.run_ok(&[
        "run", "-d", "--name", "hm2", "--pod", "hostpod", "busybox", "sleep", "300",
    ]);
    for ns in ["ipc", "uts"] {
        assert_eq!(ns_of(&env, "hm", ns), ns_of(&env, "hm2", ns), "{ns}");
    }
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "container:hm",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(ifaces(out), host_ifaces);
    env.run_ok(&["pod", "rm", "-f", "-t", "0", "hostpod"]);
}
