//! `auto-update`: containers labelled `io.containers.autoupdate` that run under a systemd unit
//! are brought to the newest image their name stands for, by restarting that unit.
//!
//! The plan, in the order Podman follows it:
//! 1. [`tasks`]: every running container with the label (`registry`, its old name `image`, or
//!    `local`; `disabled` and an empty value opt out) and the unit it runs in, the
//!    `PODMAN_SYSTEMD_UNIT` label `run`/`create` set from the unit's environment. A container
//!    with the policy but no unit is an error for that container only.
//! 2. [`check`]: `registry` asks the registry for the digest its name has now (a HEAD of the
//!    manifest, with pull's endpoints, auth and TLS) and compares it with the digests of the
//!    image the container runs; `local` compares the image the container runs with the one its
//!    name stands for in the store now.
//! 3. Without `--dry-run`, per unit: pull what is newer (`registry`), restart the unit
//!    ([`units`]), and see the unit's containers run, from the new image, and not turn
//!    unhealthy. When that fails and rollback is on, the previous image takes the name back
//!    and the unit is restarted again: `rolled back`, or `failed` when that fails too.
//!
//! Every container gets one report row; every failure one error. The image names are the ones
//! `create` recorded, fully qualified (rcon resolves a short name when it creates the
//! container, so the name checked is the one that was pulled).
use crate::config::registries::RegistriesConf;
use crate::config::Paths;
use crate::container::list;
use crate::container::stop::is_running;
use crate::container::ContainerRecord;
use crate::image::pull::{self, PullOptions};
use crate::image::registry::{Client, ClientOptions};
use crate::image::store::index::{self, Index};
use crate::image::Reference;
use crate::util::digest::Digest;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub(crate) mod units;

#[cfg(test)]
mod tests;

/// The label that names a container's policy.
pub(crate) const POLICY_LABEL: &str = "io.containers.autoupdate";
/// The label naming an auth file for the registry policy.
pub(crate) const AUTHFILE_LABEL: &str = "io.containers.autoupdate.authfile";
/// The label naming the systemd unit a container runs in.
pub(crate) const UNIT_LABEL: &str = "PODMAN_SYSTEMD_UNIT";

/// How long the containers of a restarted unit get to run (a `Type=simple` unit's `start`
/// returns before its container runs; a `Type=notify` one's after).
const RUN_WAIT: Duration = Duration::from_secs(30);
/// How long a restarted container with a healthcheck gets to leave `starting`.
const HEALTH_WAIT: Duration = Duration::from_secs(120);

/// Why a container could not be checked, updated or rolled back.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AutoUpdateError {
    #[error("unknown auto-update policy {value:?}: use registry, local or disabled")]
    Policy { value: String },
    #[error(
        "no {UNIT_LABEL} label found: run it in a systemd unit (`rcon generate systemd --new`)"
    )]
    NoUnit,
    #[error(
        "it was created from image ID {short}: the registry policy needs an image name such as \
         quay.io/podman/stable:latest"
    )]
    ById { short: String },
    #[error("image {name} is pinned by digest: the registry policy needs a tag")]
    Pinned { name: String },
    #[error("image name {name:?}: {reason}")]
    BadName { name: String, reason: String },
    #[error("image {name} is not in local storage: pull or build it, or use the registry policy")]
    NotLocal { name: String },
    #[error("cannot read the image index: {0}")]
    Index(#[source] std::io::Error),
    #[error("cannot check {reference} in its registry: {detail}")]
    Registry { reference: String, detail: String },
    #[error("pulling {name}: {source}")]
    Pull {
        name: String,
        #[source]
        source: pull::PullError,
    },
    #[error(transparent)]
    List(#[from] list::ListError),
    #[error("{detail}")]
    Systemctl { detail: String },
    #[error("no container of {unit} runs after the restart")]
    NotRunning { unit: String },
    #[error(
        "container {name} still runs the previous image {image}: the unit must create its \
         container afresh (`rcon generate systemd --new`)"
    )]
    OldImage { name: String, image: String },
    #[error("container {name} is unhealthy")]
    Unhealthy { name: String },
    #[error("container {name} did not become healthy in {secs} s")]
    NotHealthy { name: String, secs: u64 },
    #[error("the previous image {image} (for {name}) is gone")]
    Gone { image: String, name: String },
}

/// A container's auto-update policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    Registry,
    Local,
}

