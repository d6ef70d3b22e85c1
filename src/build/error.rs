//! Why a build failed: one line each, naming the file and line, the step, or the thing the
//! user gave, and what to do.
use crate::build::context::ContextError;
use crate::build::parse::{ParseError, StepError, TargetError};
use crate::image::commit::CommitError;
use std::io;

/// Why a build stopped.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BuildError {
    #[error(transparent)]
    Context(#[from] ContextError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Expand(#[from] StepError),
    #[error(transparent)]
    Target(#[from] TargetError),
    #[error("cannot read the Containerfile {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
    /// A RUN exited non-zero; the build exits with its code.
    #[error("building at STEP \"{step}\": exit status {code}")]
    Run { step: String, code: i32 },
    #[error("building at STEP \"{step}\": {message}")]
    Step { step: String, message: String },
    #[error("creating build container: {}", base_message(image, message))]
    Base { image: String, message: String },
    #[error(transparent)]
    Commit(#[from] CommitError),
    #[error("{0}")]
    Store(#[from] crate::image::store::StoreError),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
}

/// A FROM's failure: the message as it is when it names the image, else after the image.
fn base_message(image: &str, message: &str) -> String {
    if message.contains(image) {
        message.to_string()
    } else {
        format!("FROM {image}: {message}")
    }
}

impl BuildError {
    /// The exit code: a failed RUN's own status (never 0), else 125.
    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            BuildError::Run { code, .. } if *code > 0 && *code < 256 => *code,
            BuildError::Run { .. } => 1,
            _ => 125,
        }
    }

    /// An error of the step `step` (its text as written).
    pub(crate) fn step(step: &str, message: impl std::fmt::Display) -> BuildError {
        BuildError::Step {
            step: step.to_string(),
            message: message.to_string(),
        }
    }
}
