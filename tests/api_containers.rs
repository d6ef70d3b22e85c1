//! The Docker API's container endpoints, driven by the docker CLI 28: create, run -d, ps,
//! inspect, the lifecycle verbs, wait, rename, update, rm, prune, and Docker's errors.
mod common;

use common::api::Service;
use common::world::busybox_world;
use std::time::Duration;

fn docker_err(svc: &Service, args: &[&str]) -> String {
    let out = svc.docker(args, 120);
    assert_ne!(out.code, Some(0), "docker {args:?} should fail: {out}");
    out.stderr
}

fn inspect(svc: &Service, fmt: &str, name: &str) -> String {
    svc.docker_ok(&["container", "inspect", "--format", fmt, name])
        .trim()
        .to_string()
}

#[test]
fn docker_run_detached_then_ps_inspect_and_the_lifecycle_verbs() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let id = svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "-p",
        "127.0.0.1::80",
        "-e",
        "A=1",
        "-l",
        "k=v",
        "busybox",
        "sleep",
        "1000",
    ]);
    let id = id.trim();
    assert_eq!(id.len(), 64, "{id}");

    let ps = svc.docker_ok(&[
        "ps",
        "-a",
        "--format",
        "{{.ID}} {{.Names}} {{.State}} {{.Labels}} {{.Ports}}",
    ]);
    assert!(
        ps.starts_with(&format!("{} web running k=v 127.0.0.1:", &id[..12])),
        "{ps}"
    );
    assert!(ps.trim_end().ends_with("->80/tcp"), "{ps}");
    let status = svc.docker_ok(&["ps", "--format", "{{.Status}}", "--filter", "label=k=v"]);
    assert!(status.starts_with("Up "), "{status}");
    assert_eq!(
        svc.docker_ok(&["ps", "-q", "--filter", "label=k=other"])
            .trim(),
        ""
    );

    let got = inspect(
        &svc,
        "{{.State.Running}} {{.Config.Env}} {{json .NetworkSettings.Ports}} {{.Name}}",
        "web",
    );
    assert!(got.starts_with("true ["), "{got}");
    assert!(got.contains("A=1"), "{got}");
    assert!(
        got.contains(r#"{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":""#),
        "{got}"
    );
    assert!(
        !got.contains(r#""HostPort":"0""#),
        "a real host port: {got}"
    );
    assert!(got.ends_with(" /web"), "{got}");
    // By ID prefix and with Docker's leading slash too.
    assert_eq!(inspect(&svc, "{{.Id}}", &id[..10]), id);
    assert_eq!(inspect(&svc, "{{.Id}}", "/web"), id);
    assert_eq!(inspect(&svc, "{{.Config.Labels.k}}", "web"), "v");
    assert!(inspect(&svc, "{{.Image}}", "web").starts_with("sha256:"));

    // Kill (SIGKILL by default), then a second kill is Docker's 409.
    svc.docker_ok(&["kill", "web"]);
    assert_eq!(
        inspect(&svc, "{{.State.Running}} {{.State.ExitCode}}", "web"),
        "false 137"
    );
    let err = docker_err(&svc, &["kill", "web"]);
    assert!(err.contains("is not running"), "{err}");
    let ps = svc.docker_ok(&["ps", "-a", "--format", "{{.Status}}"]);
    assert!(ps.starts_with("Exited (137) "), "{ps}");
    assert_eq!(svc.docker_ok(&["ps", "-q"]).trim(), "", "nothing runs");

    svc.docker_ok(&["start", "web"]);
    assert_eq!(inspect(&svc, "{{.State.Running}}", "web"), "true");
    // Already running: Docker's 304, which the CLI takes as done.
    let (status, _) = svc.request("POST", "/v1.44/containers/web/start", b"");
    assert_eq!(status, 304);
    svc.docker_ok(&["start", "web"]);
    let pid1 = inspect(&svc, "{{.State.Pid}}", "web");
    svc.docker_ok(&["restart", "-t", "1", "web"]);
    assert_eq!(inspect(&svc, "{{.State.Running}}", "web"), "true");
    assert_ne!(
        inspect(&svc, "{{.State.Pid}}", "web"),
        pid1,
        "a new process"
    );

    svc.docker_ok(&["rename", "web", "web2"]);
    assert_eq!(inspect(&svc, "{{.Name}}", id), "/web2");

    svc.docker_ok(&["stop", "-t", "1", "web2"]);
    assert_eq!(inspect(&svc, "{{.State.Status}}", "web2"), "exited");
    let (status, _) = svc.request("POST", "/v1.44/containers/web2/stop", b"");
    assert_eq!(status, 304, "already stopped");
    let err = docker_err(&svc, &["pause", "web2"]);
    assert!(err.contains("is not running"), "{err}");

    // What rcon's CLI records, the API records: the events file has the same verbs.
    let events = env.run_ok(&["events", "--stream=false", "--format", "{{.Status}}"]);
    for verb in ["create", "start", "kill", "restart", "rename", "stop"] {
        assert!(events.lines().any(|l| l == verb), "{verb} not in {events}");
    }

    svc.docker_ok(&["rm", "web2"]);
    assert_eq!(svc.docker_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn docker_errors_for_names_in_use_unknown_containers_and_bad_requests() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let id = svc.docker_ok(&["create", "--name", "x", "busybox", "true"]);
    let id = id.trim();
    let err = docker_err(&svc, &["create", "--name", "x", "busybox", "true"]);
    assert!(
        err.contains(&format!(
            "Conflict. The container name \"/x\" is already in use by container \"{id}\""
        )),
        "{err}"
    );
    for args in [
        &["container", "inspect", "nope"][..],
        &["stop", "nope"][..],
        &["start", "nope"][..],
        &["rm", "nope"][..],
    ] {
        let err = docker_err(&svc, args);
        assert!(err.contains("No such container: nope"), "{args:?}: {err}");
    }

    // A value rcon refuses is a 400 with rcon's line, and nothing is created.
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/create",
        br#"{"Image": "busybox", "HostConfig": {"RestartPolicy": {"Name": "sometimes"}}}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("sometimes"), "{body}");
    let (status, body) = svc.request("POST", "/v1.44/containers/create?name=bad", b"{\"Image\": ");
    assert_eq!(status, 400, "{body}");
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/create",
        br#"{"Image": "nosuch"}"#,
    );
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("No such image: nosuch:latest"), "{body}");
    let (status, body) = svc.request("GET", "/v1.44/containers/json?all=1", b"");
    assert_eq!(status, 200, "{body}");
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "only x: {body}");
    assert_eq!(list[0]["Names"][0], "/x", "{body}");
    assert_eq!(list[0]["State"], "created", "{body}");

    // A running container is not removed without force.
    svc.docker_ok(&["run", "-d", "--name", "busy", "busybox", "sleep", "1000"]);
    let err = docker_err(&svc, &["rm", "busy"]);
    assert!(err.contains("container is running"), "{err}");
    // Docker's filters: status, name (with its leading slash), ancestor, before.
    let ps = |filter: &str| {
        svc.docker_ok(&["ps", "--format", "{{.Names}}", "--filter", filter])
            .trim()
            .to_string()
    };
    assert_eq!(ps("status=created"), "x");
    assert_eq!(ps("status=running"), "busy");
    assert_eq!(ps("name=^/bu"), "busy");
    assert_eq!(ps("before=busy"), "", "only running ones without -a");
    let all = svc.docker_ok(&[
        "ps",
        "-a",
        "--format",
        "{{.Names}}",
        "--filter",
        "before=busy",
        "--filter",
        "ancestor=busybox",
    ]);
    assert_eq!(all.trim(), "x");
    svc.docker_ok(&["rm", "-f", "busy"]);
    let names = svc.docker_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(names.trim(), "x");
}

