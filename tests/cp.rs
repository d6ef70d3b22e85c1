//! `rcon cp` through the real binary as the unprivileged test users: files and folders both
//! ways on running and stopped containers, tar streams with `-` (the container's own ids in
//! them), a volume seen by cp of a stopped container, and symlinks placed by the container that
//! try to lead cp out of its root, for reading and for writing.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::{Registry, TestEnv, TestUser};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// `busybox` with `/srv/tree/{a, sub/b}` (uid 1000 for `b`), pulled by both users.
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let extra = LayerBuilder::new()
        .dir("srv", 0o755, 0, 0)
        .dir("srv/tree", 0o755, 0, 0)
        .file("srv/tree/a", b"alpha\n", 0o644, 0, 0)
        .dir("srv/tree/sub", 0o750, 1000, 1000)
        .file("srv/tree/sub/b", b"beta\n", 0o600, 1000, 1000)
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

fn host_dir(user: &TestUser, name: &str) -> std::path::PathBuf {
    let d = user.home.join(name);
    user.mkdirs(&d);
    d
}

/// The same checks on a running container (`running`) or a stopped one.
fn both_ways(user: &TestUser, running: bool) {
    let name = if running { "live" } else { "still" };
    if running {
        ok(
            user,
            &["run", "-d", "--name", name, "busybox", "sleep", "300"],
        );
    } else {
        ok(user, &["create", "--name", name, "busybox", "true"]);
    }
    // Out: a folder into an existing folder, a file to a new name.
    let out_dir = host_dir(user, &format!("out-{name}"));
    let od = out_dir.display().to_string();
    ok(user, &["cp", &format!("{name}:/srv/tree"), &od]);
    assert_eq!(
        std::fs::read_to_string(out_dir.join("tree/a")).unwrap(),
        "alpha\n"
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("tree/sub/b")).unwrap(),
        "beta\n"
    );
    assert_eq!(
        std::fs::metadata(out_dir.join("tree/sub/b")).unwrap().uid(),
        user.uid
    );
    ok(
        user,
        &[
            "cp",
            &format!("{name}:/srv/tree/a"),
            &format!("{od}/renamed"),
        ],
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("renamed")).unwrap(),
        "alpha\n"
    );
    // In: a host folder into the container, then read back from inside or out.
    let src = host_dir(user, &format!("in-{name}"));
    user.write_file(src.join("hello.txt"), "from the host\n");
    ok(
        user,
        &["cp", &src.display().to_string(), &format!("{name}:/srv/")],
    );
    ok(
        user,
        &[
            "cp",
            &src.join("hello.txt").display().to_string(),
            &format!("{name}:/srv/single"),
        ],
    );
    let back = if running {
        ok(
            user,
            &[
                "exec",
                name,
                "cat",
                &format!("/srv/in-{name}/hello.txt"),
                "/srv/single",
            ],
        )
    } else {
        let t = user.home.join(format!("back-{name}"));
        ok(
            user,
            &[
                "cp",
                &format!("{name}:/srv/single"),
                &t.display().to_string(),
            ],
        );
        ok(
            user,
            &[
                "cp",
                &format!("{name}:/srv/in-{name}/hello.txt"),
                &format!("{}-2", t.display()),
            ],
        );
        std::fs::read_to_string(format!("{}-2", t.display())).unwrap()
            + &std::fs::read_to_string(&t).unwrap()
    };
    assert_eq!(back, "from the host\nfrom the host\n");
    // Errors: one line, exit 125.
    let out = user.run(&["cp", &format!("{name}:/no/such"), &od]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("/no/such"), "{out}");
    let out = user.run(&[
        "cp",
        &src.display().to_string(),
        &format!("{name}:/no/such/dir/x"),
    ]);
    assert_eq!(out.code, Some(125), "{out}");
    ok(user, &["rm", "-f", name]);
}

