//! The names of a UTS namespace: setdomainname (nix has sethostname only).
use std::io;

/// Sets the NIS domain name of this UTS namespace.
pub(crate) fn set_domainname(name: &str) -> io::Result<()> {
    // SAFETY: the pointer and length describe `name`'s bytes, read-only for the call.
    if unsafe { libc::setdomainname(name.as_ptr().cast(), name.len()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
