//! `rcon export` (also `rcon container export`): a container's root filesystem as a tar; and
//! `rcon import` (also `rcon image import`): such a tar back as a one-layer image.
use super::Context;
use crate::image::archive::{self, ImportOptions};
use crate::image::registry::Platform;
use crate::image::store::Store;
use crate::linux::idmap::IdMap;
use anyhow::{bail, Context as _};
use clap::Args;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Write to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The container: name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// A Containerfile instruction for the image config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
    /// ONBUILD, STOPSIGNAL, USER, VOLUME or WORKDIR (repeatable; `CMD=/bin/sh` also works)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub(crate) changes: Vec<String>,
    /// The commit message (the image history's comment)
    #[arg(short, long)]
    pub(crate) message: Option<String>,
    /// The image's platform, OS/ARCH[/VARIANT] (default: this host's)
    #[arg(long, value_name = "PLATFORM")]
    pub(crate) platform: Option<String>,
    /// Print only the image ID (rcon prints nothing else anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// The tar: a file, an http(s) URL, or - for standard input
    #[arg(value_name = "FILE|URL|-")]
    pub(crate) source: String,
    /// The new image's name; without one the image is untagged
    #[arg(value_name = "REFERENCE")]
    pub(crate) reference: Option<String>,
}

pub(super) fn export(ctx: &Context, a: &ExportArgs) -> anyhow::Result<i32> {
    match &a.output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = io::BufWriter::with_capacity(1 << 20, file);
            let done = crate::container::export::export(&ctx.paths, &a.container, &mut w)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                    Ok(())
                });
            if let Err(e) = done {
                let _ = std::fs::remove_file(path);
                return Err(e);
            }
        }
        None => {
            let stdout = io::stdout();
            if stdout.is_terminal() {
                bail!(
                    "refusing to write an archive to the terminal: give a file with --output \
                     or redirect standard output"
                );
            }
            let mut w = io::BufWriter::with_capacity(1 << 20, stdout.lock());
            crate::container::export::export(&ctx.paths, &a.container, &mut w)?;
            w.flush()
                .context("cannot write the archive to standard output")?;
        }
    }
    if let Ok(record) = crate::container::list::find(&ctx.paths, &a.container) {
        record.note(&ctx.paths, "export");
    }
    Ok(0)
}

pub(super) fn import(ctx: &Context, a: &ImportArgs) -> anyhow::Result<i32> {
    let name = match &a.reference {
        Some(r) => Some(crate::image::commit::image_name(r)?),
        None => None,
    };
    let platform = match &a.platform {
        Some(p) => Some(Platform::parse(p)?),
        None => None,
    };
    let input: Box<dyn Read> = if a.source == "-" {
        if io::stdin().is_terminal() {
            bail!("cannot read a tar from the terminal: give a file or redirect standard input");
        }
        Box::new(io::stdin().lock())
    } else if a.source.starts_with("http://") || a.source.starts_with("https://") {
        let resp = ureq::get(&a.source)
            .call()
            .with_context(|| format!("cannot download {}", a.source))?;
        Box::new(resp.into_body().into_reader())
    } else {
        Box::new(File::open(&a.source).with_context(|| format!("cannot open {}", a.source))?)
    };
    let opts = ImportOptions {
        changes: a.changes.clone(),
        message: a.message.clone().unwrap_or_default(),
        platform,
        name,
        source: if a.source == "-" {
            "stdin".into()
        } else {
            a.source.clone()
        },
    };
    let store = Store::open(&ctx.paths)?;
    let record = archive::import(&store, &IdMap::detect(), input, &opts)?;
    crate::events::record(
        &ctx.paths,
        crate::events::Event::image("import", record.id.hex(), &a.source),
    );
    println!("{}", record.id.hex());
    Ok(0)
}
