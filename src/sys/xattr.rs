//! Extended attributes: reading one of a file's.
use std::ffi::CStr;
use std::io;

/// Reads extended attribute `name` of the file at `path` (following symlinks) into `buf`;
/// returns how many bytes were written.
pub fn get(path: &CStr, name: &CStr, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: both strings are NUL-terminated and live across the call; the kernel writes at
    // most buf.len() bytes into buf, which is valid and writable for that length.
    let n = unsafe {
        libc::getxattr(
            path.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    usize::try_from(n).map_err(|_| io::Error::last_os_error())
}
