//! `manifest create | add | annotate | inspect | push | rm | exists`: manifest lists kept
//! locally, and pushed with their images.
use super::push::{registry_destination, PushFlags};
use super::{key_values, Context};
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::manifest_list::{self, push::push_list, AddOptions, ListError};
use crate::image::store::{index, Store};
use crate::image::Reference;
use anyhow::bail;
use clap::{Args, Subcommand};
use std::io::Write;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum ManifestCommand {
    /// Create a manifest list, optionally with images
    Create(CreateArgs),
    /// Add an image to a manifest list
    Add(AddArgs),
    /// Change an entry of a manifest list, or the list's own annotations
    Annotate(AnnotateArgs),
    /// Print a manifest list as its OCI index or Docker manifest list
    Inspect(InspectArgs),
    /// Push a manifest list and its images to a registry
    Push(ManifestPushArgs),
    /// Remove manifest lists (not their images)
    Rm(RmArgs),
    /// Exit 0 when the manifest list exists, 1 when not
    Exists(ListArg),
}

#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// Name of the new list
    #[arg(value_name = "LIST")]
    pub(crate) list: String,
    /// Images to add (local, or docker://registry/repository[:tag])
    #[arg(value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
    /// Add every image of an index named among IMAGE, not only the host's
    #[arg(long)]
    pub(crate) all: bool,
    /// Registry options for remote images
    #[command(flatten)]
    pub(crate) registry: super::image::RegistryOpts,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
}

// The platform and annotation flags of `add` and `annotate`.
#[derive(Debug, Args)]
pub(crate) struct EntryFlags {
    /// Architecture of the entry
    #[arg(long, value_name = "ARCH")]
    pub(crate) arch: Option<String>,
    /// Operating system of the entry
    #[arg(long, value_name = "OS")]
    pub(crate) os: Option<String>,
    /// Architecture variant of the entry
    #[arg(long, value_name = "VARIANT")]
    pub(crate) variant: Option<String>,
    /// Operating system version of the entry
    #[arg(long, value_name = "VERSION")]
    pub(crate) os_version: Option<String>,
    /// Operating system features the entry needs
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub(crate) os_features: Vec<String>,
    /// CPU features the entry needs
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub(crate) features: Vec<String>,
    /// Annotation KEY=VALUE for the entry (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) annotation: Vec<String>,
}

impl EntryFlags {
    fn options(&self, all: bool) -> anyhow::Result<AddOptions> {
        Ok(AddOptions {
            all,
            arch: self.arch.clone(),
            os: self.os.clone(),
            variant: self.variant.clone(),
            os_version: self.os_version.clone(),
            os_features: self.os_features.clone(),
            features: self.features.clone(),
            annotations: key_values("--annotation", &self.annotation)?,
        })
    }
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub(crate) list: String,
    /// The image (local, or docker://registry/repository[:tag])
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
    /// Add every image of an index, not only the host's
    #[arg(long)]
    pub(crate) all: bool,
    #[command(flatten)]
    pub(crate) entry: EntryFlags,
    #[command(flatten)]
    pub(crate) registry: super::image::RegistryOpts,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct AnnotateArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub(crate) list: String,
    /// The entry: its digest, or a local image that is a member
    #[arg(value_name = "IMAGE", required_unless_present = "index")]
    pub(crate) image: Option<String>,
    /// Annotate the list itself instead of an entry
    #[arg(long)]
    pub(crate) index: bool,
    #[command(flatten)]
    pub(crate) entry: EntryFlags,
}

#[derive(Debug, Args)]
pub(crate) struct ListArg {
    /// The list
    #[arg(value_name = "LIST")]
    pub(crate) list: String,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// A local list, or an image or list in a registry (`docker://` or a name with its
    /// registry)
    #[arg(value_name = "LIST")]
    pub(crate) list: String,
    /// Registry options for remote images
    #[command(flatten)]
    pub(crate) registry: super::image::RegistryOpts,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
}

/// `docker://NAME`, or a name whose first part is a registry host: a manifest to fetch.
fn remote_reference(input: &str) -> Option<crate::image::Reference> {
    let name = match input.strip_prefix("docker://") {
        Some(rest) => rest,
        None => {
            let (host, _) = input.split_once('/')?;
            if !(host.contains('.') || host.contains(':') || host == "localhost") {
                return None;
            }
            input
        }
    };
    name.parse().ok()
}

#[derive(Debug, Args)]
pub(crate) struct RmArgs {
    /// Lists to remove
    #[arg(required = true, value_name = "LIST")]
    pub(crate) lists: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ManifestPushArgs {
    /// The list
    #[arg(value_name = "LIST")]
    pub(crate) list: String,
    /// Where to: [docker://]registry/repository[:tag] (default: the list's name)
    #[arg(value_name = "DESTINATION")]
    pub(crate) destination: Option<String>,
    /// Push the list's images too, not only the list
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_value = "true", default_missing_value = "true")]
    pub(crate) all: bool,
    /// Remove the list locally once pushed
    #[arg(long)]
    pub(crate) rm: bool,
    #[command(flatten)]
    pub(crate) push: PushFlags,
}

