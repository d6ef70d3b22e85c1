use super::*;
use serde_json::json;

fn cfg(image: Value) -> Value {
    json!({ "config": image })
}

fn run() -> RunConfig {
    RunConfig {
        image: "busybox".into(),
        ..RunConfig::default()
    }
}

fn args(img: &Value, r: &RunConfig) -> Vec<String> {
    process_args(img, r).unwrap()
}

#[test]
fn entrypoint_and_cmd_combine_as_docker_does() {
    let img = cfg(json!({"Entrypoint": ["/ep"], "Cmd": ["a", "b"]}));
    assert_eq!(args(&img, &run()), vec!["/ep", "a", "b"]);
    let r = RunConfig {
        command: vec!["x".into()],
        ..run()
    };
    assert_eq!(args(&img, &r), vec!["/ep", "x"]);
    // --entrypoint drops the image's Cmd …
    let r = RunConfig {
        entrypoint: Some(vec!["/other".into()]),
        ..run()
    };
    assert_eq!(args(&img, &r), vec!["/other"]);
    // … unless a command is given.
    let r = RunConfig {
        entrypoint: Some(vec!["/other".into()]),
        command: vec!["y".into()],
        ..run()
    };
    assert_eq!(args(&img, &r), vec!["/other", "y"]);
    // --entrypoint "" clears it: the command alone runs.
    let r = RunConfig {
        entrypoint: Some(vec![]),
        command: vec!["ls".into()],
        ..run()
    };
    assert_eq!(args(&img, &r), vec!["ls"]);
    // Shell form was already split by the image builder.
    let img = cfg(json!({"Cmd": ["/bin/sh", "-c", "echo hi"]}));
    assert_eq!(args(&img, &run()), vec!["/bin/sh", "-c", "echo hi"]);
    // Nothing to run.
    let img = cfg(json!({"Entrypoint": null, "Cmd": null}));
    assert!(matches!(
        process_args(&img, &run()),
        Err(SpecError::NoCommand { .. })
    ));
}

#[test]
fn env_precedence_image_then_flags() {
    let img = cfg(json!({"Env": ["PATH=/img/bin", "A=img", "B=img"]}));
    let r = RunConfig {
        env: vec![
            ("B".into(), "file".into()),
            ("B".into(), "flag".into()),
            ("C".into(), "c".into()),
        ],
        tty: true,
        ..run()
    };
    let env = environment(&img, &r, "abc");
    assert_eq!(
        env,
        vec![
            "PATH=/img/bin",
            "container=rcon",
            "TERM=xterm",
            "A=img",
            "B=flag",
            "HOSTNAME=abc",
            "C=c"
        ]
    );
    let env = environment(&cfg(json!({})), &run(), "h");
    assert_eq!(env[0], format!("PATH={DEFAULT_PATH}"));
    assert!(env.iter().any(|e| e == "TERM=xterm"), "{env:?}");
    // --unsetenv takes a default or the image's, never a flag's.
    let r = RunConfig {
        unsetenv: vec!["TERM".into(), "A".into(), "C".into()],
        env: vec![("C".into(), "c".into())],
        ..run()
    };
    let env = environment(&img, &r, "h");
    assert_eq!(
        env,
        [
            "PATH=/img/bin",
            "container=rcon",
            "B=img",
            "HOSTNAME=h",
            "C=c"
        ]
    );
    // --unsetenv-all: the flags' alone, and the host name.
    let r = RunConfig {
        unsetenv_all: true,
        env: vec![("TERM".into(), "abc".into())],
        ..run()
    };
    assert_eq!(environment(&img, &r, "h"), ["HOSTNAME=h", "TERM=abc"]);
}

#[test]
fn user_and_stop_signal_from_image_or_flags() {
    let img = cfg(json!({"User": "1000", "StopSignal": "SIGQUIT"}));
    assert_eq!(effective_user(&img, &run()), "1000");
    let r = RunConfig {
        user: Some("nobody".into()),
        stop_signal: Some(9),
        ..run()
    };
    assert_eq!(effective_user(&img, &r), "nobody");
    assert_eq!(numeric_ids("1000:100"), (Some(1000), Some(100)));
    assert_eq!(numeric_ids("nobody"), (None, None));
    assert_eq!(stop_signal(&img, &run()), libc::SIGQUIT);
    assert_eq!(stop_signal(&img, &r), 9);
    assert_eq!(stop_signal(&cfg(json!({})), &run()), libc::SIGTERM);
}

