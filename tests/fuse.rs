//! The FUSE overlay storage driver through the real binary as the test users: busybox runs on
//! it, `info` names the drivers, the same file-operation scripts give the same trees on the
//! kernel overlay and on the FUSE overlay (content, mode, owner, link count, size, symlink
//! targets, user xattrs), the cases the kernel overlay handles differently (renamed merged
//! folders, RENAME_NOREPLACE/EXCHANGE, hardlinks across copy-up) give what a plain folder
//! gives, open files outlive their names, and a supervisor killed with -9 leaves no server and
//! no mount behind.
mod common;

use common::layered::{self, MANIFEST};
use common::{Registry, TestEnv};
use std::time::{Duration, Instant};

fn setup() -> (TestEnv, Registry) {
    layered::setup_named("layered", true)
}

/// File operations whose result the kernel overlay and the FUSE overlay must agree on.
const SCRIPTS: &[(&str, &str)] = &[
    ("nothing", "true"),
    ("write-lower", "echo more >> /data/a/one && echo new > /data/a/owned"),
    ("truncate-and-chmod", ": > /data/a/sub/deep && chmod 4711 /data/a/sub/deep && chown 1000:1000 /data/a/sub/deep"),
    ("unlink-and-recreate", "rm /data/a/one-link /data/b/keep && echo again > /data/b/keep"),
    ("rmdir-and-mkdir", "rm -r /data/gone && mkdir /data/gone && touch /data/gone/fresh"),
    ("rename-file", "mv /data/a/one /data/b/moved && mv /data/b/top /data/top"),
    ("replace-by-rename", "echo src > /data/src && mv /data/src /data/b/keep"),
    ("symlinks", "ln -s /nowhere /data/dangling && ln -sf two /data/a/rel && rm /data/a/abs"),
    ("fifo-and-touch", "mkfifo -m 600 /data/fifo && touch -d '2001-02-03 04:05:06' /data/a/one"),
    ("opaque-folder", "ls /data/opaque > /data/opaque/listing && rm /data/opaque/new"),
    ("hardlink-new", "echo n > /data/n && ln /data/n /data/n2 && ln /data/a/sub/deep /data/deep2"),
    ("dd-and-truncate", "dd if=/dev/zero of=/data/big bs=4096 count=300 2>/dev/null && truncate -s 5000 /data/big"),
    ("xattrs-new", "echo x > /data/x && setx /data/x user.a 1 && setx /data/x user.b '' && mkdir /data/xd && setx /data/xd user.d dir && setx /data/x user.a 2"),
    ("xattrs-lower", "setx /data/a/one user.new n && setx /data/gone/x user.x x && rmx /data/a/owned user.layer && setx /data/a/sub user.deep yes && setx /data/b user.top t"),
    ("xattrs-survive-copy-up", "echo more >> /data/a/owned && chmod 640 /data/b/keep && mv /data/b/keep /data/b/kept && touch /data/a/x"),
    ("xattrs-then-rename", "echo y > /data/y && setx /data/y user.y 1 && mv /data/y /data/a/y && mkdir /data/yd && setx /data/yd user.yd 1 && mv /data/yd /data/b/yd && rm /data/b/top"),
    ("suid-kill", r#"echo g > /data/g && chmod 6777 /data/a/owned /data/b/keep && chmod 2766 /data/g && py -c 'import os; os.setgid(1000); os.setuid(1000); open("/data/a/owned", "a").write("w"); os.truncate("/data/b/keep", 2); open("/data/g", "a").write("w")' && echo root >> /data/a/suid"#),
    ("many-files", "mkdir /data/many && for i in $(seq 1 300); do echo $i > /data/many/f$i; done && rm /data/many/f1*"),
];

/// The host's python3 (busybox has no setfattr), run from the host's /usr mounted at /hostusr:
/// `setx PATH NAME VALUE`, `rmx PATH NAME`, and `xattrs`, which prints the user xattrs of
/// every name under /data (not following symlinks), one name a line.
const XATTR_TOOLS: &str = r#"
py() {
  PYTHONHOME=/hostusr /hostusr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
    --library-path /hostusr/lib/x86_64-linux-gnu /hostusr/bin/python3 -S "$@"
}
setx() { py -c 'import os, sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode())' "$@"; }
rmx() { py -c 'import os, sys; os.removexattr(sys.argv[1], sys.argv[2])' "$@"; }
xattrs() {
  py -c '
import os
paths = ["/data"]
for root, dirs, files in os.walk("/data"):
    paths += [os.path.join(root, n) for n in dirs + files]
for p in sorted(paths):
    names = sorted(n for n in os.listxattr(p, follow_symlinks=False) if n.startswith("user."))
    if names:
        values = [n + "=" + repr(os.getxattr(p, n, follow_symlinks=False)) for n in names]
        print("xattrs", p, " ".join(values))
'
}
"#;

fn manifest_after(env: &TestEnv, driver: &str, script: &str) -> String {
    let full = format!("set -e\n{XATTR_TOOLS}\n{script}\n{MANIFEST}\nxattrs");
    let out = env.run(&[
        "--storage-driver",
        driver,
        "run",
        "--rm",
        "-v",
        "/usr:/hostusr:ro",
        "layered",
        "sh",
        "-c",
        &full,
    ]);
    assert_eq!(out.code, Some(0), "{driver}: {script}: {out}");
    out.stdout
}

#[test]
fn busybox_runs_on_the_fuse_overlay_and_its_root_is_a_fuse_mount() {
    let (env, _reg) = setup();
    let out = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "layered",
        "sh",
        "-c",
        "grep ' / / ' /proc/self/mountinfo; cat /data/a/one; ls /data",
    ]);
    assert!(out.contains("fuse.rcon-overlay"), "{out}");
    assert!(out.contains("one, replaced"), "{out}");
    assert!(!out.contains("hidden"), "whiteout ignored: {out}");
    let info = env.run_ok(&["--storage-driver", "fuse-overlay", "info"]);
    assert!(info.contains("fuse-overlay"), "{info}");
}

