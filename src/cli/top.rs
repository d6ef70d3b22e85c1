//! `rcon top`: the processes of a running container, with Podman's columns (USER PID PPID %CPU
//! ELAPSED TTY TIME COMMAND by default) and its ps-style descriptors.
//!
//! The processes are those in the container's cgroup leaf where it has one (cgroup v2; `exec`
//! places its commands there too), else those in its PID namespace (`/proc/PID/ns/pid` equal to its first process's), read from the
//! host's /proc, which the user may read as the owner of the
//! container's user namespace. Pids are shown as the container sees them (the last `NSpid`),
//! users and groups as its own /etc/passwd and /etc/group name them (read through
//! `/proc/<first>/root` without leaving it), ids mapped back through its uid_map. Descriptors
//! rcon does not know, or ps(1) options, run `ps` inside the container as Podman does.
use super::exec::{self, ExecArgs};
use super::Context;
use crate::linux::nsenter::{self, Init};
use crate::linux::{caps, user};
use clap::Args;
use std::collections::HashMap;
use std::fs;
use std::os::fd::AsFd;

// `rcon top`.
#[derive(Debug, Args)]
pub(crate) struct TopArgs {
    /// Container name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
    /// Columns: user, pid, ppid, pcpu, etime, tty, time, args, comm, group, ruser, rgroup,
    /// nice, pgid, vsz, rss, state, hpid, huser, hgroup, capeff, capbnd, capprm, capinh,
    /// capamb, seccomp (or AIX codes such as %U %p); anything else runs ps(1) in the container
    #[arg(
        value_name = "DESCRIPTORS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) descriptors: Vec<String>,
}

