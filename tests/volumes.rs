//! Bind mounts, volumes and tmpfs through the real binary as the unprivileged test users:
//! `-v` (rw, ro, U, O), `--mount` (bind, volume, tmpfs, image), named and anonymous volumes
//! that outlive their containers, copy-up of image content with its owners, image `VOLUME`s,
//! `--volumes-from`, `--read-only` beside writable volumes, the `volume` commands and their
//! removal rules, and a missing bind source.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::{Registry, TestEnv, TestUser};
use serde_json::Value;
use std::os::unix::fs::MetadataExt;

/// A test world with `busybox` and `withdata` (busybox plus `/data` owned by 1000:1000 with a
/// file in it, and a `VOLUME /cache`) pulled by both users.
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let busybox = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &busybox);
    let data = LayerBuilder::new()
        .dir("data", 0o750, 1000, 1000)
        .file("data/seed", b"from the image\n", 0o640, 1000, 1000)
        .dir("cache", 0o755, 0, 0)
        .file("cache/warm", b"warm\n", 0o644, 0, 0)
        .build(Compression::Gzip);
    let withdata = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(data)
        .volume("/cache")
        .cmd(&["sh"])
        .build();
    reg.push("library/withdata:latest", &withdata);
    env.write_registries_conf(&reg);
    for user in [env.user(), env.single()] {
        for img in ["busybox", "withdata"] {
            let out = user.run(&["pull", "-q", img]);
            assert_eq!(out.code, Some(0), "{out}");
        }
    }
    (env, reg)
}

fn users(env: &TestEnv) -> [&TestUser; 2] {
    [env.user(), env.single()]
}

/// `line` split at spaces: a command line without quoting.
fn words(line: &str) -> Vec<&str> {
    line.split(' ').collect()
}

fn ok(user: &TestUser, args: &[&str]) -> String {
    let out = user.run(args);
    assert_eq!(out.code, Some(0), "{out}");
    out.stdout
}

#[test]
fn bind_mounts_read_write_and_read_only() {
    let (env, _reg) = setup();
    for user in users(&env) {
        let dir = user.home.join("share");
        user.write_file(dir.join("in.txt"), "hello from the host\n");
        let rw = format!("{}:/mnt", dir.display());
        let out = ok(
            user,
            &[
                "run",
                "--rm",
                "-v",
                &rw,
                "busybox",
                "sh",
                "-c",
                "cat /mnt/in.txt; echo back > /mnt/out.txt",
            ],
        );
        assert_eq!(out, "hello from the host\n");
        assert_eq!(
            std::fs::read_to_string(dir.join("out.txt")).unwrap(),
            "back\n"
        );
        let meta = std::fs::metadata(dir.join("out.txt")).unwrap();
        assert_eq!(
            meta.uid(),
            user.uid,
            "root in the container is the user on the host"
        );

        let ro = format!("{}:/mnt:ro", dir.display());
        let out = user.run(&[
            "run",
            "--rm",
            "-v",
            &ro,
            "busybox",
            "sh",
            "-c",
            "cat /mnt/in.txt && touch /mnt/new",
        ]);
        assert_eq!(out.code, Some(1), "{out}");
        assert!(out.stdout.contains("hello"), "{out}");
        assert!(out.stderr.contains("Read-only file system"), "{out}");
        assert!(!dir.join("new").exists());

        // --mount with Docker's keys, a single file as the source.
        let m = format!(
            "type=bind,src={},dst=/etc/motd,readonly",
            dir.join("in.txt").display()
        );
        let out = ok(
            user,
            &["run", "--rm", "--mount", &m, "busybox", "cat", "/etc/motd"],
        );
        assert_eq!(out, "hello from the host\n");
    }
}

