//! `rcon save`, `load`, `export` and `import` through the real binary as the unprivileged
//! test user: round trips in every archive format (same image ID, same names, runnable),
//! several images in one docker-archive, compressed archives, archives exchanged with Podman
//! and read by skopeo, hostile archives refused whole (one error line, nothing recorded), and
//! a container's root exported and imported back as an image that runs.
mod common;

use common::ship::{busybox_name, image_id};
use common::store::StoreView;
use common::world::busybox_world;
use common::{run_command, TestEnv, TestUser};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

const PODMAN: &str = "/usr/bin/podman";
const SKOPEO: &str = "/usr/bin/skopeo";

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

/// The entries of a tar file (plain), name → bytes.
fn read_tar(path: &Path) -> Vec<(tar::Header, String, Vec<u8>)> {
    let mut ar = tar::Archive::new(std::fs::File::open(path).unwrap());
    let mut out = Vec::new();
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        out.push((e.header().clone(), name, data));
    }
    out
}

/// Writes `entries` as a tar at `path`, readable by the test user.
fn write_tar(user: &TestUser, path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, &data[..]).unwrap();
    }
    user.write_file(path, b.into_inner().unwrap());
}

fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    read_tar(path)
        .into_iter()
        .filter(|(h, _, _)| h.entry_type().is_file())
        .map(|(_, n, d)| (n, d))
        .collect()
}

#[test]
fn save_and_load_round_trip_in_both_archive_formats() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let name = busybox_name(user);
    let id = image_id(user, "busybox");
    for format in ["docker-archive", "oci-archive"] {
        let file = user.home.join(format!("{format}.tar"));
        user.run_ok(&[
            "save",
            "--format",
            format,
            "-o",
            &path_str(&file),
            "busybox",
        ]);
        let names: Vec<String> = entries(&file).into_iter().map(|(n, _)| n).collect();
        if format == "docker-archive" {
            for want in ["manifest.json", "repositories", &format!("{id}.json")] {
                assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
            }
        } else {
            for want in ["oci-layout", "index.json"] {
                assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
            }
        }
        user.run_ok(&["rmi", "busybox"]);
        let out = user.run_ok(&["load", "-i", &path_str(&file)]);
        assert_eq!(out, format!("Loaded image: {name}\n"), "{format}");
        assert_eq!(image_id(user, "busybox"), id, "{format}");
        let ran = user.run_ok(&["run", "--rm", "busybox", "echo", "hello"]);
        assert_eq!(ran, "hello\n");
    }
    // From standard input, and `image save` / `image load`.
    let file = user.home.join("stdin.tar");
    user.run_ok(&["image", "save", "-o", &path_str(&file), "busybox"]);
    user.run_ok(&["rmi", "busybox"]);
    let bytes = std::fs::read(&file).unwrap();
    let out = user.run_stdin(&["image", "load", "-q"], &bytes).ok();
    assert_eq!(out, format!("Loaded image: {name}\n"));
    assert_eq!(image_id(user, "busybox"), id);
    // Saved by ID: untagged, and loaded untagged.
    let file = user.home.join("byid.tar");
    user.run_ok(&["save", "-o", &path_str(&file), &id[..12]]);
    user.run_ok(&["rmi", "busybox"]);
    let out = user.run_ok(&["load", "-i", &path_str(&file)]);
    assert_eq!(out, format!("Loaded image(s): sha256:{id}\n"));
}

