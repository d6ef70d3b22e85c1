//! `rcon secret` and `run --secret` through the real binary as the test user: secrets made
//! from a file, stdin and a variable; a container gets a read-only file or a variable that
//! `inspect` never shows; its copy outlives the secret; bad names, sizes and unknown secrets
//! are one line with nothing made.
mod common;

use common::world::busybox_world;

#[test]
fn a_container_gets_secrets_as_files_and_variables_that_inspect_never_shows() {
    let (env, _reg) = busybox_world();
    let file = env.user().write_file("db.txt", "s3cr3t");
    let id = env.run_ok(&["secret", "create", "db", file.to_str().unwrap()]);
    assert_eq!(id.trim().len(), 25, "{id}");
    let out = env.run_stdin(&["secret", "create", "pw", "-"], b"hunter2");
    assert_eq!(out.code, Some(0), "{out}");
    let ls = env.run_ok(&["secret", "ls", "--format", "{{.Name}} {{.Driver}}"]);
    assert_eq!(ls, "db file\npw file\n");
    let inspect = env.run_ok(&["secret", "inspect", "db", "pw"]);
    assert!(
        !inspect.contains("s3cr3t") && !inspect.contains("hunter2"),
        "{inspect}"
    );
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--secret",
        "db",
        "--secret",
        "db,target=/etc/db.conf,mode=0400",
        "--secret",
        "pw,type=env,target=PASS",
        "busybox",
        "sh",
        "-c",
        "cat /run/secrets/db; echo; cat /etc/db.conf; echo; echo $PASS; \
         stat -c %a /run/secrets/db /etc/db.conf; touch /run/secrets/db 2>/dev/null || echo ro",
    ]);
    assert_eq!(out, "s3cr3t\ns3cr3t\nhunter2\n444\n400\nro\n");
    // A variable is the process's only: not in the spec that inspect, commit and generate read.
    let ctr = env
        .run_ok(&[
            "run",
            "-d",
            "--secret",
            "pw,type=env",
            "busybox",
            "sleep",
            "1000",
        ])
        .trim()
        .to_string();
    let config = env.run_ok(&["inspect", "--format", "{{json .Config.Env}}", &ctr]);
    assert!(!config.contains("hunter2"), "{config}");
    assert_eq!(
        env.run_ok(&["exec", &ctr, "sh", "-c", "echo $pw"]),
        "hunter2\n"
    );
    // The container keeps its copy when the secret goes; a restart still has it.
    env.run_ok(&["secret", "rm", "pw"]);
    env.run_ok(&["restart", "-t", "0", &ctr]);
    assert_eq!(
        env.run_ok(&["exec", &ctr, "sh", "-c", "echo $pw"]),
        "hunter2\n"
    );
    env.run_ok(&["rm", "-f", "-t", "0", &ctr]);
    // --replace keeps the name; --env takes a variable of rcon's own environment.
    let file = env.user().write_file("db2.txt", "new");
    env.run_ok(&[
        "secret",
        "create",
        "--replace",
        "db",
        file.to_str().unwrap(),
    ]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--secret",
        "db",
        "busybox",
        "cat",
        "/run/secrets/db",
    ]);
    assert_eq!(out, "new");
    env.run_ok(&["secret", "create", "--env", "fromenv", "HOME"]);
    assert_eq!(env.run(&["secret", "exists", "fromenv"]).code, Some(0));
    env.run_ok(&["secret", "rm", "--all"]);
    assert_eq!(env.run_ok(&["secret", "ls", "-q"]), "");
    assert_eq!(env.run(&["secret", "exists", "db"]).code, Some(1));
}

#[test]
fn bad_secrets_are_one_line_and_make_nothing() {
    let (env, _reg) = busybox_world();
    let file = env.user().write_file("s", "x");
    let f = file.to_str().unwrap();
    for args in [
        vec!["secret", "create", "bad/name", f],
        vec!["secret", "create", "x", "/no/such/file"],
        vec!["secret", "create", "-d", "vault", "x", f],
    ] {
        let line = env.run(&args).error_125();
        assert!(!line.is_empty(), "{args:?}");
    }
    let big = env.user().write_file("big", vec![b'a'; 512_001]);
    let line = env
        .run(&["secret", "create", "big", big.to_str().unwrap()])
        .error_125();
    assert!(line.contains("512000"), "{line}");
    env.run_ok(&["secret", "create", "x", f]);
    let line = env.run(&["secret", "create", "x", f]).error_125();
    assert!(line.contains("--replace"), "{line}");
    let line = env
        .run(&["run", "--rm", "--secret", "nothere", "busybox", "true"])
        .error_125();
    assert!(line.contains("nothere"), "{line}");
    let line = env
        .run(&["run", "--rm", "--secret", "x,uid=5", "busybox", "true"])
        .error_125();
    assert!(line.contains("uid="), "{line}");
    assert_eq!(env.run_ok(&["ps", "-aq"]), "", "no container was left");
    let (code, stderr) = env.run_fail(&["secret", "rm", "nothere"]);
    assert_eq!(code, 1, "{stderr}");
    env.run_ok(&["secret", "rm", "--ignore", "nothere"]);
    assert_eq!(
        env.run_ok(&["secret", "ls", "--format", "{{.Name}}"]),
        "x\n"
    );
}
