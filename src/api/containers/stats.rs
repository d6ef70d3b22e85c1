//! top and stats, in Docker's shapes.
//!
//! `top` is `rcon top`'s table (its own columns, or with ps(1) options `rcon top` run as a
//! child, whose ps runs inside the container). `stats` reads the container's cgroup v2 leaf
//! as `rcon stats` does, and the host's CPU time for Docker's `system_cpu_usage`.
use crate::api::exec::{not_running, rcon_command, rcon_find, state_of};
use crate::api::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::Context;
use crate::container::record::ContainerRecord;
use crate::container::stop;
use crate::linux::cgroup::{self, stats as cgstats};
use hyper::http::StatusCode;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// `GET /containers/{id}/top?ps_args=`: `{Titles, Processes}`.
pub(super) fn top(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let st = state_of(ctx, &record)?;
    if !stop::is_running(&st) {
        return Err(not_running(&record));
    }
    let asked: Vec<String> = req
        .q("ps_args")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let rows = match crate::cli::top::table(ctx, &record.id, &asked) {
        Ok(Some(rows)) => rows,
        Ok(None) => ps_rows(ctx, &record, &asked)?,
        Err(e) => return Err(ApiError::from_anyhow(&e)),
    };
    let mut rows = rows.into_iter();
    let titles = rows.next().unwrap_or_default();
    let processes: Vec<Vec<String>> = rows.collect();
    Reply::ok(json!({ "Titles": titles, "Processes": processes }))
}

/// `rcon top ID ARGS…` (ps(1) in the container), its text split into columns: as many as the
/// header has, the last taking the rest of the line.
fn ps_rows(
    ctx: &Context,
    record: &ContainerRecord,
    asked: &[String],
) -> Result<Vec<Vec<String>>, ApiError> {
    let out = rcon_command(ctx)
        .arg("top")
        .arg(&record.id)
        .args(asked)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| ApiError::internal(format!("cannot run rcon top: {e}")))?;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr);
        let line = text
            .lines()
            .last()
            .unwrap_or("ps failed")
            .trim_start_matches("Error: ");
        return Err(ApiError::internal(line.to_string()));
    }
    Ok(split_table(&String::from_utf8_lossy(&out.stdout)))
}

fn split_table(text: &str) -> Vec<Vec<String>> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(head) = lines.next() else {
        return Vec::new();
    };
    let titles: Vec<String> = head.split_whitespace().map(str::to_string).collect();
    let n = titles.len().max(1);
    let mut rows = vec![titles];
    for l in lines {
        let mut cells = Vec::with_capacity(n);
        let mut rest = l.trim_start();
        for _ in 0..n - 1 {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            cells.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
        cells.push(rest.to_string());
        rows.push(cells);
    }
    rows
}

/// `GET /containers/{id}/stats?stream=&one-shot=`: one object, or one a second while the
/// client reads.
pub(super) fn stats(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let stream = req.q_bool("stream", true)?;
    let one_shot = req.q_bool("one-shot", false)?;
    let st = state_of(ctx, &record)?;
    let running = stop::is_running(&st);
    let leaf = if running {
        cgroup::leaf_of(st.supervisor_pid)
    } else {
        None
    };
    let init_pid = if running { st.init_pid } else { 0 };
    if !stream {
        let mut pre = Reading::take(leaf.as_deref(), init_pid, running);
        if !one_shot && running {
            // Docker's precpu: a reading shortly before, so a CPU % can be worked out.
            std::thread::sleep(Duration::from_millis(250));
        } else {
            pre = Reading::empty();
        }
        let now = Reading::take(leaf.as_deref(), init_pid, running);
        return Reply::ok(now.json(&pre, &record));
    }
    let paths = ctx.paths.clone();
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/json",
        Box::new(move |sink| {
            let mut pre = Reading::empty();
            loop {
                let st = crate::container::list::state_of(&paths, &record.id);
                let running = st.as_ref().is_ok_and(stop::is_running);
                let (leaf, init_pid) = match (&st, running) {
                    (Ok(s), true) => (cgroup::leaf_of(s.supervisor_pid), s.init_pid),
                    _ => (None, 0),
                };
                let now = Reading::take(leaf.as_deref(), init_pid, running);
                let mut line = serde_json::to_vec(&now.json(&pre, &record))?;
                line.push(b'\n');
                sink.write_all(&line)?;
                if st.is_err() {
                    return Ok(());
                }
                pre = now;
                std::thread::sleep(Duration::from_secs(1));
            }
        }),
    ))
}

/// One reading of a container's usage.
struct Reading {
    /// RFC 3339; the zero time when none was taken.
    read: String,
    sample: cgstats::Sample,
    user_usec: u64,
    system_usec: u64,
    /// The host's CPU time, all CPUs, in nanoseconds.
    system_ns: u64,
    online_cpus: u64,
    memory_stat: Map<String, Value>,
    networks: Map<String, Value>,
    running: bool,
}

