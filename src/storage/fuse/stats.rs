//! Request counts and server time per FUSE opcode, for profiling the overlay: with
//! `RCON_FUSE_STATS=FILE` in the supervisor's environment, the server appends one line per
//! opcode (`opcode count total_us`), its CPU time and its peak RSS to FILE when its mount
//! ends. Off (no hook) otherwise. FILE and the server's /proc files are opened when the server
//! starts: it serves from an empty root (confine.rs), where no path leads to them.
use fuse_backend_rs::abi::fuse_abi::{InHeader, Opcode, OutHeader};
use fuse_backend_rs::api::server::MetricsHook;
use std::cell::Cell;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

const SLOTS: usize = 64;

/// Per-opcode counters shared by the serving threads.
pub(super) struct Stats {
    file: File,
    /// /proc/self/stat and /proc/self/status, read again at the end.
    proc_stat: Option<File>,
    proc_status: Option<File>,
    count: [AtomicU64; SLOTS],
    nanos: [AtomicU64; SLOTS],
}

thread_local! {
    static STARTED: Cell<Option<(u32, Instant)>> = const { Cell::new(None) };
}

impl Stats {
    /// The counters, when `RCON_FUSE_STATS` asks for them (and its file can be opened).
    pub(crate) fn from_env() -> Option<Stats> {
        let path = std::env::var_os("RCON_FUSE_STATS")?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()?;
        Some(Stats {
            file,
            proc_stat: File::open("/proc/self/stat").ok(),
            proc_status: File::open("/proc/self/status").ok(),
            count: std::array::from_fn(|_| AtomicU64::new(0)),
            nanos: std::array::from_fn(|_| AtomicU64::new(0)),
        })
    }

    /// Appends the counters to the file.
    pub(crate) fn write(&self) {
        let mut out = String::new();
        for op in 0..SLOTS {
            let n = self.count[op].load(Ordering::Relaxed);
            if n > 0 {
                let us = self.nanos[op].load(Ordering::Relaxed) / 1000;
                out.push_str(&format!("{:?} {n} {us}\n", Opcode::from(op as u32)));
            }
        }
        // utime and stime (fields 14 and 15, in clock ticks of 10 ms) and the peak RSS.
        let stat = read_all(self.proc_stat.as_ref());
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let ticks: Vec<&str> = after.split_whitespace().skip(11).take(2).collect();
        let status = read_all(self.proc_status.as_ref());
        let hwm = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .unwrap_or("");
        out.push_str(&format!("cpu_ticks {} {hwm}\n", ticks.join(" ")));
        let _ = (&self.file).write_all(out.as_bytes());
    }
}

/// The whole of a /proc file opened earlier (the kernel makes its text anew at offset 0).
fn read_all(file: Option<&File>) -> String {
    let Some(file) = file else {
        return String::new();
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = file.read_at(&mut buf, out.len() as u64) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
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
