//! registries.conf (v2 TOML): search registries, aliases, mirrors, insecure and blocked entries.
//!
//! Read as Podman (containers/image `sysregistriesv2`) reads containers-registries.conf(5):
//! one main file, then `*.conf` drop-ins in lexical order, later files overriding earlier ones.
//! The v1 format (`[registries.search]`, `[registries.insecure]`, `[registries.block]`) is
//! accepted and converted. `short-name-mode` is accepted and ignored: rcon never prompts, it
//! tries the candidates in order as Podman does in `permissive` mode without a terminal.
use crate::config::Paths;
use crate::util::reference::{self, Reference, ReferenceError, DOCKER_HUB};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The system-wide main file.
const SYSTEM_CONF: &str = "/etc/containers/registries.conf";
/// The system-wide drop-in folder.
const SYSTEM_CONF_DIR: &str = "/etc/containers/registries.conf.d";
/// Where Docker Hub's registry API actually answers.
const DOCKER_HUB_API_HOST: &str = "registry-1.docker.io";

/// One place to fetch a repository from: a mirror or the registry itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `host[:port]` to connect to (`docker.io` becomes `registry-1.docker.io`).
    pub host: String,
    /// The repository path on that host (rewritten by `location` when the prefix maps it).
    pub repository: String,
    /// Plain HTTP, or TLS without verification, is allowed for this endpoint.
    pub insecure: bool,
    /// True for a mirror: failures fall through to the next endpoint.
    pub mirror: bool,
}

/// Which references a mirror serves (`pull-from-mirror`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum PullFromMirror {
    #[default]
    All,
    DigestOnly,
    TagOnly,
}

#[derive(Debug, Clone)]
struct Mirror {
    location: String,
    insecure: bool,
    pull_from: PullFromMirror,
}

/// One `[[registry]]` table after validation.
#[derive(Debug, Clone)]
struct Registry {
    prefix: String,
    /// Empty only for a wildcard prefix without a location (the reference is used as is).
    location: String,
    insecure: bool,
    blocked: bool,
    mirror_by_digest_only: bool,
    mirrors: Vec<Mirror>,
    /// The file that defined it, for error messages.
    source: PathBuf,
}

/// The merged registries.conf.
#[derive(Debug, Clone, Default)]
pub(crate) struct RegistriesConf {
    search: Vec<String>,
    /// Short name → fully qualified name without tag, and the file that set it.
    aliases: BTreeMap<String, (String, PathBuf)>,
    /// By prefix: a later file's entry with the same prefix replaces the earlier one.
    registries: BTreeMap<String, Registry>,
    sources: Vec<PathBuf>,
}

/// What can go wrong reading registries.conf or resolving a name through it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RegistriesError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("invalid registries configuration {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("registry {prefix} is blocked in {path}: {reference} cannot be pulled; remove `blocked = true` there to allow it")]
    Blocked {
        prefix: String,
        path: PathBuf,
        reference: String,
    },
    #[error(
        "alias {alias:?} in {path} is not a fully qualified name without tag or digest: {value:?}"
    )]
    BadAlias {
        alias: String,
        value: String,
        path: PathBuf,
    },
    #[error(transparent)]
    Reference(#[from] ReferenceError),
}

type Result<T> = std::result::Result<T, RegistriesError>;

