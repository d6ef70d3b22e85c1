//! A container's /etc/hosts and /etc/resolv.conf as Podman makes them, through the real binary
//! as the test user: containers.conf's base hosts file and `host.containers.internal`
//! address, the names of a pod's members in the hosts file they share (while they run), a
//! named network's address in the container's own entry (following connect and disconnect),
//! `dns.podman` searched on a network with DNS, slirp4netns's forwarder in its own `cidr=`,
//! and `network reload`.
mod common;

use common::world::busybox_world;
use common::{Registry, TestEnv};

/// Removes every container and pod when a test ends, passed or not, so no holder or
/// supervisor outlives a failed test.
struct Cleanup(TestEnv);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.0.run(&["pod", "rm", "-f", "-a"]);
        let _ = self.0.run(&["rm", "-f", "-a"]);
    }
}

impl std::ops::Deref for Cleanup {
    type Target = TestEnv;
    fn deref(&self) -> &TestEnv {
        &self.0
    }
}

fn setup() -> (Cleanup, Registry) {
    let (env, reg) = busybox_world();
    (Cleanup(env), reg)
}

fn write_conf(env: &TestEnv, text: &str) {
    env.user().write_file(
        env.user().config_home.join("containers/containers.conf"),
        text,
    );
}

/// The entries of a hosts file as (address, names) pairs.
fn entries(hosts: &str) -> Vec<(String, String)> {
    hosts
        .lines()
        .filter_map(|l| {
            let (ip, names) = l.split_once(char::is_whitespace)?;
            Some((ip.to_string(), names.trim().to_string()))
        })
        .collect()
}

#[test]
fn containers_conf_gives_the_base_hosts_file_and_the_hosts_address() {
    let (env, _reg) = setup();
    let base = env.user().write_file(
        env.dir().join("base-hosts"),
        "10.11.12.13 first\n# a comment\n10.11.12.14 second #trailing\n",
    );
    write_conf(
        &env,
        &format!(
            "[containers]\nbase_hosts_file = \"{}\"\nhost_containers_internal_ip = \"10.20.30.40\"\n",
            base.display()
        ),
    );
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--name",
        "c1",
        "--hostname",
        "box",
        "--add-host",
        "added:10.1.1.1",
        "busybox",
        "cat",
        "/etc/hosts",
    ]);
    let e = entries(&out);
    let ips: Vec<&str> = e.iter().map(|(ip, _)| ip.as_str()).collect();
    // --add-host first, the base's entries (comments dropped), localhost (the base names
    // none), the host, the container's own.
    assert_eq!(
        ips[..6],
        [
            "10.1.1.1",
            "10.11.12.13",
            "10.11.12.14",
            "127.0.0.1",
            "::1",
            "10.20.30.40"
        ],
        "{out}"
    );
    assert_eq!(e[2].1, "second", "{out}");
    assert!(e[5].1.starts_with("host.containers.internal"), "{out}");
    assert_eq!(e.len(), 7, "{out}");
    assert!(e[6].1 == "box c1", "{out}");
    // A hostname the base names already keeps the base's entry: no entry of its own.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--name",
        "first",
        "--hostname",
        "first",
        "busybox",
        "cat",
        "/etc/hosts",
    ]);
    assert_eq!(entries(&out).len(), 5, "{out}");
    // `host-gateway` is that address too; `none` leaves the entry out.
    write_conf(
        &env,
        "[containers]\nbase_hosts_file = \"none\"\nhost_containers_internal_ip = \"none\"\n",
    );
    let out = env.run_ok(&["run", "--rm", "busybox", "cat", "/etc/hosts"]);
    assert!(!out.contains("host.containers.internal"), "{out}");
    assert_eq!(entries(&out).len(), 3, "{out}");
    // Without a setting the host's /etc/hosts is the base, as Podman's.
    write_conf(&env, "");
    let out = env.run_ok(&["run", "--rm", "busybox", "cat", "/etc/hosts"]);
    let host = std::fs::read_to_string("/etc/hosts").unwrap();
    for (ip, names) in entries(&host)
        .into_iter()
        .filter(|(ip, _)| !ip.starts_with('#'))
    {
        let first = names.split_whitespace().next().unwrap().to_string();
        assert!(
            entries(&out)
                .iter()
                .any(|(i, n)| *i == ip && n.split_whitespace().any(|x| x == first)),
            "{ip} {first} missing: {out}"
        );
    }
}

