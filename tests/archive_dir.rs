//! `rcon load -i DIR` of image folders (oci-dir, docker-dir) written by `rcon save` and by
//! skopeo, and of multi-platform images (an OCI index pointing at an image index), through
//! the real binary as the unprivileged test user: the images load under their names, run,
//! and hostile folders and indexes are refused whole (one error line, nothing recorded).
mod common;

use common::ship::{busybox_name, image_id, SKOPEO};
use common::store::StoreView;
use common::world::busybox_world;
use common::{run_command, TestEnv, TestUser};
use serde_json::{json, Value};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

const REF_NAME: &str = "org.opencontainers.image.ref.name";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs `program args` as the test user; it must succeed.
fn as_user(user: &TestUser, program: &str, args: &[&str]) -> String {
    run_command(user.command(program, args), None, Duration::from_secs(120)).ok()
}

/// Everything the store records, to compare before and after a refused load.
fn snapshot(user: &TestUser) -> (Option<Vec<u8>>, std::collections::BTreeSet<String>) {
    let view = StoreView::of(user);
    (view.images_json_bytes(), view.layer_entries())
}

/// `rcon load -i path` fails with one line holding `want`, exit 125, the store unchanged.
fn refused(env: &TestEnv, path: &Path, want: &str) {
    let user = env.user();
    let before = snapshot(user);
    let images = user.run_ok(&["images", "--no-trunc"]);
    let out = user.run(&["load", "-i", &path_str(path)]);
    let line = out.error_125();
    assert!(line.contains(want), "{want:?} not in {line:?}");
    assert_eq!(snapshot(user), before, "the refused load changed the store");
    assert_eq!(user.run_ok(&["images", "--no-trunc"]), images);
    let tmp: Vec<_> = std::fs::read_dir(user.storage().join("blobs/.tmp"))
        .unwrap()
        .collect();
    assert!(tmp.is_empty(), "temp files left: {tmp:?}");
}

/// The host's platform as image indexes name it.
fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => panic!("no test platform for {other}"),
    }
}

/// An OCI layout as files: name → bytes.
struct Layout {
    files: Vec<(String, Vec<u8>)>,
}

impl Layout {
    /// The files of the oci-archive `path`.
    fn of_archive(path: &Path) -> Layout {
        let mut ar = tar::Archive::new(std::fs::File::open(path).unwrap());
        let mut files = Vec::new();
        for e in ar.entries().unwrap() {
            let mut e = e.unwrap();
            if !e.header().entry_type().is_file() {
                continue;
            }
            let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            files.push((name, data));
        }
        Layout { files }
    }

    fn get(&self, name: &str) -> &[u8] {
        &self.files.iter().find(|(n, _)| n == name).unwrap().1
    }

    fn json(&self, name: &str) -> Value {
        serde_json::from_slice(self.get(name)).unwrap()
    }

    fn set(&mut self, name: &str, data: Vec<u8>) {
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), data));
    }

    /// Adds `v` as a blob; returns its descriptor of media type `mt`.
    fn blob(&mut self, mt: &str, v: &Value) -> Value {
        let data = serde_json::to_vec(v).unwrap();
        let hex = sha256_hex(&data);
        let size = data.len();
        self.set(&format!("blobs/sha256/{hex}"), data);
        json!({"mediaType": mt, "digest": format!("sha256:{hex}"), "size": size})
    }

    /// The descriptor of the one manifest `index.json` lists.
    fn image(&self) -> Value {
        self.json("index.json")["manifests"][0].clone()
    }

    fn blob_json(&self, desc: &Value) -> Value {
        let d = desc["digest"].as_str().unwrap();
        self.json(&format!("blobs/sha256/{}", &d[7..]))
    }

    /// Points `index.json` at `desc`, named `name`.
    fn point(&mut self, mut desc: Value, name: &str) {
        desc["annotations"] = json!({ REF_NAME: name });
        let idx = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [desc]});
        self.set("index.json", serde_json::to_vec(&idx).unwrap());
    }

    fn write_tar(&self, user: &TestUser, path: &Path) -> PathBuf {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in &self.files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, &data[..]).unwrap();
        }
        user.write_file(path, b.into_inner().unwrap())
    }

    fn write_dir(&self, user: &TestUser, dir: &Path) -> PathBuf {
        for (name, data) in &self.files {
            user.write_file(dir.join(name), data);
        }
        dir.to_path_buf()
    }
}

/// The host's image (`busybox`) beside another platform's (the same layers, another config),
/// in an image index the layout's `index.json` points at: the other platform listed first.
fn multi_platform(l: &mut Layout) {
    let host = l.image();
    let manifest = l.blob_json(&host);
    let mut config = l.blob_json(&manifest["config"]);
    config["architecture"] = json!("s390x");
    config["config"]["Cmd"] = json!(["echo", "wrong-platform"]);
    let mut other = manifest.clone();
    other["config"] = l.blob(manifest["config"]["mediaType"].as_str().unwrap(), &config);
    let mut other = l.blob(OCI_MANIFEST, &other);
    other["platform"] = json!({"os": "linux", "architecture": "s390x"});
    let mut host = host.clone();
    host.as_object_mut().unwrap().remove("annotations");
    host["platform"] = json!({"os": "linux", "architecture": host_arch()});
    let inner = l.blob(
        OCI_INDEX,
        &json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [other, host]}),
    );
    l.point(inner, "localhost/multi:1");
}

