//! Container networking through the real binary as the test user, with real slirp4netns:
//! busybox httpd reached through a published TCP port, a UDP datagram through a published UDP
//! port, the client's own address seen behind a published port, a random host port told by
//! `rcon port`, a container reaching a server on the host
//! (allow_host_loopback, host.containers.internal), /etc/hosts and resolv.conf from the flags,
//! `none` (only lo) and `host`, a taken host port, and no slirp4netns left behind after `rm`,
//! a killed CLI or a killed supervisor.
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

/// The slirp4netns processes serving container `id` (their environment names it).
fn slirp_of(id: &str) -> Vec<i32> {
    helpers_of(id, &["slirp4netns"])
}

/// The processes named one of `comms` serving container `id`.
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

fn no_slirp_left(id: &str) {
    eventually(10, "slirp4netns to be gone", || slirp_of(id).is_empty());
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
    let v: serde_json::Value = serde_json::from_str(&env.run_ok(&["inspect", "web"])).unwrap();
    let ns = &v[0]["NetworkSettings"];
    assert_eq!(ns["IPAddress"], "10.0.2.100", "{ns}");
    assert_eq!(
        ns["Ports"]["80/tcp"][0]["HostPort"],
        port.to_string(),
        "{ns}"
    );
    assert_eq!(v[0]["HostConfig"]["NetworkMode"], "slirp4netns");
    let id = id_of(&env, "web");
    assert_eq!(slirp_of(&id).len(), 1);
    env.run_ok(&["rm", "-f", "web"]);
    no_slirp_left(&id);
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

/// A client's own address reaches the server behind a published port (slirp4netns's port
/// forwarding keeps it; a proxy would show its own): a CGI script in busybox httpd answers
/// with REMOTE_ADDR, asked from the host's global address.
#[test]
fn a_published_port_keeps_the_clients_address() {
    let (env, _reg) = setup();
    let port = free_port(false);
    let ip = host_global_ipv4();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "who",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sh",
        "-c",
        "mkdir -p /www/cgi-bin && { echo '#!/bin/sh'; echo 'echo Content-Type: text/plain'; \
         echo echo; echo 'echo peer=$REMOTE_ADDR'; } > /www/cgi-bin/who && \
         chmod 755 /www/cgi-bin/who && exec busybox httpd -f -p 80 -h /www",
    ]);
    let mut body = String::new();
    eventually(20, "the CGI script to answer", || {
        let Ok(mut s) = TcpStream::connect((ip, port)) else {
            return false;
        };
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        if s.write_all(b"GET /cgi-bin/who HTTP/1.0\r\n\r\n").is_err() {
            return false;
        }
        body.clear();
        s.read_to_string(&mut body).is_ok() && body.contains("peer=")
    });
    // (busybox httpd listens on IPv6 and prints a v4 peer in its mapped form.)
    let peer = body.lines().find_map(|l| l.strip_prefix("peer=")).unwrap();
    assert!(
        peer == ip.to_string() || peer == format!("[::ffff:{ip}]"),
        "{body}"
    );
    env.run_ok(&["rm", "-f", "who"]);
}

#[test]
fn a_udp_datagram_reaches_a_published_udp_port() {
    let (env, _reg) = setup();
    let port = free_port(true);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "udp",
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
    assert!(out.contains("10.1.2.3\tdb.example\n"), "{out}");
    assert!(out.contains("10.0.2.100\tbox names\n"), "{out}");
    assert!(out.contains("127.0.0.1\tlocalhost"), "{out}");
    assert!(out.contains("host.containers.internal"), "{out}");
    assert!(out.contains("nameserver 192.0.2.53\n"), "{out}");
    assert!(out.contains("search example.com\n"), "{out}");
    assert!(out.contains("options ndots:3\n"), "{out}");
    // Without --dns, a loopback resolver of the host becomes slirp4netns's.
    let out = env.run_ok(&["run", "--rm", "busybox", "cat", "/etc/resolv.conf"]);
    assert!(!out.contains("nameserver 127."), "{out}");
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
    let out = env.run_ok(&["run", "--rm", "busybox", "ls", "/sys/class/net"]);
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>(),
        ["lo", "tap0"],
        "{out}"
    );
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
    let line = env
        .run(&[
            "run",
            "--rm",
            "--network",
            "host",
            "-p",
            "80",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("ports cannot be published"), "{line}");
}

