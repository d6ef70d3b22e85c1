//! Real Docker clients on `rcon system service`, as the test user: Debian's docker CLI 20.10
//! (API 1.41), Debian's docker-compose 1.29 (API 1.38, through the docker SDK 5), and PyPI's
//! docker SDK 7 and testcontainers. Each test ends by checking that nothing is left: no
//! container, volume or process of rcon's.
mod common;

use common::api::{Service, DOCKER_DEBIAN};
use common::world::{busybox_world, eventually, http_get_until, user_processes};
use common::{run_command, Output, TestEnv};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The venv of contrib/ci/setup.sh with PyPI's `docker` and `testcontainers`.
const VENV_PYTHON: &str = "/var/cache/rcon-ci/venv-docker/bin/python3";
const COMPOSE: &str = "/usr/bin/docker-compose";

/// `cmd` to completion (killed after two minutes); fails the test unless it exits 0.
fn ok(what: &str, cmd: Command) -> String {
    let out = run_command(cmd, None, Duration::from_secs(120));
    assert_eq!(out.code, Some(0), "{what}: {out}");
    out.stdout
}

/// Debian's docker 20.10 with `args`, which must succeed; its stdout.
fn docker(svc: &Service, args: &[&str]) -> String {
    ok(
        &format!("docker 20.10 {args:?}"),
        svc.client(DOCKER_DEBIAN, args),
    )
}

/// No container in the store, and (after a moment for teardown) no supervisor, init,
/// slirp4netns, pasta or network holder of the test user's, and no process of the service but its
/// listener: every connection's process (an attach, a log follower) ended with its client.
fn nothing_left(env: &TestEnv) {
    assert_eq!(
        env.run_ok(&["ps", "-aq"]).trim(),
        "",
        "no container is left"
    );
    let home = env.user().home.clone();
    eventually(20, "every process of the containers to end", || {
        [
            "rcon-sup",
            "rcon-init",
            "slirp4netns",
            "pasta",
            "passt",
            "rcon-netns",
        ]
        .iter()
        .all(|c| user_processes(c, &home).is_empty())
    });
    eventually(20, "the service's connection processes to end", || {
        let live = user_processes("rcon", &home).into_iter().filter(|pid| {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // A zombie has ended (this machine's pid 1 reaps no orphans).
            comm.trim() == "rcon" && !stat.contains(") Z ")
        });
        live.count() == 1
    });
}

/// Writes `files` (name, content) under a new folder `name` in the test user's home, owned
/// by the user; the folder.
fn user_dir(env: &TestEnv, name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = env.user().home.join(name);
    for (file, content) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
    }
    let status = Command::new("chown")
        .arg("-R")
        .arg(format!("{}:{}", env.user().uid, env.user().gid))
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