#[test]
fn file_operations_give_the_same_tree_on_kernel_overlay_and_fuse_overlay() {
    let (env, _reg) = setup();
    let mut failures = Vec::new();
    for (name, script) in SCRIPTS {
        let kernel = manifest_after(&env, "overlay", script);
        let fuse = manifest_after(&env, "fuse-overlay", script);
        if kernel != fuse {
            failures.push(format!(
                "{name}:\n--- overlay\n{kernel}\n--- fuse-overlay\n{fuse}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Renames the kernel overlay refuses with EXDEV in a user namespace (mv then copies) and the
/// renameat2 flags: on the FUSE overlay they are real renames, so the folder keeps its inode.
#[test]
fn merged_folders_rename_in_place_and_hardlinks_survive_copy_up() {
    let (env, _reg) = setup();
    let script = r#"
set -e
ino=$(stat -c %i /data/b)
mv /data/b /data/b2
[ "$(stat -c %i /data/b2)" = "$ino" ] || { echo "inode changed"; exit 1; }
ls /data/b2
[ ! -e /data/b ] || { echo "old name still there"; exit 1; }
mv /data/a /data/opaque/a
cat /data/opaque/a/sub/deep
echo changed >> /data/opaque/a/one
stat -c '%h' /data/opaque/a/one
cat /data/opaque/a/one-link
mkdir /data/b
ls -a /data/b
"#;
    let out = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "layered",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(
        out, "keep\ntop\ndeep\n1\none\n.\n..\n",
        "the replaced /data/a/one is a new file in layer 3 (one link); a/one-link keeps \
         layer 2's content"
    );
    // Two names of one lower file: writing through one shows through the other.
    let script = r#"
set -e
echo changed >> /data/a/one-link
cat /data/a/one-link
"#;
    let out = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "layered",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(out, "one\nchanged\n");
}

#[test]
fn a_killed_supervisor_leaves_no_fuse_server_and_no_mount() {
    let (env, _reg) = setup();
    let id = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "-d",
        "layered",
        "sleep",
        "1000",
    ]);
    let id = id.trim();
    let state = env.run_ok(&["inspect", "--format", "{{.State.Pid}}", id]);
    assert!(state.trim().parse::<u32>().is_ok(), "{state}");
    let servers = || -> Vec<u32> {
        let mut pids = Vec::new();
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let environ = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            if comm.trim() == "rcon-fuse" && String::from_utf8_lossy(&environ).contains(id) {
                pids.push(pid);
            }
        }
        pids
    };
    let sup = supervisor_pid(&env, id);
    let before = servers();
    assert_eq!(before.len(), 1, "one fuse server for the container");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(sup as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    let start = Instant::now();
    while !servers().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the fuse server outlived its supervisor"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(!mounts.contains("rcon-overlay"), "{mounts}");
    env.run_ok(&["rm", "-f", id]);
}

/// The supervisor's host pid, from its state file.
fn supervisor_pid(env: &TestEnv, id: &str) -> u32 {
    let path = env
        .user()
        .runtime_dir
        .join("rcon/containers")
        .join(id)
        .join("state.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["supervisor_pid"]
        .as_u64()
        .or_else(|| v["supervisor"]["pid"].as_u64())
        .unwrap_or_else(|| panic!("no supervisor pid in {text}")) as u32
}

#[test]
fn the_single_uid_store_runs_on_the_fuse_overlay() {
    let (env, _reg) = setup();
    let run =
        |args: &[&str]| common::run_command(env.rcon_single(args), None, common::DEFAULT_TIMEOUT);
    let out = run(&["pull", "-q", "layered"]);
    assert_eq!(out.code, Some(0), "{out}");
    let out = run(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "layered",
        "sh",
        "-c",
        "echo x >> /data/a/owned && cat /data/a/owned && stat -c %u /data/a/one && mkdir /data/new && mv /data/b /data/new/b && ls /data/new/b",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "owned\nx\n0\nkeep\ntop\n");
}

/// The upper layer outlives the server: a second start serves it again, and `cp` out of the
/// stopped container mounts the FUSE overlay for itself.
#[test]
fn a_stopped_fuse_container_keeps_its_changes_for_start_and_cp() {
    let (env, _reg) = setup();
    env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--name",
        "keeper",
        "layered",
        "sh",
        "-c",
        "echo run >> /data/count; [ -d /data/b ] && mv /data/b /data/b-moved; rm -f /data/a/owned",
    ]);
    let out = env.run(&["start", "-a", "keeper"]);
    assert_eq!(out.code, Some(0), "{out}");
    let dest = env.user().home.join("out");
    env.user().mkdirs(&dest);
    env.run_ok(&["cp", "keeper:/data/count", &dest.display().to_string()]);
    assert_eq!(
        std::fs::read_to_string(dest.join("count")).unwrap(),
        "run\nrun\n",
        "the second start appended to the first one's file"
    );
    let out = env.run(&["start", "-a", "keeper"]);
    assert_eq!(out.code, Some(0), "{out}");
    env.run_ok(&["rm", "keeper"]);
}

/// Big writes (which the server splices from /dev/fuse into the upper file) land byte for
/// byte: a new file written in large blocks, a copy of it at a 1 MiB offset, a lower file
/// overwritten in place and an append read back the same from a fresh server.
#[test]
fn big_writes_read_back_the_same_from_a_fresh_server() {
    let (env, _reg) = setup();
    let write = "seq 1 2000000 > /big && printf tail >> /big \
                 && dd if=/big of=/big2 bs=1M seek=1 2>/dev/null \
                 && dd if=/big of=/data/a/one bs=512k conv=notrunc 2>/dev/null \
                 && (seq 1 2000000; printf tail) | md5sum | cut -c1-32";
    let sums = "md5sum /big /big2 /data/a/one | cut -c1-32; stat -c %s /big /big2";
    let expected = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--name",
        "writer",
        "layered",
        "sh",
        "-c",
        &format!("if [ -e /big ]; then {sums}; else {write} && {sums}; fi"),
    ]);
    let lines: Vec<&str> = expected.lines().collect();
    assert_eq!(lines.len(), 6, "{expected}");
    assert_eq!(lines[0], lines[1], "the page cache holds what was written");
    let out = env.run(&["start", "-a", "writer"]);
    assert_eq!(out.code, Some(0), "{out}");
    let again: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        again,
        lines[1..].to_vec(),
        "the upper files hold what was written"
    );
    assert_eq!(
        again[0], again[2],
        "the overwritten lower file holds the big file's start"
    );
    let size: u64 = again[3].parse().unwrap();
    assert_eq!(again[4].parse::<u64>().unwrap(), size + (1 << 20));
    env.run_ok(&["rm", "writer"]);
}

