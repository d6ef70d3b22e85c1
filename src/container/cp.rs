//! `rcon cp`: files between the host and a container, running or not, as tar streams.
//!
//! The container's side never runs code from the image: rcon itself packs or unpacks, with the
//! container's root as its own root, so every path and every symlink the container placed is
//! resolved inside that root and nothing outside can be read or written (the `docker cp`
//! symlink-race class). For a running container a forked child of the CLI joins the
//! container's user and mount namespaces (the CLI is single-threaded); for a stopped one a
//! user-namespace helper ([`stopped::helper_cp`]) mounts the root filesystem and the
//! container's volumes in a mount namespace of its own and chroots into it. Either way the
//! worker talks tar over a pipe with the CLI, which packs or unpacks on the host as the user.
//!
//! Inside the container, files arrive owned by its user (Podman's default; `--archive=false`:
//! as the archive says); an archive read from a container carries the container's own uids
//! and gids. A container that never ran has no mount points for its volumes yet: a copy
//! into one goes to the volume's (or bind mount's) source ([`stopped`]).
use crate::config::Paths;
use crate::container::list;
use crate::container::state::Status;
use crate::image::diff::Mtimes;
use crate::linux::nsenter::{Init, NsenterError, Target};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::Stdio;

pub(crate) mod archive;
pub(crate) mod build;
pub(crate) mod glob;
pub(crate) mod stopped;

/// Why a copy failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CpError {
    #[error("{0}")]
    Usage(String),
    #[error("{}", located(&source.to_string(), "on the host").unwrap_or_else(|| source.to_string()))]
    Host {
        #[source]
        source: archive::ArchiveError,
    },
    #[error(
        "{}",
        located(message, &format!("on container {container}"))
            .unwrap_or_else(|| format!("container {container}: {message}"))
    )]
    Worker { container: String, message: String },
    #[error(transparent)]
    List(#[from] list::ListError),
    #[error(transparent)]
    Nsenter(#[from] NsenterError),
    #[error("cannot {what}: {source}")]
    Sys {
        what: &'static str,
        #[source]
        source: io::Error,
    },
}

type Result<T> = std::result::Result<T, CpError>;

/// A path that could not be found, said with where it was looked for, as Podman says it
/// (`"PATH" could not be found on container NAME: …`); `None` for any other message.
fn located(message: &str, place: &str) -> Option<String> {
    let (path, rest) = message.split_once(archive::NOT_FOUND)?;
    path.starts_with('"')
        .then(|| format!("{path}{} {place}{rest}", archive::NOT_FOUND))
}

fn sys(what: &'static str) -> impl FnOnce(io::Error) -> CpError {
    move |source| CpError::Sys { what, source }
}

/// One side of `rcon cp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// `-`: a tar stream on stdin or stdout.
    Stream,
    Host(PathBuf),
    Container {
        name: String,
        path: String,
    },
}

/// Docker's reading of a `cp` argument: `-`, a local path (anything starting with `/` or `.`,
/// or without `:`), else `CONTAINER:PATH`.
pub(crate) fn endpoint(arg: &str) -> Endpoint {
    if arg == "-" {
        return Endpoint::Stream;
    }
    if arg.starts_with('/') || arg.starts_with('.') {
        return Endpoint::Host(PathBuf::from(arg));
    }
    match arg.split_once(':') {
        Some((name, path)) if !name.is_empty() => Endpoint::Container {
            name: name.to_string(),
            // A relative path is the container's working folder's: see [`in_workdir`].
            path: path.to_string(),
        },
        _ => Endpoint::Host(PathBuf::from(arg)),
    }
}

/// `path` of a container endpoint made absolute: a relative one (or none) is taken in the
/// container's working folder `workdir`, as Podman takes it.
pub(crate) fn in_workdir(path: &str, workdir: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let base = if workdir.starts_with('/') {
        workdir
    } else {
        "/"
    };
    match (base.trim_end_matches('/'), path) {
        ("", "") => "/".to_string(),
        (b, "") => b.to_string(),
        (b, p) => format!("{b}/{p}"),
    }
}

/// What the worker inside the container does (typed, as the stopped container's helper gets
/// it in its role).
pub(crate) use crate::ipc::role::CpOp as Op;

