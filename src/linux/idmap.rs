//! The id map of the store and of containers: which host uids and gids a user namespace of
//! rcon's sees, and who writes `uid_map`/`gid_map` for it.
//!
//! The layout is containers/storage's: the user's own uid and gid become 0 inside, the first
//! `/etc/subuid` and `/etc/subgid` range becomes 1..=count. Writing such a map needs privilege,
//! which comes from `rcon-idmap` (file capabilities, preferred) or from `newuidmap`/`newgidmap`.
//! Without a subordinate range or a working helper, rcon maps the user alone ("single-uid") and
//! says so once per invocation.
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Once, OnceLock};

mod check_cache;

/// Why an id map could not be written. `helper` is the program that was run.
#[derive(Debug, thiserror::Error)]
pub enum IdmapError {
    #[error("cannot run the id map helper {helper}: {source}")]
    Spawn {
        helper: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{helper} refused to write the id map of process {pid}: {message}")]
    Refused {
        helper: PathBuf,
        pid: i32,
        message: String,
    },
    #[error("cannot write {path}: {source}; the process must be in a fresh user namespace")]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// One line of `uid_map`/`gid_map`: `count` ids from `inside` map to `outside` on the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct IdRange {
    pub(crate) inside: u32,
    pub(crate) outside: u32,
    pub(crate) count: u32,
}

/// The program that writes the maps of a new user namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MapWriter {
    /// rcon's own helper with file capabilities cap_setuid,cap_setgid.
    RconIdmap(PathBuf),
    /// shadow's setuid (or file-capability) pair.
    NewUidMap {
        newuidmap: PathBuf,
        newgidmap: PathBuf,
    },
    /// No helper: rcon writes the self map itself (setgroups denied first).
    SelfOnly,
}

/// The uid and gid maps rcon uses for the store and for containers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap {
    pub(crate) uids: Vec<IdRange>,
    pub(crate) gids: Vec<IdRange>,
    pub(crate) writer: MapWriter,
}

/// Why this invocation runs single-uid, for [`IdMap::describe`].
static SINGLE_REASON: OnceLock<String> = OnceLock::new();
/// The map detected once per invocation.
static DETECTED: OnceLock<IdMap> = OnceLock::new();

/// The `(start, count)` ranges of `/etc/subuid` or `/etc/subgid` text that belong to `user` (by
/// name) or to `uid` (by number), in file order. Comments, blank and malformed lines are skipped.
pub(crate) fn subordinate_ranges(file_text: &str, user: &str, uid: u32) -> Vec<(u32, u32)> {
    ranges_where(file_text, |owner| {
        (!user.is_empty() && owner == user) || parse_decimal(owner) == Some(uid)
    })
}

/// Every `(start, count)` range of `/etc/subuid` or `/etc/subgid` text, whoever it is for.
pub(crate) fn all_subordinate_ranges(file_text: &str) -> Vec<(u32, u32)> {
    ranges_where(file_text, |_| true)
}

/// The well-formed ranges of lines whose owner field `keep` accepts.
fn ranges_where(file_text: &str, keep: impl Fn(&str) -> bool) -> Vec<(u32, u32)> {
    file_text
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let mut fields = line.split(':');
            let (owner, start, count) = (fields.next()?, fields.next()?, fields.next()?);
            if fields.next().is_some() {
                return None;
            }
            if !keep(owner) {
                return None;
            }
            let (start, count) = (parse_decimal(start)?, parse_decimal(count)?);
            (count > 0).then_some((start, count))
        })
        .collect()
}

