//! The server's confinement: once it has mounted, it serves from an empty root of its own, so
//! a mistake in its name handling (beneath.rs) finds nothing of the user's to reach.
//!
//! The server shares the supervisor's user namespace, in which it is root, and the supervisor
//! made its mount namespace in that user namespace (supervisor/run.rs), so the server may make
//! a mount namespace of its own. All its work goes through descriptors opened before: the layer
//! roots, the upper and work folders, the /dev/fuse channels, the stats files. Extended
//! attributes go through the parent folder as the working folder (beneath.rs), so it needs no
//! /proc either: none is mounted in the new root, and no descriptor of a /proc folder is kept
//! (a /proc of the host's pid namespace would lead back to the user's root through
//! /proc/<pid>/root of the user's other processes).
//!
//! Steps, in the single-threaded server before it serves:
//! 1. unshare(CLONE_NEWNS), then every mount private, so nothing below reaches the
//!    supervisor's namespace (its copy of the overlay mount included);
//! 2. a read-only, empty tmpfs on the folder holding the mount point (a path that does not
//!    cross the overlay itself, which nobody serves yet);
//! 3. pivot_root into it, the old root (with the server's copy of the overlay mount, which
//!    would otherwise keep the overlay alive after the container ends) detached;
//! 4. chdir("/") and no_new_privs.
use super::FuseError;
use nix::mount::{MntFlags, MsFlags};
use std::path::Path;

fn setup(what: &'static str) -> impl FnOnce(nix::errno::Errno) -> FuseError {
    move |e| FuseError::Setup {
        what,
        source: e.into(),
    }
}

/// Moves the calling (single-threaded) server into an empty root in a mount namespace of its
/// own; `target` is the overlay's mount point.
pub(super) fn confine(target: &Path) -> Result<(), FuseError> {
    let holder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::linux::mounts::private_namespace().map_err(setup(
        "give the fuse server a private mount namespace of its own",
    ))?;
    nix::mount::mount(
        Some("rcon-fuse-root"),
        holder,
        Some("tmpfs"),
        MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        Some("mode=0555,size=4k,nr_inodes=1"),
    )
    .map_err(setup("mount the fuse server's empty root"))?;
    nix::unistd::chdir(holder).map_err(setup("enter the fuse server's empty root"))?;
    nix::unistd::pivot_root(".", ".").map_err(setup("pivot the fuse server's root"))?;
    // The old root now lies on top of the new one at ".".
    nix::mount::umount2(".", MntFlags::MNT_DETACH)
        .map_err(setup("detach the fuse server's old root"))?;
    nix::unistd::chdir("/").map_err(setup("enter the fuse server's new root"))?;
    nix::sys::prctl::set_no_new_privs().map_err(setup("set no_new_privs on the fuse server"))?;
    Ok(())
}
