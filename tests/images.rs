//! The local image commands driven through the real binary as the test user: `images` (with
//! `-q`, `--digests`, `--format`), `tag`, `untag`, `rmi`, `image exists`, `image inspect`,
//! `image prune`, `system reset`. Images come from a real registry on loopback.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::store::{chain_ids, StoreView};
use common::{Registry, TestEnv};

/// Pushes two images sharing the busybox base layer and pulls both; returns them.
fn two_images_sharing_a_layer(env: &TestEnv, reg: &Registry) -> (image::Image, image::Image) {
    let a = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(
            LayerBuilder::new()
                .file("a", b"a", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .build();
    let b = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(
            LayerBuilder::new()
                .file("b", b"b", 0o644, 0, 0)
                .build(Compression::Gzip),
        )
        .build();
    reg.push("apps/a:1", &a);
    reg.push("apps/b:1", &b);
    for (img, name) in [(&a, "apps/a:1"), (&b, "apps/b:1")] {
        let out = env.run_ok(&["pull", "-q", "--tls-verify=false", &reg.reference(name)]);
        assert_eq!(out.trim(), img.id(), "pull -q prints the image ID");
    }
    (a, b)
}

fn chain(img: &image::Image) -> Vec<String> {
    chain_ids(
        &img.layers
            .iter()
            .map(|l| l.diff_id.clone())
            .collect::<Vec<_>>(),
    )
}

#[test]
fn images_lists_quiet_ids_formats_and_digests() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let (a, b) = two_images_sharing_a_layer(&env, &reg);
    let table = env.run_ok(&["images"]);
    assert!(
        table.contains(&reg.reference("apps/a")) && table.contains(&reg.reference("apps/b")),
        "{table}"
    );
    let rows = env.run_ok(&["images", "--noheading"]);
    assert_eq!(rows.lines().count(), table.lines().count() - 1, "{rows}");
    assert!(!rows.contains("REPOSITORY"), "{rows}");
    let rows = env.run_ok(&["images", "--noheading", "--format", "table {{.Tag}}"]);
    assert_eq!(rows, "1\n1\n", "a table format loses its header too");
    let quiet = env.run_ok(&["images", "-q"]);
    let ids: Vec<&str> = quiet.lines().collect();
    assert_eq!(ids.len(), 2, "{quiet}");
    for img in [&a, &b] {
        assert!(
            ids.iter().any(|id| img.id().starts_with(id.trim())),
            "short ID of {} in {quiet}",
            img.id()
        );
    }
    let formatted = env.run_ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    assert!(
        formatted
            .lines()
            .any(|l| l.starts_with(&format!("{}:1 ", reg.reference("apps/a")))),
        "{formatted}"
    );
    // CreatedAt as Go prints a time (Docker's and Podman's templates give the same).
    let at = env.run_ok(&["images", "--format", "{{.CreatedAt}}"]);
    let line = at.lines().next().unwrap_or_default();
    assert!(
        line.len() == 29 && line.as_bytes()[10] == b' ' && line.ends_with(" +0000 UTC"),
        "{at}"
    );
    let digests = env.run_ok(&["images", "--digests"]);
    let a_digest = common::image::sha256_digest(&a.manifest);
    assert!(
        digests.contains(&a_digest),
        "--digests shows the manifest digest {a_digest}:\n{digests}"
    );
    let json = env.run_ok(&["images", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("images --format json ({e}): {json}"));
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{json}");
}

#[test]
fn tag_adds_a_name_and_untag_removes_it() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let (a, _) = two_images_sharing_a_layer(&env, &reg);
    env.run_ok(&["tag", &reg.reference("apps/a:1"), "localhost/mine:v2"]);
    env.run_ok(&["image", "exists", "localhost/mine:v2"]);
    // A name given to `images` shows that name's line only, not the image's other names.
    assert_eq!(
        env.run_ok(&[
            "images",
            "--format",
            "{{.Repository}}:{{.Tag}}",
            "localhost/mine:v2"
        ]),
        "localhost/mine:v2\n"
    );
    let out = env.run_ok(&["image", "inspect", "localhost/mine:v2"]);
    assert!(out.contains(a.id()), "{out}");
    env.run_ok(&["untag", "localhost/mine:v2", "localhost/mine:v2"]);
    assert_eq!(
        env.run(&["image", "exists", "localhost/mine:v2"]).code,
        Some(1)
    );
    env.run_ok(&["image", "exists", &reg.reference("apps/a:1")]);
}

#[test]
fn rmi_keeps_layers_shared_with_another_image() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let (a, b) = two_images_sharing_a_layer(&env, &reg);
    let store = StoreView::of(env.user());
    env.run_ok(&["rmi", &reg.reference("apps/a:1")]);
    assert_eq!(
        env.run(&["image", "exists", &reg.reference("apps/a:1")])
            .code,
        Some(1)
    );
    let (ca, cb) = (chain(&a), chain(&b));
    assert!(
        store.has_layer(&ca[0]),
        "the shared base layer must survive"
    );
    assert!(!store.has_layer(&ca[1]), "a's own layer must go");
    assert!(store.has_layer(&cb[1]));
    store.assert_consistent();
    env.run_ok(&["rmi", &reg.reference("apps/b:1")]);
    store.assert_empty_of_layers();
}

