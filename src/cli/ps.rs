//! `ps` (`container ls`): containers with their corrected state, filtered and formatted as
//! Podman does. It reads only `container.json` and `state.json` of each container (and
//! /proc/PID/stat of a running one's supervisor), so a thousand containers list quickly.
use super::container::status_text;
use super::format::{human_size, print_rows, write_aligned, write_stdout, Format};
use super::Context;
use crate::container::list;
use crate::container::state::{State, Status};
use crate::container::ContainerRecord;
use crate::image::store::index;
use crate::util::time;
use anyhow::{bail, Context as _};
use clap::Args;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;

#[derive(Debug, Args)]
pub(crate) struct PsArgs {
    /// Show all containers (default: only running ones)
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Print only the container IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Do not truncate IDs and commands
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// Filter: status=, name=, label=KEY[=VALUE], ancestor=IMAGE, id=, exited=CODE, pod=,
    /// restart-policy=, stopped-by-user=true|false
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    /// Output: json, or a Go template such as '{{.ID}} {{.Names}}'
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Show the N most recently created containers (all states)
    #[arg(short = 'n', long, value_name = "N")]
    pub(crate) last: Option<usize>,
    /// Show the most recently created container (all states)
    #[arg(short, long)]
    pub(crate) latest: bool,
    /// Show the size of each container's writable layer
    #[arg(short, long)]
    pub(crate) size: bool,
    /// Do not print the header
    #[arg(long)]
    pub(crate) noheading: bool,
    /// Also show containers that are steps of a running or killed `rcon build`
    #[arg(long)]
    pub(crate) external: bool,
    /// Show each container's pod (ID and name)
    #[arg(long)]
    pub(crate) pod: bool,
    /// Sort by command, created (oldest first), id, image, names, runningfor or status
    #[arg(long, value_enum, value_name = "KEY")]
    pub(crate) sort: Option<SortKey>,
}

/// `ps --sort` keys, as Podman names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SortKey {
    Command,
    Created,
    Id,
    Image,
    Names,
    Runningfor,
    Status,
}

/// A time's sort key: the seconds, then the text (rcon writes nine fraction digits, so within
/// one second the text orders as the time does).
fn at(t: &str) -> (i64, &str) {
    (unix(t), t)
}

/// Orders `rows` by `key`; ties keep their order (newest first).
fn sort_rows(rows: &mut [&(ContainerRecord, State)], key: SortKey) {
    match key {
        SortKey::Command => rows.sort_by(|x, y| x.0.command.cmp(&y.0.command)),
        SortKey::Created => rows.sort_by(|x, y| at(&x.0.created).cmp(&at(&y.0.created))),
        SortKey::Id => rows.sort_by(|x, y| x.0.id.cmp(&y.0.id)),
        SortKey::Image => rows.sort_by(|x, y| x.0.image_name.cmp(&y.0.image_name)),
        SortKey::Names => rows.sort_by(|x, y| x.0.name.cmp(&y.0.name)),
        // Longest running first: the earliest start.
        SortKey::Runningfor => rows.sort_by(|x, y| at(&x.1.started_at).cmp(&at(&y.1.started_at))),
        SortKey::Status => rows.sort_by_key(|(_, s)| s.status.as_str()),
    }
}

/// `--filter` for containers: values of one key are alternatives, keys must all match.
#[derive(Default)]
pub(crate) struct Filters {
    status: Vec<Status>,
    name: Vec<String>,
    label: Vec<(String, Option<String>)>,
    ancestor: Vec<String>,
    id: Vec<String>,
    exited: Vec<i32>,
    /// Pod names or IDs as given; resolved to full IDs by [`ps`].
    pod: Vec<String>,
    /// `restart-policy=`: `no` for none.
    restart: Vec<String>,
    /// `stopped-by-user=true|false` (rcon's): whether `stop` ended it, so that an
    /// `unless-stopped` policy leaves it stopped.
    stopped_by_user: Option<bool>,
    /// `health=`: starting, healthy, unhealthy or none.
    health: Vec<String>,
}

