//! The start-up report: how a child tells its parent whether its command started.
//!
//! Wire format: an [`ipc::Channel`] pair (SOCK_SEQPACKET, JSON per packet). The child's end is
//! close-on-exec and written with write(2), one packet per report. Child → parent, in order:
//! [`Report::Ready`] right before execve, then [`Report::Failed`] if a step or the execve
//! failed. A successful execve closes the child's
//! end: the parent, reading until the end, sees `Ready` and then the close ("started"); a
//! close without `Ready` is a child that died during its setup.
use super::failure::{Failure, Stage};
use crate::ipc::{self, Channel, IpcError};
use serde::{Deserialize, Serialize};
use std::mem::ManuallyDrop;
use std::os::fd::{IntoRawFd, RawFd};

/// One message of the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Report {
    /// Every step is done; execve comes next.
    Ready,
    /// Why the child stops.
    Failed(Failure),
}

/// What the parent learned once the child's end closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The child reached execve and its end closed with it: the command runs.
    Started,
    /// The child said why it stopped.
    Failed(Failure),
    /// The child died before saying anything (a crash in setup).
    Vanished,
}

/// The parent's end of a report pair.
#[derive(Debug)]
pub(crate) struct Listener(Channel);

/// The child's end of a report pair, as a raw number: the child moves it during its setup.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reporter(pub(crate) RawFd);

/// A report pair, both ends close-on-exec.
pub(crate) fn pair() -> std::io::Result<(Listener, Reporter)> {
    let (parent, child) = ipc::pair()?;
    Ok((Listener(parent), Reporter(child.into_fd().into_raw_fd())))
}

impl Listener {
    /// Reads the reports until the child's end closes (call after dropping every copy of the
    /// child's end in this process).
    pub(crate) fn outcome(self) -> Result<Outcome, IpcError> {
        let mut ready = false;
        loop {
            match self.0.recv::<Report>()? {
                Some(Report::Ready) => ready = true,
                Some(Report::Failed(f)) => return Ok(Outcome::Failed(f)),
                None if ready => return Ok(Outcome::Started),
                None => return Ok(Outcome::Vanished),
            }
        }
    }
}

impl Reporter {
    /// Tells the parent that execve comes next.
    pub(crate) fn ready(self) {
        self.send(&Report::Ready);
    }

    /// Tells the parent why the child stops.
    pub(crate) fn failed(self, failure: &Failure) {
        self.send(&Report::Failed(failure.clone()));
    }

    /// One packet holding the report as JSON, as [`Channel::recv`] reads it. Sent with write(2)
    /// rather than sendmsg: the container's seccomp filter may be loaded already, and a
    /// profile may deny sendmsg but never write.
    fn send(self, report: &Report) {
        let bytes = match serde_json::to_vec(report) {
            Ok(b) if b.len() <= ipc::MAX_MESSAGE => b,
            _ => {
                let f = Failure::new(Stage::Exec, "the start-up failure is too long to report");
                serde_json::to_vec(&Report::Failed(f)).unwrap_or_default()
            }
        };
        // The descriptor stays the child's: borrowed here, never closed.
        let fd = ManuallyDrop::new(crate::sys::fd::own(self.0));
        while let Err(nix::errno::Errno::EINTR) = nix::unistd::write(&*fd, &bytes) {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_tells_started_failed_and_vanished_apart() {
        let (listener, reporter) = pair().unwrap();
        reporter.ready();
        drop(crate::sys::fd::own(reporter.0));
        assert_eq!(listener.outcome().unwrap(), Outcome::Started);

        let (listener, reporter) = pair().unwrap();
        let f = Failure::new(Stage::Exec, "executable file `x` not found");
        reporter.ready();
        reporter.failed(&f);
        drop(crate::sys::fd::own(reporter.0));
        assert_eq!(listener.outcome().unwrap(), Outcome::Failed(f));

        let (listener, reporter) = pair().unwrap();
        drop(crate::sys::fd::own(reporter.0));
        assert_eq!(listener.outcome().unwrap(), Outcome::Vanished);
    }
}
