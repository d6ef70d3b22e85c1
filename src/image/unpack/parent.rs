//! The parent's side of the `unpack` role: start it for a layer folder, write the layer to
//! its stdin, read its one report frame. Pull and commit both unpack through it.
use super::{HelperReply, Report};
use crate::ipc::helper::{self, NsChild, SpawnError};
use crate::ipc::role::Role;
use crate::linux::idmap::IdMap;
use std::io;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{ChildStdin, ChildStdout, Stdio};

/// Why the helper did not unpack a layer.
#[derive(Debug, thiserror::Error)]
pub(crate) enum UnpackFailure {
    /// The helper's own message.
    #[error("{0}")]
    Reported(String),
    #[error(transparent)]
    Helper(#[from] SpawnError),
    #[error("the unpack helper sent no report")]
    NoReport,
    #[error("the unpack helper stopped reading the layer")]
    Stopped,
}

/// A running `unpack` helper for one layer folder.
pub(crate) struct UnpackChild {
    child: NsChild,
    stdin: Option<ChildStdin>,
    stdout: Option<ChildStdout>,
}

impl UnpackChild {
    /// Starts the helper in the store's user namespace, unpacking into `dest`.
    ///
    /// Its parent-death signal follows the calling thread: call [`UnpackChild::finish`] (or
    /// drop it) before that thread ends.
    pub(crate) fn spawn(idmap: &IdMap, dest: &Path) -> Result<UnpackChild, SpawnError> {
        let role = Role::Unpack {
            dest: dest.to_path_buf(),
            single_uid: idmap.is_single(),
        };
        let mut child = helper::spawn(idmap, &role, Stdio::piped(), Stdio::piped())?;
        let stdin = child.stdin();
        if let Some(pipe) = &stdin {
            // A pipe of a MiB rather than 64 KiB: the layer moves in 16 times fewer rounds of
            // fill and drain. Refused above the user's pipe quota: the default serves.
            let _ = nix::fcntl::fcntl(
                pipe.as_raw_fd(),
                nix::fcntl::FcntlArg::F_SETPIPE_SZ(1 << 20),
            );
        }
        let stdout = child.stdout();
        Ok(UnpackChild {
            child,
            stdin,
            stdout,
        })
    }

    /// Where the layer goes (compressed or not); `None` once closed.
    pub(crate) fn stdin(&mut self) -> Option<&mut ChildStdin> {
        self.stdin.as_mut()
    }

    /// Closes the helper's input, reads its reply and waits for it.
    ///
    /// The reply (stdout) and the error line (stderr) are read at the same time: a helper
    /// blocked writing one pipe while we wait for the end of the other would never finish.
    pub(crate) fn finish(mut self) -> Result<Report, UnpackFailure> {
        drop(self.stdin.take());
        let stdout = self.stdout.take();
        let child = self.child;
        let (reply, waited) = std::thread::scope(|scope| {
            let reader = scope.spawn(move || -> Option<HelperReply> {
                let mut stdout = stdout?;
                // A read error shows in the wait.
                let reply = crate::ipc::read_frame(&mut stdout).ok().flatten();
                // Leave nothing unread, so the helper never blocks on a full pipe.
                let _ = io::copy(&mut stdout, &mut io::sink());
                reply
            });
            // On this thread, the one that spawned the helper (its parent-death signal
            // follows it): drains stderr, then reaps.
            let waited = child.wait();
            (reader.join().ok().flatten(), waited)
        });
        match (reply, waited) {
            (Some(HelperReply::Ok(report)), Ok(())) => Ok(report),
            (Some(HelperReply::Error(msg)), _) => Err(UnpackFailure::Reported(msg)),
            (_, Err(e)) => Err(e.into()),
            (_, Ok(())) => Err(UnpackFailure::NoReport),
        }
    }
}
