//! `kube play --service-container` through the real binary as the test user, as Podman's
//! `700-play.bats` holds it: the service container named after the YAML's sha256, marked by
//! `IsService`, started before the pod, stopped when the pod's last member ends (`stop`,
//! `pod kill`, `pod stop`), started again with the pod, refused removal while its pod exists,
//! and removed with the pod (`pod rm`, `kube down`, `rm --depend`, `--replace`); a YAML
//! without pods gets none, and `--start=false` is refused. Under systemd (`$NOTIFY_SOCKET`, a
//! socket the test binds, so no systemd is needed) the play names the service container's
//! supervisor the unit's main process, or stays it itself while containers' sd-notify
//! policies are in play, as Podman's `260-sdnotify.bats` holds it.
mod common;

use common::world::{busybox_world, eventually};
use common::TestEnv;
use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Writes `text` as a file the test user can read; its path.
fn yaml_file(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    env.user().write_file(name, text)
}

/// One pod `name` of one long-running container `c` (`<name>-c`).
fn pod_yaml(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {{app: test}}\n  name: {name}\nspec:\n  \
         terminationGracePeriodSeconds: 1\n  containers:\n  - name: c\n    image: busybox\n    \
         command: [sleep, \"1000\"]\n"
    )
}

/// The service container's name for the YAML at `path`: Podman's, from the file's bytes.
fn service_of(path: &PathBuf) -> String {
    let hex = common::image::sha256_hex(&std::fs::read(path).unwrap());
    format!("{}-service", &hex[..12])
}

fn running(env: &TestEnv, ctr: &str) -> String {
    let out = env.run_ok(&[
        "container",
        "inspect",
        ctr,
        "--format",
        "{{.State.Running}}",
    ]);
    out.trim().to_string()
}

fn pod_state(env: &TestEnv, pod: &str) -> String {
    let out = env.run_ok(&["pod", "inspect", pod, "--format", "{{.State}}"]);
    out.trim().to_string()
}

