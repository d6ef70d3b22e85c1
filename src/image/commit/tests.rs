//! Building image configs, history and manifests, recording images, and `--change`. The
//! layer pipeline itself needs the unpack helper (the rcon binary): tests/commit.rs drives it.
use super::change::apply;
use super::layer::OCI_LAYER;
use super::*;
use crate::image::registry::Descriptor;
use crate::image::store::{index, ImageRecord, LayerInfo, Store};
use crate::linux::idmap::IdMap;
use serde_json::{json, Value};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("storage")).unwrap();
    (dir, store)
}

fn new_layer(diff: &[u8], parent: Option<&Digest>) -> NewLayer {
    let diff_id = Digest::of(diff);
    let chain_id = match parent {
        None => diff_id.clone(),
        Some(p) => Digest::of(format!("{p} {diff_id}").as_bytes()),
    };
    NewLayer {
        diff_id,
        chain_id,
        parent: parent.cloned(),
        blob: Descriptor {
            media_type: OCI_LAYER.into(),
            digest: Digest::of(&[diff, b"-gz"].concat()),
            size: 7,
            urls: vec![],
            annotations: None,
        },
        size: 1024,
        held: vec![],
    }
}

fn history(created: &str, by: &str) -> History {
    History {
        created: created.into(),
        created_by: by.into(),
        ..History::default()
    }
}

fn manifest_of(s: &Store, rec: &ImageRecord) -> Value {
    serde_json::from_slice(&s.read_blob(&rec.digest).unwrap()).unwrap()
}

fn config_of(s: &Store, rec: &ImageRecord) -> Value {
    serde_json::from_slice(&s.read_blob(&rec.id).unwrap()).unwrap()
}

#[test]
fn each_step_extends_the_diff_ids_and_the_history() {
    let mut draft = ImageDraft::scratch();
    let first = new_layer(b"one", None);
    let d1 = first.diff_id.clone();
    let mut h = history("2024-01-02T03:04:05Z", "/bin/sh -c make");
    h.comment = "built".into();
    h.author = "Ann".into();
    draft.add_layer(first, &h).unwrap();
    draft.add_empty(&history(
        "2024-01-02T03:04:06Z",
        "/bin/sh -c #(nop) ENV A=1",
    ));
    let top = draft.top_layer().cloned();
    let second = new_layer(b"two", top.as_ref());
    let d2 = second.diff_id.clone();
    draft
        .add_layer(second, &history("2024-01-02T03:04:07Z", "/bin/sh -c test"))
        .unwrap();
    let c = draft.config();
    assert_eq!(
        c["rootfs"],
        json!({"type": "layers", "diff_ids": [d1.to_string(), d2.to_string()]})
    );
    assert_eq!(
        c["history"],
        json!([
            {"created": "2024-01-02T03:04:05Z", "created_by": "/bin/sh -c make",
             "author": "Ann", "comment": "built"},
            {"created": "2024-01-02T03:04:06Z", "created_by": "/bin/sh -c #(nop) ENV A=1",
             "empty_layer": true},
            {"created": "2024-01-02T03:04:07Z", "created_by": "/bin/sh -c test"},
        ])
    );
    assert_eq!(c["created"], "2024-01-02T03:04:07Z");
    assert_eq!(c["author"], "Ann");
    assert_eq!(c["os"], "linux");
    assert_eq!(draft.layers().len(), 2);
}

#[test]
fn a_layer_made_on_another_parent_is_refused() {
    let mut draft = ImageDraft::scratch();
    draft
        .add_layer(new_layer(b"one", None), &History::default())
        .unwrap();
    let err = draft
        .add_layer(new_layer(b"two", None), &History::default())
        .unwrap_err();
    assert!(matches!(err, CommitError::NotOnTop { .. }), "{err}");
}

