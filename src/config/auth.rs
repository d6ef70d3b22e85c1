//! Registry credentials: containers-auth.json and ~/.docker/config.json.
//!
//! Read as containers/image reads containers-auth.json(5): the first file holding an entry for
//! the registry wins; within a file the most specific `registry/namespace/repo` key wins, then
//! Docker's URL forms (`https://index.docker.io/v1/`, `https://host/`). Within a file a
//! `credHelpers` entry for the registry comes first, then `auths`, then `credsStore`; helpers
//! are run as [`credhelper`] says.
use super::credhelper::{self, HelperError};
use crate::config::Paths;
use crate::util::fs::{atomic_write_mode, Lock};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// The username Docker pairs with an identity token.
pub(crate) const TOKEN_USERNAME: &str = "<token>";

/// A username and password (or identity token) for one registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub(crate) username: String,
    pub(crate) password: String,
    /// An OAuth2 refresh token (`identitytoken`): the registry client should trade it at the
    /// token endpoint (`grant_type=refresh_token`) instead of sending basic auth. When the
    /// file has no `auth` field, username is `<token>` and password is the token itself.
    pub(crate) identity_token: Option<String>,
}

impl Credentials {
    /// Plain username and password.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Credentials {
        Credentials {
            username: username.into(),
            password: password.into(),
            identity_token: None,
        }
    }
}

/// What can go wrong reading or writing a credentials file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AuthError {
    #[error("cannot read credentials file {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("invalid credentials file {path}: {message}; fix it or remove it")]
    Invalid { path: PathBuf, message: String },
    #[error("invalid credentials file {path}: the \"auth\" field of {key:?} is not base64; log in again")]
    BadAuth { path: PathBuf, key: String },
    #[error("cannot write credentials file {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Helper(#[from] HelperError),
}

type Result<T> = std::result::Result<T, AuthError>;

#[derive(Debug, Clone)]
struct AuthFile {
    path: PathBuf,
    /// Docker's own config.json: left alone by `remove_all`.
    docker: bool,
}

/// The credentials files rcon reads, in order, and the one `login` writes.
#[derive(Debug, Clone)]
pub(crate) struct AuthFiles {
    read: Vec<AuthFile>,
    write: PathBuf,
}

#[derive(Debug, Default, Deserialize)]
struct AuthJson {
    #[serde(default)]
    auths: BTreeMap<String, AuthEntry>,
    #[serde(default, rename = "credHelpers")]
    cred_helpers: BTreeMap<String, String>,
    #[serde(default, rename = "credsStore")]
    creds_store: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct AuthEntry {
    #[serde(default)]
    auth: String,
    #[serde(default)]
    identitytoken: String,
}

impl AuthFiles {
    /// The files for this user. `authfile` (`--authfile`) or else `$REGISTRY_AUTH_FILE` is read
    /// and written alone. Otherwise reads `$XDG_RUNTIME_DIR/containers/auth.json`,
    /// `$XDG_CONFIG_HOME/containers/auth.json`, then `$DOCKER_CONFIG/config.json` or
    /// `~/.docker/config.json`, and writes the first of the two containers files (the runtime
    /// one when `$XDG_RUNTIME_DIR` is set).
    pub(crate) fn discover(paths: &Paths, authfile: Option<&Path>) -> AuthFiles {
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let authfile = authfile
            .map(Path::to_path_buf)
            .or_else(|| env("REGISTRY_AUTH_FILE"));
        AuthFiles::discover_with(paths, authfile, env("DOCKER_CONFIG"))
    }

    fn discover_with(
        paths: &Paths,
        authfile: Option<PathBuf>,
        docker_config: Option<PathBuf>,
    ) -> AuthFiles {
        if let Some(path) = authfile {
            return AuthFiles {
                read: vec![AuthFile {
                    path: path.clone(),
                    docker: false,
                }],
                write: path,
            };
        }
        let mut read = Vec::new();
        if let Some(run) = &paths.runtime_dir {
            read.push(AuthFile {
                path: run.join("containers/auth.json"),
                docker: false,
            });
        }
        read.push(AuthFile {
            path: paths.containers_config().join("auth.json"),
            docker: false,
        });
        let docker_dir = docker_config.unwrap_or_else(|| paths.home.join(".docker"));
        read.push(AuthFile {
            path: docker_dir.join("config.json"),
            docker: true,
        });
        let write = read[0].path.clone();
        AuthFiles { read, write }
    }

