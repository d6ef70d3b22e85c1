//! The container's first process through the real `rcon run` as the test users: masked and
//! read-only paths, the default capabilities, users from the image's passwd (`-u nobody`,
//! `USER 1000`), owners inside the image, no inherited descriptor, `--read-only`, `--tmpfs`,
//! `--init` reaping zombies, 126/127 with Podman's words, mount targets that try to leave the
//! root through symlinks, the vfs driver, and single-uid mode.
mod common;

use common::image::{self, Compression, Image, ImageSpec, LayerBuilder};
use common::{Registry, TestEnv};
use serde_json::Value;

/// An extra layer on top of busybox: an app user (1000) with a file of its own, a non-executable
/// file, and /etc/resolv.conf as a symlink that leads out of the root.
fn app_layer(escape: &str) -> image::Layer {
    LayerBuilder::new()
        .dir("etc", 0o755, 0, 0)
        .file(
            "etc/passwd",
            b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\napp:x:1000:1000:app:/home/app:/bin/sh\n",
            0o644,
            0,
            0,
        )
        .file(
            "etc/group",
            b"root:x:0:\nwheel:x:10:app\nnogroup:x:65534:\napp:x:1000:\n",
            0o644,
            0,
            0,
        )
        .symlink("etc/resolv.conf", &format!("/../../../../../..{escape}/resolv.conf"))
        .dir("home", 0o755, 0, 0)
        .dir("home/app", 0o750, 1000, 1000)
        .file("home/app/owned", b"mine\n", 0o640, 1000, 1000)
        .file("notexec", b"#!/bin/sh\necho no\n", 0o644, 0, 0)
        .build(Compression::Gzip)
}

/// Rewrites the image config (`config.User` and the like) and the manifest that points to it.
fn with_config(img: Image, edit: impl FnOnce(&mut Value)) -> Image {
    let mut config: Value = serde_json::from_slice(&img.config).unwrap();
    edit(&mut config);
    let config = serde_json::to_vec(&config).unwrap();
    let config_digest = image::sha256_digest(&config);
    let mut manifest: Value = serde_json::from_slice(&img.manifest).unwrap();
    manifest["config"]["digest"] = Value::String(config_digest.clone());
    manifest["config"]["size"] = Value::from(config.len());
    let manifest = serde_json::to_vec_pretty(&manifest).unwrap();
    Image {
        manifest_digest: image::sha256_digest(&manifest),
        manifest,
        config,
        config_digest,
        ..img
    }
}

/// A test world with `busybox` (busybox plus [`app_layer`]) and `appimage` (the same with
/// `USER 1000`) pulled for both test users. `escape` is a host folder the image's symlinks aim
/// at.
fn setup() -> (TestEnv, Registry, std::path::PathBuf) {
    let env = TestEnv::new();
    let escape = env.scratch("escape");
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(app_layer(&escape.to_string_lossy()))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    let app = with_config(img, |c| c["config"]["User"] = Value::from("1000"));
    reg.push("library/appimage:latest", &app);
    env.write_registries_conf(&reg);
    (env, reg, escape)
}

fn pull(env: &TestEnv) {
    env.run_ok(&["pull", "-q", "busybox"]);
    env.run_ok(&["pull", "-q", "appimage"]);
}

fn sh(env: &TestEnv, flags: &[&str], script: &str) -> common::Output {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["busybox", "sh", "-c", script]);
    env.run(&args)
}

#[test]
fn masked_paths_are_unreadable_and_read_only_paths_refuse_writes() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = sh(
        &env,
        &[],
        "wc -c < /proc/keys; wc -c < /proc/timer_list; \
         find /proc/acpi /sys/firmware -mindepth 1 | wc -l; \
         (echo 1 > /proc/sys/vm/drop_caches) 2>/dev/null && echo wrote || echo refused; \
         grep -c ' /proc/sys .*ro,' /proc/self/mountinfo",
    );
    assert_eq!(out.code, Some(0), "{out}");
    let lines: Vec<&str> = out.stdout.lines().map(str::trim).collect();
    assert_eq!(lines[..3], ["0", "0", "0"], "{out}");
    assert_eq!(lines[3], "refused", "{out}");
    assert_eq!(lines[4], "1", "{out}");
}

#[test]
fn root_gets_podmans_default_capabilities_and_a_user_none() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = sh(&env, &[], "grep ^Cap /proc/self/status").ok();
    assert!(out.contains("CapEff:\t00000000800405fb"), "{out}");
    assert!(out.contains("CapPrm:\t00000000800405fb"), "{out}");
    assert!(out.contains("CapBnd:\t00000000800405fb"), "{out}");
    assert!(out.contains("CapInh:\t0000000000000000"), "{out}");
    let out = sh(&env, &["-u", "nobody"], "grep ^CapEff /proc/self/status").ok();
    assert!(out.contains("CapEff:\t0000000000000000"), "{out}");
}

