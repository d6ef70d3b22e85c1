//! The typed instructions of a Containerfile, one variant per instruction, with what each
//! holds after parsing (words as written) and after `expand` (words substituted); and what a
//! RUN executes, heredocs included.
use std::time::Duration;

/// An instruction name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Keyword {
    From,
    Run,
    Cmd,
    Label,
    Maintainer,
    Expose,
    Env,
    Add,
    Copy,
    Entrypoint,
    Volume,
    User,
    Workdir,
    Arg,
    Onbuild,
    Stopsignal,
    Healthcheck,
    Shell,
}

const KEYWORDS: [(Keyword, &str); 18] = [
    (Keyword::From, "FROM"),
    (Keyword::Run, "RUN"),
    (Keyword::Cmd, "CMD"),
    (Keyword::Label, "LABEL"),
    (Keyword::Maintainer, "MAINTAINER"),
    (Keyword::Expose, "EXPOSE"),
    (Keyword::Env, "ENV"),
    (Keyword::Add, "ADD"),
    (Keyword::Copy, "COPY"),
    (Keyword::Entrypoint, "ENTRYPOINT"),
    (Keyword::Volume, "VOLUME"),
    (Keyword::User, "USER"),
    (Keyword::Workdir, "WORKDIR"),
    (Keyword::Arg, "ARG"),
    (Keyword::Onbuild, "ONBUILD"),
    (Keyword::Stopsignal, "STOPSIGNAL"),
    (Keyword::Healthcheck, "HEALTHCHECK"),
    (Keyword::Shell, "SHELL"),
];

impl Keyword {
    /// The keyword an instruction word names, in any case.
    pub(crate) fn parse(word: &str) -> Option<Keyword> {
        KEYWORDS
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(word))
            .map(|(k, _)| *k)
    }

    /// The name in capitals, as Docker prints it.
    pub(crate) fn name(self) -> &'static str {
        KEYWORDS
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, name)| name)
    }

    /// Every name, for error messages.
    pub(crate) fn list() -> String {
        KEYWORDS.map(|(_, name)| name).join(", ")
    }
}

impl std::fmt::Display for Keyword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One instruction at its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    /// The 1-based line the instruction starts on.
    pub(crate) line: usize,
    /// The instruction as one line: continuation lines joined (escape characters and comment
    /// lines removed), surrounding whitespace trimmed, heredoc bodies not included. This is
    /// the text of `STEP n/m: …` and of the image history's `created_by`.
    pub(crate) original: String,
    pub(crate) instruction: Instruction,
}

/// One instruction. Words are as written until `expand` substitutes them; each variant says
/// which of its words `expand` touches.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Instruction {
    /// Expanded: `image`, `platform` (the builder passes the global ARGs).
    From(Base),
    /// Expanded: the mount options only; the command is the shell's business.
    Run(Run),
    /// Never expanded.
    Cmd(CommandLine),
    /// Keys and values expanded.
    Label(Vec<KeyValue>),
    /// Never expanded.
    Maintainer(String),
    /// Each word expanded and split; after `expand` the list holds `port/proto` entries
    /// (ranges unrolled, protocol lowercase, default `tcp`).
    Expose(Vec<String>),
    /// Keys and values expanded.
    Env(Vec<KeyValue>),
    /// Sources, destination, `--chown`, `--chmod`, `--checksum` and the bodies of heredocs
    /// with an unquoted marker expanded.
    Add(AddFiles),
    /// Sources, destination, `--chown`, `--chmod` and the bodies of heredocs with an unquoted
    /// marker expanded; `--from` cannot hold variables and `--exclude` is not expanded.
    Copy(CopyFiles),
    /// Never expanded.
    Entrypoint(CommandLine),
    /// Each path expanded.
    Volume(Vec<String>),
    /// Expanded.
    User(String),
    /// Expanded.
    Workdir(String),
    /// Defaults expanded (names are not).
    Arg(Vec<ArgDef>),
    /// Never expanded: the trigger runs, and expands, in the builds that use this image.
    Onbuild(Onbuild),
    /// Expanded.
    Stopsignal(String),
    /// Never expanded.
    Healthcheck(Healthcheck),
    /// Never expanded.
    Shell(Vec<String>),
}

impl Instruction {
    pub(crate) fn keyword(&self) -> Keyword {
        match self {
            Instruction::From(_) => Keyword::From,
            Instruction::Run(_) => Keyword::Run,
            Instruction::Cmd(_) => Keyword::Cmd,
            Instruction::Label(_) => Keyword::Label,
            Instruction::Maintainer(_) => Keyword::Maintainer,
            Instruction::Expose(_) => Keyword::Expose,
            Instruction::Env(_) => Keyword::Env,
            Instruction::Add(_) => Keyword::Add,
            Instruction::Copy(_) => Keyword::Copy,
            Instruction::Entrypoint(_) => Keyword::Entrypoint,
            Instruction::Volume(_) => Keyword::Volume,
            Instruction::User(_) => Keyword::User,
            Instruction::Workdir(_) => Keyword::Workdir,
            Instruction::Arg(_) => Keyword::Arg,
            Instruction::Onbuild(_) => Keyword::Onbuild,
            Instruction::Stopsignal(_) => Keyword::Stopsignal,
            Instruction::Healthcheck(_) => Keyword::Healthcheck,
            Instruction::Shell(_) => Keyword::Shell,
        }
    }
}