#[test]
fn a_taken_host_port_fails_cleanly() {
    let (env, _reg) = setup();
    let holder = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    let out = env.run(&[
        "run",
        "--name",
        "clash",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sleep",
        "100",
    ]);
    let line = out.error_125();
    assert!(
        line.contains(&format!("host port {port}/tcp is already in use")),
        "{line}"
    );
    assert_eq!(env.run_ok(&["ps", "-q"]).trim(), "", "nothing runs");
    no_slirp_left(&id_of(&env, "clash"));
    env.run_ok(&["rm", "-f", "clash"]);
    // -d --rm: the same, and the container is gone.
    let out = env.run(&[
        "run",
        "-d",
        "--rm",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sleep",
        "100",
    ]);
    out.error_125();
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn no_slirp4netns_is_left_after_killed_cli_or_supervisor() {
    let (env, _reg) = setup();
    // A killed CLI: the container runs on; rm ends it and its slirp4netns.
    let mut cli = env
        .rcon(&["run", "--name", "fg", "busybox", "sleep", "100"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    eventually(20, "the container to run", || {
        env.run_ok(&["ps", "-q"]).trim().len() == 12
    });
    let id = id_of(&env, "fg");
    assert_eq!(slirp_of(&id).len(), 1);
    cli.kill().unwrap();
    cli.wait().unwrap();
    assert_eq!(slirp_of(&id).len(), 1, "the container runs on");
    env.run_ok(&["rm", "-f", "fg"]);
    no_slirp_left(&id);
    // A supervisor killed with -9: its slirp4netns ends with it.
    env.run_ok(&["run", "-d", "--name", "orphan", "busybox", "sleep", "100"]);
    let id = id_of(&env, "orphan");
    assert_eq!(slirp_of(&id).len(), 1);
    let v: serde_json::Value = serde_json::from_str(&env.run_ok(&["inspect", "orphan"])).unwrap();
    let sup = v[0]["State"]["ConmonPid"].as_i64().unwrap();
    assert!(sup > 0, "{v}");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    no_slirp_left(&id);
    env.run_ok(&["rm", "-f", "orphan"]);
}

#[test]
fn pasta_forwards_a_published_port() {
    assert!(
        std::path::Path::new("/usr/bin/pasta").exists(),
        "install passt (contrib/ci/setup.sh does)"
    );
    let (env, _reg) = setup();
    let port = free_port(false);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "pweb",
        "--network",
        "pasta",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sh",
        "-c",
        "mkdir /www && echo through-pasta > /www/index.html && exec busybox httpd -f -p 80 -h /www",
    ]);
    assert!(http_get(port).contains("through-pasta"));
    let v: serde_json::Value = serde_json::from_str(&env.run_ok(&["inspect", "pweb"])).unwrap();
    assert_eq!(v[0]["HostConfig"]["NetworkMode"], "pasta");
    let links = env.run_ok(&["exec", "pweb", "ls", "/sys/class/net"]);
    assert!(links.split_whitespace().any(|l| l != "lo"), "{links}");
    // pasta ends with a supervisor killed with -9.
    let id = id_of(&env, "pweb");
    let pasta = ["pasta", "pasta.avx2", "passt", "passt.avx2"];
    assert_eq!(helpers_of(&id, &pasta).len(), 1);
    let sup = env.run_ok(&["inspect", "--format", "{{.State.ConmonPid}}", "pweb"]);
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup.trim().parse().unwrap()),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    eventually(10, "pasta to be gone", || {
        helpers_of(&id, &pasta).is_empty()
    });
    env.run_ok(&["rm", "-f", "pweb"]);
}
