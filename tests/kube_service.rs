//! `kube play --service-container` through the real binary as the test user, as Podman's
//! `700-play.bats` holds it: the service container named after the YAML's sha256, marked by
//! `IsService`, started before the pod, stopped when the pod's last member ends (`stop`,
//! `pod kill`, `pod stop`), started again with the pod, refused removal while its pod exists,
//! and removed with the pod (`pod rm`, `kube down`, `rm --depend`, `--replace`); a YAML
//! without pods gets none, and `--start=false` is refused.
mod common;

use common::world::{busybox_world, eventually};
use common::TestEnv;
use std::path::PathBuf;

/// Writes `text` as a file the test user can read; its path.
fn yaml_file(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.user().home.join(name);
    std::fs::write(&path, text).unwrap();
    let _ = std::process::Command::new("chmod")
        .arg("644")
        .arg(&path)
        .status();
    path
}

/// One pod `name` of one long-running container `c` (`<name>-c`).
fn pod_yaml(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {{app: test}}\n  name: {name}\nspec:\n  \
         terminationGracePeriodSeconds: 1\n  containers:\n  - name: c\n    image: busybox\n    \
         command: [sleep, \"1000\"]\n"
    )
}

/// The service container's name for the YAML at `path`: Podman's, from the file's bytes.
fn service_of(path: &PathBuf) -> String {
    let hex = common::image::sha256_hex(&std::fs::read(path).unwrap());
    format!("{}-service", &hex[..12])
}

fn running(env: &TestEnv, ctr: &str) -> String {
    let out = env.run_ok(&[
        "container",
        "inspect",
        ctr,
        "--format",
        "{{.State.Running}}",
    ]);
    out.trim().to_string()
}

fn pod_state(env: &TestEnv, pod: &str) -> String {
    let out = env.run_ok(&["pod", "inspect", pod, "--format", "{{.State}}"]);
    out.trim().to_string()
}

#[test]
fn the_service_container_follows_its_pod_from_play_to_removal() {
    let (env, _reg) = busybox_world();
    let file = yaml_file(&env, "svc.yaml", &pod_yaml("test_pod"));
    let service = service_of(&file);
    let out = env.run(&[
        "kube",
        "play",
        "--service-container=true",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.starts_with("Pod:\n"), "{out}");
    assert_eq!(running(&env, &service), "true");
    let is_service = |ctr: &str| {
        let out = env.run_ok(&["container", "inspect", ctr, "--format", "{{.IsService}}"]);
        out.trim().to_string()
    };
    assert_eq!(is_service(&service), "true");
    assert_eq!(is_service("test_pod-c"), "false");
    // An ordinary container of no pod, listed as any other.
    let listed = env.run_ok(&["ps", "--format", "{{.Names}} {{.Pod}}"]);
    assert!(listed.lines().any(|l| l.trim() == service), "{listed}");
    let policy = env.run_ok(&["pod", "inspect", "test_pod", "--format", "{{.ExitPolicy}}"]);
    assert_eq!(policy.trim(), "stop");

    // The pod's only member stops: the pod exits, and its service with it.
    env.run_ok(&["stop", "test_pod-c"]);
    eventually(20, "the pod to exit", || {
        pod_state(&env, "test_pod") == "Exited"
    });
    eventually(20, "the service to stop", || {
        running(&env, &service) == "false"
    });
    assert_eq!(is_service(&service), "true");

    // A restart of the pod starts its service first.
    env.run_ok(&["pod", "restart", "test_pod"]);
    assert_eq!(running(&env, &service), "true");
    assert_eq!(pod_state(&env, "test_pod"), "Running");
    // It stays up: no late end of the pod's previous run stops it.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(running(&env, &service), "true");

    // It goes only with its pod, forced or not.
    let pod_id = env.run_ok(&["pod", "inspect", "test_pod", "--format", "{{.Id}}"]);
    for rm in [&["container", "rm"][..], &["rm", "-f"][..]] {
        let mut args = rm.to_vec();
        args.push(&service);
        let line = env.run(&args).error_125();
        assert!(
            line.starts_with("Error: container ")
                && line.contains(&format!(
                    " is the service container of pod(s) {} and cannot be removed without \
                     removing the pod(s)",
                    pod_id.trim()
                )),
            "{line}"
        );
    }
    assert_eq!(running(&env, &service), "true");

    // A killed pod ends (not restarted, as Podman's kill), and its service with it.
    env.run_ok(&["pod", "kill", "test_pod"]);
    eventually(20, "the service to stop after the kill", || {
        running(&env, &service) == "false"
    });
    eventually(20, "the killed pod to exit", || {
        pod_state(&env, "test_pod") == "Exited"
    });

    // The pod's removal takes its service.
    env.run_ok(&["pod", "rm", "test_pod"]);
    assert_eq!(env.run(&["container", "exists", &service]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn down_replace_and_depend_take_the_service_container_and_bad_uses_are_refused() {
    let (env, _reg) = busybox_world();
    let file = yaml_file(&env, "web.yaml", &pod_yaml("web"));
    let path = file.to_str().unwrap();
    let service = service_of(&file);

    // A service needs started pods: refused before anything is made.
    let line = env
        .run(&["kube", "play", "--service-container", "--start=false", path])
        .error_125();
    assert!(line.contains("--service-container"), "{line}");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");

    // A YAML without pods gets no service container, as with Podman.
    let claim = yaml_file(
        &env,
        "claim.yaml",
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: svcdata}\n",
    );
    env.run_ok(&[
        "kube",
        "play",
        "--service-container",
        claim.to_str().unwrap(),
    ]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    env.run_ok(&["volume", "rm", "svcdata"]);

    // `pod stop` stops the service when it returns; `pod start` starts it first.
    env.run_ok(&["kube", "play", "--service-container", path]);
    let first = env.run_ok(&["container", "inspect", &service, "--format", "{{.Id}}"]);
    env.run_ok(&["pod", "stop", "-t", "0", "web"]);
    assert_eq!(running(&env, &service), "false");
    env.run_ok(&["pod", "start", "web"]);
    assert_eq!(running(&env, &service), "true");

    // A second play is refused; --replace makes pod and service again.
    env.run(&["kube", "play", "--service-container", path])
        .error_125();
    env.run_ok(&["kube", "play", "--replace", "--service-container", path]);
    let second = env.run_ok(&["container", "inspect", &service, "--format", "{{.Id}}"]);
    assert_ne!(first.trim(), second.trim());
    assert_eq!(running(&env, &service), "true");

    // `kube down` removes it with the pod.
    let out = env.run_ok(&["kube", "down", path]);
    assert!(out.contains("Pods removed:"), "{out}");
    assert_eq!(env.run(&["container", "exists", &service]).code, Some(1));
    assert_eq!(env.run_ok(&["pod", "ps", "-q"]).trim(), "");
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");

    // `rm --depend` takes the pods it serves, then it.
    env.run_ok(&["kube", "play", "--service-container", path]);
    env.run_ok(&["rm", "--depend", "-f", "-t", "0", &service]);
    assert_eq!(env.run(&["pod", "exists", "web"]).code, Some(1));
    assert_eq!(env.run(&["container", "exists", &service]).code, Some(1));
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
}
