//! Who the container's process runs as: `-u user[:group]` (or the image's USER) resolved from
//! the container's own `/etc/passwd` and `/etc/group`, read as files through the container's
//! root (never the host's NSS), as runc's `GetExecUser` and Podman do it.
//!
//! - `name` or `uid`: matched against passwd by name or by uid. A number that passwd does not
//!   list is used as it is, with gid 0 and home `/`; a name it does not list is an error.
//! - `:group` or `:gid`: matched against group by name or gid; a number that group does not
//!   list is used as it is.
//! - Supplementary groups: the primary gid always comes first; without an explicit group, the
//!   groups that list the user as a member follow; then `--group-add`.
use crate::linux::nsenter;
use std::os::fd::BorrowedFd;

/// The most of `/etc/passwd` or `/etc/group` read: image content is hostile input.
const MAX_FILE: u64 = 4 << 20;

/// Why a user or group could not be resolved. `user` is the text as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum UserError {
    #[error("unable to find user {user}: no matching entries in passwd file")]
    UnknownUser { user: String },
    #[error("unable to find group {group}: no matching entries in group file")]
    UnknownGroup { group: String },
    #[error(
        "invalid user {user:?}: give a name or a number below 4294967295, optionally with :group"
    )]
    Invalid { user: String },
    #[error(
        "{what} {id} does not exist in the container's user namespace, which maps only \
         {mapped}; {hint}"
    )]
    Unmapped {
        what: &'static str,
        id: u32,
        mapped: String,
        hint: &'static str,
    },
    #[error("cannot read {path} in the container: {message}")]
    Read { path: String, message: String },
}

/// One line of `/etc/passwd`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PasswdEntry {
    pub(crate) name: String,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) home: String,
}

/// One line of `/etc/group`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GroupEntry {
    pub(crate) name: String,
    pub(crate) gid: u32,
    pub(crate) members: Vec<String>,
}

/// The resolved identity of the container's process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExecUser {
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    /// Supplementary groups, the primary gid first, without duplicates.
    pub(crate) groups: Vec<u32>,
    /// For `HOME` when the environment has none.
    pub(crate) home: String,
}

/// Parses passwd text; malformed lines are skipped as libc skips them.
pub(crate) fn parse_passwd(text: &str) -> Vec<PasswdEntry> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split(':').collect();
            if f.len() < 4 || f[0].is_empty() || line.starts_with('#') {
                return None;
            }
            Some(PasswdEntry {
                name: f[0].to_string(),
                uid: parse_id(f[2])?,
                gid: parse_id(f[3])?,
                home: f.get(5).copied().unwrap_or("").to_string(),
            })
        })
        .collect()
}

