use super::*;
use crate::image::store::index::ImageRecord;
use serde_json::json;

fn record(n: char, name: &str, labels: &[(&str, &str)]) -> ContainerRecord {
    let labels: BTreeMap<&str, &str> = labels.iter().copied().collect();
    serde_json::from_value(json!({
        "id": n.to_string().repeat(64), "name": name,
        "image_name": "quay.io/a/b:1",
        "image_id": format!("sha256:{}", "0".repeat(64)), "layers": [],
        "created": "2026-01-01T00:00:00.000000000Z", "command": [],
        "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
        "log_driver": "k8s-file", "labels": labels
    }))
    .unwrap()
}

#[test]
fn policies_are_registry_image_local_and_the_rest_opts_out_or_fails() {
    let parse = |v: &str| Policy::parse(v).ok();
    assert_eq!(parse("registry"), Some(Some(Policy::Registry)));
    assert_eq!(parse("image"), Some(Some(Policy::Registry)));
    assert_eq!(parse("local"), Some(Some(Policy::Local)));
    assert_eq!(parse("disabled"), Some(None));
    assert_eq!(parse(""), Some(None));
    assert!(Policy::parse("Registry").is_err());
}

#[test]
fn only_labelled_containers_with_a_unit_become_tasks() {
    let mut errors = Vec::new();
    let tasks = tasks(
        [
            record('a', "plain", &[]),
            record(
                'b',
                "web",
                &[
                    (POLICY_LABEL, "registry"),
                    (UNIT_LABEL, "container-web.service"),
                ],
            ),
            record('c', "loose", &[(POLICY_LABEL, "local")]),
            record(
                'd',
                "off",
                &[(POLICY_LABEL, "disabled"), (UNIT_LABEL, "x.service")],
            ),
            record(
                'e',
                "odd",
                &[(POLICY_LABEL, "nightly"), (UNIT_LABEL, "x.service")],
            ),
        ],
        &mut errors,
    );
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].record.name, "web");
    assert_eq!(tasks[0].unit, "container-web.service");
    assert_eq!(tasks[0].policy, Policy::Registry);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "auto-updating container cccccccccccc: no PODMAN_SYSTEMD_UNIT label found"
        ),
        "{errors:?}"
    );
    assert!(errors[1].contains("\"nightly\""), "{errors:?}");
}

#[test]
fn the_registry_policy_needs_a_tagged_name() {
    assert!(registry_reference("quay.io/a/b:1").is_ok());
    let id = "f".repeat(64);
    assert!(registry_reference(&id)
        .unwrap_err()
        .to_string()
        .contains("image ID ffffffffffff"));
    let pinned = format!("quay.io/a/b@sha256:{}", "1".repeat(64));
    assert!(registry_reference(&pinned)
        .unwrap_err()
        .to_string()
        .contains("pinned by digest"));
}

#[test]
fn an_image_runs_the_registry_digest_of_its_manifest_or_index() {
    let d = |c: char| {
        format!("sha256:{}", c.to_string().repeat(64))
            .parse::<Digest>()
            .unwrap()
    };
    let reference = Reference::parse("quay.io/a/b:1").unwrap();
    let img = ImageRecord {
        id: d('1'),
        digest: d('2'),
        index_digest: Some(d('3')),
        names: vec!["quay.io/a/b:1".into()],
        repo_digests: vec![format!("quay.io/a/b@{}", d('4'))],
        layers: vec![],
        size: 0,
        pulled: String::new(),
        build_key: None,
        intermediate: false,
        digest_names: vec![],
        names_history: vec![],
    };
    let idx = Index { images: vec![img] };
    for c in ['2', '3', '4'] {
        assert!(runs_digest(&idx, &d('1'), &reference, &d(c)), "{c}");
    }
    assert!(!runs_digest(&idx, &d('1'), &reference, &d('5')));
    assert!(
        !runs_digest(&idx, &d('9'), &reference, &d('2')),
        "an image not stored"
    );
}

#[test]
fn updated_reads_as_podman_prints_it() {
    let all = [
        Updated::False,
        Updated::Pending,
        Updated::True,
        Updated::RolledBack,
        Updated::Failed,
    ];
    let shown: Vec<&str> = all.iter().map(|u| u.as_str()).collect();
    assert_eq!(shown, ["false", "pending", "true", "rolled back", "failed"]);
}

/// Health as a map from container name; restarts are not asked for.
struct Healths(BTreeMap<&'static str, &'static str>);

impl Host for Healths {
    fn restart(&self, _unit: &str) -> Result<(), AutoUpdateError> {
        unreachable!("judging a unit restarts nothing")
    }
    fn health(&self, record: &ContainerRecord) -> Option<String> {
        self.0.get(record.name.as_str()).map(|s| s.to_string())
    }
}

#[test]
fn a_restarted_unit_is_judged_by_its_containers_image_and_health() {
    let old_id: Digest = format!("sha256:{}", "0".repeat(64)).parse().unwrap();
    let new_id: Digest = format!("sha256:{}", "1".repeat(64)).parse().unwrap();
    let on = |n: char, name: &str, id: &Digest| {
        let mut r = record(n, name, &[]);
        r.image_id = id.clone();
        r
    };
    let old: BTreeMap<String, Digest> = [("quay.io/a/b:1".to_string(), old_id.clone())].into();
    let healths = |pairs: &[(&'static str, &'static str)]| Healths(pairs.iter().copied().collect());
    let judge =
        |host: &Healths, running: &[ContainerRecord]| judge(host, "u.service", running, &old);

    let none = healths(&[]);
    assert!(matches!(judge(&none, &[]), UnitState::NotYet(_)));
    assert!(matches!(
        judge(&none, &[on('a', "web", &new_id)]),
        UnitState::Runs
    ));
    // No healthcheck counts as healthy; so does `healthy`.
    let fine = healths(&[("web", "healthy")]);
    assert!(matches!(
        judge(&fine, &[on('a', "web", &new_id)]),
        UnitState::Runs
    ));
    match judge(&none, &[on('a', "web", &old_id)]) {
        UnitState::Failed(e) => assert!(e.to_string().contains("previous image"), "{e}"),
        other => panic!("{other:?}"),
    }
    let sick = healths(&[("web", "unhealthy")]);
    match judge(&sick, &[on('a', "web", &new_id)]) {
        UnitState::Failed(e) => assert_eq!(e.to_string(), "container web is unhealthy"),
        other => panic!("{other:?}"),
    }
    let waiting = healths(&[("db", "starting")]);
    assert!(matches!(
        judge(&waiting, &[on('a', "web", &new_id), on('b', "db", &new_id)]),
        UnitState::Starting(_)
    ));
}
