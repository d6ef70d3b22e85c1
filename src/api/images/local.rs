//! The stored images as Docker shows them: `GET /images/json`, `GET /images/{name}/json`,
//! `GET /images/{name}/history`. Names appear in Docker's short form (`busybox:latest` for
//! `docker.io/library/busybox:latest`).
use super::super::http::{ApiError, ApiResult, Reply, Req};
use super::child::docker_name;
use crate::cli::Context;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::store::index::{self, Index};
use crate::image::store::{ImageRecord, Store};
use crate::util::time;
use serde_json::{json, Value};

/// The index, read for a request.
pub(super) fn read_index(ctx: &Context) -> Result<Index, ApiError> {
    index::read(&ctx.paths.storage())
        .map_err(|e| ApiError::internal(format!("cannot read the image index: {e}")))
}

/// The image `name` names (a name, a short name, an ID or its prefix); 404 as Docker's
/// "No such image: name".
pub(super) fn find(ctx: &Context, idx: &Index, name: &str) -> Result<ImageRecord, ApiError> {
    let conf = RegistriesConf::load(&ctx.paths).map_err(|e| ApiError::internal(e.to_string()))?;
    match lookup::find(idx, &conf, name) {
        Ok(Some(img)) => Ok(img.clone()),
        Ok(None) => Err(ApiError::not_found(format!("No such image: {name}"))),
        Err(e) => Err(ApiError::bad_request(e.to_string())),
    }
}

/// An image's config blob as JSON (`null` when unreadable).
pub(super) fn config_of(store: &Store, img: &ImageRecord) -> Value {
    store
        .read_blob(&img.id)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null)
}

fn open_store(ctx: &Context) -> Result<Store, ApiError> {
    Store::open(&ctx.paths).map_err(|e| ApiError::internal(format!("cannot open the store: {e}")))
}

fn created_secs(config: &Value) -> i64 {
    config
        .get("created")
        .and_then(Value::as_str)
        .and_then(time::parse_rfc3339)
        .unwrap_or(0)
}

fn names(img: &ImageRecord) -> Vec<String> {
    img.names.iter().map(|n| docker_name(n)).collect()
}

fn digests(img: &ImageRecord) -> Vec<String> {
    img.repo_digests.iter().map(|n| docker_name(n)).collect()
}

/// `GET /images/json?all=&filters=&digests=`.
pub(super) fn list(ctx: &Context, req: &mut Req) -> ApiResult {
    let all = req.q_bool("all", false)?;
    let filters = ListFilters::parse(ctx, &req.filters()?)?;
    let idx = read_index(ctx)?;
    let store = open_store(ctx)?;
    let mut rows: Vec<(i64, Value)> = Vec::new();
    for img in &idx.images {
        if !all && img.names.is_empty() && img.intermediate {
            continue;
        }
        let config = config_of(&store, img);
        if !filters.keep(img, &config) {
            continue;
        }
        let created = created_secs(&config);
        let labels = config
            .pointer("/config/Labels")
            .cloned()
            .unwrap_or(json!({}));
        let tags = filters.matching_names(img);
        // The digests of the repositories shown (the docker CLI lists each as a row).
        let repos: Vec<&str> = tags.iter().map(|t| repo_of(t)).collect();
        let repo_digests: Vec<String> = digests(img)
            .into_iter()
            .filter(|d| repos.contains(&d.split('@').next().unwrap_or("")))
            .collect();
        let mut row = json!({
            "Id": img.id.to_string(),
            "ParentId": "",
            "RepoTags": tags,
            "RepoDigests": repo_digests,
            "Created": created,
            "Size": img.size,
            "SharedSize": -1,
            "Labels": if labels.is_null() { json!({}) } else { labels },
            "Containers": -1,
        });
        if req.version < (1, 44) {
            row["VirtualSize"] = json!(img.size);
        }
        rows.push((created, row));
    }
    rows.sort_by_key(|(c, _)| std::cmp::Reverse(*c));
    Reply::ok(Value::Array(rows.into_iter().map(|(_, r)| r).collect()))
}

