//! Container networking through the real binary as the test user, with real pasta (the
//! default where passt is installed, as here) and real slirp4netns (by flag): busybox httpd
//! reached through a published TCP port, a UDP datagram through a published UDP port, the
//! client's own address seen behind a published port, a random host port told by
//! `rcon port`, a container reaching a server on the host (allow_host_loopback,
//! host.containers.internal), /etc/hosts and resolv.conf from the flags, `none` (only lo) and
//! `host`, a taken host port, and no helper left behind after `rm`, a killed CLI or a killed
//! supervisor. pasta's own options are in tests/pasta.rs.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::world::eventually;
use common::{Registry, TestEnv};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::time::Duration;

/// A test world with `busybox` pulled, and `netcat` (busybox plus OpenBSD's nc with its
/// libraries: busybox's nc has no UDP).
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(netcat_layer())
        .cmd(&["sh"])
        .build();
    reg.push("library/netcat:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "busybox"]);
    env.run_ok(&["pull", "-q", "netcat"]);
    (env, reg)
}

/// /usr/bin/ncu: the host's nc.openbsd with the libraries it links, at their paths.
fn netcat_layer() -> image::Layer {
    let nc =
        std::fs::read("/bin/nc.openbsd").expect("read /bin/nc.openbsd: install netcat-openbsd");
    let mut b = LayerBuilder::new()
        .file("usr/bin/ncu", &nc, 0o755, 0, 0)
        .dir("lib", 0o755, 0, 0)
        .dir("lib/x86_64-linux-gnu", 0o755, 0, 0)
        .dir("lib64", 0o755, 0, 0);
    let ldd = std::process::Command::new("ldd")
        .arg("/bin/nc.openbsd")
        .output()
        .unwrap();
    for line in String::from_utf8_lossy(&ldd.stdout).lines() {
        let path = line
            .split_whitespace()
            .find(|w| w.starts_with('/'))
            .map(str::to_string);
        if let Some(path) = path {
            let data = std::fs::read(&path).unwrap();
            b = b.file(path.trim_start_matches('/'), &data, 0o755, 0, 0);
        }
    }
    b.build(Compression::Gzip)
}

/// A free host port for `proto`.
fn free_port(udp: bool) -> u16 {
    if udp {
        UdpSocket::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    } else {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }
}

/// GET / on 127.0.0.1:`port`, the whole answer (retried while the server comes up).
fn http_get(port: u16) -> String {
    let mut body = String::new();
    eventually(20, "the server in the container to answer", || {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
            return false;
        };
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        if s.write_all(b"GET / HTTP/1.0\r\n\r\n").is_err() {
            return false;
        }
        body.clear();
        s.read_to_string(&mut body).is_ok() && body.contains("200")
    });
    body
}

/// The names pasta runs under (it re-executes itself as passt.avx2 where the CPU has AVX2).
const PASTA: [&str; 4] = ["pasta", "pasta.avx2", "passt", "passt.avx2"];

/// The helper processes of `network` (`pasta` or `slirp4netns`) serving container `id`.
fn helper_of(network: &str, id: &str) -> Vec<i32> {
    match network {
        "pasta" => helpers_of(id, &PASTA),
        _ => helpers_of(id, &["slirp4netns"]),
    }
}

/// The host's source address towards the outside: the address pasta gives the container.
fn host_route_ipv4() -> std::net::Ipv4Addr {
    let sock = UdpSocket::bind("0.0.0.0:0").unwrap();
    sock.connect("192.0.2.1:9").unwrap();
    match sock.local_addr().unwrap().ip() {
        std::net::IpAddr::V4(ip) => ip,
        ip => panic!("no IPv4 route out of the host: {ip}"),
    }
}

/// The processes named one of `comms` serving container `id` (their environment names it).
fn helpers_of(id: &str, comms: &[&str]) -> Vec<i32> {
    let mark = format!("RCON_CONTAINER_ID={id}");
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if !comms.contains(&comm.trim()) {
            continue;
        }
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|v| v == mark.as_bytes()) {
            out.push(pid);
        }
    }
    out
}

fn id_of(env: &TestEnv, name: &str) -> String {
    env.run_ok(&["inspect", "--format", "{{.Id}}", name])
        .trim()
        .to_string()
}

fn no_helper_left(network: &str, id: &str) {
    eventually(10, "the network helper to be gone", || {
        helper_of(network, id).is_empty()
    });
}

