//! Networks between containers, through the real binary as the test user: a container that
//! shares another's network namespace (`--network container:`), and what it may not set.
mod common;

use common::world::{busybox_world, eventually};
use common::{Registry, TestEnv};

/// Removes every container of both users when a test ends, passed or not, so no holder or
/// supervisor outlives a failed test.
struct Cleanup(TestEnv);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.0.run(&["rm", "-f", "-a"]);
        let _ = self.0.single().run(&["rm", "-f", "-a"]);
    }
}

impl std::ops::Deref for Cleanup {
    type Target = TestEnv;
    fn deref(&self) -> &TestEnv {
        &self.0
    }
}

/// A test world with `busybox` pulled.
fn setup() -> (Cleanup, Registry) {
    let (env, reg) = busybox_world();
    (Cleanup(env), reg)
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
    // The target's links (on the default network), not a namespace of its own.
    let target_links = env.run_ok(&["exec", "web", "ls", "/sys/class/net"]);
    assert_eq!(links, target_links);
    assert!(links.split_whitespace().any(|l| l != "lo"), "{links}");
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
    holder_pid_of(env.user())
}

fn holder_pid_of(user: &common::TestUser) -> Option<i32> {
    let p = user.runtime_dir.join("rcon/networks/holder.pid");
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
    assert_eq!(n["Aliases"], serde_json::json!(["www", short]));
    assert_eq!(n["MacAddress"].as_str().unwrap().len(), 17);
    let resolv = env.run_ok(&["exec", "web", "cat", "/etc/resolv.conf"]);
    assert!(resolv.contains("nameserver 10.89.0.1"), "{resolv}");
    let holder = holder_pid(&env).expect("a holder runs");
    env.run_ok(&["rm", "-f", "web"]);
    eventually(10, "the holder to leave", || holder_pid(&env).is_none());
    // (It removes its pid file first, then exits.)
    eventually(10, "the holder to exit", || !alive(holder));
}

