//! `rcon pull` driven through the real binary as the test user against a real registry: name
//! resolution, compression, manifest flavours, platforms, layer content on disk, TLS, token
//! auth, interrupted and concurrent pulls, single-uid mode. The harness's own self-tests come
//! first (`harness_*`): if they fail, nothing else here means anything.
mod common;

use common::image::{self, Compression, Format, ImageSpec, LayerBuilder};
use common::store::{chain_ids, StoreView};
use common::{registries_conf, Registry, TestEnv};
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::PathBuf;

// ---- the harness itself ----

#[test]
fn harness_registry_serves_pushed_manifest_and_blobs() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .build();
    let digest = reg.push("library/busybox:latest", &img);
    assert_eq!(digest, img.manifest_digest);
    let (ctype, body) = reg.client().get_manifest("library/busybox", "latest");
    assert_eq!(ctype, image::OCI_MANIFEST);
    assert_eq!(body, img.manifest);
    assert_eq!(
        reg.client().get_blob("library/busybox", &img.config_digest),
        img.config
    );
    assert_eq!(
        reg.client()
            .get_blob("library/busybox", &img.layers[0].digest),
        img.layers[0].blob
    );
    assert!(
        reg.blob_data_path(&img.config_digest).exists(),
        "blob_data_path must point into the registry's storage"
    );
}

#[test]
fn harness_pushes_docker_manifests_and_indexes() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let index = image::two_platform_index(Format::Docker);
    let digest = reg.push_index("multi:latest", &index);
    let (ctype, body) = reg.client().get_manifest("multi", "latest");
    assert_eq!(
        (ctype.as_str(), digest.as_str()),
        (image::DOCKER_LIST, index.digest.as_str())
    );
    assert_eq!(body, index.bytes);
    let arm = index.image("arm64");
    let (ctype, body) = reg.client().get_manifest("multi", &arm.manifest_digest);
    assert_eq!(
        (ctype.as_str(), body),
        (image::DOCKER_MANIFEST, arm.manifest.clone())
    );
}

#[test]
fn harness_tls_registry_is_reachable_with_its_ca_only() {
    let env = TestEnv::new();
    let reg = Registry::start_tls(&env);
    let img = ImageSpec::oci()
        .layer(
            LayerBuilder::new()
                .file("hello", b"hi", 0o644, 0, 0)
                .build(Compression::None),
        )
        .build();
    reg.push("tls/hello:1", &img);
    assert_eq!(reg.client().get_manifest("tls/hello", "1").1, img.manifest);
    let ca = env
        .user()
        .config_home
        .join(format!("containers/certs.d/{}/ca.crt", reg.host()));
    assert!(
        ca.exists(),
        "the CA must be installed for the test user at {}",
        ca.display()
    );
    let untrusted = common::push::Client::new(&format!("https://{}", reg.host()), None, None);
    let agent_result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        untrusted.request("GET", "/v2/", &[], None, "")
    }));
    assert!(
        agent_result.is_err(),
        "a client without the CA must fail the TLS handshake"
    );
}

