//! `--userns keep-id`: the container runs in a user namespace of its own, a child of the
//! store's, where the user's own uid and gid (or the ones `keep-id:uid=N,gid=N` names) stand
//! for the store's 0, that is the user on the host. The other ids shift to make room: the
//! store's 1..=C become the container's 0..C-1, the ids above C stay where they are.
//!
//! The image's layers are not copied or chowned for it. rcon's FUSE overlay serves them with
//! their stored owners as the container must see them: it answers the kernel (which reads the
//! answers in the store's namespace) with [`Map::outside`] of each owner, and stores the
//! owner of a new file, or of a chown, as [`Map::inside`] of the id the kernel sends. A
//! file the image gives to root is root's inside, one the container's user creates keeps its
//! uid in the upper layer, and a bind-mounted folder of the user's shows the user's uid,
//! because the kernel maps it through the container's namespace as it maps any file.
//!
//! [`make_userns`] makes the namespace from the supervisor (root of the store's namespace,
//! which may write any map of its own ids for a child); the container's first process enters
//! it last, once its root is in place, and `exec` and `cp` enter it after the container's
//! other namespaces ([`crate::linux::nsenter`]).
use std::io;
use std::os::fd::OwnedFd;

/// One line of a uid_map or gid_map: `count` ids from `inside` map to `outside` and on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) inside: u32,
    pub(crate) outside: u32,
    pub(crate) count: u32,
}

/// One id kind's map of a keep-id namespace, in the store's namespace's ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Map(Vec<Range>);

/// The uid and gid maps of a container's own user namespace (keep-id, nomap, auto, --uidmap),
/// by which its owners shift; empty: the store's own namespace (nothing shifts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IdShift {
    pub(crate) uid: Map,
    pub(crate) gid: Map,
}

/// The id the kernel shows for an id it cannot map.
pub(crate) const OVERFLOW_ID: u32 = 65534;

impl Map {
    /// The map where `id` stands for the store's 0, in a store namespace of `total` ids
    /// (0 to total-1). None when the store has no ids but its 0 (a single-uid store).
    pub(crate) fn new(id: u32, total: u32) -> Option<Map> {
        if total < 2 {
            return None;
        }
        let mut ranges = Vec::with_capacity(3);
        if id < total {
            if id > 0 {
                ranges.push(Range {
                    inside: 0,
                    outside: 1,
                    count: id,
                });
            }
            ranges.push(Range {
                inside: id,
                outside: 0,
                count: 1,
            });
            if total - 1 - id > 0 {
                ranges.push(Range {
                    inside: id + 1,
                    outside: id + 1,
                    count: total - 1 - id,
                });
            }
        } else {
            ranges.push(Range {
                inside: 0,
                outside: 1,
                count: total - 1,
            });
            ranges.push(Range {
                inside: id,
                outside: 0,
                count: 1,
            });
        }
        Some(Map(ranges))
    }

    /// `nomap`: the store's ids but its 0 (the user): the container's 0..total-2 are the
    /// store's 1..total-1.
    pub(crate) fn without_zero(total: u32) -> Option<Map> {
        (total >= 2).then(|| Map::slice(1, total - 1))
    }

    /// `auto`: the container's 0..size are the store's base..base+size.
    pub(crate) fn slice(base: u32, size: u32) -> Map {
        Map(vec![Range {
            inside: 0,
            outside: base,
            count: size,
        }])
    }

    /// The map as /proc/PID/uid_map takes it: `inside outside count` per line.
    pub(crate) fn text(&self) -> String {
        self.0
            .iter()
            .map(|r| format!("{} {} {}\n", r.inside, r.outside, r.count))
            .collect()
    }

    /// The store's id for the container's `id`; the overflow id when it has none.
    pub(crate) fn outside(&self, id: u32) -> u32 {
        if self.0.is_empty() {
            return id;
        }
        self.0
            .iter()
            .find(|r| id >= r.inside && id - r.inside < r.count)
            .map_or(OVERFLOW_ID, |r| r.outside + (id - r.inside))
    }

    /// The container's id for the store's `id`; the overflow id when it has none.
    pub(crate) fn inside(&self, id: u32) -> u32 {
        if self.0.is_empty() {
            return id;
        }
        self.0
            .iter()
            .find(|r| id >= r.outside && id - r.outside < r.count)
            .map_or(OVERFLOW_ID, |r| r.inside + (id - r.outside))
    }
}

/// Why a container's own user namespace cannot be made in this store.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ShiftError {
    #[error(
        "--userns {mode} needs subordinate ids: add ranges for your user to /etc/subuid and \
         /etc/subgid, or leave --userns out"
    )]
    NoIds { mode: &'static str },
    #[error(
        "the --userns auto slice of this container ({size} ids from {base}) lies outside your \
         subordinate ids: recreate the container"
    )]
    Outside { base: u32, size: u32 },
    #[error(
        "the id map range {range} reaches past your store's {total} ids (0 is you, 1 and up \
         your subordinate ids): use ranges inside it"
    )]
    Range { range: String, total: u32 },
}