impl Policy {
    /// The policy a label value asks for; `Ok(None)` opts out.
    pub(crate) fn parse(value: &str) -> Result<Option<Policy>, AutoUpdateError> {
        match value {
            "registry" | "image" => Ok(Some(Policy::Registry)),
            "local" => Ok(Some(Policy::Local)),
            "" | "disabled" => Ok(None),
            other => Err(AutoUpdateError::Policy {
                value: other.to_string(),
            }),
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Policy::Registry => "registry",
            Policy::Local => "local",
        }
    }
}

/// The UPDATED column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Updated {
    False,
    Pending,
    True,
    RolledBack,
    Failed,
}

impl Updated {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Updated::False => "false",
            Updated::Pending => "pending",
            Updated::True => "true",
            Updated::RolledBack => "rolled back",
            Updated::Failed => "failed",
        }
    }
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) unit: String,
    pub(crate) container_id: String,
    pub(crate) container_name: String,
    pub(crate) image: String,
    pub(crate) policy: Policy,
    pub(crate) updated: Updated,
}

/// What `auto-update` was asked to do.
pub(crate) struct Options {
    pub(crate) dry_run: bool,
    pub(crate) rollback: bool,
    /// Registry access for the checks and pulls; a container's authfile label overrides
    /// `authfile` for it.
    pub(crate) client: ClientOptions,
}

/// What the CLI provides: the unit manager, and a container's health as `inspect` shows it.
pub(crate) trait Host {
    /// Restarts `unit`; the error is the manager's own words.
    fn restart(&self, unit: &str) -> Result<(), AutoUpdateError>;
    /// `State.Health.Status` of a container (`starting`, `healthy`, `unhealthy`); `None`
    /// when it has no healthcheck.
    fn health(&self, record: &ContainerRecord) -> Option<String>;
}

/// A container to keep up to date.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub(crate) record: ContainerRecord,
    pub(crate) unit: String,
    pub(crate) policy: Policy,
}

impl Task {
    fn row(&self, updated: Updated) -> Row {
        Row {
            unit: self.unit.clone(),
            container_id: self.record.id.clone(),
            container_name: self.record.name.clone(),
            image: self.record.image_name.clone(),
            policy: self.policy,
            updated,
        }
    }

    fn err(&self, what: impl std::fmt::Display) -> String {
        format!("auto-updating container {}: {what}", &self.record.id[..12])
    }
}

/// Runs auto-update: the report rows (by unit, then container name) and the errors.
pub(crate) fn run(paths: &Paths, opts: &Options, host: &dyn Host) -> (Vec<Row>, Vec<String>) {
    let mut errors = Vec::new();
    let all = match list::all(paths) {
        Ok(all) => all,
        Err(e) => return (Vec::new(), vec![e.to_string()]),
    };
    let running = all
        .into_iter()
        .filter(|(_, s)| is_running(s))
        .map(|(r, _)| r);
    let mut by_unit: BTreeMap<String, Vec<Task>> = BTreeMap::new();
    for t in tasks(running, &mut errors) {
        by_unit.entry(t.unit.clone()).or_default().push(t);
    }
    let mut rows = Vec::new();
    for (unit, mut tasks) in by_unit {
        tasks.sort_by(|a, b| a.record.name.cmp(&b.record.name));
        rows.extend(update_unit(paths, opts, host, &unit, &tasks, &mut errors));
    }
    if !opts.dry_run {
        crate::events::record(paths, crate::events::Event::system("auto-update", ""));
    }
    (rows, errors)
}

/// The containers among `records` with a policy and a unit; the others with a policy are
/// errors.
pub(crate) fn tasks(
    records: impl IntoIterator<Item = ContainerRecord>,
    errors: &mut Vec<String>,
) -> Vec<Task> {
    let mut out = Vec::new();
    for record in records {
        let Some(value) = record.labels.get(POLICY_LABEL) else {
            continue;
        };
        let short = record.id[..12].to_string();
        let policy = match Policy::parse(value) {
            Ok(Some(p)) => p,
            Ok(None) => continue,
            Err(e) => {
                errors.push(format!("auto-updating container {short}: {e}"));
                continue;
            }
        };
        match record.labels.get(UNIT_LABEL).filter(|u| !u.is_empty()) {
            Some(unit) => out.push(Task {
                unit: unit.clone(),
                record,
                policy,
            }),
            None => errors.push(format!(
                "auto-updating container {short}: {}",
                AutoUpdateError::NoUnit
            )),
        }
    }
    out
}

