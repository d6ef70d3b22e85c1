//! `pull`, `images`, `rmi`, `tag`, `untag`, `inspect` and the `image` group.
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::manifest_list;
use crate::image::pull::{self, PullOptions};

use crate::events::{self, Event};
use crate::image::registry::platform::Platform;
use crate::image::registry::ClientOptions;
use crate::image::store::index::{self, ImageRecord};
use crate::image::store::Store;
use crate::image::Reference;
use crate::linux::idmap::IdMap;
use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::path::PathBuf;

// Registry options shared by `pull` and `login`.
#[derive(Debug, Clone, Args)]
pub(crate) struct RegistryOpts {
    /// Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub(crate) tls_verify: Option<bool>,
    /// Path of the authentication file (default: containers-auth.json locations)
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub(crate) authfile: Option<PathBuf>,
    /// Folder of certificates (*.crt, *.cert, *.key) for the registry
    #[arg(long, value_name = "PATH")]
    pub(crate) cert_dir: Option<PathBuf>,
}

impl RegistryOpts {
    /// The client options of these flags; an `--authfile` that does not exist is refused
    /// (Podman's check), as nothing but `login` would ever write it.
    pub(crate) fn client_options(&self, creds: Option<&str>) -> anyhow::Result<ClientOptions> {
        if let Some(f) = self.authfile.as_ref().filter(|f| !f.exists()) {
            bail!(
                "checking authfile: {}: no such file or directory: pass an existing auth file \
                 (`rcon login --authfile` writes one)",
                f.display()
            );
        }
        self.options(creds)
    }

    /// The client options of these flags, for `login`, which may create the `--authfile`.
    pub(crate) fn options(&self, creds: Option<&str>) -> anyhow::Result<ClientOptions> {
        let credentials = match creds {
            None => None,
            Some(c) => {
                let (user, pass) = c.split_once(':').unwrap_or((c, ""));
                if user.is_empty() {
                    bail!("--creds {c:?}: expected USERNAME[:PASSWORD]");
                }
                Some(crate::config::auth::Credentials::new(user, pass))
            }
        };
        Ok(ClientOptions {
            tls_verify: self.tls_verify,
            cert_dir: self.cert_dir.clone(),
            authfile: self.authfile.clone(),
            credentials,
            user_agent: format!("rcon/{}", env!("CARGO_PKG_VERSION")),
        })
    }
}

#[derive(Debug, Args)]
pub(crate) struct PullArgs {
    /// Images to pull (name[:tag], name@digest)
    #[arg(required = true, value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
    /// Print only the image ID
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Platform to choose from a multi-platform image (os/arch[/variant])
    #[arg(long, value_name = "OS/ARCH")]
    pub(crate) platform: Option<String>,
    /// Architecture to choose instead of the host's
    #[arg(long, value_name = "ARCH")]
    pub(crate) arch: Option<String>,
    /// Operating system to choose instead of the host's
    #[arg(long, value_name = "OS")]
    pub(crate) os: Option<String>,
    /// Architecture variant to choose
    #[arg(long, value_name = "VARIANT")]
    pub(crate) variant: Option<String>,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
    #[command(flatten)]
    pub(crate) registry: RegistryOpts,
}

#[derive(Debug, Args)]
pub(crate) struct ImagesArgs {
    /// Show only images of this repository
    #[arg(value_name = "REPOSITORY")]
    pub(crate) repository: Option<String>,
    /// Show all images, intermediate ones included
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Print only the image IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Show digests
    #[arg(long)]
    pub(crate) digests: bool,
    /// Do not truncate IDs
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// Do not print the header
    #[arg(short = 'n', long)]
    pub(crate) noheading: bool,
    /// Output: json, or a Go template such as '{{.Repository}}:{{.Tag}} {{.ID}}'
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Filter: dangling=true|false, reference=PATTERN, id=ID, label=KEY[=VALUE], before=IMAGE,
    /// since=IMAGE (after=IMAGE), until=TIME
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    /// Sort by created (newest first, the default), id, repository, size or tag
    #[arg(long, value_name = "KEY", default_value = "created", value_parser = ["created", "id", "repository", "size", "tag"])]
    pub(crate) sort: String,
}

