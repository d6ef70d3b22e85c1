//! Image references: parsing and Docker/Podman normalisation.
//!
//! The grammar is distribution's (`github.com/distribution/reference`), written by hand:
//!
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ domain "/" ] path-component ( "/" path-component )*
//! domain     := host [ ":" port ]          host: dns labels, or "[" ipv6 "]"
//! path-comp  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"* ) [a-z0-9]+ )*
//! tag        := [\w][\w.-]{0,127}
//! ```
//!
//! A first component is a registry when it contains `.` or `:` or is `localhost`; otherwise
//! the name lives on `docker.io`, and a single-component name there gains `library/`.
use crate::util::digest::Digest;
use std::fmt;
use std::str::FromStr;

/// The registry short names resolve to when nothing else is configured.
pub(crate) const DOCKER_HUB: &str = "docker.io";

/// The tag filled in when a reference names neither tag nor digest.
pub(crate) const DEFAULT_TAG: &str = "latest";

/// Longest allowed name (registry and repository), as distribution limits it.
const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// Longest allowed tag.
const TAG_LENGTH_MAX: usize = 128;

/// A fully qualified reference: `registry/repository[:tag][@digest]`.
/// `busybox` parses to registry `docker.io`, repository `library/busybox`, tag `latest`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Reference {
    /// Registry host as the user names it (`docker.io`, `quay.io`, `localhost:5000`).
    pub(crate) registry: String,
    /// Repository path within the registry (`library/busybox`).
    pub(crate) repository: String,
    /// Tag; `latest` is filled in when neither tag nor digest was given.
    pub(crate) tag: Option<String>,
    /// Digest when the reference pins one.
    pub(crate) digest: Option<Digest>,
}

/// Why a string is not a valid reference: the input and the rule it breaks.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReferenceError {
    #[error("invalid reference format {0:?}: {1}")]
    Invalid(String, &'static str),
}

type Result<T> = std::result::Result<T, ReferenceError>;

