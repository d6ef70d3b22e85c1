//! rcon's own executable and host details where a hostile container can reach them: an image
//! whose `/bin/sh` is a link to `/proc/self/exe` and whose `ps` is a `#!/proc/self/exe` script
//! must not get the user's writable rcon file to rewrite through `exec`, `top` or the first
//! process; the warning for a user-writable binary; `exec -w` through links that lead out of the
//! root; `--init`'s `/proc/1/cmdline` without host paths.
//!
//! The image carries the host's dynamic loader (so rcon's binary starts inside), and every
//! library rcon needs is a link to one FIFO, `/trap`: the loader of anything rcon-like started
//! in the container blocks opening it right after execve, then blocks reading it until the
//! attacker closes the other end. That makes the attacker's catch deterministic: it opens
//! `/proc/<pid>/exe` of the held process, lets it go (the loader fails and the process exits),
//! then tries to write through `/proc/self/fd/3`.
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
/// it). For each of `$ROUNDS` rcon processes: wait for one to block in its loader, hold its
/// executable open on fd 3, let it go, then try for a while to overwrite what fd 3 names and
/// append `<what fd 3 named> written|refused` to /result.
const ATTACKER: &str = r#"
round=0
while [ $round -lt "$ROUNDS" ]; do
  round=$((round+1))
  exec 4>/trap
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

/// The dynamic loader `binary` asks for and the libraries it needs, as ldd names them.
fn host_loader_and_libraries(binary: &Path) -> (String, Vec<String>) {
    let out = std::process::Command::new("ldd")
        .arg(binary)
        .output()
        .expect("run ldd");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (mut loader, mut libs) = (None, Vec::new());
    for line in text.lines().map(str::trim) {
        match line.split_once("=> ") {
            Some((_, rest)) => libs.extend(
                rest.split_whitespace()
                    .next()
                    .filter(|p| p.starts_with('/'))
                    .map(str::to_string),
            ),
            None if line.starts_with('/') => {
                loader = line.split_whitespace().next().map(str::to_string);
            }
            None => {}
        }
    }
    (loader.expect("ldd names no loader"), libs)
}

/// Adds the missing parent folders of `rel` to `layer`.
fn parents(mut layer: LayerBuilder, made: &mut Vec<String>, rel: &str) -> LayerBuilder {
    let mut parent = PathBuf::new();
    for part in Path::new(rel).parent().unwrap().components() {
        parent.push(part);
        let p = parent.display().to_string();
        let in_base = ["bin", "usr", "usr/bin", "etc"].contains(&p.as_str());
        if !made.contains(&p) && !in_base {
            layer = layer.dir(&p, 0o755, 0, 0);
            made.push(p);
        }
    }
    layer
}

/// Pushes `library/hostile:latest`: busybox, the host's loader with every library rcon needs
/// a link to the FIFO `/trap`, `/bin/sh` → /proc/self/exe, `/bin/ps` a `#!/proc/self/exe`
/// script, and links for `exec -w` that lead out of the root.
fn push_hostile(reg: &Registry) {
    let (loader, libs) = host_loader_and_libraries(&bins().rcon);
    let mut layer = LayerBuilder::new().raw(b"trap", tar::EntryType::Fifo, None, b"");
    let mut made = Vec::new();
    let rel = loader.trim_start_matches('/');
    layer = parents(layer, &mut made, rel);
    let data = std::fs::read(&loader).unwrap_or_else(|e| panic!("read {loader}: {e}"));
    layer = layer.file(rel, &data, 0o755, 0, 0);
    for lib in &libs {
        let rel = lib.trim_start_matches('/');
        layer = parents(layer, &mut made, rel);
        layer = layer.symlink(rel, "/trap");
    }
    layer = layer
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

/// Runs the attacker in container `c`, then `command` through a user-owned rcon; asserts the file is unchanged and that the attacker did hold
/// rcon's executable, the sealed copy.
fn attack_through(command: &[&str]) {
    let (env, _reg) = hostile_world();
    let _cleanup = Cleanup(&env);
    let exe = user_owned_rcon(&env);
    let hash = || image::sha256_hex(&std::fs::read(&exe).unwrap());
    let before = hash();
    // Started with the harness's root-owned binary, so no supervisor runs the user's file
    // (which would keep it busy, ETXTBSY, and hide the attack).
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "-e",
        "ROUNDS=1",
        "hostile",
        "/bin/busybox",
        "sh",
        "-c",
        ATTACKER,
    ]);
    let out = run_as_user(&env, &exe, command);
    eventually(30, "the attacker's round", || results(&env, "c").len() == 1);
    let lines = results(&env, "c");
    assert_eq!(
        before,
        hash(),
        "{command:?} let the container rewrite the user's rcon: {lines:?}\n{out}"
    );
    // Not vacuous: the attacker held rcon's executable, and it was the sealed copy.
    assert!(
        lines[0].starts_with("/memfd:rcon") && lines[0].ends_with(" refused"),
        "{lines:?}\n{out}"
    );
}

#[test]
fn a_container_cannot_rewrite_a_user_writable_rcon_through_exec() {
    // `sh` alone is looked up by the CLI, whose /proc/self the container cannot resolve.
    attack_through(&["exec", "c", "/bin/sh"]);
}

#[test]
fn a_container_cannot_rewrite_a_user_writable_rcon_through_top() {
    // `x` is no descriptor of rcon's: `ps x` runs inside, and ps is `#!/proc/self/exe`.
    attack_through(&["top", "c", "x"]);
}

#[test]
fn the_first_process_started_from_a_user_writable_rcon_runs_a_sealed_copy() {
    let (env, _reg) = hostile_world();
    let _cleanup = Cleanup(&env);
    let exe = user_owned_rcon(&env);
    // /bin/sh is rcon itself; its loader then waits on the FIFO /trap, so it stays PID 1.
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
