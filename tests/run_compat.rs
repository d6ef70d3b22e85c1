//! `run` as Podman users rely on it and Podman's own system tests hold it, through the real
//! binary as the test user: /run/.containerenv in every container (and what rcon made for it
//! and for secrets kept out of diff and commit), the default environment and --unsetenv,
//! --workdir that must exist, --timeout, --hostuser, --preserve-fds, /etc/mtab, the image's
//! digest in inspect.
mod common;

use common::world::busybox_world;

#[test]
fn containerenv_is_in_every_container_and_its_mount_points_stay_out_of_diff_and_commit() {
    let (env, _reg) = busybox_world();
    let out = env.run_ok(&[
        "run",
        "--rm",
        "busybox",
        "stat",
        "-c",
        "%s",
        "/run/.containerenv",
    ]);
    assert_eq!(out.trim(), "0", "empty without --privileged");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--privileged",
        "--name",
        "which",
        "busybox",
        "sh",
        "-c",
        ". /run/.containerenv; echo $engine $name $image $rootless; echo $id $imageid",
    ]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(format!("rcon-{} which busybox 1", env!("CARGO_PKG_VERSION")).as_str())
    );
    let ids: Vec<&str> = lines.next().unwrap_or_default().split(' ').collect();
    let image_id = env.run_ok(&["image", "inspect", "--format", "{{.Id}}", "busybox"]);
    assert_eq!(ids.len(), 2, "{out}");
    assert_eq!(ids[0].len(), 64, "{out}");
    assert_eq!(
        ids[1],
        image_id.trim().trim_start_matches("sha256:"),
        "{out}"
    );

    // The marker's mount point, the /run made for it (busybox has none) and the
    // /run/secrets made for a secret are no change of the container's.
    let file = env.user().write_file("token.txt", "t0ken");
    env.run_ok(&["secret", "create", "token", file.to_str().unwrap()]);
    for driver in ["overlay", "fuse-overlay"] {
        let name = format!("c-{driver}");
        env.run_ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "--secret",
            "token",
            "busybox",
            "sh",
            "-c",
            "cat /run/secrets/token >/dev/null && touch /new",
        ]);
        assert_eq!(env.run_ok(&["diff", &name]), "A /new\n", "{driver}");
        let image = format!("localhost/committed-{driver}");
        env.run_ok(&["--storage-driver", driver, "commit", "-q", &name, &image]);
        assert_eq!(
            env.run_ok(&["image", "diff", &image]),
            "A /new\n",
            "{driver}"
        );
    }
    // What the container itself puts in /run is its own change, and kept.
    env.run_ok(&[
        "run",
        "--name",
        "own",
        "busybox",
        "sh",
        "-c",
        "echo x > /run/mine",
    ]);
    assert_eq!(env.run_ok(&["diff", "own"]), "A /run\nA /run/mine\n");
}