fn parse_decimal(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Prints the single-uid warning at most once per process.
pub(crate) fn warn_single_once(reason: &str) {
    static WARNED: Once = Once::new();
    WARNED.call_once(|| {
        eprintln!(
            "rcon: warning: running in single-uid mode ({reason}): files of images that belong \
             to other users are all owned by you; add a range to /etc/subuid and /etc/subgid \
             (e.g. `usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $USER`) and \
             install rcon-idmap with file capabilities"
        );
    });
}

impl IdMap {
    /// The map for this user: own ids → 0, first subordinate ranges → 1..=count, written by
    /// the first helper that works. Falls back to [`IdMap::single`] (and warns once) when there
    /// is no subordinate range or no working helper. Detected once per process.
    pub fn detect() -> IdMap {
        DETECTED.get_or_init(detect_uncached).clone()
    }

    /// The single-uid map: `uid` → 0 and `gid` → 0, written by rcon itself.
    pub(crate) fn single(uid: u32, gid: u32) -> IdMap {
        IdMap {
            uids: vec![IdRange {
                inside: 0,
                outside: uid,
                count: 1,
            }],
            gids: vec![IdRange {
                inside: 0,
                outside: gid,
                count: 1,
            }],
            writer: MapWriter::SelfOnly,
        }
    }

    /// True when only one uid exists inside (files of other owners collapse onto it).
    pub(crate) fn is_single(&self) -> bool {
        self.writer == MapWriter::SelfOnly || self.container_size() <= 1
    }

    /// One line for `rcon info`, e.g. `multi-range via rcon-idmap: 0:1000:1,1:100000:65536`.
    pub fn describe(&self) -> String {
        if self.is_single() {
            let reason = SINGLE_REASON
                .get()
                .map(String::as_str)
                .unwrap_or("the user's own ids only");
            return format!("single-uid ({reason})");
        }
        let via = match &self.writer {
            MapWriter::RconIdmap(_) => "rcon-idmap",
            MapWriter::NewUidMap { .. } => "newuidmap",
            MapWriter::SelfOnly => "rcon",
        };
        let uids = format_ranges(&self.uids);
        let gids = format_ranges(&self.gids);
        if uids == gids {
            format!("multi-range via {via}: {uids}")
        } else {
            format!("multi-range via {via}: uids {uids}; gids {gids}")
        }
    }

    /// Begins [`IdMap::write_for`] for `pid` before `pid` has made its namespace: rcon-idmap
    /// starts now (`--wait`), so its start-up runs beside the target's, and writes the maps
    /// when [`PendingMap::finish`] says go. The other writers simply write at `finish`.
    pub(crate) fn start_for(&self, pid: i32) -> PendingMap<'_> {
        let MapWriter::RconIdmap(helper) = &self.writer else {
            return PendingMap(Some(Pending::Later { map: self, pid }));
        };
        let mut cmd = Command::new(helper);
        cmd.arg("--wait")
            .arg(pid.to_string())
            .args(helper_args(&self.uids, &self.gids))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        PendingMap(Some(match cmd.spawn() {
            Ok(child) => Pending::Started { helper, pid, child },
            // Reported by `finish`, where the caller expects the map's errors.
            Err(source) => Pending::Failed(IdmapError::Spawn {
                helper: helper.clone(),
                source,
            }),
        }))
    }

    /// Writes `uid_map` and `gid_map` (and `setgroups` when needed) of `pid`, a child of this
    /// process that has just called unshare(CLONE_NEWUSER) and not been waited for.
    pub(crate) fn write_for(&self, pid: i32) -> Result<(), IdmapError> {
        match &self.writer {
            // rcon-idmap is started and told to write at once.
            MapWriter::RconIdmap(_) => self.start_for(pid).finish(),
            MapWriter::NewUidMap {
                newuidmap,
                newgidmap,
            } => {
                let mut cmd = Command::new(newuidmap);
                cmd.arg(pid.to_string()).args(triples(&self.uids));
                run_helper(newuidmap, pid, cmd)?;
                let mut cmd = Command::new(newgidmap);
                cmd.arg(pid.to_string()).args(triples(&self.gids));
                run_helper(newgidmap, pid, cmd)
            }
            MapWriter::SelfOnly => {
                // The pid cannot be recycled: it is our child and we have not reaped it.
                let dir = PathBuf::from(format!("/proc/{pid}"));
                // An unprivileged process may write a gid map only after denying setgroups.
                write_proc(&dir.join("setgroups"), "deny")?;
                write_proc(&dir.join("uid_map"), &map_text(&self.uids))?;
                write_proc(&dir.join("gid_map"), &map_text(&self.gids))
            }
        }
    }

    /// The host uid that `inside` maps to.
    #[cfg(test)]
    fn to_host_uid(&self, inside: u32) -> Option<u32> {
        to_host(&self.uids, inside)
    }

    /// The host gid that `inside` maps to.
    #[cfg(test)]
    fn to_host_gid(&self, inside: u32) -> Option<u32> {
        to_host(&self.gids, inside)
    }

    /// How many uids exist inside a namespace with this map.
    pub(crate) fn container_size(&self) -> u32 {
        let total: u64 = self.uids.iter().map(|r| u64::from(r.count)).sum();
        u32::try_from(total).unwrap_or(u32::MAX)
    }
}

