//! Signal dispositions of a process that only waits for a child on the same terminal.
use nix::sys::signal::{signal, SigHandler, Signal};
use std::io;

/// Ignores the signals a terminal sends to its foreground group (SIGINT, SIGQUIT), so a
/// parent that waits for an interactive child lives until the child ends. Call after the
/// child is started: an ignored disposition would be inherited across execve.
pub(crate) fn ignore_terminal_signals() -> io::Result<()> {
    for sig in [Signal::SIGINT, Signal::SIGQUIT] {
        // SAFETY: ignoring a signal installs no handler code.
        unsafe { signal(sig, SigHandler::SigIgn) }?;
    }
    Ok(())
}
