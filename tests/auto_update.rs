//! `rcon auto-update` and restart-at-boot, driven through the real binary as the test user
//! against the loopback registry.
//!
//! On any host: the checks (`--dry-run`: `pending` when the registry has a newer image under
//! the container's name, `false` when not; the local policy; containers without the label or
//! not running left out; a container without a unit an error of its own; a bad `--format`
//! refused before anything happens), and the `start --all` filters the restart unit uses.
//!
//! The tests named `vm_*` need a real systemd user manager: they run in the Debian VM of
//! contrib/vmtest/run.sh (RCON_VM_TESTS=1) and fail elsewhere, saying so. There a user unit
//! made with `generate systemd --new` runs a container with the registry policy; a newer image
//! pushed to the registry is pulled and the unit restarted on it; a broken one is rolled back;
//! and contrib/systemd/rcon-restart.service brings `--restart always` containers back when the
//! user's manager starts again.
mod common;

use common::image::{self, Compression, ImageSpec};
use common::world::{busybox_world, eventually, inspect};
use common::{assert_one_error_line, run_command, Output, Registry, TestEnv};
use std::path::{Path, PathBuf};
use std::time::Duration;

const UNIT: &str = "container-web.service";
const FORMAT: &str = "{{.Unit}} {{.ContainerName}} {{.Image}} {{.Policy}} {{.Updated}}";

/// A busybox image that differs from the one `busybox_world` pushed (its config carries
/// `marker`), with `cmd` as its command.
fn busybox_variant(marker: &str, cmd: &[&str]) -> image::Image {
    ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(cmd)
        .label("marker", marker)
        .build()
}

/// Runs a long-lived busybox container detached with `labels`.
fn run_labelled(env: &TestEnv, name: &str, labels: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    for l in labels {
        args.extend(["--label", l]);
    }
    args.extend(["docker.io/library/busybox:latest", "sleep", "1000"]);
    env.run_ok(&args);
}

fn auto_update(env: &TestEnv, extra: &[&str]) -> Output {
    let mut args = vec!["auto-update", "--format", FORMAT];
    args.extend(extra);
    env.run(&args)
}

fn image_id(env: &TestEnv, name: &str) -> String {
    env.run_ok(&["images", "--no-trunc", "-q", name])
        .trim()
        .trim_start_matches("sha256:")
        .to_string()
}

#[test]
fn dry_run_says_pending_when_the_registry_has_a_newer_image_and_false_when_not() {
    let (env, reg) = busybox_world();
    let before = image_id(&env, "busybox");
    run_labelled(
        &env,
        "web",
        &[
            "io.containers.autoupdate=registry",
            &format!("PODMAN_SYSTEMD_UNIT={UNIT}"),
        ],
    );
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{UNIT} web docker.io/library/busybox:latest registry false"),
        "{out}"
    );

    reg.push("library/busybox:latest", &busybox_variant("v2", &["sh"]));
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{UNIT} web docker.io/library/busybox:latest registry pending"),
        "{out}"
    );
    // A dry run changes nothing: no pull, the container untouched.
    assert_eq!(
        image_id(&env, "busybox"),
        before,
        "the name still names the old image"
    );
    assert_eq!(inspect(&env, "web")["State"]["Status"], "running");

    // The default table: Podman's columns, the container as `ID (name)`.
    let out = env.run(&["auto-update", "--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["UNIT", "CONTAINER", "IMAGE", "POLICY", "UPDATED"],
        "{out}"
    );
    let id = inspect(&env, "web")["Id"].as_str().unwrap()[..12].to_string();
    assert!(lines[1].contains(&format!("{id} (web)")), "{out}");
    assert!(lines[1].ends_with("pending"), "{out}");
}

#[test]
fn a_container_run_by_a_unit_records_the_unit_from_its_environment() {
    let (env, _reg) = busybox_world();
    let mut cmd = env.rcon(&[
        "run",
        "-d",
        "--name",
        "svc",
        "--label",
        "io.containers.autoupdate=registry",
        "docker.io/library/busybox:latest",
        "sleep",
        "1000",
    ]);
    // As the unit `generate systemd` writes sets it (Environment=RCON_SYSTEMD_UNIT=%n).
    cmd.env("RCON_SYSTEMD_UNIT", "container-svc.service");
    let out = run_command(cmd, None, Duration::from_secs(120));
    assert_eq!(out.code, Some(0), "{out}");
    let labels = &inspect(&env, "svc")["Config"]["Labels"];
    assert_eq!(
        labels["PODMAN_SYSTEMD_UNIT"], "container-svc.service",
        "{labels}"
    );
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout.trim(),
        "container-svc.service svc docker.io/library/busybox:latest registry false"
    );
}

