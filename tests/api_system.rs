//! The Docker API's system, events, networks and volumes endpoints, judged by the docker CLI
//! (28) against `rcon system service`.
mod common;

use common::api::{Service, DOCKER};
use common::world::{busybox_world, eventually};
use common::{run_command, Registry, TestEnv};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The head of a raw answer to `method path`, lowercased.
fn head_of(svc: &Service, method: &str, path: &str) -> String {
    let mut s = UnixStream::connect(&svc.socket).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).to_ascii_lowercase()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn docker_info_system_df_and_volumes_show_rcon_store() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["volume", "create", "--label", "app=web", "used"]);
    env.run_ok(&[
        "create",
        "--name",
        "holder",
        "-v",
        "used:/data",
        "busybox",
        "true",
    ]);
    let svc = Service::start(&env);

    // /_ping tells the CLI to use the classic builder.
    for method in ["GET", "HEAD"] {
        let head = head_of(&svc, method, "/_ping");
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("builder-version: 1\r\n"), "{head}");
        assert!(head.contains("pragma: no-cache"), "{head}");
    }

    let info = json(&svc.docker_ok(&["info", "--format", "{{json .}}"]));
    assert_eq!(info["Containers"], 1, "{info}");
    assert_eq!(info["ContainersStopped"], 1, "{info}");
    assert_eq!(info["Images"], 1, "{info}");
    assert_eq!(info["OSType"], "linux");
    assert!(
        info["SecurityOptions"]
            .to_string()
            .contains("name=rootless"),
        "{info}"
    );
    assert!(!info["Driver"].as_str().unwrap().is_empty(), "{info}");
    // The default form prints every section without the client complaining.
    let out = svc.docker(&["info"], 60);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("Server Version: "), "{out}");
    assert!(!out.stderr.contains("rror"), "{out}");

    let df = svc.docker_ok(&[
        "system",
        "df",
        "--format",
        "{{.Type}} {{.TotalCount}} {{.Active}}",
    ]);
    assert!(df.contains("Images 1 1"), "{df}");
    assert!(df.contains("Containers 1 0"), "{df}");
    assert!(df.contains("Local Volumes 1 1"), "{df}");
    let verbose = svc.docker_ok(&["system", "df", "-v"]);
    assert!(
        verbose.contains("holder") && verbose.contains("used"),
        "{verbose}"
    );

    // Volumes.
    let made = svc.docker_ok(&["volume", "create", "--label", "tier=db", "data"]);
    assert_eq!(made.trim(), "data");
    assert_eq!(
        svc.docker_ok(&["volume", "create", "data"]).trim(),
        "data",
        "an existing name is no error"
    );
    let anon = svc.docker_ok(&["volume", "create"]);
    assert_eq!(anon.trim().len(), 64, "a generated name: {anon}");
    let names = svc.docker_ok(&["volume", "ls", "-q", "--filter", "label=tier=db"]);
    assert_eq!(names.trim(), "data");
    let dangling = svc.docker_ok(&["volume", "ls", "-q", "--filter", "dangling=true"]);
    assert!(
        dangling.contains("data") && !dangling.contains("used"),
        "{dangling}"
    );
    let v = json(&svc.docker_ok(&["volume", "inspect", "used"]));
    assert_eq!(v[0]["Driver"], "local");
    assert_eq!(v[0]["Labels"]["app"], "web");
    assert!(
        v[0]["Mountpoint"]
            .as_str()
            .unwrap()
            .ends_with("/used/_data"),
        "{v}"
    );
    let out = svc.docker(&["volume", "rm", "used"], 60);
    assert_ne!(out.code, Some(0), "a volume in use stays: {out}");
    assert!(out.stderr.contains("in use"), "{out}");
    let out = svc.docker(&["volume", "inspect", "nosuch"], 60);
    assert!(out.stderr.contains("no such volume"), "{out}");
    // Prune takes unused volumes; named ones only with all=true (API 1.42 and later).
    svc.docker_ok(&["volume", "prune", "-f"]);
    assert!(env.run_ok(&["volume", "ls", "-q"]).contains("data"));
    let pruned = svc.docker_ok(&["volume", "prune", "-f", "--all", "--filter", "label=tier"]);
    assert!(pruned.contains("data"), "{pruned}");
    svc.docker_ok(&["volume", "rm", "-f", "nosuch"]);
    svc.docker_ok(&["volume", "rm", anon.trim()]);
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]).trim(), "used");
}