impl Filters {
    pub(crate) fn parse(specs: &[String]) -> anyhow::Result<Filters> {
        let mut f = Filters::default();
        for s in specs {
            let (k, v) = s
                .split_once('=')
                .with_context(|| format!("invalid filter {s:?}: expected KEY=VALUE"))?;
            match k {
                "status" => f.status.push(match v {
                    "created" | "configured" => Status::Created,
                    "running" => Status::Running,
                    "paused" => Status::Paused,
                    "exited" | "stopped" => Status::Exited,
                    "removing" => Status::Removing,
                    _ => bail!(
                        "invalid filter {s:?}: status takes created, running, paused, exited, \
                         stopped or removing"
                    ),
                }),
                "name" => f.name.push(v.to_string()),
                "label" => f.label.push(match v.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (v.to_string(), None),
                }),
                "ancestor" => f.ancestor.push(v.to_string()),
                "pod" => f.pod.push(v.to_string()),
                "restart-policy" => f.restart.push(match v {
                    "none" | "no" | "" => "no".to_string(),
                    "always" | "on-failure" | "unless-stopped" => v.to_string(),
                    _ => bail!("{v} invalid restart policy"),
                }),
                "stopped-by-user" => {
                    f.stopped_by_user = Some(match v {
                        "true" => true,
                        "false" => false,
                        _ => bail!("invalid filter {s:?}: stopped-by-user takes true or false"),
                    })
                }
                "id" => f.id.push(v.to_string()),
                "health" => f.health.push(match v {
                    "starting" | "healthy" | "unhealthy" | "none" => v.to_string(),
                    _ => bail!(
                        "invalid filter {s:?}: health takes starting, healthy, unhealthy or none"
                    ),
                }),
                "exited" => f.exited.push(
                    v.parse()
                        .with_context(|| format!("invalid filter {s:?}: exited takes a number"))?,
                ),
                _ => bail!(
                    "invalid filter {s:?}: rcon supports status, name, label, ancestor, id, \
                     exited, pod, restart-policy, stopped-by-user and health"
                ),
            }
        }
        Ok(f)
    }

    /// `health=`: `status` is the container's health status, `None` without a healthcheck.
    pub(super) fn health_matches(&self, status: Option<&str>) -> bool {
        self.health.is_empty() || self.health.iter().any(|h| h == status.unwrap_or("none"))
    }

    pub(crate) fn keep(&self, r: &ContainerRecord, st: &State) -> bool {
        let any = |empty: bool, m: bool| empty || m;
        any(self.status.is_empty(), self.status.contains(&st.status))
            && any(
                self.name.is_empty(),
                self.name.iter().any(|p| name_matches(p, &r.name)),
            )
            && self.label.iter().all(|(k, v)| match (r.labels.get(k), v) {
                (Some(have), Some(want)) => have == want,
                (Some(_), None) => true,
                (None, _) => false,
            })
            && any(
                self.ancestor.is_empty(),
                self.ancestor.iter().any(|a| ancestor_matches(a, r)),
            )
            && any(
                self.id.is_empty(),
                self.id.iter().any(|p| r.id.starts_with(p.as_str())),
            )
            && any(
                self.restart.is_empty(),
                self.restart.iter().any(|p| {
                    let have = if r.restart.name.is_empty() {
                        "no"
                    } else {
                        r.restart.name.as_str()
                    };
                    p == have
                }),
            )
            && any(
                self.pod.is_empty(),
                r.pod.as_ref().is_some_and(|p| self.pod.contains(&p.id)),
            )
            && any(
                self.exited.is_empty(),
                st.status == Status::Exited && self.exited.contains(&st.exit_code),
            )
            && self
                .stopped_by_user
                .is_none_or(|want| st.stopped_by_user == want)
    }
}

/// Podman matches `name=` as a regular expression; rcon takes the common cases: a substring,
/// anchored with `^` and `$`.
fn name_matches(pattern: &str, name: &str) -> bool {
    match (pattern.strip_prefix('^'), pattern.strip_suffix('$')) {
        _ if pattern.starts_with('^') && pattern.ends_with('$') && pattern.len() >= 2 => {
            &pattern[1..pattern.len() - 1] == name
        }
        (Some(p), _) => name.starts_with(p),
        (_, Some(p)) => name.ends_with(p),
        _ => name.contains(pattern),
    }
}