#[test]
fn pasta_is_the_default_where_installed_and_containers_conf_can_say_slirp4netns() {
    assert!(
        std::path::Path::new("/usr/bin/pasta").exists(),
        "install passt (contrib/ci/setup.sh does)"
    );
    let (env, _reg) = setup();
    let info = |env: &TestEnv| {
        env.run_ok(&["info", "--format", "{{.Host.RootlessNetworkCmd}}"])
            .trim()
            .to_string()
    };
    assert_eq!(info(&env), "pasta");
    env.run_ok(&["create", "--name", "p", "busybox", "true"]);
    env.user().write_file(
        env.user().config_home.join("containers/containers.conf"),
        "[network]\ndefault_rootless_network_cmd = \"slirp4netns\"\n",
    );
    assert_eq!(info(&env), "slirp4netns");
    env.run_ok(&["create", "--name", "s", "busybox", "true"]);
    let mode = |name: &str| {
        env.run_ok(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", name])
            .trim()
            .to_string()
    };
    assert_eq!(mode("p"), "pasta");
    assert_eq!(mode("s"), "slirp4netns");
}

#[test]
fn httpd_in_a_container_answers_on_a_published_port() {
    let (env, _reg) = setup();
    let port = free_port(false);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo hello-from-httpd > /www/index.html && exec busybox httpd -f -p 80 -h /www",
    ]);
    let body = http_get(port);
    assert!(body.contains("hello-from-httpd"), "{body}");
    assert_eq!(
        env.run_ok(&["port", "web"]).trim(),
        format!("80/tcp -> 0.0.0.0:{port}")
    );
    assert_eq!(
        env.run_ok(&["port", "web", "80"]).trim(),
        format!("0.0.0.0:{port}")
    );
    let line = env.run(&["port", "web", "99/tcp"]).error_125();
    assert_eq!(line, "Error: failed to find published port \"99/tcp\"");
    let v: serde_json::Value = serde_json::from_str(&env.run_ok(&["inspect", "web"])).unwrap();
    let ns = &v[0]["NetworkSettings"];
    // pasta gives the container the host's own address.
    assert_eq!(ns["IPAddress"], host_route_ipv4().to_string(), "{ns}");
    assert_eq!(
        ns["Ports"]["80/tcp"][0]["HostPort"],
        port.to_string(),
        "{ns}"
    );
    assert_eq!(v[0]["HostConfig"]["NetworkMode"], "pasta");
    let id = id_of(&env, "web");
    assert_eq!(helper_of("pasta", &id).len(), 1);
    env.run_ok(&["rm", "-f", "web"]);
    no_helper_left("pasta", &id);
}

/// The host's first global IPv4 address (`ip -o -4 addr show scope global`).
fn host_global_ipv4() -> std::net::Ipv4Addr {
    let out = std::process::Command::new("ip")
        .args(["-o", "-4", "addr", "show", "scope", "global"])
        .output()
        .expect("run ip");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .skip_while(|w| *w != "inet")
        .nth(1)
        .and_then(|cidr| cidr.split('/').next()?.parse().ok())
        .expect("this test needs a global IPv4 address on the host (ip -4 addr)")
}

/// An address of the host's loopback added for a test, scope host (no route or listing of
/// global addresses picks it), removed when dropped: a client with an address of its own,
/// neither loopback nor the host's (which pasta also gives the container).
struct ClientAddr(String);

impl ClientAddr {
    fn add(cidr: &str) -> ClientAddr {
        assert!(
            common::harness_is_root(),
            "this test adds a client address to lo: run it as root"
        );
        let mut args = vec!["addr", "add", cidr, "dev", "lo", "scope", "host"];
        if cidr.contains(':') {
            args.push("nodad");
        }
        let st = std::process::Command::new("ip")
            .args(&args)
            .status()
            .unwrap();
        assert!(st.success(), "ip addr add {cidr} dev lo failed");
        ClientAddr(cidr.to_string())
    }

    fn ip(&self) -> std::net::IpAddr {
        self.0.split('/').next().unwrap().parse().unwrap()
    }
}

impl Drop for ClientAddr {
    fn drop(&mut self) {
        let _ = std::process::Command::new("ip")
            .args(["addr", "del", &self.0, "dev", "lo"])
            .status();
    }
}