impl IdShift {
    /// The maps where `uid` and `gid` stand for the user, in the store's namespace this
    /// process runs in (its own uid_map and gid_map give the store's size).
    pub(crate) fn for_this_store(uid: u32, gid: u32) -> Result<IdShift, ShiftError> {
        let need = ShiftError::NoIds { mode: "keep-id" };
        let uid = Map::new(uid, own_total("uid_map"));
        let gid = Map::new(gid, own_total("gid_map"));
        match (uid, gid) {
            (Some(uid), Some(gid)) => Ok(IdShift { uid, gid }),
            _ => Err(need),
        }
    }

    /// `nomap` in the store this process runs in.
    pub(crate) fn nomap_for_this_store() -> Result<IdShift, ShiftError> {
        let uid = Map::without_zero(own_total("uid_map"));
        let gid = Map::without_zero(own_total("gid_map"));
        match (uid, gid) {
            (Some(uid), Some(gid)) => Ok(IdShift { uid, gid }),
            _ => Err(ShiftError::NoIds { mode: "nomap" }),
        }
    }

    /// `auto`'s slice of `size` ids from the store's `base`, checked against this store.
    pub(crate) fn slice_of_this_store(base: u32, size: u32) -> Result<IdShift, ShiftError> {
        let fits =
            |file| base >= 1 && u64::from(base) + u64::from(size) <= u64::from(own_total(file));
        if !fits("uid_map") || !fits("gid_map") {
            return Err(ShiftError::Outside { base, size });
        }
        Ok(IdShift {
            uid: Map::slice(base, size),
            gid: Map::slice(base, size),
        })
    }

    /// `--uidmap`/`--gidmap` ranges (`[container, store, size]`), checked against this store.
    pub(crate) fn ranges_of_this_store(
        uid: &[[u32; 3]],
        gid: &[[u32; 3]],
    ) -> Result<IdShift, ShiftError> {
        let map = |ranges: &[[u32; 3]], file| -> Result<Map, ShiftError> {
            let total = u64::from(own_total(file));
            let mut out = Vec::with_capacity(ranges.len());
            for &[inside, outside, count] in ranges {
                if u64::from(outside) + u64::from(count) > total {
                    return Err(ShiftError::Range {
                        range: format!("{inside}:{outside}:{count}"),
                        total: total as u32,
                    });
                }
                out.push(Range {
                    inside,
                    outside,
                    count,
                });
            }
            Ok(Map(out))
        };
        Ok(IdShift {
            uid: map(uid, "uid_map")?,
            gid: map(gid, "gid_map")?,
        })
    }

    /// No shift: the store's own namespace.
    pub(crate) fn is_identity(&self) -> bool {
        self.uid.0.is_empty() && self.gid.0.is_empty()
    }

    /// A file's owner as the store keeps it, shown as the container must see it.
    pub(crate) fn show(&self, st: &mut libc::stat64) {
        if !self.is_identity() {
            st.st_uid = self.uid.outside(st.st_uid);
            st.st_gid = self.gid.outside(st.st_gid);
        }
    }
}

/// The outside id of inside id 0 in a map read from /proc/self/uid_map or gid_map: in the
/// store's namespace, the user's own id on the host.
pub(crate) fn outside_of_zero(text: &str) -> Option<u32> {
    text.lines().find_map(|l| {
        let mut f = l.split_whitespace().map(|n| n.parse::<u32>().ok());
        match (f.next()??, f.next()??) {
            (0, outside) => Some(outside),
            _ => None,
        }
    })
}

/// How many ids this process's user namespace has, by its uid_map or gid_map.
fn own_total(file: &str) -> u32 {
    let text = std::fs::read_to_string(format!("/proc/self/{file}")).unwrap_or_default();
    map_total(&text)
}

/// How many ids a namespace's map gives it: the end of its highest range.
fn map_total(text: &str) -> u32 {
    text.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace().map(|n| n.parse::<u64>().ok());
            let (inside, _, count) = (f.next()??, f.next()??, f.next()??);
            Some(inside + count)
        })
        .max()
        .unwrap_or(0)
        .min(u64::from(u32::MAX)) as u32
}

/// A keep-id user namespace, open, with the maps it was given (`inside outside count` lines,
/// the outside ids the store's).
#[derive(Debug)]
pub(crate) struct Userns {
    pub(crate) fd: OwnedFd,
    pub(crate) uid_map: String,
    pub(crate) gid_map: String,
    /// The container's root (uid, gid) as the store's namespace names it.
    pub(crate) root: (u32, u32),
}

