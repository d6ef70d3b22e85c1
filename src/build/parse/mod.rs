//! The Containerfile language: directives, instructions, heredocs and variable substitution,
//! accepting what Docker's Dockerfile frontend accepts and refusing at parse time what it
//! refuses, each refusal one line `file:line: INSTRUCTION: what is wrong: what to do`.
//!
//! Pure logic on text the caller read:
//!
//! - `Containerfile::parse(name, text)`: directives, global ARGs, stages of typed `Step`s
//!   (`lexer` → `instructions`; `stages` checks the stage references);
//! - `expand(instruction, vars, escape)` (or `Containerfile::expand_step`, which places an
//!   error at its line): the instruction with Docker's variable substitution done on the
//!   words Docker substitutes; the builder calls it per instruction with the variables in
//!   force (`expand`, `shell`);
//! - `Run::execution()`: what a RUN executes, heredocs included;
//! - `Containerfile::dependencies` / `stages_for` / `target`: the stage graph (`stages`);
//! - `parse_trigger`: an ONBUILD trigger found in a base image, read for the child build.

mod error;
mod expand;
mod flags;
mod heredoc;
mod instruction;
mod instructions;
mod lexer;
mod mount;
mod shell;
mod stages;
mod syntax;
mod values;

#[cfg(test)]
mod tests;

// The types the builder names (`use crate::build::parse::{…}`); unused until it lands.
#[allow(unused_imports)]
pub(crate) use error::{
    ExpandError, InstError, MountError, ParseError, ParseErrorKind, StepError, TargetError,
    ValueError, WordError,
};
pub(crate) use expand::expand;
#[allow(unused_imports)]
pub(crate) use instruction::{
    AddFiles, ArgDef, Base, CommandLine, CopyFiles, Execution, Files, HealthCheck, Healthcheck,
    Heredoc, InlineFile, Instruction, KeyValue, Keyword, Mount, MountType, Network, Onbuild, Run,
    Security, Sharing, Step,
};
pub(crate) use lexer::Directives;
pub(crate) use shell::Vars;

/// A parsed Containerfile.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Containerfile {
    /// The name given to `parse`, used in every error.
    pub(crate) name: String,
    pub(crate) directives: Directives,
    /// The ARG instructions before the first FROM: the only variables FROM lines see.
    pub(crate) global_args: Vec<Step>,
    /// At least one.
    pub(crate) stages: Vec<Stage>,
}

/// One stage: a FROM and the instructions up to the next FROM.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stage {
    /// 0-based, as `COPY --from=<number>` counts.
    pub(crate) index: usize,
    /// The FROM step; its instruction is always `Instruction::From`.
    pub(crate) from: Step,
    pub(crate) steps: Vec<Step>,
}

impl Stage {
    /// The FROM of this stage.
    pub(crate) fn base(&self) -> &Base {
        match &self.from.instruction {
            Instruction::From(f) => f,
            _ => unreachable!("a stage starts with FROM"),
        }
    }

    /// The stage's name (`AS name`, lowercased), if it has one.
    pub(crate) fn name(&self) -> Option<&str> {
        self.base().alias.as_deref()
    }
}

impl Containerfile {
    /// Parses `text`; `name` (the file's path as the user gave it) names the file in errors.
    pub(crate) fn parse(name: &str, text: &str) -> Result<Containerfile, ParseError> {
        let fail = |line, kind| ParseError {
            file: name.to_string(),
            line,
            kind,
        };
        let (directives, lines) = lexer::lex(text).map_err(|(line, kind)| fail(line, kind))?;
        let last_line = text.lines().count().max(1);
        if lines.is_empty() {
            return Err(fail(last_line, ParseErrorKind::Empty));
        }
        let mut file = Containerfile {
            name: name.to_string(),
            directives,
            global_args: Vec::new(),
            stages: Vec::new(),
        };
        for logical in lines {
            let escape = file.directives.escape;
            let instruction =
                instructions::parse_instruction(&logical.text, logical.heredocs, escape)
                    .map_err(|kind| fail(logical.line, kind))?;
            let step = Step {
                line: logical.line,
                original: logical.text.trim().to_string(),
                instruction,
            };
            file.add(step).map_err(|kind| fail(logical.line, kind))?;
        }
        if file.stages.is_empty() {
            return Err(fail(last_line, ParseErrorKind::NoStages));
        }
        file.check_references()?;
        Ok(file)
    }

    fn add(&mut self, step: Step) -> Result<(), ParseErrorKind> {
        match (&step.instruction, self.stages.last_mut()) {
            (Instruction::From(from), _) => {
                if let Some(alias) = &from.alias {
                    if let Some(first) = self.stages.iter().find(|s| s.name() == Some(alias)) {
                        return Err(ParseErrorKind::DuplicateStage {
                            name: alias.clone(),
                            first_line: first.from.line,
                        });
                    }
                }
                self.stages.push(Stage {
                    index: self.stages.len(),
                    from: step,
                    steps: Vec::new(),
                });
            }
            (Instruction::Arg(_), None) => self.global_args.push(step),
            (_, None) => {
                return Err(ParseErrorKind::BeforeFrom {
                    instruction: step.instruction.keyword(),
                })
            }
            (_, Some(stage)) => stage.steps.push(step),
        }
        Ok(())
    }

    /// The file's escape character (`\` unless `# escape=` says otherwise).
    pub(crate) fn escape(&self) -> char {
        self.directives.escape
    }

    /// `step`'s instruction expanded with `vars`, an error placed at the step's line.
    pub(crate) fn expand_step(
        &self,
        step: &Step,
        vars: Vars<'_>,
    ) -> Result<Instruction, StepError> {
        expand(&step.instruction, vars, self.escape()).map_err(|error| StepError {
            file: self.name.clone(),
            line: step.line,
            error,
        })
    }
}

/// An ONBUILD trigger stored in a base image's config (`OnBuild`), read as the instruction it
/// holds, to run at the start of a stage built FROM that image. `source` names the image in
/// errors. The trigger must be exactly one instruction, not FROM.
pub(crate) fn parse_trigger(source: &str, trigger: &str) -> Result<Step, ParseError> {
    let fail = |line, kind| ParseError {
        file: source.to_string(),
        line,
        kind,
    };
    let (directives, mut lines) = lexer::lex(trigger).map_err(|(line, kind)| fail(line, kind))?;
    if lines.len() != 1 {
        return Err(fail(1, ParseErrorKind::TriggerCount { count: lines.len() }));
    }
    let logical = lines.remove(0);
    let instruction =
        instructions::parse_instruction(&logical.text, logical.heredocs, directives.escape)
            .map_err(|kind| fail(logical.line, kind))?;
    if let Instruction::From(_) = instruction {
        return Err(fail(logical.line, ParseErrorKind::TriggerFrom));
    }
    Ok(Step {
        line: logical.line,
        original: logical.text.trim().to_string(),
        instruction,
    })
}