/// The host's first global IPv6 address, if it has one.
fn host_global_ipv6() -> Option<std::net::Ipv6Addr> {
    let out = std::process::Command::new("ip")
        .args(["-o", "-6", "addr", "show", "scope", "global"])
        .output()
        .expect("run ip");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .skip_while(|w| *w != "inet6")
        .nth(1)
        .and_then(|cidr| cidr.split('/').next()?.parse().ok())
}

/// The peer address the CGI script `who` behind `to` sees, asked from `from` (any source
/// address when `None`).
fn peer_seen(from: Option<std::net::IpAddr>, to: std::net::SocketAddr) -> String {
    use nix::sys::socket::{
        bind, connect, socket, AddressFamily, SockFlag, SockType, SockaddrStorage,
    };
    let mut body = String::new();
    eventually(20, "the CGI script to answer", || {
        let family = if to.is_ipv4() {
            AddressFamily::Inet
        } else {
            AddressFamily::Inet6
        };
        let fd = socket(family, SockType::Stream, SockFlag::SOCK_CLOEXEC, None).unwrap();
        if let Some(from) = from {
            let local = SockaddrStorage::from(std::net::SocketAddr::new(from, 0));
            bind(std::os::fd::AsRawFd::as_raw_fd(&fd), &local).unwrap();
        }
        let peer = SockaddrStorage::from(to);
        if connect(std::os::fd::AsRawFd::as_raw_fd(&fd), &peer).is_err() {
            return false;
        }
        let mut s = TcpStream::from(fd);
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        if s.write_all(b"GET /cgi-bin/who HTTP/1.0\r\n\r\n").is_err() {
            return false;
        }
        body.clear();
        s.read_to_string(&mut body).is_ok() && body.contains("peer=")
    });
    let peer = body.lines().find_map(|l| l.strip_prefix("peer=")).unwrap();
    // (busybox httpd listens on IPv6 and prints a v4 peer in its mapped form.)
    peer.trim_start_matches("[::ffff:")
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string()
}

/// A client's own address reaches the server behind a published port (slirp4netns and pasta
/// forward the connection itself; a proxy would show its own): a CGI script in busybox httpd
/// answers with REMOTE_ADDR, asked from a client address of its own, over IPv4 with both and
/// over IPv6 with pasta where the host has IPv6; with slirp4netns also from the host's global
/// address. (From the host's own address, pasta shows its gateway's: the container has the
/// host's address.)
#[test]
fn a_published_port_keeps_the_clients_address() {
    let (env, _reg) = setup();
    let v4 = ClientAddr::add("198.51.100.17/32");
    let v6 = host_global_ipv6().map(|ip| (ip, ClientAddr::add("2001:db8:5::17/128")));
    for network in ["pasta", "slirp4netns"] {
        let port = free_port(false);
        env.run_ok(&[
            "run",
            "-d",
            "--name",
            "who",
            "--network",
            network,
            "-p",
            &format!("{port}:80"),
            "busybox",
            "sh",
            "-c",
            "mkdir -p /www/cgi-bin && { echo '#!/bin/sh'; echo 'echo Content-Type: text/plain'; \
             echo echo; echo 'echo peer=$REMOTE_ADDR'; } > /www/cgi-bin/who && \
             chmod 755 /www/cgi-bin/who && exec busybox httpd -f -p 80 -h /www",
        ]);
        let host = std::net::SocketAddr::from((host_global_ipv4(), port));
        assert_eq!(
            peer_seen(Some(v4.ip()), host),
            v4.ip().to_string(),
            "{network}"
        );
        if network == "slirp4netns" {
            assert_eq!(
                peer_seen(None, host),
                host_global_ipv4().to_string(),
                "{network}"
            );
        }
        if let Some((ip, client)) = v6.as_ref().filter(|_| network == "pasta") {
            let to = std::net::SocketAddr::from((*ip, port));
            assert_eq!(
                peer_seen(Some(client.ip()), to),
                client.ip().to_string(),
                "{network} over IPv6"
            );
        }
        env.run_ok(&["rm", "-f", "who"]);
    }
}

