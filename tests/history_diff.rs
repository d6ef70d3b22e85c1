//! `rcon history` and `rcon diff` through the real binary as the unprivileged test user, beside
//! Podman on the same image pulled from the same loopback registry: the same history table
//! (IDs, CREATED BY cut at 45 characters, sizes from the layers, comments, `<missing>`), the
//! same JSON; the same A/C/D lines for a container that added, changed and deleted files and
//! for an image against its parent; the errors.
mod common;

use common::image::{self, sha256_digest, Compression, Image, ImageSpec, LayerBuilder};
use common::{run_command, Output, Registry, TestEnv};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const PODMAN: &str = "/usr/bin/podman";
const IMAGE: &str = "docker.io/library/hist:latest";

/// `busybox` plus a layer with `/srv/{keep, old, dir/{x, y}}`; a history with empty entries,
/// a comment and a command longer than 45 characters.
fn image() -> Image {
    let extra = LayerBuilder::new()
        .dir("srv", 0o755, 0, 0)
        .file("srv/keep", b"kept\n", 0o644, 0, 0)
        .file("srv/old", b"old\n", 0o644, 0, 0)
        .dir("srv/dir", 0o755, 0, 0)
        .file("srv/dir/x", b"x\n", 0o644, 0, 0)
        .file("srv/dir/y", b"y\n", 0o644, 0, 0)
        .build(Compression::Gzip);
    let spec = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(extra)
        .cmd(&["sh"]);
    let mut config = spec.config_json();
    config["history"] = json!([
        {"created": "2024-01-02T03:04:05Z", "created_by": "/bin/sh -c #(nop) ADD file:0123456789abcdef in / "},
        {"created": "2024-01-02T03:04:06Z", "created_by": "/bin/sh -c #(nop)  CMD [\"sh\"]", "empty_layer": true},
        {"created": "2024-01-03T03:04:05Z", "created_by": "/bin/sh -c mkdir -p /srv/dir && echo kept > /srv/keep && echo old > /srv/old", "comment": "the srv layer"},
        {"created": "2024-01-03T03:04:06Z", "created_by": "/bin/sh -c #(nop) LABEL purpose=history", "empty_layer": true, "comment": "FROM hist"},
    ]);
    with_config(spec.build(), &config)
}

/// `img` with `config` as its config blob (the manifest pointing at it).
fn with_config(mut img: Image, config: &Value) -> Image {
    let bytes = serde_json::to_vec(config).unwrap();
    let digest = sha256_digest(&bytes);
    let mut manifest: Value = serde_json::from_slice(&img.manifest).unwrap();
    manifest["config"]["digest"] = json!(digest);
    manifest["config"]["size"] = json!(bytes.len());
    img.manifest = serde_json::to_vec_pretty(&manifest).unwrap();
    img.manifest_digest = sha256_digest(&img.manifest);
    img.config = bytes;
    img.config_digest = digest;
    img
}

struct World {
    env: TestEnv,
    _reg: Registry,
    image: Image,
}

impl World {
    fn new() -> World {
        let env = TestEnv::new();
        let reg = Registry::start(&env);
        let image = image();
        reg.push("library/hist:latest", &image);
        env.write_registries_conf(&reg);
        env.run_ok(&["pull", "-q", IMAGE]);
        World {
            env,
            _reg: reg,
            image,
        }
    }

    fn rcon(&self, args: &[&str]) -> String {
        self.env.run_ok(args)
    }

    fn podman_dir(&self) -> PathBuf {
        self.env.user().home.join("podman")
    }

    /// `podman` as the test user with its store in the test's home (runc, cgroupfs, file
    /// events: there is no user session); `None` when podman is not installed.
    fn podman(&self, args: &[&str]) -> Option<Output> {
        if !Path::new(PODMAN).exists() {
            eprintln!("SKIPPED the comparison with Podman: {PODMAN} is not installed");
            return None;
        }
        let dir = self.podman_dir();
        let root = dir.join("root").display().to_string();
        let runroot = dir.join("run").display().to_string();
        let mut all: Vec<&str> = vec![
            "--runtime",
            "runc",
            "--root",
            &root,
            "--runroot",
            &runroot,
            "--cgroup-manager",
            "cgroupfs",
            "--events-backend",
            "file",
        ];
        all.extend_from_slice(args);
        let cmd: Command = self.env.user().command(PODMAN, &all);
        Some(run_command(cmd, None, Duration::from_secs(300)))
    }

    fn podman_ok(&self, args: &[&str]) -> Option<String> {
        self.podman(args).map(Output::ok)
    }
}

