//! Names and removal: `POST /images/{name}/tag`, `DELETE /images/{name}`,
//! `POST /images/prune`, with Docker's answers (`[{"Untagged": …}, {"Deleted": …}]`, 409 for
//! an image a container uses).
use super::super::http::{ApiError, ApiResult, Reply, Req};
use super::child::docker_name;
use super::local::{find, read_index};
use crate::cli::Context;
use crate::events::{self, Event};
use crate::image::store::index::{self, ImageRecord};
use crate::image::store::Store;
use crate::image::Reference;
use crate::linux::idmap::IdMap;
use hyper::http::StatusCode;
use serde_json::{json, Value};
use std::collections::HashSet;

/// `POST /images/{name}/tag?repo=&tag=`: 201.
pub(super) fn tag(ctx: &Context, req: &mut Req, name: &str) -> ApiResult {
    let Some(repo) = req.q("repo").filter(|r| !r.is_empty()) else {
        return Err(ApiError::bad_request("repo is required"));
    };
    let tag = req.q("tag").filter(|t| !t.is_empty()).unwrap_or("latest");
    let given = format!("{repo}:{tag}");
    let target = super::child::docker_normalized(&given);
    let target = Reference::parse(&target)
        .map_err(|e| ApiError::bad_request(format!("invalid reference format: {given}: {e}")))?;
    if target.digest.is_some() {
        return Err(ApiError::bad_request(format!(
            "refusing to create a tag with a digest reference: {given}"
        )));
    }
    let target = target.to_string();
    let idx = read_index(ctx)?;
    let id = find(ctx, &idx, name)?.id;
    update(ctx, |idx| {
        idx.take_name(&target);
        match idx.images.iter_mut().find(|i| i.id == id) {
            Some(img) => {
                img.names.push(target.clone());
                Ok(())
            }
            None => anyhow::bail!("No such image: {name}"),
        }
    })?;
    events::record(&ctx.paths, Event::image("tag", id.hex(), &given));
    Ok(Reply::Empty(StatusCode::CREATED))
}

/// Changes the index under its lock; errors as the API's.
fn update<T>(
    ctx: &Context,
    f: impl FnOnce(&mut index::Index) -> anyhow::Result<T>,
) -> Result<T, ApiError> {
    index::update(&ctx.paths.storage(), f).map_err(|e| ApiError::from_anyhow(&e))
}

/// The images containers use.
fn used_images(ctx: &Context) -> Result<HashSet<crate::util::digest::Digest>, ApiError> {
    crate::container::list::images_in_use(&ctx.paths)
        .map_err(|e| ApiError::internal(format!("cannot list the containers: {e}")))
}

/// The IDs of the containers using image `id`.
fn users(ctx: &Context, id: &crate::util::digest::Digest) -> Result<Vec<String>, ApiError> {
    Ok(crate::container::list::all(&ctx.paths)
        .map_err(|e| ApiError::internal(format!("cannot list the containers: {e}")))?
        .into_iter()
        .filter(|(r, _)| &r.image_id == id)
        .map(|(r, _)| r.id)
        .collect())
}

/// Which of the image's names `input` refers to (None: the input is its ID).
fn named(img: &ImageRecord, input: &str) -> Option<String> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if !hex.is_empty() && img.id.hex().starts_with(hex) {
        return None;
    }
    let tagged = input
        .rsplit('/')
        .next()
        .is_some_and(|l| l.contains(':') || l.contains('@'));
    let want = if tagged {
        input.to_string()
    } else {
        format!("{input}:latest")
    };
    img.names
        .iter()
        .find(|n| **n == want || docker_name(n) == want || n.ends_with(&format!("/{want}")))
        .cloned()
        .or_else(|| img.names.first().cloned())
}

