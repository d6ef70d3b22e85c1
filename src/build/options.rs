//! What `rcon build` was asked to do, validated before anything runs: the flags a user gives
//! Podman or Docker, each checked here with a one-line error naming the flag.
pub(crate) use crate::build::context::ContextSource;
use crate::container::runconfig::{PullPolicy, Ulimit};
use crate::network::{NetFlags, NetworkMode};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Why a flag value cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum OptionError {
    #[error("{flag} {value:?}: {expected}")]
    Flag {
        flag: &'static str,
        value: String,
        expected: &'static str,
    },
}

fn bad(flag: &'static str, value: &str, expected: &'static str) -> OptionError {
    OptionError::Flag {
        flag,
        value: value.to_string(),
        expected,
    }
}

/// The image format written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ImageFormat {
    #[default]
    Oci,
    Docker,
}

/// `--squash` (the new layers as one) and `--squash-all` (the whole image as one layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Squash {
    #[default]
    No,
    New,
    All,
}

/// `--secret id=ID,src=PATH` or `id=ID,env=VAR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Secret {
    pub(crate) id: String,
    pub(crate) source: SecretSource,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SecretSource {
    File(PathBuf),
    Env(String),
}

/// `--build-context NAME=PATH|docker-image://REF|URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NamedContext {
    Dir(PathBuf),
    Image(String),
    Url(String),
}

/// `--progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Progress {
    #[default]
    Auto,
    Plain,
    Tty,
}

/// A validated build request.
#[derive(Debug, Clone, Default)]
pub(crate) struct BuildOptions {
    pub(crate) context: Option<ContextSource>,
    /// `-f`: a path (`-` for stdin); else the context's Containerfile or Dockerfile.
    pub(crate) file: Option<PathBuf>,
    /// Names to tag the result with, as given (`image_name` normalises them).
    pub(crate) tags: Vec<String>,
    /// `--build-arg-file` entries, then `--build-arg` (later wins).
    pub(crate) build_args: BTreeMap<String, String>,
    pub(crate) target: Option<String>,
    pub(crate) no_cache: bool,
    pub(crate) pull: PullPolicy,
    pub(crate) layers: bool,
    pub(crate) squash: Squash,
    pub(crate) format: ImageFormat,
    pub(crate) iidfile: Option<PathBuf>,
    /// `--authfile`, `--creds`, `--cert-dir`, `--tls-verify`: how base images are pulled.
    pub(crate) client: crate::image::registry::ClientOptions,
    pub(crate) labels: Vec<(String, String)>,
    pub(crate) annotations: Vec<(String, String)>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) network: NetworkMode,
    pub(crate) net: NetFlags,
    pub(crate) secrets: Vec<Secret>,
    /// `--ssh default[=SOCKET]`: id → agent socket.
    pub(crate) ssh: Vec<(String, PathBuf)>,
    pub(crate) build_contexts: BTreeMap<String, NamedContext>,
    pub(crate) jobs: Option<usize>,
    pub(crate) ulimits: Vec<Ulimit>,
    pub(crate) cap_add: Vec<String>,
    pub(crate) cap_drop: Vec<String>,
    pub(crate) seccomp: Option<crate::linux::seccomp::Choice>,
    pub(crate) no_new_privileges: bool,
    pub(crate) ignorefile: Option<PathBuf>,
    /// `--source-date-epoch` / `--timestamp`: seconds since the epoch for every time written.
    pub(crate) timestamp: Option<i64>,
    pub(crate) quiet: bool,
    pub(crate) storage_driver: Option<String>,
    /// `--http-proxy`: a RUN step gets the host's proxy variables the image leaves unset.
    pub(crate) http_proxy: bool,
    /// mounts.conf's mounts, given to every RUN step read-only.
    pub(crate) default_mounts: Vec<crate::config::mounts_conf::DefaultMount>,
}

/// `KEY=VALUE` or `KEY` (the value from the environment, skipped when unset).
pub(crate) fn parse_build_arg(
    s: &str,
    host: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(String, String)>, OptionError> {
    let (k, v) = match s.split_once('=') {
        Some((k, v)) => (k, Some(v.to_string())),
        None => (s, None),
    };
    if k.is_empty() || k.contains(char::is_whitespace) {
        return Err(bad("--build-arg", s, "expected KEY=VALUE or KEY"));
    }
    Ok(v.or_else(|| host(k)).map(|v| (k.to_string(), v)))
}

/// The text of a `--build-arg-file`: `KEY=VALUE` lines, `#` comments and blank lines skipped.
pub(crate) fn parse_build_arg_file(
    text: &str,
    host: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, OptionError> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.extend(parse_build_arg(line, host)?);
    }
    Ok(out)
}

/// Splits `k=v,k2=v2` into pairs.
fn fields<'a>(
    flag: &'static str,
    s: &'a str,
    expected: &'static str,
) -> Result<Vec<(&'a str, &'a str)>, OptionError> {
    s.split(',')
        .map(|f| f.split_once('=').ok_or_else(|| bad(flag, s, expected)))
        .collect()
}