#[test]
fn a_udp_datagram_reaches_a_published_udp_port() {
    let (env, _reg) = setup();
    for network in ["pasta", "slirp4netns"] {
        let port = free_port(true);
        env.run_ok(&[
            "run",
            "-d",
            "--name",
            "udp",
            "--network",
            network,
            "-p",
            &format!("127.0.0.1:{port}:9999/udp"),
            "netcat",
            "ncu",
            "-u",
            "-l",
            "-k",
            "9999",
        ]);
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        eventually(20, "the datagram in the container's output", || {
            let _ = sock.send_to(b"ping-over-udp\n", ("127.0.0.1", port));
            std::thread::sleep(Duration::from_millis(100));
            env.run_ok(&["logs", "udp"]).contains("ping-over-udp")
        });
        env.run_ok(&["rm", "-f", "udp"]);
    }
}

#[test]
fn a_random_host_port_is_told_by_port() {
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "rnd",
        "-p",
        "80",
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo random-port > /www/index.html && exec busybox httpd -f -p 80 -h /www",
    ]);
    let line = env.run_ok(&["port", "rnd"]);
    let port: u16 = line
        .trim()
        .strip_prefix("80/tcp -> 0.0.0.0:")
        .unwrap_or_else(|| panic!("{line}"))
        .parse()
        .unwrap();
    assert!(port > 0);
    assert!(http_get(port).contains("random-port"));
    env.run_ok(&["rm", "-f", "rnd"]);
}

#[test]
fn a_container_reaches_a_server_on_the_host() {
    let (env, _reg) = setup();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accept = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut got = String::new();
        s.read_to_string(&mut got).unwrap();
        got
    });
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns:allow_host_loopback=true",
        "busybox",
        "sh",
        "-c",
        &format!(
            "grep host.containers.internal /etc/hosts && echo hello-host | nc host.containers.internal {port}"
        ),
    ]);
    assert!(out.starts_with("10.0.2.2\t"), "{out}");
    assert_eq!(accept.join().unwrap(), "hello-host\n");
    // Without the flag, the host's loopback is out of reach.
    let out = env.run(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "busybox",
        "sh",
        "-c",
        &format!("echo x | nc -w 2 10.0.2.2 {port}"),
    ]);
    assert_ne!(out.code, Some(0), "{out}");
}

#[test]
fn hosts_and_resolv_conf_follow_the_flags() {
    let (env, _reg) = setup();
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--name",
        "names",
        "--hostname",
        "box",
        "--add-host",
        "db.example:10.1.2.3",
        "--dns",
        "192.0.2.53",
        "--dns-search",
        "example.com",
        "--dns-option",
        "ndots:3",
        "busybox",
        "cat",
        "/etc/hosts",
        "/etc/resolv.conf",
    ]);
    let own = host_route_ipv4().to_string();
    assert!(out.contains("10.1.2.3\tdb.example\n"), "{out}");
    assert!(out.contains(&format!("{own}\tbox names\n")), "{out}");
    assert!(out.contains("127.0.0.1\tlocalhost"), "{out}");
    // With pasta the host's address is the container's own: host.containers.internal names
    // another address of the host's, or nothing where it has none.
    assert!(
        !out.contains(&format!("{own}\thost.containers.internal")),
        "{out}"
    );
    assert!(out.contains("nameserver 192.0.2.53\n"), "{out}");
    assert!(out.contains("search example.com\n"), "{out}");
    assert!(out.contains("options ndots:3\n"), "{out}");
    // With slirp4netns: its own address, and the host's on the default route.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "--hostname",
        "box",
        "busybox",
        "cat",
        "/etc/hosts",
    ]);
    assert!(out.contains("10.0.2.100\tbox "), "{out}");
    assert!(
        out.contains(&format!("{own}\thost.containers.internal")),
        "{out}"
    );
    // Without --dns, a loopback resolver of the host becomes slirp4netns's; pasta's DNS
    // forwarder comes first always.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "busybox",
        "cat",
        "/etc/resolv.conf",
    ]);
    assert!(!out.contains("nameserver 127."), "{out}");
    let out = env.run_ok(&["run", "--rm", "busybox", "cat", "/etc/resolv.conf"]);
    assert!(!out.contains("nameserver 127."), "{out}");
    assert_eq!(
        out.lines().find(|l| l.starts_with("nameserver")),
        Some("nameserver 169.254.1.1"),
        "{out}"
    );
    // --no-hosts: the image's /etc/hosts (the busybox image has none).
    let out = env.run(&["run", "--rm", "--no-hosts", "busybox", "cat", "/etc/hosts"]);
    assert_ne!(out.code, Some(0), "{out}");
    let line = env
        .run(&["run", "--rm", "--add-host", "nocolon", "busybox", "true"])
        .error_125();
    assert!(line.contains("--add-host"), "{line}");
}