impl Op {
    /// The path in the container a copy op works on (none for a build's or export's).
    pub(crate) fn path(&self) -> Option<&str> {
        match self {
            Op::Out { path, .. } | Op::In { path, .. } | Op::InRaw { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Points a copy op at `new` instead.
    pub(crate) fn set_path(&mut self, new: String) {
        if let Op::Out { path, .. } | Op::In { path, .. } | Op::InRaw { path, .. } = self {
            *path = new;
        }
    }
}

/// Runs `op` with the container's root as `/`, reading archives from `input` and writing them
/// to `output`.
pub(crate) fn run_op(
    op: &Op,
    input: impl Read,
    output: impl Write,
) -> std::result::Result<(), archive::ArchiveError> {
    match op {
        Op::Out { path, follow } => archive::pack(Path::new(path), *follow, output),
        Op::In {
            path,
            contents,
            put,
        } => archive::place(input, Path::new(path), *contents, put),
        Op::InRaw { path, put } => archive::place_raw(input, Path::new(path), put),
        Op::InOwned { path } => archive::place_owned(input, Path::new(path)),
        Op::OutCopy { path, single_uid } => {
            let p = Path::new(path);
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => write_tree(path, *single_uid, output),
                _ => archive::pack(p, true, output),
            }
        }
        Op::Export {
            single_uid,
            excluded,
        } => {
            let opts = crate::image::diff::Options::new(*single_uid, Mtimes::Keep, &[])
                .excluding(excluded);
            write_tree_with("/", output, &opts)
        }
        Op::Glob {
            base,
            pattern,
            depth,
        } => glob::list(Path::new(base), pattern, *depth, output),
        Op::Build {
            dest,
            single_file,
            chown,
            chmod,
        } => Ok(build::place(
            input,
            dest,
            single_file.as_deref(),
            chown.as_deref(),
            chmod.as_deref(),
        )?),
    }
}

/// The folder `path` written as a layer is (owners, hardlinks, xattrs).
fn write_tree(
    path: &str,
    single_uid: bool,
    output: impl Write,
) -> std::result::Result<(), archive::ArchiveError> {
    let opts = crate::image::diff::Options::new(single_uid, Mtimes::Keep, &[]);
    write_tree_with(path, output, &opts)
}

fn write_tree_with(
    path: &str,
    output: impl Write,
    opts: &crate::image::diff::Options,
) -> std::result::Result<(), archive::ArchiveError> {
    crate::image::diff::write_layer(Path::new(path), output, opts)
        .map(drop)
        .map_err(|e| archive::ArchiveError::Io {
            path: path.to_string(),
            source: std::io::Error::other(e.to_string()),
        })
}

/// How `rcon cp` copies.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Follow a symlink given as the source (inside a container: never out of it).
    pub(crate) follow: bool,
    /// How what lands in a container is placed: owners, and whether a file may replace a
    /// folder or a folder a file (the latter also on the host).
    pub(crate) put: archive::Put,
}

/// `rcon cp SRC DST`. A `-` source reads the tar stream `stdin` (already decompressed).
pub(crate) fn copy(
    paths: &Paths,
    src: &Endpoint,
    dst: &Endpoint,
    opts: &Options,
    stdin: Option<Box<dyn Read + '_>>,
) -> Result<()> {
    let follow = opts.follow;
    match (src, dst) {
        (Endpoint::Container { name, path }, Endpoint::Host(host)) => {
            host_destination(host)?;
            let op = Op::Out {
                path: path.clone(),
                follow,
            };
            let contents = archive::is_contents(path);
            let put = archive::Put {
                owners: archive::Owners::Placer,
                overwrite: opts.put.overwrite,
            };
            with_container(paths, name, &op, |data| {
                let data = data.expect("the out op reads");
                archive::place(data, host, contents, &put)
                    .map_err(|source| CpError::Host { source })
            })
        }
        (Endpoint::Container { name, path }, Endpoint::Stream) => {
            let op = Op::Out {
                path: path.clone(),
                follow,
            };
            with_container(paths, name, &op, |data| {
                let mut data = data.expect("the out op reads");
                let mut out = io::stdout().lock();
                io::copy(&mut data, &mut out).map_err(sys("write the archive to stdout"))?;
                out.flush().map_err(sys("write the archive to stdout"))
            })
        }
        (Endpoint::Host(host), Endpoint::Container { name, path }) => {
            let host_text = host.to_string_lossy();
            if std::fs::symlink_metadata(host).is_err() {
                return Err(CpError::Host {
                    source: archive::ArchiveError::Missing {
                        path: host_text.into_owned(),
                    },
                });
            }
            let op = Op::In {
                path: path.clone(),
                contents: archive::is_contents(&host_text),
                put: opts.put,
            };
            with_container_feed(paths, name, &op, |data| {
                archive::pack(host, follow, data).map_err(|source| CpError::Host { source })
            })
        }
        (Endpoint::Stream, Endpoint::Container { name, path }) => {
            let op = Op::InRaw {
                path: path.clone(),
                put: opts.put,
            };
            let mut input = stdin.unwrap_or_else(|| Box::new(io::stdin()));
            with_container_feed(paths, name, &op, |mut data| {
                io::copy(&mut input, &mut data)
                    .map(drop)
                    .map_err(sys("read the archive from stdin"))
            })
        }
        (Endpoint::Container { path, .. }, Endpoint::Container { .. }) => {
            between_containers(paths, src, path, dst, opts)
        }
        _ => Err(CpError::Usage(
            "one of SRC and DEST must be CONTAINER:PATH (the other a host path or -)".into(),
        )),
    }
}

/// Container to container, as Podman does it: through a staging folder of the store, named
/// after the source (so a copy into a folder keeps the source's name; `/.` keeps meaning its
/// contents). The stage is removed from inside the user namespace (it may hold subordinate
/// ids' files).
fn between_containers(
    paths: &Paths,
    src: &Endpoint,
    src_path: &str,
    dst: &Endpoint,
    opts: &Options,
) -> Result<()> {
    let stage = paths.root.join(format!(
        ".cp-{}-{}",
        std::process::id(),
        crate::util::time::unique_suffix()
    ));
    std::fs::create_dir_all(&stage).map_err(sys("create the copy's staging folder"))?;
    let contents = archive::is_contents(src_path);
    let base = std::path::Path::new(src_path.trim_end_matches("/."))
        .file_name()
        .map_or_else(|| "root".into(), |n| n.to_os_string());
    let staged = stage.join(base);
    let fresh = Options {
        follow: opts.follow,
        put: archive::Put::default(),
    };
    let copied = copy(paths, src, &Endpoint::Host(staged.clone()), &fresh, None).and_then(|()| {
        let from = if contents { staged.join(".") } else { staged };
        copy(paths, &Endpoint::Host(from), dst, opts, None)
    });
    let _ = crate::ipc::helper::remove_tree(&crate::linux::idmap::IdMap::detect(), &stage);
    copied
}

/// A host destination that exists must be a folder or a regular file (`/dev/stdout` is
/// neither: `-` is the way to a tar stream on stdout); one that ends in `/` must exist.
fn host_destination(host: &Path) -> Result<()> {
    let text = host.to_string_lossy();
    match std::fs::metadata(host) {
        Ok(m) if m.is_dir() || m.is_file() => Ok(()),
        Ok(_) => Err(CpError::Usage(format!(
            "cannot copy to {text}: the destination must be a folder or a regular file (`-` writes a tar stream to stdout)"
        ))),
        Err(_) if text.ends_with('/') => Err(CpError::Host {
            source: archive::ArchiveError::NoParent {
                path: text.into_owned(),
            },
        }),
        Err(_) => Ok(()),
    }
}

/// The worker's stream to read from (out ops).
type Reader = Option<Box<dyn Read>>;

fn with_container(
    paths: &Paths,
    name: &str,
    op: &Op,
    consume: impl FnOnce(Reader) -> Result<()>,
) -> Result<()> {
    run_worker(paths, name, op, Side::Read(Box::new(consume)))
}

/// Reads the root filesystem of container `name` (running or not) as a layer-style tar (owners
/// as the container sees them), handing the stream to `consume`: its image's layers and its
/// writable layer, without what is mounted on it (`/proc`, `/dev`, volumes, bind mounts)
/// and without the absolute paths `excluded` (`rcon export`).
pub(crate) fn read_root(
    paths: &Paths,
    name: &str,
    excluded: Vec<String>,
    consume: impl FnOnce(&mut dyn Read) -> io::Result<()>,
) -> Result<()> {
    let op = Op::Export {
        single_uid: crate::linux::idmap::IdMap::detect().is_single(),
        excluded,
    };
    let side = Side::Read(Box::new(|out: Reader| match out {
        Some(mut r) => consume(&mut r).map_err(sys("write the archive")),
        None => Ok(()),
    }));
    run_worker(paths, name, &op, side)
}

fn with_container_feed(
    paths: &Paths,
    name: &str,
    op: &Op,
    feed: impl FnOnce(Box<dyn Write>) -> Result<()>,
) -> Result<()> {
    run_worker(paths, name, op, Side::Write(Box::new(feed)))
}

/// What the CLI does with its end of the stream.
enum Side<'a> {
    Read(Box<dyn FnOnce(Reader) -> Result<()> + 'a>),
    Write(Box<dyn FnOnce(Box<dyn Write>) -> Result<()> + 'a>),
}

fn run_worker(paths: &Paths, name: &str, op: &Op, side: Side<'_>) -> Result<()> {
    let record = list::find(paths, name)?;
    let st = list::state_of(paths, &record.id)?;
    let running = matches!(st.status, Status::Running | Status::Paused);
    let init = if running {
        match Init::open(&Target::from(&st)) {
            Ok(i) => Some(i),
            Err(NsenterError::NotRunning) => None,
            Err(e) => return Err(e.into()),
        }
    } else {
        None
    };
    let worker_err = |message: String| CpError::Worker {
        container: record.name.clone(),
        message,
    };
    let (side_result, worker_result) = match init {
        Some(init) => in_running(init, op, side)?,
        None => in_stopped(paths, &record.id, op, side)?,
    };
    match (worker_result, side_result) {
        (Ok(()), side) => side,
        // The CLI stopped reading (its unpacking failed): its error is the cause, the
        // worker's broken pipe only the consequence.
        (Err(failure), Err(side)) if failure.is_broken_pipe() => Err(side),
        (Err(failure), _) => Err(worker_err(failure.to_string())),
    }
}

/// How the worker that copies on the container's side failed.
#[derive(Debug, thiserror::Error)]
enum WorkerFailure {
    /// Its own words, from its error pipe or the helper's stderr.
    #[error("{message}")]
    Said { message: String },
    #[error("the copy inside the container ended: {status}")]
    Ended { status: String },
}

impl WorkerFailure {
    /// The worker failed writing to a pipe nobody read any more.
    fn is_broken_pipe(&self) -> bool {
        let epipe = io::Error::from_raw_os_error(libc::EPIPE).to_string();
        matches!(self, WorkerFailure::Said { message } if message.ends_with(&epipe))
    }
}

/// The host side's result and the worker's.
type Outcome = (Result<()>, std::result::Result<(), WorkerFailure>);

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| sys("make a pipe")(e.into()))
}

