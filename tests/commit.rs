//! `rcon commit` through the real binary as the unprivileged test users: a container's
//! changes (new, changed and deleted files, a replaced folder, a hardlink, a file of another
//! owner, a setuid file, a fifo, a symlink) become an image that runs with them, on the kernel
//! overlay and on the FUSE overlay, stopped or running; the image's history and layers, its
//! name in `images`, `--change`, reproducible commits, and the errors.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::store::StoreView;
use common::{Registry, TestEnv, TestUser};
use serde_json::Value;

/// `busybox` with `/srv/{keep, old, dir/{x, y}}`, pulled by both users.
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let extra = LayerBuilder::new()
        .dir("srv", 0o755, 0, 0)
        .file("srv/keep", b"kept\n", 0o644, 0, 0)
        .file("srv/old", b"old\n", 0o644, 0, 0)
        .dir("srv/dir", 0o755, 0, 0)
        .file("srv/dir/x", b"x\n", 0o644, 0, 0)
        .file("srv/dir/y", b"y\n", 0o644, 0, 0)
        .build(Compression::Gzip);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(extra)
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    env.write_registries_conf(&reg);
    for user in [env.user(), env.single()] {
        let out = user.run(&["pull", "-q", "busybox"]);
        assert_eq!(out.code, Some(0), "{out}");
    }
    (env, reg)
}

fn ok(user: &TestUser, args: &[&str]) -> String {
    let out = user.run(args);
    assert_eq!(out.code, Some(0), "{out}");
    out.stdout
}

/// What the container changes; `owned` adds a file given to 1000:1000 (multi-uid only).
fn changes(owned: bool) -> String {
    let mut s = String::from(
        "set -e; echo new > /srv/new; echo changed > /srv/keep; rm /srv/old; \
         rm -rf /srv/dir; mkdir /srv/dir; echo z > /srv/dir/z; ln /srv/new /srv/hard; \
         echo '#!/bin/sh' > /srv/suid; chmod 4755 /srv/suid; busybox mkfifo /srv/fifo; \
         ln -s /srv/new /srv/sym; touch /home/user/mark",
    );
    if owned {
        s.push_str("; echo owned > /srv/owned; chown 1000:1000 /srv/owned");
    }
    s
}

/// What the committed image shows of [`changes`], one check a line.
const CHECKS: &str = "cat /srv/new /srv/keep; test -e /srv/old || echo old-gone; ls /srv/dir; \
     test \"$(stat -c %i /srv/new)\" = \"$(stat -c %i /srv/hard)\" && echo hardlinked; \
     stat -c %a /srv/suid; test -p /srv/fifo && echo fifo; readlink /srv/sym; \
     test -e /home/user/mark && echo marked";

const EXPECTED: &str = "new\nchanged\nold-gone\nz\nhardlinked\n4755\nfifo\n/srv/new\nmarked\n";