/// Lines without the trailing blanks Podman's table leaves after an empty last column.
fn trimmed(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim_end().to_string()).collect()
}

#[test]
fn history_lists_the_entries_newest_first_with_layer_sizes() {
    let w = World::new();
    let out = w.rcon(&[
        "history",
        "--format",
        "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}",
        IMAGE,
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with(&format!("{}|", &w.image.id()[..12])),
        "{out}"
    );
    assert_eq!(
        lines[0],
        format!(
            "{}|/bin/sh -c #(nop) LABEL purpose=history|0 B|FROM hist",
            &w.image.id()[..12]
        )
    );
    assert!(
        lines[1].starts_with("<missing>|/bin/sh -c mkdir -p /srv/dir && echo kept ...|"),
        "{out}"
    );
    assert!(lines[1].ends_with("|the srv layer"), "{out}");
    assert!(
        !lines[1].contains("|0 B|"),
        "a layer entry has its layer's size: {out}"
    );
    assert_eq!(lines[2], "<missing>|/bin/sh -c #(nop)  CMD [\"sh\"]|0 B|");
    let q = w.rcon(&["image", "history", "-q", "--no-trunc", IMAGE]);
    assert_eq!(
        q,
        format!("{}\n<missing>\n<missing>\n<missing>\n", w.image.id())
    );
    let out = w.rcon(&["history", "-H=false", "--format", "{{.Created}}", IMAGE]);
    assert_eq!(out.lines().next(), Some("2024-01-03T03:04:06Z"));
}

#[test]
fn history_matches_podmans_for_the_same_image() {
    let w = World::new();
    if w.podman_ok(&["pull", "-q", IMAGE]).is_none() {
        return;
    }
    for args in [
        vec!["history"],
        vec!["history", "--no-trunc"],
        vec!["history", "-H=false"],
        vec!["history", "-q"],
        vec![
            "history",
            "--format",
            "{{.ID}} {{.CreatedBy}} {{.Size}} {{.Comment}}",
        ],
        vec!["history", "--format", "table {{.ID}} {{.Size}}"],
    ] {
        let mut all = args.clone();
        all.push(IMAGE);
        let ours = w.rcon(&all);
        let theirs = w.podman_ok(&all).unwrap();
        assert_eq!(
            trimmed(&ours),
            trimmed(&theirs),
            "rcon {all:?} differs from podman's"
        );
    }
    let ours: Value =
        serde_json::from_str(&w.rcon(&["history", "--format", "json", IMAGE])).unwrap();
    let theirs: Value = serde_json::from_str(
        &w.podman_ok(&["history", "--format", "json", IMAGE])
            .unwrap(),
    )
    .unwrap();
    assert_eq!(ours, theirs);
}

#[test]
fn history_of_an_unknown_image_is_one_error_line() {
    let w = World::new();
    let line = w.env.run(&["history", "nosuch"]).error_125();
    assert!(line.contains("nosuch"), "{line}");
}

/// What the container changes, in rcon's and in Podman's.
const CHANGES: &str =
    "echo new > /srv/new; echo changed > /srv/keep; rm /srv/old; rm -rf /srv/dir; \
     mkdir /srv/dir2; echo z > /srv/dir2/z; echo more >> /etc/passwd";

const EXPECTED: &str = "C /etc\nC /etc/passwd\nC /srv\nD /srv/dir\nA /srv/dir2\nA /srv/dir2/z\n\
                        C /srv/keep\nA /srv/new\nD /srv/old\n";

/// The JSON of a diff with each kind's paths sorted.
fn sorted_kinds(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(obj) = v.as_object_mut() {
        for paths in obj.values_mut() {
            if let Some(a) = paths.as_array_mut() {
                a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
            }
        }
    }
    v
}

fn sorted(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text.lines().map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn diff_of_a_container_lists_added_changed_and_deleted_paths() {
    let w = World::new();
    for driver in ["overlay", "fuse-overlay"] {
        let name = format!("d-{driver}");
        w.rcon(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            IMAGE,
            "sh",
            "-c",
            CHANGES,
        ]);
        assert_eq!(w.rcon(&["diff", &name]), EXPECTED, "{driver}");
        assert_eq!(w.rcon(&["container", "diff", &name]), EXPECTED, "{driver}");
        let json: Value =
            serde_json::from_str(&w.rcon(&["diff", "--format", "json", &name])).unwrap();
        assert_eq!(
            json,
            json!({
                "changed": ["/etc", "/etc/passwd", "/srv", "/srv/keep"],
                "added": ["/srv/dir2", "/srv/dir2/z", "/srv/new"],
                "deleted": ["/srv/dir", "/srv/old"],
            })
        );
        // Against its own image, named: the same.
        assert_eq!(w.rcon(&["diff", &name, IMAGE]), EXPECTED);
    }
}

#[test]
fn diff_of_a_container_matches_podmans() {
    let w = World::new();
    if w.podman_ok(&["pull", "-q", IMAGE]).is_none() {
        return;
    }
    w.rcon(&["run", "--name", "d", IMAGE, "sh", "-c", CHANGES]);
    w.podman_ok(&["run", "--name", "d", IMAGE, "sh", "-c", CHANGES])
        .unwrap();
    let ours = w.rcon(&["diff", "d"]);
    let theirs = w.podman_ok(&["diff", "d"]).unwrap();
    assert_eq!(sorted(&ours), sorted(&theirs));
    // The image against the container: the other way round.
    let ours = w.rcon(&["diff", IMAGE, "d"]);
    let theirs = w.podman_ok(&["diff", IMAGE, "d"]).unwrap();
    assert_eq!(sorted(&ours), sorted(&theirs));
    // Podman lists each kind in its walk's order, rcon sorted: the same sets.
    let ours: Value = serde_json::from_str(&w.rcon(&["diff", "--format", "json", "d"])).unwrap();
    let theirs: Value =
        serde_json::from_str(&w.podman_ok(&["diff", "--format", "json", "d"]).unwrap()).unwrap();
    assert_eq!(ours, sorted_kinds(&theirs));
}

#[test]
fn diff_of_an_image_is_its_top_layer_against_its_parent_as_podman_lists_it() {
    let w = World::new();
    let ours = w.rcon(&["image", "diff", IMAGE]);
    assert_eq!(
        ours,
        "A /srv\nA /srv/dir\nA /srv/dir/x\nA /srv/dir/y\nA /srv/keep\nA /srv/old\n"
    );
    if let Some(theirs) = w
        .podman_ok(&["pull", "-q", IMAGE])
        .and_then(|_| w.podman_ok(&["image", "diff", IMAGE]))
    {
        assert_eq!(sorted(&ours), sorted(&theirs));
    }
}

#[test]
fn diff_refuses_unknown_names_and_vfs_containers() {
    let w = World::new();
    let line = w.env.run(&["diff", "nosuch"]).error_125();
    assert!(line.contains("nosuch"), "{line}");
    let line = w.env.run(&["container", "diff", IMAGE]).error_125();
    assert!(line.contains("no such container"), "{line}");
    w.rcon(&["create", "--name", "c", IMAGE, "true"]);
    // A container never started has changed nothing.
    assert_eq!(w.rcon(&["diff", "c"]), "");
    w.rcon(&[
        "--storage-driver",
        "vfs",
        "create",
        "--name",
        "v",
        IMAGE,
        "true",
    ]);
    let line = w.env.run(&["diff", "v"]).error_125();
    assert!(line.contains("vfs"), "{line}");
}

#[test]
fn diff_of_two_objects_compares_their_trees() {
    let w = World::new();
    w.rcon(&["run", "--name", "d", IMAGE, "sh", "-c", CHANGES]);
    w.rcon(&[
        "run",
        "--name",
        "e",
        IMAGE,
        "sh",
        "-c",
        "echo e > /srv/new; rm /srv/keep",
    ]);
    // The image against the container: every change the other way round (a deleted folder
    // alone, an added one with what it holds, as Podman lists them).
    assert_eq!(
        w.rcon(&["diff", IMAGE, "d"]),
        "C /etc\nC /etc/passwd\nC /srv\nA /srv/dir\nA /srv/dir/x\nA /srv/dir/y\nD /srv/dir2\n\
         C /srv/keep\nD /srv/new\nA /srv/old\n"
    );
    // Two containers of one image: what differs between their writable layers.
    assert_eq!(
        w.rcon(&["diff", "e", "d"]),
        "C /etc\nC /etc/passwd\nC /srv\nA /srv/dir\nA /srv/dir/x\nA /srv/dir/y\nD /srv/dir2\n\
         D /srv/keep\nC /srv/new\nA /srv/old\n"
    );
}

#[test]
fn diff_in_a_single_uid_store_lists_the_same_changes() {
    let w = World::new();
    let single = w.env.single();
    single.run_ok(&["pull", "-q", IMAGE]);
    single.run_ok(&["run", "--name", "d", IMAGE, "sh", "-c", CHANGES]);
    assert_eq!(single.run_ok(&["diff", "d"]), EXPECTED);
    assert_eq!(single.run_ok(&["history", "-q", IMAGE]).lines().count(), 4);
}
