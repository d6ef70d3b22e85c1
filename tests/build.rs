//! `rcon build` through the real binary as the unprivileged test user: every step kind, the
//! result run at once, the cache keyed by content, stages in parallel, failures that say where
//! and leave nothing behind, and a killed build.
mod common;

use common::build::{build, context};

use common::world::{busybox_world, eventually};
use common::TestEnv;
use serde_json::Value;

fn image_config(env: &TestEnv, name: &str) -> Value {
    let out = env.run_ok(&["image", "inspect", name]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v[0]["Config"].clone()
}

/// No build step's container is left, running or not.
fn no_step_containers(env: &TestEnv) {
    let out = env.run_ok(&["ps", "-a", "--external", "-q"]);
    assert_eq!(out.trim(), "", "build containers left behind");
}

#[test]
fn every_config_instruction_and_a_run_step_make_a_runnable_image() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "basic",
        &[(
            "Containerfile",
            "FROM busybox\n\
             ARG GREETING=hello\n\
             ENV WHO=world PATH=/usr/local/bin:/bin\n\
             RUN echo \"$GREETING $WHO\" > /greeting && mkdir -p /app && echo built\n\
             WORKDIR /app\n\
             LABEL org.example.kind=test \"spaced key\"=\"a b\"\n\
             EXPOSE 8080 53/udp\n\
             VOLUME /data\n\
             RUN echo not-kept > /data/written-by-run\n\
             STOPSIGNAL SIGINT\n\
             USER 1000:1000\n\
             ENTRYPOINT [\"/bin/sh\", \"-c\"]\n\
             CMD [\"cat /greeting; id -u; pwd\"]\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "basic"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("STEP 4/13: RUN echo"), "{out}");
    assert!(out.stdout.contains("built"), "RUN output is shown: {out}");
    assert!(out.stdout.contains("COMMIT basic"), "{out}");
    let id = out.stdout.lines().last().unwrap().trim().to_string();
    assert_eq!(id.len(), 64, "the last line is the image ID: {out}");

    let ran = env.run_ok(&["run", "--rm", "basic"]);
    assert_eq!(ran, "hello world\n1000\n/app\n");
    let c = image_config(&env, "basic");
    let env_list: Vec<&str> = c["Env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(env_list.contains(&"WHO=world"), "{c}");
    assert!(
        !env_list.iter().any(|e| e.starts_with("GREETING")),
        "ARG is not kept: {c}"
    );
    assert_eq!(c["WorkingDir"], "/app");
    assert_eq!(c["User"], "1000:1000");
    assert_eq!(c["Labels"]["org.example.kind"], "test");
    assert_eq!(c["Labels"]["spaced key"], "a b");
    assert!(c["ExposedPorts"]["8080/tcp"].is_object(), "{c}");
    assert!(c["ExposedPorts"]["53/udp"].is_object(), "{c}");
    assert!(c["Volumes"]["/data"].is_object(), "{c}");
    assert_eq!(c["StopSignal"], "SIGINT");
    assert_eq!(c["Entrypoint"], serde_json::json!(["/bin/sh", "-c"]));
    let listed = env.run_ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(listed.contains("localhost/basic:latest"), "{listed}");
    // A RUN's writes under a VOLUME are not kept, and its step leaves no volume behind.
    let data = env.run_ok(&["run", "--rm", "--entrypoint", "ls", "basic", "-A", "/data"]);
    assert_eq!(data, "", "the RUN's file under VOLUME /data");
    assert_eq!(
        env.run_ok(&["volume", "ls", "-q"]),
        "",
        "volumes left by the build"
    );
    no_step_containers(&env);
}

#[test]
fn copy_places_files_as_docker_does_and_honours_the_ignore_file() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "copy",
        &[
            (
                "Containerfile",
                "FROM busybox\n\
                 COPY a.txt /single\n\
                 COPY a.txt dir/ /into/\n\
                 COPY --chown=1000:1000 --chmod=600 a.txt /owned\n\
                 COPY *.md /docs/\n\
                 RUN ls -ln /owned | awk '{print $1, $3, $4}' > /owned.ls\n",
            ),
            ("a.txt", "alpha\n"),
            ("dir/b.txt", "beta\n"),
            ("dir/sub/c.txt", "gamma\n"),
            ("x.md", "x\n"),
            ("secret.md", "do not copy\n"),
            (".dockerignore", "secret.md\n"),
        ],
    );
    let out = build(&env, &dir, &["-t", "copied"]);
    assert_eq!(out.code, Some(0), "{out}");
    let show = |cmd: &str| env.run_ok(&["run", "--rm", "copied", "sh", "-c", cmd]);
    assert_eq!(show("cat /single"), "alpha\n");
    assert_eq!(
        show("cat /into/a.txt /into/b.txt /into/sub/c.txt"),
        "alpha\nbeta\ngamma\n"
    );
    assert_eq!(show("cat /owned.ls"), "-rw------- 1000 1000\n");
    assert_eq!(show("ls /docs"), "x.md\n");
}

#[test]
fn the_cache_follows_content_not_times() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "cache",
        &[
            (
                "Containerfile",
                "FROM busybox\nRUN echo one > /one\nCOPY f /f\nRUN cat /f > /g\n",
            ),
            ("f", "v1\n"),
        ],
    );
    let first = build(&env, &dir, &["-t", "cached"]);
    assert_eq!(first.code, Some(0), "{first}");
    let id1 = first.stdout.lines().last().unwrap().to_string();
    // Touched, not changed: every step comes from the cache, the same image.
    let f = dir.join("f");
    env.user().write_file(&f, "v1\n");
    let second = build(&env, &dir, &["-t", "cached"]);
    assert_eq!(second.code, Some(0), "{second}");
    assert_eq!(second.stdout.matches("Using cache").count(), 3, "{second}");
    assert_eq!(second.stdout.lines().last().unwrap(), id1);
    // One byte changed: the first RUN still cached, COPY and what follows rebuilt.
    env.user().write_file(&f, "v2\n");
    let third = build(&env, &dir, &["-t", "cached"]);
    assert_eq!(third.code, Some(0), "{third}");
    assert_eq!(third.stdout.matches("Using cache").count(), 1, "{third}");
    assert_eq!(env.run_ok(&["run", "--rm", "cached", "cat", "/g"]), "v2\n");
    // --no-cache runs everything again.
    let fourth = build(&env, &dir, &["--no-cache", "-t", "cached"]);
    assert_eq!(fourth.code, Some(0), "{fourth}");
    assert_eq!(fourth.stdout.matches("Using cache").count(), 0, "{fourth}");
}

