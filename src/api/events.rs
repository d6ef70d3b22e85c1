//! `/events`: rcon's recorded events (what `rcon events` reads) streamed in Docker's shape,
//! one JSON object a line, following new ones until `until` or until the client leaves.
//!
//! rcon's names become Docker's (`died` → `die`, a container's `remove` → `destroy`, an
//! image's `remove` → `delete`); events Docker has no counterpart for (pods, rcon's own,
//! a container's `cleanup`) are left out. Filters apply to the Docker form.
use super::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::Context;
use crate::events::{self, Event, Filters, ReadOptions};
use hyper::http::{Method, StatusCode};
use serde_json::{json, Map, Value};

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    match (&req.method, req.path.as_str()) {
        (&Method::GET, "/events") => Some(stream(ctx, req)),
        _ => None,
    }
}

/// Docker's `since`/`until`: Unix seconds with an optional fraction (`1700000000.5`), or an
/// RFC 3339 time; nanoseconds since the epoch.
fn parse_time(key: &str, v: &str) -> Result<i128, ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "query parameter {key}={v:?}: expected Unix seconds or an RFC 3339 time"
        ))
    };
    if let Some(n) = crate::util::time::parse_rfc3339_nanos(v) {
        return Ok(n);
    }
    let (secs, frac) = v.split_once('.').unwrap_or((v, ""));
    let secs: i128 = secs.parse().map_err(|_| bad())?;
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let frac = format!("{frac:0<9}");
    let nanos: i128 = frac[..9].parse().map_err(|_| bad())?;
    Ok(secs * 1_000_000_000 + nanos)
}

/// The Docker form of an event; `None` for what Docker has no counterpart of.
fn docker_event(e: &Event) -> Option<Value> {
    let action: String = match (e.kind.as_str(), e.status.as_str()) {
        ("container", "died") => "die".into(),
        ("container", "remove") => "destroy".into(),
        ("container", "exec") => "exec_start".into(),
        ("container", "exec_died") => "exec_die".into(),
        ("container", "health_status") => format!("health_status: {}", e.health_status),
        ("container", "cleanup" | "init" | "mount" | "unmount" | "checkpoint" | "sync") => {
            return None
        }
        ("container", s) => s.into(),
        ("image", "remove") => "delete".into(),
        ("image", "loadfromarchive") => "load".into(),
        ("image", s) => s.into(),
        ("volume", "remove") => "destroy".into(),
        ("volume", s) => s.into(),
        ("network", "remove") => "destroy".into(),
        ("network", s) => s.into(),
        _ => return None,
    };
    let mut attrs = Map::new();
    for (k, v) in e.attributes.iter().flatten() {
        attrs.insert(k.clone(), v.clone().into());
    }
    let id = match e.kind.as_str() {
        "volume" => e.name.clone(),
        _ => e.id.clone(),
    };
    match e.kind.as_str() {
        "container" => {
            attrs.insert("name".into(), e.name.clone().into());
            attrs.insert("image".into(), e.image.clone().into());
            if e.status == "died" {
                attrs.insert("exitCode".into(), e.exit_code.to_string().into());
            }
        }
        "image" => {
            attrs.insert("name".into(), e.name.clone().into());
        }
        "volume" => {
            attrs.insert("driver".into(), "local".into());
        }
        "network" => {
            attrs.insert("name".into(), e.network.clone().into());
            attrs.insert("type".into(), "bridge".into());
        }
        _ => {}
    }
    let nanos = e.nanos();
    let mut v = json!({
        "Type": e.kind,
        "Action": action,
        "Actor": {"ID": id, "Attributes": attrs},
        "scope": "local",
        "time": (nanos / 1_000_000_000) as i64,
        "timeNano": nanos as i64,
    });
    // The fields older clients read, on containers' and images' events only (as Docker's).
    if matches!(e.kind.as_str(), "container" | "image") {
        v["status"] = action.into();
        v["id"] = id.into();
        if e.kind == "container" {
            v["from"] = e.image.clone().into();
        }
    }
    Some(v)
}

