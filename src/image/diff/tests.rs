//! The diff walker against upper folders made in a temp folder. Run as root (chown, mknod of
//! the 0/0 whiteout, security.capability); tests needing that return early otherwise.
use super::tar::pax_record;
use super::tree::parse_override;
use super::*;
use nix::sys::stat::{mknod, utimensat, Mode, SFlag, UtimensatFlags};
use nix::sys::time::TimeSpec;
use std::ffi::CString;
use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

fn set_xattr(path: &Path, name: &str, value: &[u8]) {
    let f = fs::File::open(path).unwrap();
    let name = CString::new(name).unwrap();
    crate::sys::xattr::fset(f.as_fd(), &name, value, 0).unwrap();
}

fn set_mtime(path: &Path, secs: i64) {
    let t = TimeSpec::new(secs, 0);
    utimensat(None, path, &t, &t, UtimensatFlags::NoFollowSymlink).unwrap();
}

/// One entry as read back: name, type, mode, owner, mtime, link, data, xattrs.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    path: String,
    kind: ::tar::EntryType,
    mode: u32,
    uid: u64,
    gid: u64,
    mtime: u64,
    link: Option<String>,
    data: Vec<u8>,
    xattrs: Vec<(String, Vec<u8>)>,
}

fn read_back(tar: &[u8]) -> Vec<Seen> {
    let mut ar = ::tar::Archive::new(tar);
    let mut out = Vec::new();
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let mut xattrs = Vec::new();
        if let Some(pax) = e.pax_extensions().unwrap() {
            for ext in pax {
                let ext = ext.unwrap();
                if let Some(name) = ext.key().unwrap().strip_prefix("SCHILY.xattr.") {
                    xattrs.push((name.to_string(), ext.value_bytes().to_vec()));
                }
            }
        }
        let h = e.header().clone();
        let path = String::from_utf8(e.path_bytes().to_vec()).unwrap();
        let link = e
            .link_name_bytes()
            .map(|l| String::from_utf8(l.to_vec()).unwrap());
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        out.push(Seen {
            path,
            kind: h.entry_type(),
            mode: h.mode().unwrap(),
            uid: h.uid().unwrap(),
            gid: h.gid().unwrap(),
            mtime: h.mtime().unwrap(),
            link,
            data,
            xattrs,
        });
    }
    out
}

fn layer(upper: &Path, opts: Options) -> Vec<u8> {
    write_layer(upper, Vec::new(), &opts).unwrap()
}

/// An upper folder with one of everything the overlays leave there.
fn sample_upper(dir: &Path) {
    fs::create_dir(dir).unwrap();
    fs::write(dir.join("a.txt"), b"alpha").unwrap();
    set_xattr(&dir.join("a.txt"), "user.keep", b"1");
    set_xattr(&dir.join("a.txt"), "user.overlay.origin", b"x");
    set_xattr(
        &dir.join("a.txt"),
        "user.containers.override_stat",
        b"5:5:0644",
    );
    fs::create_dir(dir.join("b")).unwrap();
    fs::write(dir.join("b/suid"), b"#!/bin/sh\n").unwrap();
    fs::set_permissions(dir.join("b/suid"), fs::Permissions::from_mode(0o4755)).unwrap();
    std::os::unix::fs::chown(dir.join("b/suid"), Some(1000), Some(1000)).unwrap();
    // chown clears setuid: set it again, as `chmod u+s` after `chown` in a container.
    fs::set_permissions(dir.join("b/suid"), fs::Permissions::from_mode(0o4755)).unwrap();
    fs::set_permissions(dir.join("b"), fs::Permissions::from_mode(0o1777)).unwrap();
    mknod(
        &dir.join("gone"),
        SFlag::S_IFCHR,
        Mode::empty(),
        nix::sys::stat::makedev(0, 0),
    )
    .unwrap();
    fs::create_dir(dir.join("opq")).unwrap();
    set_xattr(&dir.join("opq"), "user.overlay.opaque", b"y");
    fs::write(dir.join("opq/new"), b"new").unwrap();
    fs::create_dir(dir.join("xw")).unwrap();
    set_xattr(&dir.join("xw"), "user.overlay.opaque", b"x");
    fs::write(dir.join("hard1"), b"linked").unwrap();
    fs::hard_link(dir.join("hard1"), dir.join("b/hard2")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("sym")).unwrap();
    nix::unistd::mkfifo(&dir.join("fifo"), Mode::from_bits_truncate(0o640)).unwrap();
    let _sock = std::os::unix::net::UnixListener::bind(dir.join("sock")).unwrap();
}