#[test]
fn debian_docker_20_10_runs_the_everyday_commands_on_rcon() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let port = common::registry::free_port();

    // run --rm: create, attach, start, wait, and the container goes.
    let out = docker(&svc, &["run", "--rm", "busybox", "echo", "hello from run"]);
    assert_eq!(out.trim(), "hello from run");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "", "--rm removed it");

    // run -d -p: a web server on a published port.
    let script = "mkdir -p /www && echo page of web > /www/index.html && echo web starting \
                  && exec busybox httpd -f -p 8080 -h /www";
    let published = format!("{port}:8080");
    let id = docker(
        &svc,
        &[
            "run", "-d", "--name", "web", "-p", &published, "busybox", "sh", "-c", script,
        ],
    );
    assert_eq!(id.trim().len(), 64, "run -d prints the full ID: {id}");
    http_get_until(port, "page of web", 30);

    let ps = docker(&svc, &["ps"]);
    assert!(ps.contains("web"), "{ps}");
    assert!(ps.contains(&format!("{port}->8080/tcp")), "{ps}");
    let logs = docker(&svc, &["logs", "web"]);
    assert!(logs.contains("web starting"), "{logs}");
    let page = docker(&svc, &["exec", "web", "cat", "/www/index.html"]);
    assert_eq!(page.trim(), "page of web");
    let state = docker(
        &svc,
        &[
            "inspect",
            "--format",
            "{{.State.Running}} {{.Name}} {{.Config.Image}}",
            "web",
        ],
    );
    assert_eq!(state.trim(), "true /web busybox");
    let stats = docker(
        &svc,
        &["stats", "--no-stream", "--format", "{{.Name}}", "web"],
    );
    assert_eq!(stats.trim(), "web");

    // Images: pull again (already there), tag, list.
    let pulled = docker(&svc, &["pull", "busybox"]);
    assert!(pulled.contains("busybox"), "{pulled}");
    docker(&svc, &["tag", "busybox", "mybox:v1"]);
    let images = docker(&svc, &["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(images.lines().any(|l| l == "busybox:latest"), "{images}");
    assert!(images.lines().any(|l| l == "mybox:v1"), "{images}");
    let tagged = docker(&svc, &["inspect", "--format", "{{.Id}}", "mybox:v1"]);
    let original = docker(&svc, &["inspect", "--format", "{{.Id}}", "busybox"]);
    assert_eq!(tagged, original, "the tag names the same image");

    // Networks, volumes, disk usage.
    let nets = docker(&svc, &["network", "ls", "--format", "{{.Name}}"]);
    assert!(nets.lines().any(|l| l == "bridge"), "{nets}");
    docker(&svc, &["volume", "create", "keep"]);
    let vols = docker(&svc, &["volume", "ls", "--format", "{{.Name}}"]);
    assert!(vols.lines().any(|l| l == "keep"), "{vols}");
    let df = docker(&svc, &["system", "df"]);
    assert!(df.contains("Images") && df.contains("Containers"), "{df}");

    // stop, rm: nothing left.
    docker(&svc, &["stop", "-t", "1", "web"]);
    let state = docker(&svc, &["inspect", "--format", "{{.State.Running}}", "web"]);
    assert_eq!(state.trim(), "false");
    docker(&svc, &["rm", "web"]);
    assert_eq!(docker(&svc, &["ps", "-aq"]).trim(), "");
    docker(&svc, &["volume", "rm", "keep"]);
    nothing_left(&env);
}

const COMPOSE_APP: &str = r#"version: "3.8"
services:
  web:
    image: busybox
    command: ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
    ports:
      - "PORT:8080"
    volumes:
      - ./www:/www:ro
    networks: [appnet]
  db:
    image: busybox
    command: ["sh", "-c", "echo db up; while true; do echo \"pong from db $$DB_NAME\" | nc -l -p 5432; done"]
    env_file: [db.env]
    volumes:
      - dbdata:/data
    networks: [appnet]
  worker:
    image: busybox
    command: ["sh", "-c", "while true; do echo ping | nc db 5432; sleep 1; done"]
    depends_on: [db]
    networks: [appnet]
volumes:
  dbdata:
networks:
  appnet:
"#;

/// Debian's docker-compose 1.29 with `args` in `dir`, pointed at the service.
fn compose(svc: &Service, dir: &Path, args: &[&str]) -> Output {
    let mut cmd = svc.client(COMPOSE, args);
    cmd.current_dir(dir);
    run_command(cmd, None, Duration::from_secs(120))
}

fn compose_ok(svc: &Service, dir: &Path, args: &[&str]) -> String {
    let out = compose(svc, dir, args);
    assert_eq!(out.code, Some(0), "docker-compose {args:?}: {out}");
    out.stdout
}

#[test]
fn docker_compose_1_29_runs_a_three_service_application_and_down_leaves_nothing() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let port = common::registry::free_port();
    let app = COMPOSE_APP.replace("PORT", &port.to_string());
    let dir = user_dir(
        &env,
        "shop",
        &[
            ("docker-compose.yml", app.as_str()),
            ("www/index.html", "hello from web\n"),
            ("db.env", "DB_NAME=appdb\n"),
        ],
    );

    compose_ok(&svc, &dir, &["up", "-d"]);
    http_get_until(port, "hello from web", 30);
    eventually(30, "the worker to reach db by name", || {
        compose(&svc, &dir, &["logs", "--no-color", "worker"])
            .stdout
            .contains("pong from db appdb")
    });
    let ps = compose_ok(&svc, &dir, &["ps"]);
    for name in ["shop_web_1", "shop_db_1", "shop_worker_1"] {
        assert!(ps.contains(name), "{name}: {ps}");
    }
    assert!(ps.contains(&format!("{port}->8080/tcp")), "{ps}");
    let logs = compose_ok(&svc, &dir, &["logs", "--no-color", "db"]);
    assert!(logs.contains("db up"), "{logs}");
    let page = compose_ok(&svc, &dir, &["exec", "-T", "web", "cat", "/www/index.html"]);
    assert_eq!(page.trim(), "hello from web");

    compose_ok(&svc, &dir, &["up", "-d", "--scale", "worker=2"]);
    let workers = env.run_ok(&[
        "ps",
        "--filter",
        "label=com.docker.compose.service=worker",
        "--format",
        "{{.Names}}",
    ]);
    let mut names: Vec<&str> = workers.lines().collect();
    names.sort();
    assert_eq!(names, ["shop_worker_1", "shop_worker_2"], "{workers}");

    compose_ok(&svc, &dir, &["down", "-v", "-t", "1"]);
    let vols = env.run_ok(&["volume", "ls", "-q"]);
    assert_eq!(vols.trim(), "", "down -v removed the volume");
    let nets = env.run_ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(
        !nets.contains("shop_appnet"),
        "down removed the network: {nets}"
    );
    nothing_left(&env);
}