/// `ancestor=` takes an image name (short or full, with or without tag) or an ID prefix.
fn ancestor_matches(want: &str, r: &ContainerRecord) -> bool {
    let hex = want.strip_prefix("sha256:").unwrap_or(want);
    if hex.len() >= 3 && r.image_id.hex().starts_with(hex) {
        return true;
    }
    let full = &r.image_name;
    let with_tag = if want.contains(':') || want.contains('@') {
        want.to_string()
    } else {
        format!("{want}:latest")
    };
    full == want
        || *full == with_tag
        || full.ends_with(&format!("/{with_tag}"))
        || full.ends_with(&format!("/{want}"))
}

/// The command as `ps` shows it: joined, cut to 17 characters unless `--no-trunc`.
fn command_text(cmd: &[String], no_trunc: bool) -> String {
    let s = cmd.join(" ");
    if no_trunc || s.chars().count() <= 20 {
        s
    } else {
        format!("{}...", s.chars().take(17).collect::<String>())
    }
}

pub(super) fn unix(t: &str) -> i64 {
    time::parse_rfc3339(t).unwrap_or(0)
}

pub(super) fn ps(ctx: &Context, a: &PsArgs) -> anyhow::Result<i32> {
    let mut filters = Filters::parse(&a.filter)?;
    for p in &mut filters.pod {
        if let Ok(found) = crate::pod::find(&ctx.paths, p) {
            *p = found.id;
        }
    }
    let format = Format::parse(a.format.as_deref())?;
    // Never dropped: the process ends right after printing, and freeing a thousand records
    // one string at a time costs more than a twentieth of the listing.
    let all = std::mem::ManuallyDrop::new(list::all_parallel(&ctx.paths)?);
    let limit = if a.latest { Some(1) } else { a.last };
    let show_all = a.all || limit.is_some() || !filters.status.is_empty();
    // References are sorted and filtered, not the records: a thousand moves of a record
    // cost more than the comparisons.
    let mut rows: Vec<&(ContainerRecord, State)> = all.iter().collect();
    rows.sort_by(|x, y| y.0.created.cmp(&x.0.created));
    rows.retain(|(r, s)| {
        (show_all || s.status == Status::Running)
            && filters.keep(r, s)
            && (a.external || !r.build)
            && filters.health_matches(super::health::status_of(&ctx.paths, r))
    });
    if let Some(n) = limit {
        rows.truncate(n);
    }
    if let Some(key) = a.sort {
        sort_rows(&mut rows, key);
    }
    if a.quiet {
        let ids = rows.iter().map(|(r, _)| {
            if a.no_trunc {
                r.id.clone()
            } else {
                r.id[..12].to_string()
            }
        });
        return write_lines(ids);
    }
    let image_sizes: HashMap<String, u64> = if a.size {
        index::read(&ctx.paths.storage())?
            .images
            .iter()
            .map(|i| (i.id.hex().to_string(), i.size))
            .collect()
    } else {
        HashMap::new()
    };
    let pods: HashMap<String, String> = if rows.iter().any(|(r, _)| r.pod.is_some()) {
        crate::pod::all(&ctx.paths)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect()
    } else {
        HashMap::new()
    };
    let pod_of = |r: &ContainerRecord| {
        let id = r.pod.as_ref().map(|p| p.id.clone()).unwrap_or_default();
        let name = pods.get(&id).cloned().unwrap_or_default();
        (id, name)
    };
    let rows: Vec<Row> = rows
        .iter()
        .map(|&(r, st)| {
            let size = a.size.then(|| {
                let virt = image_sizes.get(r.image_id.hex()).copied().unwrap_or(0);
                (list::writable_size(&ctx.paths, r, virt), virt)
            });
            let (pod_id, pod_name) = pod_of(r);
            let health = super::health::status_of(&ctx.paths, r);
            Row::new(r, st, health, size, pod_id, pod_name)
        })
        .collect();
    match format {
        Format::Json => {
            let json_rows: Vec<Value> = rows.iter().map(Row::json).collect();
            print_rows(&format, &json_rows, &[])?;
        }
        // The default table needs only its columns: no row object to build and render.
        Format::Default => {
            let mut cells: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 1);
            if !a.noheading {
                cells.push(
                    default_columns(a)
                        .iter()
                        .map(|(h, _)| h.to_string())
                        .collect(),
                );
            }
            cells.extend(rows.iter().map(|row| row.default_cells(a)));
            return write_table(&cells);
        }
        _ => {
            let tpl_rows: Vec<Value> = rows.iter().map(|row| row.template(a)).collect();
            print_rows(&format, &tpl_rows, &[])?;
        }
    }
    Ok(0)
}

