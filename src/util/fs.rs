//! Atomic writes and advisory locks: every state or index file is written through here.
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Writes `data` to `path` atomically: a temp file beside it, fsync, rename, fsync of the folder.
pub(crate) fn atomic_write(path: &Path, data: &[u8]) -> io::Result<()> {
    atomic_write_mode(path, data, 0o644)
}

/// Like [`atomic_write`], with the file mode given (0600 for credentials).
pub(crate) fn atomic_write_mode(path: &Path, data: &[u8], mode: u32) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = temp_sibling(path);
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A unique temporary name beside `path`, starting with a dot so listings skip it.
pub(crate) fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        crate::util::time::unique_suffix()
    );
    path.with_file_name(unique)
}

/// An exclusive `flock` held until dropped. The lock file is created when missing.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

impl Lock {
    /// Blocks until the exclusive lock on `path` is held.
    pub(crate) fn exclusive(path: &Path) -> io::Result<Lock> {
        Self::take(path, libc::LOCK_EX)
    }

    /// Blocks until a shared lock on `path` is held.
    pub(crate) fn shared(path: &Path) -> io::Result<Lock> {
        Self::take(path, libc::LOCK_SH)
    }

    /// Takes the exclusive lock only if nobody holds it.
    pub(crate) fn try_exclusive(path: &Path) -> io::Result<Option<Lock>> {
        match Self::take(path, libc::LOCK_EX | libc::LOCK_NB) {
            Ok(l) => Ok(Some(l)),
            Err(e) if e.raw_os_error() == Some(libc::EWOULDBLOCK) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn take(path: &Path, op: libc::c_int) -> io::Result<Lock> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = open_lock_file(path)?;
        loop {
            match crate::sys::flock::flock(file.as_fd(), op) {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
    }
}

/// An exclusive `flock` on a file the caller keeps open, released when dropped.
pub(crate) struct FdLock<'a> {
    file: &'a File,
}

impl<'a> FdLock<'a> {
    /// Blocks until the exclusive lock on `file` is held.
    pub(crate) fn exclusive(file: &'a File) -> io::Result<FdLock<'a>> {
        loop {
            match crate::sys::flock::flock(file.as_fd(), libc::LOCK_EX) {
                Ok(()) => return Ok(FdLock { file }),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
    }
}

impl Drop for FdLock<'_> {
    fn drop(&mut self) {
        let _ = crate::sys::flock::flock(self.file.as_fd(), libc::LOCK_UN);
    }
}

/// Opens (creating it 0600 if needed, never truncating) a file that is locked with flock while
/// it is held; the folder must exist.
pub(crate) fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
}

/// The names of the entries of folder `dir` that are text; none when it cannot be read.
pub(crate) fn entry_names(dir: &Path) -> std::collections::HashSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a JSON file, returning `None` when it does not exist.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> io::Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: invalid JSON: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Serialises `value` as pretty JSON and writes it atomically.
pub(crate) fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let mut data = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    data.push(b'\n');
    atomic_write(path, &data)
}

/// A temporary file with no name in the temp folder, read-write, gone once closed.
pub(crate) fn anonymous_temp_file() -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(std::env::temp_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn try_exclusive_sees_a_held_lock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let held = Lock::exclusive(&p).unwrap();
        assert!(Lock::try_exclusive(&p).unwrap().is_none());
        drop(held);
        assert!(Lock::try_exclusive(&p).unwrap().is_some());
    }
}