/// Podman's default columns.
const DEFAULT: [&str; 8] = [
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

/// The descriptors and their headers, as psgo names them.
const HEADERS: [(&str, &str); 26] = [
    ("args", "COMMAND"),
    ("capamb", "AMBIENT CAPS"),
    ("capbnd", "BOUNDING CAPS"),
    ("capeff", "EFFECTIVE CAPS"),
    ("capinh", "INHERITED CAPS"),
    ("capprm", "PERMITTED CAPS"),
    ("comm", "COMMAND"),
    ("etime", "ELAPSED"),
    ("group", "GROUP"),
    ("hgroup", "HGROUP"),
    ("hpid", "HPID"),
    ("huser", "HUSER"),
    ("nice", "NI"),
    ("pcpu", "%CPU"),
    ("pgid", "PGID"),
    ("pid", "PID"),
    ("ppid", "PPID"),
    ("rgroup", "RGROUP"),
    ("rss", "RSS"),
    ("ruser", "RUSER"),
    ("seccomp", "SECCOMP"),
    ("state", "STATE"),
    ("time", "TIME"),
    ("tty", "TTY"),
    ("user", "USER"),
    ("vsz", "VSZ"),
];

/// AIX format codes and the descriptors they stand for.
const AIX: [(&str, &str); 14] = [
    ("%C", "pcpu"),
    ("%G", "group"),
    ("%P", "ppid"),
    ("%U", "user"),
    ("%a", "args"),
    ("%c", "comm"),
    ("%g", "rgroup"),
    ("%n", "nice"),
    ("%p", "pid"),
    ("%r", "pgid"),
    ("%t", "etime"),
    ("%u", "ruser"),
    ("%x", "time"),
    ("%y", "tty"),
];

pub(super) fn top(ctx: &Context, a: &TopArgs) -> anyhow::Result<i32> {
    let Some(columns) = descriptors(&a.descriptors) else {
        // Not ours: ps(1) inside the container answers, as with Podman.
        let mut command = vec!["ps".to_string()];
        command.extend(a.descriptors.iter().cloned());
        return exec::exec(ctx, &ps_exec_args(&a.container, command));
    };
    let mut rows = vec![columns
        .iter()
        .map(|c| header(c).to_string())
        .collect::<Vec<_>>()];
    rows.extend(process_rows(ctx, &a.container, &columns)?);
    for line in super::format::align(&rows) {
        println!("{line}");
    }
    Ok(0)
}

/// The header and one row per process of `container` (the API's `top`); `None` when `asked`
/// is not rcon's own descriptors but ps(1) options.
pub(crate) fn table(
    ctx: &Context,
    container: &str,
    asked: &[String],
) -> anyhow::Result<Option<Vec<Vec<String>>>> {
    let Some(columns) = descriptors(asked) else {
        return Ok(None);
    };
    let mut rows = vec![columns
        .iter()
        .map(|c| header(c).to_string())
        .collect::<Vec<_>>()];
    rows.extend(process_rows(ctx, container, &columns)?);
    Ok(Some(rows))
}

/// `pod top`: the processes of every container in `containers`, under one header.
pub(super) fn top_many(
    ctx: &Context,
    containers: &[String],
    asked: &[String],
) -> anyhow::Result<i32> {
    let Some(columns) = descriptors(asked) else {
        anyhow::bail!(
            "pod top takes rcon's own descriptors only (user, pid, args …), not ps(1) options"
        );
    };
    let mut rows = vec![columns
        .iter()
        .map(|c| header(c).to_string())
        .collect::<Vec<_>>()];
    for c in containers {
        rows.extend(process_rows(ctx, c, &columns)?);
    }
    for line in super::format::align(&rows) {
        println!("{line}");
    }
    Ok(0)
}

/// One row per process of `container`, in `columns`.
fn process_rows(
    ctx: &Context,
    container: &str,
    columns: &[String],
) -> anyhow::Result<Vec<Vec<String>>> {
    let running = exec::find_running(ctx, container)?;
    let pids = match crate::linux::cgroup::leaf_of(running.supervisor_pid) {
        // Not rcon's own exec relays, which wait in the leaf from the host's PID namespace.
        Some(leaf) => {
            let ns = running.init.ns_inode(nsenter::Namespace::Pid)?;
            let mut pids = crate::linux::cgroup::pids(&leaf);
            pids.retain(|&p| nsenter::ns_inode(p, nsenter::Namespace::Pid).ok() == Some(ns));
            pids
        }
        None => running.init.pids()?,
    };
    let view = View::read(&running.init, pids)?;
    Ok(view
        .procs
        .iter()
        .map(|p| columns.iter().map(|c| view.cell(p, c)).collect())
        .collect())
}

fn ps_exec_args(container: &str, command: Vec<String>) -> ExecArgs {
    ExecArgs {
        detach: false,
        detach_keys: String::new(),
        env: Vec::new(),
        env_file: Vec::new(),
        interactive: false,
        preserve_fds: 0,
        privileged: false,
        tty: false,
        user: None,
        workdir: None,
        container: container.to_string(),
        command,
    }
}

/// The columns asked for (split at commas and spaces, AIX codes translated); `None` when one
/// is not rcon's, or is a ps option.
fn descriptors(args: &[String]) -> Option<Vec<String>> {
    let words: Vec<&str> = args
        .iter()
        .flat_map(|a| a.split([',', ' ']))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Some(DEFAULT.iter().map(|s| s.to_string()).collect());
    }
    words
        .into_iter()
        .map(|w| {
            let w = AIX.iter().find(|(k, _)| *k == w).map_or(w, |(_, d)| d);
            HEADERS.iter().any(|(d, _)| *d == w).then(|| w.to_string())
        })
        .collect()
}

fn header(descriptor: &str) -> &'static str {
    HEADERS
        .iter()
        .find(|(d, _)| *d == descriptor)
        .map_or("?", |(_, h)| h)
}

/// One process, as read from /proc.
#[derive(Debug, Default)]
struct Proc {
    host_pid: i32,
    pid: i32,
    ppid: i32,
    pgid: i32,
    /// Real, effective (host ids).
    uids: [u32; 2],
    gids: [u32; 2],
    state: String,
    comm: String,
    args: String,
    tty_nr: u64,
    nice: i64,
    /// utime + stime, in clock ticks.
    cpu_ticks: u64,
    start_ticks: u64,
    vsz_kib: u64,
    rss_kib: u64,
    caps: HashMap<&'static str, u64>,
    seccomp: String,
}

