//! rcon-idmap: writes `uid_map` and `gid_map` for a child of its caller that sits in a fresh
//! user namespace, using only the caller's own `/etc/subuid` and `/etc/subgid` ranges.
//!
//! It replaces the setuid-root `newuidmap`/`newgidmap` pair: it is installed with file
//! capabilities only (`setcap cap_setuid,cap_setgid+ep /usr/local/bin/rcon-idmap`), uses std and
//! libc alone, and refuses anything it cannot prove the caller is entitled to.
//!
//! ```text
//! rcon-idmap [--wait] <pid> uid <inside> <outside> <count> [<inside> <outside> <count>]...
//!                         gid <inside> <outside> <count> [<inside> <outside> <count>]...
//! rcon-idmap --check uid ... gid ...
//! ```
//!
//! With `--wait` it checks the request and the caller's ranges, then reads one byte from
//! standard input before it looks at the target at all: rcon starts the helper beside a target
//! that is still starting, and says "go" once the target has made its namespace. The end of
//! input without a byte means rcon gave up: exit 1, nothing written.
//!
//! `<pid>` is the target: a process in a user namespace it created and whose maps are unwritten.
//! rcon spawns both the target and rcon-idmap, so the target's parent must be rcon-idmap's
//! parent. Both sections are required, each with at least one triple of decimal numbers, in the
//! kernel's order (`inside outside count`). `--check` validates the ranges and that the
//! capabilities they need are present, then exits without touching any process: rcon uses it to
//! decide whether the helper works before relying on it.
//!
//! Exit 0 on success; exit 1 with one line `rcon-idmap: ...` on stderr on any refusal.
//!
//! The raw system calls are in [`sys`]; nothing else here is `unsafe`. The refusals are a plain
//! enum with a hand-written `Display` (no error crate): the helper links std and libc alone.
#![deny(unsafe_code)]

mod refusal;
mod sys;

use refusal::{FileError, Refusal};

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::fs::MetadataExt;

const CAP_SETGID: u32 = 6;
const CAP_SETUID: u32 = 7;
/// The only capabilities this program keeps.
const KEEP_CAPS: u32 = (1 << CAP_SETUID) | (1 << CAP_SETGID);
/// The kernel accepts at most 340 extents per map (`UID_GID_MAP_MAX_EXTENTS`).
const MAX_EXTENTS: usize = 340;
/// The kernel refuses a map write of a page or more; 4096 is the smallest page size.
const MAX_MAP_TEXT: usize = 4095;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    inside: u32,
    outside: u32,
    count: u32,
}

#[derive(Debug, PartialEq, Eq)]
enum Target {
    Pid(i32),
    Check,
}

#[derive(Debug, PartialEq, Eq)]
struct Request {
    /// `--wait`: one byte on stdin before the target is looked at.
    wait: bool,
    target: Target,
    uids: Vec<Range>,
    gids: Vec<Range>,
}

fn main() {
    let code = match run() {
        Ok(()) => 0,
        Err(refusal) => {
            eprintln!("rcon-idmap: {refusal}");
            1
        }
    };
    std::process::exit(code);
}

