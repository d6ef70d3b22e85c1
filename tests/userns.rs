//! `--userns keep-id`: the user's own uid and gid inside, the image's owners kept as the image
//! has them, bind-mounted folders of the user's owned by the user inside, and nothing of the
//! image copied or chowned for it. Through the real binary as the test user.
mod common;

use common::world::busybox_world;
use std::os::unix::fs::MetadataExt;

fn lines(out: &str) -> Vec<&str> {
    out.lines().collect()
}

#[test]
fn keep_id_runs_as_the_user_and_keeps_the_images_owners() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let work = user.home.join("work");
    user.mkdirs(&work);
    user.write_file(work.join("own"), "mine\n");
    let script = "id -u; id -g; id -un; echo $HOME; pwd; \
        stat -c %u:%g /etc /etc/passwd /home/user /work /work/own; \
        touch /work/made-inside; grep -c \"^$(id -un):\" /etc/passwd";
    let volume = format!("{}:/work", work.display());
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--userns=keep-id",
        "-v",
        &volume,
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    let ids = format!("{}:{}", user.uid, user.gid);
    assert_eq!(
        lines(&out),
        [
            user.uid.to_string().as_str(),
            user.gid.to_string().as_str(),
            user.name.as_str(),
            // No mount brings the user's home in: the working folder, as with Podman.
            "/",
            "/",
            "0:0",
            "0:0",
            "1000:1000",
            ids.as_str(),
            ids.as_str(),
            "1",
        ],
        "{out}"
    );
    let made = std::fs::metadata(work.join("made-inside")).unwrap();
    assert_eq!((made.uid(), made.gid()), (user.uid, user.gid));

    // Without keep-id the same folder is root's inside, and the image's files too.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "-v",
        &volume,
        "busybox",
        "sh",
        "-c",
        "id -u; stat -c %u:%g /work/own /home/user",
    ]);
    assert_eq!(lines(&out), ["0", "0:0", "1000:1000"], "{out}");
}

#[test]
fn keep_id_takes_named_ids_and_an_explicit_user_wins() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    // The image has user 1000: its entry is used, none is added.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--userns=keep-id:uid=1000,gid=1000",
        "busybox",
        "sh",
        "-c",
        "id -un; touch /home/user/f && stat -c %u:%g /home/user/f; grep -c . /etc/passwd",
    ]);
    assert_eq!(lines(&out), ["user", "1000:1000", "3"], "{out}");
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id",
        "--user",
        "0",
        "busybox",
        "sh",
        "-c",
        "id -u; touch /root/f && stat -c %u:%g /root/f",
    ]);
    assert_eq!(lines(&out), ["0", "0:0"], "{out}");
    // The last --userns wins, as Podman's scripts expect.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--userns=private",
        "--userns=keep-id",
        "busybox",
        "id",
        "-u",
    ]);
    assert_eq!(out.trim(), user.uid.to_string());
}

#[test]
fn exec_cp_commit_and_restart_see_the_same_ids() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "k",
        "--userns=keep-id",
        "busybox",
        "sleep",
        "300",
    ]);
    let out = env.run_ok(&["exec", "k", "sh", "-c", "id -u; touch /tmp/mine"]);
    assert_eq!(out.trim(), user.uid.to_string());
    env.run_ok(&[
        "exec",
        "-u",
        "root",
        "k",
        "sh",
        "-c",
        "echo x > /etc/by-root",
    ]);
    let out = env.run_ok(&["exec", "-u", &user.name, "k", "id", "-u"]);
    assert_eq!(out.trim(), user.uid.to_string(), "the added entry resolves");
    let host = user.write_file("keepid-cp/hostfile", "from host\n");
    env.run_ok(&["cp", &host.display().to_string(), "k:/tmp/hostfile"]);
    let ids = format!("{}:{}", user.uid, user.gid);
    let out = env.run_ok(&[
        "exec",
        "k",
        "stat",
        "-c",
        "%u:%g",
        "/tmp/mine",
        "/etc/by-root",
        "/tmp/hostfile",
    ]);
    assert_eq!(lines(&out), [ids.as_str(), "0:0", "0:0"], "{out}");

    env.run_ok(&["commit", "-q", "k", "keepid-image"]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "keepid-image",
        "stat",
        "-c",
        "%u:%g",
        "/tmp/mine",
        "/etc/by-root",
        "/bin/busybox",
    ]);
    assert_eq!(lines(&out), [ids.as_str(), "0:0", "0:0"], "{out}");

    env.run_ok(&["restart", "-t", "0", "k"]);
    let out = env.run_ok(&[
        "exec",
        "k",
        "sh",
        "-c",
        "id -u; grep -c \"^$(id -un):\" /etc/passwd",
    ]);
    assert_eq!(lines(&out), [user.uid.to_string().as_str(), "1"], "{out}");
    let inspect = common::world::inspect(&env, "k");
    assert_eq!(
        inspect["HostConfig"]["UsernsMode"],
        format!("keep-id:uid={},gid={}", user.uid, user.gid)
    );
    env.run_ok(&["rm", "-f", "-t", "0", "k"]);
}

#[test]
fn bad_userns_values_and_impossible_setups_get_one_line_and_125() {
    let (env, _reg) = busybox_world();
    for bad in ["keep-id:size=5", "keep-id:uid=x", "auto", "nomap", "bogus"] {
        let line = env
            .run(&["run", "--rm", &format!("--userns={bad}"), "busybox", "true"])
            .error_125();
        assert!(line.contains("--userns"), "{bad}: {line}");
    }
    let line = env
        .run(&[
            "--storage-driver",
            "overlay",
            "run",
            "--rm",
            "--userns=keep-id",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("fuse-overlay"), "{line}");
    assert_eq!(env.run_ok(&["ps", "-aq"]), "", "nothing was left behind");
}

#[test]
fn keep_id_without_subordinate_ids_says_what_is_missing() {
    let (env, _reg) = busybox_world();
    let single =
        |args: &[&str]| common::run_command(env.rcon_single(args), None, common::DEFAULT_TIMEOUT);
    let reg_conf =
        std::fs::read_to_string(env.user().config_home.join("containers/registries.conf")).unwrap();
    env.single().write_file(
        env.single().config_home.join("containers/registries.conf"),
        reg_conf,
    );
    single(&["pull", "-q", "busybox"]).ok();
    let line = single(&["run", "--rm", "--userns=keep-id", "busybox", "true"]).error_125();
    assert!(line.contains("subordinate ids"), "{line}");
}
