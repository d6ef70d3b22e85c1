//! rcon's own executable and host details where a hostile container can reach them: an image
//! whose `/bin/sh` is a link to `/proc/self/exe` and whose `ps` is a `#!/proc/self/exe` script
//! must not get the user's writable rcon file to rewrite through `exec`, `top` or the first
//! process; the warning for a user-writable binary; `exec -w` through links that lead out of the
//! root; `--init`'s `/proc/1/cmdline` without host paths.
//!
//! The image carries the host's C library (so rcon's binary can start inside) and makes
//! `/etc/ld.so.preload` a FIFO: the dynamic loader of anything rcon-like started in the
//! container blocks opening it, right after execve, until the attacker opens the other end.
//! That makes the attacker's catch deterministic: it opens `/proc/<pid>/exe` of the blocked
//! process, lets it go, and once it has exited tries to write through `/proc/self/fd/3`.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::world::{busybox_world, eventually};
use common::{bins, run_command, Output, Registry, TestEnv, DEFAULT_TIMEOUT};
use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Removes every container on the way out (with the harness's root-owned binary).
struct Cleanup<'a>(&'a TestEnv);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(&["rm", "-f", "-a"]);
    }
}

/// The attacker, the container's first process (static busybox, so the FIFO does not stop
/// it). For each of `rounds` rcon processes: wait for one to block in its loader, hold its
/// executable open on fd 3, let it go, then try for a while to overwrite what fd 3 names and
/// append `<what fd 3 named> written|refused` to /result.
const ATTACKER: &str = r#"
round=0
while [ $round -lt "$ROUNDS" ]; do
  round=$((round+1))
  exec 4>/etc/ld.so.preload
  caught=none
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    [ "$p" = 1 ] && continue
    target=$(readlink $d/exe 2>/dev/null) || continue
    case "$target" in *busybox*|"") continue ;; esac
    exec 3<$d/exe
    caught=$target
    break
  done
  exec 4>&-
  result=refused
  if [ "$caught" != none ]; then
    n=0
    while [ $n -lt 40 ]; do
      if (echo pwned > /proc/self/fd/3) 2>/dev/null; then result=written; break; fi
      n=$((n+1))
      sleep 0.1
    done
    exec 3<&-
  fi
  echo "$caught $result" >> /result
done
exec sleep 100000
"#;

/// The host's shared libraries that `binary` needs, as (path, contents), from ldd.
fn host_libraries(binary: &Path) -> Vec<(String, Vec<u8>)> {
    let out = std::process::Command::new("ldd")
        .arg(binary)
        .output()
        .expect("run ldd");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let path = match l.split_once("=> ") {
                Some((_, rest)) => rest.split_whitespace().next()?,
                None => l.split_whitespace().next()?,
            };
            path.starts_with('/').then(|| path.to_string())
        })
        .map(|p| {
            let data = std::fs::read(&p).unwrap_or_else(|e| panic!("read {p}: {e}"));
            (p, data)
        })
        .collect()
}

/// Pushes `library/hostile:latest`: busybox, the host's C library, `/bin/sh` → /proc/self/exe,
/// `/bin/ps` a `#!/proc/self/exe` script, `/etc/ld.so.preload` a FIFO, and links for `exec -w`
/// that lead out of the root.
fn push_hostile(reg: &Registry) {
    let mut layer = LayerBuilder::new();
    let mut dirs: Vec<String> = Vec::new();
    for (path, data) in host_libraries(&bins().rcon) {
        let rel = path.trim_start_matches('/');
        let mut parent = PathBuf::new();
        for part in Path::new(rel).parent().unwrap().components() {
            parent.push(part);
            let p = parent.display().to_string();
            if !dirs.contains(&p) && p != "bin" && p != "usr" && p != "usr/bin" {
                layer = layer.dir(&p, 0o755, 0, 0);
                dirs.push(p);
            }
        }
        layer = layer.file(rel, &data, 0o755, 0, 0);
    }
    layer = layer
        .raw(b"etc/ld.so.preload", tar::EntryType::Fifo, None, b"")
        .symlink("out-dotdot", "/../../../..")
        .symlink("out-host", "/proc/1/root/../../..")
        .symlink("out-fd3", "/proc/self/fd/3");
    let top = LayerBuilder::new()
        .symlink("bin/sh", "/proc/self/exe")
        .file("bin/ps", b"#!/proc/self/exe\n", 0o755, 0, 0);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(layer.build(Compression::Gzip))
        .layer(top.build(Compression::Gzip))
        .cmd(&["/bin/busybox", "sleep", "100000"])
        .build();
    reg.push("library/hostile:latest", &img);
}