#[test]
fn a_stored_image_has_its_config_and_manifest_and_one_config_one_id() {
    let (_d, s) = store();
    let mut draft = ImageDraft::scratch();
    let layer = new_layer(b"one", None);
    let blob = layer.blob.clone();
    draft
        .add_layer(layer, &history("2024-01-01T00:00:00Z", "x"))
        .unwrap();
    let oci = draft.store(&s, Format::Oci).unwrap();
    let m = manifest_of(&s, &oci.record);
    assert_eq!(m["schemaVersion"], 2);
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.oci.image.config.v1+json"
    );
    assert_eq!(m["config"]["digest"], oci.record.id.to_string());
    assert_eq!(
        m["config"]["size"],
        s.read_blob(&oci.record.id).unwrap().len() as u64
    );
    assert_eq!(
        m["layers"],
        json!([{"mediaType": OCI_LAYER, "digest": blob.digest.to_string(), "size": 7}])
    );
    assert_eq!(config_of(&s, &oci.record), *draft.config());
    assert_eq!(oci.record.size, 1024);
    assert!(oci.record.names.is_empty());
    // Docker format: other media types, same config, so the same image ID.
    let docker = draft.store(&s, Format::Docker).unwrap();
    let m = manifest_of(&s, &docker.record);
    assert_eq!(
        m["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.docker.container.image.v1+json"
    );
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.docker.image.rootfs.diff.tar"
    );
    assert_eq!(docker.record.id, oci.record.id);
    assert_ne!(docker.record.digest, oci.record.digest);
    let again = draft.store(&s, Format::Oci).unwrap();
    assert_eq!(
        (&again.record.id, &again.record.digest),
        (&oci.record.id, &oci.record.digest)
    );
}

#[test]
fn recorded_names_move_and_an_untagged_image_has_none() {
    let (_d, s) = store();
    let mut a = ImageDraft::scratch();
    a.add_layer(new_layer(b"a", None), &history("2024-01-01T00:00:00Z", "a"))
        .unwrap();
    let mut b = ImageDraft::scratch();
    b.add_layer(new_layer(b"b", None), &history("2024-01-01T00:00:00Z", "b"))
        .unwrap();
    let name = image_name("app").unwrap();
    let ra = record(
        &s,
        a.store(&s, Format::Oci).unwrap(),
        std::slice::from_ref(&name),
    )
    .unwrap();
    assert_eq!(ra.names, ["localhost/app:latest"]);
    assert_eq!(ra.repo_digests, [format!("localhost/app@{}", ra.digest)]);
    let rb = record(&s, b.store(&s, Format::Oci).unwrap(), &[name]).unwrap();
    let idx = index::read(s.root()).unwrap();
    assert_eq!(idx.by_name("localhost/app:latest").unwrap().id, rb.id);
    assert!(idx
        .images
        .iter()
        .find(|i| i.id == ra.id)
        .unwrap()
        .names
        .is_empty());
    let mut c = ImageDraft::scratch();
    c.add_empty(&history("2024-01-01T00:00:00Z", "c"));
    let rc = record(&s, c.store(&s, Format::Oci).unwrap(), &[]).unwrap();
    assert!(rc.names.is_empty());
    assert_eq!(index::read(s.root()).unwrap().images.len(), 3);
}

