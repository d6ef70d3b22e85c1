//! Drives the real `rcon-idmap` (with file capabilities) and the real user-namespace helper as
//! the unprivileged users `rcontest` (subordinate ids 100000:65536) and `rconsingle` (none).
//!
//! Needs root to set capabilities and switch users; otherwise every test prints why it skips.
//! The unprivileged side of the library tests runs this very test binary again as the test
//! user (the ignored test `role_child`), so nothing depends on the CLI's commands.
use rcon::linux::idmap::IdMap;
use rcon::linux::userns;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RCON_IDMAP: &str = env!("CARGO_BIN_EXE_rcon-idmap");
const RCON: &str = env!("CARGO_BIN_EXE_rcon");

/// The binary that carries `helper_main`: the built `rcon`, or `RCON_TEST_RCON_BIN` to try the
/// helper against another build.
fn rcon_bin() -> String {
    std::env::var("RCON_TEST_RCON_BIN").unwrap_or_else(|_| RCON.to_string())
}

/// The test user's uid and gid, or a printed reason to skip.
fn test_user(name: &str) -> Option<(u32, u32)> {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipping: needs root to set file capabilities and switch to {name}");
        return None;
    }
    match nix::unistd::User::from_name(name) {
        Ok(Some(user)) => Some((user.uid.as_raw(), user.gid.as_raw())),
        _ => {
            eprintln!("skipping: user {name} does not exist");
            None
        }
    }
}

/// A world-readable folder holding a copy of rcon-idmap, with `cap_setuid,cap_setgid+ep`
/// when `capabilities` is true.
fn helper_dir(capabilities: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let copy = dir.path().join("rcon-idmap");
    std::fs::copy(RCON_IDMAP, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    if capabilities {
        if Command::new("setcap").arg("-h").output().is_err() {
            let status = Command::new("apt-get")
                .args(["install", "-y", "-q", "libcap2-bin"])
                .status()
                .unwrap();
            assert!(status.success(), "cannot install libcap2-bin for setcap");
        }
        let status = Command::new("setcap")
            .args(["cap_setuid,cap_setgid+ep"])
            .arg(&copy)
            .status()
            .unwrap();
        assert!(status.success(), "setcap failed on {}", copy.display());
    }
    dir
}

fn run_as(user: &str, program: &str, args: &[&str]) -> Output {
    Command::new("runuser")
        .args(["-u", user, "--", program])
        .args(args)
        .current_dir("/")
        .output()
        .unwrap()
}

/// What one rcon-idmap call did to its target.
#[derive(Debug)]
struct Attempt {
    code: i32,
    stderr: String,
    uid_map: String,
    gid_map: String,
    setgroups: String,
}

/// Runs, as `user`, a shell that starts a target (`child`: `unshare --user sleep` as its own
/// child; `grandchild`: the same, one generation further; `plain`: a child without a new user
/// namespace; `init`: pid 1) and then `rcon-idmap <target> <args…>` beside it.
fn attempt(user: &str, helper: &Path, target: &str, args: &str) -> Attempt {
    attempt_as(user, helper, target, "now", args)
}

/// [`attempt`], with `how` rcon-idmap is told to write: `now` (no `--wait`), `go` (`--wait`,
/// one byte on its stdin) or `eof` (`--wait`, stdin at its end at once).
fn attempt_as(user: &str, helper: &Path, target: &str, how: &str, args: &str) -> Attempt {
    const SCRIPT: &str = r#"
mode="$1"; helper="$2"; how="$3"; shift 3
case "$mode" in
  child) unshare --user sleep 30 & pid=$! ;;
  grandchild) pid=$(sh -c 'unshare --user sleep 30 >/dev/null 2>&1 & echo $!') ;;
  plain) sleep 30 & pid=$! ;;
  init) pid=1 ;;
esac
if [ "$mode" = child ] || [ "$mode" = grandchild ]; then
  n=0
  while [ "$(readlink /proc/$pid/ns/user)" = "$(readlink /proc/self/ns/user)" ]; do
    n=$((n + 1)); [ $n -gt 500 ] && exit 3; sleep 0.01
  done
fi
case "$how" in
  go) printf 1 | "$helper" --wait "$pid" "$@" ;;
  eof) "$helper" --wait "$pid" "$@" </dev/null ;;
  *) "$helper" "$pid" "$@" ;;
