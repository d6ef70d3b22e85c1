//! The image endpoints of `rcon system service`, driven by the docker CLI (28): pull, list,
//! inspect, tag, push, remove, prune, save and load, the classic builder and history; and what
//! bad requests get.
mod common;

use common::api::{Service, DOCKER};
use common::world::busybox_world;
use common::{run_command, Output};
use std::time::Duration;

/// The docker CLI with extra environment, to completion.
fn docker_env(svc: &Service, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = svc.client(DOCKER, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_command(cmd, None, Duration::from_secs(180))
}

/// `docker image inspect --format '{{.Id}}' name`.
fn image_id(svc: &Service, name: &str) -> String {
    svc.docker_ok(&["image", "inspect", "--format", "{{.Id}}", name])
        .trim()
        .to_string()
}

#[test]
fn docker_pulls_lists_inspects_tags_and_removes_images() {
    let (env, reg) = busybox_world();
    let svc = Service::start(&env);
    // The only name: the image and its layers go.
    let out = svc.docker_ok(&["rmi", "busybox"]);
    assert!(out.contains("Untagged: busybox:latest"), "{out}");
    assert!(out.contains("Deleted: sha256:"), "{out}");
    let out = svc.docker(&["image", "inspect", "busybox"], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("No such image"), "{out}");

    let out = svc.docker_ok(&["pull", "busybox"]);
    assert!(out.contains("Pull complete"), "{out}");
    assert!(out.contains("Digest: sha256:"), "{out}");
    assert!(
        out.contains("Status: Downloaded newer image for busybox:latest"),
        "{out}"
    );
    let again = svc.docker_ok(&["pull", "busybox"]);
    assert!(
        again.contains("Image is up to date for busybox:latest"),
        "{again}"
    );
    let full = format!("{}/library/busybox", reg.host());
    let out = svc.docker_ok(&["pull", &full]);
    assert!(
        out.contains("Already exists"),
        "the layers are shared: {out}"
    );

    let listed = svc.docker_ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    assert!(listed.contains("busybox:latest "), "{listed}");
    assert!(listed.contains(&format!("{full}:latest ")), "{listed}");

    let id = image_id(&svc, "busybox");
    assert!(id.starts_with("sha256:") && id.len() == 71, "{id}");
    let out = svc.docker_ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.Cmd}} {{.RootFS.Type}} {{len .RootFS.Layers}} {{.Os}}",
        "busybox",
    ]);
    assert_eq!(out.trim(), r#"["sh"] layers 1 linux"#);

    svc.docker_ok(&["tag", "busybox", "mine/app:v1"]);
    assert_eq!(image_id(&svc, "mine/app:v1"), id);
    let listed = svc.docker_ok(&[
        "images",
        "--filter",
        "reference=*app*",
        "--format",
        "{{.Repository}}:{{.Tag}}",
    ]);
    assert_eq!(listed.trim(), "mine/app:v1", "{listed}");
    // One of several names: only the name goes.
    let out = svc.docker_ok(&["rmi", "mine/app:v1"]);
    assert!(out.contains("Untagged: mine/app:v1"), "{out}");
    assert!(!out.contains("Deleted"), "{out}");
    assert_eq!(image_id(&svc, "busybox"), id);

    let hist = svc.docker_ok(&["history", "--no-trunc", "--format", "{{.ID}}", "busybox"]);
    assert_eq!(hist.lines().next(), Some(id.as_str()), "{hist}");

    // A container uses busybox: removing it is a conflict, in Docker's words.
    env.run_ok(&["create", "--name", "user1", "busybox"]);
    let out = svc.docker_ok(&["rmi", &full]);
    assert!(
        out.contains("Untagged:") && !out.contains("Deleted"),
        "{out}"
    );
    let out = svc.docker(&["rmi", "busybox"], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(
        out.stderr
            .contains("conflict: unable to remove repository reference")
            && out.stderr.contains("(must force)"),
        "{out}"
    );
    let (status, body) = svc.request("DELETE", &format!("/images/{}", &id[7..]), b"");
    assert_eq!(status, 409, "{body}");
    assert_eq!(image_id(&svc, "busybox"), id, "the image is still there");
    svc.docker_ok(&["tag", "busybox", "second:name"]);
    let out = svc.docker(&["rmi", &id[7..19]], 60);
    assert!(
        out.stderr.contains("referenced in multiple repositories"),
        "{out}"
    );
}

#[test]
fn docker_pushes_to_the_registry_and_pulls_the_image_back() {
    let (env, reg) = busybox_world();
    let svc = Service::start(&env);
    let target = format!("{}/pushed/bb:v2", reg.host());
    svc.docker_ok(&["tag", "busybox", &target]);
    let out = svc.docker_ok(&["push", &target]);
    assert!(
        out.contains(&format!(
            "The push refers to repository [{}/pushed/bb]",
            reg.host()
        )),
        "{out}"
    );
    assert!(out.contains("v2: digest: sha256:"), "{out}");
    svc.docker_ok(&["rmi", &target]);
    let out = svc.docker_ok(&["pull", &target]);
    assert!(out.contains("Downloaded newer image"), "{out}");
    assert_eq!(image_id(&svc, &target), image_id(&svc, "busybox"));
    // What the registry has under a name, without pulling it.
    let (status, body) = svc.request("GET", &format!("/distribution/{target}/json"), b"");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        v["Descriptor"]["digest"]
            .as_str()
            .unwrap()
            .starts_with("sha256:"),
        "{v}"
    );
    assert_eq!(v["Platforms"][0]["os"], "linux", "{v}");
    let (status, body) = svc.request(
        "GET",
        &format!("/distribution/{}/nosuch/thing/json", reg.host()),
        b"",
    );
    assert_eq!(status, 404, "{body}");
    let out = svc.docker(&["push", "nosuch/image:v1"], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("does not exist locally"), "{out}");
}