/// The container's processes and what names them.
struct View {
    procs: Vec<Proc>,
    uid_map: Vec<(u32, u32, u32)>,
    gid_map: Vec<(u32, u32, u32)>,
    users: HashMap<u32, String>,
    groups: HashMap<u32, String>,
    host_users: HashMap<u32, String>,
    host_groups: HashMap<u32, String>,
    ticks: u64,
    /// Nanoseconds since boot (CLOCK_BOOTTIME, as process start times count).
    now_ns: u128,
}

impl View {
    fn read(init: &Init, pids: Vec<i32>) -> anyhow::Result<View> {
        let mut procs: Vec<Proc> = pids.into_iter().filter_map(read_proc).collect();
        let ns_pid: HashMap<i32, i32> = procs.iter().map(|p| (p.host_pid, p.pid)).collect();
        for p in &mut procs {
            p.ppid = ns_pid.get(&p.ppid).copied().unwrap_or(0);
        }
        procs.sort_by_key(|p| p.pid);
        let root = init.root()?;
        let text = |path: &str| {
            nsenter::read_in_root(root.as_fd(), path, 4 << 20)
                .map(|d| String::from_utf8_lossy(&d).into_owned())
                .unwrap_or_default()
        };
        let host = |path: &str| fs::read_to_string(path).unwrap_or_default();
        let map = |file: &str| {
            parse_id_map(
                &fs::read_to_string(format!("/proc/{}/{file}", init.pid())).unwrap_or_default(),
            )
        };
        Ok(View {
            procs,
            uid_map: map("uid_map"),
            gid_map: map("gid_map"),
            users: user_names(&text("/etc/passwd")),
            groups: group_names(&text("/etc/group")),
            host_users: user_names(&host("/etc/passwd")),
            host_groups: group_names(&host("/etc/group")),
            ticks: nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
                .ok()
                .flatten()
                .filter(|t| *t > 0)
                .unwrap_or(100) as u64,
            now_ns: crate::sys::clock::boottime_ns()?,
        })
    }

    fn name(&self, host_id: u32, map: &[(u32, u32, u32)], names: &HashMap<u32, String>) -> String {
        let inside = to_inside(map, host_id);
        names
            .get(&inside)
            .cloned()
            .unwrap_or_else(|| inside.to_string())
    }

    fn cell(&self, p: &Proc, descriptor: &str) -> String {
        let ns_per_tick = 1_000_000_000u128 / self.ticks as u128;
        let cpu_ns = p.cpu_ticks as u128 * ns_per_tick;
        let elapsed_ns = self
            .now_ns
            .saturating_sub(p.start_ticks as u128 * ns_per_tick);
        match descriptor {
            "user" => self.name(p.uids[1], &self.uid_map, &self.users),
            "ruser" => self.name(p.uids[0], &self.uid_map, &self.users),
            "group" => self.name(p.gids[1], &self.gid_map, &self.groups),
            "rgroup" => self.name(p.gids[0], &self.gid_map, &self.groups),
            "huser" => host_name(p.uids[1], &self.host_users),
            "hgroup" => host_name(p.gids[1], &self.host_groups),
            "pid" => p.pid.to_string(),
            "hpid" => p.host_pid.to_string(),
            "ppid" => p.ppid.to_string(),
            "pgid" => p.pgid.to_string(),
            "pcpu" => {
                let pct = if elapsed_ns == 0 {
                    0.0
                } else {
                    cpu_ns as f64 / elapsed_ns as f64 * 100.0
                };
                format!("{pct:.3}")
            }
            "etime" => go_duration(elapsed_ns),
            "time" => go_duration(cpu_ns),
            "tty" => tty_name(p.tty_nr),
            "args" => {
                if p.args.is_empty() {
                    format!("[{}]", p.comm)
                } else {
                    p.args.clone()
                }
            }
            "comm" => p.comm.clone(),
            "nice" => p.nice.to_string(),
            "vsz" => p.vsz_kib.to_string(),
            "rss" => p.rss_kib.to_string(),
            "state" => p.state.clone(),
            "seccomp" => p.seccomp.clone(),
            caps if caps.starts_with("cap") => cap_list(p.caps.get(caps).copied().unwrap_or(0)),
            _ => "?".into(),
        }
    }
}

