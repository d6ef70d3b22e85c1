//! Hostile context archives, every compression, and ADD's archive detection.
use super::*;
use std::io::Write;
use std::os::unix::fs::MetadataExt;

/// A tar stream of (name, kind, data-or-link-target, mode); names are written raw, so
/// hostile ones (`..`, absolute) survive.
pub(crate) fn raw_tar(entries: &[Spec]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(name, kind, data, mode) in entries {
        let mut h = tar::Header::new_old();
        h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_mode(mode);
        h.set_mtime(1_234_567);
        let (ty, body) = match kind {
            'd' => (tar::EntryType::Directory, ""),
            'l' => (tar::EntryType::Symlink, ""),
            'h' => (tar::EntryType::Link, ""),
            'c' => (tar::EntryType::Char, ""),
            'p' => (tar::EntryType::Fifo, ""),
            _ => (tar::EntryType::Regular, data),
        };
        h.set_entry_type(ty);
        if matches!(kind, 'l' | 'h') {
            h.as_old_mut().linkname[..data.len()].copy_from_slice(data.as_bytes());
        }
        h.set_size(body.len() as u64);
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(body.as_bytes());
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// One entry of [`raw_tar`]: name, kind, data or link target, mode.
type Spec<'a> = (&'a str, char, &'a str, u32);

fn sample() -> Vec<u8> {
    raw_tar(&[
        ("./", 'd', "", 0o755),
        ("./Containerfile", 'f', "FROM scratch\n", 0o644),
        ("./ro/", 'd', "", 0o555),
        ("./ro/f", 'f', "in a read-only folder", 0o600),
        ("./link", 'l', "Containerfile", 0o777),
        ("./hard", 'h', "Containerfile", 0o644),
        ("./implicit/deep/file", 'f', "x", 0o640),
        ("./dev", 'c', "", 0o600),
        ("./fifo", 'p', "", 0o600),
    ])
}

fn check_sample(dir: &Path) {
    assert_eq!(
        std::fs::read_to_string(dir.join("Containerfile")).unwrap(),
        "FROM scratch\n"
    );
    let ro = std::fs::metadata(dir.join("ro")).unwrap();
    assert_eq!(ro.mode() & 0o7777, 0o555);
    assert_eq!(ro.mtime(), 1_234_567);
    assert_eq!(
        std::fs::read_to_string(dir.join("ro/f")).unwrap(),
        "in a read-only folder"
    );
    assert_eq!(
        std::fs::read_link(dir.join("link")).unwrap(),
        Path::new("Containerfile")
    );
    assert_eq!(
        std::fs::metadata(dir.join("hard")).unwrap().ino(),
        std::fs::metadata(dir.join("Containerfile")).unwrap().ino()
    );
    assert_eq!(
        std::fs::metadata(dir.join("implicit/deep/file"))
            .unwrap()
            .mode()
            & 0o7777,
        0o640
    );
    assert!(!dir.join("dev").exists());
    assert!(!dir.join("fifo").exists());
}

#[test]
fn a_context_archive_unpacks_in_every_compression() {
    let plain = sample();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    bz.write_all(&plain).unwrap();
    let mut xz = lzma_rust2::XzWriter::new(Vec::new(), lzma_rust2::XzOptions::default()).unwrap();
    xz.write_all(&plain).unwrap();
    let zst = zstd::encode_all(&plain[..], 1).unwrap();
    for (what, data) in [
        ("plain", plain.clone()),
        ("gzip", gz.finish().unwrap()),
        ("bzip2", bz.finish().unwrap()),
        ("xz", xz.finish().unwrap()),
        ("zstd", zst),
    ] {
        let t = fetch_temp();
        unpack(&data[..], t.path()).unwrap_or_else(|e| panic!("{what}: {e}"));
        check_sample(t.path());
        assert!(is_tar(&data[..]), "{what}");
        // A pipe delivering one byte at a time decides the compression all the same.
        let t2 = fetch_temp();
        unpack(OneByte(&data[..]), t2.path()).unwrap_or_else(|e| panic!("{what}: {e}"));
        check_sample(t2.path());
    }
    assert!(!is_tar(&b"FROM alpine\nRUN true\n"[..]));
    assert!(!is_tar(&[0u8; 1024][..]));
}

/// A temporary folder that can hold read-only folders and still be removed.
fn fetch_temp() -> crate::build::context::TempDir {
    crate::build::context::TempDir::new().unwrap()
}

struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() || buf.is_empty() {
            return Ok(0);
        }
        buf[0] = self.0[0];
        self.0 = &self.0[1..];
        Ok(1)
    }
}

#[test]
fn hostile_context_archives_are_refused() {
    let t = tempfile::tempdir().unwrap();
    let outside = t.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let cases: &[(&[Spec], &str)] = &[
        (&[("../evil", 'f', "x", 0o644)], "escapes"),
        (&[("a/../../evil", 'f', "x", 0o644)], "escapes"),
        (&[("/etc/evil", 'f', "x", 0o644)], "absolute"),
        (
            &[
                ("esc", 'l', outside.to_str().unwrap(), 0o777),
                ("esc/owned", 'f', "x", 0o644),
            ],
            "symlink",
        ),
        (
            &[("up", 'l', "..", 0o777), ("up/evil", 'f', "x", 0o644)],
            "symlink",
        ),
        (
            &[("f", 'f', "x", 0o644), ("f/x", 'f', "x", 0o644)],
            "folder",
        ),
        (&[("h", 'h', "../../etc/passwd", 0o644)], "escapes"),
    ];
    for (entries, what) in cases {
        let dest = t.path().join(format!("d{}", what.len() + entries.len()));
        let _ = std::fs::remove_dir_all(&dest);
        std::fs::create_dir(&dest).unwrap();
        let err = unpack(&raw_tar(entries)[..], &dest).unwrap_err();
        assert!(err.to_string().contains(what), "{what}: {err}");
    }
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    assert!(!t.path().join("evil").exists());
}

#[test]
fn later_entries_replace_earlier_ones() {
    let t = tempfile::tempdir().unwrap();
    let data = raw_tar(&[
        ("a", 'f', "first", 0o644),
        ("a", 'f', "second", 0o600),
        ("l", 'l', "a", 0o777),
        ("l", 'f', "now a file", 0o644),
    ]);
    unpack(&data[..], t.path()).unwrap();
    assert_eq!(
        std::fs::read_to_string(t.path().join("a")).unwrap(),
        "second"
    );
    assert!(std::fs::symlink_metadata(t.path().join("l"))
        .unwrap()
        .is_file());
}

#[test]
fn names_clean_to_relative_paths() {
    assert_eq!(clean_name(b"./a//b/."), Ok(Some(PathBuf::from("a/b"))));
    assert_eq!(clean_name(b"./"), Ok(None));
    assert_eq!(clean_name(b"/a"), Err(NameError::Absolute));
    assert_eq!(clean_name(b"a/../b"), Err(NameError::DotDot));
}