#[test]
fn harness_token_registry_grants_only_the_right_credentials() {
    let env = TestEnv::new();
    let reg = Registry::start_token_auth(&env, "alice", "s3cret");
    let img = ImageSpec::oci()
        .layer(
            LayerBuilder::new()
                .file("hello", b"hi", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .build();
    reg.push("private/hello:1", &img);
    assert_eq!(
        reg.client().get_manifest("private/hello", "1").1,
        img.manifest
    );
    let base = format!("http://{}", reg.host());
    let anonymous = common::push::Client::new(&base, None, None);
    let r = anonymous.request(
        "GET",
        "/v2/private/hello/manifests/1",
        &[],
        None,
        "repository:private/hello:pull",
    );
    assert_eq!(r.status, 401, "anonymous pull must be refused");
    let wrong = common::push::Client::new(&base, None, Some(("alice".into(), "nope".into())));
    let r = wrong.request(
        "GET",
        "/v2/private/hello/manifests/1",
        &[],
        None,
        "repository:private/hello:pull",
    );
    assert_eq!(r.status, 401, "wrong password must be refused");
}

#[test]
fn harness_runs_rcon_as_the_unprivileged_test_user() {
    let env = TestEnv::new();
    let bins = common::bins();
    assert!(bins.rcon.exists() && bins.idmap.exists());
    if common::harness_is_root() {
        let out = std::process::Command::new("getcap")
            .arg(&bins.idmap)
            .output()
            .unwrap();
        let caps = String::from_utf8_lossy(&out.stdout);
        assert!(
            caps.contains("cap_setgid,cap_setuid") || caps.contains("cap_setuid,cap_setgid"),
            "rcon-idmap caps: {caps}"
        );
        assert_ne!(env.user().uid, 0);
        assert_eq!(env.user().subuid_base(), Some(100000));
        assert_eq!(
            env.single().subuid_base(),
            None,
            "rconsingle must have no subordinate ids"
        );
    }
    // The same switch the harness uses for rcon, with tools whose output we know.
    let out = common::run_command(
        env.user().command("/usr/bin/id", &["-u"]),
        None,
        common::DEFAULT_TIMEOUT,
    );
    assert_eq!(out.ok().trim(), env.user().uid.to_string());
    let out = common::run_command(
        env.user().command("/usr/bin/env", &[] as &[&str]),
        None,
        common::DEFAULT_TIMEOUT,
    )
    .ok();
    assert!(
        out.contains(&format!(
            "XDG_RUNTIME_DIR={}",
            env.user().runtime_dir.display()
        )),
        "{out}"
    );
    assert!(
        !out.contains("CARGO"),
        "the harness's environment leaked into rcon's: {out}"
    );
    let out = common::run_command(
        env.user()
            .command("/usr/bin/test", &["-x", bins.rcon.to_str().unwrap()]),
        None,
        common::DEFAULT_TIMEOUT,
    );
    assert_eq!(
        out.code,
        Some(0),
        "the test user cannot execute the copied rcon: {out}"
    );
    let meta = fs::metadata(&env.user().runtime_dir).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o777), (env.user().uid, 0o700));
}

#[test]
fn harness_layers_carry_whiteouts_links_and_owners() {
    let tar = LayerBuilder::new()
        .dir("d", 0o755, 1000, 1000)
        .file("d/f", b"x", 0o4755, 1000, 65534)
        .hardlink("d/h", "d/f")
        .symlink("d/s", "../etc/passwd")
        .whiteout("d", "gone")
        .opaque("o")
        .raw(b"../escape", tar::EntryType::Regular, None, b"evil")
        .finish();
    let mut a = tar::Archive::new(&tar[..]);
    let entries: Vec<(String, u64, u32)> = a
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let path = String::from_utf8_lossy(&e.path_bytes()).into_owned();
            (path, e.header().uid().unwrap(), e.header().mode().unwrap())
        })
        .collect();
    assert!(entries.contains(&("d/f".into(), 1000, 0o4755)));
    assert!(entries.iter().any(|(p, _, _)| p == "d/.wh.gone"));
    assert!(entries.iter().any(|(p, _, _)| p == "o/.wh..wh..opq"));
    assert!(entries.iter().any(|(p, _, _)| p == "../escape"));
    assert_eq!(
        chain_ids(&["sha256:a".into()]),
        vec!["sha256:a".to_string()]
    );
}

// ---- helpers ----

/// Pushes a busybox image as `library/busybox:latest` and points docker.io at the registry.
fn busybox_via_mirror(
    env: &TestEnv,
    reg: &Registry,
    format: Format,
    extra: Vec<image::Layer>,
) -> image::Image {
    let mut spec = ImageSpec::new(format).layer(image::busybox_layer(Compression::Gzip));
    for layer in extra {
        spec = spec.layer(layer);
    }
    let img = spec.build();
    reg.push("library/busybox:latest", &img);
    env.write_registries_conf(reg);
    img
}

