//! `rcon cp SRC DEST`: files and folders between a container (running or not) and the host,
//! or a tar stream with `-`, as Docker's and Podman's `cp`.
use super::Context;
use crate::container::cp::{self, Endpoint};
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct CpArgs {
    /// Source: CONTAINER:PATH, a host path, or - (a tar stream on stdin)
    #[arg(value_name = "SRC")]
    pub(crate) src: String,
    /// Destination: CONTAINER:PATH, a host path, or - (a tar stream on stdout)
    #[arg(value_name = "DEST")]
    pub(crate) dest: String,
    /// Follow a symlink given as the source (inside the container: never out of it)
    #[arg(short = 'L', long)]
    pub(crate) follow_link: bool,
    /// Kept for Docker and Podman scripts; files copied in belong to the container's root
    #[arg(short, long)]
    pub(crate) archive: bool,
    /// Print nothing (rcon prints no progress anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Accepted for Podman's scripts: rcon copies without pausing the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub(crate) pause: bool,
}

pub(super) fn cp_cmd(ctx: &Context, a: &CpArgs) -> anyhow::Result<i32> {
    let src = cp::endpoint(&a.src);
    let dst = cp::endpoint(&a.dest);
    if matches!((&src, &dst), (Endpoint::Stream, Endpoint::Stream)) {
        anyhow::bail!("SRC and DEST cannot both be -: one must be CONTAINER:PATH");
    }
    cp::copy(&ctx.paths, &src, &dst, a.follow_link)?;
    Ok(0)
}