/// A hardlinked lower file copied up through one name: its other name, looked up only by the
/// next start's server, shows the copy too.
#[test]
fn hardlinks_stay_together_across_a_restart() {
    let (env, _reg) = layered::setup_named("links", false);
    let script = "if [ -e /data/flag ]; then cat /data/a/one-link; stat -c %h /data/a/one; \
                  else echo more >> /data/a/one; touch /data/flag; fi";
    env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--name",
        "linked",
        "links",
        "sh",
        "-c",
        script,
    ]);
    let out = env.run(&["start", "-a", "linked"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stdout, "one\nmore\n2\n");
    env.run_ok(&["rm", "linked"]);
}

/// `driver = "fuse-overlay"` in the user's containers/storage.conf picks the FUSE overlay when
/// no --storage-driver is given; the flag still wins.
#[test]
fn storage_conf_names_the_default_driver() {
    let (env, _reg) = setup();
    let conf = env.user().config_home.join("containers");
    env.user().mkdirs(&conf);
    env.user().write_file(
        conf.join("storage.conf"),
        "[storage]\ndriver = \"fuse-overlay\"\n",
    );
    let probe = "grep -c ' / / .* fuse.rcon-overlay' /proc/self/mountinfo || true";
    let out = env.run_ok(&["run", "--rm", "layered", "sh", "-c", probe]);
    assert_eq!(out.trim(), "1", "storage.conf chose the FUSE overlay");
    let out = env.run_ok(&[
        "--storage-driver",
        "overlay",
        "run",
        "--rm",
        "layered",
        "sh",
        "-c",
        probe,
    ]);
    assert_eq!(out.trim(), "0", "the flag wins over storage.conf");
    let info = env.run_ok(&["info", "--format", "{{.Store.GraphDriverName}}"]);
    assert_eq!(info.trim(), "fuse-overlay");
}