#[test]
fn folders_saved_by_rcon_load_back_and_run() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let name = busybox_name(user);
    let id = image_id(user, "busybox");
    for (format, extra) in [
        ("oci-dir", None),
        ("docker-dir", None),
        ("docker-dir", Some("--compress")),
    ] {
        let dir = user
            .home
            .join(format!("{format}-{}", extra.unwrap_or("plain")));
        let mut args = vec!["save", "--format", format];
        args.extend(extra);
        let out = path_str(&dir);
        args.extend(["-o", &out, "busybox"]);
        user.run_ok(&args);
        user.run_ok(&["rmi", "busybox"]);
        let out = user.run_ok(&["load", "-i", &path_str(&dir)]);
        if format == "oci-dir" {
            assert_eq!(out, format!("Loaded image: {name}\n"));
        } else {
            // A `dir:` folder names no image.
            assert_eq!(out, format!("Loaded image(s): sha256:{id}\n"));
            user.run_ok(&["tag", &id, "busybox"]);
        }
        assert_eq!(image_id(user, "busybox"), id, "{format}");
        let ran = user.run_ok(&["run", "--rm", "busybox", "echo", "hello"]);
        assert_eq!(ran, "hello\n", "{format}");
    }
}

#[test]
fn folders_written_by_skopeo_load_and_run() {
    if !Path::new(SKOPEO).exists() {
        eprintln!("SKIPPED: {SKOPEO} is not installed");
        return;
    }
    let (env, _reg) = busybox_world();
    let user = env.user();
    let file = user.home.join("seed.tar");
    user.run_ok(&["save", "-o", &path_str(&file), "busybox"]);
    user.run_ok(&["rmi", "-a"]);
    let src = format!("docker-archive:{}", file.display());
    let oci = user.home.join("skopeo-oci");
    let oci_ref = format!("oci:{}:localhost/fromskopeo:1", oci.display());
    as_user(user, SKOPEO, &["copy", &src, &oci_ref]);
    let out = user.run_ok(&["load", "-i", &path_str(&oci)]);
    assert_eq!(out, "Loaded image: localhost/fromskopeo:1\n");
    let idx: Value =
        serde_json::from_slice(&std::fs::read(oci.join("index.json")).unwrap()).unwrap();
    let m = idx["manifests"][0]["digest"].as_str().unwrap()[7..].to_string();
    let m: Value =
        serde_json::from_slice(&std::fs::read(oci.join("blobs/sha256").join(m)).unwrap()).unwrap();
    let config = m["config"]["digest"].as_str().unwrap()[7..].to_string();
    assert_eq!(image_id(user, "localhost/fromskopeo:1"), config);
    let ran = user.run_ok(&["run", "--rm", "localhost/fromskopeo:1", "echo", "oci"]);
    assert_eq!(ran, "oci\n");

    user.run_ok(&["rmi", "-a"]);
    let dir = user.home.join("skopeo-dir");
    as_user(
        user,
        SKOPEO,
        &["copy", &src, &format!("dir:{}", dir.display())],
    );
    let m: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let config = m["config"]["digest"].as_str().unwrap()[7..].to_string();
    let out = user.run_ok(&["load", "-i", &path_str(&dir)]);
    assert_eq!(out, format!("Loaded image(s): sha256:{config}\n"));
    let ran = user.run_ok(&["run", "--rm", &config[..12], "echo", "dir"]);
    assert_eq!(ran, "dir\n");
}

#[test]
fn a_nested_index_loads_the_hosts_image_under_the_outer_name() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let id = image_id(user, "busybox");
    let file = user.home.join("oci.tar");
    user.run_ok(&[
        "save",
        "--format",
        "oci-archive",
        "-o",
        &path_str(&file),
        "busybox",
    ]);
    let mut l = Layout::of_archive(&file);
    multi_platform(&mut l);
    user.run_ok(&["rmi", "-a"]);
    for path in [
        l.write_tar(user, &user.home.join("multi.tar")),
        l.write_dir(user, &user.home.join("multi-dir")),
    ] {
        let out = user.run_ok(&["load", "-i", &path_str(&path)]);
        assert_eq!(
            out,
            "Loaded image: localhost/multi:1\n",
            "{}",
            path.display()
        );
        assert_eq!(image_id(user, "localhost/multi:1"), id);
        let ran = user.run_ok(&["run", "--rm", "localhost/multi:1", "echo", "host"]);
        assert_eq!(ran, "host\n");
        user.run_ok(&["rmi", "-a"]);
    }

    // An index with no image for this host: refused, naming what it has.
    let mut none = Layout::of_archive(&file);
    let host = none.image();
    let inner = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [
        {"mediaType": OCI_MANIFEST, "digest": host["digest"], "size": host["size"],
         "platform": {"os": "linux", "architecture": "s390x"}}]});
    let inner = none.blob(OCI_INDEX, &inner);
    none.point(inner, "localhost/none:1");
    let path = none.write_tar(user, &user.home.join("none.tar"));
    refused(&env, &path, "no image for this host's platform linux/");

    // Indexes nested deeper than rcon follows: refused.
    let mut deep = Layout::of_archive(&file);
    let mut desc = deep.image();
    desc.as_object_mut().unwrap().remove("annotations");
    for _ in 0..5 {
        let idx = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [desc]});
        desc = deep.blob(OCI_INDEX, &idx);
    }
    deep.point(desc, "localhost/deep:1");
    let path = deep.write_dir(user, &user.home.join("deep-dir"));
    refused(&env, &path, "nest more than 4 deep");
}

