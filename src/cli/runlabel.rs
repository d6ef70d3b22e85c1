//! `container runlabel LABEL IMAGE [ARG…]`: runs the command an image keeps in a label (the
//! `INSTALL`, `RUN` and `UNINSTALL` labels of images made to install themselves), as Podman
//! does. The label's words get the image's name for `IMAGE`, the container's for `NAME`, and
//! `--opt1`…`--opt3` and the working folder for `$OPT1`…`$OPT3` and `$PWD`; a command whose
//! program is `podman`, `docker` or `rcon` runs this rcon.
use super::image::RegistryOpts;
use super::Context;
use crate::container::{create, list};
use crate::image::pull::PullOptions;
use crate::image::resolve::{self, PullPolicy};
use crate::image::store::ImageRecord;
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args};
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Debug, Args)]
pub(crate) struct RunlabelArgs {
    /// Print the command instead of running it
    #[arg(long)]
    display: bool,
    /// The name NAME stands for in the command (default: the image's, without registry and
    /// tag)
    #[arg(short, long)]
    name: Option<String>,
    /// The value of $OPT1 in the command
    #[arg(long, value_name = "VALUE")]
    opt1: Option<String>,
    /// The value of $OPT2 in the command
    #[arg(long, value_name = "VALUE")]
    opt2: Option<String>,
    /// The value of $OPT3 in the command
    #[arg(long, value_name = "VALUE")]
    opt3: Option<String>,
    /// Pull the image when it is not stored (false: it must be)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pull: bool,
    /// Print no pull progress and discard the command's output
    #[arg(short, long)]
    quiet: bool,
    /// Remove the container the command's --name names before running it
    #[arg(long)]
    replace: bool,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    creds: Option<String>,
    #[command(flatten)]
    registry: RegistryOpts,
    /// The label that holds the command (in any case: install finds INSTALL)
    #[arg(value_name = "LABEL")]
    label: String,
    /// The image whose label it is
    #[arg(value_name = "IMAGE")]
    image: String,
    /// Words added to the end of the command
    #[arg(
        value_name = "ARG",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

pub(super) fn runlabel(ctx: &Context, a: &RunlabelArgs) -> anyhow::Result<i32> {
    let opts = PullOptions {
        platform: None,
        quiet: a.quiet,
        client: a.registry.client_options(a.creds.as_deref())?,
    };
    let policy = if a.pull {
        PullPolicy::Missing
    } else {
        PullPolicy::Never
    };
    let image = resolve::resolve(&ctx.paths, &a.image, policy, &opts)?;
    let config = create::image_config(&ctx.paths, &image)?;
    let labels = config
        .pointer("/config/Labels")
        .and_then(|l| l.as_object())
        .cloned()
        .unwrap_or_default();
    let text = labels
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&a.label))
        .and_then(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty());
    let Some(text) = text else {
        bail!(
            "cannot find the value of label: {} in image: {}",
            a.label,
            a.image
        );
    };
    let image_name = display_name(&image);
    let name = match &a.name {
        Some(n) => n.clone(),
        None => default_name(&image, &image_name, &a.image),
    };
    let pwd = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let fill = Fill {
        image: &image_name,
        name: &name,
        opts: [a.opt1.as_deref(), a.opt2.as_deref(), a.opt3.as_deref()],
        pwd: &pwd,
    };
    let words = command(text, &a.args, &fill)
        .with_context(|| format!("label {} of image {}", a.label, a.image))?;
    let ours = is_ours(&words[0]);
    if a.display {
        let program = match ours {
            true => std::env::args().next().unwrap_or_else(|| "rcon".into()),
            false => words[0].clone(),
        };
        let mut shown = vec![program];
        shown.extend_from_slice(&words[1..]);
        println!("command: {}", shown.join(" "));
        return Ok(0);
    }
    if a.replace {
        replace(ctx, &words)?;
    }
    execute(ctx, &words, ours, a)
}

/// The name `IMAGE` stands for: the image's newest name, else its ID.
fn display_name(image: &ImageRecord) -> String {
    image
        .names_history
        .first()
        .or(image.names.first())
        .cloned()
        .unwrap_or_else(|| image.id.hex().to_string())
}

/// `NAME` without `--name`: the last path part of the name the user gave, without its tag
/// (of the image's own name when the user gave an ID).
fn default_name(image: &ImageRecord, image_name: &str, given: &str) -> String {
    let from = match image.id.hex().starts_with(given) {
        true => image_name,
        false => given,
    };
    let last = from.rsplit('/').next().unwrap_or(from);
    last.split(':').next().unwrap_or(last).to_string()
}

/// What fills a command's placeholders.
struct Fill<'a> {
    image: &'a str,
    name: &'a str,
    opts: [Option<&'a str>; 3],
    pwd: &'a str,
}