/// Makes the keep-id user namespace, a child of this process's, and returns it open: a
/// forked child unshares it and waits while this process writes its maps. This process must
/// be root of its namespace (the supervisor is) and single-threaded.
pub(crate) fn make_userns(ids: &IdShift) -> io::Result<Userns> {
    use std::io::{Read, Write};
    let pipe = || -> io::Result<(std::fs::File, std::fs::File)> {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        Ok((r.into(), w.into()))
    };
    let (ready_r, ready_w) = pipe()?;
    let (done_r, done_w) = pipe()?;
    let Some(pid) = crate::sys::fork::fork()? else {
        drop((ready_r, done_w));
        // Dumpable, so its /proc files belong to its user (ours) and not to the host's root:
        // the parent writes its maps there. It runs nothing but this, once, before the
        // container exists.
        let made = nix::sys::prctl::set_dumpable(true)
            .and_then(|()| nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER));
        let code = u8::from(made.is_err());
        let mut ready_w = ready_w;
        let _ = ready_w.write_all(&[code]);
        // Wait until the parent has what it needs of us: it closes its end.
        let _ = (&done_r).read(&mut [0u8]);
        crate::sys::process::exit_now(i32::from(code))
    };
    drop((ready_w, done_r));
    let result = (|| {
        let mut byte = [1u8];
        (&ready_r).read_exact(&mut byte)?;
        if byte[0] != 0 {
            return Err(io::Error::other("cannot create a user namespace"));
        }
        let (uid_map, gid_map) = (ids.uid.text(), ids.gid.text());
        std::fs::write(format!("/proc/{pid}/uid_map"), &uid_map)?;
        std::fs::write(format!("/proc/{pid}/gid_map"), &gid_map)?;
        let fd = std::fs::File::open(format!("/proc/{pid}/ns/user")).map(OwnedFd::from)?;
        Ok(Userns {
            fd,
            uid_map,
            gid_map,
            root: (ids.uid.outside(0), ids.gid.outside(0)),
        })
    })();
    drop(done_w);
    let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None);
    result
}

/// The passwd and group lines a keep-id container gets for the user when its image has no
/// entry for the uid (Podman's rule): the user's name, the uid and gid inside, the user's
/// full name, a home folder (the user's own when a mount brings it in, else the container's
/// working folder) and /bin/sh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostUser {
    pub(crate) name: String,
    pub(crate) gecos: String,
    pub(crate) home: String,
    pub(crate) group: Option<String>,
}

impl HostUser {
    /// The user this process runs as on the host (root of the store's namespace is the user):
    /// read from the host's passwd and group.
    pub(crate) fn of_host(host_uid: u32, host_gid: u32) -> Option<HostUser> {
        let user = nix::unistd::User::from_uid(host_uid.into()).ok()??;
        let group = nix::unistd::Group::from_gid(host_gid.into())
            .ok()
            .flatten()
            .map(|g| g.name);
        Some(HostUser {
            name: user.name,
            gecos: user.gecos.to_string_lossy().into_owned(),
            home: user.dir.to_string_lossy().into_owned(),
            group,
        })
    }

    /// The home folder inside: the user's own when one of `mounts` (destinations) is it or a
    /// folder above it other than /, else `workdir`.
    pub(crate) fn home_inside(&self, mounts: &[&str], workdir: &str) -> String {
        let home = std::path::Path::new(&self.home);
        let covered = mounts.iter().any(|m| {
            let m = std::path::Path::new(m);
            m != std::path::Path::new("/") && home.starts_with(m)
        });
        if covered {
            self.home.clone()
        } else {
            workdir.to_string()
        }
    }
}

/// The line to append to the container's /etc/passwd, if its image has neither the name nor
/// the uid.
pub(crate) fn passwd_line(
    passwd: &str,
    user: &HostUser,
    uid: u32,
    gid: u32,
    home: &str,
) -> Option<String> {
    let taken = passwd.lines().any(|l| {
        let mut f = l.split(':');
        let name = f.next();
        let id = f.nth(1);
        name == Some(user.name.as_str()) || id == Some(uid.to_string().as_str())
    });
    (!taken).then(|| {
        format!(
            "{}:*:{uid}:{gid}:{}:{home}:/bin/sh\n",
            user.name, user.gecos
        )
    })
}

/// The line to append to the container's /etc/group, if its image has no group of `gid`.
pub(crate) fn group_line(group: &str, user: &HostUser, gid: u32) -> Option<String> {
    let taken = group
        .lines()
        .any(|l| l.split(':').nth(2) == Some(gid.to_string().as_str()));
    let name = user.group.as_deref().unwrap_or(&user.name);
    let name_taken = group.lines().any(|l| l.split(':').next() == Some(name));
    (!taken && !name_taken).then(|| format!("{name}:x:{gid}:{}\n", user.name))
}

#[cfg(test)]
mod tests;
