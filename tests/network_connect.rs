//! `network connect` and `network disconnect` through the real binary as the test user: a
//! running container on a named network gets (and loses) a second one live, a stopped one at
//! its next start, the errors are one line; and the same through the Docker API.
mod common;

use common::api::Service;
use common::world::{busybox_world, inspect};
use common::{Registry, TestEnv};

/// Removes every container when a test ends, passed or not, so no holder or supervisor
/// outlives a failed test.
struct Cleanup(TestEnv);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.0.run(&["rm", "-f", "-a"]);
    }
}

impl std::ops::Deref for Cleanup {
    type Target = TestEnv;
    fn deref(&self) -> &TestEnv {
        &self.0
    }
}

/// A test world with `busybox` pulled and networks n1 (10.91.1.0/24) and n2 (10.91.2.0/24).
fn setup() -> (Cleanup, Registry) {
    let (env, reg) = busybox_world();
    let env = Cleanup(env);
    for (n, subnet) in [("n1", "10.91.1.0/24"), ("n2", "10.91.2.0/24")] {
        assert_eq!(
            env.run_ok(&["network", "create", "--subnet", subnet, n])
                .trim(),
            n
        );
    }
    (env, reg)
}

/// Runs `name` on n1, serving its name over HTTP on port 80.
fn serve_on_n1(env: &TestEnv, name: &str) {
    env.run_ok(&[
        "run",
        "-d",
        "--network",
        "n1",
        "--name",
        name,
        "busybox",
        "sh",
        "-c",
        &format!("mkdir /www && echo from-{name} > /www/index.html && httpd -f -p 80 -h /www"),
    ]);
}

/// `wget http://host/` from a new container on n2, a few tries.
fn get_from_n2(env: &TestEnv, host: &str, tries: u32) -> common::Output {
    env.run(&[
        "run",
        "--rm",
        "--network",
        "n2",
        "busybox",
        "sh",
        "-c",
        &format!(
            "for i in $(seq {tries}); do wget -q -O - http://{host}/ && exit 0; sleep 0.3; \
             done; exit 1"
        ),
    ])
}

/// The IPv4 addresses in `ip -4 addr` of container `name`, with their interfaces.
fn addresses(env: &TestEnv, name: &str) -> String {
    env.run_ok(&["exec", name, "ip", "-4", "-o", "addr"])
}

#[test]
fn a_running_container_is_connected_and_disconnected_live() {
    let (env, _reg) = setup();
    serve_on_n1(&env, "a");
    let before = addresses(&env, "a");
    assert!(before.contains("10.91.1."), "{before}");
    assert!(!before.contains("10.91.2."), "{before}");
    let out = env.run_ok(&["network", "connect", "--alias", "web2", "n2", "a"]);
    assert_eq!(out, "", "connect prints nothing, as Podman's");
    let after = addresses(&env, "a");
    let line = after
        .lines()
        .find(|l| l.contains("10.91.2."))
        .unwrap_or_else(|| panic!("no address on n2: {after}"));
    assert!(line.contains("eth1"), "a second interface: {after}");
    assert!(after.contains("10.91.1."), "n1 stays: {after}");
    // Reached by name and by the alias from n2.
    assert_eq!(get_from_n2(&env, "a", 10).ok().trim(), "from-a");
    assert_eq!(get_from_n2(&env, "web2", 10).ok().trim(), "from-a");
    let v = inspect(&env, "a");
    let n2 = &v["NetworkSettings"]["Networks"]["n2"];
    assert!(
        n2["IPAddress"].as_str().unwrap().starts_with("10.91.2."),
        "{v}"
    );
    let short = &v["Id"].as_str().unwrap()[..12];
    assert_eq!(n2["Aliases"], serde_json::json!(["web2", short]));
    // Connected once only.
    let err = env.run(&["network", "connect", "n2", "a"]).error_125();
    assert!(err.contains("already connected"), "{err}");

    env.run_ok(&["network", "disconnect", "n2", "a"]);
    let gone = addresses(&env, "a");
    assert!(!gone.contains("10.91.2."), "{gone}");
    assert!(!gone.contains("eth1"), "{gone}");
    assert!(gone.contains("10.91.1."), "{gone}");
    assert!(get_from_n2(&env, "a", 1).code != Some(0));
    let v = inspect(&env, "a");
    assert!(v["NetworkSettings"]["Networks"]["n2"].is_null(), "{v}");
    // Connected again: the interface name is free again.
    env.run_ok(&["network", "connect", "n2", "a"]);
    assert!(addresses(&env, "a").contains("10.91.2."));
    assert_eq!(get_from_n2(&env, "a", 10).ok().trim(), "from-a");
}

/// Whether GET / on 127.0.0.1:`port` fails (refused, or no answer within a second).
fn http_fails(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return true;
    };
    s.set_read_timeout(Some(std::time::Duration::from_secs(1)))
        .unwrap();
    let mut body = String::new();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").is_err()
        || s.read_to_string(&mut body).is_err()
        || !body.contains("from-")
}

