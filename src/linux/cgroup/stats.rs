//! Reading a container's usage from its cgroup v2 leaf for `rcon stats`: CPU time, memory use
//! and limit, pids, block I/O. Parsing is pure and unit-tested; [`read`] does the reading.
use std::path::Path;

/// One reading of a leaf.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Sample {
    /// cpu.stat usage_usec.
    pub(crate) cpu_usec: u64,
    /// memory.current minus the inactive file cache (as Podman and Docker show it).
    pub(crate) mem_usage: u64,
    /// memory.max; `None` when unlimited.
    pub(crate) mem_limit: Option<u64>,
    /// pids.current.
    pub(crate) pids: u64,
    /// io.stat rbytes and wbytes summed over the devices.
    pub(crate) block_read: u64,
    pub(crate) block_write: u64,
}

/// A `key value` line's value in a flat-keyed file such as cpu.stat or memory.stat.
pub(crate) fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok()).flatten()
    })
}

/// io.stat: `MAJ:MIN rbytes=… wbytes=… …` per device → (read, written) bytes.
pub(crate) fn io_bytes(text: &str) -> (u64, u64) {
    let mut r = 0;
    let mut w = 0;
    for field in text.split_whitespace() {
        if let Some(v) = field.strip_prefix("rbytes=") {
            r += v.parse::<u64>().unwrap_or(0);
        } else if let Some(v) = field.strip_prefix("wbytes=") {
            w += v.parse::<u64>().unwrap_or(0);
        }
    }
    (r, w)
}

fn read_file(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}

/// Reads the leaf `dir`.
pub(crate) fn read(dir: &Path) -> Sample {
    let current: u64 = read_file(dir, "memory.current").trim().parse().unwrap_or(0);
    let inactive = keyed(&read_file(dir, "memory.stat"), "inactive_file").unwrap_or(0);
    let (block_read, block_write) = io_bytes(&read_file(dir, "io.stat"));
    Sample {
        cpu_usec: keyed(&read_file(dir, "cpu.stat"), "usage_usec").unwrap_or(0),
        mem_usage: current.saturating_sub(inactive),
        mem_limit: read_file(dir, "memory.max").trim().parse().ok(),
        pids: read_file(dir, "pids.current").trim().parse().unwrap_or(0),
        block_read,
        block_write,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_keyed_files_give_their_values() {
        let cpu = "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\n";
        assert_eq!(keyed(cpu, "usage_usec"), Some(1_500_000));
        assert_eq!(keyed(cpu, "user_usec"), Some(1_000_000));
        assert_eq!(keyed(cpu, "nr_periods"), None);
    }

    #[test]
    fn io_stat_sums_every_device() {
        let io = "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n\
                  254:0 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n";
        assert_eq!(io_bytes(io), (4196, 8192));
        assert_eq!(io_bytes(""), (0, 0));
    }
}