/// `FROM [--platform=…] image [AS name]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Base {
    /// The image (or earlier stage, or `scratch`), raw until expanded with the global ARGs.
    pub(crate) image: String,
    /// `--platform`, raw until expanded; an empty value counts as not given.
    pub(crate) platform: Option<String>,
    /// The stage name after `AS`, lowercased.
    pub(crate) alias: Option<String>,
}

/// A command in exec form (JSON array: no shell) or shell form (one string for the shell).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CommandLine {
    Exec(Vec<String>),
    /// The text after the flags; empty when nothing followed the instruction (Docker then
    /// runs the shell with an empty command).
    Shell(String),
}

/// `RUN [--mount=…]… [--network=…] [--security=…] command`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) command: CommandLine,
    /// Heredocs the command line opens, in order (shell form only).
    pub(crate) heredocs: Vec<Heredoc>,
    pub(crate) mounts: Vec<Mount>,
    pub(crate) network: Network,
    pub(crate) security: Security,
}

/// What the builder executes for a RUN, following Docker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Execution {
    /// Exec form: this argv, no shell.
    Exec(Vec<String>),
    /// Run the stage's shell (`SHELL`, default `/bin/sh -c`) with this one string appended.
    /// For `RUN <<EOF` without a shebang this is the heredoc's body (the script); for a
    /// command line that opens heredocs (`RUN python3 <<EOF`, `RUN cat <<A <<B > f`) it is the
    /// command line followed, for each heredoc, by a newline, its body and its terminator
    /// line, so the shell itself feeds the bodies.
    Shell(String),
    /// `RUN <<EOF` whose body starts with `#!`: write `body` to a file called `name`, mode
    /// 0755 (Docker mounts it read-only at `/dev/pipes/<name>`), and execute that file as the
    /// whole argv, with no shell: its shebang picks the interpreter. `name` is the heredoc's
    /// terminator and may hold any characters (`/`, `..`): never join it to a path unchecked.
    Script { name: String, body: String },
}

impl Run {
    /// What to execute; see `Execution`.
    pub(crate) fn execution(&self) -> Execution {
        let text = match &self.command {
            CommandLine::Exec(argv) => return Execution::Exec(argv.clone()),
            CommandLine::Shell(text) => text,
        };
        let Some(first) = self.heredocs.first() else {
            return Execution::Shell(text.clone());
        };
        if super::heredoc::marker(text).is_some() {
            let body = first.content();
            if body.starts_with("#!") {
                return Execution::Script {
                    name: first.name.clone(),
                    body,
                };
            }
            return Execution::Shell(body);
        }
        let mut full = text.clone();
        for h in &self.heredocs {
            full.push('\n');
            full.push_str(&h.body);
            full.push_str(&h.name);
        }
        Execution::Shell(full)
    }
}

/// `RUN --network`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Network {
    #[default]
    Default,
    None,
    Host,
}

/// `RUN --security`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Security {
    #[default]
    Sandbox,
    Insecure,
}

/// A heredoc opened by a RUN, COPY or ADD line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heredoc {
    /// The terminator word, quotes removed (`EOF` for `<<"EOF"`).
    pub(crate) name: String,
    /// The lines up to the terminator, each with its own line ending, as written (leading
    /// tabs kept even for `<<-`).
    pub(crate) body: String,
    /// False when the marker quoted any part of the word (`<<"EOF"`, `<<'EOF'`): no
    /// variable expansion in the body.
    pub(crate) expand: bool,
    /// `<<-`: leading tabs are stripped from every body line (and the terminator may have
    /// them).
    pub(crate) strip_tabs: bool,
}

impl Heredoc {
    /// The body with leading tabs stripped when the marker was `<<-`.
    pub(crate) fn content(&self) -> String {
        if !self.strip_tabs {
            return self.body.clone();
        }
        let mut out = String::with_capacity(self.body.len());
        for line in self.body.split_inclusive('\n') {
            out.push_str(line.trim_start_matches('\t'));
        }
        out
    }
}