fn run() -> Result<(), Refusal> {
    // First, before reading any input: keep only CAP_SETUID and CAP_SETGID, so a bug below can
    // never use any other privilege the binary might have been given (or root's full set).
    let has_setid_caps = drop_privileges()?;

    let args = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string().map_err(|_| Refusal::NotText))
        .collect::<Result<Vec<String>, Refusal>>()?;
    let request = parse_args(&args)?;

    // The caller is identified by the real ids, which the kernel keeps from the caller across
    // the exec of a file-capability binary; the environment (USER, LOGNAME) is never consulted.
    let (uid, gid) = real_ids();
    let passwd = read_optional("/etc/passwd")?;
    let user = user_name(&passwd, uid).unwrap_or_default();
    let subuid = subordinate_ranges(&read_optional("/etc/subuid")?, &user, uid);
    let subgid = subordinate_ranges(&read_optional("/etc/subgid")?, &user, uid);
    let who = if user.is_empty() {
        format!("uid {uid}")
    } else {
        user.clone()
    };

    validate(&request.uids, uid, &subuid, "uid", "/etc/subuid", &who)?;
    validate(&request.gids, gid, &subgid, "gid", "/etc/subgid", &who)?;
    let uid_text = render(&request.uids, "uid")?;
    let gid_text = render(&request.gids, "gid")?;

    // The self map alone is what the kernel lets any user write; anything beyond needs the two
    // capabilities, so say which setcap is missing instead of failing halfway with EPERM.
    let beyond_self = uses_subordinate(&request.uids, uid) || uses_subordinate(&request.gids, gid);
    if beyond_self && !has_setid_caps {
        return Err(Refusal::MissingCaps);
    }

    let pid = match request.target {
        Target::Check => return Ok(()),
        Target::Pid(pid) => pid,
    };
    if request.wait {
        wait_for_go()?;
    }

    // One directory fd for the whole run: every later read and write goes through openat on it.
    // An open /proc/<pid> fd stays bound to that process; if it exits and the pid is reused,
    // reads through the fd fail with ESRCH instead of reaching the new process.
    let proc_dir = File::open(format!("/proc/{pid}")).map_err(|source| Refusal::ProcDir {
        what: "open",
        pid,
        source,
    })?;
    let meta = proc_dir.metadata().map_err(|source| Refusal::ProcDir {
        what: "stat",
        pid,
        source,
    })?;
    // The /proc/<pid> directory is owned by the process's effective uid while it is dumpable
    // and by root otherwise: equal to the caller's uid means the caller controls the process
    // (the same check newuidmap makes).
    if !meta.is_dir() || meta.uid() != uid {
        return Err(Refusal::NotOwned { pid, uid });
    }

    let in_proc = |source| Refusal::ProcFile { pid, source };
    let status = read_at(&proc_dir, "status").map_err(|e| in_proc(FileError::Read(e)))?;
    let info = parse_status(&status).ok_or(Refusal::BadStatus { pid })?;
    // A thread id also has a /proc entry; only a whole process (pid == tgid) is accepted.
    if info.tgid != pid {
        return Err(Refusal::Thread { pid });
    }
    // The caller starts the target and this helper side by side, so their parent is the same
    // process: this keeps a user from mapping ids into processes it did not just create.
    let parent = std::os::unix::process::parent_id() as i32;
    if info.ppid != parent {
        return Err(Refusal::NotChild {
            pid,
            parent: info.ppid,
            caller: parent,
        });
    }
    // All four uids (real, effective, saved, fs) must be the caller's: no setuid program runs.
    if info.uids.iter().any(|&u| u != uid) {
        return Err(Refusal::OtherUid { pid, uid });
    }
    // The namespace whose maps we write must be a new one, created by the caller: the kernel
    // records the creator's euid as the namespace owner.
    check_user_namespace(&proc_dir, pid, uid)?;

    // The kernel takes one write per map; refusing early keeps setgroups untouched and the
    // message clear when the maps were already written.
    let current = read_at(&proc_dir, "uid_map").map_err(|e| in_proc(FileError::Read(e)))?;
    if !current.trim().is_empty() {
        return Err(Refusal::AlreadyMapped { pid });
    }

    // setgroups must be denied before gid_map is written when the gid map is the self map
    // only: otherwise the user could drop supplementary groups used in deny-ACLs, which the
    // administrator never allowed. With subordinate gids granted, setgroups stays allowed.
    if !uses_subordinate(&request.gids, gid) {
        write_at(&proc_dir, "setgroups", b"deny").map_err(in_proc)?;
    }
    // Each map in a single write(2): the kernel accepts only one write per map file.
    write_at(&proc_dir, "uid_map", uid_text.as_bytes()).map_err(in_proc)?;
    write_at(&proc_dir, "gid_map", gid_text.as_bytes()).map_err(in_proc)?;
    Ok(())
}

/// One byte on stdin: the caller's "go". The end of input first means the caller gave up.
fn wait_for_go() -> Result<(), Refusal> {
    let mut byte = [0u8; 1];
    loop {
        match io::stdin().read(&mut byte) {
            Ok(1) => return Ok(()),
            Ok(_) => return Err(Refusal::Withdrawn),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(source) => return Err(Refusal::Stdin { source }),
        }
    }
}

