//! Seccomp: every container and every exec'd command runs under rcon's built-in profile
//! unless told otherwise; `--security-opt seccomp=PATH` takes an OCI/Docker JSON profile,
//! `seccomp=unconfined` and `--privileged` run without one, containers.conf's
//! `seccomp_profile` sets the default; a bad profile is one line and exit 125 with nothing left.
//!
//! The calls are made by a small static probe (tests/probe/syscalls.c, built here with cc)
//! placed in the image beside busybox.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::world;
use common::{Registry, TestEnv};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The probe, compiled once per test binary.
fn probe() -> &'static [u8] {
    static BIN: OnceLock<Vec<u8>> = OnceLock::new();
    BIN.get_or_init(|| {
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/probe/syscalls.c");
        let out = std::env::temp_dir().join(format!("rcon-probe-{}", std::process::id()));
        let status = Command::new("cc")
            .args(["-static", "-O2", "-o"])
            .arg(&out)
            .arg(&src)
            .status()
            .expect("cc (gcc and libc6-dev: contrib/ci/setup.sh installs them)");
        assert!(status.success(), "building {} failed", src.display());
        let bin = std::fs::read(&out).unwrap();
        let _ = std::fs::remove_file(&out);
        bin
    })
}

/// busybox plus the probe at /probe, pulled as `probe`.
fn probe_world() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(
            LayerBuilder::new()
                .file("probe", probe(), 0o755, 0, 0)
                .build(Compression::Gzip),
        )
        .cmd(&["sh"])
        .build();
    reg.push("library/probe:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "probe"]);
    (env, reg)
}

fn run_probe(env: &TestEnv, flags: &[&str], calls: &[&str]) -> String {
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(flags);
    args.push("probe");
    args.push("/probe");
    args.extend_from_slice(calls);
    env.run_ok(&args)
}

/// The `Seccomp:` line of a busybox container's /proc/self/status.
fn seccomp_line(env: &TestEnv) -> String {
    env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "grep",
        "^Seccomp:",
        "/proc/self/status",
    ])
}

#[test]
fn the_container_and_an_exec_run_under_a_filter() {
    let (env, _reg) = world::busybox_world();
    let out = seccomp_line(&env);
    assert_eq!(out.trim(), "Seccomp:\t2", "{out}");
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "1000",
    ]);
    let out = env.run_ok(&["exec", "c", "grep", "^Seccomp:", "/proc/self/status"]);
    assert_eq!(out.trim(), "Seccomp:\t2", "{out}");
    let v = world::inspect(&env, "c");
    assert_eq!(v["SeccompProfilePath"], "", "the built-in profile: {v}");
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn the_built_in_profile_refuses_with_eperm_and_enosys_what_unconfined_allows() {
    let (env, _reg) = probe_world();
    let calls = ["membarrier", "io_uring_setup", "personality", "getpid"];
    let confined = run_probe(&env, &[], &calls);
    assert_eq!(
        confined,
        "membarrier=EPERM\nio_uring_setup=ENOSYS\npersonality=ENOSYS\ngetpid=ok\n"
    );
    let open = run_probe(&env, &["--security-opt", "seccomp=unconfined"], &calls);
    assert_eq!(
        open, "membarrier=ok\nio_uring_setup=EFAULT\npersonality=ok\ngetpid=ok\n",
        "without a filter the kernel answers these calls itself"
    );
    let privileged = run_probe(&env, &["--privileged"], &calls);
    assert_eq!(privileged, open, "--privileged runs without a filter");
}

#[test]
fn a_custom_profile_refuses_the_one_call_it_names() {
    let (env, _reg) = probe_world();
    let profile = env.user().write_file(
        "deny-mkdir.json",
        r#"{"defaultAction":"SCMP_ACT_ALLOW",
            "syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":18}]}"#,
    );
    let opt = format!("seccomp={}", profile.display());
    let out = run_probe(
        &env,
        &["--security-opt", &opt],
        &["mkdir", "membarrier", "io_uring_setup"],
    );
    assert_eq!(
        out, "mkdir=EXDEV\nmembarrier=ok\nio_uring_setup=EFAULT\n",
        "only mkdir is refused, with the profile's errno"
    );
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "--security-opt",
        &opt,
        "probe",
        "sleep",
        "1000",
    ]);
    let out = env.run_ok(&["exec", "c", "/probe", "mkdir", "getpid"]);
    assert_eq!(
        out, "mkdir=EXDEV\ngetpid=ok\n",
        "exec runs under the same profile"
    );
    let v = world::inspect(&env, "c");
    assert_eq!(v["SeccompProfilePath"], profile.display().to_string());
    assert!(v["HostConfig"]["SecurityOpt"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o.as_str() == Some(opt.as_str())));
    env.run_ok(&["rm", "-f", "c"]);
}

#[test]
fn containers_conf_sets_the_default_profile() {
    let (env, _reg) = world::busybox_world();
    env.user().write_file(
        ".config/containers/containers.conf",
        "[containers]\nseccomp_profile = \"unconfined\"\n",
    );
    let out = seccomp_line(&env);
    assert_eq!(out.trim(), "Seccomp:\t0", "{out}");
    let out = env.run_ok(&["info", "--format", "{{.Host.Security.SeccompProfilePath}}"]);
    assert_eq!(out.trim(), "unconfined");
}

#[test]
fn a_bad_profile_is_one_line_and_125_and_leaves_no_container() {
    let (env, _reg) = world::busybox_world();
    let not_json = env.user().write_file("bad.json", "{not json");
    let bad_action = env.user().write_file(
        "bad-action.json",
        r#"{"defaultAction":"SCMP_ACT_SOMETIMES"}"#,
    );
    for (opt, needle) in [
        (
            "seccomp=/nonexistent/profile.json".to_string(),
            "/nonexistent/profile.json",
        ),
        (
            format!("seccomp={}", not_json.display()),
            "not a seccomp profile",
        ),
        (
            format!("seccomp={}", bad_action.display()),
            "SCMP_ACT_SOMETIMES",
        ),
        ("seccomp=".to_string(), "--security-opt"),
    ] {
        let out = env.run(&["run", "--rm", "--security-opt", &opt, "busybox", "true"]);
        let line = out.error_125();
        assert!(line.contains(needle), "{opt}: {line}");
    }
    let ps = env.run_ok(&["ps", "-a", "-q"]);
    assert_eq!(ps.trim(), "", "nothing was created");
}