#[derive(Debug, Args)]
pub(crate) struct RmiArgs {
    /// Images to remove, by name or ID
    #[arg(value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
    /// Remove all images
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Remove an image even when it has several names (removes them all)
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Ignore images that do not exist
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Keep the image's dangling parents (the images a build left on its way to it)
    #[arg(long)]
    pub(crate) no_prune: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TagArgs {
    /// The image to name
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
    /// New names
    #[arg(required = true, value_name = "TARGET")]
    pub(crate) targets: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct UntagArgs {
    /// The image
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
    /// Names to remove (default: all of them)
    #[arg(value_name = "NAME")]
    pub(crate) names: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Images to inspect
    #[arg(required_unless_present = "latest", value_name = "NAME")]
    pub(crate) names: Vec<String>,
    /// Inspect the most recently created container (all states)
    #[arg(short, long, conflicts_with = "names")]
    pub(crate) latest: bool,
    /// Format the output with a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Only objects of this type (image)
    #[arg(short, long, value_name = "TYPE", default_value = "all")]
    pub(crate) r#type: String,
}

#[derive(Debug, Args)]
pub(crate) struct ExistsArgs {
    /// The image
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
}

#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Remove all images that no container uses, not only those without a name
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Also remove the build cache: build steps' images and RUN cache mounts
    #[arg(long)]
    pub(crate) build_cache: bool,
    /// Only images matching: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum ImageCommand {
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(ImagesArgs),
    /// Pull an image from a registry
    Pull(PullArgs),
    /// Push an image to a registry
    Push(super::push::PushArgs),
    /// Remove one or more images
    Rm(RmiArgs),
    /// Add an additional name to a local image
    Tag(TagArgs),
    /// Remove a name from a local image
    Untag(UntagArgs),
    /// Display the configuration of images
    Inspect(InspectArgs),
    /// Exit 0 when the image exists in local storage, 1 when not
    Exists(ExistsArgs),
    /// Remove unused images
    Prune(PruneArgs),
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<super::build::BuildArgs>),
    /// Show the history of an image
    History(super::history::HistoryArgs),
    /// Inspect changes on an image's filesystem
    Diff(super::diff::DiffArgs),
    /// Mount an image's layers read-only (inside `rcon unshare`)
    Mount(super::mount::ImageMountArgs),
    /// Unmount an image
    #[command(visible_alias = "unmount")]
    Umount(super::mount::ImageUmountArgs),
    /// Save images to an archive
    Save(super::save::SaveArgs),
    /// Load images from an archive
    Load(super::save::LoadArgs),
    /// Import a tar as a new image
    Import(super::export::ImportArgs),
    /// Sign registry images with GPG (simple signing)
    Sign(super::sign::SignArgs),
}

pub(super) fn dispatch(ctx: &Context, cmd: ImageCommand) -> anyhow::Result<i32> {
    match cmd {
        ImageCommand::Ls(a) => super::image_list::images(ctx, &a),
        ImageCommand::Pull(a) => pull(ctx, &a),
        ImageCommand::Push(a) => super::push::push_cmd(ctx, &a),
        ImageCommand::Rm(a) => rmi(ctx, &a),
        ImageCommand::Tag(a) => tag(ctx, &a),
        ImageCommand::Untag(a) => untag(ctx, &a),
        ImageCommand::Inspect(a) if a.latest => {
            bail!("--latest names a container: use `rcon inspect --latest`")
        }
        ImageCommand::Inspect(a) => inspect(ctx, &a),
        ImageCommand::Exists(a) => exists(ctx, &a),
        ImageCommand::Prune(a) => prune(ctx, &a),
        ImageCommand::Build(a) => super::build::build_cmd(ctx, &a),
        ImageCommand::History(a) => super::history::history(ctx, &a),
        ImageCommand::Diff(a) => super::diff::diff(ctx, &a, super::diff::Look::Image),
        ImageCommand::Mount(a) => super::mount::image_mount(ctx, &a),
        ImageCommand::Umount(a) => super::mount::image_umount(ctx, &a),
        ImageCommand::Save(a) => super::save::save(ctx, &a),
        ImageCommand::Load(a) => super::save::load(ctx, &a),
        ImageCommand::Import(a) => super::export::import(ctx, &a),
        ImageCommand::Sign(a) => super::sign::sign_cmd(ctx, &a),
    }
}