/// Parses `[--wait] <pid>|--check uid <triples> gid <triples>`.
fn parse_args(args: &[String]) -> Result<Request, Refusal> {
    let wait = args.first().is_some_and(|a| a == "--wait");
    let args = &args[usize::from(wait)..];
    let (first, rest) = args.split_first().ok_or(Refusal::Usage)?;
    if wait && first == "--check" {
        return Err(Refusal::Usage);
    }
    let target = if first == "--check" {
        Target::Check
    } else {
        let pid = parse_number(first)?;
        // pid 0 would name the caller itself in some interfaces; negative pids cannot parse.
        if pid == 0 || pid > i32::MAX as u32 {
            return Err(Refusal::InvalidPid {
                text: first.clone(),
            });
        }
        Target::Pid(pid as i32)
    };
    if rest.first().map(String::as_str) != Some("uid") {
        return Err(Refusal::Usage);
    }
    let gid_at = rest.iter().position(|a| a == "gid").ok_or(Refusal::Usage)?;
    let uids = parse_triples(&rest[1..gid_at], "uid")?;
    let gids = parse_triples(&rest[gid_at + 1..], "gid")?;
    Ok(Request {
        wait,
        target,
        uids,
        gids,
    })
}

fn parse_triples(args: &[String], kind: &'static str) -> Result<Vec<Range>, Refusal> {
    if args.is_empty() || args.len() % 3 != 0 {
        return Err(Refusal::NoTriples { kind });
    }
    args.chunks(3)
        .map(|t| {
            Ok(Range {
                inside: parse_number(&t[0])?,
                outside: parse_number(&t[1])?,
                count: parse_number(&t[2])?,
            })
        })
        .collect()
}

/// Plain decimal digits only: `u32::from_str` would also take a leading `+`.
fn parse_number(s: &str) -> Result<u32, Refusal> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Refusal::NotANumber {
            text: s.to_string(),
        });
    }
    s.parse::<u32>().map_err(|_| Refusal::OutOfRange {
        text: s.to_string(),
    })
}

/// Checks one map against the caller's entitlement: the self map (`outside == own id`,
/// count 1) or ranges inside one of the caller's subordinate ranges; no overflow, no overlap.
fn validate(
    ranges: &[Range],
    own: u32,
    subordinate: &[(u32, u32)],
    kind: &'static str,
    file: &'static str,
    who: &str,
) -> Result<(), Refusal> {
    // The kernel's own limit; checked here so the refusal is clear and happens before writing.
    if ranges.is_empty() || ranges.len() > MAX_EXTENTS {
        return Err(Refusal::LineCount {
            kind,
            lines: ranges.len(),
        });
    }
    for r in ranges {
        if r.count == 0 {
            return Err(Refusal::EmptyRange { kind, range: *r });
        }
        // Checked arithmetic: a range that wraps past u32::MAX would alias low ids (the kernel
        // also treats the end 2^32 as a wrap, so the end must stay representable).
        if r.inside.checked_add(r.count).is_none() || r.outside.checked_add(r.count).is_none() {
            return Err(Refusal::Overflow { kind, range: *r });
        }
        let is_self = r.outside == own && r.count == 1;
        let in_subordinate = subordinate
            .iter()
            .any(|&(start, count)| contains(start, count, r.outside, r.count));
        // Only ids the administrator granted this user (or the user's own id) may appear on the
        // outside: that is the whole security property of this program.
        if !is_self && !in_subordinate {
            return Err(Refusal::NotGranted {
                kind,
                range: *r,
                file,
                who: who.to_string(),
            });
        }
    }
    // Overlap inside would make one id ambiguous in the namespace; overlap outside would map
    // two inside ids to one host id. The kernel refuses both; refuse first, with a reason.
    for (i, a) in ranges.iter().enumerate() {
        for b in &ranges[i + 1..] {
            if overlaps(a.inside, a.count, b.inside, b.count) {
                return Err(Refusal::OverlapInside {
                    kind,
                    a: a.inside,
                    b: b.inside,
                });
            }
            if overlaps(a.outside, a.count, b.outside, b.count) {
                return Err(Refusal::OverlapOutside {
                    kind,
                    a: a.outside,
                    b: b.outside,
                });
            }
        }
    }
    Ok(())
}

/// Whether `[start, start+len)` lies within `[outer, outer+outer_len)` (in u64: no overflow).
fn contains(outer: u32, outer_len: u32, start: u32, len: u32) -> bool {
    let (outer, outer_end) = (outer as u64, outer as u64 + outer_len as u64);
    let (start, end) = (start as u64, start as u64 + len as u64);
    start >= outer && end <= outer_end
}

