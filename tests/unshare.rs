//! `rcon unshare`, `rcon mount`/`umount`, `rcon image mount`/`umount` and `rcon system df`
//! through the real binary as the unprivileged test user: root of the store's user namespace
//! with the store's id map, files of subordinate ids removed there, the exit status passed
//! through; a container's files seen through its mounted root inside `unshare` and the refusal
//! outside; disk usage that agrees with `images`, `ps --size` and `volume ls`.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::{bins, Registry, TestEnv};
use serde_json::Value;

/// `busybox` plus `/srv/keep`, pulled by the test user.
fn setup() -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let extra = LayerBuilder::new()
        .dir("srv", 0o755, 0, 0)
        .file("srv/keep", b"kept\n", 0o644, 0, 0)
        .build(Compression::Gzip);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(extra)
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "busybox"]);
    (env, reg)
}

fn rcon_path() -> String {
    bins().rcon.display().to_string()
}

#[test]
fn unshare_runs_as_root_of_the_stores_user_namespace() {
    let (env, _reg) = setup();
    let user = env.user();
    assert_eq!(env.run_ok(&["unshare", "id", "-u"]), "0\n");
    let map = env.run_ok(&["unshare", "cat", "/proc/self/uid_map"]);
    let rows: Vec<Vec<u64>> = map
        .lines()
        .map(|l| l.split_whitespace().map(|n| n.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows[0], [0, u64::from(user.uid), 1], "{map}");
    if let Some(base) = user.subuid_base() {
        assert_eq!(rows[1][..2], [1, u64::from(base)], "{map}");
    }
    let out = env.run_ok(&[
        "unshare",
        "sh",
        "-c",
        "echo $RCON_UNSHARED; echo $CONTAINERS_GRAPHROOT; echo $CONTAINERS_RUNROOT",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1");
    assert_eq!(lines[1], env.storage().display().to_string());
    assert!(lines[2].ends_with("/rcon"), "{out}");
}

#[test]
fn unshare_passes_the_exit_status_through() {
    let (env, _reg) = setup();
    assert_eq!(env.run(&["unshare", "sh", "-c", "exit 7"]).code, Some(7));
    assert_eq!(env.run(&["unshare", "no-such-command"]).code, Some(127));
    // Without a command: $SHELL (or /bin/sh) reading stdin.
    let out = env.run_stdin(&["unshare"], b"id -u; exit 3\n");
    assert_eq!((out.code, out.stdout.as_str()), (Some(3), "0\n"), "{out}");
}

#[test]
fn unshare_rootless_netns_runs_in_the_networks_namespace() {
    // A container on a named network: the holder's namespace has its bridge, and
    // `unshare --rootless-netns` sees it (as root there), where plain `unshare` sees the
    // host's interfaces.
    let (env, _reg) = setup();
    env.run_ok(&[
        "network",
        "create",
        "--subnet",
        "10.89.7.0/24",
        "unsharenet",
    ]);
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "onnet",
        "--network",
        "unsharenet",
        "busybox",
        "sleep",
        "60",
    ]);
    let inside = env.run_ok(&[
        "unshare",
        "--rootless-netns",
        "sh",
        "-c",
        "id -u; cat /proc/net/dev",
    ]);
    assert!(inside.starts_with("0\n"), "{inside}");
    let bridge = inside
        .lines()
        .filter_map(|l| l.split_once(':').map(|(n, _)| n.trim().to_string()))
        .find(|n| n != "lo" && !n.contains('|') && !n.starts_with("Inter"))
        .unwrap_or_else(|| panic!("no bridge in the holder's namespace:\n{inside}"));
    let host = env.run_ok(&["unshare", "cat", "/proc/net/dev"]);
    assert_ne!(
        inside.lines().skip(1).collect::<Vec<_>>(),
        host.lines().collect::<Vec<_>>()
    );
    let addrs = env.run_ok(&["unshare", "--rootless-netns", "cat", "/proc/net/fib_trie"]);
    assert!(
        addrs.contains("10.89.7."),
        "the bridge {bridge} has the gateway:\n{addrs}"
    );
    env.run_ok(&["rm", "-f", "-t", "0", "onnet"]);
    env.run_ok(&["network", "rm", "unsharenet"]);
}

#[test]
fn unshare_removes_files_of_subordinate_ids_from_a_volume() {
    let (env, _reg) = setup();
    if env.user().subuid_base().is_none() {
        eprintln!("SKIPPED: the test user has no subordinate ids");
        return;
    }
    env.run_ok(&["volume", "create", "v"]);
    env.run_ok(&[
        "run",
        "-v",
        "v:/data",
        "busybox",
        "sh",
        "-c",
        "mkdir /data/d; echo x > /data/d/f; chown -R 1000:1000 /data/d; chmod 700 /data/d",
    ]);
    let inspect: Value = serde_json::from_str(&env.run_ok(&["volume", "inspect", "v"])).unwrap();
    let dir = format!("{}/d", inspect[0]["Mountpoint"].as_str().unwrap());
    // Outside, the folder belongs to a subordinate uid: the user cannot remove it.
    let out = common::run_command(
        env.user().command("rm", &["-rf", &dir]),
        None,
        std::time::Duration::from_secs(30),
    );
    assert_ne!(out.code, Some(0), "{out}");
    assert_eq!(env.run_ok(&["unshare", "stat", "-c", "%u", &dir]), "1000\n");
    env.run_ok(&["unshare", "rm", "-rf", &dir]);
    assert!(!std::path::Path::new(&dir).exists());
}

#[test]
fn mount_is_refused_outside_unshare_with_podmans_words() {
    let (env, _reg) = setup();
    env.run_ok(&["create", "--name", "c", "busybox", "true"]);
    let line = env.run(&["mount", "c"]).error_125();
    assert_eq!(
        line,
        "Error: cannot run command \"rcon mount\" in rootless mode, must execute `rcon unshare` first"
    );
    let line = env.run(&["image", "mount", "busybox"]).error_125();
    assert!(line.contains("\"rcon image mount\""), "{line}");
}

#[test]
fn mount_inside_unshare_shows_the_containers_files_until_umount() {
    let (env, _reg) = setup();
    for driver in ["overlay", "fuse-overlay", "vfs"] {
        let name = format!("m-{driver}");
        env.run_ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "busybox",
            "sh",
            "-c",
            "echo changed > /srv/keep; echo new > /srv/new",
        ]);
        let script = format!(
            "set -e; R={rcon}; p=$($R mount {name}); echo \"$p\"; cat \"$p/srv/keep\" \"$p/srv/new\"; \
             $R mount | grep -c \"$p\"; $R umount {name}; test -e \"$p/srv/new\" && echo still || echo gone",
            rcon = rcon_path()
        );
        let out = env.run_ok(&["unshare", "sh", "-c", &script]);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].ends_with("/rootfs"), "{driver}: {out}");
        assert_eq!(&lines[1..4], ["changed", "new", "1"], "{driver}: {out}");
        assert_eq!(lines[4], name, "{driver}: {out}");
        // vfs's root is the container's copy itself: nothing to take away.
        let expected = if driver == "vfs" { "still" } else { "gone" };
        assert_eq!(lines[5], expected, "{driver}: {out}");
    }
}

