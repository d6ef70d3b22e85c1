//! Hostile registries and images: every case must end in exit 125 with one `Error: ` line,
//! leave the store as it was (no layer, images.json unchanged) and write nothing outside it.
//! Content a real registry stores (any blob bytes, lying manifests and configs, corrupted
//! storage) comes from the real registry; bytes it refuses to store (invalid JSON, oversized or
//! schema1 manifests, a blob that ends early) come from [`common::fake::FakeRegistry`].
mod common;

use common::fake::FakeRegistry;
use common::image::{self, Compression, ImageSpec, Layer, LayerBuilder};
use common::store::{tree_listing, StoreView};
use common::{Registry, TestEnv};
use std::fs;
use std::path::PathBuf;

/// What must not change when a hostile pull is refused.
struct Before {
    images_json: Option<Vec<u8>>,
    home: std::collections::BTreeSet<PathBuf>,
}

fn snapshot(env: &TestEnv) -> Before {
    Before {
        images_json: StoreView::of(env.user()).images_json_bytes(),
        home: tree_listing(&env.user().home, &env.user().data_home.join("rcon")),
    }
}

/// Pulls `reference` and checks the refusal: exit 125, one error line, store and home unchanged.
fn assert_refused(env: &TestEnv, reference: &str) -> String {
    let before = snapshot(env);
    let out = env.run(&["pull", "-q", "--tls-verify=false", reference]);
    let line = out.error_125();
    let store = StoreView::of(env.user());
    // The busybox base below an evil layer verifies and may stay for the next pull to reuse.
    store.assert_no_layers_but(&[image::busybox_layer(Compression::Gzip).diff_id]);
    store.assert_consistent();
    assert_eq!(
        store.images_json_bytes(),
        before.images_json,
        "images.json changed"
    );
    let after = tree_listing(&env.user().home, &env.user().data_home.join("rcon"));
    let added: Vec<_> = after.difference(&before.home).collect();
    assert!(
        added.is_empty(),
        "a refused pull wrote outside the store: {added:?}"
    );
    line
}

/// Pushes busybox plus `evil` on top as `evil:latest`; returns the reference.
fn push_with_layer(reg: &Registry, evil: Layer) -> String {
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(evil)
        .build();
    reg.push("evil:latest", &img);
    reg.reference("evil:latest")
}

/// A path in /tmp the test user could write if rcon followed the hostile entry.
fn escape_target(tag: &str) -> PathBuf {
    PathBuf::from(format!("/tmp/rcon-escape-{tag}-{}", common::nanos()))
}

#[test]
fn layer_entry_with_parent_traversal_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let target = escape_target("dotdot");
    let raw = format!("../../../../../../../../../..{}", target.display());
    let evil = LayerBuilder::new()
        .raw(raw.as_bytes(), tar::EntryType::Regular, None, b"pwned")
        .build(Compression::Gzip);
    assert_refused(&env, &push_with_layer(&reg, evil));
    assert!(
        !target.exists(),
        "rcon wrote {} through ../",
        target.display()
    );
}

#[test]
fn layer_entry_below_a_symlinked_parent_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let target = escape_target("symlink");
    fs::create_dir(&target).unwrap();
    std::os::unix::fs::chown(&target, Some(env.user().uid), Some(env.user().gid)).unwrap();
    let evil = LayerBuilder::new()
        .symlink("evil", target.to_str().unwrap())
        .file("evil/pwned", b"pwned", 0o644, 0, 0)
        .build(Compression::Gzip);
    let reference = push_with_layer(&reg, evil);
    let out = env.run(&["pull", "-q", "--tls-verify=false", &reference]);
    let leaked = fs::read_dir(&target).unwrap().count();
    let _ = fs::remove_dir_all(&target);
    assert_eq!(
        leaked,
        0,
        "rcon wrote through a symlinked parent into {}",
        target.display()
    );
    out.error_125();
    StoreView::of(env.user()).assert_empty_of_layers();
}

#[test]
fn layer_hardlink_out_of_the_layer_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let evil = LayerBuilder::new()
        .raw(
            b"stolen",
            tar::EntryType::Link,
            Some(b"../../../../../../../../../../etc/passwd"),
            b"",
        )
        .build(Compression::Gzip);
    assert_refused(&env, &push_with_layer(&reg, evil));
}

#[test]
fn layer_that_is_not_a_tar_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let evil = Layer::from_tar(
        b"this is not a tar archive, not even close".repeat(40),
        Compression::Gzip,
    );
    assert_refused(&env, &push_with_layer(&reg, evil));
}

#[test]
fn blob_whose_content_does_not_match_its_digest_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let layer = LayerBuilder::new()
        .file("f", &[7u8; 4096], 0o644, 0, 0)
        .build(Compression::Gzip);
    let digest = layer.digest.clone();
    let reference = push_with_layer(&reg, layer.clone());
    let path = reg.blob_data_path(&digest);
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    fs::write(&path, &bytes).unwrap();
    let line = assert_refused(&env, &reference);
    assert!(
        line.contains(digest.trim_start_matches("sha256:").get(..12).unwrap()),
        "the error names the digest: {line}"
    );
}