#[test]
fn the_service_container_follows_its_pod_from_play_to_removal() {
    let (env, _reg) = busybox_world();
    let file = yaml_file(&env, "svc.yaml", &pod_yaml("test_pod"));
    let service = service_of(&file);
    let out = env.run(&[
        "kube",
        "play",
        "--service-container=true",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.starts_with("Pod:\n"), "{out}");
    assert_eq!(running(&env, &service), "true");
    let is_service = |ctr: &str| {
        let out = env.run_ok(&["container", "inspect", ctr, "--format", "{{.IsService}}"]);
        out.trim().to_string()
    };
    assert_eq!(is_service(&service), "true");
    assert_eq!(is_service("test_pod-c"), "false");
    // An ordinary container of no pod, listed as any other.
    let listed = env.run_ok(&["ps", "--format", "{{.Names}} {{.Pod}}"]);
    assert!(listed.lines().any(|l| l.trim() == service), "{listed}");
    let policy = env.run_ok(&["pod", "inspect", "test_pod", "--format", "{{.ExitPolicy}}"]);
    assert_eq!(policy.trim(), "stop");

    // The pod's only member stops: the pod exits, and its service with it.
    env.run_ok(&["stop", "test_pod-c"]);
    eventually(20, "the pod to exit", || {
        pod_state(&env, "test_pod") == "Exited"
    });
    eventually(20, "the service to stop", || {
        running(&env, &service) == "false"
    });
    assert_eq!(is_service(&service), "true");

    // A restart of the pod starts its service first.
    env.run_ok(&["pod", "restart", "test_pod"]);
    assert_eq!(running(&env, &service), "true");
    assert_eq!(pod_state(&env, "test_pod"), "Running");
    // It stays up: no late end of the pod's previous run stops it.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(running(&env, &service), "true");

    // It goes only with its pod, forced or not.
    let pod_id = env.run_ok(&["pod", "inspect", "test_pod", "--format", "{{.Id}}"]);
    for rm in [&["container", "rm"][..], &["rm", "-f"][..]] {
        let mut args = rm.to_vec();
        args.push(&service);
        let line = env.run(&args).error_125();
        assert!(
            line.starts_with("Error: container ")
                && line.contains(&format!(
                    " is the service container of pod(s) {} and cannot be removed without \
                     removing the pod(s)",
                    pod_id.trim()
                )),
            "{line}"
        );
    }
    assert_eq!(running(&env, &service), "true");

    // A killed pod ends (not restarted, as Podman's kill), and its service with it.
    env.run_ok(&["pod", "kill", "test_pod"]);
    eventually(20, "the service to stop after the kill", || {
        running(&env, &service) == "false"
    });
    eventually(20, "the killed pod to exit", || {
        pod_state(&env, "test_pod") == "Exited"
    });

    // The pod's removal takes its service.
    env.run_ok(&["pod", "rm", "test_pod"]);
    assert_eq!(env.run(&["container", "exists", &service]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn down_replace_and_depend_take_the_service_container_and_bad_uses_are_refused() {
    let (env, _reg) = busybox_world();
    let file = yaml_file(&env, "web.yaml", &pod_yaml("web"));
    let path = file.to_str().unwrap();
    let service = service_of(&file);

    // A service needs started pods: refused before anything is made.
    let line = env
        .run(&["kube", "play", "--service-container", "--start=false", path])
        .error_125();
    assert!(line.contains("--service-container"), "{line}");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");

    // A YAML without pods gets no service container, as with Podman.
    let claim = yaml_file(
        &env,
        "claim.yaml",
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: svcdata}\n",
    );
    env.run_ok(&[
        "kube",
        "play",
        "--service-container",
        claim.to_str().unwrap(),
    ]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    env.run_ok(&["volume", "rm", "svcdata"]);

    // `pod stop` stops the service when it returns; `pod start` starts it first.
    env.run_ok(&["kube", "play", "--service-container", path]);
    let first = env.run_ok(&["container", "inspect", &service, "--format", "{{.Id}}"]);
    env.run_ok(&["pod", "stop", "-t", "0", "web"]);
    assert_eq!(running(&env, &service), "false");
    env.run_ok(&["pod", "start", "web"]);
    assert_eq!(running(&env, &service), "true");

    // A second play is refused; --replace makes pod and service again.
    env.run(&["kube", "play", "--service-container", path])
        .error_125();
    env.run_ok(&["kube", "play", "--replace", "--service-container", path]);
    let second = env.run_ok(&["container", "inspect", &service, "--format", "{{.Id}}"]);
    assert_ne!(first.trim(), second.trim());
    assert_eq!(running(&env, &service), "true");

    // `kube down` removes it with the pod.
    let out = env.run_ok(&["kube", "down", path]);
    assert!(out.contains("Pods removed:"), "{out}");
    assert_eq!(env.run(&["container", "exists", &service]).code, Some(1));
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");

    // `rm --depend` takes the pods it serves, then it.
    env.run_ok(&["kube", "play", "--service-container", path]);
    env.run_ok(&["rm", "--depend", "-f", "-t", "0", &service]);
    assert_eq!(env.run(&["pod", "exists", "web"]).code, Some(1));
    assert_eq!(env.run(&["container", "exists", &service]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

/// A datagram socket in the test user's home that the test user may send to, as systemd's
/// notify socket; its path.
fn notify_socket(env: &TestEnv, name: &str) -> (UnixDatagram, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let path = env.user().home.join(name);
    let sock = UnixDatagram::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    (sock, path)
}

fn received(sock: &UnixDatagram) -> Option<String> {
    let mut buf = [0u8; 256];
    let n = sock.recv(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf[..n]).into_owned())
}

/// Whether process `pid` is gone (or a zombie nobody reaped yet).
fn ended(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rfind(") ")
            .is_some_and(|i| stat[i + 2..].starts_with('Z')),
    }
}

#[test]
fn under_systemd_the_service_containers_supervisor_becomes_the_units_main_process() {
    let (env, _reg) = busybox_world();
    let file = yaml_file(&env, "notify.yaml", &pod_yaml("notify_pod"));
    let path = file.to_str().unwrap();
    let service = service_of(&file);
    let (sock, socket_path) = notify_socket(&env, "notify.sock");

    // As a Quadlet `.kube` unit runs it: systemd's INVOCATION_ID and NOTIFY_SOCKET set.
    let mut cmd = env.rcon(&["kube", "play", "--service-container=true", path]);
    cmd.env("NOTIFY_SOCKET", &socket_path)
        .env("INVOCATION_ID", "0123456789abcdef0123456789abcdef");
    let out = common::run_command(cmd, None, common::DEFAULT_TIMEOUT);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.starts_with("Pod:\n"), "{out}");
    let message = received(&sock).expect("a notification on NOTIFY_SOCKET");
    let pid: i32 = message
        .strip_prefix("MAINPID=")
        .and_then(|r| r.strip_suffix("\nREADY=1"))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("expected MAINPID=<pid>\\nREADY=1, got {message:?}"));
    // One datagram, nothing after it.
    sock.set_nonblocking(true).unwrap();
    assert_eq!(received(&sock), None);

    // The pid is the service container's supervisor, alive, and (run by a unit) still in the
    // cgroup it was started in, where systemd accepts a main process.
    let conmon = env.run_ok(&[
        "container",
        "inspect",
        &service,
        "--format",
        "{{.State.ConmonPid}}",
    ]);
    assert_eq!(conmon.trim(), pid.to_string());
    assert!(!ended(pid), "MAINPID {pid} is not running");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(
        cmdline.starts_with(b"rcon-sup "),
        "MAINPID {pid} is {:?}",
        String::from_utf8_lossy(&cmdline)
    );
    let cgroup = |p: &str| std::fs::read_to_string(format!("/proc/{p}/cgroup")).unwrap();
    assert_eq!(cgroup(&pid.to_string()), cgroup("self"));

    // The pod's member ends: the pod, its service container and the main process end.
    env.run_ok(&["stop", "notify_pod-c"]);
    eventually(20, "the MAINPID process to end", || ended(pid));
    assert_eq!(running(&env, &service), "false");
    env.run_ok(&["kube", "down", path]);

    // Without a service container nothing is sent, as with Podman.
    let mut cmd = env.rcon(&["kube", "play", "--service-container=false", path]);
    cmd.env("NOTIFY_SOCKET", &socket_path);
    assert_eq!(
        common::run_command(cmd, None, common::DEFAULT_TIMEOUT).code,
        Some(0)
    );
    assert_eq!(received(&sock), None);
    env.run_ok(&["kube", "down", path]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn a_bad_notify_socket_is_refused_before_the_play_and_an_absent_one_is_a_warning() {
    let (env, _reg) = busybox_world();
    let file = yaml_file(&env, "bad.yaml", &pod_yaml("bad_pod"));
    let path = file.to_str().unwrap();
    let play = |socket: &str| {
        let mut cmd = env.rcon(&["kube", "play", "--service-container", path]);
        cmd.env("NOTIFY_SOCKET", socket);
        common::run_command(cmd, None, common::DEFAULT_TIMEOUT)
    };
    for bad in ["notify.sock", &format!("/{}", "n".repeat(120))] {
        let line = play(bad).error_125();
        assert!(line.starts_with("Error: NOTIFY_SOCKET \""), "{line}");
        assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "", "made despite {line}");
    }
    // Nobody listens there: the play stands, and says what systemd did not hear.
    let absent = env.user().home.join("nobody.sock");
    let out = play(absent.to_str().unwrap());
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stderr
            .contains("cannot notify systemd: cannot send MAINPID=")
            && out
                .stderr
                .contains(&format!("READY=1 to NOTIFY_SOCKET {}: ", absent.display())),
        "{out}"
    );
    assert_eq!(pod_state(&env, "bad_pod"), "Running");
    env.run_ok(&["kube", "down", path]);
}

/// `io.containers.sdnotify` policies: the play waits for the `container` one's own READY=1
/// (sent through the socket bound into it, by the host's python3 run through its dynamic
/// loader from a read-only hostPath of /usr: busybox has no client for a datagram socket),
/// then names itself the main process and stays until the service container ends.
#[test]
fn with_sdnotify_policies_the_play_waits_for_ready_and_stays_the_main_process() {
    let (env, _reg) = busybox_world();
    let send = "import _socket, os; s = _socket.socket(_socket.AF_UNIX, _socket.SOCK_DGRAM); \
                s.connect(os.environ['NOTIFY_SOCKET']); s.send(b'STATUS=warming up'); \
                s.send(b'READY=1')";
    let script = format!(
        "echo $NOTIFY_SOCKET; sleep 2; PYTHONHOME=/hostusr \
         /hostusr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path \
         /hostusr/lib/x86_64-linux-gnu /hostusr/bin/python3 -S -c \"{send}\" && echo sent; \
         exec sleep 1000"
    );
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: policy_pod\n  annotations:\n    \
         io.containers.sdnotify: container\n    io.containers.sdnotify/b: conmon\nspec:\n  \
         terminationGracePeriodSeconds: 1\n  restartPolicy: Never\n  containers:\n  - name: a\n    \
         image: busybox\n    command: [sh, -c, {script:?}]\n    volumeMounts:\n    - {{name: usr, \
         mountPath: /hostusr, readOnly: true}}\n  - name: b\n    image: busybox\n    command: \
         [sleep, \"1000\"]\n  volumes:\n  - {{name: usr, hostPath: {{path: /usr, type: \
         Directory}}}}\n"
    );
    let file = yaml_file(&env, "policy.yaml", &yaml);
    let path = file.to_str().unwrap();
    let service = service_of(&file);
    let (sock, socket_path) = notify_socket(&env, "policy.sock");

    let started = Instant::now();
    let mut cmd = env.rcon(&["kube", "play", "--service-container=true", path]);
    cmd.env("NOTIFY_SOCKET", &socket_path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut play = cmd.spawn().unwrap();
    let message = received(&sock).expect("a notification on NOTIFY_SOCKET");
    // setpriv (when the harness is root) execs rcon: the child's pid is rcon's.
    assert_eq!(message, format!("MAINPID={}\nREADY=1", play.id()));
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "READY=1 came before the container sent it"
    );
    // Its shell says so a moment after python3 returned.
    eventually(20, "the container's log", || {
        env.run_ok(&["logs", "policy_pod-a"]) == "/run/notify/notify.sock\nsent\n"
    });
    // The play runs on, as the unit's main process, until the service container ends.
    std::thread::sleep(Duration::from_millis(500));
    assert!(play.try_wait().unwrap().is_none(), "the play ended early");
    assert_eq!(running(&env, &service), "true");

    env.run_ok(&["pod", "stop", "-t", "1", "policy_pod"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = play.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the play did not end with its pod"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut play.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    sock.set_nonblocking(true).unwrap();
    assert_eq!(received(&sock), None);
    // The socket's folder stays for the container's next start, and goes with it.
    let runroot = env.run_ok(&["info", "--format", "{{.Store.RunRoot}}"]);
    let folders = || {
        std::fs::read_dir(PathBuf::from(runroot.trim()).join("notify"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert_eq!(folders(), 1);
    env.run_ok(&["kube", "down", path]);
    assert_eq!(folders(), 0);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");

    // A container that ends before its READY=1 fails the play.
    let quitter = yaml_file(
        &env,
        "quitter.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: quitter\n  annotations:\n    \
         io.containers.sdnotify: container\nspec:\n  restartPolicy: Never\n  containers:\n  \
         - {name: q, image: busybox, command: [\"true\"]}\n",
    );
    let line = env
        .run(&["kube", "play", quitter.to_str().unwrap()])
        .error_125();
    assert_eq!(
        line,
        "Error: pod quitter: container quitter-q stopped running before it was ready \
         (sd-notify policy container: no READY=1 came)"
    );
    env.run_ok(&["kube", "down", quitter.to_str().unwrap()]);
}
