//! `rcon image sign`: simple signing of an image in a registry, as containers/image's
//! "atomic container signature" is made. The signed claim names the image's reference and the
//! digest of its manifest, as the registry serves them now; `gpg` signs it (its default home,
//! or `GNUPGHOME`) and the signature goes to a lookaside folder,
//! `DIR/REPOSITORY@sha256=HEX/signature-N` with the first free N, which is where `policy.json`'s
//! `signedBy` checks of Podman, skopeo and rcon's peers look for it.
use crate::config::registries::RegistriesConf;
use crate::config::Paths;
use crate::image::registry::{parse_manifest, Client, ClientOptions, Manifest};
use crate::util::digest::Digest;
use crate::util::reference::Reference;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why an image could not be signed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SignError {
    #[error("{input}: only registry images can be signed: give docker://NAME")]
    Transport { input: String },
    #[error("{input}: {detail}")]
    Reference { input: String, detail: String },
    #[error("{reference}: cannot read its manifest from the registry: {detail}")]
    Registry { reference: String, detail: String },
    #[error("{reference} is not a multi-architecture image: sign it without --all")]
    NotAList { reference: String },
    #[error("cannot run gpg to sign with {key:?}: {detail}; install gnupg")]
    NoGpg { key: String, detail: String },
    #[error(
        "gpg could not sign with {key:?}: {detail}; check the key with `gpg --list-secret-keys`"
    )]
    Gpg { key: String, detail: String },
    #[error("cannot write the signature to {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What `image sign` was asked.
pub(crate) struct SignRequest<'a> {
    /// The GPG key (an ID, fingerprint or e-mail address) to sign with.
    pub(crate) key: &'a str,
    /// The lookaside folder; `None` is the user's default.
    pub(crate) directory: Option<&'a Path>,
    /// Sign each image of a manifest list instead of the list.
    pub(crate) all: bool,
}

/// The user's lookaside folder when none is given: `$XDG_DATA_HOME/containers/sigstore`
/// (`~/.local/share/containers/sigstore`), where containers/image keeps a user's signatures.
pub(crate) fn default_directory(paths: &Paths) -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d).join("containers/sigstore"),
        None => paths.home.join(".local/share/containers/sigstore"),
    }
}

/// Signs the registry image `input` (`docker://NAME`); returns the signature files written.
pub(crate) fn sign(
    paths: &Paths,
    opts: ClientOptions,
    input: &str,
    req: &SignRequest<'_>,
) -> Result<Vec<PathBuf>, SignError> {
    let name = input
        .strip_prefix("docker://")
        .ok_or_else(|| SignError::Transport {
            input: input.to_string(),
        })?;
    let reference = Reference::parse(name).map_err(|e| SignError::Reference {
        input: input.to_string(),
        detail: e.to_string(),
    })?;
    let shown = reference.to_string();
    let failed = |detail: String| SignError::Registry {
        reference: shown.clone(),
        detail,
    };
    let conf = RegistriesConf::load(paths).map_err(|e| failed(e.to_string()))?;
    let client = Client::new(paths, opts).map_err(|e| failed(e.to_string()))?;
    let endpoints = conf
        .endpoints(&reference)
        .map_err(|e| failed(e.to_string()))?;
    let mut tried = Vec::new();
    let mut found = None;
    for ep in &endpoints {
        match client.get_manifest(ep, &reference.manifest_ref()) {
            Ok(m) => {
                found = Some((ep, m));
                break;
            }
            Err(e) => tried.push(e.to_string()),
        }
    }
    let Some((ep, top)) = found else {
        return Err(failed(tried.join("; ")));
    };
    let digests: Vec<Digest> = if req.all {
        match parse_manifest(&top.bytes, &top.media_type).map_err(|e| failed(e.to_string()))? {
            Manifest::Index(entries) => entries.into_iter().map(|e| e.descriptor.digest).collect(),
            _ => return Err(SignError::NotAList { reference: shown }),
        }
    } else {
        vec![top.digest.clone()]
    };
    let dir = req
        .directory
        .map_or_else(|| default_directory(paths), Path::to_path_buf)
        .join(&reference.repository);
    // The reference as the user named it, qualified: what a policy's identity check reads.
    let identity = shown.clone();
    let mut written = Vec::new();
    for digest in digests {
        if req.all {
            // Each instance must be there to be signed.
            client
                .get_manifest(ep, &digest.to_string())
                .map_err(|e| failed(e.to_string()))?;
        }
        let signature = gpg_sign(req.key, &payload(&identity, &digest))?;
        written.push(store(&dir, &digest, &signature)?);
    }
    Ok(written)
}