#[test]
fn blob_that_ends_early_is_refused() {
    let env = TestEnv::new();
    let fake = FakeRegistry::start();
    let layer = LayerBuilder::new()
        .file("f", &[1u8; 65536], 0o644, 0, 0)
        .build(Compression::None);
    let img = ImageSpec::oci().layer(layer.clone()).build();
    fake.image("evil", "latest", &img);
    let half = layer.blob[..layer.blob.len() / 2].to_vec();
    fake.blob("evil", &layer.digest, half, Some(layer.blob.len()));
    assert_refused(&env, &fake.reference("evil:latest"));
}

#[test]
fn manifest_with_a_wrong_layer_size_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let layer = LayerBuilder::new()
        .file("f", b"x", 0o644, 0, 0)
        .build(Compression::Gzip);
    let img = ImageSpec::oci()
        .layer(layer.clone())
        .layer_refs(vec![(layer.digest.clone(), layer.blob.len() as u64 + 100)])
        .build();
    reg.push("evil:latest", &img);
    assert_refused(&env, &reg.reference("evil:latest"));
}

#[test]
fn manifest_pointing_at_the_wrong_blob_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let real = LayerBuilder::new()
        .file("real", b"real", 0o644, 0, 0)
        .build(Compression::Gzip);
    let other = LayerBuilder::new()
        .file("other", b"other", 0o644, 0, 0)
        .build(Compression::Gzip);
    reg.client().push_blob("evil", &other.blob);
    // The config promises `real`'s diff ID; the manifest points at `other`'s blob.
    let img = ImageSpec::oci()
        .layer(real)
        .layer_refs(vec![(other.digest.clone(), other.blob.len() as u64)])
        .build();
    reg.client().push_blob("evil", &img.config);
    reg.client()
        .push_manifest("evil", "latest", &img.media_type, &img.manifest);
    assert_refused(&env, &reg.reference("evil:latest"));
}

#[test]
fn config_with_a_wrong_diff_id_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let layer = LayerBuilder::new()
        .file("f", b"x", 0o644, 0, 0)
        .build(Compression::Gzip);
    let img = ImageSpec::oci()
        .layer(layer)
        .diff_ids(vec![image::sha256_digest(b"something else")])
        .build();
    reg.push("evil:latest", &img);
    assert_refused(&env, &reg.reference("evil:latest"));
}

#[test]
fn oversized_manifest_is_refused() {
    let env = TestEnv::new();
    let fake = FakeRegistry::start();
    let mut big = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","annotations":{"pad":""#.to_vec();
    big.extend(vec![b'a'; 8 << 20]);
    big.extend(br#""},"config":{},"layers":[]}"#);
    fake.manifest("evil", "latest", image::OCI_MANIFEST, big);
    assert_refused(&env, &fake.reference("evil:latest"));
}

#[test]
fn manifest_that_is_not_json_is_refused() {
    let env = TestEnv::new();
    let fake = FakeRegistry::start();
    fake.manifest(
        "evil",
        "latest",
        image::OCI_MANIFEST,
        b"{\"schemaVersion\": 2, \"layers\": [".to_vec(),
    );
    assert_refused(&env, &fake.reference("evil:latest"));
}

#[test]
fn schema1_manifest_is_refused_with_a_clear_error() {
    let env = TestEnv::new();
    let fake = FakeRegistry::start();
    let layer = LayerBuilder::new()
        .file("f", b"x", 0o644, 0, 0)
        .build(Compression::Gzip);
    fake.manifest(
        "evil",
        "latest",
        image::DOCKER_SCHEMA1,
        image::schema1_manifest("evil", "latest", &layer.digest),
    );
    fake.blob("evil", &layer.digest, layer.blob.clone(), None);
    let line = assert_refused(&env, &fake.reference("evil:latest"));
    assert!(
        line.to_ascii_lowercase().contains("schema"),
        "say that schema1 is not supported: {line}"
    );
}

#[test]
fn invalid_reference_is_refused() {
    let env = TestEnv::new();
    for bad in [
        "UPPER/Case:tag",
        "busybox:",
        "a//b",
        "busybox@sha256:1234",
        "-rf",
    ] {
        let out = env.run(&["pull", "-q", "--", bad]);
        out.error_125();
    }
    StoreView::of(env.user()).assert_empty_of_layers();
}

#[test]
fn unreachable_registry_is_refused_naming_it() {
    let env = TestEnv::new();
    let port = common::registry::free_port();
    let reference = format!("127.0.0.1:{port}/nothing:latest");
    let line = assert_refused(&env, &reference);
    assert!(
        line.contains(&format!("127.0.0.1:{port}")),
        "the error names the registry: {line}"
    );
}

#[test]
fn unknown_image_on_a_real_registry_is_refused() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    assert_refused(&env, &reg.reference("does/not-exist:latest"));
}
