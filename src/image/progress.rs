//! What a pull prints on stderr, in Podman's words: lines when stderr is not a terminal, one
//! progress bar per blob when it is, nothing when quiet.
use crate::util::digest::Digest;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// The pull's reporter; shared by the download threads.
pub(crate) struct Progress {
    mode: Mode,
}

enum Mode {
    Quiet,
    Lines,
    Bars(MultiProgress),
}

/// One blob's progress.
pub(crate) struct BlobProgress {
    bar: Option<ProgressBar>,
    line: Option<String>,
}

const BAR_TEMPLATE: &str =
    "Copying blob {prefix} [{bar:30}] {bytes:>10} / {total_bytes:<10} {bytes_per_sec}";

impl Progress {
    /// Bars when stderr is a terminal, else lines; nothing at all when `quiet`.
    pub(crate) fn new(quiet: bool) -> Progress {
        let mode = if quiet {
            Mode::Quiet
        } else if std::io::stderr().is_terminal() {
            Mode::Bars(MultiProgress::with_draw_target(ProgressDrawTarget::stderr()))
        } else {
            Mode::Lines
        };
        Progress { mode }
    }

    fn line(&self, text: &str) {
        match &self.mode {
            Mode::Quiet => {}
            Mode::Lines => eprintln!("{text}"),
            // Printed above the bars so they are not torn.
            Mode::Bars(multi) => {
                if multi.println(text).is_err() {
                    eprintln!("{text}");
                }
            }
        }
    }

    /// `Trying to pull docker.io/library/busybox:latest...`
    pub(crate) fn trying(&self, name: &str) {
        self.line(&format!("Trying to pull {name}..."));
    }

    /// `Getting image source signatures` (rcon verifies digests; it does not check signatures).
    pub(crate) fn signatures(&self) {
        self.line("Getting image source signatures");
    }

    /// Starts a blob being copied.
    pub(crate) fn blob(&self, digest: &Digest, size: u64) -> BlobProgress {
        match &self.mode {
            Mode::Quiet => BlobProgress {
                bar: None,
                line: None,
            },
            Mode::Lines => BlobProgress {
                bar: None,
                line: Some(format!("Copying blob {}", digest.short())),
            },
            Mode::Bars(multi) => {
                let bar = multi.add(ProgressBar::new(size));
                let style = ProgressStyle::with_template(BAR_TEMPLATE)
                    .expect("the bar template is valid")
                    .progress_chars("=> ");
                bar.set_style(style);
                bar.set_prefix(digest.short().to_string());
                BlobProgress {
                    bar: Some(bar),
                    line: None,
                }
            }
        }
    }

    /// `Copying blob <short> skipped: already exists`
    pub(crate) fn blob_skipped(&self, digest: &Digest) {
        self.line(&format!(
            "Copying blob {} skipped: already exists",
            digest.short()
        ));
    }

    /// `Copying config <short> done`
    pub(crate) fn config(&self, digest: &Digest) {
        self.line(&format!("Copying config {} done", &digest.hex()[..10]));
    }

    /// `Writing manifest to image destination`
    pub(crate) fn writing_manifest(&self) {
        self.line("Writing manifest to image destination");
    }
}

impl BlobProgress {
    /// Bytes copied so far.
    pub(crate) fn set(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }

    /// The blob is in place.
    pub(crate) fn done(self) {
        if let Some(bar) = &self.bar {
            bar.set_style(
                ProgressStyle::with_template("Copying blob {prefix} done")
                    .expect("the done template is valid"),
            );
            bar.finish();
        }
        if let Some(line) = &self.line {
            eprintln!("{line} done");
        }
    }

    /// The copy failed: the bar is removed, the error is reported by the caller.
    pub(crate) fn fail(self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
