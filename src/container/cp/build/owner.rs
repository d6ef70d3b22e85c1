//! `--chown` of COPY and ADD: `user[:group]`, names or numbers, as Docker reads it. Names are
//! looked up in the container's own `/etc/passwd` and `/etc/group` (read by the worker, whose
//! root is the container's); a user given alone gives the gid of the same number as the uid.
use crate::linux::user::{parse_group, parse_passwd, GroupEntry, PasswdEntry};
use std::io::Read;

/// The most of `/etc/passwd` or `/etc/group` read: image content is hostile input.
const MAX_FILE: u64 = 4 << 20;

/// Why `--chown` could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum OwnerError {
    #[error("invalid --chown {value:?}: give user[:group], names or numbers (e.g. 1000:1000)")]
    Syntax { value: String },
    #[error("--chown: unable to find user {name}: no such user in the image's /etc/passwd")]
    UnknownUser { name: String },
    #[error("--chown: unable to find group {name}: no such group in the image's /etc/group")]
    UnknownGroup { name: String },
    #[error("--chown: cannot read {path} in the image: {message}")]
    Read { path: &'static str, message: String },
}

/// Checks the form of `--chown` before anything runs (the names are looked up later).
pub(crate) fn check_chown(value: &str) -> Result<(), OwnerError> {
    split(value).map(drop)
}

fn split(value: &str) -> Result<(&str, Option<&str>), OwnerError> {
    let bad = || OwnerError::Syntax {
        value: value.to_string(),
    };
    let (user, group) = match value.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (value, None),
    };
    let valid = |part: &str| {
        !part.is_empty()
            && !part.contains(':')
            && part.bytes().all(|b| b.is_ascii_graphic())
            && (!part.bytes().all(|b| b.is_ascii_digit()) || id(part).is_some())
    };
    if !valid(user) || group.is_some_and(|g| !valid(g)) {
        return Err(bad());
    }
    Ok((user, group))
}

/// A decimal id below 4294967295 ((uid_t)-1).
fn id(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n != u32::MAX)
}

/// Resolves `value` against passwd and group entries; `None` entries stand for a missing file.
pub(crate) fn resolve(
    value: &str,
    passwd: Option<&[PasswdEntry]>,
    groups: Option<&[GroupEntry]>,
) -> Result<(u32, u32), OwnerError> {
    let (user, group) = split(value)?;
    let uid = match id(user) {
        Some(uid) => uid,
        None => passwd
            .unwrap_or_default()
            .iter()
            .find(|p| p.name == user)
            .map(|p| p.uid)
            .ok_or_else(|| OwnerError::UnknownUser {
                name: user.to_string(),
            })?,
    };
    let gid = match group {
        None => uid,
        Some(g) => match id(g) {
            Some(gid) => gid,
            None => groups
                .unwrap_or_default()
                .iter()
                .find(|e| e.name == g)
                .map(|e| e.gid)
                .ok_or_else(|| OwnerError::UnknownGroup {
                    name: g.to_string(),
                })?,
        },
    };
    Ok((uid, gid))
}

/// Resolves `value` with the files of the process's root (the container's, in the worker).
pub(crate) fn resolve_in_root(value: &str) -> Result<(u32, u32), OwnerError> {
    let (user, group) = split(value)?;
    let passwd = if id(user).is_none() {
        read("/etc/passwd")?.map(|t| parse_passwd(&t))
    } else {
        None
    };
    let groups = match group {
        Some(g) if id(g).is_none() => read("/etc/group")?.map(|t| parse_group(&t)),
        _ => None,
    };
    resolve(value, passwd.as_deref(), groups.as_deref())
}

fn read(path: &'static str) -> Result<Option<String>, OwnerError> {
    let fail = |e: std::io::Error| OwnerError::Read {
        path,
        message: e.to_string(),
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(fail(e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE).read_to_end(&mut bytes).map_err(fail)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chown_resolves_as_docker_documents() {
        let passwd = parse_passwd("root:x:0:0::/root:/bin/sh\nbin:x:2:2::/:/bin/false\n");
        let groups = parse_group("root:x:0:\nstaff:x:50:\n");
        let r = |v| resolve(v, Some(&passwd), Some(&groups));
        assert_eq!(r("55:staff"), Ok((55, 50)));
        assert_eq!(r("bin"), Ok((2, 2)));
        assert_eq!(r("1"), Ok((1, 1)));
        assert_eq!(r("10:11"), Ok((10, 11)));
        assert_eq!(r("bin:root"), Ok((2, 0)));
        assert_eq!(
            r("nobody"),
            Err(OwnerError::UnknownUser {
                name: "nobody".into()
            })
        );
        assert_eq!(
            r("0:wheel"),
            Err(OwnerError::UnknownGroup {
                name: "wheel".into()
            })
        );
        assert!(resolve("bin", None, None).is_err());
        for bad in ["", ":1", "1:", "a b", "1:2:3", "4294967295"] {
            assert!(check_chown(bad).is_err(), "{bad}");
        }
    }
}
