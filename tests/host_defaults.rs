//! What every new container and build step takes from the host unless told otherwise: the
//! proxy variables of rcon's environment (`--http-proxy`, containers.conf's `http_proxy`) and
//! the mounts of a mounts.conf (the global `--default-mounts-file`, else the user's file),
//! through the real binary as the test user.
mod common;

use common::build::{build, context};
use common::world::busybox_world;
use common::{run_command, Output, TestEnv, DEFAULT_TIMEOUT};

/// The proxy values this test puts in rcon's environment.
const HOST_PROXIES: [(&str, &str); 4] = [
    ("http_proxy", "host-http"),
    ("HTTPS_PROXY", "host-https"),
    ("ftp_proxy", "host-ftp"),
    ("no_proxy", "host-noproxy"),
];

/// `rcon args` with [`HOST_PROXIES`] in its environment.
fn with_proxies(env: &TestEnv, args: &[&str]) -> Output {
    let mut cmd = env.user().rcon(args);
    cmd.envs(HOST_PROXIES);
    run_command(cmd, None, DEFAULT_TIMEOUT)
}

/// `echo` of the proxy variables, `-` for an unset one.
const SHOW: &str = "echo ${http_proxy:--} ${HTTPS_PROXY:--} ${ftp_proxy:--} ${no_proxy:--}";

#[test]
fn host_proxies_override_the_image_and_env_file_and_env_override_them() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "proxyimg",
        &[(
            "Containerfile",
            "FROM busybox\nENV http_proxy=in-image ftp_proxy=in-image\n",
        )],
    );
    assert_eq!(build(&env, &dir, &["-t", "proxyimg"]).code, Some(0));
    let run = |flags: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend(["proxyimg", "sh", "-c", SHOW]);
        with_proxies(&env, &args).ok()
    };
    assert_eq!(run(&[]), "host-http host-https host-ftp host-noproxy\n");
    let file = env.user().write_file(
        env.user().home.join("proxy.env"),
        "http_proxy=from-file\nftp_proxy=from-file\n",
    );
    let file = format!("--env-file={}", file.display());
    assert_eq!(
        run(&[&file, "-e", "ftp_proxy=from-cli"]),
        "from-file host-https from-cli host-noproxy\n"
    );
    assert_eq!(run(&["--http-proxy=false"]), "in-image - in-image -\n");
    // `create` takes the flag too, and the container keeps what it was created with.
    let id = with_proxies(
        &env,
        &["create", "--http-proxy=false", "proxyimg", "sh", "-c", SHOW],
    )
    .ok();
    assert_eq!(
        env.run_ok(&["start", "-a", id.trim()]),
        "in-image - in-image -\n"
    );
}

#[test]
fn containers_conf_http_proxy_false_turns_the_default_off() {
    let (env, _reg) = busybox_world();
    let conf = env.user().config_home.join("containers");
    env.user().mkdirs(&conf);
    env.user().write_file(
        conf.join("containers.conf"),
        "[containers]\nhttp_proxy = false\n",
    );
    let run = |flag: Option<&str>| {
        let mut args = vec!["run", "--rm"];
        args.extend(flag);
        args.extend(["busybox", "sh", "-c", SHOW]);
        with_proxies(&env, &args).ok()
    };
    assert_eq!(run(None), "- - - -\n");
    assert_eq!(
        run(Some("--http-proxy")),
        "host-http host-https host-ftp host-noproxy\n"
    );
}

#[test]
fn a_build_step_gets_the_host_proxies_the_image_leaves_unset_and_keeps_none() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "proxybuild",
        &[(
            "Containerfile",
            "FROM busybox\nENV ftp_proxy=in-image\nRUN echo \"step: $http_proxy $ftp_proxy\"\n",
        )],
    );
    let d = dir.to_string_lossy().into_owned();
    let out = with_proxies(&env, &["build", "-t", "pb", &d]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("step: host-http in-image"), "{out}");
    let off = with_proxies(&env, &["build", "--no-cache", "--http-proxy=false", &d]);
    assert!(off.stdout.contains("step:  in-image\n"), "{off}");
    // Not written into the image.
    let shown = env.run_ok(&["run", "--rm", "--http-proxy=false", "pb", "sh", "-c", SHOW]);
    assert_eq!(shown, "- - in-image -\n");
}

#[test]
fn default_mounts_file_gives_run_and_build_steps_a_host_folder_read_only() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let secrets = user.home.join("secrets");
    user.mkdirs(&secrets);
    user.write_file(secrets.join("token"), "shhh\n");
    let conf = user.write_file(
        user.home.join("mounts.conf"),
        format!(
            "# the host's subscription\n\n{}:/run/secrets\n/no/such/folder:/gone\n",
            secrets.display()
        ),
    );
    let flag = format!("--default-mounts-file={}", conf.display());
    let cat = env.run_ok(&[&flag, "run", "--rm", "busybox", "cat", "/run/secrets/token"]);
    assert_eq!(cat, "shhh\n");
    let out = env.run(&[
        &flag,
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "touch /run/secrets/new || echo read-only; ls /gone 2>&1 || true",
    ]);
    assert!(out.stdout.contains("read-only"), "{out}");
    assert!(!secrets.join("new").exists());
    // A mount of the user's own on the same path wins.
    let own = user.home.join("own");
    user.mkdirs(&own);
    let vol = format!("{}:/run/secrets", own.display());
    let ls = env.run_ok(&[
        &flag,
        "run",
        "--rm",
        "-v",
        &vol,
        "busybox",
        "ls",
        "/run/secrets",
    ]);
    assert_eq!(ls, "");

    let dir = context(
        user,
        "mountsbuild",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo \"built with $(cat /run/secrets/token)\"\n",
        )],
    );
    // As a global option before `build`, and after it.
    let out = build(&env, &dir, &[&flag, "-t", "mb"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("built with shhh"), "{out}");
    let d = dir.to_string_lossy().into_owned();
    let out = env.run(&[&flag, "build", "--no-cache", &d]);
    assert!(out.stdout.contains("built with shhh"), "{out}");
    // Not written into the image.
    let left = env.run(&["run", "--rm", "mb", "ls", "/run/secrets/token"]);
    assert_ne!(left.code, Some(0), "{left}");

    // Without the flag, the user's own mounts.conf.
    let dir = user.config_home.join("containers");
    user.mkdirs(&dir);
    user.write_file(
        dir.join("mounts.conf"),
        format!("{}:/etc/sub\n", secrets.display()),
    );
    let cat = env.run_ok(&["run", "--rm", "busybox", "cat", "/etc/sub/token"]);
    assert_eq!(cat, "shhh\n");
}

#[test]
fn a_bad_default_mounts_file_is_one_error_line() {
    let (env, _reg) = busybox_world();
    let bad = env.user().write_file(
        env.user().home.join("bad.conf"),
        "# ok\nsecrets:/run/secrets\n",
    );
    let flag = format!("--default-mounts-file={}", bad.display());
    let line = env
        .run(&[&flag, "run", "--rm", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("--default-mounts-file") && line.contains("line 2"),
        "{line}"
    );
    let missing = env.user().home.join("missing.conf");
    let flag = format!("--default-mounts-file={}", missing.display());
    let line = env.run(&[&flag, "create", "busybox", "true"]).error_125();
    assert!(line.contains("missing.conf"), "{line}");
    let line = env.run(&[&flag, "build", "."]).error_125();
    assert!(line.contains("missing.conf"), "{line}");
}
