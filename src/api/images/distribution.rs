//! `GET /distribution/{name}/json`: what the registry has under a name (the manifest's
//! descriptor and the platforms it serves), asked with rcon's registry client through
//! registries.conf (mirrors first), as a pull would resolve it.
use super::super::http::{ApiError, ApiResult, Reply, Req};
use super::child;
use crate::cli::Context;
use crate::config::registries::RegistriesConf;
use crate::image::registry::{parse_manifest, Client, ClientOptions, Manifest};
use serde_json::{json, Value};

/// Image configs larger than this are not read for their platform.
const MAX_CONFIG: u64 = 8 << 20;

pub(super) fn inspect(ctx: &Context, req: &mut Req, name: &str) -> ApiResult {
    let credentials = child::registry_auth(req.header("x-registry-auth"))?
        .map(|(u, p, _)| crate::config::auth::Credentials::new(&u, &p));
    let opts = ClientOptions {
        tls_verify: None,
        cert_dir: None,
        authfile: None,
        credentials,
        user_agent: format!("rcon/{}", env!("CARGO_PKG_VERSION")),
    };
    let internal = |e: &dyn std::fmt::Display| ApiError::internal(e.to_string());
    let conf = RegistriesConf::load(&ctx.paths).map_err(|e| internal(&e))?;
    let candidates = conf
        .candidates(name)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let client = Client::new(&ctx.paths, opts).map_err(|e| internal(&e))?;
    let (mut last, mut not_found) = (None, false);
    for cand in &candidates {
        let reference = cand
            .digest
            .as_ref()
            .map(ToString::to_string)
            .or(cand.tag.clone())
            .unwrap_or_else(|| "latest".into());
        for ep in conf.endpoints(cand).map_err(|e| internal(&e))? {
            let fetched = match client.get_manifest(&ep, &reference) {
                Ok(f) => f,
                Err(e) => {
                    not_found |= e.is_not_found();
                    last = Some(e);
                    continue;
                }
            };
            let manifest =
                parse_manifest(&fetched.bytes, &fetched.media_type).map_err(|e| internal(&e))?;
            let platforms: Vec<Value> = match &manifest {
                Manifest::Index(entries) => entries
                    .iter()
                    .filter_map(|e| e.platform.as_ref())
                    .map(platform_json)
                    .collect(),
                Manifest::Image(m) => client
                    .get_blob_bytes(&ep, &m.config.digest, Some(m.config.size), MAX_CONFIG)
                    .ok()
                    .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                    .map(|c| {
                        let text = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("");
                        let mut p = json!({"architecture": text("architecture"), "os": text("os")});
                        if !text("variant").is_empty() {
                            p["variant"] = json!(text("variant"));
                        }
                        vec![p]
                    })
                    .unwrap_or_default(),
            };
            return Reply::ok(json!({
                "Descriptor": {
                    "mediaType": fetched.media_type,
                    "digest": fetched.digest.to_string(),
                    "size": fetched.bytes.len(),
                },
                "Platforms": platforms,
            }));
        }
    }
    // Not found where the registry answered: 404, even when another place was unreachable.
    Err(match last {
        Some(e) if !not_found => ApiError::internal(e.to_string()),
        _ => ApiError::not_found(format!("No such image: {name}")),
    })
}

fn platform_json(p: &crate::image::registry::Platform) -> Value {
    let mut v = json!({"architecture": p.architecture, "os": p.os});
    if let Some(variant) = &p.variant {
        v["variant"] = json!(variant);
    }
    v
}