#[test]
fn cp_both_ways_on_running_and_stopped_containers() {
    let (env, _reg) = setup();
    for user in [env.user(), env.single()] {
        both_ways(user, true);
        both_ways(user, false);
    }
}

#[test]
fn tar_streams_carry_the_containers_ids() {
    let (env, _reg) = setup();
    env.run_ok(&["create", "--name", "c", "busybox", "true"]);
    let out = env
        .user()
        .rcon(&["cp", "c:/srv/tree", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ar = tar::Archive::new(&out.stdout[..]);
    let mut seen = Vec::new();
    for e in ar.entries().unwrap() {
        let e = e.unwrap();
        let p = e.path().unwrap().display().to_string();
        seen.push((
            p.trim_end_matches('/').to_string(),
            e.header().uid().unwrap(),
        ));
    }
    assert!(seen.contains(&("tree/a".to_string(), 0)), "{seen:?}");
    assert!(seen.contains(&("tree/sub/b".to_string(), 1000)), "{seen:?}");

    // A tar on stdin unpacks into a folder of the container.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(4);
    h.set_mode(0o644);
    b.append_data(&mut h, "d/streamed", &b"tar\n"[..]).unwrap();
    let bytes = b.into_inner().unwrap();
    let out = env.run_stdin(&["cp", "-", "c:/srv"], &bytes);
    assert_eq!(out.code, Some(0), "{out}");
    let out = env
        .user()
        .rcon(&["cp", "c:/srv/d/streamed", "-"])
        .output()
        .unwrap();
    let mut ar = tar::Archive::new(&out.stdout[..]);
    let mut e = ar.entries().unwrap().next().unwrap().unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut e, &mut text).unwrap();
    assert_eq!(text, "tar\n");
    let out = env.run_stdin(&["cp", "-", "c:/srv/tree/a"], &bytes);
    assert_eq!(out.code, Some(125), "a stream needs a folder: {out}");
}

#[test]
fn cp_of_a_stopped_container_sees_its_volumes() {
    let (env, _reg) = setup();
    env.run_ok(&[
        "run",
        "--name",
        "v",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "echo in-volume > /data/f",
    ]);
    let t = env.user().home.join("vf");
    env.run_ok(&["cp", "v:/data/f", &t.display().to_string()]);
    assert_eq!(std::fs::read_to_string(&t).unwrap(), "in-volume\n");
}

/// The container points symlinks at host paths (absolute and through `..`): reading through
/// them finds only the container's own files, and writing through them lands inside it.
fn symlink_escape(user: &TestUser, running: bool) {
    let name = if running { "evil-live" } else { "evil-still" };
    let secret_dir = host_dir(user, &format!("secret-{name}"));
    user.write_file(secret_dir.join("key"), "host secret\n");
    let target_dir = host_dir(user, &format!("target-{name}"));
    let s = secret_dir.display().to_string();
    let t = target_dir.display().to_string();
    let script = format!(
        "ln -s {s} /leak && ln -s ../../../../../../../..{s} /leak2 && ln -s {t} /drop && \
         ln -s / /rootlink && mkdir -p /inside{t} && echo {name} > /etc/marker"
    );
    if running {
        ok(
            user,
            &[
                "run",
                "-d",
                "--name",
                name,
                "busybox",
                "sh",
                "-c",
                &format!("{script}; sleep 300"),
            ],
        );
        for _ in 0..100 {
            if user.run(&["exec", name, "test", "-f", "/etc/marker"]).code == Some(0) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    } else {
        ok(
            user,
            &["run", "--name", name, "busybox", "sh", "-c", &script],
        );
    }
    let out_dir = host_dir(user, &format!("got-{name}"));
    let od = out_dir.display().to_string();
    for src in ["/leak/key", "/leak2/key"] {
        let out = user.run(&["cp", "-L", &format!("{name}:{src}"), &od]);
        assert_eq!(
            out.code,
            Some(125),
            "reading through {src} must fail: {out}"
        );
    }
    // Through `/` the container's own files are found, not the host's.
    ok(
        user,
        &[
            "cp",
            &format!("{name}:/rootlink/etc/marker"),
            &format!("{od}/m"),
        ],
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("m")).unwrap(),
        format!("{name}\n")
    );
    assert!(std::fs::read_dir(&out_dir)
        .unwrap()
        .all(|e| e.unwrap().file_name() != "key"));
    // Writing through /drop (→ a host folder) fails or lands inside the container.
    let payload = user.write_file(format!("payload-{name}"), "payload\n");
    let _ = user.run(&[
        "cp",
        &payload.display().to_string(),
        &format!("{name}:/drop/"),
    ]);
    let _ = user.run(&[
        "cp",
        &payload.display().to_string(),
        &format!("{name}:/drop/x"),
    ]);
    assert_eq!(
        std::fs::read_dir(&target_dir).unwrap().count(),
        0,
        "nothing written on the host"
    );
    assert!(!Path::new(&format!("{t}/x")).exists());
    ok(user, &["rm", "-f", name]);
}

#[test]
fn symlinks_placed_by_the_container_cannot_lead_cp_out() {
    let (env, _reg) = setup();
    for user in [env.user(), env.single()] {
        symlink_escape(user, true);
        symlink_escape(user, false);
    }
}

#[test]
fn bad_arguments_are_one_line_and_125() {
    let (env, _reg) = setup();
    env.run_ok(&["create", "--name", "c", "busybox", "true"]);
    for args in [
        vec!["cp", "/tmp", "/tmp"],
        vec!["cp", "-", "-"],
        vec!["cp", "c:/a", "c:/b"],
        vec!["cp", "nosuch:/a", "/tmp"],
        vec!["cp", "/definitely/not/here", "c:/"],
    ] {
        env.run(&args).error_125();
    }
}

/// Container to container: a file into a folder keeps its name, a file to a new path takes
/// that name, `/.` copies a folder's contents; running and stopped; `--pause` is accepted.
#[test]
fn cp_between_two_containers() {
    let (env, _reg) = setup();
    let u = env.user();
    ok(
        u,
        &["run", "-d", "--name", "src", "busybox", "sleep", "1000"],
    );
    ok(u, &["create", "--name", "dst", "busybox", "sleep", "1000"]);
    ok(u, &["cp", "src:/srv/tree/a", "dst:/tmp/"]);
    ok(
        u,
        &["cp", "--pause=false", "src:/srv/tree/a", "dst:/tmp/renamed"],
    );
    ok(u, &["cp", "src:/srv/tree/.", "dst:/opt"]);
    ok(u, &["start", "dst"]);
    assert_eq!(ok(u, &["exec", "dst", "cat", "/tmp/a"]), "alpha\n");
    assert_eq!(ok(u, &["exec", "dst", "cat", "/tmp/renamed"]), "alpha\n");
    assert_eq!(ok(u, &["exec", "dst", "cat", "/opt/sub/b"]), "beta\n");
    let line = u.run(&["cp", "src:/no/such", "dst:/tmp/"]).error_125();
    assert!(line.contains("/no/such"), "{line}");
    // Nothing of the staging is left in the store.
    let root = u.data_home.join("rcon");
    let left: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    ok(u, &["rm", "-f", "-t", "0", "src", "dst"]);
}

#[test]
fn relative_container_paths_are_in_the_working_folder() {
    let (env, _reg) = setup();
    let user = env.user();
    ok(
        user,
        &[
            "run", "-d", "--name", "w", "-w", "/srv", "busybox", "sleep", "300",
        ],
    );
    let host = user.write_file("rel/hostfile", "from host\n");
    ok(user, &["cp", &host.display().to_string(), "w:."]);
    ok(
        user,
        &["cp", "-a=false", &host.display().to_string(), "w:tree/copy"],
    );
    let out = ok(
        user,
        &["exec", "w", "cat", "/srv/hostfile", "/srv/tree/copy"],
    );
    assert_eq!(out, "from host\nfrom host\n");
    let back = host_dir(user, "rel-back");
    ok(
        user,
        &["cp", "--archive", "w:tree/a", &back.display().to_string()],
    );
    assert_eq!(std::fs::read_to_string(back.join("a")).unwrap(), "alpha\n");
    ok(user, &["rm", "-f", "-t", "0", "w"]);
}

/// A tar of one empty file `a.txt` owned by 1042:1043, gzip-compressed when `gzip`.
fn owned_tar(gzip: bool) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(0);
    h.set_mode(0o644);
    h.set_uid(1042);
    h.set_gid(1043);
    b.append_data(&mut h, "a.txt", &b""[..]).unwrap();
    let plain = b.into_inner().unwrap();
    if !gzip {
        return plain;
    }
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut e, &plain).unwrap();
    e.finish().unwrap()
}

