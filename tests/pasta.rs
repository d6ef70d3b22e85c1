//! pasta's own behaviour through the real binary as the test user (the default network's
//! common cases are in tests/network.rs): its options after `pasta:`, the gateway mapped to
//! the host's loopback only with `--map-gw` (Podman's option; as slirp4netns's
//! allow_host_loopback), a published port pasta cannot listen on refused at start, and pasta
//! ending with a supervisor killed with -9.
mod common;

use common::world::{busybox_world, eventually, http_get_until};
use std::io::Read;
use std::net::TcpListener;

/// The pasta processes serving container `id` (their environment names it; pasta re-executes
/// itself as passt.avx2 where the CPU has AVX2).
fn pasta_of(id: &str) -> Vec<i32> {
    let mark = format!("RCON_CONTAINER_ID={id}");
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if !["pasta", "pasta.avx2", "passt", "passt.avx2"].contains(&comm.trim()) {
            continue;
        }
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|v| v == mark.as_bytes()) {
            out.push(pid);
        }
    }
    out
}

/// The gateway of the host's IPv4 default route.
fn host_gateway() -> std::net::Ipv4Addr {
    let route = std::fs::read_to_string("/proc/net/route").unwrap();
    route
        .lines()
        .skip(1)
        .find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let gw = u32::from_str_radix(f.get(2)?, 16).ok()?;
            (f[1] == "00000000" && gw != 0).then(|| std::net::Ipv4Addr::from(gw.swap_bytes()))
        })
        .expect("this test needs an IPv4 default route on the host")
}

#[test]
fn pasta_forwards_a_published_port_and_ends_with_a_killed_supervisor() {
    let (env, _reg) = busybox_world();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
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
    http_get_until(port, "through-pasta", 20);
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "pweb"]);
    let id = id.trim();
    assert_eq!(pasta_of(id).len(), 1);
    let sup = env.run_ok(&["inspect", "--format", "{{.State.ConmonPid}}", "pweb"]);
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup.trim().parse().unwrap()),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    eventually(10, "pasta to be gone", || pasta_of(id).is_empty());
    env.run_ok(&["rm", "-f", "pweb"]);
}

/// With `--map-gw` the default gateway's address leads to the host's loopback, and
/// host.containers.internal names it; without, it leads to the real gateway.
#[test]
fn the_hosts_loopback_is_reached_through_the_gateway_only_with_map_gw() {
    let (env, _reg) = busybox_world();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let gw = host_gateway();
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
        "pasta:--map-gw",
        "busybox",
        "sh",
        "-c",
        &format!(
            "grep host.containers.internal /etc/hosts && echo hello-host | nc host.containers.internal {port}"
        ),
    ]);
    assert!(out.starts_with(&format!("{gw}\t")), "{out}");
    assert_eq!(accept.join().unwrap(), "hello-host\n");
    let out = env.run(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        &format!("echo x | nc -w 2 {gw} {port}"),
    ]);
    assert_ne!(out.code, Some(0), "{out}");
}

/// pasta's options after `pasta:` reach it: `-4` leaves the container without IPv6.
#[test]
fn pasta_options_reach_pasta() {
    let (env, _reg) = busybox_world();
    let out = env.run_ok(&["run", "--rm", "busybox", "ip", "-6", "addr"]);
    let has_global_v6 = std::fs::read_to_string("/proc/net/if_inet6")
        .unwrap()
        .lines()
        .any(|l| !l.starts_with("fe80") && !l.starts_with("00000000000000000000000000000001"));
    assert_eq!(out.contains("scope global"), has_global_v6, "{out}");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "pasta:-4",
        "busybox",
        "ip",
        "-6",
        "addr",
    ]);
    assert!(!out.contains("scope global"), "{out}");
}

/// A port pasta cannot listen on (below the unprivileged start) fails the start in one line
/// instead of a container whose port goes nowhere.
#[test]
fn a_port_pasta_cannot_listen_on_fails_the_start() {
    let (env, _reg) = busybox_world();
    let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        start > 1,
        "every port is unprivileged here: nothing to test"
    );
    let out = env.run(&[
        "run",
        "--rm",
        "--network",
        "pasta",
        "-p",
        &format!("{}:80", start - 1),
        "busybox",
        "true",
    ]);
    let line = out.error_125();
    assert!(line.contains("pasta"), "{line}");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}