#[test]
fn docker_wait_update_and_container_prune() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    svc.docker_ok(&[
        "create",
        "--name",
        "three",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 3",
    ]);
    svc.docker_ok(&["start", "three"]);
    assert_eq!(svc.docker_ok(&["wait", "three"]).trim(), "3");
    assert_eq!(inspect(&svc, "{{.State.ExitCode}}", "three"), "3");

    svc.docker_ok(&[
        "run",
        "-d",
        "--name",
        "u",
        "--restart",
        "no",
        "--stop-timeout",
        "1",
        "busybox",
        "sleep",
        "1000",
    ]);
    svc.docker_ok(&["update", "--restart", "unless-stopped", "u"]);
    assert_eq!(
        inspect(&svc, "{{.HostConfig.RestartPolicy.Name}}", "u"),
        "unless-stopped"
    );

    // Prune takes what is not running, with Docker's label filter.
    let keep = svc.docker_ok(&[
        "create", "--name", "keep", "-l", "keep=1", "busybox", "true",
    ]);
    let three = inspect(&svc, "{{.Id}}", "three");
    let out = svc.docker_ok(&["container", "prune", "-f", "--filter", "label!=keep"]);
    assert!(out.contains(&three), "{out}");
    assert!(!out.contains(keep.trim()), "{out}");
    let left = svc.docker_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    let mut left: Vec<&str> = left.lines().collect();
    left.sort_unstable();
    assert_eq!(left, ["keep", "u"], "three went, the running one stayed");
    svc.docker_ok(&["rm", "-f", "u", "keep"]);
}