/// The server never sees opens (files.rs): files held open keep working when their name goes
/// (unlink, rename over it), and a file open for reading sees the writes made after another
/// writer copied it up, as one file on any filesystem.
#[test]
fn open_files_survive_unlink_rename_and_copy_up() {
    let (env, _reg) = setup();
    // The unlinked file is read into the shell (`$(cat ...)`) before it is truncated: busybox
    // cat sends a file to a pipe with sendfile, which puts the page cache's own pages in the
    // pipe, and the truncate would zero their tail before this test reads the pipe (on any
    // filesystem, the kernel overlay's included).
    let script = r#"
set -e
cd /data
exec 3< b/keep
echo more >> b/keep
cat <&3
exec 4< a/sub/deep
rm a/sub/deep
cat <&4
exec 5< a/owned
mv b/keep a/owned
cat <&5
exec 6< b/top
: > b/top
cat <&6
echo gone
printf abcdef > up
exec 7<> up
rm up
printf XY >&7
exec 7>&-
exec 8>> a/suid
rm a/suid
echo late >&8
sync
echo "$(cat /proc/$$/fd/8)"
truncate -s 3 /proc/$$/fd/8
echo "$(cat /proc/$$/fd/8)"
exec 8>&-
echo done
"#;
    let out = env.run_ok(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "layered",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(
        out, "keep\nmore\ndeep\nowned\ngone\n#!/bin/sh\nlate\n#!/\ndone\n",
        "{out}"
    );
}