/// The repository of a `repo:tag` name.
fn repo_of(n: &str) -> &str {
    match n.rfind(':') {
        Some(i) if !n[i..].contains('/') => &n[..i],
        _ => n,
    }
}

/// `GET /images/json`'s filters: reference, dangling, label, before, since.
struct ListFilters {
    reference: Vec<String>,
    dangling: Option<bool>,
    label: Vec<String>,
    before: Option<i64>,
    since: Option<i64>,
}

impl ListFilters {
    fn parse(ctx: &Context, pairs: &[(String, String)]) -> Result<ListFilters, ApiError> {
        let mut f = ListFilters {
            reference: Vec::new(),
            dangling: None,
            label: Vec::new(),
            before: None,
            since: None,
        };
        let created_of = |name: &str| -> Result<i64, ApiError> {
            let idx = read_index(ctx)?;
            let img = find(ctx, &idx, name)?;
            Ok(created_secs(&config_of(&open_store(ctx)?, &img)))
        };
        for (k, v) in pairs {
            match k.as_str() {
                "reference" => f.reference.push(v.clone()),
                "dangling" => {
                    f.dangling = Some(match v.as_str() {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => {
                            return Err(ApiError::bad_request(format!(
                                "invalid filter 'dangling={v}': expected true or false"
                            )))
                        }
                    })
                }
                "label" => f.label.push(v.clone()),
                "before" => f.before = Some(created_of(v)?),
                "since" => f.since = Some(created_of(v)?),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "invalid filter '{k}': rcon filters images by reference, dangling, label, before and since"
                    )))
                }
            }
        }
        Ok(f)
    }

    /// The names (Docker's form) the reference filters match; every name without them.
    fn matching_names(&self, img: &ImageRecord) -> Vec<String> {
        img.names
            .iter()
            .filter(|full| {
                let short = docker_name(full);
                self.reference.is_empty()
                    || self.reference.iter().any(|p| {
                        [
                            full.as_str(),
                            short.as_str(),
                            repo_of(full),
                            repo_of(&short),
                        ]
                        .iter()
                        .any(|n| crate::cli::image_filter::glob(p, n))
                    })
            })
            .map(|n| docker_name(n))
            .collect()
    }

    fn keep(&self, img: &ImageRecord, config: &Value) -> bool {
        if let Some(d) = self.dangling {
            if d != img.dangling() {
                return false;
            }
        }
        if !self.reference.is_empty() && self.matching_names(img).is_empty() {
            return false;
        }
        let labels = config.pointer("/config/Labels");
        for l in &self.label {
            let (k, v) = match l.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (l.as_str(), None),
            };
            let got = labels.and_then(|m| m.get(k)).and_then(Value::as_str);
            match (got, v) {
                (None, _) => return false,
                (Some(g), Some(v)) if g != v => return false,
                _ => {}
            }
        }
        let created = created_secs(config);
        if self.before.is_some_and(|b| created >= b) || self.since.is_some_and(|s| created <= s) {
            return false;
        }
        true
    }
}