/// The default table's columns (Podman's) as headers and the templates that print the same
/// cells; the table itself is made by [`Row::default_cells`], which a test holds to these.
fn default_columns(a: &PsArgs) -> Vec<(&'static str, &'static str)> {
    let mut cols = vec![
        ("CONTAINER ID", "{{.ID}}"),
        ("IMAGE", "{{.Image}}"),
        ("COMMAND", "{{.Command}}"),
        ("CREATED", "{{.RunningFor}}"),
        ("STATUS", "{{.Status}}"),
        ("PORTS", "{{.Ports}}"),
        ("NAMES", "{{.Names}}"),
    ];
    if a.pod {
        cols.extend([("POD ID", "{{.Pod}}"), ("PODNAME", "{{.PodName}}")]);
    }
    if a.size {
        cols.push(("SIZE", "{{.Size}}"));
    }
    cols
}

/// One listed container and what its outputs share, worked out once.
struct Row<'a> {
    r: &'a ContainerRecord,
    st: &'a State,
    /// Creation time, Unix seconds.
    created: i64,
    /// `status_text`, with the health in brackets while it runs with a healthcheck.
    status: String,
    /// The writable layer's size and the image's (`--size`).
    size: Option<(u64, u64)>,
    pod_id: String,
    pod_name: String,
}