#[test]
fn a_missing_bind_source_is_an_error_and_is_not_created() {
    let (env, _reg) = setup();
    let missing = env.user().home.join("nope/deeper");
    let v = format!("{}:/x", missing.display());
    let line = env
        .run(&["run", "--rm", "-v", &v, "busybox", "true"])
        .error_125();
    assert!(line.contains(&missing.display().to_string()), "{line}");
    assert!(!missing.exists() && !missing.parent().unwrap().exists());
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "", "nothing half-made");
    for bad in ["relative:x", "/a:/b:ro,rw", "/a:/b:bogus"] {
        env.run(&["run", "--rm", "-v", bad, "busybox", "true"])
            .error_125();
    }
    env.run(&[
        "run",
        "--rm",
        "--mount",
        "type=nfs,dst=/x",
        "busybox",
        "true",
    ])
    .error_125();
}

#[test]
fn named_volume_is_filled_from_the_image_and_persists() {
    let (env, _reg) = setup();
    for user in users(&env) {
        let out = ok(
            user,
            &[
                "run",
                "--rm",
                "-v",
                "store:/data",
                "withdata",
                "sh",
                "-c",
                "stat -c '%u:%g %a' /data /data/seed; cat /data/seed; echo kept > /data/new",
            ],
        );
        let expect_owner = if user.subuid_base().is_some() {
            "1000:1000"
        } else {
            "0:0"
        };
        // The single-id store keeps every file as root (the image's owners cannot be mapped).
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], format!("{expect_owner} 750"), "{out}");
        assert_eq!(lines[1], format!("{expect_owner} 640"), "{out}");
        assert_eq!(lines[2], "from the image");
        let out = ok(
            user,
            &[
                "run",
                "--rm",
                "-v",
                "store:/elsewhere",
                "busybox",
                "cat",
                "/elsewhere/new",
                "/elsewhere/seed",
            ],
        );
        assert_eq!(out, "kept\nfrom the image\n");
        let inspect: Value =
            serde_json::from_str(&ok(user, &["volume", "inspect", "store"])).unwrap();
        assert_eq!(inspect[0]["Name"], "store");
        assert_eq!(inspect[0]["NeedsCopyUp"], false);
        let mountpoint = inspect[0]["Mountpoint"].as_str().unwrap().to_string();
        assert!(
            mountpoint.ends_with("rcon/volumes/store/_data"),
            "{mountpoint}"
        );
        if let Some(base) = user.subuid_base() {
            let meta = std::fs::metadata(format!("{mountpoint}/seed")).unwrap();
            assert_eq!(
                meta.uid(),
                base + 999,
                "uid 1000 inside is subordinate id {}",
                base + 999
            );
        }
        assert_eq!(ok(user, &["volume", "ls", "-q"]), "store\n");
    }
}

#[test]
fn anonymous_and_image_volumes_go_with_rm_v_only() {
    let (env, _reg) = setup();
    // The image's VOLUME /cache and an explicit anonymous volume.
    let out = env.run_ok(&[
        "run",
        "--name",
        "a",
        "-v",
        "/scratch",
        "withdata",
        "sh",
        "-c",
        "cat /cache/warm; echo x > /scratch/f",
    ]);
    assert_eq!(out, "warm\n");
    let vols = env.run_ok(&["volume", "ls", "-q"]);
    assert_eq!(vols.lines().count(), 2, "{vols}");
    let rows = env.run_ok(&["volume", "ls", "--noheading"]);
    assert_eq!(rows.lines().count(), 2, "no header line: {rows}");
    assert!(rows.lines().all(|l| l.starts_with("local ")), "{rows}");
    let c: Value = serde_json::from_str(&env.run_ok(&["inspect", "a"])).unwrap();
    let mounts = c[0]["Mounts"].as_array().unwrap();
    let mut dests: Vec<&str> = mounts
        .iter()
        .map(|m| m["Destination"].as_str().unwrap())
        .collect();
    dests.sort();
    assert_eq!(dests, ["/cache", "/scratch"]);
    assert!(mounts.iter().all(|m| m["Type"] == "volume"));
    env.run_ok(&["rm", "-v", "a"]);
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]), "");

    // Without -v they stay; a named volume is never removed by rm -v.
    env.run_ok(&["run", "--name", "b", "-v", "keep:/k", "withdata", "true"]);
    env.run_ok(&["rm", "b"]);
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]).lines().count(), 2);
    env.run_ok(&["run", "--name", "c", "-v", "keep:/k", "busybox", "true"]);
    env.run_ok(&["rm", "-v", "c"]);
    assert!(env.run_ok(&["volume", "ls", "-q"]).contains("keep\n"));
    // --rm takes the anonymous volumes along.
    env.run_ok(&["volume", "prune", "-f"]);
    env.run_ok(&["run", "--rm", "withdata", "true"]);
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]), "");
}