/// The docker SDK 7: run with a published port, logs, exec_run, remove.
const SDK_SCRIPT: &str = r#"
import sys, time, urllib.request
import docker

port = int(sys.argv[1])
client = docker.from_env()
script = ("mkdir -p /www && echo sdk page > /www/index.html && echo sdk starting"
          " && exec busybox httpd -f -p 8080 -h /www")
ctr = client.containers.run("busybox", ["sh", "-c", script], detach=True,
                            ports={"8080/tcp": port}, name="sdkweb")
body = ""
deadline = time.time() + 30
while time.time() < deadline and "sdk page" not in body:
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
    except OSError:
        time.sleep(0.2)
assert "sdk page" in body, f"the published port answered {body!r}"
logs = ctr.logs().decode()
assert "sdk starting" in logs, logs
code, out = ctr.exec_run(["cat", "/www/index.html"])
assert code == 0 and out.decode().strip() == "sdk page", (code, out)
ctr.reload()
assert ctr.status == "running", ctr.status
assert ctr.ports["8080/tcp"][0]["HostPort"] == str(port), ctr.ports
assert [c.name for c in client.containers.list()] == ["sdkweb"]
ctr.remove(force=True)
assert client.containers.list(all=True) == []
print("sdk ok")
"#;

/// testcontainers 4: busybox httpd on an exposed port (a random host port), ready when its
/// log says so and the page answers 200; the container goes with the `with` block.
const TESTCONTAINERS_SCRIPT: &str = r#"
import urllib.request
from testcontainers.core.container import DockerContainer
from testcontainers.core.wait_strategies import (
    CompositeWaitStrategy, HttpWaitStrategy, LogMessageWaitStrategy)

script = ("mkdir -p /www && echo tc page > /www/index.html && echo tc serving"
          " && exec busybox httpd -f -p 8080 -h /www")
ready = CompositeWaitStrategy(
    LogMessageWaitStrategy("tc serving"),
    HttpWaitStrategy(8080).for_status_code(200),
).with_startup_timeout(60)
with DockerContainer("busybox").with_command(["sh", "-c", script]) \
        .with_exposed_ports(8080).waiting_for(ready) as ctr:
    host = ctr.get_container_host_ip()
    port = ctr.get_exposed_port(8080)
    body = urllib.request.urlopen(f"http://{host}:{port}/", timeout=5).read().decode()
    assert body.strip() == "tc page", body
    print("tc ok", port)
"#;

/// The venv's python with `script` (written to the user's home) and `args`, pointed at the
/// service.
fn python(env: &TestEnv, svc: &Service, name: &str, script: &str, args: &[&str]) -> Command {
    let dir = user_dir(env, "py", &[(name, script)]);
    let path = dir.join(name).display().to_string();
    let mut all = vec![path.as_str()];
    all.extend_from_slice(args);
    svc.client(VENV_PYTHON, &all)
}

#[test]
fn the_docker_python_sdk_runs_a_container_with_a_published_port() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let port = common::registry::free_port().to_string();
    let out = ok(
        "the docker SDK script",
        python(&env, &svc, "sdk.py", SDK_SCRIPT, &[&port]),
    );
    assert!(out.contains("sdk ok"), "{out}");
    nothing_left(&env);
}

#[test]
fn testcontainers_starts_a_server_with_a_wait_strategy_and_leaves_nothing() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let mut cmd = python(&env, &svc, "tc.py", TESTCONTAINERS_SCRIPT, &[]);
    // The Ryuk reaper is off: its image (testcontainers/ryuk, a Go program) is published only
    // on Docker Hub, which this machine cannot reach, and no Debian or PyPI package ships it.
    // The container is removed by the `with` block instead, which this test checks.
    cmd.env("TESTCONTAINERS_RYUK_DISABLED", "true");
    // This machine has a /.dockerenv (its image was built as a container's), which
    // testcontainers takes for running inside a container and then reaches the container
    // through the bridge's gateway; on a host it connects to the Docker host by itself.
    cmd.env("TESTCONTAINERS_CONNECTION_MODE", "docker_host");
    let out = ok("the testcontainers script", cmd);
    assert!(out.contains("tc ok"), "{out}");
    nothing_left(&env);
}