/// A registry that wants alice's password (token auth), holding `private/app:1`, which
/// registries.conf makes reachable. Returns the registry, the image and its full name.
fn private_app(env: &TestEnv) -> (Registry, image::Image, String) {
    let reg = Registry::start_token_auth(env, "alice", "s3cret");
    let img = ImageSpec::oci()
        .layer(
            LayerBuilder::new()
                .file("f", b"x", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .build();
    reg.push("private/app:1", &img);
    env.write_registries_conf(&reg);
    let name = reg.reference("private/app:1");
    (reg, img, name)
}

/// The `rcon image inspect` record of `name`.
fn inspect(env: &TestEnv, name: &str) -> serde_json::Value {
    let out = env.run_ok(&["image", "inspect", name]);
    let v: serde_json::Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("inspect output is not JSON ({e}): {out}"));
    v.as_array()
        .and_then(|a| a.first())
        .cloned()
        .unwrap_or_else(|| panic!("inspect must print a JSON array: {out}"))
}

/// Reads an extended attribute without following symlinks.
#[allow(unsafe_code)]
fn xattr(path: &std::path::Path, name: &str) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    let mut buf = vec![0u8; 256];
    // SAFETY: both strings are NUL-terminated and live across the call; buf is valid for
    // buf.len() bytes and the kernel writes at most that many.
    let r = unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if r < 0 {
        return None;
    }
    buf.truncate(r as usize);
    Some(buf)
}

// ---- names, digests, tags ----

#[test]
fn pull_short_name_resolves_through_docker_io_mirror() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = busybox_via_mirror(&env, &reg, Format::Oci, vec![]);
    let out = env.run_ok(&["pull", "-q", "busybox"]);
    assert_eq!(
        out.trim(),
        img.id(),
        "pull -q prints the image ID on stdout"
    );
    env.run_ok(&["image", "exists", "busybox"]);
    env.run_ok(&["image", "exists", "docker.io/library/busybox:latest"]);
    StoreView::of(env.user()).assert_consistent();
}

#[test]
fn pull_by_digest_records_the_repo_digest() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .build();
    let digest = reg.push("app/tool:1.0", &img);
    let reference = format!("{}@{digest}", reg.reference("app/tool"));
    let out = env.run_ok(&["pull", "-q", "--tls-verify=false", &reference]);
    assert_eq!(out.trim(), img.id());
    let info = inspect(&env, &reference);
    assert_eq!(info["Digest"], digest.as_str());
    let repo_digests = info["RepoDigests"].to_string();
    assert!(
        repo_digests.contains(&reference),
        "RepoDigests {repo_digests} must hold {reference}"
    );
}

#[test]
fn pull_by_tag_from_the_registry_address() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .label("org.test", "yes")
        .build();
    reg.push("app/tool:2.0", &img);
    let name = reg.reference("app/tool:2.0");
    env.run_ok(&["pull", "-q", "--tls-verify=false", &name]);
    let info = inspect(&env, &name);
    assert_eq!(
        info["Id"].as_str().unwrap().trim_start_matches("sha256:"),
        img.id()
    );
    assert!(
        info["RepoTags"].to_string().contains(&name),
        "RepoTags: {}",
        info["RepoTags"]
    );
    assert_eq!(info["Architecture"], "amd64");
    assert_eq!(info["Os"], "linux");
    assert_eq!(info["Labels"]["org.test"], "yes");
}

#[test]
fn pull_unpacks_gzip_zstd_and_uncompressed_layers() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let l1 = image::busybox_layer(Compression::None);
    let l2 = LayerBuilder::new()
        .file("zstd.txt", b"zstd layer\n", 0o644, 0, 0)
        .build(Compression::Zstd);
    let l3 = LayerBuilder::new()
        .file("gzip.txt", b"gzip layer\n", 0o644, 0, 0)
        .build(Compression::Gzip);
    let diff_ids: Vec<String> = [&l1, &l2, &l3].iter().map(|l| l.diff_id.clone()).collect();
    let img = ImageSpec::oci().layer(l1).layer(l2).layer(l3).build();
    reg.push("mixed:latest", &img);
    env.run_ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        &reg.reference("mixed:latest"),
    ]);
    let store = StoreView::of(env.user());
    let chain = chain_ids(&diff_ids);
    assert!(store.layer_diff(&chain[0]).join("bin/busybox").is_file());
    assert_eq!(
        fs::read(store.layer_diff(&chain[1]).join("zstd.txt")).unwrap(),
        b"zstd layer\n"
    );
    assert_eq!(
        fs::read(store.layer_diff(&chain[2]).join("gzip.txt")).unwrap(),
        b"gzip layer\n"
    );
    store.assert_consistent();
}

#[test]
fn pull_docker_schema2_manifest() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = busybox_via_mirror(&env, &reg, Format::Docker, vec![]);
    assert_eq!(img.media_type, image::DOCKER_MANIFEST);
    let out = env.run_ok(&["pull", "-q", "busybox"]);
    assert_eq!(out.trim(), img.id());
}