#[test]
fn docker_save_and_load_round_trip_an_image() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let id = image_id(&svc, "busybox");
    let archive = env.user().home.join("bb.tar");
    svc.docker_ok(&["save", "-o", archive.to_str().unwrap(), "busybox"]);
    let size = std::fs::metadata(&archive).unwrap().len();
    assert!(size > 10_000, "the archive holds the layer: {size} bytes");
    svc.docker_ok(&["rmi", "busybox"]);
    let out = svc.docker_ok(&["load", "-i", archive.to_str().unwrap()]);
    assert!(out.contains("Loaded image: busybox:latest"), "{out}");
    assert_eq!(image_id(&svc, "busybox"), id);
    // A body that is not an archive: an error in the stream, and the store as it was.
    let (status, body) = svc.request("POST", "/images/load", b"not a tar at all, not at all");
    assert!(
        status == 200 && body.contains("errorDetail"),
        "{status} {body}"
    );
    assert_eq!(image_id(&svc, "busybox"), id);
}

#[test]
fn the_classic_builder_builds_with_copy_and_run_and_prune_removes_the_old_one() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let user = env.user();
    let ctx = user.home.join("ctx");
    user.write_file(ctx.join("hello.txt"), "hello from the context\n");
    user.write_file(
        ctx.join("Dockerfile"),
        "FROM busybox\nARG MSG=none\nCOPY hello.txt /hello.txt\nRUN cp /hello.txt /copy.txt && echo $MSG > /msg.txt\n",
    );
    let ctx_s = ctx.to_str().unwrap();
    let out = docker_env(
        &svc,
        &[("DOCKER_BUILDKIT", "0")],
        &["build", "-t", "x", ctx_s],
    );
    assert_eq!(out.code, Some(0), "{out}");
    assert!(out.stdout.contains("Step 1/4 : FROM busybox"), "{out}");
    assert!(
        out.stdout
            .contains("Step 4/4 : RUN cp /hello.txt /copy.txt"),
        "{out}"
    );
    assert!(out.stdout.contains("Successfully built "), "{out}");
    assert!(out.stdout.contains("Successfully tagged x:latest"), "{out}");
    let first = image_id(&svc, "x");
    let copied = env.run_ok(&["run", "--rm", "docker.io/library/x", "cat", "/copy.txt"]);
    assert_eq!(copied, "hello from the context\n");
    let hist = svc.docker_ok(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", "x"]);
    assert!(
        hist.contains("COPY hello.txt /hello.txt") && hist.contains("cp /hello.txt /copy.txt"),
        "{hist}"
    );

    // A second build takes the name: the first image is dangling, and prune removes it.
    user.write_file(ctx.join("hello.txt"), "changed\n");
    let out = docker_env(
        &svc,
        &[("DOCKER_BUILDKIT", "0")],
        &[
            "build",
            "-q",
            "--build-arg",
            "MSG=hi",
            "--label",
            "team=a",
            "-t",
            "x",
            ctx_s,
        ],
    );
    assert_eq!(out.code, Some(0), "{out}");
    let second = image_id(&svc, "x");
    let msg = env.run_ok(&["run", "--rm", "docker.io/library/x", "cat", "/msg.txt"]);
    assert_eq!(msg, "hi\n", "the build argument reached the RUN step");
    let label = svc.docker_ok(&[
        "image",
        "inspect",
        "--format",
        "{{index .Config.Labels \"team\"}}",
        "x",
    ]);
    assert_eq!(label.trim(), "a");
    assert_ne!(first, second);
    assert_eq!(out.stdout.trim(), second, "-q prints the ID alone");
    let dangling = svc.docker_ok(&["images", "-q", "--no-trunc", "--filter", "dangling=true"]);
    assert!(dangling.contains(&first), "{dangling}");
    let out = svc.docker_ok(&["image", "prune", "-f"]);
    assert!(out.contains(&format!("deleted: {first}")), "{out}");
    let out = svc.docker(&["image", "inspect", &first], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert_eq!(image_id(&svc, "busybox").len(), 71, "named images stay");
}

/// A tar stream of regular files (any names, `../` too), and its end.
fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in files {
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..108].copy_from_slice(b"0000644\0");
        h[108..116].copy_from_slice(b"0000000\0");
        h[116..124].copy_from_slice(b"0000000\0");
        h[124..136].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
        h[136..148].copy_from_slice(b"00000000000\0");
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.extend_from_slice(&[0u8; 1024]);
    out
}