#[test]
fn image_mount_inside_unshare_is_read_only() {
    let (env, _reg) = setup();
    let script = format!(
        "R={rcon}; p=$($R image mount busybox); cat \"$p/srv/keep\"; touch \"$p/x\" 2>/dev/null && echo writable || echo read-only; \
         $R image mount | grep -c \"$p\"; $R image umount busybox >/dev/null; test -e \"$p/srv/keep\" && echo still || echo gone",
        rcon = rcon_path()
    );
    let out = env.run_ok(&["unshare", "sh", "-c", &script]);
    assert_eq!(out, "kept\nread-only\n1\ngone\n");
}

#[test]
fn system_df_agrees_with_images_ps_and_volumes() {
    let (env, _reg) = setup();
    env.run_ok(&["volume", "create", "used"]);
    env.run_ok(&["volume", "create", "unused"]);
    env.run_ok(&[
        "run",
        "--name",
        "a",
        "-v",
        "used:/data",
        "busybox",
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /srv/blob; head -c 3000 /dev/zero > /data/f",
    ]);
    env.run_ok(&["create", "--name", "b", "busybox", "true"]);
    let df: Value =
        serde_json::from_str(&env.run_ok(&["system", "df", "--format", "json"])).unwrap();
    let row = |t: &str| {
        df.as_array()
            .unwrap()
            .iter()
            .find(|r| r["Type"] == t)
            .cloned()
            .unwrap_or_else(|| panic!("no {t} row: {df}"))
    };
    let images: Value =
        serde_json::from_str(&env.run_ok(&["images", "-a", "--format", "json"])).unwrap();
    let img = row("Images");
    assert_eq!(img["Total"], images.as_array().unwrap().len());
    assert_eq!(img["Active"], 1);
    assert_eq!(img["RawSize"], images[0]["Size"]);
    assert_eq!(img["RawReclaimable"], 0);
    let ps: Value =
        serde_json::from_str(&env.run_ok(&["ps", "-a", "--size", "--format", "json"])).unwrap();
    let rw: u64 = ps
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["Size"]["rwSize"].as_u64().unwrap())
        .sum();
    let ctr = row("Containers");
    assert_eq!(
        (ctr["Total"].as_u64(), ctr["Active"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(ctr["RawSize"].as_u64(), Some(rw));
    assert!(rw >= 5000, "{ps}");
    assert_eq!(ctr["RawReclaimable"].as_u64(), Some(rw));
    let vol = row("Local Volumes");
    assert_eq!(
        (vol["Total"].as_u64(), vol["Active"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(vol["RawSize"].as_u64().unwrap() >= 3000, "{vol}");
    assert_eq!(vol["RawReclaimable"].as_u64(), Some(0));

    let table = env.run_ok(&["system", "df"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("TYPE           TOTAL       ACTIVE      SIZE        RECLAIMABLE"),
        "{table}"
    );
    assert!(lines[1].starts_with("Images "), "{table}");
    assert!(
        lines[3].starts_with("Local Volumes  2           1 "),
        "{table}"
    );
    let verbose = env.run_ok(&["system", "df", "-v"]);
    for part in [
        "Images space usage:",
        "Containers space usage:",
        "Local Volumes space usage:",
        "VOLUME NAME  LINKS       SIZE",
    ] {
        assert!(verbose.contains(part), "{verbose}");
    }
}
