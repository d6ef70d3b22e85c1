//! Quadlet: the generator (`rcon-quadlet -dryrun`, and writing units into an output folder),
//! `rcon quadlet install|list|print|rm` with a test home (no systemd: `--reload-systemd=false`),
//! `rm --cidfile` as the generated units use it, and a generated command line run for real.
//!
//! The tests named `vm_quadlet_*` need a systemd user manager: they run in the VM
//! (contrib/vmtest/run.sh), where the generator is linked into /etc/systemd/user-generators
//! and a `.container` with its `.network` and `.volume` runs as a user service.
mod common;

use common::world::{busybox_world, eventually, http_get_until, inspect};
use common::{bins, TestEnv, TestUser};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A link named `rcon-quadlet` to the test's rcon, which makes rcon the generator.
fn generator(env: &TestEnv) -> PathBuf {
    let dir = env.scratch("gen");
    let link = dir.join("rcon-quadlet");
    std::os::unix::fs::symlink(&bins().rcon, &link).unwrap();
    link
}

/// Links the test's rcon as a systemd user generator: systemd reads them from
/// /etc/systemd/user-generators (not from a home), and the link's name makes rcon the
/// generator. The link, for the test to remove at its end.
fn install_user_generator() -> PathBuf {
    let gen_dir = Path::new("/etc/systemd/user-generators");
    std::fs::create_dir_all(gen_dir).unwrap();
    let link = gen_dir.join("rcon-user-generator");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&bins().rcon, &link).unwrap();
    link
}

/// The `GlobalArgs=` line that points a unit's rcon at `u`'s store.
fn global_args(u: &TestUser) -> String {
    format!(
        "GlobalArgs=--root {} --runroot {}\n",
        u.data_home.join("rcon").display(),
        u.runtime_dir.join("rcon").display()
    )
}

/// The user's quadlet folder.
fn quadlet_dir(u: &TestUser) -> PathBuf {
    u.config_home.join("containers/systemd")
}

/// The generator run as the test user with `args`.
fn run_generator(env: &TestEnv, args: &[&str]) -> common::Output {
    let cmd = env.user().command(generator(env), args);
    common::run_command(cmd, None, Duration::from_secs(60))
}

#[test]
fn dryrun_prints_every_unit_with_dependencies_on_network_and_volume() {
    let env = TestEnv::new();
    let u = env.user();
    let d = quadlet_dir(u);
    u.write_file(
        d.join("web.container"),
        "[Unit]\nDescription=the web\n\n[Container]\nImage=busybox\nNetwork=app.network\n\
         Volume=data.volume:/data\nExec=httpd -f -p 8080\n\n[Service]\nRestart=on-failure\n",
    );
    u.write_file(d.join("app.network"), "[Network]\nSubnet=10.89.7.0/24\n");
    u.write_file(d.join("sub/data.volume"), "[Volume]\nVolumeName=webdata\n");
    u.write_file(
        d.join("web.container.d/10-env.conf"),
        "# a drop-in\n[Container]\nEnvironment=MODE=prod\n",
    );
    let out = run_generator(&env, &["-user", "-dryrun"]);
    assert_eq!(out.code, Some(0), "{out}");
    let text = &out.stdout;
    for want in [
        "---web.service---",
        "---app-network.service---",
        "---data-volume.service---",
        "Requires=app-network.service",
        "Requires=data-volume.service",
        "Description=the web",
        "Restart=on-failure",
        "--network=systemd-app ",
        "--volume=webdata:/data ",
        "--env=MODE=prod ",
        "network create --ignore --subnet=10.89.7.0/24 systemd-app",
        "volume create --ignore webdata",
    ] {
        assert!(text.contains(want), "{want:?} missing in\n{text}");
    }
    // The command is the absolute path of the rcon that generated it.
    let exec = text
        .lines()
        .find(|l| l.starts_with("ExecStart=") && l.contains(" run "))
        .unwrap();
    assert!(
        exec.starts_with(&format!("ExecStart={} run ", bins().rcon.display())),
        "{exec}"
    );
}

