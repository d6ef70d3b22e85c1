//! Resource limits: the `run`/`create`/`update` flags as Podman names them, validated into
//! [`Resources`], and [`Resources::files`], the cgroup v2 interface files and values they
//! become. Pure logic: nothing here touches the system.
use serde::{Deserialize, Serialize};

/// A limit flag value rcon cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum LimitError {
    #[error("{flag} {value:?}: {expected}")]
    Flag {
        flag: &'static str,
        value: String,
        expected: String,
    },
    #[error("{0}")]
    Conflict(String),
}

type Result<T> = std::result::Result<T, LimitError>;

fn bad(flag: &'static str, value: &str, expected: &str) -> LimitError {
    LimitError::Flag {
        flag,
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

/// The default CFS period, as Podman's (`--cpu-period`).
pub(crate) const DEFAULT_CPU_PERIOD: u64 = 100_000;
/// Podman's default `--pids-limit` where the pids controller is delegated.
pub(crate) const DEFAULT_PIDS_LIMIT: i64 = 2048;
/// The smallest memory limit Podman accepts (6 MB).
const MIN_MEMORY: i64 = 6 * 1024 * 1024;

/// A container's limits, in cgroup v2 terms. `None` leaves the kernel's default; `-1` in a
/// memory or pids field means "max" (no limit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Resources {
    /// `--memory`: memory.max in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory: Option<i64>,
    /// `--memory-swap`: memory plus swap in bytes (Docker's meaning), -1 for unlimited swap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory_swap: Option<i64>,
    /// `--memory-reservation`: memory.low in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory_reservation: Option<i64>,
    /// `--cpus`, `--cpu-quota`: CFS quota in microseconds per period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpu_quota: Option<i64>,
    /// `--cpu-period`: CFS period in microseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpu_period: Option<u64>,
    /// `--cpu-weight` (1-10000), or `--cpu-shares` converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpu_weight: Option<u64>,
    /// `--cpuset-cpus`: cpuset.cpus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpuset_cpus: Option<String>,
    /// `--pids-limit`: pids.max, -1 for none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pids_limit: Option<i64>,
    /// `--blkio-weight` (10-1000): io.bfq.weight, and io.weight converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) blkio_weight: Option<u64>,
    /// `--oom-score-adj` (-1000..1000): the container process's oom_score_adj.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) oom_score_adj: Option<i32>,
}

/// The limit flags as given on the command line (`run`, `create`, `update`).
#[derive(Debug, Clone, Default)]
pub(crate) struct LimitFlags {
    pub(crate) memory: Option<String>,
    pub(crate) memory_swap: Option<String>,
    pub(crate) memory_reservation: Option<String>,
    pub(crate) cpus: Option<String>,
    pub(crate) cpu_shares: Option<u64>,
    pub(crate) cpu_weight: Option<u64>,
    pub(crate) cpu_quota: Option<i64>,
    pub(crate) cpu_period: Option<u64>,
    pub(crate) cpuset_cpus: Option<String>,
    pub(crate) pids_limit: Option<i64>,
    pub(crate) blkio_weight: Option<u64>,
    pub(crate) oom_score_adj: Option<i32>,
}

/// A memory size (`512m`, `1g`, `1048576`) in bytes; `-1` is "no limit".
pub(crate) fn parse_memory(flag: &'static str, s: &str) -> Result<i64> {
    let expected = "expected a size such as 512m or 1g (bytes, k, m or g), or -1 for no limit";
    if s.trim() == "-1" {
        return Ok(-1);
    }
    let lower = s.trim().to_ascii_lowercase();
    let end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (num, unit) = lower.split_at(end);
    let n: f64 = num.parse().map_err(|_| bad(flag, s, expected))?;
    let mult: f64 = match unit {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" | "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return Err(bad(flag, s, expected)),
    };
    let bytes = n * mult;
    if !bytes.is_finite() || bytes < 0.0 || bytes > i64::MAX as f64 {
        return Err(bad(flag, s, expected));
    }
    Ok(bytes as i64)
}

/// `--cpus`: a decimal number of CPUs (`0.5`, `2`) → quota for `period`.
pub(crate) fn cpus_to_quota(s: &str, period: u64) -> Result<i64> {
    let expected = "expected a number of CPUs such as 0.5 or 2";
    let n: f64 = s.trim().parse().map_err(|_| bad("--cpus", s, expected))?;
    if !n.is_finite() || n <= 0.0 {
        return Err(bad("--cpus", s, "expected a number of CPUs greater than 0"));
    }
    let quota = (n * period as f64).round() as i64;
    Ok(quota.max(1000))
}

/// `--cpu-shares` (cgroup v1, 2-262144) → cpu.weight (1-10000), as the OCI runtimes convert.
pub(crate) fn shares_to_weight(shares: u64) -> u64 {
    let shares = shares.clamp(2, 262_144);
    1 + ((shares - 2) * 9999) / 262_142
}

/// `--blkio-weight` (10-1000) → io.weight (1-10000), as crun converts.
pub(crate) fn blkio_to_io_weight(w: u64) -> u64 {
    1 + (w.clamp(10, 1000) - 10) * 9999 / 990
}

/// `--cpuset-cpus`: a CPU list such as `0-2,4`.
pub(crate) fn parse_cpuset(s: &str) -> Result<String> {
    let expected = "expected a CPU list such as 0-2,4";
    if s.is_empty() {
        return Err(bad("--cpuset-cpus", s, expected));
    }
    for part in s.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let a: u32 = a.parse().map_err(|_| bad("--cpuset-cpus", s, expected))?;
        let b: u32 = b.parse().map_err(|_| bad("--cpuset-cpus", s, expected))?;
        if a > b {
            return Err(bad("--cpuset-cpus", s, expected));
        }
    }
    Ok(s.to_string())
}

