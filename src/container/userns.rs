//! `--userns`: the flag's forms, and the slices of subordinate ids `auto` gives out.
//!
//! The store's user namespace maps its 0 to the user and its 1..N to the user's subordinate
//! ids. `private` runs a container there. The others give the container a user namespace of
//! its own below the store's, whose map [`crate::linux::keepid`] builds and rcon's FUSE
//! overlay follows: `keep-id` (the user's ids inside), `nomap` (the store's ids but the
//! user's: 0 inside is the store's 1) and `auto` (a slice of the store's ids no other
//! container has, recorded in `userns-auto.json` beside the containers, under its lock).
use crate::config::Paths;
use crate::container::record::UsernsMode;
use crate::container::runconfig::RunConfigError;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The size of an `auto` slice when the flag names none: Podman's smallest.
pub(crate) const AUTO_SIZE: u32 = 1024;

fn bad(value: &str, expected: impl Into<String>) -> RunConfigError {
    RunConfigError::Flag {
        flag: "--userns",
        value: value.to_string(),
        expected: expected.into(),
    }
}

/// `--userns`: `private` (the default map), `keep-id[:uid=N,gid=N]` (the user's `host_uid`
/// and `host_gid` inside unless the options name others), `nomap` or `auto[:size=N]`.
pub(crate) fn parse_userns(
    s: &str,
    host_uid: u32,
    host_gid: u32,
) -> Result<UsernsMode, RunConfigError> {
    let (mode, options) = s.split_once(':').unwrap_or((s, ""));
    let options = || options.split(',').filter(|o| !o.is_empty());
    let number = |opt: &str, v: &str| {
        v.parse::<u32>()
            .map_err(|_| bad(s, format!("{opt:?} takes a number")))
    };
    let no_options = options().next().is_none();
    match mode {
        "" | "private" if no_options => Ok(UsernsMode::Default),
        "nomap" if no_options => Ok(UsernsMode::NoMap),
        "keep-id" => {
            let (mut uid, mut gid) = (host_uid, host_gid);
            for opt in options() {
                match opt.split_once('=') {
                    Some(("uid", v)) => uid = number(opt, v)?,
                    Some(("gid", v)) => gid = number(opt, v)?,
                    _ => {
                        return Err(bad(
                            s,
                            format!("unknown keep-id option {opt:?}: use uid=N and gid=N"),
                        ))
                    }
                }
            }
            Ok(UsernsMode::KeepId { uid, gid })
        }
        "auto" => {
            let mut size = AUTO_SIZE;
            for opt in options() {
                match opt.split_once('=') {
                    Some(("size", v)) => size = number(opt, v)?.max(1),
                    _ => {
                        return Err(bad(
                            s,
                            format!(
                                "unknown or unsupported auto option {opt:?}: rcon takes \
                                 auto:size=N"
                            ),
                        ))
                    }
                }
            }
            Ok(UsernsMode::Auto { size, base: 0 })
        }
        "host" => Err(bad(
            s,
            "not supported: a rootless container cannot share the host's user namespace; \
             use private, keep-id, nomap or auto",
        )),
        _ => Err(bad(
            s,
            "use private, keep-id[:uid=N,gid=N], nomap or auto[:size=N] (or leave --userns out)",
        )),
    }
}

/// `--uidmap` and `--gidmap` (`CONTAINER:STORE:SIZE`, repeatable; the gid ranges default to
/// the uid ranges): None when neither is given. Ranges may not overlap on either side.
pub(crate) fn parse_idmaps(
    uidmap: &[String],
    gidmap: &[String],
) -> Result<Option<UsernsMode>, RunConfigError> {
    if uidmap.is_empty() && gidmap.is_empty() {
        return Ok(None);
    }
    let parse = |flag: &'static str, given: &[String]| -> Result<Vec<[u32; 3]>, RunConfigError> {
        let mut ranges = Vec::with_capacity(given.len());
        for g in given {
            let bad = |why: &str| RunConfigError::Flag {
                flag,
                value: g.clone(),
                expected: format!("{why}: use CONTAINER:STORE:SIZE (numbers, SIZE above 0)"),
            };
            let n: Vec<u32> = g
                .split(':')
                .map(|p| p.parse::<u32>())
                .collect::<Result<_, _>>()
                .map_err(|_| bad("not three numbers"))?;
            let [inside, outside, size] = n[..] else {
                return Err(bad("not three numbers"));
            };
            if size == 0
                || inside.checked_add(size).is_none()
                || outside.checked_add(size).is_none()
            {
                return Err(bad("an empty or too large range"));
            }
            for r in &ranges {
                let [i, o, s]: [u32; 3] = *r;
                let overlaps = |a: u32, b: u32| a < b + s && b < a + size;
                if overlaps(inside, i) || overlaps(outside, o) {
                    return Err(bad("it overlaps an earlier range"));
                }
            }
            ranges.push([inside, outside, size]);
        }
        Ok(ranges)
    };
    let uid = parse("--uidmap", uidmap)?;
    let gid = if gidmap.is_empty() {
        uid.clone()
    } else {
        parse("--gidmap", gidmap)?
    };
    let uid = if uid.is_empty() { gid.clone() } else { uid };
    Ok(Some(UsernsMode::Map { uid, gid }))
}

