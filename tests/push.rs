//! `rcon push` (and `rcon manifest`) driven through the real binary as the test user against a
//! real registry, the result read back by rcon, skopeo and Podman: digests, skipped and
//! mounted blobs, uncompressed layers compressed on the way, format conversion, token auth,
//! a push killed mid-upload, and the errors.
mod common;

use common::image::{self, Compression, ImageSpec, LayerBuilder};
use common::ship::{
    log_since, rcon_digest, skopeo, skopeo_digest, skopeo_raw, upload_requests, PODMAN,
};
use common::world::busybox_world;
use common::{run_command, Registry};
use serde_json::Value;
use std::time::{Duration, Instant};

#[test]
fn pushed_image_reads_back_with_the_same_digest_in_rcon_skopeo_and_podman() {
    let (env, reg) = busybox_world();
    let dest = reg.reference("copy/busybox:v1");
    let digestfile = env.user().home.join("digest");
    let out = env.run(&[
        "push",
        "busybox",
        &format!("docker://{dest}"),
        "--digestfile",
        &digestfile.display().to_string(),
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    for line in [
        "Getting image source signatures",
        "Copying blob ",
        "Copying config ",
        "Writing manifest to image destination",
    ] {
        assert!(out.stderr.contains(line), "no {line:?} in:\n{out}");
    }
    assert!(
        out.stdout.is_empty(),
        "push prints nothing on stdout: {out}"
    );
    let written = std::fs::read_to_string(&digestfile).unwrap();
    let (_, manifest) = reg.client().get_manifest("copy/busybox", "v1");
    assert_eq!(written, image::sha256_digest(&manifest), "--digestfile");
    // Nothing changed on the way: the manifest is the one pulled.
    assert_eq!(written, rcon_digest(&env, "busybox"));
    assert_eq!(skopeo_digest(&env, &dest), written, "skopeo");

    // skopeo copies it whole (every blob readable and verified).
    let oci_dir = env.user().home.join("oci-copy");
    skopeo(
        &env,
        &[
            "copy",
            "--src-tls-verify=false",
            &format!("docker://{dest}"),
            &format!("oci:{}", oci_dir.display()),
        ],
    );

    // rcon pulls it back under the new name: the same image.
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "busybox"]);
    env.run_ok(&["rmi", "busybox"]);
    let pulled = env.run_ok(&["pull", "-q", &dest]);
    assert_eq!(pulled.trim(), id.trim().trim_start_matches("sha256:"));
    assert_eq!(rcon_digest(&env, &dest), written);

    // Podman, as the same user with a store of its own.
    let pdir = env.user().home.join("podman");
    let (root, run) = (pdir.join("root"), pdir.join("run"));
    let podman = |args: &[&str]| {
        let mut all: Vec<String> = [
            "--runtime",
            "runc",
            "--root",
            &root.display().to_string(),
            "--runroot",
            &run.display().to_string(),
            "--cgroup-manager",
            "cgroupfs",
            "--events-backend",
            "file",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        all.extend(args.iter().map(|s| s.to_string()));
        run_command(
            env.user().command(PODMAN, &all),
            None,
            Duration::from_secs(300),
        )
    };
    let out = podman(&["pull", "-q", "--tls-verify=false", &dest]);
    assert_eq!(out.code, Some(0), "podman pull: {out}");
    let out = podman(&["image", "inspect", "--format", "{{.Digest}}", &dest]);
    assert_eq!(out.stdout.trim(), written, "podman: {out}");
}

#[test]
fn second_push_uploads_nothing_and_another_repository_mounts() {
    let (env, reg) = busybox_world();
    let first = reg.reference("one/busybox:latest");
    env.run_ok(&["push", "-q", "busybox", &first]);
    let before = reg.log().len();
    let out = env.run(&["push", "busybox", &first]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stderr.contains("skipped: already exists"),
        "second push must skip the layer:\n{out}"
    );
    let again = log_since(&reg, before);
    assert!(
        upload_requests(&again).is_empty(),
        "second push uploaded:\n{again}"
    );

    // Another repository of the same registry: the layer and config are mounted.
    let before = reg.log().len();
    let second = reg.reference("two/busybox:latest");
    env.run_ok(&["push", "busybox", &second]);
    let log = log_since(&reg, before);
    assert!(
        log.contains("mount=sha256:") && log.contains("from=one/busybox"),
        "no mount in:\n{log}"
    );
    assert!(
        upload_requests(&log).is_empty(),
        "a mounted push uploaded:\n{log}"
    );
    assert_eq!(
        skopeo_digest(&env, &second),
        skopeo_digest(&env, &first),
        "both repositories serve the same manifest"
    );
}

#[test]
fn a_push_again_checks_the_destination_still_serves_what_was_pushed() {
    // The second push of an image finds its manifest served and does nothing more; once
    // another image took the tag, the same push puts it back.
    let (env, reg) = busybox_world();
    let dest = reg.reference("same/tag:1");
    env.run_ok(&["push", "-q", "busybox", &dest]);
    let first = skopeo_digest(&env, &dest);
    let before = reg.log().len();
    env.run_ok(&["push", "-q", "busybox", &dest]);
    let log = log_since(&reg, before);
    assert!(!log.contains("PUT "), "nothing is put again:\n{log}");
    env.run_ok(&["create", "--name", "other", "busybox", "true"]);
    env.run_ok(&["commit", "-q", "other", "other-img"]);
    env.run_ok(&["push", "-q", "--format", "v2s2", "other-img", &dest]);
    assert_ne!(skopeo_digest(&env, &dest), first);
    env.run_ok(&["push", "-q", "busybox", &dest]);
    assert_eq!(
        skopeo_digest(&env, &dest),
        first,
        "the tag serves busybox again"
    );
}

#[test]
fn uncompressed_layer_is_compressed_on_the_way_and_recorded_for_the_next_push() {
    let (env, reg) = busybox_world();
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(
            LayerBuilder::new()
                .file("etc/plain.txt", b"stored uncompressed\n", 0o644, 0, 0)
                .build(Compression::None),
        )
        .cmd(&["cat", "/etc/plain.txt"])
        .build();
    reg.push("src/plain:latest", &img);
    let src = reg.reference("src/plain:latest");
    env.run_ok(&["pull", "-q", &src]);

    let dest = reg.reference("dst/plain:latest");
    env.run_ok(&["push", &src, &dest]);
    let m = skopeo_raw(&env, &dest);
    assert_eq!(
        m["layers"][1]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip",
        "{m}"
    );
    assert_ne!(
        m["layers"][1]["digest"].as_str().unwrap(),
        img.layers[1].digest,
        "the pushed layer is the compressed blob"
    );
    assert_eq!(m["config"]["digest"], img.config_digest.as_str());

    // Pushed again elsewhere, the recorded compressed blob is found: nothing is uploaded.
    let before = reg.log().len();
    let out = env.run(&["push", &src, &dest]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(upload_requests(&log_since(&reg, before)).is_empty());

    // Read back by the other test user: the same image ID, and the file is there.
    let id = env.single().run_ok(&["pull", "-q", &dest]);
    assert_eq!(id.trim(), img.id());
    let out = env.single().run_ok(&["run", "--rm", &dest]);
    assert_eq!(out, "stored uncompressed\n");
}

#[test]
fn format_and_compression_flags_convert_the_manifest() {
    let (env, reg) = busybox_world();
    let docker = reg.reference("conv/docker:latest");
    env.run_ok(&["push", "--format", "v2s2", "busybox", &docker]);
    let m = skopeo_raw(&env, &docker);
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
        "application/vnd.docker.image.rootfs.diff.tar.gzip"
    );

    let zstd = reg.reference("conv/zstd:latest");
    env.run_ok(&[
        "push",
        "--compression-format",
        "zstd",
        "--force-compression",
        "busybox",
        &zstd,
    ]);
    let m = skopeo_raw(&env, &zstd);
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+zstd"
    );
    let id = env.run_ok(&["inspect", "--format", "{{.Id}}", "busybox"]);
    let pulled = env.single().run_ok(&["pull", "-q", &zstd]);
    assert_eq!(pulled.trim(), id.trim().trim_start_matches("sha256:"));

    // zstd cannot go in a Docker manifest.
    let out = env.run(&[
        "push",
        "--format",
        "v2s2",
        "--compression-format",
        "zstd",
        "--force-compression",
        "busybox",
        &reg.reference("conv/bad:latest"),
    ]);
    assert!(out.error_125().contains("zstd"), "{out}");
}