#[test]
fn a_bad_file_is_reported_with_its_line_and_only_it_is_left_out() {
    let env = TestEnv::new();
    let u = env.user();
    let d = quadlet_dir(u);
    u.write_file(d.join("good.container"), "[Container]\nImage=busybox\n");
    u.write_file(
        d.join("bad.container"),
        "[Container]\nImage=busybox\nAddDevice=/dev/fuse\nNoSuchKey=1\n",
    );
    let out = run_generator(&env, &["-user", "-dryrun"]);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("---good.service---"), "{out}");
    assert!(!out.stdout.contains("bad.service"), "{out}");
    let bad = d.join("bad.container").display().to_string();
    assert!(
        out.stderr.contains(&format!(
            "{bad}:3: AddDevice= is not supported by rcon (`rcon run` has no --device)"
        )),
        "{out}"
    );
    assert!(
        out.stderr
            .contains(&format!("{bad}:4: unknown key NoSuchKey= in [Container]")),
        "{out}"
    );
}

#[test]
fn the_generator_writes_units_and_install_links_into_its_folder() {
    let env = TestEnv::new();
    let u = env.user();
    let d = quadlet_dir(u);
    u.write_file(
        d.join("web.container"),
        "[Container]\nImage=busybox\n[Install]\nWantedBy=default.target\n",
    );
    u.write_file(
        d.join("echo@.container"),
        "[Container]\nImage=busybox\nExec=echo %i\n",
    );
    let out_dir = env.dir().join("u/gen-out");
    u.mkdirs(&out_dir);
    let o = out_dir.display().to_string();
    let out = run_generator(&env, &["-user", &o, &o, &o]);
    assert_eq!(out.code, Some(0), "{out}");
    let unit = std::fs::read_to_string(out_dir.join("web.service")).unwrap();
    assert!(unit.contains("\nType=notify\n"), "{unit}");
    let link = std::fs::read_link(out_dir.join("default.target.wants/web.service")).unwrap();
    assert_eq!(link, Path::new("../web.service"));
    let template = std::fs::read_to_string(out_dir.join("echo@.service")).unwrap();
    assert!(template.contains("--name=systemd-%p_%i "), "{template}");
    assert!(template.contains(" echo %i\n"), "{template}");
    // Without an output folder (and not a dry run) it says what it needs.
    let out = run_generator(&env, &["-user"]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("missing the output folder"), "{out}");
}

#[test]
fn install_list_print_and_rm_manage_the_users_quadlets() {
    let env = TestEnv::new();
    let u = env.user();
    let app = env.dir().join("u/app");
    u.write_file(app.join("web.container"), "[Container]\nImage=busybox\n");
    u.write_file(app.join("cache.volume"), "[Volume]\n");
    u.write_file(app.join("page.html"), "hello\n");
    let dir = quadlet_dir(u);
    let app_s = app.display().to_string();
    let out = env.run_ok(&["quadlet", "install", "--reload-systemd=false", &app_s]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            dir.join("cache.volume").display().to_string(),
            dir.join("page.html").display().to_string(),
            dir.join("web.container").display().to_string(),
        ]
    );
    // A second install refuses before writing anything; --replace replaces.
    u.write_file(app.join("web.container"), "[Container]\nImage=alpine\n");
    let (code, err) = env.run_fail(&["quadlet", "install", "--reload-systemd=false", &app_s]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("installed already"), "{err}");
    assert!(env
        .run_ok(&["quadlet", "print", "web.container"])
        .contains("Image=busybox"));
    env.run_ok(&[
        "quadlet",
        "install",
        "--reload-systemd=false",
        "--replace",
        &app_s,
    ]);
    assert_eq!(
        env.run_ok(&["quadlet", "print", "web.container"]),
        "[Container]\nImage=alpine\n"
    );

    let list = env.run_ok(&[
        "quadlet",
        "list",
        "--format",
        "{{.Name}} {{.UnitName}} {{.Path}}",
    ]);
    assert_eq!(
        list.lines().collect::<Vec<_>>(),
        [
            format!(
                "cache.volume cache-volume.service {}",
                dir.join("cache.volume").display()
            ),
            format!(
                "web.container web.service {}",
                dir.join("web.container").display()
            ),
        ]
    );
    let table = env.run_ok(&["quadlet", "list"]);
    assert!(
        table.starts_with("NAME") && table.contains("UNIT NAME") && table.contains("STATUS"),
        "{table}"
    );

    let (code, err) = env.run_fail(&["quadlet", "print", "nope.container"]);
    assert_eq!(code, 125);
    assert!(err.contains("no quadlet named nope.container"), "{err}");
    let (code, err) = env.run_fail(&["quadlet", "install", "https://example.com/x.container"]);
    assert_eq!(code, 125);
    assert!(err.contains("local files only"), "{err}");

    let out = env.run(&["quadlet", "rm", "--reload-systemd=false", "nope.container"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert_eq!(
        env.run_ok(&["quadlet", "rm", "--reload-systemd=false", "web.container"]),
        "web.container\n"
    );
    assert!(!dir.join("web.container").exists());
    env.run_ok(&["quadlet", "rm", "--reload-systemd=false", "--all"]);
    assert!(!dir.join("cache.volume").exists());
    assert_eq!(env.run_ok(&["quadlet", "list", "--noheading"]), "");
}

#[test]
fn rm_cidfile_removes_the_container_and_the_file() {
    let (env, _reg) = busybox_world();
    let cid = env.dir().join("u/run/web.cid");
    let c = cid.display().to_string();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "cidweb",
        "--cidfile",
        &c,
        "busybox",
        "sleep",
        "60",
    ]);
    assert!(cid.exists());
    env.run_ok(&["rm", "-v", "-f", "-i", "-t", "1", &format!("--cidfile={c}")]);
    assert!(!cid.exists(), "the cidfile goes with its container");
    let all = env.run_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(!all.lines().any(|l| l == "cidweb"), "{all}");
    // Again (a unit's ExecStopPost after ExecStop): nothing left, nothing to complain about.
    let out = env.run(&["rm", "-v", "-f", "-i", &format!("--cidfile={c}")]);
    assert_eq!(out.code, Some(0), "{out}");
    let out = env.run(&["rm", &format!("--cidfile={c}")]);
    assert_eq!(out.code, Some(1), "a missing cidfile without -i: {out}");
}