impl<'a> Row<'a> {
    fn new(
        r: &'a ContainerRecord,
        st: &'a State,
        health: Option<&str>,
        size: Option<(u64, u64)>,
        pod_id: String,
        pod_name: String,
    ) -> Row<'a> {
        let status = match health {
            Some(h) if st.status == Status::Running => format!("{} ({h})", status_text(st)),
            _ => status_text(st),
        };
        Row {
            r,
            st,
            created: unix(&r.created),
            status,
            size,
            pod_id,
            pod_name,
        }
    }

    fn id<'s>(&'s self, a: &PsArgs) -> &'s str {
        if a.no_trunc {
            &self.r.id
        } else {
            &self.r.id[..12]
        }
    }

    fn pid(&self) -> i32 {
        if self.st.status == Status::Running {
            self.st.init_pid
        } else {
            0
        }
    }

    fn is_infra(&self) -> bool {
        self.r.pod.as_ref().is_some_and(|p| p.infra)
    }

    /// `--size`'s text: `12B (virtual 4.27MB)`.
    fn size_text(&self) -> String {
        self.size.map_or(String::new(), |(rw, v)| {
            let compact = |n: u64| human_size(n).replace(' ', "");
            format!("{} (virtual {})", compact(rw), compact(v))
        })
    }

    /// The cells of [`default_columns`], made straight from the record and state.
    fn default_cells(&self, a: &PsArgs) -> Vec<String> {
        let mut row = vec![
            self.id(a).to_string(),
            self.r.image_name.clone(),
            command_text(&self.r.command, a.no_trunc),
            time::human_since(self.created),
            self.status.clone(),
            ports_text(self.r),
            self.r.name.clone(),
        ];
        if a.pod {
            row.push(self.pod_id.get(..12).unwrap_or_default().to_string());
            row.push(self.pod_name.clone());
        }
        if self.size.is_some() {
            row.push(self.size_text());
        }
        row
    }

    /// The object `--format TEMPLATE` renders.
    fn template(&self, a: &PsArgs) -> Value {
        let (r, st) = (self.r, self.st);
        json!({
            "ID": self.id(a),
            "Id": r.id,
            "Image": r.image_name,
            "ImageID": r.image_id.hex(),
            "Command": command_text(&r.command, a.no_trunc),
            "CreatedHuman": time::human_since(self.created),
            "CreatedAt": time::rfc3339(self.created),
            "Created": time::human_since(self.created),
            "RunningFor": time::human_since(self.created),
            "Status": self.status,
            "State": st.shown_status(),
            "Ports": ports_text(r),
            "Names": r.name,
            "Labels": r.labels,
            "Mounts": r.mounts.iter().map(|m| m.destination.as_str()).collect::<Vec<_>>().join(","),
            "Networks": networks_of(r).join(","),
            "Pid": self.pid(),
            "ExitCode": st.exit_code,
            "Exited": st.status == Status::Exited,
            "ExitedAt": unix_or_zero_time(&st.finished_at),
            "StartedAt": unix_or_zero_time(&st.started_at),
            "AutoRemove": r.auto_remove,
            "Restarts": st.restart_count,
            "Size": self.size_text(),
            "Pod": self.pod_id.get(..12).unwrap_or_default(),
            "PodName": self.pod_name,
            "IsInfra": self.is_infra(),
        })
    }

    /// The object of `--format json` (Podman's field names).
    fn json(&self) -> Value {
        let (r, st) = (self.r, self.st);
        json!({
            "AutoRemove": r.auto_remove,
            "Command": r.command,
            "CreatedAt": time::human_since(self.created),
            "Created": self.created,
            "Exited": st.status == Status::Exited,
            "ExitedAt": unix_or_zero_time(&st.finished_at),
            "ExitCode": st.exit_code,
            "Id": r.id,
            "Image": r.image_name,
            "ImageID": r.image_id.hex(),
            "IsInfra": self.is_infra(),
            "Labels": r.labels,
            "Mounts": r.mounts.iter().map(|m| &m.destination).collect::<Vec<_>>(),
            "Names": [r.name],
            "Namespaces": {},
            "Networks": networks_of(r),
            "Pid": self.pid(),
            "Pod": self.pod_id,
            "PodName": self.pod_name,
            "Ports": ports_json(r),
            "Restarts": st.restart_count,
            "Size": self.size.map_or(
                Value::Null,
                |(rw, v)| json!({"rwSize": rw, "rootFsSize": v}),
            ),
            "StartedAt": unix_or_zero_time(&st.started_at),
            "State": st.shown_status(),
            "Status": self.status,
        })
    }
}

/// A state time in Unix seconds; Go's zero time (year 1) when it is not set.
fn unix_or_zero_time(t: &str) -> i64 {
    if t.is_empty() {
        -62135596800
    } else {
        unix(t)
    }
}