#[test]
fn a_layer_lists_the_changes_sorted_with_whiteouts_opaque_markers_and_hardlinks() {
    if !is_root() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    sample_upper(&upper);
    let seen = read_back(&layer(&upper, Options::default()));
    let names: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "a.txt",
            "b/",
            "b/hard2",
            "b/suid",
            "fifo",
            ".wh.gone",
            "hard1",
            "opq/",
            "opq/.wh..wh..opq",
            "opq/new",
            "sym",
            "xw/",
        ]
    );
    let by = |p: &str| seen.iter().find(|s| s.path == p).unwrap();
    let a = by("a.txt");
    assert_eq!(
        (a.kind, a.data.as_slice()),
        (::tar::EntryType::Regular, &b"alpha"[..])
    );
    // Only the xattrs a layer may carry; the store's own owner record only counts single-uid.
    assert_eq!(a.xattrs, vec![("user.keep".to_string(), b"1".to_vec())]);
    assert_eq!((a.uid, a.gid), (0, 0));
    let suid = by("b/suid");
    assert_eq!((suid.mode, suid.uid, suid.gid), (0o4755, 1000, 1000));
    assert_eq!(by("b/").mode, 0o1777);
    assert_eq!(by("b/").kind, ::tar::EntryType::Directory);
    // The first name of the inode in walk order carries the data, the later one links to it.
    let h2 = by("b/hard2");
    assert_eq!(
        (h2.kind, h2.data.as_slice()),
        (::tar::EntryType::Regular, &b"linked"[..])
    );
    let h1 = by("hard1");
    assert_eq!(h1.kind, ::tar::EntryType::Link);
    assert_eq!(h1.link.as_deref(), Some("b/hard2"));
    assert_eq!(by(".wh.gone").kind, ::tar::EntryType::Regular);
    assert!(by(".wh.gone").data.is_empty());
    assert_eq!(by("sym").kind, ::tar::EntryType::Symlink);
    assert_eq!(by("sym").link.as_deref(), Some("/etc/passwd"));
    let fifo = by("fifo");
    assert_eq!((fifo.kind, fifo.mode), (::tar::EntryType::Fifo, 0o640));
    // `x` marks a folder holding xattr whiteouts, not an opaque one.
    assert!(by("xw/").xattrs.is_empty());
}

#[test]
fn file_capabilities_are_kept() {
    if !is_root() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    fs::create_dir(&upper).unwrap();
    fs::write(upper.join("ping"), b"x").unwrap();
    // VFS_CAP_REVISION_2 with the effective flag, permitted CAP_NET_RAW.
    let mut cap = Vec::new();
    for word in [0x0200_0001u32, 1 << 13, 0, 0, 0] {
        cap.extend_from_slice(&word.to_le_bytes());
    }
    set_xattr(&upper.join("ping"), "security.capability", &cap);
    let seen = read_back(&layer(&upper, Options::default()));
    assert_eq!(
        seen[0].xattrs,
        vec![("security.capability".to_string(), cap)]
    );
}

#[test]
fn times_are_kept_clamped_or_set() {
    if !is_root() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    fs::create_dir(&upper).unwrap();
    fs::write(upper.join("new"), b"n").unwrap();
    fs::write(upper.join("old"), b"o").unwrap();
    std::os::unix::fs::symlink("new", upper.join("sym")).unwrap();
    set_mtime(&upper.join("new"), 2_000_000_000);
    set_mtime(&upper.join("old"), 1_000_000_000);
    set_mtime(&upper.join("sym"), 2_000_000_000);
    let times = |mtimes| -> Vec<u64> {
        read_back(&layer(&upper, Options::new(false, mtimes, &[])))
            .iter()
            .map(|s| s.mtime)
            .collect()
    };
    assert_eq!(
        times(Mtimes::Keep),
        [2_000_000_000, 1_000_000_000, 2_000_000_000]
    );
    assert_eq!(
        times(Mtimes::Clamp(1_500_000_000)),
        [1_500_000_000, 1_000_000_000, 1_500_000_000]
    );
    assert_eq!(times(Mtimes::Set(42)), [42, 42, 42]);
}

