//! `pod ps` (`ls`, `list`), `pod inspect`, and `pod top|logs|stats` over the pod's containers.
use super::format::{print_rows_heading, Format};
use super::Context;
use crate::container::state::State;
use crate::container::ContainerRecord;
use crate::pod::{self, PodRecord};
use crate::util::time;
use anyhow::{bail, Context as _};
use clap::Args;
use serde_json::{json, Value};

#[derive(Debug, Args)]
pub(crate) struct PodPsArgs {
    /// Print only the pod IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Do not truncate IDs
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// Filter: id=, name=, label=KEY[=VALUE], status=, ctr-names=, ctr-ids=, ctr-status=,
    /// ctr-number=
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    /// Output: json, or a Go template such as '{{.ID}} {{.Name}}'
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Do not print the header
    #[arg(long)]
    pub(crate) noheading: bool,
    /// Show the names of each pod's containers
    #[arg(long)]
    pub(crate) ctr_names: bool,
    /// Show the IDs of each pod's containers
    #[arg(long)]
    pub(crate) ctr_ids: bool,
    /// Show the status of each pod's containers
    #[arg(long)]
    pub(crate) ctr_status: bool,
    /// Show the networks of each pod
    #[arg(long)]
    pub(crate) ns: bool,
    /// Show the most recently created pod
    #[arg(short, long)]
    pub(crate) latest: bool,
    /// Sort by created, id, name, number or status
    #[arg(long, value_name = "KEY", default_value = "created")]
    pub(crate) sort: String,
}

#[derive(Debug, Args)]
pub(crate) struct PodInspectArgs {
    /// Output: json, or a Go template such as '{{.Name}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// The most recently created pod
    #[arg(short, long)]
    pub(crate) latest: bool,
    /// Pods by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pods: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PodTopArgs {
    /// The pod, by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pod: String,
    /// Columns, as `rcon top` takes them
    #[arg(
        value_name = "DESCRIPTORS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) descriptors: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PodLogsArgs {
    /// Follow the output
    #[arg(short, long)]
    pub(crate) follow: bool,
    /// Only the last N lines of each container (-1: all)
    #[arg(long, value_name = "N", default_value_t = -1, allow_negative_numbers = true)]
    pub(crate) tail: i64,
    /// Show timestamps
    #[arg(short, long)]
    pub(crate) timestamps: bool,
    /// Only this container of the pod
    #[arg(short, long, value_name = "CONTAINER")]
    pub(crate) container: Option<String>,
    /// The pod, by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pod: String,
}

#[derive(Debug, Args)]
pub(crate) struct PodStatsArgs {
    /// Every pod
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Print once instead of streaming
    #[arg(long)]
    pub(crate) no_stream: bool,
    /// Output: json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Pods by name or ID
    #[arg(value_name = "POD")]
    pub(crate) pods: Vec<String>,
}

type Members = Vec<(ContainerRecord, State)>;

/// One `--filter` of `pod ps`.
fn keep(filter: &str, p: &PodRecord, members: &Members) -> anyhow::Result<bool> {
    let (k, v) = filter
        .split_once('=')
        .with_context(|| format!("invalid filter {filter:?}: expected KEY=VALUE"))?;
    Ok(match k {
        "id" => p.id.starts_with(v),
        "name" => p.name.contains(v),
        "label" => match v.split_once('=') {
            Some((k, want)) => p.labels.get(k).is_some_and(|have| have == want),
            None => p.labels.contains_key(v),
        },
        "status" => pod::status(members).eq_ignore_ascii_case(v),
        "ctr-names" => members.iter().any(|(r, _)| r.name.contains(v)),
        "ctr-ids" => members.iter().any(|(r, _)| r.id.starts_with(v)),
        "ctr-status" => members.iter().any(|(_, s)| s.status.as_str() == v),
        "ctr-number" => {
            v.parse::<usize>()
                .with_context(|| format!("invalid filter {filter:?}: ctr-number takes a number"))?
                == members.len()
        }
        _ => bail!(
            "invalid filter {filter:?}: rcon supports id, name, label, status, ctr-names, \
             ctr-ids, ctr-status and ctr-number"
        ),
    })
}

/// The pods `pod ps` shows with their containers, filtered and sorted.
fn listed(ctx: &Context, a: &PodPsArgs) -> anyhow::Result<Vec<(PodRecord, Members)>> {
    let mut rows = Vec::new();
    for p in pod::all(&ctx.paths)? {
        let members = pod::members(&ctx.paths, &p)?;
        let mut ok = true;
        for f in &a.filter {
            ok &= keep(f, &p, &members)?;
        }
        if ok {
            rows.push((p, members));
        }
    }
    match a.sort.as_str() {
        "created" => {}
        "id" => rows.sort_by(|x, y| x.0.id.cmp(&y.0.id)),
        "name" => rows.sort_by(|x, y| x.0.name.cmp(&y.0.name)),
        "number" => rows.sort_by_key(|x| x.1.len()),
        "status" => rows.sort_by_key(|x| pod::status(&x.1)),
        other => bail!("--sort {other:?}: expected created, id, name, number or status"),
    }
    if a.latest {
        rows.truncate(1);
    }
    Ok(rows)
}

