//! `rcon manifest` driven through the real binary as the test user against real registries:
//! lists made of local and remote images, annotated, inspected, pushed (members first, then
//! the index) and read back by skopeo; a registry's own manifest inspected.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::ship::{log_since, rcon_digest, skopeo, skopeo_digest, skopeo_raw};
use common::world::busybox_world;
use common::Registry;
use serde_json::Value;

#[test]
fn manifest_list_create_add_annotate_inspect_push_rm_round_trip() {
    let (env, reg) = busybox_world();
    let arm = ImageSpec::oci()
        .arch("arm64")
        .layer(
            LayerBuilder::new()
                .file("arch", b"arm64\n", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .build();
    reg.push("src/arm:latest", &arm);

    let list_id = env.run_ok(&["manifest", "create", "mylist"]);
    assert_eq!(
        list_id.trim().len(),
        64,
        "create prints the list's ID: {list_id}"
    );
    assert_eq!(env.run(&["manifest", "exists", "mylist"]).code, Some(0));
    assert_eq!(env.run(&["manifest", "exists", "nolist"]).code, Some(1));
    let out = env.run(&["manifest", "create", "mylist"]);
    assert!(out.error_125().contains("exists"), "{out}");

    env.run_ok(&["manifest", "add", "mylist", "busybox"]);
    env.run_ok(&[
        "manifest",
        "add",
        "--variant",
        "v8",
        "--annotation",
        "org.example=yes",
        "mylist",
        &format!("docker://{}", reg.reference("src/arm:latest")),
    ]);
    let busybox_digest = rcon_digest(&env, "busybox");
    env.run_ok(&[
        "manifest",
        "annotate",
        "--os-version",
        "1.0",
        "mylist",
        &busybox_digest,
    ]);
    let text = env.run_ok(&["manifest", "inspect", "mylist"]);
    assert!(text.starts_with("{\n    \"schemaVersion\": 2,"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["mediaType"], "application/vnd.oci.image.index.v1+json");
    let m = v["manifests"].as_array().unwrap();
    assert_eq!(m.len(), 2, "{text}");
    assert_eq!(m[0]["digest"], busybox_digest.as_str());
    assert_eq!(m[0]["platform"]["architecture"], "amd64");
    assert_eq!(m[0]["platform"]["os.version"], "1.0");
    assert_eq!(m[1]["digest"], arm.manifest_digest.as_str());
    assert_eq!(m[1]["platform"]["architecture"], "arm64");
    assert_eq!(m[1]["platform"]["variant"], "v8");
    assert_eq!(m[1]["annotations"]["org.example"], "yes");

    let dest = reg.reference("multi/list:v1");
    let digestfile = env.user().home.join("list-digest");
    let before = reg.log().len();
    env.run_ok(&[
        "manifest",
        "push",
        "mylist",
        &dest,
        "--digestfile",
        &digestfile.display().to_string(),
    ]);
    let log = log_since(&reg, before);
    assert!(
        log.contains("from=src/arm"),
        "the remote member's blobs are mounted from its repository:\n{log}"
    );
    let raw = skopeo(&env, &["inspect", "--raw", &format!("docker://{dest}")]);
    let index: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(index["manifests"].as_array().unwrap().len(), 2);
    assert_eq!(
        std::fs::read_to_string(&digestfile).unwrap(),
        image::sha256_digest(raw.trim_end().as_bytes())
    );
    // The other user pulls the list: the host's member, the same image as busybox.
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "busybox"]);
    let pulled = env.single().run_ok(&["pull", "-q", &dest]);
    assert_eq!(pulled.trim(), id.trim().trim_start_matches("sha256:"));
    // And the arm64 member by platform.
    let pulled = env
        .single()
        .run_ok(&["pull", "-q", "--platform", "linux/arm64", &dest]);
    assert_eq!(pulled.trim(), arm.id());

    // `push --all` of a list works the same.
    env.run_ok(&[
        "push",
        "-q",
        "--all",
        "mylist",
        &reg.reference("multi/list:v2"),
    ]);
    assert_eq!(
        skopeo_digest(&env, &reg.reference("multi/list:v2")),
        skopeo_digest(&env, &dest)
    );

    let out = env.run_ok(&["manifest", "rm", "mylist"]);
    assert_eq!(
        out,
        format!(
            "Untagged: localhost/mylist:latest\nDeleted: {}\n",
            list_id.trim()
        )
    );
    assert_eq!(env.run(&["manifest", "exists", "mylist"]).code, Some(1));
    let out = env.run(&["manifest", "inspect", "mylist"]);
    assert!(out.error_125().contains("mylist"), "{out}");
    env.run_ok(&["images"]);
}

#[test]
fn list_with_a_member_from_another_registry_copies_it_across() {
    let (env, reg) = busybox_world();
    let other = Registry::start(&env);
    let arm = ImageSpec::oci()
        .arch("arm64")
        .layer(image::big_layer(1 << 20, 3))
        .build();
    reg.push("src/arm:latest", &arm);
    env.run_ok(&[
        "manifest",
        "create",
        "cross",
        "busybox",
        &format!("docker://{}", reg.reference("src/arm:latest")),
    ]);
    let dest = other.reference("copied/list:latest");
    env.run_ok(&[
        "manifest",
        "push",
        "--tls-verify=false",
        "--format",
        "v2s2",
        "cross",
        &dest,
    ]);
    let index = skopeo_raw(&env, &dest);
    let members = index["manifests"].as_array().unwrap();
    assert_eq!(members.len(), 2, "{index}");
    // The local member was converted; the remote one is copied as it was.
    assert_eq!(
        members[0]["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(members[1]["digest"], arm.manifest_digest.as_str());
    let pulled = env.single().run_ok(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--platform",
        "linux/arm64",
        &dest,
    ]);
    assert_eq!(pulled.trim(), arm.id());
}

#[test]
fn manifest_inspect_of_a_registry_image_prints_what_the_registry_serves() {
    let (env, reg) = busybox_world();
    let dest = reg.reference("seen/busybox:1");
    env.run_ok(&["push", "-q", "busybox", &dest]);
    let served = skopeo_raw(&env, &dest);
    for arg in [dest.clone(), format!("docker://{dest}")] {
        let out = env.run_ok(&["manifest", "inspect", &arg]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        assert_eq!(v, served, "{arg}");
        assert!(
            out.contains("\n    \"schemaVersion\""),
            "four spaces, as Podman: {out}"
        );
    }
    let out = env.run(&["manifest", "inspect", "no-such-list"]);
    assert!(out.error_125().contains("no-such-list"), "{out}");
}

#[test]
fn rmi_removes_a_manifest_list_as_podman_counts_lists_among_images() {
    let env = common::TestEnv::new();
    env.run_ok(&["manifest", "create", "test:1.0"]);
    let out = env.run_ok(&["rmi", "test:1.0"]);
    assert!(
        out.starts_with("Untagged: localhost/test:1.0\nDeleted: "),
        "{out}"
    );
    assert_eq!(env.run(&["manifest", "exists", "test:1.0"]).code, Some(1));
    env.run_ok(&["manifest", "create", "other"]);
    env.run_ok(&["rmi", "-a"]);
    assert_eq!(env.run(&["manifest", "exists", "other"]).code, Some(1));
    let (code, _) = env.run_fail(&["rmi", "test:1.0"]);
    assert_eq!(code, 1, "gone: an unknown name");
}
