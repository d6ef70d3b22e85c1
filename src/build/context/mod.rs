//! The build context: where COPY and ADD read from, with `.containerignore` applied, and the
//! transfer of their sources into a step's container.
//!
//! - [`Context::open`] takes the context as `rcon build` names it ([`ContextSource`]): a
//!   folder; `-`, a tar stream on stdin (gzip, bzip2, xz, zstd or plain), or a Containerfile
//!   alone; a URL to such a tar; a git repository (`https://…/x.git#ref:subdir`, `git@…`),
//!   cloned with `git`. Archives are unpacked as hostile input ([`untar`]) into a private
//!   temporary folder that goes with the `Context`, also when the build fails. It finds the
//!   Containerfile and the ignore file ([`ignore`]) and reads both even when ignored.
//! - [`Context::select`] resolves one COPY or ADD's sources ([`select`]) into a
//!   [`Selection`]; [`Selection::checksum`] is its content checksum for the cache and
//!   [`Selection::write_archive`] its tar stream in Docker's placement form ([`stream`]).
//! - [`copy_into`] places a selection into a created container's root through the stopped
//!   container's cp worker (`container::cp::build`), which resolves every path inside that
//!   root.
//!
//! Patterns (`.dockerignore`, `--exclude`, `--parents`) follow Docker's rules ([`pattern`]).
// The builder is being written beside this module; until it calls in, parts look unused.
#![allow(dead_code)]

mod fetch;
mod ignore;
mod pattern;
mod select;
mod stream;
mod transfer;
pub(crate) mod untar;