#[test]
fn stages_copy_from_each_other_run_in_parallel_and_target_stops_early() {
    let (env, _reg) = busybox_world();
    // Each of the first two stages waits for a file the other writes into a shared cache
    // mount: both succeed only when they run at the same time.
    let wait = |mine: &str, theirs: &str| {
        format!(
            "RUN --mount=type=cache,target=/c,id=rendezvous,sharing=shared \
             sh -c 'touch /c/{mine}; i=0; while [ ! -e /c/{theirs} ]; do i=$((i+1)); \
             [ $i -gt 600 ] && exit 1; sleep 0.1; done; echo {mine} > /out'\n"
        )
    };
    let file = format!(
        "FROM busybox AS a\n{}\
         FROM busybox AS b\n{}\
         FROM busybox AS final\n\
         COPY --from=a /out /from-a\n\
         COPY --from=b /out /from-b\n\
         FROM busybox AS unused\n\
         RUN exit 9\n",
        wait("a", "b"),
        wait("b", "a")
    );
    let dir = context(env.user(), "stages", &[("Containerfile", &file)]);
    let out = build(&env, &dir, &["--target", "final", "-t", "staged"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        !out.stdout.contains("exit 9"),
        "the unused stage did not run: {out}"
    );
    let got = env.run_ok(&["run", "--rm", "staged", "cat", "/from-a", "/from-b"]);
    assert_eq!(got, "a\nb\n");
}

#[test]
fn a_failing_run_says_where_and_leaves_nothing() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "fail",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo before\nRUN echo oops >&2; exit 3\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "failed"]);
    assert_eq!(out.code, Some(3), "{out}");
    assert!(out.stderr.contains("oops"), "{out}");
    assert!(
        out.stderr
            .contains("Error: building at STEP \"RUN echo oops >&2; exit 3\": exit status 3"),
        "{out}"
    );
    let (code, _) = env.run_fail(&["image", "inspect", "failed"]);
    assert_ne!(code, 0, "no image named after a failed build");
    no_step_containers(&env);
}

