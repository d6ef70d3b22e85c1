//! `rcon image sign`: a registry image signed with a GPG key of the user's, the signature in
//! the lookaside layout (`DIR/REPOSITORY@sha256=HEX/signature-N`), verified by gpg itself and
//! naming the manifest digest the registry serves; refusals of what cannot be signed.
mod common;

use common::world::busybox_world;
use common::{run_command, TestUser, DEFAULT_TIMEOUT};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A command of the user's with `GNUPGHOME` set to `home`.
fn with_gnupg(mut cmd: Command, home: &Path) -> Command {
    cmd.env("GNUPGHOME", home);
    cmd
}

/// Makes a signing key for `foo@bar.com` without a passphrase; returns its GNUPGHOME.
fn make_key(u: &TestUser) -> PathBuf {
    let home = u.home.join(".gnupg");
    u.mkdirs(&home);
    std::fs::set_permissions(&home, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let details = u.write_file(
        "keydetails",
        "Key-Type: RSA\nKey-Length: 2048\nName-Real: Foo\nName-Email: foo@bar.com\n\
         Expire-Date: 0\n%no-protection\n%commit\n",
    );
    let d = details.display().to_string();
    let out = run_command(
        with_gnupg(u.command("gpg", &["--batch", "--gen-key", &d]), &home),
        None,
        DEFAULT_TIMEOUT,
    );
    assert_eq!(out.code, Some(0), "gpg --gen-key:\n{out}");
    home
}

#[test]
fn image_sign_writes_a_signature_gpg_verifies_for_the_registrys_digest() {
    let (env, _reg) = busybox_world();
    let u = env.user();
    let gnupg = make_key(u);
    let dir = u.home.join("sigs");
    let dir_s = dir.display().to_string();
    let sign = |args: &[&str]| {
        let mut all = vec!["image", "sign"];
        all.extend_from_slice(args);
        run_command(with_gnupg(u.rcon(&all), &gnupg), None, DEFAULT_TIMEOUT)
    };
    let out = sign(&[
        "--sign-by",
        "foo@bar.com",
        "--directory",
        &dir_s,
        "docker://busybox",
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    let digest = u.run_ok(&["image", "inspect", "--format", "{{.Digest}}", "busybox"]);
    let hex = digest.trim().trim_start_matches("sha256:");
    let folder = dir.join(format!("library/busybox@sha256={hex}"));
    let first = folder.join("signature-1");
    assert!(first.is_file(), "no {}", first.display());
    // gpg checks it, and the signed claim names the image and its digest.
    let f = first.display().to_string();
    let verified = run_command(
        with_gnupg(u.command("gpg", &["--batch", "--decrypt", &f]), &gnupg),
        None,
        DEFAULT_TIMEOUT,
    );
    assert_eq!(verified.code, Some(0), "{verified}");
    assert!(
        verified
            .stderr
            .contains("Good signature from \"Foo <foo@bar.com>\""),
        "{verified}"
    );
    let claim: serde_json::Value = serde_json::from_str(&verified.stdout).unwrap();
    assert_eq!(claim["critical"]["type"], "atomic container signature");
    assert_eq!(
        claim["critical"]["image"]["docker-manifest-digest"],
        digest.trim()
    );
    assert_eq!(
        claim["critical"]["identity"]["docker-reference"],
        "docker.io/library/busybox:latest"
    );
    // A second signature is added beside the first.
    let again = sign(&["--sign-by", "foo@bar.com", "-d", &dir_s, "docker://busybox"]);
    assert_eq!(again.code, Some(0), "{again}");
    assert!(folder.join("signature-2").is_file());

    // Refusals: one line, 125, nothing written.
    let line = sign(&["--sign-by", "foo@bar.com", "-d", &dir_s, "busybox"]).error_125();
    assert!(line.contains("give docker://NAME"), "{line}");
    let line = sign(&["--sign-by", "nobody@else", "-d", &dir_s, "docker://busybox"]).error_125();
    assert!(
        line.contains("\"nobody@else\"") && line.contains("gpg"),
        "{line}"
    );
    let line = sign(&[
        "--sign-by",
        "foo@bar.com",
        "-d",
        &dir_s,
        "docker://nosuch:1",
    ])
    .error_125();
    assert!(line.contains("nosuch"), "{line}");
    let line = sign(&[
        "--all",
        "--sign-by",
        "foo@bar.com",
        "-d",
        &dir_s,
        "docker://busybox",
    ])
    .error_125();
    assert!(line.contains("not a multi-architecture image"), "{line}");
    assert!(!folder.join("signature-3").exists());
}
