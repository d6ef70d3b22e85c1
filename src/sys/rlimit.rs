//! Resource limits: getrlimit and setrlimit of this process.
use std::io;

/// A resource number as the C library names it (`libc::RLIMIT_*`).
pub(crate) type Resource = libc::__rlimit_resource_t;

/// Sets the soft and hard limit of `resource`.
pub(crate) fn set(resource: Resource, soft: u64, hard: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: setrlimit reads one rlimit struct, valid for the call.
    if unsafe { libc::setrlimit(resource, &limit) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The soft and hard limit of `resource`.
pub(crate) fn get(resource: Resource) -> io::Result<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit struct, valid and writable for the call.
    if unsafe { libc::getrlimit(resource, &mut limit) } == 0 {
        Ok((limit.rlim_cur, limit.rlim_max))
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Raises the soft limit of open descriptors to the hard one; returns the soft limit now in
/// force (unchanged when raising failed).
pub(crate) fn raise_nofile() -> io::Result<u64> {
    let (soft, hard) = get(libc::RLIMIT_NOFILE)?;
    if soft < hard && set(libc::RLIMIT_NOFILE, hard, hard).is_ok() {
        return Ok(hard);
    }
    Ok(soft)
}