/// `RUN --mount=type=…,…`. Every field is final after `expand`; before it, a field whose
/// value holds a variable keeps its default (strings empty, numbers `None`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mount {
    /// The flag's value as written (quotes of the flag word removed), re-read by `expand`.
    pub(crate) spec: String,
    pub(crate) kind: MountType,
    /// `target=` (`dst=`, `destination=`); empty when not given.
    pub(crate) target: String,
    /// `source=` (`src=`); empty when not given.
    pub(crate) source: String,
    /// `from=`: a stage name or an image; empty for the build context (bind) or a fresh
    /// cache directory.
    pub(crate) from: String,
    /// `ro`/`readonly`/`rw`/`readwrite`; by default true for bind, secret and ssh, false for
    /// cache and tmpfs.
    pub(crate) read_only: bool,
    /// `id=`: the cache, secret or ssh id; empty when not given.
    pub(crate) id: String,
    /// `sharing=` (cache only); `None` means the default, shared.
    pub(crate) sharing: Option<Sharing>,
    /// `mode=` (octal), `uid=`, `gid=`: cache, secret and ssh only.
    pub(crate) mode: Option<u32>,
    pub(crate) uid: Option<u32>,
    pub(crate) gid: Option<u32>,
    /// `size=` in bytes (tmpfs only).
    pub(crate) size: Option<u64>,
    /// `required` (secret and ssh only): fail when the secret or agent is missing.
    pub(crate) required: bool,
    /// `env=` (secret): also expose the secret in this environment variable (`Some("")`:
    /// Docker's default name).
    pub(crate) env: Option<String>,
}

/// A `RUN --mount` type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MountType {
    Bind,
    Cache,
    Tmpfs,
    Secret,
    Ssh,
}

impl MountType {
    pub(crate) fn name(self) -> &'static str {
        match self {
            MountType::Bind => "bind",
            MountType::Cache => "cache",
            MountType::Tmpfs => "tmpfs",
            MountType::Secret => "secret",
            MountType::Ssh => "ssh",
        }
    }
}

/// `sharing=` of a cache mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sharing {
    Shared,
    Private,
    Locked,
}

/// One `KEY=value` of ENV or LABEL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KeyValue {
    pub(crate) key: String,
    pub(crate) value: String,
    /// Written in the legacy `ENV key value` form (the value is the rest of the line).
    pub(crate) legacy: bool,
}

/// One name of ARG, with its default.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ArgDef {
    pub(crate) name: String,
    pub(crate) default: Option<String>,
}

/// Sources and destination of COPY and ADD.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Files {
    /// Paths (or, for ADD, URLs and git references), as written.
    pub(crate) sources: Vec<String>,
    /// Files given inline with heredocs (`COPY <<EOF /dst`), in order.
    pub(crate) inline: Vec<InlineFile>,
    pub(crate) dest: String,
    /// Written as a JSON array (`COPY ["a b", "/dst/"]`).
    pub(crate) json: bool,
}

/// A COPY/ADD source given inline: a file named after its heredoc's terminator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct InlineFile {
    /// The terminator; it may hold any characters (`/`, `..`): the builder creates the file
    /// inside its own scratch folder, never by joining this to a path unchecked.
    pub(crate) name: String,
    /// The body (leading tabs stripped for `<<-`); variables substituted by `expand` when
    /// `expand` is true.
    pub(crate) content: String,
    pub(crate) expand: bool,
}

/// `COPY [--from=…] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…]… src… dest`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CopyFiles {
    pub(crate) files: Files,
    /// A stage name, a stage number or an image; never holds variables.
    pub(crate) from: Option<String>,
    pub(crate) chown: Option<String>,
    /// Octal (`0755`) or symbolic (`u+x`); the builder checks it.
    pub(crate) chmod: Option<String>,
    pub(crate) link: bool,
    pub(crate) parents: bool,
    pub(crate) exclude: Vec<String>,
}

/// `ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] [--keep-git-dir] [--unpack]
/// [--exclude=…]… src… dest`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AddFiles {
    pub(crate) files: Files,
    pub(crate) chown: Option<String>,
    pub(crate) chmod: Option<String>,
    pub(crate) link: bool,
    /// `sha256:…` of a URL source, or a commit of a git source.
    pub(crate) checksum: Option<String>,
    /// `Some` when given.
    pub(crate) keep_git_dir: Option<bool>,
    /// `Some` when given: unpack (or not) a local or remote archive.
    pub(crate) unpack: Option<bool>,
    pub(crate) exclude: Vec<String>,
}

/// `ONBUILD instruction`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Onbuild {
    /// The trigger as Docker stores it in the image config's `OnBuild`: the line without
    /// `ONBUILD`, each heredoc's body and terminator appended after a newline.
    pub(crate) trigger: String,
    /// The trigger parsed (never FROM, MAINTAINER or ONBUILD).
    pub(crate) instruction: Box<Instruction>,
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Healthcheck {
    /// Disable any healthcheck inherited from the base image.
    Disable,
    Check(HealthCheck),
}

/// A healthcheck: a zero duration or zero retries means "not set" (the runtime default),
/// as in the image config.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HealthCheck {
    /// Exec form → `["CMD", argv…]`; shell form → `["CMD-SHELL", text]` in the image config.
    pub(crate) test: CommandLine,
    pub(crate) interval: Duration,
    pub(crate) timeout: Duration,
    pub(crate) start_period: Duration,
    pub(crate) start_interval: Duration,
    pub(crate) retries: u32,
}