/// The claim that is signed: containers/image's simple-signing JSON.
fn payload(identity: &str, digest: &Digest) -> Vec<u8> {
    let claim = serde_json::json!({
        "critical": {
            "identity": {"docker-reference": identity},
            "image": {"docker-manifest-digest": digest.to_string()},
            "type": "atomic container signature",
        },
        "optional": {
            "creator": format!("rcon {}", env!("CARGO_PKG_VERSION")),
            "timestamp": crate::util::time::now_secs(),
        },
    });
    claim.to_string().into_bytes()
}

/// `payload` signed (an OpenPGP signed message, not detached) by `key`.
fn gpg_sign(key: &str, payload: &[u8]) -> Result<Vec<u8>, SignError> {
    let mut child = Command::new("gpg")
        .args([
            "--batch",
            "--no-tty",
            "--yes",
            "--sign",
            "--local-user",
            key,
        ])
        .args(["--output", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| SignError::NoGpg {
            key: key.to_string(),
            detail: e.to_string(),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A gpg that exits early shows in its status below.
        let _ = stdin.write_all(payload);
    }
    let out = child.wait_with_output().map_err(|e| SignError::NoGpg {
        key: key.to_string(),
        detail: e.to_string(),
    })?;
    if !out.status.success() || out.stdout.is_empty() {
        let said = String::from_utf8_lossy(&out.stderr);
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no signature made");
        return Err(SignError::Gpg {
            key: key.to_string(),
            detail: last.trim().to_string(),
        });
    }
    Ok(out.stdout)
}

/// Writes `signature` as the next `signature-N` of `digest` under `dir`; never replaces one.
fn store(dir: &Path, digest: &Digest, signature: &[u8]) -> Result<PathBuf, SignError> {
    let folder = PathBuf::from(format!("{}@sha256={}", dir.display(), digest.hex()));
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SignError::Write { path, source }
    };
    fs::create_dir_all(&folder).map_err(fail(&folder))?;
    for n in 1.. {
        let path = folder.join(format!("signature-{n}"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let result = f.write_all(signature).and_then(|()| f.sync_all());
                if let Err(e) = result {
                    let _ = fs::remove_file(&path);
                    return Err(fail(&path)(e));
                }
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(fail(&path)(e)),
        }
    }
    unreachable!("signature numbers run out")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_claim_names_the_reference_and_the_digest() {
        let d: Digest = format!("sha256:{}", "ab".repeat(32)).parse().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&payload("r.example/a/b:1", &d)).unwrap();
        assert_eq!(v["critical"]["type"], "atomic container signature");
        assert_eq!(
            v["critical"]["identity"]["docker-reference"],
            "r.example/a/b:1"
        );
        assert_eq!(
            v["critical"]["image"]["docker-manifest-digest"],
            d.to_string()
        );
    }

    #[test]
    fn signatures_are_numbered_and_never_replaced() {
        let t = tempfile::tempdir().unwrap();
        let d: Digest = format!("sha256:{}", "cd".repeat(32)).parse().unwrap();
        let dir = t.path().join("libpod/testimage");
        let one = store(&dir, &d, b"one").unwrap();
        let two = store(&dir, &d, b"two").unwrap();
        let folder = t
            .path()
            .join(format!("libpod/testimage@sha256={}", "cd".repeat(32)));
        assert_eq!(one, folder.join("signature-1"));
        assert_eq!(two, folder.join("signature-2"));
        assert_eq!(fs::read(one).unwrap(), b"one");
    }
}
