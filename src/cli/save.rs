//! `rcon save` and `rcon load` (also `rcon image save|load`): images to and from archives
//! (docker-archive, oci-archive, oci-dir, docker-dir), as Podman's commands.
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::events::{self, Event};
use crate::image::archive::{self, Compression, Format, SaveImage, Sink, WriteOptions};
use crate::image::lookup;
use crate::image::store::{index, ImageRecord, Store};
use crate::image::Reference;
use crate::linux::idmap::IdMap;
use anyhow::{bail, Context as _};
use clap::Args;
use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct SaveArgs {
    /// Write to FILE (a folder for oci-dir and docker-dir) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Archive format: docker-archive, oci-archive, oci-dir or docker-dir
    #[arg(long, value_name = "FORMAT", default_value = "docker-archive")]
    pub(crate) format: String,
    /// Save every IMAGE into one docker-archive (without it, further arguments are extra
    /// names for the first image)
    #[arg(short, long)]
    pub(crate) multi_image_archive: bool,
    /// Compress uncompressed layers with gzip
    #[arg(long, conflicts_with = "uncompressed")]
    pub(crate) compress: bool,
    /// Write every layer uncompressed (without it, layers stored gzip-compressed are written
    /// as they are, in a docker-archive too)
    #[arg(long)]
    pub(crate) uncompressed: bool,
    /// Print nothing but errors (rcon prints no progress anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// The images: names or IDs
    #[arg(value_name = "IMAGE", required = true)]
    pub(crate) images: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct LoadArgs {
    /// Read the archive from FILE (or an oci-dir or docker-dir folder) instead of standard
    /// input
    #[arg(short, long, value_name = "FILE")]
    pub(crate) input: Option<PathBuf>,
    /// Print nothing but the loaded names (rcon prints no progress anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

pub(super) fn save(ctx: &Context, a: &SaveArgs) -> anyhow::Result<i32> {
    let format: Format = a.format.parse()?;
    let compression = match (a.compress, a.uncompressed) {
        (true, _) => Compression::Gzip,
        (_, true) => Compression::Uncompressed,
        _ => Compression::AsStored,
    };
    if a.multi_image_archive && format != Format::DockerArchive {
        bail!("--multi-image-archive works only with --format docker-archive");
    }
    let store = Store::open(&ctx.paths)?;
    let conf = RegistriesConf::load(&ctx.paths)?;
    let idx = index::read(store.root())?;
    let find = |input: &str| -> anyhow::Result<ImageRecord> {
        lookup::find(&idx, &conf, input)?
            .cloned()
            .with_context(|| format!("{input}: image not known: check the name with `rcon images`"))
    };
    let mut images = Vec::new();
    if a.multi_image_archive {
        for input in &a.images {
            let record = find(input)?;
            let names = matched_name(&record, input).into_iter().collect();
            images.push(SaveImage { record, names });
        }
    } else {
        let record = find(&a.images[0])?;
        let mut names: Vec<String> = matched_name(&record, &a.images[0]).into_iter().collect();
        for extra in &a.images[1..] {
            let name = crate::image::commit::image_name(extra)?;
            if !names.contains(&name) {
                names.push(name);
            }
        }
        images.push(SaveImage { record, names });
    }
    let opts = WriteOptions { compression };
    match (&a.output, format.is_dir()) {
        (Some(out), _) => write_to(&store, &images, format, &opts, out)?,
        (None, true) => bail!("{} is a folder: give it with --output", a.format),
        (None, false) => {
            let stdout = io::stdout();
            if stdout.is_terminal() {
                bail!(
                    "refusing to write an archive to the terminal: give a file with --output \
                     or redirect standard output"
                );
            }
            let mut w = io::BufWriter::with_capacity(1 << 20, stdout.lock());
            archive::write(&store, &images, format, &opts, Sink::Stream(&mut w))?;
            w.flush()
                .context("cannot write the archive to standard output")?;
        }
    }
    let to = a
        .output
        .as_ref()
        .map_or("-".to_string(), |o| o.display().to_string());
    for image in &images {
        events::record(&ctx.paths, Event::image("save", image.record.id.hex(), &to));
    }
    Ok(0)
}

/// Writes `images` in `format` to `out`: a folder for the folder formats, else a file
/// (removed again when the writing fails). `rcon save -o` and `rcon push` to an archive.
pub(super) fn write_to(
    store: &Store,
    images: &[SaveImage],
    format: Format,
    opts: &WriteOptions,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    if format.is_dir() {
        archive::write(store, images, format, opts, Sink::Dir(out))?;
        return Ok(());
    }
    let file = File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut w = io::BufWriter::with_capacity(1 << 20, file);
    let written = archive::write(store, images, format, opts, Sink::Stream(&mut w))
        .map_err(anyhow::Error::from)
        .and_then(|()| {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            Ok(())
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(out);
        return Err(e);
    }
    Ok(())
}

/// The name an image was asked for by, as the archive records it: none when asked by ID.
pub(super) fn matched_name(record: &ImageRecord, input: &str) -> Option<String> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if hex.len() >= 3 && record.id.hex().starts_with(hex) {
        return None;
    }
    let direct = Reference::parse(input).ok().map(|r| r.to_string());
    let local = Reference::parse(&format!("localhost/{input}"))
        .ok()
        .map(|r| r.to_string());
    for want in [local, direct].into_iter().flatten() {
        if record.names.contains(&want) {
            return Some(want);
        }
    }
    let tail = match input.rsplit_once('/').map_or(input, |(_, t)| t) {
        t if t.contains(':') || t.contains('@') => t.to_string(),
        t => format!("{t}:latest"),
    };
    record
        .names
        .iter()
        .find(|n| n.ends_with(&format!("/{tail}")))
        .or(record.names.first())
        .cloned()
}

pub(super) fn load(ctx: &Context, a: &LoadArgs) -> anyhow::Result<i32> {
    let store = Store::open(&ctx.paths)?;
    let idmap = IdMap::detect();
    let loaded = match &a.input {
        Some(path) => {
            if path.is_dir() {
                archive::load_dir(&store, &idmap, path)
                    .with_context(|| format!("loading {}", path.display()))?
            } else {
                let file =
                    File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
                archive::load_file(&store, &idmap, file)?
            }
        }
        None => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                bail!(
                    "cannot read an archive from the terminal: give a file with --input or \
                     redirect standard input"
                );
            }
            archive::load(&store, &idmap, stdin.lock())?
        }
    };
    let from = a
        .input
        .as_ref()
        .map_or("-".to_string(), |p| p.display().to_string());
    events::record(&ctx.paths, Event::image("loadfromarchive", "", &from));
    for image in loaded {
        if image.names.is_empty() {
            println!("Loaded image(s): {}", image.id);
        }
        for name in &image.names {
            println!("Loaded image: {name}");
        }
    }
    Ok(0)
}
