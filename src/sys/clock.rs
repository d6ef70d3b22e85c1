//! Clocks the standard library does not read.
use std::io;

/// CLOCK_BOOTTIME in nanoseconds: the clock process start times count in.
pub(crate) fn boottime_ns() -> io::Result<u128> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec we own.
    if unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128)
}