#[test]
fn several_images_share_one_docker_archive() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    user.run_ok(&[
        "run",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        "echo two > /two",
    ]);
    let two = user.run_ok(&["commit", "-q", "c", "localhost/two:1"]);
    user.run_ok(&["rm", "c"]);
    let name = busybox_name(user);
    let id = image_id(user, "busybox");
    let file = user.home.join("multi.tar");
    user.run_ok(&[
        "save",
        "-m",
        "-o",
        &path_str(&file),
        "busybox",
        "localhost/two:1",
    ]);
    let manifest: Value = serde_json::from_slice(
        &entries(&file)
            .into_iter()
            .find(|(n, _)| n == "manifest.json")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(manifest.as_array().unwrap().len(), 2, "{manifest}");
    // The shared busybox layer is in the archive once.
    let layers = entries(&file)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".tar") || n.ends_with(".tar.gz"))
        .count();
    assert_eq!(layers, 2);
    user.run_ok(&["rmi", "busybox", "localhost/two:1"]);
    let out = user.run_ok(&["load", "-i", &path_str(&file)]);
    assert_eq!(
        out,
        format!("Loaded image: {name}\nLoaded image: localhost/two:1\n")
    );
    assert_eq!(image_id(user, "busybox"), id);
    assert_eq!(image_id(user, "localhost/two:1"), two.trim());
    let ran = user.run_ok(&["run", "--rm", "localhost/two:1", "cat", "/two"]);
    assert_eq!(ran, "two\n");
    // A built image's layers are kept as trees, without blobs: saved from the trees again.
    let ctx = user.home.join("ctx");
    user.mkdirs(&ctx);
    user.write_file(
        ctx.join("Containerfile"),
        "FROM busybox\nRUN echo built > /built\n",
    );
    user.run_ok(&["build", "-q", "-t", "localhost/built", &path_str(&ctx)]);
    let built = image_id(user, "localhost/built");
    for format in ["docker-archive", "oci-archive"] {
        let file = user.home.join(format!("built-{format}.tar"));
        user.run_ok(&[
            "save",
            "--format",
            format,
            "-o",
            &path_str(&file),
            "localhost/built",
        ]);
        user.run_ok(&["rmi", "localhost/built"]);
        let out = user.run_ok(&["load", "-i", &path_str(&file)]);
        assert_eq!(out, "Loaded image: localhost/built:latest\n", "{format}");
        assert_eq!(image_id(user, "localhost/built"), built, "{format}");
        let ran = user.run_ok(&["run", "--rm", "localhost/built", "cat", "/built"]);
        assert_eq!(ran, "built\n", "{format}");
    }

    // Without -m, further arguments are names of the first image.
    let file = user.home.join("tags.tar");
    user.run_ok(&["save", "-o", &path_str(&file), "busybox", "extra:2"]);
    user.run_ok(&["rmi", "busybox"]);
    let out = user.run_ok(&["load", "-i", &path_str(&file)]);
    assert_eq!(
        out,
        format!("Loaded image: {name}\nLoaded image: localhost/extra:2\n")
    );
}

#[test]
fn compressed_archives_load() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let id = image_id(user, "busybox");
    let file = user.home.join("plain.tar");
    user.run_ok(&["save", "-o", &path_str(&file), "busybox"]);
    let plain = std::fs::read(&file).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    let gz = gz.finish().unwrap();
    let zst = zstd::encode_all(&plain[..], 3).unwrap();
    for (what, bytes) in [("gzip", gz), ("zstd", zst)] {
        user.run_ok(&["rmi", "-a"]);
        let path = user.write_file(user.home.join(format!("a.{what}")), &bytes);
        user.run_ok(&["load", "-i", &path_str(&path)]);
        assert_eq!(image_id(user, "busybox"), id, "{what}");
        user.run_ok(&["run", "--rm", "busybox", "true"]);
    }
}

/// Everything the store records, to compare before and after a refused load.
fn snapshot(user: &TestUser) -> (Option<Vec<u8>>, std::collections::BTreeSet<String>) {
    let view = StoreView::of(user);
    (view.images_json_bytes(), view.layer_entries())
}

fn refused(env: &TestEnv, path: &Path, want: &str) {
    let user = env.user();
    let before = snapshot(user);
    let out = user.run(&["load", "-i", &path_str(path)]);
    let line = out.error_125();
    assert!(line.contains(want), "{want:?} not in {line:?}");
    assert_eq!(snapshot(user), before, "the refused load changed the store");
    let tmp: Vec<_> = std::fs::read_dir(user.storage().join("blobs/.tmp"))
        .unwrap()
        .collect();
    assert!(tmp.is_empty(), "temp files left: {tmp:?}");
}