#[test]
fn push_to_a_token_registry_needs_credentials() {
    let (env, _src) = busybox_world();
    let reg = Registry::start_token_auth(&env, "alice", "s3cret");
    let dest = reg.reference("private/busybox:1");
    let out = env.run(&["push", "--tls-verify=false", "busybox", &dest]);
    let line = out.error_125();
    assert!(
        line.contains(reg.host()) && line.contains("rcon login"),
        "{line}"
    );
    env.run_ok(&[
        "push",
        "--tls-verify=false",
        "--creds",
        "alice:s3cret",
        "busybox",
        &dest,
    ]);
    let (_, manifest) = reg.client().get_manifest("private/busybox", "1");
    assert_eq!(
        image::sha256_digest(&manifest),
        rcon_digest(&env, "busybox")
    );
    let scopes = reg.token_server().unwrap().log.lock().unwrap().clone();
    assert!(
        scopes
            .iter()
            .any(|r| r.contains("repository:private/busybox:pull,push")),
        "{scopes:?}"
    );
}

#[test]
fn push_killed_mid_upload_leaves_no_manifest_and_completes_next_time() {
    let (env, reg) = busybox_world();
    let img = ImageSpec::oci()
        .layer(image::big_layer(96 << 20, 7))
        .build();
    reg.push("src/big:latest", &img);
    let src = reg.reference("src/big:latest");
    env.run_ok(&["pull", "-q", &src]);
    let dest = reg.reference("dst/big:latest");
    let before = reg.log().len();
    let mut child = env
        .rcon(&["push", "-q", &src, &dest])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if log_since(&reg, before).contains("\"PATCH /v2/dst/big/blobs/uploads/") {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the push ended before its first chunk was seen"
        );
        assert!(start.elapsed() < Duration::from_secs(60), "no chunk seen");
        std::thread::sleep(Duration::from_millis(5));
    }
    // SIGKILL: nothing of rcon runs after this.
    child.kill().unwrap();
    child.wait().unwrap();
    let r = reg
        .client()
        .request("GET", "/v2/dst/big/manifests/latest", &[], None, "");
    assert_eq!(
        r.status, 404,
        "a killed push must not have put the manifest"
    );

    env.run_ok(&["push", "-q", &src, &dest]);
    let id = env.single().run_ok(&["pull", "-q", &dest]);
    assert_eq!(id.trim(), img.id());
}