#[test]
fn docker_network_commands_see_bridge_host_none_and_rcon_networks() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["create", "--name", "c1", "busybox", "true"]);
    let svc = Service::start(&env);
    let names = svc.docker_ok(&["network", "ls", "--format", "{{.Name}} {{.Driver}}"]);
    // rcon's default network (Podman's `podman` bridge) beside Docker's three.
    for want in ["bridge bridge", "host host", "none null", "podman bridge"] {
        assert!(names.lines().any(|l| l == want), "{want}: {names}");
    }
    let bridge = json(&svc.docker_ok(&["network", "inspect", "bridge"]));
    assert_eq!(bridge[0]["Scope"], "local");
    assert_eq!(bridge[0]["IPAM"]["Driver"], "default");

    let id = svc.docker_ok(&[
        "network",
        "create",
        "--subnet",
        "10.91.7.0/24",
        "--label",
        "team=a",
        "front",
    ]);
    assert_eq!(id.trim().len(), 64, "{id}");
    let out = svc.docker(&["network", "create", "front"], 60);
    assert_ne!(out.code, Some(0));
    assert!(out.stderr.contains("already exists"), "{out}");
    let front = json(&svc.docker_ok(&["network", "inspect", "front"]));
    assert_eq!(front[0]["Id"], id.trim());
    assert_eq!(front[0]["IPAM"]["Config"][0]["Subnet"], "10.91.7.0/24");
    assert_eq!(front[0]["Labels"]["team"], "a");
    let rcon_view = env.run_ok(&["network", "inspect", "--format", "{{.ID}}", "front"]);
    assert_eq!(rcon_view.trim(), id.trim(), "the same network rcon sees");
    let custom = svc.docker_ok(&[
        "network",
        "ls",
        "-q",
        "--no-trunc",
        "--filter",
        "type=custom",
    ]);
    assert_eq!(custom.trim(), id.trim());

    // Connecting a stopped container puts the network in its record.
    svc.docker_ok(&["network", "connect", "--alias", "web", "front", "c1"]);
    let nets = env.run_ok(&[
        "inspect",
        "--format",
        "{{json .NetworkSettings.Networks}}",
        "c1",
    ]);
    assert!(nets.contains("front"), "{nets}");
    let out = svc.docker(&["network", "rm", "front"], 60);
    assert_ne!(out.code, Some(0), "a network in use stays: {out}");
    assert!(out.stderr.contains("c1"), "{out}");
    svc.docker_ok(&["network", "disconnect", "front", "c1"]);
    let nets = env.run_ok(&[
        "inspect",
        "--format",
        "{{json .NetworkSettings.Networks}}",
        "c1",
    ]);
    assert!(!nets.contains("front"), "{nets}");
    let out = svc.docker(&["network", "disconnect", "front", "c1"], 60);
    assert!(out.stderr.contains("not connected"), "{out}");
    // A running container is an endpoint with its address.
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "r1",
        "--network",
        "front",
        "busybox",
        "sleep",
        "100",
    ]);
    let front = json(&svc.docker_ok(&["network", "inspect", "front"]));
    let eps = front[0]["Containers"].as_object().unwrap();
    assert_eq!(eps.len(), 1, "{front}");
    let ep = eps.values().next().unwrap();
    assert_eq!(ep["Name"], "r1");
    assert!(
        ep["IPv4Address"].as_str().unwrap().starts_with("10.91.7."),
        "{ep}"
    );
    // Off its last network it keeps running, with its loopback only.
    svc.docker_ok(&["network", "disconnect", "front", "r1"]);
    let front = json(&svc.docker_ok(&["network", "inspect", "front"]));
    assert_eq!(
        front[0]["Containers"].as_object().map(|o| o.len()),
        Some(0),
        "{front}"
    );
    let state = env.run_ok(&["inspect", "-f", "{{.State.Status}}", "r1"]);
    assert_eq!(state.trim(), "running");
    env.run_ok(&["rm", "-f", "-t", "0", "r1"]);
    let out = svc.docker(&["network", "rm", "bridge"], 60);
    assert!(out.stderr.contains("pre-defined"), "{out}");
    svc.docker_ok(&["network", "rm", "front"]);
    svc.docker_ok(&["network", "create", "spare"]);
    let pruned = svc.docker_ok(&["network", "prune", "-f"]);
    assert!(pruned.contains("spare"), "{pruned}");
    assert_eq!(env.run_ok(&["network", "ls", "-q"]).trim(), "podman");
}