    /// The files read, in order.
    #[cfg(test)]
    pub(crate) fn read_paths(&self) -> Vec<PathBuf> {
        self.read.iter().map(|f| f.path.clone()).collect()
    }

    /// The file `store` writes.
    #[cfg(test)]
    pub(crate) fn write_path(&self) -> &Path {
        &self.write
    }

    /// Credentials for `repository` on `registry` (`docker.io`, `localhost:5000`); an empty
    /// repository asks for the registry-wide entry only.
    pub(crate) fn lookup(&self, registry: &str, repository: &str) -> Result<Option<Credentials>> {
        let keys = lookup_keys(registry, repository);
        let host = normalize_registry(registry);
        // A helper that fails is remembered and reported only when no file has credentials.
        let mut failed = None;
        let mut ask = |helper: &str, file: &Path| match credhelper::get(helper, file, registry) {
            Ok(found) => found,
            Err(e) => {
                log::debug!("{e}");
                failed.get_or_insert(e);
                None
            }
        };
        for file in &self.read {
            let Some(json) = load(&file.path)? else {
                continue;
            };
            if let Some(c) = json.find(&file.path, registry, &keys, host, &mut ask)? {
                return Ok(Some(c));
            }
        }
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(None),
        }
    }

    /// Saves `creds` for `registry` (a host, or `host/namespace` for a narrower entry) in the
    /// write file, keeping its other entries. Returns the file written.
    pub(crate) fn store(&self, registry: &str, creds: &Credentials) -> Result<PathBuf> {
        let path = &self.write;
        let mut entry = Map::new();
        if creds.username != TOKEN_USERNAME || creds.identity_token.is_none() {
            let raw = format!("{}:{}", creds.username, creds.password);
            entry.insert("auth".into(), Value::String(STANDARD.encode(raw)));
        }
        if let Some(token) = &creds.identity_token {
            entry.insert("identitytoken".into(), Value::String(token.clone()));
        }
        edit(path, |root| {
            auths_mut(path, root)?.insert(registry.to_string(), Value::Object(entry));
            Ok(true)
        })?;
        Ok(path.clone())
    }

    /// Removes the entries for `registry` (the exact key, and Docker's URL forms of a bare
    /// host) from every file read, Docker's config.json included. True if any was removed.
    pub(crate) fn remove(&self, registry: &str) -> Result<bool> {
        let host = normalize_registry(registry);
        let matches = |key: &str| {
            key == registry
                || (!registry.contains('/') && key.contains("://") && normalize_key(key) == host)
        };
        let mut removed = false;
        for file in self.read.iter().filter(|f| f.path.exists()) {
            removed |= edit(&file.path, |root| {
                let auths = auths_mut(&file.path, root)?;
                let before = auths.len();
                auths.retain(|k, _| !matches(k));
                Ok(auths.len() != before)
            })?;
        }
        Ok(removed)
    }

    /// Empties the containers credentials files read (`auths` and `credHelpers`). Docker's
    /// config.json is left alone, as `podman logout --all` leaves it.
    pub(crate) fn remove_all(&self) -> Result<()> {
        for file in self.read.iter().filter(|f| !f.docker && f.path.exists()) {
            edit(&file.path, |root| {
                let Some(obj) = root.as_object_mut() else {
                    return Err(invalid(&file.path, "the top level is not an object"));
                };
                obj.insert("auths".into(), Value::Object(Map::new()));
                obj.remove("credHelpers");
                Ok(true)
            })?;
        }
        Ok(())
    }
}