#[test]
fn the_local_policy_compares_with_the_image_the_name_has_in_the_store_now() {
    let (env, _reg) = busybox_world();
    run_labelled(
        &env,
        "web",
        &[
            "io.containers.autoupdate=local",
            &format!("PODMAN_SYSTEMD_UNIT={UNIT}"),
        ],
    );
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{UNIT} web docker.io/library/busybox:latest local false")
    );
    // A new image under the container's name, made locally (no registry involved).
    let before = image_id(&env, "busybox");
    env.run_ok(&["commit", "web", "docker.io/library/busybox:latest"]);
    assert_ne!(image_id(&env, "busybox"), before);
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{UNIT} web docker.io/library/busybox:latest local pending")
    );
}

#[test]
fn containers_without_the_label_disabled_or_not_running_are_left_out() {
    let (env, reg) = busybox_world();
    reg.push("library/busybox:latest", &busybox_variant("v2", &["sh"]));
    let unit = format!("PODMAN_SYSTEMD_UNIT={UNIT}");
    run_labelled(&env, "plain", &[&unit]);
    run_labelled(&env, "off", &["io.containers.autoupdate=disabled", &unit]);
    env.run_ok(&[
        "create",
        "--name",
        "idle",
        "--label",
        "io.containers.autoupdate=registry",
        "--label",
        &unit,
        "docker.io/library/busybox:latest",
        "true",
    ]);
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "", "nothing to report: {out}");
    assert_eq!(out.stderr, "", "{out}");
}

#[test]
fn a_container_without_a_unit_is_an_error_and_the_others_are_still_reported() {
    let (env, reg) = busybox_world();
    reg.push("library/busybox:latest", &busybox_variant("v2", &["sh"]));
    run_labelled(&env, "loose", &["io.containers.autoupdate=registry"]);
    run_labelled(
        &env,
        "web",
        &[
            "io.containers.autoupdate=registry",
            &format!("PODMAN_SYSTEMD_UNIT={UNIT}"),
        ],
    );
    let out = auto_update(&env, &["--dry-run"]);
    assert_eq!(out.code, Some(125), "{out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{UNIT} web docker.io/library/busybox:latest registry pending"),
        "{out}"
    );
    let id = inspect(&env, "loose")["Id"].as_str().unwrap()[..12].to_string();
    let line = assert_one_error_line(&out.stderr);
    assert!(
        line.starts_with(&format!(
            "Error: auto-updating container {id}: no PODMAN_SYSTEMD_UNIT label found"
        )),
        "{line}"
    );
}

#[test]
fn a_bad_format_or_flag_is_refused_with_125_before_anything_is_pulled() {
    let (env, reg) = busybox_world();
    reg.push("library/busybox:latest", &busybox_variant("v2", &["sh"]));
    run_labelled(
        &env,
        "web",
        &[
            "io.containers.autoupdate=registry",
            &format!("PODMAN_SYSTEMD_UNIT={UNIT}"),
        ],
    );
    let before = image_id(&env, "busybox");
    for args in [
        &["auto-update", "--format", "{{.Nope}}"][..],
        &["auto-update", "--format", "{{.Unit"],
        &["auto-update", "--rollback=maybe"],
    ] {
        let out = env.run(args);
        assert_eq!(out.code, Some(125), "{args:?}: {out}");
        assert_one_error_line(&out.stderr);
        assert_eq!(out.stdout, "", "{out}");
    }
    assert_eq!(image_id(&env, "busybox"), before, "nothing was pulled");
}

