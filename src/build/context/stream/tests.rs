//! The archive's placement form, the checksum's properties, and the whole way into a folder.
use super::*;
use crate::build::context::select::tests::context_with;
use crate::build::context::select::{AddOptions, Request};
use crate::build::context::untar::tests::raw_tar;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::time::{Duration, SystemTime};

fn copy(sources: &[&str]) -> Request {
    Request {
        sources: sources.iter().map(|s| s.to_string()).collect(),
        ..Request::default()
    }
}

/// (name, type, mode, uid, mtime, content or link target) of every entry.
fn listing(bytes: &[u8]) -> Vec<(String, char, u32, u64, u64, String)> {
    let mut ar = tar::Archive::new(bytes);
    ar.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let h = e.header().clone();
            let kind = match h.entry_type() {
                tar::EntryType::Directory => 'd',
                tar::EntryType::Symlink => 'l',
                tar::EntryType::Link => 'h',
                _ => 'f',
            };
            let mut body = String::new();
            if kind == 'f' {
                e.read_to_string(&mut body).unwrap();
            } else if kind != 'd' {
                body = e.link_name().unwrap().unwrap().display().to_string();
            }
            (
                e.path().unwrap().display().to_string(),
                kind,
                h.mode().unwrap(),
                h.uid().unwrap(),
                h.mtime().unwrap(),
                body,
            )
        })
        .collect()
}

fn archive(sel: &Selection) -> Vec<u8> {
    let mut out = Vec::new();
    sel.write_archive(&mut out).unwrap();
    out
}