#[test]
fn bad_containerfiles_are_refused_before_anything_runs() {
    let (env, _reg) = busybox_world();
    for (text, needle) in [
        ("FROM busybox\nRUN touch /x\nRUNN true\n", "Containerfile:3"),
        ("FROM busybox\nCOPY --chwon=1 a /b\n", "--chwon"),
        (
            "FROM busybox\nRUN --mount=type=cahce,target=/c true\n",
            "cahce",
        ),
    ] {
        let dir = context(env.user(), "bad", &[("Containerfile", text)]);
        let out = build(&env, &dir, &[]);
        assert_eq!(out.code, Some(125), "{text}: {out}");
        assert!(out.stderr.contains(needle), "{text}: {out}");
        assert_eq!(out.stderr.trim().lines().count(), 1, "one line: {out}");
        assert!(!out.stdout.contains("STEP 2"), "nothing ran: {out}");
    }
    // A source outside the context, and one that is missing.
    let dir = context(
        env.user(),
        "outside",
        &[("Containerfile", "FROM busybox\nCOPY ../secret /s\n")],
    );
    let out = build(&env, &dir, &[]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("../secret"), "{out}");
    let dir = context(
        env.user(),
        "missing",
        &[("Containerfile", "FROM busybox\nCOPY nothere /s\n")],
    );
    let out = build(&env, &dir, &[]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("nothere"), "{out}");
    no_step_containers(&env);
}

#[test]
fn deletions_become_whiteouts_and_heredocs_run() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "whiteout",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN mkdir -p /tree/sub && echo x > /tree/sub/f && echo y > /tree/keep\n\
             RUN rm -r /tree/sub\n\
             RUN <<EOF\n\
             echo from heredoc > /here\n\
             ln /here /here-link\n\
             EOF\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "wh"]);
    assert_eq!(out.code, Some(0), "{out}");
    let got = env.run_ok(&[
        "run",
        "--rm",
        "wh",
        "sh",
        "-c",
        "ls /tree; cat /here; stat -c %h /here",
    ]);
    assert_eq!(got, "keep\nfrom heredoc\n2\n");
}

#[test]
fn a_context_on_stdin_and_a_reproducible_timestamp() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "stdin",
        &[
            ("Containerfile", "FROM busybox\nCOPY f /f\nRUN cat /f\n"),
            ("f", "from a tar\n"),
        ],
    );
    let tar = std::process::Command::new("tar")
        .args(["-C", dir.to_str().unwrap(), "-cf", "-", "."])
        .output()
        .unwrap()
        .stdout;
    let out = env.run_stdin(
        &["build", "--timestamp", "0", "--no-cache", "-q", "-"],
        &tar,
    );
    assert_eq!(out.code, Some(0), "{out}");
    let id1 = out.stdout.trim().to_string();
    assert_eq!(id1.len(), 64, "-q prints the ID alone: {out}");
    let again = env.run_stdin(
        &["build", "--timestamp", "0", "--no-cache", "-q", "-"],
        &tar,
    );
    assert_eq!(again.code, Some(0), "{again}");
    assert_eq!(
        again.stdout.trim(),
        id1,
        "the same inputs give the same image"
    );
    // An untagged result is listed (as <none>), its steps are not.
    let listed = env.run_ok(&["images", "-q", "--no-trunc"]);
    assert!(listed.contains(&id1), "{listed}");
}

#[test]
fn a_killed_build_leaves_nothing_running() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "killed",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo started; sleep 300\n",
        )],
    );
    let mut child = env
        .rcon(&["build", "-t", "never", dir.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("started") {
        use std::io::Read;
        let n = stdout.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "build ended early: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    eventually(30, "the build's container to go", || {
        env.run_ok(&["ps", "-a", "--external", "-q"])
            .trim()
            .is_empty()
    });
    let (code, _) = env.run_fail(&["image", "inspect", "never"]);
    assert_ne!(code, 0);
}

