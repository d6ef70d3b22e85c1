//! `rcon build` gaps closed after the first round, through the real binary as the
//! unprivileged test user: wildcards in `COPY --from`, cache mounts with an owner and mode,
//! `--layers=false` and `$BUILDAH_LAYERS`, heredoc files beside context files, a Containerfile
//! from a URL, the closing lines of the output, `--authfile`, the ignore file's folders, and
//! `rmi` of a built image with its dangling parents, a `VOLUME` that is not JSON.
mod common;

use common::build::{build, context};

use common::world::busybox_world;

#[test]
fn copy_from_a_stage_expands_wildcards_in_its_tree() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "globs",
        &[(
            "Containerfile",
            "FROM busybox AS a\n\
             RUN mkdir -p /out/sub /out/dir.txt && echo 1 > /out/a.txt && echo 2 > /out/b.txt \
                 && echo 3 > /out/c.log && echo 4 > /out/sub/d.txt && echo 5 > /out/dir.txt/in \
                 && chown 7:8 /out/b.txt\n\
             FROM busybox\n\
             COPY --from=a /out/*.txt /got/\n\
             COPY --from=a /out/[ab].txt out/s*/d.txt /more/\n\
             COPY --from=a /out/a.tx? /single\n\
             RUN cd /got && ls -n | awk '{print $3, $4, $9}' > /owners\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "globs"]);
    assert_eq!(out.code, Some(0), "{out}");
    let ls = |p: &str| env.run_ok(&["run", "--rm", "globs", "ls", p]);
    // A matched folder is copied as its contents, as for a named one.
    assert_eq!(ls("/got"), "a.txt\nb.txt\nin\n");
    assert_eq!(ls("/more"), "a.txt\nb.txt\nd.txt\n");
    // One match of a file: the destination is that file.
    assert_eq!(
        env.run_ok(&["run", "--rm", "globs", "cat", "/single"]),
        "1\n"
    );
    let owners = env.run_ok(&["run", "--rm", "globs", "cat", "/owners"]);
    assert!(owners.contains("7 8 b.txt"), "owners are kept: {owners}");

    let none = context(
        env.user(),
        "noglob",
        &[(
            "Containerfile",
            "FROM busybox AS a\nFROM busybox\nCOPY --from=a /etc/*.nothing /x/\n",
        )],
    );
    let out = build(&env, &none, &[]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(
        out.stderr
            .contains("\"/etc/*.nothing\": no file in a matches it"),
        "{out}"
    );
}

#[test]
fn a_cache_mount_is_made_with_its_owner_and_mode() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "owned-cache",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN --mount=type=cache,target=/c,id=owned,uid=1000,gid=1001,mode=0750 \
                 stat -c '%u %g %a' /c > /cache-stat\n\
             USER 1000:1001\n\
             RUN --mount=type=cache,target=/c,id=owned,uid=1000,gid=1001,mode=0750 \
                 sh -c 'echo mine > /c/f && cat /c/f' > /tmp/wrote\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "owned-cache"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        env.run_ok(&["run", "--rm", "owned-cache", "cat", "/cache-stat"]),
        "1000 1001 750\n"
    );
    assert_eq!(
        env.run_ok(&["run", "--rm", "owned-cache", "cat", "/tmp/wrote"]),
        "mine\n"
    );
}

#[test]
fn heredoc_files_and_context_files_go_in_one_copy() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "mixed",
        &[
            (
                "Containerfile",
                "FROM busybox\n\
                 COPY <<EOF ctx.txt /dir/\n\
                 inline\n\
                 EOF\n\
                 ADD <<one <<two sub /add/\n\
                 1\n\
                 one\n\
                 2\n\
                 two\n",
            ),
            ("ctx.txt", "from context\n"),
            ("sub/deep.txt", "deep\n"),
        ],
    );
    let out = build(&env, &dir, &["-t", "mixed"]);
    assert_eq!(out.code, Some(0), "{out}");
    let got = env.run_ok(&[
        "run",
        "--rm",
        "mixed",
        "sh",
        "-c",
        "ls /dir /add; cat /dir/EOF /dir/ctx.txt /add/*",
    ]);
    assert_eq!(
        got,
        "/add:\ndeep.txt\none\ntwo\n\n/dir:\nEOF\nctx.txt\ninline\nfrom context\ndeep\n1\n2\n"
    );
}