#[test]
fn docker_events_streams_a_container_start_and_die() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let since = (unix_now() - 1).to_string();
    let mut child = svc
        .client(
            DOCKER,
            &[
                "events",
                "--since",
                &since,
                "--filter",
                "type=container",
                "--format",
                "{{.Action}} {{.Actor.Attributes.name}} {{index .Actor.Attributes \"exitCode\"}}",
            ],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let reader = BufReader::new(child.stdout.take().unwrap());
    let seen = lines.clone();
    std::thread::spawn(move || {
        for l in reader.lines().map_while(Result::ok) {
            seen.lock().unwrap().push(l);
        }
    });
    let ran = env.run(&["run", "--name", "ev", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(ran.code, Some(3), "{ran}");
    eventually(30, "start and die in docker events", || {
        let l = lines.lock().unwrap();
        l.iter().any(|x| x == "start ev ") && l.iter().any(|x| x == "die ev 3")
    });
    let _ = child.kill();
    let _ = child.wait();
    let all = lines.lock().unwrap().clone();
    assert!(all.iter().any(|x| x == "create ev "), "{all:?}");
    env.run_ok(&["rm", "ev"]);
    // A bounded window ends by itself.
    let until = (unix_now() + 1).to_string();
    let out = svc.docker(
        &[
            "events",
            "--since",
            &since,
            "--until",
            &until,
            "--filter",
            "event=destroy",
            "--format",
            "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}",
        ],
        30,
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout.trim(), "container destroy ev", "{out}");
}

#[test]
fn docker_login_checks_credentials_with_the_registry_and_stores_nothing() {
    let env = TestEnv::new();
    let reg = Registry::start_token_auth(&env, "alice", "s3cret");
    let svc = Service::start(&env);
    let login = |password: &str| {
        run_command(
            svc.client(
                DOCKER,
                &["login", "-u", "alice", "--password-stdin", reg.host()],
            ),
            Some(format!("{password}\n").as_bytes()),
            Duration::from_secs(60),
        )
    };
    let bad = login("wrong");
    assert_ne!(bad.code, Some(0), "{bad}");
    assert!(bad.stderr.to_lowercase().contains("unauthorized"), "{bad}");
    let good = login("s3cret");
    assert_eq!(good.code, Some(0), "{good}");
    assert!(good.stdout.contains("Login Succeeded"), "{good}");
    let user = env.user();
    for f in [
        user.runtime_dir.join("containers/auth.json"),
        user.config_home.join("containers/auth.json"),
    ] {
        assert!(
            !f.exists(),
            "the service stores no credentials: {}",
            f.display()
        );
    }
    let (status, body) = svc.request(
        "POST",
        "/auth",
        br#"{"username":"alice","password":"nope","serveraddress":"http://127.0.0.1:1"}"#,
    );
    assert_eq!(
        status, 500,
        "an unreachable registry is the service's error: {body}"
    );
}