#[test]
fn a_single_uid_store_gives_the_recorded_owners() {
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    fs::create_dir(&upper).unwrap();
    fs::create_dir(upper.join("home")).unwrap();
    fs::write(upper.join("home/f"), b"x").unwrap();
    set_xattr(
        &upper.join("home"),
        "user.containers.override_stat",
        b"1000:1001:0750",
    );
    set_xattr(
        &upper.join("home/f"),
        "user.containers.override_stat",
        b"33:34:0644",
    );
    let me = (
        u64::from(nix::unistd::geteuid().as_raw()),
        u64::from(nix::unistd::getegid().as_raw()),
    );
    let single = read_back(&layer(&upper, Options::new(true, Mtimes::Keep, &[])));
    let owners: Vec<(u64, u64)> = single.iter().map(|s| (s.uid, s.gid)).collect();
    assert_eq!(owners, [(1000, 1001), (33, 34)]);
    assert!(single.iter().all(|s| s.xattrs.is_empty()));
    let multi = read_back(&layer(&upper, Options::default()));
    let owners: Vec<(u64, u64)> = multi.iter().map(|s| (s.uid, s.gid)).collect();
    assert_eq!(owners, [me, me]);
    assert_eq!(parse_override(b"1:2"), Some((1, 2)));
    assert_eq!(parse_override(b"x:2:0644"), None);
}

#[test]
fn long_names_and_link_targets_are_written_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    let deep = ["d".repeat(120), "e".repeat(120), "f".repeat(30)];
    let mut dir = upper.clone();
    for part in &deep[..2] {
        dir.push(part);
    }
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(&deep[2]), b"deep").unwrap();
    let target = format!("/{}", "t".repeat(200));
    std::os::unix::fs::symlink(&target, upper.join("s".repeat(150))).unwrap();
    let seen = read_back(&layer(&upper, Options::default()));
    let names: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    let d1 = format!("{}/", deep[0]);
    let d2 = format!("{}{}/", d1, deep[1]);
    let f = format!("{}{}", d2, deep[2]);
    let s = "s".repeat(150);
    assert_eq!(names, [d1.as_str(), d2.as_str(), f.as_str(), s.as_str()]);
    assert_eq!(seen[2].data, b"deep");
    assert_eq!(seen[3].link.as_deref(), Some(target.as_str()));
}

#[test]
fn one_tree_gives_one_layer_and_a_missing_upper_an_empty_one() {
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    fs::create_dir(&upper).unwrap();
    for name in ["z", "a", "m"] {
        fs::write(upper.join(name), name).unwrap();
    }
    let first = layer(&upper, Options::default());
    assert_eq!(first, layer(&upper, Options::default()));
    assert_eq!(first.len() % 512, 0);
    let empty = layer(&tmp.path().join("never-started"), Options::default());
    assert_eq!(empty, vec![0u8; 1024]);
}

