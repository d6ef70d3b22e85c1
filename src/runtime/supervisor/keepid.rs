//! `--userns keep-id` in the supervisor: the owner shift the FUSE overlay applies
//! ([`ids`], before the root filesystem is mounted), then the container's own user namespace
//! and the user's passwd and group entries in its root ([`prepare`], after); and the host's
//! users `--hostuser` names ([`add_host_users`]). The container's
//! first process enters the namespace once its root is in place (`runtime::startup`).
use super::errors::SetupError;
use crate::container::record::{ContainerRecord, UsernsMode};
use crate::linux::keepid::{self, HostUser, IdShift, Userns};
use std::ffi::CStr;
use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd};
use std::path::Path;
use std::sync::Arc;

/// The shift of owners the overlay applies: none unless the container runs with keep-id.
pub(super) fn ids(record: &ContainerRecord) -> Result<IdShift, SetupError> {
    let ids = match record.userns {
        UsernsMode::KeepId { uid, gid } => IdShift::for_this_store(uid, gid),
        UsernsMode::NoMap => IdShift::nomap_for_this_store(),
        UsernsMode::Auto { size, base } => IdShift::slice_of_this_store(base, size),
        UsernsMode::Map { ref uid, ref gid } => IdShift::ranges_of_this_store(uid, gid),
        UsernsMode::Default | UsernsMode::Host => Ok(IdShift::default()),
    };
    ids.map_err(|e| SetupError::IdShift {
        message: e.to_string(),
    })
}

/// Makes the container's own user namespace (keep-id, nomap, auto) and, for keep-id, gives
/// the user a passwd (and group) entry in the mounted root `rootfs` when the image has none.
/// None in the store's namespace.
pub(super) fn prepare(
    record: &ContainerRecord,
    spec: &oci_spec::runtime::Spec,
    rootfs: &Path,
    ids: &IdShift,
) -> Result<Option<Arc<Userns>>, SetupError> {
    if ids.is_identity() {
        return Ok(None);
    }
    let fail = |what: &'static str| move |source| SetupError::Sys { what, source };
    let userns =
        keepid::make_userns(ids).map_err(fail("make the container's own user namespace"))?;
    let UsernsMode::KeepId { uid, gid } = record.userns else {
        return Ok(Some(Arc::new(userns)));
    };
    let host_id = |file: &str| {
        let text = std::fs::read_to_string(format!("/proc/self/{file}")).unwrap_or_default();
        keepid::outside_of_zero(&text)
    };
    // A user the host's passwd does not know gets no entry, as with Podman.
    let host = match (host_id("uid_map"), host_id("gid_map")) {
        (Some(u), Some(g)) => HostUser::of_host(u, g),
        _ => None,
    };
    if let Some(host) = host {
        let mounts: Vec<String> = spec
            .mounts()
            .iter()
            .flatten()
            .map(|m| m.destination().to_string_lossy().into_owned())
            .collect();
        let mounts: Vec<&str> = mounts.iter().map(String::as_str).collect();
        let workdir = spec
            .process()
            .as_ref()
            .map_or_else(|| "/".into(), |p| p.cwd().to_string_lossy().into_owned());
        let home = host.home_inside(&mounts, &workdir);
        let root = std::fs::File::open(rootfs).map_err(fail("open the root filesystem"))?;
        let read = |path: &str| {
            crate::linux::user::read_in_root(root.as_fd(), path)
                .map(Option::unwrap_or_default)
                .map_err(|e| SetupError::IdShift {
                    message: e.to_string(),
                })
        };
        if let Some(line) = keepid::passwd_line(&read("/etc/passwd")?, &host, uid, gid, &home) {
            append(root.as_fd(), c"/etc/passwd", &line)
                .map_err(fail("add the user to /etc/passwd"))?;
        }
        if let Some(line) = keepid::group_line(&read("/etc/group")?, &host, gid) {
            append(root.as_fd(), c"/etc/group", &line)
                .map_err(fail("add the group to /etc/group"))?;
        }
    }
    Ok(Some(Arc::new(userns)))
}

/// `--hostuser` (the record's `HostUsers`): each user, looked up by name or uid in the host's
/// passwd now, gets a line in the mounted root's /etc/passwd with its host ids, name, gecos and
/// home, unless the image has the name or uid already.
pub(super) fn add_host_users(record: &ContainerRecord, rootfs: &Path) -> Result<(), SetupError> {
    let names: Vec<&str> = record
        .extra
        .get("HostUsers")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let fail = |what: &'static str| move |source| SetupError::Sys { what, source };
    let root = std::fs::File::open(rootfs).map_err(fail("open the root filesystem"))?;
    for name in names {
        let found = match name.parse::<u32>() {
            Ok(uid) => nix::unistd::User::from_uid(uid.into()),
            Err(_) => nix::unistd::User::from_name(name),
        };
        let user = found.ok().flatten().ok_or_else(|| SetupError::HostUser {
            name: name.to_string(),
        })?;
        let host = HostUser {
            name: user.name,
            gecos: user.gecos.to_string_lossy().into_owned(),
            home: user.dir.to_string_lossy().into_owned(),
            group: None,
        };
        let passwd = crate::linux::user::read_in_root(root.as_fd(), "/etc/passwd")
            .map(Option::unwrap_or_default)
            .map_err(|e| SetupError::IdShift {
                message: e.to_string(),
            })?;
        let (uid, gid) = (user.uid.as_raw(), user.gid.as_raw());
        if let Some(line) = keepid::passwd_line(&passwd, &host, uid, gid, &host.home) {
            append(root.as_fd(), c"/etc/passwd", &line)
                .map_err(fail("add a --hostuser to /etc/passwd"))?;
        }
    }
    Ok(())
}

/// Appends `line` to the regular file at `path` beneath `root` (resolved as if `root` were
/// `/`: the image's symlinks never lead out), on a line of its own.
/// An image without the file gets none.
fn append(root: BorrowedFd<'_>, path: &CStr, line: &str) -> std::io::Result<()> {
    use std::io::{Read, Seek};
    let fd = match crate::sys::openat2::open(
        root,
        path,
        libc::O_RDWR | libc::O_APPEND | libc::O_NOCTTY | libc::O_NONBLOCK,
        libc::RESOLVE_IN_ROOT | libc::RESOLVE_NO_MAGICLINKS,
    ) {
        Ok(fd) => fd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut f = std::fs::File::from(fd);
    let meta = f.metadata()?;
    if !meta.file_type().is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut text = String::new();
    if meta.len() > 0 {
        let mut last = [0u8];
        f.seek(std::io::SeekFrom::End(-1))?;
        f.read_exact(&mut last)?;
        if last[0] != b'\n' {
            text.push('\n');
        }
    }
    text.push_str(line);
    f.write_all(text.as_bytes())
}