/// `cp` into a container gives the files to the container's user (`--user`), running or
/// stopped; `--archive=false` keeps the archive's owners; a stream on stdin may be compressed
/// and must be a tar.
#[test]
fn copied_files_belong_to_the_containers_user_unless_archive_is_false() {
    let (env, _reg) = setup();
    let u = env.user();
    let host = u.write_file("own/hostfile", "mine\n");
    let h = host.display().to_string();
    ok(
        u,
        &[
            "run", "-d", "--name", "run1001", "--user", "1001", "busybox", "sleep", "300",
        ],
    );
    ok(u, &["cp", &h, "run1001:/tmp/hostfile"]);
    let out = ok(
        u,
        &["exec", "run1001", "stat", "-c", "%u:%g", "/tmp/hostfile"],
    );
    assert_eq!(out.trim(), "1001:0");
    let out = env.run_stdin(&["cp", "-a=false", "-", "run1001:/tmp/"], &owned_tar(true));
    assert_eq!(out.code, Some(0), "{out}");
    let out = ok(u, &["exec", "run1001", "stat", "-c", "%u:%g", "/tmp/a.txt"]);
    assert_eq!(out.trim(), "1042:1043");
    let line = env
        .run_stdin(&["cp", "-", "run1001:/tmp/"], b"not an archive\n")
        .error_125();
    assert!(line.contains("tar"), "{line}");

    // A container that never ran: the stream read back carries the container's ids.
    ok(
        u,
        &[
            "create",
            "--name",
            "still1001",
            "--user",
            "1001:1002",
            "busybox",
        ],
    );
    ok(u, &["cp", &h, "still1001:/tmp/hostfile"]);
    let out = env.run_stdin(&["cp", "-", "still1001:/tmp"], &owned_tar(false));
    assert_eq!(out.code, Some(0), "{out}");
    let out = u.rcon(&["cp", "still1001:/tmp", "-"]).output().unwrap();
    assert!(out.status.success());
    let mut owners = Vec::new();
    for e in tar::Archive::new(&out.stdout[..]).entries().unwrap() {
        let e = e.unwrap();
        let p = e.path().unwrap().display().to_string();
        owners.push((p, e.header().uid().unwrap(), e.header().gid().unwrap()));
    }
    assert!(
        owners.contains(&("tmp/hostfile".into(), 1001, 1002)),
        "{owners:?}"
    );
    assert!(
        owners.contains(&("tmp/a.txt".into(), 1001, 1002)),
        "{owners:?}"
    );
    ok(u, &["rm", "-f", "-t", "0", "run1001", "still1001"]);
}