#[test]
fn a_pods_members_name_each_other_in_the_hosts_file_they_share_while_they_run() {
    let (env, _reg) = setup();
    env.run_ok(&[
        "pod",
        "create",
        "--name",
        "shop",
        "--infra-name",
        "shop-infra",
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--pod",
        "shop",
        "--name",
        "db",
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo from-db > /www/index.html && httpd -f -p 127.0.0.1:8081 -h /www",
    ]);
    let out = env.run_ok(&[
        "run",
        "--pod",
        "shop",
        "--name",
        "web",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts; for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://db:8081/ && \
         exit 0; sleep 0.2; done; exit 1",
    ]);
    let e = entries(&out);
    // The pod's name is the hostname, named once (by the infra's entry).
    assert!(e.iter().any(|(_, n)| n == "shop shop-infra"), "{out}");
    assert!(e.contains(&("127.0.0.1".into(), "db".into())), "{out}");
    assert!(e.contains(&("127.0.0.1".into(), "web".into())), "{out}");
    // web reached db by its name.
    assert!(out.ends_with("from-db\n"), "{out}");
    // web ended: its line went with it (before `run` returned); db's stays.
    let out = env.run_ok(&["exec", "db", "cat", "/etc/hosts"]);
    assert!(!out.contains("\tweb\n"), "{out}");
    assert!(out.contains("127.0.0.1\tdb\n"), "{out}");
    env.run_ok(&["rm", "-f", "-t", "0", "db"]);
    // A member whose supervisor is killed leaves its line; the next member's start drops it.
    env.run_ok(&[
        "run", "-d", "--pod", "shop", "--name", "cache", "busybox", "sleep", "1000",
    ]);
    let sup: i32 = env
        .run_ok(&["inspect", "--format", "{{.State.ConmonPid}}", "cache"])
        .trim()
        .parse()
        .unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    common::world::eventually(10, "the killed supervisor's end", || {
        !std::path::Path::new(&format!("/proc/{sup}")).exists()
    });
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--pod",
        "shop",
        "busybox",
        "cat",
        "/etc/hosts",
    ]);
    for gone in ["\tdb\n", "\tweb\n", "\tcache\n"] {
        assert!(!out.contains(gone), "{out}");
    }
}

#[test]
fn a_network_address_is_the_containers_entry_and_dns_podman_is_searched() {
    let (env, _reg) = setup();
    env.run_ok(&["network", "create", "--subnet", "10.93.0.0/24", "n1"]);
    env.run_ok(&["network", "create", "--subnet", "10.93.1.0/24", "n2"]);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "a",
        "--hostname",
        "ahost",
        "--network",
        "n1",
        "busybox",
        "sleep",
        "1000",
    ]);
    let ip_on = |net: &str| {
        env.run_ok(&[
            "inspect",
            "--format",
            &format!("{{{{(index .NetworkSettings.Networks \"{net}\").IPAddress}}}}"),
            "a",
        ])
        .trim()
        .to_string()
    };
    let ip1 = ip_on("n1");
    assert!(ip1.starts_with("10.93.0."), "{ip1}");
    let hosts = env.run_ok(&["exec", "a", "cat", "/etc/hosts"]);
    assert!(hosts.contains(&format!("{ip1}\tahost a\n")), "{hosts}");
    let short = env.run_ok(&["inspect", "--format", "{{.Id}}", "a"])[..12].to_string();
    assert_eq!(
        env.run_ok(&[
            "inspect",
            "--format",
            "{{(index .NetworkSettings.Networks \"n1\").Aliases}}",
            "a"
        ])
        .trim(),
        format!("[{short}]")
    );
    env.run_ok(&["network", "connect", "n2", "a"]);
    let ip2 = ip_on("n2");
    let hosts = env.run_ok(&["exec", "a", "cat", "/etc/hosts"]);
    assert!(hosts.contains(&format!("{ip1}\tahost a\n")), "{hosts}");
    assert!(hosts.contains(&format!("{ip2}\tahost a\n")), "{hosts}");
    env.run_ok(&["network", "disconnect", "n1", "a"]);
    let hosts = env.run_ok(&["exec", "a", "cat", "/etc/hosts"]);
    assert!(!hosts.contains(&ip1), "{hosts}");
    assert!(hosts.contains(&format!("{ip2}\tahost a\n")), "{hosts}");
    // The network's responder, its domain searched first.
    let resolv = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "n1",
        "busybox",
        "cat",
        "/etc/resolv.conf",
    ]);
    assert!(resolv.starts_with("search dns.podman"), "{resolv}");
    assert!(resolv.contains("nameserver 10.93.0.1\n"), "{resolv}");
    // --dns-search and --dns replace them.
    let resolv = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "n1",
        "--dns",
        "192.0.2.53",
        "--dns-search",
        "example.com",
        "busybox",
        "cat",
        "/etc/resolv.conf",
    ]);
    assert_eq!(
        resolv, "search example.com\nnameserver 192.0.2.53\n",
        "{resolv}"
    );
    // network reload: nothing to restore; the running container's ID, an error for another.
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "a"]);
    assert_eq!(env.run_ok(&["network", "reload", "a"]), id);
    assert_eq!(env.run_ok(&["network", "reload", "--all"]), id);
    env.run_ok(&["create", "--name", "idle", "busybox", "true"]);
    let line = env.run(&["network", "reload", "idle"]).error_125();
    assert!(line.contains("idle is not running"), "{line}");
}

#[test]
fn slirp4netns_puts_its_forwarder_of_its_own_cidr_first() {
    let (env, _reg) = setup();
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns:cidr=10.44.5.0/24,port_handler=rootlesskit",
        "busybox",
        "cat",
        "/etc/resolv.conf",
    ]);
    assert_eq!(
        out.lines().find(|l| l.starts_with("nameserver")),
        Some("nameserver 10.44.5.3"),
        "{out}"
    );
}