#[test]
fn pull_platform_arm64_from_a_two_platform_index() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let index = image::two_platform_index(Format::Oci);
    reg.push_index("multi:latest", &index);
    let name = reg.reference("multi:latest");
    let out = env.run_ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--platform",
        "linux/arm64",
        &name,
    ]);
    let arm = index.image("arm64");
    assert_eq!(out.trim(), arm.id());
    assert_eq!(inspect(&env, &name)["Architecture"], "arm64");
    let chain = chain_ids(
        &arm.layers
            .iter()
            .map(|l| l.diff_id.clone())
            .collect::<Vec<_>>(),
    );
    let marker = StoreView::of(env.user())
        .layer_diff(&chain[1])
        .join("etc/arch");
    assert_eq!(fs::read(marker).unwrap(), b"arm64");
}

#[test]
fn pull_index_defaults_to_linux_amd64() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let index = image::two_platform_index(Format::Docker);
    reg.push_index("multi:latest", &index);
    let out = env.run_ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        &reg.reference("multi:latest"),
    ]);
    assert_eq!(out.trim(), index.image("amd64").id());
}

// ---- layer content on disk ----

#[test]
fn pulled_layers_keep_owners_modes_whiteouts_and_links() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let base = image::busybox_layer(Compression::Gzip);
    let top = LayerBuilder::new()
        .dir("data", 0o755, 1000, 1000)
        .file("data/user-file", b"u", 0o640, 1000, 1000)
        .file("data/nobody-file", b"n", 0o644, 65534, 65534)
        .file("data/suid", b"#!/bin/sh\n", 0o4755, 0, 0)
        .hardlink("data/suid-link", "data/suid")
        .symlink("data/passwd-link", "../etc/passwd")
        .symlink("data/abs-link", "/etc/group")
        .whiteout("etc", "group")
        .dir("home", 0o755, 0, 0)
        .opaque("home")
        .build(Compression::Gzip);
    let diff_ids = vec![base.diff_id.clone(), top.diff_id.clone()];
    let img = ImageSpec::oci().layer(base).layer(top).build();
    reg.push("content:latest", &img);
    env.run_ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        &reg.reference("content:latest"),
    ]);
    let store = StoreView::of(env.user());
    store.assert_consistent();
    let diff = store.layer_diff(&chain_ids(&diff_ids)[1]);
    let user = env.user();
    let meta = |p: &str| fs::symlink_metadata(diff.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert_eq!(
        (meta("data/user-file").uid(), meta("data/user-file").gid()),
        (user.host_uid(1000), user.host_gid(1000))
    );
    assert_eq!(meta("data/nobody-file").uid(), user.host_uid(65534));
    assert_eq!(
        meta("data/suid").uid(),
        user.uid,
        "root in the image is the user on the host"
    );
    assert_eq!(meta("data/suid").mode() & 0o7777, 0o4755, "setuid bit kept");
    assert_eq!(meta("data/user-file").mode() & 0o777, 0o640);
    assert_eq!(
        meta("data/suid").ino(),
        meta("data/suid-link").ino(),
        "hardlinks share an inode"
    );
    assert_eq!(
        fs::read_link(diff.join("data/passwd-link")).unwrap(),
        PathBuf::from("../etc/passwd")
    );
    assert_eq!(
        fs::read_link(diff.join("data/abs-link")).unwrap(),
        PathBuf::from("/etc/group")
    );
    let wh = meta("etc/group");
    assert!(
        wh.file_type().is_char_device() && wh.rdev() == 0,
        "a whiteout is a 0/0 character device"
    );
    assert!(
        !diff.join("etc/.wh.group").exists(),
        "the .wh. file itself is not unpacked"
    );
    assert_eq!(
        xattr(&diff.join("home"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert!(!diff.join("home/.wh..wh..opq").exists());
}

// ---- TLS and auth ----

#[test]
fn pull_from_tls_registry_trusts_the_certs_d_ca() {
    let env = TestEnv::new();
    let reg = Registry::start_tls(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .build();
    reg.push("secure/app:1", &img);
    let out = env.run_ok(&["pull", "-q", &reg.reference("secure/app:1")]);
    assert_eq!(out.trim(), img.id());
}

#[test]
fn pull_from_tls_registry_without_the_ca_fails() {
    let env = TestEnv::new();
    let reg = Registry::start_tls(&env);
    let img = ImageSpec::oci()
        .layer(
            LayerBuilder::new()
                .file("f", b"x", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .build();
    reg.push("secure/app:1", &img);
    fs::remove_dir_all(env.user().config_home.join("containers/certs.d")).unwrap();
    let out = env.run(&["pull", "-q", &reg.reference("secure/app:1")]);
    let line = out.error_125();
    assert!(
        line.contains(reg.host()),
        "the error must name the registry: {line}"
    );
    // Podman's words first, as scripts look for them.
    assert!(
        line.starts_with(&format!(
            "Error: initializing source docker://{}: ",
            reg.reference("secure/app:1")
        )),
        "{line}"
    );
    StoreView::of(env.user()).assert_empty_of_layers();
}

#[test]
fn pull_private_image_with_creds_succeeds_and_without_fails() {
    let env = TestEnv::new();
    let reg = Registry::start_token_auth(&env, "alice", "s3cret");
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .build();
    reg.push("private/app:1", &img);
    let name = reg.reference("private/app:1");
    let out = env.run(&["pull", "-q", "--tls-verify=false", &name]);
    out.error_125();
    let out = env.run(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--creds",
        "alice:wrong",
        &name,
    ]);
    out.error_125();
    StoreView::of(env.user()).assert_empty_of_layers();
    let out = env.run_ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--creds",
        "alice:s3cret",
        &name,
    ]);
    assert_eq!(out.trim(), img.id());
}

#[test]
fn login_stores_credentials_for_later_pulls_and_logout_forgets_them() {
    let env = TestEnv::new();
    let (reg, img, name) = private_app(&env);
    let out = env.run_stdin(
        &[
            "login",
            "-u",
            "alice",
            "--password-stdin",
            "--tls-verify=false",
            reg.host(),
        ],
        b"wrong\n",
    );
    out.error_125();
    env.run_stdin(
        &[
            "login",
            "-u",
            "alice",
            "--password-stdin",
            "--tls-verify=false",
            reg.host(),
        ],
        b"s3cret\n",
    )
    .ok();
    assert_eq!(env.run_ok(&["pull", "-q", &name]).trim(), img.id());
    env.run_ok(&["rmi", "-f", &name]);
    env.run_ok(&["logout", reg.host()]);
    env.run(&["pull", "-q", &name]).error_125();
}

// ---- interruption and concurrency ----

#[test]
fn pull_killed_midway_then_repeated_is_complete() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(image::big_layer(24 << 20, 7))
        .build();
    reg.push("big:latest", &img);
    let name = reg.reference("big:latest");
    let store = StoreView::of(env.user());
    // Kill points spread over the pull; a pseudo-random jitter per run varies them across runs.
    let jitter = (common::nanos() % 40) as u64;
    for delay_ms in [5u64, 30, 80, 150, 300, 600] {
        let mut child = env
            .rcon(&["pull", "-q", "--tls-verify=false", &name])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms + jitter));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        store.assert_consistent();
    }
    let out = env.run_ok(&["pull", "-q", "--tls-verify=false", &name]);
    assert_eq!(out.trim(), img.id());
    store.assert_consistent();
    let chain = chain_ids(
        &img.layers
            .iter()
            .map(|l| l.diff_id.clone())
            .collect::<Vec<_>>(),
    );
    let data = fs::read(store.layer_diff(&chain[1]).join("data/blob.bin")).unwrap();
    assert_eq!(
        data.len(),
        24 << 20,
        "the big file is complete after the repeated pull"
    );
    env.run_ok(&["image", "exists", &name]);
}

