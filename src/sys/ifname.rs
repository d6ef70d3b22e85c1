//! Network interface indexes in the caller's current network namespace (the C library's
//! if_nametoindex).
use std::ffi::CStr;
use std::io;

/// The index of the interface named `name`.
pub(crate) fn index(name: &CStr) -> io::Result<u32> {
    // SAFETY: `name` is a valid NUL-terminated string that outlives the call.
    let i = unsafe { libc::if_nametoindex(name.as_ptr()) };
    if i == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(i)
}