/// Why one entry of a registries.conf is invalid (the file's error names the file).
#[derive(Debug, thiserror::Error)]
enum EntryError {
    #[error("location {location:?} has a URL scheme; write host[:port][/path] without it")]
    UrlScheme { location: String },
    #[error(
        "mirror {location:?} has pull-from-mirror = {value:?}; use all, digest-only or tag-only"
    )]
    BadPullFrom { location: String, value: String },
    #[error("a [[registry]] has neither prefix nor location; set at least one")]
    NoPrefixNorLocation,
    #[error("registry prefix {prefix:?} has no location; only *.example.com prefixes may omit it")]
    NoLocation { prefix: String },
    #[error("wildcard prefix {prefix:?} must be of the form *.example.com")]
    BadWildcard { prefix: String },
    #[error(
        "registry {prefix:?} sets pull-from-mirror; it belongs in its [[registry.mirror]] tables"
    )]
    PullFromOnRegistry { prefix: String },
    #[error("a mirror of registry {prefix:?} has no location")]
    MirrorWithoutLocation { prefix: String },
    #[error("registry {prefix:?} sets mirror-by-digest-only and its mirror {mirror:?} sets pull-from-mirror; keep one")]
    DigestOnlyAndPullFrom { prefix: String, mirror: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    unqualified_search_registries: Option<Vec<String>>,
    #[allow(dead_code)]
    short_name_mode: Option<String>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    registry: Option<Vec<RawRegistry>>,
    /// The v1 format.
    registries: Option<RawV1>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawRegistry {
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror_by_digest_only: bool,
    pull_from_mirror: Option<String>,
    #[serde(default)]
    mirror: Vec<RawMirror>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawMirror {
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    pull_from_mirror: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawV1 {
    #[serde(default)]
    search: RawV1List,
    #[serde(default)]
    insecure: RawV1List,
    #[serde(default)]
    block: RawV1List,
}

#[derive(Debug, Default, Deserialize)]
struct RawV1List {
    #[serde(default)]
    registries: Vec<String>,
}

impl RegistriesConf {
    /// Reads the configuration as Podman does. With `$CONTAINERS_REGISTRIES_CONF` set, that
    /// file alone is read (no drop-ins), which keeps scripts and tests reproducible. Otherwise
    /// `$XDG_CONFIG_HOME/containers/registries.conf` if it exists, with only the user's
    /// drop-ins (as containers/image does); else `/etc/containers/registries.conf` with the
    /// system drop-ins and then the user's. Missing files are fine.
    pub(crate) fn load(paths: &Paths) -> Result<RegistriesConf> {
        let env_file = std::env::var_os("CONTAINERS_REGISTRIES_CONF").filter(|v| !v.is_empty());
        let files = config_files(
            paths,
            env_file.map(PathBuf::from),
            Path::new(SYSTEM_CONF),
            Path::new(SYSTEM_CONF_DIR),
        )?;
        RegistriesConf::load_files(&files)
    }

    /// Reads `files` in order, each overriding the ones before; missing files are skipped.
    pub(crate) fn load_files(files: &[PathBuf]) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        for path in files {
            let text = match fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(source) => {
                    return Err(RegistriesError::Read {
                        path: path.clone(),
                        source,
                    })
                }
            };
            conf.merge_text(path, &text)?;
        }
        Ok(conf)
    }

    /// Merges one file's text (read from `path`) over what is there.
    pub(crate) fn merge_text(&mut self, path: &Path, text: &str) -> Result<()> {
        let invalid = |message: String| RegistriesError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| invalid(one_line_toml_error(text, &e)))?;
        let mut raw_registries = raw.registry.unwrap_or_default();
        let mut search = raw.unqualified_search_registries;
        if let Some(v1) = raw.registries {
            if !raw_registries.is_empty() || search.is_some() {
                return Err(invalid(
                    "mixes the v1 [registries.*] tables with v2 keys; use one format".into(),
                ));
            }
            let mut by_location: BTreeMap<String, RawRegistry> = BTreeMap::new();
            let lists = [
                (&v1.insecure.registries, true, false),
                (&v1.block.registries, false, true),
            ];
            for (list, insecure, blocked) in lists {
                for loc in list {
                    let e = by_location
                        .entry(loc.clone())
                        .or_insert_with(|| RawRegistry {
                            location: loc.clone(),
                            ..RawRegistry::default()
                        });
                    e.insecure |= insecure;
                    e.blocked |= blocked;
                }
            }
            raw_registries = by_location.into_values().collect();
            search = Some(v1.search.registries);
        }

        if let Some(search) = search {
            self.search = search
                .iter()
                .map(|s| parse_location(s).map_err(|e| invalid(e.to_string())))
                .collect::<Result<_>>()?;
        }
        for (alias, value) in raw.aliases {
            let qualified = !reference::is_short_name(&value)
                && reference::strip_tag_and_digest(&value) == value
                && Reference::parse(&value).is_ok();
            if !qualified {
                return Err(RegistriesError::BadAlias {
                    alias,
                    value,
                    path: path.to_path_buf(),
                });
            }
            self.aliases.insert(alias, (value, path.to_path_buf()));
        }
        for raw in raw_registries {
            let reg = validate_registry(raw, path).map_err(|e| invalid(e.to_string()))?;
            self.registries.insert(reg.prefix.clone(), reg);
        }
        self.sources.push(path.to_path_buf());
        Ok(())
    }

    /// The references to try for `input`, in order. A fully qualified input is itself; a short
    /// name matching an alias is the alias alone (with the input's tag or digest); otherwise one
    /// candidate per unqualified-search registry, or docker.io when none is configured.
    pub(crate) fn candidates(&self, input: &str) -> Result<Vec<Reference>> {
        // Validates the input (tag, digest, path) whatever the registry turns out to be.
        let parsed = Reference::parse(input)?;
        if !reference::is_short_name(input) {
            return Ok(vec![parsed]);
        }
        let key = reference::strip_tag_and_digest(input);
        if let Some((value, _)) = self.aliases.get(key) {
            let mut alias = Reference::parse(value)?;
            alias.tag = parsed.tag;
            alias.digest = parsed.digest;
            return Ok(vec![alias]);
        }
        if self.search.is_empty() {
            return Ok(vec![parsed]);
        }
        self.search
            .iter()
            .map(|registry| Ok(Reference::parse(&format!("{registry}/{input}"))?))
            .collect()
    }

    /// Where to fetch `r` from: mirrors first (those that serve this kind of reference), then
    /// the registry itself, following the longest matching `[[registry]]` prefix.
    pub(crate) fn endpoints(&self, r: &Reference) -> Result<Vec<Endpoint>> {
        let full = r.to_string();
        let Some((reg, _)) = self.find(&full) else {
            return Ok(vec![endpoint(r, false, false)]);
        };
        if reg.blocked {
            return Err(RegistriesError::Blocked {
                prefix: reg.prefix.clone(),
                path: reg.source.clone(),
                reference: full,
            });
        }
        let digested = r.digest.is_some();
        let mut out = Vec::new();
        for m in &reg.mirrors {
            let serves = if reg.mirror_by_digest_only {
                digested
            } else {
                match m.pull_from {
                    PullFromMirror::All => true,
                    PullFromMirror::DigestOnly => digested,
                    PullFromMirror::TagOnly => !digested,
                }
            };
            if serves {
                out.push(endpoint(
                    &rewrite(r, &full, &reg.prefix, &m.location)?,
                    m.insecure,
                    true,
                ));
            }
        }
        out.push(endpoint(
            &rewrite(r, &full, &reg.prefix, &reg.location)?,
            reg.insecure,
            false,
        ));
        Ok(out)
    }

    /// True when `host` (`host[:port]`) may be reached over plain HTTP or unverified TLS.
    pub(crate) fn is_insecure(&self, host: &str) -> bool {
        self.find(host).is_some_and(|(reg, _)| reg.insecure)
    }

    /// The unqualified-search registries, in order (for `rcon info`).
    pub(crate) fn search_registries(&self) -> Vec<String> {
        self.search.clone()
    }

    /// The files read, in the order they were merged.
    pub(crate) fn sources(&self) -> Vec<PathBuf> {
        self.sources.clone()
    }

    /// The registry entry with the longest prefix matching `reference`, and the match length.
    fn find(&self, reference: &str) -> Option<(&Registry, usize)> {
        self.registries
            .values()
            .filter_map(|reg| prefix_match(reference, &reg.prefix).map(|n| (reg, n)))
            .max_by_key(|(reg, _)| reg.prefix.len())
    }
}

