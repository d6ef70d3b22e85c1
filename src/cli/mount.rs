//! `rcon mount`/`rcon umount` (also under `rcon container`) and `rcon image mount`/`umount`:
//! a container's root filesystem or an image's layers mounted where the user can read them,
//! as Podman's commands.
//!
//! Rootless, a mount is only possible (and only visible) in the store's user namespace, so
//! like Podman these run inside `rcon unshare` (root there) and refuse otherwise. The mount
//! lives in the mount namespace of that `rcon unshare` session and goes when it ends; whether
//! something is mounted is read from /proc/self/mountinfo, so it is known as long as the mount
//! exists and nothing else is recorded.
//!
//! A container's root is the kernel overlay of its image layers and its writable layer at
//! `containers/<id>/rootfs` (overlay and fuse-overlay containers share the writable layer's
//! form; the mount has its own work folder beside it), or for vfs the container's copy itself,
//! bound onto itself while mounted.
//! An image is the read-only overlay of its layers at `image-mounts/<id>` in rcon's folder.
use super::format::align;
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::container::list;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::image::lookup;
use crate::image::store::index::{self, ImageRecord};
use crate::image::store::Store;
use crate::storage::Driver;
use anyhow::{bail, Context as _};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub(crate) struct MountArgs {
    /// Mount every container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Output the mounted containers as json
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Do not truncate IDs
    #[arg(long, visible_alias = "notruncate")]
    pub(crate) no_trunc: bool,
    /// Containers to mount; none lists the mounted ones
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct UmountArgs {
    /// Unmount every mounted container
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Accepted for Podman's sake: a mount is undone even when its container runs
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Containers to unmount
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ImageMountArgs {
    /// Output the mounted images as json
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Mount every image
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Images to mount; none lists the mounted ones
    #[arg(value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ImageUmountArgs {
    /// Unmount every mounted image
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Accepted for Podman's sake
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Images to unmount
    #[arg(value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
}

/// One mounted container or image as Podman's `--format json` shows it.
#[derive(Debug, serde::Serialize)]
struct Mounted {
    id: String,
    #[serde(rename = "Names")]
    names: Vec<String>,
    #[serde(rename = "Repositories", skip_serializing_if = "Option::is_none")]
    repositories: Option<Vec<String>>,
    mountpoint: String,
}

/// JSON with Podman's one-space indent.
fn print_json(all: &[Mounted]) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(all, &mut ser)?;
    println!("{}", String::from_utf8_lossy(&buf));
    Ok(())
}

/// Refuses outside the store's user namespace, with Podman's words.
fn require_unshare(command: &str) -> anyhow::Result<()> {
    if !nix::unistd::geteuid().is_root() {
        bail!("cannot run command \"rcon {command}\" in rootless mode, must execute `rcon unshare` first");
    }
    Ok(())
}

/// The mount points of this mount namespace, from `/proc/self/mountinfo` text.
pub(crate) fn mount_points(mountinfo: &str) -> Vec<PathBuf> {
    mountinfo
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(|p| PathBuf::from(unescape_octal(p)))
        .collect()
}

/// mountinfo's `\040`-style escapes undone.
fn unescape_octal(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_mounted(path: &Path) -> bool {
    let text = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    mount_points(&text).iter().any(|p| p == path)
}

/// The container's layers' folders, bottom first.
fn layer_dirs(store: &Store, layers: &[crate::util::digest::Digest]) -> Vec<PathBuf> {
    layers.iter().map(|l| store.layer_dir(l)).collect()
}

/// Mounts the root filesystem of `record` (once) and returns where.
fn mount_container(ctx: &Context, record: &ContainerRecord) -> anyhow::Result<PathBuf> {
    let cpaths = ContainerPaths::new(&ctx.paths, &record.id);
    let rootfs = cpaths.rootfs();
    if is_mounted(&rootfs) {
        return Ok(rootfs);
    }
    let store = Store::open(&ctx.paths)?;
    let layers = layer_dirs(&store, &record.layers);
    std::fs::create_dir_all(&rootfs)
        .with_context(|| format!("cannot create {}", rootfs.display()))?;
    match Driver::from_name(&record.storage_driver)? {
        // The copy itself, made once; bound onto itself so it is a mount point while mounted.
        Driver::Vfs => {
            crate::storage::mount_rootfs(
                Driver::Vfs,
                &layers,
                &cpaths.upper(),
                &cpaths.work(),
                &rootfs,
                &Default::default(),
            )?;
            crate::storage::bind_in_place(&rootfs)?;
        }
        // The writable layer in the store's form, read by the kernel overlay; the work folder
        // is this mount's own, so a running container's overlay keeps its own.
        Driver::Overlay | Driver::FuseOverlay => crate::storage::mount_rootfs(
            Driver::Overlay,
            &layers,
            &cpaths.upper(),
            &cpaths.dir.join("mount-work"),
            &rootfs,
            &Default::default(),
        )?,
    }
    Ok(rootfs)
}

pub(super) fn mount(ctx: &Context, a: &MountArgs) -> anyhow::Result<i32> {
    require_unshare("mount")?;
    if a.containers.is_empty() && !a.all {
        return list_mounted_containers(ctx, a);
    }
    let mut names = a.containers.clone();
    if a.all {
        names.extend(list::all(&ctx.paths)?.into_iter().map(|(r, _)| r.id));
    }
    let mut code = 0;
    for name in &names {
        let done = list::find(&ctx.paths, name)
            .map_err(anyhow::Error::from)
            .and_then(|r| mount_container(ctx, &r));
        match done {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("Error: {}", super::one_line(&e));
                code = 125;
            }
        }
    }
    Ok(code)
}

fn list_mounted_containers(ctx: &Context, a: &MountArgs) -> anyhow::Result<i32> {
    let mut rows = Vec::new();
    for (record, _) in list::all(&ctx.paths)? {
        let rootfs = ContainerPaths::new(&ctx.paths, &record.id).rootfs();
        if is_mounted(&rootfs) {
            rows.push((record, rootfs));
        }
    }
    if a.format.as_deref().map(str::trim) == Some("json") {
        let all: Vec<Mounted> = rows
            .iter()
            .map(|(r, p)| Mounted {
                id: r.id.clone(),
                names: vec![r.name.clone()],
                repositories: None,
                mountpoint: p.display().to_string(),
            })
            .collect();
        print_json(&all)?;
        return Ok(0);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(r, p)| {
            let id = if a.no_trunc { &r.id[..] } else { &r.id[..12] };
            vec![id.to_string(), p.display().to_string()]
        })
        .collect();
    for line in align(&cells) {
        println!("{line}");
    }
    Ok(0)
}

pub(super) fn umount(ctx: &Context, a: &UmountArgs) -> anyhow::Result<i32> {
    if a.all != a.containers.is_empty() {
        bail!("give the containers to unmount, or --all");
    }
    if !nix::unistd::geteuid().is_root() {
        // Nothing of rcon's is mounted in this namespace (as Podman, nothing to undo).
        for name in &a.containers {
            list::find(&ctx.paths, name)?;
            println!("{name}");
        }
        return Ok(0);
    }
    let targets: Vec<(String, ContainerRecord)> = if a.all {
        list::all(&ctx.paths)?
            .into_iter()
            .map(|(r, _)| (r.id.clone(), r))
            .filter(|(_, r)| is_mounted(&ContainerPaths::new(&ctx.paths, &r.id).rootfs()))
            .collect()
    } else {
        let mut v = Vec::new();
        for name in &a.containers {
            v.push((name.clone(), list::find(&ctx.paths, name)?));
        }
        v
    };
    for (shown, record) in targets {
        let cpaths = ContainerPaths::new(&ctx.paths, &record.id);
        crate::storage::unmount_rootfs(&cpaths.rootfs())?;
        println!("{shown}");
    }
    Ok(0)
}

/// Where an image is mounted: `image-mounts/<id>` in rcon's folder.
fn image_target(ctx: &Context, img: &ImageRecord) -> PathBuf {
    ctx.paths.root.join("image-mounts").join(img.id.hex())
}

pub(super) fn image_mount(ctx: &Context, a: &ImageMountArgs) -> anyhow::Result<i32> {
    require_unshare("image mount")?;
    let idx = index::read(&ctx.paths.storage())?;
    if a.images.is_empty() && !a.all {
        return list_mounted_images(ctx, &idx.images, a);
    }
    let conf = RegistriesConf::load(&ctx.paths)?;
    let mut picked: Vec<&ImageRecord> = Vec::new();
    if a.all {
        picked.extend(idx.images.iter());
    }
    for name in &a.images {
        match lookup::find(&idx, &conf, name)? {
            Some(img) => picked.push(img),
            None => bail!("{name}: image not known"),
        }
    }
    let store = Store::open(&ctx.paths)?;
    for img in picked {
        let target = image_target(ctx, img);
        if !is_mounted(&target) {
            let layers = layer_dirs(&store, &img.layers);
            let empty = ctx.paths.root.join("image-mounts").join(".empty");
            crate::storage::mount_image(&layers, &empty, &target)?;
        }
        println!("{}", target.display());
    }
    Ok(0)
}

fn list_mounted_images(
    ctx: &Context,
    images: &[ImageRecord],
    a: &ImageMountArgs,
) -> anyhow::Result<i32> {
    let mounted: Vec<(&ImageRecord, PathBuf)> = images
        .iter()
        .map(|i| (i, image_target(ctx, i)))
        .filter(|(_, p)| is_mounted(p))
        .collect();
    if a.format.as_deref().map(str::trim) == Some("json") {
        let all: Vec<Mounted> = mounted
            .iter()
            .map(|(i, p)| Mounted {
                id: i.id.hex().to_string(),
                names: i.names.clone(),
                repositories: Some(i.names.clone()),
                mountpoint: p.display().to_string(),
            })
            .collect();
        print_json(&all)?;
        return Ok(0);
    }
    let cells: Vec<Vec<String>> = mounted
        .iter()
        .map(|(i, p)| {
            let name = i
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| i.id.hex()[..12].to_string());
            vec![name, p.display().to_string()]
        })
        .collect();
    for line in align(&cells) {
        println!("{line}");
    }
    Ok(0)
}

pub(super) fn image_umount(ctx: &Context, a: &ImageUmountArgs) -> anyhow::Result<i32> {
    if a.all != a.images.is_empty() {
        bail!("give the images to unmount, or --all");
    }
    let idx = index::read(&ctx.paths.storage())?;
    let conf = RegistriesConf::load(&ctx.paths)?;
    let mut picked: Vec<&ImageRecord> = Vec::new();
    if a.all {
        picked.extend(
            idx.images
                .iter()
                .filter(|i| is_mounted(&image_target(ctx, i))),
        );
    }
    for name in &a.images {
        match lookup::find(&idx, &conf, name)? {
            Some(img) => picked.push(img),
            None => bail!("{name}: image not known"),
        }
    }
    let inside = nix::unistd::geteuid().is_root();
    for img in picked {
        if inside {
            crate::storage::unmount_rootfs(&image_target(ctx, img))?;
        }
        println!("{}", img.id.hex());
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_points_come_from_the_fifth_field_unescaped() {
        let text = "36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 - ext3 /dev/root rw\n\
                    37 35 0:5 / /proc rw - proc proc rw\n";
        assert_eq!(
            mount_points(text),
            [PathBuf::from("/mnt/with space"), PathBuf::from("/proc")]
        );
    }
}
