//! `push` and `image push`: a stored image, or a manifest list (with `--all`, its images
//! too), to a registry.
use super::image::RegistryOpts;
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::push::{self, parse_destination, Destination, ManifestFormat, PushOptions};
use crate::image::reference::is_short_name;
use crate::image::registry::manifest::Compression;
use crate::image::store::index;
use crate::image::Reference;
use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct PushArgs {
    /// The local image to push
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
    /// Where to: [docker://]registry/repository[:tag] (default: the image's own name)
    #[arg(value_name = "DESTINATION")]
    pub(crate) destination: Option<String>,
    /// For a manifest list: push its images too, not only the list
    #[arg(long)]
    pub(crate) all: bool,
    #[command(flatten)]
    pub(crate) push: PushFlags,
}

// The flags `push` and `manifest push` share.
#[derive(Debug, Args)]
pub(crate) struct PushFlags {
    /// Print nothing on stderr
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
    #[command(flatten)]
    pub(crate) registry: RegistryOpts,
    /// Manifest format to write: oci, or v2s2 (Docker schema 2) (default: the image's own)
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub(crate) format: Option<FormatArg>,
    /// Compression of layers stored uncompressed (and of all layers with --force-compression)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) compression_format: Option<CompressionArg>,
    /// Compression level (gzip 0-9, default 6; zstd 1-22, default 3)
    #[arg(long, value_name = "LEVEL", allow_negative_numbers = true)]
    pub(crate) compression_level: Option<i32>,
    /// Recompress layers compressed with another format than --compression-format (default:
    /// true when --compression-format is given)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub(crate) force_compression: Option<bool>,
    /// Write the digest of the pushed manifest to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) digestfile: Option<PathBuf>,
    /// Push without signatures (rcon never copies signatures)
    #[arg(long)]
    pub(crate) remove_signatures: bool,
    /// Sign the image with this GPG key (not supported)
    #[arg(long, value_name = "KEY")]
    pub(crate) sign_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// OCI image manifest
    Oci,
    /// Docker schema 2 manifest
    V2s2,
    /// Docker schema 2 manifest (Docker's name)
    Docker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CompressionArg {
    Gzip,
    Zstd,
}

impl PushFlags {
    /// The validated push options.
    pub(crate) fn options(&self) -> anyhow::Result<PushOptions> {
        if self.sign_by.is_some() {
            bail!("--sign-by: rcon cannot sign images; push without --sign-by and sign with skopeo or cosign");
        }
        let compression = match self.compression_format {
            Some(CompressionArg::Zstd) => Compression::Zstd,
            _ => Compression::Gzip,
        };
        if let Some(level) = self.compression_level {
            let ok = match compression {
                Compression::Zstd => (-7..=22).contains(&level),
                _ => (0..=9).contains(&level),
            };
            if !ok {
                bail!("--compression-level {level}: out of range for this compression (gzip 0-9, zstd 1-22)");
            }
        }
        // As Podman: an explicit --compression-format forces it unless said otherwise.
        let force = self
            .force_compression
            .unwrap_or(self.compression_format.is_some());
        Ok(PushOptions {
            client: self.registry.client_options(self.creds.as_deref())?,
            quiet: self.quiet,
            format: self.format.map(|f| match f {
                FormatArg::Oci => ManifestFormat::Oci,
                FormatArg::V2s2 | FormatArg::Docker => ManifestFormat::V2s2,
            }),
            compression,
            level: self.compression_level,
            force_compression: force,
        })
    }

