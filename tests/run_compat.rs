//! `run` as Podman users rely on it and Podman's own system tests hold it, through the real
//! binary as the test user: /run/.containerenv in every container (and what rcon made for it
//! and for secrets kept out of diff and commit), the default environment and --unsetenv,
//! --workdir that must exist, --timeout, --hostuser, --preserve-fds, /etc/mtab, the image's
//! digest in inspect.
mod common;

use common::world::busybox_world;
use common::TestEnv;

/// The entry names of `rcon export NAME`, without a trailing `/`.
fn exported(env: &TestEnv, name: &str) -> Vec<String> {
    let file = env.user().home.join(format!("{name}.tar"));
    env.run_ok(&["export", "-o", file.to_str().unwrap(), name]);
    let mut ar = tar::Archive::new(std::fs::File::open(&file).unwrap());
    ar.entries()
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path().unwrap().to_string_lossy().into_owned();
            path.trim_start_matches("./")
                .trim_end_matches('/')
                .to_string()
        })
        .collect()
}

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
        // export: the image's tree and the container's change, nothing rcon made.
        let names = exported(&env, &name);
        assert!(names.contains(&"new".to_string()), "{names:?}");
        assert!(names.contains(&"bin/sh".to_string()), "{names:?}");
        let made: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with("run") || *n == "etc/mtab")
            .collect();
        assert!(made.is_empty(), "{driver}: {made:?}");
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
    // An image with its own /run keeps it in an export; the marker's mount point still goes.
    let tar = env.user().home.join("own.tar");
    exported(&env, "own");
    env.run_ok(&["import", tar.to_str().unwrap(), "localhost/withrun"]);
    env.run_ok(&["run", "--name", "w", "localhost/withrun", "true"]);
    let names = exported(&env, "w");
    let run: Vec<&String> = names.iter().filter(|n| n.starts_with("run")).collect();
    assert_eq!(run, ["run", "run/mine"]);
}

#[test]
fn the_default_environment_is_podmans_and_unsetenv_takes_defaults_not_flags() {
    let (env, _reg) = busybox_world();
    let out = env.run_ok(&["run", "--rm", "busybox", "env"]);
    assert!(out.lines().any(|l| l == "TERM=xterm"), "{out}");
    assert!(out.lines().any(|l| l == "container=rcon"), "{out}");
    let out = env.run_ok(&["run", "--rm", "--unsetenv", "TERM", "busybox", "env"]);
    assert!(!out.contains("TERM="), "{out}");
    assert!(out.lines().any(|l| l.starts_with("PATH=")), "{out}");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--unsetenv-all",
        "-e",
        "TERM=abc",
        "busybox",
        "/bin/env",
    ]);
    for gone in ["PATH=", "container=", "TERM=xterm"] {
        assert!(!out.contains(gone), "{gone}: {out}");
    }
    assert!(out.lines().any(|l| l == "TERM=abc"), "{out}");
    // create keeps them for the container's every start.
    env.run_ok(&[
        "create",
        "--name",
        "c",
        "--unsetenv",
        "container",
        "busybox",
        "env",
    ]);
    let out = env.run_ok(&["start", "--attach", "c"]);
    assert!(!out.contains("container="), "{out}");
}

#[test]
fn a_workdir_given_must_exist_unless_a_mount_makes_it_and_mtab_is_a_link() {
    let (env, _reg) = busybox_world();
    let (code, err) = env.run_fail(&[
        "run",
        "--rm",
        "--workdir",
        "/i/do/not/exist",
        "busybox",
        "pwd",
    ]);
    assert_eq!(code, 126, "{err}");
    assert!(
        err.contains("workdir \"/i/do/not/exist\" does not exist on container"),
        "{err}"
    );
    let dir = env.user().home.join("vol");
    env.user().mkdirs(&dir);
    env.user().write_file("vol/content", "hello\n");
    let vol = format!("{}:/NotOnTheImage", dir.display());
    let out = env.run_ok(&[
        "run",
        "--rm",
        "-w",
        "/NotOnTheImage",
        "-v",
        &vol,
        "busybox",
        "cat",
        "content",
    ]);
    assert_eq!(out, "hello\n");
    let file = format!("{}/content:/Around/foo", dir.display());
    let out = env.run_ok(&[
        "run", "--rm", "-w", "/Around", "-v", &file, "busybox", "cat", "foo",
    ]);
    assert_eq!(out, "hello\n");
    // The image's own working folder is made when missing, as before.
    let out = env.run_ok(&["run", "--rm", "-w", "/tmp", "busybox", "pwd"]);
    assert_eq!(out, "/tmp\n");

    // /etc/mtab: a link to /proc/mounts, no change of the container's.
    env.run_ok(&["run", "--name", "m", "busybox", "readlink", "/etc/mtab"]);
    assert_eq!(env.run_ok(&["logs", "m"]), "/proc/mounts\n");
    assert_eq!(env.run_ok(&["diff", "m"]), "");
    // A build step that removes it leaves an image whose containers get it again.
    let ctx = env.user().home.join("ctx");
    env.user().mkdirs(&ctx);
    env.user()
        .write_file("ctx/Containerfile", "FROM busybox\nRUN rm /etc/mtab\n");
    env.run_ok(&["build", "-q", "-t", "nomtab", ctx.to_str().unwrap()]);
    let out = env.run_ok(&["run", "--rm", "nomtab", "readlink", "/etc/mtab"]);
    assert_eq!(out, "/proc/mounts\n");
}

