//! The Docker API's streaming and hijacking container endpoints, judged by the docker CLI
//! (28): attach (`docker run`), logs, exec, top, stats, cp, diff, export.
mod common;

use common::api::{Service, DOCKER};
use common::world::{busybox_world, eventually};
use common::{run_command, Output};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// `docker ARGS` with `input` on its stdin.
fn docker_stdin(svc: &Service, args: &[&str], input: &[u8]) -> Output {
    run_command(
        svc.client(DOCKER, args),
        Some(input),
        Duration::from_secs(120),
    )
}

#[test]
fn docker_run_attaches_before_the_start_and_exits_with_the_containers_code() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let out = svc.docker(&["run", "--rm", "busybox", "echo", "hi"], 120);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "hi\n", "{out}");

    let out = svc.docker(&["run", "--rm", "busybox", "sh", "-c", "exit 3"], 120);
    assert_eq!(out.code, Some(3), "{out}");

    // Multiplexed: stderr stays stderr.
    let out = svc.docker(
        &[
            "run",
            "--name",
            "split",
            "busybox",
            "sh",
            "-c",
            "echo out; echo err >&2",
        ],
        120,
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "out\n", "{out}");
    assert!(out.stderr.contains("err\n"), "{out}");

    // `start -a` attaches to the exited container before starting it again.
    let out = svc.docker(&["start", "-a", "split"], 120);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "out\n", "{out}");

    // stdin relayed; the client's end of input is the container's.
    let out = docker_stdin(&svc, &["run", "-i", "--rm", "busybox", "cat"], b"data\n");
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "data\n", "{out}");
}

#[test]
fn logs_exec_top_and_stats_of_a_running_container() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "busybox",
        "sh",
        "-c",
        "echo one; echo two >&2; echo three; exec sleep 1000",
    ]);
    eventually(30, "the log to hold three lines", || {
        env.run(&["logs", "web"]).stdout.contains("three")
    });
    let out = svc.docker(&["logs", "web"], 60);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "one\nthree\n", "{out}");
    assert_eq!(out.stderr, "two\n", "{out}");
    let stamped = svc.docker_ok(&["logs", "-t", "web"]);
    let first = stamped.lines().next().unwrap();
    assert!(
        first.ends_with(" one") && first.starts_with("20") && first.contains('T'),
        "{stamped}"
    );

    assert_eq!(
        svc.docker_ok(&["exec", "web", "echo", "inside"]),
        "inside\n"
    );
    let out = svc.docker(&["exec", "web", "sh", "-c", "exit 4"], 60);
    assert_eq!(out.code, Some(4), "{out}");
    let out = docker_stdin(&svc, &["exec", "-i", "web", "cat"], b"in\n");
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "in\n", "{out}");
    let out = svc.docker(&["exec", "web", "/no/such/command"], 60);
    assert_ne!(out.code, Some(0), "{out}");

    // The exec record as Docker shapes it, before and after its start.
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/web/exec",
        br#"{"Cmd":["sh","-c","exit 6"],"AttachStdout":true}"#,
    );
    assert_eq!(status, 201, "{body}");
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = svc.request("GET", &format!("/v1.44/exec/{id}/json"), b"");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["Running"], false, "{body}");
    assert!(v["ExitCode"].is_null(), "{body}");
    assert_eq!(v["ProcessConfig"]["entrypoint"], "sh", "{body}");
    assert_eq!(v["ProcessConfig"]["arguments"][1], "exit 6", "{body}");
    assert_eq!(v["OpenStdout"], true, "{body}");
    let (status, body) = svc.request("GET", "/v1.44/exec/abc/json", b"");
    assert_eq!(status, 404, "{body}");
    env.run_ok(&["create", "--name", "asleep", "busybox", "true"]);
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/asleep/exec",
        br#"{"Cmd":["true"]}"#,
    );
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("is not running"), "{body}");

    let top = svc.docker_ok(&["top", "web"]);
    assert!(top.contains("sleep 1000"), "{top}");
    let stats = svc.docker_ok(&["stats", "--no-stream", "web"]);
    let lines: Vec<&str> = stats.lines().collect();
    assert!(lines[0].contains("CONTAINER ID"), "{stats}");
    assert!(lines.iter().any(|l| l.contains("web")), "{stats}");
    // Streamed: one object after another while the client reads.
    let mut s = UnixStream::connect(&svc.socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(b"GET /v1.44/containers/web/stats?stream=1 HTTP/1.1\r\nHost: docker\r\n\r\n")
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    while String::from_utf8_lossy(&got)
        .matches("\"precpu_stats\"")
        .count()
        < 2
    {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "{}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("\"name\":\"/web\""), "{text}");
    assert!(text.contains("\"pids_stats\":{\"current\":"), "{text}");
}

#[test]
fn logs_follow_ends_when_the_container_stops() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "brief",
        "busybox",
        "sh",
        "-c",
        "echo a; sleep 1; echo b",
    ]);
    let out = svc.docker(&["logs", "-f", "brief"], 60);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "a\nb\n", "{out}");
    assert_eq!(svc.docker_ok(&["logs", "--tail", "1", "brief"]), "b\n");
}