#[test]
fn push_errors_are_one_line_and_exit_125() {
    let (env, reg) = busybox_world();
    let out = env.run(&["push", "no-such-image", &reg.reference("x:1")]);
    assert!(out.error_125().contains("no-such-image"), "{out}");

    let out = env.run(&["push", "busybox", "Bad//Reference"]);
    assert!(out.error_125().contains("Bad//Reference"), "{out}");

    for transport in ["oci-archive", "docker-archive", "oci", "dir"] {
        let out = env.run(&["push", "busybox", &format!("{transport}:")]);
        assert!(out.error_125().contains(transport), "{out}");
    }

    let out = env.run(&["push", "--sign-by", "key", "busybox", &reg.reference("x:1")]);
    assert!(out.error_125().contains("--sign-by"), "{out}");

    // `image push` is the same command.
    env.run_ok(&[
        "image",
        "push",
        "-q",
        "busybox",
        &reg.reference("alias/busybox:1"),
    ]);
}

#[test]
fn push_to_archive_transports_writes_what_skopeo_reads_and_rcon_loads() {
    let (env, _reg) = busybox_world();
    let id = env.run_ok(&["image", "inspect", "--format", "{{.Id}}", "busybox"]);
    let home = env.user().home.clone();
    let at = |name: &str| home.join(name).to_string_lossy().into_owned();
    env.run_ok(&[
        "push",
        "busybox",
        &format!("oci-archive:{}:mine:1", at("o.tar")),
    ]);
    env.run_ok(&[
        "push",
        "busybox",
        &format!("docker-archive:{}:mine:2", at("d.tar")),
    ]);
    env.run_ok(&["push", "busybox", &format!("oci:{}:mine", at("o-dir"))]);
    env.run_ok(&["push", "busybox", &format!("dir:{}", at("d-dir"))]);
    for src in [
        format!("oci-archive:{}", at("o.tar")),
        format!("docker-archive:{}", at("d.tar")),
        format!("oci:{}:mine", at("o-dir")),
        format!("dir:{}", at("d-dir")),
    ] {
        let v: Value = serde_json::from_str(&skopeo(&env, &["inspect", &src])).unwrap();
        assert_eq!(v["Architecture"], "amd64", "{src}: {v}");
    }
    let raw: Value = serde_json::from_str(&skopeo(
        &env,
        &["inspect", "--raw", &format!("oci:{}:mine", at("o-dir"))],
    ))
    .unwrap();
    let config = raw["config"]["digest"].as_str().unwrap_or_default();
    assert_eq!(
        config.trim_start_matches("sha256:"),
        id.trim().trim_start_matches("sha256:")
    );
    env.run_ok(&["rmi", "busybox"]);
    let out = env.run_ok(&["load", "-i", &at("d.tar")]);
    assert!(
        out.contains("mine:2"),
        "the docker-archive keeps its name: {out}"
    );
    let loaded = env.run_ok(&["image", "inspect", "--format", "{{.Id}}", "mine:2"]);
    assert_eq!(loaded.trim(), id.trim());
}