/// Why an `auto` slice could not be given.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AutoError {
    #[error("cannot record the --userns auto slices in {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "--userns auto: no free slice of {size} subordinate ids is left among your {total} \
         (the other auto containers hold the rest): remove some, ask for a smaller size \
         (auto:size=N) or add ranges to /etc/subuid and /etc/subgid"
    )]
    Full { size: u32, total: u32 },
    #[error(
        "--userns auto needs subordinate ids: add ranges for your user to /etc/subuid and \
         /etc/subgid, or leave --userns out"
    )]
    NoIds,
}

/// One slice given out, in the store's ids, and when (seconds since the epoch).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Slice {
    base: u32,
    size: u32,
    #[serde(default)]
    at: u64,
}

/// The slices given out, by container id.
type Slices = BTreeMap<String, Slice>;

/// How long a slice is kept for a container whose folder does not exist yet (its `create`
/// is under way).
const CREATING_SECS: u64 = 600;

fn slices_path(paths: &Paths) -> PathBuf {
    paths.root.join("userns-auto.json")
}

/// Gives container `id` a slice of `size` store ids (1..`total`, 0 being the user) that no
/// other container holds, records it, and returns the mode with its base. Slices of
/// containers that no longer exist are given back first.
pub(crate) fn allocate(
    paths: &Paths,
    id: &str,
    size: u32,
    total: u32,
) -> Result<UsernsMode, AutoError> {
    if total < 2 {
        return Err(AutoError::NoIds);
    }
    let path = slices_path(paths);
    let io = |source| AutoError::Io {
        path: path.clone(),
        source,
    };
    let _lock = crate::util::fs::Lock::exclusive(&path.with_extension("lock")).map_err(io)?;
    let mut slices: Slices = match std::fs::read(&path) {
        Ok(data) => serde_json::from_slice(&data).unwrap_or_default(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Slices::new(),
        Err(e) => return Err(io(e)),
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    slices.retain(|cid, s| {
        cid != id
            && (paths.containers().join(cid).is_dir() || now.saturating_sub(s.at) < CREATING_SECS)
    });
    let base = free_base(&slices, size, total).ok_or(AutoError::Full { size, total })?;
    slices.insert(
        id.to_string(),
        Slice {
            base,
            size,
            at: now,
        },
    );
    let data = serde_json::to_vec(&slices).unwrap_or_default();
    crate::util::fs::atomic_write(&path, &data).map_err(io)?;
    Ok(UsernsMode::Auto { size, base })
}

/// Gives back the slice of container `id`, removed, if it had one. Best effort: a slice left
/// behind goes at the next allocation once the container's folder is gone.
pub(crate) fn release(paths: &Paths, id: &str) {
    let path = slices_path(paths);
    if !path.exists() {
        return;
    }
    let Ok(_lock) = crate::util::fs::Lock::exclusive(&path.with_extension("lock")) else {
        return;
    };
    let Ok(data) = std::fs::read(&path) else {
        return;
    };
    let mut slices: Slices = serde_json::from_slice(&data).unwrap_or_default();
    if slices.remove(id).is_some() {
        let data = serde_json::to_vec(&slices).unwrap_or_default();
        let _ = crate::util::fs::atomic_write(&path, &data);
    }
}

/// The lowest base from 1 on where `size` ids fit below `total` between the `taken` slices.
fn free_base(taken: &Slices, size: u32, total: u32) -> Option<u32> {
    let mut used: Vec<(u32, u32)> = taken.values().map(|s| (s.base, s.size)).collect();
    used.sort_unstable();
    let mut base: u64 = 1;
    for (b, s) in used {
        if base + u64::from(size) <= u64::from(b) {
            break;
        }
        base = base.max(u64::from(b) + u64::from(s));
    }
    (base + u64::from(size) <= u64::from(total)).then_some(base as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_the_flag() {
        assert_eq!(parse_userns("", 1000, 100).unwrap(), UsernsMode::Default);
        assert_eq!(
            parse_userns("private", 1000, 100).unwrap(),
            UsernsMode::Default
        );
        assert_eq!(parse_userns("nomap", 1000, 100).unwrap(), UsernsMode::NoMap);
        assert_eq!(
            parse_userns("keep-id", 1000, 100).unwrap(),
            UsernsMode::KeepId {
                uid: 1000,
                gid: 100
            }
        );
        assert_eq!(
            parse_userns("keep-id:uid=200,gid=300", 1000, 100).unwrap(),
            UsernsMode::KeepId { uid: 200, gid: 300 }
        );
        assert_eq!(
            parse_userns("keep-id:gid=5", 1000, 100).unwrap(),
            UsernsMode::KeepId { uid: 1000, gid: 5 }
        );
        assert_eq!(
            parse_userns("auto", 1000, 100).unwrap(),
            UsernsMode::Auto {
                size: AUTO_SIZE,
                base: 0
            }
        );
        assert_eq!(
            parse_userns("auto:size=10", 1000, 100).unwrap(),
            UsernsMode::Auto { size: 10, base: 0 }
        );
        for bad in [
            "keep-id:uid=x",
            "keep-id:size=5",
            "private:x",
            "nomap:x",
            "auto:size=x",
            "auto:uidmapping=0:1:2",
            "host",
            "nope",
        ] {
            let e = parse_userns(bad, 1000, 100).unwrap_err().to_string();
            assert!(e.starts_with("--userns "), "{bad}: {e}");
        }
    }

    #[test]
    fn id_maps_are_ranges_that_do_not_overlap() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_idmaps(&[], &[]).unwrap(), None);
        assert_eq!(
            parse_idmaps(&v(&["0:1:1000", "1000:0:1"]), &[]).unwrap(),
            Some(UsernsMode::Map {
                uid: vec![[0, 1, 1000], [1000, 0, 1]],
                gid: vec![[0, 1, 1000], [1000, 0, 1]],
            })
        );
        assert_eq!(
            parse_idmaps(&[], &v(&["0:5:10"])).unwrap(),
            Some(UsernsMode::Map {
                uid: vec![[0, 5, 10]],
                gid: vec![[0, 5, 10]],
            })
        );
        for bad in ["0:1", "a:1:2", "0:1:0", "0:1:2:3", "0:4294967295:2"] {
            let e = parse_idmaps(&v(&[bad]), &[]).unwrap_err().to_string();
            assert!(e.starts_with("--uidmap "), "{bad}: {e}");
        }
        let e = parse_idmaps(&v(&["0:1:10", "5:100:10"]), &[]).unwrap_err();
        assert!(e.to_string().contains("overlaps"), "{e}");
        let e = parse_idmaps(&v(&["0:1:10", "100:5:10"]), &[]).unwrap_err();
        assert!(e.to_string().contains("overlaps"), "{e}");
    }

    #[test]
    fn slices_fill_the_first_gap_that_fits() {
        let mut taken = Slices::new();
        assert_eq!(free_base(&taken, 10, 65537), Some(1));
        let slice = |base, size| Slice { base, size, at: 0 };
        taken.insert("a".into(), slice(1, 10));
        taken.insert("c".into(), slice(31, 10));
        assert_eq!(free_base(&taken, 20, 65537), Some(11), "the gap between");
        assert_eq!(free_base(&taken, 21, 65537), Some(41), "after the last");
        assert_eq!(free_base(&taken, 65536, 65537), None);
        assert_eq!(free_base(&Slices::new(), 65536, 65537), Some(1));
        assert_eq!(free_base(&Slices::new(), 65537, 65537), None);
    }
}