/// `GET /images/{name}/json`: Docker's image inspect.
pub(super) fn inspect(ctx: &Context, req: &mut Req, name: &str) -> ApiResult {
    let idx = read_index(ctx)?;
    let img = find(ctx, &idx, name)?;
    let config = config_of(&open_store(ctx)?, &img);
    let get = |p: &str| config.pointer(p).cloned().unwrap_or(Value::Null);
    let text = |p: &str| get(p).as_str().unwrap_or("").to_string();
    let mut c = get("/config");
    if !c.is_object() {
        c = json!({});
    }
    for (k, v) in [
        ("Hostname", json!("")),
        ("Domainname", json!("")),
        ("User", json!("")),
        ("AttachStdin", json!(false)),
        ("AttachStdout", json!(false)),
        ("AttachStderr", json!(false)),
        ("Tty", json!(false)),
        ("OpenStdin", json!(false)),
        ("StdinOnce", json!(false)),
        ("Env", Value::Null),
        ("Cmd", Value::Null),
        ("Image", json!("")),
        ("Volumes", Value::Null),
        ("WorkingDir", json!("")),
        ("Entrypoint", Value::Null),
        ("OnBuild", Value::Null),
        ("Labels", Value::Null),
    ] {
        if c.get(k).is_none() {
            c[k] = v;
        }
    }
    let mut v = json!({
        "Id": img.id.to_string(),
        "RepoTags": names(&img),
        "RepoDigests": digests(&img),
        "Parent": "",
        "Comment": comment(&config),
        "Created": text("/created"),
        "DockerVersion": "",
        "Author": text("/author"),
        "Config": c,
        "Architecture": text("/architecture"),
        "Os": text("/os"),
        "Size": img.size,
        "GraphDriver": {"Name": "overlay", "Data": {}},
        "RootFS": {"Type": "layers", "Layers": get("/rootfs/diff_ids")},
        "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"},
    });
    if let Some(variant) = config.get("variant").and_then(Value::as_str) {
        v["Variant"] = json!(variant);
    }
    if req.version < (1, 44) {
        v["VirtualSize"] = json!(img.size);
        v["Container"] = json!("");
        v["ContainerConfig"] = json!({});
    }
    Reply::ok(v)
}

/// The image's comment: Docker's top-level one, else the newest history entry's (where
/// `rcon commit -m` and Podman put it).
fn comment(config: &Value) -> String {
    let top = config.get("comment").and_then(Value::as_str);
    let last = config
        .get("history")
        .and_then(Value::as_array)
        .and_then(|h| h.last())
        .and_then(|h| h.get("comment"))
        .and_then(Value::as_str);
    top.or(last).unwrap_or("").to_string()
}

/// `GET /images/{name}/history`: newest first.
pub(super) fn history(ctx: &Context, _req: &mut Req, name: &str) -> ApiResult {
    let idx = read_index(ctx)?;
    let img = find(ctx, &idx, name)?;
    let store = open_store(ctx)?;
    let config = config_of(&store, &img);
    let mut sizes = Vec::with_capacity(img.layers.len());
    for l in &img.layers {
        let info = store
            .layer_info(l)
            .map_err(|e| ApiError::internal(format!("layer {}: {e}", l.short())))?;
        sizes.push(info.size);
    }
    let top_of = |i: usize| {
        idx.images
            .iter()
            .find(|o| o.layers.last() == Some(&img.layers[i]))
            .map(|o| o.id.hex().to_string())
    };
    let rows = crate::cli::history::rows(&config, img.id.hex(), &img.names, &sizes, &top_of)
        .map_err(|e| ApiError::internal(format!("image {}: {e}", img.id.short())))?;
    let out: Vec<Value> = rows
        .iter()
        .map(|r| {
            let id = if r.id.starts_with('<') {
                r.id.clone()
            } else {
                format!("sha256:{}", r.id)
            };
            let tags: Vec<String> = r.tags.iter().map(|t| docker_name(t)).collect();
            json!({
                "Id": id,
                "Created": r.created.as_ref().map_or(0, |(t, _)| *t),
                "CreatedBy": r.created_by,
                "Tags": if tags.is_empty() { Value::Null } else { json!(tags) },
                "Size": r.size,
                "Comment": r.comment,
            })
        })
        .collect();
    Reply::ok(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use crate::cli::image_filter::glob;

    #[test]
    fn reference_globs_match_like_docker() {
        assert!(glob("busy*", "busybox"));
        assert!(glob("busybox:*", "busybox:latest"));
        assert!(!glob("alpine", "busybox"));
        assert!(glob("b?sybox", "busybox"));
    }
}
