//! `kube play`, `kube down` and `kube generate` through the real binary as the test user: a
//! ConfigMap, a Secret and a Pod with an init container, a shared emptyDir, a ConfigMap volume,
//! env from both and from the pod's own fields, and a published port served from the pod;
//! Deployments' replicas, a Job's exit code, unknown kinds and fields named in warnings; bad
//! YAML as one line naming the place; `kube down` leaving nothing; and generated YAML checked
//! against the Kubernetes API models (the official Python client, strictly) and played back.
mod common;

use common::world::{busybox_world, eventually};
use common::TestEnv;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The Python with the official Kubernetes client that contrib/ci/setup.sh installs.
const SCHEMA_PYTHON: &str = "/var/cache/rcon-ci/venv/bin/python3";

fn http_get(port: u16, want: &str) -> String {
    common::world::http_get_until(port, want, 20)
}

/// Writes `text` as a file the test user can read; its path.
fn yaml_file(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    env.user().write_file(name, text)
}

fn app(port: u16) -> String {
    format!(
        r#"apiVersion: v1
kind: ConfigMap
metadata: {{name: site}}
data: {{index.html: "hello from a configmap\n", MODE: fast}}
---
apiVersion: v1
kind: Secret
metadata: {{name: creds}}
data: {{PASSWORD: aHVudGVyMg==}}
---
apiVersion: v1
kind: Pod
metadata:
  name: shop
  labels: {{tier: front}}
spec:
  volumes:
  - {{name: www, configMap: {{name: site, items: [{{key: index.html, path: index.html}}]}}}}
  - {{name: shared, emptyDir: {{}}}}
  initContainers:
  - name: setup
    image: busybox
    command: [sh, -c, "echo prepared > /shared/ready"]
    volumeMounts: [{{name: shared, mountPath: /shared}}]
  containers:
  - name: web
    image: busybox
    command: [busybox, httpd, -f, -p, "80", -h, /www]
    ports: [{{containerPort: 80, hostPort: {port}}}]
    volumeMounts: [{{name: www, mountPath: /www, readOnly: true}}]
  - name: worker
    image: busybox
    command: [sh, -c]
    args: ["cat /shared/ready; echo mode=$MODE pw=$PW pod=$POD; sleep 1000"]
    env:
    - {{name: MODE, valueFrom: {{configMapKeyRef: {{name: site, key: MODE}}}}}}
    - {{name: PW, valueFrom: {{secretKeyRef: {{name: creds, key: PASSWORD}}}}}}
    - {{name: POD, valueFrom: {{fieldRef: {{fieldPath: metadata.name}}}}}}
    volumeMounts: [{{name: shared, mountPath: /shared}}]
    livenessProbe: {{exec: {{command: ["true"]}}}}
"#
    )
}

/// Nothing of the test's pods is left: no pod, container, emptyDir volume or process.
fn nothing_left(env: &TestEnv) {
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    let vols = env.run_ok(&["volume", "ls", "-q"]);
    assert!(!vols.contains("shop-shared"), "{vols}");
}

#[test]
fn play_runs_the_pod_with_its_init_container_config_and_port_and_down_removes_it() {
    let (env, _reg) = busybox_world();
    let port = common::registry::free_port();
    let file = yaml_file(&env, "app.yaml", &app(port));
    let out = env.run(&["kube", "play", file.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.starts_with("Pod:\n"), "{out}");
    // The unsupported probe is named, not dropped silently.
    assert!(out.stderr.contains("livenessProbe"), "{out}");
    assert!(http_get(port, "hello from a configmap").contains("200"));
    eventually(20, "the worker to log", || {
        env.run_ok(&["logs", "shop-worker"]).contains("pod=shop")
    });
    let logs = env.run_ok(&["logs", "shop-worker"]);
    assert!(
        logs.contains("prepared"),
        "the init container ran first: {logs}"
    );
    assert!(logs.contains("mode=fast pw=hunter2 pod=shop"), "{logs}");
    let names = env.run_ok(&["ps", "-a", "--filter", "pod=shop", "--format", "{{.Names}}"]);
    for n in ["shop-setup", "shop-web", "shop-worker"] {
        assert!(names.contains(n), "{n}: {names}");
    }
    // A second play of the same YAML is refused, naming the pod.
    let line = env
        .run(&["kube", "play", file.to_str().unwrap()])
        .error_125();
    assert!(
        line.contains("shop") && line.contains("--replace"),
        "{line}"
    );
    // --replace makes it again.
    env.run_ok(&["kube", "play", "--replace", file.to_str().unwrap()]);
    let out = env.run_ok(&["kube", "down", file.to_str().unwrap()]);
    assert!(out.contains("Pods removed:"), "{out}");
    nothing_left(&env);
}

#[test]
fn deployments_jobs_and_unknown_kinds() {
    let (env, _reg) = busybox_world();
    let yaml = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{name: c, image: busybox, command: [sleep, "1000"]}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {ports: [{port: 80}]}
"#;
    let file = yaml_file(&env, "api.yaml", yaml);
    let out = env.run(&["kube", "play", file.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("Service"), "{out}");
    let pods = env.run_ok(&["pod", "ps", "--format", "{{.Name}} {{.Status}}"]);
    assert!(
        pods.contains("api-pod-0 Running") && pods.contains("api-pod-1 Running"),
        "{pods}"
    );
    env.run_ok(&["kube", "down", file.to_str().unwrap()]);
    let job = r#"
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sh, -c, "echo done; exit 3"]}]
"#;
    let file = yaml_file(&env, "job.yaml", job);
    let out = env.run(&["kube", "play", file.to_str().unwrap()]);
    assert_eq!(out.code, Some(3), "the job's exit code: {out}");
    assert!(out.stderr.contains("once-pod-c exited with 3"), "{out}");
    // Played pods stop with their last container, as Podman plays them.
    let inspect = [
        "pod",
        "inspect",
        "--format",
        "{{.ExitPolicy}} {{.State}}",
        "once-pod",
    ];
    let mut state = env.run_ok(&inspect);
    for _ in 0..100 {
        if state.trim() == "stop Exited" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        state = env.run_ok(&inspect);
    }
    assert_eq!(state.trim(), "stop Exited");
    env.run_ok(&["kube", "down", file.to_str().unwrap()]);
    nothing_left(&env);
}