#[derive(Debug, thiserror::Error, PartialEq)]
enum CommandError {
    #[error("the command has an unclosed quote or a trailing backslash: fix the label")]
    Quoting,
    #[error("the command is empty")]
    Empty,
}

/// The label's command as words, placeholders filled (Podman's order: `IMAGE` and `NAME` in
/// each word after the program, then `$OPT1`…`$OPT3` and `$PWD` in the whole, any other
/// `$VAR` empty, and the words split again: an option's value of several words gives
/// several, a quoted word of the label stays one).
fn command(text: &str, args: &[String], fill: &Fill) -> Result<Vec<String>, CommandError> {
    let mut text = text.to_string();
    if !args.is_empty() {
        text = format!("{text} {}", args.join(" "));
    }
    let words = shlex::split(&text).ok_or(CommandError::Quoting)?;
    let Some((program, rest)) = words.split_first() else {
        return Err(CommandError::Empty);
    };
    let mut filled = vec![program.clone()];
    for w in rest {
        filled.push(match w.as_str() {
            "IMAGE=IMAGE" => format!("IMAGE={}", fill.image),
            "NAME=NAME" => format!("NAME={}", fill.name),
            _ => placeholder(&placeholder(w, "NAME", fill.name), "IMAGE", fill.image),
        });
    }
    let joined: Vec<String> = filled.iter().map(|w| requote(w)).collect();
    let expanded = expand(&joined.join(" "), |var| match var {
        "OPT1" => fill.opts[0].unwrap_or("").to_string(),
        "OPT2" => fill.opts[1].unwrap_or("").to_string(),
        "OPT3" => fill.opts[2].unwrap_or("").to_string(),
        "PWD" => fill.pwd.to_string(),
        _ => String::new(),
    });
    let words = shlex::split(&expanded).ok_or(CommandError::Quoting)?;
    if words.is_empty() {
        return Err(CommandError::Empty);
    }
    Ok(words)
}

/// `word` as the label had it: in single quotes when it holds blanks, quotes or backslashes,
/// so that a quoted argument stays one word when the command is split again.
fn requote(word: &str) -> String {
    if word.is_empty() {
        return "''".to_string();
    }
    if word.contains(|c: char| c.is_whitespace() || "'\"\\".contains(c)) {
        return format!("'{}'", word.replace('\'', "'\\''"));
    }
    word.to_string()
}

/// `KEY` (the whole word), `$KEY`, `${KEY}` and a trailing `=KEY` in `word` replaced by
/// `value`.
fn placeholder(word: &str, key: &str, value: &str) -> String {
    if word == key {
        return value.to_string();
    }
    let mut out = word
        .replace(&format!("${{{key}}}"), value)
        .replace(&format!("${key}"), value);
    let tail = format!("={key}");
    if out.ends_with(&tail) {
        out = out.replace(&tail, &format!("={value}"));
    }
    out
}

