//! A container on the FUSE overlay cannot make the overlay's server act on the user's files
//! outside the container: it races the server by swapping a folder for a symlink that points
//! at a folder of the user's home (renames through the mount) while other loops chmod, touch,
//! write and create names in that folder. The server resolves every name beneath its layers
//! without following a symlink and runs in an empty root of its own, so the home folder's
//! file keeps its mode, content and times and nothing new appears beside it.
mod common;

use common::world::busybox_world;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// How long the container races the server.
const RACE_SECONDS: u32 = 8;

/// The container's script: `TARGET` is the host folder the symlink points at.
///
/// In `/w`, the folder `d` holds a fifo `f` (no open file the server would keep, so every
/// chmod and touch goes to the server by name) and a regular file `g`. Victim loops sit in the
/// folder itself (their working folder follows it whatever its name) and chmod, touch and
/// create names in it; the swapper exchanges `d` and a symlink `s` to `TARGET`
/// (renameat2 RENAME_EXCHANGE, one request to the server) as fast as it can, so whenever the
/// server has computed a path through the folder's name, that name may be the symlink by the
/// time it uses it. Busybox cannot exchange, so the loops are the host's python3 (from the
/// host's /usr mounted at /hostusr, as tests/fuse.rs does).
const SCRIPT: &str = r#"
py() {
  PYTHONHOME=/hostusr /hostusr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
    --library-path /hostusr/lib/x86_64-linux-gnu /hostusr/bin/python3 -S "$@"
}
mkdir -p /w/d && cd /w && mkfifo d/f && echo in > d/g && ln -s TARGET s
py -c '
import os, sys
os.chdir("/w/d")
me = sys.argv[1]
n = 0
while not os.path.exists("/w/stop"):
    n += 1
    for op in (
        lambda: os.chmod("f", 0o777),
        lambda: os.utime("f"),
        lambda: os.chmod("g", 0o700),
        lambda: os.mkdir("n" + me),
        lambda: os.rmdir("n" + me),
        lambda: open("c" + me, "w").write("owned"),
        lambda: os.unlink("c" + me),
        lambda: os.mkfifo("p" + me),
        lambda: os.unlink("p" + me),
    ):
        try:
            op()
        except OSError:
            pass
print("victim", n)
' 1 &
py -c '
import os, sys
os.chdir("/w/d")
n = 0
while not os.path.exists("/w/stop"):
    n += 1
    for _ in range(20):
        try:
            os.chmod("f", 0o777)
            os.utime("f")
        except OSError:
            pass
print("victim", n)
' 2 &
py -c '
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
os.chdir("/w")
n = 0
while not os.path.exists("/w/stop"):
    n += 1
    if libc.renameat2(-100, b"d", -100, b"s", 2) != 0:
        print("exchange failed", ctypes.get_errno())
        break
print("swaps", n)
' &
sleep SECONDS
touch /w/stop
wait
echo done
"#;

#[test]
fn a_container_swapping_a_folder_for_a_symlink_cannot_reach_the_users_files() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let target = user.home.join("escape-target");
    let victim = user.write_file(target.join("f"), "host file\n");
    user.write_file(target.join("g"), "host g\n");
    // Times the race would change (touch, writes).
    let when = nix::sys::time::TimeSpec::new(1_000_000_000, 0);
    for name in ["f", "g"] {
        nix::sys::stat::utimensat(
            None,
            &target.join(name),
            &when,
            &when,
            nix::sys::stat::UtimensatFlags::NoFollowSymlink,
        )
        .unwrap();
    }
    let before = snapshot(&target);
    let script = SCRIPT
        .replace("TARGET", &target.display().to_string())
        .replace("SECONDS", &RACE_SECONDS.to_string());
    let out = env.run(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "-v",
        "/usr:/hostusr:ro",
        "busybox",
        "sh",
        "-c",
        &script,
    ]);
    assert!(out.stdout.contains("done"), "the race did not run: {out}");
    // Not vacuous: the folder really changed places many times under working victims.
    let count = |what: &str| -> u64 {
        out.stdout
            .lines()
            .filter_map(|l| l.strip_prefix(what))
            .map(|n| n.trim().parse::<u64>().unwrap())
            .min()
            .unwrap_or_else(|| panic!("no {what:?} count: {out}"))
    };
    eprintln!(
        "raced {} exchanges against victims of at least {} rounds",
        count("swaps "),
        count("victim ")
    );
    assert!(count("swaps ") > 1000, "too few exchanges: {out}");
    assert!(count("victim ") > 100, "too few victim rounds: {out}");
    let after = snapshot(&target);
    assert_eq!(
        before,
        after,
        "the container changed the user's folder {} through the FUSE server",
        target.display()
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "host file\n");
}

/// Every name in `dir` with its mode, size, content and modification time.
fn snapshot(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        // Read first: the read itself may set the access time once (relatime).
        let content = std::fs::read_to_string(&p).unwrap_or_default();
        let m = std::fs::symlink_metadata(&p).unwrap();
        out.push(format!(
            "{} mode={:o} size={} mtime={} atime={} content={content:?}",
            p.display(),
            m.permissions().mode(),
            m.size(),
            m.mtime(),
            m.atime()
        ));
    }
    let dir_meta = std::fs::metadata(dir).unwrap();
    out.push(format!(
        "{} mode={:o} mtime={}",
        dir.display(),
        dir_meta.permissions().mode(),
        dir_meta.mtime()
    ));
    out
}

/// The server's confinement: it serves from an empty, read-only root in a mount namespace of
/// its own (its only mount), with no_new_privs, and the container still works.
#[test]
fn the_fuse_server_serves_from_an_empty_root_of_its_own() {
    let (env, _reg) = busybox_world();
    let id = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "-d",
        "busybox",
        "sleep",
        "1000",
    ]);
    let id = id.trim();
    let server = fuse_server(id);
    let root = format!("/proc/{server}/root");
    let names: Vec<_> = std::fs::read_dir(&root).unwrap().collect();
    assert!(names.is_empty(), "the server's root holds {names:?}");
    let mounts = std::fs::read_to_string(format!("/proc/{server}/mountinfo")).unwrap();
    assert_eq!(mounts.lines().count(), 1, "{mounts}");
    assert!(mounts.contains(" / / ro,"), "{mounts}");
    let status = std::fs::read_to_string(format!("/proc/{server}/status")).unwrap();
    assert!(status.contains("NoNewPrivs:\t1"), "{status}");
    // Still serving: the container writes, renames and lists through it.
    let out = env.run_ok(&[
        "exec",
        id,
        "sh",
        "-c",
        "mkdir -p /x/y && echo hi > /x/y/f && mv /x/y /x/z && cat /x/z/f && ls /x",
    ]);
    assert_eq!(out, "hi\nz\n");
    env.run_ok(&["rm", "-f", id]);
}

/// The pid of the `rcon-fuse` process of container `id`.
fn fuse_server(id: &str) -> u32 {
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if comm.trim() == "rcon-fuse" && String::from_utf8_lossy(&cmdline).contains(id) {
            return pid;
        }
    }
    panic!("no fuse server for {id}");
}