#[test]
fn squash_makes_the_new_layers_one_and_squash_all_the_whole_image_one() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "squash",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN mkdir /a && echo one > /a/f && echo keep > /a/k\n\
             RUN echo two > /a/f && rm /a/k && rm /bin/ls\n\
             RUN ln /a/f /a/hard\n\
             CMD [\"sh\"]\n",
        )],
    );
    let layers = |name: &str| -> usize {
        let out = env.run_ok(&["image", "inspect", name]);
        let v: Value = serde_json::from_str(&out).unwrap();
        v[0]["RootFS"]["Layers"].as_array().unwrap().len()
    };
    let check = |name: &str| {
        let got = env.run_ok(&[
            "run",
            "--rm",
            name,
            "sh",
            "-c",
            "cat /a/f; ls /a; stat -c %h /a/f; test -e /bin/ls || echo no-ls; test -e /bin/cat && echo cat",
        ]);
        assert_eq!(got, "two\nf\nhard\n2\nno-ls\ncat\n", "{name}");
    };
    let base = layers("busybox");
    let out = build(&env, &dir, &["--squash", "-t", "sq"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        layers("sq"),
        base + 1,
        "--squash: the base's layers and one new"
    );
    check("sq");
    let out = build(&env, &dir, &["--squash-all", "-t", "sqall"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(layers("sqall"), 1, "--squash-all: one layer");
    check("sqall");
    assert_eq!(
        image_config(&env, "sqall")["Cmd"],
        serde_json::json!(["sh"]),
        "the settings stay"
    );
    let (code, err) = env.run_fail(&["build", "--squash", "--squash-all", dir.to_str().unwrap()]);
    assert_eq!(code, 125, "{err}");
}

#[test]
fn a_run_steps_tree_becomes_its_layer_without_its_mount_points_and_gives_its_tar_again() {
    // A RUN step's writable layer is adopted as the layer's tree: the empty folder made for
    // the tmpfs mount is gone from it, the folder around it stays with its file, and the
    // tar walked again from the tree (what --squash-all reads) has the layer's diff ID, or
    // the squash fails.
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "adopt",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN --mount=type=tmpfs,target=/made/here echo hi > /made/note && ls -A /made\n\
             RUN rm /made/note && ln -s /made /link\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "adopted"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stdout.contains("here\nnote\n"),
        "the mount point during the step: {out}"
    );
    let got = env.run_ok(&[
        "run",
        "--rm",
        "adopted",
        "sh",
        "-c",
        "ls -A /made; readlink /link",
    ]);
    assert_eq!(got, "/made\n", "only the folder is left, and the symlink");
    let out = build(&env, &dir, &["--squash-all", "-t", "adopted-sq"]);
    assert_eq!(out.code, Some(0), "{out}");
    let got = env.run_ok(&[
        "run",
        "--rm",
        "adopted-sq",
        "sh",
        "-c",
        "ls -A /made; readlink /link",
    ]);
    assert_eq!(got, "/made\n");
    no_step_containers(&env);
}

#[test]
fn run_mounts_secrets_args_and_named_contexts() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let secret = user.home.join("token.txt");
    user.write_file(&secret, "s3cret");
    let extra = context(user, "extra", &[("shared.txt", "from a named context\n")]);
    let dir = context(
        user,
        "mounts",
        &[
            (
                "Containerfile",
                "ARG BASE=busybox\n\
                 FROM $BASE AS builder\n\
                 RUN mkdir /out && echo built > /out/artifact\n\
                 FROM base-alias\n\
                 ARG BASE\n\
                 ARG VERSION=1\n\
                 RUN --mount=type=bind,source=data,target=/in cat /in/input > /copied\n\
                 RUN --mount=type=bind,from=builder,source=/out,target=/b cat /b/artifact > /from-stage\n\
                 RUN --mount=type=secret,id=tok cat /run/secrets/tok > /secret-seen\n\
                 RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && echo tmpfs-ok > /t\n\
                 RUN echo \"$BASE $VERSION\" > /args\n\
                 COPY --from=extra shared.txt /shared.txt\n",
            ),
            ("data/input", "bind me\n"),
        ],
    );
    let iid = user.home.join("iid");
    let out = build(
        &env,
        &dir,
        &[
            "--secret",
            &format!("id=tok,src={}", secret.display()),
            "--build-arg",
            "VERSION=2",
            "--build-context",
            &format!("extra={}", extra.display()),
            "--build-context",
            "base-alias=docker-image://busybox",
            "--iidfile",
            iid.to_str().unwrap(),
            "--label",
            "from.flag=yes",
            "-t",
            "mounted",
        ],
    );
    assert_eq!(out.code, Some(0), "{out}");
    let got = env.run_ok(&[
        "run",
        "--rm",
        "mounted",
        "sh",
        "-c",
        "cat /copied /from-stage /secret-seen; echo; cat /t /args /shared.txt; \
         ls /in /b /run/secrets/tok /scratch 2>&1 | grep -c 'No such file'",
    ]);
    assert_eq!(
        got, "bind me\nbuilt\ns3cret\ntmpfs-ok\nbusybox 2\nfrom a named context\n4\n",
        "the mounts' targets are not left in the image"
    );
    let written = std::fs::read_to_string(&iid).unwrap();
    assert!(written.starts_with("sha256:"), "{written}");
    assert_eq!(image_config(&env, "mounted")["Labels"]["from.flag"], "yes");
    // The secret is in no layer.
    let save = env.run_ok(&["image", "inspect", "mounted"]);
    assert!(!save.contains("s3cret"));
}