impl Reference {
    /// Parses and normalises a reference (see the type's doc).
    pub(crate) fn parse(input: &str) -> Result<Reference> {
        let bad = |rule: &'static str| ReferenceError::Invalid(input.to_string(), rule);
        if input.is_empty() {
            return Err(bad("reference is empty"));
        }
        if input.len() == 64 && input.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(
                "a 64-character hexadecimal string is an image ID, not a name",
            ));
        }
        let parts = split(input);
        let digest =
            match parts.digest {
                Some(d) => Some(d.parse::<Digest>().map_err(|_| {
                    bad("digest must be sha256: followed by 64 lowercase hex digits")
                })?),
                None => None,
            };
        if let Some(tag) = parts.tag {
            check_tag(tag).map_err(bad)?;
        }
        if parts.name.len() > NAME_TOTAL_LENGTH_MAX {
            return Err(bad("name is longer than 255 characters"));
        }
        let (registry, path) = match split_domain(parts.name) {
            Some((domain, path)) => {
                check_domain(domain).map_err(bad)?;
                (domain, path)
            }
            None => (DOCKER_HUB, parts.name),
        };
        check_path(path).map_err(bad)?;
        let registry = if registry == "index.docker.io" {
            DOCKER_HUB
        } else {
            registry
        };
        let repository = if registry == DOCKER_HUB && !path.contains('/') {
            format!("library/{path}")
        } else {
            path.to_string()
        };
        // The limit is on the full name as stored and printed: a short name that fits could
        // otherwise print (`docker.io/library/…`) to a name that no longer parses.
        if registry.len() + 1 + repository.len() > NAME_TOTAL_LENGTH_MAX {
            return Err(bad(
                "name with its registry (docker.io/library/ for a short name) is longer than 255 characters",
            ));
        }
        let tag = match (parts.tag, &digest) {
            (Some(t), _) => Some(t.to_string()),
            (None, None) => Some(DEFAULT_TAG.to_string()),
            (None, Some(_)) => None,
        };
        Ok(Reference {
            registry: registry.to_string(),
            repository,
            tag,
            digest,
        })
    }

    /// `registry/repository`, e.g. `docker.io/library/busybox`.
    pub(crate) fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// What goes in `/v2/<repository>/manifests/<ref>`: the digest if any, else the tag.
    pub(crate) fn manifest_ref(&self) -> String {
        match (&self.digest, &self.tag) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.clone(),
            (None, None) => DEFAULT_TAG.to_string(),
        }
    }

    /// The same name with `tag` (the digest, if any, is kept).
    pub(crate) fn with_tag(&self, tag: &str) -> Result<Reference> {
        check_tag(tag).map_err(|rule| ReferenceError::Invalid(tag.to_string(), rule))?;
        Ok(Reference {
            tag: Some(tag.to_string()),
            ..self.clone()
        })
    }

    /// The same name pinned to `digest` (the tag, if any, is kept).
    #[cfg(test)]
    pub(crate) fn with_digest(&self, digest: Digest) -> Reference {
        Reference {
            digest: Some(digest),
            ..self.clone()
        }
    }

    /// The same name with neither tag nor digest, for "all tags of" lookups.
    pub(crate) fn without_tag_or_digest(&self) -> Reference {
        Reference {
            tag: None,
            digest: None,
            ..self.clone()
        }
    }

    /// The same name with the digest only (the tag dropped): how a pull by digest is recorded.
    #[cfg(test)]
    pub(crate) fn digested(&self, digest: Digest) -> Reference {
        Reference {
            tag: None,
            digest: Some(digest),
            ..self.clone()
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

impl FromStr for Reference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Reference> {
        Reference::parse(s)
    }
}

impl serde::Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Reference, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// True when `input` names no registry (`busybox`, `user/repo:tag`): registries.conf decides
/// where it comes from.
pub(crate) fn is_short_name(input: &str) -> bool {
    split_domain(split(input).name).is_none()
}

/// `input` without its `:tag` and `@digest`, as written (not normalised): the key a short name
/// is looked up by in registries.conf `[aliases]`.
pub(crate) fn strip_tag_and_digest(input: &str) -> &str {
    split(input).name
}

/// The textual pieces of a reference, before validation.
struct Parts<'a> {
    name: &'a str,
    tag: Option<&'a str>,
    digest: Option<&'a str>,
}

fn split(input: &str) -> Parts<'_> {
    let (rest, digest) = match input.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (input, None),
    };
    // A tag's `:` comes after the last `/`; an earlier `:` belongs to a registry port.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    Parts { name, tag, digest }
}

/// Splits `registry/path` when the first component is a registry.
fn split_domain(name: &str) -> Option<(&str, &str)> {
    let (first, rest) = name.split_once('/')?;
    if first.contains('.') || first.contains(':') || first == "localhost" {
        Some((first, rest))
    } else {
        None
    }
}

fn check_tag(tag: &str) -> std::result::Result<(), &'static str> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = tag.as_bytes();
    if bytes.is_empty() {
        return Err("tag is empty");
    }
    if bytes.len() > TAG_LENGTH_MAX {
        return Err("tag is longer than 128 characters");
    }
    if !word(bytes[0]) {
        return Err("tag must start with a letter, digit or underscore");
    }
    if !bytes.iter().all(|&b| word(b) || b == b'.' || b == b'-') {
        return Err("tag may contain only letters, digits, '_', '.' and '-'");
    }
    Ok(())
}

fn check_domain(domain: &str) -> std::result::Result<(), &'static str> {
    let (host, port) = if let Some(inner) = domain.strip_prefix('[') {
        let (v6, after) = inner
            .split_once(']')
            .ok_or("registry IPv6 address lacks its closing ']'")?;
        if v6.is_empty()
            || !v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err("registry IPv6 address is malformed");
        }
        match after {
            "" => (None, None),
            p => (
                None,
                Some(p.strip_prefix(':').ok_or("registry port must follow ':'")?),
            ),
        }
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(domain), None),
        }
    };
    if let Some(host) = host {
        for label in host.split('.') {
            let b = label.as_bytes();
            let inner_ok = b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-');
            if b.is_empty() || !inner_ok || b[0] == b'-' || b[b.len() - 1] == b'-' {
                return Err(
                    "registry host must be dot-separated labels of letters, digits and inner '-'",
                );
            }
        }
    }
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err("registry port must be a number");
        }
    }
    Ok(())
}