#[test]
fn damaged_and_hostile_archives_are_refused_whole() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let file = user.home.join("good.tar");
    user.run_ok(&["save", "-o", &path_str(&file), "busybox"]);
    // The pulled layer is in it as its gzip blob, named by its digest.
    let gz = entries(&file);
    let (name, _) = gz
        .iter()
        .find(|(n, d)| n.ends_with(".tar.gz") && *n == format!("{}.tar.gz", sha256_hex(d)))
        .unwrap_or_else(|| panic!("no gzip layer named by its digest in {file:?}"));
    // A gzip layer that does not decode, or decodes to another diff ID: refused whole.
    for (what, want) in [("cut", "layer sha256:"), ("other", "diff ID")] {
        let mut bad = gz.clone();
        for (n, data) in &mut bad {
            if n == name {
                *data = match what {
                    "cut" => data[..data.len() / 2].to_vec(),
                    _ => {
                        let mut e =
                            flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                        e.write_all(&[0u8; 10240]).unwrap();
                        e.finish().unwrap()
                    }
                };
            }
        }
        let path = user.home.join(format!("gz-{what}.tar"));
        write_tar(user, &path, &bad);
        user.run_ok(&["rmi", "-a"]);
        refused(&env, &path, want);
    }
    // The layers as plain tars, which the cases below take apart.
    user.run_ok(&["pull", "-q", "busybox"]);
    user.run_ok(&["save", "--uncompressed", "-o", &path_str(&file), "busybox"]);
    user.run_ok(&["rmi", "-a"]);
    let good = entries(&file);
    assert!(
        good.iter().all(|(n, _)| !n.ends_with(".gz")),
        "--uncompressed"
    );

    // Truncated in the middle of the layer.
    let bytes = std::fs::read(&file).unwrap();
    let cut = user.write_file(user.home.join("cut.tar"), &bytes[..bytes.len() / 2]);
    refused(&env, &cut, "invalid archive");
    // Not an archive at all: said in the words Podman users look for.
    let text = user.write_file(user.home.join("text.tar"), "not an image\n");
    refused(
        &env,
        &text,
        "payload does not match any of the supported image formats: ",
    );

    // A layer whose content is not what the config's diff ID says.
    let mut bad = good.clone();
    for (name, data) in &mut bad {
        if name.ends_with(".tar") {
            let mut ar = tar::Archive::new(&data[..]);
            let mut b = tar::Builder::new(Vec::new());
            for e in ar.entries().unwrap() {
                let mut e = e.unwrap();
                let mut h = e.header().clone();
                let mut d = Vec::new();
                e.read_to_end(&mut d).unwrap();
                if d == b"busybox-binary-placeholder" || h.entry_type().is_file() && !d.is_empty() {
                    d.iter_mut().for_each(|b| *b = b'X');
                }
                h.set_cksum();
                b.append(&h, &d[..]).unwrap();
            }
            *data = b.into_inner().unwrap();
        }
    }
    let path = user.home.join("wrong-digest.tar");
    write_tar(user, &path, &bad);
    refused(&env, &path, "diff ID");

    // A manifest naming a layer outside the archive.
    let mut escape = good.clone();
    for (name, data) in &mut escape {
        if name == "manifest.json" {
            let mut m: Value = serde_json::from_slice(data).unwrap();
            m[0]["Layers"][0] = Value::String("../../etc/passwd".into());
            *data = serde_json::to_vec(&m).unwrap();
        }
    }
    let path = user.home.join("escape.tar");
    write_tar(user, &path, &escape);
    refused(&env, &path, "outside the archive");

    // A config that is not what its name says.
    let mut config = good.clone();
    for (name, data) in &mut config {
        if name.ends_with(".json") && name != "manifest.json" {
            let mut c: Value = serde_json::from_slice(data).unwrap();
            c["config"]["Cmd"] = serde_json::json!(["evil"]);
            *data = serde_json::to_vec(&c).unwrap();
        }
    }
    let path = user.home.join("config.tar");
    write_tar(user, &path, &config);
    refused(&env, &path, "hashes to");

    // An oci-archive whose layer blob is not what its name says.
    let oci = user.home.join("good-oci.tar");
    user.run_ok(&["pull", "-q", "busybox"]);
    user.run_ok(&[
        "save",
        "--format",
        "oci-archive",
        "-o",
        &path_str(&oci),
        "busybox",
    ]);
    user.run_ok(&["rmi", "-a"]);
    let mut blob = entries(&oci);
    let config = archive_config_digest(&oci);
    for (name, data) in &mut blob {
        if name.starts_with("blobs/sha256/") && data.len() > 1000 && !name.ends_with(&config) {
            let last = data.len() - 100;
            data[last] ^= 0xff;
        }
    }
    let path = user.home.join("oci-blob.tar");
    write_tar(user, &path, &blob);
    refused(&env, &path, "hashes to");

    // An archive is never written to a terminal, nor read from one.
    user.run_ok(&["pull", "-q", "busybox"]);
    for args in ["save busybox", "export nosuch", "load"] {
        let (code, out) = common::world::PtySession::start(&env, args).finish();
        assert_eq!(code, Some(125), "{args}: {out}");
        assert!(out.contains("terminal"), "{args}: {out}");
    }

    // An unknown format, an unknown image.
    let (code, err) = user.run_fail(&["save", "--format", "zip", "-o", "/dev/null", "x"]);
    assert_eq!(code, 125);
    assert!(
        err.contains("docker-archive, oci-archive, oci-dir, docker-dir"),
        "{err}"
    );
    let out = user.run(&["save", "-o", &path_str(&user.home.join("n.tar")), "nosuch"]);
    assert!(out.error_125().contains("nosuch"));
}

