//! The placement rules on a plain folder standing in for the container's root.
use super::*;
use std::os::unix::fs::MetadataExt;

/// A tar stream of (name, kind, data-or-link-target, mode), names written raw so hostile
/// ones (`..`) survive.
fn stream(entries: &[(&str, char, &str, u32)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for &(name, kind, data, mode) in entries {
        let mut h = tar::Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_mode(mode);
        h.set_mtime(1_000_000);
        h.set_uid(0);
        h.set_gid(0);
        let (ty, body) = match kind {
            'd' => (tar::EntryType::Directory, ""),
            'l' => (tar::EntryType::Symlink, ""),
            'h' => (tar::EntryType::Link, ""),
            _ => (tar::EntryType::Regular, data),
        };
        h.set_entry_type(ty);
        if matches!(kind, 'l' | 'h') {
            h.as_old_mut().linkname[..data.len()].copy_from_slice(data.as_bytes());
        }
        h.set_size(body.len() as u64);
        h.set_cksum();
        b.append(&h, body.as_bytes()).unwrap();
    }
    b.into_inner().unwrap()
}

fn at(t: &tempfile::TempDir, rel: &str) -> String {
    format!("{}/{rel}", t.path().display())
}

#[test]
fn one_file_becomes_dest_unless_dest_is_a_folder() {
    let t = tempfile::tempdir().unwrap();
    let data = stream(&[("a.txt", 'f', "hello", 0o640)]);
    place(&data[..], &at(&t, "new/x"), Some("a.txt"), None, None).unwrap();
    let x = t.path().join("new/x");
    assert_eq!(fs::read_to_string(&x).unwrap(), "hello");
    let meta = fs::metadata(&x).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640);
    assert_eq!(meta.mtime(), 1_000_000);
    assert_eq!(
        fs::metadata(t.path().join("new")).unwrap().mode() & 0o7777,
        0o755
    );
    // A trailing slash, or an existing folder: into it under the file's name.
    place(&data[..], &at(&t, "dir/"), Some("a.txt"), None, None).unwrap();
    assert!(t.path().join("dir/a.txt").is_file());
    place(&data[..], &at(&t, "dir"), Some("a.txt"), None, None).unwrap();
    assert!(t.path().join("dir/a.txt").is_file());
    // A file is replaced; a relative destination is refused.
    let other = stream(&[("a.txt", 'f', "again", 0o644)]);
    place(&other[..], &at(&t, "new/x"), Some("a.txt"), None, None).unwrap();
    assert_eq!(fs::read_to_string(&x).unwrap(), "again");
    assert!(matches!(
        place(&data[..], "rel/x", Some("a.txt"), None, None),
        Err(PlaceError::NotAbsolute { .. })
    ));
}

#[test]
fn folders_merge_and_owner_and_mode_apply() {
    let t = tempfile::tempdir().unwrap();
    let app = t.path().join("app");
    fs::create_dir_all(app.join("sub")).unwrap();
    fs::write(app.join("keep"), "k").unwrap();
    fs::write(app.join("sub/old"), "o").unwrap();
    let data = stream(&[
        ("sub/", 'd', "", 0o700),
        ("sub/new", 'f', "n", 0o600),
        ("run.sh", 'f', "#!", 0o700),
        ("link", 'l', "run.sh", 0o777),
        ("hard", 'h', "run.sh", 0o700),
    ]);
    place(
        &data[..],
        &at(&t, "app"),
        None,
        Some("10:20"),
        Some("u=rwX,go=rX"),
    )
    .unwrap();
    assert_eq!(fs::read_to_string(app.join("keep")).unwrap(), "k");
    assert_eq!(fs::read_to_string(app.join("sub/old")).unwrap(), "o");
    let new = fs::metadata(app.join("sub/new")).unwrap();
    assert_eq!((new.uid(), new.gid(), new.mode() & 0o7777), (10, 20, 0o644));
    let run = fs::metadata(app.join("run.sh")).unwrap();
    assert_eq!(run.mode() & 0o7777, 0o755);
    let sub = fs::metadata(app.join("sub")).unwrap();
    assert_eq!((sub.uid(), sub.mode() & 0o7777), (10, 0o755));
    assert_eq!(sub.mtime(), 1_000_000);
    let link = fs::symlink_metadata(app.join("link")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!((link.uid(), link.gid()), (10, 20));
    assert_eq!(fs::metadata(app.join("hard")).unwrap().ino(), run.ino());
    // Without --chown, entries keep the stream's owners (0:0 for copied files).
    let data = stream(&[("plain", 'f', "p", 0o644)]);
    place(&data[..], &at(&t, "app/"), None, None, None).unwrap();
    assert_eq!(fs::metadata(app.join("plain")).unwrap().uid(), 0);
}

#[test]
fn existing_symlinks_are_replaced_not_written_through() {
    let t = tempfile::tempdir().unwrap();
    let outside = t.path().join("outside");
    fs::write(&outside, "secret").unwrap();
    let app = t.path().join("app");
    fs::create_dir(&app).unwrap();
    std::os::unix::fs::symlink(&outside, app.join("f")).unwrap();
    let data = stream(&[("f", 'f', "new", 0o644)]);
    place(&data[..], &at(&t, "app/"), None, None, None).unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "secret");
    assert!(fs::symlink_metadata(app.join("f")).unwrap().is_file());
}