#[test]
fn tmpfs_mounts_and_volumes_keep_their_size_limit() {
    let (env, _reg) = setup();
    for user in users(&env) {
        let out = user.run(&[
            "run",
            "--rm",
            "--mount",
            "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770",
            "busybox",
            "sh",
            "-c",
            "stat -c %a /t; dd if=/dev/zero of=/t/f bs=1k count=2048",
        ]);
        assert_eq!(out.code, Some(1), "{out}");
        assert!(out.stdout.starts_with("1770\n"), "{out}");
        assert!(out.stderr.contains("No space left"), "{out}");
        ok(
            user,
            &[
                "volume",
                "create",
                "--opt",
                "type=tmpfs",
                "--opt",
                "device=tmpfs",
                "--opt",
                "o=size=512k",
                "--label",
                "kind=mem",
                "mem",
            ],
        );
        let out = user.run(&[
            "run",
            "--rm",
            "-v",
            "mem:/m",
            "busybox",
            "sh",
            "-c",
            "dd if=/dev/zero of=/m/f bs=1k count=1024",
        ]);
        assert_eq!(out.code, Some(1), "{out}");
        assert!(out.stderr.contains("No space left"), "{out}");
        let fmt = ok(
            user,
            &[
                "volume",
                "ls",
                "--filter",
                "label=kind=mem",
                "--format",
                "{{.Name}} {{.Options.type}} {{.Labels.kind}}",
            ],
        );
        assert_eq!(fmt, "mem tmpfs mem\n");
    }
}

#[test]
fn u_gives_the_source_to_the_containers_user() {
    let (env, _reg) = setup();
    let user = env.user();
    let dir = user.home.join("owned");
    user.write_file(dir.join("f"), "x");
    let v = format!("{}:/w:U", dir.display());
    let out = env.run_ok(&[
        "run",
        "--rm",
        "-u",
        "1000:1000",
        "-v",
        &v,
        "busybox",
        "sh",
        "-c",
        "stat -c %u:%g /w /w/f; touch /w/made",
    ]);
    assert_eq!(out, "1000:1000\n1000:1000\n");
    let base = user.subuid_base().unwrap();
    for p in [dir.clone(), dir.join("f"), dir.join("made")] {
        let meta = std::fs::metadata(&p).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (base + 999, user.subgid_base().unwrap() + 999),
            "{}",
            p.display()
        );
    }
    // With only one id, U to root works and another user is refused with the reason.
    let single = env.single();
    let sdir = single.home.join("owned");
    single.write_file(sdir.join("f"), "x");
    let v = format!("{}:/w:U", sdir.display());
    ok(single, &["run", "--rm", "-v", &v, "busybox", "true"]);
    let out = single.run(&["run", "--rm", "-u", "1000", "-v", &v, "busybox", "true"]);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("U"), "{out}");
}

#[test]
fn volumes_from_shares_volumes_and_binds() {
    let (env, _reg) = setup();
    let user = env.user();
    let dir = user.home.join("b");
    user.write_file(dir.join("f"), "bound\n");
    let bind = format!("{}:/b", dir.display());
    env.run_ok(&[
        "create",
        "--name",
        "src",
        "-v",
        "shared:/s",
        "-v",
        &bind,
        "busybox",
        "true",
    ]);
    env.run_ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "src",
        "busybox",
        "sh",
        "-c",
        "echo hi > /s/x",
    ]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "src:ro",
        "busybox",
        "sh",
        "-c",
        "cat /s/x /b/f; touch /s/y || echo refused",
    ]);
    assert_eq!(out, "hi\nbound\nrefused\n");
    env.run(&["run", "--rm", "--volumes-from", "nosuch", "busybox", "true"])
        .error_125();
}

