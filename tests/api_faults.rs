//! The Docker API under faults: the service killed (-9) mid-request, a client that leaves
//! mid-pull, a broken container record; and detached execs' exit codes, and the service on TCP.
mod common;

use common::api::{Service, DOCKER};
use common::image::{self, big_layer, Compression, ImageSpec};
use common::registry::free_port;
use common::world::{busybox_world, eventually};
use common::{run_command, Output, Registry, TestEnv};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::process::{Child, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

/// Pushes `library/big:latest`: busybox and two layers of incompressible data, so that a pull
/// streams for a moment.
fn push_big(reg: &Registry) {
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(big_layer(24 << 20, 7))
        .layer(big_layer(24 << 20, 11))
        .cmd(&["sh"])
        .build();
    reg.push("library/big:latest", &img);
}

/// `docker ARGS` against `svc` on a thread of its own.
fn docker_in_background(svc: &Service, args: &[&str]) -> JoinHandle<Output> {
    let cmd = svc.client(DOCKER, args);
    std::thread::spawn(move || run_command(cmd, None, Duration::from_secs(120)))
}

/// Starts a pull of `big` on a raw connection and reads until its stream has begun.
fn pull_started(svc: &Service) -> BufReader<UnixStream> {
    let mut s = UnixStream::connect(&svc.socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    s.write_all(
        b"POST /v1.44/images/create?fromImage=big&tag=latest HTTP/1.1\r\nHost: docker\r\n\
          Connection: close\r\nContent-Length: 0\r\n\r\n",
    )
    .unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    r
}

/// The processes of the tree under `pid` in its session (a container's supervisor starts a
/// session of its own and is not part of the service).
fn service_tree(pid: u32) -> Vec<i32> {
    let stat = |p: i32| -> Option<(i32, i32)> {
        let text = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
        let rest = &text[text.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some((f[1].parse().ok()?, f[3].parse().ok()?))
    };
    let all: Vec<(i32, i32, i32)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(|p| stat(p).map(|(ppid, sid)| (p, ppid, sid)))
        .collect();
    let root = pid as i32;
    let sid = stat(root).map(|(_, s)| s).unwrap_or(-1);
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            all.iter()
                .filter(|(_, ppid, s)| *ppid == parent && *s == sid)
                .map(|(p, _, _)| *p),
        );
        i += 1;
    }
    tree
}

/// SIGKILL to the service and everything it started in its session, as a cgroup kill would.
fn kill_tree(svc: Service) {
    for p in service_tree(svc.pid()) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(p),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    drop(svc);
}

/// The store is whole: `ps -a` and `images` answer (rcon and docker), and every container
/// listed inspects.
fn assert_store_consistent(env: &TestEnv, svc: &Service) {
    env.run_ok(&["images"]);
    svc.docker_ok(&["images"]);
    let ids = env.run_ok(&["ps", "-a", "-q", "--no-trunc"]);
    let listed = svc.docker_ok(&["ps", "-a", "-q", "--no-trunc"]);
    for id in ids.lines() {
        assert!(listed.contains(id), "docker ps -a lacks {id}: {listed}");
        env.run_ok(&["inspect", id]);
        svc.docker_ok(&["inspect", id]);
    }
}

fn status_of(env: &TestEnv, name: &str) -> String {
    env.run_ok(&["inspect", "--format", "{{.State.Status}}", name])
        .trim()
        .to_string()
}

#[test]
fn a_killed_service_leaves_its_streams_running_and_a_new_one_serves_at_once() {
    let (env, reg) = busybox_world();
    push_big(&reg);
    let svc = Service::start(&env);
    env.run_ok(&["run", "-d", "--name", "before", "busybox", "sleep", "1000"]);
    let mut pull = pull_started(&svc);
    let run = docker_in_background(
        &svc,
        &[
            "run", "-d", "--name", "inflight", "busybox", "sleep", "1000",
        ],
    );
    eventually(60, "the run's container record", || {
        env.run_ok(&["ps", "-a", "--format", "{{.Names}}"])
            .contains("inflight")
    });
    // kill -9 of the service alone: each connection's process serves its client to the end.
    drop(svc);
    let svc = Service::start(&env);
    let version = svc.docker_ok(&["version", "--format", "{{.Server.Version}}"]);
    assert!(!version.trim().is_empty(), "{version}");
    let out = run.join().unwrap();
    assert_eq!(out.code, Some(0), "{out}");
    let mut rest = String::new();
    pull.read_to_string(&mut rest).unwrap();
    assert!(
        rest.contains("Status: "),
        "the pull's stream did not end: {rest}"
    );
    assert!(!rest.contains("errorDetail"), "{rest}");
    assert_eq!(status_of(&env, "before"), "running");
    assert_eq!(status_of(&env, "inflight"), "running");
    assert_store_consistent(&env, &svc);
    let images = svc.docker_ok(&["images", "--format", "{{.Repository}}"]);
    assert!(images.contains("big"), "{images}");
}

#[test]
fn kill_9_of_the_whole_service_mid_run_and_mid_pull_loses_nothing() {
    let (env, reg) = busybox_world();
    push_big(&reg);
    env.run_ok(&["run", "-d", "--name", "before", "busybox", "sleep", "1000"]);
    // Killed at two instants of a `docker run -d`: once its request is being served, and
    // once its container has a record.
    for (i, at_record) in [false, true].into_iter().enumerate() {
        let svc = Service::start(&env);
        let name = format!("inflight{i}");
        let run = docker_in_background(
            &svc,
            &["run", "-d", "--name", &name, "busybox", "sleep", "1000"],
        );
        if at_record {
            eventually(60, "the run's container record", || {
                env.run_ok(&["ps", "-a", "--format", "{{.Names}}"])
                    .contains(&name)
            });
        } else {
            let pid = svc.pid();
            eventually(60, "a connection's process", || service_tree(pid).len() > 1);
        }
        kill_tree(svc);
        let _ = run.join().unwrap();
        let svc = Service::start(&env);
        assert_store_consistent(&env, &svc);
        assert_eq!(status_of(&env, "before"), "running");
        // Whatever the killed run left can be removed, and the name used again.
        svc.docker_ok(&["rm", "-f", &name]);
        svc.docker_ok(&["run", "-d", "--name", &name, "busybox", "sleep", "1000"]);
        assert_eq!(status_of(&env, &name), "running");
    }
    // Mid-pull: the next service pulls the image whole.
    let svc = Service::start(&env);
    let _pull = pull_started(&svc);
    kill_tree(svc);
    let svc = Service::start(&env);
    assert_store_consistent(&env, &svc);
    svc.docker_ok(&["pull", "big"]);
    let out = svc.docker_ok(&["run", "--rm", "big", "ls", "/data"]);
    assert_eq!(out, "blob.bin\n");
}

#[test]
fn a_client_that_leaves_mid_pull_leaves_the_store_consistent() {
    let (env, reg) = busybox_world();
    push_big(&reg);
    let svc = Service::start(&env);
    let pull = pull_started(&svc);
    drop(pull);
    // The connection's process ends once it sees its client gone.
    let pid = svc.pid();
    eventually(60, "the connection's process to end", || {
        service_tree(pid).len() == 1
    });
    assert_store_consistent(&env, &svc);
    svc.docker_ok(&["pull", "big"]);
    let out = svc.docker_ok(&["run", "--rm", "big", "ls", "/data"]);
    assert_eq!(out, "blob.bin\n");
}

#[test]
fn a_broken_container_record_spares_the_others() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    svc.docker_ok(&["create", "--name", "good", "busybox", "true"]);
    let bad = svc
        .docker_ok(&["create", "--name", "bad", "busybox", "true"])
        .trim()
        .to_string();
    let record = env
        .user()
        .data_home
        .join("rcon/containers")
        .join(&bad)
        .join("container.json");
    assert!(record.exists(), "{}", record.display());
    env.user().write_file(&record, b"{\"id\": \"trunc");

    let out = svc.docker(&["ps", "-a", "--format", "{{.Names}}"], 60);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("good"), "{out}");
    let out = svc.docker(&["inspect", &bad], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains(&bad[..12]), "{out}");
    assert!(out.stderr.contains("container.json"), "{out}");
    // The service still serves.
    svc.docker_ok(&["inspect", "good"]);
}