/// Forks a child that joins the running container and runs `op` there. The CLI is
/// single-threaded here (nothing in `cp` starts a thread), so the child may allocate and run
/// ordinary code; it leaves by `_exit` only.
fn in_running(init: Init, op: &Op, side: Side<'_>) -> Result<Outcome> {
    let namespaces = init.namespaces()?;
    let (data_r, data_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let fork = crate::sys::fork::fork().map_err(sys("fork"))?;
    match fork {
        None => {
            drop(err_r);
            let ours = match side {
                Side::Read(_) => {
                    drop(data_r);
                    data_w
                }
                Side::Write(_) => {
                    drop(data_w);
                    data_r
                }
            };
            let result = namespaces.join().map_err(|e| e.to_string()).and_then(|()| {
                if matches!(op, Op::Export { .. }) {
                    root_alone().map_err(|e| format!("cannot isolate the root filesystem: {e}"))?;
                }
                let f = File::from(ours);
                run_op(op, &f, &f).map_err(|e| e.to_string())
            });
            let code = match result {
                Ok(()) => 0,
                Err(message) => {
                    let _ = crate::ipc::write_frame(&mut File::from(err_w), &message);
                    1
                }
            };
            // Without the parent's exit handlers, which would run twice.
            crate::sys::process::exit_now(code)
        }
        Some(child) => {
            let child = nix::unistd::Pid::from_raw(child);
            drop(err_w);
            drop(namespaces);
            let side_result = match side {
                Side::Read(consume) => {
                    drop(data_w);
                    consume(Some(Box::new(File::from(data_r))))
                }
                Side::Write(feed) => {
                    drop(data_r);
                    feed(Box::new(File::from(data_w)))
                }
            };
            let status = nix::sys::wait::waitpid(child, None);
            let said = crate::ipc::read_frame::<String>(&mut File::from(err_r));
            let worker = match (status, said) {
                (Ok(nix::sys::wait::WaitStatus::Exited(_, 0)), _) => Ok(()),
                (_, Ok(Some(message))) => Err(WorkerFailure::Said { message }),
                (other, _) => Err(WorkerFailure::Ended {
                    status: format!("{other:?}"),
                }),
            };
            Ok((side_result, worker))
        }
    }
}

/// In a mount namespace of its own (a copy of the container's, owned by the container's user
/// namespace, so its mounts are not locked): the root filesystem bound alone, without its
/// submounts, onto `/proc` (a folder every running container has), and made the root.
fn root_alone() -> nix::Result<()> {
    use nix::mount::{mount, MsFlags};
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)?;
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )?;
    mount(
        Some("/"),
        "/proc",
        None::<&str>,
        MsFlags::MS_BIND,
        None::<&str>,
    )?;
    nix::unistd::chroot("/proc")?;
    nix::unistd::chdir("/")
}

