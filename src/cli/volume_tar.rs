//! `volume export` and `volume import`.
use super::Context;
use crate::container::volumes::transfer;
use anyhow::{bail, Context as _};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Write the tar to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The volume
    #[arg(value_name = "VOLUME")]
    pub(crate) volume: String,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The volume
    #[arg(value_name = "VOLUME")]
    pub(crate) volume: String,
    /// The tar: a file, or - for stdin
    #[arg(value_name = "SOURCE")]
    pub(crate) source: String,
}

pub(super) fn export(ctx: &Context, a: &ExportArgs) -> anyhow::Result<i32> {
    match &a.output {
        Some(path) => {
            // Written beside, then renamed: a failed export leaves no half file.
            let tmp = path.with_extension("rcon-partial");
            let mut file = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            if let Err(e) = transfer::export(&ctx.paths, &a.volume, &mut file) {
                let _ = std::fs::remove_file(&tmp);
                return Err(e.into());
            }
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            if out.is_terminal() {
                bail!("refusing to write a tar to the terminal: redirect stdout, or give --output");
            }
            transfer::export(&ctx.paths, &a.volume, &mut out)?;
        }
    }
    Ok(0)
}

pub(super) fn import(ctx: &Context, a: &ImportArgs) -> anyhow::Result<i32> {
    if a.source == "-" {
        let mut input = std::io::stdin().lock();
        if input.is_terminal() {
            bail!("cannot read a tar from the terminal: give a file, or redirect stdin");
        }
        transfer::import(&ctx.paths, &a.volume, &mut input)?;
    } else {
        let mut file =
            std::fs::File::open(&a.source).with_context(|| format!("cannot open {}", a.source))?;
        transfer::import(&ctx.paths, &a.volume, &mut file)?;
    }
    Ok(0)
}