/// A copy of rcon the test user owns and may write (as `cargo install` or ~/.local/bin leave
/// it), with the harness's `rcon-idmap` beside it.
fn user_owned_rcon(env: &TestEnv) -> PathBuf {
    let user = env.user();
    let data = std::fs::read(&bins().rcon).unwrap();
    let path = user.write_file("bin/rcon", data);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(&bins().idmap, path.with_file_name("rcon-idmap")).unwrap();
    path
}

/// Runs the user-owned copy `exe` with `args` as the test user.
fn run_as_user<S: AsRef<OsStr>>(env: &TestEnv, exe: &Path, args: &[S]) -> Output {
    run_command(env.user().command(exe, args), None, DEFAULT_TIMEOUT)
}

fn hostile_world() -> (TestEnv, Registry) {
    let (env, reg) = busybox_world();
    push_hostile(&reg);
    env.run_ok(&["pull", "-q", "hostile"]);
    (env, reg)
}

/// The attacker's /result lines so far (read with the harness's own binary).
fn results(env: &TestEnv, name: &str) -> Vec<String> {
    let out = env.run(&["exec", name, "/bin/busybox", "cat", "/result"]);
    out.stdout.lines().map(str::to_string).collect()
}

#[test]
fn a_container_cannot_rewrite_a_user_writable_rcon_through_exec_or_top() {
    let (env, _reg) = hostile_world();
    let _cleanup = Cleanup(&env);
    let exe = user_owned_rcon(&env);
    let before = image::sha256_hex(&std::fs::read(&exe).unwrap());
    // Started with the harness's root-owned binary, so no supervisor runs the user's file
    // (which would keep it busy, ETXTBSY, and hide the attack).
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "-e",
        "ROUNDS=2",
        "hostile",
        "/bin/busybox",
        "sh",
        "-c",
        ATTACKER,
    ]);
    // `sh` alone is looked up by the CLI, whose /proc/self the container cannot resolve.
    let out = run_as_user(&env, &exe, &["exec", "c", "/bin/sh"]);
    eventually(30, "the attacker's first round", || {
        results(&env, "c").len() == 1
    });
    let out_top = run_as_user(&env, &exe, &["top", "c", "x"]);
    eventually(30, "the attacker's second round", || {
        results(&env, "c").len() == 2
    });
    let after = image::sha256_hex(&std::fs::read(&exe).unwrap());
    let lines = results(&env, "c");
    assert_eq!(
        before, after,
        "the container rewrote the user's rcon: {lines:?}\nexec: {out}\ntop: {out_top}"
    );
    // Not vacuous: the attacker held rcon's executable each time, and it was the sealed copy.
    for line in &lines {
        assert!(
            line.starts_with("/memfd:rcon") && line.ends_with(" refused"),
            "{lines:?}"
        );
    }
}

#[test]
fn the_first_process_started_from_a_user_writable_rcon_runs_a_sealed_copy() {
    let (env, _reg) = hostile_world();
    let _cleanup = Cleanup(&env);
    let exe = user_owned_rcon(&env);
    // /bin/sh is rcon itself; its loader then waits on the FIFO, so it stays PID 1.
    let out = run_as_user(
        &env,
        &exe,
        &["run", "-d", "--name", "p", "hostile", "/bin/sh"],
    );
    assert_eq!(out.code, Some(0), "{out}");
    let target = env.run_ok(&["exec", "p", "/bin/busybox", "readlink", "/proc/1/exe"]);
    assert!(target.starts_with("/memfd:rcon"), "PID 1 runs {target}");
    // Writing what PID 1 runs fails.
    let out = env.run(&[
        "exec",
        "p",
        "/bin/busybox",
        "sh",
        "-c",
        "exec 3</proc/1/exe && echo pwned >> /proc/self/fd/3",
    ]);
    assert_ne!(out.code, Some(0), "{out}");
}

