//! Process-wide calls of the supervisor: its name, the descriptors it inherited, the signal
//! self-pipe, poll(2), and giving back the pages of code that only setup needed.
use nix::sys::signal::Signal;
use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicI32, Ordering};

/// Closes every descriptor above 2 (the helper's sync pipes are closed already).
#[allow(unsafe_code)]
pub(super) fn close_inherited() {
    // SAFETY: close_range(2) only closes descriptors; nothing in this process uses one above 2
    // yet (the sync pipes of the user-namespace helper were consumed and closed).
    let rc = unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
    if rc == 0 {
        return;
    }
    // Before Linux 5.9: one by one.
    let fds: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .filter(|&fd| fd > 2)
                .collect()
        })
        .unwrap_or_default();
    for fd in fds {
        let _ = nix::unistd::close(fd);
    }
}

/// Drops the pages of read-only file mappings (our code, the C library's) from our resident
/// set: setup touched much code the loop never runs again, and the supervisor lives as long as
/// its container. Pages the loop needs come back from the page cache on first use. Mappings
/// with private modified pages (relocated RELRO data shows as read-only) are left alone: only
/// a mapping whose `Anonymous:` is 0 is clean file content, safe to drop and read again.
#[allow(unsafe_code)]
pub(super) fn trim_resident() {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let first = fields.next().unwrap_or_default();
        if let Some((start, end)) = first.split_once('-') {
            let perms = fields.next().unwrap_or_default();
            let path = fields.nth(3).unwrap_or_default();
            let range = (
                usize::from_str_radix(start, 16),
                usize::from_str_radix(end, 16),
            );
            current = match range {
                (Ok(s), Ok(e))
                    if perms.as_bytes().get(1) == Some(&b'-') && path.starts_with('/') && e > s =>
                {
                    Some((s, e - s))
                }
                _ => None,
            };
        } else if first == "Anonymous:" {
            if let (Some((start, len)), Some("0")) = (current.take(), fields.next()) {
                // SAFETY: the range is a whole read-only, file-backed mapping of this process
                // without private modified pages (checked above): dropping its pages loses
                // nothing, the next access reads them from the file again.
                unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_DONTNEED) };
            }
        }
    }
}

/// `rcon-sup <short-id>` as the process name (`ps`, `top`: the command name holds 15 bytes).
/// argv[0] was set to the same by the CLI.
pub(super) fn name_process(id: &str) {
    let name = format!("rcon-sup {}", &id[..id.len().min(6)]);
    if let Ok(name) = std::ffi::CString::new(name) {
        let _ = nix::sys::prctl::set_name(&name);
    }
}

/// The descriptor the signal handler writes signal numbers to.
static SIGNAL_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    let fd = SIGNAL_FD.load(Ordering::Relaxed);
    let byte = sig as u8;
    #[allow(unsafe_code)]
    // SAFETY: only async-signal-safe calls: errno is saved and restored around one write(2) of
    // one byte from a local to a non-blocking pipe (a full pipe drops the byte, which is fine:
    // the reader is already woken).
    unsafe {
        let errno = *libc::__errno_location();
        libc::write(fd, (&byte as *const u8).cast(), 1);
        *libc::__errno_location() = errno;
    }
}

/// A self-pipe: SIGCHLD, SIGTERM, SIGINT and SIGHUP write their number to it, the loop polls
/// it. (A signalfd would need the signals blocked, and a blocked mask is inherited by the
/// container's processes across exec; a handler is reset by exec instead.)
#[allow(unsafe_code)]
pub(super) fn install_signal_pipe() -> io::Result<File> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)?;
    SIGNAL_FD.store(w.as_raw_fd(), Ordering::Relaxed);
    // The write end lives as long as the process.
    std::mem::forget(w);
    let action = nix::sys::signal::SigAction::new(
        nix::sys::signal::SigHandler::Handler(on_signal),
        nix::sys::signal::SaFlags::SA_RESTART | nix::sys::signal::SaFlags::SA_NOCLDSTOP,
        nix::sys::signal::SigSet::empty(),
    );
    for sig in [
        Signal::SIGCHLD,
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
    ] {
        // SAFETY: the handler only makes async-signal-safe calls (see `on_signal`).
        unsafe { nix::sys::signal::sigaction(sig, &action) }?;
    }
    Ok(File::from(r))
}

/// poll(2) over `fds`; `timeout` in ms, -1 for none.
#[allow(unsafe_code)]
pub(super) fn poll(fds: &mut [libc::pollfd], timeout: i32) -> io::Result<usize> {
    // SAFETY: `fds` is a valid, exclusively borrowed slice of pollfd structs of this length.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(n as usize)
}