#[test]
fn push_to_a_tls_registry_trusts_its_certs_d() {
    let (env, _plain) = busybox_world();
    let reg = Registry::start_tls(&env);
    let dest = reg.reference("tls/busybox:1");
    env.run_ok(&["push", "-q", "busybox", &dest]);
    let (_, manifest) = reg.client().get_manifest("tls/busybox", "1");
    assert_eq!(
        image::sha256_digest(&manifest),
        rcon_digest(&env, "busybox")
    );
    // Without the CA (another folder of certificates) the handshake fails, one clear line.
    let empty = env.user().home.join("no-certs");
    env.user().mkdirs(&empty);
    let out = env.run(&[
        "push",
        "--cert-dir",
        &empty.display().to_string(),
        "busybox",
        &dest,
    ]);
    assert!(out.error_125().contains("tls"), "{out}");
}

/// A loopback proxy to `target` that cuts the first connection carrying a `PATCH` after
/// `cut_after` bytes of it; returns its `127.0.0.1:<port>` and whether it has cut.
fn cutting_proxy(
    target: String,
    cut_after: usize,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::io::{Read, Write};
    use std::net::{Shutdown, TcpListener, TcpStream};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let cut = Arc::new(AtomicBool::new(false));
    let cut_flag = cut.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { break };
            let Ok(server) = TcpStream::connect(&target) else {
                continue;
            };
            let (mut c_read, mut s_write) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut s_read, mut c_write) = (server, client);
            let cut = cut_flag.clone();
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 64 * 1024];
                let mut patch_bytes: Option<usize> = None;
                loop {
                    let n = match c_read.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    if patch_bytes.is_none()
                        && !cut.load(Ordering::SeqCst)
                        && buf[..n].windows(6).any(|w| w == b"PATCH ")
                    {
                        patch_bytes = Some(0);
                    }
                    if let Some(sent) = patch_bytes.as_mut() {
                        *sent += n;
                        if *sent > cut_after && !cut.swap(true, Ordering::SeqCst) {
                            let _ = c_read.shutdown(Shutdown::Both);
                            let _ = s_write.shutdown(Shutdown::Both);
                            break;
                        }
                    }
                    if s_write.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                let _ = s_write.shutdown(Shutdown::Write);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_read, &mut c_write);
                let _ = c_write.shutdown(Shutdown::Both);
            });
        }
    });
    (addr, cut)
}

