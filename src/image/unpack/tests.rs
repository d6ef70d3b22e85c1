//! Unpacking small layers built in memory, the hostile ones included. Run as root (chown,
//! mknod); tests needing that return early otherwise.
use super::tree::{parse_pax_time, xattr_allowed, OPAQUE_XATTR, OVERRIDE_STAT_XATTR};
use super::*;
use std::fs;
use std::io::Write;
use std::os::fd::AsFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use tar::{EntryType, Header};

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// A tar built entry by entry, with raw names so hostile ones can be written.
struct Layer {
    b: tar::Builder<Vec<u8>>,
}

impl Layer {
    fn new() -> Layer {
        Layer {
            b: tar::Builder::new(Vec::new()),
        }
    }

    fn header(name: &[u8], kind: EntryType, mode: u32, size: u64) -> Header {
        let mut h = Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_entry_type(kind);
        h.set_size(size);
        h.set_mode(mode);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(1_600_000_000);
        h
    }

    fn push(mut self, mut h: Header, data: &[u8]) -> Layer {
        h.set_cksum();
        self.b.append(&h, data).unwrap();
        self
    }

    fn file(self, name: &str, data: &[u8]) -> Layer {
        let h = Self::header(
            name.as_bytes(),
            EntryType::Regular,
            0o644,
            data.len() as u64,
        );
        self.push(h, data)
    }

    fn file_owned(self, name: &str, mode: u32, uid: u64, gid: u64) -> Layer {
        let mut h = Self::header(name.as_bytes(), EntryType::Regular, mode, 1);
        h.set_uid(uid);
        h.set_gid(gid);
        self.push(h, b"x")
    }

    fn dir(self, name: &str, mode: u32) -> Layer {
        let h = Self::header(name.as_bytes(), EntryType::Directory, mode, 0);
        self.push(h, b"")
    }

    fn link(self, kind: EntryType, name: &str, target: &str) -> Layer {
        let mut h = Self::header(name.as_bytes(), kind, 0o777, 0);
        h.as_old_mut().linkname[..target.len()].copy_from_slice(target.as_bytes());
        self.push(h, b"")
    }

    fn pax(self, records: &[(&str, &[u8])]) -> Layer {
        let mut data = Vec::new();
        for (k, v) in records {
            let body_len = k.len() + v.len() + 3;
            let mut len = body_len + 1;
            while format!("{len}").len() + body_len != len {
                len += 1;
            }
            data.extend_from_slice(format!("{len} {k}=").as_bytes());
            data.extend_from_slice(v);
            data.push(b'\n');
        }
        let h = Self::header(
            b"././@PaxHeader",
            EntryType::XHeader,
            0o644,
            data.len() as u64,
        );
        self.push(h, &data)
    }

    fn bytes(self) -> Vec<u8> {
        self.b.into_inner().unwrap()
    }
}

fn unpack_into(tar: &[u8], single_uid: bool) -> (tempfile::TempDir, Result<Report, UnpackError>) {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::File::open(dir.path()).unwrap();
    let r = unpack_layer(
        tar,
        root.as_fd(),
        Options {
            single_uid,
            ..Options::default()
        },
    );
    (dir, r)
}

#[test]
fn plain_gzip_and_zstd_layers_give_the_tar_digest() {
    let tar = Layer::new()
        .dir("etc/", 0o755)
        .file("etc/hostname", b"box\n")
        .bytes();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar).unwrap();
    let gz = gz.finish().unwrap();
    let zst = zstd::encode_all(&tar[..], 3).unwrap();
    for input in [&tar, &gz, &zst] {
        let (dir, r) = unpack_into(input, true);
        let report = r.unwrap();
        assert_eq!(report.diff_id, Digest::of(&tar));
        assert_eq!(report.size, tar.len() as u64);
        assert_eq!(fs::read(dir.path().join("etc/hostname")).unwrap(), b"box\n");
    }
}