#[test]
fn hostile_folders_are_refused_whole() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let id = image_id(user, "busybox");
    let good = user.home.join("good");
    user.run_ok(&[
        "save",
        "--format",
        "oci-dir",
        "-o",
        &path_str(&good),
        "busybox",
    ]);
    let idx: Value =
        serde_json::from_slice(&std::fs::read(good.join("index.json")).unwrap()).unwrap();
    let m = idx["manifests"][0]["digest"].as_str().unwrap()[7..].to_string();
    let m: Value =
        serde_json::from_slice(&std::fs::read(good.join("blobs/sha256").join(m)).unwrap()).unwrap();
    let layer = m["layers"][0]["digest"].as_str().unwrap()[7..].to_string();
    user.run_ok(&["rmi", "-a"]);
    // A fresh copy of the good folder, as the test user.
    let copy = |name: &str| -> PathBuf {
        let dir = user.home.join(name);
        as_user(user, "/bin/cp", &["-a", &path_str(&good), &path_str(&dir)]);
        dir
    };
    let secret = user.write_file(user.home.join("secret"), b"not an image layer");

    // A blob that is a symlink out of the folder: absolute, or climbing out.
    for (name, target) in [
        ("abs", path_str(&secret)),
        ("rel", "../../../secret".to_string()),
    ] {
        let dir = copy(&format!("link-{name}"));
        let blob = dir.join("blobs/sha256").join(&layer);
        std::fs::remove_file(&blob).unwrap();
        std::os::unix::fs::symlink(&target, &blob).unwrap();
        refused(&env, &dir, "outside the archive");
    }

    // A layer blob whose bytes are not its digest.
    let dir = copy("bad-digest");
    let blob = dir.join("blobs/sha256").join(&layer);
    let mut data = std::fs::read(&blob).unwrap();
    let last = data.len() - 100;
    data[last] ^= 0xff;
    std::fs::write(&blob, data).unwrap();
    refused(&env, &dir, "hashes to");

    // A manifest naming a blob the folder lacks.
    let dir = copy("missing");
    std::fs::remove_file(dir.join("blobs/sha256").join(&layer)).unwrap();
    refused(&env, &dir, &format!("it has no blobs/sha256/{layer}"));

    // Not an image folder at all.
    let dir = user.home.join("empty");
    user.mkdirs(&dir);
    user.write_file(dir.join("readme"), b"hello");
    refused(&env, &dir, "not an image folder");

    // The good one loads.
    user.run_ok(&["load", "-i", &path_str(&good)]);
    assert_eq!(image_id(user, "busybox"), id);
}

#[test]
fn a_layer_changed_in_the_store_fails_the_save_whole() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let dir = user.home.join("ocidir");
    user.run_ok(&[
        "save",
        "--format",
        "oci-dir",
        "-o",
        &path_str(&dir),
        "busybox",
    ]);
    let idx: Value =
        serde_json::from_slice(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    let m = idx["manifests"][0]["digest"].as_str().unwrap()[7..].to_string();
    let m: Value =
        serde_json::from_slice(&std::fs::read(dir.join("blobs/sha256").join(m)).unwrap()).unwrap();
    let layer = m["layers"][0]["digest"].as_str().unwrap()[7..].to_string();
    // The stored gzip blob replaced by one of a tar of the same size, one byte of a file changed.
    let blob = user.storage().join("blobs/sha256").join(&layer);
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&blob).unwrap())
        .read_to_end(&mut tar)
        .unwrap();
    let at = tar.iter().position(|b| b.is_ascii_alphabetic()).unwrap() + 512;
    tar[at] ^= 0x20;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &tar).unwrap();
    std::fs::write(&blob, gz.finish().unwrap()).unwrap();
    let file = user.home.join("damaged.tar");
    // Copied as it is stored, the blob is checked against its digest; decompressed
    // (--uncompressed), the tar against the diff ID.
    for (args, want) in [
        (&[][..], "hashes to"),
        (&["--uncompressed"][..], "not its diff ID"),
    ] {
        let mut cmd = vec!["save"];
        cmd.extend_from_slice(args);
        let path = path_str(&file);
        cmd.extend_from_slice(&["-o", &path, "busybox"]);
        let out = user.run(&cmd);
        let line = out.error_125();
        assert!(line.contains(want), "{args:?}: {line}");
        assert!(!file.exists(), "a damaged save left {}", file.display());
    }
}
