//! `rcon secret create|ls|inspect|rm|exists`, as Podman's (the file driver).
use super::format::{print_rows_heading, Format};
use super::Context;
use crate::container::secrets::{self, SecretError, SecretRecord};
use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::io::Read;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum SecretCommand {
    /// Store a secret from a file, from stdin (-) or with --env from a variable
    Create(CreateArgs),
    /// List secrets (never their data)
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show secrets as JSON (never their data)
    Inspect(InspectArgs),
    /// Remove secrets (containers keep the copies they were given)
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Exit 0 when the secret exists, 1 when it does not
    Exists(ExistsArgs),
}

#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The secret's name
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// A file holding the data, - for stdin, or with --env a variable's name
    #[arg(value_name = "FILE|-")]
    pub(crate) source: String,
    /// The secret's driver (only file)
    #[arg(short, long, default_value = "file", value_name = "DRIVER")]
    pub(crate) driver: String,
    /// Read the data from the environment variable SOURCE names
    #[arg(long)]
    pub(crate) env: bool,
    /// Set a label: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Replace a secret of that name
    #[arg(long)]
    pub(crate) replace: bool,
}

#[derive(Debug, Args)]
pub(crate) struct LsArgs {
    /// Print only the IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Leave out the table's header line
    #[arg(short, long)]
    pub(crate) noheading: bool,
    /// Output format: json, a Go template, or `table …`
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Filter: name=NAME, id=ID
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Secrets to inspect
    #[arg(value_name = "SECRET")]
    pub(crate) secrets: Vec<String>,
    /// Output format: json or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RmArgs {
    /// Secrets to remove
    #[arg(value_name = "SECRET")]
    pub(crate) secrets: Vec<String>,
    /// Remove every secret
    #[arg(short, long)]
    pub(crate) all: bool,
    /// No error for a secret that does not exist
    #[arg(short, long)]
    pub(crate) ignore: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExistsArgs {
    #[arg(value_name = "SECRET")]
    pub(crate) secret: String,
}

pub(super) fn dispatch(ctx: &Context, c: SecretCommand) -> anyhow::Result<i32> {
    match c {
        SecretCommand::Create(a) => create_cmd(ctx, &a),
        SecretCommand::Ls(a) => ls_cmd(ctx, &a),
        SecretCommand::Inspect(a) => inspect_cmd(ctx, &a),
        SecretCommand::Rm(a) => rm_cmd(ctx, &a),
        SecretCommand::Exists(a) => Ok(match secrets::find(&ctx.paths, &a.secret) {
            Ok(_) => 0,
            Err(SecretError::NotKnown(_)) => 1,
            Err(e) => return Err(e.into()),
        }),
    }
}

fn create_cmd(ctx: &Context, a: &CreateArgs) -> anyhow::Result<i32> {
    if a.driver != "file" {
        bail!(
            "secret driver {:?} is not available: rcon has the file driver only",
            a.driver
        );
    }
    let data = if a.env {
        std::env::var(&a.source)
            .with_context(|| format!("--env: no environment variable {:?} is set", a.source))?
            .into_bytes()
    } else if a.source == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(secrets::MAX_SIZE as u64 + 1)
            .read_to_end(&mut buf)
            .context("cannot read the secret from stdin")?;
        buf
    } else {
        let meta = std::fs::metadata(&a.source)
            .with_context(|| format!("secret file {}: cannot read it", a.source))?;
        if meta.len() > secrets::MAX_SIZE as u64 {
            bail!(SecretError::TooBig {
                name: a.name.clone(),
                size: meta.len() as usize,
            });
        }
        std::fs::read(&a.source)
            .with_context(|| format!("secret file {}: cannot read it", a.source))?
    };
    let labels = super::key_values("--label", &a.label)?;
    let rec = secrets::create(&ctx.paths, &a.name, &data, labels, a.replace)?;
    println!("{}", rec.id);
    Ok(0)
}

/// The JSON `secret inspect` prints and templates see (Podman's shape).
fn inspect_value(ctx: &Context, s: &SecretRecord) -> Value {
    json!({
        "ID": s.id,
        "CreatedAt": s.created,
        "UpdatedAt": s.updated,
        "Spec": {
            "Name": s.name,
            "Driver": {
                "Name": s.driver,
                "Options": {"path": ctx.paths.root.join("secrets").display().to_string()},
            },
            "Labels": s.labels,
        },
    })
}

fn ls_cmd(ctx: &Context, a: &LsArgs) -> anyhow::Result<i32> {
    let format = Format::parse(a.format.as_deref())?;
    let mut rows = Vec::new();
    for s in secrets::list(&ctx.paths)? {
        let mut keep = true;
        for f in &a.filter {
            keep &= match f.split_once('=') {
                Some(("name", v)) => s.name == v,
                Some(("id", v)) => s.id.starts_with(v),
                _ => bail!("--filter {f:?}: rcon filters secrets by name and id"),
            };
        }
        if !keep {
            continue;
        }
        let mut row = inspect_value(ctx, &s);
        let (created, updated) = (
            crate::util::time::parse_rfc3339(&s.created).unwrap_or(0),
            crate::util::time::parse_rfc3339(&s.updated).unwrap_or(0),
        );
        row["Name"] = json!(s.name);
        row["Driver"] = json!(s.driver);
        row["CreatedAt"] = json!(crate::util::time::human_since(created));
        row["UpdatedAt"] = json!(crate::util::time::human_since(updated));
        rows.push(row);
    }
    if a.quiet {
        for r in &rows {
            println!("{}", r["ID"].as_str().unwrap_or_default());
        }
        return Ok(0);
    }
    print_rows_heading(
        &format,
        &rows,
        &[
            ("ID", "{{.ID}}"),
            ("NAME", "{{.Name}}"),
            ("DRIVER", "{{.Driver}}"),
            ("CREATED", "{{.CreatedAt}}"),
            ("UPDATED", "{{.UpdatedAt}}"),
        ],
        !a.noheading,
    )?;
    Ok(0)
}

fn inspect_cmd(ctx: &Context, a: &InspectArgs) -> anyhow::Result<i32> {
    if a.secrets.is_empty() {
        bail!("secret inspect needs at least one secret name");
    }
    let mut out = Vec::new();
    let mut code = 0;
    for name in &a.secrets {
        match secrets::find(&ctx.paths, name) {
            Ok(s) => out.push(inspect_value(ctx, &s)),
            Err(e @ SecretError::NotKnown(_)) => {
                eprintln!("Error: {e}");
                code = 125;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !out.is_empty() || code == 0 {
        super::container::print_inspect(&out, a.format.as_deref())?;
    }
    Ok(code)
}

/// Exit codes as `volume rm`'s: 1 when a secret did not exist.
fn rm_cmd(ctx: &Context, a: &RmArgs) -> anyhow::Result<i32> {
    if a.all != a.secrets.is_empty() {
        bail!("secret rm needs secret names or --all, not both and not neither");
    }
    let names: Vec<String> = if a.all {
        secrets::list(&ctx.paths)?
            .into_iter()
            .map(|s| s.id)
            .collect()
    } else {
        a.secrets.clone()
    };
    let mut code = 0;
    for n in &names {
        match secrets::remove(&ctx.paths, n) {
            Ok(s) => println!("{}", s.id),
            Err(SecretError::NotKnown(_)) if a.ignore => {}
            Err(e @ SecretError::NotKnown(_)) => {
                eprintln!("Error: {e}");
                code = 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(code)
}
