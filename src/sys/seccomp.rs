//! Loading a classic BPF seccomp filter (seccomp(2) SECCOMP_SET_MODE_FILTER).
use std::io;

/// Hands `filter` to the kernel for the calling thread. Allocates nothing: safe between fork
/// and execve. Needs no_new_privs or CAP_SYS_ADMIN in the current user namespace.
pub(crate) fn set_mode_filter(filter: &[libc::sock_filter]) -> io::Result<()> {
    let prog = libc::sock_fprog {
        len: filter.len() as u16,
        filter: filter.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: `prog` points at `filter`, alive and unchanged for the call; the kernel copies
    // the program and keeps no pointer to it.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            0,
            &prog as *const libc::sock_fprog,
        )
    };
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}