#[test]
fn cp_diff_and_export() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&["run", "-d", "--name", "box", "busybox", "sleep", "1000"]);
    let src = env
        .user()
        .write_file(env.user().home.join("hello.txt"), "hello\n");
    let src = src.display().to_string();
    svc.docker_ok(&["cp", &src, "box:/tmp/"]);
    assert_eq!(
        env.run_ok(&["exec", "box", "cat", "/tmp/hello.txt"]),
        "hello\n"
    );
    env.run_ok(&[
        "exec",
        "box",
        "sh",
        "-c",
        "mkdir /data && echo back > /data/f",
    ]);
    let dst = env.user().home.join("out");
    let dst_s = dst.display().to_string();
    svc.docker_ok(&["cp", "box:/data", &dst_s]);
    assert_eq!(std::fs::read_to_string(dst.join("f")).unwrap(), "back\n");
    // Docker's API gives a symlink as itself; `docker cp -L` follows it.
    env.run_ok(&["exec", "box", "ln", "-s", "/data/f", "/data/link"]);
    svc.docker_ok(&["cp", "box:/data/link", &format!("{dst_s}/link")]);
    assert_eq!(
        std::fs::read_link(dst.join("link")).unwrap(),
        std::path::Path::new("/data/f")
    );
    svc.docker_ok(&["cp", "-L", "box:/data/link", &format!("{dst_s}/followed")]);
    assert_eq!(
        std::fs::read_to_string(dst.join("followed")).unwrap(),
        "back\n"
    );
    let out = svc.docker(&["cp", "box:/no/such/file", &dst_s], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("no/such/file"), "{out}");
    let out = svc.docker(&["cp", &src, "box:/no/such/dir/"], 60);
    assert_ne!(out.code, Some(0), "{out}");

    // A container that never ran: its root is mounted for the copy.
    env.run_ok(&["create", "--name", "idle", "busybox", "true"]);
    svc.docker_ok(&["cp", &src, "idle:/hello.txt"]);
    let back = env.user().home.join("back.txt");
    svc.docker_ok(&["cp", "idle:/hello.txt", &back.display().to_string()]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), "hello\n");

    let diff = svc.docker_ok(&["diff", "box"]);
    assert!(diff.lines().any(|l| l == "A /data/f"), "{diff}");
    assert!(diff.lines().any(|l| l == "C /tmp"), "{diff}");

    let export = run_command(
        svc.client("sh", &["-c", &format!("{DOCKER} export box | tar t")]),
        None,
        Duration::from_secs(120),
    );
    assert_eq!(export.code, Some(0), "{export}");
    assert!(
        export
            .stdout
            .lines()
            .any(|l| l.trim_end_matches('/') == "data/f" || l.trim_end_matches('/') == "./data/f"),
        "{export}"
    );
    assert!(
        export.stdout.lines().any(|l| l.contains("bin/busybox")),
        "{export}"
    );
}

#[test]
fn a_client_that_leaves_mid_attach_leaves_the_container_running() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "talker",
        "busybox",
        "sh",
        "-c",
        "while true; do echo tick; sleep 0.1; done",
    ]);
    let mut s = UnixStream::connect(&svc.socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(
        b"POST /v1.44/containers/talker/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\n\
          Host: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n",
    )
    .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("tick") {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "{}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 101"), "{text}");
    assert!(
        text.contains("application/vnd.docker.multiplexed-stream"),
        "{text}"
    );
    // The first frame after the head: stream 1, then the size.
    let body = &got[got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4..];
    assert_eq!(&body[..4], &[1, 0, 0, 0], "{text}");
    drop(s);
    std::thread::sleep(Duration::from_millis(500));
    let st = env.run_ok(&["inspect", "--format", "{{.State.Status}}", "talker"]);
    assert_eq!(st.trim(), "running");
    // An exec session with a terminal whose client leaves: its shell hears the hang-up.
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/talker/exec",
        br#"{"Cmd":["sh"],"AttachStdin":true,"AttachStdout":true,"Tty":true}"#,
    );
    assert_eq!(status, 201, "{body}");
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut s = UnixStream::connect(&svc.socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let start = br#"{"Detach":false,"Tty":true}"#;
    s.write_all(
        format!(
            "POST /v1.44/exec/{id}/start HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n\
             Upgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            start.len()
        )
        .as_bytes(),
    )
    .unwrap();
    s.write_all(start).unwrap();
    let n = s.read(&mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 101"), "{:?}", &buf[..n]);
    let exec_json = |svc: &Service| {
        let (_, body) = svc.request("GET", &format!("/v1.44/exec/{id}/json"), b"");
        serde_json::from_str::<serde_json::Value>(&body).unwrap()
    };
    eventually(30, "the exec session to run", || {
        exec_json(&svc)["Running"] == true
    });
    drop(s);
    eventually(30, "the exec session to end", || {
        exec_json(&svc)["Running"] == false
    });
    assert!(exec_json(&svc)["ExitCode"].is_i64());

    // Still served: a second attach sees output again.
    let out = svc.docker(&["exec", "talker", "echo", "still"], 60);
    assert_eq!(out.stdout, "still\n", "{out}");
}

#[test]
fn exec_with_a_terminal_gets_its_size() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&["run", "-d", "--name", "term", "busybox", "sleep", "1000"]);
    let shell = format!("stty rows 33 cols 101; {DOCKER} exec -it term sh -c 'tty; stty size'");
    let out = run_command(
        svc.client("script", &["-qec", &shell, "/dev/null"]),
        Some(b""),
        Duration::from_secs(60),
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("/dev/pts/"), "{out}");
    assert!(out.stdout.contains("33 101"), "{out}");
}

#[test]
fn docker_run_with_a_terminal_streams_raw() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let shell = format!("{DOCKER} run -t --rm busybox sh -c 'tty; exit 5'");
    let out = run_command(
        svc.client("script", &["-qec", &shell, "/dev/null"]),
        Some(b""),
        Duration::from_secs(60),
    );
    assert_eq!(out.code, Some(5), "{out}");
    assert!(out.stdout.contains("/dev/pts/0"), "{out}");
    // No multiplexing header before the text.
    assert!(!out.stdout.contains('\u{1}'), "{out:?}");
}