/// `--secret id=ID[,src=PATH|,env=VAR][,type=file|env]`; a bare `id=ID` reads the variable or
/// file named ID, as Docker does (the file when it exists).
pub(crate) fn parse_secret(s: &str) -> Result<Secret, OptionError> {
    let expected = "expected id=ID,src=PATH or id=ID,env=VARIABLE";
    let mut id = None;
    let mut src = None;
    let mut env = None;
    let mut kind = None;
    for (k, v) in fields("--secret", s, expected)? {
        match k {
            "id" => id = Some(v),
            "src" | "source" => src = Some(v),
            "env" => env = Some(v),
            "type" => kind = Some(v),
            _ => return Err(bad("--secret", s, expected)),
        }
    }
    let id = id
        .filter(|i| !i.is_empty() && !i.contains('/'))
        .ok_or_else(|| bad("--secret", s, expected))?;
    let source = match (src, env, kind) {
        (Some(p), None, None | Some("file")) => SecretSource::File(PathBuf::from(p)),
        (None, Some(e), None | Some("env")) => SecretSource::Env(e.to_string()),
        (Some(e), None, Some("env")) => SecretSource::Env(e.to_string()),
        (None, None, Some("env")) => SecretSource::Env(id.to_string()),
        (None, None, None | Some("file")) => SecretSource::File(PathBuf::from(id)),
        _ => return Err(bad("--secret", s, expected)),
    };
    Ok(Secret {
        id: id.to_string(),
        source,
    })
}

/// `--ssh default` (the agent in $SSH_AUTH_SOCK) or `--ssh ID=SOCKET`.
pub(crate) fn parse_ssh(s: &str, agent: Option<PathBuf>) -> Result<(String, PathBuf), OptionError> {
    let expected = "expected default, or ID=SOCKET (an ssh agent's socket)";
    let (id, path) = match s.split_once('=') {
        Some((id, p)) if !p.is_empty() => (id, Some(PathBuf::from(p))),
        Some(_) => return Err(bad("--ssh", s, expected)),
        None => (s, None),
    };
    if id.is_empty() || id.contains(['/', ',']) {
        return Err(bad("--ssh", s, expected));
    }
    match path.or(agent) {
        Some(p) => Ok((id.to_string(), p)),
        None => Err(bad(
            "--ssh",
            s,
            "no agent socket given and SSH_AUTH_SOCK is not set: start an ssh agent or name one",
        )),
    }
}

/// `--build-context NAME=PATH`, `NAME=docker-image://REF`, `NAME=https://…`.
pub(crate) fn parse_build_context(s: &str) -> Result<(String, NamedContext), OptionError> {
    let expected = "expected NAME=PATH, NAME=docker-image://IMAGE or NAME=URL";
    let (name, v) = s
        .split_once('=')
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .ok_or_else(|| bad("--build-context", s, expected))?;
    let ctx = if let Some(img) = v
        .strip_prefix("docker-image://")
        .or_else(|| v.strip_prefix("container-image://"))
    {
        NamedContext::Image(img.to_string())
    } else if v.starts_with("https://") || v.starts_with("http://") || v.starts_with("git@") {
        NamedContext::Url(v.to_string())
    } else if v.contains("://") {
        return Err(bad("--build-context", s, expected));
    } else {
        NamedContext::Dir(PathBuf::from(v))
    };
    Ok((name.to_ascii_lowercase(), ctx))
}

/// `--format oci|docker` (Podman also takes the media-type-like `v2s2`).
pub(crate) fn parse_format(s: &str) -> Result<ImageFormat, OptionError> {
    match s {
        "oci" => Ok(ImageFormat::Oci),
        "docker" | "v2s2" => Ok(ImageFormat::Docker),
        _ => Err(bad("--format", s, "expected oci or docker")),
    }
}

/// `--pull` as Podman takes it: bare means always; true/false; always|missing|never|newer.
pub(crate) fn parse_pull(s: &str) -> Result<PullPolicy, OptionError> {
    match s.to_ascii_lowercase().as_str() {
        "" | "true" | "always" => Ok(PullPolicy::Always),
        "false" | "missing" | "ifmissing" => Ok(PullPolicy::Missing),
        "never" => Ok(PullPolicy::Never),
        "newer" | "ifnewer" => Ok(PullPolicy::Newer),
        _ => Err(bad("--pull", s, "expected always, missing, never or newer")),
    }
}

/// `--layers` when the flag is not given: `$BUILDAH_LAYERS` (a boolean as Go reads one:
/// 1, t, true, 0, f, false in any case), else true.
pub(crate) fn layers_from_env(value: Option<&str>) -> Result<bool, OptionError> {
    match value.map(str::trim) {
        None | Some("") => Ok(true),
        Some(v) => match v.to_ascii_lowercase().as_str() {
            "1" | "t" | "true" => Ok(true),
            "0" | "f" | "false" => Ok(false),
            _ => Err(bad("BUILDAH_LAYERS", v, "expected true or false")),
        },
    }
}