/// The distribution registry cancels a session whose chunk was cut midway (its status query
/// answers 404), so the blob starts again in a new session; registries that keep the session
/// are resumed from the offset their `Range` reports instead.
#[test]
fn a_connection_cut_mid_chunk_starts_the_blob_again_and_the_push_completes() {
    let (env, reg) = busybox_world();
    let img = ImageSpec::oci()
        .layer(image::big_layer(20 << 20, 11))
        .build();
    reg.push("src/cut:latest", &img);
    let src = reg.reference("src/cut:latest");
    env.run_ok(&["pull", "-q", &src]);
    let (proxy, cut) = cutting_proxy(reg.host().to_string(), 3 << 20);
    let dest = format!("{proxy}/dst/cut:latest");
    let out = env.run(&["push", "--tls-verify=false", &src, &dest]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        cut.load(std::sync::atomic::Ordering::SeqCst),
        "the proxy never cut a chunk"
    );
    let id = env
        .single()
        .run_ok(&["pull", "-q", &reg.reference("dst/cut:latest")]);
    assert_eq!(id.trim(), img.id());
}

#[test]
fn committed_image_pushes_and_runs_for_another_user() {
    let (env, reg) = busybox_world();
    env.run_ok(&[
        "run",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        "echo committed > /made-here",
    ]);
    env.run_ok(&["commit", "-q", "c", "mine"]);
    let dest = reg.reference("made/mine:1");
    // The committed layer is kept uncompressed: the push compresses it, so the registry's
    // manifest is another than the local one, and --digestfile names it.
    let digestfile = env.user().home.join("mine.digest");
    env.run_ok(&[
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        "mine",
        &dest,
    ]);
    let pushed = std::fs::read_to_string(&digestfile).unwrap();
    assert_eq!(skopeo_digest(&env, &dest), pushed.trim());
    let out = env
        .single()
        .run_ok(&["run", "--rm", &dest, "cat", "/made-here"]);
    assert_eq!(out, "committed\n");
}

#[test]
fn built_image_whose_layers_are_trees_pushes_again_for_nothing_and_runs_for_another_user() {
    // A build keeps its steps' layers as trees without blobs: the push walks each tree again
    // into the tar its diff ID names, compressed on the way; a second push uploads nothing.
    let (env, reg) = busybox_world();
    let ctx = env.user().home.join("tree-ctx");
    env.user().mkdirs(&ctx);
    env.user().write_file(ctx.join("copied.txt"), "copied\n");
    env.user().write_file(
        ctx.join("Containerfile"),
        "FROM busybox\n\
         RUN --mount=type=tmpfs,target=/made/here echo built > /made/note && ln /made/note /made/link\n\
         COPY copied.txt /made/\n",
    );
    env.run_ok(&["build", "-q", "-t", "built", ctx.to_str().unwrap()]);
    let dest = reg.reference("made/built:1");
    env.run_ok(&["push", "built", &dest]);
    let m = skopeo_raw(&env, &dest);
    for l in m["layers"].as_array().unwrap() {
        assert_eq!(
            l["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip",
            "{m}"
        );
    }
    let before = reg.log().len();
    env.run_ok(&["push", "built", &dest]);
    assert!(upload_requests(&log_since(&reg, before)).is_empty());
    let out = env.single().run_ok(&[
        "run",
        "--rm",
        &dest,
        "sh",
        "-c",
        "ls -A /made; cat /made/note; stat -c %h /made/link",
    ]);
    assert_eq!(out, "copied.txt\nlink\nnote\nbuilt\n2\n");
}
