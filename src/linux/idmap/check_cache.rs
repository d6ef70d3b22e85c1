//! The outcome of `rcon-idmap --check`, remembered for the boot: every rcon command that
//! needs the id map would otherwise fork and exec the helper once just to learn that it works.
//!
//! A passed check is recorded in `$XDG_RUNTIME_DIR/rcon/idmap-check` (the user's own tmpfs,
//! gone at the next boot) as a key naming everything the helper's answer depends on: the
//! helper's file (device, inode, mode, owner, size, modification and change times, so a new
//! copy, a `setcap` or a `chmod` changes it) and whether its file system ignores file
//! capabilities (nosuid); `/etc/passwd`, `/etc/subuid` and `/etc/subgid` by the same
//! identity; the caller's ids and user namespace; the boot; and the map asked for. A check
//! is skipped only when the recorded key is exactly the one computed now; anything that
//! cannot be read counts as a miss. A stale record cannot grant anything: the helper checks
//! every real write itself, and a refused write forgets the record ([`forget`]).
use std::fmt::Write as _;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The record's file, when the runtime folder is the user's own and private.
fn record_path() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?).join("rcon");
    let meta = std::fs::symlink_metadata(&dir).ok()?;
    let private =
        meta.is_dir() && meta.uid() == nix::unistd::getuid().as_raw() && meta.mode() & 0o077 == 0;
    private.then(|| dir.join("idmap-check"))
}

/// The identity of a file: a changed, replaced or re-permissioned file gives another.
fn identity(out: &mut String, what: &str, path: &Path) -> Option<()> {
    let m = std::fs::metadata(path).ok()?;
    writeln!(
        out,
        "{what} {} {} {} {:o} {} {} {}.{} {}.{}",
        path.display(),
        m.dev(),
        m.ino(),
        m.mode(),
        m.uid(),
        m.size(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec()
    )
    .ok()
}

/// The key of a check of `helper` with `args`, or `None` when part of it cannot be read.
fn key(helper: &Path, args: &[String]) -> Option<String> {
    let mut out = String::from("rcon-idmap --check, v1\n");
    identity(&mut out, "helper", helper)?;
    let nosuid = nix::sys::statvfs::statvfs(helper)
        .ok()?
        .flags()
        .contains(nix::sys::statvfs::FsFlags::ST_NOSUID);
    writeln!(out, "nosuid {nosuid}").ok()?;
    for file in ["/etc/passwd", "/etc/subuid", "/etc/subgid"] {
        identity(&mut out, "file", Path::new(file))?;
    }
    let userns = std::fs::read_link("/proc/self/ns/user").ok()?;
    let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    writeln!(
        out,
        "ids {} {}\nuserns {}\nboot {}\nargs {}",
        nix::unistd::getuid(),
        nix::unistd::getgid(),
        userns.display(),
        boot.trim(),
        args.join(" ")
    )
    .ok()?;
    Some(out)
}

/// Whether a check of `helper` with `args` passed before, with nothing it depends on changed.
pub(super) fn passed(helper: &Path, args: &[String]) -> bool {
    let (Some(file), Some(key)) = (record_path(), key(helper, args)) else {
        return false;
    };
    std::fs::read_to_string(file).is_ok_and(|recorded| recorded == key)
}

/// Records that a check of `helper` with `args` passed. A record that cannot be written only
/// means the next command checks again.
pub(super) fn remember(helper: &Path, args: &[String]) {
    if let (Some(file), Some(key)) = (record_path(), key(helper, args)) {
        let _ = crate::util::fs::atomic_write_mode(&file, key.as_bytes(), 0o600);
    }
}

/// Forgets the recorded check: the helper refused a write, so the next command asks it again.
pub(super) fn forget() {
    if let Some(file) = record_path() {
        let _ = std::fs::remove_file(file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_helper_or_map_gives_another_key() {
        let dir = tempfile::tempdir().unwrap();
        let helper = dir.path().join("rcon-idmap");
        std::fs::write(&helper, b"one").unwrap();
        let args = vec!["uid".to_string(), "0 1000 1".to_string()];
        let first = key(&helper, &args).unwrap();
        assert_eq!(key(&helper, &args).unwrap(), first);
        let other = vec!["uid".to_string(), "0 1000 2".to_string()];
        assert_ne!(key(&helper, &other).unwrap(), first);
        std::fs::write(&helper, b"two, longer").unwrap();
        assert_ne!(key(&helper, &args).unwrap(), first);
        assert_eq!(key(&dir.path().join("missing"), &args), None);
    }
}
