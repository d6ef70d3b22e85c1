//! The Docker API under a real systemd user manager (the VM suite): contrib/systemd's
//! rcon.socket starts rcon.service at the first connection, a container started through the API
//! outlives the service's idle exit, and the next connection starts the service again.
mod common;

use common::api::parse_response;
use common::world::{busybox_world, eventually, inspect};
use common::{run_command, Output, TestEnv};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `systemctl --user args` as the test user, against its real manager (linger keeps it up).
fn systemctl(env: &TestEnv, args: &[&str]) -> Output {
    let u = env.user();
    let mut cmd = u.command("systemctl", &[&["--user"][..], args].concat());
    cmd.env("XDG_RUNTIME_DIR", format!("/run/user/{}", u.uid));
    run_command(cmd, None, Duration::from_secs(180))
}

fn is_active(env: &TestEnv, unit: &str) -> String {
    systemctl(env, &["is-active", unit])
        .stdout
        .trim()
        .to_string()
}

/// Installs `name` with `text` in the test user's unit folder (made and owned by the user).
fn install_unit(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let u = env.user();
    let home = PathBuf::from(format!("/home/{}", u.name));
    let dir = home.join(".config/systemd/user");
    std::fs::create_dir_all(&dir).unwrap();
    for d in [
        home.join(".config"),
        home.join(".config/systemd"),
        dir.clone(),
    ] {
        std::os::unix::fs::chown(&d, Some(u.uid), Some(u.gid)).unwrap();
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    std::os::unix::fs::chown(&path, Some(u.uid), Some(u.gid)).unwrap();
    path
}

/// One request on a new connection to `socket`; the status and body.
fn request(socket: &Path, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s =
        UnixStream::connect(socket).unwrap_or_else(|e| panic!("connect {}: {e}", socket.display()));
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse_response(&raw).unwrap()
}

#[test]
fn vm_api_socket_activation_starts_the_service_and_containers_outlive_its_idle_exit() {
    common::vm_only("a systemd user manager for the test user");
    let (env, _reg) = busybox_world();
    let u = env.user();
    // The units as shipped; the service runs this build of rcon on this test's store.
    let rcon = format!(
        "{} --root {} --runroot {}",
        common::bins().rcon.display(),
        u.data_home.join("rcon").display(),
        u.runtime_dir.join("rcon").display()
    );
    let socket_unit = install_unit(
        &env,
        "rcon.socket",
        include_str!("../contrib/systemd/rcon.socket"),
    );
    let service_unit = install_unit(
        &env,
        "rcon.service",
        &include_str!("../contrib/systemd/rcon.service").replace("/usr/local/bin/rcon", &rcon),
    );
    let out = systemctl(&env, &["daemon-reload"]);
    assert_eq!(out.code, Some(0), "{out}");
    let out = systemctl(&env, &["enable", "--now", "rcon.socket"]);
    assert_eq!(out.code, Some(0), "{out}");
    let socket = PathBuf::from(format!("/run/user/{}/rcon/rcon.sock", u.uid));
    assert!(socket.exists(), "systemd listens on {}", socket.display());
    assert_ne!(is_active(&env, "rcon.service"), "active", "no client yet");

    // The first request starts the service.
    let (status, body) = request(&socket, "GET", "/_ping", "");
    assert_eq!((status, body.as_str()), (200, "OK"));
    assert_eq!(is_active(&env, "rcon.service"), "active");

    let (status, body) = request(
        &socket,
        "POST",
        "/v1.44/containers/create?name=apivm",
        r#"{"Image":"docker.io/library/busybox:latest","Cmd":["sleep","1000"]}"#,
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = request(&socket, "POST", "/v1.44/containers/apivm/start", "");
    assert_eq!(status, 204, "{body}");
    let pid = inspect(&env, "apivm")["State"]["Pid"].as_i64().unwrap();

    // Idle, the service exits; the container's supervisor and process stay.
    eventually(60, "rcon.service to exit when idle", || {
        is_active(&env, "rcon.service") == "inactive"
    });
    let state = &inspect(&env, "apivm")["State"];
    assert_eq!(state["Status"], "running", "{state}");
    assert_eq!(
        state["Pid"].as_i64(),
        Some(pid),
        "the same process: {state}"
    );

    // The next client starts it again, and it sees the container.
    let (status, body) = request(&socket, "GET", "/v1.44/containers/apivm/json", "");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""Running":true"#), "{body}");
    assert_eq!(is_active(&env, "rcon.service"), "active");

    env.run_ok(&["rm", "-f", "-t", "0", "apivm"]);
    systemctl(&env, &["disable", "--now", "rcon.socket"]);
    systemctl(&env, &["stop", "rcon.service"]);
    for p in [socket_unit, service_unit] {
        let _ = std::fs::remove_file(p);
    }
    systemctl(&env, &["daemon-reload"]);
}