/// Reads `path` out of the created or stopped container `id` as a cp archive (its top entry
/// named after `path`), handing the stream to `consume`. `follow` follows a symlink at
/// `path` itself (inside the container's root).
pub(crate) fn read_stopped(
    paths: &Paths,
    id: &str,
    path: &str,
    follow: bool,
    consume: impl FnOnce(&mut dyn Read) -> io::Result<()>,
) -> Result<()> {
    let op = Op::Out {
        path: path.to_string(),
        follow,
    };
    read_stopped_op(paths, id, &op, path, consume)
}

/// [`read_stopped`] with any op that writes an archive (`path` names it in errors).
pub(crate) fn read_stopped_op(
    paths: &Paths,
    id: &str,
    op: &Op,
    path: &str,
    consume: impl FnOnce(&mut dyn Read) -> io::Result<()>,
) -> Result<()> {
    let side = Side::Read(Box::new(|out: Reader| match out {
        Some(mut r) => consume(&mut r).map_err(|source| CpError::Host {
            source: archive::ArchiveError::Io {
                path: path.to_string(),
                source,
            },
        }),
        None => Ok(()),
    }));
    let short: String = id.chars().take(12).collect();
    match in_stopped(paths, id, op, side)? {
        (_, Err(failure)) => Err(CpError::Worker {
            container: short,
            message: failure.to_string(),
        }),
        (side, Ok(())) => side,
    }
}

