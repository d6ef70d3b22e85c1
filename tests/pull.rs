//! `rcon pull` driven through the real binary as the test user against a real registry: name
//! resolution, compression, manifest flavours, platforms, layer content on disk, TLS, token
//! auth, interrupted and concurrent pulls, single-uid mode. The harness's own self-tests come
//! first (`harness_*`): if they fail, nothing else here means anything.
mod common;

use common::image::{self, Compression, Format, ImageSpec, LayerBuilder};
use common::store::chain_ids;
use common::{Registry, TestEnv};
use std::fs;
use std::os::unix::fs::MetadataExt;

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