#[test]
fn default_spec() {
    let img = cfg(json!({"Cmd": ["sh"], "WorkingDir": "/srv", "User": "1000:1000"}));
    let idmap = IdMap::single(1000, 1000);
    let id = "0123456789abcdef".repeat(4);
    let spec = build(&img, &run(), &idmap, &id, Path::new("/data/containers/x")).unwrap();
    assert_eq!(spec.hostname().as_deref(), Some("0123456789ab"));
    let p = spec.process().as_ref().unwrap();
    assert_eq!(p.args().as_ref().unwrap(), &vec!["sh".to_string()]);
    assert_eq!(p.cwd(), Path::new("/srv"));
    assert_eq!((p.user().uid(), p.user().gid()), (1000, 1000));
    assert_eq!(p.user().umask(), Some(0o022));
    let caps = p.capabilities().as_ref().unwrap();
    assert_eq!(caps.bounding().as_ref().unwrap().len(), 11);
    assert_eq!(caps.effective(), caps.bounding());
    assert!(caps.inheritable().as_ref().unwrap().is_empty());
    assert!(caps.ambient().as_ref().unwrap().is_empty());
    assert_eq!(p.no_new_privileges(), Some(false));
    let root = spec.root().as_ref().unwrap();
    assert_eq!(
        (root.path().as_path(), root.readonly()),
        (Path::new("rootfs"), Some(false))
    );
    let linux = spec.linux().as_ref().unwrap();
    let ns: Vec<_> = linux
        .namespaces()
        .as_ref()
        .unwrap()
        .iter()
        .map(|n| n.typ())
        .collect();
    assert!(ns.contains(&LinuxNamespaceType::Network));
    assert!(!ns.contains(&LinuxNamespaceType::User));
    assert!(linux
        .masked_paths()
        .as_ref()
        .unwrap()
        .contains(&"/proc/kcore".to_string()));
    assert_eq!(linux.uid_mappings().as_ref().unwrap()[0].host_id(), 1000);
    let dests: Vec<String> = spec
        .mounts()
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| m.destination().display().to_string())
        .collect();
    for d in [
        "/proc",
        "/dev",
        "/dev/pts",
        "/dev/shm",
        "/dev/mqueue",
        "/sys",
        "/etc/hosts",
    ] {
        assert!(dests.contains(&d.to_string()), "{d} in {dests:?}");
    }
    let hosts = spec
        .mounts()
        .as_ref()
        .unwrap()
        .iter()
        .find(|m| m.destination() == Path::new("/etc/hosts"))
        .unwrap();
    assert_eq!(
        hosts.source().as_deref(),
        Some(Path::new("/data/containers/x/hosts"))
    );
}

#[test]
fn privileged_read_only_host_network_and_tmpfs() {
    let img = cfg(json!({"Cmd": ["sh"]}));
    let r = RunConfig {
        privileged: true,
        read_only: true,
        read_only_tmpfs: true,
        no_new_privileges: true,
        network: NetworkMode::Host,
        tmpfs: vec![runconfig::parse_tmpfs("/scratch:size=1m").unwrap()],
        ulimits: vec![runconfig::parse_ulimit("nofile=10:20").unwrap()],
        ..run()
    };
    let spec = build(
        &img,
        &r,
        &IdMap::single(1, 1),
        &"a".repeat(64),
        Path::new("/c"),
    )
    .unwrap();
    let p = spec.process().as_ref().unwrap();
    assert_eq!(
        p.capabilities()
            .as_ref()
            .unwrap()
            .bounding()
            .as_ref()
            .unwrap()
            .len(),
        runconfig::ALL_CAPS.len()
    );
    assert_eq!(p.no_new_privileges(), Some(true));
    let nofile = p
        .rlimits()
        .as_ref()
        .unwrap()
        .iter()
        .find(|l| l.typ() == PosixRlimitType::RlimitNofile)
        .unwrap();
    assert_eq!((nofile.soft(), nofile.hard()), (10, 20));
    assert_eq!(spec.root().as_ref().unwrap().readonly(), Some(true));
    let linux = spec.linux().as_ref().unwrap();
    assert!(linux.masked_paths().as_ref().unwrap().is_empty());
    let ns: Vec<_> = linux
        .namespaces()
        .as_ref()
        .unwrap()
        .iter()
        .map(|n| n.typ())
        .collect();
    assert!(!ns.contains(&LinuxNamespaceType::Network));
    let dests: Vec<String> = spec
        .mounts()
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| m.destination().display().to_string())
        .collect();
    for d in ["/scratch", "/tmp", "/run", "/var/tmp"] {
        assert!(dests.contains(&d.to_string()), "{d}");
    }
}