pub(super) fn dispatch(ctx: &Context, cmd: ManifestCommand) -> anyhow::Result<i32> {
    let store = Store::open(&ctx.paths)?;
    match cmd {
        ManifestCommand::Create(a) => {
            let rec = manifest_list::create(&store, &a.list)?;
            let opts = AddOptions {
                all: a.all,
                ..AddOptions::default()
            };
            for image in &a.images {
                add_one(
                    ctx,
                    &store,
                    &a.list,
                    image,
                    &opts,
                    &a.registry,
                    a.creds.as_deref(),
                )?;
            }
            println!("{}", rec.id);
            Ok(0)
        }
        ManifestCommand::Add(a) => {
            let opts = a.entry.options(a.all)?;
            let id = add_one(
                ctx,
                &store,
                &a.list,
                &a.image,
                &opts,
                &a.registry,
                a.creds.as_deref(),
            )?;
            println!("{id}");
            Ok(0)
        }
        ManifestCommand::Annotate(a) => annotate(ctx, &store, &a),
        ManifestCommand::Inspect(a) => {
            let lists = manifest_list::read(&store)?;
            let bytes = match (lists.find(&a.list), remote_reference(&a.list)) {
                (Some(rec), _) => rec.index_bytes(true),
                // Not a local list but a name with its registry: as the registry serves it.
                (None, Some(reference)) => manifest_list::inspect_remote(
                    &ctx.paths,
                    &a.registry.client_options(a.creds.as_deref())?,
                    &reference,
                )?,
                (None, None) => bail!(ListError::NotKnown(a.list.clone())),
            };
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.write_all(b"\n")?;
            Ok(0)
        }
        ManifestCommand::Push(a) => push_cmd(
            ctx,
            &store,
            &a.list,
            a.destination.as_deref(),
            a.all,
            &a.push,
            a.rm,
        ),
        ManifestCommand::Rm(a) => {
            // As Podman words it: the name goes, then the list.
            for (name, id) in manifest_list::remove(&store, &a.lists)? {
                println!("Untagged: {name}");
                println!("Deleted: {id}");
            }
            Ok(0)
        }
        ManifestCommand::Exists(a) => {
            let found = manifest_list::read(&store)?.find(&a.list).is_some();
            Ok(if found { 0 } else { 1 })
        }
    }
}

/// Adds `image` to `list`: a local image unless it is `docker://…` or not stored.
fn add_one(
    ctx: &Context,
    store: &Store,
    list: &str,
    image: &str,
    opts: &AddOptions,
    registry: &super::image::RegistryOpts,
    creds: Option<&str>,
) -> anyhow::Result<String> {
    let remote = match image.strip_prefix("docker://") {
        Some(r) => r,
        None => {
            let local = image.strip_prefix("containers-storage:").unwrap_or(image);
            let conf = RegistriesConf::load(&ctx.paths)?;
            let idx = index::read(store.root())?;
            if let Some(img) = lookup::find(&idx, &conf, local)? {
                return Ok(manifest_list::add_local(store, list, img, opts)?);
            }
            if local != image {
                bail!("{local}: image not known");
            }
            image
        }
    };
    let reference = Reference::parse(remote)?;
    let client = registry.client_options(creds)?;
    Ok(manifest_list::add_remote(
        &ctx.paths, store, &client, list, &reference, opts,
    )?)
}

fn annotate(ctx: &Context, store: &Store, a: &AnnotateArgs) -> anyhow::Result<i32> {
    let opts = a.entry.options(false)?;
    // A member named by a local image: its manifest digest.
    let which = match &a.image {
        Some(image) if image.strip_prefix("sha256:").unwrap_or(image).len() < 64 => {
            let conf = RegistriesConf::load(&ctx.paths)?;
            let idx = index::read(store.root())?;
            match lookup::find(&idx, &conf, image)? {
                Some(img) => img.digest.to_string(),
                None => image.clone(),
            }
        }
        Some(image) => image.clone(),
        None => String::new(),
    };
    let id = manifest_list::update(store, |lists| {
        let rec = lists.find_mut(&a.list)?;
        if a.index {
            manifest_list::annotate(&mut rec.annotations, &opts.annotations);
            return Ok(rec.id.clone());
        }
        let list = rec.name.clone();
        let member = rec.member_mut(&which).ok_or(ListError::NoMember {
            list,
            member: which.clone(),
        })?;
        opts.apply(&mut member.entry);
        Ok(rec.id.clone())
    })?;
    println!("{id}");
    Ok(0)
}

/// `manifest push` and `push` of a list.
pub(super) fn push_cmd(
    ctx: &Context,
    store: &Store,
    list: &str,
    destination: Option<&str>,
    all: bool,
    flags: &PushFlags,
    rm: bool,
) -> anyhow::Result<i32> {
    let opts = flags.options()?;
    let lists = manifest_list::read(store)?;
    let Some(rec) = lists.find(list) else {
        bail!(ListError::NotKnown(list.to_string()));
    };
    let dest = registry_destination(destination.unwrap_or(&rec.name))?;
    let pushed = push_list(&ctx.paths, rec, &dest, all, &opts)?;
    flags.write_digestfile(&pushed.digest)?;
    if rm {
        manifest_list::remove(store, std::slice::from_ref(&rec.name))?;
    }
    Ok(0)
}