impl LimitFlags {
    /// True when no flag was given.
    pub(crate) fn is_empty(&self) -> bool {
        self.to_resources(None)
            .is_ok_and(|r| r == Resources::default())
    }

    /// The validated limits. `current` is the container's present limits (`update`): a
    /// `--memory-swap` or a `--cpu-period` is checked against them.
    pub(crate) fn to_resources(&self, current: Option<&Resources>) -> Result<Resources> {
        let mut r = current.cloned().unwrap_or_default();
        if let Some(m) = &self.memory {
            let v = parse_memory("--memory", m)?;
            if v != -1 && v != 0 && v < MIN_MEMORY {
                return Err(bad("--memory", m, "the minimum memory limit is 6m"));
            }
            // 0 is no limit, as Docker and Podman read it.
            r.memory = Some(if v == 0 { -1 } else { v });
        }
        if let Some(m) = &self.memory_reservation {
            r.memory_reservation = Some(parse_memory("--memory-reservation", m)?);
        }
        if let Some(m) = &self.memory_swap {
            let v = parse_memory("--memory-swap", m)?;
            match r.memory {
                None | Some(-1) if v != -1 => {
                    return Err(LimitError::Conflict(
                        "--memory-swap needs --memory: set the memory limit as well".into(),
                    ))
                }
                Some(mem) if v != -1 && v < mem => {
                    return Err(bad(
                        "--memory-swap",
                        m,
                        "must be at least --memory (it counts memory plus swap)",
                    ))
                }
                _ => {}
            }
            r.memory_swap = Some(v);
        }
        if let Some(p) = self.cpu_period {
            if !(1000..=1_000_000).contains(&p) {
                return Err(bad(
                    "--cpu-period",
                    &p.to_string(),
                    "expected 1000 to 1000000 microseconds",
                ));
            }
            r.cpu_period = Some(p);
        }
        if self.cpus.is_some() && (self.cpu_quota.is_some() || self.cpu_period.is_some()) {
            return Err(LimitError::Conflict(
                "--cpus conflicts with --cpu-quota and --cpu-period: give one or the other".into(),
            ));
        }
        if let Some(c) = &self.cpus {
            r.cpu_period = Some(DEFAULT_CPU_PERIOD);
            r.cpu_quota = Some(cpus_to_quota(c, DEFAULT_CPU_PERIOD)?);
        }
        if let Some(q) = self.cpu_quota {
            if q != -1 && q < 1000 {
                return Err(bad(
                    "--cpu-quota",
                    &q.to_string(),
                    "expected at least 1000 microseconds, or -1 for none",
                ));
            }
            r.cpu_quota = Some(q);
        }
        if self.cpu_shares.is_some() && self.cpu_weight.is_some() {
            return Err(LimitError::Conflict(
                "--cpu-shares and --cpu-weight conflict: give one or the other".into(),
            ));
        }
        if let Some(s) = self.cpu_shares {
            if s == 0 {
                return Err(bad("--cpu-shares", "0", "expected 2 to 262144"));
            }
            r.cpu_weight = Some(shares_to_weight(s));
        }
        if let Some(w) = self.cpu_weight {
            if !(1..=10_000).contains(&w) {
                return Err(bad("--cpu-weight", &w.to_string(), "expected 1 to 10000"));
            }
            r.cpu_weight = Some(w);
        }
        if let Some(c) = &self.cpuset_cpus {
            r.cpuset_cpus = Some(parse_cpuset(c)?);
        }
        if let Some(p) = self.pids_limit {
            // Podman: 0 and -1 both mean no limit.
            r.pids_limit = Some(if p <= 0 { -1 } else { p });
        }
        if let Some(w) = self.blkio_weight {
            if !(10..=1000).contains(&w) {
                return Err(bad("--blkio-weight", &w.to_string(), "expected 10 to 1000"));
            }
            r.blkio_weight = Some(w);
        }
        if let Some(o) = self.oom_score_adj {
            if !(-1000..=1000).contains(&o) {
                return Err(bad(
                    "--oom-score-adj",
                    &o.to_string(),
                    "expected -1000 to 1000",
                ));
            }
            r.oom_score_adj = Some(o);
        }
        Ok(r)
    }
}