#[test]
fn json_format_carries_every_field() {
    let (env, _reg) = busybox_world();
    run_labelled(
        &env,
        "web",
        &[
            "io.containers.autoupdate=registry",
            &format!("PODMAN_SYSTEMD_UNIT={UNIT}"),
        ],
    );
    let out = env.run_ok(&["auto-update", "--dry-run", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &v[0];
    let id = inspect(&env, "web")["Id"].as_str().unwrap().to_string();
    assert_eq!(row["Unit"], UNIT);
    assert_eq!(row["ContainerID"], id);
    assert_eq!(row["ContainerName"], "web");
    assert_eq!(row["Container"], format!("{} (web)", &id[..12]));
    assert_eq!(row["Image"], "docker.io/library/busybox:latest");
    assert_eq!(row["Policy"], "registry");
    assert_eq!(row["Updated"], "false");
}

/// What contrib/systemd/rcon-restart.service starts: `always` containers, and `unless-stopped`
/// ones the user did not stop, also after a reboot emptied the runroot (the user's stop is
/// kept beside the container's record).
#[test]
fn the_boot_start_takes_always_and_unless_stopped_that_the_user_did_not_stop() {
    let (env, _reg) = busybox_world();
    for (name, policy) in [
        ("always", "always"),
        ("kept", "unless-stopped"),
        ("stopped", "unless-stopped"),
        ("never", "no"),
    ] {
        env.run_ok(&[
            "create",
            "--name",
            name,
            "--restart",
            policy,
            "busybox",
            "sleep",
            "1000",
        ]);
    }
    env.run_ok(&["start", "stopped"]);
    env.run_ok(&["stop", "-t", "0", "stopped"]);
    // A reboot: the runroot (tmpfs) and with it every state.json is gone.
    let runroot = env.user().runtime_dir.join("rcon/containers");
    for e in std::fs::read_dir(&runroot).unwrap() {
        let state = e.unwrap().path().join("state.json");
        if state.exists() {
            std::fs::remove_file(state).unwrap();
        }
    }
    let out = env.run(&[
        "ps",
        "-a",
        "--filter",
        "stopped-by-user=true",
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(out.stdout.trim(), "stopped", "{out}");

    for filters in [
        &["--filter", "restart-policy=always"][..],
        &[
            "--filter",
            "restart-policy=unless-stopped",
            "--filter",
            "stopped-by-user=false",
        ],
    ] {
        let mut args = vec!["start", "--all"];
        args.extend(filters);
        env.run_ok(&args);
    }
    let status = |n: &str| {
        inspect(&env, n)["State"]["Status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("always"), "running");
    assert_eq!(status("kept"), "running");
    // (Its state went with the reboot: it shows as created, as rcon shows such a container.)
    assert_ne!(status("stopped"), "running", "the user's stop holds");
    assert_eq!(status("never"), "created");

    // A start by hand ends the user's stop.
    env.run_ok(&["start", "stopped"]);
    let out = env.run_ok(&[
        "ps",
        "-a",
        "--filter",
        "stopped-by-user=true",
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(out.trim(), "");
    let (code, err) = env.run_fail(&["ps", "--filter", "stopped-by-user=maybe"]);
    assert_eq!(code, 125, "{err}");
}

// ---- the VM: a real systemd user manager ----

fn vm_only() {
    common::vm_only("a systemd user manager for the test user");
}

/// `systemctl --user args` as the test user, against its real manager (linger keeps it up).
fn systemctl(env: &TestEnv, args: &[&str]) -> Output {
    let u = env.user();
    let mut cmd = u.command("systemctl", &[&["--user"][..], args].concat());
    cmd.env("XDG_RUNTIME_DIR", format!("/run/user/{}", u.uid));
    run_command(cmd, None, Duration::from_secs(180))
}

/// The test user's unit folder, made and owned by the user.
fn unit_dir(env: &TestEnv) -> PathBuf {
    let u = env.user();
    let home = PathBuf::from(format!("/home/{}", u.name));
    let dir = home.join(".config/systemd/user");
    std::fs::create_dir_all(&dir).unwrap();
    for d in [
        home.join(".config"),
        home.join(".config/systemd"),
        dir.clone(),
    ] {
        std::os::unix::fs::chown(&d, Some(u.uid), Some(u.gid)).unwrap();
    }
    dir
}

fn install_unit(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let u = env.user();
    let path = unit_dir(env).join(name);
    std::fs::write(&path, text).unwrap();
    std::os::unix::fs::chown(&path, Some(u.uid), Some(u.gid)).unwrap();
    let out = systemctl(env, &["daemon-reload"]);
    assert_eq!(out.code, Some(0), "{out}");
    path
}

fn remove_unit(env: &TestEnv, path: &Path) {
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    systemctl(env, &["stop", &name]);
    systemctl(env, &["reset-failed", &name]);
    let _ = std::fs::remove_file(path);
    systemctl(env, &["daemon-reload"]);
}

/// `rcon --root … --runroot … args`: the store of this test, also inside the units.
fn store_args(env: &TestEnv) -> Vec<String> {
    let u = env.user();
    vec![
        "--root".into(),
        u.data_home.join("rcon").display().to_string(),
        "--runroot".into(),
        u.runtime_dir.join("rcon").display().to_string(),
    ]
}

/// A user unit from `generate systemd --new` running `name` (registry policy) from busybox.
fn web_unit(env: &TestEnv, name: &str) -> (String, PathBuf) {
    let mut args = store_args(env);
    args.extend(
        [
            "create",
            "--name",
            name,
            "--label",
            "io.containers.autoupdate=registry",
            "docker.io/library/busybox:latest",
            "sh",
            "-c",
            "trap 'exit 0' TERM; while :; do sleep 0.2; done",
        ]
        .map(String::from),
    );
    env.run_ok(&args);
    let mut args = store_args(env);
    args.extend(["generate", "systemd", "--new", "--name", name].map(String::from));
    let unit = env.run_ok(&args);
    assert!(unit.contains("Environment=RCON_SYSTEMD_UNIT=%n"), "{unit}");
    let unit_name = format!("container-{name}.service");
    let path = install_unit(env, &unit_name, &unit);
    let out = systemctl(env, &["start", &unit_name]);
    assert_eq!(out.code, Some(0), "{out}");
    (unit_name, path)
}

fn running_image(env: &TestEnv, name: &str) -> String {
    let v = inspect(env, name);
    assert_eq!(v["State"]["Status"], "running", "{}", v["State"]);
    v["Image"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string()
}

/// `rcon auto-update` as the user, able to reach its manager (`systemctl --user`).
fn vm_auto_update(env: &TestEnv, extra: &[&str]) -> Output {
    let mut args = store_args(env);
    args.extend(["auto-update", "--format", FORMAT].map(String::from));
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut cmd = env.rcon(&args);
    cmd.env("XDG_RUNTIME_DIR", format!("/run/user/{}", env.user().uid));
    run_command(cmd, None, Duration::from_secs(600))
}

fn vm_world() -> (TestEnv, Registry) {
    vm_only();
    busybox_world()
}

#[test]
fn vm_auto_update_restarts_the_unit_on_a_newer_registry_image() {
    let (env, reg) = vm_world();
    let (unit, path) = web_unit(&env, "upd");
    let old = running_image(&env, "upd");
    let labels = &inspect(&env, "upd")["Config"]["Labels"];
    assert_eq!(labels["PODMAN_SYSTEMD_UNIT"], unit, "{labels}");

    let new = busybox_variant("v2", &["sh"]);
    reg.push("library/busybox:latest", &new);
    let out = vm_auto_update(&env, &[]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{unit} upd docker.io/library/busybox:latest registry true"),
        "{out}"
    );
    assert_eq!(
        running_image(&env, "upd"),
        new.id(),
        "the unit runs the new image"
    );
    assert_ne!(new.id(), old);
    assert_eq!(image_id(&env, "busybox"), new.id());
    let active = systemctl(&env, &["is-active", &unit]);
    assert_eq!(active.stdout.trim(), "active", "{active}");

    // Up to date now: nothing more to do.
    let out = vm_auto_update(&env, &[]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.trim().ends_with("registry false"), "{out}");
    remove_unit(&env, &path);
}

#[test]
fn vm_auto_update_rolls_a_broken_image_back_and_the_unit_runs_again() {
    let (env, reg) = vm_world();
    let (unit, path) = web_unit(&env, "rb");
    let old = running_image(&env, "rb");

    // The unit's command (`sh -c …`, from the create command) does not exist in the new
    // image: the unit cannot start on it.
    let empty = ImageSpec::oci()
        .layer(
            image::LayerBuilder::new()
                .file("etc/marker", b"broken\n", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .cmd(&["/no/such/entrypoint"])
        .build();
    reg.push("library/busybox:latest", &empty);
    let out = vm_auto_update(&env, &[]);
    assert_eq!(out.code, Some(125), "the failed update is an error: {out}");
    assert_eq!(
        out.stdout.trim(),
        format!("{unit} rb docker.io/library/busybox:latest registry rolled back"),
        "{out}"
    );
    assert!(
        out.stderr
            .contains(&format!("restarting unit {unit} after the update")),
        "{out}"
    );
    assert_eq!(
        running_image(&env, "rb"),
        old,
        "the unit runs the old image again"
    );
    assert_eq!(
        image_id(&env, "busybox"),
        old,
        "the name is the old image's again"
    );
    let active = systemctl(&env, &["is-active", &unit]);
    assert_eq!(active.stdout.trim(), "active", "{active}");

    // Without rollback the unit is left failed and the row says so.
    let out = vm_auto_update(&env, &["--rollback=false"]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stdout.trim().ends_with("registry failed"), "{out}");
    let active = systemctl(&env, &["is-active", &unit]);
    assert_ne!(active.stdout.trim(), "active", "{active}");
    remove_unit(&env, &path);
}

/// rcon-restart.service as contrib/systemd has it, with this test's rcon and store.
fn restart_unit_text(env: &TestEnv) -> String {
    let text = include_str!("../contrib/systemd/rcon-restart.service");
    let rcon = format!(
        "{} {}",
        common::bins().rcon.display(),
        store_args(env).join(" ")
    );
    text.replace("/usr/local/bin/rcon", &rcon)
}

#[test]
fn vm_restart_at_boot_brings_restart_always_containers_back_with_the_user_manager() {
    let (env, _reg) = vm_world();
    let u = env.user();
    let path = install_unit(&env, "rcon-restart.service", &restart_unit_text(&env));
    let out = systemctl(&env, &["enable", "rcon-restart.service"]);
    assert_eq!(out.code, Some(0), "{out}");
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "always",
        "--restart",
        "always",
        "busybox",
        "sleep",
        "1000",
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "kept",
        "--restart",
        "unless-stopped",
        "busybox",
        "sleep",
        "1000",
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "held",
        "--restart",
        "unless-stopped",
        "busybox",
        "sleep",
        "1000",
    ]);
    env.run_ok(&["run", "-d", "--name", "once", "busybox", "sleep", "1000"]);
    env.run_ok(&["stop", "-t", "0", "held"]);
    let pid = |n: &str| inspect(&env, n)["State"]["Pid"].as_i64().unwrap();
    let first = pid("always");

    // The user's manager goes (every process of the user with it, linger keeps the runtime
    // folder) and comes back, as at a reboot with linger on.
    // A reboot also empties the runtime folders (/run is a tmpfs): rcon's volatile state goes
    // while the manager is down, and only what is on disk says what to start.
    let manager = format!("user@{}.service", u.uid);
    for verb in ["stop", "start"] {
        let mut cmd = std::process::Command::new("systemctl");
        cmd.args([verb, &manager]);
        let out = run_command(cmd, None, Duration::from_secs(180));
        assert_eq!(out.code, Some(0), "{verb} {manager}: {out}");
        if verb == "stop" {
            let volatile = u.runtime_dir.join("rcon");
            assert!(
                volatile.join("containers").is_dir(),
                "{}",
                volatile.display()
            );
            std::fs::remove_dir_all(&volatile).unwrap();
        }
    }
    eventually(120, "rcon-restart.service to finish", || {
        systemctl(&env, &["is-active", "rcon-restart.service"])
            .stdout
            .trim()
            == "active"
    });
    let status = |n: &str| {
        inspect(&env, n)["State"]["Status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("always"), "running");
    assert_ne!(pid("always"), first, "a new process: it was started again");
    assert_eq!(status("kept"), "running");
    // Their state went with the runtime folder: not started again is what counts.
    assert_ne!(status("held"), "running", "the user stopped it");
    assert_ne!(status("once"), "running", "no restart policy");

    // Stopping the unit stops the `always` containers.
    let out = systemctl(&env, &["stop", "rcon-restart.service"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(status("always"), "exited");
    systemctl(&env, &["disable", "rcon-restart.service"]);
    remove_unit(&env, &path);
}

#[test]
fn the_registry_policy_needs_a_fully_qualified_image_from_a_registry() {
    let (env, _reg) = busybox_world();
    let label = "io.containers.autoupdate=registry";
    env.run_ok(&[
        "create",
        "--label",
        label,
        "docker.io/library/busybox:latest",
        "true",
    ]);
    env.run_ok(&["tag", "busybox", "shortname:latest"]);
    let (code, err) = env.run_fail(&["create", "--label", label, "shortname:latest", "true"]);
    assert_eq!(code, 125);
    assert_eq!(
        err.trim(),
        "Error: short name: auto updates require fully-qualified image reference: \"shortname:latest\""
    );
    let archive = env.user().home.join("b.tar");
    env.run_ok(&["save", "-o", archive.to_str().unwrap(), "busybox"]);
    let (code, err) = env.run_fail(&[
        "create",
        "--label",
        label,
        &format!("docker-archive:{}", archive.display()),
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("transport \"docker-archive\""), "{err}");
    // The local policy takes any image.
    env.run_ok(&[
        "create",
        "--label",
        "io.containers.autoupdate=local",
        "shortname:latest",
        "true",
    ]);
}
