//! Unit tests of the run flag parsers and the capability arithmetic.
use super::*;
use crate::network::parse_network;

fn host(name: &str) -> Option<String> {
    (name == "HOME").then(|| "/home/me".to_string())
}

#[test]
fn env_takes_host_values_for_bare_names() {
    assert_eq!(
        parse_env("--env", "A=1=2", &host).unwrap(),
        Some(("A".into(), "1=2".into()))
    );
    assert_eq!(
        parse_env("--env", "HOME", &host).unwrap(),
        Some(("HOME".into(), "/home/me".into()))
    );
    assert_eq!(parse_env("--env", "NOPE", &host).unwrap(), None);
    assert!(parse_env("--env", "=x", &host).is_err());
    let file = "# comment\n\nA=1\n  HOME\nB=two words\r\n";
    assert_eq!(
        parse_env_file(file, &host).unwrap(),
        vec![
            ("A".into(), "1".into()),
            ("HOME".into(), "/home/me".into()),
            ("B".into(), "two words".into())
        ]
    );
}

#[test]
fn entrypoint_forms() {
    assert_eq!(parse_entrypoint("/bin/sh").unwrap(), vec!["/bin/sh"]);
    assert_eq!(
        parse_entrypoint(r#"["/bin/sh","-c"]"#).unwrap(),
        vec!["/bin/sh", "-c"]
    );
    assert!(parse_entrypoint("").unwrap().is_empty());
    assert!(parse_entrypoint("[1, 2]").is_err());
}

#[test]
fn signals_by_name_and_number() {
    assert_eq!(parse_signal("-s", "TERM").unwrap(), 15);
    assert_eq!(parse_signal("-s", "sigkill").unwrap(), 9);
    assert_eq!(parse_signal("-s", "SIGHUP").unwrap(), 1);
    assert_eq!(parse_signal("-s", "10").unwrap(), 10);
    assert_eq!(parse_signal("-s", "RTMIN+3").unwrap(), libc::SIGRTMIN() + 3);
    assert!(parse_signal("-s", "NOPE").is_err());
    assert!(parse_signal("-s", "0").is_err());
    assert_eq!(parse_signal("-s", "-1").unwrap(), 1);
    assert_eq!(parse_signal("-s", "-SIGUSR1").unwrap(), 10);
    for bad in ["-", "--1", "-0", "-65"] {
        let e = parse_signal("-s", bad).unwrap_err().to_string();
        assert!(e.contains(&format!("{bad:?}")), "{e}");
    }
    assert_eq!(signal_name(15), "SIGTERM");
}

#[test]
fn sizes_with_units() {
    assert_eq!(parse_size("x", "4096").unwrap(), 4096);
    assert_eq!(parse_size("x", "10m").unwrap(), 10 << 20);
    assert_eq!(parse_size("x", "1GB").unwrap(), 1 << 30);
    assert_eq!(parse_size("x", "512KiB").unwrap(), 512 << 10);
    assert!(parse_size("x", "ten").is_err());
    assert!(parse_size("x", "5q").is_err());
}

#[test]
fn restart_policies() {
    assert_eq!(parse_restart("always").unwrap().name, "always");
    let p = parse_restart("on-failure:3").unwrap();
    assert_eq!((p.name.as_str(), p.max_retries), ("on-failure", 3));
    assert!(parse_restart("always:3").is_err());
    assert!(parse_restart("sometimes").is_err());
}

#[test]
fn unknown_values_name_the_flag_and_the_choices() {
    let e = parse_network("bridge:x").unwrap_err().to_string();
    assert!(e.starts_with("--network \"bridge:x\": "), "{e}");
    assert!(e.contains("slirp4netns[:OPTIONS], pasta"), "{e}");
    let e = parse_pull("sometimes").unwrap_err().to_string();
    assert!(e.contains("always, missing, never or newer"), "{e}");
    let e = parse_log_driver("bogus").unwrap_err().to_string();
    assert!(e.contains("k8s-file, journald, none or passthrough"), "{e}");
    assert!(parse_userns("host", 1000, 100)
        .unwrap_err()
        .to_string()
        .contains("not supported"));
}

#[test]
fn caps_arithmetic() {
    let caps = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let add = parse_caps("--cap-add", &caps(&["net_admin", "CAP_SYS_ADMIN,sys_time"])).unwrap();
    assert_eq!(
        add,
        caps(&["CAP_NET_ADMIN", "CAP_SYS_ADMIN", "CAP_SYS_TIME"])
    );
    assert!(parse_caps("--cap-add", &caps(&["FLY"])).is_err());

    let def = merge_caps(false, &[], &[]).unwrap();
    assert_eq!(def.len(), 11);
    assert!(def.contains(&"CAP_SYS_CHROOT".to_string()));

    let m = merge_caps(false, &caps(&["CAP_NET_ADMIN"]), &caps(&["CAP_CHOWN"])).unwrap();
    assert_eq!(m.len(), 11);
    assert!(m.contains(&"CAP_NET_ADMIN".into()) && !m.contains(&"CAP_CHOWN".into()));

    let only = merge_caps(false, &caps(&["CAP_KILL"]), &caps(&["ALL"])).unwrap();
    assert_eq!(only, caps(&["CAP_KILL"]));
    let all_but = merge_caps(false, &caps(&["ALL"]), &caps(&["CAP_SYS_ADMIN"])).unwrap();
    assert_eq!(all_but.len(), ALL_CAPS.len() - 1);
    assert_eq!(
        merge_caps(true, &[], &caps(&["CAP_KILL"])).unwrap().len(),
        ALL_CAPS.len()
    );
    assert!(merge_caps(false, &caps(&["CAP_KILL"]), &caps(&["CAP_KILL"])).is_err());
    assert!(merge_caps(false, &caps(&["ALL"]), &caps(&["ALL"])).is_err());
}

#[test]
fn ulimits_and_tmpfs() {
    assert_eq!(
        parse_ulimit("nofile=1024:2048").unwrap(),
        Ulimit {
            name: "nofile".into(),
            soft: 1024,
            hard: 2048
        }
    );
    assert_eq!(parse_ulimit("core=-1").unwrap().hard, u64::MAX);
    assert!(parse_ulimit("nofile=2:1").is_err());
    assert!(parse_ulimit("files=1").is_err());
    let t = parse_tmpfs("/scratch:size=64m,exec").unwrap();
    assert_eq!(t.path, "/scratch");
    assert_eq!(t.options, vec!["rw", "nosuid", "nodev", "size=64m", "exec"]);
    assert!(parse_tmpfs("relative").is_err());
    assert!(parse_tmpfs("/a/../b").is_err());
}

#[test]
fn small_validators() {
    use crate::linux::seccomp::Choice;
    let p = |s| parse_security_opt(s).unwrap();
    assert_eq!(p("no-new-privileges"), SecurityOpt::NoNewPrivileges(true));
    assert_eq!(
        p("no-new-privileges=false"),
        SecurityOpt::NoNewPrivileges(false)
    );
    assert_eq!(p("label=disable"), SecurityOpt::Ignored);
    assert_eq!(
        p("seccomp=unconfined"),
        SecurityOpt::Seccomp(Choice::Unconfined)
    );
    assert_eq!(
        p("seccomp=/etc/p.json"),
        SecurityOpt::Seccomp(Choice::File("/etc/p.json".into()))
    );
    assert!(parse_security_opt("seccomp=").is_err());
    assert!(parse_detach_keys("ctrl-p,ctrl-q").is_ok());
    assert!(parse_detach_keys("").is_ok());
    assert!(parse_detach_keys("ctrl-pq").is_err());
    assert!(parse_workdir("rel").is_err());
    assert!(parse_hostname("web-1.local").is_ok());
    assert!(parse_hostname("bad host").is_err());
    assert!(parse_user("1000:1000").is_ok());
    assert!(parse_user("nobody").is_ok());
    assert!(parse_user("a:b:c").is_err());
    assert_eq!(parse_label("a=b=c").unwrap(), ("a".into(), "b=c".into()));
    assert_eq!(parse_label("flag").unwrap(), ("flag".into(), "".into()));
}

#[test]
fn log_drivers_and_options_as_podman_names_them() {
    for d in ["k8s-file", "journald", "none", "passthrough"] {
        assert_eq!(parse_log_driver(d).unwrap(), d);
    }
    assert_eq!(parse_log_driver("json-file").unwrap(), "k8s-file");
    assert!(parse_log_driver("syslog").is_err());
    assert_eq!(
        parse_log_opt("tag=web").unwrap(),
        LogOpt::Tag("web".to_string())
    );
    // Decimal units, as Docker and Podman read max-size.
    assert_eq!(parse_log_opt("max-size=1k").unwrap(), LogOpt::MaxSize(1000));
    assert_eq!(
        parse_log_opt("max-size=3.057m").unwrap(),
        LogOpt::MaxSize(3_057_000)
    );
    for bad in ["tag=", "path=/x", "tag"] {
        assert!(parse_log_opt(bad).is_err(), "{bad}");
    }
}

#[test]
fn passthrough_with_a_terminal_is_refused() {
    let e = check_log_driver("passthrough", true)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("--log-driver passthrough and --tty conflict"),
        "{e}"
    );
    assert!(check_log_driver("passthrough", false).is_ok());
    assert!(check_log_driver("k8s-file", true).is_ok());
}