#[test]
fn oci_dir_and_docker_dir_are_written_as_folders() {
    let (env, _reg) = busybox_world();
    let user = env.user();
    let id = image_id(user, "busybox");
    let dir = user.home.join("ocidir");
    user.run_ok(&[
        "save",
        "--format",
        "oci-dir",
        "-o",
        &path_str(&dir),
        "busybox",
    ]);
    assert!(dir.join("oci-layout").is_file() && dir.join("index.json").is_file());
    assert!(dir.join("blobs/sha256").join(&id).is_file());
    let dir = user.home.join("dockerdir");
    user.run_ok(&[
        "save",
        "--format",
        "docker-dir",
        "--uncompressed",
        "-o",
        &path_str(&dir),
        "busybox",
    ]);
    let m: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.docker.image.rootfs.diff.tar"
    );
    assert!(dir.join(&id).is_file() && dir.join("version").is_file());

    // Layers loaded from an uncompressed docker-archive are stored uncompressed: --compress
    // gzips them on the way out, and the archive loads back as the same image; standard
    // output works too.
    let file = user.home.join("plain.tar");
    user.run_ok(&["save", "--uncompressed", "-o", &path_str(&file), "busybox"]);
    user.run_ok(&["rmi", "-a"]);
    user.run_ok(&["load", "-i", &path_str(&file)]);
    let oci = user.home.join("compressed.tar");
    let out = run_command(
        user.command(
            "/bin/sh",
            &[
                "-c",
                &format!(
                    "{} save --format oci-archive --compress busybox > {}",
                    common::bins().rcon.display(),
                    oci.display()
                ),
            ],
        ),
        None,
        Duration::from_secs(120),
    );
    assert_eq!(out.code, Some(0), "{out}");
    let files = entries(&oci);
    let idx: Value =
        serde_json::from_slice(&files.iter().find(|(n, _)| n == "index.json").unwrap().1).unwrap();
    let m = idx["manifests"][0]["digest"].as_str().unwrap()[7..].to_string();
    let manifest: Value = serde_json::from_slice(
        &files
            .iter()
            .find(|(n, _)| *n == format!("blobs/sha256/{m}"))
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(
        manifest["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip",
        "{manifest}"
    );
    user.run_ok(&["rmi", "-a"]);
    user.run_ok(&["load", "-i", &path_str(&oci)]);
    assert_eq!(image_id(user, "busybox"), id);
    user.run_ok(&["run", "--rm", "busybox", "true"]);
}

/// `podman` as the test user with its store in the test's home (runc: crun refuses this
/// host's hybrid cgroups; cgroupfs and file events: no user session).
fn podman(env: &TestEnv, args: &[&str]) -> common::Output {
    let dir = env.user().home.join("podman");
    let root = path_str(&dir.join("root"));
    let runroot = path_str(&dir.join("run"));
    let mut all = vec![
        "--runtime",
        "runc",
        "--root",
        &root,
        "--runroot",
        &runroot,
        "--cgroup-manager",
        "cgroupfs",
        "--events-backend",
        "file",
    ];
    all.extend(args);
    run_command(
        env.user().command(PODMAN, &all),
        None,
        Duration::from_secs(300),
    )
}

fn tool_missing(tool: &str) -> bool {
    if Path::new(tool).exists() {
        return false;
    }
    eprintln!("SKIPPED: {tool} is not installed");
    true
}

#[test]
fn archives_go_both_ways_between_rcon_and_podman_and_skopeo_reads_them() {
    if tool_missing(PODMAN) || tool_missing(SKOPEO) {
        return;
    }
    let (env, _reg) = busybox_world();
    let user = env.user();
    let id = image_id(user, "busybox");
    for format in ["docker-archive", "oci-archive"] {
        let file = user.home.join(format!("rcon-{format}.tar"));
        user.run_ok(&[
            "save",
            "--format",
            format,
            "-o",
            &path_str(&file),
            "busybox",
        ]);
        let inspected = run_command(
            user.command(
                SKOPEO,
                &["inspect", &format!("{format}:{}", file.display())],
            ),
            None,
            Duration::from_secs(120),
        )
        .ok();
        let v: Value = serde_json::from_str(&inspected).unwrap();
        assert_eq!(v["Layers"].as_array().unwrap().len(), 1, "{inspected}");
        let out = podman(&env, &["load", "-i", &path_str(&file)]).ok();
        assert!(out.contains("Loaded image"), "{out}");
        let ids = podman(&env, &["images", "--no-trunc", "--format", "{{.ID}}"]).ok();
        assert!(ids.contains(&id), "podman has {ids}, rcon saved {id}");
        let ran = podman(&env, &["run", "--rm", &id, "echo", "from-podman"]).ok();
        assert_eq!(ran, "from-podman\n");
        podman(&env, &["rmi", "-af"]).ok();
    }
    // Several images in one docker-archive: podman loads every one under its name.
    user.run_ok(&[
        "run",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        "echo two > /two",
    ]);
    user.run_ok(&["commit", "-q", "c", "localhost/two:1"]);
    user.run_ok(&["rm", "c"]);
    let multi = user.home.join("multi.tar");
    user.run_ok(&[
        "save",
        "-m",
        "-o",
        &path_str(&multi),
        "busybox",
        "localhost/two:1",
    ]);
    let out = podman(&env, &["load", "-i", &path_str(&multi)]).ok();
    assert!(out.contains("localhost/two:1"), "{out}");
    let ran = podman(&env, &["run", "--rm", "localhost/two:1", "cat", "/two"]).ok();
    assert_eq!(ran, "two\n");
    podman(&env, &["rmi", "-af"]).ok();

    // And back: podman saves what rcon saved, rcon loads it.
    let file = user.home.join("seed.tar");
    user.run_ok(&["save", "-o", &path_str(&file), "busybox"]);
    let loaded = podman(&env, &["load", "-i", &path_str(&file)]).ok();
    let podman_name = loaded
        .lines()
        .find_map(|l| l.strip_prefix("Loaded image: "))
        .unwrap_or_else(|| panic!("podman load said {loaded}"))
        .trim()
        .to_string();
    for format in ["docker-archive", "oci-archive"] {
        let out_file = user.home.join(format!("podman-{format}.tar"));
        podman(
            &env,
            &[
                "save",
                "--format",
                format,
                "-o",
                &path_str(&out_file),
                &podman_name,
            ],
        )
        .ok();
        user.run_ok(&["rmi", "-a"]);
        let out = user.run_ok(&["load", "-i", &path_str(&out_file)]);
        assert!(out.starts_with("Loaded image: "), "{out}");
        // Podman converts the config to the format's own kind (a new ID): the archive says.
        let want = archive_config_digest(&out_file);
        assert_eq!(image_id(user, &want[..12]), want, "{format}: {out}");
        let ran = user.run_ok(&["run", "--rm", &want[..12], "echo", "ok"]);
        assert_eq!(ran, "ok\n");
    }
}

/// The digest (hex) of the (first) image config an archive holds, checked against its name.
fn archive_config_digest(path: &Path) -> String {
    let files = entries(path);
    let get = |name: &str| -> Vec<u8> {
        files
            .iter()
            .find(|(n, _)| n.trim_start_matches("./") == name)
            .unwrap_or_else(|| panic!("no {name} in the archive"))
            .1
            .clone()
    };
    let config_name = if files.iter().any(|(n, _)| n.ends_with("manifest.json")) {
        let m: Value = serde_json::from_slice(&get("manifest.json")).unwrap();
        m[0]["Config"].as_str().unwrap().to_string()
    } else {
        let idx: Value = serde_json::from_slice(&get("index.json")).unwrap();
        let d = idx["manifests"][0]["digest"].as_str().unwrap();
        let m: Value = serde_json::from_slice(&get(&format!("blobs/sha256/{}", &d[7..]))).unwrap();
        let c = m["config"]["digest"].as_str().unwrap();
        format!("blobs/sha256/{}", &c[7..])
    };
    let digest = sha256_hex(&get(&config_name));
    assert!(
        config_name.contains(&digest),
        "{config_name} is not {digest}"
    );
    digest
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Serves `body` once over HTTP on loopback; returns its URL.
fn serve_once(body: Vec<u8>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rootfs.tar", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap() == 1 {
            head.push(byte[0]);
        }
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        conn.write_all(reply.as_bytes()).unwrap();
        conn.write_all(&body).unwrap();
    });
    url
}