#[test]
fn hostile_names_are_refused() {
    let t = tempfile::tempdir().unwrap();
    let outside = t.path().join("outside");
    fs::create_dir(&outside).unwrap();
    let dotdot = stream(&[("../escape", 'f', "x", 0o644)]);
    assert!(matches!(
        place(&dotdot[..], &at(&t, "app/"), None, None, None),
        Err(PlaceError::Escapes { .. })
    ));
    assert!(!t.path().join("escape").exists());
    let through = stream(&[
        ("esc", 'l', outside.to_str().unwrap(), 0o777),
        ("esc/owned", 'f', "x", 0o644),
    ]);
    assert!(matches!(
        place(&through[..], &at(&t, "app/"), None, None, None),
        Err(PlaceError::UnderOwnLink { .. })
    ));
    assert!(!outside.join("owned").exists());
    fs::write(outside.join("target"), "t").unwrap();
    let link_through = stream(&[
        ("esc", 'l', outside.to_str().unwrap(), 0o777),
        ("h", 'h', "esc/target", 0o644),
    ]);
    assert!(matches!(
        place(&link_through[..], &at(&t, "e/"), None, None, None),
        Err(PlaceError::UnderOwnLink { .. })
    ));
    let dir_on_file = stream(&[("f", 'f', "x", 0o644), ("f/", 'd', "", 0o755)]);
    assert!(place(&dir_on_file[..], &at(&t, "b/"), None, None, None).is_err());
    let file_on_dir = stream(&[("d/", 'd', "", 0o755), ("d", 'f', "x", 0o644)]);
    assert!(matches!(
        place(&file_on_dir[..], &at(&t, "c/"), None, None, None),
        Err(PlaceError::FileOntoDir { .. })
    ));
    assert!(matches!(
        place(&dotdot[..], &at(&t, "d"), None, Some("nobody-here"), None),
        Err(PlaceError::Owner(_))
    ));
}

#[test]
fn a_made_destination_takes_the_root_entry_and_the_chown_owner() {
    let t = tempfile::tempdir().unwrap();
    // An extracted archive's `./` gives its mode to a destination folder the copy makes...
    let data = stream(&[("./", 'd', "", 0o750), ("f", 'f', "x", 0o644)]);
    place(&data[..], &at(&t, "made/"), None, None, None).unwrap();
    let mode = |rel: &str| fs::metadata(t.path().join(rel)).unwrap().mode() & 0o7777;
    assert_eq!(mode("made"), 0o750);
    // ...but not to one that was there.
    fs::create_dir(t.path().join("there")).unwrap();
    fs::set_permissions(t.path().join("there"), fs::Permissions::from_mode(0o700)).unwrap();
    place(&data[..], &at(&t, "there/"), None, None, None).unwrap();
    assert_eq!(mode("there"), 0o700);
    if nix::unistd::geteuid().is_root() {
        // Folders made for the destination belong to the --chown owner.
        let files = stream(&[("f", 'f', "x", 0o644)]);
        place(&files[..], &at(&t, "own/deep/"), None, Some("1:2"), None).unwrap();
        for rel in ["own", "own/deep", "own/deep/f"] {
            let m = fs::metadata(t.path().join(rel)).unwrap();
            assert_eq!((m.uid(), m.gid()), (1, 2), "{rel}");
        }
    }
}