/// Serves `body` over HTTP on loopback to every request, from a thread; returns the port.
fn serve(body: &'static str) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = conn.write_all(reply.as_bytes());
        }
    });
    port
}

#[test]
fn a_containerfile_is_taken_from_a_url() {
    let (env, _reg) = busybox_world();
    let port = serve("FROM busybox\nCOPY ctx.txt /ctx.txt\nRUN echo remote > /remote\n");
    let dir = context(env.user(), "urlfile", &[("ctx.txt", "local\n")]);
    let url = format!("http://127.0.0.1:{port}/Containerfile");
    let out = build(&env, &dir, &["-f", &url, "-t", "urlfile"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        env.run_ok(&["run", "--rm", "urlfile", "cat", "/ctx.txt", "/remote"]),
        "local\nremote\n"
    );
    let missing = format!("http://127.0.0.1:{}/none", serve_missing());
    let out = build(&env, &dir, &["-f", &missing]);
    assert_eq!(out.code, Some(125), "{out}");
    assert!(out.stderr.contains("cannot download"), "{out}");
}

/// A loopback port where nothing listens any more.
fn serve_missing() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn layers_false_commits_one_layer_per_stage_with_a_history_entry_per_instruction() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "nolayers",
        &[
            (
                "Containerfile",
                "FROM busybox AS first\n\
                 RUN mkdir /a && echo one > /a/f && echo keep > /a/k\n\
                 FROM busybox\n\
                 RUN mkdir /a && echo one > /a/f && echo keep > /a/k\n\
                 ENV X=1\n\
                 RUN echo two > /a/f && rm /a/k && rm /bin/ls\n\
                 COPY --from=first /a/k /a/from-first\n\
                 COPY ctx.txt /a/ctx\n\
                 CMD [\"sh\"]\n",
            ),
            ("ctx.txt", "ctx\n"),
        ],
    );
    let inspect = |name: &str| -> serde_json::Value {
        let out = env.run_ok(&["image", "inspect", name]);
        serde_json::from_str::<serde_json::Value>(&out).unwrap()[0].clone()
    };
    let base = inspect("busybox");
    let base_layers = base["RootFS"]["Layers"].as_array().unwrap().len();
    let base_history = base["History"].as_array().map_or(0, Vec::len);
    for _ in 0..2 {
        // The second build finds no cache: nothing is looked up without layers.
        let out = build(&env, &dir, &["--layers=false", "-t", "nolayers"]);
        assert_eq!(out.code, Some(0), "{out}");
        assert!(!out.stdout.contains("Using cache"), "{out}");
    }
    let img = inspect("nolayers");
    assert_eq!(
        img["RootFS"]["Layers"].as_array().unwrap().len(),
        base_layers + 1,
        "one layer for the stage: {img}"
    );
    let history = img["History"].as_array().unwrap();
    let own = &history[base_history..];
    assert_eq!(own.len(), 6, "one entry per instruction: {img}");
    let empty: Vec<bool> = own
        .iter()
        .map(|h| h["empty_layer"].as_bool().unwrap_or(false))
        .collect();
    assert_eq!(empty, [true, true, true, true, true, false], "{img}");
    let got = env.run_ok(&[
        "run",
        "--rm",
        "nolayers",
        "sh",
        "-c",
        "cat /a/f /a/from-first /a/ctx; ls /a; echo $X; test -e /bin/ls || echo no-ls",
    ]);
    assert_eq!(got, "two\nkeep\nctx\nctx\nf\nfrom-first\n1\nno-ls\n");
}