fn detect_uncached() -> IdMap {
    let uid = nix::unistd::getuid().as_raw();
    let gid = nix::unistd::getgid().as_raw();
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_default();
    let who = if user.is_empty() {
        format!("uid {uid}")
    } else {
        user.clone()
    };
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let subuid = subordinate_ranges(&read("/etc/subuid"), &user, uid);
    let subgid = subordinate_ranges(&read("/etc/subgid"), &user, uid);

    let single = |reason: String| {
        warn_single_once(&reason);
        let _ = SINGLE_REASON.set(reason);
        IdMap::single(uid, gid)
    };
    let Some(&(uid_start, uid_count)) = subuid.first() else {
        return single(format!("no /etc/subuid entry for {who}"));
    };
    let Some(&(gid_start, gid_count)) = subgid.first() else {
        return single(format!("no /etc/subgid entry for {who}"));
    };
    let mut map = IdMap {
        uids: layout(uid, uid_start, uid_count),
        gids: layout(gid, gid_start, gid_count),
        writer: MapWriter::SelfOnly,
    };
    match find_writer(&map) {
        Ok(writer) => {
            map.writer = writer;
            map
        }
        Err(reason) => single(reason.to_string()),
    }
}

/// containers/storage's layout: own id → 0, the subordinate range → 1..=count (clamped so
/// neither side passes the largest id the kernel accepts).
fn layout(own: u32, start: u32, count: u32) -> Vec<IdRange> {
    let count = count.min(u32::MAX - 1).min(u32::MAX - start);
    let mut ranges = vec![IdRange {
        inside: 0,
        outside: own,
        count: 1,
    }];
    if count > 0 {
        ranges.push(IdRange {
            inside: 1,
            outside: start,
            count,
        });
    }
    ranges
}

/// Why no helper can write a multi-range map (the map falls back to the user alone).
#[derive(Debug, thiserror::Error)]
enum NoWriter {
    #[error("{helper} does not work: {message}")]
    Refused { helper: PathBuf, message: String },
    #[error("cannot run {helper}: {source}")]
    Run {
        helper: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("no rcon-idmap with file capabilities and no setuid newuidmap/newgidmap")]
    NoHelper,
}

/// The first helper that can write `map`: rcon-idmap (proved by `--check`, or by a check
/// passed earlier in this boot with nothing it depends on changed: [`check_cache`]), else a
/// privileged newuidmap/newgidmap pair. The error says why neither works.
fn find_writer(map: &IdMap) -> Result<MapWriter, NoWriter> {
    let mut rcon_idmap_failure = None;
    let args = helper_args(&map.uids, &map.gids);
    for candidate in rcon_idmap_candidates() {
        if check_cache::passed(&candidate, &args) {
            return Ok(MapWriter::RconIdmap(candidate));
        }
        let out = Command::new(&candidate)
            .arg("--check")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output();
        match out {
            Ok(out) if out.status.success() => {
                check_cache::remember(&candidate, &args);
                return Ok(MapWriter::RconIdmap(candidate));
            }
            Ok(out) => {
                rcon_idmap_failure = Some(NoWriter::Refused {
                    message: super::userns::last_line(&out.stderr),
                    helper: candidate,
                })
            }
            Err(source) => {
                rcon_idmap_failure = Some(NoWriter::Run {
                    helper: candidate,
                    source,
                })
            }
        }
    }
    let newuidmap = find_in_path("newuidmap");
    let newgidmap = find_in_path("newgidmap");
    if let (Some(newuidmap), Some(newgidmap)) = (newuidmap, newgidmap) {
        if is_privileged_helper(&newuidmap) && is_privileged_helper(&newgidmap) {
            return Ok(MapWriter::NewUidMap {
                newuidmap,
                newgidmap,
            });
        }
    }
    Err(rcon_idmap_failure.unwrap_or(NoWriter::NoHelper))
}

/// `rcon-idmap` beside the running executable, then in PATH.
fn rcon_idmap_candidates() -> Vec<PathBuf> {
    let mut found = Vec::new();
    // The file rcon started from, also when it runs from its sealed in-memory copy.
    if let Some(dir) = crate::linux::sealed_exe::original_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        let beside = dir.join("rcon-idmap");
        if beside.is_file() {
            found.push(beside);
        }
    }
    if let Some(in_path) = find_in_path("rcon-idmap") {
        if !found.contains(&in_path) {
            found.push(in_path);
        }
    }
    found
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// A setuid-root file, or one whose `security.capability` grants cap_setuid and cap_setgid.
fn is_privileged_helper(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    (meta.uid() == 0 && meta.mode() & 0o4000 != 0) || file_has_setid_caps(path)
}