#[test]
fn commit_and_import_make_images_through_the_api() {
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    env.run_ok(&["create", "--name", "c1", "busybox"]);
    let (status, body) = svc.request(
        "POST",
        "/commit?container=c1&repo=committed&tag=t1&comment=made+here&changes=ENV+A%3Db",
        br#"{"Cmd": ["echo", "hi"]}"#,
    );
    assert_eq!(status, 201, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = v["Id"].as_str().unwrap().to_string();
    assert_eq!(image_id(&svc, "committed:t1"), id);
    let out = svc.docker_ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.Cmd}} {{.Comment}} {{json .Config.Env}}",
        "committed:t1",
    ]);
    assert!(out.starts_with(r#"["echo","hi"] made here"#), "{out}");
    assert!(out.contains("A=b"), "{out}");
    let (status, body) = svc.request("POST", "/commit?container=nosuch", b"");
    assert_eq!(status, 404, "{body}");

    let tar = tar_of(&[("hello.txt", b"imported\n")]);
    let (status, body) = svc.request(
        "POST",
        "/images/create?fromSrc=-&repo=imported&tag=v1",
        &tar,
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""status":"sha256:"#), "{body}");
    let out = svc.docker_ok(&[
        "image",
        "inspect",
        "--format",
        "{{len .RootFS.Layers}}",
        "imported:v1",
    ]);
    assert_eq!(out.trim(), "1");
    let (status, body) = svc.request(
        "POST",
        "/images/create?fromSrc=http://example.invalid/x.tar",
        b"",
    );
    assert_eq!(status, 501, "{body}");

    // Two images in one archive.
    let (status, body) = svc.request("GET", "/images/get?names=busybox&names=imported:v1", b"");
    assert_eq!(status, 200);
    assert!(body.contains("manifest.json"), "a docker archive");
}

#[test]
fn a_pull_from_a_registry_that_wants_a_login_uses_x_registry_auth() {
    use base64::Engine as _;
    let env = common::TestEnv::new();
    let reg = common::Registry::start_token_auth(&env, "alice", "s3cret");
    let img = common::image::ImageSpec::oci()
        .layer(common::image::busybox_layer(
            common::image::Compression::Gzip,
        ))
        .build();
    reg.push("private/app:1", &img);
    env.write_registries_conf(&reg);
    let svc = Service::start(&env);
    let path = format!("/images/create?fromImage={}/private/app&tag=1", reg.host());
    let (status, body) = svc.request("POST", &path, b"");
    assert!(
        status >= 400 || body.contains("errorDetail"),
        "{status} {body}"
    );
    let auth =
        serde_json::json!({"username": "alice", "password": "s3cret", "serveraddress": reg.host()});
    let header = base64::engine::general_purpose::URL_SAFE.encode(auth.to_string());
    let (status, body) = svc
        .try_request("POST", &path, &[("X-Registry-Auth", &header)], b"")
        .unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Downloaded newer image"), "{body}");
    let name = format!("{}/private/app:1", reg.host());
    assert!(image_id(&svc, &name).starts_with("sha256:"));
}

#[test]
fn bad_image_requests_get_docker_errors_and_write_nothing() {
    let (env, reg) = busybox_world();
    let svc = Service::start(&env);
    let (status, body) = svc.request("GET", "/images/nosuch/json", b"");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("No such image: nosuch"), "{body}");
    let path = format!("/images/create?fromImage={}/nosuch&tag=latest", reg.host());
    let (status, body) = svc.request("POST", &path, b"");
    assert_eq!(status, 404, "{body}");
    let out = svc.docker(&["pull", &format!("{}/nosuch/thing", reg.host())], 60);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(out.stderr.contains("Error response from daemon"), "{out}");

    let (status, body) = svc.request("POST", "/build?t=y&buildargs=%7Bnot", b"");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("buildargs"), "{body}");

    // A context whose entry climbs out: refused, and nothing lands outside.
    let escape = format!("rcon-escape-{}", std::process::id());
    let name = format!("../../../../../../../../tmp/{escape}");
    let tar = tar_of(&[
        ("Dockerfile", b"FROM busybox\nCOPY . /\n"),
        (&name, b"escaped\n"),
    ]);
    let (status, body) = svc.request("POST", "/build?t=hostile&dockerfile=Dockerfile", &tar);
    assert_eq!(status, 200, "the build had started: {body}");
    assert!(
        body.contains("errorDetail") && body.contains(&escape),
        "the error names the entry: {body}"
    );
    assert!(!body.contains("Successfully built"), "{body}");
    assert!(!std::path::Path::new("/tmp").join(&escape).exists());
    let out = svc.docker(&["image", "inspect", "hostile"], 60);
    assert_ne!(out.code, Some(0), "no image was made: {out}");

    let (status, body) = svc.request("GET", "/images/search?term=busybox", b"");
    assert_eq!(status, 501, "{body}");
    assert!(body.contains("/images/search"), "{body}");
}