#[test]
fn network_commands_print_and_refuse_as_podman() {
    let (env, _reg) = setup();
    assert_eq!(
        env.run_ok(&[
            "network",
            "create",
            "--subnet",
            "10.90.0.0/24",
            "--label",
            "a=b",
            "n1"
        ])
        .trim(),
        "n1"
    );
    env.run_ok(&["network", "create", "--internal", "n2"]);
    let line = env.run(&["network", "create", "n1"]).error_125();
    assert!(line.contains("already exists"), "{line}");
    let line = env
        .run(&["network", "create", "--subnet", "10.90.0.128/25", "n3"])
        .error_125();
    assert!(line.contains("already used"), "{line}");
    let line = env
        .run(&[
            "network",
            "create",
            "--subnet",
            "10.91.0.0/24",
            "--gateway",
            "10.92.0.1",
            "n3",
        ])
        .error_125();
    assert!(line.contains("--gateway"), "{line}");
    let ls = env.run_ok(&["network", "ls"]);
    let header: Vec<&str> = ls.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["NETWORK", "ID", "NAME", "DRIVER"]);
    assert!(
        ls.lines()
            .any(|l| l.contains(" n1 ") && l.ends_with("bridge")),
        "{ls}"
    );
    assert_eq!(env.run_ok(&["network", "ls", "-q"]), "n1\nn2\npodman\n");
    let rows = env.run_ok(&["network", "ls", "--noheading"]);
    assert_eq!(rows.lines().count(), ls.lines().count() - 1, "{rows}");
    assert!(
        !rows.contains("NETWORK ID") && rows.contains(" n1 "),
        "{rows}"
    );
    assert_eq!(
        env.run_ok(&[
            "network",
            "ls",
            "--filter",
            "label=a=b",
            "--format",
            "{{.Name}} {{.Internal}}"
        ]),
        "n1 false\n"
    );
    let v: serde_json::Value =
        serde_json::from_str(&env.run_ok(&["network", "inspect", "n2"])).unwrap();
    assert_eq!(v[0]["name"], "n2");
    assert_eq!(v[0]["driver"], "bridge");
    assert_eq!(v[0]["internal"], true);
    assert_eq!(v[0]["subnets"][0]["subnet"], "10.89.0.0/24");
    assert_eq!(v[0]["subnets"][0]["gateway"], "10.89.0.1");
    assert_eq!(v[0]["id"].as_str().unwrap().len(), 64);
    assert_eq!(
        env.run_ok(&[
            "network",
            "inspect",
            "--format",
            "{{range .Subnets}}{{.Gateway}}{{end}}",
            "n1"
        ]),
        "10.90.0.1\n"
    );
    // Unknown networks: one line, 125 for run and inspect, 1 for rm (Podman's).
    let line = env
        .run(&["run", "--rm", "--network", "nope", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("unable to find network with name or ID nope"),
        "{line}"
    );
    env.run(&["network", "inspect", "nope"]).error_125();
    let out = env.run(&["network", "rm", "nope"]);
    assert_eq!(out.code, Some(1), "{out}");
    // In use: refused (exit 2) without -f; with -f the container goes too.
    env.run_ok(&[
        "create",
        "--name",
        "user",
        "--network",
        "n1",
        "busybox",
        "true",
    ]);
    let out = env.run(&["network", "rm", "n1"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(out.stderr.contains("used by container(s) user"), "{out}");
    assert_eq!(env.run_ok(&["network", "prune", "-f"]), "n2\n");
    assert_eq!(env.run_ok(&["network", "rm", "-f", "n1"]), "n1\n");
    assert_eq!(env.run_ok(&["ps", "-aq"]), "");
    assert_eq!(env.run_ok(&["network", "ls", "-q"]), "podman\n");
}

#[test]
fn the_default_network_is_podmans_bridge() {
    let (env, _reg) = setup();
    // Listed, inspected and refused as Podman's: 10.88.0.0/16, no DNS, the name's digest as ID.
    let v: serde_json::Value =
        serde_json::from_str(&env.run_ok(&["network", "inspect", "podman"])).unwrap();
    assert_eq!(v[0]["name"], "podman");
    assert_eq!(
        v[0]["id"],
        "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9"
    );
    assert_eq!(v[0]["subnets"][0]["subnet"], "10.88.0.0/16");
    assert_eq!(v[0]["subnets"][0]["gateway"], "10.88.0.1");
    assert_eq!(v[0]["dns_enabled"], false);
    env.run_ok(&["network", "exists", "podman"]);
    let line = env.run(&["network", "create", "podman"]).error_125();
    assert!(line.contains("already used"), "{line}");
    let line = env.run(&["network", "rm", "-f", "podman"]).error_125();
    assert_eq!(line, "Error: default network podman cannot be removed");
    // A new network's subnet stays clear of it.
    env.run_ok(&["network", "create", "other"]);
    let sub = env.run_ok(&[
        "network",
        "inspect",
        "--format",
        "{{range .Subnets}}{{.Subnet}}{{end}}",
        "other",
    ]);
    assert!(sub.starts_with("10.89."), "{sub}");
    assert_eq!(env.run_ok(&["network", "prune", "-f"]), "other\n");
    // `--network bridge` and `--network podman` both put a container on it: an address in
    // 10.88.0.0/16 that another container on it reaches (no names: the network has no DNS).
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "bridge",
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo on-podman > /www/index.html && httpd -f -p 80 -h /www",
    ]);
    let ip = env.run_ok(&[
        "inspect",
        "--format",
        "{{(index .NetworkSettings.Networks \"podman\").IPAddress}}",
        "web",
    ]);
    let ip = ip.trim();
    assert!(ip.starts_with("10.88."), "{ip}");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "podman",
        "busybox",
        "sh",
        "-c",
        &format!(
            "cat /etc/resolv.conf; for i in 1 2 3 4 5 6 7 8 9 10; do \
             wget -q -O - http://{ip}/ && exit 0; sleep 0.2; done; exit 1"
        ),
    ]);
    assert!(out.ends_with("on-podman\n"), "{out}");
    assert!(!out.contains("nameserver 10.88.0.1"), "{out}");
    // Asked anyway, its gateway names no container.
    let out = env.run(&[
        "run",
        "--rm",
        "--network",
        "podman",
        "busybox",
        "nslookup",
        "web.dns.podman",
        "10.88.0.1",
    ]);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(!out.stdout.contains(ip), "{out}");
    let line = env.run(&["network", "rm", "podman"]).error_125();
    assert!(line.contains("cannot be removed"), "{line}");
}

/// A DNS server on the host's loopback answering every A query with 192.0.2.7, for the
/// holder's forwarder; it stops after `count` answers or 30 s.
fn fake_upstream(count: usize) -> (u16, std::thread::JoinHandle<()>) {
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let port = sock.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        for _ in 0..count {
            let Ok((n, from)) = sock.recv_from(&mut buf) else {
                return;
            };
            let q = &buf[..n];
            let qtype = u16::from_be_bytes([q[n - 4], q[n - 3]]);
            let mut a = q.to_vec();
            a[2] |= 0x80;
            a[3] = 0x80;
            if qtype == 1 {
                a[7] = 1;
                a.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7]);
            }
            let _ = sock.send_to(&a, from);
        }
    });
    (port, t)
}

#[test]
fn dns_on_a_network_answers_names_and_forwards_the_rest() {
    let (env, _reg) = setup();
    env.run_ok(&["network", "create", "dnsnet"]);
    let (port, server) = fake_upstream(4);
    let mut cmd = env.rcon(&[
        "run",
        "--rm",
        "--name",
        "asker",
        "--network",
        "dnsnet",
        "busybox",
        "sh",
        "-c",
        "nslookup asker; nslookup example.test",
    ]);
    cmd.env("RCON_DNS_UPSTREAM", format!("127.0.0.1:{port}"));
    let out = common::run_command(cmd, None, std::time::Duration::from_secs(60)).ok();
    // Its own name from the responder (found under dns.podman, searched first), the rest
    // through the host's server.
    assert!(
        out.contains("Name:\tasker.dns.podman\nAddress: 10.89.0.2"),
        "{out}"
    );
    assert!(out.contains("Address: 192.0.2.7"), "{out}");
    drop(server);
}