impl Reading {
    fn empty() -> Reading {
        Reading {
            read: "0001-01-01T00:00:00Z".into(),
            sample: cgstats::Sample::default(),
            user_usec: 0,
            system_usec: 0,
            system_ns: 0,
            online_cpus: 0,
            memory_stat: Map::new(),
            networks: Map::new(),
            running: false,
        }
    }

    fn take(leaf: Option<&Path>, init_pid: i32, running: bool) -> Reading {
        let mut r = Reading::empty();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        r.read = crate::util::time::rfc3339_nano(now.as_secs() as i64, now.subsec_nanos());
        r.running = running;
        r.online_cpus = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
        r.system_ns = host_cpu_ns();
        if !running {
            return r;
        }
        if let Some(leaf) = leaf {
            r.sample = cgstats::read(leaf);
            let cpu = std::fs::read_to_string(leaf.join("cpu.stat")).unwrap_or_default();
            r.user_usec = cgstats::keyed(&cpu, "user_usec").unwrap_or(0);
            r.system_usec = cgstats::keyed(&cpu, "system_usec").unwrap_or(0);
            let mem = std::fs::read_to_string(leaf.join("memory.stat")).unwrap_or_default();
            for l in mem.lines() {
                if let Some((k, v)) = l.split_once(' ') {
                    if let Ok(v) = v.trim().parse::<u64>() {
                        r.memory_stat.insert(k.to_string(), json!(v));
                    }
                }
            }
            if r.sample.mem_limit.is_none() {
                r.sample.mem_limit = Some(host_memory());
            }
        }
        if init_pid > 0 {
            r.networks = networks(init_pid);
        }
        r
    }

    fn cpu_json(&self) -> Value {
        json!({
            "cpu_usage": {
                "total_usage": self.sample.cpu_usec * 1000,
                "percpu_usage": [],
                "usage_in_kernelmode": self.system_usec * 1000,
                "usage_in_usermode": self.user_usec * 1000,
            },
            "system_cpu_usage": self.system_ns,
            "online_cpus": self.online_cpus,
            "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
        })
    }

    /// Docker's `StatsJSON`, this reading against `pre`.
    fn json(&self, pre: &Reading, record: &ContainerRecord) -> Value {
        let s = &self.sample;
        let blkio = if self.running {
            json!([
                {"major": 0, "minor": 0, "op": "read", "value": s.block_read},
                {"major": 0, "minor": 0, "op": "write", "value": s.block_write},
            ])
        } else {
            Value::Null
        };
        let mut v = json!({
            "read": self.read,
            "preread": pre.read,
            "pids_stats": {"current": s.pids},
            "blkio_stats": {
                "io_service_bytes_recursive": blkio,
                "io_serviced_recursive": null,
                "io_queue_recursive": null,
                "io_service_time_recursive": null,
                "io_wait_time_recursive": null,
                "io_merged_recursive": null,
                "io_time_recursive": null,
                "sectors_recursive": null,
            },
            "num_procs": 0,
            "storage_stats": {},
            "cpu_stats": self.cpu_json(),
            "precpu_stats": pre.cpu_json(),
            "memory_stats": if self.running {
                json!({
                    "usage": s.mem_usage,
                    "limit": s.mem_limit.unwrap_or(0),
                    "stats": self.memory_stat,
                })
            } else {
                json!({})
            },
            "name": format!("/{}", record.name),
            "id": record.id,
        });
        if self.running {
            v["networks"] = Value::Object(self.networks.clone());
        }
        v
    }
}

/// The first line of /proc/stat (jiffies of every CPU) in nanoseconds, as Docker's
/// `system_cpu_usage`.
fn host_cpu_ns() -> u64 {
    let text = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let jiffies: u64 = text
        .lines()
        .find(|l| l.starts_with("cpu "))
        .map(|l| {
            l.split_whitespace()
                .skip(1)
                .take(8)
                .filter_map(|x| x.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    // USER_HZ is 100 on Linux.
    jiffies * 10_000_000
}

/// MemTotal: the limit of an unlimited container.
fn host_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// The container's interfaces but `lo`, in Docker's `networks` shape.
fn networks(init_pid: i32) -> Map<String, Value> {
    crate::cli::stats::interfaces(init_pid)
        .into_iter()
        .filter(|(_, f)| f.len() >= 12)
        .map(|(name, f)| {
            let v = json!({
                "rx_bytes": f[0], "rx_packets": f[1], "rx_errors": f[2], "rx_dropped": f[3],
                "tx_bytes": f[8], "tx_packets": f[9], "tx_errors": f[10], "tx_dropped": f[11],
            });
            (name, v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ps_text_splits_into_titles_and_rows_with_the_command_whole() {
        let rows = split_table("PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 100\n");
        assert_eq!(rows[0], ["PID", "USER", "TIME", "COMMAND"]);
        assert_eq!(rows[1], ["1", "root", "0:00", "sleep 100"]);
    }
}