/// "max" for -1, else the number.
fn max_or(v: i64) -> String {
    if v < 0 {
        "max".into()
    } else {
        v.to_string()
    }
}

impl Resources {
    /// True when no cgroup limit is set (`oom_score_adj` needs no cgroup).
    pub(crate) fn needs_cgroup(&self) -> bool {
        Resources {
            oom_score_adj: None,
            ..self.clone()
        } != Resources::default()
    }

    /// The controllers these limits need, by cgroup v2 name.
    pub(crate) fn controllers(&self) -> Vec<&'static str> {
        let mut c = Vec::new();
        if self.memory.is_some() || self.memory_swap.is_some() || self.memory_reservation.is_some()
        {
            c.push("memory");
        }
        if self.cpu_quota.is_some() || self.cpu_period.is_some() || self.cpu_weight.is_some() {
            c.push("cpu");
        }
        if self.cpuset_cpus.is_some() {
            c.push("cpuset");
        }
        if self.pids_limit.is_some() {
            c.push("pids");
        }
        if self.blkio_weight.is_some() {
            c.push("io");
        }
        c
    }

    /// The cgroup v2 files and the values to write, in a safe order (memory.max before
    /// memory.swap.max, cpuset before the rest).
    pub(crate) fn files(&self) -> Vec<(&'static str, String)> {
        let mut f = Vec::new();
        if let Some(c) = &self.cpuset_cpus {
            f.push(("cpuset.cpus", c.clone()));
        }
        if let Some(m) = self.memory {
            f.push(("memory.max", max_or(m)));
        }
        if let Some(s) = self.memory_swap {
            // Docker's --memory-swap counts memory plus swap; cgroup v2 counts swap alone.
            let swap = match (s, self.memory) {
                (-1, _) => -1,
                (s, Some(m)) if m >= 0 => (s - m).max(0),
                _ => -1,
            };
            f.push(("memory.swap.max", max_or(swap)));
        }
        if let Some(l) = self.memory_reservation {
            f.push(("memory.low", max_or(l)));
        }
        if self.cpu_quota.is_some() || self.cpu_period.is_some() {
            let period = self.cpu_period.unwrap_or(DEFAULT_CPU_PERIOD);
            let quota = self.cpu_quota.map_or_else(|| "max".to_string(), max_or);
            f.push(("cpu.max", format!("{quota} {period}")));
        }
        if let Some(w) = self.cpu_weight {
            f.push(("cpu.weight", w.to_string()));
        }
        if let Some(p) = self.pids_limit {
            f.push(("pids.max", max_or(p)));
        }
        if let Some(w) = self.blkio_weight {
            f.push(("io.weight", format!("default {}", blkio_to_io_weight(w))));
        }
        f
    }

    /// `--cpus` as Podman's inspect shows it (NanoCpus), when a quota is set.
    pub(crate) fn nano_cpus(&self) -> i64 {
        match (
            self.cpu_quota,
            self.cpu_period.unwrap_or(DEFAULT_CPU_PERIOD),
        ) {
            (Some(q), p) if q > 0 && p > 0 => q * 1_000_000_000 / p as i64,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> LimitFlags {
        LimitFlags::default()
    }

    #[test]
    fn memory_sizes_take_podman_units() {
        assert_eq!(parse_memory("--memory", "512m"), Ok(512 << 20));
        assert_eq!(parse_memory("--memory", "1g"), Ok(1 << 30));
        assert_eq!(parse_memory("--memory", "1.5k"), Ok(1536));
        assert_eq!(parse_memory("--memory", "4096"), Ok(4096));
        assert_eq!(parse_memory("--memory", "-1"), Ok(-1));
        assert!(parse_memory("--memory", "lots").is_err());
        assert!(parse_memory("--memory", "5q").is_err());
    }

    #[test]
    fn memory_below_six_megabytes_is_refused() {
        let f = LimitFlags {
            memory: Some("1m".into()),
            ..flags()
        };
        let e = f.to_resources(None).unwrap_err().to_string();
        assert!(e.contains("--memory") && e.contains("6m"), "{e}");
    }

    #[test]
    fn swap_counts_memory_plus_swap_and_needs_memory() {
        let f = LimitFlags {
            memory: Some("64m".into()),
            memory_swap: Some("96m".into()),
            ..flags()
        };
        let r = f.to_resources(None).unwrap();
        let files = r.files();
        assert!(files.contains(&("memory.max", (64u64 << 20).to_string())));
        assert!(files.contains(&("memory.swap.max", (32u64 << 20).to_string())));
        let only_swap = LimitFlags {
            memory_swap: Some("96m".into()),
            ..flags()
        };
        assert!(matches!(
            only_swap.to_resources(None),
            Err(LimitError::Conflict(_))
        ));
        let smaller = LimitFlags {
            memory: Some("64m".into()),
            memory_swap: Some("32m".into()),
            ..flags()
        };
        assert!(smaller.to_resources(None).is_err());
        let unlimited = LimitFlags {
            memory: Some("64m".into()),
            memory_swap: Some("-1".into()),
            ..flags()
        };
        let r = unlimited.to_resources(None).unwrap();
        assert!(r.files().contains(&("memory.swap.max", "max".into())));
    }

    #[test]
    fn cpus_become_a_quota_per_period() {
        let f = LimitFlags {
            cpus: Some("0.5".into()),
            ..flags()
        };
        let r = f.to_resources(None).unwrap();
        assert_eq!(r.files(), vec![("cpu.max", "50000 100000".into())]);
        assert_eq!(r.nano_cpus(), 500_000_000);
        let q = LimitFlags {
            cpu_quota: Some(20000),
            cpu_period: Some(50000),
            ..flags()
        };
        assert_eq!(
            q.to_resources(None).unwrap().files(),
            vec![("cpu.max", "20000 50000".into())]
        );
        for bad_cpus in ["0", "-1", "x"] {
            let f = LimitFlags {
                cpus: Some(bad_cpus.into()),
                ..flags()
            };
            assert!(f.to_resources(None).is_err(), "{bad_cpus}");
        }
        let both = LimitFlags {
            cpus: Some("1".into()),
            cpu_quota: Some(5000),
            ..flags()
        };
        assert!(matches!(
            both.to_resources(None),
            Err(LimitError::Conflict(_))
        ));
    }

    #[test]
    fn shares_and_weights_convert_as_the_runtimes_do() {
        assert_eq!(shares_to_weight(2), 1);
        assert_eq!(shares_to_weight(1024), 39);
        assert_eq!(shares_to_weight(262_144), 10_000);
        assert_eq!(blkio_to_io_weight(10), 1);
        assert_eq!(blkio_to_io_weight(1000), 10_000);
        let f = LimitFlags {
            cpu_weight: Some(0),
            ..flags()
        };
        assert!(f.to_resources(None).is_err());
        let f = LimitFlags {
            blkio_weight: Some(5),
            ..flags()
        };
        assert!(f.to_resources(None).is_err());
    }

    #[test]
    fn pids_limit_zero_or_negative_means_none() {
        for (given, file) in [(100, "100"), (0, "max"), (-1, "max")] {
            let f = LimitFlags {
                pids_limit: Some(given),
                ..flags()
            };
            let r = f.to_resources(None).unwrap();
            assert_eq!(r.files(), vec![("pids.max", file.to_string())], "{given}");
        }
    }

    #[test]
    fn cpuset_lists_are_checked() {
        assert!(parse_cpuset("0-2,4").is_ok());
        assert!(parse_cpuset("3").is_ok());
        for bad_set in ["", "2-1", "a", "0,"] {
            assert!(parse_cpuset(bad_set).is_err(), "{bad_set}");
        }
    }

    #[test]
    fn controllers_follow_the_limits_given() {
        let f = LimitFlags {
            memory: Some("64m".into()),
            pids_limit: Some(10),
            oom_score_adj: Some(500),
            ..flags()
        };
        let r = f.to_resources(None).unwrap();
        assert_eq!(r.controllers(), vec!["memory", "pids"]);
        assert!(r.needs_cgroup());
        let only_oom = LimitFlags {
            oom_score_adj: Some(500),
            ..flags()
        };
        assert!(!only_oom.to_resources(None).unwrap().needs_cgroup());
        assert!(flags().is_empty());
    }

    #[test]
    fn update_keeps_the_limits_not_given() {
        let current = LimitFlags {
            memory: Some("64m".into()),
            cpus: Some("1".into()),
            ..flags()
        }
        .to_resources(None)
        .unwrap();
        let updated = LimitFlags {
            pids_limit: Some(50),
            ..flags()
        }
        .to_resources(Some(&current))
        .unwrap();
        assert_eq!(updated.memory, Some(64 << 20));
        assert_eq!(updated.cpu_quota, Some(100_000));
        assert_eq!(updated.pids_limit, Some(50));
    }
}