/// A container that never ran has no mount points for its volumes yet: cp into a volume
/// nested in another, or into a bind mount on a volume, lands in that volume or bind source.
#[test]
fn cp_reaches_the_volumes_and_binds_of_a_container_that_never_ran() {
    let (env, _reg) = setup();
    let u = env.user();
    let host = u.write_file("vol/hostfile", "into the volume\n");
    let h = host.display().to_string();
    let bind = host_dir(u, "bindsrc");
    ok(u, &["volume", "create", "outer"]);
    ok(u, &["volume", "create", "inner"]);
    ok(
        u,
        &[
            "create",
            "--name",
            "nested",
            "-v",
            "outer:/tmp/volume",
            "-v",
            "inner:/tmp/volume/sub-volume",
            "-v",
            &format!("{}:/tmp/volume/mount", bind.display()),
            "busybox",
        ],
    );
    ok(u, &["cp", &h, "nested:/tmp/volume/sub-volume"]);
    ok(u, &["cp", &h, "nested:/tmp/volume/mount/renamed"]);
    let mountpoint = |name: &str| {
        let out = ok(
            u,
            &["volume", "inspect", name, "--format", "{{.Mountpoint}}"],
        );
        std::path::PathBuf::from(out.trim())
    };
    assert_eq!(
        std::fs::read_to_string(mountpoint("inner").join("hostfile")).unwrap(),
        "into the volume\n"
    );
    assert_eq!(
        std::fs::read_dir(mountpoint("outer")).unwrap().count(),
        0,
        "the outer volume stays empty"
    );
    assert_eq!(
        std::fs::read_to_string(bind.join("renamed")).unwrap(),
        "into the volume\n"
    );
    ok(u, &["rm", "-f", "nested"]);
}

