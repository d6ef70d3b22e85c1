//! A self-pipe for signals: a handler that writes each signal's number, one byte, to a pipe
//! the caller polls. The handler makes only async-signal-safe calls, and a handler (unlike a
//! blocked mask for a signalfd) is reset by execve, so processes started afterwards do not
//! inherit it.
use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicI32, Ordering};

/// The descriptor the handler writes signal numbers to.
static SIGNAL_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    let fd = SIGNAL_FD.load(Ordering::Relaxed);
    let byte = sig as u8;
    // SAFETY: only async-signal-safe calls: errno is saved and restored around one write(2) of
    // one byte from a local to a non-blocking pipe (a full pipe drops the byte, which is fine:
    // the reader is already woken).
    unsafe {
        let errno = *libc::__errno_location();
        libc::write(fd, (&byte as *const u8).cast(), 1);
        *libc::__errno_location() = errno;
    }
}

/// The dispositions [`install`] replaced, to put back with [`Installed::restore`].
pub(crate) struct Installed(Vec<(Signal, SigAction)>);

impl Installed {
    /// Puts back the dispositions that were in place before [`install`].
    pub(crate) fn restore(&mut self) {
        for (sig, old) in self.0.drain(..) {
            // SAFETY: restores the disposition that was in place before `install`, as the
            // kernel reported it.
            let _ = unsafe { sigaction(sig, &old) };
        }
    }
}

/// Makes each of `sigs` write its number to `write`, the write end of a non-blocking pipe
/// (keep it open as long as the handler stays installed), with `flags` (SA_RESTART …). One
/// pipe per process: a later call redirects every handler to its own pipe. On an error the
/// signals handled so far stay handled.
pub(crate) fn install(
    write: BorrowedFd<'_>,
    sigs: &[Signal],
    flags: SaFlags,
) -> io::Result<Installed> {
    SIGNAL_FD.store(write.as_raw_fd(), Ordering::Relaxed);
    let action = SigAction::new(SigHandler::Handler(on_signal), flags, SigSet::empty());
    let mut installed = Vec::new();
    for &sig in sigs {
        // SAFETY: the handler only makes async-signal-safe calls (see `on_signal`).
        let old = unsafe { sigaction(sig, &action) }?;
        installed.push((sig, old));
    }
    Ok(Installed(installed))
}

/// Gives `sig` its default action back (to end the process by it afterwards).
pub(crate) fn set_default(sig: Signal) -> io::Result<()> {
    // SAFETY: restores the default disposition; no handler code is installed.
    unsafe { nix::sys::signal::signal(sig, SigHandler::SigDfl) }?;
    Ok(())
}
