//! Helpers of the tests that ship images (push, manifest lists): skopeo as the test user,
//! the registry's access log.
use super::{run_command, Registry, TestEnv, TestUser};
use serde_json::Value;
use std::time::Duration;

pub const SKOPEO: &str = "/usr/bin/skopeo";
pub const PODMAN: &str = "/usr/bin/podman";

/// `skopeo inspect` (or `--raw`) of `reference` on a plain-HTTP registry, as the test user.
pub fn skopeo(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["--tls-verify=false"];
    all.splice(0..0, args.iter().copied());
    let cmd = env.user().command(SKOPEO, &all);
    let out = run_command(cmd, None, Duration::from_secs(120));
    assert_eq!(out.code, Some(0), "skopeo failed:\n{out}");
    out.stdout
}

pub fn skopeo_digest(env: &TestEnv, reference: &str) -> String {
    let out = skopeo(env, &["inspect", &format!("docker://{reference}")]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["Digest"].as_str().unwrap().to_string()
}

pub fn skopeo_raw(env: &TestEnv, reference: &str) -> Value {
    let out = skopeo(env, &["inspect", "--raw", &format!("docker://{reference}")]);
    serde_json::from_str(&out).unwrap()
}

/// Request lines of the registry's access log that upload blob data.
pub fn upload_requests(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| {
            (l.contains("\"POST /v2/") && l.contains("/blobs/uploads/") && !l.contains("mount="))
                || l.contains("\"PATCH /v2/")
                || (l.contains("\"PUT /v2/") && l.contains("/blobs/uploads/"))
        })
        .map(str::to_string)
        .collect()
}

/// The registry log written after `before` bytes.
pub fn log_since(reg: &Registry, before: usize) -> String {
    reg.log().get(before..).unwrap_or("").to_string()
}

pub fn rcon_digest(env: &TestEnv, image: &str) -> String {
    let out = env.run_ok(&["inspect", "--format", "{{.Digest}}", image]);
    out.trim().to_string()
}

/// The ID (hex, no `sha256:`) of the image `name` in `user`'s store.
pub fn image_id(user: &TestUser, name: &str) -> String {
    let out = user.run_ok(&["image", "inspect", name]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v[0]["Id"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string()
}

/// The full name `busybox` resolves to in `user`'s store.
pub fn busybox_name(user: &TestUser) -> String {
    let v: Value = serde_json::from_str(&user.run_ok(&["image", "inspect", "busybox"])).unwrap();
    v[0]["RepoTags"][0].as_str().unwrap().to_string()
}