pub(super) fn ps(ctx: &Context, a: &PodPsArgs) -> anyhow::Result<i32> {
    let rows = listed(ctx, a)?;
    let short = |id: &str| {
        if a.no_trunc {
            id.to_string()
        } else {
            id[..12].to_string()
        }
    };
    if a.quiet {
        for (p, _) in &rows {
            println!("{}", short(&p.id));
        }
        return Ok(0);
    }
    let format = Format::parse(a.format.as_deref())?;
    let values: Vec<Value> = rows
        .iter()
        .map(|(p, m)| {
            let created = super::ps::unix(&p.created);
            let names: Vec<&str> = m.iter().map(|(r, _)| r.name.as_str()).collect();
            let ids: Vec<String> = m.iter().map(|(r, _)| short(&r.id)).collect();
            let states: Vec<&str> = m.iter().map(|(_, s)| s.status.as_str()).collect();
            let networks = networks(ctx, p);
            if matches!(format, Format::Json) {
                return json!({
                    "Cgroup": "", "Created": time::rfc3339(created), "Id": p.id,
                    "InfraId": p.infra_id.clone().unwrap_or_default(), "Name": p.name,
                    "Namespace": "", "Networks": networks, "Status": pod::status(m),
                    "Labels": p.labels,
                    "Containers": m.iter().map(|(r, s)| json!({
                        "Id": r.id, "Names": r.name, "Status": s.status.as_str()
                    })).collect::<Vec<_>>(),
                });
            }
            json!({
                "ID": short(&p.id), "Id": p.id, "Name": p.name,
                "Status": pod::status(m),
                "Created": time::human_since(created), "CreatedAt": time::rfc3339(created),
                "InfraID": p.infra_id.as_deref().map(short).unwrap_or_default(),
                "InfraId": p.infra_id.as_deref().map(short).unwrap_or_default(),
                "NumberOfContainers": m.len(), "Labels": p.labels,
                "Networks": networks.join(","), "Cgroup": "",
                "ContainerNames": names.join(","), "ContainerIds": ids.join(","),
                "ContainerStatuses": states.join(","),
            })
        })
        .collect();
    let mut cols = vec![
        ("POD ID", "{{.ID}}"),
        ("NAME", "{{.Name}}"),
        ("STATUS", "{{.Status}}"),
        ("CREATED", "{{.Created}}"),
        ("INFRA ID", "{{.InfraID}}"),
    ];
    if a.ctr_ids {
        cols.push(("IDS", "{{.ContainerIds}}"));
    }
    if a.ctr_names {
        cols.push(("NAMES", "{{.ContainerNames}}"));
    }
    if a.ctr_status {
        cols.push(("STATUS", "{{.ContainerStatuses}}"));
    }
    if a.ns {
        cols.push(("NETWORKS", "{{.Networks}}"));
    }
    if !(a.ctr_ids || a.ctr_names || a.ctr_status) {
        cols.push(("# OF CONTAINERS", "{{.NumberOfContainers}}"));
    }
    print_rows_heading(&format, &values, &cols, !a.noheading)?;
    Ok(0)
}

/// The networks the pod's infra is on, as `pod ps` names them.
fn networks(ctx: &Context, p: &PodRecord) -> Vec<String> {
    let Some(infra) = p.infra_id.as_deref() else {
        return Vec::new();
    };
    match crate::container::list::load(&ctx.paths, infra) {
        Ok(Some(r)) => match &r.network {
            crate::container::record::NetworkMode::Bridge(nets) => {
                nets.iter().map(|n| n.name.clone()).collect()
            }
            other => vec![crate::network::mode_name(other)],
        },
        _ => Vec::new(),
    }
}

