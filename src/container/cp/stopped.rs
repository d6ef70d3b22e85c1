//! `rcon cp` on a container that is not running: `rcon __userns-helper cp <root> <runroot>
//! <id> <op…>`, root of the store's user namespace. It takes the container's supervisor lock
//! (so the container cannot start meanwhile), makes a mount namespace of its own, mounts the
//! root filesystem with the container's storage driver and binds the container's volumes and
//! bind mounts onto it (targets opened inside the root with RESOLVE_IN_ROOT), then chroots
//! into it and runs the op on its stdin and stdout. Everything it mounted goes with its mount
//! namespace when it exits.
use super::Op;
use crate::config::Paths;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::linux::mounts::{self, Create, Sys};
use crate::util::fs::Lock;
use nix::mount::MsFlags;
use serde_json::Value;
use std::ffi::OsString;
use std::io;
use std::path::Path;

/// Entry point of the helper op `cp`.
pub fn helper_cp(args: &[OsString]) -> Result<(), String> {
    let usage = || "usage: cp <root> <runroot> <id> out|in|in-raw <path> 0|1".to_string();
    let [root, runroot, id, kind, path, flag] = args else {
        return Err(usage());
    };
    let text = |s: &OsString| s.to_str().map(str::to_string).ok_or_else(usage);
    let id = text(id)?;
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(usage());
    }
    let op = Op::from_args(&text(kind)?, &text(path)?, &text(flag)?).ok_or_else(usage)?;
    let paths = Paths::resolve(Some(Path::new(root)), Some(Path::new(runroot)))
        .map_err(|e| format!("cannot resolve rcon's folders: {e}"))?;
    let cpaths = ContainerPaths::new(&paths, &id);
    let lock_path = cpaths.run.join("supervisor.lock");
    let _lock = Lock::try_exclusive(&lock_path)
        .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?
        .ok_or("the container started meanwhile: run cp again")?;
    let record: ContainerRecord = crate::util::fs::read_json(&cpaths.record())
        .map_err(|e| e.to_string())?
        .ok_or("the container was removed meanwhile")?;
    let sys = |what: &'static str| move |e: nix::errno::Errno| format!("cannot {what}: {e}");
    mounts::private_namespace().map_err(sys("create a private mount namespace"))?;
    let store = crate::image::store::Store::open(&paths).map_err(|e| e.to_string())?;
    let mut held = Vec::new();
    let mut layers = Vec::new();
    for chain in &record.layers {
        held.push(store.layer_use_lock(chain).map_err(|e| e.to_string())?);
        layers.push(store.layer_dir(chain));
    }
    let driver =
        crate::storage::Driver::from_name(&record.storage_driver).map_err(|e| e.to_string())?;
    let rootfs = cpaths.rootfs();
    std::fs::create_dir_all(&rootfs).map_err(|e| format!("{}: {e}", rootfs.display()))?;
    crate::storage::mount_rootfs(driver, &layers, &cpaths.upper(), &cpaths.work(), &rootfs)
        .map_err(|e| e.to_string())?;
    bind_volumes(&record, &rootfs).map_err(|e| format!("cannot mount the volumes: {e}"))?;
    nix::unistd::chroot(&rootfs).map_err(sys("enter the root filesystem"))?;
    nix::unistd::chdir("/").map_err(sys("enter the root filesystem"))?;
    op.run(io::stdin().lock(), io::stdout().lock())
        .map_err(|e| e.to_string())
}

/// Binds the volumes and bind mounts of `record` at their destinations that exist in the root.
fn bind_volumes(record: &ContainerRecord, rootfs: &Path) -> io::Result<()> {
    let mut kernel = mounts::Kernel::new(rootfs)?;
    let mounts = record
        .extra
        .get("Mounts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for m in mounts {
        let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        if !matches!(s("Type").as_str(), "bind" | "volume") || s("Mode") == "O" {
            continue;
        }
        let source = s("Source");
        if !Path::new(&source).exists() {
            continue;
        }
        if let Some(target) = kernel.open(&s("Destination"), Create::Nothing)? {
            kernel.bind(Path::new(&source), &target, true, MsFlags::empty())?;
        }
    }
    Ok(())
}
