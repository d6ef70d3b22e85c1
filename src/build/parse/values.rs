//! The small value syntaxes inside Containerfile flags and arguments, read as Docker reads
//! them: Go durations (`1m30s`), Go booleans (`true`, `1`, `F` …), sizes with binary units
//! (`64m`, `1.5GiB`), EXPOSE port specs (`80`, `8000-8010/udp`) and stop signals.
use super::error::ValueError;

/// A Go duration (`300ms`, `-1.5h`, `2h45m`, `0`): nanoseconds, or why not.
pub(crate) fn go_duration(text: &str) -> Result<i128, ValueError> {
    let invalid = || ValueError::Duration(text.to_string());
    let (negative, mut s) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let limit: u128 = 1 << 63;
    let mut total: u128 = 0;
    while !s.is_empty() {
        if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (int_part, rest) = s.split_at(int_len);
        let whole: u128 = if int_part.is_empty() {
            0
        } else {
            int_part
                .parse::<u128>()
                .ok()
                .filter(|v| *v < limit)
                .ok_or_else(invalid)?
        };
        s = rest;
        let mut fraction = (0u128, 1f64);
        let mut has_fraction = false;
        if let Some(rest) = s.strip_prefix('.') {
            let len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            has_fraction = len > 0;
            for d in rest[..len].bytes() {
                if fraction.0 > (i64::MAX as u128 - 9) / 10 {
                    break;
                }
                fraction = (fraction.0 * 10 + u128::from(d - b'0'), fraction.1 * 10.0);
            }
            s = &rest[len..];
        }
        if int_part.is_empty() && !has_fraction {
            return Err(invalid());
        }
        let unit_len = s
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(ValueError::MissingUnit(text.to_string()));
        }
        let (unit, rest) = s.split_at(unit_len);
        s = rest;
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(ValueError::UnknownUnit {
                    unit: unit.to_string(),
                    text: text.to_string(),
                })
            }
        };
        let mut value = whole.checked_mul(scale).filter(|v| *v <= limit);
        if fraction.0 > 0 {
            let extra = (fraction.0 as f64 * (scale as f64 / fraction.1)) as u128;
            value = value.map(|v| v + extra).filter(|v| *v <= limit);
        }
        total += value.ok_or_else(invalid)?;
        if total > limit {
            return Err(invalid());
        }
    }
    if negative {
        return Ok(-(total as i128));
    }
    if total > limit - 1 {
        return Err(invalid());
    }
    Ok(total as i128)
}

/// A Go boolean: `1 t T TRUE true True` or `0 f F FALSE false False`.
pub(crate) fn go_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// A size in bytes with an optional binary unit (`b`, `k`, `m`, `g`, `t`, `p`, each with an
/// optional `b` or `ib`, any case, an optional space before it): `64m`, `1.5 GiB`, `4096`.
pub(crate) fn binary_size(text: &str) -> Option<u64> {
    let sep = text.rfind(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')?;
    let (number, suffix) = if text[sep..].starts_with(' ') {
        (&text[..sep], &text[sep + 1..])
    } else {
        (&text[..=sep], &text[sep + 1..])
    };
    let size: f64 = number.parse().ok()?;
    if size.is_nan() || size < 0.0 {
        return None;
    }
    let suffix = suffix.to_ascii_lowercase();
    let factor: f64 = match suffix.as_bytes() {
        [] | [b'b'] => 1.0,
        [unit, rest @ ..] => {
            let power = match unit {
                b'k' => 1,
                b'm' => 2,
                b'g' => 3,
                b't' => 4,
                b'p' => 5,
                _ => return None,
            };
            if !matches!(rest, [] | [b'b'] | [b'i', b'b']) {
                return None;
            }
            1024f64.powi(power)
        }
    };
    let bytes = size * factor;
    (bytes < 9.2e18).then_some(bytes as u64)
}

/// An EXPOSE word read: its container ports `start..=end` and protocol.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PortSpec {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) proto: String,
}

impl PortSpec {
    /// The `port/proto` entries it exposes.
    pub(crate) fn entries(&self) -> impl Iterator<Item = String> + '_ {
        (self.start..=self.end).map(|p| format!("{p}/{}", self.proto))
    }

    pub(crate) fn count(&self) -> usize {
        (self.end - self.start) as usize + 1
    }
}

/// An EXPOSE word (`80`, `80/udp`, `8000-8010/tcp`; Docker also tolerates `[ip:][host:]`
/// before the port and ignores it), protocol lowercase, `tcp` by default.
pub(crate) fn port_spec(raw: &str) -> Result<PortSpec, ValueError> {
    let parts: Vec<&str> = raw.split(':').collect();
    let (ip, host, container) = match parts.as_slice() {
        [c] => (String::new(), "", *c),
        [h, c] => (String::new(), *h, *c),
        [rest @ .., h, c] => (rest.join(":"), *h, *c),
        [] => unreachable!("split yields at least one part"),
    };
    let (port, proto) = container.split_once('/').unwrap_or((container, ""));
    if port.is_empty() {
        return Err(ValueError::NoPort);
    }
    let proto = match proto.to_ascii_lowercase().as_str() {
        "" => "tcp".to_string(),
        p @ ("tcp" | "udp" | "sctp") => p.to_string(),
        _ => return Err(ValueError::Protocol(proto.to_string())),
    };
    if !ip.is_empty() {
        let bare = ip
            .strip_prefix('[')
            .and_then(|i| i.strip_suffix(']'))
            .unwrap_or(&ip);
        if bare.parse::<std::net::IpAddr>().is_err() {
            return Err(ValueError::Ip(ip.clone()));
        }
    }
    let (start, end) = port_range(port)?;
    if !host.is_empty() {
        let (hs, he) = port_range(host)?;
        if end - start != he - hs && end != start {
            return Err(ValueError::RangeLengths {
                port: port.to_string(),
                host: host.to_string(),
            });
        }
    }
    Ok(PortSpec { start, end, proto })
}

fn port_range(text: &str) -> Result<(u32, u32), ValueError> {
    let number = |s: &str| -> Result<u32, ValueError> {
        let n: i64 = s.parse().map_err(|_| ValueError::NotAPort(s.to_string()))?;
        if (0..=65535).contains(&n) {
            Ok(n as u32)
        } else {
            Err(ValueError::PortRange(n))
        }
    };
    let (start, end) = text.split_once('-').unwrap_or((text, text));
    let (s, e) = (number(start)?, number(end)?);
    if e < s {
        return Err(ValueError::Backwards(text.to_string()));
    }
    Ok((s, e))
}

/// Whether `signal` names a signal as STOPSIGNAL takes it: a name with or without `SIG` in
/// any case (`TERM`, `sigkill`, `RTMIN+3`) or a non-zero number.
pub(crate) fn is_signal(signal: &str) -> bool {
    if signal.starts_with(['+', '-']) {
        return false;
    }
    if let Ok(n) = signal.parse::<u32>() {
        return n != 0;
    }
    crate::container::runconfig::parse_signal("STOPSIGNAL", signal).is_ok()
}