/// Reads one process; `None` when it ended meanwhile.
fn read_proc(host_pid: i32) -> Option<Proc> {
    let status = fs::read_to_string(format!("/proc/{host_pid}/status")).ok()?;
    let stat = fs::read_to_string(format!("/proc/{host_pid}/stat")).ok()?;
    let cmdline = fs::read(format!("/proc/{host_pid}/cmdline")).unwrap_or_default();
    let mut p = parse_stat(&stat)?;
    p.host_pid = host_pid;
    let field = |name: &str| {
        status.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k == name).then(|| v.trim().to_string())
        })
    };
    let last = |name: &str| -> Option<i32> { field(name)?.split_whitespace().last()?.parse().ok() };
    p.pid = last("NSpid").unwrap_or(host_pid);
    p.pgid = last("NSpgid").unwrap_or(p.pgid);
    let ids = |name: &str| -> [u32; 2] {
        let v: Vec<u32> = field(name)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        [
            v.first().copied().unwrap_or(0),
            v.get(1).copied().unwrap_or(0),
        ]
    };
    p.uids = ids("Uid");
    p.gids = ids("Gid");
    for (desc, name) in [
        ("capinh", "CapInh"),
        ("capprm", "CapPrm"),
        ("capeff", "CapEff"),
        ("capbnd", "CapBnd"),
        ("capamb", "CapAmb"),
    ] {
        let mask = field(name).and_then(|v| u64::from_str_radix(&v, 16).ok());
        p.caps.insert(desc, mask.unwrap_or(0));
    }
    p.seccomp = match field("Seccomp").as_deref() {
        Some("1") => "strict",
        Some("2") => "filter",
        _ => "disabled",
    }
    .into();
    p.args = cmdline
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Some(p)
}

/// The fields of /proc/PID/stat that `top` shows; ppid and pgid are host pids here.
fn parse_stat(stat: &str) -> Option<Proc> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let comm = stat.get(open + 1..close)?.to_string();
    // Fields from 3 (state) on; index i here is field i + 3.
    let f: Vec<&str> = stat.get(close + 2..)?.split(' ').collect();
    let num = |i: usize| -> u64 { f.get(i).and_then(|v| v.parse().ok()).unwrap_or(0) };
    let page_kib = 4; // x86_64 and aarch64 with 4 KiB pages
    Some(Proc {
        state: f.first()?.to_string(),
        ppid: num(1) as i32,
        pgid: num(2) as i32,
        tty_nr: num(4),
        cpu_ticks: num(11) + num(12),
        nice: f.get(16).and_then(|v| v.parse().ok()).unwrap_or(0),
        start_ticks: num(19),
        vsz_kib: num(20) / 1024,
        rss_kib: num(21) * page_kib,
        comm,
        ..Proc::default()
    })
}

/// uid_map/gid_map lines: inside, outside, count.
fn parse_id_map(text: &str) -> Vec<(u32, u32, u32)> {
    text.lines()
        .filter_map(|l| {
            let v: Vec<u32> = l
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (v.len() == 3).then(|| (v[0], v[1], v[2]))
        })
        .collect()
}

/// A host id as the container sees it; 65534 (the overflow id) when it is not mapped.
fn to_inside(map: &[(u32, u32, u32)], host: u32) -> u32 {
    map.iter()
        .find(|(_, out, count)| host >= *out && host - out < *count)
        .map_or(65534, |(inside, out, _)| inside + (host - out))
}

fn user_names(passwd: &str) -> HashMap<u32, String> {
    let mut m = HashMap::new();
    for e in user::parse_passwd(passwd) {
        m.entry(e.uid).or_insert(e.name);
    }
    m
}

fn group_names(group: &str) -> HashMap<u32, String> {
    let mut m = HashMap::new();
    for e in user::parse_group(group) {
        m.entry(e.gid).or_insert(e.name);
    }
    m
}

