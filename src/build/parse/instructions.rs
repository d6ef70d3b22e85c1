//! One logical line to one typed instruction: the instruction word (any case), its flags
//! checked against the ones it takes, its arguments read the way Docker reads each
//! instruction's (JSON or shell form, whitespace-split words, quote-keeping words, the rest of
//! the line), and the checks Docker makes on them.
use super::error::{InstError, ParseErrorKind};
use super::flags::{Flags, Kind};
use super::heredoc::marker;
use super::instruction::*;
use super::mount::{parse_mount, Values};
use super::shell::Lexer;
use super::syntax::{
    extract_flags, json_array, quoted_words, split_command, split_separated, Json,
};
use super::values::{go_duration, is_signal, port_spec};
use std::time::Duration;

/// Reads one instruction from its joined text and the heredocs it opened.
pub(crate) fn parse_instruction(
    text: &str,
    heredocs: Vec<Heredoc>,
    escape: char,
) -> Result<Instruction, ParseErrorKind> {
    let (word, rest) = split_command(text);
    let keyword = Keyword::parse(word).ok_or_else(|| ParseErrorKind::UnknownInstruction {
        name: word.to_string(),
    })?;
    let (flags, args) = extract_flags(rest, escape);
    let cx = Cx {
        flags,
        args,
        escape,
    };
    let problem = |problem| ParseErrorKind::Instruction {
        instruction: keyword,
        problem,
    };
    match keyword {
        Keyword::Run => return cx.run(heredocs),
        Keyword::Onbuild => return cx.onbuild(text, heredocs),
        _ => {}
    }
    let result = match keyword {
        Keyword::From => cx.from(),
        Keyword::Cmd => cx
            .no_flags()
            .and_then(|_| cx.command().map(Instruction::Cmd)),
        Keyword::Entrypoint => cx
            .no_flags()
            .and_then(|_| cx.command().map(Instruction::Entrypoint)),
        Keyword::Shell => cx.shell(),
        Keyword::Label => cx.key_values().map(Instruction::Label),
        Keyword::Env => cx.key_values().map(Instruction::Env),
        Keyword::Maintainer => cx.one().map(Instruction::Maintainer),
        Keyword::User => cx.one().map(Instruction::User),
        Keyword::Workdir => cx.one().map(Instruction::Workdir),
        Keyword::Stopsignal => cx.stopsignal(),
        Keyword::Expose => cx.expose(),
        Keyword::Volume => cx.volume(),
        Keyword::Arg => cx.arg(),
        Keyword::Healthcheck => cx.healthcheck(),
        Keyword::Copy => cx.copy(&heredocs),
        Keyword::Add => cx.add(&heredocs),
        Keyword::Run | Keyword::Onbuild => unreachable!("handled above"),
    };
    result.map_err(problem)
}

/// One instruction being read.
struct Cx {
    flags: Vec<String>,
    args: String,
    escape: char,
}

const NO_FLAGS: &[&str] = &[];

