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
    // Its last network stays while it runs.
    let err = env.run(&["network", "disconnect", "n1", "a"]).error_125();
    assert!(err.contains("last network n1"), "{err}");
    // Connected again: the interface name is free again.
    env.run_ok(&["network", "connect", "n2", "a"]);
    assert!(addresses(&env, "a").contains("10.91.2."));
    assert_eq!(get_from_n2(&env, "a", 10).ok().trim(), "from-a");
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