/// `--progress auto|plain|tty` (Docker's `rawjson`/`quiet` are not taken).
pub(crate) fn parse_progress(s: &str) -> Result<Progress, OptionError> {
    match s {
        "auto" => Ok(Progress::Auto),
        "plain" => Ok(Progress::Plain),
        "tty" => Ok(Progress::Tty),
        _ => Err(bad("--progress", s, "expected auto, plain or tty")),
    }
}

/// `--platform`: only the host's own platform can run RUN steps here.
pub(crate) fn check_platform(s: &str, host: &str) -> Result<(), OptionError> {
    let normal = |p: &str| p.trim_end_matches('/').to_ascii_lowercase();
    let wanted = normal(s);
    let host = normal(host);
    let same = wanted == host
        || (host.starts_with(&wanted) && host[wanted.len()..].starts_with('/'))
        || (wanted.starts_with(&host) && wanted[host.len()..].starts_with('/'));
    if same {
        Ok(())
    } else {
        Err(OptionError::Flag {
            flag: "--platform",
            value: s.to_string(),
            expected: "only the host's own platform can be built here: rcon does not emulate \
                       other CPUs; build on a machine of that platform",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn build_args_and_their_file() {
        let host = |k: &str| (k == "HOME").then(|| "/home/u".to_string());
        assert_eq!(
            parse_build_arg("A=b=c", &host).unwrap(),
            Some(("A".into(), "b=c".into()))
        );
        assert_eq!(
            parse_build_arg("HOME", &host).unwrap(),
            Some(("HOME".into(), "/home/u".into()))
        );
        assert_eq!(parse_build_arg("UNSET", &host).unwrap(), None);
        assert!(parse_build_arg("=x", &host).is_err());
        let file = "# comment\n\nA=1\n  B=two words\n";
        assert_eq!(
            parse_build_arg_file(file, &no_env).unwrap(),
            vec![("A".into(), "1".into()), ("B".into(), "two words".into())]
        );
    }

    #[test]
    fn secrets() {
        assert_eq!(
            parse_secret("id=tok,src=/tmp/t").unwrap(),
            Secret {
                id: "tok".into(),
                source: SecretSource::File("/tmp/t".into())
            }
        );
        assert_eq!(
            parse_secret("id=tok,env=TOKEN").unwrap().source,
            SecretSource::Env("TOKEN".into())
        );
        assert_eq!(
            parse_secret("id=TOKEN,type=env").unwrap().source,
            SecretSource::Env("TOKEN".into())
        );
        for bad in [
            "src=/x",
            "id=a,src=/x,env=Y",
            "id=a/b,src=/x",
            "id=a,what=1",
            "id",
        ] {
            assert!(parse_secret(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ssh_and_build_contexts() {
        let agent = Some(PathBuf::from("/run/agent"));
        assert_eq!(
            parse_ssh("default", agent.clone()).unwrap(),
            ("default".into(), "/run/agent".into())
        );
        assert_eq!(parse_ssh("k=/s", None).unwrap(), ("k".into(), "/s".into()));
        assert!(parse_ssh("default", None).is_err());
        assert_eq!(
            parse_build_context("Base=docker-image://alpine:3").unwrap(),
            ("base".into(), NamedContext::Image("alpine:3".into()))
        );
        assert_eq!(
            parse_build_context("src=../src").unwrap(),
            ("src".into(), NamedContext::Dir("../src".into()))
        );
        assert!(parse_build_context("x=ftp://h/y").is_err());
        assert!(parse_build_context("=y").is_err());
    }

    #[test]
    fn pull_format_progress_platform() {
        assert_eq!(parse_pull("").unwrap(), PullPolicy::Always);
        assert_eq!(parse_pull("false").unwrap(), PullPolicy::Missing);
        assert!(layers_from_env(None).unwrap() && layers_from_env(Some("1")).unwrap());
        assert!(!layers_from_env(Some("FALSE")).unwrap() && !layers_from_env(Some("0")).unwrap());
        assert!(layers_from_env(Some("maybe")).is_err());
        assert_eq!(parse_pull("never").unwrap(), PullPolicy::Never);
        assert!(parse_pull("sometimes").is_err());
        assert_eq!(parse_format("docker").unwrap(), ImageFormat::Docker);
        assert!(parse_format("tar").is_err());
        assert_eq!(parse_progress("plain").unwrap(), Progress::Plain);
        assert!(check_platform("linux/amd64", "linux/amd64").is_ok());
        assert!(check_platform("linux", "linux/amd64").is_ok());
        assert!(check_platform("linux/arm64", "linux/amd64").is_err());
    }
}