pub(super) fn pull(ctx: &Context, a: &PullArgs) -> anyhow::Result<i32> {
    let platform = platform_from(a)?;
    let opts = PullOptions {
        platform,
        quiet: a.quiet,
        client: a.registry.client_options(a.creds.as_deref())?,
    };
    for name in &a.images {
        // `docker-archive:PATH[:NAME]` and `oci-archive:…`, as Podman pulls them: loaded.
        let archive = ["docker-archive:", "oci-archive:"]
            .iter()
            .find_map(|t| name.strip_prefix(t));
        let id = match archive {
            Some(spec) => {
                let record = super::run::image_from_archive(ctx, spec)?;
                events::record(&ctx.paths, Event::image("pull", record.id.hex(), name));
                record.id
            }
            None => pull::pull(&ctx.paths, name, &opts)?.id,
        };
        println!("{}", id.hex());
    }
    Ok(0)
}

fn platform_from(a: &PullArgs) -> anyhow::Result<Option<Platform>> {
    if let Some(p) = &a.platform {
        return Ok(Some(Platform::parse(p)?));
    }
    if a.arch.is_none() && a.os.is_none() && a.variant.is_none() {
        return Ok(None);
    }
    let mut p = Platform::host();
    if let Some(os) = &a.os {
        p.os = os.clone();
    }
    if let Some(arch) = &a.arch {
        p.architecture = arch.clone();
        p.variant = None;
    }
    if let Some(v) = &a.variant {
        p.variant = Some(v.clone());
    }
    Ok(Some(p))
}

/// The image config blob of a stored image, as JSON.
fn config_of(ctx: &Context, img: &ImageRecord) -> anyhow::Result<Value> {
    let store = Store::open(&ctx.paths)?;
    let bytes = store.read_blob(&img.id)?;
    serde_json::from_slice(&bytes)
        .with_context(|| format!("image {}: config is not valid JSON", img.id.short()))
}