fn overlaps(a: u32, a_len: u32, b: u32, b_len: u32) -> bool {
    let (a, a_end) = (a as u64, a as u64 + a_len as u64);
    let (b, b_end) = (b as u64, b as u64 + b_len as u64);
    a < b_end && b < a_end
}

/// True when the map holds anything besides the self map.
fn uses_subordinate(ranges: &[Range], own: u32) -> bool {
    ranges.iter().any(|r| !(r.outside == own && r.count == 1))
}

/// The text of a map file: one `inside outside count` line per range.
fn render(ranges: &[Range], kind: &'static str) -> Result<String, Refusal> {
    let text: String = ranges
        .iter()
        .map(|r| format!("{} {} {}\n", r.inside, r.outside, r.count))
        .collect();
    if text.len() > MAX_MAP_TEXT {
        return Err(Refusal::MapTooLong {
            kind,
            bytes: text.len(),
        });
    }
    Ok(text)
}

/// The name of the first /etc/passwd entry with this uid.
fn user_name(passwd: &str, uid: u32) -> Option<String> {
    let uid = uid.to_string();
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let _password = fields.next()?;
        (fields.next()? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

/// The `(start, count)` ranges of /etc/subuid or /etc/subgid text that belong to `user` (by
/// name) or to `uid` (by number). Comments, blank and malformed lines are skipped.
fn subordinate_ranges(text: &str, user: &str, uid: u32) -> Vec<(u32, u32)> {
    text.lines()
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
            let by_name = !user.is_empty() && owner == user;
            let by_uid = parse_number(owner).ok() == Some(uid);
            if !by_name && !by_uid {
                return None;
            }
            let (start, count) = (parse_number(start).ok()?, parse_number(count).ok()?);
            (count > 0).then_some((start, count))
        })
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
struct StatusInfo {
    tgid: i32,
    ppid: i32,
    uids: Vec<u32>,
}

/// Picks Tgid, PPid and the four uids out of /proc/<pid>/status.
fn parse_status(text: &str) -> Option<StatusInfo> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':').map(str::trim))
    };
    let tgid = field("Tgid")?.parse().ok()?;
    let ppid = field("PPid")?.parse().ok()?;
    let uids = field("Uid")?
        .split_whitespace()
        .map(|u| u.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    (uids.len() == 4).then_some(StatusInfo { tgid, ppid, uids })
}

/// A system file that may be absent (then empty); any other error refuses.
fn read_optional(path: &'static str) -> Result<String, Refusal> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(Refusal::ReadFile { path, source }),
    }
}

fn read_at(dir: &File, name: &str) -> io::Result<String> {
    let mut text = String::new();
    sys::open_at(dir, name, libc::O_RDONLY | libc::O_NOFOLLOW)?.read_to_string(&mut text)?;
    Ok(text)
}

/// Writes `data` to `<dir>/<name>` in exactly one write(2) call.
fn write_at(dir: &File, name: &'static str, data: &[u8]) -> Result<(), FileError> {
    let mut file = sys::open_at(dir, name, libc::O_WRONLY | libc::O_NOFOLLOW)
        .map_err(|source| FileError::Open { name, source })?;
    match file.write(data) {
        Ok(n) if n == data.len() => Ok(()),
        Ok(n) => Err(FileError::Short {
            name,
            written: n,
            len: data.len(),
        }),
        Err(source) => Err(FileError::Write { name, source }),
    }
}

/// Refuses unless the target's user namespace is not ours and was created by `uid`.
fn check_user_namespace(proc_dir: &File, pid: i32, uid: u32) -> Result<(), Refusal> {
    let fail = |what, path: String| move |source| Refusal::Namespace { what, path, source };
    // ns/user is a magic link into nsfs, so it is opened without O_NOFOLLOW; it is the
    // kernel's own entry in the directory we hold, not a path anyone else controls.
    let ns = sys::open_at(proc_dir, "ns/user", libc::O_RDONLY)
        .map_err(fail("open", format!("/proc/{pid}/ns/user")))?;
    let own = std::fs::metadata("/proc/self/ns/user")
        .map_err(fail("stat", "/proc/self/ns/user".to_string()))?;
    let target = ns
        .metadata()
        .map_err(fail("stat", format!("/proc/{pid}/ns/user")))?;
    if (own.dev(), own.ino()) == (target.dev(), target.ino()) {
        return Err(Refusal::SameNamespace { pid });
    }
    let owner =
        sys::namespace_owner(&ns).map_err(|source| Refusal::NamespaceOwner { pid, source })?;
    if owner != uid {
        return Err(Refusal::ForeignNamespace { pid, owner, uid });
    }
    Ok(())
}