/// Whether `v` (Docker's form) passes Docker's filters: values of one key are alternatives,
/// keys must all match.
fn keeps(v: &Value, filters: &[(String, String)]) -> bool {
    let kind = v["Type"].as_str().unwrap_or_default();
    let action = v["Action"].as_str().unwrap_or_default();
    let id = v["Actor"]["ID"].as_str().unwrap_or_default();
    let attrs = &v["Actor"]["Attributes"];
    let attr = |k: &str| attrs[k].as_str().unwrap_or_default();
    let one = |key: &str, want: &str| -> bool {
        let named = |k: &str| {
            kind == k
                && (id == want || attr("name") == want || (want.len() >= 3 && id.starts_with(want)))
        };
        match key {
            "type" => kind == want,
            "event" => action == want || action.split(':').next() == Some(want),
            "container" => named("container"),
            "image" => {
                (kind == "image" && (id == want || attr("name") == want))
                    || (kind == "container" && attr("image") == want)
            }
            "network" => named("network"),
            "volume" => named("volume"),
            "label" => match want.split_once('=') {
                Some((k, val)) => attr(k) == val && attrs.get(k).is_some(),
                None => attrs.get(want).is_some(),
            },
            "scope" => want == "local",
            _ => false,
        }
    };
    let mut keys: Vec<&str> = filters.iter().map(|(k, _)| k.as_str()).collect();
    keys.dedup();
    keys.iter().all(|key| {
        filters
            .iter()
            .filter(|(k, _)| k == key)
            .any(|(k, want)| one(k, want))
    })
}

fn stream(ctx: &Context, req: &Req) -> ApiResult {
    let filters = req.filters()?;
    for (k, _) in &filters {
        if !matches!(
            k.as_str(),
            "type"
                | "event"
                | "container"
                | "image"
                | "network"
                | "volume"
                | "label"
                | "scope"
                | "daemon"
                | "plugin"
                | "node"
                | "service"
                | "secret"
                | "config"
        ) {
            return Err(ApiError::bad_request(format!("invalid filter '{k}'")));
        }
    }
    let since = req
        .q("since")
        .filter(|s| !s.is_empty())
        .map(|v| parse_time("since", v))
        .transpose()?;
    let until = req
        .q("until")
        .filter(|s| !s.is_empty())
        .map(|v| parse_time("until", v))
        .transpose()?;
    if let events::Backend::None = events::Backend::current(&ctx.paths) {
        return Err(ApiError::internal(
            "cannot read events with the \"none\" events backend: set events_logger in \
             containers.conf",
        ));
    }
    let opts = ReadOptions {
        filters: Filters::default(),
        since,
        until,
        stream: true,
    };
    let paths = ctx.paths.clone();
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/json",
        Box::new(move |sink| {
            let read = events::read(&paths, &opts, &mut |e| match docker_event(e) {
                Some(v) if keeps(&v, &filters) => sink.json_line(&v),
                _ => Ok(()),
            });
            read.map_err(std::io::Error::other)
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn docker_times_are_seconds_with_a_fraction() {
        assert_eq!(parse_time("since", "12").unwrap(), 12_000_000_000);
        assert_eq!(parse_time("since", "12.5").unwrap(), 12_500_000_000);
        assert!(parse_time("since", "soon").is_err());
    }

    #[test]
    fn a_dead_container_is_dockers_die_with_its_exit_code() {
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), "web".to_string());
        let e =
            Event::container("died", "abcdef0123", "web1", "busybox", &labels).with_exit_code(3);
        let v = docker_event(&e).unwrap();
        assert_eq!(v["Action"], "die");
        assert_eq!(v["status"], "die");
        assert_eq!(v["from"], "busybox");
        assert_eq!(v["Actor"]["Attributes"]["exitCode"], "3");
        assert_eq!(v["Actor"]["Attributes"]["app"], "web");
        let f = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        assert!(keeps(&v, &f("event", "die")));
        assert!(!keeps(&v, &f("event", "died")));
        assert!(keeps(&v, &f("container", "web1")));
        assert!(keeps(&v, &f("label", "app=web")));
        assert!(!keeps(&v, &f("type", "image")));
        let removed = docker_event(&Event::volume("remove", "data")).unwrap();
        assert_eq!(removed["Action"], "destroy");
        assert!(removed.get("status").is_none());
        assert!(docker_event(&Event::pod("create", "p", "p")).is_none());
    }
}
