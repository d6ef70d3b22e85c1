//! fork(2) for the children that need no new namespace: `rcon exec`'s command (and `exec -d`'s
//! intermediate), `--init`'s command.
use std::io;

/// fork: `Ok(None)` in the child, `Ok(Some(pid))` in the parent. Call only while
/// single-threaded; the child leaves by execve or `_exit`.
pub(crate) fn fork() -> io::Result<Option<i32>> {
    // SAFETY: callers are single-threaded (a clone of the supervisor, or the CLI after it
    // joined a user namespace), so no lock is held by a thread the child does not have.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => Ok(None),
        pid => Ok(Some(pid)),
    }
}
