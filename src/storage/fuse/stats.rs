//! Request counts and server time per FUSE opcode, for profiling the overlay: with
//! `RCON_FUSE_STATS=FILE` in the supervisor's environment, the server appends one line per
//! opcode (`opcode count total_us`), its CPU time and its peak RSS to FILE when its mount
//! ends. Off (no hook) otherwise.
use fuse_backend_rs::abi::fuse_abi::{InHeader, Opcode, OutHeader};
use fuse_backend_rs::api::server::MetricsHook;
use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

const SLOTS: usize = 64;

/// Per-opcode counters shared by the serving threads.
pub(super) struct Stats {
    file: PathBuf,
    count: [AtomicU64; SLOTS],
    nanos: [AtomicU64; SLOTS],
}

thread_local! {
    static STARTED: Cell<Option<(u32, Instant)>> = const { Cell::new(None) };
}

impl Stats {
    /// The counters, when `RCON_FUSE_STATS` asks for them.
    pub fn from_env() -> Option<Stats> {
        let file = std::env::var_os("RCON_FUSE_STATS")?;
        Some(Stats {
            file: file.into(),
            count: std::array::from_fn(|_| AtomicU64::new(0)),
            nanos: std::array::from_fn(|_| AtomicU64::new(0)),
        })
    }

    /// Appends the counters to the file.
    pub fn write(&self) {
        let mut out = String::new();
        for op in 0..SLOTS {
            let n = self.count[op].load(Ordering::Relaxed);
            if n > 0 {
                let us = self.nanos[op].load(Ordering::Relaxed) / 1000;
                out.push_str(&format!("{:?} {n} {us}\n", Opcode::from(op as u32)));
            }
        }
        // utime and stime (fields 14 and 15, in clock ticks of 10 ms) and the peak RSS.
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let ticks: Vec<&str> = after.split_whitespace().skip(11).take(2).collect();
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let hwm = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .unwrap_or("");
        out.push_str(&format!("cpu_ticks {} {hwm}\n", ticks.join(" ")));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file);
        if let Ok(mut f) = file {
            let _ = f.write_all(out.as_bytes());
        }
    }
}

impl MetricsHook for Stats {
    fn collect(&self, ih: &InHeader) {
        STARTED.with(|s| s.set(Some((ih.opcode, Instant::now()))));
    }

    fn release(&self, _oh: Option<&OutHeader>) {
        if let Some((op, t0)) = STARTED.with(|s| s.take()) {
            let slot = (op as usize).min(SLOTS - 1);
            self.count[slot].fetch_add(1, Ordering::Relaxed);
            self.nanos[slot].fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    }
}
