//! `run` flags Podman's scripts use: `--tz` (a zone name, the last one winning, or the host's
//! own), `--rmi` (the image goes with the container unless another uses it),
//! `--conmon-pidfile` (the supervisor's pid) and `--annotation`, through the real binary as
//! the test user.
mod common;

use common::world::busybox_world;

#[test]
fn tz_sets_the_containers_local_time_and_the_last_one_wins() {
    let (env, _reg) = busybox_world();
    // /etc/passwd of the image has the layer's mtime; only the zone name matters here.
    let utc = env.run_ok(&["run", "--rm", "busybox", "date", "+%Z"]);
    assert_eq!(utc.trim(), "UTC");
    let mst = env.run_ok(&[
        "run",
        "--rm",
        "--tz=US/Eastern",
        "--tz=MST7MDT",
        "busybox",
        "date",
        "+%Z",
    ]);
    assert!(matches!(mst.trim(), "MST" | "MDT"), "{mst}");
    let line = env
        .run(&["run", "--rm", "--tz=Nowhere/Zone", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("--tz") && line.contains("Nowhere/Zone"),
        "{line}"
    );
    let line = env
        .run(&["run", "--rm", "--tz=../../etc/passwd", "busybox", "true"])
        .error_125();
    assert!(line.contains("--tz"), "{line}");
}

#[test]
fn rmi_removes_the_image_only_when_no_other_container_uses_it() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["run", "--name", "keep", "busybox", "true"]);
    env.run_ok(&["run", "--rmi", "--rm", "busybox", "true"]);
    assert_eq!(
        env.run(&["image", "exists", "busybox"]).code,
        Some(0),
        "kept: in use"
    );
    env.run_ok(&["rm", "keep"]);
    let out = env.run_ok(&["run", "--rmi", "--rm", "busybox", "echo", "hi"]);
    assert_eq!(out, "hi\n", "only the container's output");
    assert_eq!(
        env.run(&["image", "exists", "busybox"]).code,
        Some(1),
        "removed"
    );
    let line = env.run(&["run", "--rmi", "busybox", "true"]).error_125();
    assert!(line.contains("--rm"), "{line}");
}

#[test]
fn conmon_pidfile_holds_the_supervisors_pid() {
    let (env, _reg) = busybox_world();
    let file = env.user().home.join("sup.pid");
    let f = file.to_str().unwrap();
    env.run_ok(&[
        "run",
        "-d",
        "--name",
        "p",
        "--conmon-pidfile",
        f,
        "busybox",
        "sleep",
        "1000",
    ]);
    let pid: i32 = std::fs::read_to_string(&file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
    assert!(comm.starts_with("rcon-sup"), "{comm}");
    env.run_ok(&["rm", "-f", "-t", "0", "p"]);
}

#[test]
fn attach_shows_only_the_streams_asked_for() {
    let (env, _reg) = busybox_world();
    let both = "echo to-out; echo to-err >&2";
    let out = env.run(&["run", "--rm", "-a", "stderr", "busybox", "sh", "-c", both]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", "to-err\n"));
    let out = env.run(&[
        "run", "--rm", "--attach", "stdout", "busybox", "sh", "-c", both,
    ]);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("to-out\n", ""));
    // Neither output: the ID, as Podman prints it.
    let out = env.run_ok(&[
        "run", "--name", "quiet", "-a", "stdin", "busybox", "echo", "hi",
    ]);
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "quiet"]);
    assert_eq!(out.trim(), id.trim());
    let line = env
        .run(&["run", "-d", "-a", "stdout", "busybox", "true"])
        .error_125();
    assert!(
        line.contains("--attach") && line.contains("--detach"),
        "{line}"
    );
    let line = env
        .run(&["run", "-a", "stdweird", "busybox", "true"])
        .error_125();
    assert!(line.contains("stdweird"), "{line}");
}

#[test]
fn run_from_a_docker_archive_loads_it_first() {
    let (env, _reg) = busybox_world();
    let archive = env.user().home.join("bb.tar");
    let a = archive.to_str().unwrap();
    env.run_ok(&["save", "-o", a, "busybox"]);
    env.run_ok(&["rmi", "busybox"]);
    let out = env.run_ok(&[
        "run",
        "--rm",
        &format!("docker-archive:{a}"),
        "echo",
        "from-archive",
    ]);
    assert_eq!(out, "from-archive\n");
    assert_eq!(
        env.run(&["image", "exists", "busybox"]).code,
        Some(0),
        "loaded on the way"
    );
    let line = env
        .run(&["run", "--rm", "docker-archive:/no/such.tar", "true"])
        .error_125();
    assert!(line.contains("/no/such.tar"), "{line}");
}

/// `--annotation KEY=VALUE` lands in the container's OCI spec and in `inspect`'s
/// `Config.Annotations`; `kube play` gives a pod's `metadata.annotations` and its own
/// `--annotation` to every container. A value without `=` is refused.
#[test]
fn annotations_reach_inspect_from_run_and_kube_play() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "create",
        "--name",
        "ann",
        "--annotation",
        "a.b/c=one",
        "--annotation",
        "empty=",
        "busybox",
    ]);
    let got = env.run_ok(&["inspect", "--format", "{{json .Config.Annotations}}", "ann"]);
    assert_eq!(got.trim(), r#"{"a.b/c":"one","empty":""}"#);
    let line = env
        .run(&["create", "--annotation", "novalue", "busybox"])
        .error_125();
    assert!(
        line.contains("--annotation") && line.contains("KEY=VALUE"),
        "{line}"
    );
    let yaml = env.user().write_file(
        "ann.yaml",
        "kind: Pod\nmetadata:\n  name: annpod\n  annotations: {from.yaml: y, over: yaml}\nspec:\n  \
         containers: [{name: c, image: busybox, command: [sleep, \"100\"]}]\n",
    );
    let y = yaml.display().to_string();
    env.run_ok(&[
        "kube",
        "play",
        "--start=false",
        "--annotation",
        "over=flag",
        &y,
    ]);
    let got = env.run_ok(&[
        "inspect",
        "--format",
        "{{json .Config.Annotations}}",
        "annpod-c",
    ]);
    assert_eq!(got.trim(), r#"{"from.yaml":"y","over":"flag"}"#);
    // kube generate writes them back as the pod's annotations.
    let yaml = env.run_ok(&["kube", "generate", "annpod"]);
    assert!(
        yaml.contains("annotations:") && yaml.contains("from.yaml: y"),
        "{yaml}"
    );
    env.run_ok(&["kube", "down", &y]);
}