/// The exec record of `id`.
fn exec_json(svc: &Service, id: &str) -> Value {
    let (status, body) = svc.request("GET", &format!("/v1.44/exec/{id}/json"), b"");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn a_detached_exec_records_its_exit_code() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    svc.docker_ok(&["run", "-d", "--name", "x", "busybox", "sleep", "1000"]);
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/x/exec",
        br#"{"Cmd":["sh","-c","until [ -e /tmp/go ]; do sleep 0.1; done; exit 3"]}"#,
    );
    assert_eq!(status, 201, "{body}");
    let id = serde_json::from_str::<Value>(&body).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = svc.request(
        "POST",
        &format!("/v1.44/exec/{id}/start"),
        br#"{"Detach":true}"#,
    );
    assert_eq!(status, 200, "{body}");
    // Running while the command waits for the file.
    let v = exec_json(&svc, &id);
    assert_eq!(v["Running"], true, "{v}");
    assert!(v["Pid"].as_i64().unwrap() > 0, "{v}");
    svc.docker_ok(&["exec", "x", "touch", "/tmp/go"]);
    eventually(60, "the detached exec to end", || {
        exec_json(&svc, &id)["Running"] == false
    });
    assert_eq!(exec_json(&svc, &id)["ExitCode"], 3);

    // The docker CLI's `exec -d`: its command runs.
    svc.docker_ok(&["exec", "-d", "x", "sh", "-c", "touch /tmp/detached; exit 3"]);
    eventually(60, "the detached command's file", || {
        svc.docker(&["exec", "x", "test", "-e", "/tmp/detached"], 60)
            .code
            == Some(0)
    });
    // A command that is not there ends with 127, as the shell's would.
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/x/exec",
        br#"{"Cmd":["/no/such/command"]}"#,
    );
    assert_eq!(status, 201, "{body}");
    let id = serde_json::from_str::<Value>(&body).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = svc.request(
        "POST",
        &format!("/v1.44/exec/{id}/start"),
        br#"{"Detach":true}"#,
    );
    assert_eq!(status, 200, "{body}");
    eventually(60, "the detached exec to end", || {
        exec_json(&svc, &id)["Running"] == false
    });
    assert_eq!(exec_json(&svc, &id)["ExitCode"], 127);
}

