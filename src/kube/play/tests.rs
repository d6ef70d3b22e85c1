use super::*;
use crate::kube::parse;

fn opts() -> PlayOptions {
    PlayOptions {
        files_dir: "/k".into(),
        ..PlayOptions::default()
    }
}

fn plan_of(yaml: &str) -> Result<Plan> {
    plan(&parse(yaml, "t.yaml")?, &opts())
}

const APP: &str = r#"
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {MODE: fast, app.conf: "x=1\n"}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
data: {PASSWORD: aHVudGVyMg==}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  restartPolicy: OnFailure
  hostAliases: [{ip: 10.1.2.3, hostnames: [db.local]}]
  volumes:
  - {name: conf, configMap: {name: cfg, items: [{key: app.conf, path: app.conf}]}}
  - {name: scratch, emptyDir: {}}
  - {name: data, persistentVolumeClaim: {claimName: pgdata}}
  - {name: logs, hostPath: {path: /var/tmp/weblogs, type: DirectoryOrCreate}}
  initContainers:
  - {name: setup, image: busybox, command: [sh, -c], args: ["echo init"]}
  containers:
  - name: app
    image: busybox
    command: [httpd]
    args: [-f, -p, "8080"]
    workingDir: /srv
    ports: [{containerPort: 8080, hostPort: 18080}]
    env:
    - {name: A, value: "1"}
    - {name: M, valueFrom: {configMapKeyRef: {name: cfg, key: MODE}}}
    - {name: P, valueFrom: {secretKeyRef: {name: sec, key: PASSWORD}}}
    - {name: N, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    volumeMounts:
    - {name: conf, mountPath: /etc/app, readOnly: true}
    - {name: scratch, mountPath: /tmp/s}
    - {name: data, mountPath: /data, subPath: db}
    - {name: logs, mountPath: /logs}
    securityContext:
      runAsUser: 1000
      runAsGroup: 1000
      readOnlyRootFilesystem: true
      allowPrivilegeEscalation: false
      capabilities: {add: [NET_ADMIN], drop: [ALL]}
    resources: {limits: {memory: 64Mi, cpu: 500m}}
    livenessProbe: {exec: {command: [true]}}
"#;

#[test]
fn a_pod_becomes_pod_create_and_run_flags() {
    let p = plan_of(APP).unwrap();
    assert_eq!(p.pods.len(), 1);
    let pod = &p.pods[0];
    assert_eq!(pod.name, "web");
    for want in [
        "--label=app=web",
        "--add-host=db.local:10.1.2.3",
        "--publish=18080:8080/tcp",
    ] {
        assert!(
            pod.create.contains(&want.to_string()),
            "{want}: {:?}",
            pod.create
        );
    }
    assert_eq!(pod.init.len(), 1);
    assert_eq!(pod.init[0].name, "web-setup");
    assert!(pod.init[0].args.contains(&"--restart=no".to_string()));
    let app = &pod.containers[0];
    assert_eq!(app.name, "web-app");
    let a = &app.args;
    for want in [
        "--restart=on-failure",
        r#"--entrypoint=["httpd"]"#,
        "--workdir=/srv",
        "--env=A=1",
        "--env=M=fast",
        "--env=P=hunter2",
        "--env=N=web",
        "--volume=/k/web/conf:/etc/app:ro",
        "--mount=type=volume,source=web-scratch,destination=/tmp/s",
        "--mount=type=volume,source=pgdata,destination=/data,subpath=db",
        "--volume=/var/tmp/weblogs:/logs",
        "--user=1000:1000",
        "--read-only",
        "--security-opt=no-new-privileges",
        "--cap-add=NET_ADMIN",
        "--cap-drop=ALL",
        "--memory=67108864",
        "--cpus=0.5",
    ] {
        assert!(a.contains(&want.to_string()), "{want}: {a:?}");
    }
    // The image, then the args.
    let image = a.iter().position(|x| x == "busybox").unwrap();
    assert_eq!(&a[image + 1..], ["-f", "-p", "8080"]);
    assert_eq!(p.volumes, ["web-scratch", "pgdata"]);
    assert_eq!(pod.own_volumes, ["web-scratch"]);
    assert_eq!(p.prepare, [Prep::MakeDir("/var/tmp/weblogs".into())]);
    assert_eq!(p.files[0].dir, PathBuf::from("/k/web/conf"));
    assert_eq!(
        p.files[0].files,
        [("app.conf".to_string(), b"x=1\n".to_vec(), 0o644)]
    );
    // The probe is named in a warning, not dropped silently.
    assert!(
        p.warnings.iter().any(|w| w.contains("livenessProbe")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn deployments_make_one_pod_per_replica_and_unknown_kinds_are_skipped_with_a_warning() {
    let yaml = r#"
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: busybox}]}
---
kind: Service
metadata: {name: api}
spec: {ports: [{port: 80}]}
---
kind: Job
metadata: {name: once}
spec: {template: {spec: {containers: [{name: c, image: busybox, args: ["true"]}]}}}
"#;
    let p = plan_of(yaml).unwrap();
    let names: Vec<_> = p.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["api-pod-0", "api-pod-1", "api-pod-2", "once-pod"]);
    assert!(p.pods[3].job);
    assert!(p.pods[3].containers[0]
        .args
        .contains(&"--restart=no".to_string()));
    assert!(p.pods[0].containers[0]
        .args
        .contains(&"--restart=always".to_string()));
    assert!(
        p.warnings.iter().any(|w| w.contains("Service")),
        "{:?}",
        p.warnings
    );
    // The selector is named once, not once per replica.
    assert_eq!(
        p.warnings.iter().filter(|w| w.contains("selector")).count(),
        1
    );
}