fn check_path(path: &str) -> std::result::Result<(), &'static str> {
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err("repository name must be lowercase");
    }
    for component in path.split('/') {
        check_component(component)?;
    }
    Ok(())
}

/// `[a-z0-9]+ ( ( "." | "_" | "__" | "-"* ) [a-z0-9]+ )*`
fn check_component(c: &str) -> std::result::Result<(), &'static str> {
    const RULE: &str = "repository path components are lowercase letters and digits, separated by '.', '_', '__' or dashes";
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let b = c.as_bytes();
    if b.is_empty() {
        return Err("repository path has an empty component");
    }
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && alnum(b[i]) {
            i += 1;
        }
        if i == start {
            return Err(RULE);
        }
        if i == b.len() {
            return Ok(());
        }
        let sep_start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[sep_start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|s| s == b'-');
        if !ok || i == b.len() {
            return Err(RULE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn normalises_like_docker_and_podman() {
        let d = format!("sha256:{HEX}");
        let table: Vec<(String, String)> = vec![
            ("busybox".into(), "docker.io/library/busybox:latest".into()),
            (
                "busybox:1.36".into(),
                "docker.io/library/busybox:1.36".into(),
            ),
            ("user/repo".into(), "docker.io/user/repo:latest".into()),
            (
                "docker.io/busybox".into(),
                "docker.io/library/busybox:latest".into(),
            ),
            (
                "index.docker.io/busybox".into(),
                "docker.io/library/busybox:latest".into(),
            ),
            (
                "index.docker.io/user/repo:v1".into(),
                "docker.io/user/repo:v1".into(),
            ),
            (
                "quay.io/podman/hello".into(),
                "quay.io/podman/hello:latest".into(),
            ),
            ("localhost/x".into(), "localhost/x:latest".into()),
            (
                "localhost:5000/ns/repo:tag".into(),
                "localhost:5000/ns/repo:tag".into(),
            ),
            (
                "127.0.0.1:5000/a/b/c:1.0-rc_2".into(),
                "127.0.0.1:5000/a/b/c:1.0-rc_2".into(),
            ),
            ("[::1]:5000/x".into(), "[::1]:5000/x:latest".into()),
            (
                "my-reg.example.com/a.b/c__d/e--f".into(),
                "my-reg.example.com/a.b/c__d/e--f:latest".into(),
            ),
            (
                format!("busybox@{d}"),
                format!("docker.io/library/busybox@{d}"),
            ),
            (
                format!("busybox:1.36@{d}"),
                format!("docker.io/library/busybox:1.36@{d}"),
            ),
            (
                format!("localhost:5000/x@{d}"),
                format!("localhost:5000/x@{d}"),
            ),
        ];
        for (input, want) in table {
            let r = Reference::parse(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(r.to_string(), want, "input {input}");
            assert_eq!(Reference::parse(&want).unwrap(), r, "round trip of {want}");
        }
    }

    #[test]
    fn rejects_with_the_rule_broken() {
        let long_tag = format!("busybox:{}", "a".repeat(129));
        let long_name = format!("quay.io/{}", "a".repeat(250));
        let table: Vec<(&str, &str)> = vec![
            ("", "reference is empty"),
            ("Busybox", "repository name must be lowercase"),
            ("quay.io/Foo/bar", "repository name must be lowercase"),
            ("busybox:", "tag is empty"),
            (
                "busybox:-x",
                "tag must start with a letter, digit or underscore",
            ),
            ("busybox:a+b", "tag may contain only"),
            (&long_tag, "tag is longer than 128 characters"),
            (&long_name, "name is longer than 255 characters"),
            ("busybox@sha256:abc", "digest must be sha256"),
            ("busybox@md5:abc", "digest must be sha256"),
            ("a//b", "empty component"),
            ("a/", "empty component"),
            ("/a", "empty component"),
            ("a..b", "repository path components"),
            ("a___b", "repository path components"),
            ("-a", "repository path components"),
            ("a-", "repository path components"),
            ("a.-b", "repository path components"),
            ("quay.io:abc/x", "registry port must be a number"),
            ("-bad.io/x", "registry host must be"),
            ("bad..io/x", "registry host must be"),
            ("[::1/x", "closing ']'"),
            (HEX, "image ID"),
        ];
        for (input, rule) in table {
            let err = Reference::parse(input).expect_err(input).to_string();
            assert!(
                err.starts_with(&format!("invalid reference format {input:?}: ")),
                "{err}"
            );
            assert!(
                err.contains(rule),
                "input {input:?}: got {err}, want {rule}"
            );
            assert!(!err.contains('\n'));
        }
    }

    #[test]
    fn a_short_name_too_long_once_qualified_is_refused_so_every_parsed_name_prints_parseably() {
        // Found by the `reference` fuzz target: 250 characters fit, docker.io/library/ + 250
        // did not, so the stored form of a pulled image no longer parsed.
        let short = "a".repeat(250);
        let err = Reference::parse(&short).unwrap_err().to_string();
        assert!(err.contains("with its registry"), "{err}");
        let longest = "a".repeat(255 - "docker.io/library/".len());
        let r = Reference::parse(&longest).unwrap();
        assert_eq!(Reference::parse(&r.to_string()).unwrap(), r);
        let hub = format!("index.docker.io/a/{}", "b".repeat(235));
        let r = Reference::parse(&hub).unwrap();
        assert_eq!(Reference::parse(&r.to_string()).unwrap(), r);
    }

    #[test]
    fn error_message_names_input_and_rule() {
        let err = Reference::parse("Busybox").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid reference format "Busybox": repository name must be lowercase"#
        );
    }

    #[test]
    fn short_names_have_no_registry_component() {
        for s in [
            "busybox",
            "busybox:1",
            "user/repo",
            "user/repo:tag",
            "a/b/c",
            "busybox@sha256:x",
        ] {
            assert!(is_short_name(s), "{s}");
        }
        for s in [
            "docker.io/busybox",
            "localhost/x",
            "localhost:5000/x",
            "quay.io/a/b:1",
            "host:1/x",
        ] {
            assert!(!is_short_name(s), "{s}");
        }
    }

    #[test]
    fn parts_and_builders() {
        let r = Reference::parse("busybox").unwrap();
        assert_eq!(r.name(), "docker.io/library/busybox");
        assert_eq!(r.manifest_ref(), "latest");
        let d: Digest = format!("sha256:{HEX}").parse().unwrap();
        let pinned = r.with_digest(d.clone());
        assert_eq!(pinned.manifest_ref(), d.to_string());
        assert_eq!(
            pinned.to_string(),
            format!("docker.io/library/busybox:latest@{d}")
        );
        assert_eq!(
            r.digested(d.clone()).to_string(),
            format!("docker.io/library/busybox@{d}")
        );
        assert_eq!(
            r.with_tag("1.36").unwrap().to_string(),
            "docker.io/library/busybox:1.36"
        );
        assert!(r.with_tag("no way").is_err());
        assert_eq!(
            r.without_tag_or_digest().to_string(),
            "docker.io/library/busybox"
        );
        assert_eq!(
            strip_tag_and_digest("localhost:5000/a/b:1@sha256:x"),
            "localhost:5000/a/b"
        );
        assert_eq!(strip_tag_and_digest("busybox"), "busybox");
    }

    #[test]
    fn serde_uses_the_string_form() {
        let r = Reference::parse("quay.io/a/b:1").unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#""quay.io/a/b:1""#);
        assert_eq!(serde_json::from_str::<Reference>(&json).unwrap(), r);
    }
}