/// `rcon system service --time 0 URI` with its stderr to read; killed when dropped.
struct TcpService(Child);

impl Drop for TcpService {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_service_on_tcp_serves_the_docker_cli() {
    let (env, _reg) = busybox_world();
    let port = free_port();
    let uri = format!("tcp://127.0.0.1:{port}");
    let mut child = env
        .user()
        .rcon(&["system", "service", "--time", "0", &uri])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let svc = TcpService(child);
    let mut warning = String::new();
    stderr.read_line(&mut warning).unwrap();
    assert!(warning.starts_with("WARNING: "), "{warning}");
    assert!(warning.contains(&uri), "{warning}");
    let docker = |args: &[&str]| {
        let mut cmd = env.user().command(DOCKER, args);
        cmd.env("DOCKER_HOST", &uri);
        run_command(cmd, None, Duration::from_secs(120))
    };
    let out = docker(&["version", "--format", "{{.Server.APIVersion}}"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.starts_with("1.4"), "{out}");
    let out = docker(&["run", "--rm", "busybox", "echo", "hi"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "hi\n", "{out}");
    let out = docker(&["run", "--rm", "busybox", "sh", "-c", "exit 5"]);
    assert_eq!(out.code, Some(5), "{out}");

    // The port is taken now: a second service says so in one line and exits 125.
    let out = env.user().run(&["system", "service", "--time", "0", &uri]);
    assert_eq!(out.code, Some(125), "{out}");
    assert_eq!(out.stderr.trim().lines().count(), 1, "{out}");
    assert!(out.stderr.contains(&format!("127.0.0.1:{port}")), "{out}");
    drop(svc);
}