pub(super) fn rmi(ctx: &Context, a: &RmiArgs) -> anyhow::Result<i32> {
    if a.all != a.images.is_empty() {
        bail!("rmi needs image names or --all, not both and not neither");
    }
    let conf = RegistriesConf::load(&ctx.paths)?;
    let storage = ctx.paths.storage();
    let mut code = 0;
    let in_use = containers_using_images(ctx, a, &conf)?;
    if !in_use.is_empty() && !a.force {
        for (img, ctrs) in &in_use {
            eprintln!(
                "Error: image {img} is in use by container {}: remove the container first, or force removal with `rcon rmi -f`",
                ctrs.join(", ")
            );
        }
        return Ok(2);
    }
    for ctrs in in_use.values() {
        for id in ctrs {
            match crate::container::create::remove(&ctx.paths, id, true) {
                Ok(()) | Err(crate::container::create::CreateError::Gone { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    // Manifest lists are images to Podman's rmi: named ones (that no image answers to) and,
    // with --all, every one.
    let list_store = Store::open(&ctx.paths)?;
    let lists: Vec<String> = {
        let known = manifest_list::read(&list_store)?;
        if a.all {
            known.lists.iter().map(|l| l.name.clone()).collect()
        } else if known.lists.is_empty() {
            Vec::new()
        } else {
            let idx = index::read(&storage)?;
            let mut named = Vec::new();
            for t in &a.images {
                if lookup::find(&idx, &conf, t)?.is_none() && known.find(t).is_some() {
                    named.push(t.clone());
                }
            }
            named
        }
    };
    // (image ID, names untagged, whether the image went).
    let removed: Vec<(String, Vec<String>, bool)> = index::update(
        &storage,
        |idx| -> anyhow::Result<_> {
            let targets: Vec<String> = if a.all {
                idx.images.iter().map(|i| i.id.hex().to_string()).collect()
            } else {
                a.images.clone()
            };
            let mut out = Vec::new();
            let mut gone = Vec::new();
            for t in targets.iter().filter(|t| a.all || !lists.contains(t)) {
                let found = lookup::find(idx, &conf, t)?;
                let Some(img) = found.cloned() else {
                    if a.ignore {
                        continue;
                    }
                    eprintln!("Error: {t}: image not known: check the name with `rcon images`");
                    code = 1;
                    continue;
                };
                let by_name = !a.all && !looks_like_id(t, &img);
                if by_name && img.name_count() > 1 && !a.force {
                    // Removing one of several names only untags, as Docker and Podman do.
                    if let Some(full) = take_name_of(idx, &img, &conf, t) {
                        out.push((img.id.hex().to_string(), vec![full], false));
                        continue;
                    }
                }
                if !a.all && !by_name && img.name_count() > 1 && !a.force {
                    bail!(
                    "image {} has {} names: remove it by name, or force removal with `rcon rmi -f {t}`",
                    img.id.short(),
                    img.name_count()
                );
                }
                idx.images.retain(|i| i.id != img.id);
                let names = img.names.iter().chain(&img.digest_names).cloned();
                out.push((img.id.hex().to_string(), names.collect(), true));
                gone.push(img);
            }
            if !a.all && !a.no_prune {
                let used = crate::container::list::images_in_use(&ctx.paths)?;
                for p in crate::image::parents::prune(&list_store, idx, &gone, &used) {
                    out.push((p.id.hex().to_string(), Vec::new(), true));
                }
            }
            Ok(out)
        },
    )?;
    for (id, names, deleted) in &removed {
        for n in names {
            events::record(&ctx.paths, Event::image("untag", id, n));
            println!("Untagged: {n}");
        }
        if *deleted {
            events::record(&ctx.paths, Event::image("remove", id, id));
            println!("Deleted: {id}");
        }
    }
    if !lists.is_empty() {
        for (name, id) in manifest_list::remove(&list_store, &lists)? {
            println!("Untagged: {name}");
            println!("Deleted: {id}");
        }
    }
    if removed.iter().any(|(_, _, deleted)| *deleted) {
        list_store.gc(&IdMap::detect())?;
    }
    if code != 0 && a.images.len() > 1 {
        return Ok(2);
    }
    Ok(code)
}

/// The containers (IDs) of each image `rmi` would remove, by short image ID.
fn containers_using_images(
    ctx: &Context,
    a: &RmiArgs,
    conf: &RegistriesConf,
) -> anyhow::Result<std::collections::BTreeMap<String, Vec<String>>> {
    let idx = index::read(&ctx.paths.storage())?;
    let mut doomed = Vec::new();
    for t in if a.all { vec![] } else { a.images.clone() } {
        if let Some(img) = lookup::find(&idx, conf, &t)? {
            // Removing one of several names only untags: the image stays for its containers.
            if a.force || img.name_count() <= 1 || looks_like_id(&t, img) {
                doomed.push(img.id.clone());
            }
        }
    }
    if a.all {
        doomed.extend(idx.images.iter().map(|i| i.id.clone()));
    }
    let mut out = std::collections::BTreeMap::<String, Vec<String>>::new();
    for (r, _) in crate::container::list::all(&ctx.paths)? {
        if doomed.contains(&r.image_id) {
            out.entry(r.image_id.short().to_string())
                .or_default()
                .push(r.id);
        }
    }
    Ok(out)
}

fn looks_like_id(input: &str, img: &ImageRecord) -> bool {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    !hex.is_empty() && img.id.hex().starts_with(hex)
}

/// Takes the name of `img` that `input` gives (a pulled-by-digest reference or a tag) out of
/// the index; `None` when `input` is none of its names.
fn take_name_of(
    idx: &mut index::Index,
    img: &ImageRecord,
    conf: &RegistriesConf,
    input: &str,
) -> Option<String> {
    let entry = idx.images.iter_mut().find(|i| i.id == img.id)?;
    if let Some(full) = resolved_digest_name(img, conf, input) {
        entry.digest_names.retain(|n| n != &full);
        return Some(full);
    }
    let full = resolved_name(img, conf, input)?;
    entry.names.retain(|n| n != &full);
    Some(full)
}

/// Which of the image's pulled-by-digest names `input` (`name[:tag]@sha256:…`) refers to.
fn resolved_digest_name(img: &ImageRecord, conf: &RegistriesConf, input: &str) -> Option<String> {
    let digest = Reference::parse(input).ok()?.digest?;
    conf.candidates(input)
        .unwrap_or_default()
        .iter()
        .map(|c| format!("{}@{digest}", c.name()))
        .find(|n| img.digest_names.contains(n))
}

/// Which of the image's names `input` refers to.
fn resolved_name(img: &ImageRecord, conf: &RegistriesConf, input: &str) -> Option<String> {
    if let Ok(cands) = conf.candidates(input) {
        for c in cands {
            let s = c.to_string();
            if img.names.contains(&s) {
                return Some(s);
            }
        }
    }
    img.names
        .iter()
        .find(|n| n.ends_with(&format!("/{input}")) || n.ends_with(&format!("/{input}:latest")))
        .cloned()
}

pub(super) fn tag(ctx: &Context, a: &TagArgs) -> anyhow::Result<i32> {
    let conf = RegistriesConf::load(&ctx.paths)?;
    let mut targets = Vec::new();
    for t in &a.targets {
        // A name without a registry is tagged under localhost/, as Podman does.
        let full = if crate::image::reference::is_short_name(t) {
            Reference::parse(&format!("localhost/{t}"))?
        } else {
            Reference::parse(t)?
        };
        if full.digest.is_some() {
            bail!("tag {t:?}: a new name cannot carry a digest: give a tag instead");
        }
        targets.push(full.to_string());
    }
    index::update(&ctx.paths.storage(), |idx| -> anyhow::Result<_> {
        let id = lookup::find(idx, &conf, &a.image)?
            .map(|i| i.id.clone())
            .with_context(|| {
                format!(
                    "{}: image not known: check the name with `rcon images`",
                    a.image
                )
            })?;
        for t in &targets {
            idx.take_name(t);
            let img = idx
                .images
                .iter_mut()
                .find(|i| i.id == id)
                .expect("found above");
            img.names.push(t.clone());
        }
        Ok(id)
    })
    .map(|id| {
        // Named as the user gave it, as Podman's tag events are.
        for t in &a.targets {
            events::record(&ctx.paths, Event::image("tag", id.hex(), t));
        }
    })?;
    Ok(0)
}

pub(super) fn untag(ctx: &Context, a: &UntagArgs) -> anyhow::Result<i32> {
    let conf = RegistriesConf::load(&ctx.paths)?;
    let (id, untagged) = index::update(&ctx.paths.storage(), |idx| -> anyhow::Result<_> {
        let img = lookup::find(idx, &conf, &a.image)?
            .cloned()
            .with_context(|| {
                format!(
                    "{}: image not known: check the name with `rcon images`",
                    a.image
                )
            })?;
        let entry = idx
            .images
            .iter_mut()
            .find(|i| i.id == img.id)
            .expect("found above");
        if a.names.is_empty() {
            let mut all = std::mem::take(&mut entry.names);
            all.append(&mut entry.digest_names);
            return Ok((img.id.clone(), all));
        }
        let mut untagged = Vec::new();
        for n in &a.names {
            let full = take_name_of(idx, &img, &conf, n)
                .with_context(|| format!("{n}: not a name of image {}", img.id.short()))?;
            untagged.push(full);
        }
        Ok((img.id.clone(), untagged))
    })?;
    for n in &untagged {
        events::record(&ctx.paths, Event::image("untag", id.hex(), n));
    }
    Ok(0)
}

/// The Podman-like JSON of one image.
fn inspect_value(ctx: &Context, img: &ImageRecord) -> anyhow::Result<Value> {
    let config = config_of(ctx, img)?;
    let store = Store::open(&ctx.paths)?;
    let manifest: Value = store
        .read_blob(&img.digest)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let get = |p: &str| config.pointer(p).cloned().unwrap_or(Value::Null);
    let lower: Vec<String> = img
        .layers
        .iter()
        .rev()
        .map(|l| {
            ctx.paths
                .storage()
                .join("layers")
                .join(l.hex())
                .join("diff")
                .display()
                .to_string()
        })
        .collect();
    Ok(json!({
        "Id": img.id.hex(),
        "Digest": img.digest.to_string(),
        "RepoTags": img.names,
        "RepoDigests": img.repo_digests,
        "Parent": "",
        "Comment": get("/comment").as_str().unwrap_or(""),
        "Created": get("/created"),
        "Config": get("/config"),
        "Version": "",
        "Author": get("/author").as_str().unwrap_or(""),
        "Architecture": get("/architecture"),
        "Os": get("/os"),
        "Variant": get("/variant"),
        "Size": img.size,
        "VirtualSize": img.size,
        "GraphDriver": {"Name": "overlay", "Data": {"LowerDir": lower.join(":")}},
        "RootFS": {"Type": "layers", "Layers": get("/rootfs/diff_ids")},
        "Labels": get("/config/Labels"),
        "Annotations": manifest.get("annotations").cloned().unwrap_or(json!({})),
        "ManifestType": manifest.get("mediaType").cloned().unwrap_or(Value::Null),
        "User": get("/config/User").as_str().unwrap_or(""),
        "History": get("/history"),
        "NamesHistory": img.names_history,
    }))
}

/// Inspects containers and images; with `--type all` a name is looked up as a container
/// first, then as an image (Podman's order).
pub(super) fn inspect(ctx: &Context, a: &InspectArgs) -> anyhow::Result<i32> {
    let (containers, images) = match a.r#type.as_str() {
        "all" => (true, true),
        "container" => (true, false),
        "image" => (false, true),
        other => bail!("--type {other:?}: expected all, container or image"),
    };
    let conf = RegistriesConf::load(&ctx.paths)?;
    let idx = index::read(&ctx.paths.storage())?;
    let mut out = Vec::new();
    let mut code = 0;
    let names = if a.latest {
        super::container::latest(ctx)?
    } else {
        a.names.clone()
    };
    for n in &names {
        if containers {
            if let Some(v) = super::container::inspect_one(ctx, n)? {
                out.push(v);
                continue;
            }
        }
        match images
            .then(|| lookup::find(&idx, &conf, n))
            .transpose()?
            .flatten()
        {
            Some(img) => out.push(inspect_value(ctx, img)?),
            None => {
                eprintln!(
                    "Error: inspecting object: no such object: {n:?}: check the name with `rcon ps -a` or `rcon images`"
                );
                code = 125;
            }
        }
    }
    super::container::print_inspect(&out, a.format.as_deref())?;
    Ok(code)
}

fn exists(ctx: &Context, a: &ExistsArgs) -> anyhow::Result<i32> {
    let conf = RegistriesConf::load(&ctx.paths)?;
    let idx = index::read(&ctx.paths.storage())?;
    Ok(if lookup::find(&idx, &conf, &a.image)?.is_some() {
        0
    } else {
        1
    })
}

pub(super) fn prune(ctx: &Context, a: &PruneArgs) -> anyhow::Result<i32> {
    let allowed = super::prune_filter::allowed_images(ctx, &a.filter)?;
    if !a.force
        && !super::system::confirm(if a.all {
            "WARNING! This command removes all images without at least one container associated with them."
        } else {
            "WARNING! This command removes all dangling images."
        })?
    {
        return Ok(0);
    }
    // An image any container uses (running or not) stays, as Podman keeps it.
    let used = crate::container::list::images_in_use(&ctx.paths)?;
    let removed = index::update(&ctx.paths.storage(), |idx| -> anyhow::Result<Vec<String>> {
        let (gone, kept): (Vec<ImageRecord>, Vec<ImageRecord>) =
            std::mem::take(&mut idx.images).into_iter().partition(|i| {
                let cache = i.dangling() && i.intermediate;
                (a.all || i.dangling())
                    && (!cache || a.all || a.build_cache)
                    && !used.contains(&i.id)
                    && allowed.as_ref().is_none_or(|ok| ok.contains(&i.id))
            });
        idx.images = kept;
        Ok(gone.into_iter().map(|i| i.id.hex().to_string()).collect())
    })?;
    for id in &removed {
        println!("{id}");
    }
    Store::open(&ctx.paths)?.gc(&IdMap::detect())?;
    if a.build_cache || a.all {
        crate::build::run_step::clear_cache_mounts(&ctx.paths)?;
    }
    Ok(0)
}