/// `DELETE /images/{name}?force=&noprune=`.
pub(super) fn delete(ctx: &Context, req: &mut Req, name: &str) -> ApiResult {
    let force = req.q_bool("force", false)?;
    let idx = read_index(ctx)?;
    let img = find(ctx, &idx, name)?;
    let by_name = named(&img, name);
    let mut out: Vec<Value> = Vec::new();
    // One of several names: only that name goes.
    if let Some(n) = by_name.as_ref().filter(|_| img.names.len() > 1) {
        update(ctx, |idx| {
            idx.take_name(n);
            Ok(())
        })?;
        events::record(&ctx.paths, Event::image("untag", img.id.hex(), n));
        return Reply::ok(json!([{ "Untagged": docker_name(n) }]));
    }
    if by_name.is_none() && img.names.len() > 1 && !force {
        return Err(ApiError::conflict(format!(
            "conflict: unable to delete {} (must be forced) - image is referenced in multiple repositories",
            img.id.short()
        )));
    }
    let used = users(ctx, &img.id)?;
    if !used.is_empty() {
        if !force {
            let short = &used[0][..used[0].len().min(12)];
            return Err(ApiError::conflict(match &by_name {
                Some(_) => format!(
                    "conflict: unable to remove repository reference \"{name}\" (must force) - container {short} is using its referenced image {}",
                    img.id.short()
                ),
                None => format!(
                    "conflict: unable to delete {} (must be forced) - image is being used by stopped container {short}",
                    img.id.short()
                ),
            }));
        }
        // Forced: the names go, the image stays for its containers (as Docker does).
        update(ctx, |idx| {
            for n in &img.names {
                idx.take_name(n);
            }
            Ok(())
        })?;
        for n in &img.names {
            events::record(&ctx.paths, Event::image("untag", img.id.hex(), n));
            out.push(json!({ "Untagged": docker_name(n) }));
        }
        return Reply::ok(Value::Array(out));
    }
    let noprune = req.q_bool("noprune", false)?;
    let store = Store::open(&ctx.paths)
        .map_err(|e| ApiError::internal(format!("cannot open the image store: {e}")))?;
    let in_use = used_images(ctx)?;
    // The image, then (unless noprune) the dangling parents a build left, as Docker's.
    let parents = update(ctx, |idx| {
        idx.images.retain(|i| i.id != img.id);
        Ok(match noprune {
            true => Vec::new(),
            false => crate::image::parents::prune(&store, idx, std::slice::from_ref(&img), &in_use),
        })
    })?;
    for n in &img.names {
        events::record(&ctx.paths, Event::image("untag", img.id.hex(), n));
        out.push(json!({ "Untagged": docker_name(n) }));
    }
    for i in std::iter::once(&img).chain(&parents) {
        events::record(&ctx.paths, Event::image("remove", i.id.hex(), i.id.hex()));
        out.push(json!({ "Deleted": i.id.to_string() }));
    }
    gc(ctx)?;
    Reply::ok(Value::Array(out))
}

fn gc(ctx: &Context) -> Result<(), ApiError> {
    Store::open(&ctx.paths)
        .and_then(|s| s.gc(&IdMap::detect()))
        .map_err(|e| ApiError::internal(format!("removing unused layers: {e}")))?;
    Ok(())
}

/// `POST /images/prune?filters=` (dangling, until, label): `{ImagesDeleted, SpaceReclaimed}`.
pub(super) fn prune(ctx: &Context, req: &mut Req) -> ApiResult {
    let mut dangling_only = true;
    let mut rest = Vec::new();
    for (k, v) in req.filters()? {
        match k.as_str() {
            "dangling" => {
                dangling_only = match v.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "invalid filter 'dangling={v}': expected true or false"
                        )))
                    }
                }
            }
            "until" | "label" | "label!" => rest.push(format!("{k}={v}")),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "invalid filter '{k}': rcon prunes images by dangling, until and label"
                )))
            }
        }
    }
    let allowed = crate::cli::prune_filter::allowed_images(ctx, &rest)
        .map_err(|e| ApiError::bad_request(crate::cli::one_line(&e)))?;
    // An image any container uses stays.
    let used = used_images(ctx)?;
    let gone = update(ctx, |idx| {
        let (gone, kept): (Vec<ImageRecord>, Vec<ImageRecord>) =
            std::mem::take(&mut idx.images).into_iter().partition(|i| {
                (!dangling_only || i.dangling())
                    && !used.contains(&i.id)
                    && allowed.as_ref().is_none_or(|ok| ok.contains(&i.id))
            });
        idx.images = kept;
        Ok(gone)
    })?;
    let mut deleted = Vec::new();
    let mut space = 0u64;
    for img in &gone {
        for n in &img.names {
            deleted.push(json!({ "Untagged": docker_name(n) }));
        }
        deleted.push(json!({ "Deleted": img.id.to_string() }));
        events::record(
            &ctx.paths,
            Event::image("remove", img.id.hex(), img.id.hex()),
        );
        space += img.size;
    }
    if !gone.is_empty() {
        gc(ctx)?;
    }
    Reply::ok(json!({
        "ImagesDeleted": if deleted.is_empty() { Value::Null } else { Value::Array(deleted) },
        "SpaceReclaimed": space,
    }))
}
