//! Hostile tar framing and hostile image files, and the store's privacy: layers whose metadata
//! entries, names or sparse maps would make the unpack helper hang, grow or write without end,
//! an image whose `/etc/passwd` is a FIFO, and a store other local users could enter. Every
//! case must end quickly: exit 125 with one short `Error: ` line, or the bounded outcome named.
mod common;

use common::image::{self, Compression, ImageSpec, Layer};
use common::store::{chain_ids, StoreView};
use common::{run_command, Registry, TestEnv};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

/// Long enough for a pull of a small layer on a loaded machine; far shorter than a hang.
const QUICK: Duration = Duration::from_secs(60);

/// A raw tar stream built header by header, for entries `tar::Builder` would not write.
struct RawTar(Vec<u8>);

impl RawTar {
    fn new() -> RawTar {
        RawTar(Vec::new())
    }

    fn header(name: &[u8], kind: tar::EntryType, size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_entry_type(kind);
        h.set_size(size);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(1_700_000_000);
        h
    }

    /// Appends `h` (checksum set) and `data` padded to whole blocks.
    fn push(mut self, mut h: tar::Header, data: &[u8]) -> RawTar {
        h.set_cksum();
        self.0.extend_from_slice(h.as_bytes());
        self.0.extend_from_slice(data);
        let pad = (512 - data.len() % 512) % 512;
        self.0.resize(self.0.len() + pad, 0);
        self
    }

    fn entry(self, name: &[u8], kind: tar::EntryType, data: &[u8]) -> RawTar {
        let h = Self::header(name, kind, data.len() as u64);
        self.push(h, data)
    }

    fn layer(mut self) -> Layer {
        self.0.extend_from_slice(&[0; 1024]);
        Layer::from_tar(self.0, Compression::Gzip)
    }
}

/// Pushes busybox plus `top` as `evil:latest`; returns the reference.
fn push_with_layer(reg: &Registry, top: Layer) -> String {
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(top)
        .cmd(&["sh"])
        .build();
    reg.push("evil:latest", &img);
    reg.reference("evil:latest")
}

fn pull(env: &TestEnv, reference: &str) -> common::Output {
    run_command(
        env.rcon(&["pull", "-q", "--tls-verify=false", reference]),
        None,
        QUICK,
    )
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

#[test]
fn the_store_is_private_after_a_pull_and_an_open_store_is_tightened() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .build();
    reg.push("box:latest", &img);
    let root = env.user().data_home.join("rcon");
    let storage = env.user().storage();
    pull(&env, &reg.reference("box:latest")).ok();
    assert_eq!(mode(&root), 0o700, "{} after a pull", root.display());
    assert_eq!(mode(&storage), 0o700, "{} after a pull", storage.display());

    // A store an older rcon left open to everyone is closed by the next command.
    for dir in [&root, &storage] {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    env.run_ok(&["images"]);
    assert_eq!(mode(&root), 0o700, "{} was not tightened", root.display());
    assert_eq!(
        mode(&storage),
        0o700,
        "{} was not tightened",
        storage.display()
    );
}

#[test]
fn a_layer_entry_with_a_100_kib_name_fails_the_pull_with_a_short_error() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let name = vec![b'n'; 100 * 1024];
    let evil = RawTar::new()
        .entry(b"././@LongLink", tar::EntryType::GNULongName, &name)
        .entry(b"placeholder", tar::EntryType::Regular, b"x")
        .layer();
    let start = Instant::now();
    let out = pull(&env, &push_with_layer(&reg, evil));
    let line = out.error_125();
    assert!(
        line.len() < 1024 && line.contains('…'),
        "the name is cut short ({} bytes): {}",
        line.len(),
        &line[..line.len().min(600)]
    );
    assert!(start.elapsed() < QUICK);
    StoreView::of(env.user()).assert_consistent();
}