/// Podman's `--pull-never` (as `--pull=never`): a base image that is not stored is refused
/// with Podman's words, nothing pulled; `--logfile` takes the build's output; a missing
/// `-f` file is named as missing.
#[test]
fn pull_never_logfile_and_a_missing_containerfile() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "never",
        &[("Containerfile", "FROM localhost/nosuch:1\nRUN true\n")],
    );
    let line = build(&env, &dir, &["--pull-never", "-t", "never"]).error_125();
    assert!(
        line.starts_with("Error: creating build container: localhost/nosuch:1: image not known"),
        "{line}"
    );
    let ok = context(env.user(), "logged", &[("Containerfile", "FROM busybox\n")]);
    let log = env.user().home.join("build.log");
    let l = log.display().to_string();
    let out = build(
        &env,
        &ok,
        &["--pull-never", "--logfile", &l, "-t", "logged"],
    );
    assert_eq!(out.code, Some(0), "{out}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("COMMIT") && text.contains("STEP 1/1"),
        "{text}"
    );
    assert!(!out.stdout.contains("STEP 1/1"), "{out}");
    let line = build(&env, &ok, &["-f", "Nosuchfile"]).error_125();
    assert!(
        line.contains("Nosuchfile: no such file or directory"),
        "{line}"
    );
}

#[test]
fn the_last_step_commits_before_its_id_and_buildah_layers_turns_the_cache_off() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "cached",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo one\nRUN echo two\n",
        )],
    );
    let lines = |out: &common::Output| -> Vec<String> {
        assert_eq!(out.code, Some(0), "{out}");
        out.stdout.lines().map(String::from).collect()
    };
    let first = lines(&build(&env, &dir, &["-t", "cached"]));
    let commit = first.iter().position(|l| l == "COMMIT cached").unwrap();
    // Each step but the last prints its image's short ID; the last one's follows COMMIT.
    assert!(first[commit - 1] == "two", "{first:?}");
    assert!(first[commit + 1].starts_with("--> "), "{first:?}");
    let ids = first.iter().filter(|l| l.starts_with("--> ")).count();
    assert_eq!(ids, 2, "{first:?}");

    let again = lines(&build(&env, &dir, &["-t", "cached"]));
    let commit = again.iter().position(|l| l == "COMMIT cached").unwrap();
    assert!(
        again[commit - 1].starts_with("--> Using cache "),
        "{again:?}"
    );

    let with_env = |layers: &str, extra: &[&str]| {
        let mut args = vec!["build", "-t", "cached"];
        args.extend_from_slice(extra);
        let d = dir.display().to_string();
        args.push(&d);
        let mut cmd = env.user().rcon(&args);
        cmd.env("BUILDAH_LAYERS", layers);
        common::run_command(cmd, None, common::DEFAULT_TIMEOUT)
    };
    let off = with_env("false", &[]);
    assert_eq!(off.code, Some(0), "{off}");
    assert!(!off.stdout.contains("Using cache"), "{off}");
    let on = with_env("false", &["--layers=1"]);
    assert!(on.stdout.contains("Using cache"), "the flag wins: {on}");
    let line = with_env("maybe", &[]).error_125();
    assert!(line.contains("BUILDAH_LAYERS"), "{line}");
    // buildx's --load is taken (the image is stored locally in any case).
    let d = dir.display().to_string();
    env.run_ok(&["buildx", "build", "--load", "-q", "-t", "loaded", &d]);
    env.run_ok(&["image", "exists", "loaded"]);
}