#[test]
fn read_only_root_keeps_volumes_and_tmpfs_writable() {
    let (env, _reg) = setup();
    for user in users(&env) {
        let out = ok(
            user,
            &[
                "run", "--rm", "--read-only", "-v", "rw:/data", "--tmpfs", "/scratch", "busybox", "sh", "-c",
                "touch /data/a /scratch/b /tmp/c && echo writable; touch /root-file || echo refused",
            ],
        );
        assert_eq!(out, "writable\nrefused\n");
        let out = user.run(&[
            "run",
            "--rm",
            "--read-only",
            "--read-only-tmpfs=false",
            "busybox",
            "touch",
            "/tmp/c",
        ]);
        assert_eq!(out.code, Some(1), "{out}");
    }
}

#[test]
fn volume_removal_rules() {
    let (env, _reg) = setup();
    assert_eq!(
        env.run_ok(&["volume", "create", "--label", "a=b", "v1"]),
        "v1\n"
    );
    let line = env.run(&["volume", "create", "v1"]).error_125();
    assert!(line.contains("already exists"), "{line}");
    assert_eq!(env.run_ok(&["volume", "create", "--ignore", "v1"]), "v1\n");
    env.run(&["volume", "create", "bad/name"]).error_125();
    env.run(&["volume", "create", "-o", "type=nfs", "x"])
        .error_125();
    assert_eq!(env.user().run(&["volume", "exists", "v1"]).code, Some(0));
    assert_eq!(env.user().run(&["volume", "exists", "v9"]).code, Some(1));
    env.run_ok(&["create", "--name", "user", "-v", "v1:/v", "busybox", "true"]);
    let (code, err) = env.run_fail(&["volume", "rm", "v1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("user"), "{err}");
    let (code, _) = env.run_fail(&["volume", "rm", "nosuch"]);
    assert_eq!(code, 1);
    // prune leaves volumes in use alone.
    env.run_ok(&["volume", "create", "loose"]);
    assert_eq!(env.run_ok(&["volume", "prune", "-f"]), "loose\n");
    assert_eq!(
        env.run_ok(&["volume", "ls", "--filter", "dangling=false", "-q"]),
        "v1\n"
    );
    // -f removes the container that uses it, then the volume.
    assert_eq!(env.run_ok(&["volume", "rm", "-f", "v1"]), "v1\n");
    assert_eq!(env.run_ok(&["ps", "-aq"]), "");
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]), "");
    // -f -t N gives a running user its stop signal and N seconds first: its TERM trap runs.
    let user = env.user();
    let out = user.home.join("out");
    user.write_file(out.join("keep"), "");
    let bind = format!("{}:/out", out.display());
    let trap = "trap 'echo bye > /out/bye; exit 0' TERM; echo ready > /out/ready; \
                while :; do sleep 0.1; done";
    env.run_ok(
        &[
            "run", "-d", "--name", "busy", "-v", "v2:/v", "-v", &bind, "busybox",
        ]
        .into_iter()
        .chain(["sh", "-c", trap])
        .collect::<Vec<_>>(),
    );
    common::world::eventually(20, "the trap to be set", || out.join("ready").exists());
    assert_eq!(
        env.run_ok(&["volume", "rm", "-f", "-t", "10", "v2"]),
        "v2\n"
    );
    assert!(
        out.join("bye").exists(),
        "the container was not given its TERM"
    );
    assert_eq!(env.run_ok(&["ps", "-aq"]), "");
}

