//! `rcon auto-update`: brings containers labelled `io.containers.autoupdate` up to date by
//! restarting the systemd units they run in, as `podman auto-update` does (the work is in
//! [`crate::autoupdate`]). Prints one row per container (UNIT, CONTAINER, IMAGE, POLICY,
//! UPDATED), then one `Error:` line per failure and exits 125 when there was any.
use super::container::inspect_value;
use super::format::{print_rows, Format};
use super::Context;
use crate::autoupdate::{self, Host, Options, Row};
use crate::container::ContainerRecord;
use crate::image::registry::ClientOptions;
use anyhow::Context as _;
use clap::{ArgAction, Args};
use serde_json::{json, Value};
use std::path::PathBuf;

// `rcon auto-update`.
#[derive(Debug, Args)]
pub(crate) struct AutoUpdateArgs {
    /// Path of the authentication file for the registry checks and pulls (a container's
    /// io.containers.autoupdate.authfile label overrides it)
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub(crate) authfile: Option<PathBuf>,
    /// Only check: report `pending` for the containers an update would restart
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Print the report with a Go template (fields .Unit, .Container, .ContainerID,
    /// .ContainerName, .Image, .Policy, .Updated), `json`, or `table …`
    #[arg(long, value_name = "TEMPLATE")]
    pub(crate) format: Option<String>,
    /// Restart a unit with its previous image when it fails after an update
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) rollback: bool,
    /// Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub(crate) tls_verify: Option<bool>,
}

/// The default table.
const COLUMNS: [(&str, &str); 5] = [
    ("UNIT", "{{.Unit}}"),
    ("CONTAINER", "{{.Container}}"),
    ("IMAGE", "{{.Image}}"),
    ("POLICY", "{{.Policy}}"),
    ("UPDATED", "{{.Updated}}"),
];

/// systemctl for the units, `inspect`'s health for the containers.
struct CliHost<'a>(&'a Context);

impl Host for CliHost<'_> {
    fn restart(&self, unit: &str) -> Result<(), autoupdate::AutoUpdateError> {
        autoupdate::units::restart(unit)
    }

    fn health(&self, record: &ContainerRecord) -> Option<String> {
        let v = inspect_value(self.0, record).ok()?;
        v.pointer("/State/Health/Status")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }
}

fn row_value(r: &Row) -> Value {
    json!({
        "Unit": r.unit,
        "Container": format!("{} ({})", &r.container_id[..12], r.container_name),
        "ContainerID": r.container_id,
        "ContainerName": r.container_name,
        "Image": r.image,
        "Policy": r.policy.as_str(),
        "Updated": r.updated.as_str(),
    })
}

pub(super) fn auto_update(ctx: &Context, a: &AutoUpdateArgs) -> anyhow::Result<i32> {
    let format = Format::parse(a.format.as_deref())
        .with_context(|| format!("--format {:?}", a.format.as_deref().unwrap_or("")))?;
    // A template naming an unknown field is refused before anything is updated.
    let sample = row_value(&Row {
        unit: String::new(),
        container_id: "0".repeat(64),
        container_name: String::new(),
        image: String::new(),
        policy: autoupdate::Policy::Registry,
        updated: autoupdate::Updated::False,
    });
    let probe = match &format {
        Format::Template(t) => t.render(&sample).err(),
        Format::Table(cols) => cols.iter().find_map(|(_, t)| t.render(&sample).err()),
        Format::Default | Format::Json => None,
    };
    if let Some(e) = probe {
        anyhow::bail!(
            "--format {:?}: {e}",
            a.format.as_deref().unwrap_or_default()
        );
    }
    let opts = Options {
        dry_run: a.dry_run,
        rollback: a.rollback,
        client: ClientOptions {
            tls_verify: a.tls_verify,
            cert_dir: None,
            authfile: a.authfile.clone(),
            credentials: None,
            user_agent: format!("rcon/{}", env!("CARGO_PKG_VERSION")),
        },
    };
    let (rows, errors) = autoupdate::run(&ctx.paths, &opts, &CliHost(ctx));
    if !rows.is_empty() {
        let values: Vec<Value> = rows.iter().map(row_value).collect();
        print_rows(&format, &values, &COLUMNS)?;
    }
    for e in &errors {
        eprintln!("Error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 125 })
}