#[test]
fn docker_format_keeps_onbuild_healthcheck_and_shell_and_cache_mounts_persist() {
    let (env, _reg) = busybox_world();
    let parent = context(
        env.user(),
        "parent",
        &[(
            "Containerfile",
            "FROM busybox\n\
             SHELL [\"/bin/sh\", \"-ec\"]\n\
             HEALTHCHECK --interval=30s --retries=2 CMD true\n\
             ONBUILD RUN echo triggered > /onbuild\n\
             RUN --mount=type=cache,target=/cache,id=counter \
                 sh -c 'echo x >> /cache/n; wc -l < /cache/n > /count'\n\
             RUN --network=none sh -c 'ls /sys/class/net | tr \"\\n\" \" \" > /nets'\n",
        )],
    );
    let out = build(&env, &parent, &["--format", "docker", "-t", "parent"]);
    assert_eq!(out.code, Some(0), "{out}");
    let c = image_config(&env, "parent");
    assert_eq!(c["Shell"], serde_json::json!(["/bin/sh", "-ec"]), "{c}");
    assert_eq!(
        c["OnBuild"],
        serde_json::json!(["RUN echo triggered > /onbuild"]),
        "{c}"
    );
    assert_eq!(
        c["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "true"]),
        "{c}"
    );
    assert_eq!(c["Healthcheck"]["Retries"], 2, "{c}");
    assert_eq!(
        env.run_ok(&["run", "--rm", "parent", "cat", "/nets"]),
        "lo "
    );
    // Rebuilt without the cache: how many builds the cache mount has seen.
    let rebuilt_count = || {
        let out = build(
            &env,
            &parent,
            &["--no-cache", "--format", "docker", "-t", "parent"],
        );
        assert_eq!(out.code, Some(0), "{out}");
        env.run_ok(&["run", "--rm", "parent", "cat", "/count"])
    };
    // A second build without the cache still finds the cache mount's files.
    assert_eq!(rebuilt_count(), "2\n");
    // The trigger runs in the child and is not inherited further.
    let child = context(env.user(), "child", &[("Containerfile", "FROM parent\n")]);
    let out = build(&env, &child, &["--format", "docker", "-t", "child"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        env.run_ok(&["run", "--rm", "child", "cat", "/onbuild"]),
        "triggered\n"
    );
    assert!(image_config(&env, "child")["OnBuild"].is_null());
    // `image prune --build-cache` clears the cache mounts.
    env.run_ok(&["image", "prune", "-f", "--build-cache"]);
    assert_eq!(rebuilt_count(), "1\n");
}

#[test]
fn a_bind_mounted_file_changing_invalidates_its_run_and_system_prune_clears_the_cache() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "bindcache",
        &[
            (
                "Containerfile",
                "FROM --platform=$BUILDPLATFORM busybox\n\
                 RUN --mount=type=bind,source=in.txt,target=/in.txt cat /in.txt > /seen\n\
                 ENV AFTER=1\n",
            ),
            ("in.txt", "first\n"),
        ],
    );
    let first = build(&env, &dir, &["-t", "bound"]);
    assert_eq!(first.code, Some(0), "{first}");
    let again = build(&env, &dir, &["-t", "bound"]);
    assert_eq!(again.stdout.matches("Using cache").count(), 2, "{again}");
    env.user().write_file(dir.join("in.txt"), "second\n");
    let changed = build(&env, &dir, &["-t", "bound"]);
    assert_eq!(changed.code, Some(0), "{changed}");
    assert_eq!(
        changed.stdout.matches("Using cache").count(),
        0,
        "{changed}"
    );
    assert_eq!(
        env.run_ok(&["run", "--rm", "bound", "cat", "/seen"]),
        "second\n"
    );
    // Intermediate images are listed with -a only; system prune removes them.
    let all = env.run_ok(&["images", "-a", "-q"]).lines().count();
    let named = env.run_ok(&["images", "-q"]).lines().count();
    assert!(
        all > named,
        "intermediate images: {all} listed with -a, {named} without"
    );
    env.run_ok(&["system", "prune", "-f"]);
    let after = env.run_ok(&["images", "-a", "--format", "{{.Repository}}"]);
    assert_eq!(
        after.lines().collect::<Vec<_>>(),
        ["localhost/bound", "docker.io/library/busybox"],
        "system prune leaves the named images only"
    );
    // Another platform is refused before anything runs.
    let other = context(
        env.user(),
        "arm",
        &[(
            "Containerfile",
            "FROM --platform=linux/s390x busybox\nRUN true\n",
        )],
    );
    let out = build(&env, &other, &[]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("s390x"), "{out}");
}