#[test]
fn the_generated_command_line_runs_the_container() {
    let (env, _reg) = busybox_world();
    let u = env.user();
    u.write_file(
        quadlet_dir(u).join("hello.container"),
        "[Container]\nImage=busybox\nEnvironment=WHO=quadlet\nExec=sh -c 'echo \"hi $WHO\"; exit 7'\n",
    );
    let out = run_generator(&env, &["-user", "-dryrun"]);
    assert_eq!(out.code, Some(0), "{out}");
    let exec = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    // systemd's part: the specifiers and the word splitting.
    let line = exec
        .replace("%t", &u.runtime_dir.display().to_string())
        .replace("%N", "hello")
        .replace("%n", "hello.service");
    let words = shell_words(&line);
    let cmd = u.command(&words[0], &words[1..]);
    let run = common::run_command(cmd, None, Duration::from_secs(120));
    assert_eq!(run.code, Some(7), "the container's code: {run}");
    assert!(run.stdout.contains("hi quadlet"), "{run}");
    // --rm: nothing left but the cidfile, which the unit's ExecStopPost takes.
    let all = env.run_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(!all.contains("systemd-hello"), "{all}");
    env.run_ok(&[
        "rm",
        "-i",
        &format!("--cidfile={}/hello.cid", u.runtime_dir.display()),
    ]);
    assert!(!u.runtime_dir.join("hello.cid").exists());
}

/// Splits a generated command line as systemd does for these (double quotes, backslash
/// escapes inside them).
fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut inq = false;
    let mut any = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                inq = !inq;
                any = true;
            }
            '\\' if inq => cur.extend(chars.next()),
            ' ' if !inq => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn generate_systemd_points_at_quadlet() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["create", "--name", "old", "busybox", "true"]);
    let out = env.run(&["generate", "systemd", "old"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stderr.starts_with("DEPRECATED command:"), "{out}");
    assert!(out.stderr.contains("Quadlet"), "{out}");
    assert!(
        out.stdout.contains("[Service]"),
        "the unit is still printed: {out}"
    );
}

// ---- in the VM: a real systemd user manager ----

fn vm_only() {
    common::vm_only("a systemd user manager and root to link the generator");
}

/// `systemctl --user args` as the test user, against its real manager (linger keeps it up).
fn systemctl(env: &TestEnv, args: &[&str]) -> common::Output {
    let u = env.user();
    let mut cmd = u.command("systemctl", &[&["--user"][..], args].concat());
    cmd.env("XDG_RUNTIME_DIR", format!("/run/user/{}", u.uid));
    common::run_command(cmd, None, Duration::from_secs(120))
}

/// `rcon quadlet args` as the test user, for its real systemd manager: the quadlet folder in
/// the home the manager knows, its runtime folder for `systemctl --user`.
fn quadlet_cmd(env: &TestEnv, args: &[&str]) -> common::Output {
    let u = env.user();
    let mut cmd = u.rcon(&[&["quadlet"][..], args].concat());
    cmd.env("XDG_CONFIG_HOME", format!("/home/{}/.config", u.name))
        .env("XDG_RUNTIME_DIR", format!("/run/user/{}", u.uid));
    common::run_command(cmd, None, Duration::from_secs(120))
}

