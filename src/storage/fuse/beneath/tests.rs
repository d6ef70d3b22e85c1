//! The resolver against real folders: symlinks on the way and `..` never lead out of the
//! root, and a trailing symlink is acted on itself.
use super::*;
use std::os::unix::fs::{symlink as make_symlink, MetadataExt, PermissionsExt};

/// A root `r` holding `real/f`, `real/ln -> f`, `link -> real` and `out -> <outside>`, and an
/// outside folder holding `f` (mode 0644), next to it in a temporary folder.
struct World {
    _tmp: tempfile::TempDir,
    root: OwnedFd,
    outside: std::path::PathBuf,
}

fn world() -> World {
    let tmp = tempfile::tempdir().unwrap();
    let r = tmp.path().join("r");
    let outside = tmp.path().join("outside");
    for d in [&r.join("real"), &outside] {
        std::fs::create_dir_all(d).unwrap();
    }
    for f in [r.join("real/f"), outside.join("f")] {
        std::fs::write(&f, "x").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    make_symlink("f", r.join("real/ln")).unwrap();
    make_symlink("real", r.join("link")).unwrap();
    make_symlink(&outside, r.join("out")).unwrap();
    let root = OwnedFd::from(File::open(&r).unwrap());
    World {
        _tmp: tmp,
        root,
        outside,
    }
}

fn errno_of<T>(r: io::Result<T>) -> Option<i32> {
    r.err().and_then(|e| e.raw_os_error())
}

#[test]
fn a_symlinked_folder_on_the_way_is_refused_and_nothing_outside_changes() {
    let w = world();
    let root = w.root.as_fd();
    for rel in ["link/f", "out/f"] {
        let rel = Path::new(rel);
        assert_eq!(errno_of(stat(root, rel)), Some(libc::ELOOP), "{rel:?}");
        assert_eq!(
            errno_of(open(root, rel, OFlag::O_RDONLY, Mode::empty())),
            Some(libc::ELOOP)
        );
        assert_eq!(
            errno_of(chmod(root, rel, Mode::from_bits_truncate(0o777))),
            Some(libc::ELOOP)
        );
        assert_eq!(
            errno_of(set_times(
                root,
                rel,
                &TimeSpec::UTIME_NOW,
                &TimeSpec::UTIME_NOW
            )),
            Some(libc::ELOOP)
        );
        assert_eq!(errno_of(unlink(root, rel, false)), Some(libc::ELOOP));
        assert_eq!(
            errno_of(mkdir(root, &rel.with_file_name("new"), Mode::S_IRWXU)),
            Some(libc::ELOOP)
        );
        assert_eq!(
            errno_of(set_xattr(root, rel, b"user.x", b"1", 0)),
            Some(libc::ELOOP)
        );
    }
    let f = std::fs::metadata(w.outside.join("f")).unwrap();
    assert_eq!(f.mode() & 0o7777, 0o644);
    assert_eq!(std::fs::read_dir(&w.outside).unwrap().count(), 1);
    // The real folder is fine.
    assert!(stat(root, Path::new("real/f")).is_ok());
}

#[test]
fn dot_dot_cannot_leave_the_root() {
    let w = world();
    let root = w.root.as_fd();
    let outside_f = "../outside/f";
    assert_eq!(
        errno_of(stat(root, Path::new(outside_f))),
        Some(libc::EXDEV)
    );
    assert_eq!(
        errno_of(stat(root, Path::new("real/../../outside/f"))),
        Some(libc::EXDEV)
    );
    assert_eq!(
        errno_of(open(
            root,
            Path::new(outside_f),
            OFlag::O_RDONLY,
            Mode::empty()
        )),
        Some(libc::EXDEV)
    );
    let absolute = w.outside.join("f");
    assert_eq!(errno_of(stat(root, &absolute)), Some(libc::EXDEV));
    // `..` as the last name is no name of the overlay's.
    assert_eq!(
        errno_of(stat(root, Path::new("real/.."))),
        Some(libc::EINVAL)
    );
    assert_eq!(errno_of(at(root, Path::new(".."))), Some(libc::EINVAL));
    // Inside the root `..` is harmless.
    assert!(stat(root, Path::new("real/../real/f")).is_ok());
}

#[test]
fn a_trailing_symlink_is_the_link_itself() {
    let w = world();
    let root = w.root.as_fd();
    let ln = Path::new("real/ln");
    let st = stat(root, ln).unwrap();
    assert_eq!(st.st_mode & libc::S_IFMT, libc::S_IFLNK);
    let fd = open(root, ln, OFlag::O_PATH, Mode::empty()).unwrap();
    let st = super::super::sys::fstat(fd.as_fd()).unwrap();
    assert_eq!(st.st_mode & libc::S_IFMT, libc::S_IFLNK);
    assert_eq!(
        errno_of(open(root, ln, OFlag::O_RDONLY, Mode::empty())),
        Some(libc::ELOOP)
    );
    // chmod leaves both alone; times are the link's own.
    assert!(chmod(root, ln, Mode::from_bits_truncate(0o777)).is_err());
    let old = TimeSpec::new(1_000_000, 0);
    set_times(root, ln, &old, &old).unwrap();
    assert_eq!(stat(root, ln).unwrap().st_mtime, 1_000_000);
    let f = stat(root, Path::new("real/f")).unwrap();
    assert_eq!(f.st_mode & 0o7777, 0o644);
    assert_ne!(f.st_mtime, 1_000_000);
    assert_eq!(readlink(root, ln).unwrap(), "f");
    // The link's own xattrs (none; user.* is for files and folders only).
    assert_eq!(list_xattrs(root, ln).unwrap(), b"");
    assert!(get_xattr(root, ln, b"user.x").is_err());
}

#[test]
fn names_are_changed_relative_to_their_parent_folder() {
    let w = world();
    let root = w.root.as_fd();
    chmod(root, Path::new("real/f"), Mode::from_bits_truncate(0o600)).unwrap();
    assert_eq!(
        stat(root, Path::new("real/f")).unwrap().st_mode & 0o7777,
        0o600
    );
    mkdir(root, Path::new("real/d"), Mode::S_IRWXU).unwrap();
    symlink(OsStr::new("/etc"), root, Path::new("real/d/s")).unwrap();
    rename(
        root,
        Path::new("real/d/s"),
        root,
        Path::new("real/s2"),
        RenameFlags::empty(),
    )
    .unwrap();
    link(root, Path::new("real/f"), root, Path::new("real/d/f2")).unwrap();
    assert_eq!(stat(root, Path::new("real/f")).unwrap().st_nlink, 2);
    unlink(root, Path::new("real/d/f2"), false).unwrap();
    unlink(root, Path::new("real/d"), true).unwrap();
    let names: Vec<_> = open_dir(root, Path::new("real"))
        .unwrap()
        .iter()
        .map(|e| e.unwrap().file_name().to_bytes().to_vec())
        .collect();
    assert!(names.contains(&b"s2".to_vec()), "{names:?}");
    // The root itself is "".
    assert_eq!(
        stat(root, Path::new("")).unwrap().st_ino,
        super::super::sys::fstat(root).unwrap().st_ino
    );
    // Extended attributes, where the file system has user xattrs.
    match set_xattr(root, Path::new("real/f"), b"user.t", b"v", 0) {
        Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => {}
        other => {
            other.unwrap();
            assert_eq!(
                get_xattr(root, Path::new("real/f"), b"user.t").unwrap(),
                b"v"
            );
            let names = list_xattrs(root, Path::new("real/f")).unwrap();
            assert!(names.split(|b| *b == 0).any(|n| n == b"user.t"));
            remove_xattr(root, Path::new("real/f"), b"user.t").unwrap();
            set_xattr(root, Path::new(""), b"user.r", b"1", 0).unwrap();
            assert_eq!(get_xattr(root, Path::new(""), b"user.r").unwrap(), b"1");
        }
    }
}

#[test]
fn chmod_without_fchmodat2_goes_through_a_descriptor_and_leaves_symlinks_alone() {
    // As on a kernel before 6.6 (every assertion of the other tests holds either way).
    NO_FCHMODAT2.store(true, Ordering::Relaxed);
    let w = world();
    let root = w.root.as_fd();
    chmod(root, Path::new("real/f"), Mode::from_bits_truncate(0o640)).unwrap();
    assert_eq!(
        stat(root, Path::new("real/f")).unwrap().st_mode & 0o7777,
        0o640
    );
    chmod(root, Path::new("real"), Mode::from_bits_truncate(0o750)).unwrap();
    assert_eq!(
        stat(root, Path::new("real")).unwrap().st_mode & 0o7777,
        0o750
    );
    assert_eq!(
        errno_of(chmod(
            root,
            Path::new("real/ln"),
            Mode::from_bits_truncate(0o777)
        )),
        Some(libc::EOPNOTSUPP)
    );
    assert_eq!(
        errno_of(chmod(
            root,
            Path::new("out/f"),
            Mode::from_bits_truncate(0o777)
        )),
        Some(libc::ELOOP)
    );
    assert_eq!(
        stat(root, Path::new("real/f")).unwrap().st_mode & 0o7777,
        0o640
    );
    let outside = std::fs::metadata(w.outside.join("f")).unwrap();
    assert_eq!(outside.mode() & 0o7777, 0o644);
}
