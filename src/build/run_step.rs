//! A build step's container: created from the stage's current image like `rcon create`, run
//! in the foreground like `rcon run` (the same supervisor and start-up path), its output passed
//! through, and removed when the step ends, also when the step failed.
use crate::config::Paths;
use crate::container::create::{self, CreateError};
use crate::container::record::RestartPolicy;
use crate::container::runconfig::mounts::MountRequest;
use crate::container::runconfig::{PullPolicy, RunConfig, Tmpfs, Ulimit};
use crate::container::ContainerRecord;
use crate::image::store::ImageRecord;
use crate::network::{NetFlags, NetworkMode};
use crate::runtime::supervisor::{self, protocol::Frame};
use crate::util::fs::Lock;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;

/// How a step's container runs.
#[derive(Debug, Clone, Default)]
pub(crate) struct StepSpec {
    /// The whole command: the image's ENTRYPOINT does not apply to RUN.
    pub(crate) argv: Vec<String>,
    /// Added to the image's Env (build args the stage declared, `--env`).
    pub(crate) env: Vec<(String, String)>,
    pub(crate) network: NetworkMode,
    pub(crate) net: NetFlags,
    pub(crate) mounts: Vec<MountRequest>,
    pub(crate) tmpfs: Vec<Tmpfs>,
    pub(crate) ulimits: Vec<Ulimit>,
    pub(crate) cap_add: Vec<String>,
    pub(crate) cap_drop: Vec<String>,
    pub(crate) seccomp: Option<crate::linux::seccomp::Choice>,
    pub(crate) no_new_privileges: bool,
    pub(crate) storage_driver: Option<String>,
}

/// Why a step's container could not run.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StepError {
    #[error(transparent)]
    Create(#[from] CreateError),
    #[error("{0}")]
    Start(#[from] supervisor::StartError),
    #[error("cannot follow the build step's output: {0}")]
    Io(#[from] io::Error),
    #[error("the build step's container ended without an exit code")]
    NoExit,
}

/// A step's container; removed (with whatever it wrote) when dropped. Its builder holds
/// `build.lock` in the container's folder for its life: [`sweep`] removes the step containers
/// of builders that died.
pub(crate) struct StepContainer<'a> {
    paths: &'a Paths,
    pub(crate) record: ContainerRecord,
    _lock: Lock,
}

fn lock_path(paths: &Paths, id: &str) -> std::path::PathBuf {
    paths.containers().join(id).join("build.lock")
}

/// Removes the step containers no builder holds any more (their builder was killed after the
/// step ended, before it could remove them). Running ones are left to their supervisor, which
/// ends a step whose builder is gone.
pub(crate) fn sweep(paths: &Paths) {
    let Ok(all) = crate::container::list::all(paths) else {
        return;
    };
    for (record, state) in all {
        if !record.build || crate::container::stop::is_running(&state) {
            continue;
        }
        // A step another builder created a moment ago may not hold its lock yet.
        let record_file = paths.containers().join(&record.id).join("container.json");
        let young = std::fs::metadata(&record_file)
            .and_then(|m| m.modified())
            .map(|t| t.elapsed().unwrap_or_default() < std::time::Duration::from_secs(60))
            .unwrap_or(true);
        if young {
            continue;
        }
        if let Ok(Some(_held)) = Lock::try_exclusive(&lock_path(paths, &record.id)) {
            remove_step(paths, &record);
        }
    }
}

impl Drop for StepContainer<'_> {
    fn drop(&mut self) {
        remove_step(self.paths, &self.record);
    }
}

/// Removes a step's container and the anonymous volumes its image's `VOLUME`s gave it: what a
/// RUN wrote there is not part of the image (as with Docker's and Buildah's builds), and a
/// build leaves no volumes behind. What cannot be removed is warned of.
fn remove_step(paths: &Paths, record: &ContainerRecord) {
    match create::remove(paths, &record.id, true) {
        Ok(()) | Err(CreateError::Gone { .. }) => {}
        Err(e) => {
            log::warn!("cannot remove the build container {}: {e}", record.name);
            return;
        }
    }
    let anonymous = crate::container::volumes::volumes_of(record);
    if let Err(e) = crate::container::volumes::remove_anonymous(paths, &anonymous) {
        log::warn!(
            "cannot remove the volumes of build container {}: {e}",
            record.name
        );
    }
}