#[test]
fn vm_quadlet_container_with_network_and_volume_starts_restarts_and_stops() {
    vm_only();
    let (env, _reg) = busybox_world();
    let u = env.user();
    let link = install_user_generator();
    let id = std::process::id();
    let port = common::registry::free_port();
    let global = global_args(u);
    let dir = PathBuf::from(format!("/home/{}/.config/containers/systemd", u.name));
    let app = env.dir().join("u/app");
    let files = [
        (
            format!("qweb{id}.container"),
            format!(
                "[Unit]\nDescription=quadlet web\n\n[Container]\n{global}\
                 Image=docker.io/library/busybox\nPull=never\nNetwork=qnet{id}.network\n\
                 Volume=qdata{id}.volume:/data\nPublishPort=127.0.0.1:{port}:8080\n\
                 Exec=sh -c \"echo hello-from-quadlet > /data/index.html; \
                 httpd -p 8080 -h /data; trap 'exit 0' TERM; \
                 while :; do [ -e /data/fail ] && {{ rm /data/fail; exit 3; }}; sleep 0.2; done\"\n\
                 \n[Service]\nRestart=on-failure\nRestartSec=1\n"
            ),
        ),
        (format!("qnet{id}.network"), format!("[Network]\n{global}")),
        (format!("qdata{id}.volume"), format!("[Volume]\n{global}")),
    ];
    for (name, text) in &files {
        u.write_file(app.join(name), text);
    }
    // install copies them into the manager's quadlet folder and reloads it.
    let out = quadlet_cmd(&env, &["install", &app.display().to_string()]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(dir.join(format!("qweb{id}.container")).exists(), "{out}");
    let service = format!("qweb{id}.service");
    let generated = PathBuf::from(format!("/run/user/{}/systemd/generator/{service}", u.uid));
    assert!(generated.exists(), "the user manager ran the generator");

    let out = systemctl(&env, &["start", &service]);
    assert_eq!(out.code, Some(0), "{out}");
    let name = format!("systemd-qweb{id}");
    for dep in [
        format!("qnet{id}-network.service"),
        format!("qdata{id}-volume.service"),
    ] {
        let active = systemctl(&env, &["is-active", &dep]);
        assert_eq!(active.stdout.trim(), "active", "{dep}: {active}");
    }
    let networks = env.run_ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(
        networks.lines().any(|l| l == format!("systemd-qnet{id}")),
        "{networks}"
    );
    let volumes = env.run_ok(&["volume", "ls", "--format", "{{.Name}}"]);
    assert!(
        volumes.lines().any(|l| l == format!("systemd-qdata{id}")),
        "{volumes}"
    );
    http_get_until(port, "hello-from-quadlet", 60);
    let st = &inspect(&env, &name)["State"];
    assert_eq!(st["Status"], "running", "{st}");
    let first_pid = st["Pid"].as_i64().unwrap();

    // A failure (exit 3) restarts it: a new container, the same volume's page.
    env.run_ok(&["exec", &name, "touch", "/data/fail"]);
    eventually(90, "systemd to restart the container", || {
        let out = env.run(&["inspect", &name]);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_default();
        let st = &v[0]["State"];
        out.code == Some(0) && st["Status"] == "running" && st["Pid"].as_i64() != Some(first_pid)
    });
    let n = systemctl(&env, &["show", "-P", "NRestarts", &service]).ok();
    assert_eq!(n.trim(), "1", "NRestarts");
    http_get_until(port, "hello-from-quadlet", 60);

    let list = quadlet_cmd(
        &env,
        &["list", "--format", "{{.Name}} {{.UnitName}} {{.Status}}"],
    );
    assert!(
        list.stdout
            .lines()
            .any(|l| l == format!("qweb{id}.container {service} active/running")),
        "{list}"
    );
    // A running quadlet is not removed without --force.
    let out = quadlet_cmd(&env, &["rm", &format!("qweb{id}.container")]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("is running"), "{out}");

    // rm --force: the service stops cleanly, and no container is left.
    let out = quadlet_cmd(&env, &["rm", "--force", &format!("qweb{id}.container")]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(!dir.join(format!("qweb{id}.container")).exists());
    let active = systemctl(&env, &["is-active", &service]);
    assert_eq!(active.stdout.trim(), "inactive", "{active}");
    let all = env.run_ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(
        !all.lines().any(|l| l == name),
        "removed after the stop: {all}"
    );
    assert!(!Path::new(&format!("/run/user/{}/qweb{id}.cid", u.uid)).exists());

    for dep in [
        format!("qnet{id}-network.service"),
        format!("qdata{id}-volume.service"),
    ] {
        systemctl(&env, &["stop", &dep]);
    }
    for (name, _) in &files {
        let _ = std::fs::remove_file(dir.join(name));
    }
    let _ = std::fs::remove_file(&link);
    systemctl(&env, &["daemon-reload"]);
}

/// A `.kube` unit as Podman's Quadlet makes it: `Type=notify`, the play names the service
/// container's supervisor the unit's main process (systemd takes it: the supervisor stayed in
/// the unit's cgroup), and the unit ends when the pod's last member does, `ExecStopPost`
/// taking the pod down.
#[test]
fn vm_quadlet_kube_unit_follows_its_service_container_and_ends_with_its_pod() {
    vm_only();
    let (env, _reg) = busybox_world();
    let u = env.user();
    let link = install_user_generator();
    let id = std::process::id();
    let global = global_args(u);
    let pod = format!("qkube{id}");
    let app = env.dir().join("u/kapp");
    let yaml = u.write_file(
        app.join("qkube.yaml"),
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {pod}\nspec:\n  \
             terminationGracePeriodSeconds: 1\n  containers:\n  - name: c\n    \
             image: docker.io/library/busybox\n    imagePullPolicy: IfNotPresent\n    \
             command: [sleep, \"1000\"]\n"
        ),
    );
    let kube = format!("qkube{id}.kube");
    u.write_file(
        app.join(&kube),
        format!("[Kube]\n{global}Yaml={}\n", yaml.display()),
    );
    let out = quadlet_cmd(&env, &["install", &app.display().to_string()]);
    assert_eq!(out.code, Some(0), "{out}");
    let service = format!("qkube{id}.service");

    // Type=notify: start returns once the play said READY=1.
    let out = systemctl(&env, &["start", &service]);
    assert_eq!(out.code, Some(0), "{out}");
    let active = systemctl(&env, &["is-active", &service]);
    assert_eq!(active.stdout.trim(), "active", "{active}");
    let text = std::fs::read(&yaml).unwrap();
    let hex = common::image::sha256_hex(&text);
    let service_ctr = format!("{}-service", &hex[..12]);
    let conmon = env.run_ok(&[
        "container",
        "inspect",
        &service_ctr,
        "--format",
        "{{.State.ConmonPid}}",
    ]);
    let main = systemctl(&env, &["show", "-P", "MainPID", &service]).ok();
    assert_eq!(main.trim(), conmon.trim(), "the unit's main process");
    let cgroup = std::fs::read_to_string(format!("/proc/{}/cgroup", conmon.trim())).unwrap();
    assert!(cgroup.contains(&format!("/{service}")), "{cgroup}");

    // The pod's member ends: the service container, the main process and the unit end, and
    // ExecStopPost takes the pod down.
    env.run_ok(&["stop", &format!("{pod}-c")]);
    eventually(60, "the unit to end with its pod", || {
        systemctl(&env, &["is-active", &service]).stdout.trim() == "inactive"
    });
    eventually(30, "kube down to remove the pod", || {
        env.run(&["pod", "exists", &pod]).code == Some(1)
    });
    assert_eq!(
        env.run(&["container", "exists", &service_ctr]).code,
        Some(1)
    );
    let result = systemctl(&env, &["show", "-P", "Result", &service]).ok();
    assert_eq!(result.trim(), "success");

    // Started again and stopped by systemd: the pod goes with the unit.
    let out = systemctl(&env, &["start", &service]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(env.run(&["pod", "exists", &pod]).code, Some(0));
    let out = systemctl(&env, &["stop", &service]);
    assert_eq!(out.code, Some(0), "{out}");
    for (property, value) in [("ActiveState", "inactive"), ("Result", "success")] {
        let shown = systemctl(&env, &["show", "-P", property, &service]).ok();
        assert_eq!(shown.trim(), value, "{property}");
    }
    assert_eq!(env.run(&["pod", "exists", &pod]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");

    let _ = quadlet_cmd(&env, &["rm", "--force", &kube]);
    let _ = std::fs::remove_file(&link);
    systemctl(&env, &["daemon-reload"]);
}