    /// Writes `--digestfile`.
    pub(crate) fn write_digestfile(
        &self,
        digest: &crate::util::digest::Digest,
    ) -> anyhow::Result<()> {
        if let Some(path) = &self.digestfile {
            std::fs::write(path, digest.to_string())
                .with_context(|| format!("--digestfile {}", path.display()))?;
        }
        Ok(())
    }
}

/// The registry reference a push goes to where only a registry can be (a manifest list, an
/// image's own name).
pub(crate) fn registry_destination(input: &str) -> anyhow::Result<Reference> {
    match parse_destination(input)? {
        Destination::Registry(r) => Ok(r),
        Destination::Archive { transport, .. } => {
            bail!("transport {transport}: only a registry takes this push; give a docker:// destination")
        }
    }
}

pub(super) fn push_cmd(ctx: &Context, a: &PushArgs) -> anyhow::Result<i32> {
    let opts = a.push.options()?;
    // The destination is checked before anything else, as a bad one is the user's typo.
    let explicit = match a
        .destination
        .as_deref()
        .map(parse_destination)
        .transpose()?
    {
        Some(Destination::Archive { transport, path }) => {
            return push_to_archive(ctx, a, &transport, &path)
        }
        Some(Destination::Registry(r)) => Some(r),
        None => None,
    };
    let store = crate::image::store::Store::open(&ctx.paths)?;
    if crate::image::manifest_list::read(&store)?
        .find(&a.image)
        .is_some()
    {
        let dest = a.destination.as_deref();
        return super::manifest::push_cmd(ctx, &store, &a.image, dest, a.all, &a.push, false);
    }
    let conf = RegistriesConf::load(&ctx.paths)?;
    let idx = index::read(&ctx.paths.storage())?;
    let Some(img) = lookup::find(&idx, &conf, &a.image)?.cloned() else {
        bail!("{}: image not known", a.image);
    };
    let dest = match explicit {
        Some(d) => d,
        None if !is_short_name(&a.image) => registry_destination(&a.image)?,
        None => match img.names.first() {
            Some(n) => registry_destination(n)?,
            None => bail!("{}: the image has no name: give a destination", a.image),
        },
    };
    let pushed = push::push(&ctx.paths, &img, &dest, &opts)?;
    a.push.write_digestfile(&pushed.digest)?;
    let pushed_to = a.destination.clone().unwrap_or_else(|| dest.to_string());
    crate::events::record(
        &ctx.paths,
        crate::events::Event::image("push", img.id.hex(), &pushed_to),
    );
    Ok(0)
}

/// `rcon push IMAGE oci-archive:PATH[:REF]` (also `docker-archive:`, `oci:`, `dir:`): the
/// image written as `rcon save` writes it, named REF (or, in a docker-archive, by the name
/// it was asked for).
fn push_to_archive(
    ctx: &Context,
    a: &PushArgs,
    transport: &str,
    spec: &str,
) -> anyhow::Result<i32> {
    use crate::image::archive::{Compression, Format, SaveImage, WriteOptions};
    let format = match transport {
        "oci-archive" => Format::OciArchive,
        "docker-archive" => Format::DockerArchive,
        "oci" => Format::OciDir,
        _ => Format::DockerDir,
    };
    // `dir:` takes a path alone; the others a path and, after a colon, a reference.
    let (path, reference) = match spec.split_once(':') {
        Some((p, r)) if format != Format::DockerDir => (p, Some(r)),
        _ => (spec, None),
    };
    if path.is_empty() {
        bail!("{transport}:{spec}: needs a path before the reference");
    }
    let store = crate::image::store::Store::open(&ctx.paths)?;
    let conf = RegistriesConf::load(&ctx.paths)?;
    let idx = index::read(&ctx.paths.storage())?;
    let Some(record) = lookup::find(&idx, &conf, &a.image)?.cloned() else {
        bail!("{}: image not known", a.image);
    };
    let names = match (reference, format) {
        (Some(r), Format::OciArchive | Format::OciDir) => vec![r.to_string()],
        (Some(r), _) => vec![crate::image::commit::image_name(r)?],
        (None, Format::DockerArchive) => super::save::matched_name(&record, &a.image)
            .into_iter()
            .collect(),
        (None, _) => Vec::new(),
    };
    let compression = if a.push.force_compression == Some(true) {
        Compression::Gzip
    } else {
        Compression::AsStored
    };
    let id = record.id.hex().to_string();
    let images = [SaveImage { record, names }];
    let opts = WriteOptions { compression };
    super::save::write_to(&store, &images, format, &opts, std::path::Path::new(path))?;
    crate::events::record(
        &ctx.paths,
        crate::events::Event::image("push", &id, &format!("{transport}:{spec}")),
    );
    Ok(0)
}
