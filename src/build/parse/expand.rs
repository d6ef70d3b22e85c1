//! Variable substitution in an instruction's words, the builder's step before it runs an
//! instruction: which words Docker expands for each instruction (see the variants of
//! `Instruction`), with the stage's variables (ARG and ENV values so far; for FROM, the global
//! ARGs) and the file's escape character. RUN, CMD and ENTRYPOINT command text, SHELL,
//! HEALTHCHECK, MAINTAINER and ONBUILD are left alone: the shell, or a later build, expands
//! them.
use super::error::{ExpandError, InstError, ValueError};
use super::instruction::*;
use super::mount::{parse_mount, Values};
use super::shell::{Lexer, Vars};
use super::values::{is_signal, port_spec};

/// More ports than this from one EXPOSE is refused rather than unrolled.
const MAX_PORTS: usize = 65536;

/// `inst` with its words expanded: `vars` gives a variable's value (`None`: not set), `escape`
/// is the file's escape character (`Containerfile::escape`). Checks that wait for values
/// (mount options, ports, the stop signal, a blank base image) are made here.
pub(crate) fn expand(
    inst: &Instruction,
    vars: Vars<'_>,
    escape: char,
) -> Result<Instruction, ExpandError> {
    let lexer = Lexer::new(escape, vars);
    let keyword = inst.keyword();
    let word = |w: &str| {
        lexer.word(w).map_err(|error| ExpandError::Word {
            instruction: keyword,
            word: w.to_string(),
            error,
        })
    };
    let invalid = |problem| ExpandError::Invalid {
        instruction: keyword,
        problem,
    };
    Ok(match inst {
        Instruction::From(f) => {
            let image = word(&f.image)?;
            if image.is_empty() {
                return Err(invalid(InstError::BlankBase {
                    base: f.image.clone(),
                }));
            }
            let platform = match &f.platform {
                None => None,
                Some(p) => {
                    let expanded = word(p)?;
                    if expanded.is_empty() {
                        return Err(invalid(InstError::BlankPlatform {
                            platform: p.clone(),
                        }));
                    }
                    Some(expanded)
                }
            };
            Instruction::From(Base {
                image,
                platform,
                alias: f.alias.clone(),
            })
        }
        Instruction::Run(r) => {
            let values = Values::Expand(&lexer);
            let mounts = r
                .mounts
                .iter()
                .map(|m| parse_mount(&m.spec, &values))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| ExpandError::Mount {
                    instruction: keyword,
                    error,
                })?;
            Instruction::Run(Run {
                mounts,
                ..r.clone()
            })
        }
        Instruction::Label(pairs) => Instruction::Label(key_values(pairs, &word)?),
        Instruction::Env(pairs) => Instruction::Env(key_values(pairs, &word)?),
        Instruction::Expose(words) => {
            let mut specs = Vec::new();
            for w in words {
                let split = lexer.words(w).map_err(|error| ExpandError::Word {
                    instruction: keyword,
                    word: w.clone(),
                    error,
                })?;
                for port in split {
                    let spec = port_spec(&port).map_err(|why| {
                        invalid(InstError::BadPort {
                            port: port.clone(),
                            why: Box::new(why),
                        })
                    })?;
                    specs.push(spec);
                }
            }
            if specs.iter().map(|s| s.count()).sum::<usize>() > MAX_PORTS {
                return Err(invalid(InstError::BadPort {
                    port: words.join(" "),
                    why: Box::new(ValueError::TooManyPorts(MAX_PORTS)),
                }));
            }
            Instruction::Expose(specs.iter().flat_map(|s| s.entries()).collect())
        }
        Instruction::Copy(c) => Instruction::Copy(CopyFiles {
            files: files(&c.files, &word, vars, keyword)?,
            chown: c.chown.as_deref().map(&word).transpose()?,
            chmod: c.chmod.as_deref().map(&word).transpose()?,
            ..c.clone()
        }),
        Instruction::Add(a) => Instruction::Add(AddFiles {
            files: files(&a.files, &word, vars, keyword)?,
            chown: a.chown.as_deref().map(&word).transpose()?,
            chmod: a.chmod.as_deref().map(&word).transpose()?,
            checksum: a.checksum.as_deref().map(&word).transpose()?,
            ..a.clone()
        }),
        Instruction::Volume(paths) => {
            let paths = paths
                .iter()
                .map(|p| word(p))
                .collect::<Result<Vec<_>, _>>()?;
            if paths.iter().any(String::is_empty) {
                return Err(invalid(InstError::EmptyVolume));
            }
            Instruction::Volume(paths)
        }
        Instruction::User(user) => Instruction::User(word(user)?),
        Instruction::Workdir(dir) => Instruction::Workdir(word(dir)?),
        Instruction::Stopsignal(signal) => {
            let signal = word(signal)?;
            if !is_signal(&signal) {
                return Err(invalid(InstError::BadSignal { signal }));
            }
            Instruction::Stopsignal(signal)
        }
        Instruction::Arg(defs) => Instruction::Arg(
            defs.iter()
                .map(|d| {
                    Ok(ArgDef {
                        name: d.name.clone(),
                        default: d.default.as_deref().map(&word).transpose()?,
                    })
                })
                .collect::<Result<Vec<_>, ExpandError>>()?,
        ),
        Instruction::Cmd(_)
        | Instruction::Entrypoint(_)
        | Instruction::Shell(_)
        | Instruction::Healthcheck(_)
        | Instruction::Maintainer(_)
        | Instruction::Onbuild(_) => inst.clone(),
    })
}

fn key_values(
    pairs: &[KeyValue],
    word: &dyn Fn(&str) -> Result<String, ExpandError>,
) -> Result<Vec<KeyValue>, ExpandError> {
    pairs
        .iter()
        .map(|kv| {
            Ok(KeyValue {
                key: word(&kv.key)?,
                value: word(&kv.value)?,
                legacy: kv.legacy,
            })
        })
        .collect()
}

fn files(
    files: &Files,
    word: &dyn Fn(&str) -> Result<String, ExpandError>,
    vars: Vars<'_>,
    keyword: Keyword,
) -> Result<Files, ExpandError> {
    let body = Lexer::heredoc_body(vars);
    Ok(Files {
        sources: files
            .sources
            .iter()
            .map(|s| word(s))
            .collect::<Result<_, _>>()?,
        inline: files
            .inline
            .iter()
            .map(|f| {
                if !f.expand {
                    return Ok(f.clone());
                }
                let content = body.word(&f.content).map_err(|error| ExpandError::Word {
                    instruction: keyword,
                    word: format!("<<{}", f.name),
                    error,
                })?;
                Ok(InlineFile {
                    content,
                    ..f.clone()
                })
            })
            .collect::<Result<_, _>>()?,
        dest: word(&files.dest)?,
        json: files.json,
    })
}