/// Owner and content of each file of a tar, by name without a leading `./`.
fn tar_files(path: &Path) -> BTreeMap<String, (u64, u64, Vec<u8>)> {
    read_tar(path)
        .into_iter()
        .map(|(h, n, d)| {
            (
                n.trim_start_matches("./").trim_end_matches('/').to_string(),
                (h.uid().unwrap(), h.gid().unwrap(), d),
            )
        })
        .collect()
}

fn export_and_import(user: &TestUser, running: bool, owned: bool) {
    let script = if owned {
        "echo new > /srv-new; echo owned > /owned; chown 1000:1000 /owned; rm /bin/true; \
         echo secret > /data/secret"
    } else {
        "echo new > /srv-new; rm /bin/true; echo secret > /data/secret"
    };
    let tail = if running { "; sleep 1000" } else { "" };
    let ctr = format!("exp-{running}");
    user.run_ok(&[
        "run",
        "-d",
        "--name",
        &ctr,
        "-v",
        &format!("vol-{running}:/data"),
        "busybox",
        "sh",
        "-c",
        &format!("{script}{tail}"),
    ]);
    if running {
        common::world::eventually(30, "the changes", || {
            user.run(&["exec", &ctr, "test", "-e", "/srv-new"]).code == Some(0)
        });
    } else {
        user.run_ok(&["wait", &ctr]);
    }
    let file = user.home.join(format!("{ctr}.tar"));
    user.run_ok(&["export", "-o", &path_str(&file), &ctr]);
    let files = tar_files(&file);
    assert_eq!(files["srv-new"].2, b"new\n");
    assert!(
        !files.contains_key("bin/true"),
        "a removed file was exported"
    );
    assert!(!files.contains_key("proc/self"), "/proc was exported");
    assert!(!files.contains_key("data/secret"), "a volume was exported");
    if owned {
        assert_eq!((files["owned"].0, files["owned"].1), (1000, 1000));
    }
    let tag = format!("localhost/imported-{running}:1");
    let id = user.run_ok(&[
        "import",
        "--change",
        "CMD=cat /srv-new",
        "-m",
        "from export",
        &path_str(&file),
        &tag,
    ]);
    assert_eq!(id.trim().len(), 64, "{id}");
    let ran = user.run_ok(&["run", "--rm", &tag]);
    assert_eq!(ran, "new\n");
    if owned {
        let st = user.run_ok(&["run", "--rm", &tag, "stat", "-c", "%u:%g", "/owned"]);
        assert_eq!(st, "1000:1000\n");
    }
    user.run_ok(&["rm", "-f", &ctr]);
}