/// The published ports as Podman's `ps` shows them: `0.0.0.0:8080->80/tcp, …`.
fn ports_text(r: &ContainerRecord) -> String {
    r.ports
        .iter()
        .map(|p| {
            let ip = if p.host_ip.is_empty() {
                "0.0.0.0"
            } else {
                &p.host_ip
            };
            format!("{ip}:{}->{}/{}", p.host_port, p.container_port, p.protocol)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ps --format json`'s Ports: Podman's port-mapping objects, or null without any.
fn ports_json(r: &ContainerRecord) -> Value {
    if r.ports.is_empty() {
        return Value::Null;
    }
    r.ports
        .iter()
        .map(|p| {
            json!({"host_ip": p.host_ip, "container_port": p.container_port,
                   "host_port": p.host_port, "range": 1, "protocol": p.protocol})
        })
        .collect()
}

/// The named networks the container is on.
fn networks_of(r: &ContainerRecord) -> Vec<String> {
    match &r.network {
        crate::network::NetworkMode::Bridge(nets) => nets.iter().map(|n| n.name.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Writes `lines` to stdout in one buffer. A reader that went away (`ps | head`) is not an
/// error.
fn write_lines(lines: impl IntoIterator<Item = String>) -> anyhow::Result<i32> {
    write_stdout(|out| lines.into_iter().try_for_each(|l| writeln!(out, "{l}")))
}

/// Writes `cells` aligned to stdout in one buffer, as [`write_lines`].
fn write_table(cells: &[Vec<String>]) -> anyhow::Result<i32> {
    write_stdout(|out| write_aligned(out, cells))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::format::Template;

    #[test]
    fn names_match_substrings_and_anchors() {
        assert!(name_matches("web", "my-web-1"));
        assert!(name_matches("^my", "my-web-1"));
        assert!(!name_matches("^web", "my-web-1"));
        assert!(name_matches("-1$", "my-web-1"));
        assert!(name_matches("^my-web-1$", "my-web-1"));
        assert!(!name_matches("^my-web$", "my-web-1"));
    }

    #[test]
    fn commands_are_cut_like_podmans() {
        let c = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(command_text(&c("sleep 100"), false), "sleep 100");
        assert_eq!(
            command_text(&c("sh -c trap '' TERM; sleep 100"), false),
            "sh -c trap '' TER..."
        );
        assert_eq!(
            command_text(&c("sh -c trap '' TERM; sleep 100"), true),
            "sh -c trap '' TERM; sleep 100"
        );
    }

    /// `ps` with `flags` parsed as the command line would be.
    fn args(flags: &[&str]) -> PsArgs {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            ps: PsArgs,
        }
        <Cli as clap::Parser>::parse_from(std::iter::once("ps").chain(flags.iter().copied())).ps
    }

    fn record(n: u8, command: &[&str], ports: Value, pod: Value) -> ContainerRecord {
        serde_json::from_value(json!({
            "id": format!("{n:02x}").repeat(32), "name": format!("box-{n}"),
            "image_name": "localhost/bench/busybox:latest",
            "image_id": format!("sha256:{}", "1".repeat(64)), "layers": [],
            "created": format!("2024-01-0{n}T00:00:00.000000000Z"), "command": command,
            "storage_driver": "overlay", "stop_signal": 15, "stop_timeout": 10,
            "log_driver": "k8s-file", "ports": ports, "pod": pod,
        }))
        .unwrap()
    }

    #[test]
    fn the_default_table_prints_what_its_templates_print() {
        let port = |ip: &str, host: u16| json!({"host_ip": ip, "host_port": host, "container_port": 80, "protocol": "tcp"});
        let records = [
            record(1, &["true"], json!([]), Value::Null),
            record(
                2,
                &["sh", "-c", "trap '' TERM; sleep 100"],
                json!([port("", 8080), port("127.0.0.1", 8081)]),
                json!({"id": "ab".repeat(32)}),
            ),
            record(3, &["sleep", "1000"], json!([]), Value::Null),
        ];
        let states = [
            State::default(),
            State {
                status: Status::Exited,
                exit_code: 3,
                started_at: "2024-01-02T00:00:01.000000000Z".into(),
                finished_at: "2024-01-02T00:00:02.000000000Z".into(),
                ..State::default()
            },
            State {
                status: Status::Running,
                init_pid: 4242,
                started_at: "2024-01-03T00:00:01.000000000Z".into(),
                ..State::default()
            },
        ];
        for flags in [
            &[][..],
            &["--no-trunc"],
            &["--pod"],
            &["--size"],
            &["--pod", "--size", "--no-trunc"],
        ] {
            let a = args(flags);
            let templates: Vec<Template> = default_columns(&a)
                .iter()
                .map(|(_, t)| Template::parse(t).unwrap())
                .collect();
            for (i, (r, st)) in records.iter().zip(&states).enumerate() {
                let health = (i == 2).then_some("healthy");
                let size = a.size.then_some((12_345, 4_270_000));
                let pod_id = r.pod.as_ref().map(|p| p.id.clone()).unwrap_or_default();
                let row = Row::new(r, st, health, size, pod_id, "pod-a".into());
                let tpl = row.template(&a);
                let want: Vec<String> = templates.iter().map(|t| t.render(&tpl).unwrap()).collect();
                assert_eq!(row.default_cells(&a), want, "flags {flags:?}, row {i}");
            }
        }
    }

    #[test]
    fn unknown_filters_are_refused() {
        assert!(Filters::parse(&["status=running".into()]).is_ok());
        assert!(Filters::parse(&["status=sleeping".into()]).is_err());
        assert!(Filters::parse(&["color=red".into()]).is_err());
        assert!(Filters::parse(&["exited=x".into()]).is_err());
    }
}