/// The files [`RegistriesConf::load`] reads, in merge order.
fn config_files(
    paths: &Paths,
    env_file: Option<PathBuf>,
    system_conf: &Path,
    system_dir: &Path,
) -> Result<Vec<PathBuf>> {
    if let Some(file) = env_file {
        return Ok(vec![file]);
    }
    let user_conf = paths.containers_config().join("registries.conf");
    let user_dir = paths.containers_config().join("registries.conf.d");
    let mut files = Vec::new();
    if user_conf.exists() {
        files.push(user_conf);
    } else {
        files.push(system_conf.to_path_buf());
        files.extend(drop_ins(system_dir)?);
    }
    files.extend(drop_ins(&user_dir)?);
    Ok(files)
}

/// The `*.conf` files of `dir` in lexical order; a missing folder has none.
fn drop_ins(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(RegistriesError::Read {
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf") && !p.is_dir())
        .collect();
    files.sort();
    Ok(files)
}

/// `path:line:col: message`-style one-liner from a TOML error, whose Display spans lines.
fn one_line_toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("line {line}, column {col}: {message}")
        }
        None => message,
    }
}

/// Trims a trailing `/` and refuses URL schemes, as containers/image does.
fn parse_location(s: &str) -> std::result::Result<String, EntryError> {
    let s = s.trim().trim_end_matches('/');
    if s.starts_with("http://") || s.starts_with("https://") {
        return Err(EntryError::UrlScheme {
            location: s.to_string(),
        });
    }
    Ok(s.to_string())
}

