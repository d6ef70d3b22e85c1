//! posix_spawn of a program in a session of its own, one descriptor kept across the exec.
//!
//! The C library starts the child with clone(CLONE_VM | CLONE_VFORK): the child borrows the
//! caller's memory until it execs, so nothing is copied. A fork (what `Command` does as soon
//! as a `pre_exec` hook is set) copies the caller's page tables, and afterwards every page
//! either side writes faults once: for the CLI, whose resident set is some 15 MiB when it
//! starts a supervisor, that was most of the cost of starting one.
use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::RawFd;

/// The child's stdio: the descriptors that become its 0, 1 and 2.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stdio {
    pub(crate) stdin: RawFd,
    pub(crate) stdout: RawFd,
    pub(crate) stderr: RawFd,
}

/// Owns the file actions and attributes, destroyed however the spawn ends.
struct Setup {
    actions: libc::posix_spawn_file_actions_t,
    attr: libc::posix_spawnattr_t,
}

impl Drop for Setup {
    fn drop(&mut self) {
        // SAFETY: both were initialised in `setup` (a Setup exists only then) and are
        // destroyed once, here.
        unsafe {
            libc::posix_spawn_file_actions_destroy(&mut self.actions);
            libc::posix_spawnattr_destroy(&mut self.attr);
        }
    }
}

fn check(rc: libc::c_int) -> io::Result<()> {
    match rc {
        0 => Ok(()),
        e => Err(io::Error::from_raw_os_error(e)),
    }
}

/// File actions and attributes for [`spawn_session`]: stdio onto 0, 1 and 2, `keep` inherited,
/// a new session, no signal blocked, SIGPIPE back to its default action (Rust ignores it).
fn setup(stdio: Stdio, keep: RawFd) -> io::Result<Setup> {
    // SAFETY: zeroed structures are only storage; each is initialised by its _init call before
    // any other use, and `Setup` destroys both however this function or the spawn ends.
    let mut s = unsafe {
        let mut actions: libc::posix_spawn_file_actions_t = std::mem::zeroed();
        check(libc::posix_spawn_file_actions_init(&mut actions))?;
        let mut attr: libc::posix_spawnattr_t = std::mem::zeroed();
        if let Err(e) = check(libc::posix_spawnattr_init(&mut attr)) {
            libc::posix_spawn_file_actions_destroy(&mut actions);
            return Err(e);
        }
        Setup { actions, attr }
    };
    // SAFETY: the actions and attributes are initialised (above); the calls only record what
    // the child does, and read the signal sets, which live on this stack, during the call.
    unsafe {
        for (from, to) in [(stdio.stdin, 0), (stdio.stdout, 1), (stdio.stderr, 2)] {
            check(libc::posix_spawn_file_actions_adddup2(
                &mut s.actions,
                from,
                to,
            ))?;
        }
        // dup2 onto itself clears close-on-exec in the child only (glibc 2.29, POSIX 2024):
        // the parent's copy stays close-on-exec, so no other spawn inherits it.
        check(libc::posix_spawn_file_actions_adddup2(
            &mut s.actions,
            keep,
            keep,
        ))?;
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        check(libc::posix_spawnattr_setsigmask(&mut s.attr, &none))?;
        let mut default: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut default);
        libc::sigaddset(&mut default, libc::SIGPIPE);
        check(libc::posix_spawnattr_setsigdefault(&mut s.attr, &default))?;
        // POSIX_SPAWN_SETSID (0x80) is a c_short in the libc crate, the others c_int; all
        // fit the attribute's c_short.
        let flags = libc::POSIX_SPAWN_SETSID
            | (libc::POSIX_SPAWN_SETSIGMASK | libc::POSIX_SPAWN_SETSIGDEF) as libc::c_short;
        check(libc::posix_spawnattr_setflags(&mut s.attr, flags))?;
    }
    Ok(s)
}

/// Starts `program` with `argv` (argv[0] included) and the environment `env` ("NAME=value"),
/// in a session of its own (setsid: no terminal, no process group of the caller's), with
/// `stdio` as its 0, 1 and 2 and `keep` inherited; returns its pid. Every stdio descriptor
/// and `keep` must be above 2, so that placing one cannot overwrite another.
pub(crate) fn spawn_session(
    program: &CStr,
    argv: &[CString],
    env: &[CString],
    stdio: Stdio,
    keep: RawFd,
) -> io::Result<i32> {
    if [stdio.stdin, stdio.stdout, stdio.stderr, keep]
        .iter()
        .any(|&fd| fd < 3)
    {
        return Err(io::Error::from_raw_os_error(libc::EBADF));
    }
    let setup = setup(stdio, keep)?;
    let mut argv_ptrs: Vec<*mut libc::c_char> =
        argv.iter().map(|a| a.as_ptr().cast_mut()).collect();
    argv_ptrs.push(std::ptr::null_mut());
    let mut env_ptrs: Vec<*mut libc::c_char> = env.iter().map(|e| e.as_ptr().cast_mut()).collect();
    env_ptrs.push(std::ptr::null_mut());
    let mut pid: libc::pid_t = 0;
    // SAFETY: the program path and both arrays are NUL-terminated and point into CStrings
    // that outlive the call (posix_spawn does not write through them); the actions and
    // attributes are initialised. The child runs only the C library's spawn code until execve.
    let rc = unsafe {
        libc::posix_spawn(
            &mut pid,
            program.as_ptr(),
            &setup.actions,
            &setup.attr,
            argv_ptrs.as_ptr(),
            env_ptrs.as_ptr(),
        )
    };
    check(rc)?;
    Ok(pid)
}
