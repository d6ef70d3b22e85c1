//! `--ipc` through the real binary as the test user: `host` stays in the user's own IPC
//! namespace with the host's /dev/shm, `none` has no /dev/shm, `private` and `shareable` have
//! namespaces of their own, `container:NAME` joins a shareable container's (a POSIX message
//! queue one makes, the other sees), as does `ns:PATH` of its namespace file, and is refused
//! for a private one, a stopped one or an unknown one; `inspect` shows the mode;
//! containers.conf's `ipcns` is the default; bad values are refused with one line.
mod common;

use common::world::{busybox_world, inspect};
use common::{run_command, TestEnv, DEFAULT_TIMEOUT};

/// The IPC namespace of a new container run with `flags`, as its process sees it.
fn ipc_of_run(env: &TestEnv, flags: &[&str]) -> String {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["busybox", "readlink", "/proc/self/ns/ipc"]);
    env.run_ok(&args).trim().to_string()
}

/// The test user's own IPC namespace, read by a process of theirs outside any container.
fn users_ipc(env: &TestEnv) -> String {
    let cmd = env.user().command("readlink", &["/proc/self/ns/ipc"]);
    run_command(cmd, None, DEFAULT_TIMEOUT)
        .ok()
        .trim()
        .to_string()
}

#[test]
fn host_ipc_is_the_users_own_namespace_and_shows_the_hosts_dev_shm() {
    let (env, _reg) = busybox_world();
    let host = users_ipc(&env);
    assert!(host.starts_with("ipc:["), "{host}");
    assert_eq!(ipc_of_run(&env, &["--ipc=host"]), host);
    env.run_ok(&[
        "run",
        "-d",
        "--ipc=host",
        "--name",
        "h",
        "busybox",
        "sleep",
        "1000",
    ]);
    let exec = env.run_ok(&["exec", "h", "readlink", "/proc/self/ns/ipc"]);
    assert_eq!(exec.trim(), host);
    // An object the user makes in the host's /dev/shm is there inside.
    let name = format!("rcon-ipc-test-{}", std::process::id());
    let path = format!("/dev/shm/{name}");
    run_command(
        env.user().command("touch", &[path.as_str()]),
        None,
        DEFAULT_TIMEOUT,
    )
    .ok();
    let listed = env.run(&["run", "--rm", "--ipc", "host", "busybox", "ls", "/dev/shm"]);
    let _ = std::fs::remove_file(&path);
    assert!(listed.ok().lines().any(|l| l == name), "{name} not listed");
}

#[test]
fn none_has_a_namespace_of_its_own_and_no_dev_shm() {
    let (env, _reg) = busybox_world();
    let host = users_ipc(&env);
    assert_ne!(ipc_of_run(&env, &["--ipc=none"]), host);
    let out = env.run(&["run", "--rm", "--ipc=none", "busybox", "ls", "/dev/shm"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr.contains("/dev/shm: No such file or directory"),
        "{out}"
    );
    let id = env.run_ok(&["create", "--ipc", "none", "busybox"]);
    assert_eq!(inspect(&env, id.trim())["HostConfig"]["IpcMode"], "none");
}

#[test]
fn private_and_shareable_namespaces_differ_from_the_users_and_from_each_other() {
    let (env, _reg) = busybox_world();
    let host = users_ipc(&env);
    // Alive at once: a namespace number is used again once its namespace is gone.
    let mut seen = Vec::new();
    for (name, flags) in [
        ("p", &["--ipc", "private"][..]),
        ("s", &["--ipc", "shareable"][..]),
        ("d", &[][..]),
    ] {
        let mut args = vec!["run", "-d", "--name", name];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["busybox", "sleep", "1000"]);
        env.run_ok(&args);
        let ns = env.run_ok(&["exec", name, "readlink", "/proc/self/ns/ipc"]);
        let ns = ns.trim().to_string();
        assert!(
            ns.starts_with("ipc:[") && ns != host,
            "{name}: {ns} vs {host}"
        );
        assert!(!seen.contains(&ns), "{name}: {ns} is another's too");
        seen.push(ns);
    }
    let id = env.run_ok(&["create", "--ipc", "private", "busybox"]);
    assert_eq!(inspect(&env, id.trim())["HostConfig"]["IpcMode"], "private");
    let id = env.run_ok(&["create", "busybox"]);
    assert_eq!(
        inspect(&env, id.trim())["HostConfig"]["IpcMode"],
        "shareable"
    );
    // containers.conf's `ipcns` is the default; the flag wins over it.
    env.user().write_file(
        env.user().config_home.join("containers/containers.conf"),
        "[containers]\nipcns = \"private\"\n",
    );
    let id = env.run_ok(&["create", "busybox"]);
    assert_eq!(inspect(&env, id.trim())["HostConfig"]["IpcMode"], "private");
    let id = env.run_ok(&["create", "--ipc", "host", "busybox"]);
    assert_eq!(inspect(&env, id.trim())["HostConfig"]["IpcMode"], "host");
}