/// Parses group text; malformed lines are skipped.
pub(crate) fn parse_group(text: &str) -> Vec<GroupEntry> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split(':').collect();
            if f.len() < 3 || f[0].is_empty() || line.starts_with('#') {
                return None;
            }
            Some(GroupEntry {
                name: f[0].to_string(),
                gid: parse_id(f[2])?,
                members: f
                    .get(3)
                    .map(|m| {
                        m.split(',')
                            .map(str::trim)
                            .filter(|m| !m.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// A decimal id; 4294967295 is (uid_t)-1, never a valid id.
fn parse_id(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n != u32::MAX)
}

/// Resolves `spec` (`user`, `uid`, `user:group`, `uid:gid`) against the container's passwd and
/// group entries, adding `group_add` (names or gids) to the supplementary groups.
pub(crate) fn resolve(
    spec: &str,
    passwd: &[PasswdEntry],
    groups: &[GroupEntry],
    group_add: &[String],
) -> Result<ExecUser, UserError> {
    let (user_part, group_part) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user_part = if user_part.is_empty() { "0" } else { user_part };
    let invalid = || UserError::Invalid {
        user: spec.to_string(),
    };
    let numeric_uid = if user_part.bytes().all(|b| b.is_ascii_digit()) {
        Some(parse_id(user_part).ok_or_else(invalid)?)
    } else {
        None
    };
    // By name first, as runc does, then by uid.
    let entry = passwd
        .iter()
        .find(|p| p.name == user_part)
        .or_else(|| numeric_uid.and_then(|uid| passwd.iter().find(|p| p.uid == uid)));
    let (uid, mut gid, home, name) = match (entry, numeric_uid) {
        (Some(p), _) => (p.uid, p.gid, p.home.clone(), Some(p.name.as_str())),
        (None, Some(uid)) => (uid, 0, "/".to_string(), None),
        (None, None) => {
            return Err(UserError::UnknownUser {
                user: user_part.to_string(),
            })
        }
    };
    let mut list = Vec::new();
    match group_part {
        Some(g) if !g.is_empty() => gid = lookup_group(g, groups)?,
        Some(_) => return Err(invalid()),
        None => {
            // Supplementary groups come from membership only in the implicit form.
            if let Some(name) = name {
                list.extend(
                    groups
                        .iter()
                        .filter(|g| g.members.iter().any(|m| m == name))
                        .map(|g| g.gid),
                );
            }
        }
    }
    for extra in group_add {
        list.push(lookup_group(extra, groups)?);
    }
    let mut all = vec![gid];
    for g in list {
        if !all.contains(&g) {
            all.push(g);
        }
    }
    Ok(ExecUser {
        uid,
        gid,
        groups: all,
        home: if home.is_empty() {
            "/".to_string()
        } else {
            home
        },
    })
}

fn lookup_group(group: &str, groups: &[GroupEntry]) -> Result<u32, UserError> {
    if let Some(g) = groups.iter().find(|g| g.name == group) {
        return Ok(g.gid);
    }
    if group.bytes().all(|b| b.is_ascii_digit()) {
        return parse_id(group).ok_or_else(|| UserError::Invalid {
            user: format!(":{group}"),
        });
    }
    Err(UserError::UnknownGroup {
        group: group.to_string(),
    })
}

/// Checks that the ids exist in this process's user namespace (`/proc/self/uid_map` and
/// `gid_map` text): in single-uid mode only 0 does.
pub(crate) fn check_mapped(user: &ExecUser, uid_map: &str, gid_map: &str) -> Result<(), UserError> {
    let single = is_single(uid_map);
    let hint = if single {
        "rcon runs single-uid here (no subordinate ids for your user), where only root exists: \
         run as root, or add a range to /etc/subuid and /etc/subgid"
    } else {
        "use an id inside the range, or give your user more subordinate ids"
    };
    let check = |what, id, map: &str| {
        if maps(map, id) {
            Ok(())
        } else {
            Err(UserError::Unmapped {
                what,
                id,
                mapped: describe(map),
                hint,
            })
        }
    };
    check("user", user.uid, uid_map)?;
    check("group", user.gid, gid_map)?;
    user.groups
        .iter()
        .try_for_each(|&g| check("group", g, gid_map))
}

fn ranges(map: &str) -> impl Iterator<Item = (u64, u64)> + '_ {
    map.lines().filter_map(|l| {
        let mut f = l.split_whitespace().map(|n| n.parse::<u64>().ok());
        let (inside, _outside, count) = (f.next()??, f.next()??, f.next()??);
        Some((inside, count))
    })
}

fn maps(map: &str, id: u32) -> bool {
    ranges(map).any(|(inside, count)| u64::from(id) >= inside && u64::from(id) < inside + count)
}

fn is_single(map: &str) -> bool {
    ranges(map).map(|(_, count)| count).sum::<u64>() <= 1
}

/// `id 0` or `ids 0-65536` (contiguous ranges merged).
fn describe(map: &str) -> String {
    let mut spans: Vec<(u64, u64)> = ranges(map).map(|(i, c)| (i, i + c)).collect();
    spans.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let parts: Vec<String> = merged
        .iter()
        .map(|&(start, end)| match end - start {
            1 => start.to_string(),
            _ => format!("{start}-{}", end - 1),
        })
        .collect();
    let single = merged.len() == 1 && merged[0].1 - merged[0].0 == 1;
    format!("{} {}", if single { "id" } else { "ids" }, parts.join(", "))
}

/// Reads `path` (absolute inside the container) through the container's root: symlinks are
/// followed but never out of `root`. A missing file is `None`. Only a regular file of at most
/// 4 MiB is read: a FIFO or a device in the image must not block or flood the start
/// ([`nsenter::read_in_root`] opens it non-blocking and checks).
pub(crate) fn read_in_root(root: BorrowedFd<'_>, path: &str) -> Result<Option<String>, UserError> {
    match nsenter::read_in_root(root, path, MAX_FILE) {
        Ok(data) => Ok(Some(String::from_utf8_lossy(&data).into_owned())),
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => Ok(None),
        Err(e) => Err(UserError::Read {
            path: path.to_string(),
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\n\
        daemon:x:1:1::/usr/sbin:/sbin/nologin\n\
        # comment\n\
        broken:x:zz:1::/:\n\
        app:x:1000:1000:App:/home/app:/bin/sh\n\
        nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    const GROUP: &str = "root:x:0:root\n\
        wheel:x:10:root,app\n\
        audio:x:29:app\n\
        app:x:1000:\n\
        nogroup:x:65534:\n";

    fn res(spec: &str, add: &[&str]) -> Result<ExecUser, UserError> {
        let add: Vec<String> = add.iter().map(|s| s.to_string()).collect();
        resolve(spec, &parse_passwd(PASSWD), &parse_group(GROUP), &add)
    }

    #[test]
    fn names_and_numbers_resolve_through_passwd_with_membership_groups() {
        let app = res("app", &[]).unwrap();
        assert_eq!(
            (app.uid, app.gid, app.home.as_str()),
            (1000, 1000, "/home/app")
        );
        assert_eq!(app.groups, [1000, 10, 29]);
        assert_eq!(res("1000", &[]).unwrap(), app);
        let root = res("", &[]).unwrap();
        assert_eq!((root.uid, root.gid), (0, 0));
        assert_eq!(root.groups, [0, 10]);
        let nobody = res("nobody", &[]).unwrap();
        assert_eq!(
            (nobody.uid, nobody.gid, nobody.groups.clone()),
            (65534, 65534, vec![65534])
        );
    }

    #[test]
    fn an_unlisted_number_runs_with_gid_zero_and_an_unlisted_name_fails() {
        let u = res("4242", &[]).unwrap();
        assert_eq!(
            (u.uid, u.gid, u.groups.clone(), u.home.as_str()),
            (4242, 0, vec![0], "/")
        );
        assert_eq!(
            res("ghost", &[]).unwrap_err().to_string(),
            "unable to find user ghost: no matching entries in passwd file"
        );
        assert!(matches!(
            res("4294967295", &[]),
            Err(UserError::Invalid { .. })
        ));
    }

    #[test]
    fn an_explicit_group_replaces_membership_and_group_add_appends() {
        let u = res("app:audio", &[]).unwrap();
        assert_eq!((u.gid, u.groups.clone()), (29, vec![29]));
        let u = res("app:5000", &["wheel", "77", "audio"]).unwrap();
        assert_eq!(u.groups, [5000, 10, 77, 29]);
        assert_eq!(
            res("app:nope", &[]).unwrap_err().to_string(),
            "unable to find group nope: no matching entries in group file"
        );
        assert!(matches!(
            res("app", &["nope"]),
            Err(UserError::UnknownGroup { .. })
        ));
    }

    #[test]
    fn single_uid_namespaces_refuse_every_id_but_root() {
        let single = "         0       1000          1\n";
        let multi = "0 1000 1\n1 100000 65536\n";
        let root = res("root", &[]).unwrap();
        let root_only = ExecUser {
            groups: vec![0],
            ..root
        };
        check_mapped(&root_only, single, single).unwrap();
        let err = check_mapped(&res("1000", &[]).unwrap(), single, single).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("user 1000 does not exist"), "{text}");
        assert!(text.contains("maps only id 0;"), "{text}");
        assert!(text.contains("single-uid"), "{text}");
        check_mapped(&res("app", &[]).unwrap(), multi, multi).unwrap();
        let far = res("70000", &[]).unwrap();
        let text = check_mapped(&far, multi, multi).unwrap_err().to_string();
        assert!(text.contains("maps only ids 0-65536;"), "{text}");
    }

    #[test]
    fn files_are_read_inside_the_root_even_through_absolute_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::write(tmp.path().join("passwd"), "host:x:0:0::/:\n").unwrap();
        std::fs::write(root.join("etc/real"), "inside:x:0:0::/:\n").unwrap();
        std::os::unix::fs::symlink("/etc/real", root.join("etc/passwd")).unwrap();
        std::os::unix::fs::symlink("../../passwd", root.join("etc/group")).unwrap();
        let dir = std::fs::File::open(&root).unwrap();
        use std::os::fd::AsFd;
        let text = read_in_root(dir.as_fd(), "/etc/passwd").unwrap().unwrap();
        assert!(text.starts_with("inside"));
        // `..` stops at the container's root: the host's file is out of reach.
        assert_eq!(read_in_root(dir.as_fd(), "/etc/group").unwrap(), None);
        assert_eq!(read_in_root(dir.as_fd(), "/etc/shadow").unwrap(), None);
    }

    #[test]
    fn a_fifo_passwd_is_refused_at_once_instead_of_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("etc")).unwrap();
        nix::unistd::mkfifo(
            &tmp.path().join("etc/passwd"),
            nix::sys::stat::Mode::from_bits_truncate(0o644),
        )
        .unwrap();
        let dir = std::fs::File::open(tmp.path()).unwrap();
        use std::os::fd::AsFd;
        let err = read_in_root(dir.as_fd(), "/etc/passwd").unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}