/// Updates the containers of one unit; their rows.
fn update_unit(
    paths: &Paths,
    opts: &Options,
    host: &dyn Host,
    unit: &str,
    tasks: &[Task],
    errors: &mut Vec<String>,
) -> Vec<Row> {
    let mut pending = Vec::new();
    let mut rows = Vec::new();
    for t in tasks {
        match check(paths, opts, t) {
            Ok(false) => rows.push(t.row(Updated::False)),
            Ok(true) if opts.dry_run => rows.push(t.row(Updated::Pending)),
            Ok(true) => pending.push(t),
            Err(e) => {
                errors.push(t.err(e));
                rows.push(t.row(Updated::Failed));
            }
        }
    }
    if pending.is_empty() {
        return rows;
    }
    // Pull the registry images; remember what each name stood for, for a rollback.
    let mut previous: BTreeMap<String, Digest> = BTreeMap::new();
    let mut ready = Vec::new();
    for t in pending {
        if t.policy == Policy::Registry {
            if let Err(e) = pull::pull(
                paths,
                &t.record.image_name,
                &PullOptions {
                    platform: None,
                    quiet: true,
                    client: client_options(opts, t),
                },
            ) {
                errors.push(t.err(AutoUpdateError::Pull {
                    name: t.record.image_name.clone(),
                    source: e,
                }));
                rows.push(t.row(Updated::Failed));
                continue;
            }
        }
        previous
            .entry(t.record.image_name.clone())
            .or_insert_with(|| t.record.image_id.clone());
        ready.push(t);
    }
    if ready.is_empty() {
        return rows;
    }
    let outcome = host
        .restart(unit)
        .and_then(|()| verify(paths, host, unit, &previous));
    let Err(why) = outcome else {
        rows.extend(ready.iter().map(|t| t.row(Updated::True)));
        return rows;
    };
    errors.push(format!("restarting unit {unit} after the update: {why}"));
    if !opts.rollback {
        rows.extend(ready.iter().map(|t| t.row(Updated::Failed)));
        return rows;
    }
    let back = retag(paths, &previous)
        .and_then(|()| host.restart(unit))
        .and_then(|()| verify(paths, host, unit, &BTreeMap::new()));
    let updated = match back {
        Ok(()) => Updated::RolledBack,
        Err(e) => {
            errors.push(format!("rolling back unit {unit}: {e}"));
            Updated::Failed
        }
    };
    rows.extend(ready.iter().map(|t| t.row(updated)));
    rows
}

fn client_options(opts: &Options, t: &Task) -> ClientOptions {
    let mut client = opts.client.clone();
    if let Some(f) = t
        .record
        .labels
        .get(AUTHFILE_LABEL)
        .filter(|f| !f.is_empty())
    {
        client.authfile = Some(PathBuf::from(f));
    }
    client
}

/// Whether the container's image is out of date.
fn check(paths: &Paths, opts: &Options, t: &Task) -> Result<bool, AutoUpdateError> {
    let name = &t.record.image_name;
    let idx = index::read(&paths.storage()).map_err(AutoUpdateError::Index)?;
    match t.policy {
        Policy::Local => {
            let now = idx
                .by_name(name)
                .ok_or_else(|| AutoUpdateError::NotLocal { name: name.clone() })?;
            Ok(now.id != t.record.image_id)
        }
        Policy::Registry => {
            let reference = registry_reference(name)?;
            let remote = remote_digest(paths, &client_options(opts, t), &reference)?;
            Ok(!runs_digest(&idx, &t.record.image_id, &reference, &remote))
        }
    }
}

/// The reference the registry policy checks: a name with a tag (not an image ID, nor a
/// digest, which can never change).
pub(crate) fn registry_reference(name: &str) -> Result<Reference, AutoUpdateError> {
    let hex = name.strip_prefix("sha256:").unwrap_or(name);
    if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AutoUpdateError::ById {
            short: hex[..12].to_string(),
        });
    }
    let r = Reference::parse(name).map_err(|e| AutoUpdateError::BadName {
        name: name.to_string(),
        reason: e.to_string(),
    })?;
    if r.digest.is_some() {
        return Err(AutoUpdateError::Pinned {
            name: name.to_string(),
        });
    }
    Ok(r)
}

/// Whether the stored image `id` is the one the registry's `remote` manifest digest names.
pub(crate) fn runs_digest(
    idx: &Index,
    id: &Digest,
    reference: &Reference,
    remote: &Digest,
) -> bool {
    let Some(img) = idx.images.iter().find(|i| &i.id == id) else {
        return false;
    };
    let by_name = format!("{}@{remote}", reference.name());
    &img.digest == remote
        || img.index_digest.as_ref() == Some(remote)
        || img.repo_digests.contains(&by_name)
}

