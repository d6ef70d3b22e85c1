//! `rcon commit CONTAINER [IMAGE]` (also `rcon container commit`): a new image of a
//! container's changes on top of its image, as Podman's `commit`.
//!
//! The new image's config is the container's image config with the container's run settings
//! (command, entrypoint, environment, labels, user, working folder), then each `--change`;
//! its one new layer is the container's writable layer, read by the `diff` helper.
use super::Context;
use crate::container::list;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::Status;
use crate::image::commit::{self, change, Format, History, ImageDraft};
use crate::image::diff::Mtimes;
use crate::image::progress::Progress;
use crate::image::store::{index, Store};
use crate::linux::idmap::IdMap;
use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use serde_json::Value;

#[derive(Debug, Args)]
pub(crate) struct CommitArgs {
    /// The author of the new image
    #[arg(short, long)]
    pub(crate) author: Option<String>,
    /// A Containerfile instruction for the image config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
    /// USER, WORKDIR, VOLUME or STOPSIGNAL (repeatable)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub(crate) changes: Vec<String>,
    /// Manifest and config format of the new image
    #[arg(short, long, value_enum, default_value = "oci")]
    pub(crate) format: CommitFormat,
    /// The commit message (the image history's comment)
    #[arg(short, long)]
    pub(crate) message: Option<String>,
    /// Freeze the container while its changes are read (a running container with a cgroup)
    #[arg(short, long)]
    pub(crate) pause: bool,
    /// Print only the image ID
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Squash the image's layers into one (not supported yet)
    #[arg(short, long)]
    pub(crate) squash: bool,
    /// Seconds since the epoch: the image's creation time, and the latest time any file of
    /// the new layer carries (reproducible images)
    #[arg(long, value_name = "SECONDS", env = "SOURCE_DATE_EPOCH")]
    pub(crate) source_date_epoch: Option<i64>,
    /// The container: name or ID. A running container is read while it runs: its files may
    /// change meanwhile (see --pause)
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
    /// The new image's name; without one the image is untagged
    #[arg(value_name = "IMAGE")]
    pub(crate) image: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CommitFormat {
    /// OCI image manifest and config
    Oci,
    /// Docker schema 2 manifest and config
    Docker,
}

pub(super) fn commit_cmd(ctx: &Context, a: &CommitArgs) -> anyhow::Result<i32> {
    if a.squash {
        bail!("--squash is not supported yet: commit without it (the image gains one layer)");
    }
    let names = match &a.image {
        Some(name) => vec![commit::image_name(name)?],
        None => Vec::new(),
    };
    let record = list::find(&ctx.paths, &a.container)?;
    if record.storage_driver == "vfs" {
        bail!(
            "container {} uses the vfs storage driver, whose root filesystem is a full copy with \
             no separate writable layer: committing it is not supported yet; create the \
             container with --storage-driver overlay or fuse-overlay",
            record.name
        );
    }
    let store = Store::open(&ctx.paths)?;
    let idx = index::read(store.root())?;
    let Some(base) = idx.images.iter().find(|i| i.id == record.image_id) else {
        bail!(
            "the image of container {} ({}) is no longer in the store",
            record.name,
            record.image_id.short()
        );
    };
    let mut draft = ImageDraft::from_image(&store, base)?;
    let spec_path = ContainerPaths::new(&ctx.paths, &record.id).spec();
    let spec: Value = match crate::util::fs::read_json(&spec_path) {
        Ok(spec) => spec.unwrap_or(Value::Null),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", spec_path.display())),
    };
    run_settings(&record, &spec, draft.config_mut());
    for c in &a.changes {
        change::apply(draft.config_mut(), c)?;
    }
    let format = match a.format {
        CommitFormat::Oci => Format::Oci,
        CommitFormat::Docker => Format::Docker,
    };
    let (created, mtimes) = match a.source_date_epoch {
        Some(t) => (crate::util::time::rfc3339(t), Mtimes::Clamp(t)),
        None => (crate::util::time::now_rfc3339_nano(), Mtimes::Keep),
    };
    let progress = Progress::new(a.quiet);
    progress.signatures();
    for blob in draft.blobs() {
        progress.blob_skipped(blob);
    }
    let idmap = IdMap::detect();
    let upper = ContainerPaths::new(&ctx.paths, &record.id).upper();
    let frozen = if a.pause { freeze(ctx, &record) } else { None };
    let mount_targets = crate::container::record::mount_destinations(&spec);
    let layer = commit::diff_upper(
        &store,
        &idmap,
        &upper,
        draft.top_layer(),
        (mtimes, false),
        &mount_targets,
    );
    if let Some(leaf) = frozen {
        if let Err(e) = crate::linux::cgroup::freeze(&leaf, false) {
            log::warn!("cannot thaw container {}: {e}", record.name);
        }
    }
    let layer = layer?;
    let bar = progress.blob(&layer.blob.digest, layer.blob.size);
    bar.set(layer.blob.size);
    bar.done();
    let history = History {
        created,
        created_by: record.command.join(" "),
        comment: a.message.clone().unwrap_or_default(),
        author: a.author.clone().unwrap_or_default(),
    };
    draft.add_layer(layer, &history)?;
    if format == Format::Docker && !history.comment.is_empty() {
        if let Some(top) = draft.config_mut().as_object_mut() {
            top.insert("comment".into(), Value::String(history.comment.clone()));
        }
    }
    let stored = draft.store(&store, format)?;
    progress.config(&stored.record.id);
    progress.writing_manifest();
    let recorded = commit::record(&store, stored, &names)?;
    record.note(&ctx.paths, "commit");
    println!("{}", recorded.id.hex());
    Ok(0)
}

/// The container's run settings in the image config, as Podman commits them: its command and
/// entrypoint, its environment (less what rcon sets for each container), its labels, its user
/// and its working folder.
fn run_settings(record: &ContainerRecord, spec: &Value, config: &mut Value) {
    let list_of = |key: &str| -> Vec<String> {
        record
            .extra
            .get(key)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    };
    // Empty lists are left out of the record: the container ran without one.
    let settings = config.get_mut("config").and_then(Value::as_object_mut);
    if let Some(s) = settings {
        s.remove("Entrypoint");
        s.remove("Cmd");
    }
    let entrypoint = list_of("Entrypoint");
    if !entrypoint.is_empty() {
        change::set_entrypoint(config, entrypoint);
    }
    let cmd = list_of("Cmd");
    if !cmd.is_empty() {
        change::set_cmd(config, cmd);
    }
    if let Some(env) = spec.pointer("/process/env").and_then(Value::as_array) {
        for entry in env.iter().filter_map(Value::as_str) {
            let (k, v) = entry.split_once('=').unwrap_or((entry, ""));
            if k != "HOSTNAME" && k != "container" {
                change::set_env(config, k, v);
            }
        }
    }
    for (k, v) in &record.labels {
        change::set_label(config, k, v);
    }
    if !record.user.is_empty() {
        change::set_user(config, &record.user);
    }
    let workdir = config
        .pointer("/config/WorkingDir")
        .and_then(Value::as_str)
        .filter(|w| !w.is_empty())
        .unwrap_or("/")
        .to_string();
    if let Some(cwd) = spec.pointer("/process/cwd").and_then(Value::as_str) {
        if cwd != workdir {
            change::set_workdir(config, cwd);
        }
    }
}

/// Freezes a running container's cgroup (`--pause`); its leaf, to thaw, when it was frozen.
fn freeze(ctx: &Context, record: &ContainerRecord) -> Option<std::path::PathBuf> {
    let st = list::state_of(&ctx.paths, &record.id).ok()?;
    if st.status != Status::Running {
        return None;
    }
    let Some(leaf) = crate::linux::cgroup::leaf_of(st.supervisor_pid) else {
        log::info!(
            "container {} has no cgroup of its own: committing it without pausing",
            record.name
        );
        return None;
    };
    match crate::linux::cgroup::freeze(&leaf, true) {
        Ok(()) => Some(leaf),
        Err(e) => {
            log::warn!(
                "cannot pause container {}: {e}; committing it running",
                record.name
            );
            None
        }
    }
}