/// Whether a process's command line holds all of `want`.
fn running(want: &[&str]) -> bool {
    std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
        std::fs::read(e.path().join("cmdline"))
            .map(|c| {
                let c = String::from_utf8_lossy(&c);
                want.iter().all(|w| c.contains(w))
            })
            .unwrap_or(false)
    })
}

/// Whether a process runs `sleep <arg>` (the RUN step of a build).
fn sleeping(arg: &str) -> bool {
    running(&[&format!("sleep\0{arg}")])
}

#[test]
fn a_client_that_leaves_mid_build_ends_the_build_and_leaves_the_store_usable() {
    use std::io::{Read, Write};
    let (env, _reg) = busybox_world();
    let svc = Service::start(&env);
    let arg = format!("{}", 40_000 + std::process::id() % 10_000);
    let dockerfile = format!("FROM busybox\nRUN echo $((6*7)) && sleep {arg}\n");
    let tar = tar_of(&[("Dockerfile", dockerfile.as_bytes())]);
    let mut s = std::os::unix::net::UnixStream::connect(&svc.socket).unwrap();
    write!(
        s,
        "POST /build?t=left HTTP/1.1\r\nHost: docker\r\nContent-Type: application/x-tar\r\nContent-Length: {}\r\n\r\n",
        tar.len()
    )
    .unwrap();
    s.write_all(&tar).unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    // The RUN step's output, not its Step line.
    while !String::from_utf8_lossy(&seen).contains(r#""stream":"42\n""#) {
        let n = s.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the stream ended early: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    common::world::eventually(30, "the RUN step's sleep to start", || sleeping(&arg));
    drop(s);
    common::world::eventually(60, "the RUN step to end with the client gone", || {
        !sleeping(&arg)
    });
    // Nothing of the build stays: no builder, no supervisor of its RUN container.
    let root = env.dir().display().to_string();
    common::world::eventually(60, "the build's processes to end", || {
        !running(&["build\0--tag\0left"]) && !running(&["rcon-sup", &root])
    });
    let out = svc.docker(&["image", "inspect", "left"], 60);
    assert_ne!(out.code, Some(0), "no image was made: {out}");
    let listed = svc.docker_ok(&["images", "--format", "{{.Repository}}"]);
    assert!(listed.contains("busybox"), "{listed}");
    env.run_ok(&["image", "prune", "-f", "--build-cache"]);
}