impl Cx {
    fn flags(
        &self,
        spec: &[(&'static str, Kind)],
        names: &'static [&'static str],
    ) -> Result<Flags, InstError> {
        Flags::parse(&self.flags, spec, names)
    }

    fn no_flags(&self) -> Result<Flags, InstError> {
        self.flags(&[], NO_FLAGS)
    }

    /// A literal word as `expand` will see it, or `None` when it holds a variable (checks on
    /// it wait for `expand`).
    fn literal(&self, word: &str) -> Option<String> {
        if word.contains('$') {
            return None;
        }
        Lexer::literal(self.escape).word(word).ok()
    }

    /// CMD, ENTRYPOINT and RUN arguments: exec form when they are a JSON array of strings.
    fn command(&self) -> Result<CommandLine, InstError> {
        match json_array(&self.args) {
            Json::Strings(argv) => Ok(CommandLine::Exec(argv)),
            Json::NotStrings => Err(InstError::NotStringArray),
            Json::No => Ok(CommandLine::Shell(self.args.clone())),
        }
    }

    /// COPY, ADD and VOLUME arguments: a JSON array of strings, or whitespace-split words.
    fn list(&self) -> Result<(Vec<String>, bool), InstError> {
        match json_array(&self.args) {
            Json::Strings(words) => Ok((words, true)),
            Json::NotStrings => Err(InstError::NotStringArray),
            Json::No => Ok((split_separated(&self.args), false)),
        }
    }

    /// MAINTAINER, USER, WORKDIR and STOPSIGNAL: the rest of the line, which must not be
    /// empty.
    fn one(&self) -> Result<String, InstError> {
        self.no_flags()?;
        if self.args.is_empty() {
            return Err(InstError::ExactlyOne);
        }
        Ok(self.args.clone())
    }

    fn from(&self) -> Result<Instruction, InstError> {
        let args = split_separated(&self.args);
        let alias = match args.as_slice() {
            [_] => None,
            [_, as_, name] if as_.eq_ignore_ascii_case("as") => {
                let lower = name.to_lowercase();
                let mut chars = lower.chars();
                let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                    && chars
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
                if !valid {
                    return Err(InstError::BadStageName { name: name.clone() });
                }
                Some(lower)
            }
            _ => return Err(InstError::FromArguments),
        };
        let flags = self.flags(&[("platform", Kind::String)], &["platform"])?;
        Ok(Instruction::From(Base {
            image: args[0].clone(),
            platform: flags.string("platform").filter(|p| !p.is_empty()),
            alias,
        }))
    }

    fn run(&self, heredocs: Vec<Heredoc>) -> Result<Instruction, ParseErrorKind> {
        let problem = |problem| ParseErrorKind::Instruction {
            instruction: Keyword::Run,
            problem,
        };
        let flags = self
            .flags(
                &[
                    ("mount", Kind::List),
                    ("network", Kind::String),
                    ("security", Kind::String),
                ],
                &["mount", "network", "security"],
            )
            .map_err(problem)?;
        let command = self.command().map_err(problem)?;
        let network = match flags.string("network").as_deref() {
            None | Some("default") => Network::Default,
            Some("none") => Network::None,
            Some("host") => Network::Host,
            Some(other) => {
                return Err(problem(InstError::BadFlagValue {
                    flag: "--network",
                    value: other.to_string(),
                    expected: "default, none or host",
                }))
            }
        };
        let security = match flags.string("security").as_deref() {
            None | Some("sandbox") => Security::Sandbox,
            Some("insecure") => Security::Insecure,
            Some(other) => {
                return Err(problem(InstError::BadFlagValue {
                    flag: "--security",
                    value: other.to_string(),
                    expected: "sandbox or insecure",
                }))
            }
        };
        let values = Values::Literal {
            escape: self.escape,
        };
        let mounts = flags
            .list("mount")
            .iter()
            .map(|spec| parse_mount(spec, &values))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| ParseErrorKind::Mount {
                instruction: Keyword::Run,
                error,
            })?;
        Ok(Instruction::Run(Run {
            command,
            heredocs,
            mounts,
            network,
            security,
        }))
    }

    fn shell(&self) -> Result<Instruction, InstError> {
        self.no_flags()?;
        match json_array(&self.args) {
            Json::Strings(argv) if !argv.is_empty() => Ok(Instruction::Shell(argv)),
            Json::Strings(_) => Err(InstError::AtLeastOne),
            Json::NotStrings => Err(InstError::NotStringArray),
            Json::No if self.args.is_empty() => Err(InstError::AtLeastOne),
            Json::No => Err(InstError::NotJson),
        }
    }

    /// ENV and LABEL: `k=v k2="v 2" …`, or the legacy `k value with spaces`.
    fn key_values(&self) -> Result<Vec<KeyValue>, InstError> {
        self.no_flags()?;
        let words = quoted_words(&self.args, self.escape);
        let Some(first) = words.first() else {
            return Err(InstError::AtLeastOne);
        };
        let pairs = if !first.contains('=') {
            let (key, value) = split_command(&self.args);
            if value.is_empty() {
                return Err(InstError::TwoArguments);
            }
            vec![KeyValue {
                key: key.to_string(),
                value: value.to_string(),
                legacy: true,
            }]
        } else {
            words
                .iter()
                .map(|word| {
                    let (key, value) = word
                        .split_once('=')
                        .ok_or_else(|| InstError::MissingEquals { word: word.clone() })?;
                    Ok(KeyValue {
                        key: key.to_string(),
                        value: value.to_string(),
                        legacy: false,
                    })
                })
                .collect::<Result<Vec<_>, InstError>>()?
        };
        if pairs.iter().any(|kv| kv.key.is_empty()) {
            return Err(InstError::BlankName);
        }
        Ok(pairs)
    }

    fn stopsignal(&self) -> Result<Instruction, InstError> {
        let signal = self.one()?;
        if let Some(literal) = self.literal(&signal) {
            if !is_signal(&literal) {
                return Err(InstError::BadSignal { signal: literal });
            }
        }
        Ok(Instruction::Stopsignal(signal))
    }