/// Whether the file capabilities of `path` hold CAP_SETUID and CAP_SETGID in the permitted set.
fn file_has_setid_caps(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(cpath) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    let mut buf = [0u8; 24];
    crate::sys::xattr::get(&cpath, c"security.capability", &mut buf)
        .is_ok_and(|n| caps_xattr_has_setid(&buf[..n]))
}

/// Parses a `vfs_cap_data` (revision 2 or 3): magic, then permitted/inheritable words.
fn caps_xattr_has_setid(data: &[u8]) -> bool {
    const CAP_SETGID: u32 = 6;
    const CAP_SETUID: u32 = 7;
    if data.len() < 12 {
        return false;
    }
    let word = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let revision = word(0) & 0xff00_0000;
    if revision != 0x0200_0000 && revision != 0x0300_0000 {
        return false;
    }
    let need = (1 << CAP_SETUID) | (1 << CAP_SETGID);
    word(4) & need == need
}

/// `uid <triples> gid <triples>`, rcon-idmap's argument form.
fn helper_args(uids: &[IdRange], gids: &[IdRange]) -> Vec<String> {
    let mut args = vec!["uid".to_string()];
    args.extend(triples(uids));
    args.push("gid".to_string());
    args.extend(triples(gids));
    args
}

fn triples(ranges: &[IdRange]) -> Vec<String> {
    ranges
        .iter()
        .flat_map(|r| [r.inside, r.outside, r.count].map(|n| n.to_string()))
        .collect()
}

fn map_text(ranges: &[IdRange]) -> String {
    ranges
        .iter()
        .map(|r| format!("{} {} {}\n", r.inside, r.outside, r.count))
        .collect()
}

fn format_ranges(ranges: &[IdRange]) -> String {
    ranges
        .iter()
        .map(|r| format!("{}:{}:{}", r.inside, r.outside, r.count))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
fn to_host(ranges: &[IdRange], inside: u32) -> Option<u32> {
    ranges.iter().find_map(|r| {
        let offset = inside.checked_sub(r.inside)?;
        (offset < r.count).then(|| r.outside.checked_add(offset))?
    })
}

/// A map write begun by [`IdMap::start_for`]. Dropped without [`PendingMap::finish`], the
/// helper gets the end of its input and exits without looking at the target.
pub(crate) struct PendingMap<'a>(Option<Pending<'a>>);

enum Pending<'a> {
    Started {
        helper: &'a PathBuf,
        pid: i32,
        child: std::process::Child,
    },
    Later {
        map: &'a IdMap,
        pid: i32,
    },
    Failed(IdmapError),
}

impl PendingMap<'_> {
    /// Writes the maps, now that the target is in its new namespace.
    pub(crate) fn finish(mut self) -> Result<(), IdmapError> {
        let (helper, pid, mut child) = match self.0.take() {
            Some(Pending::Started { helper, pid, child }) => (helper, pid, child),
            Some(Pending::Later { map, pid }) => return map.write_for(pid),
            Some(Pending::Failed(e)) => return Err(e),
            None => return Ok(()),
        };
        // A go that does not arrive is the end of its input: it writes nothing and says so.
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(b"1");
        }
        let written = helper_outcome(helper, pid, child.wait_with_output());
        if written.is_err() {
            // The check that chose this helper may be a remembered one: ask again next time.
            check_cache::forget();
        }
        written
    }
}