#[test]
fn a_container_exported_and_imported_runs_with_its_changes() {
    let (env, _reg) = busybox_world();
    export_and_import(env.user(), false, true);
    export_and_import(env.user(), true, true);
    // A user with one id: owners live in the store's xattrs and come out as the container
    // sees them.
    env.single().run_ok(&["pull", "-q", "busybox"]);
    export_and_import(env.single(), false, false);
    export_and_import(env.single(), true, false);
    // `container export` to stdout, `image import` from stdin.
    let user = env.user();
    user.run_ok(&["create", "--name", "plain", "busybox"]);
    let out = run_command(
        user.command(
            "/bin/sh",
            &[
                "-c",
                &format!(
                    "{rcon} container export plain | {rcon} image import - localhost/piped",
                    rcon = common::bins().rcon.display()
                ),
            ],
        ),
        None,
        Duration::from_secs(120),
    )
    .ok();
    assert_eq!(out.trim().len(), 64, "{out}");
    user.run_ok(&["run", "--rm", "localhost/piped", "true"]);
    // From a URL.
    let tar = std::fs::read(user.home.join("exp-false.tar")).unwrap();
    let url = serve_once(tar);
    let id = user.run_ok(&[
        "import",
        "-c",
        "CMD [\"cat\", \"/srv-new\"]",
        &url,
        "localhost/url",
    ]);
    assert_eq!(id.trim().len(), 64, "{id}");
    assert_eq!(user.run_ok(&["run", "--rm", "localhost/url"]), "new\n");
    let (code, err) = user.run_fail(&["export", "-o", "/dev/null", "nosuch"]);
    assert_eq!(code, 125);
    assert!(err.contains("nosuch"), "{err}");
}