fn host_name(id: u32, names: &HashMap<u32, String>) -> String {
    names.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

/// The terminal of a tty_nr as ps names it: `pts/N`, `ttyN`, `ttySN`, or `?`.
fn tty_name(tty_nr: u64) -> String {
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    match major {
        0 => "?".into(),
        136..=143 => format!("pts/{}", minor + (major - 136) * 256),
        4 if minor < 64 => format!("tty{minor}"),
        4 => format!("ttyS{}", minor - 64),
        _ => format!("{major}:{minor}"),
    }
}

/// A capability mask as psgo prints it: `full`, `none`, or the names.
fn cap_list(mask: u64) -> String {
    let all = crate::runtime::exec_plan::all_caps();
    if mask & all == all {
        return "full".into();
    }
    if mask == 0 {
        return "none".into();
    }
    caps::NAMES
        .iter()
        .enumerate()
        .filter(|(n, _)| mask & (1 << n) != 0)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(",")
}

/// A duration as Go's `time.Duration.String` writes it (`1h2m3.5s`, `5.535147167s`, `10ms`).
fn go_duration(ns: u128) -> String {
    fn frac(v: u128, digits: u32) -> String {
        let p = 10u128.pow(digits);
        let (int, f) = (v / p, v % p);
        if f == 0 {
            return int.to_string();
        }
        let f = format!("{f:0width$}", width = digits as usize);
        format!("{int}.{}", f.trim_end_matches('0'))
    }
    if ns == 0 {
        return "0s".into();
    }
    if ns < 1_000 {
        return format!("{ns}ns");
    }
    if ns < 1_000_000 {
        return format!("{}µs", frac(ns, 3));
    }
    if ns < 1_000_000_000 {
        return format!("{}ms", frac(ns, 6));
    }
    let minutes = ns / 60_000_000_000;
    let secs = format!("{}s", frac(ns % 60_000_000_000, 9));
    match (minutes / 60, minutes % 60) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_gos() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(10_000_000), "10ms");
        assert_eq!(go_duration(1_500), "1.5µs");
        assert_eq!(go_duration(5_535_147_167), "5.535147167s");
        assert_eq!(go_duration(62_000_000_000), "1m2s");
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
    }

    #[test]
    fn descriptors_split_translate_and_refuse_strangers() {
        let d = |v: &[&str]| descriptors(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(d(&[]).unwrap(), DEFAULT.to_vec());
        assert_eq!(
            d(&["pid,user", "args"]).unwrap(),
            vec!["pid", "user", "args"]
        );
        assert_eq!(d(&["%p", "%U"]).unwrap(), vec!["pid", "user"]);
        assert_eq!(d(&["-eo", "pid"]), None);
        assert_eq!(d(&["nosuch"]), None);
    }

    #[test]
    fn stat_fields_survive_odd_command_names() {
        let stat = "4242 (a) b) S 4200 4242 4242 34816 4242 4194560 1 0 0 0 7 3 0 0 20 5 1 0 12345 8192000 300 x";
        let p = parse_stat(stat).unwrap();
        assert_eq!(p.comm, "a) b");
        assert_eq!((p.state.as_str(), p.ppid, p.pgid), ("S", 4200, 4242));
        assert_eq!(p.cpu_ticks, 10);
        assert_eq!(p.nice, 5);
        assert_eq!(p.start_ticks, 12345);
        assert_eq!(p.vsz_kib, 8000);
        assert_eq!(p.rss_kib, 1200);
        assert_eq!(tty_name(p.tty_nr), "pts/0");
    }

    #[test]
    fn host_ids_map_back_inside() {
        let map =
            parse_id_map("         0       1001          1\n         1     100000      65535\n");
        assert_eq!(to_inside(&map, 1001), 0);
        assert_eq!(to_inside(&map, 100999), 1000);
        assert_eq!(to_inside(&map, 5), 65534);
    }

    #[test]
    fn caps_print_as_psgo() {
        assert_eq!(cap_list(0), "none");
        assert_eq!(cap_list(crate::runtime::exec_plan::all_caps()), "full");
        assert_eq!(cap_list((1 << 0) | (1 << 5)), "CHOWN,KILL");
    }
}
