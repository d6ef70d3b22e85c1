//! rcon's own executable where a container can reach it.
//!
//! A process that is in a container's PID namespace while its `/proc/self/exe` is rcon's file
//! hands that file to the container: an image whose `/bin/sh` is a symlink to `/proc/self/exe`
//! (or whose `ps` starts `#!/proc/self/exe`) turns `rcon exec c sh`, `rcon top c` or the first
//! process into rcon running inside; the container keeps an `O_PATH` descriptor on
//! `/proc/<pid>/exe` and, once that process has exited, reopens it for writing. When the user
//! (who is root of the container's user namespace) or one of the user's subordinate ids can
//! write the file, the next `rcon` the user types is the container's.
//!
//! So the processes that put rcon into a container's PID namespace (the supervisor, whose clone
//! is the container's first process, and `exec`, which `top` uses too) call [`ensure_sealed`]
//! first. When the running file is one the user could write, it re-executes the process from
//! a sealed in-memory copy (memfd, no write, grow, shrink or further seals), with the same
//! arguments and environment; the copy is what `/proc/self/exe` then names, and what the
//! supervisor, its clones and the helpers it starts run. The environment variable
//! [`ORIGINAL_ENV`] carries the original path (for `rcon-idmap` beside it) and stops a loop.
//!
//! The running file counts as safe, and is not copied, only when all of these hold (anything
//! that cannot be checked counts as unsafe):
//! - its owner is neither the user's real or effective uid nor in any `/etc/subuid` range
//!   (the user's own ranges are the ids a container of the user's can have; every range is
//!   taken, so no user name lookup is needed: the supervisor checks before it unshares, and
//!   an NSS module must not start threads there);
//! - it has no group or other write bit (which covers a POSIX ACL granting write: the group
//!   bits are then the ACL mask);
//! - it is not on a FUSE file system (one the user mounted may report any owner);
//! - access(2) says the user cannot write it.
//!
//! `contrib/install.sh` installs a root-owned `/usr/local/bin/rcon` 0755, the fast path.
use nix::fcntl::{fcntl, FcntlArg, SealFlag};
use std::ffi::{CString, OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::{Once, OnceLock};

/// Set in the environment of a process re-executed from the sealed copy: the path of the file
/// it was copied from.
pub(crate) const ORIGINAL_ENV: &str = "_RCON_SEALED_FROM";

/// The seals that make the copy read-only for good.
const SEALS: SealFlag = SealFlag::F_SEAL_SEAL
    .union(SealFlag::F_SEAL_SHRINK)
    .union(SealFlag::F_SEAL_GROW)
    .union(SealFlag::F_SEAL_WRITE);

/// memfd_create's MFD_EXEC (Linux 6.3): executable even where vm.memfd_noexec asks for the
/// opposite by default. Older kernels refuse the flag (EINVAL); then it is left out.
const MFD_EXEC: libc::c_uint = 0x0010;

/// Why rcon could not run from a sealed copy of itself.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SealedExeError {
    #[error(
        "cannot make a sealed in-memory copy of rcon ({exe}), which it needs to enter a \
         container safely: {source}; install rcon owned by root (contrib/install.sh)"
    )]
    Copy {
        exe: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot run rcon from its sealed in-memory copy: {source}; install rcon owned by root \
         (contrib/install.sh)"
    )]
    Exec {
        #[source]
        source: io::Error,
    },
    #[error(
        "rcon was re-executed from a sealed copy of {original} but does not run from one; \
         install rcon owned by root (contrib/install.sh)"
    )]
    Loop { original: String },
}

/// What the running executable is, as far as a container is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Exposure {
    /// A sealed in-memory copy: nobody can write it.
    Sealed,
    /// A file neither the user nor a container of the user's can write.
    Safe,
    /// A file the user (or a container) may be able to write, and why.
    Writable { path: String, reason: String },
}

/// The running executable's [`Exposure`], checked once per process.
pub(crate) fn exposure() -> &'static Exposure {
    static EXPOSURE: OnceLock<Exposure> = OnceLock::new();
    EXPOSURE.get_or_init(check)
}

/// Warns once per process, on stderr, when the running executable is one the user could write.
pub(crate) fn warn_if_exposed() {
    static WARNED: Once = Once::new();
    if let Exposure::Writable { path, reason } = exposure() {
        let avoid = if nix::unistd::geteuid().is_root() {
            // Root's containers run as root too: no owner keeps the file from them.
            "run rcon as an ordinary user to avoid that"
        } else {
            "install rcon owned by root (contrib/install.sh) to avoid that"
        };
        WARNED.call_once(|| {
            log::warn!(
                "rcon's executable {path} {reason}, so rcon copies it into memory each time it \
                 enters a container; {avoid}"
            );
        });
    }
}