/// The caller's real uid and gid.
fn real_ids() -> (u32, u32) {
    sys::real_ids()
}

/// Sets no_new_privs, clears ambient and inheritable capabilities, drops the bounding set to
/// CAP_SETUID/CAP_SETGID when allowed, and keeps only those two in the permitted and effective
/// sets. Returns whether both are held.
fn drop_privileges() -> Result<bool, Refusal> {
    let caps = |what| move |source| Refusal::Capabilities { what, source };
    sys::set_no_new_privs().map_err(caps("set no_new_privs"))?;
    // The bounding set limits what a later execve could gain. Changing it needs CAP_SETPCAP,
    // which the file capabilities do not grant (then EPERM is ignored: this program never
    // calls execve and no_new_privs is set), but root running it has it. EINVAL ends the loop
    // at the first capability number the kernel does not know.
    for cap in 0..64 {
        if cap == CAP_SETUID || cap == CAP_SETGID {
            continue;
        }
        if let Err(e) = sys::drop_from_bounding_set(cap) {
            if e.raw_os_error() == Some(libc::EINVAL) {
                break;
            }
        }
    }
    // Ambient capabilities would survive an execve; clearing them needs no privilege. Old
    // kernels without ambient sets say EINVAL: nothing to clear there.
    let _ = sys::clear_ambient();

    let data = sys::capget().map_err(caps("read capabilities"))?;
    let keep = data[0].permitted & KEEP_CAPS;
    let new = [
        sys::CapData {
            effective: keep,
            permitted: keep,
            inheritable: 0,
        },
        sys::CapData::default(),
    ];
    // Lowering the permitted set to a subset of itself is always allowed.
    sys::capset(&new).map_err(caps("drop capabilities"))?;
    Ok(keep == KEEP_CAPS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn r(inside: u32, outside: u32, count: u32) -> Range {
        Range {
            inside,
            outside,
            count,
        }
    }

    #[test]
    fn parses_pid_and_both_sections() {
        let req = parse_args(&args("42 uid 0 1000 1 1 100000 65536 gid 0 1000 1")).unwrap();
        assert_eq!(req.target, Target::Pid(42));
        assert_eq!(req.uids, vec![r(0, 1000, 1), r(1, 100000, 65536)]);
        assert_eq!(req.gids, vec![r(0, 1000, 1)]);
        assert!(!req.wait);
        let check = parse_args(&args("--check uid 0 1000 1 gid 0 1000 1")).unwrap();
        assert_eq!(check.target, Target::Check);
        let waits = parse_args(&args("--wait 42 uid 0 1000 1 gid 0 1000 1")).unwrap();
        assert!(waits.wait && waits.target == Target::Pid(42));
        assert!(parse_args(&args("--wait --check uid 0 1000 1 gid 0 1000 1")).is_err());
        assert!(parse_args(&args("--wait")).is_err());
    }

    #[test]
    fn refuses_malformed_arguments() {
        for bad in [
            "",
            "42",
            "42 uid 0 1000 1",
            "42 gid 0 1000 1 uid 0 1000 1",
            "42 uid gid 0 1000 1",
            "42 uid 0 1000 gid 0 1000 1",
            "42 uid 0 1000 1 gid",
            "0 uid 0 1000 1 gid 0 1000 1",
            "-1 uid 0 1000 1 gid 0 1000 1",
            "2147483648 uid 0 1000 1 gid 0 1000 1",
            "42 uid +0 1000 1 gid 0 1000 1",
            "42 uid 0 1000 4294967296 gid 0 1000 1",
            "42 uid 0 0x10 1 gid 0 1000 1",
        ] {
            assert!(parse_args(&args(bad)).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn subordinate_ranges_match_name_or_uid() {
        let text = "# comment\n\nalice:100000:65536\nbob:200000:65536\n1000:300000:10\n\
                    alice:400000:5\n alice:500000:1 \nalice:bad:1\nalice:1:2:3\nalice:7:0\n";
        assert_eq!(
            subordinate_ranges(text, "alice", 1000),
            vec![(100000, 65536), (300000, 10), (400000, 5), (500000, 1)]
        );
        assert_eq!(subordinate_ranges(text, "bob", 1001), vec![(200000, 65536)]);
        assert_eq!(subordinate_ranges(text, "", 1000), vec![(300000, 10)]);
        assert!(subordinate_ranges(text, "carol", 5).is_empty());
    }

    #[test]
    fn user_name_comes_from_passwd_by_uid() {
        let passwd = "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/a:/bin/sh\n";
        assert_eq!(user_name(passwd, 1000).as_deref(), Some("alice"));
        assert_eq!(user_name(passwd, 0).as_deref(), Some("root"));
        assert_eq!(user_name(passwd, 5), None);
    }

    const SUB: &[(u32, u32)] = &[(100000, 65536)];

    fn check(ranges: &[Range]) -> Result<(), Refusal> {
        validate(ranges, 1000, SUB, "uid", "/etc/subuid", "alice")
    }

    #[test]
    fn accepts_self_map_and_subordinate_ranges() {
        check(&[r(0, 1000, 1), r(1, 100000, 65536)]).unwrap();
        check(&[r(0, 1000, 1)]).unwrap();
        check(&[r(5, 100010, 10), r(0, 165535, 1)]).unwrap();
    }

    #[test]
    fn refuses_ranges_outside_the_grant() {
        assert!(check(&[r(0, 1000, 2)]).is_err());
        assert!(check(&[r(0, 1001, 1)]).is_err());
        assert!(check(&[r(0, 100000, 65537)]).is_err());
        assert!(check(&[r(0, 99999, 2)]).is_err());
        assert!(check(&[r(0, 0, 1)]).is_err());
        assert!(validate(&[r(0, 100000, 1)], 1000, &[], "uid", "/etc/subuid", "a").is_err());
    }

    #[test]
    fn refuses_overflow_and_empty_ranges() {
        let sub = &[(0, u32::MAX)];
        assert!(validate(&[r(u32::MAX, 1, 1)], 7, sub, "uid", "f", "a").is_err());
        assert!(validate(&[r(1, u32::MAX - 1, 2)], 7, sub, "uid", "f", "a").is_err());
        assert!(validate(&[r(0, 1, 0)], 7, sub, "uid", "f", "a").is_err());
        assert!(!contains(u32::MAX, u32::MAX, 0, 1));
        assert!(contains(u32::MAX - 1, 1, u32::MAX - 1, 1));
    }

    #[test]
    fn refuses_overlap_inside_or_outside() {
        assert!(check(&[r(0, 100000, 10), r(5, 100100, 10)]).is_err());
        assert!(check(&[r(0, 100000, 10), r(100, 100009, 10)]).is_err());
        assert!(check(&[r(0, 1000, 1), r(0, 100000, 1)]).is_err());
        check(&[r(0, 100000, 10), r(10, 100010, 10)]).unwrap();
    }

    #[test]
    fn limits_line_count_and_text_size() {
        let many: Vec<Range> = (0..341).map(|i| r(i, 100000 + i, 1)).collect();
        assert!(check(&many).is_err());
        check(&many[..340]).unwrap();
        assert!(check(&[]).is_err());
        let small: Vec<Range> = (0..100).map(|i| r(i, 100000 + i, 1)).collect();
        assert!(render(&small, "uid").is_ok());
        let big: Vec<Range> = (0..340)
            .map(|i| r(4_000_000_000 + i, 4_000_000_000 + i, 1))
            .collect();
        assert!(render(&big, "uid").is_err());
        assert_eq!(render(&[r(0, 1000, 1)], "uid").unwrap(), "0 1000 1\n");
    }

    #[test]
    fn self_map_alone_is_not_subordinate() {
        assert!(!uses_subordinate(&[r(0, 1000, 1)], 1000));
        assert!(uses_subordinate(&[r(0, 1000, 1), r(1, 100000, 5)], 1000));
    }

    #[test]
    fn parses_proc_status() {
        let text = "Name:\tsleep\nTgid:\t42\nPid:\t42\nPPid:\t7\nUid:\t1000\t1000\t1000\t1000\n";
        assert_eq!(
            parse_status(text),
            Some(StatusInfo {
                tgid: 42,
                ppid: 7,
                uids: vec![1000; 4]
            })
        );
        assert_eq!(parse_status("Tgid:\t1\nPPid:\t0\nUid:\t1 2\n"), None);
    }
}