/// A symlink given as the source is followed inside the container (one that leads nowhere
/// fails and copies nothing); `*` is a name, never a pattern.
#[test]
fn a_symlink_source_is_followed_and_globs_are_not_expanded() {
    let (env, _reg) = setup();
    let u = env.user();
    ok(
        u,
        &[
            "run",
            "--name",
            "links",
            "busybox",
            "sh",
            "-c",
            "mkdir -p /tmp/sub && echo hi > /tmp/f && ln -s .. /tmp/sub/up && \
             ln -s /nowhere /tmp/dangling && ln -s /tmp/f /tmp/copyme && \
             ln -s /tmp/made /tmp/x",
        ],
    );
    let out_dir = host_dir(u, "links-out");
    let od = out_dir.display().to_string();
    ok(u, &["cp", "links:/tmp/sub/up", &format!("{od}/dest")]);
    assert_eq!(
        std::fs::read_to_string(out_dir.join("dest/f")).unwrap(),
        "hi\n"
    );
    ok(u, &["cp", "links:/tmp/copyme", &format!("{od}/file")]);
    assert_eq!(
        std::fs::read_to_string(out_dir.join("file")).unwrap(),
        "hi\n"
    );
    let empty = host_dir(u, "links-empty");
    let e = empty.display().to_string();
    for src in ["links:/tmp/dangling", "links:/tmp/*"] {
        u.run(&["cp", src, &e]).error_125();
    }
    assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0);
    // A destination that is a symlink is written through, even one that leads nowhere yet;
    // a destination folder given with `/` must exist.
    let host = u.write_file("links-in", "through\n");
    let h = host.display().to_string();
    ok(u, &["cp", &h, "links:/tmp/x"]);
    u.run(&["cp", &h, "links:/tmp/nowhere/"]).error_125();
    ok(u, &["cp", "links:/tmp/made", &format!("{od}/made")]);
    assert_eq!(
        std::fs::read_to_string(out_dir.join("made")).unwrap(),
        "through\n"
    );
    ok(u, &["rm", "-f", "links"]);
}