#[test]
fn bad_yaml_is_one_line_naming_the_place_and_makes_nothing() {
    let (env, _reg) = busybox_world();
    let cases = [
        ("syntax.yaml", "kind: Pod\nmetadata:\n  name: [p\n", "line"),
        ("noimage.yaml", "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n", "spec.containers[0].image"),
        ("kind.yaml", "metadata: {name: p}\n", "no kind"),
        ("ref.yaml", "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: busybox, env: [{name: X, valueFrom: {secretKeyRef: {name: nope, key: k}}}]}]}\n", "nope"),
        ("hostpath.yaml", "kind: Pod\nmetadata: {name: p}\nspec: {volumes: [{name: v, hostPath: {path: /no/such/dir, type: Directory}}], containers: [{name: c, image: busybox}]}\n", "/no/such/dir"),
    ];
    for (name, yaml, want) in cases {
        let file = yaml_file(&env, name, yaml);
        let line = env
            .run(&["kube", "play", file.to_str().unwrap()])
            .error_125();
        assert!(line.contains(want), "{name}: {line}");
    }
    let line = env.run(&["kube", "play", "/no/such.yaml"]).error_125();
    assert!(line.contains("/no/such.yaml"), "{line}");
    nothing_left(&env);
}

fn schema_check(path: &Path) {
    let out = std::process::Command::new(SCHEMA_PYTHON)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kube/schema.py"))
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{SCHEMA_PYTHON}: {e} (contrib/ci/setup.sh installs it)"));
    assert!(
        out.status.success(),
        "{}: {}{}",
        path.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn generated_yaml_is_valid_kubernetes_and_plays_back_into_the_same_pod() {
    let (env, _reg) = busybox_world();
    let port = common::registry::free_port();
    let file = yaml_file(&env, "app.yaml", &app(port));
    env.run_ok(&["kube", "play", file.to_str().unwrap()]);
    http_get(port, "hello from a configmap");
    for (name, flags) in [
        ("pod.yaml", vec!["-s"]),
        ("deploy.yaml", vec!["-t", "deployment"]),
    ] {
        let mut args = vec!["kube", "generate"];
        args.extend(flags);
        args.push("shop");
        let yaml = env.run_ok(&args);
        let path = yaml_file(&env, name, &yaml);
        schema_check(&path);
    }
    // A lone container is a pod of one.
    env.run_ok(&[
        "run", "-d", "--name", "solo", "-e", "K=V", "--memory", "64m", "busybox", "sleep", "1000",
    ]);
    let solo = yaml_file(
        &env,
        "solo.yaml",
        &env.run_ok(&["kube", "generate", "solo"]),
    );
    schema_check(&solo);
    // Podman's own annotations and capabilities, for Podman's kube play to read back.
    let doc: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(&solo).unwrap()).unwrap();
    let created = doc["metadata"]["creationTimestamp"]
        .as_str()
        .unwrap_or_default();
    assert!(created.starts_with("20") && created.ends_with('Z'), "{doc}");
    let notes = &doc["metadata"]["annotations"];
    assert_eq!(notes["io.kubernetes.cri-o.TTY/solo"], "false", "{doc}");
    assert_eq!(
        notes["io.podman.annotations.autoremove/solo"], "FALSE",
        "{doc}"
    );
    let caps = &doc["spec"]["containers"][0]["securityContext"]["capabilities"];
    assert_eq!(
        caps["drop"],
        serde_json::json!(["CAP_MKNOD", "CAP_NET_RAW", "CAP_AUDIT_WRITE"]),
        "{doc}"
    );
    env.run_ok(&["rm", "-f", "-t", "0", "solo"]);
    // A pod with nothing but its infra has nothing to write.
    env.run_ok(&["pod", "create", "--name", "bare"]);
    let line = env.run(&["kube", "generate", "bare"]).error_125();
    assert!(line.contains("only has an infra container"), "{line}");
    env.run_ok(&["pod", "rm", "bare"]);
    // The generated pod, played after the original is gone, serves the same.
    let gen = yaml_file(&env, "gen.yaml", &env.run_ok(&["kube", "generate", "shop"]));
    env.run_ok(&["kube", "down", file.to_str().unwrap()]);
    let out = env.run(&["kube", "play", gen.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{out}");
    http_get(port, "hello from a configmap");
    eventually(20, "the worker to log again", || {
        env.run_ok(&["logs", "shop-worker"])
            .contains("mode=fast pw=hunter2 pod=shop")
    });
    env.run_ok(&["kube", "down", gen.to_str().unwrap()]);
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
}

#[test]
fn play_build_makes_the_image_from_the_folder_named_after_it() {
    let (env, _reg) = busybox_world();
    let home = env.user().home.clone();
    let dir = home.join("kubebuilt");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Containerfile"),
        "FROM busybox\nRUN echo built-by-kube > /built\n",
    )
    .unwrap();
    let _ = std::process::Command::new("chown")
        .arg("-R")
        .arg(format!("{}:{}", env.user().uid, env.user().gid))
        .arg(&dir)
        .status();
    let yaml = "kind: Pod\nmetadata: {name: b}\nspec:\n  restartPolicy: Never\n  containers: [{name: c, image: localhost/kubebuilt:1, command: [cat, /built]}]\n";
    let file = yaml_file(&env, "b.yaml", yaml);
    let out = env.run(&["kube", "play", "--build", file.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{out}");
    eventually(20, "the built image's file in the log", || {
        env.run_ok(&["logs", "b-c"]).contains("built-by-kube")
    });
    env.run_ok(&["kube", "down", file.to_str().unwrap()]);
    // The folders are looked for in --context-dir, else in the working folder only (the
    // user's home here): from another working folder, nothing is built and the unknown image
    // cannot be pulled.
    env.run_ok(&["rmi", "-f", "localhost/kubebuilt:1"]);
    let elsewhere = env
        .user()
        .rcon(&["kube", "play", "--build", file.to_str().unwrap()]);
    let mut elsewhere = elsewhere;
    elsewhere.current_dir("/");
    let out = common::run_command(elsewhere, None, common::DEFAULT_TIMEOUT);
    assert_eq!(out.code, Some(125), "{out}");
    // The pod that could not be made whole is not left half-made.
    assert_eq!(env.run(&["pod", "exists", "b"]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    let mut ctx = env.user().rcon(&[
        "kube",
        "play",
        "--build",
        "--context-dir",
        home.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    ctx.current_dir("/");
    let out = common::run_command(ctx, None, common::DEFAULT_TIMEOUT);
    assert_eq!(out.code, Some(0), "{out}");
    env.run_ok(&["image", "exists", "localhost/kubebuilt:1"]);
    env.run_ok(&["kube", "down", file.to_str().unwrap()]);
}

#[test]
fn a_killed_play_of_three_pods_leaves_each_whole_or_gone_after_down() {
    let (env, _reg) = busybox_world();
    let mut yaml = String::new();
    for i in 0..3 {
        yaml.push_str(&format!(
            "---\nkind: Pod\nmetadata: {{name: k{i}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers: [{{name: c, image: busybox, command: [sleep, \"1000\"]}}]\n"
        ));
    }
    let file = yaml_file(&env, "three.yaml", &yaml);
    for delay in [20, 60, 120, 250] {
        let mut child = env
            .user()
            .rcon(&["kube", "play", file.to_str().unwrap()])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // A pod the killed play made holds its infra and its one container at most (none when
        // the kill came between the pod's record and its infra) …
        let pods = env.run_ok(&["pod", "ps", "--format", "{{.Name}} {{.NumberOfContainers}}"]);
        for line in pods.lines() {
            assert!(
                [" 2", " 1", " 0"].iter().any(|n| line.ends_with(n)),
                "after {delay} ms: {pods}"
            );
        }
        // … and down takes all of it.
        env.run_ok(&["kube", "down", file.to_str().unwrap()]);
        assert_eq!(
            env.run_ok(&["pod", "ps", "-q"]).trim(),
            "",
            "after {delay} ms"
        );
        assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "", "after {delay} ms");
    }
}
