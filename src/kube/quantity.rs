//! Kubernetes resource quantities: memory (`128Mi`, `1G`, `1e6`) in bytes, CPU (`500m`, `0.5`,
//! `2`) as the decimal `--cpus` takes.

/// Bytes of a memory quantity; `None` when it is not one.
pub(crate) fn memory_bytes(q: &str) -> Option<u64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let factor: f64 = match suffix {
        "" => 1.0,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "k" | "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    let bytes = n * factor;
    (bytes.is_finite() && bytes >= 0.0).then_some(bytes.round() as u64)
}

/// A CPU quantity as a decimal number of CPUs (`500m` → `0.5`); `None` when it is not one.
pub(crate) fn cpus(q: &str) -> Option<String> {
    let q = q.trim();
    let value: f64 = match q.strip_suffix('m') {
        Some(milli) => milli.parse::<f64>().ok()? / 1000.0,
        None => q.parse().ok()?,
    };
    (value.is_finite() && value > 0.0).then(|| {
        let s = format!("{value:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_quantities_in_bytes() {
        assert_eq!(memory_bytes("128Mi"), Some(128 << 20));
        assert_eq!(memory_bytes("1G"), Some(1_000_000_000));
        assert_eq!(memory_bytes("1.5Gi"), Some(3 << 29));
        assert_eq!(memory_bytes("1e6"), Some(1_000_000));
        assert_eq!(memory_bytes("4096"), Some(4096));
        assert_eq!(memory_bytes("12Q"), None);
        assert_eq!(memory_bytes("Mi"), None);
    }

    #[test]
    fn cpu_quantities_as_decimal_cpus() {
        assert_eq!(cpus("500m").as_deref(), Some("0.5"));
        assert_eq!(cpus("2").as_deref(), Some("2"));
        assert_eq!(cpus("0.25").as_deref(), Some("0.25"));
        assert_eq!(cpus("1500m").as_deref(), Some("1.5"));
        assert_eq!(cpus("x"), None);
        assert_eq!(cpus("0"), None);
    }
}