#[test]
fn users_come_from_the_images_passwd_and_group() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = sh(&env, &["-u", "nobody"], "id; echo $HOME").ok();
    assert_eq!(
        out,
        "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n/nonexistent\n"
    );
    let out = sh(&env, &["-u", "app"], "id").ok();
    assert_eq!(
        out,
        "uid=1000(app) gid=1000(app) groups=10(wheel),1000(app)\n"
    );
    let out = sh(&env, &["-u", "4242:4343"], "id -u; id -g").ok();
    assert_eq!(out, "4242\n4343\n", "numeric ids need no passwd entry");
    let out = env.run(&[
        "run",
        "--rm",
        "appimage",
        "sh",
        "-c",
        "id -u; cat /home/app/owned",
    ]);
    assert_eq!(out.ok(), "1000\nmine\n", "the image's USER 1000");
    let out = env.run(&["run", "--rm", "-u", "ghost", "busybox", "true"]);
    let line = out.error_125();
    assert!(line.contains("unable to find user ghost"), "{line}");
}

#[test]
fn a_file_owned_by_1000_in_the_image_shows_as_1000_inside() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = sh(&env, &[], "stat -c '%u:%g %a' /home/app/owned /home/app").ok();
    assert_eq!(out, "1000:1000 640\n1000:1000 750\n");
}

#[test]
fn no_descriptor_of_rcon_reaches_the_container() {
    let (env, _reg, _) = setup();
    pull(&env);
    // 3 is ls's own listing of the folder.
    let out = sh(&env, &[], "ls /proc/self/fd").ok();
    assert_eq!(out, "0\n1\n2\n3\n");
    let out = sh(&env, &["-d"], "ls /proc/self/fd; sleep 0.2");
    let id = out.ok();
    env.run_ok(&["wait", id.trim()]);
}

#[test]
fn read_only_root_refuses_writes_but_keeps_tmpfs_writable() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = sh(
        &env,
        &["--read-only"],
        "touch /x 2>/dev/null && echo root-writable; touch /tmp/y && echo tmp-ok",
    );
    assert_eq!(out.ok(), "tmp-ok\n");
    let out = sh(
        &env,
        &["--tmpfs", "/scratch:size=1m,mode=0700"],
        "touch /scratch/f && stat -c %a /scratch && grep ' /scratch ' /proc/self/mountinfo | grep -c tmpfs",
    );
    assert_eq!(out.ok(), "700\n1\n");
}

#[test]
fn init_reaps_zombies_and_passes_the_exit_code() {
    let (env, _reg, _) = setup();
    pull(&env);
    // The inner shell leaves an orphan that exits while the outer shell sleeps: only a
    // reaping PID 1 keeps it from staying a zombie.
    let script = "sh -c 'sleep 0.2 & exec true'; sleep 1; ps -o pid,stat,comm; exit 5";
    let out = sh(&env, &["--init"], script);
    assert_eq!(out.code, Some(5), "{out}");
    assert!(!out.stdout.contains(" Z "), "a zombie stayed:\n{out}");
    let pid1 = out.stdout.lines().nth(1).unwrap_or_default();
    assert!(
        pid1.trim().starts_with("1 ") && pid1.contains("rcon-init"),
        "{out}"
    );
}

#[test]
fn missing_and_non_executable_commands_get_127_and_126() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = env.run(&["run", "--rm", "busybox", "nosuchcmd"]);
    assert_eq!(out.code, Some(127), "{out}");
    let line = common::assert_one_error_line(&out.stderr);
    assert!(
        line.contains("executable file `nosuchcmd` not found in $PATH: no such file or directory"),
        "{line}"
    );
    let out = env.run(&["run", "--rm", "busybox", "/notexec"]);
    assert_eq!(out.code, Some(126), "{out}");
    let line = common::assert_one_error_line(&out.stderr);
    assert!(line.contains("permission denied"), "{line}");
    let out = env.run(&["run", "--rm", "--init", "busybox", "nosuchcmd"]);
    assert_eq!(out.code, Some(127), "with --init too: {out}");
}

#[test]
fn mount_targets_never_follow_symlinks_out_of_the_root() {
    let (env, _reg, escape) = setup();
    pull(&env);
    // A --workdir the image lacks must be a mount's (Podman's rule): made inside the root.
    let out = sh(
        &env,
        &["-w", "/work/here", "--tmpfs", "/work/here"],
        "pwd; cat /etc/resolv.conf >/dev/null && echo ok",
    )
    .ok();
    assert_eq!(out, "/work/here\nok\n");
    assert!(
        std::fs::read_dir(&escape).unwrap().next().is_none(),
        "something was made outside the root in {}",
        escape.display()
    );
}

#[test]
fn the_vfs_driver_runs_the_same_image() {
    let (env, _reg, _) = setup();
    pull(&env);
    let out = env.run(&[
        "--storage-driver",
        "vfs",
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "stat -c %u /home/app/owned; touch /new && echo written",
    ]);
    assert_eq!(out.ok(), "1000\nwritten\n");
}

#[test]
fn single_uid_mode_runs_a_root_only_image_with_one_warning() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    env.write_registries_conf(&reg);
    env.single().run_ok(&["pull", "-q", "busybox"]);
    let out = env.single().run(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "id -u; grep ^CapEff /proc/self/status",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "0\nCapEff:\t00000000800405fb\n", "{out}");
    let warnings = out
        .stderr
        .lines()
        .filter(|l| l.contains("single-uid"))
        .count();
    assert_eq!(warnings, 1, "exactly one single-uid warning:\n{out}");
    let out = env
        .single()
        .run(&["run", "--rm", "-u", "1000", "busybox", "true"]);
    let line = out.error_125();
    assert!(
        line.contains("user 1000") && line.contains("single-uid"),
        "{line}"
    );
}