#[test]
fn owners_modes_and_setuid_survive_chown() {
    if !is_root() {
        return;
    }
    let tar = Layer::new()
        .dir("bin/", 0o755)
        .file_owned("bin/su", 0o4755, 0, 0)
        .file_owned("home/u/f", 0o640, 1000, 100)
        .dir("tmp/", 0o1777)
        .bytes();
    let (dir, r) = unpack_into(&tar, false);
    r.unwrap();
    let su = fs::metadata(dir.path().join("bin/su")).unwrap();
    assert_eq!(su.permissions().mode() & 0o7777, 0o4755);
    let f = fs::metadata(dir.path().join("home/u/f")).unwrap();
    assert_eq!((f.uid(), f.gid(), f.mode() & 0o777), (1000, 100, 0o640));
    let implicit = fs::metadata(dir.path().join("home")).unwrap();
    assert_eq!(implicit.mode() & 0o7777, 0o755);
    let tmp = fs::metadata(dir.path().join("tmp")).unwrap();
    assert_eq!(tmp.mode() & 0o7777, 0o1777);
    assert_eq!(tmp.mtime(), 1_600_000_000);
}

#[test]
fn single_uid_records_owners_in_override_stat() {
    let tar = Layer::new()
        .file_owned("f", 0o2750, 1000, 50)
        .file("g", b"y")
        .bytes();
    let (dir, r) = unpack_into(&tar, true);
    assert!(r.unwrap().single_uid);
    let f = fs::File::open(dir.path().join("f")).unwrap();
    assert_eq!(
        sys::fget_xattr(f.as_fd(), OVERRIDE_STAT_XATTR).unwrap(),
        b"1000:50:02750"
    );
    let g = fs::File::open(dir.path().join("g")).unwrap();
    assert!(sys::fget_xattr(g.as_fd(), OVERRIDE_STAT_XATTR).is_err());
}

#[test]
fn dotdot_entry_is_refused() {
    let tar = Layer::new().file("../x", b"evil").bytes();
    let (dir, r) = unpack_into(&tar, true);
    let e = r.unwrap_err();
    assert!(
        e.to_string().contains("entry ../x escapes the layer root"),
        "{e}"
    );
    assert!(!dir.path().parent().unwrap().join("x").exists());
}

#[test]
fn absolute_names_land_inside_the_root() {
    let tar = Layer::new().file("/etc/evil", b"inside").bytes();
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    assert_eq!(fs::read(dir.path().join("etc/evil")).unwrap(), b"inside");
}

#[test]
fn writing_through_a_symlink_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().to_str().unwrap().to_string();
    let tar = Layer::new()
        .link(EntryType::Symlink, "escape", &target)
        .file("escape/pwned", b"evil")
        .bytes();
    let (dir, r) = unpack_into(&tar, true);
    assert!(matches!(r, Err(UnpackError::SymlinkParent { .. })), "{r:?}");
    assert!(!outside.path().join("pwned").exists());
    // The symlink itself was created, as content, never followed.
    let meta = fs::symlink_metadata(dir.path().join("escape")).unwrap();
    assert!(meta.file_type().is_symlink());

    let tar = Layer::new()
        .link(EntryType::Symlink, "up", "..")
        .file("up/x", b"evil")
        .bytes();
    let (_dir, r) = unpack_into(&tar, true);
    assert!(matches!(r, Err(UnpackError::SymlinkParent { .. })), "{r:?}");
}