#[allow(unused_imports)]
pub(crate) use fetch::{is_git_url, GitSource, TempDir};
pub(crate) use pattern::{glob, has_wildcard, Matcher};
#[allow(unused_imports)]
pub(crate) use select::{AddOptions, Entry, Kind, Request, Selection};
#[allow(unused_imports)]
pub(crate) use transfer::{copy_into, Placement};

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Why the context could not be read, or a COPY or ADD not done. `source_name` is the
/// source as the Containerfile wrote it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ContextError {
    #[error("the build context {path} is not a folder: {source}")]
    Folder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot find the Containerfile {path}: no such file or directory (give an existing \
         file with -f)"
    )]
    NoContainerfile { path: PathBuf },
    #[error(
        "no Containerfile or Dockerfile in the build context {path}: add one, or give one with -f"
    )]
    NoDefaultContainerfile { path: PathBuf },
    #[error("the Containerfile {path:?} lies outside the build context")]
    ContainerfileOutside { path: PathBuf },
    #[error("stdin cannot hold both the context and the Containerfile: give one of them a path")]
    StdinTwice,
    #[error("cannot make a temporary folder for the build: {source}")]
    Temp {
        #[source]
        source: io::Error,
    },
    #[error("cannot read the build context: {0}")]
    Receive(#[source] io::Error),
    #[error("the build context archive: {source}")]
    Untar {
        #[source]
        source: untar::UntarError,
    },
    #[error("cannot download {url}: {message}")]
    Download { url: String, message: String },
    #[error("git is not installed: install git to build from a git repository")]
    NoGit,
    #[error("cannot clone {url}: {message}")]
    Git { url: String, message: String },
    #[error(transparent)]
    Ignore(#[from] ignore::IgnoreError),
    #[error("--exclude: {0}")]
    Exclude(#[source] pattern::PatternError),
    #[error("no source files were specified: give at least one source before the destination")]
    NoSources,
    #[error(
        "{source_name:?}: not found in the build context: check the path, and that the ignore \
         file does not exclude it"
    )]
    NotFound { source_name: String },
    #[error("{source_name:?} is outside the build context: copy it into the context first")]
    Outside { source_name: String },
    #[error("{source_name:?}: {reason}")]
    Unsupported { source_name: String, reason: String },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the archive {archive}: {message}")]
    Archive { archive: String, message: String },
    #[error("{url}: checksum mismatch: expected {expected}, got {actual}")]
    Checksum {
        url: String,
        expected: String,
        actual: String,
    },
    #[error("cannot send the files to the container: {source}")]
    Send {
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Chown(#[from] crate::container::cp::build::OwnerError),
    #[error(transparent)]
    Chmod(#[from] crate::container::cp::build::ModeError),
    #[error("the destination {dest:?} must be an absolute path")]
    Dest { dest: String },
    #[error(transparent)]
    Copy(#[from] crate::container::cp::CpError),
}

/// Where the context comes from, as `rcon build`'s argument names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ContextSource {
    Dir(PathBuf),
    /// `-`: a tar stream (the context) or a Containerfile alone, on stdin.
    Stdin,
    /// An http(s) URL to a tar stream or a Containerfile.
    Url(String),
    Git(GitSource),
}

impl ContextSource {
    /// Docker's reading of the argument: `-`; a git repository; an http(s) URL; else a folder
    /// (also `github.com/…` when such a local folder exists).
    pub(crate) fn parse(arg: &str) -> ContextSource {
        if arg == "-" {
            ContextSource::Stdin
        } else if fetch::is_git_url(arg)
            && !(arg.starts_with("github.com/") && Path::new(arg).exists())
        {
            ContextSource::Git(GitSource::parse(arg))
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            ContextSource::Url(arg.to_string())
        } else {
            ContextSource::Dir(PathBuf::from(arg))
        }
    }
}

/// `rcon build`'s options that bear on the context.
#[derive(Debug, Clone, Default)]
pub(crate) struct OpenOptions {
    /// `-f`: the Containerfile (`-` for stdin). Relative to the working folder, else to the
    /// context's root; for a context that is not a local folder, inside it.
    pub(crate) file: Option<PathBuf>,
    /// `--ignorefile`.
    pub(crate) ignorefile: Option<PathBuf>,
}

/// An opened build context.
#[derive(Debug)]
pub(crate) struct Context {
    /// The context's root, symlinks resolved.
    root: PathBuf,
    containerfile: PathBuf,
    ignore: Matcher,
    /// The unpacked, downloaded or cloned context and a Containerfile from stdin.
    temp: Option<TempDir>,
}

impl Context {
    /// Opens the context `source` (reading stdin for `-` or `-f -`).
    pub(crate) fn open(
        source: &ContextSource,
        opts: &OpenOptions,
    ) -> Result<Context, ContextError> {
        Self::open_with(source, opts, &mut io::stdin().lock())
    }

    /// [`Context::open`], with `stdin` standing for the process's.
    pub(crate) fn open_with(
        source: &ContextSource,
        opts: &OpenOptions,
        stdin: &mut dyn Read,
    ) -> Result<Context, ContextError> {
        let file_on_stdin = opts.file.as_deref().is_some_and(|f| f.as_os_str() == "-");
        if file_on_stdin && *source == ContextSource::Stdin {
            return Err(ContextError::StdinTwice);
        }
        let new_temp = || TempDir::new().map_err(|source| ContextError::Temp { source });
        let mut temp = None;
        let mut received = None;
        let root = match source {
            ContextSource::Dir(dir) => dir.clone(),
            ContextSource::Stdin => {
                let t = new_temp()?;
                let dir = make_context_dir(&t)?;
                if let fetch::Received::Containerfile(file) = fetch::receive(&mut *stdin, &dir)? {
                    received = Some(file);
                }
                temp = Some(t);
                dir
            }
            ContextSource::Url(url) => {
                let t = new_temp()?;
                let dir = make_context_dir(&t)?;
                let (body, _) = fetch::download(url)?;
                if let fetch::Received::Containerfile(file) = fetch::receive(body, &dir)? {
                    received = Some(file);
                }
                temp = Some(t);
                dir
            }
            ContextSource::Git(git) => {
                let t = new_temp()?;
                let dir = t.path().join("context");
                let root = fetch::clone(git, &dir, false, None)?;
                temp = Some(t);
                root
            }
        };
        let root = std::fs::canonicalize(&root)
            .and_then(|r| {
                if r.is_dir() {
                    Ok(r)
                } else {
                    Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"))
                }
            })
            .map_err(|source| ContextError::Folder {
                path: root.clone(),
                source,
            })?;
        let local = matches!(source, ContextSource::Dir(_));
        let containerfile = match (&opts.file, received) {
            (Some(_), _) if file_on_stdin => {
                let t = match &temp {
                    Some(t) => t,
                    None => temp.insert(new_temp()?),
                };
                let file = t.path().join("Containerfile.stdin");
                let mut out =
                    std::fs::File::create(&file).map_err(|source| ContextError::Temp { source })?;
                io::copy(stdin, &mut out).map_err(ContextError::Receive)?;
                file
            }
            (Some(f), _) if is_url(f) => {
                let t = match &temp {
                    Some(t) => t,
                    None => temp.insert(new_temp()?),
                };
                let url = f.to_string_lossy();
                let file = t.path().join("Containerfile.url");
                let (mut body, _) = fetch::download(&url)?;
                let mut out =
                    std::fs::File::create(&file).map_err(|source| ContextError::Temp { source })?;
                io::copy(&mut body, &mut out).map_err(|e| ContextError::Download {
                    url: url.to_string(),
                    message: e.to_string(),
                })?;
                file
            }
            (_, Some(file)) => file,
            (Some(f), None) => find_given(&root, f, local)?,
            (None, None) => ["Containerfile", "Dockerfile"]
                .iter()
                .map(|n| root.join(n))
                .find(|p| p.is_file())
                .ok_or_else(|| ContextError::NoDefaultContainerfile { path: root.clone() })?,
        };
        let ignore = match ignore::find(&root, Some(&containerfile), opts.ignorefile.as_deref()) {
            Some(path) => ignore::load(&path)?,
            None => Matcher::default(),
        };
        Ok(Context {
            root,
            containerfile,
            ignore,
            temp,
        })
    }

    /// A folder as a context of its own, with its `.containerignore`/`.dockerignore` but no
    /// Containerfile: a `--build-context NAME=PATH`.
    pub(crate) fn open_dir(dir: &Path) -> Result<Context, ContextError> {
        let root = std::fs::canonicalize(dir)
            .and_then(|r| {
                if r.is_dir() {
                    Ok(r)
                } else {
                    Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"))
                }
            })
            .map_err(|source| ContextError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        let ignore = match ignore::find(&root, None, None) {
            Some(path) => ignore::load(&path)?,
            None => Matcher::default(),
        };
        Ok(Context {
            containerfile: root.clone(),
            root,
            ignore,
            temp: None,
        })
    }

    /// [`Context::open_dir`] of a temporary folder, which goes with the context.
    pub(crate) fn open_dir_owned(temp: TempDir) -> Result<Context, ContextError> {
        let mut ctx = Context::open_dir(temp.path())?;
        ctx.temp = Some(temp);
        Ok(ctx)
    }

    /// The context's root folder (symlinks resolved).
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The Containerfile to read (it may lie outside the root, or come from stdin).
    pub(crate) fn containerfile(&self) -> &Path {
        &self.containerfile
    }

    /// The ignore file's patterns.
    pub(crate) fn ignore(&self) -> &Matcher {
        &self.ignore
    }
}

fn make_context_dir(temp: &TempDir) -> Result<PathBuf, ContextError> {
    let dir = temp.path().join("context");
    std::fs::create_dir(&dir).map_err(|source| ContextError::Temp { source })?;
    Ok(dir)
}

/// Whether `-f` names an http(s) URL: the Containerfile is downloaded.
fn is_url(file: &Path) -> bool {
    let f = file.to_string_lossy();
    f.starts_with("http://") || f.starts_with("https://")
}

/// The Containerfile `-f` names.
fn find_given(root: &Path, file: &Path, local: bool) -> Result<PathBuf, ContextError> {
    if local {
        let candidates = if file.is_absolute() {
            vec![file.to_path_buf()]
        } else {
            vec![file.to_path_buf(), root.join(file)]
        };
        return candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| {
            ContextError::NoContainerfile {
                path: file.to_path_buf(),
            }
        });
    }
    let rel = file.strip_prefix("/").unwrap_or(file);
    let path =
        std::fs::canonicalize(root.join(rel)).map_err(|_| ContextError::NoContainerfile {
            path: file.to_path_buf(),
        })?;
    if !path.starts_with(root) {
        return Err(ContextError::ContainerfileOutside {
            path: file.to_path_buf(),
        });
    }
    if !path.is_file() {
        return Err(ContextError::NoContainerfile {
            path: file.to_path_buf(),
        });
    }
    Ok(path)
}

#[cfg(test)]
mod tests;