#[test]
fn a_container_joins_a_shareable_donors_namespace_and_sees_its_message_queue() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["run", "-d", "--name", "donor", "busybox", "sleep", "1000"]);
    let donor = env
        .run_ok(&["exec", "donor", "readlink", "/proc/self/ns/ipc"])
        .trim()
        .to_string();
    assert_eq!(ipc_of_run(&env, &["--ipc", "container:donor"]), donor);
    // An exec'd process is in it too.
    env.run_ok(&[
        "run",
        "-d",
        "--ipc",
        "container:donor",
        "--name",
        "joiner",
        "busybox",
        "sleep",
        "1000",
    ]);
    let exec = env.run_ok(&["exec", "joiner", "readlink", "/proc/self/ns/ipc"]);
    assert_eq!(exec.trim(), donor);
    env.run_ok(&["rm", "-f", "-t", "0", "joiner"]);
    // The same namespace named by its file.
    let pid = inspect(&env, "donor")["State"]["Pid"].as_i64().unwrap();
    let by_path = format!("ns:/proc/{pid}/ns/ipc");
    assert_eq!(ipc_of_run(&env, &["--ipc", &by_path]), donor);
    // A POSIX message queue the donor makes (a file in its mqueue filesystem) is in the
    // joined namespace's mqueue too, and not in another container's.
    env.run_ok(&["exec", "donor", "touch", "/dev/mqueue/rcon-q"]);
    let joined = env.run_ok(&[
        "run",
        "--rm",
        "--ipc=container:donor",
        "busybox",
        "ls",
        "/dev/mqueue",
    ]);
    assert!(joined.lines().any(|l| l == "rcon-q"), "{joined}");
    let other = env.run_ok(&["run", "--rm", "busybox", "ls", "/dev/mqueue"]);
    assert!(!other.contains("rcon-q"), "{other}");
    // Kept in the record, with the donor's ID.
    let full = inspect(&env, "donor")["Id"].as_str().unwrap().to_string();
    let id = env.run_ok(&["create", "--ipc", "container:donor", "busybox"]);
    assert_eq!(
        inspect(&env, id.trim())["HostConfig"]["IpcMode"],
        format!("container:{full}")
    );
    // A donor that is not running: a start error, one line.
    env.run_ok(&["stop", "-t", "0", "donor"]);
    let line = env
        .run(&["run", "--rm", "--ipc", "container:donor", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("donor") && line.contains("not running"),
        "{line}"
    );
}

#[test]
fn a_private_donor_an_unknown_one_and_bad_values_are_refused() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "run", "-d", "--ipc", "private", "--name", "secret", "busybox", "sleep", "1000",
    ]);
    let line = env
        .run(&[
            "run",
            "--rm",
            "--ipc",
            "container:secret",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(
        line.contains(
            "is not allowed: non-shareable IPC (hint: use IpcMode:shareable for the donor \
             container)"
        ) && line.contains("--ipc shareable"),
        "{line}"
    );
    let line = env
        .run(&[
            "run",
            "--rm",
            "--ipc",
            "container:nosuch",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("nosuch"), "{line}");
    for bad in ["bogus", "ns:relative/path", "container:"] {
        let line = env
            .run(&["run", "--rm", "--ipc", bad, "busybox", "true"])
            .error_125();
        assert!(line.contains("--ipc"), "{bad}: {line}");
    }
}
