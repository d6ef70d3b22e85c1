//! Network interface names and indexes in the caller's current network namespace (the C
//! library's if_nametoindex and if_nameindex).
use std::ffi::CStr;
use std::io;

/// The index of the interface named `name`.
pub fn index(name: &CStr) -> io::Result<u32> {
    // SAFETY: `name` is a valid NUL-terminated string that outlives the call.
    let i = unsafe { libc::if_nametoindex(name.as_ptr()) };
    if i == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(i)
}

/// The names of every interface (empty when the list cannot be read).
pub fn names() -> Vec<String> {
    let mut out = Vec::new();
    // SAFETY: if_nameindex returns an array ended by a zero entry, freed below; each name is
    // a NUL-terminated string inside it, copied before the free.
    unsafe {
        let list = libc::if_nameindex();
        if list.is_null() {
            return out;
        }
        let mut p = list;
        while (*p).if_index != 0 && !(*p).if_name.is_null() {
            out.push(CStr::from_ptr((*p).if_name).to_string_lossy().into_owned());
            p = p.add(1);
        }
        libc::if_freenameindex(list);
    }
    out
}