/// Returns when the running executable is sealed or safe (see the module doc); otherwise
/// re-executes this process from a sealed in-memory copy and does not return, unless that
/// fails. Call it before the process has done anything it should not repeat.
pub(crate) fn ensure_sealed() -> Result<(), SealedExeError> {
    let Exposure::Writable { path, .. } = exposure() else {
        return Ok(());
    };
    if let Some(original) = std::env::var_os(ORIGINAL_ENV) {
        // Already re-executed once and still not sealed: stop instead of looping.
        return Err(SealedExeError::Loop {
            original: original.to_string_lossy().into_owned(),
        });
    }
    let copy = sealed_copy().map_err(|source| SealedExeError::Copy {
        exe: path.clone(),
        source,
    })?;
    let source = reexec(&copy, path);
    Err(SealedExeError::Exec { source })
}

/// The file rcon was started from: the original path when running from the sealed copy.
pub(crate) fn original_exe() -> io::Result<PathBuf> {
    match (exposure(), std::env::var_os(ORIGINAL_ENV)) {
        (Exposure::Sealed, Some(original)) => Ok(PathBuf::from(original)),
        _ => std::env::current_exe(),
    }
}

/// The user's ids and the subordinate uid ranges, which the owner of a safe file must not be.
struct User {
    uids: [u32; 2],
    subuids: Vec<(u32, u32)>,
}

impl User {
    fn current() -> User {
        let text = std::fs::read_to_string("/etc/subuid").unwrap_or_default();
        User {
            uids: [
                nix::unistd::getuid().as_raw(),
                nix::unistd::geteuid().as_raw(),
            ],
            subuids: crate::linux::idmap::all_subordinate_ranges(&text),
        }
    }

    fn owns(&self, owner: u32) -> bool {
        self.uids.contains(&owner)
            || self.subuids.iter().any(|&(start, count)| {
                owner >= start && u64::from(owner) < u64::from(start) + u64::from(count)
            })
    }
}

/// The facts about a file that decide whether it is safe.
struct FileFacts {
    owner: u32,
    mode: u32,
    fuse: bool,
    writable: bool,
}

/// Why `file` is not safe for `user`, or None when it is.
fn unsafe_reason(file: &FileFacts, user: &User) -> Option<String> {
    if user.owns(file.owner) {
        return Some(format!(
            "is owned by uid {}, which you or your containers have",
            file.owner
        ));
    }
    if file.mode & 0o022 != 0 {
        return Some(format!(
            "is writable by its group or others (mode {:o})",
            file.mode & 0o7777
        ));
    }
    if file.fuse {
        return Some("is on a FUSE file system".to_string());
    }
    if file.writable {
        return Some("is writable by you".to_string());
    }
    None
}

fn check() -> Exposure {
    let path = std::fs::read_link("/proc/self/exe")
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "/proc/self/exe".to_string());
    let writable = |reason: String| Exposure::Writable {
        path: path.clone(),
        reason,
    };
    let file = match File::open("/proc/self/exe") {
        Ok(f) => f,
        Err(e) => return writable(format!("cannot be checked ({e})")),
    };
    if is_sealed(&file) {
        return Exposure::Sealed;
    }
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return writable(format!("cannot be checked ({e})")),
    };
    let fuse = match nix::sys::statfs::fstatfs(&file) {
        Ok(fs) => fs.filesystem_type() == nix::sys::statfs::FUSE_SUPER_MAGIC,
        Err(e) => return writable(format!("cannot be checked ({e})")),
    };
    let writable_by_user = nix::unistd::faccessat(
        None,
        "/proc/self/exe",
        nix::unistd::AccessFlags::W_OK,
        nix::fcntl::AtFlags::AT_EACCESS,
    )
    .is_ok();
    let facts = FileFacts {
        owner: meta.uid(),
        mode: meta.mode(),
        fuse,
        writable: writable_by_user,
    };
    match unsafe_reason(&facts, &User::current()) {
        None => Exposure::Safe,
        Some(reason) => writable(reason),
    }
}

/// Whether `file` is a memfd carrying every seal of [`SEALS`].
fn is_sealed(file: &File) -> bool {
    match fcntl(file.as_raw_fd(), FcntlArg::F_GET_SEALS) {
        Ok(bits) => SealFlag::from_bits_truncate(bits).contains(SEALS),
        Err(_) => false,
    }
}