#[test]
fn bad_documents_are_one_error_naming_the_field() {
    let cases = [
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n", "image"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {}\n", "containers"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, ports: [{containerPort: 99999}]}]}\n", "containerPort"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {restartPolicy: Sometimes, containers: [{name: c, image: i}]}\n", "restartPolicy"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, env: [{name: X, valueFrom: {configMapKeyRef: {name: nope, key: k}}}]}]}\n", "nope"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, volumeMounts: [{name: v, mountPath: /x}]}]}\n", "no volume"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {volumes: [{name: v, hostPath: {path: rel}}], containers: [{name: c, image: i}]}\n", "absolute"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, resources: {limits: {memory: lots}}}]}\n", "memory"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, volumeMounts: [{name: v, mountPath: /x, subPath: ../../etc}]}], volumes: [{name: v, emptyDir: {}}]}\n", "subPath"),
        ("kind: Pod\nspec: {containers: [{name: c, image: i}]}\n", "metadata.name"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: {name: c}}\n", "expected a list"),
    ];
    for (yaml, want) in cases {
        let e = plan_of(yaml).unwrap_err().to_string();
        assert!(e.contains(want), "{want}: {e}");
        assert!(!e.contains('\n'), "{e}");
    }
}

#[test]
fn a_secret_volume_with_an_escaping_item_path_is_refused() {
    let yaml = r#"
kind: Secret
metadata: {name: s}
stringData: {k: v}
---
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: v, secret: {secretName: s, items: [{key: k, path: ../../x}]}}]
  containers: [{name: c, image: i}]
"#;
    let e = plan_of(yaml).unwrap_err().to_string();
    assert!(e.contains("relative path"), "{e}");
}

#[test]
fn the_engines_own_annotations_become_their_flags_and_no_annotation() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    io.kubernetes.cri-o.TTY/web: "true"
    io.podman.annotations.init/web: "TRUE"
    io.podman.annotations.autoremove/web: "FALSE"
    io.podman.annotations.privileged/other: "TRUE"
    io.kubernetes.cri-o.SandboxID/web: "abc"
    team: blue
spec:
  containers:
  - {name: web, image: busybox}
"#;
    let plan = plan_of(yaml).unwrap();
    let args = &plan.pods[0].containers[0].args;
    assert!(args.contains(&"--tty".to_string()), "{args:?}");
    assert!(args.contains(&"--init".to_string()), "{args:?}");
    assert!(
        !args.iter().any(|a| a == "--rm" || a == "--privileged"),
        "{args:?}"
    );
    let annotations: Vec<&String> = args
        .iter()
        .filter(|a| a.starts_with("--annotation="))
        .collect();
    assert_eq!(annotations, ["--annotation=team=blue"]);
}

#[test]
fn the_service_container_is_named_after_the_sha256_of_the_yaml_bytes() {
    // sha256 of the three bytes "abc" begins ba7816bf8f01.
    assert_eq!(service_name(b"abc"), "ba7816bf8f01-service");
    // Every byte counts, a trailing newline too: another file, another service.
    assert_ne!(service_name(b"abc\n"), service_name(b"abc"));
    // sha256 of nothing begins e3b0c44298fc.
    assert_eq!(service_name(b""), "e3b0c44298fc-service");
}

#[test]
fn sdnotify_annotations_set_each_containers_policy_the_containers_own_first() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    io.containers.sdnotify: container
    io.containers.sdnotify/b: conmon
    io.containers.sdnotify/c: ignore
spec:
  initContainers:
  - {name: setup, image: busybox}
  containers:
  - {name: a, image: busybox}
  - {name: b, image: busybox}
  - {name: c, image: busybox}
"#;
    let plan = plan_of(yaml).unwrap();
    let policies: Vec<_> = plan.pods[0].containers.iter().map(|c| c.sdnotify).collect();
    assert_eq!(
        policies,
        [Some(Notify::Container), Some(Notify::Conmon), None]
    );
    // Init containers are never waited for.
    assert_eq!(plan.pods[0].init[0].sdnotify, None);
    // The annotations stay the containers' own, as Podman keeps them.
    assert!(plan.pods[0].containers[0]
        .args
        .contains(&"--annotation=io.containers.sdnotify=container".to_string()));
}

#[test]
fn sdnotify_is_ignore_unless_asked_and_a_bad_policy_names_its_key() {
    let plain = plan_of(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i}]\n",
    )
    .unwrap();
    assert_eq!(plain.pods[0].containers[0].sdnotify, None);
    let mut o = opts();
    o.annotations = vec![("io.containers.sdnotify".into(), "healthy".into())];
    let docs = parse(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i}]\n",
        "t.yaml",
    )
    .unwrap();
    // `--annotation` counts as the pod's.
    assert_eq!(
        plan(&docs, &o).unwrap().pods[0].containers[0].sdnotify,
        Some(Notify::Healthy)
    );
    let bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    \
               metadata:\n      annotations: {io.containers.sdnotify/a: sometimes}\n    spec:\n      \
               containers: [{name: a, image: i}]\n";
    let e = plan_of(bad).unwrap_err().to_string();
    assert_eq!(
        e,
        "Deployment/d: spec.template.metadata.annotations: io.containers.sdnotify/a: \
         \"sometimes\": expected conmon, container, healthy or ignore"
    );
}