impl AuthJson {
    /// This file's credentials for `registry`: its `credHelpers` entry (asked through `ask`),
    /// then the most specific of `keys` in `auths`, then any key naming `host`, then its
    /// `credsStore` (asked through `ask`).
    fn find(
        &self,
        path: &Path,
        registry: &str,
        keys: &[String],
        host: &str,
        ask: &mut impl FnMut(&str, &Path) -> Option<Credentials>,
    ) -> Result<Option<Credentials>> {
        if let Some(helper) = self.cred_helpers.get(registry).filter(|h| !h.is_empty()) {
            if let Some(c) = ask(helper, path) {
                return Ok(Some(c));
            }
        }
        for key in keys {
            if let Some(entry) = self.auths.get(key) {
                if let Some(c) = decode(path, key, entry)? {
                    return Ok(Some(c));
                }
            }
        }
        for (key, entry) in &self.auths {
            if normalize_key(key) == host {
                if let Some(c) = decode(path, key, entry)? {
                    return Ok(Some(c));
                }
            }
        }
        if let Some(store) = self.creds_store.as_deref().filter(|h| !h.is_empty()) {
            if let Some(c) = ask(store, path) {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }
}

/// The credentials file text `bytes` (as if read from `path`) looked up for `repository` on
/// `registry` as [`AuthFiles::lookup`] does, except that credential helpers are not run (they
/// hold nothing). For the fuzz targets: the parsing and matching without files or programs.
#[doc(hidden)]
pub(crate) fn lookup_in_bytes(
    path: &Path,
    bytes: &[u8],
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // Read as `{}`, as a blank file is.
        return Ok(None);
    }
    let json = parse(path, bytes)?;
    let keys = lookup_keys(registry, repository);
    json.find(
        path,
        registry,
        &keys,
        normalize_registry(registry),
        &mut |_, _| None,
    )
}

/// `registry/a/b/c`, `registry/a/b`, `registry/a`, `registry`: most specific first.
fn lookup_keys(registry: &str, repository: &str) -> Vec<String> {
    let mut keys = Vec::new();
    if !repository.is_empty() {
        let mut key = format!("{registry}/{repository}");
        loop {
            keys.push(key.clone());
            match key.rfind('/') {
                Some(i) if i > registry.len() => key.truncate(i),
                _ => break,
            }
        }
    }
    keys.push(registry.to_string());
    keys
}

/// Docker Hub has several names; auth entries use `index.docker.io`.
fn normalize_registry(registry: &str) -> &str {
    match registry {
        "docker.io" | "registry-1.docker.io" => "index.docker.io",
        other => other,
    }
}

/// The host a file key names: `https://index.docker.io/v1/` → `index.docker.io`.
fn normalize_key(key: &str) -> &str {
    let stripped = key
        .strip_prefix("http://")
        .or_else(|| key.strip_prefix("https://"));
    match stripped {
        Some(s) => normalize_registry(s.split('/').next().unwrap_or(s)),
        None => normalize_registry(key),
    }
}

fn decode(path: &Path, key: &str, entry: &AuthEntry) -> Result<Option<Credentials>> {
    let token = Some(entry.identitytoken.clone()).filter(|t| !t.is_empty());
    if entry.auth.is_empty() {
        // Docker writes `"host": {}` when a credential helper holds the secret.
        return Ok(token.map(|t| Credentials {
            username: TOKEN_USERNAME.into(),
            password: t.clone(),
            identity_token: Some(t),
        }));
    }
    let bytes = STANDARD
        .decode(entry.auth.trim())
        .or_else(|_| STANDARD_NO_PAD.decode(entry.auth.trim().trim_end_matches('=')))
        .map_err(|_| AuthError::BadAuth {
            path: path.to_path_buf(),
            key: key.to_string(),
        })?;
    let text = String::from_utf8_lossy(&bytes);
    let Some((user, password)) = text.split_once(':') else {
        log::warn!("{}: the \"auth\" field of {key:?} lacks the ':' between user and password; ignoring it", path.display());
        return Ok(None);
    };
    Ok(Some(Credentials {
        username: user.to_string(),
        password: password.trim_matches('\0').to_string(),
        identity_token: token,
    }))
}

fn invalid(path: &Path, message: &str) -> AuthError {
    AuthError::Invalid {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// The file's bytes, or None when it does not exist.
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(b) if b.iter().all(u8::is_ascii_whitespace) => Ok(Some(b"{}".to_vec())),
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AuthError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn load(path: &Path) -> Result<Option<AuthJson>> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok(None);
    };
    parse(path, &bytes).map(Some)
}

/// A credentials file's contents; `path` names it in the error.
fn parse(path: &Path, bytes: &[u8]) -> Result<AuthJson> {
    serde_json::from_slice(bytes).map_err(|e| invalid(path, &e.to_string()))
}

/// The whole document, to rewrite it keeping what rcon does not know.
fn load_value(path: &Path) -> Result<Option<Value>> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok(None);
    };
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| invalid(path, &e.to_string()))?;
    if !value.is_object() {
        return Err(invalid(path, "the top level is not an object"));
    }
    Ok(Some(value))
}