#[test]
fn overlay_and_image_mounts() {
    let (env, _reg) = setup();
    let user = env.user();
    let dir = user.home.join("lower");
    user.write_file(dir.join("f"), "orig\n");
    let v = format!("{}:/o:O", dir.display());
    let out = env.run_ok(&[
        "run",
        "--rm",
        "-v",
        &v,
        "busybox",
        "sh",
        "-c",
        "echo changed > /o/f; cat /o/f",
    ]);
    assert_eq!(out, "changed\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("f")).unwrap(),
        "orig\n",
        "the host folder is untouched"
    );
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--mount",
        "type=image,source=withdata,target=/img",
        "busybox",
        "sh",
        "-c",
        "cat /img/cache/warm; touch /img/x || echo ro",
    ]);
    assert_eq!(out, "warm\nro\n");
}

#[test]
fn mount_targets_through_image_symlinks_stay_inside_the_root() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let user = env.user();
    // The image points /escape and /abs at a host folder, through `..` and absolutely.
    let host = user.home.join("host-target");
    user.mkdirs(&host);
    let h = host.display().to_string();
    let links = LayerBuilder::new()
        .symlink("escape", &format!("../../../../../../..{h}"))
        .symlink("abs", &h)
        .build(Compression::Gzip);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(links)
        .cmd(&["sh"])
        .build();
    reg.push("library/links:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "links"]);
    let src = user.home.join("src");
    user.write_file(src.join("f"), "mounted\n");
    for dest in ["/escape/x", "/abs/y"] {
        let v = format!("{}:{dest}", src.display());
        let out = env.run_ok(&[
            "run",
            "--rm",
            "-v",
            &v,
            "links",
            "cat",
            &format!("{dest}/f"),
            &format!("{h}/{}/f", &dest[dest.len() - 1..]),
        ]);
        assert_eq!(
            out, "mounted\nmounted\n",
            "the mount is inside the root, at the link's target"
        );
    }
    assert_eq!(
        std::fs::read_dir(&host).unwrap().count(),
        0,
        "nothing made on the host"
    );
}

/// Podman's rules the system tests hold rcon to: the same mount given twice is one mount, two
/// on one destination are refused naming it; `volume ls --filter name=` is a regular
/// expression; `volume rm` of a missing volume exits 1 (silent with --force).
#[test]
fn duplicate_mounts_name_regex_and_rm_of_a_missing_volume() {
    let (env, _reg) = common::world::busybox_world();
    env.run_ok(&[
        "run", "--rm", "-v", "v1:/vol1", "-v", "v1:/vol1", "--tmpfs", "/t", "--tmpfs", "/t",
        "busybox", "true",
    ]);
    let line = env
        .run(&[
            "run", "--rm", "-v", "v1:/vol1", "-v", "v2:/vol1", "busybox", "true",
        ])
        .error_125();
    assert!(
        line.starts_with("Error: /vol1: duplicate mount destination"),
        "{line}"
    );
    env.run_ok(&["volume", "create", "volume_1_a"]);
    env.run_ok(&["volume", "create", "volume_12"]);
    let out = env.run_ok(&["volume", "ls", "-q", "--filter", "name=volume_1.+"]);
    let mut names: Vec<&str> = out.lines().collect();
    names.sort();
    assert_eq!(names, ["volume_12", "volume_1_a"], "{out}");
    let out = env.run_ok(&["volume", "ls", "-q", "--filter", "name=^volume_1_"]);
    assert_eq!(out.trim(), "volume_1_a");
    let out = env.run(&["volume", "rm", "bogus"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stderr.contains("no such volume"), "{out}");
    let out = env.run(&["volume", "rm", "--force", "bogus"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (Some(0), "", "")
    );
}

/// `volume export` writes the data as containers see it, `volume import` unpacks a tar into
/// another volume; a volume that does not exist is one line and 125; an archive entry that
/// climbs out of the volume goes nowhere outside it.
#[test]
fn volume_export_and_import_move_data_between_volumes() {
    let (env, _reg) = common::world::busybox_world();
    env.run_ok(&[
        "run",
        "--rm",
        "-v",
        "src:/v",
        "busybox",
        "sh",
        "-c",
        "echo hello > /v/a && mkdir /v/d && echo deep > /v/d/b && chown 1000:1000 /v/d/b",
    ]);
    let tar = env.user().home.join("v.tar");
    let t = tar.to_str().unwrap();
    env.run_ok(&["volume", "export", "-o", t, "src"]);
    env.run_ok(&["volume", "create", "dst"]);
    env.run_ok(&["volume", "import", "dst", t]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "-v",
        "dst:/v",
        "busybox",
        "sh",
        "-c",
        "cat /v/a /v/d/b; stat -c %u /v/d/b",
    ]);
    assert_eq!(out, "hello\ndeep\n1000\n");
    let line = env
        .run(&["volume", "export", "-o", t, "nosuch"])
        .error_125();
    assert!(line.contains("nosuch"), "{line}");
    let line = env.run(&["volume", "import", "nosuch", t]).error_125();
    assert!(line.contains("nosuch"), "{line}");
    // A hostile archive: an entry naming ../escape stays inside the volume, or is refused.
    let evil = env.user().home.join("evil.tar");
    let mut h = tar::Header::new_gnu();
    // The tar crate refuses `..` in a path it is given: the name goes into the header as is.
    let name = b"../../escape";
    h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name);
    h.set_size(4);
    h.set_mode(0o644);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    let mut b = tar::Builder::new(Vec::new());
    b.append(&h, &b"boom"[..]).unwrap();
    std::fs::write(&evil, b.into_inner().unwrap()).unwrap();
    let _ = std::process::Command::new("chmod")
        .arg("644")
        .arg(&evil)
        .status();
    let out = env.run(&["volume", "import", "dst", evil.to_str().unwrap()]);
    assert!(out.code == Some(0) || out.code == Some(125), "{out}");
    let home = env.user().home.clone();
    assert!(!home.join("escape").exists());
    assert!(!env.user().data_home.join("rcon/escape").exists());
}