    fn expose(&self) -> Result<Instruction, InstError> {
        self.no_flags()?;
        let ports = split_separated(&self.args);
        if ports.is_empty() {
            return Err(InstError::AtLeastOne);
        }
        for port in ports.iter().filter(|p| !p.contains('$')) {
            for word in Lexer::literal(self.escape).words(port).unwrap_or_default() {
                port_spec(&word).map_err(|why| InstError::BadPort {
                    port: word,
                    why: Box::new(why),
                })?;
            }
        }
        Ok(Instruction::Expose(ports))
    }

    fn volume(&self) -> Result<Instruction, InstError> {
        self.no_flags()?;
        let (paths, _) = self.list()?;
        if paths.is_empty() {
            return Err(InstError::AtLeastOne);
        }
        let paths: Vec<String> = paths.iter().map(|p| p.trim().to_string()).collect();
        if paths.iter().any(String::is_empty) {
            return Err(InstError::EmptyVolume);
        }
        Ok(Instruction::Volume(paths))
    }

    fn arg(&self) -> Result<Instruction, InstError> {
        self.no_flags()?;
        let words = quoted_words(&self.args, self.escape);
        if words.is_empty() {
            return Err(InstError::AtLeastOne);
        }
        words
            .into_iter()
            .map(|word| match word.split_once('=') {
                Some(("", _)) => Err(InstError::BlankName),
                Some((name, value)) => Ok(ArgDef {
                    name: name.to_string(),
                    default: Some(value.to_string()),
                }),
                None => Ok(ArgDef {
                    name: word,
                    default: None,
                }),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Instruction::Arg)
    }

    fn healthcheck(&self) -> Result<Instruction, InstError> {
        if self.args.is_empty() {
            return Err(InstError::AtLeastOne);
        }
        let sep = self
            .args
            .find(char::is_whitespace)
            .unwrap_or(self.args.len());
        let typ = self.args[..sep].to_uppercase();
        let rest = self.args[sep..].trim_start();
        let test = match json_array(rest) {
            Json::Strings(argv) => CommandLine::Exec(argv),
            Json::NotStrings => return Err(InstError::NotStringArray),
            Json::No => CommandLine::Shell(rest.to_string()),
        };
        let empty = match &test {
            CommandLine::Exec(argv) => argv.is_empty(),
            CommandLine::Shell(text) => text.is_empty(),
        };
        if typ == "NONE" {
            // Docker reads no flags for NONE: any given are ignored.
            if !empty {
                return Err(InstError::HealthNoneArgs);
            }
            return Ok(Instruction::Healthcheck(Healthcheck::Disable));
        }
        const NAMES: [&str; 5] = [
            "interval",
            "timeout",
            "start-period",
            "start-interval",
            "retries",
        ];
        let flags = self.flags(&NAMES.map(|n| (n, Kind::String)), &NAMES)?;
        if typ != "CMD" {
            return Err(InstError::HealthType { typ });
        }
        if empty {
            return Err(InstError::HealthMissingCommand);
        }
        let duration = |name: &'static str, flag: &'static str| -> Result<Duration, InstError> {
            let Some(value) = flags.string(name).filter(|v| !v.is_empty()) else {
                return Ok(Duration::ZERO);
            };
            let nanos = go_duration(&value).map_err(|why| InstError::BadDuration {
                flag,
                value: value.clone(),
                why: Box::new(why),
            })?;
            if nanos == 0 {
                return Ok(Duration::ZERO);
            }
            if nanos < 1_000_000 {
                return Err(InstError::DurationTooShort { flag, value });
            }
            Ok(Duration::from_nanos(nanos as u64))
        };
        let retries = match flags.string("retries").filter(|v| !v.is_empty()) {
            None => 0,
            Some(value) => value
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=i64::from(i32::MAX)).contains(n))
                .map(|n| n as u32)
                .ok_or(InstError::BadRetries { value })?,
        };
        Ok(Instruction::Healthcheck(Healthcheck::Check(HealthCheck {
            test,
            interval: duration("interval", "--interval")?,
            timeout: duration("timeout", "--timeout")?,
            start_period: duration("start-period", "--start-period")?,
            start_interval: duration("start-interval", "--start-interval")?,
            retries,
        })))
    }

    /// Sources and destination of COPY and ADD, heredoc markers turned into inline files.
    fn files(&self, heredocs: &[Heredoc]) -> Result<Files, InstError> {
        let (mut words, json) = self.list()?;
        if words.len() < 2 {
            return Err(InstError::NoDestination);
        }
        let dest = words.pop().unwrap_or_default();
        if marker(&dest).is_some() {
            return Err(InstError::HeredocDestination);
        }
        let mut files = Files {
            sources: Vec::new(),
            inline: Vec::new(),
            dest,
            json,
        };
        for word in words {
            match marker(&word) {
                Some(m) => {
                    let content = heredocs
                        .iter()
                        .rev()
                        .find(|h| h.name == m.name)
                        .map(|h| Heredoc {
                            strip_tabs: m.strip_tabs,
                            ..h.clone()
                        })
                        .map(|h| h.content())
                        .unwrap_or_default();
                    files.inline.push(InlineFile {
                        name: m.name,
                        content,
                        expand: m.expand,
                    });
                }
                None => files.sources.push(word),
            }
        }
        Ok(files)
    }

    /// `--from` of COPY: no variables (Docker reads it before any are known).
    fn copy_from(&self, from: &str) -> Result<(), InstError> {
        match Lexer::literal(self.escape).word(from) {
            Ok(same) if same == from => Ok(()),
            _ => Err(InstError::FromVariable {
                value: from.to_string(),
            }),
        }
    }

    fn copy(&self, heredocs: &[Heredoc]) -> Result<Instruction, InstError> {
        const NAMES: &[&str] = &["from", "chown", "chmod", "link", "parents", "exclude"];
        let files = self.files(heredocs)?;
        let flags = self.flags(
            &[
                ("from", Kind::String),
                ("chown", Kind::String),
                ("chmod", Kind::String),
                ("link", Kind::Bool),
                ("parents", Kind::Bool),
                ("exclude", Kind::List),
            ],
            NAMES,
        )?;
        let from = flags.string("from").filter(|f| !f.is_empty());
        if let Some(from) = &from {
            self.copy_from(from)?;
        }
        Ok(Instruction::Copy(CopyFiles {
            files,
            from,
            chown: flags.string("chown").filter(|v| !v.is_empty()),
            chmod: flags.string("chmod").filter(|v| !v.is_empty()),
            link: flags.bool("link").unwrap_or(false),
            parents: flags.bool("parents").unwrap_or(false),
            exclude: flags.list("exclude"),
        }))
    }

    fn add(&self, heredocs: &[Heredoc]) -> Result<Instruction, InstError> {
        const NAMES: &[&str] = &[
            "chown",
            "chmod",
            "link",
            "checksum",
            "keep-git-dir",
            "unpack",
            "exclude",
        ];
        let files = self.files(heredocs)?;
        let flags = self.flags(
            &[
                ("chown", Kind::String),
                ("chmod", Kind::String),
                ("link", Kind::Bool),
                ("checksum", Kind::String),
                ("keep-git-dir", Kind::Bool),
                ("unpack", Kind::Bool),
                ("exclude", Kind::List),
            ],
            NAMES,
        )?;
        Ok(Instruction::Add(AddFiles {
            files,
            chown: flags.string("chown").filter(|v| !v.is_empty()),
            chmod: flags.string("chmod").filter(|v| !v.is_empty()),
            link: flags.bool("link").unwrap_or(false),
            checksum: flags.string("checksum").filter(|v| !v.is_empty()),
            keep_git_dir: flags.bool("keep-git-dir"),
            unpack: flags.bool("unpack"),
            exclude: flags.list("exclude"),
        }))
    }

    fn onbuild(&self, text: &str, heredocs: Vec<Heredoc>) -> Result<Instruction, ParseErrorKind> {
        let problem = |problem| ParseErrorKind::Instruction {
            instruction: Keyword::Onbuild,
            problem,
        };
        if self.args.is_empty() {
            return Err(problem(InstError::AtLeastOne));
        }
        self.no_flags().map_err(problem)?;
        let (inner_word, _) = split_command(&self.args);
        match Keyword::parse(inner_word) {
            Some(Keyword::Onbuild) => return Err(problem(InstError::OnbuildChain)),
            Some(k @ (Keyword::From | Keyword::Maintainer)) => {
                return Err(problem(InstError::OnbuildTrigger {
                    inner: k.name().to_string(),
                }))
            }
            _ => {}
        }
        let mut trigger = strip_onbuild(text).to_string();
        for h in &heredocs {
            trigger.push('\n');
            trigger.push_str(&h.body);
            trigger.push_str(&h.name);
        }
        let inner = parse_instruction(&self.args, heredocs, self.escape)
            .map_err(|e| ParseErrorKind::Onbuild(Box::new(e)))?;
        Ok(Instruction::Onbuild(Onbuild {
            trigger,
            instruction: Box::new(inner),
        }))
    }
}

/// The line without its leading `ONBUILD` and the blanks after it.
fn strip_onbuild(text: &str) -> &str {
    let text = text.trim_start();
    text.get(7..)
        .filter(|_| text[..7].eq_ignore_ascii_case("onbuild"))
        .map_or(text, str::trim_start)
}
