//! `rcon stats`: live usage of running containers from their cgroup v2 leaves, with Podman's
//! columns (ID NAME CPU % MEM USAGE / LIMIT MEM % NET IO BLOCK IO PIDS CPU TIME AVG CPU %),
//! `--no-stream`, `--format` (json or a Go template) and `--interval`.
use super::format::{self, Format};
use super::Context;
use crate::container::record::{ContainerRecord, NetworkMode};
use crate::container::state::State;
use crate::container::{list, stop};
use crate::linux::cgroup::{self, stats};
use anyhow::{bail, Context as _};
use clap::Args;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

// `rcon stats`.
#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Show all containers (only running ones have figures)
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Print one reading and exit
    #[arg(long)]
    pub(crate) no_stream: bool,
    /// Output: json, or a Go template such as '{{.Name}} {{.CPUPerc}}'
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Seconds between readings
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5)]
    pub(crate) interval: u64,
    /// Use the latest created container
    #[arg(short, long)]
    pub(crate) latest: bool,
    /// Do not cut IDs
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// Containers (default: all running)
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

/// Podman's default table.
const DEFAULT: [(&str, &str); 10] = [
    ("ID", "{{.ID}}"),
    ("NAME", "{{.Name}}"),
    ("CPU %", "{{.CPUPerc}}"),
    ("MEM USAGE / LIMIT", "{{.MemUsage}}"),
    ("MEM %", "{{.MemPerc}}"),
    ("NET IO", "{{.NetIO}}"),
    ("BLOCK IO", "{{.BlockIO}}"),
    ("PIDS", "{{.PIDS}}"),
    ("CPU TIME", "{{.CPU}}"),
    ("AVG CPU %", "{{.AVGCPU}}"),
];

/// One container being watched.
struct Watched {
    record: ContainerRecord,
    state: State,
    leaf: PathBuf,
    /// The previous reading: CPU microseconds and when.
    last: (u64, Instant),
    /// Its start, for the first reading's CPU % and the average.
    started: Instant,
}

pub(super) fn stats(ctx: &Context, a: &StatsArgs) -> anyhow::Result<i32> {
    let fmt = Format::parse(a.format.as_deref())?;
    if a.interval == 0 {
        bail!("--interval 0: expected at least 1 second");
    }
    let mut targets = targets(ctx, a)?;
    if targets.is_empty() && !a.containers.is_empty() {
        bail!("no running container among {}", a.containers.join(", "));
    }
    let mut first = true;
    loop {
        let now = Instant::now();
        let mut rows = Vec::new();
        for w in &mut targets {
            let s = stats::read(&w.leaf);
            rows.push(row(w, &s, now, a.no_trunc));
            w.last = (s.cpu_usec, now);
        }
        if !a.no_stream && !matches!(fmt, Format::Json) {
            // Streaming redraws the screen as Podman does.
            if !first {
                print!("\x1b[2J\x1b[H");
            }
        }
        match &fmt {
            Format::Json => {
                let json: Vec<Value> = rows.iter().map(json_row).collect();
                let mut out = std::io::stdout().lock();
                serde_json::to_writer_pretty(&mut out, &json)?;
                writeln!(out)?;
            }
            _ => format::print_rows(&fmt, &rows, &DEFAULT)?,
        }
        std::io::stdout().flush()?;
        if a.no_stream {
            return Ok(0);
        }
        first = false;
        std::thread::sleep(Duration::from_secs(a.interval));
        targets.retain(|w| w.leaf.is_dir());
        if targets.is_empty() {
            return Ok(0);
        }
    }
}

/// The running containers to watch, with their leaves.
fn targets(ctx: &Context, a: &StatsArgs) -> anyhow::Result<Vec<Watched>> {
    let mut chosen: Vec<(ContainerRecord, State)> = Vec::new();
    if a.containers.is_empty() {
        let mut all = list::all(&ctx.paths)?;
        if a.latest {
            all.sort_by(|x, y| y.0.created.cmp(&x.0.created));
            all.truncate(1);
        }
        chosen.extend(all.into_iter().filter(|(_, st)| stop::is_running(st)));
    } else {
        for c in &a.containers {
            let r = list::find(&ctx.paths, c)?;
            let st = list::state_of(&ctx.paths, &r.id)?;
            if !stop::is_running(&st) {
                bail!(
                    "container {} is not running: stats need a running container",
                    r.name
                );
            }
            chosen.push((r, st));
        }
    }
    let mut out = Vec::new();
    for (record, state) in chosen {
        let Some(leaf) = cgroup::leaf_of(state.supervisor_pid) else {
            if a.containers.is_empty() {
                continue;
            }
            return Err(cgroup::CgroupError::NoCgroup {
                id: record.name.clone(),
                what: "stats",
            })
            .context("rcon stats");
        };
        let started = started_instant(&state.started_at);
        out.push(Watched {
            record,
            state,
            leaf,
            last: (0, started),
            started,
        });
    }
    Ok(out)
}

/// The instant the container started (from its RFC 3339 start time).
fn started_instant(started_at: &str) -> Instant {
    let secs_ago = crate::util::time::parse_rfc3339(started_at)
        .map(|t| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0);
            (now - t as f64).max(0.0)
        })
        .unwrap_or(0.0);
    Instant::now()
        .checked_sub(Duration::from_secs_f64(secs_ago))
        .unwrap_or_else(Instant::now)
}