#[test]
fn the_archive_is_in_docker_placement_form() {
    let (_t, ctx) = context_with(&["one.txt", "dir/a", "dir/sub/b"], None);
    let root = ctx.root().to_path_buf();
    fs::set_permissions(root.join("dir/a"), fs::Permissions::from_mode(0o751)).unwrap();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    fs::File::options()
        .write(true)
        .open(root.join("dir/a"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    symlink("/etc/passwd", root.join("dir/abs")).unwrap();
    let sel = ctx.select(&copy(&["one.txt", "dir"])).unwrap();
    let list = listing(&archive(&sel));
    let names: Vec<_> = list.iter().map(|e| (e.0.as_str(), e.1)).collect();
    assert_eq!(
        names,
        [
            ("one.txt", 'f'),
            ("a", 'f'),
            ("abs", 'l'),
            ("sub/", 'd'),
            ("sub/b", 'f')
        ]
    );
    let a = &list[1];
    assert_eq!((a.2 & 0o7777, a.3, a.4), (0o751, 0, 1_000_000));
    assert_eq!(a.5, "content of dir/a");
    assert_eq!(list[2].5, "/etc/passwd");
    assert!(list.iter().all(|e| e.3 == 0));
}

#[test]
fn the_checksum_follows_content_not_times() {
    let (_t, ctx) = context_with(&["dir/a", "dir/b"], None);
    let root = ctx.root().to_path_buf();
    let sum = |ctx: &crate::build::context::Context| {
        ctx.select(&copy(&["dir"]))
            .unwrap()
            .checksum(None, None)
            .unwrap()
    };
    let first = sum(&ctx);
    assert_eq!(first, sum(&ctx));
    // Touching (a new mtime, the same bytes) changes nothing.
    let later = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000);
    fs::File::options()
        .write(true)
        .open(root.join("dir/a"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(first, sum(&ctx));
    // Rewriting it with the same content (a new inode) changes nothing either.
    let mode = fs::metadata(root.join("dir/a")).unwrap().permissions();
    fs::remove_file(root.join("dir/a")).unwrap();
    fs::write(root.join("dir/a"), "content of dir/a").unwrap();
    fs::set_permissions(root.join("dir/a"), mode.clone()).unwrap();
    assert_eq!(first, sum(&ctx));
    // One byte, a mode, a name, a symlink's target: each changes it.
    fs::write(root.join("dir/a"), "content of dir/A").unwrap();
    let changed = sum(&ctx);
    assert_ne!(first, changed);
    fs::write(root.join("dir/a"), "content of dir/a").unwrap();
    assert_eq!(first, sum(&ctx));
    fs::set_permissions(root.join("dir/a"), fs::Permissions::from_mode(0o700)).unwrap();
    assert_ne!(first, sum(&ctx));
    fs::set_permissions(root.join("dir/a"), mode).unwrap();
    assert_eq!(first, sum(&ctx));
    fs::rename(root.join("dir/b"), root.join("dir/c")).unwrap();
    assert_ne!(first, sum(&ctx));
    fs::rename(root.join("dir/c"), root.join("dir/b")).unwrap();
    symlink("a", root.join("dir/l")).unwrap();
    let with_link = sum(&ctx);
    fs::remove_file(root.join("dir/l")).unwrap();
    symlink("b", root.join("dir/l")).unwrap();
    assert_ne!(with_link, sum(&ctx));
    // --chown and --chmod are part of it.
    let sel = ctx.select(&copy(&["dir"])).unwrap();
    let plain = sel.checksum(None, None).unwrap();
    assert_ne!(plain, sel.checksum(Some("1:1"), None).unwrap());
    assert_ne!(plain, sel.checksum(None, Some("755")).unwrap());
}

#[test]
fn add_passes_an_archives_entries_on_with_their_owners() {
    let (_t, ctx) = context_with(&[], None);
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.as_old_mut().name[..9].copy_from_slice(b"/abs/file");
    h.set_size(5);
    h.set_mode(0o640);
    h.set_uid(1000);
    h.set_gid(50);
    h.set_mtime(77);
    h.set_cksum();
    b.append(&h, &b"hello"[..]).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    io::Write::write_all(&mut gz, &b.into_inner().unwrap()).unwrap();
    fs::write(ctx.root().join("pkg.tgz"), gz.finish().unwrap()).unwrap();
    let mut req = copy(&["pkg.tgz"]);
    req.add = Some(AddOptions::default());
    let sel = ctx.select(&req).unwrap();
    assert_eq!(sel.single_file, None);
    let list = listing(&archive(&sel));
    assert_eq!(
        list,
        [(
            "abs/file".to_string(),
            'f',
            0o640,
            1000,
            77,
            "hello".to_string()
        )]
    );
    // An archive that climbs out is refused, naming it.
    fs::write(
        ctx.root().join("evil.tar"),
        raw_tar(&[("../../etc/x", 'f', "x", 0o644)]),
    )
    .unwrap();
    let mut req = copy(&["evil.tar"]);
    req.add = Some(AddOptions::default());
    let sel = ctx.select(&req).unwrap();
    let err = sel.write_archive(&mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("evil.tar"), "{err}");
}

#[test]
fn the_archive_places_through_the_worker_rules() {
    let (t, ctx) = context_with(&["app/main.py", "app/lib/util.py", "README"], None);
    let dest = t.path().join("root/srv");
    let sel = ctx.select(&copy(&["app", "README"])).unwrap();
    let bytes = archive(&sel);
    crate::container::cp::build::place(
        &bytes[..],
        &format!("{}/", dest.display()),
        sel.single_file.as_deref(),
        Some("7:8"),
        None,
    )
    .unwrap();
    assert_eq!(
        fs::read_to_string(dest.join("lib/util.py")).unwrap(),
        "content of app/lib/util.py"
    );
    assert!(dest.join("README").is_file());
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(dest.join("main.py")).unwrap().uid(), 7);
    // One file and a destination without a slash: the file becomes it.
    let sel = ctx.select(&copy(&["README"])).unwrap();
    let bytes = archive(&sel);
    let named = t.path().join("root/etc/motd");
    crate::container::cp::build::place(
        &bytes[..],
        &named.display().to_string(),
        sel.single_file.as_deref(),
        None,
        Some("600"),
    )
    .unwrap();
    assert_eq!(fs::read_to_string(&named).unwrap(), "content of README");
    assert_eq!(fs::metadata(&named).unwrap().mode() & 0o7777, 0o600);
}
