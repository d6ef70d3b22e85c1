//! `rcon system service`: the socket, the idle exit, versions, and what bad requests get.
mod common;

use common::api::Service;
use common::TestEnv;
use std::os::unix::fs::PermissionsExt;

#[test]
fn the_docker_cli_reaches_the_service_and_it_exits_when_idle() {
    let env = TestEnv::new();
    let mut svc = Service::start_with(env.user(), &["--time", "2"]);
    let mode = std::fs::metadata(&svc.socket).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the socket is private");
    let dir_mode = std::fs::metadata(svc.socket.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o777, 0o700, "its folder is private");
    let out = svc.docker_ok(&[
        "version",
        "--format",
        "{{.Server.APIVersion}} {{.Client.APIVersion}}",
    ]);
    assert_eq!(
        out.trim(),
        "1.44 1.44",
        "the client negotiates down to 1.44"
    );
    assert_eq!(
        svc.wait_exit(15),
        Some(0),
        "the service exits after 2 idle seconds"
    );
    assert!(!svc.socket.exists(), "its socket goes with it");
}

#[test]
fn bad_requests_get_docker_errors_and_the_service_keeps_serving() {
    let env = TestEnv::new();
    let mut svc = Service::start(&env);
    let (status, body) = svc.request("GET", "/v1.99/_ping", b"");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("too new"), "{body}");
    let (status, body) = svc.request("GET", "/no/such/endpoint", b"");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains(r#""message""#), "{body}");
    let (status, _) = svc.request("GET", "/v1.41/_ping", b"");
    assert_eq!(status, 200);
    // Not HTTP at all: hyper answers 400 and closes; the next client is served.
    let mut s = std::os::unix::net::UnixStream::connect(&svc.socket).unwrap();
    use std::io::{Read, Write};
    s.write_all(b"\x16\x03\x01garbage\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    assert!(
        String::from_utf8_lossy(&buf).starts_with("HTTP/1.1 400"),
        "{:?}",
        String::from_utf8_lossy(&buf)
    );
    let (status, _) = svc.request("HEAD", "/_ping", b"");
    assert_eq!(status, 200);
    assert!(svc.alive());
}

#[test]
fn a_second_service_on_the_same_socket_is_refused() {
    let env = TestEnv::new();
    let _svc = Service::start(&env);
    let (code, err) = env.run_fail(&["system", "service", "--time", "1"]);
    assert_eq!(code, 125);
    assert!(err.contains("another service is listening"), "{err}");
    let (code, err) = env.run_fail(&["system", "service", "ftp://x"]);
    assert_eq!(code, 125);
    assert!(
        err.contains("expected unix://PATH or tcp://HOST:PORT"),
        "{err}"
    );
}