impl Drop for PendingMap<'_> {
    fn drop(&mut self) {
        if let Some(Pending::Started { mut child, .. }) = self.0.take() {
            // Its input ends here: it exits without looking at the target.
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}

fn run_helper(helper: &Path, pid: i32, mut cmd: Command) -> Result<(), IdmapError> {
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    helper_outcome(helper, pid, out)
}

/// A map helper's run as the map's result: its last stderr line when it refused.
fn helper_outcome(
    helper: &Path,
    pid: i32,
    out: io::Result<std::process::Output>,
) -> Result<(), IdmapError> {
    let out = out.map_err(|source| IdmapError::Spawn {
        helper: helper.to_path_buf(),
        source,
    })?;
    if out.status.success() {
        return Ok(());
    }
    Err(IdmapError::Refused {
        helper: helper.to_path_buf(),
        pid,
        message: super::userns::last_line(&out.stderr),
    })
}

/// Writes a /proc map file in one write(2), as the kernel requires.
fn write_proc(path: &Path, text: &str) -> Result<(), IdmapError> {
    use std::io::Write;
    let err = |source| IdmapError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(err)?;
    match file.write(text.as_bytes()) {
        Ok(n) if n == text.len() => Ok(()),
        Ok(_) => Err(err(io::Error::from(io::ErrorKind::WriteZero))),
        Err(e) => Err(err(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(inside: u32, outside: u32, count: u32) -> IdRange {
        IdRange {
            inside,
            outside,
            count,
        }
    }

    #[test]
    fn subordinate_ranges_match_name_or_numeric_uid() {
        let text = "# admins\nalice:100000:65536\n\nbob:200000:65536\n1000:300000:10\n";
        assert_eq!(
            subordinate_ranges(text, "alice", 1000),
            vec![(100000, 65536), (300000, 10)]
        );
        assert_eq!(subordinate_ranges(text, "bob", 1001), vec![(200000, 65536)]);
        assert_eq!(subordinate_ranges(text, "", 1000), vec![(300000, 10)]);
        assert!(subordinate_ranges(text, "carol", 1002).is_empty());
        assert_eq!(
            all_subordinate_ranges(text),
            vec![(100000, 65536), (200000, 65536), (300000, 10)]
        );
    }

    #[test]
    fn subordinate_ranges_skip_comments_and_malformed_lines() {
        let text = "#alice:1:2\n  alice:100000:5  \nalice:x:5\nalice:1:2:3\nalice:9:0\n\
                    alice:+5:5\nalice:4294967296:1\nalice:700000:65536\n";
        assert_eq!(
            subordinate_ranges(text, "alice", 1000),
            vec![(100000, 5), (700000, 65536)]
        );
    }

    #[test]
    fn layout_puts_own_id_at_zero_and_the_range_after_it() {
        assert_eq!(
            layout(1000, 100000, 65536),
            vec![r(0, 1000, 1), r(1, 100000, 65536)]
        );
        assert_eq!(
            layout(1000, u32::MAX - 10, 100),
            vec![r(0, 1000, 1), r(1, u32::MAX - 10, 10)]
        );
        assert_eq!(layout(1000, 5, u32::MAX)[1].count, u32::MAX - 5);
    }

    #[test]
    fn maps_inside_ids_to_host_ids() {
        let map = IdMap {
            uids: layout(1000, 100000, 65536),
            gids: layout(1001, 200000, 10),
            writer: MapWriter::RconIdmap(PathBuf::from("/usr/local/bin/rcon-idmap")),
        };
        assert_eq!(map.to_host_uid(0), Some(1000));
        assert_eq!(map.to_host_uid(1), Some(100000));
        assert_eq!(map.to_host_uid(65536), Some(165535));
        assert_eq!(map.to_host_uid(65537), None);
        assert_eq!(map.to_host_gid(10), Some(200009));
        assert_eq!(map.to_host_gid(11), None);
        assert_eq!(map.container_size(), 65537);
        assert!(!map.is_single());
        assert_eq!(
            map.describe(),
            "multi-range via rcon-idmap: uids 0:1000:1,1:100000:65536; gids 0:1001:1,1:200000:10"
        );
    }

    #[test]
    fn single_map_holds_only_the_user() {
        let map = IdMap::single(1000, 1000);
        assert!(map.is_single());
        assert_eq!(map.container_size(), 1);
        assert_eq!(map.to_host_uid(0), Some(1000));
        assert_eq!(map.to_host_uid(1), None);
        assert!(map.describe().starts_with("single-uid ("));
    }

    #[test]
    fn helper_arguments_follow_rcon_idmap_usage() {
        let args = helper_args(&[r(0, 1000, 1), r(1, 100000, 5)], &[r(0, 1000, 1)]);
        assert_eq!(
            args,
            ["uid", "0", "1000", "1", "1", "100000", "5", "gid", "0", "1000", "1"]
        );
        assert_eq!(map_text(&[r(0, 1000, 1)]), "0 1000 1\n");
    }

    #[test]
    fn capability_xattr_needs_setuid_and_setgid_permitted() {
        let xattr = |magic: u32, permitted: u32| {
            let mut v = magic.to_le_bytes().to_vec();
            v.extend(permitted.to_le_bytes());
            v.extend([0u8; 12]);
            v
        };
        assert!(caps_xattr_has_setid(&xattr(0x0200_0001, 0xc0)));
        assert!(caps_xattr_has_setid(&xattr(0x0300_0000, 0xc1)));
        assert!(!caps_xattr_has_setid(&xattr(0x0200_0001, 0x80)));
        assert!(!caps_xattr_has_setid(&xattr(0x0100_0001, 0xc0)));
        assert!(!caps_xattr_has_setid(&[0, 0, 0, 2]));
    }
}
