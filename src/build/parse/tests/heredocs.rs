//! Heredocs: which lines read them, markers, bodies, `<<-`, quoting, several per line,
//! COPY/ADD inline files, ONBUILD, and what a RUN with heredocs executes.
use super::*;

fn run(body: &str) -> Run {
    match one(body) {
        Instruction::Run(r) => r,
        other => panic!("{other:?}"),
    }
}

fn heredoc(name: &str, body: &str, expand: bool, strip_tabs: bool) -> Heredoc {
    Heredoc {
        name: name.into(),
        body: body.into(),
        expand,
        strip_tabs,
    }
}

#[test]
fn a_run_heredoc_reads_the_lines_up_to_its_terminator() {
    let r = run("RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n");
    assert_eq!(r.command, CommandLine::Shell("<<EOF".into()));
    assert_eq!(
        r.heredocs,
        vec![heredoc(
            "EOF",
            "apt-get update\napt-get install -y curl\n",
            true,
            false
        )]
    );
    assert_eq!(
        r.execution(),
        Execution::Shell("apt-get update\napt-get install -y curl\n".into())
    );
}

#[test]
fn lines_after_the_terminator_are_instructions_again() {
    let s = steps("RUN <<EOF\nFROM is text here\nEOF\nUSER x\n");
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].instruction, Instruction::User("x".into()));
    assert_eq!(s[1].line, 5);
}

#[test]
fn a_heredoc_with_a_shebang_is_a_script_run_directly() {
    let r = run("RUN <<EOT\n#!/usr/bin/env python3\nprint('hi')\nEOT\n");
    assert_eq!(
        r.execution(),
        Execution::Script {
            name: "EOT".into(),
            body: "#!/usr/bin/env python3\nprint('hi')\n".into(),
        }
    );
}

#[test]
fn a_command_line_that_opens_heredocs_feeds_them_through_the_shell() {
    let r = run("RUN python3 <<EOF\nprint(1)\nEOF\n");
    assert_eq!(
        r.execution(),
        Execution::Shell("python3 <<EOF\nprint(1)\nEOF".into())
    );
    let r = run(
        "RUN <<FILE1 cat > file1 && <<FILE2 cat > file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2\n",
    );
    assert_eq!(r.heredocs.len(), 2);
    assert_eq!(r.heredocs[0].body, "I am\nfirst\n");
    assert_eq!(r.heredocs[1].body, "I am\nsecond\n");
    assert_eq!(
        r.execution(),
        Execution::Shell(
            "<<FILE1 cat > file1 && <<FILE2 cat > file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2"
                .into()
        )
    );
}