/// `$VAR` and `${VAR}` in `s` replaced by `lookup(VAR)`, as a shell would without quotes: a
/// `$` before nothing that names a variable stays; a bad `${}` or a `${` without its `}`
/// is dropped.
fn expand(s: &str, lookup: impl Fn(&str) -> String) -> String {
    let special = |c: char| "*#$@!?-".contains(c) || c.is_ascii_digit();
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(first) = after.chars().next() else {
            out.push('$');
            rest = after;
            break;
        };
        if first == '{' {
            match after.find('}') {
                Some(1) => rest = &after[2..],
                None => rest = &after[1..],
                Some(end) => {
                    out.push_str(&lookup(&after[1..end]));
                    rest = &after[end + 1..];
                }
            }
        } else if special(first) {
            out.push_str(&lookup(&after[..1]));
            rest = &after[1..];
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if len == 0 {
                out.push('$');
            } else {
                out.push_str(&lookup(&after[..len]));
            }
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether the program is a container engine's CLI: then this rcon runs the command.
fn is_ours(program: &str) -> bool {
    let base = program.rsplit('/').next().unwrap_or(program);
    matches!(base, "podman" | "docker" | "rcon")
}

/// `--replace`: the container the command's `--name` names goes first, running or not.
fn replace(ctx: &Context, words: &[String]) -> anyhow::Result<()> {
    let named = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.as_str() {
            "--name" => words.get(i + 1).map(String::as_str),
            _ => w.strip_prefix("--name="),
        });
    let Some(name) = named else {
        return Ok(());
    };
    match list::find(&ctx.paths, name) {
        Ok(r) => match create::remove(&ctx.paths, &r.id, true) {
            Ok(()) | Err(create::CreateError::Gone { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        },
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Runs the command with `$OPT1`…`$OPT3` and `PODMAN_RUNLABEL_NESTED=1` in its environment
/// and returns its exit code (128 + N for signal N). An engine's CLI is this rcon, given the
/// `--root`, `--runroot` and `--volumepath` this one was.
fn execute(ctx: &Context, words: &[String], ours: bool, a: &RunlabelArgs) -> anyhow::Result<i32> {
    let mut cmd = if ours {
        let exe = std::env::current_exe().context("cannot find rcon's own binary")?;
        let mut cmd = Command::new(exe);
        if let Some(r) = &ctx.global.root {
            cmd.arg("--root").arg(r);
        }
        if let Some(r) = &ctx.global.runroot {
            cmd.arg("--runroot").arg(r);
        }
        if let Some(v) = &ctx.global.volume_path {
            cmd.arg("--volumepath").arg(v);
        }
        cmd
    } else {
        let program = &words[0];
        if program.contains('/') && !Path::new(program).exists() {
            bail!(
                "{program}: no such program (label {} of image {}): install it, or fix the \
                 label",
                a.label,
                a.image
            );
        }
        Command::new(program)
    };
    cmd.args(&words[1..]).env("PODMAN_RUNLABEL_NESTED", "1");
    for (var, value) in [("OPT1", &a.opt1), ("OPT2", &a.opt2), ("OPT3", &a.opt3)] {
        if let Some(v) = value {
            cmd.env(var, v);
        }
    }
    if a.quiet {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    let status = cmd.status().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => anyhow::anyhow!(
            "{}: no such program in $PATH (label {} of image {}): install it, or fix the label",
            words[0],
            a.label,
            a.image
        ),
        _ => anyhow::anyhow!("cannot run {}: {e}", words[0]),
    })?;
    use std::os::unix::process::ExitStatusExt;
    Ok(status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(125))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill<'a>(opts: [Option<&'a str>; 3]) -> Fill<'a> {
        Fill {
            image: "localhost/app:latest",
            name: "web",
            opts,
            pwd: "/home/u",
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn image_name_and_options_are_filled_and_unset_options_vanish() {
        let text = "/usr/bin/podman run --rm ${OPT1} -e NAME=${NAME} -e IMAGE=IMAGE \
                    --name NAME $IMAGE ${OPT2} /bin/install.sh $OPT3";
        let got = command(text, &[], &fill([Some("-t"), None, Some("x y")])).unwrap();
        assert_eq!(
            got,
            words(
                "/usr/bin/podman run --rm -t -e NAME=web -e IMAGE=localhost/app:latest \
                 --name web localhost/app:latest /bin/install.sh x y"
            )
        );
    }

    #[test]
    fn extra_args_go_last_and_pwd_and_other_variables_expand() {
        let args = vec!["--flag".to_string(), "$PWD".to_string()];
        let got = command("run -v $PWD:/w $HOME NAME=NAME", &args, &fill([None; 3])).unwrap();
        assert_eq!(got, words("run -v /home/u:/w NAME=web --flag /home/u"));
    }

    #[test]
    fn quotes_group_words_and_bad_quoting_is_refused() {
        let got = command(
            "sh -c 'echo $IMAGE $OPT1' \"it's\"",
            &[],
            &fill([Some("x y"), None, None]),
        );
        assert_eq!(
            got.unwrap(),
            vec!["sh", "-c", "echo localhost/app:latest x y", "it's"]
        );
        assert_eq!(
            command("sh -c 'open", &[], &fill([None; 3])),
            Err(CommandError::Quoting)
        );
        assert_eq!(
            command("$OPT1", &[], &fill([None; 3])),
            Err(CommandError::Empty)
        );
    }

    #[test]
    fn expand_follows_the_shell_rules() {
        let look = |v: &str| format!("<{v}>");
        assert_eq!(expand("a$B c${D}e", look), "a<B> c<D>e");
        assert_eq!(expand("cost: 5$ and $ sign", look), "cost: 5$ and $ sign");
        assert_eq!(expand("$1$", look), "<1>$");
        assert_eq!(expand("x${}y${open", look), "xyopen");
    }

    #[test]
    fn engines_are_recognised_by_their_base_name() {
        assert!(is_ours("podman") && is_ours("/usr/bin/podman") && is_ours("docker"));
        assert!(is_ours("/usr/local/bin/rcon"));
        assert!(!is_ours("/bin/sh") && !is_ours("podman-compose"));
    }

    #[test]
    fn the_default_name_is_the_last_path_part_without_the_tag() {
        let image: ImageRecord = serde_json::from_value(serde_json::json!({
            "id": format!("sha256:{}", "ab".repeat(32)),
            "digest": format!("sha256:{}", "cd".repeat(32)),
            "names": ["localhost/runlabel_image:latest"],
            "layers": [],
            "pulled": "2026-12-07T00:00:00Z",
        }))
        .unwrap();
        let shown = display_name(&image);
        assert_eq!(shown, "localhost/runlabel_image:latest");
        assert_eq!(
            default_name(&image, &shown, "runlabel_image"),
            "runlabel_image"
        );
        assert_eq!(default_name(&image, &shown, "quay.io/x/y:1"), "y");
        assert_eq!(default_name(&image, &shown, "abab"), "runlabel_image");
    }
}
