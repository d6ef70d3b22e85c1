//! Networks between containers, through the real binary as the test user: a container that
//! shares another's network namespace (`--network container:`), and what it may not set.
mod common;

use common::image::{self, Compression, ImageSpec};
use common::world::eventually;
use common::{Registry, TestEnv};

/// A test world with `busybox` pulled.
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "busybox"]);
    (env, reg)
}

#[test]
fn a_sidecar_shares_loopback_with_its_target() {
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo sidecar-ok > /www/index.html && httpd -f -p 127.0.0.1:8080 -h /www",
    ]);
    // The sidecar reaches the server on the target's 127.0.0.1, and sees its interfaces.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://127.0.0.1:8080/ && exit 0; \
         sleep 0.2; done; exit 1",
    ]);
    assert_eq!(out.trim(), "sidecar-ok");
    let links = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert!(links.contains("tap0"), "{links}");
    // The target's resolv.conf, and the mode in inspect.
    let theirs = env.run_ok(&["exec", "web", "cat", "/etc/resolv.conf"]);
    env.run_ok(&[
        "create",
        "--name",
        "side",
        "--network",
        "container:web",
        "busybox",
        "cat",
        "/etc/resolv.conf",
    ]);
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "web"]);
    let mode = env.run_ok(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", "side"]);
    assert_eq!(mode.trim(), format!("container:{}", id.trim()));
    assert_eq!(env.run_ok(&["start", "-a", "side"]), theirs);
    env.run_ok(&["rm", "-f", "web", "side"]);
}

#[test]
fn sharing_a_missing_or_stopped_container_fails_cleanly() {
    let (env, _reg) = setup();
    let line = env
        .run(&[
            "run",
            "--rm",
            "--network",
            "container:nope",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("nope"), "{line}");
    env.run_ok(&["create", "--name", "idle", "busybox", "true"]);
    let line = env
        .run(&[
            "run",
            "--rm",
            "--network",
            "container:idle",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("not running"), "{line}");
    for extra in [
        ["-p", "8080:80"],
        ["--dns", "1.1.1.1"],
        ["--add-host", "a:1.2.3.4"],
    ] {
        let mut args = vec!["run", "--rm", "--network", "container:idle"];
        args.extend(extra);
        args.extend(["busybox", "true"]);
        let line = env.run(&args).error_125();
        assert!(line.contains("conflicting options"), "{line}");
    }
    assert_eq!(env.run_ok(&["ps", "-aq"]).lines().count(), 1, "only idle");
    env.run_ok(&["rm", "idle"]);
}

/// The pid in `<runroot>/networks/holder.pid` when that process runs.
fn holder_pid(env: &TestEnv) -> Option<i32> {
    let p = env.user().runtime_dir.join("rcon/networks/holder.pid");
    let text = std::fs::read_to_string(p).ok()?;
    let pid: i32 = text.split_whitespace().next()?.parse().ok()?;
    alive(pid).then_some(pid)
}

/// Whether process `pid` runs (a zombie left to a parent that does not reap does not).
fn alive(pid: i32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next());
    matches!(state, Some(s) if s != 'Z')
}

#[test]
fn containers_on_a_network_reach_each_other_by_name_and_alias() {
    let (env, _reg) = setup();
    assert_eq!(
        env.run_ok(&["network", "create", "appnet"]).trim(),
        "appnet"
    );
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "appnet",
        "--network-alias",
        "www",
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo by-name > /www/index.html && httpd -f -p 80 -h /www",
    ]);
    let get = |host: &str| {
        env.run(&[
            "run",
            "--rm",
            "--network",
            "appnet",
            "busybox",
            "sh",
            "-c",
            // (busybox's wget -T crashes in its static build: no timeout flag.)
            &format!(
                "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://{host}/ && exit 0; \
                 sleep 0.3; done; exit 1"
            ),
        ])
    };
    assert_eq!(get("web").ok().trim(), "by-name");
    assert_eq!(get("www").ok().trim(), "by-name");
    let short = env.run_ok(&["inspect", "--format", "{{.Id}}", "web"])[..12].to_string();
    assert_eq!(get(&short).ok().trim(), "by-name");
    let v: serde_json::Value = serde_json::from_str(&env.run_ok(&["inspect", "web"])).unwrap();
    let n = &v[0]["NetworkSettings"]["Networks"]["appnet"];
    assert!(
        n["IPAddress"].as_str().unwrap().starts_with("10.89."),
        "{v}"
    );
    assert_eq!(n["Gateway"], "10.89.0.1");
    assert_eq!(n["Aliases"], serde_json::json!(["www"]));
    assert_eq!(n["MacAddress"].as_str().unwrap().len(), 17);
    let resolv = env.run_ok(&["exec", "web", "cat", "/etc/resolv.conf"]);
    assert!(resolv.contains("nameserver 10.89.0.1"), "{resolv}");
    let holder = holder_pid(&env).expect("a holder runs");
    env.run_ok(&["rm", "-f", "web"]);
    eventually(10, "the holder to leave", || holder_pid(&env).is_none());
    assert!(!alive(holder));
}