/// Creates the container of a step over `image` (not started).
pub(crate) fn create<'a>(
    paths: &'a Paths,
    image: &ImageRecord,
    spec: &StepSpec,
) -> Result<StepContainer<'a>, StepError> {
    let run = RunConfig {
        image: image.id.to_string(),
        command: spec.argv.clone(),
        entrypoint: Some(Vec::new()),
        env: spec.env.clone(),
        network: spec.network.clone(),
        net: spec.net.clone(),
        mounts: spec.mounts.clone(),
        tmpfs: spec.tmpfs.clone(),
        ulimits: spec.ulimits.clone(),
        cap_add: spec.cap_add.clone(),
        cap_drop: spec.cap_drop.clone(),
        seccomp: spec.seccomp.clone(),
        no_new_privileges: spec.no_new_privileges,
        storage_driver: spec.storage_driver.clone(),
        build: true,
        log_driver: "none".into(),
        stop_timeout: 10,
        restart: RestartPolicy {
            name: "no".into(),
            max_retries: 0,
        },
        pull: PullPolicy::Never,
        create_command: std::env::args().collect(),
        // A build step never runs the base image's HEALTHCHECK.
        health: crate::container::health::HealthFlags {
            disable: true,
            ..Default::default()
        },
        ..RunConfig::default()
    };
    let record = create::create(paths, &run, image)?;
    let lock = Lock::exclusive(&lock_path(paths, &record.id));
    let step = |lock| StepContainer {
        paths,
        record: record.clone(),
        _lock: lock,
    };
    match lock {
        Ok(lock) => Ok(step(lock)),
        Err(e) => {
            remove_step(paths, &record);
            Err(StepError::Io(e))
        }
    }
}

impl StepContainer<'_> {
    /// Starts the container with this process attached, passes its stdout and stderr to
    /// ours, and returns its exit code. If this process dies, the supervisor kills the step.
    ///
    /// With `quiet`, the output is dropped.
    pub(crate) fn run(&self, quiet: bool) -> Result<i32, StepError> {
        let (ours, theirs) = UnixStream::pair()?;
        supervisor::start(self.paths, &self.record.id, Some(OwnedFd::from(theirs)))?;
        let mut reader = io::BufReader::new(ours);
        loop {
            match Frame::read_from(&mut reader)? {
                Some(Frame::Stdout(_) | Frame::Stderr(_)) if quiet => {}
                Some(Frame::Stdout(b)) => {
                    let mut out = io::stdout().lock();
                    out.write_all(&b)?;
                    out.flush()?;
                }
                Some(Frame::Stderr(b)) => {
                    let mut err = io::stderr().lock();
                    err.write_all(&b)?;
                    err.flush()?;
                }
                Some(Frame::Exit { code }) => return Ok(code),
                Some(Frame::Error { code, message }) => {
                    return Err(StepError::Start(supervisor::StartError::Container {
                        code,
                        message,
                    }))
                }
                Some(_) => {}
                None => return Err(StepError::NoExit),
            }
        }
    }
}

/// Removes the RUN cache mounts kept between builds (`image prune --build-cache`,
/// `system prune`). Their files belong to the container's ids: removed in the user namespace.
pub(crate) fn clear_cache_mounts(paths: &Paths) -> io::Result<()> {
    let dir = paths.storage().join("build-cache");
    if !dir.exists() {
        return Ok(());
    }
    let _lock = Lock::exclusive(&paths.storage().join("build-cache.lock"))?;
    crate::ipc::helper::remove_tree(&crate::linux::idmap::IdMap::detect(), &dir)
        .map_err(io::Error::other)
}