#[test]
fn timeout_kills_the_container_with_podmans_code_and_inspect_shows_the_image_digest() {
    let (env, _reg) = busybox_world();
    let out = env.run(&[
        "run",
        "--name",
        "t",
        "--timeout",
        "1",
        "busybox",
        "sleep",
        "600",
    ]);
    assert_eq!(out.code, Some(255), "{out}");
    let state = env.run_ok(&[
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.ExitCode}} {{.Config.Timeout}}",
        "t",
    ]);
    assert_eq!(state.trim(), "exited -1 1");
    // --latest names the container created last.
    env.run_ok(&["create", "--name", "last", "busybox", "true"]);
    let name = env.run_ok(&["inspect", "-l", "--format", "{{.Name}}"]);
    assert_eq!(name.trim(), "last");
    let name = env.run_ok(&["container", "inspect", "--latest", "--format", "{{.Name}}"]);
    assert_eq!(name.trim(), "last");
    // ImageDigest is the manifest's digest the image came by, as `image inspect` shows it.
    let digest = env.run_ok(&["image", "inspect", "--format", "{{.Digest}}", "busybox"]);
    let id = env.run_ok(&["image", "inspect", "--format", "{{.Id}}", "busybox"]);
    assert_ne!(digest, id);
    let shown = env.run_ok(&["inspect", "--format", "{{.ImageDigest}}", "last"]);
    assert_eq!(shown, digest);
}

#[test]
fn hostuser_adds_the_host_users_passwd_entry_and_an_unknown_one_fails_the_start() {
    let (env, _reg) = busybox_world();
    let me = &env.user().name;
    let uid = env.user().uid.to_string();
    let (code, _) = env.run_fail(&["run", "--rm", "busybox", "grep", me, "/etc/passwd"]);
    assert_eq!(code, 1);
    for given in [me.as_str(), uid.as_str()] {
        let out = env.run_ok(&[
            "run",
            "--rm",
            "--hostuser",
            given,
            "busybox",
            "grep",
            me,
            "/etc/passwd",
        ]);
        let fields: Vec<&str> = out.trim().split(':').collect();
        assert_eq!(fields[0], me, "{out}");
        assert_eq!(fields[2], uid, "{out}");
    }
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--hostuser",
        &uid,
        "--user",
        &uid,
        "busybox",
        "id",
        "-un",
    ]);
    assert_eq!(out.trim(), me);
    let (code, err) = env.run_fail(&["run", "--rm", "--hostuser", "bogus", "busybox", "true"]);
    assert_eq!(code, 126, "{err}");
    assert!(err.contains("--hostuser bogus: no such user"), "{err}");
}

#[test]
fn preserve_fds_passes_rcons_descriptors_at_the_same_numbers() {
    let (env, _reg) = busybox_world();
    let file = env.user().write_file("fd-content", "through fd 4\n");
    // sh opens 4 on the file and leaves 3 closed: the container gets 4, and no 3.
    let script = format!(
        "exec 3<&- 4<{}; exec {} run --rm -i --preserve-fds 2 busybox sh -c \
         'cat <&4; for n in 3 4; do [ -e /proc/$$/fd/$n ] && echo open $n; done'",
        file.display(),
        common::bins().rcon.display()
    );
    let out = env.user().command("sh", &["-c", &script]);
    let out = common::run_command(out, None, std::time::Duration::from_secs(120));
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "through fd 4\nopen 4\n");
    // Detached, the descriptors stay with it for its whole run.
    let script = format!(
        "exec 4<{}; exec {} run -d --name d --preserve-fds 2 busybox sh -c 'sleep 0.5; cat <&4'",
        file.display(),
        common::bins().rcon.display()
    );
    let out = common::run_command(
        env.user().command("sh", &["-c", &script]),
        None,
        std::time::Duration::from_secs(120),
    );
    assert_eq!(out.code, Some(0), "{out}");
    env.run_ok(&["wait", "d"]);
    assert_eq!(env.run_ok(&["logs", "d"]), "through fd 4\n");
    let line = env
        .run(&["create", "--preserve-fds", "1", "busybox"])
        .error_125();
    assert!(line.contains("--preserve-fds is for run"), "{line}");
}