/// `volume prune` asks with the list of what would go (stdin's answer, none when stdin has
/// none); copy-up waits for a mount point where the image has content; a `type=bind` volume
/// needs an existing device folder; `volume mount` prints where the data is.
#[test]
fn prune_lists_copy_up_waits_bind_volumes_and_mount() {
    let (env, _reg) = setup();
    for v in ["used", "spare"] {
        env.run_ok(&["volume", "create", v]);
    }
    env.run_ok(&["create", "-v", "used:/u", "busybox", "true"]);
    let out = env.run_stdin(&["volume", "prune"], b"N\n");
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""), "{out}");
    let listed: Vec<&str> = out.stderr.lines().skip(1).take(1).collect();
    assert_eq!(listed, ["spare"], "the question lists what would go: {out}");
    assert_eq!(env.run_ok(&["volume", "ls", "-q"]), "spare\nused\n");
    let out = env.run_stdin(&["volume", "prune"], b"y\n");
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (Some(0), "spare\n"),
        "{out}"
    );
    // Nothing at /nothere in the image: still waiting for content; /cache has some.
    let inspect = |field: &str| {
        let f = format!("{{{{.{field}}}}}");
        env.run_ok(&["volume", "inspect", "--format", &f, "cu"])
    };
    env.run_ok(&["volume", "create", "cu"]);
    env.run_ok(&["run", "--rm", "-v", "cu:/nothere", "withdata", "true"]);
    assert_eq!(
        (inspect("NeedsCopyUp"), inspect("NeedsChown")),
        ("true\n".into(), "false\n".into())
    );
    env.run_ok(&["run", "--rm", "-v", "cu:/cache", "withdata", "true"]);
    assert_eq!(inspect("NeedsCopyUp"), "false\n");
    let data = inspect("Mountpoint");
    assert_eq!(
        std::fs::read_to_string(format!("{}/warm", data.trim())).unwrap(),
        "warm\n"
    );
    assert_eq!(env.run_ok(&["volume", "mount", "cu"]), data);
    assert_eq!(env.run_ok(&["volume", "unmount", "cu"]), "cu\n");
    env.run_ok(&["volume", "create", "-o", "type=tmpfs", "t"]);
    env.run(&["volume", "mount", "t"]).error_125();
    // type=bind: the device must exist, and is what containers see.
    let line = env
        .run(&words(
            "volume create -o type=bind -o device=/no/such/dir b",
        ))
        .error_125();
    assert!(line.contains("/no/such/dir"), "{line}");
    let user = env.user();
    let dir = user.home.join("bound");
    user.write_file(dir.join("f"), "bound\n");
    let device = format!("device={}", dir.display());
    env.run_ok(&["volume", "create", "-o", "type=bind", "-o", &device, "b"]);
    assert_eq!(
        env.run_ok(&["run", "--rm", "-v", "b:/b", "busybox", "cat", "/b/f"]),
        "bound\n"
    );
}

