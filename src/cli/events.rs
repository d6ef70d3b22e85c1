//! `rcon events`: what happened, from the events backend in effect; follows new events until
//! interrupted unless `--stream=false`.
use super::format::{Format, Template};
use super::logs::{now_nanos, parse_time};
use super::Context;
use crate::events::{self, Filters, ReadOptions};
use clap::{ArgAction, Args};
use std::io::Write;

#[derive(Debug, Args)]
pub(crate) struct EventsArgs {
    /// Show only the events that match: container=, event= (status=), image=, label=,
    /// network=, pod=, type=, volume= (repeat a key for any of its values)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub(crate) filter: Vec<String>,
    /// Show events since this time (RFC 3339, Unix seconds, or a duration such as 10m)
    #[arg(long, value_name = "TIME")]
    pub(crate) since: Option<String>,
    /// Show events until this time (RFC 3339, Unix seconds, or a duration such as 10m)
    #[arg(long, value_name = "TIME")]
    pub(crate) until: Option<String>,
    /// Format each event: json, or a Go template such as '{{.Status}} {{.Name}}'
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Follow new events (false: print the recorded ones and exit)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) stream: bool,
    /// Show full IDs (false: 12 characters)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) no_trunc: bool,
}

pub(super) fn events(ctx: &Context, a: &EventsArgs) -> anyhow::Result<i32> {
    let now = now_nanos();
    let opts = ReadOptions {
        filters: Filters::parse(&a.filter)?,
        since: a
            .since
            .as_deref()
            .map(|v| parse_time("--since", v, now))
            .transpose()?,
        until: a
            .until
            .as_deref()
            .map(|v| parse_time("--until", v, now))
            .transpose()?,
        stream: a.stream,
    };
    let format = Format::parse(a.format.as_deref())?;
    let template: Option<Template> = match format {
        Format::Default => None,
        Format::Json => None,
        Format::Template(t) => Some(t),
        Format::Table(_) => anyhow::bail!(
            "--format {:?}: events print one line each, not a table: give json or a template",
            a.format.as_deref().unwrap_or_default()
        ),
    };
    let json = a.format.as_deref().map(str::trim) == Some("json");
    let stdout = std::io::stdout();
    let mut failed: Option<anyhow::Error> = None;
    events::read(&ctx.paths, &opts, &mut |e| {
        let line = if json {
            serde_json::to_string(e)?
        } else if let Some(t) = &template {
            match t.render(&e.template_value()) {
                Ok(s) => s,
                Err(err) => {
                    failed = Some(err.into());
                    return Err(std::io::ErrorKind::InvalidInput.into());
                }
            }
        } else {
            e.human(!a.no_trunc)
        };
        let mut out = stdout.lock();
        writeln!(out, "{line}")?;
        out.flush()
    })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}