#[test]
fn network_none_has_only_lo_and_host_has_the_hosts() {
    let (env, _reg) = setup();
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(out.split_whitespace().collect::<Vec<_>>(), ["lo"], "{out}");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>(),
        ["lo", "tap0"],
        "{out}"
    );
    // pasta names its link as the host's on the default route.
    let out = env.run_ok(&["run", "--rm", "busybox", "ls", "/sys/class/net"]);
    let route = std::fs::read_to_string("/proc/net/route").unwrap();
    let uplink = route
        .lines()
        .skip(1)
        .find(|l| l.split_whitespace().nth(1) == Some("00000000"))
        .and_then(|l| l.split_whitespace().next())
        .expect("a default route on the host");
    let mut want = vec!["lo", uplink];
    want.sort();
    assert_eq!(out.split_whitespace().collect::<Vec<_>>(), want, "{out}");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "cat",
        "/proc/net/dev",
    ]);
    let host = std::fs::read_to_string("/proc/net/dev").unwrap();
    let names = |t: &str| -> Vec<String> {
        let mut v: Vec<String> = t
            .lines()
            .skip(2)
            .filter_map(|l| l.split(':').next())
            .map(|n| n.trim().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&out), names(&host));
    // Ports mean nothing with the host's network: dropped with a warning, as Docker does.
    let out = env.run(&[
        "run",
        "--rm",
        "--network",
        "host",
        "-p",
        "80",
        "busybox",
        "true",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stderr.contains("Port mappings have been discarded"),
        "{out}"
    );
}

#[test]
fn a_taken_host_port_fails_cleanly() {
    let (env, _reg) = setup();
    let holder = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    for network in ["pasta", "slirp4netns"] {
        let out = env.run(&[
            "run",
            "--name",
            "clash",
            "--network",
            network,
            "-p",
            &format!("{port}:80"),
            "busybox",
            "sleep",
            "100",
        ]);
        let line = out.error_125();
        assert!(
            line.contains(&format!("host port {port}/tcp is already in use")),
            "{network}: {line}"
        );
        assert_eq!(env.run_ok(&["ps", "-q"]).trim(), "", "nothing runs");
        no_helper_left(network, &id_of(&env, "clash"));
        env.run_ok(&["rm", "-f", "clash"]);
        // -d --rm: the same, and the container is gone.
        let out = env.run(&[
            "run",
            "-d",
            "--rm",
            "--network",
            network,
            "-p",
            &format!("{port}:80"),
            "busybox",
            "sleep",
            "100",
        ]);
        out.error_125();
        assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    }
}

#[test]
fn no_network_helper_is_left_after_killed_cli_or_supervisor() {
    let (env, _reg) = setup();
    for network in ["pasta", "slirp4netns"] {
        // A killed CLI: the container runs on; rm ends it and its helper.
        let mut cli = env
            .rcon(&[
                "run",
                "--name",
                "fg",
                "--network",
                network,
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
        let id = id_of(&env, "fg");
        assert_eq!(helper_of(network, &id).len(), 1, "{network}");
        cli.kill().unwrap();
        cli.wait().unwrap();
        assert_eq!(helper_of(network, &id).len(), 1, "the container runs on");
        env.run_ok(&["rm", "-f", "fg"]);
        no_helper_left(network, &id);
        // A supervisor killed with -9: its helper ends with it.
        env.run_ok(&[
            "run",
            "-d",
            "--name",
            "orphan",
            "--network",
            network,
            "busybox",
            "sleep",
            "100",
        ]);
        let id = id_of(&env, "orphan");
        assert_eq!(helper_of(network, &id).len(), 1, "{network}");
        let v: serde_json::Value =
            serde_json::from_str(&env.run_ok(&["inspect", "orphan"])).unwrap();
        let sup = v[0]["State"]["ConmonPid"].as_i64().unwrap();
        assert!(sup > 0, "{v}");
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(sup as i32),
            nix::sys::signal::Signal::SIGKILL,
        )
        .unwrap();
        no_helper_left(network, &id);
        env.run_ok(&["rm", "-f", "orphan"]);
    }
}