/// Runs `op` in a helper that mounts the stopped container's root filesystem.
fn in_stopped(paths: &Paths, id: &str, op: &Op, side: Side<'_>) -> Result<Outcome> {
    let idmap = crate::linux::idmap::IdMap::detect();
    let role = crate::ipc::role::Role::Cp {
        store: crate::ipc::role::StorePaths::of(paths),
        id: id.to_string(),
        op: op.clone(),
    };
    let (stdin, stdout) = match side {
        Side::Read(_) => (Stdio::null(), Stdio::piped()),
        Side::Write(_) => (Stdio::piped(), Stdio::null()),
    };
    let mut child =
        crate::ipc::helper::spawn(&idmap, &role, stdin, stdout).map_err(|e| CpError::Worker {
            container: id.chars().take(12).collect(),
            message: e.to_string(),
        })?;
    let side_result = match side {
        Side::Read(consume) => {
            let out = child.stdout().map(|s| Box::new(s) as Box<dyn Read>);
            consume(out)
        }
        Side::Write(feed) => match child.stdin() {
            Some(s) => feed(Box::new(s)),
            None => Ok(()),
        },
    };
    let worker = child.wait().map_err(|e| {
        let text = e.to_string();
        match text.split_once("rcon: cp: ") {
            Some((_, m)) => m.to_string(),
            None => text,
        }
    });
    Ok((
        side_result,
        worker.map_err(|message| WorkerFailure::Said { message }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_split_as_docker_splits_them() {
        assert_eq!(endpoint("-"), Endpoint::Stream);
        assert_eq!(endpoint("./a:b"), Endpoint::Host("./a:b".into()));
        assert_eq!(endpoint("/x:y"), Endpoint::Host("/x:y".into()));
        assert_eq!(endpoint("file"), Endpoint::Host("file".into()));
        assert_eq!(
            endpoint("web:/etc/hosts"),
            Endpoint::Container {
                name: "web".into(),
                path: "/etc/hosts".into()
            }
        );
        assert_eq!(
            endpoint("web:etc"),
            Endpoint::Container {
                name: "web".into(),
                path: "etc".into()
            }
        );
        assert_eq!(
            endpoint("web:"),
            Endpoint::Container {
                name: "web".into(),
                path: "".into()
            }
        );
    }

    #[test]
    fn relative_container_paths_are_the_working_folders() {
        assert_eq!(in_workdir("/etc", "/srv"), "/etc");
        assert_eq!(in_workdir("etc", "/srv"), "/srv/etc");
        assert_eq!(in_workdir(".", "/srv/"), "/srv/.");
        assert_eq!(in_workdir("", "/srv"), "/srv");
        assert_eq!(in_workdir("", "/"), "/");
        assert_eq!(in_workdir("a", "/"), "/a");
        assert_eq!(in_workdir("a", ""), "/a");
    }
}
