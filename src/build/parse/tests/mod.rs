//! Tests of the Containerfile parser, one file per part: lines and directives, heredocs,
//! instructions, error messages, word processing, expansion, stages.
use super::*;

mod errors;
mod expand;
mod heredocs;
mod instructions;
mod lexer;
mod shell;
mod stages;

/// `text` parsed as `Containerfile`, or the test fails with the error.
fn parse(text: &str) -> Containerfile {
    Containerfile::parse("Containerfile", text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// The one-line error `text` is refused with.
fn error(text: &str) -> String {
    match Containerfile::parse("Containerfile", text) {
        Ok(f) => panic!("{text:?} parsed: {f:?}"),
        Err(e) => e.to_string(),
    }
}

/// The steps of the first stage of `FROM scratch` followed by `body`.
fn steps(body: &str) -> Vec<Step> {
    parse(&format!("FROM scratch\n{body}")).stages[0]
        .steps
        .clone()
}

/// The one instruction `line` is, in a stage.
fn one(line: &str) -> Instruction {
    let mut steps = steps(line);
    assert_eq!(steps.len(), 1, "{line:?} gave {steps:?}");
    steps.remove(0).instruction
}

/// The error for `line` as the second line of a file starting `FROM scratch`.
fn line_error(line: &str) -> String {
    error(&format!("FROM scratch\n{line}\n"))
}

/// A variable lookup over fixed pairs.
fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name: &str| {
        owned
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}
