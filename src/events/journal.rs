//! The `journald` backend: one journal entry per event, with the `PODMAN_*` fields Podman's
//! journald events carry (so tools that read Podman's events from the journal read rcon's),
//! `SYSLOG_IDENTIFIER=rcon` and the one-line form as MESSAGE. Read back through `journalctl`.
use super::{Event, ReadError, ReadOptions};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader};
use std::process::{Command, Stdio};

/// The identifier rcon's events carry in the journal.
const IDENTIFIER: &str = "rcon";

/// The fields of `event`'s journal entry.
pub(super) fn fields(event: &Event) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("MESSAGE", event.human(false)),
        ("PRIORITY", "6".to_string()),
        ("SYSLOG_IDENTIFIER", IDENTIFIER.to_string()),
        ("PODMAN_EVENT", event.status.clone()),
        ("PODMAN_TYPE", event.kind.clone()),
        ("PODMAN_TIME", event.time.clone()),
    ];
    let mut put = |k: &'static str, v: &str| {
        if !v.is_empty() {
            f.push((k, v.to_string()));
        }
    };
    put("PODMAN_ID", &event.id);
    put("PODMAN_NAME", &event.name);
    put("PODMAN_IMAGE", &event.image);
    put("PODMAN_POD_ID", &event.pod_id);
    put("PODMAN_HEALTH_STATUS", &event.health_status);
    put("PODMAN_NETWORK_NAME", &event.network);
    if event.exit_code != 0 {
        put("PODMAN_EXIT_CODE", &event.exit_code.to_string());
    }
    if let Some(a) = event.attributes.as_ref().filter(|a| !a.is_empty()) {
        put(
            "PODMAN_LABELS",
            &serde_json::to_string(a).unwrap_or_default(),
        );
    }
    f
}

pub(super) fn send(event: &Event) -> io::Result<()> {
    let fields = fields(event);
    let borrowed: Vec<(&str, &[u8])> = fields.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
    crate::util::journal::send(&borrowed)
}

/// The event an entry of `journalctl -o json` holds; `None` for an entry that is not one.
pub(super) fn parse(line: &str) -> Option<Event> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let text = |k: &str| -> String {
        match v.get(k) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Array(a)) => a
                .first()
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_string(),
            _ => String::new(),
        }
    };
    let status = text("PODMAN_EVENT");
    if status.is_empty() {
        return None;
    }
    let labels = text("PODMAN_LABELS");
    Some(Event {
        exit_code: text("PODMAN_EXIT_CODE").parse().unwrap_or(0),
        id: text("PODMAN_ID"),
        image: text("PODMAN_IMAGE"),
        name: text("PODMAN_NAME"),
        network: text("PODMAN_NETWORK_NAME"),
        status,
        time: text("PODMAN_TIME"),
        kind: text("PODMAN_TYPE"),
        health_status: text("PODMAN_HEALTH_STATUS"),
        pod_id: text("PODMAN_POD_ID"),
        attributes: (!labels.is_empty())
            .then(|| serde_json::from_str::<BTreeMap<String, String>>(&labels).ok())
            .flatten(),
    })
}

/// Reads rcon's events from the journals this user may read, following with `journalctl -f`
/// when streaming.
pub(super) fn read(
    opts: &ReadOptions,
    sink: &mut dyn FnMut(&Event) -> io::Result<()>,
) -> Result<(), ReadError> {
    let mut cmd = Command::new("journalctl");
    cmd.args(["-o", "json", "--all", "--no-pager", "-q"]);
    match opts.since {
        Some(n) => {
            cmd.arg(format!("--since=@{}", n.div_euclid(1_000_000_000)));
        }
        None if opts.stream => {
            cmd.args(["-n", "0"]);
        }
        None => {}
    }
    if opts.stream {
        cmd.arg("-f");
    }
    cmd.arg(format!("SYSLOG_IDENTIFIER={IDENTIFIER}"));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            ReadError::Journal(format!(
                "cannot run journalctl, which reads the journald events backend: {e}"
            ))
        })?;
    let out = child.stdout.take().expect("piped");
    let mut result = Ok(());
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { break };
        let Some(e) = parse(&line) else { continue };
        if opts.until.is_some_and(|u| e.nanos() >= u) {
            break;
        }
        if opts.keeps(&e) && sink(&e).is_err() {
            break;
        }
    }
    let _ = child.kill();
    if let Ok(o) = child.wait_with_output() {
        if !o.status.success() && !opts.stream {
            let text = String::from_utf8_lossy(&o.stderr);
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            result = Err(ReadError::Journal(format!(
                "journalctl failed: {}",
                last.trim()
            )));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_goes_to_the_journal_and_comes_back_the_same() {
        let labels = [("app".to_string(), "web".to_string())].into();
        let e = Event::container("died", "abc123", "web", "busybox", &labels)
            .with_exit_code(3)
            .with_pod("pod1");
        let f = fields(&e);
        let get = |k: &str| f.iter().find(|(x, _)| *x == k).map(|(_, v)| v.as_str());
        assert_eq!(get("PODMAN_EVENT"), Some("died"));
        assert_eq!(get("PODMAN_EXIT_CODE"), Some("3"));
        assert_eq!(get("PODMAN_LABELS"), Some(r#"{"app":"web"}"#));
        assert_eq!(get("SYSLOG_IDENTIFIER"), Some("rcon"));
        // As journalctl -o json shows the entry.
        let mut json = serde_json::Map::new();
        for (k, v) in &f {
            json.insert(k.to_string(), serde_json::Value::String(v.clone()));
        }
        json.insert("__CURSOR".into(), "s=1".into());
        let back = parse(&serde_json::Value::Object(json).to_string()).unwrap();
        assert_eq!(back, e);
        assert_eq!(parse(r#"{"MESSAGE":"hello"}"#), None);
    }
}
