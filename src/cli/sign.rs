//! `rcon image sign`: simple signing of registry images with GPG.
use super::image::RegistryOpts;
use super::Context;
use crate::image::sign::{self, SignRequest};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The GPG key to sign with (an ID, fingerprint or e-mail address of a secret key)
    #[arg(long, value_name = "KEY", required = true)]
    pub(crate) sign_by: String,
    /// The lookaside folder to write signatures to
    /// (default: ~/.local/share/containers/sigstore)
    #[arg(short, long, value_name = "DIR")]
    pub(crate) directory: Option<PathBuf>,
    /// Sign every image of a manifest list, not the list
    #[arg(short, long)]
    pub(crate) all: bool,
    #[command(flatten)]
    pub(crate) registry: RegistryOpts,
    /// Images in a registry: docker://NAME[:TAG|@DIGEST]
    #[arg(required = true, value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
}

pub(super) fn sign_cmd(ctx: &Context, a: &SignArgs) -> anyhow::Result<i32> {
    let req = SignRequest {
        key: &a.sign_by,
        directory: a.directory.as_deref(),
        all: a.all,
    };
    for image in &a.images {
        let written = sign::sign(&ctx.paths, a.registry.client_options(None)?, image, &req)?;
        for path in written {
            log::info!("signature of {image} written to {}", path.display());
        }
    }
    Ok(0)
}