#[test]
fn a_layer_with_a_huge_pax_header_is_refused_without_reading_it() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    // 256 MiB of records compress to a few hundred KiB; reading them whole took as much memory.
    let mut pax = Vec::with_capacity(256 << 20);
    let record = format!("{} comment={}\n", 1000, "a".repeat(1000 - 14));
    assert_eq!(record.len(), 1000);
    while pax.len() + record.len() <= 256 << 20 {
        pax.extend_from_slice(record.as_bytes());
    }
    let evil = RawTar::new()
        .entry(b"././@PaxHeader", tar::EntryType::XHeader, &pax)
        .entry(b"f", tar::EntryType::Regular, b"x")
        .layer();
    let digest = evil.digest.clone();
    let reference = push_with_layer(&reg, evil);
    let stats = env.user().home.join("time.txt");
    let mut cmd = env.user().command(
        "/usr/bin/time",
        &[
            "-f",
            "%M",
            "-o",
            stats.to_str().unwrap(),
            common::bins().rcon.to_str().unwrap(),
            "pull",
            "-q",
            "--tls-verify=false",
            &reference,
        ],
    );
    cmd.current_dir(&env.user().home);
    let out = run_command(cmd, None, QUICK);
    let line = out.error_125();
    assert!(
        line.contains(digest.trim_start_matches("sha256:").get(..12).unwrap())
            && line.contains("PAX header")
            && line.contains("too large"),
        "the error names the layer and the entry: {line}"
    );
    // Peak resident memory of rcon and its helpers, in KiB (the last line; an exit status
    // line comes before it).
    let stats = fs::read_to_string(&stats).unwrap();
    let peak: u64 = stats.lines().last().unwrap_or("").trim().parse().unwrap();
    assert!(peak < 100 * 1024, "peak RSS {peak} KiB");
}

#[test]
fn a_sparse_entry_of_64_gib_is_unpacked_as_holes() {
    const REAL: u64 = 64 << 30;
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let mut h = RawTar::header(b"sparse.img", tar::EntryType::GNUSparse, 1024);
    let gnu = h.as_gnu_mut().unwrap();
    gnu.sparse[0].set_offset(0);
    gnu.sparse[0].set_length(512);
    gnu.sparse[1].set_offset(REAL - 512);
    gnu.sparse[1].set_length(512);
    gnu.set_real_size(REAL);
    let mut data = vec![b'a'; 512];
    data.extend_from_slice(&[b'z'; 512]);
    let evil = RawTar::new().push(h, &data).layer();
    let diff_id = evil.diff_id.clone();
    let start = Instant::now();
    pull(&env, &push_with_layer(&reg, evil)).ok();
    assert!(start.elapsed() < QUICK);
    let chains = chain_ids(&[
        image::busybox_layer(Compression::Gzip).diff_id.clone(),
        diff_id,
    ]);
    let file = env
        .user()
        .storage()
        .join("layers")
        .join(chains[1].trim_start_matches("sha256:"))
        .join("diff/sparse.img");
    let md = fs::metadata(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert_eq!(md.len(), REAL, "the file keeps its declared length");
    assert!(
        md.blocks() * 512 < 1 << 20,
        "{} bytes on disk: zeros were written",
        md.blocks() * 512
    );
}

#[test]
fn an_image_whose_passwd_is_a_fifo_fails_run_quickly_instead_of_hanging() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let top = RawTar::new()
        .entry(b"etc/passwd", tar::EntryType::Fifo, b"")
        .layer();
    let reference = push_with_layer(&reg, top);
    pull(&env, &reference).ok();
    let start = Instant::now();
    let out = run_command(
        env.rcon(&["run", "--rm", "-u", "user", &reference, "true"]),
        None,
        QUICK,
    );
    let line = out.error_125();
    assert!(
        line.contains("/etc/passwd") && line.contains("not a regular file"),
        "say which file and why: {line}"
    );
    assert!(start.elapsed() < QUICK);
}