esac
echo "rc=$?"
cat /proc/$pid/uid_map; echo "--"; cat /proc/$pid/gid_map; echo "--"; cat /proc/$pid/setgroups
[ "$pid" != 1 ] && kill "$pid"
exit 0
"#;
    let helper = helper.to_str().unwrap();
    let mut argv = vec!["-c", SCRIPT, "sh", target, helper, how];
    argv.extend(args.split_whitespace());
    let out = run_as(user, "/bin/sh", &argv);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "script failed: {stdout}\n{stderr}");
    let (rc, rest) = stdout.split_once('\n').unwrap();
    let mut parts = rest.split("--\n");
    let mut next = || parts.next().unwrap_or_default().trim().to_string();
    Attempt {
        code: rc.trim_start_matches("rc=").parse().unwrap(),
        stderr,
        uid_map: next(),
        gid_map: next(),
        setgroups: next(),
    }
}

fn squash(map: &str) -> String {
    map.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn rcon_idmap_writes_multi_range_maps_for_the_callers_child_at_once_or_on_its_go() {
    let Some((uid, gid)) = test_user("rcontest") else {
        return;
    };
    let dir = helper_dir(true);
    let helper = dir.path().join("rcon-idmap");
    let args = format!("uid 0 {uid} 1 1 100000 65536 gid 0 {gid} 1 1 100000 65536");
    let got = attempt("rcontest", &helper, "child", &args);
    assert_eq!(got.code, 0, "{got:?}");
    assert_eq!(squash(&got.uid_map), format!("0 {uid} 1,1 100000 65536"));
    assert_eq!(squash(&got.gid_map), format!("0 {gid} 1,1 100000 65536"));
    // Subordinate gids were granted, so setgroups stays allowed.
    assert_eq!(got.setgroups, "allow");

    // With --wait it writes on the caller's go, and nothing when the caller gives up.
    let waited = attempt_as("rcontest", &helper, "child", "go", &args);
    assert_eq!(waited.code, 0, "{waited:?}");
    assert_eq!(squash(&waited.uid_map), format!("0 {uid} 1,1 100000 65536"));
    let gave_up = attempt_as("rcontest", &helper, "child", "eof", &args);
    assert_eq!(gave_up.code, 1, "{gave_up:?}");
    assert!(
        gave_up.uid_map.is_empty() && gave_up.gid_map.is_empty(),
        "{gave_up:?}"
    );
    assert!(
        gave_up
            .stderr
            .contains("gave up before the target was ready"),
        "{gave_up:?}"
    );

    let check = run_as(
        "rcontest",
        helper.to_str().unwrap(),
        &format!("--check {args}")
            .split_whitespace()
            .collect::<Vec<_>>(),
    );
    assert!(check.status.success(), "{check:?}");
}

#[test]
fn rcon_idmap_refuses_foreign_overflowing_overlapping_and_out_of_range_requests() {
    let Some((uid, gid)) = test_user("rcontest") else {
        return;
    };
    let dir = helper_dir(true);
    let helper = dir.path().join("rcon-idmap");
    let gids = format!("gid 0 {gid} 1");
    let cases = [
        ("init", format!("uid 0 {uid} 1 {gids}"), "not owned"),
        ("grandchild", format!("uid 0 {uid} 1 {gids}"), "not a child"),
        (
            "plain",
            format!("uid 0 {uid} 1 {gids}"),
            "new user namespace",
        ),
        (
            "child",
            format!("uid 0 100000 65537 {gids}"),
            "outside the ranges",
        ),
        (
            "child",
            format!("uid 0 99999 2 {gids}"),
            "outside the ranges",
        ),
        (
            "child",
            format!("uid 0 {} 1 {gids}", uid + 1),
            "outside the ranges",
        ),
        (
            "child",
            format!("uid 0 {uid} 1 4294967295 100000 1 {gids}"),
            "overflows",
        ),
        (
            "child",
            format!("uid 0 100000 10 5 100100 10 {gids}"),
            "overlap inside",
        ),
        (
            "child",
            format!("uid 0 100000 10 100 100005 10 {gids}"),
            "overlap on the host",
        ),
        (
            "child",
            format!("uid 0 {uid} 1 gid 0 200000 1"),
            "outside the ranges",
        ),
    ];
    for (target, args, reason) in cases {
        let got = attempt("rcontest", &helper, target, &args);
        assert_eq!(got.code, 1, "{target} {args}: {got:?}");
        assert!(
            got.stderr.starts_with("rcon-idmap: ") && got.stderr.contains(reason),
            "{target} {args}: expected {reason:?} in {:?}",
            got.stderr
        );
        assert_eq!(got.stderr.lines().count(), 1, "{:?}", got.stderr);
        if target == "child" {
            assert_eq!(got.uid_map, "", "{args}: a refused map was written");
        }
    }
}

#[test]
fn rcon_idmap_gives_a_user_without_subordinate_ids_only_the_self_map() {
    let Some((uid, gid)) = test_user("rconsingle") else {
        return;
    };
    let dir = helper_dir(true);
    let helper = dir.path().join("rcon-idmap");
    let refused = attempt(
        "rconsingle",
        &helper,
        "child",
        &format!("uid 0 {uid} 1 1 100000 1 gid 0 {gid} 1"),
    );
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(refused
        .stderr
        .contains("outside the ranges /etc/subuid grants to rconsingle"));

    let got = attempt(
        "rconsingle",
        &helper,
        "child",
        &format!("uid 0 {uid} 1 gid 0 {gid} 1"),
    );
    assert_eq!(got.code, 0, "{got:?}");
    assert_eq!(squash(&got.uid_map), format!("0 {uid} 1"));
    // The self map alone must not let the user drop supplementary groups.
    assert_eq!(got.setgroups, "deny");
}

/// Whether the rcon binary dispatches `__userns-helper` to `runtime::role::main` (src/main.rs).
fn rcon_dispatches_helper() -> bool {
    let rcon = rcon_bin();
    let out = Command::new(&rcon)
        .args([userns::HELPER_ARG, "remove", "/nonexistent"])
        .env_remove("_RCON_USERNS_SYNC")
        .output()
        .unwrap();
    let dispatched = String::from_utf8_lossy(&out.stderr).contains("internal to rcon");
    if !dispatched {
        eprintln!(
            "skipping: {RCON} does not dispatch {} yet",
            userns::HELPER_ARG
        );
    }
    dispatched
}

/// A tree under a folder owned by `uid`, with a part owned by subordinate ids and a symlink
/// out of it; returns (base, tree, outside file the symlink points into).
fn tree_with_subordinate_files(uid: u32, gid: u32) -> (tempfile::TempDir, PathBuf, PathBuf) {
    use std::os::unix::fs::{chown, lchown};
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    chown(base.path(), Some(uid), Some(gid)).unwrap();
    let outside = base.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("keep"), b"keep").unwrap();
    let tree = base.path().join("tree");
    let sub = tree.join("sub");
    std::fs::create_dir_all(sub.join("deeper")).unwrap();
    std::fs::write(sub.join("file"), b"x").unwrap();
    std::fs::write(sub.join("deeper/x"), b"x").unwrap();
    std::fs::write(tree.join("mine"), b"x").unwrap();
    std::os::unix::fs::symlink(&outside, tree.join("link")).unwrap();
    for p in [&tree, &tree.join("mine"), &outside, &outside.join("keep")] {
        chown(p, Some(uid), Some(gid)).unwrap();
    }
    lchown(tree.join("link"), Some(uid), Some(gid)).unwrap();
    for (p, owner, mode) in [
        (sub.join("deeper/x"), 100_007, 0o600),
        (sub.join("deeper"), 100_007, 0o700),
        (sub.join("file"), 100_005, 0o600),
        (sub.clone(), 100_005, 0o700),
    ] {
        chown(&p, Some(owner), Some(owner)).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    (base, tree, outside)
}

/// Runs `role_child` of this test binary as `user` with the given role and PATH.
fn run_role(user: &str, role: &str, target: &Path, path_env: &str) -> Output {
    let me = std::env::current_exe().unwrap();
    Command::new("runuser")
        .args(["-u", user, "--", "env"])
        .arg(format!("PATH={path_env}"))
        .arg(format!("RCON_IDMAP_TEST_ROLE={role}"))
        .arg(format!("RCON_IDMAP_TEST_TARGET={}", target.display()))
        .arg(format!("RCON_TEST_RCON_BIN={}", rcon_bin()))
        .arg(me)
        .args(["--exact", "role_child", "--ignored", "--nocapture"])
        .current_dir("/")
        .output()
        .unwrap()
}

/// The unprivileged side: detects the id map, prints it, removes the target tree.
#[test]
#[ignore = "run by the other tests of this file as an unprivileged user"]
fn role_child() {
    let Ok(role) = std::env::var("RCON_IDMAP_TEST_ROLE") else {
        return;
    };
    let target = PathBuf::from(std::env::var("RCON_IDMAP_TEST_TARGET").unwrap());
    userns::set_helper_exe(PathBuf::from(rcon_bin()));
    let map = IdMap::detect();
    println!("MAP {}", map.describe());
    if role == "remove" {
        match rcon::ipc::helper::remove_tree(&map, &target) {
            Ok(()) => println!("REMOVED"),
            Err(e) => println!("FAILED {e}"),
        }
    }
}

fn check_remove(user: &str, uid: u32, gid: u32, path_env: &str, expect_map: &str) -> String {
    let (_base, tree, outside) = tree_with_subordinate_files(uid, gid);
    let out = run_role(user, "remove", &tree, path_env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stdout.contains(&format!("MAP {expect_map}")),
        "{stdout}\n{stderr}"
    );
    assert!(stdout.contains("REMOVED"), "{stdout}\n{stderr}");
    assert!(!tree.exists(), "{} survived", tree.display());
    assert!(outside.join("keep").exists(), "the symlink was followed");
    stderr
}

#[test]
fn remove_helper_deletes_files_of_subordinate_ids_via_rcon_idmap() {
    let Some((uid, gid)) = test_user("rcontest") else {
        return;
    };
    if !rcon_dispatches_helper() {
        return;
    }
    let dir = helper_dir(true);
    let path_env = format!("{}:/usr/bin:/bin", dir.path().display());
    let expect = format!("multi-range via rcon-idmap: 0:{uid}:1,1:100000:65536");
    let stderr = check_remove("rcontest", uid, gid, &path_env, &expect);
    assert!(!stderr.contains("single-uid"), "{stderr}");
}

#[test]
fn remove_helper_deletes_files_of_subordinate_ids_via_newuidmap() {
    let Some((uid, gid)) = test_user("rcontest") else {
        return;
    };
    if !Path::new("/usr/bin/newuidmap").exists() {
        eprintln!("skipping: newuidmap is not installed (package uidmap)");
        return;
    }
    if !rcon_dispatches_helper() {
        return;
    }
    let expect = format!("multi-range via newuidmap: 0:{uid}:1,1:100000:65536");
    check_remove("rcontest", uid, gid, "/usr/bin:/bin", &expect);
}

#[test]
fn detect_falls_back_to_single_uid_and_warns_once_when_rcon_idmap_lacks_capabilities() {
    let Some((uid, gid)) = test_user("rcontest") else {
        return;
    };
    if !rcon_dispatches_helper() {
        return;
    }
    // No capabilities and no newuidmap in PATH: nothing can write a multi-range map.
    let dir = helper_dir(false);
    let path_env = dir.path().display().to_string();
    let (_base, tree, _outside) = tree_with_subordinate_files(uid, gid);
    let out = run_role("rcontest", "detect", &tree, &path_env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("MAP single-uid (") && stdout.contains("missing capabilities"),
        "{stdout}"
    );
    assert_eq!(
        stderr
            .matches("rcon: warning: running in single-uid mode")
            .count(),
        1,
        "{stderr}"
    );
}

#[test]
fn remove_helper_works_single_uid_for_a_user_without_subordinate_ids() {
    let Some((uid, gid)) = test_user("rconsingle") else {
        return;
    };
    if !rcon_dispatches_helper() {
        return;
    }
    let (_base, tree, _outside) = tree_with_subordinate_files(uid, gid);
    // Only the user's own files: the subordinate-owned part is given to the user here.
    for p in ["sub/deeper/x", "sub/deeper", "sub/file", "sub"] {
        std::os::unix::fs::chown(tree.join(p), Some(uid), Some(gid)).unwrap();
    }
    let out = run_role("rconsingle", "remove", &tree, "/usr/bin:/bin");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("MAP single-uid (no /etc/subuid entry for rconsingle)"),
        "{stdout}\n{stderr}"
    );
    assert!(stdout.contains("REMOVED"), "{stdout}\n{stderr}");
    assert!(!tree.exists());
    assert!(stderr.contains("rcon: warning: running in single-uid mode"));
}
