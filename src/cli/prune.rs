//! `system prune`: stopped containers, unused networks, dangling images and the build cache
//! (with `-a` every image no container uses; with `--volumes` unused volumes too), as Podman
//! removes them, after one confirmation; `--filter until=…`/`label=…` narrows each prune.
use super::Context;
use anyhow::bail;
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
    /// Only what matches: until=TIME (created before), label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

pub(super) fn system_prune(ctx: &Context, a: &SystemPruneArgs) -> anyhow::Result<i32> {
    // Checked before anything is asked or removed; each prune below applies them.
    super::prune_filter::PruneFilter::parse_now(&a.filter)?;
    if a.volumes && a.filter.iter().any(|f| !f.starts_with("label=")) {
        bail!("--volumes takes only label=KEY[=VALUE] filters: volumes are pruned by label");
    }
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
    super::container::prune_cmd(
        ctx,
        &super::container::PruneArgs {
            force: true,
            filter: a.filter.clone(),
        },
    )?;
    println!("Deleted Networks");
    super::network::prune_cmd(
        ctx,
        &super::network::PruneArgs {
            force: true,
            filter: a.filter.clone(),
        },
    )?;
    if a.volumes {
        println!("Deleted Volumes");
        super::volume::prune_cmd(
            ctx,
            &super::volume::PruneArgs {
                force: true,
                filter: a.filter.clone(),
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
            filter: a.filter.clone(),
        },
    )?;
    Ok(0)
}
