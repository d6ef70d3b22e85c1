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

    // storage.conf's driver is the store's default: a keep-id container takes the FUSE
    // overlay anyway; only an explicit --storage-driver is held to (see the 125 test).
    user.write_file(
        user.config_home.join("containers/storage.conf"),
        "[storage]\ndriver = \"overlay\"\n",
    );
    let out = env.run_ok(&["run", "--rm", "--userns=keep-id", "busybox", "id", "-u"]);
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
    // cp gives what it copies in to the container's user (keep-id's: the user's own ids).
    assert_eq!(lines(&out), [ids.as_str(), "0:0", ids.as_str()], "{out}");

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
    for bad in [
        "keep-id:size=5",
        "keep-id:uid=x",
        "auto:size=x",
        "nomap:x",
        "host",
        "bogus",
    ] {
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
    let line = env
        .run(&[
            "run",
            "--rm",
            "--group-add",
            "keep-groups",
            "--group-add",
            "457",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("not allowed with any other"), "{line}");
    let line = env
        .run(&[
            "run",
            "--rm",
            "--group-add",
            "keep-groups",
            "busybox",
            "true",
        ])
        .error_125();
    assert!(line.contains("keep-groups is not supported"), "{line}");
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

/// The first line of /proc/self/uid_map inside, as `inside outside count` (the outside ids
/// are the store's: 0 is the user).
fn map_line(out: &str) -> Vec<u64> {
    out.split_whitespace().map(|n| n.parse().unwrap()).collect()
}

/// The host uid of the container's first process.
fn host_uid_of(env: &common::TestEnv, name: &str) -> u32 {
    let pid = env.run_ok(&["inspect", "--format", "{{.State.Pid}}", name]);
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap();
    let line = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn nomap_leaves_the_user_out_and_keeps_the_images_owners() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let work = user.home.join("nomap-work");
    user.mkdirs(&work);
    let volume = format!("{}:/work", work.display());
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "n",
        "--userns=nomap",
        "-v",
        &volume,
        "busybox",
        "sleep",
        "300",
    ]);
    let out = env.run_ok(&[
        "exec",
        "n",
        "sh",
        "-c",
        "id -u; stat -c %u:%g /etc/passwd /home/user /work; cat /proc/self/uid_map",
    ]);
    let l = lines(&out);
    assert_eq!(l[..4], ["0", "0:0", "1000:1000", "65534:65534"], "{out}");
    let map = map_line(l[4]);
    assert_eq!(map[..2], [0, 1], "{out}");
    let base = user.subuid_base().unwrap();
    assert_eq!(
        host_uid_of(&env, "n"),
        base,
        "root inside is the first subordinate id"
    );
    assert_eq!(
        common::world::inspect(&env, "n")["HostConfig"]["UsernsMode"],
        "nomap"
    );
    env.run_ok(&["rm", "-f", "-t", "0", "n"]);
}

#[test]
fn auto_gives_each_container_a_slice_of_its_own_and_takes_it_back() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let start = |name: &str, userns: &str| {
        env.run_ok(&[
            "run", "-d", "--name", name, userns, "busybox", "sleep", "300",
        ]);
        let out = env.run_ok(&[
            "exec",
            name,
            "sh",
            "-c",
            "cat /proc/self/uid_map; stat -c %u:%g /etc/passwd /home/user",
        ]);
        let l: Vec<String> = out.lines().map(str::to_string).collect();
        assert_eq!(l[1..], ["0:0", "1000:1000"], "{out}");
        let map = map_line(&l[0]);
        assert_eq!(map[0], 0, "{out}");
        assert!(map[1] >= 1, "never the user: {out}");
        (map[1], map[2])
    };
    let (a, a_size) = start("a", "--userns=auto:size=2000");
    let (b, b_size) = start("b", "--userns=auto");
    assert_eq!((a_size, b_size), (2000, 1024));
    assert!(
        a + a_size <= b || b + b_size <= a,
        "disjoint: {a}+{a_size}, {b}+{b_size}"
    );
    let base = u64::from(user.subuid_base().unwrap());
    assert_eq!(u64::from(host_uid_of(&env, "b")), base + b - 1);
    assert_eq!(
        common::world::inspect(&env, "a")["HostConfig"]["UsernsMode"],
        "private"
    );

    // No room for a slice as big as all the subordinate ids while others hold some.
    let line = env
        .run(&["run", "--rm", "--userns=auto:size=65536", "busybox", "true"])
        .error_125();
    assert!(line.contains("--userns auto"), "{line}");

    env.run_ok(&["rm", "-f", "-t", "0", "a", "b"]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--userns=auto:size=65536",
        "busybox",
        "cat",
        "/proc/self/uid_map",
    ]);
    assert_eq!(map_line(&out), [0, 1, 65536], "the slices came back: {out}");
}

#[test]
fn a_keep_id_pods_members_share_its_map_and_a_network_peer_keeps_its_own() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    env.run_ok(&["pod", "create", "--userns=keep-id", "--name", "kp"]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--pod",
        "kp",
        "busybox",
        "sh",
        "-c",
        "id -u; stat -c %u:%g /etc/passwd",
    ]);
    assert_eq!(lines(&out), [user.uid.to_string().as_str(), "0:0"], "{out}");
    env.run_ok(&["pod", "rm", "-f", "kp"]);

    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "kid",
        "--userns=keep-id",
        "busybox",
        "sleep",
        "300",
    ]);
    // It shares the network namespace, which belongs to the store's user namespace: it runs
    // there, with the store's map.
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--network",
        "container:kid",
        "busybox",
        "sh",
        "-c",
        "id -u; head -n1 /proc/self/uid_map",
    ]);
    let l = lines(&out);
    assert_eq!(l[0], "0", "{out}");
    assert_eq!(map_line(l[1])[..2], [0, u64::from(user.uid)], "{out}");
    env.run_ok(&["rm", "-f", "-t", "0", "kid"]);
}

#[test]
fn uidmap_and_gidmap_make_the_map_given() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let work = user.home.join("map-work");
    user.mkdirs(&work);
    let volume = format!("{}:/work", work.display());
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--uidmap",
        "0:1:500",
        "--uidmap",
        "500:0:1",
        "--gidmap",
        "0:1:2000",
        "-v",
        &volume,
        "busybox",
        "sh",
        "-c",
        "id -u; stat -c %u:%g /etc/passwd /work /home/user",
    ]);
    // The store's 0 (the user) is 500 inside; the image's 1000 is outside the uid map.
    assert_eq!(
        lines(&out),
        ["0", "0:0", "500:65534", "65534:1000"],
        "{out}"
    );
    for (flags, want) in [
        (["--uidmap", "0:1"], "--uidmap"),
        (["--uidmap", "0:1:70000"], "reaches past"),
        (["--userns=keep-id", "--uidmap=0:1:10"], "conflict"),
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend(["busybox", "true"]);
        let line = env.run(&args).error_125();
        assert!(line.contains(want), "{flags:?}: {line}");
    }
}
