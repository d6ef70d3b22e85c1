//! `login` and `logout`: credentials checked against the registry, kept in containers-auth.json.
use super::image::RegistryOpts;
use super::Context;
use crate::config::auth::{AuthFiles, Credentials};
use crate::config::registries::RegistriesConf;
use crate::image::registry::Client;
use anyhow::{bail, Context as _};
use clap::Args;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    /// Registry host[:port] (default: the first unqualified-search registry)
    #[arg(value_name = "REGISTRY")]
    pub(crate) registry: Option<String>,
    /// Username
    #[arg(short, long)]
    pub(crate) username: Option<String>,
    /// Password (prefer --password-stdin: this one shows in the process list)
    #[arg(short, long)]
    pub(crate) password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub(crate) password_stdin: bool,
    /// Print the username stored for the registry
    #[arg(long)]
    pub(crate) get_login: bool,
    #[command(flatten)]
    pub(crate) registry_opts: RegistryOpts,
}

#[derive(Debug, Args)]
pub(crate) struct LogoutArgs {
    /// Registry host[:port]
    #[arg(value_name = "REGISTRY")]
    pub(crate) registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Path of the authentication file
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub(crate) authfile: Option<PathBuf>,
}

/// `docker.io`, `https://quay.io/v1/` or `quay.io/ns` → the key credentials are stored under.
pub(crate) fn registry_key(input: &str) -> String {
    let s = input
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let s = s.trim_end_matches('/');
    match s {
        "index.docker.io" | "index.docker.io/v1" | "registry-1.docker.io" => "docker.io".into(),
        _ => s
            .strip_suffix("/v1")
            .or_else(|| s.strip_suffix("/v2"))
            .unwrap_or(s)
            .to_string(),
    }
}

fn default_registry(ctx: &Context) -> anyhow::Result<String> {
    let conf = RegistriesConf::load(&ctx.paths)?;
    Ok(conf
        .search_registries()
        .into_iter()
        .next()
        .unwrap_or_else(|| "docker.io".into()))
}

pub(super) fn login(ctx: &Context, a: &LoginArgs) -> anyhow::Result<i32> {
    let registry = registry_key(&match &a.registry {
        Some(r) => r.clone(),
        None => default_registry(ctx)?,
    });
    let auth = AuthFiles::discover(&ctx.paths, a.registry_opts.authfile.as_deref());
    let (host, repo) = registry.split_once('/').unwrap_or((&registry, ""));
    if a.get_login {
        return match auth.lookup(host, repo)? {
            Some(c) => {
                println!("{}", c.username);
                Ok(0)
            }
            None => bail!("not logged into {registry}: log in with `rcon login {registry}`"),
        };
    }
    if a.password.is_some() && a.password_stdin {
        bail!("--password and --password-stdin cannot be used together: choose one");
    }
    let stdin = io::stdin();
    let username = match &a.username {
        Some(u) => u.clone(),
        None if a.password_stdin => bail!("--password-stdin needs --username"),
        None => {
            if !stdin.is_terminal() {
                bail!("no username given and no terminal to ask on: pass --username");
            }
            prompt("Username: ")?
        }
    };
    let password = if a.password_stdin {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_string()
    } else if let Some(p) = &a.password {
        p.clone()
    } else {
        if !stdin.is_terminal() {
            bail!("no password given and no terminal to ask on: pass --password-stdin");
        }
        prompt_hidden("Password: ")?
    };
    if username.is_empty() || password.is_empty() {
        bail!("username and password must not be empty");
    }
    let creds = Credentials::new(username, password);
    let opts = a.registry_opts.options(None)?;
    let conf = RegistriesConf::load(&ctx.paths)?;
    let client = Client::new(&ctx.paths, opts)?;
    client
        .check_login(host, &creds, conf.is_insecure(host))
        .with_context(|| format!("logging in to {registry}"))?;
    let path = auth.store(&registry, &creds)?;
    log::debug!("credentials written to {}", path.display());
    println!("Login Succeeded!");
    Ok(0)
}

pub(super) fn logout(ctx: &Context, a: &LogoutArgs) -> anyhow::Result<i32> {
    let auth = AuthFiles::discover(&ctx.paths, a.authfile.as_deref());
    if a.all {
        auth.remove_all()?;
        println!("Removed login credentials for all registries");
        return Ok(0);
    }
    let registry = registry_key(&match &a.registry {
        Some(r) => r.clone(),
        None => default_registry(ctx)?,
    });
    if !auth.remove(&registry)? {
        bail!("not logged into {registry}: nothing to remove");
    }
    println!("Removed login credentials for {registry}");
    Ok(0)
}

fn prompt(label: &str) -> anyhow::Result<String> {
    eprint!("{label}");
    io::stderr().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// Reads a line from the terminal with echo turned off, restoring the terminal afterwards.
fn prompt_hidden(label: &str) -> anyhow::Result<String> {
    use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
    let stdin = io::stdin();
    let saved = tcgetattr(&stdin)?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(&stdin, SetArg::TCSANOW, &quiet)?;
    let line = prompt(label);
    tcsetattr(&stdin, SetArg::TCSANOW, &saved)?;
    eprintln!();
    line
}

#[cfg(test)]
mod tests {
    use super::registry_key;

    #[test]
    fn registry_keys_normalise() {
        assert_eq!(registry_key("https://index.docker.io/v1/"), "docker.io");
        assert_eq!(registry_key("quay.io"), "quay.io");
        assert_eq!(registry_key("localhost:5000/"), "localhost:5000");
        assert_eq!(registry_key("quay.io/ns"), "quay.io/ns");
    }
}