#[test]
fn rmi_of_an_unknown_image_exits_1_with_one_error_line() {
    // Podman's documented rmi exit code: 1 when a named image does not exist.
    let env = TestEnv::new();
    let (code, stderr) = env.run_fail(&["rmi", "localhost/nothing:here"]);
    assert_eq!(code, 1, "{stderr}");
    let line = common::assert_one_error_line(&stderr);
    assert!(line.contains("localhost/nothing:here"), "{line}");
    env.run_ok(&["rmi", "--ignore", "localhost/nothing:here"]);
}

#[test]
fn rmi_all_removes_everything() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    two_images_sharing_a_layer(&env, &reg);
    env.run_ok(&["rmi", "-a", "-f"]);
    assert_eq!(env.run_ok(&["images", "-q"]).trim(), "");
    StoreView::of(env.user()).assert_empty_of_layers();
}

#[test]
fn image_inspect_shows_config_rootfs_and_size() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .env("FOO=bar")
        .cmd(&["/bin/echo", "hi"])
        .build();
    reg.push("apps/c:1", &img);
    let name = reg.reference("apps/c:1");
    env.run_ok(&["pull", "-q", "--tls-verify=false", &name]);
    let out = env.run_ok(&["image", "inspect", &name]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let i = &v[0];
    assert!(i["Config"]["Env"].to_string().contains("FOO=bar"), "{out}");
    assert_eq!(i["Config"]["Cmd"], serde_json::json!(["/bin/echo", "hi"]));
    assert_eq!(i["RootFS"]["Layers"][0], img.layers[0].diff_id.as_str());
    assert!(
        i["Size"].as_u64().unwrap_or(0) > 500_000,
        "Size counts the unpacked busybox: {out}"
    );
    assert!(
        i["Created"]
            .as_str()
            .unwrap_or("")
            .starts_with("2024-01-02"),
        "{out}"
    );
}

#[test]
fn image_prune_removes_untagged_images_only() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let (a, b) = two_images_sharing_a_layer(&env, &reg);
    env.run_ok(&["untag", &reg.reference("apps/a:1")]);
    // Without --force it asks; no answer on stdin means no.
    env.run_ok(&["image", "prune"]);
    assert!(env.run_ok(&["images", "-q", "--no-trunc"]).contains(a.id()));
    env.run_ok(&["image", "prune", "-f"]);
    let ids = env.run_ok(&["images", "-q", "--no-trunc"]);
    assert!(!ids.contains(a.id()) && ids.contains(b.id()), "{ids}");
    StoreView::of(env.user()).assert_consistent();
}

#[test]
fn system_reset_empties_the_store() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    two_images_sharing_a_layer(&env, &reg);
    env.run_ok(&["system", "reset", "-f"]);
    assert_eq!(env.run_ok(&["images", "-q"]).trim(), "");
    StoreView::of(env.user()).assert_empty_of_layers();
}