#[test]
fn wait_for_removal_answers_before_the_start_and_returns_the_exit_code() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    // As `docker run --rm` does: create with AutoRemove, ask to wait for removal, then start.
    let (status, body) = svc.request(
        "POST",
        "/v1.44/containers/create?name=gone",
        br#"{"Image": "busybox", "Cmd": ["sh", "-c", "sleep 1; exit 4"],
             "HostConfig": {"AutoRemove": true}}"#,
    );
    assert_eq!(status, 201, "{body}");
    let socket = svc.socket.clone();
    // The head must come before the container starts: read it with a deadline.
    use std::io::{Read, Write};
    let mut s = std::os::unix::net::UnixStream::connect(&socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(
        b"POST /v1.44/containers/gone/wait?condition=removed HTTP/1.1\r\nHost: d\r\n\
          Content-Length: 0\r\n\r\n",
    )
    .unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200", "the head comes at once");
    svc.docker_ok(&["start", "gone"]);
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut rest = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&rest).contains("StatusCode") {
        let n = s.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the answer ended early: {}",
            String::from_utf8_lossy(&rest)
        );
        rest.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&rest);
    assert!(text.contains(r#""StatusCode":4"#), "{text}");
    assert_eq!(svc.docker_ok(&["ps", "-aq"]).trim(), "", "removed");
    let (status, _) = svc.request("POST", "/v1.44/containers/gone/wait", b"");
    assert_eq!(status, 404);
}

#[test]
fn a_create_body_reaches_inspect_as_docker_shows_it() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&["network", "create", "n1"]);
    let body = br#"{
        "Image": "busybox", "Entrypoint": "", "Cmd": ["sleep", "5"], "Env": ["A=1"],
        "Labels": {"k": "v"}, "WorkingDir": "/tmp", "User": "1000", "Hostname": "h",
        "StopSignal": "SIGINT", "StopTimeout": 5, "Unknown": {"ignored": true},
        "Healthcheck": {"Test": ["CMD", "true"], "Interval": 2000000000, "Retries": 2},
        "HostConfig": {
            "Binds": ["/tmp:/data:ro"], "Tmpfs": {"/run2": "size=1m"},
            "Mounts": [{"Type": "tmpfs", "Target": "/t"}],
            "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 2},
            "CapAdd": ["NET_ADMIN"], "Init": true, "ReadonlyRootfs": true,
            "Dns": ["1.1.1.1"], "ExtraHosts": ["a:1.2.3.4"],
            "Ulimits": [{"Name": "nofile", "Soft": 100, "Hard": 200}],
            "LogConfig": {"Type": "json-file", "Config": {"max-size": "1m"}},
            "NetworkMode": "n1", "Sysctls": {"net.ipv4.ip_forward": "1"}
        },
        "NetworkingConfig": {"EndpointsConfig": {"n1": {"Aliases": ["a1"]}}}
    }"#;
    let (status, created) = svc.request("POST", "/v1.44/containers/create?name=rich", body);
    assert_eq!(status, 201, "{created}");
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    assert!(
        created["Warnings"][0].as_str().unwrap().contains("Sysctls"),
        "{created}"
    );
    let (status, body) = svc.request("GET", "/v1.44/containers/rich/json", b"");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["Id"], created["Id"]);
    assert_eq!(
        v["Path"], "sleep",
        "the empty entrypoint cleared the image's"
    );
    assert_eq!(v["Args"], serde_json::json!(["5"]));
    let c = &v["Config"];
    assert_eq!(c["Entrypoint"], serde_json::Value::Null, "{c}");
    assert_eq!(c["WorkingDir"], "/tmp");
    assert_eq!(c["User"], "1000");
    assert_eq!(c["Hostname"], "h");
    assert_eq!(c["StopSignal"], "SIGINT");
    assert_eq!(c["Labels"]["k"], "v");
    assert!(
        c["Env"].as_array().unwrap().iter().any(|e| e == "A=1"),
        "{c}"
    );
    assert_eq!(c["Healthcheck"]["Test"], serde_json::json!(["CMD", "true"]));
    assert_eq!(c["Healthcheck"]["Interval"], 2_000_000_000u64);
    assert_eq!(c["Healthcheck"]["Retries"], 2);
    let h = &v["HostConfig"];
    assert_eq!(h["Binds"], serde_json::json!(["/tmp:/data:ro"]), "{h}");
    assert_eq!(h["RestartPolicy"]["Name"], "on-failure");
    assert_eq!(h["RestartPolicy"]["MaximumRetryCount"], 2);
    assert_eq!(h["CapAdd"], serde_json::json!(["CAP_NET_ADMIN"]));
    assert_eq!(h["Init"], true);
    assert_eq!(h["ReadonlyRootfs"], true);
    assert_eq!(h["Dns"], serde_json::json!(["1.1.1.1"]));
    assert_eq!(h["ExtraHosts"], serde_json::json!(["a:1.2.3.4"]));
    assert_eq!(h["Ulimits"][0]["Name"], "nofile");
    assert_eq!(h["Ulimits"][0]["Hard"], 200);
    assert_eq!(h["LogConfig"]["Type"], "json-file");
    assert_eq!(h["NetworkMode"], "n1");
    assert!(
        h["Tmpfs"]["/run2"].as_str().unwrap().contains("size=1m"),
        "{h}"
    );
    let mounts: Vec<&str> = v["Mounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Destination"].as_str().unwrap())
        .collect();
    assert!(
        mounts.contains(&"/data") && mounts.contains(&"/t"),
        "{mounts:?}"
    );
    let n1 = &v["NetworkSettings"]["Networks"]["n1"];
    let short = &v["Id"].as_str().unwrap()[..12];
    assert_eq!(n1["Aliases"], serde_json::json!(["a1", short]), "{v}");
    assert_eq!(v["State"]["Status"], "created");
    assert_eq!(v["Name"], "/rich");
    // The list shows the same container in its own shape.
    let (_, list) = svc.request(
        "GET",
        "/v1.44/containers/json?all=1&filters=%7B%22network%22%3A%5B%22n1%22%5D%7D",
        b"",
    );
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list[0]["Names"][0], "/rich", "{list}");
    assert_eq!(list[0]["Command"], "sleep 5", "{list}");
    assert_eq!(list[0]["HostConfig"]["NetworkMode"], "n1", "{list}");
}