#[test]
fn empty_mount_points_are_left_out_and_changes_under_them_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    fs::create_dir_all(upper.join("etc")).unwrap();
    fs::write(upper.join("etc/hosts"), b"").unwrap();
    fs::write(upper.join("etc/motd"), b"").unwrap();
    fs::create_dir(upper.join("data")).unwrap();
    fs::create_dir_all(upper.join("full/sub")).unwrap();
    // Folders made only to hold mount points go too; one with anything else stays.
    fs::create_dir_all(upper.join("run/secrets")).unwrap();
    fs::write(upper.join("run/.containerenv"), b"").unwrap();
    fs::write(upper.join("run/secrets/token"), b"").unwrap();
    fs::create_dir_all(upper.join("srv/a")).unwrap();
    fs::write(upper.join("srv/a/m"), b"").unwrap();
    fs::write(upper.join("srv/kept"), b"").unwrap();
    // The /etc/mtab link every container gets; one leading elsewhere is the container's.
    std::os::unix::fs::symlink("/proc/mounts", upper.join("etc/mtab")).unwrap();
    std::os::unix::fs::symlink("/proc/self/mounts", upper.join("srv/mtab")).unwrap();
    let targets = [
        "/etc/hosts",
        "//data/",
        "/full",
        "/../x",
        "/",
        "/run/.containerenv",
        "/run/secrets/token",
        "/srv/a/m",
    ]
    .map(String::from);
    let opts = Options::new(false, Mtimes::Keep, &targets);
    assert_eq!(opts.mount_targets.len(), 6);
    // A build step's layer keeps the folders; a stored layer (no destinations) the link.
    let build = Options {
        keep_folders: true,
        ..opts.clone()
    };
    let names = |o: Options| -> Vec<String> {
        read_back(&layer(&upper, o))
            .into_iter()
            .map(|s| s.path)
            .collect()
    };
    let kept = names(build);
    assert!(kept.iter().any(|n| n == "run/secrets/"), "{kept:?}");
    assert!(!kept.iter().any(|n| n == "run/.containerenv"), "{kept:?}");
    assert!(names(Options::default()).iter().any(|n| n == "etc/mtab"));
    let seen = read_back(&layer(&upper, opts.clone()));
    let names: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "etc/",
            "etc/motd",
            "full/",
            "full/sub/",
            "srv/",
            "srv/kept",
            "srv/mtab"
        ]
    );
    // Adopted as a build step's layer: the tree loses exactly what the layer leaves out.
    let root = fs::File::open(&upper).unwrap();
    prune::prune_mount_points(root.as_fd(), &opts).unwrap();
    for gone in ["run", "data", "srv/a", "etc/hosts", "etc/mtab"] {
        assert!(fs::symlink_metadata(upper.join(gone)).is_err(), "{gone}");
    }
    assert_eq!(read_back(&layer(&upper, opts)), seen);
}

#[test]
fn pax_records_count_their_own_length() {
    assert_eq!(pax_record("path", b"ab"), b"11 path=ab\n");
    assert_eq!(pax_record("k", b"abcd"), b"9 k=abcd\n");
    // 9 bytes besides the length: one digit would make 10, which needs two: 11.
    assert_eq!(pax_record("k", b"abcde"), b"11 k=abcde\n");
    let r = pax_record("key", &[b'v'; 92]);
    assert_eq!(std::str::from_utf8(&r[..4]).unwrap(), "101 ");
    assert_eq!(r.len(), 101);
}

#[test]
fn a_layer_unpacks_back_into_the_same_tree() {
    if !is_root() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let upper = tmp.path().join("upper");
    sample_upper(&upper);
    let tar = layer(&upper, Options::default());
    let dest = tmp.path().join("dest");
    fs::create_dir(&dest).unwrap();
    let root = fs::File::open(&dest).unwrap();
    let report = crate::image::unpack::unpack_layer(
        &tar[..],
        root.as_fd(),
        crate::image::unpack::Options::default(),
    )
    .unwrap();
    assert_eq!(report.diff_id, crate::util::digest::Digest::of(&tar));
    let gone = fs::symlink_metadata(dest.join("gone")).unwrap();
    assert!(gone.file_type().is_char_device() && gone.rdev() == 0);
    let mut buf = [0u8; 8];
    let opq = fs::File::open(dest.join("opq")).unwrap();
    let n = crate::sys::xattr::fget(opq.as_fd(), c"user.overlay.opaque", &mut buf).unwrap();
    assert_eq!(&buf[..n], b"y");
    let suid = fs::metadata(dest.join("b/suid")).unwrap();
    assert_eq!(
        (suid.mode() & 0o7777, suid.uid(), suid.gid()),
        (0o4755, 1000, 1000)
    );
    assert_eq!(
        fs::metadata(dest.join("hard1")).unwrap().ino(),
        fs::metadata(dest.join("b/hard2")).unwrap().ino()
    );
    assert_eq!(
        fs::read_link(dest.join("sym")).unwrap(),
        Path::new("/etc/passwd")
    );
    assert!(fs::symlink_metadata(dest.join("fifo"))
        .unwrap()
        .file_type()
        .is_fifo());
    assert!(!dest.join("sock").exists());
    // The diff of the unpacked tree is the same layer (times aside: whiteouts get the time
    // they were made).
    let fixed = || Options::new(false, Mtimes::Set(1), &[]);
    assert_eq!(layer(&dest, fixed()), layer(&upper, fixed()));
}
