//! Time stamps in the forms Podman prints, without a calendar crate.
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A string that differs on every call within one process (for temp names).
pub(crate) fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{nanos:x}{n:x}")
}

/// Now, in whole seconds since the epoch.
pub(crate) fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Now as RFC 3339 with nanoseconds in UTC, e.g. `2026-11-23T07:47:40.123456789Z`.
pub(crate) fn now_rfc3339_nano() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339_nano(d.as_secs() as i64, d.subsec_nanos())
}

/// Formats seconds since the epoch (UTC) and nanoseconds as RFC 3339.
pub(crate) fn rfc3339_nano(secs: i64, nanos: u32) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{nanos:09}Z")
}

/// Formats seconds since the epoch (UTC) as RFC 3339 without fractions.
pub(crate) fn rfc3339_of_secs(secs: i64) -> String {
    rfc3339_nano(secs, 0)
}

pub(crate) fn rfc3339(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Parses the RFC 3339 forms images and state files carry into seconds since the epoch.
/// Accepts `Z` or `±hh:mm` offsets and any number of fraction digits.
pub(crate) fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" | "" => 0,
        _ => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset)
}

/// A Go duration in nanoseconds: one or more `<number><unit>` (`1m30s`, `500ms`, `1.5h`),
/// units ns, us, µs, ms, s, m, h; `None` for anything else (a sign, a bare number, overflow).
pub(crate) fn parse_go_duration(value: &str) -> Option<u64> {
    let mut rest = value;
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += number * scale;
    }
    (total.is_finite() && total < u64::MAX as f64).then_some(total as u64)
}

/// [`parse_rfc3339`] to nanoseconds since the epoch, keeping the fraction (up to nine digits).
pub(crate) fn parse_rfc3339_nanos(s: &str) -> Option<i128> {
    let secs = parse_rfc3339(s)?;
    let frac = s
        .get(19..)
        .and_then(|r| r.strip_prefix('.'))
        .map(|f| {
            f.bytes()
                .take_while(u8::is_ascii_digit)
                .take(9)
                .collect::<Vec<u8>>()
        })
        .unwrap_or_default();
    let mut nanos: i128 = 0;
    for i in 0..9 {
        nanos = nanos * 10 + i128::from(frac.get(i).map_or(0, |d| d - b'0'));
    }
    Some(i128::from(secs) * 1_000_000_000 + nanos)
}

/// Nanoseconds since the epoch in the form Go prints a time in UTC, as Podman's events do:
/// `2026-12-06 10:00:00.123456789 +0000 UTC` (trailing zeros of the fraction dropped).
pub(crate) fn go_time_string(nanos: i128) -> String {
    let secs = nanos.div_euclid(1_000_000_000) as i64;
    let frac = nanos.rem_euclid(1_000_000_000);
    let (y, mo, d, h, mi, s) = civil(secs);
    let mut f = format!("{frac:09}");
    while f.ends_with('0') {
        f.pop();
    }
    let dot = if f.is_empty() { "" } else { "." };
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}{dot}{f} +0000 UTC")
}

/// [`go_time_string`] of whole seconds: `2024-01-01 00:00:00 +0000 UTC`.
pub(crate) fn go_time_of_secs(secs: i64) -> String {
    go_time_string(i128::from(secs) * 1_000_000_000)
}

/// "2 hours ago", "About a minute ago": the relative form of `podman images` and `ps`.
pub(crate) fn human_since(secs: i64) -> String {
    let now = now_secs();
    let d = (now - secs).max(0);
    let text = match d {
        0 => return "Less than a second ago".into(),
        1..=59 => format!("{d} seconds"),
        60..=119 => "About a minute".into(),
        120..=3599 => format!("{} minutes", d / 60),
        3600..=7199 => "About an hour".into(),
        7200..=172_799 => format!("{} hours", d / 3600),
        172_800..=1_209_599 => format!("{} days", d / 86400),
        1_209_600..=5_183_999 => format!("{} weeks", d / 604_800),
        5_184_000..=63_071_999 => format!("{} months", d / 2_592_000),
        _ => format!("{} years", d / 31_536_000),
    };
    format!("{text} ago")
}

fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations_parse_to_nanoseconds() {
        assert_eq!(parse_go_duration("1m30s"), Some(90_000_000_000));
        assert_eq!(parse_go_duration("500ms"), Some(500_000_000));
        assert_eq!(parse_go_duration("1.5h"), Some(5_400_000_000_000));
        assert_eq!(parse_go_duration("2µs"), Some(2_000));
        for bad in ["", "10", "-1s", "1d", "s", "1e400s"] {
            assert_eq!(parse_go_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn nanosecond_times_parse_and_print_as_go_does() {
        let n = parse_rfc3339_nanos("2022-04-06T11:26:42.723667900+02:00").unwrap();
        assert_eq!(go_time_string(n), "2022-04-06 09:26:42.7236679 +0000 UTC");
        let whole = parse_rfc3339_nanos("1970-01-01T00:00:01Z").unwrap();
        assert_eq!(whole, 1_000_000_000);
        assert_eq!(go_time_string(whole), "1970-01-01 00:00:01 +0000 UTC");
        assert_eq!(
            go_time_of_secs(1_704_067_200),
            "2024-01-01 00:00:00 +0000 UTC"
        );
        assert_eq!(parse_rfc3339_nanos("nonsense"), None);
    }

    #[test]
    fn rfc3339_round_trips() {
        for secs in [0, 951_782_400, 1_700_000_000, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&rfc3339(secs)), Some(secs));
        }
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn rfc3339_offsets_and_fractions() {
        assert_eq!(
            parse_rfc3339("2024-01-01T01:00:00.123456+01:00"),
            parse_rfc3339("2024-01-01T00:00:00Z")
        );
        assert_eq!(parse_rfc3339("not a time"), None);
    }
}