#[test]
fn info_reports_the_store_location() {
    let env = TestEnv::new();
    let out = env.run_ok(&["info"]);
    assert!(
        out.contains(&env.storage().display().to_string())
            || out.contains(&env.user().data_home.display().to_string()),
        "{out}"
    );
    // Podman's template names: the distribution from os-release, the log driver, the runtime.
    let os = std::fs::read_to_string("/etc/os-release").unwrap();
    let id = os
        .lines()
        .find_map(|l| l.strip_prefix("ID="))
        .unwrap()
        .trim_matches('"');
    let out = env.run_ok(&[
        "info",
        "--format",
        "{{.Host.Distribution.Distribution}} {{.Host.LogDriver}} {{.Host.OCIRuntime.Name}}",
    ]);
    assert_eq!(out.trim(), format!("{id} k8s-file rcon"));
    // Go field names that differ from the JSON keys, and `version`'s local server.
    let out = env.run_ok(&[
        "info",
        "--format",
        "{{.Host.CgroupsVersion}} {{len .Store.GraphOptions}} {{.Host.NetworkBackend}}",
    ]);
    let v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    assert_eq!(
        out.trim(),
        format!("{} 0 rcon", if v2 { "v2" } else { "v1" })
    );
    let out = env.run_ok(&[
        "version",
        "--format",
        "{{.Server.Version}} {{eq .Server.Built .Client.Built}}",
    ]);
    assert_eq!(out.trim(), format!("{} true", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_pull_by_digest_is_a_name_that_rmi_and_untag_take_away_alone() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let (a, _) = two_images_sharing_a_layer(&env, &reg);
    let digest = common::image::sha256_digest(&a.manifest);
    let tagged = reg.reference("apps/a:1");
    let by_digest = format!("{}@{digest}", reg.reference("apps/a"));
    let rows = env.run_ok(&["images", "-a"]);
    env.run_ok(&["pull", "-q", "--tls-verify=false", &by_digest]);
    assert_eq!(
        env.run_ok(&["images", "-a"]),
        rows,
        "a digest name adds no line"
    );
    // Removing the digest name only untags: the image keeps its tag.
    let out = env.run_ok(&["rmi", &by_digest]);
    assert_eq!(out.trim(), format!("Untagged: {by_digest}"));
    env.run_ok(&["image", "exists", &tagged]);
    // `name:tag@digest` gives the same name to untag.
    env.run_ok(&["pull", "-q", "--tls-verify=false", &by_digest]);
    env.run_ok(&["untag", &tagged, &format!("{tagged}@{digest}")]);
    env.run_ok(&["image", "exists", &tagged]);
    let (code, stderr) = env.run_fail(&["untag", &tagged, &by_digest]);
    assert_eq!(code, 125, "{stderr}");
    common::assert_one_error_line(&stderr);
    // An image known only by its digest is not dangling: prune keeps it.
    env.run_ok(&["pull", "-q", "--tls-verify=false", &by_digest]);
    env.run_ok(&["untag", &tagged, &tagged]);
    assert_eq!(
        env.run_ok(&["images", "-q", "--filter", "dangling=true"]),
        ""
    );
    env.run_ok(&["image", "prune", "-f"]);
    env.run_ok(&["image", "exists", &by_digest]);
    let out = env.run_ok(&["rmi", &by_digest]);
    assert!(out.contains(&format!("Deleted: {}", a.id())), "{out}");
}

#[test]
fn images_filters_by_time_and_label_sorts_lines_and_keeps_a_name_history() {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let (a, _) = two_images_sharing_a_layer(&env, &reg);
    // Pulled images were created in 2024; a commit is created now.
    env.run_ok(&["create", "--name", "c", &reg.reference("apps/a:1")]);
    let new_id = env
        .run_ok(&["commit", "-q", "-c", "LABEL team=x", "c", "mine"])
        .trim()
        .to_string();
    let list = |filter: &str| {
        env.run_ok(&[
            "images",
            "--noheading",
            "--format",
            "{{.Repository}}",
            "--filter",
            filter,
        ])
    };
    let mine = "localhost/mine\n";
    assert_eq!(list(&format!("after={}", a.id())), mine);
    assert_eq!(list(&format!("since={}", reg.reference("apps/a:1"))), mine);
    assert_eq!(list("label=team=x"), mine);
    assert_eq!(list("label=team=y"), "");
    assert_eq!(list("until=2025-01-01"), list("before=mine"));
    assert!(!list("before=mine").contains("mine"));
    assert_eq!(list("before=mine").lines().count(), 2, "both pulled images");
    let (code, stderr) = env.run_fail(&["images", "--filter", "before=nothing-here"]);
    assert_eq!(code, 125, "{stderr}");
    assert!(
        common::assert_one_error_line(&stderr).contains("nothing-here"),
        "{stderr}"
    );
    // --sort repository orders the lines, each name a line of its own.
    env.run_ok(&["tag", "mine", "a.b/c:d", "zzz.example/x:y"]);
    let out = env.run_ok(&[
        "images",
        "--sort",
        "repository",
        "--format",
        "{{.Repository}}",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "{out}");
    // The names an image has had, the latest first.
    env.run_ok(&["rmi", "a.b/c:d", "zzz.example/x:y"]);
    env.run_ok(&["tag", "mine", "t1"]);
    env.run_ok(&["rmi", "t1"]);
    let history = env.run_ok(&["images", "mine", "--format", "{{.History}}"]);
    assert_eq!(
        history.trim(),
        "localhost/mine:latest, localhost/t1:latest, zzz.example/x:y, a.b/c:d"
    );
    let inspect = env.run_ok(&["image", "inspect", "--format", "{{.NamesHistory}}", &new_id]);
    assert!(inspect.contains("localhost/t1:latest"), "{inspect}");
}
