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
    /// Kept for Docker and Podman scripts (`-a`, `--archive[=BOOL]`); files copied in belong
    /// to the container's root
    #[arg(short, long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub(crate) archive: bool,
    /// Print nothing (rcon prints no progress anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Accepted for Podman's scripts: rcon copies without pausing the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub(crate) pause: bool,
}

pub(super) fn cp_cmd(ctx: &Context, a: &CpArgs) -> anyhow::Result<i32> {
    let src = in_workdir(ctx, cp::endpoint(&a.src))?;
    let dst = in_workdir(ctx, cp::endpoint(&a.dest))?;
    if matches!((&src, &dst), (Endpoint::Stream, Endpoint::Stream)) {
        anyhow::bail!("SRC and DEST cannot both be -: one must be CONTAINER:PATH");
    }
    cp::copy(&ctx.paths, &src, &dst, a.follow_link)?;
    Ok(0)
}

/// A container endpoint's relative path taken in the container's working folder.
fn in_workdir(ctx: &Context, e: Endpoint) -> anyhow::Result<Endpoint> {
    let Endpoint::Container { name, path } = e else {
        return Ok(e);
    };
    if path.starts_with('/') {
        return Ok(Endpoint::Container { name, path });
    }
    let record = crate::container::list::find(&ctx.paths, &name)?;
    let cpaths = crate::container::record::ContainerPaths::new(&ctx.paths, &record.id);
    let spec: Option<oci_spec::runtime::Spec> = crate::util::fs::read_json(&cpaths.spec())?;
    let workdir = spec
        .and_then(|s| s.process().clone())
        .map(|p| p.cwd().to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Endpoint::Container {
        path: cp::in_workdir(&path, &workdir),
        name,
    })
}