/// The digest the registry has for `reference` now, from the first endpoint that knows it.
fn remote_digest(
    paths: &Paths,
    client: &ClientOptions,
    reference: &Reference,
) -> Result<Digest, AutoUpdateError> {
    let failed = |detail: String| AutoUpdateError::Registry {
        reference: reference.to_string(),
        detail,
    };
    let conf = RegistriesConf::load(paths).map_err(|e| failed(e.to_string()))?;
    let endpoints = conf
        .endpoints(reference)
        .map_err(|e| failed(e.to_string()))?;
    let client = Client::new(paths, client.clone()).map_err(|e| failed(e.to_string()))?;
    let mut tried = Vec::new();
    for ep in &endpoints {
        match client.head_manifest(ep, &reference.manifest_ref()) {
            Ok(Some((digest, _))) => return Ok(digest),
            Ok(None) => tried.push(format!("{}: not found", ep.host)),
            Err(e) => tried.push(e.to_string()),
        }
    }
    Err(failed(tried.join("; ")))
}

/// Gives each name back to the image it stood for.
fn retag(paths: &Paths, previous: &BTreeMap<String, Digest>) -> Result<(), AutoUpdateError> {
    let gone = index::update(&paths.storage(), |idx| -> Result<_, std::io::Error> {
        let mut gone = None;
        for (name, id) in previous {
            if !idx.images.iter().any(|i| &i.id == id) {
                gone = Some(AutoUpdateError::Gone {
                    image: id.short().to_string(),
                    name: name.clone(),
                });
                continue;
            }
            idx.take_name(name);
            if let Some(img) = idx.images.iter_mut().find(|i| &i.id == id) {
                img.names.push(name.clone());
            }
        }
        Ok(gone)
    })
    .map_err(AutoUpdateError::Index)?;
    gone.map_or(Ok(()), Err)
}

/// After a restart: the unit's containers run (none from an image in `old`, the names whose
/// image was replaced) and none is unhealthy.
fn verify(
    paths: &Paths,
    host: &dyn Host,
    unit: &str,
    old: &BTreeMap<String, Digest>,
) -> Result<(), AutoUpdateError> {
    let started = Instant::now();
    loop {
        let outcome = unit_state(paths, host, unit, old);
        let waited = started.elapsed();
        match outcome {
            UnitState::Runs => return Ok(()),
            UnitState::Failed(why) => return Err(why),
            UnitState::NotYet(_) if waited < RUN_WAIT => {}
            UnitState::Starting(_) if waited < HEALTH_WAIT => {}
            UnitState::NotYet(why) | UnitState::Starting(why) => return Err(why),
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[derive(Debug)]
enum UnitState {
    Runs,
    NotYet(AutoUpdateError),
    Starting(AutoUpdateError),
    Failed(AutoUpdateError),
}

fn unit_state(
    paths: &Paths,
    host: &dyn Host,
    unit: &str,
    old: &BTreeMap<String, Digest>,
) -> UnitState {
    let all = match list::all(paths) {
        Ok(all) => all,
        Err(e) => return UnitState::Failed(e.into()),
    };
    let running: Vec<ContainerRecord> = all
        .into_iter()
        .filter(|(r, s)| {
            is_running(s) && r.labels.get(UNIT_LABEL).map(String::as_str) == Some(unit)
        })
        .map(|(r, _)| r)
        .collect();
    judge(host, unit, &running, old)
}

/// How a unit whose `running` containers these are stands: none yet, one on an image in
/// `old`, one unhealthy or still starting its healthcheck, or all well.
fn judge(
    host: &dyn Host,
    unit: &str,
    running: &[ContainerRecord],
    old: &BTreeMap<String, Digest>,
) -> UnitState {
    if running.is_empty() {
        return UnitState::NotYet(AutoUpdateError::NotRunning {
            unit: unit.to_string(),
        });
    }
    for r in running {
        if old.get(&r.image_name) == Some(&r.image_id) {
            return UnitState::Failed(AutoUpdateError::OldImage {
                name: r.name.clone(),
                image: r.image_id.short().to_string(),
            });
        }
        match host.health(r).as_deref() {
            Some("unhealthy") => {
                return UnitState::Failed(AutoUpdateError::Unhealthy {
                    name: r.name.clone(),
                })
            }
            Some("starting") => {
                return UnitState::Starting(AutoUpdateError::NotHealthy {
                    name: r.name.clone(),
                    secs: HEALTH_WAIT.as_secs(),
                })
            }
            _ => {}
        }
    }
    UnitState::Runs
}