#[test]
fn a_draft_from_a_docker_image_keeps_its_layers_and_converts_their_types() {
    let (_d, s) = store();
    let diff_id = Digest::of(b"base");
    let blob = Digest::of(b"base-blob");
    let tmp = s.begin_layer(&diff_id, &IdMap::single(0, 0)).unwrap();
    s.commit_layer(
        tmp,
        &LayerInfo {
            chain_id: diff_id.clone(),
            diff_id: diff_id.clone(),
            parent: None,
            compressed_digest: Some(blob.clone()),
            size: 300,
            single_uid: true,
            skipped_devices: vec![],
        },
    )
    .unwrap();
    let config = json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id.to_string()]},
        "history": [{"created": "2020-01-01T00:00:00Z", "created_by": "ADD base"}],
    });
    let config = serde_json::to_vec(&config).unwrap();
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "digest": Digest::of(&config).to_string(), "size": config.len()},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    "digest": blob.to_string(), "size": 99}],
    });
    let manifest = serde_json::to_vec(&manifest).unwrap();
    s.put_blob_bytes(&Digest::of(&config), &config).unwrap();
    s.put_blob_bytes(&Digest::of(&manifest), &manifest).unwrap();
    let base = ImageRecord {
        id: Digest::of(&config),
        digest: Digest::of(&manifest),
        index_digest: None,
        names: vec![],
        repo_digests: vec![],
        layers: vec![diff_id.clone()],
        size: 300,
        pulled: "2024-01-01T00:00:00Z".into(),
        build_key: None,
        intermediate: false,
        digest_names: vec![],
        names_history: vec![],
    };
    let mut draft = ImageDraft::from_image(&s, &base).unwrap();
    assert_eq!(draft.top_layer(), Some(&diff_id));
    assert_eq!(draft.config()["config"]["Cmd"], json!(["sh"]));
    let layer = new_layer(b"top", Some(&diff_id));
    let chain = layer.chain_id.clone();
    draft
        .add_layer(layer, &history("2024-01-01T00:00:00Z", "touch x"))
        .unwrap();
    let stored = draft.store(&s, Format::Oci).unwrap();
    assert_eq!(stored.record.layers, [diff_id.clone(), chain]);
    assert_eq!(stored.record.size, 300 + 1024);
    let m = manifest_of(&s, &stored.record);
    assert_eq!(
        m["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip",
        "the base's gzip layer, as OCI"
    );
    assert_eq!(m["layers"][0]["digest"], blob.to_string());
    assert_eq!(m["layers"][0]["size"], 99);
    let c = config_of(&s, &stored.record);
    assert_eq!(c["history"].as_array().unwrap().len(), 2);
    assert_eq!(c["rootfs"]["diff_ids"].as_array().unwrap().len(), 2);
}

#[test]
fn image_names_are_completed_and_digests_refused() {
    assert_eq!(image_name("app").unwrap(), "localhost/app:latest");
    assert_eq!(image_name("app:1").unwrap(), "localhost/app:1");
    assert_eq!(image_name("quay.io/a/b:2").unwrap(), "quay.io/a/b:2");
    let d = Digest::of(b"x");
    assert!(image_name(&format!("app@{d}")).is_err());
    assert!(image_name("Bad Name").is_err());
    assert!(image_name("").is_err());
}

#[test]
fn changes_set_the_run_settings() {
    let mut c = json!({"config": {"Env": ["PATH=/bin", "A=old"], "WorkingDir": "/srv"}});
    for change in [
        r#"CMD ["run", "--fast"]"#,
        "ENTRYPOINT exec server",
        r#"ENV A=new B="two words" C=c\ d"#,
        "env D four five",
        "EXPOSE 80 53/udp 8000-8001",
        "LABEL org.x=1 \"y\"='q v'",
        "USER 1000:1000",
        "WORKDIR data",
        r#"VOLUME ["/v1", "/v2"]"#,
        "VOLUME /v3",
        "STOPSIGNAL SIGINT",
    ] {
        apply(&mut c, change).unwrap_or_else(|e| panic!("{change}: {e}"));
    }
    let s = &c["config"];
    assert_eq!(s["Cmd"], json!(["run", "--fast"]));
    assert_eq!(s["Entrypoint"], json!(["/bin/sh", "-c", "exec server"]));
    assert_eq!(
        s["Env"],
        json!(["PATH=/bin", "A=new", "B=two words", "C=c d", "D=four five"])
    );
    assert_eq!(
        s["ExposedPorts"],
        json!({"80/tcp": {}, "53/udp": {}, "8000-8001/tcp": {}})
    );
    assert_eq!(s["Labels"], json!({"org.x": "1", "y": "q v"}));
    assert_eq!(s["User"], "1000:1000");
    assert_eq!(s["WorkingDir"], "/srv/data");
    assert_eq!(s["Volumes"], json!({"/v1": {}, "/v2": {}, "/v3": {}}));
    assert_eq!(s["StopSignal"], "SIGINT");
}

#[test]
fn unsupported_or_empty_changes_are_refused() {
    let mut c = json!({});
    for bad in [
        "RUN make",
        "CMD",
        "",
        "EXPOSE 99999",
        "EXPOSE 80/icmp",
        "VOLUME relative",
        "ENV A=\"open",
    ] {
        let err = apply(&mut c, bad).unwrap_err().to_string();
        assert!(err.starts_with("--change"), "{bad}: {err}");
    }
    let err = apply(&mut c, "ADD x /").unwrap_err().to_string();
    assert!(err.contains("CMD, ENTRYPOINT"), "{err}");
}
