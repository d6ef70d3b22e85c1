//! `--sdnotify`: conmon (rcon says READY=1 once the container runs), ignore, and container (the
//! socket passed in and the container's own notifications relayed). Host tests: the notify socket
//! is one the test binds, so no systemd is needed.
mod common;

use common::world::{busybox_world as setup, inspect};
use std::time::{Duration, Instant};

#[test]
fn sdnotify_conmon_says_ready_once_the_container_runs() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::UnixDatagram;
    let (env, _reg) = setup();
    let path = env.user().home.join("notify.sock");
    let sock = UnixDatagram::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut cmd = env.rcon(&["run", "-d", "--name", "n", "busybox", "sleep", "60"]);
    cmd.env("NOTIFY_SOCKET", &path);
    let out = common::run_command(cmd, None, common::DEFAULT_TIMEOUT);
    assert_eq!(out.code, Some(0), "{out}");
    let mut buf = [0u8; 64];
    let n = sock.recv(&mut buf).expect("READY=1 on NOTIFY_SOCKET");
    assert_eq!(&buf[..n], b"READY=1");
    assert_eq!(inspect(&env, "n")["State"]["Status"], "running");
    // ignore: nothing is sent.
    let mut cmd = env.rcon(&["run", "--rm", "--sdnotify=ignore", "busybox", "true"]);
    cmd.env("NOTIFY_SOCKET", &path);
    assert_eq!(
        common::run_command(cmd, None, common::DEFAULT_TIMEOUT).code,
        Some(0)
    );
    sock.set_nonblocking(true).unwrap();
    assert!(
        sock.recv(&mut buf).is_err(),
        "--sdnotify=ignore sent something"
    );
    // container: rcon relays in the foreground, so -d is refused; a bad mode too.
    let mut cmd = env.rcon(&["run", "-d", "--sdnotify=container", "busybox", "true"]);
    cmd.env("NOTIFY_SOCKET", &path);
    let out = common::run_command(cmd, None, common::DEFAULT_TIMEOUT);
    assert!(out.error_125().contains("--detach"), "{out}");
    let out = env.run(&["run", "--rm", "--sdnotify=sometimes", "busybox", "true"]);
    assert!(out.error_125().contains("--sdnotify"));
    env.run_ok(&["rm", "-f", "-t", "0", "n"]);
}

#[test]
fn sdnotify_container_passes_the_socket_into_the_container() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::UnixDatagram;
    let (env, _reg) = setup();
    let path = env.user().home.join("notify.sock");
    let _sock = UnixDatagram::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut cmd = env.rcon(&[
        "run",
        "--rm",
        "--sdnotify=container",
        "busybox",
        "sh",
        "-c",
        "echo $NOTIFY_SOCKET; test -S $NOTIFY_SOCKET && echo socket",
    ]);
    cmd.env("NOTIFY_SOCKET", &path);
    let out = common::run_command(cmd, None, common::DEFAULT_TIMEOUT);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "/run/notify/notify.sock\nsocket\n", "{out}");
}

/// The container's own READY=1 reaches the NOTIFY_SOCKET rcon was given, through rcon's relay,
/// only once the container sent it, and without the container's MAINPID (rcon stays the main
/// process). The sender is the host's python3 (busybox has no client for a datagram socket), run
/// in the container through the host's dynamic loader from a read-only bind of /usr.
#[test]
fn sdnotify_container_relays_the_containers_own_ready() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::UnixDatagram;
    let (env, _reg) = setup();
    let path = env.user().home.join("relay.sock");
    let sock = UnixDatagram::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let started = Instant::now();
    let listener = std::thread::spawn(move || {
        let mut got = Vec::new();
        let mut buf = [0u8; 256];
        while let Ok(n) = sock.recv(&mut buf) {
            let text = String::from_utf8_lossy(&buf[..n]).into_owned();
            let ready = text.contains("READY=1");
            got.push((started.elapsed(), text));
            if ready {
                break;
            }
        }
        got
    });
    let send = "import _socket, os; s = _socket.socket(_socket.AF_UNIX, _socket.SOCK_DGRAM); \
                s.connect(os.environ['NOTIFY_SOCKET']); s.send(b'STATUS=warming up'); \
                s.send(b'MAINPID=1\\nREADY=1')";
    let script = format!(
        "sleep 2; PYTHONHOME=/hostusr /hostusr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
         --library-path /hostusr/lib/x86_64-linux-gnu /hostusr/bin/python3 -S -c \"{send}\" \
         && echo sent"
    );
    let mut cmd = env.rcon(&[
        "run",
        "--rm",
        "--sdnotify=container",
        "-v",
        "/usr:/hostusr:ro",
        "busybox",
        "sh",
        "-c",
        &script,
    ]);
    cmd.env("NOTIFY_SOCKET", &path);
    let out = common::run_command(cmd, None, common::DEFAULT_TIMEOUT);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "sent\n", "{out}");
    let got = listener.join().unwrap();
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["STATUS=warming up", "READY=1"], "relayed: {got:?}");
    assert!(
        got[1].0 >= Duration::from_secs(2),
        "READY=1 came before the container sent it: {got:?}"
    );
}
