//! Process primitives: clone3 without a new stack (a fork that can enter new namespaces or a
//! cgroup), close_range, signal dispositions reset before execve, execve itself, `_exit`.
use std::ffi::CString;
use std::io;
use std::os::fd::RawFd;

#[repr(C)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

/// clone3 without a new stack: the child continues here like a forked child. `Ok(None)`
/// in the child, `Ok(Some(pid))` in the parent.
pub(crate) fn clone_fork(flags: u64) -> io::Result<Option<i32>> {
    clone_fork_into(flags, None)
}

/// [`clone_fork`]; with `cgroup` (an open cgroup v2 folder) the child starts in that
/// cgroup (CLONE_INTO_CGROUP, Linux 5.7).
pub(crate) fn clone_fork_into(flags: u64, cgroup: Option<RawFd>) -> io::Result<Option<i32>> {
    const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;
    let args = CloneArgs {
        flags: flags | cgroup.map_or(0, |_| CLONE_INTO_CGROUP),
        pidfd: 0,
        child_tid: 0,
        parent_tid: 0,
        exit_signal: libc::SIGCHLD as u64,
        stack: 0,
        stack_size: 0,
        tls: 0,
        set_tid: 0,
        set_tid_size: 0,
        cgroup: cgroup.map_or(0, |fd| fd as u64),
    };
    // SAFETY: clone3 reads `args` (the VER2 size); with no stack the child runs on a copy
    // of this address space, as after fork. The caller is single-threaded (the supervisor),
    // so no lock can be held by a thread that does not exist in the child.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &args as *const CloneArgs,
            std::mem::size_of::<CloneArgs>(),
        )
    };
    match rc {
        -1 => Err(io::Error::last_os_error()),
        0 => Ok(None),
        pid => Ok(Some(pid as i32)),
    }
}

/// Closes every descriptor from `first` up (close_range, Linux 5.9).
pub(crate) fn close_from(first: RawFd) -> io::Result<()> {
    // SAFETY: close_range takes integers only; descriptors above `first` are not used by
    // this process afterwards (callers own nothing there).
    let rc = unsafe { libc::syscall(libc::SYS_close_range, first as u32, u32::MAX, 0u32) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Every signal back to its default action and none blocked: ignored signals (Rust
/// ignores SIGPIPE) would otherwise stay ignored across execve.
pub(crate) fn reset_signals() {
    // SAFETY: setting SIG_DFL installs no handler; sigprocmask gets a valid empty set.
    unsafe {
        for sig in 1..libc::SIGRTMAX() {
            if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    }
}

/// execve; returns only on failure.
pub(crate) fn execve(path: &CString, argv: &[CString], env: &[CString]) -> io::Error {
    let mut argv_ptrs: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    argv_ptrs.push(std::ptr::null());
    let mut env_ptrs: Vec<*const libc::c_char> = env.iter().map(|e| e.as_ptr()).collect();
    env_ptrs.push(std::ptr::null());
    // SAFETY: both arrays are NULL-terminated and point into CStrings that outlive the call.
    unsafe { libc::execve(path.as_ptr(), argv_ptrs.as_ptr(), env_ptrs.as_ptr()) };
    io::Error::last_os_error()
}

/// Leaves the process at once: no destructor, no atexit hook, no buffered output flushed
/// twice (the child's memory is a copy of the supervisor's).
pub(crate) fn exit_now(code: i32) -> ! {
    // SAFETY: _exit never returns and touches no Rust state.
    unsafe { libc::_exit(code) }
}