/// `pod inspect`'s record of one pod, in Podman's shape.
fn inspect_value(ctx: &Context, p: &PodRecord) -> anyhow::Result<Value> {
    let members = pod::members(&ctx.paths, p)?;
    let infra = p
        .infra_id
        .as_deref()
        .and_then(|id| crate::container::list::load(&ctx.paths, id).ok().flatten());
    let infra_config = infra.as_ref().map(|r| {
        json!({
            "PortBindings": crate::network::inspect_port_bindings(&r.ports),
            "HostNetwork": matches!(r.network, crate::container::record::NetworkMode::Host),
            "StaticIP": "", "StaticMAC": "",
            "NoManageResolvConf": false, "NoManageHosts": false,
            "Networks": networks(ctx, p),
            "NetworkOptions": null,
            "pid_ns": "private", "userns": "host", "uts_ns": "private",
        })
    });
    let shared: Vec<&String> = if p.infra_id.is_some() {
        p.share.iter().collect()
    } else {
        Vec::new()
    };
    Ok(json!({
        "Id": p.id,
        "Name": p.name,
        "Created": p.created,
        "CreateCommand": p.create_command,
        "ExitPolicy": p.exit_policy,
        "State": pod::status(&members),
        "Hostname": p.hostname,
        "Labels": p.labels,
        "CreateCgroup": false,
        "CreateInfra": p.infra_id.is_some(),
        "InfraContainerID": p.infra_id.clone().unwrap_or_default(),
        "InfraConfig": infra_config,
        "SharedNamespaces": shared,
        "NumContainers": members.len(),
        "Containers": members.iter().map(|(r, s)| json!({
            "Id": r.id, "Name": r.name, "State": s.status.as_str(),
        })).collect::<Vec<_>>(),
    }))
}

pub(super) fn inspect(ctx: &Context, a: &PodInspectArgs) -> anyhow::Result<i32> {
    let pods: Vec<PodRecord> = if a.latest {
        pod::all(&ctx.paths)?.into_iter().take(1).collect()
    } else {
        if a.pods.is_empty() {
            bail!("pod inspect needs a pod name or ID (or --latest)");
        }
        a.pods
            .iter()
            .map(|n| pod::find(&ctx.paths, n))
            .collect::<Result<_, _>>()?
    };
    let values = pods
        .iter()
        .map(|p| inspect_value(ctx, p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let text = match Format::parse(a.format.as_deref())? {
        Format::Template(t) => {
            let mut text = String::new();
            for v in &values {
                text.push_str(t.render(v)?.trim_end_matches('\n'));
                text.push('\n');
            }
            text
        }
        // One pod: the object itself, as Podman 4 prints it.
        _ if values.len() == 1 => serde_json::to_string_pretty(&values[0])? + "\n",
        _ => serde_json::to_string_pretty(&values)? + "\n",
    };
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

pub(super) fn top(ctx: &Context, a: &PodTopArgs) -> anyhow::Result<i32> {
    let p = pod::find(&ctx.paths, &a.pod)?;
    let running: Vec<String> = pod::members(&ctx.paths, &p)?
        .into_iter()
        .filter(|(_, s)| crate::container::stop::is_running(s))
        .map(|(r, _)| r.id)
        .collect();
    if running.is_empty() {
        bail!(
            "pod {} is not running: start it with `rcon pod start {}`",
            p.name,
            p.name
        );
    }
    super::top::top_many(ctx, &running, &a.descriptors)
}

pub(super) fn logs(ctx: &Context, a: &PodLogsArgs) -> anyhow::Result<i32> {
    let p = pod::find(&ctx.paths, &a.pod)?;
    let mut containers: Vec<String> = pod::members(&ctx.paths, &p)?
        .into_iter()
        .filter(|(r, _)| !r.pod.as_ref().is_some_and(|l| l.infra))
        .map(|(r, _)| r.id)
        .collect();
    if let Some(c) = &a.container {
        let r = crate::container::list::find(&ctx.paths, c)?;
        if !containers.contains(&r.id) {
            bail!("container {} is not in pod {}", r.name, p.name);
        }
        containers = vec![r.id];
    }
    if containers.is_empty() {
        bail!("pod {} has no containers to show logs of", p.name);
    }
    let args = super::logs::LogsArgs {
        follow: a.follow,
        tail: a.tail,
        since: None,
        until: None,
        timestamps: a.timestamps,
        names: true,
        containers,
    };
    super::logs::logs(ctx, &args)
}

pub(super) fn stats(ctx: &Context, a: &PodStatsArgs) -> anyhow::Result<i32> {
    let pods: Vec<PodRecord> = if a.all || a.pods.is_empty() {
        pod::all(&ctx.paths)?
    } else {
        a.pods
            .iter()
            .map(|n| pod::find(&ctx.paths, n))
            .collect::<Result<_, _>>()?
    };
    let mut containers = Vec::new();
    for p in &pods {
        for (r, s) in pod::members(&ctx.paths, p)? {
            if crate::container::stop::is_running(&s) {
                containers.push(r.id);
            }
        }
    }
    let args = super::stats::StatsArgs {
        all: false,
        no_stream: a.no_stream,
        format: a.format.clone(),
        interval: 5,
        latest: false,
        no_trunc: false,
        containers,
    };
    super::stats::stats(ctx, &args)
}