fn inspect(user: &TestUser, image: &str) -> Value {
    let out = ok(user, &["image", "inspect", image]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v[0].clone()
}

/// Runs [`changes`] in a container on `driver`, commits it as `name`, runs the image.
fn commit_and_check(user: &TestUser, driver: &str, name: &str, owned: bool) {
    let ctr = format!("c-{name}");
    ok(
        user,
        &[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &ctr,
            "busybox",
            "sh",
            "-c",
            &changes(owned),
        ],
    );
    let id = ok(
        user,
        &[
            "commit",
            "-q",
            "-m",
            "the changes",
            "-a",
            "tester",
            &ctr,
            name,
        ],
    );
    let id = id.trim();
    assert_eq!(id.len(), 64, "commit -q prints the image ID: {id:?}");
    let mut checks = CHECKS.to_string();
    if owned {
        checks.push_str("; stat -c %u:%g /srv/owned");
    }
    let seen = ok(user, &["run", "--rm", name, "sh", "-c", &checks]);
    let mut expected = EXPECTED.to_string();
    if owned {
        expected.push_str("1000:1000\n");
    }
    assert_eq!(seen, expected, "{driver}");
    let img = inspect(user, name);
    assert_eq!(img["Id"], id);
    let layers = img["RootFS"]["Layers"].as_array().unwrap();
    assert_eq!(layers.len(), 3, "{img}");
    let history = img["History"].as_array().unwrap();
    let last = history.last().unwrap();
    assert_eq!(last["comment"], "the changes", "{img}");
    assert_eq!(last["author"], "tester", "{img}");
    assert!(
        last["created_by"]
            .as_str()
            .unwrap()
            .starts_with("sh -c set -e"),
        "{img}"
    );
    assert_eq!(img["Author"], "tester");
    // The empty files rcon made as mount points for its /etc files are no change.
    let top = new_layer_dir(user, &img);
    assert!(top.join("srv/new").is_file(), "{}", top.display());
    for f in ["etc/hosts", "etc/hostname", "etc/resolv.conf"] {
        assert!(!top.join(f).exists(), "{f} in the new layer");
    }
    assert_eq!(img["RepoTags"][0], format!("localhost/{name}:latest"));
    // The container's command is the image's, as Podman commits it.
    assert_eq!(img["Config"]["Cmd"][0], "sh");
    ok(user, &["rm", &ctr]);
    StoreView::of(user).assert_consistent();
}

#[test]
fn a_committed_container_runs_as_an_image_with_its_changes() {
    let (env, _reg) = setup();
    let user = env.user();
    commit_and_check(user, "overlay", "kernel", true);
    commit_and_check(user, "fuse-overlay", "fuse", true);
    let listed = ok(user, &["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    for name in ["localhost/kernel:latest", "localhost/fuse:latest"] {
        assert!(listed.lines().any(|l| l == name), "{name} in:\n{listed}");
    }
}

#[test]
fn a_single_uid_commit_keeps_the_recorded_owners() {
    let (env, _reg) = setup();
    let user = env.single();
    commit_and_check(user, "overlay", "single", false);
    // /home/user (1000:1000 in the image) was copied up for the new file: its owner, which a
    // single-uid store records in an xattr, is the one the new layer carries.
    let img = inspect(user, "single");
    let dir = new_layer_dir(user, &img).join("home/user");
    let value = read_xattr(&dir, "user.containers.override_stat");
    assert!(value.starts_with("1000:1000:"), "{value:?}");
}

/// The unpacked tree of an image's top layer, from its inspect JSON.
fn new_layer_dir(user: &TestUser, img: &Value) -> std::path::PathBuf {
    let diff_ids: Vec<String> = img["RootFS"]["Layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let chains = common::store::chain_ids(&diff_ids);
    StoreView::of(user).layer_diff(chains.last().unwrap())
}

/// An extended attribute of `path` (the harness is root: it reads any user's files).
fn read_xattr(path: &std::path::Path, name: &str) -> String {
    use std::os::unix::ffi::OsStrExt;
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    let mut buf = vec![0u8; 256];
    // SAFETY: both strings are NUL-terminated; buf is writable for its length.
    let len =
        unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    assert!(len >= 0, "no xattr {name} on {}", path.display());
    buf.truncate(len as usize);
    String::from_utf8_lossy(&buf).into_owned()
}

#[test]
fn a_running_container_commits_and_changes_take_effect() {
    let (env, _reg) = setup();
    let user = env.user();
    ok(
        user,
        &[
            "run",
            "-d",
            "--name",
            "live",
            "busybox",
            "sh",
            "-c",
            "echo live > /srv/live; rm /srv/old; sleep 300",
        ],
    );
    let mut ready = false;
    for _ in 0..100 {
        let out = user.run(&["exec", "live", "cat", "/srv/live"]);
        if out.code == Some(0) && out.stdout == "live\n" {
            ready = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(ready, "the container never wrote /srv/live");
    let out = user.run(&[
        "commit",
        "-p",
        "-c",
        r#"CMD ["cat", "/srv/live"]"#,
        "-c",
        "ENV GREETING=hello",
        "live",
        "snap",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    // Podman's progress on stderr, the ID alone on stdout.
    assert!(out.stderr.contains("Writing manifest"), "{out}");
    assert_eq!(out.stdout.trim().len(), 64, "{out}");
    assert_eq!(ok(user, &["run", "--rm", "snap"]), "live\n");
    let seen = ok(
        user,
        &[
            "run",
            "--rm",
            "snap",
            "sh",
            "-c",
            "echo $GREETING; test -e /srv/old || echo gone",
        ],
    );
    assert_eq!(seen, "hello\ngone\n");
    // Still running after the commit (thawed).
    ok(user, &["exec", "live", "true"]);
    ok(user, &["rm", "-f", "live"]);
}

#[test]
fn commits_with_a_source_date_epoch_are_reproducible_and_untagged_ones_unnamed() {
    let (env, _reg) = setup();
    let user = env.user();
    ok(
        user,
        &[
            "run",
            "--name",
            "c",
            "busybox",
            "sh",
            "-c",
            "echo a > /srv/a; mkdir /srv/d",
        ],
    );
    let first = ok(
        user,
        &["commit", "-q", "--source-date-epoch", "1700000000", "c"],
    );
    let second = ok(
        user,
        &[
            "commit",
            "-q",
            "--source-date-epoch=1700000000",
            "--format",
            "docker",
            "c",
        ],
    );
    // Same config, same ID (the Docker manifest aside).
    assert_eq!(first, second);
    let img = inspect(user, first.trim());
    assert_eq!(img["Created"], "2023-11-14T22:13:20Z");
    assert!(img["RepoTags"].as_array().unwrap().is_empty(), "{img}");
    assert_eq!(
        img["ManifestType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    let third = ok(user, &["commit", "-q", "c", "named"]);
    assert_ne!(first, third);
    StoreView::of(user).assert_consistent();
    // gc keeps what the committed images use.
    ok(user, &["image", "prune", "-f"]);
    ok(user, &["run", "--rm", "named", "cat", "/srv/a"]);
}

#[test]
fn commit_errors_are_one_line() {
    let (env, _reg) = setup();
    let user = env.user();
    let out = user.run(&["commit", "nosuch", "x"]);
    let line = out.error_125();
    assert!(line.contains("nosuch"), "{line}");
    ok(user, &["create", "--name", "c", "busybox", "true"]);
    let line = user.run(&["commit", "c", "Bad Name"]).error_125();
    assert!(line.contains("Bad Name"), "{line}");
    let line = user.run(&["commit", "-c", "RUN make", "c"]).error_125();
    assert!(line.contains("RUN"), "{line}");
    let line = user.run(&["commit", "--squash", "c"]).error_125();
    assert!(line.contains("--squash"), "{line}");
    ok(
        user,
        &[
            "--storage-driver",
            "vfs",
            "create",
            "--name",
            "v",
            "busybox",
            "true",
        ],
    );
    let line = user.run(&["commit", "v"]).error_125();
    assert!(line.contains("vfs"), "{line}");
    // A container never started commits as an empty layer, and `container commit` is the same.
    let id = ok(user, &["container", "commit", "-q", "c", "empty"]);
    assert_eq!(id.trim().len(), 64);
}