#[test]
fn debian_docker_20_10_copies_builds_pushes_and_streams_on_rcon() {
    let (env, reg) = busybox_world();
    let svc = Service::start(&env);
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 1;
    let dir = user_dir(
        &env,
        "work",
        &[
            ("host.txt", "from the host\n"),
            (
                "ctx/Dockerfile",
                "FROM busybox\nRUN echo built > /built.txt\nCMD [\"cat\", \"/built.txt\"]\n",
            ),
        ],
    );
    let in_dir = |args: &[&str]| {
        let mut cmd = svc.client(DOCKER_DEBIAN, args);
        cmd.current_dir(&dir).env("DOCKER_BUILDKIT", "0");
        ok(&format!("docker 20.10 {args:?}"), cmd)
    };

    // cp both ways.
    docker(
        &svc,
        &["run", "-d", "--name", "box", "busybox", "sleep", "1000"],
    );
    in_dir(&["cp", "host.txt", "box:/tmp/host.txt"]);
    let copied = docker(&svc, &["exec", "box", "cat", "/tmp/host.txt"]);
    assert_eq!(copied, "from the host\n");
    docker(
        &svc,
        &[
            "exec",
            "box",
            "sh",
            "-c",
            "echo from the box > /tmp/box.txt",
        ],
    );
    in_dir(&["cp", "box:/tmp/box.txt", "box.txt"]);
    let back = std::fs::read_to_string(dir.join("box.txt")).unwrap();
    assert_eq!(back, "from the box\n");

    // exec -it on a terminal of its own (script's): the process has a tty.
    let shell = format!("{DOCKER_DEBIAN} exec -it box sh -c 'tty; echo exec done'");
    let tty = ok(
        "docker 20.10 exec -it under script",
        svc.client("script", &["-qec", &shell, "/dev/null"]),
    );
    assert!(
        tty.contains("/dev/pts/") && tty.contains("exec done"),
        "{tty:?}"
    );

    // logs -f follows a container until it ends.
    docker(
        &svc,
        &[
            "run",
            "-d",
            "--name",
            "counter",
            "busybox",
            "sh",
            "-c",
            "for i in 1 2 3; do echo line $i; sleep 0.3; done",
        ],
    );
    let followed = docker(&svc, &["logs", "-f", "counter"]);
    assert_eq!(followed, "line 1\nline 2\nline 3\n");

    // The classic builder, then push to the registry and pull back.
    in_dir(&["build", "-t", "built:1", "ctx"]);
    docker(&svc, &["run", "-d", "--name", "b", "built:1"]);
    assert_eq!(docker(&svc, &["wait", "b"]).trim(), "0");
    assert_eq!(docker(&svc, &["logs", "b"]), "built\n");
    let remote = reg.reference("test/built:1");
    docker(&svc, &["tag", "built:1", &remote]);
    docker(&svc, &["push", &remote]);
    docker(&svc, &["rmi", &remote]);
    docker(&svc, &["pull", &remote]);
    let images = docker(&svc, &["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(images.lines().any(|l| l == remote), "{images}");

    // The events of all that, between two times.
    let until = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 1;
    let events = docker(
        &svc,
        &[
            "events",
            "--since",
            &since.to_string(),
            "--until",
            &until.to_string(),
            "--filter",
            "type=container",
            "--format",
            "{{.Action}} {{.Actor.Attributes.name}}",
        ],
    );
    for want in ["start box", "die counter", "start b"] {
        assert!(events.lines().any(|l| l == want), "{want}: {events}");
    }

    docker(&svc, &["rm", "-f", "box", "counter", "b"]);
    nothing_left(&env);
}

/// What Testcontainers' reaper does, with the docker CLI 28 (a static binary) as the client
/// inside a container: the socket bound into the container reaches the service, lists the
/// session's containers by label and removes them. (Ryuk's own image is on Docker Hub only.)
#[test]
fn a_container_with_the_socket_bound_in_reaps_a_sessions_containers() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let label = "org.testcontainers.session-id=s1";
    svc.docker_ok(&[
        "run", "-d", "--name", "victim", "-l", label, "busybox", "sleep", "1000",
    ]);
    svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "bystander",
        "busybox",
        "sleep",
        "1000",
    ]);
    let socket = format!("{}:/var/run/docker.sock", svc.socket.display());
    let cli = format!("{}:/usr/bin/docker:ro", common::api::DOCKER);
    let script = format!("docker rm -f $(docker ps -aq --filter label={label})");
    let out = svc.docker_ok(&[
        "run", "--rm", "-v", &socket, "-v", &cli, "busybox", "sh", "-c", &script,
    ]);
    assert!(
        !out.trim().is_empty(),
        "the reaper named what it removed: {out:?}"
    );
    let names = env.run_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(
        names.trim(),
        "bystander",
        "only the session's container went"
    );
}