#[test]
fn hardlinks_must_point_inside_at_existing_files() {
    let tar = Layer::new()
        .link(EntryType::Link, "l", "../../etc/passwd")
        .bytes();
    let (_d, r) = unpack_into(&tar, true);
    let e = r.unwrap_err();
    assert!(e.to_string().contains("lies outside the layer root"), "{e}");

    let tar = Layer::new()
        .link(EntryType::Link, "l", "/etc/passwd")
        .bytes();
    let (_d, r) = unpack_into(&tar, true);
    let e = r.unwrap_err();
    assert!(
        e.to_string().contains("does not exist in this layer"),
        "{e}"
    );

    let tar = Layer::new()
        .link(EntryType::Symlink, "s", "/etc")
        .link(EntryType::Link, "l", "s/passwd")
        .bytes();
    let (_d, r) = unpack_into(&tar, true);
    assert!(r.unwrap_err().to_string().contains("lies under a symlink"));

    let tar = Layer::new()
        .file("a", b"data")
        .link(EntryType::Link, "b", "./a")
        .link(EntryType::Symlink, "s", "/nowhere")
        .link(EntryType::Link, "t", "s")
        .bytes();
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(
        fs::metadata(&a).unwrap().ino(),
        fs::metadata(&b).unwrap().ino()
    );
    // A hardlink to a symlink links the symlink itself.
    assert!(fs::symlink_metadata(dir.path().join("t"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn whiteouts_and_opaque_folders_take_the_overlay_forms() {
    if !is_root() {
        return;
    }
    let tar = Layer::new()
        .dir("etc/", 0o755)
        .file("etc/.wh.motd", b"")
        .dir("var/cache/", 0o755)
        .file("var/cache/.wh..wh..opq", b"")
        .file("var/cache/kept", b"k")
        .bytes();
    let (dir, r) = unpack_into(&tar, false);
    r.unwrap();
    let w = fs::symlink_metadata(dir.path().join("etc/motd")).unwrap();
    assert!(w.file_type().is_char_device());
    assert_eq!(w.rdev(), 0);
    assert!(!dir.path().join("etc/.wh.motd").exists());
    let cache = fs::File::open(dir.path().join("var/cache")).unwrap();
    assert_eq!(sys::fget_xattr(cache.as_fd(), OPAQUE_XATTR).unwrap(), b"y");
    assert!(dir.path().join("var/cache/kept").exists());
    assert!(!dir.path().join("var/cache/.wh..wh..opq").exists());
}

#[test]
fn later_entries_replace_earlier_ones() {
    let tar = Layer::new()
        .file("x", b"file")
        .dir("x/", 0o755)
        .file("x/inner", b"1")
        .dir("x/", 0o700)
        .dir("d/", 0o755)
        .file("d/child", b"c")
        .file("d", b"now a file")
        .file("f", b"old")
        .file("f", b"new")
        .bytes();
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    let x = dir.path().join("x");
    assert!(x.is_dir());
    assert!(
        x.join("inner").exists(),
        "a folder over a folder keeps its children"
    );
    assert_eq!(fs::metadata(&x).unwrap().mode() & 0o777, 0o700);
    assert_eq!(fs::read(dir.path().join("d")).unwrap(), b"now a file");
    assert_eq!(fs::read(dir.path().join("f")).unwrap(), b"new");
}

#[test]
fn devices_are_skipped_and_fifos_made() {
    let tar = Layer::new()
        .push(Layer::header(b"dev/null", EntryType::Char, 0o666, 0), b"")
        .push(Layer::header(b"dev/sda", EntryType::Block, 0o660, 0), b"")
        .push(Layer::header(b"run/fifo", EntryType::Fifo, 0o620, 0), b"")
        .bytes();
    let (dir, r) = unpack_into(&tar, true);
    let report = r.unwrap();
    assert_eq!(report.skipped_devices, vec!["dev/null", "dev/sda"]);
    assert!(!dir.path().join("dev/null").exists());
    let fifo = fs::symlink_metadata(dir.path().join("run/fifo")).unwrap();
    assert!(fifo.file_type().is_fifo());
    assert_eq!(fifo.mode() & 0o777, 0o620);
}

#[test]
fn pax_xattrs_and_times_apply_but_overlay_xattrs_do_not() {
    let tar = Layer::new()
        .pax(&[
            ("SCHILY.xattr.user.note", b"hello"),
            ("SCHILY.xattr.user.overlay.redirect", b"/etc"),
            ("mtime", b"1700000000.5"),
        ])
        .file("f", b"data")
        .bytes();
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    let f = fs::File::open(dir.path().join("f")).unwrap();
    assert_eq!(sys::fget_xattr(f.as_fd(), "user.note").unwrap(), b"hello");
    assert!(sys::fget_xattr(f.as_fd(), "user.overlay.redirect").is_err());
    let m = f.metadata().unwrap();
    assert_eq!((m.mtime(), m.mtime_nsec()), (1_700_000_000, 500_000_000));
}

#[test]
fn pax_times_and_xattr_names_parse() {
    let t = parse_pax_time(b"12.25").unwrap();
    assert_eq!((t.tv_sec(), t.tv_nsec()), (12, 250_000_000));
    let t = parse_pax_time(b"-1.5").unwrap();
    assert_eq!((t.tv_sec(), t.tv_nsec()), (-2, 500_000_000));
    assert!(parse_pax_time(b"abc").is_none());
    assert!(xattr_allowed("user.mime_type"));
    assert!(xattr_allowed("security.capability"));
    assert!(!xattr_allowed("trusted.overlay.opaque"));
    assert!(!xattr_allowed("user.overlay.opaque"));
    assert!(!xattr_allowed("user.containers.override_stat"));
    assert!(!xattr_allowed("security.selinux"));
}

#[test]
fn compression_is_told_by_magic() {
    assert_eq!(detect(&[0x1f, 0x8b, 8]), Detected::Gzip);
    assert_eq!(detect(&[0x28, 0xb5, 0x2f, 0xfd]), Detected::Zstd);
    assert_eq!(detect(b"etc/\0"), Detected::Plain);
    assert_eq!(detect(b""), Detected::Plain);
}

#[test]
fn the_destination_must_be_absolute() {
    assert!(check_dest(Path::new("/x/diff")).is_ok());
    assert!(check_dest(Path::new("relative")).is_err());
    assert!(check_dest(Path::new("")).is_err());
}

/// A reader over a byte slice that counts what was taken from it.
struct Counting<'a> {
    data: &'a [u8],
    taken: std::rc::Rc<std::cell::Cell<usize>>,
}

impl io::Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.data.read(buf)?;
        self.taken.set(self.taken.get() + n);
        Ok(n)
    }
}

/// Unpacks `tar` and says how many of its bytes were read before the result.
fn unpack_counting(tar: &[u8]) -> (Result<Report, UnpackError>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::File::open(dir.path()).unwrap();
    let taken = std::rc::Rc::new(std::cell::Cell::new(0));
    let input = Counting {
        data: tar,
        taken: taken.clone(),
    };
    let r = unpack_layer(
        input,
        root.as_fd(),
        Options {
            single_uid: true,
            ..Options::default()
        },
    );
    (r, taken.get())
}

#[test]
fn metadata_entries_over_a_mib_are_refused_before_they_are_read() {
    const BIG: usize = 8 << 20;
    for (kind, name) in [
        (EntryType::XHeader, "PAX header"),
        (EntryType::GNULongName, "GNU long name"),
        (EntryType::GNULongLink, "GNU long link"),
        (EntryType::XGlobalHeader, "global PAX header"),
    ] {
        let body = vec![b'a'; BIG];
        let h = Layer::header(b"././@LongLink", kind, 0o644, BIG as u64);
        let tar = Layer::new().push(h, &body).file("f", b"x").bytes();
        let (r, taken) = unpack_counting(&tar);
        let msg = r.unwrap_err().to_string();
        assert!(
            msg.contains(name) && msg.contains("8388608 bytes"),
            "{kind:?}: {msg}"
        );
        // The 1 MiB input buffer is all that was read: not the entry.
        assert!(taken <= (1 << 20) + 512, "{kind:?}: read {taken} bytes");
    }
    // At the bound, a long name is fine.
    let long = vec![b'n'; 200];
    let h = Layer::header(b"././@LongLink", EntryType::GNULongName, 0o644, 200);
    let tar = Layer::new().push(h, &long).file("ignored", b"x").bytes();
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    assert!(dir.path().join(String::from_utf8(long).unwrap()).is_file());
}

#[test]
fn entry_names_in_errors_are_cut_to_a_few_hundred_bytes() {
    let mut name = b"../".to_vec();
    name.resize(100 * 1024, b'z');
    let h = Layer::header(
        b"././@LongLink",
        EntryType::GNULongName,
        0o644,
        name.len() as u64,
    );
    let tar = Layer::new().push(h, &name).file("x", b"x").bytes();
    let (_dir, r) = unpack_into(&tar, true);
    let msg = r.unwrap_err().to_string();
    assert!(msg.len() < 400, "{} bytes: {}", msg.len(), &msg[..400]);
    assert!(msg.contains("../zzz") && msg.contains('…'), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn quoted_names_keep_short_names_and_whole_characters() {
    use super::tree::{quote_name, MAX_SHOWN};
    assert_eq!(quote_name(b"etc/passwd"), "etc/passwd");
    let exact = vec![b'a'; MAX_SHOWN];
    assert_eq!(quote_name(&exact).len(), MAX_SHOWN);
    // 'é' is two bytes: the cut falls inside one, which is dropped rather than mangled.
    let accents = "é".repeat(MAX_SHOWN);
    let q = quote_name(accents.as_bytes());
    assert!(q.ends_with("é…") && !q.contains('\u{fffd}'), "{q}");
    assert!(q.len() <= MAX_SHOWN + '…'.len_utf8());
}

/// A GNU sparse file of `real` bytes whose data chunks are `chunks` (offset, bytes).
fn sparse_layer(name: &str, real: u64, chunks: &[(u64, &[u8])], declared: Option<u64>) -> Vec<u8> {
    let data: Vec<u8> = chunks.iter().flat_map(|(_, d)| d.to_vec()).collect();
    let mut h = Layer::header(
        name.as_bytes(),
        EntryType::GNUSparse,
        0o644,
        declared.unwrap_or(data.len() as u64),
    );
    let gnu = h.as_gnu_mut().unwrap();
    for (slot, (off, d)) in gnu.sparse.iter_mut().zip(chunks) {
        slot.set_offset(*off);
        slot.set_length(d.len() as u64);
    }
    gnu.set_real_size(real);
    let mut padded = data;
    padded.resize(declared.unwrap_or(padded.len() as u64) as usize, 0);
    Layer::new().push(h, &padded).bytes()
}

#[test]
fn sparse_entries_become_holes_not_zeros() {
    const REAL: u64 = 256 << 20;
    let tar = sparse_layer(
        "big",
        REAL,
        &[(4096, &[b'a'; 512]), (REAL - 512, &[b'z'; 512])],
        None,
    );
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    let path = dir.path().join("big");
    let md = fs::metadata(&path).unwrap();
    assert_eq!(md.len(), REAL);
    assert!(md.blocks() * 512 < 1 << 20, "{} blocks used", md.blocks());
    let content = fs::read(&path).unwrap();
    assert!(content[..4096].iter().all(|b| *b == 0));
    assert_eq!(&content[4096..4608], &[b'a'; 512]);
    assert_eq!(&content[(REAL - 512) as usize..], &[b'z'; 512]);
}

#[test]
fn sparse_maps_that_disagree_with_their_data_are_refused() {
    // Chunks of 1024 bytes while the entry carries 512.
    let tar = sparse_layer(
        "s",
        1 << 30,
        &[(0, &[1; 512]), (4096, &[2; 512])],
        Some(512),
    );
    let (_dir, r) = unpack_into(&tar, true);
    assert!(r.unwrap_err().to_string().contains("sparse chunks"));
    // A chunk past the file's end.
    let tar = sparse_layer("s", 100, &[(4096, &[2; 512])], None);
    let (_dir, r) = unpack_into(&tar, true);
    assert!(r.unwrap_err().to_string().contains("past the end"));
}

#[test]
fn a_pax_size_record_overrides_the_header_size() {
    let h = Layer::header(b"f", EntryType::Regular, 0o644, 0);
    let mut tar = Layer::new().pax(&[("size", b"5")]).bytes();
    // The builder would write a header size of 5; the data follows a header saying 0.
    tar.truncate(tar.len() - 1024);
    let mut h = h;
    h.set_cksum();
    tar.extend_from_slice(h.as_bytes());
    let mut block = b"hello".to_vec();
    block.resize(512, 0);
    tar.extend_from_slice(&block);
    tar.extend_from_slice(&[0; 1024]);
    let (dir, r) = unpack_into(&tar, true);
    r.unwrap();
    assert_eq!(fs::read(dir.path().join("f")).unwrap(), b"hello");
}

#[test]
fn the_write_budget_never_exceeds_what_was_carried() {
    let mut b = super::tree::Budget::default();
    assert!(!b.spend(1));
    b.carry(10);
    assert!(b.spend(6));
    assert!(!b.spend(5));
    assert!(b.spend(4));
    assert!(!b.spend(u64::MAX));
}

#[test]
fn helper_messages_fit_in_one_pipe_page() {
    let long = "é".repeat(5000);
    let capped = super::cap_message(long);
    assert!(capped.len() <= 2048 + '…'.len_utf8() && capped.ends_with("é…"));
    assert_eq!(super::cap_message("short".into()), "short");
}
