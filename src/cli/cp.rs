//! `rcon cp SRC DEST`: files and folders between a container (running or not) and the host,
//! or a tar stream with `-`, as Podman's `cp`.
use super::Context;
use crate::container::cp::archive::{Owners, Put};
use crate::container::cp::{self, Endpoint};
use clap::Args;
use std::io::Read;

#[derive(Debug, Args)]
pub(crate) struct CpArgs {
    /// Source: CONTAINER:PATH, a host path, or - (a tar stream on stdin, plain or compressed)
    #[arg(value_name = "SRC")]
    pub(crate) src: String,
    /// Destination: CONTAINER:PATH, a host path, or - (a tar stream on stdout)
    #[arg(value_name = "DEST")]
    pub(crate) dest: String,
    /// Kept for Docker's scripts: cp always follows a symlink given as the source, as Podman
    /// does (inside the container: never out of it)
    #[arg(short = 'L', long)]
    pub(crate) follow_link: bool,
    /// Files copied into a container belong to its user (the image's USER or --user);
    /// `--archive=false` keeps the owners the archive names
    #[arg(short, long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub(crate) archive: bool,
    /// Let a file replace a folder of the same name, or a folder a file (refused otherwise)
    #[arg(long)]
    pub(crate) overwrite: bool,
    /// Copy a symlink given as the source as a symlink (Docker's API form: its clients
    /// follow links themselves)
    #[arg(long, hide = true)]
    pub(crate) no_follow_source: bool,
    /// Print nothing (rcon prints no progress anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Accepted for Podman's scripts: rcon copies without pausing the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub(crate) pause: bool,
}

pub(super) fn cp_cmd(ctx: &Context, a: &CpArgs) -> anyhow::Result<i32> {
    let (src, _) = resolve(ctx, cp::endpoint(&a.src))?;
    let (dst, user) = resolve(ctx, cp::endpoint(&a.dest))?;
    if matches!((&src, &dst), (Endpoint::Stream, Endpoint::Stream)) {
        anyhow::bail!("SRC and DEST cannot both be -: one must be CONTAINER:PATH");
    }
    let owners = match (a.archive, user) {
        (false, _) => Owners::Archive,
        (true, Some((uid, gid))) => Owners::Set { uid, gid },
        (true, None) => Owners::Placer,
    };
    let opts = cp::Options {
        follow: !a.no_follow_source,
        put: Put {
            owners,
            overwrite: a.overwrite,
        },
    };
    let stdin = match (&src, &dst) {
        (Endpoint::Stream, Endpoint::Container { .. }) => Some(tar_on_stdin()?),
        _ => None,
    };
    cp::copy(&ctx.paths, &src, &dst, &opts, stdin)?;
    Ok(0)
}

/// The tar stream on stdin, decompressed as its first bytes say; refused unless it starts
/// with a tar header.
fn tar_on_stdin() -> anyhow::Result<Box<dyn Read>> {
    let mut data = crate::build::context::untar::decompress(std::io::stdin())?;
    let mut block = vec![0u8; 512];
    let mut got = 0;
    while got < block.len() {
        match data.read(&mut block[got..])? {
            0 => break,
            n => got += n,
        }
    }
    block.truncate(got);
    if !crate::build::context::untar::is_tar(&block[..]) {
        anyhow::bail!(
            "stdin is not a tar archive: give `cp -` a tar stream (plain, gzip, bzip2, xz or zstd)"
        );
    }
    Ok(Box::new(std::io::Cursor::new(block).chain(data)))
}

/// A container endpoint's relative path taken in the container's working folder, and the
/// container's user (uid, gid) as its spec names it.
fn resolve(ctx: &Context, e: Endpoint) -> anyhow::Result<(Endpoint, Option<(u32, u32)>)> {
    let Endpoint::Container { name, path } = e else {
        return Ok((e, None));
    };
    let record = crate::container::list::find(&ctx.paths, &name)?;
    let cpaths = crate::container::record::ContainerPaths::new(&ctx.paths, &record.id);
    let spec: Option<oci_spec::runtime::Spec> = crate::util::fs::read_json(&cpaths.spec())?;
    let process = spec.and_then(|s| s.process().clone());
    let user = process.as_ref().map(|p| (p.user().uid(), p.user().gid()));
    let workdir = process
        .map(|p| p.cwd().to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = cp::in_workdir(&path, &workdir);
    Ok((Endpoint::Container { path, name }, user))
}