/// `--image-volume` (and containers.conf's `image_volume_mode`): an image's VOLUME becomes an
/// anonymous volume, a tmpfs, or nothing.
#[test]
fn image_volume_bind_tmpfs_or_ignore() {
    let (env, _reg) = setup();
    let user = env.user();
    let fs_of = |extra: &[&str], conf: Option<&std::path::Path>| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend([
            "withdata",
            "sh",
            "-c",
            "stat -f -c %T /cache; cat /cache/warm 2>/dev/null; true",
        ]);
        let mut cmd = user.rcon(&args);
        if let Some(c) = conf {
            cmd.env("CONTAINERS_CONF", c);
        }
        let out = common::run_command(cmd, None, common::DEFAULT_TIMEOUT);
        assert_eq!(out.code, Some(0), "{out}");
        out.stdout
    };
    assert_eq!(
        fs_of(&["--image-volume", "tmpfs"], None),
        "tmpfs\n",
        "a fresh tmpfs, empty"
    );
    let kept = fs_of(&["--image-volume", "ignore"], None);
    assert!(
        kept.ends_with("warm\n") && !kept.starts_with("tmpfs"),
        "{kept}"
    );
    assert_eq!(
        env.run_ok(&["volume", "ls", "-q"]),
        "",
        "no volume for ignore or tmpfs"
    );
    let conf = user.write_file(
        user.home.join("iv.conf"),
        "[engine]\nimage_volume_mode=\"tmpfs\"\n",
    );
    assert_eq!(fs_of(&[], Some(&conf)), "tmpfs\n");
    let bind = fs_of(&["--image-volume", "bind"], Some(&conf));
    assert!(
        bind.ends_with("warm\n") && !bind.starts_with("tmpfs"),
        "{bind}"
    );
    env.run(&["run", "--rm", "--image-volume", "nfs", "withdata", "true"])
        .error_125();
}

/// An implicit volume of a keep-id container is the user's, inside and on the host; `U` leaves
/// a source whose top has the container's owner already as it is.
#[test]
fn keep_id_volumes_are_writable_and_u_skips_an_owned_source() {
    let (env, _reg) = setup();
    let user = env.user();
    let run = "run --rm -v kv:/kv --userns=keep-id busybox sh -c";
    let script = "touch /kv/mine && stat -c %u /kv/mine";
    let out = env.run_ok(&words(run).into_iter().chain([script]).collect::<Vec<_>>());
    assert_eq!(out.trim(), user.uid.to_string());
    let data = env.run_ok(&["volume", "inspect", "--format", "{{.Mountpoint}}", "kv"]);
    let meta = std::fs::metadata(format!("{}/mine", data.trim())).unwrap();
    assert_eq!(meta.uid(), user.uid, "the user's own file on the host");
    let dir = user.home.join("u");
    user.write_file(dir.join("f"), "x");
    let v = format!("{}:/w:U", dir.display());
    env.run_ok(&words(&format!(
        "create --name u -u 1000:1000 -v {v} busybox true"
    )));
    env.run_ok(&["start", "--attach", "u"]);
    let f = dir.join("f").display().to_string();
    env.run_ok(&["unshare", "chown", "5:5", &f]);
    env.run_ok(&["start", "--attach", "u"]);
    assert_eq!(env.run_ok(&["unshare", "stat", "-c", "%u:%g", &f]), "5:5\n");
}