#[test]
fn strip_tabs_marker_allows_indented_bodies_and_terminators() {
    let r = run("RUN <<-EOF\n\techo a\n\t\techo b\n\tEOF\n");
    assert_eq!(r.heredocs[0].body, "\techo a\n\t\techo b\n");
    assert!(r.heredocs[0].strip_tabs);
    assert_eq!(r.heredocs[0].content(), "echo a\necho b\n");
    assert_eq!(r.execution(), Execution::Shell("echo a\necho b\n".into()));
    // Without `-`, a tab-indented terminator is body text.
    let s = steps("RUN <<EOF\n\tEOF\nEOF\n");
    match &s[0].instruction {
        Instruction::Run(r) => assert_eq!(r.heredocs[0].body, "\tEOF\n"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn quoting_the_marker_turns_off_expansion() {
    for (marker, name, expand) in [
        ("<<EOF", "EOF", true),
        ("<<\"EOF\"", "EOF", false),
        ("<<'EOF'", "EOF", false),
        ("<<E\"O\"F", "EOF", false),
        ("<<-'EOF'", "EOF", false),
        ("<< EOF", "EOF", true),
        ("2<<EOF", "EOF", true),
    ] {
        let r = run(&format!("RUN cat {marker}\nx\n{name}\n"));
        assert_eq!(r.heredocs.len(), 1, "{marker}");
        assert_eq!(r.heredocs[0].name, name, "{marker}");
        assert_eq!(r.heredocs[0].expand, expand, "{marker}");
    }
}

#[test]
fn words_that_only_look_like_markers_open_no_heredoc() {
    for line in [
        "RUN cat<<EOF",
        "RUN echo \"<<EOF\"",
        "RUN echo '<<EOF'",
        "RUN echo <<",
        "RUN echo <<-",
        "RUN echo a<b",
        "RUN [\"cat\", \"<<EOF\"]",
    ] {
        let r = run(&format!("{line}\n"));
        assert!(r.heredocs.is_empty(), "{line}");
    }
}

#[test]
fn the_terminator_matches_without_its_line_ending() {
    let r = run("RUN <<EOF\r\nline\r\nEOF\r\n");
    assert_eq!(r.heredocs[0].body, "line\r\n");
    let r = run("RUN <<EOF\nlast\nEOF");
    assert_eq!(r.heredocs[0].body, "last\n");
}

#[test]
fn body_lines_are_taken_as_written() {
    let r = run("RUN <<EOF\n# not a comment\n\n  indented \\\n$HOME\nEOF\n");
    assert_eq!(
        r.heredocs[0].body,
        "# not a comment\n\n  indented \\\n$HOME\n"
    );
}

#[test]
fn copy_heredocs_are_inline_files_named_by_their_terminator() {
    let c = match one("COPY <<EOF <<-'SECOND' /dest/\nhello $name\nEOF\n\tworld\n\tSECOND\n") {
        Instruction::Copy(c) => c,
        other => panic!("{other:?}"),
    };
    assert!(c.files.sources.is_empty());
    assert_eq!(c.files.dest, "/dest/");
    assert_eq!(
        c.files.inline,
        vec![
            InlineFile {
                name: "EOF".into(),
                content: "hello $name\n".into(),
                expand: true,
            },
            InlineFile {
                name: "SECOND".into(),
                content: "world\n".into(),
                expand: false,
            },
        ]
    );
}

#[test]
fn add_heredocs_mix_with_paths() {
    let a = match one("ADD --chmod=755 <<run.sh a.txt /app/\n#!/bin/sh\nrun.sh\n") {
        Instruction::Add(a) => a,
        other => panic!("{other:?}"),
    };
    assert_eq!(a.files.sources, strings(&["a.txt"]));
    assert_eq!(a.files.inline[0].name, "run.sh");
    assert_eq!(a.files.inline[0].content, "#!/bin/sh\n");
    assert_eq!(a.chmod.as_deref(), Some("755"));
}

#[test]
fn onbuild_run_reads_heredocs_and_keeps_them_in_the_trigger() {
    let o = match one("ONBUILD RUN <<EOF\necho hi\nEOF\n") {
        Instruction::Onbuild(o) => o,
        other => panic!("{other:?}"),
    };
    assert_eq!(o.trigger, "RUN <<EOF\necho hi\nEOF");
    match *o.instruction {
        Instruction::Run(r) => assert_eq!(r.heredocs[0].body, "echo hi\n"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_run_copy_and_add_read_heredocs() {
    let s = steps("LABEL a=<<EOF\nUSER x\n");
    assert_eq!(s.len(), 2);
    let s = steps("ENV A=b<<EOF\nUSER x\n");
    assert_eq!(s.len(), 2);
    let s = steps("CMD cat <<EOF\nUSER x\n");
    assert_eq!(s.len(), 2);
}

#[test]
fn an_unterminated_heredoc_is_refused_at_its_instruction() {
    assert_eq!(
        error("FROM a\nRUN <<EOF\necho\n"),
        "Containerfile:2: RUN: heredoc <<EOF has no terminating EOF line"
    );
    assert_eq!(
        error("FROM a\nCOPY <<A <<B /x\na\nA\nb\n"),
        "Containerfile:2: COPY: heredoc <<B has no terminating B line"
    );
}

#[test]
fn a_heredoc_destination_is_refused() {
    assert_eq!(
        line_error("COPY a <<EOF\nx\nEOF"),
        "Containerfile:2: COPY: a heredoc cannot be the destination: name the destination after it"
    );
}
