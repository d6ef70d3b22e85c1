//! Capabilities of the calling thread: the bounding set (prctl), the effective, permitted and
//! inheritable sets (capset v3) and the ambient set (prctl).
use nix::errno::Errno;

/// Drops capability `cap` from the calling thread's bounding set (PR_CAPBSET_DROP; needs
/// CAP_SETPCAP).
pub(crate) fn bounding_drop(cap: u32) -> nix::Result<()> {
    // SAFETY: PR_CAPBSET_DROP takes a capability number and no pointer.
    let rc = unsafe { libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) };
    Errno::result(rc).map(drop)
}

#[repr(C)]
struct Header {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Data {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

/// Sets the calling thread's effective, permitted and inheritable sets (capset v3: each
/// 64-bit mask as two 32-bit words).
pub(crate) fn set_v3(effective: u64, permitted: u64, inheritable: u64) -> nix::Result<()> {
    const VERSION_3: u32 = 0x2008_0522;
    let header = Header {
        version: VERSION_3,
        pid: 0,
    };
    let word = |m: u64, i: u32| (m >> (32 * i)) as u32;
    let data = [0, 1].map(|i| Data {
        effective: word(effective, i),
        permitted: word(permitted, i),
        inheritable: word(inheritable, i),
    });
    // SAFETY: the header and the two data words are the layout capset v3 reads; both live
    // across the call.
    let rc = unsafe { libc::syscall(libc::SYS_capset, &header, data.as_ptr()) };
    Errno::result(rc).map(drop)
}

/// Empties the calling thread's ambient set (PR_CAP_AMBIENT_CLEAR_ALL).
pub(crate) fn ambient_clear_all() -> nix::Result<()> {
    // SAFETY: PR_CAP_AMBIENT takes integer arguments only.
    let rc = unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong,
            0,
            0,
            0,
        )
    };
    Errno::result(rc).map(drop)
}

/// Adds capability `cap` to the calling thread's ambient set (PR_CAP_AMBIENT_RAISE; it must be
/// permitted and inheritable).
pub(crate) fn ambient_raise(cap: u32) -> nix::Result<()> {
    // SAFETY: PR_CAP_AMBIENT takes integer arguments only.
    let rc = unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong,
            cap as libc::c_ulong,
            0,
            0,
        )
    };
    Errno::result(rc).map(drop)
}