/// A sealed memfd holding the running executable.
fn sealed_copy() -> io::Result<File> {
    use nix::sys::memfd::{memfd_create, MemFdCreateFlag};
    let mut src = File::open("/proc/self/exe")?;
    let base = MemFdCreateFlag::MFD_CLOEXEC | MemFdCreateFlag::MFD_ALLOW_SEALING;
    let with_exec = base | MemFdCreateFlag::from_bits_retain(MFD_EXEC);
    let fd = match memfd_create(c"rcon", with_exec) {
        Err(nix::errno::Errno::EINVAL) => memfd_create(c"rcon", base)?,
        other => other?,
    };
    let mut copy = File::from(fd);
    // std's copy between two files uses copy_file_range or sendfile: no copy through us.
    let copied = io::copy(&mut src, &mut copy)?;
    let expected = src.metadata()?.len();
    if copied != expected {
        return Err(io::Error::other(format!(
            "copied {copied} of {expected} bytes"
        )));
    }
    fcntl(copy.as_raw_fd(), FcntlArg::F_ADD_SEALS(SEALS))?;
    if !is_sealed(&copy) {
        return Err(io::Error::other("the copy did not keep its seals"));
    }
    Ok(copy)
}

/// execveat(copy, "", AT_EMPTY_PATH) with this process's arguments and environment, plus
/// [`ORIGINAL_ENV`]. Returns only on failure.
fn reexec(copy: &File, original: &str) -> io::Error {
    let cstr = |s: &OsStr| CString::new(s.as_bytes());
    let argv: Result<Vec<CString>, _> = std::env::args_os().map(|a| cstr(&a)).collect();
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os()
        .filter(|(k, _)| k != ORIGINAL_ENV)
        .collect();
    env.push((ORIGINAL_ENV.into(), original.into()));
    let envp: Result<Vec<CString>, _> = env
        .iter()
        .map(|(k, v)| {
            let mut kv = k.clone();
            kv.push("=");
            kv.push(v);
            cstr(&kv)
        })
        .collect();
    let (Ok(argv), Ok(envp)) = (argv, envp) else {
        return io::Error::from_raw_os_error(libc::EINVAL);
    };
    match nix::unistd::execveat(
        Some(copy.as_raw_fd()),
        c"",
        &argv,
        &envp,
        nix::fcntl::AtFlags::AT_EMPTY_PATH,
    ) {
        Ok(never) => match never {},
        Err(e) => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> User {
        User {
            uids: [1000, 1000],
            subuids: vec![(100000, 65536)],
        }
    }

    fn file(owner: u32, mode: u32) -> FileFacts {
        FileFacts {
            owner,
            mode,
            fuse: false,
            writable: false,
        }
    }

    #[test]
    fn a_root_owned_file_without_group_or_other_write_is_safe() {
        assert_eq!(unsafe_reason(&file(0, 0o100755), &user()), None);
        assert_eq!(unsafe_reason(&file(2000, 0o100555), &user()), None);
    }

    #[test]
    fn files_owned_by_the_user_or_a_subordinate_id_are_not_safe() {
        assert!(unsafe_reason(&file(1000, 0o100555), &user()).is_some());
        assert!(unsafe_reason(&file(100000, 0o100755), &user()).is_some());
        assert!(unsafe_reason(&file(165535, 0o100755), &user()).is_some());
        assert_eq!(unsafe_reason(&file(165536, 0o100755), &user()), None);
        let root = User {
            uids: [0, 0],
            subuids: vec![],
        };
        assert!(unsafe_reason(&file(0, 0o100755), &root).is_some());
    }

    #[test]
    fn group_or_other_write_fuse_or_access_make_a_file_unsafe() {
        assert!(unsafe_reason(&file(0, 0o100775), &user()).is_some());
        assert!(unsafe_reason(&file(0, 0o100757), &user()).is_some());
        let mut f = file(0, 0o100755);
        f.fuse = true;
        assert!(unsafe_reason(&f, &user()).is_some());
        let mut f = file(0, 0o100755);
        f.writable = true;
        assert!(unsafe_reason(&f, &user()).is_some());
    }

    #[test]
    fn the_sealed_copy_is_the_running_file_and_refuses_writes() {
        let copy = sealed_copy().unwrap();
        assert!(is_sealed(&copy));
        let len = copy.metadata().unwrap().len();
        assert_eq!(
            len,
            File::open("/proc/self/exe")
                .unwrap()
                .metadata()
                .unwrap()
                .len()
        );
        // Reopened through /proc the way a container would: no write, no truncation.
        let reopened = format!("/proc/self/fd/{}", copy.as_raw_fd());
        let err = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&reopened)
            .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EPERM));
        let mut w = std::fs::OpenOptions::new()
            .write(true)
            .open(&reopened)
            .unwrap();
        assert!(io::Write::write_all(&mut w, b"pwned").is_err());
    }
}