#[test]
fn a_user_writable_rcon_warns_once_and_a_root_owned_one_does_not() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    let exe = user_owned_rcon(&env);
    let warning = "copies it into memory each time it enters a container";
    let out = run_as_user(&env, &exe, &["run", "--rm", "busybox", "true"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(out.stderr.matches(warning).count(), 1, "{out}");
    assert!(out.stderr.contains("contrib/install.sh"), "{out}");
    let out = run_as_user(
        &env,
        &exe,
        &["run", "-d", "--name", "w", "busybox", "sleep", "1000"],
    );
    assert_eq!(out.stderr.matches(warning).count(), 1, "{out}");
    let out = run_as_user(&env, &exe, &["exec", "w", "echo", "hi"]);
    assert_eq!(out.stdout, "hi\n", "{out}");
    assert_eq!(out.stderr.matches(warning).count(), 1, "{out}");
    // Commands that enter no container say nothing.
    let out = run_as_user(&env, &exe, &["ps", "-a"]);
    assert!(!out.stderr.contains(warning), "{out}");
    // The harness's binary is root-owned 0755: no warning.
    let out = env.run(&["run", "--rm", "busybox", "true"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(!out.stderr.contains(warning), "{out}");
    let out = env.run(&["exec", "w", "true"]);
    assert!(!out.stderr.contains(warning), "{out}");
}

/// `rcon args` as the test user with descriptor 3 open on the host folder `dir`, as for
/// `--preserve-fds 1`.
fn run_with_dir_fd(env: &TestEnv, args: &[&str], dir: &Path) -> Output {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let folder = std::fs::File::open(dir).unwrap();
    let fd = folder.as_raw_fd();
    assert_ne!(fd, 3, "the harness holds descriptor 3 itself");
    let mut cmd = env.rcon(args);
    // SAFETY: dup2 is async-signal-safe and touches only descriptors.
    unsafe {
        cmd.pre_exec(move || {
            nix::unistd::dup2(fd, 3)?;
            Ok(())
        });
    }
    let out = run_command(cmd, None, DEFAULT_TIMEOUT);
    drop(folder);
    out
}

#[test]
fn exec_working_folders_through_links_never_leave_the_container() {
    let (env, _reg) = hostile_world();
    let _cleanup = Cleanup(&env);
    env.run_ok(&["run", "-d", "--name", "w", "hostile"]);
    // A marker only the container's root has.
    env.run_ok(&["exec", "w", "/bin/busybox", "touch", "/inside-marker"]);
    // `..` and absolute links resolve inside the root.
    for dir in ["/out-dotdot", "/out-host"] {
        let out = env.run(&[
            "exec",
            "-w",
            dir,
            "w",
            "/bin/busybox",
            "ls",
            "inside-marker",
        ]);
        assert_eq!(out.code, Some(0), "{dir}: {out}");
        let pwd = env.run_ok(&["exec", "-w", dir, "w", "/bin/busybox", "pwd", "-P"]);
        assert_eq!(pwd, "/\n", "{dir}");
    }
    // A magic link to a host folder: the user's home held open on descriptor 3, named by the
    // image (`/out-fd3` → /proc/self/fd/3) or by -w itself.
    let home = env.user().home.clone();
    for dir in ["/out-fd3", "/proc/self/fd/3"] {
        let args = [
            "exec",
            "--preserve-fds",
            "1",
            "-w",
            dir,
            "w",
            "/bin/busybox",
            "ls",
            "-a",
            ".",
        ];
        let out = run_with_dir_fd(&env, &args, &home);
        assert!(
            !out.stdout.contains(".local"),
            "{dir}: the command ran in the user's home:\n{out}"
        );
        assert_eq!(out.code, Some(125), "{dir}: {out}");
        let line = common::assert_one_error_line(&out.stderr);
        assert!(
            line.contains(dir) && line.contains("outside the container"),
            "{dir}: {line}"
        );
    }
}

#[test]
fn init_shows_no_host_path_in_the_containers_cmdline() {
    let (env, _reg) = busybox_world();
    let _cleanup = Cleanup(&env);
    let out = env.run_ok(&[
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "cat /proc/1/cmdline | tr '\\0' ' '",
    ]);
    let home = env.user().home.display().to_string();
    let dir = env.dir().display().to_string();
    assert!(out.starts_with("rcon-init sh -c "), "{out:?}");
    for host in [
        home.as_str(),
        dir.as_str(),
        "__userns-helper",
        "supervise",
        "/tmp/",
    ] {
        assert!(!out.contains(host), "{host} in {out:?}");
    }
}