#[test]
fn two_concurrent_pulls_of_the_same_image_both_succeed() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(image::big_layer(8 << 20, 3))
        .build();
    reg.push("same:latest", &img);
    let name = reg.reference("same:latest");
    let a = env.rcon(&["pull", "-q", "--tls-verify=false", &name]);
    let b = env.rcon(&["pull", "-q", "--tls-verify=false", &name]);
    let ta = std::thread::spawn(move || common::run_command(a, None, common::DEFAULT_TIMEOUT));
    let tb = std::thread::spawn(move || common::run_command(b, None, common::DEFAULT_TIMEOUT));
    for out in [ta.join().unwrap(), tb.join().unwrap()] {
        assert_eq!(out.ok().trim(), img.id());
    }
    let store = StoreView::of(env.user());
    store.assert_consistent();
    assert_eq!(store.images().len(), 1, "one image record, not two");
}

// ---- single-uid mode ----

#[test]
fn single_uid_user_pulls_with_one_warning() {
    if !common::harness_is_root() {
        eprintln!("skipped: needs root to run as {}", common::SINGLE_USER);
        return;
    }
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let top = LayerBuilder::new()
        .file("owned-by-1000", b"x", 0o644, 1000, 1000)
        .build(Compression::Gzip);
    let img = busybox_via_mirror(&env, &reg, Format::Oci, vec![top]);
    let out = common::run_command(
        env.rcon_single(&["pull", "-q", "busybox"]),
        None,
        common::DEFAULT_TIMEOUT,
    );
    let stderr = out.stderr.clone();
    out.ok();
    let warnings = stderr
        .lines()
        .filter(|l| l.to_ascii_lowercase().contains("warn"))
        .count();
    assert_eq!(
        warnings, 1,
        "single-uid mode says so exactly once:\n{stderr}"
    );
    let store = StoreView::of(env.single());
    store.assert_consistent();
    let chain = chain_ids(
        &img.layers
            .iter()
            .map(|l| l.diff_id.clone())
            .collect::<Vec<_>>(),
    );
    let meta = fs::symlink_metadata(store.layer_diff(&chain[1]).join("owned-by-1000")).unwrap();
    assert_eq!(
        meta.uid(),
        env.single().uid,
        "without subordinate ids every file belongs to the user"
    );
}

