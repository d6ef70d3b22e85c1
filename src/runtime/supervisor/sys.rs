//! Process-wide calls of the supervisor: its name, the descriptors it inherited, the signal
//! self-pipe, poll(2), and giving back the pages of code that only setup needed.
use nix::sys::signal::{SaFlags, Signal};
use std::fs::File;
use std::io;
use std::os::fd::AsFd;

/// Closes every descriptor above 2 (the helper's sync pipes are closed already).
pub(super) fn close_inherited() {
    // Nothing in this process uses a descriptor above 2 yet (the sync pipes of the
    // user-namespace helper were consumed and closed).
    if crate::sys::process::close_from(3).is_ok() {
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
/// its container. Pages the loop needs come back from the page cache on first use.
pub(super) fn trim_resident() {
    crate::sys::memory::trim_clean_file_pages();
}

/// `rcon-sup <short-id>` as the process name (`ps`, `top`: the command name holds 15 bytes).
/// argv[0] was set to the same by the CLI.
pub(super) fn name_process(id: &str) {
    let name = format!("rcon-sup {}", &id[..id.len().min(6)]);
    if let Ok(name) = std::ffi::CString::new(name) {
        let _ = nix::sys::prctl::set_name(&name);
    }
}

/// A self-pipe: SIGCHLD, SIGTERM, SIGINT and SIGHUP write their number to it, the loop polls
/// it. (A signalfd would need the signals blocked, and a blocked mask is inherited by the
/// container's processes across exec; a handler is reset by exec instead.)
pub(super) fn install_signal_pipe() -> io::Result<File> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)?;
    crate::sys::sigpipe::install(
        w.as_fd(),
        &[
            Signal::SIGCHLD,
            Signal::SIGTERM,
            Signal::SIGINT,
            Signal::SIGHUP,
        ],
        SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
    )?;
    // The write end lives as long as the process, and so do the handlers.
    std::mem::forget(w);
    Ok(File::from(r))
}

/// poll(2) over `fds`; `timeout` in ms, -1 for none.
pub(super) fn poll(fds: &mut [libc::pollfd], timeout: i32) -> io::Result<usize> {
    crate::sys::rawio::poll(fds, timeout)
}