#[test]
fn a_missing_authfile_is_refused_and_an_ignore_files_folders_follow_podmans_rule() {
    let (env, _reg) = busybox_world();
    let line = env
        .run_stdin(
            &["build", "--authfile=/nonexistent/auth.json", "-"],
            b"FROM scratch\n",
        )
        .error_125();
    assert!(
        line.contains("/nonexistent/auth.json: no such file or directory"),
        "{line}"
    );
    // An excluded folder is walked only for an exception whose own path lies in it: `!*/keep*`
    // takes back `one/keep` (walked for `!one/also`) but not `two/keep`.
    let dir = context(
        env.user(),
        "ignored",
        &[
            ("Containerfile", "FROM busybox\nCOPY . /ctx/\n"),
            (".dockerignore", "one\ntwo\n!*/keep*\n!one/also\n"),
            ("one/keep", "k"),
            ("one/also", "a"),
            ("one/drop", "d"),
            ("two/keep", "k"),
            ("three", "t"),
        ],
    );
    let out = build(&env, &dir, &["-q", "-t", "ignored"]);
    assert_eq!(out.code, Some(0), "{out}");
    let found = env.run_ok(&["run", "--rm", "ignored", "find", "/ctx", "-type", "f"]);
    let mut found: Vec<&str> = found.lines().collect();
    found.sort();
    assert_eq!(
        found,
        [
            "/ctx/.dockerignore",
            "/ctx/Containerfile",
            "/ctx/one/also",
            "/ctx/one/keep",
            "/ctx/three"
        ]
    );
}

#[test]
fn rmi_takes_the_dangling_parents_a_build_left_unless_another_image_needs_them() {
    let (env, _reg) = busybox_world();
    let file = |last: &str| format!("FROM busybox\nRUN echo shared\nRUN echo {last}\n");
    let a = context(env.user(), "a", &[("Containerfile", &file("a"))]);
    let b = context(env.user(), "b", &[("Containerfile", &file("b"))]);
    for (dir, tag) in [(&a, "a"), (&b, "b")] {
        let out = build(&env, dir, &["-q", "-t", tag]);
        assert_eq!(out.code, Some(0), "{out}");
    }
    let count = || env.run_ok(&["images", "-a", "-q"]).lines().count();
    // busybox, the shared step, a and b.
    assert_eq!(count(), 4);
    let deleted = |out: &str| out.lines().filter(|l| l.starts_with("Deleted: ")).count();
    // b's parent (the shared step) stays for a.
    let out = env.run_ok(&["rmi", "b"]);
    assert_eq!(deleted(&out), 1, "{out}");
    assert_eq!(count(), 3);
    // --no-prune keeps a's parent; a new build of b then finds it in its cache.
    let out = env.run_ok(&["rmi", "--no-prune", "a"]);
    assert_eq!(deleted(&out), 1, "{out}");
    assert_eq!(count(), 2);
    let again = build(&env, &b, &["-t", "b"]);
    assert!(again.stdout.contains("Using cache"), "{again}");
    // Now b's parent has no other child: both go.
    let out = env.run_ok(&["rmi", "b"]);
    assert_eq!(deleted(&out), 2, "{out}");
    assert_eq!(count(), 1, "busybox, named, stays");
}

#[test]
fn a_volume_list_that_is_not_json_gives_volumes_from_the_root_as_docker_does() {
    let (env, _reg) = busybox_world();
    let dir = context(
        env.user(),
        "oddvol",
        &[(
            "Containerfile",
            "FROM busybox\nVOLUME ['/etc/foo', '/etc/bar']\n",
        )],
    );
    let out = build(&env, &dir, &["-t", "oddvol"]);
    assert_eq!(out.code, Some(0), "{out}");
    let found = env.run_ok(&["run", "--rm", "oddvol", "find", "/[", "/etc/bar]", "-print"]);
    assert_eq!(found, "/[\n/[/etc\n/[/etc/foo,\n/etc/bar]\n");
    // Both are volumes (another device than the root), their parents plain folders.
    let devs = env.run_ok(&[
        "run",
        "--rm",
        "oddvol",
        "stat",
        "-c",
        "%D",
        "/",
        "/[",
        "/[/etc/foo,",
        "/etc/bar]",
    ]);
    let d: Vec<&str> = devs.lines().collect();
    assert_eq!(d[0], d[1], "{devs}");
    assert_ne!(d[0], d[2], "{devs}");
    assert_ne!(d[0], d[3], "{devs}");
}