/// A file never silently replaces a folder of the same name, nor a folder a file, in the
/// container or on the host; `--overwrite` allows it. `/dev/stdout` is no destination.
#[test]
fn overwrite_is_needed_to_swap_a_folder_and_a_file() {
    let (env, _reg) = setup();
    let u = env.user();
    ok(
        u,
        &[
            "run",
            "-d",
            "--name",
            "swap",
            "busybox",
            "sh",
            "-c",
            "mkdir /tmp/foo /tmp/bar && touch /tmp/baz; sleep 300",
        ],
    );
    let file = u.write_file("swap/foo", "a file\n");
    let dir = host_dir(u, "swapdir/baz");
    u.write_file("swapdir/baz/inner", "in a folder\n");
    for (src, dst) in [
        (file.display().to_string(), "swap:/tmp"),
        (dir.display().to_string(), "swap:/tmp"),
    ] {
        let err = u.run(&["cp", &src, dst]).error_125();
        assert!(
            err.contains("container swap: error creating \"/tmp/")
                && err.contains(": file exists (add --overwrite"),
            "{err}"
        );
        ok(u, &["cp", "--overwrite", &src, dst]);
    }
    assert_eq!(ok(u, &["exec", "swap", "cat", "/tmp/foo"]), "a file\n");
    assert_eq!(
        ok(u, &["exec", "swap", "cat", "/tmp/baz/inner"]),
        "in a folder\n"
    );
    // On the host: the container's folder /tmp/bar onto a host file named bar.
    let host = host_dir(u, "swaphost");
    u.write_file("swaphost/bar", "host file\n");
    let hd = host.display().to_string();
    let err = u.run(&["cp", "swap:/tmp/bar", &hd]).error_125();
    assert!(err.contains(&format!("{hd}/bar")), "{err}");
    assert!(host.join("bar").is_file());
    // The container's file onto a host folder: the host's refusal is told, not the broken
    // pipe the container's side met when the host stopped reading.
    host_dir(u, "swaphost/foo");
    let err = u.run(&["cp", "swap:/tmp/foo", &hd]).error_125();
    assert!(
        err.contains(&format!("error creating \"{hd}/foo\"")) && !err.contains("pipe"),
        "{err}"
    );
    // Paths that are not there, said as Podman says them.
    let err = u.run(&["cp", "swap:/nonesuch", &hd]).error_125();
    assert!(
        err.starts_with("Error: \"/nonesuch\" could not be found on container swap: "),
        "{err}"
    );
    let err = u
        .run(&["cp", &format!("{hd}/nonesuch"), "swap:/tmp"])
        .error_125();
    assert!(
        err.starts_with(&format!(
            "Error: \"{hd}/nonesuch\" could not be found on the host"
        )),
        "{err}"
    );
    ok(u, &["cp", "--overwrite", "swap:/tmp/bar", &hd]);
    assert!(host.join("bar").is_dir());
    u.run(&["cp", "swap:/tmp/foo", "/dev/stdout"]).error_125();
    u.run(&["cp", "swap:/tmp/foo", &format!("{hd}/missing/")])
        .error_125();
    ok(u, &["rm", "-f", "-t", "0", "swap"]);
}

/// A tmpfs starts with what the image (or a cp before the first start) put at its place, as
/// Podman's `tmpcopyup`; `notmpcopyup` starts it empty.
#[test]
fn a_tmpfs_shows_what_was_copied_before_the_start() {
    let (env, _reg) = setup();
    let u = env.user();
    let host = u.write_file("tmpfs/file", "before the start\n");
    ok(
        u,
        &[
            "create",
            "--name",
            "t",
            "--mount",
            "type=tmpfs,dst=/tmp",
            "--tmpfs",
            "/srv",
            "busybox",
            "sleep",
            "300",
        ],
    );
    ok(u, &["cp", &host.display().to_string(), "t:/tmp"]);
    ok(u, &["start", "t"]);
    let out = ok(u, &["exec", "t", "cat", "/tmp/file", "/srv/tree/sub/b"]);
    assert_eq!(out, "before the start\nbeta\n");
    let out = ok(u, &["exec", "t", "stat", "-c", "%u %a", "/srv/tree/sub/b"]);
    assert_eq!(out.trim(), "1000 600");
    let out = ok(
        u,
        &[
            "run",
            "--rm",
            "--tmpfs",
            "/srv:notmpcopyup",
            "busybox",
            "ls",
            "-A",
            "/srv",
        ],
    );
    assert_eq!(out, "");
    ok(u, &["rm", "-f", "-t", "0", "t"]);
}