/// The processes named `comm` whose environment marks container `id`.
fn helpers_of(id: &str, comm: &str) -> usize {
    let mark = format!("RCON_CONTAINER_ID={id}");
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            let pid = e.file_name().to_string_lossy().into_owned();
            let c = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            c.trim() == comm && environ.split(|b| *b == 0).any(|v| v == mark.as_bytes())
        })
        .count()
}

fn supervisor_of(env: &TestEnv, name: &str) -> i32 {
    env.run_ok(&["inspect", "--format", "{{.State.ConmonPid}}", name])
        .trim()
        .parse()
        .unwrap()
}

fn kill9(pid: i32) {
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
}

#[test]
fn nothing_is_left_after_killed_cli_supervisor_or_holder() {
    let (env, _reg) = setup();
    env.run_ok(&["network", "create", "k"]);
    let id_of = |name: &str| {
        env.run_ok(&["inspect", "--format", "{{.Id}}", name])
            .trim()
            .to_string()
    };
    // A killed CLI: the container runs on; rm ends it, its slirp4netns and the holder.
    let mut cli = env
        .rcon(&[
            "run",
            "--name",
            "fg",
            "--network",
            "k",
            "busybox",
            "sleep",
            "100",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    eventually(20, "the container to run", || {
        env.run_ok(&["ps", "-q"]).trim().len() == 12
    });
    let id = id_of("fg");
    cli.kill().unwrap();
    cli.wait().unwrap();
    assert!(holder_pid(&env).is_some());
    let sup = supervisor_of(&env, "fg");
    env.run_ok(&["rm", "-f", "fg"]);
    eventually(10, "the holder to leave", || holder_pid(&env).is_none());
    eventually(10, "the supervisor to exit", || !alive(sup));
    eventually(10, "slirp4netns to exit", || {
        helpers_of(&id, "slirp4netns") == 0
    });
    // A killed supervisor: its slirp4netns goes, the holder leaves.
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "orphan",
        "--network",
        "k",
        "busybox",
        "sleep",
        "100",
    ]);
    let id = id_of("orphan");
    kill9(supervisor_of(&env, "orphan"));
    eventually(10, "the holder to leave", || holder_pid(&env).is_none());
    eventually(10, "slirp4netns to end", || {
        helpers_of(&id, "slirp4netns") == 0
    });
    env.run_ok(&["rm", "-f", "orphan"]);
    // A killed holder: the next container starts a new one, and names work again.
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "a",
        "--network",
        "k",
        "busybox",
        "sleep",
        "100",
    ]);
    let first = holder_pid(&env).unwrap();
    kill9(first);
    eventually(10, "the holder to die", || !alive(first));
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "b",
        "--network",
        "k",
        "busybox",
        "sleep",
        "100",
    ]);
    let second = holder_pid(&env).expect("a new holder");
    assert_ne!(first, second);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "k",
        "busybox",
        "sh",
        "-c",
        "nslookup b",
    ]);
    assert!(out.contains("Name:\tb"), "{out}");
    let sups = [supervisor_of(&env, "a"), supervisor_of(&env, "b")];
    env.run_ok(&["rm", "-f", "a", "b"]);
    eventually(10, "the holder to leave", || holder_pid(&env).is_none());
    eventually(10, "the holder to exit", || !alive(second));
    eventually(10, "the supervisors to end", || {
        sups.iter().all(|p| !alive(*p))
    });
}

#[test]
fn an_internal_network_has_no_way_out() {
    let (env, _reg) = setup();
    env.run_ok(&["network", "create", "--internal", "inside"]);
    let links = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "inside",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(links.split_whitespace().collect::<Vec<_>>(), ["eth0", "lo"]);
    let line = env
        .run(&[
            "run",
            "--rm",
            "--network",
            "inside",
            "-p",
            "8080:80",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("internal"), "{line}");
}

#[test]
fn the_single_uid_user_has_networks_too() {
    let (env, _reg) = setup();
    let single = env.single();
    single.run_ok(&["pull", "-q", "busybox"]);
    single.run_ok(&["network", "create", "solo"]);
    single.run_ok(&[
        "run",
        "-d",
        "--name",
        "s1",
        "--network",
        "solo",
        "busybox",
        "sleep",
        "100",
    ]);
    let out = single.run_ok(&[
        "run",
        "--rm",
        "--network",
        "solo",
        "busybox",
        "sh",
        "-c",
        "nslookup s1",
    ]);
    assert!(out.contains("Name:\ts1"), "{out}");
    single.run_ok(&["rm", "-f", "s1"]);
    eventually(10, "the holder to leave", || {
        holder_pid_of(single).is_none()
    });
}
