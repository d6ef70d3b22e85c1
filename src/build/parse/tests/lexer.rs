//! Lines: directives at the top only, comments, blank lines, continuations, leading
//! whitespace, case-insensitive instruction names, line numbers and original text.
use super::*;

fn originals(text: &str) -> Vec<(usize, String)> {
    let file = parse(text);
    let mut out: Vec<(usize, String)> = file
        .global_args
        .iter()
        .map(|s| (s.line, s.original.clone()))
        .collect();
    for stage in &file.stages {
        out.push((stage.from.line, stage.from.original.clone()));
        out.extend(stage.steps.iter().map(|s| (s.line, s.original.clone())));
    }
    out
}

fn lines(pairs: &[(usize, &str)]) -> Vec<(usize, String)> {
    pairs.iter().map(|(n, s)| (*n, s.to_string())).collect()
}

#[test]
fn directives_at_the_top_are_read() {
    let file = parse("# syntax=docker/dockerfile:1.7\n# escape=`\n# check=skip=all\nFROM a\n");
    assert_eq!(
        file.directives,
        Directives {
            syntax: Some("docker/dockerfile:1.7".to_string()),
            escape: '`',
            check: Some("skip=all".to_string()),
        }
    );
}

#[test]
fn directive_names_take_any_case_and_blanks_around_the_equals_sign() {
    let file = parse("#  ESCAPE =  `  \n#Syntax= x y \nFROM a\n");
    assert_eq!(file.directives.escape, '`');
    assert_eq!(file.directives.syntax.as_deref(), Some("x y"));
    let file = parse("   # escape=`\nFROM a\n");
    assert_eq!(file.directives.escape, '`');
}

#[test]
fn directives_stop_at_the_first_line_that_is_not_one() {
    for text in [
        "# a comment\n# escape=`\nFROM a\n",
        "\n# escape=`\nFROM a\n",
        "# unknowndirective=value\n# escape=`\nFROM a\n",
        "FROM a\n# escape=`\n",
        "# direc \\\n# escape=`\nFROM a\n",
        "# escape=\n# syntax=x\nFROM a\n",
    ] {
        let file = parse(text);
        assert_eq!(file.directives.escape, '\\', "{text:?}");
    }
    let file = parse("# syntax=a\n\n# check=b\nFROM a\n");
    assert_eq!(file.directives.syntax.as_deref(), Some("a"));
    assert_eq!(file.directives.check, None);
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_ignored() {
    let file = parse("\u{feff}# escape=`\nFROM a\n");
    assert_eq!(file.directives.escape, '`');
}

#[test]
fn comments_blank_lines_and_leading_whitespace_are_skipped() {
    let text = "# first\n\n   \n  FROM a\n\t# indented comment\n\n   RUN echo hi # not a comment\n";
    assert_eq!(
        originals(text),
        lines(&[(4, "FROM a"), (7, "RUN echo hi # not a comment")])
    );
}

#[test]
fn instruction_names_take_any_case() {
    let file = parse("from a\nRun echo\nwORKDIR /x\n");
    assert!(matches!(
        file.stages[0].steps[0].instruction,
        Instruction::Run(_)
    ));
    assert_eq!(
        file.stages[0].steps[1].instruction,
        Instruction::Workdir("/x".into())
    );
}

#[test]
fn continuations_join_lines_keeping_their_indentation() {
    let text = "FROM ubuntu\n\
RUN echo hello\\\n  world\\\n  goodnight  \\\n  moon\\\n  light\\\nning\n\
RUN echo hello  \\\n  world\n\
RUN echo hello  \\  \nworld\n\
RUN echo hi \\\n \\\n world \\\n\\\n good\\\n\\\nnight\n\
RUN echo good\\\nbye\\\nfrog\n";
    assert_eq!(
        originals(text),
        lines(&[
            (1, "FROM ubuntu"),
            (2, "RUN echo hello  world  goodnight    moon  lightning"),
            (8, "RUN echo hello    world"),
            (10, "RUN echo hello  world"),
            (12, "RUN echo hi   world  goodnight"),
            (19, "RUN echo goodbyefrog"),
        ])
    );
}

#[test]
fn comments_and_blank_lines_inside_a_continuation_are_skipped() {
    let text = "FROM a\nRUN apt-get update && \\\n# install things\n\n    apt-get install -y \\\n  # more\n    curl\nUSER x\n";
    assert_eq!(
        originals(text),
        lines(&[
            (1, "FROM a"),
            (2, "RUN apt-get update &&     apt-get install -y     curl"),
            (8, "USER x"),
        ])
    );
}

#[test]
fn an_escaped_escape_at_the_end_does_not_continue_the_line() {
    let env = steps("ENV C trailing\\\\backslash\\\\\nENV D next\n");
    assert_eq!(env.len(), 2);
    assert_eq!(env[0].original, "ENV C trailing\\\\backslash\\\\");
    let env = steps("ENV E hello\\\n\\\nworld\nENV F hello\\\n \\\nworld\n");
    assert_eq!(env[0].original, "ENV E helloworld");
    assert_eq!(env[1].original, "ENV F hello world");
}

#[test]
fn a_continuation_at_the_end_of_the_file_ends_the_instruction() {
    assert_eq!(
        originals("FROM alpine\n\nRUN something \\"),
        lines(&[(1, "FROM alpine"), (3, "RUN something")])
    );
}

#[test]
fn the_backtick_escape_continues_lines_and_frees_the_backslash() {
    let text = "# escape=`\nFROM image\nENV GOPATH `\n\\go\nWORKDIR C:\\dir\\\nUSER x\n";
    let file = parse(text);
    let steps = &file.stages[0].steps;
    assert_eq!(
        steps[0].instruction,
        Instruction::Env(vec![KeyValue {
            key: "GOPATH".into(),
            value: "\\go".into(),
            legacy: true,
        }])
    );
    assert_eq!(
        steps[1].instruction,
        Instruction::Workdir("C:\\dir\\".into())
    );
    assert_eq!(steps[2].line, 6);
}

#[test]
fn a_directive_after_a_comment_is_a_comment() {
    let file = parse("# Comment\n# escape = `\n\nFROM image\nENV GOPATH \\\n\\go\n");
    assert_eq!(
        file.stages[0].steps[0].instruction,
        Instruction::Env(vec![KeyValue {
            key: "GOPATH".into(),
            value: "\\go".into(),
            legacy: true,
        }])
    );
}

#[test]
fn windows_line_endings_are_accepted() {
    assert_eq!(
        originals("FROM a\r\nRUN a \\\r\n  b\r\nUSER x\r\n"),
        lines(&[(1, "FROM a"), (2, "RUN a   b"), (4, "USER x")])
    );
}

#[test]
fn line_numbers_count_every_physical_line() {
    let text = "# syntax=x\n\nARG A\n# c\nFROM a \\\n  AS b\n\nRUN <<EOF\nbody\nEOF\nCMD x\n";
    assert_eq!(
        originals(text),
        lines(&[
            (3, "ARG A"),
            (5, "FROM a   AS b"),
            (8, "RUN <<EOF"),
            (11, "CMD x")
        ])
    );
}

#[test]
fn a_line_of_64_kib_is_refused_and_a_long_one_accepted() {
    let ok = format!("FROM a\nRUN echo {}\n", "x".repeat(65000));
    parse(&ok);
    let long = format!("FROM a\nRUN echo {}\n", "x".repeat(70000));
    assert_eq!(
        error(&long),
        "Containerfile:2: line longer than 65535 bytes: split it with line continuations"
    );
}