fn auths_mut<'a>(path: &Path, root: &'a mut Value) -> Result<&'a mut Map<String, Value>> {
    if root.is_null() {
        *root = Value::Object(Map::new());
    }
    let obj = root
        .as_object_mut()
        .ok_or_else(|| invalid(path, "the top level is not an object"))?;
    obj.entry("auths")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| invalid(path, "\"auths\" is not an object"))
}

/// Reads `path` (an empty document when it is missing), lets `change` alter it and, when it
/// says so, rewrites it; all under an exclusive lock on `.<name>.lock` beside it, so that two
/// logins or logouts at once both take effect. Returns what `change` returned.
fn edit(path: &Path, change: impl FnOnce(&mut Value) -> Result<bool>) -> Result<bool> {
    let write_err = |source| AuthError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(write_err)?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let _lock =
        Lock::exclusive(&path.with_file_name(format!(".{name}.lock"))).map_err(write_err)?;
    let mut root = load_value(path)?.unwrap_or_default();
    let changed = change(&mut root)?;
    if changed {
        save(path, &root)?;
    }
    Ok(changed)
}

/// Writes atomically with mode 0600; the folder exists.
fn save(path: &Path, root: &Value) -> Result<()> {
    let write_err = |source| AuthError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut data = serde_json::to_vec_pretty(root).map_err(|e| write_err(io::Error::other(e)))?;
    data.push(b'\n');
    atomic_write_mode(path, &data, 0o600).map_err(write_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn paths(dir: &Path, runtime: bool) -> Paths {
        Paths {
            root: dir.join("data/rcon"),
            runroot: dir.join("run/rcon"),
            config_home: dir.join("config"),
            volume_path: None,
            runtime_dir: runtime.then(|| dir.join("run")),
            home: dir.join("home"),
        }
    }

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn b64(s: &str) -> String {
        STANDARD.encode(s)
    }

    #[test]
    fn read_order_and_write_target() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = AuthFiles::discover_with(&paths(d, true), None, None);
        assert_eq!(
            files.read_paths(),
            [
                d.join("run/containers/auth.json"),
                d.join("config/containers/auth.json"),
                d.join("home/.docker/config.json")
            ]
        );
        assert_eq!(files.write_path(), d.join("run/containers/auth.json"));
        let files = AuthFiles::discover_with(&paths(d, false), None, Some(d.join("dc")));
        assert_eq!(
            files.read_paths(),
            [
                d.join("config/containers/auth.json"),
                d.join("dc/config.json")
            ]
        );
        assert_eq!(files.write_path(), d.join("config/containers/auth.json"));
        let files = AuthFiles::discover_with(&paths(d, true), Some(d.join("mine.json")), None);
        assert_eq!(files.read_paths(), [d.join("mine.json")]);
        assert_eq!(files.write_path(), d.join("mine.json"));
    }

    #[test]
    fn most_specific_key_wins_and_first_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = AuthFiles::discover_with(&paths(d, true), None, None);
        write(
            &d.join("run/containers/auth.json"),
            &format!(
                r#"{{"auths": {{"quay.io": {{"auth": "{}"}}, "quay.io/team": {{"auth": "{}"}}, "quay.io/team/app": {{"auth": "{}"}}}}}}"#,
                b64("reg:1"),
                b64("ns:2"),
                b64("repo:3")
            ),
        );
        write(
            &d.join("config/containers/auth.json"),
            &format!(
                r#"{{"auths": {{"quay.io": {{"auth": "{}"}}, "ghcr.io": {{"auth": "{}"}}}}}}"#,
                b64("late:x"),
                b64("gh:y")
            ),
        );
        let user = |repo: &str| files.lookup("quay.io", repo).unwrap().map(|c| c.username);
        assert_eq!(user("team/app").as_deref(), Some("repo"));
        assert_eq!(user("team/app/sub").as_deref(), Some("repo"));
        assert_eq!(user("team/other").as_deref(), Some("ns"));
        assert_eq!(user("teammate/x").as_deref(), Some("reg"));
        assert_eq!(user("").as_deref(), Some("reg"));
        assert_eq!(
            files.lookup("ghcr.io", "a/b").unwrap(),
            Some(Credentials::new("gh", "y"))
        );
        assert_eq!(files.lookup("example.com", "a").unwrap(), None);
    }

    #[test]
    fn docker_url_keys_match_their_hosts() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = AuthFiles::discover_with(&paths(d, false), None, None);
        write(
            &d.join("home/.docker/config.json"),
            &format!(
                r#"{{"auths": {{"https://index.docker.io/v1/": {{"auth": "{}"}}, "https://reg.example.com/": {{"auth": "{}"}}, "http://localhost:5000": {{"auth": "{}"}}}}, "credsStore": ""}}"#,
                b64("hub:pw"),
                b64("ex:pw"),
                b64("lo:pw:with:colons")
            ),
        );
        assert_eq!(
            files.lookup("docker.io", "library/busybox").unwrap(),
            Some(Credentials::new("hub", "pw"))
        );
        assert_eq!(
            files
                .lookup("reg.example.com", "x")
                .unwrap()
                .unwrap()
                .username,
            "ex"
        );
        assert_eq!(
            files.lookup("localhost:5000", "x").unwrap(),
            Some(Credentials::new("lo", "pw:with:colons"))
        );
    }

    #[test]
    fn identity_token_is_exposed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("auth.json");
        write(
            &p,
            &format!(
                r#"{{"auths": {{"a.io": {{"identitytoken": "tok"}}, "b.io": {{"auth": "{}", "identitytoken": "tok2"}}, "c.io": {{}}}}}}"#,
                b64("u:p")
            ),
        );
        let files = AuthFiles::discover_with(&paths(dir.path(), false), Some(p), None);
        let a = files.lookup("a.io", "x").unwrap().unwrap();
        assert_eq!(
            (
                a.username.as_str(),
                a.password.as_str(),
                a.identity_token.as_deref()
            ),
            ("<token>", "tok", Some("tok"))
        );
        let b = files.lookup("b.io", "x").unwrap().unwrap();
        assert_eq!(
            (b.username.as_str(), b.identity_token.as_deref()),
            ("u", Some("tok2"))
        );
        assert_eq!(files.lookup("c.io", "x").unwrap(), None);
    }

    #[test]
    fn invalid_json_is_a_one_line_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("auth.json");
        write(&p, "{\"auths\": {\n");
        let files = AuthFiles::discover_with(&paths(dir.path(), false), Some(p.clone()), None);
        let err = files.lookup("a.io", "").unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("invalid credentials file {}: ", p.display())),
            "{err}"
        );
        assert!(!err.contains('\n'));
        write(&p, r#"{"auths": {"a.io": {"auth": "!!!"}}}"#);
        let err = files.lookup("a.io", "").unwrap_err().to_string();
        assert!(err.contains("is not base64"), "{err}");
        write(&p, "");
        assert_eq!(files.lookup("a.io", "").unwrap(), None);
    }

    #[test]
    fn store_keeps_other_entries_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = AuthFiles::discover_with(&paths(d, true), None, None);
        let target = d.join("run/containers/auth.json");
        assert_eq!(
            files
                .store("quay.io", &Credentials::new("me", "secret"))
                .unwrap(),
            target
        );
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(d.join("run/containers"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        write(
            &target,
            &format!(
                r#"{{"auths": {{"other.io": {{"auth": "{}"}}}}, "credHelpers": {{"x.io": "pass"}}}}"#,
                b64("o:p")
            ),
        );
        files
            .store("quay.io", &Credentials::new("me", "secret"))
            .unwrap();
        files
            .store("quay.io", &Credentials::new("me", "newer"))
            .unwrap();
        assert_eq!(
            files.lookup("quay.io", "a/b").unwrap(),
            Some(Credentials::new("me", "newer"))
        );
        assert_eq!(
            files.lookup("other.io", "").unwrap(),
            Some(Credentials::new("o", "p"))
        );
        let v: Value = serde_json::from_slice(&fs::read(&target).unwrap()).unwrap();
        assert_eq!(v["credHelpers"]["x.io"], "pass");
        assert_eq!(v["auths"]["quay.io"]["auth"], b64("me:newer"));
        let left: Vec<_> = fs::read_dir(d.join("run/containers"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".auth.json.lock")
            .collect();
        assert_eq!(left, ["auth.json"], "no temp file left");
    }

    #[test]
    fn logins_at_once_all_land() {
        let dir = tempfile::tempdir().unwrap();
        let files = AuthFiles::discover_with(&paths(dir.path(), true), None, None);
        std::thread::scope(|s| {
            for i in 0..8 {
                let files = &files;
                s.spawn(move || {
                    for j in 0..10 {
                        let host = format!("r{i}-{j}.example");
                        files.store(&host, &Credentials::new("me", "pw")).unwrap();
                    }
                });
            }
        });
        for i in 0..8 {
            for j in 0..10 {
                let host = format!("r{i}-{j}.example");
                assert!(files.lookup(&host, "").unwrap().is_some(), "{host} lost");
            }
        }
    }

    #[test]
    fn remove_takes_the_entry_from_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = AuthFiles::discover_with(&paths(d, true), None, None);
        let entry = format!(r#"{{"auth": "{}"}}"#, b64("u:p"));
        write(
            &d.join("run/containers/auth.json"),
            &format!(r#"{{"auths": {{"docker.io": {entry}, "quay.io": {entry}}}}}"#),
        );
        write(
            &d.join("config/containers/auth.json"),
            &format!(r#"{{"auths": {{"docker.io": {entry}}}}}"#),
        );
        write(
            &d.join("home/.docker/config.json"),
            &format!(r#"{{"auths": {{"https://index.docker.io/v1/": {entry}}}}}"#),
        );
        assert!(files.remove("docker.io").unwrap());
        assert_eq!(files.lookup("docker.io", "library/busybox").unwrap(), None);
        assert!(files.lookup("quay.io", "").unwrap().is_some());
        assert!(!files.remove("docker.io").unwrap());
        assert!(!files.remove("never.io").unwrap());
    }

    #[test]
    fn remove_all_empties_containers_files_but_not_dockers() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = AuthFiles::discover_with(&paths(d, true), None, None);
        let entry = format!(r#"{{"auth": "{}"}}"#, b64("u:p"));
        write(
            &d.join("run/containers/auth.json"),
            &format!(r#"{{"auths": {{"a.io": {entry}}}}}"#),
        );
        write(
            &d.join("config/containers/auth.json"),
            &format!(r#"{{"auths": {{"b.io": {entry}}}, "credHelpers": {{"c.io": "x"}}}}"#),
        );
        write(
            &d.join("home/.docker/config.json"),
            &format!(r#"{{"auths": {{"d.io": {entry}}}}}"#),
        );
        files.remove_all().unwrap();
        assert_eq!(files.lookup("a.io", "").unwrap(), None);
        assert_eq!(files.lookup("b.io", "").unwrap(), None);
        assert!(files.lookup("d.io", "").unwrap().is_some());
    }

    #[test]
    fn lookup_keys_go_from_specific_to_registry() {
        assert_eq!(
            lookup_keys("quay.io", "a/b/c"),
            ["quay.io/a/b/c", "quay.io/a/b", "quay.io/a", "quay.io"]
        );
        assert_eq!(lookup_keys("localhost:5000", ""), ["localhost:5000"]);
    }
}