#[test]
fn a_running_container_leaves_its_last_network_and_comes_back_with_a_new_address() {
    let (env, _reg) = setup();
    let port = common::registry::free_port();
    let publish = format!("{port}:80");
    env.run_ok(&[
        "run",
        "-d",
        "--network",
        "n1",
        "-p",
        &publish,
        "--name",
        "w",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /www && echo from-w > /www/index.html && httpd -f -p 80 -h /www",
    ]);
    common::world::http_get_until(port, "from-w", 20);
    let ip = |env: &TestEnv| {
        let v = inspect(env, "w");
        let n1 = &v["NetworkSettings"]["Networks"]["n1"];
        (
            n1["IPAddress"].as_str().map(String::from),
            n1["MacAddress"].as_str().map(String::from),
        )
    };
    let (ip1, mac1) = ip(&env);
    let ip1 = ip1.expect("an address on n1");
    let hosts = env.run_ok(&["exec", "w", "cat", "/etc/hosts"]);
    assert!(hosts.contains(&ip1), "{hosts}");

    // Off its last network it runs on, with its loopback only: its published port goes too.
    let out = env.run_ok(&["network", "disconnect", "n1", "w"]);
    assert_eq!(out, "", "disconnect prints nothing, as Podman's");
    let left = addresses(&env, "w");
    assert!(
        !left.contains("10.91.1.") && !left.contains("eth0"),
        "{left}"
    );
    assert_eq!(
        env.run_ok(&["inspect", "-f", "{{.State.Status}}", "w"])
            .trim(),
        "running"
    );
    let hosts = env.run_ok(&["exec", "w", "cat", "/etc/hosts"]);
    assert!(!hosts.contains(&ip1), "{hosts}");
    assert!(
        http_fails(port),
        "port {port} still answers off every network"
    );
    let v = inspect(&env, "w");
    assert!(v["NetworkSettings"]["Networks"]["n1"].is_null(), "{v}");

    // Back on: a new address and MAC, and the port answers again.
    assert_eq!(env.run_ok(&["network", "connect", "n1", "w"]), "");
    common::world::http_get_until(port, "from-w", 20);
    let (ip2, mac2) = ip(&env);
    assert_ne!(
        ip2.as_deref(),
        Some(ip1.as_str()),
        "the address did not change"
    );
    assert_ne!(mac2, mac1, "the MAC address did not change");
    let hosts = env.run_ok(&["exec", "w", "cat", "/etc/hosts"]);
    assert!(hosts.contains(&ip2.unwrap()), "{hosts}");

    // Off it again and started again: the default network, as a stopped container gets.
    env.run_ok(&["network", "disconnect", "n1", "w"]);
    env.run_ok(&["stop", "-t", "0", "w"]);
    env.run_ok(&["start", "w"]);
    let mode = env.run_ok(&["inspect", "-f", "{{.HostConfig.NetworkMode}}", "w"]);
    assert!(matches!(mode.trim(), "pasta" | "slirp4netns"), "{mode}");
    common::world::http_get_until(port, "from-w", 20);
}

#[test]
fn a_stopped_container_gets_the_network_at_start_and_errors_are_one_line() {
    let (env, _reg) = setup();
    env.run_ok(&[
        "create",
        "--network",
        "n1",
        "--name",
        "b",
        "busybox",
        "sleep",
        "1000",
    ]);
    env.run_ok(&["network", "connect", "n2", "b"]);
    let v = inspect(&env, "b");
    assert!(v["NetworkSettings"]["Networks"]["n2"].is_object(), "{v}");
    env.run_ok(&["start", "b"]);
    let addrs = addresses(&env, "b");
    assert!(
        addrs.contains("10.91.1.") && addrs.contains("10.91.2."),
        "{addrs}"
    );

    let one_line = |args: &[&str], want: &str| {
        let line = env.run(args).error_125();
        assert!(line.contains(want), "{args:?}: {line}");
    };
    one_line(&["network", "connect", "nosuch", "b"], "nosuch");
    one_line(&["network", "connect", "n2", "nosuch"], "nosuch");
    one_line(&["network", "connect", "n2", "b"], "already connected");
    one_line(
        &["network", "disconnect", "n2", "nosuch"],
        "no container with name or ID \"nosuch\"",
    );
    // On the default rootless network, a running container cannot be re-plumbed.
    env.run_ok(&["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    one_line(&["network", "connect", "n2", "c"], "stop it");
    // Stopped, it can; disconnecting the last network brings the default back.
    env.run_ok(&["stop", "-t", "0", "c"]);
    env.run_ok(&["network", "connect", "n2", "c"]);
    env.run_ok(&["network", "disconnect", "n2", "c"]);
    one_line(&["network", "disconnect", "n2", "c"], "is not connected");
    let mode = env.run_ok(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", "c"]);
    assert!(
        mode.contains("slirp4netns") || mode.contains("pasta"),
        "{mode}"
    );
}

#[test]
fn the_docker_api_connects_a_running_container() {
    let (env, _reg) = setup();
    serve_on_n1(&env, "a");
    let svc = Service::start(&env);
    svc.docker_ok(&["network", "connect", "--alias", "web3", "n2", "a"]);
    assert!(addresses(&env, "a").contains("10.91.2."));
    assert_eq!(get_from_n2(&env, "web3", 10).ok().trim(), "from-a");
    let ips = svc.docker_ok(&[
        "inspect",
        "--format",
        "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}",
        "a",
    ]);
    assert!(ips.contains("n2=10.91.2."), "{ips}");
    let out = svc.docker(&["network", "connect", "n2", "a"], 30);
    assert_ne!(out.code, Some(0), "{out}");
    svc.docker_ok(&["network", "disconnect", "n2", "a"]);
    assert!(!addresses(&env, "a").contains("10.91.2."));
    let out = svc.docker(&["network", "connect", "n2", "nosuch"], 30);
    assert!(out.stderr.contains("No such container: nosuch"), "{out}");
}
