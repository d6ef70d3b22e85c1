//! `tmpcopyup`: what a folder of the image held, copied into the tmpfs mounted over it (Podman's
//! default for `--tmpfs` and `--mount type=tmpfs`), so the image's files stay visible there.
//!
//! Both ends are descriptors: `from` was opened before the mount, so it still names the covered
//! folder; every entry is opened relative to its parent with `O_NOFOLLOW`, so a symlink is copied
//! as a symlink and never followed, in or out of the root.
use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::{fchmodat, FchmodatFlags, FileStat, Mode, SFlag};
use nix::unistd::{Gid, Uid};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};

/// Copies the entries of the folder `from` into the folder `to`, `depth` levels down at most.
pub(super) fn copy_tree(from: &OwnedFd, to: &OwnedFd, depth: u32) -> io::Result<()> {
    if depth == 0 {
        return Ok(());
    }
    let mut dir = nix::dir::Dir::openat(
        Some(from.as_raw_fd()),
        ".",
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    let names: Vec<std::ffi::CString> = dir
        .iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_owned())
        .filter(|n| n.as_bytes() != b"." && n.as_bytes() != b"..")
        .collect();
    for name in names {
        let name = name.as_c_str();
        let st =
            nix::sys::stat::fstatat(Some(from.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        let kind = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
        let mode = Mode::from_bits_truncate(st.st_mode & 0o7777);
        let (src, dst) = (Some(from.as_raw_fd()), Some(to.as_raw_fd()));
        if kind == SFlag::S_IFDIR {
            match nix::sys::stat::mkdirat(dst, name, mode) {
                Ok(()) | Err(Errno::EEXIST) => {}
                Err(e) => return Err(e.into()),
            }
            let flags = OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
            let sub_from = open(src, name, flags, Mode::empty())?;
            let sub_to = open(dst, name, flags, Mode::empty())?;
            copy_tree(&sub_from, &sub_to, depth - 1)?;
        } else if kind == SFlag::S_IFREG {
            let read = OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
            let write = OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_CLOEXEC;
            let mut input = File::from(open(src, name, read, Mode::empty())?);
            let mut output = File::from(open(dst, name, write, mode)?);
            io::copy(&mut input, &mut output)?;
        } else if kind == SFlag::S_IFLNK {
            let target = nix::fcntl::readlinkat(src, name)?;
            match nix::unistd::symlinkat(target.as_os_str(), dst, name) {
                Ok(()) | Err(Errno::EEXIST) => {}
                Err(e) => return Err(e.into()),
            }
        } else {
            // Devices, FIFOs and sockets are not copied.
            continue;
        }
        keep_owner_and_mode(to, name, &st, kind)?;
    }
    Ok(())
}

fn open(dir: Option<i32>, name: &std::ffi::CStr, flags: OFlag, mode: Mode) -> io::Result<OwnedFd> {
    Ok(crate::sys::fd::own(nix::fcntl::openat(
        dir, name, flags, mode,
    )?))
}

/// The copy's owner and mode as the original's. An owner this namespace cannot map is left
/// as it is (the copy then belongs to the container's root).
fn keep_owner_and_mode(
    to: &OwnedFd,
    name: &std::ffi::CStr,
    st: &FileStat,
    kind: SFlag,
) -> io::Result<()> {
    let dst = Some(to.as_raw_fd());
    match nix::unistd::fchownat(
        dst,
        name,
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
        AtFlags::AT_SYMLINK_NOFOLLOW,
    ) {
        Ok(()) | Err(Errno::EINVAL) | Err(Errno::EPERM) => {}
        Err(e) => return Err(e.into()),
    }
    if kind != SFlag::S_IFLNK {
        let mode = Mode::from_bits_truncate(st.st_mode & 0o7777);
        fchmodat(dst, name, mode, FchmodatFlags::FollowSymlink)?;
    }
    Ok(())
}