/// The row a template sees, with Podman's field names.
fn row(w: &Watched, s: &stats::Sample, now: Instant, no_trunc: bool) -> Value {
    let since = now.duration_since(w.last.1).as_secs_f64();
    let cpu = percent(s.cpu_usec.saturating_sub(w.last.0), since);
    let avg = percent(s.cpu_usec, now.duration_since(w.started).as_secs_f64());
    let limit = s.mem_limit.unwrap_or_else(host_memory);
    let mem_perc = if limit > 0 {
        s.mem_usage as f64 * 100.0 / limit as f64
    } else {
        0.0
    };
    let (rx, tx) = match w.record.network {
        NetworkMode::Host => (0, 0),
        _ => net_bytes(w.state.init_pid),
    };
    let id = if no_trunc {
        w.record.id.clone()
    } else {
        w.record.id[..12].to_string()
    };
    json!({
        "ID": id,
        "Name": w.record.name,
        "CPUPerc": format!("{cpu:.2}%"),
        "CPUPercent": cpu,
        "AVGCPU": format!("{avg:.2}%"),
        "AvgCPU": avg,
        "MemUsage": format!("{} / {}", size(s.mem_usage), size(limit)),
        "MemUsageBytes": s.mem_usage,
        "MemLimit": limit,
        "MemPerc": format!("{mem_perc:.2}%"),
        "MemPercent": mem_perc,
        "NetIO": format!("{} / {}", size(rx), size(tx)),
        "NetInput": rx,
        "NetOutput": tx,
        "BlockIO": format!("{} / {}", size(s.block_read), size(s.block_write)),
        "BlockInput": s.block_read,
        "BlockOutput": s.block_write,
        "PIDS": s.pids,
        "PIDs": s.pids,
        "CPU": go_duration(s.cpu_usec),
        "CPUNano": s.cpu_usec * 1000,
        "UpTime": go_duration(now.duration_since(w.started).as_micros() as u64),
    })
}

/// `--format json`: Podman's keys.
fn json_row(r: &Value) -> Value {
    json!({
        "id": r["ID"],
        "name": r["Name"],
        "cpu_time": r["CPU"],
        "cpu_percent": r["CPUPerc"],
        "avg_cpu": r["AVGCPU"],
        "mem_usage": r["MemUsage"],
        "mem_usage_bytes": r["MemUsageBytes"],
        "mem_limit": r["MemLimit"],
        "mem_percent": r["MemPerc"],
        "net_io": r["NetIO"],
        "block_io": r["BlockIO"],
        "pids": r["PIDS"],
    })
}

fn percent(cpu_usec: u64, secs: f64) -> f64 {
    if secs <= 0.0 {
        return 0.0;
    }
    cpu_usec as f64 / 1e6 / secs * 100.0
}

/// Sizes as Podman's stats print them: decimal units, no space (`1.48MB`, `0B`).
fn size(bytes: u64) -> String {
    format::human_size(bytes).replace(' ', "")
}

/// Microseconds as Go prints a time.Duration (`1.5s`, `120ms`, `2m3.5s`).
fn go_duration(usec: u64) -> String {
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    match usec {
        0 => "0s".into(),
        u if u < 1000 => format!("{u}µs"),
        u if u < 1_000_000 => format!("{}ms", trim(format!("{:.3}", u as f64 / 1000.0))),
        u => {
            let secs = u as f64 / 1e6;
            let h = (secs / 3600.0).floor() as u64;
            let m = ((secs - h as f64 * 3600.0) / 60.0).floor() as u64;
            let s = secs - (h * 3600 + m * 60) as f64;
            let s = trim(format!("{s:.6}"));
            match (h, m) {
                (0, 0) => format!("{s}s"),
                (0, m) => format!("{m}m{s}s"),
                (h, m) => format!("{h}h{m}m{s}s"),
            }
        }
    }
}

/// MemTotal: the limit Podman shows for an unlimited container.
fn host_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| stats::keyed(&m.replace(':', "").replace(" kB", ""), "MemTotal"))
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// Received and sent bytes of the container's network namespace, without `lo`.
fn net_bytes(init_pid: i32) -> (u64, u64) {
    interfaces(init_pid)
        .iter()
        .filter(|(_, f)| f.len() >= 9)
        .fold((0, 0), |(r, t), (_, f)| (r + f[0], t + f[8]))
}

/// The counters of each interface of the container's network namespace but `lo`, in
/// `/proc/PID/net/dev`'s order (received bytes, packets, errs, drop, … then sent).
pub(crate) fn interfaces(init_pid: i32) -> Vec<(String, Vec<u64>)> {
    let text = std::fs::read_to_string(format!("/proc/{init_pid}/net/dev")).unwrap_or_default();
    text.lines()
        .skip(2)
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.trim() != "lo")
        .map(|(name, rest)| {
            let f = rest
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (name.trim().to_string(), f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_go_does() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(250), "250µs");
        assert_eq!(go_duration(120_000), "120ms");
        assert_eq!(go_duration(1_500_000), "1.5s");
        assert_eq!(go_duration(123_500_000), "2m3.5s");
        assert_eq!(go_duration(3_723_000_000), "1h2m3s");
    }

    #[test]
    fn cpu_percent_is_cpu_time_over_wall_time() {
        assert_eq!(percent(500_000, 1.0), 50.0);
        assert_eq!(percent(2_000_000, 1.0), 200.0);
        assert_eq!(percent(1, 0.0), 0.0);
    }

    #[test]
    fn sizes_have_no_space() {
        assert_eq!(size(0), "0B");
        assert_eq!(size(67_108_864), "67.1MB");
    }
}