fn parse_pull_from(
    value: &Option<String>,
    location: &str,
) -> std::result::Result<PullFromMirror, EntryError> {
    match value.as_deref() {
        None | Some("") | Some("all") => Ok(PullFromMirror::All),
        Some("digest-only") => Ok(PullFromMirror::DigestOnly),
        Some("tag-only") => Ok(PullFromMirror::TagOnly),
        Some(other) => Err(EntryError::BadPullFrom {
            location: location.to_string(),
            value: other.to_string(),
        }),
    }
}

fn validate_registry(raw: RawRegistry, source: &Path) -> std::result::Result<Registry, EntryError> {
    let location = parse_location(&raw.location)?;
    let prefix = if raw.prefix.is_empty() {
        if location.is_empty() {
            return Err(EntryError::NoPrefixNorLocation);
        }
        location.clone()
    } else {
        let prefix = parse_location(&raw.prefix)?;
        if location.is_empty() && !prefix.starts_with("*.") {
            return Err(EntryError::NoLocation { prefix });
        }
        prefix
    };
    if prefix.contains('*')
        && (!prefix.starts_with("*.") || prefix[1..].contains('*') || prefix.contains('/'))
    {
        return Err(EntryError::BadWildcard { prefix });
    }
    if raw.pull_from_mirror.is_some() {
        return Err(EntryError::PullFromOnRegistry { prefix });
    }
    let mut mirrors = Vec::new();
    for m in raw.mirror {
        let mirror_location = parse_location(&m.location)?;
        if mirror_location.is_empty() {
            return Err(EntryError::MirrorWithoutLocation { prefix });
        }
        if raw.mirror_by_digest_only && m.pull_from_mirror.is_some() {
            return Err(EntryError::DigestOnlyAndPullFrom {
                prefix,
                mirror: mirror_location,
            });
        }
        let pull_from = parse_pull_from(&m.pull_from_mirror, &mirror_location)?;
        mirrors.push(Mirror {
            location: mirror_location,
            insecure: m.insecure,
            pull_from,
        });
    }
    Ok(Registry {
        prefix,
        location,
        insecure: raw.insecure,
        blocked: raw.blocked,
        mirror_by_digest_only: raw.mirror_by_digest_only,
        mirrors,
        source: source.to_path_buf(),
    })
}

/// How much of `reference` (`registry/repository[:tag][@digest]`, or a bare host) `prefix`
/// matches, or None. A match ends at the end, or before `/`, `@`, or a tag's `:`.
fn prefix_match(reference: &str, prefix: &str) -> Option<usize> {
    if let Some(suffix) = prefix.strip_prefix('*') {
        // `*.example.com`: the host part must end in `.example.com`.
        let host_end = reference.find('/').unwrap_or(reference.len());
        let host = &reference[..host_end];
        let host_name = host.split(':').next().unwrap_or(host);
        if host_name.len() > suffix.len() && host_name.ends_with(suffix) {
            return Some(host_name.len());
        }
        return None;
    }
    let rest = reference.strip_prefix(prefix)?;
    match rest.as_bytes().first() {
        None | Some(b'/') | Some(b'@') => Some(prefix.len()),
        // A `:` after a host-only prefix would be a port: `example.com` must not match
        // `example.com:5000` (containers/image matches it and says not to rely on that).
        Some(b':') if prefix.contains('/') => Some(prefix.len()),
        _ => None,
    }
}

/// `r` with the matched prefix replaced by `location` (an empty location keeps `r`).
fn rewrite(r: &Reference, full: &str, prefix: &str, location: &str) -> Result<Reference> {
    if location.is_empty() {
        return Ok(r.clone());
    }
    let Some(n) = prefix_match(full, prefix) else {
        return Ok(r.clone());
    };
    if location == prefix {
        return Ok(r.clone());
    }
    Ok(Reference::parse(&format!("{location}{}", &full[n..]))?)
}

fn endpoint(r: &Reference, insecure: bool, mirror: bool) -> Endpoint {
    let host = if r.registry == DOCKER_HUB {
        DOCKER_HUB_API_HOST.to_string()
    } else {
        r.registry.clone()
    };
    Endpoint {
        host,
        repository: r.repository.clone(),
        insecure,
        mirror,
    }
}

#[cfg(test)]
mod tests;
