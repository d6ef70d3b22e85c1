//! `system prune`: stopped containers, unused networks, dangling images and the build cache
//! (with `-a` every image no container uses; with `--volumes` unused volumes too), as Podman
//! removes them, after one confirmation.
use super::Context;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct SystemPruneArgs {
    /// Remove every image no container uses, not only dangling ones
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Remove unused volumes too
    #[arg(long)]
    pub(crate) volumes: bool,
}

pub(super) fn system_prune(ctx: &Context, a: &SystemPruneArgs) -> anyhow::Result<i32> {
    let mut what = vec![
        "all stopped containers",
        "all networks not used by at least one container",
    ];
    if a.volumes {
        what.push("all volumes not used by at least one container");
    }
    what.push(if a.all {
        "all images without at least one container associated with them"
    } else {
        "all dangling images"
    });
    what.push("all build cache");
    let prompt = format!(
        "WARNING! This command removes:\n\t- {}\n",
        what.join("\n\t- ")
    );
    if !a.force && !super::system::confirm(&prompt)? {
        return Ok(0);
    }
    println!("Deleted Containers");
    super::container::prune_cmd(ctx, &super::container::PruneArgs { force: true })?;
    println!("Deleted Networks");
    super::network::prune_cmd(
        ctx,
        &super::network::PruneArgs {
            force: true,
            filter: Vec::new(),
        },
    )?;
    if a.volumes {
        println!("Deleted Volumes");
        super::volume::prune_cmd(
            ctx,
            &super::volume::PruneArgs {
                force: true,
                filter: Vec::new(),
            },
        )?;
    }
    println!("Deleted Images");
    super::image::prune(
        ctx,
        &super::image::PruneArgs {
            all: a.all,
            force: true,
            build_cache: true,
        },
    )?;
    Ok(0)
}