#[test]
fn a_mirror_that_refuses_connections_is_passed_over_at_once() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    busybox_via_mirror(&env, &reg, Format::Oci, vec![]);
    // A loopback port nobody listens on: connections to it are refused.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("find a free loopback port");
    let conf = registries_conf(&reg, None).replacen(
        "[[registry.mirror]]",
        &format!(
            "[[registry.mirror]]\nlocation = \"{dead}\"\ninsecure = true\n\n[[registry.mirror]]"
        ),
        1,
    );
    env.user().write_file(
        env.user().config_home.join("containers/registries.conf"),
        conf,
    );
    let began = std::time::Instant::now();
    env.run_ok(&["pull", "-q", "busybox"]);
    // Retrying the dead mirror with the primary's backoff would sleep 3.75 s before moving on.
    let took = began.elapsed();
    assert!(
        took < std::time::Duration::from_millis(3750),
        "a refused mirror must be passed over without backoff, the pull took {took:?}"
    );
    env.run_ok(&["image", "exists", "busybox"]);
}

#[test]
fn credential_helpers_named_in_auth_json_are_asked() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let (reg, img, name) = private_app(&env);
    let user = env.user();
    let helper = user.write_file(
        user.home.join("bin/docker-credential-fake"),
        format!(
            "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread server\n\
             [ \"$server\" = \"{}\" ] || {{ echo 'credentials not found'; exit 1; }}\n\
             echo '{{\"ServerURL\":\"'$server'\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}}'\n",
            reg.host()
        ),
    );
    fs::set_permissions(&helper, fs::Permissions::from_mode(0o755)).unwrap();
    let auth = user.config_home.join("containers/auth.json");
    let pull = |helper: &str| {
        user.write_file(
            &auth,
            format!(r#"{{"credHelpers": {{"{}": "{helper}"}}}}"#, reg.host()),
        );
        let mut cmd = user.rcon(&["pull", "-q", &name]);
        cmd.env(
            "PATH",
            format!(
                "{}:/usr/sbin:/usr/bin:/sbin:/bin",
                user.home.join("bin").display()
            ),
        );
        common::run_command(cmd, None, common::DEFAULT_TIMEOUT)
    };
    assert_eq!(pull("fake").ok().trim(), img.id());
    env.run_ok(&["rmi", "-f", &name]);
    let err = pull("missing").error_125();
    assert!(
        err.contains("docker-credential-missing") && err.contains("auth.json"),
        "a missing helper must be named with the file naming it: {err}"
    );
}
