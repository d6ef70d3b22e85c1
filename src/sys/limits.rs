//! Resource limits of the calling process (getrlimit(2), setrlimit(2)).
use std::io;

/// The soft and hard limit of `resource` (RLIMIT_NOFILE …).
pub(crate) fn get(resource: libc::__rlimit_resource_t) -> io::Result<libc::rlimit> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into the struct we own; no other memory is touched.
    if unsafe { libc::getrlimit(resource, &mut lim) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(lim)
}

/// Sets the soft and hard limit of `resource`.
pub(crate) fn set(resource: libc::__rlimit_resource_t, lim: &libc::rlimit) -> io::Result<()> {
    // SAFETY: setrlimit reads one valid rlimit that lives for the call.
    if unsafe { libc::setrlimit(resource, lim) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}
