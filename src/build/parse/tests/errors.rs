//! Every refusal, with its exact one-line message: `file:line: INSTRUCTION: what: what to do`.
use super::*;

/// `(line after "FROM scratch", message without the "Containerfile:2: " prefix)`.
fn check_lines(cases: &[(&str, &str)]) {
    for (line, want) in cases {
        assert_eq!(
            line_error(line),
            format!("Containerfile:2: {want}"),
            "{line:?}"
        );
    }
}

#[test]
fn directive_and_file_level_errors() {
    assert_eq!(
        error("# escape=\\\n# ESCAPE=`\nFROM a\n"),
        "Containerfile:2: only one escape parser directive can be used: remove the second"
    );
    assert_eq!(
        error("# syntax=a\n# syntax=b\nFROM a\n"),
        "Containerfile:2: only one syntax parser directive can be used: remove the second"
    );
    assert_eq!(
        error("# escape=x\nFROM a\n"),
        "Containerfile:1: invalid escape directive \"x\": expected \\ or `"
    );
    assert_eq!(
        error(""),
        "Containerfile:1: file with no instructions: a Containerfile starts with FROM"
    );
    assert_eq!(
        error("# only\n\n# comments\n"),
        "Containerfile:3: file with no instructions: a Containerfile starts with FROM"
    );
    assert_eq!(
        error("ARG A=1\nARG B\n"),
        "Containerfile:2: no FROM: a Containerfile needs at least one stage (FROM image)"
    );
    assert_eq!(
        error("RUN make\nFROM a\n"),
        "Containerfile:1: RUN before the first FROM: only ARG may come before FROM"
    );
    assert_eq!(
        error("ARG A\nENV B=1\nFROM a\n"),
        "Containerfile:2: ENV before the first FROM: only ARG may come before FROM"
    );
}

#[test]
fn unknown_instructions_are_named_with_the_known_ones() {
    let all = "FROM, RUN, CMD, LABEL, MAINTAINER, EXPOSE, ENV, ADD, COPY, ENTRYPOINT, VOLUME, USER, WORKDIR, ARG, ONBUILD, STOPSIGNAL, HEALTHCHECK, SHELL";
    assert_eq!(
        error("FROM a\n\n\n\n\n\nRUNN make\n"),
        format!("Containerfile:7: unknown instruction \"RUNN\": expected one of {all}")
    );
    assert_eq!(
        error("FORM a\n"),
        format!("Containerfile:1: unknown instruction \"FORM\": expected one of {all}")
    );
    assert_eq!(
        line_error("ONBUILD RUNN x"),
        format!("Containerfile:2: ONBUILD unknown instruction \"RUNN\": expected one of {all}")
    );
}

#[test]
fn flag_errors() {
    check_lines(&[
        (
            "COPY --chwon=1 a b",
            "COPY: unknown flag --chwon: expected --from, --chown, --chmod, --link, --parents, --exclude",
        ),
        (
            "ADD --from=x a b",
            "ADD: unknown flag --from: expected --chown, --chmod, --link, --checksum, --keep-git-dir, --unpack, --exclude",
        ),
        (
            "RUN --mont=type=cache true",
            "RUN: unknown flag --mont: expected --mount, --network, --security",
        ),
        (
            "RUN --device=x true",
            "RUN: unknown flag --device: expected --mount, --network, --security",
        ),
        (
            "USER --x=1 app",
            "USER: unknown flag --x: this instruction takes no flags",
        ),
        (
            "CMD --help",
            "CMD: unknown flag --help: this instruction takes no flags",
        ),
        (
            "HEALTHCHECK --intervl=1s CMD true",
            "HEALTHCHECK: unknown flag --intervl: expected --interval, --timeout, --start-period, --start-interval, --retries",
        ),
        ("COPY --from=a --from=b x y", "COPY: flag --from given twice: keep one"),
        ("COPY --link --link a b", "COPY: flag --link given twice: keep one"),
        ("COPY --from x y", "COPY: flag --from needs a value: --from=…"),
        ("COPY --link= a b", "COPY: flag --link needs a value: --link=…"),
        ("RUN --mount true", "RUN: flag --mount needs a value: --mount=…"),
        ("COPY --link=yes a b", "COPY: --link=yes: expected true or false"),
        (
            "RUN --network=bridge true",
            "RUN: --network=\"bridge\": expected default, none or host",
        ),
        (
            "RUN --security=privileged true",
            "RUN: --security=\"privileged\": expected sandbox or insecure",
        ),
    ]);
    assert_eq!(
        error("FROM --platfrom=linux/amd64 a\n"),
        "Containerfile:1: FROM: unknown flag --platfrom: expected --platform"
    );
}

#[test]
fn argument_count_and_form_errors() {
    check_lines(&[
        ("CMD [1, 2]", "CMD: a JSON array here must hold only strings"),
        ("RUN [\"a\", null]", "RUN: a JSON array here must hold only strings"),
        ("COPY [\"a\", 1]", "COPY: a JSON array here must hold only strings"),
        (
            "SHELL /bin/bash -c",
            "SHELL: requires the arguments in JSON form, such as [\"/bin/bash\", \"-c\"]",
        ),
        ("SHELL []", "SHELL: requires at least one argument"),
        ("SHELL", "SHELL: requires at least one argument"),
        ("EXPOSE", "EXPOSE: requires at least one argument"),
        ("ENV", "ENV: requires at least one argument"),
        ("LABEL", "LABEL: requires at least one argument"),
        ("ARG", "ARG: requires at least one argument"),
        ("VOLUME", "VOLUME: requires at least one argument"),
        ("VOLUME []", "VOLUME: requires at least one argument"),
        ("ONBUILD", "ONBUILD: requires at least one argument"),
        ("HEALTHCHECK", "HEALTHCHECK: requires at least one argument"),
        ("USER", "USER: requires exactly one argument"),
        ("WORKDIR", "WORKDIR: requires exactly one argument"),
        ("MAINTAINER", "MAINTAINER: requires exactly one argument"),
        ("STOPSIGNAL", "STOPSIGNAL: requires exactly one argument"),
        (
            "COPY a",
            "COPY: requires at least two arguments, sources and a destination, but only one was given",
        ),
        (
            "COPY",
            "COPY: requires at least two arguments, sources and a destination, but only one was given",
        ),
        (
            "ADD [\"a\"]",
            "ADD: requires at least two arguments, sources and a destination, but only one was given",
        ),
        ("ENV =x", "ENV: a name cannot be blank: use name=value"),
        ("LABEL a=b =c", "LABEL: a name cannot be blank: use name=value"),
        ("ARG =x", "ARG: a name cannot be blank: use name=value"),
        ("ENV a=b c", "ENV: can't find = in \"c\": use name=value"),
        ("LABEL a=1 b", "LABEL: can't find = in \"b\": use name=value"),
        ("ENV a", "ENV: requires a name and a value (or name=value …)"),
        ("LABEL a", "LABEL: requires a name and a value (or name=value …)"),
        ("VOLUME [\"\"]", "VOLUME: a volume path cannot be empty"),
        ("VOLUME [\"/a\", \"  \"]", "VOLUME: a volume path cannot be empty"),
    ]);
}

#[test]
fn from_errors() {
    for text in [
        "FROM\n",
        "FROM a b\n",
        "FROM a AS\n",
        "FROM a AS b c\n",
        "FROM a FOR b\n",
    ] {
        assert_eq!(
            error(text),
            "Containerfile:1: FROM: expected FROM [--platform=…] image [AS name]",
            "{text:?}"
        );
    }
    for name in ["1st", "b@c", "-x", "a/b", "_x"] {
        assert_eq!(
            error(&format!("FROM a AS {name}\n")),
            format!("Containerfile:1: FROM: invalid stage name \"{name}\": a name starts with a letter and holds only letters, digits, -, _ and ."),
        );
    }
    assert_eq!(
        error("FROM a AS build\nFROM b AS other\nFROM c AS Build\n"),
        "Containerfile:3: FROM: stage name \"build\" is already used by the stage on line 1: give each stage its own name"
    );
}

#[test]
fn onbuild_errors() {
    check_lines(&[
        (
            "ONBUILD ONBUILD RUN x",
            "ONBUILD: chaining ONBUILD ONBUILD is not allowed",
        ),
        ("ONBUILD FROM x", "ONBUILD: FROM is not allowed as an ONBUILD trigger"),
        (
            "onbuild maintainer me",
            "ONBUILD: MAINTAINER is not allowed as an ONBUILD trigger",
        ),
        ("ONBUILD --x RUN y", "ONBUILD: unknown flag --x: this instruction takes no flags"),
        (
            "ONBUILD COPY a",
            "ONBUILD COPY: requires at least two arguments, sources and a destination, but only one was given",
        ),
        (
            "ONBUILD RUN --mount=type=cahce true",
            "ONBUILD RUN --mount: unknown type \"cahce\": expected bind, cache, tmpfs, secret or ssh",
        ),
    ]);
}

#[test]
fn healthcheck_errors() {
    check_lines(&[
        ("HEALTHCHECK NONE x", "HEALTHCHECK: NONE takes no arguments"),
        (
            "HEALTHCHECK CMDX true",
            "HEALTHCHECK: unknown type \"CMDX\": expected CMD or NONE",
        ),
        ("HEALTHCHECK CMD", "HEALTHCHECK: missing command after CMD"),
        (
            "HEALTHCHECK CMD []",
            "HEALTHCHECK: missing command after CMD",
        ),
        (
            "HEALTHCHECK --interval=5 CMD true",
            "HEALTHCHECK: --interval=5: missing unit in duration \"5\"",
        ),
        (
            "HEALTHCHECK --timeout=abc CMD true",
            "HEALTHCHECK: --timeout=abc: invalid duration \"abc\"",
        ),
        (
            "HEALTHCHECK --start-period=5d CMD true",
            "HEALTHCHECK: --start-period=5d: unknown unit \"d\" in duration \"5d\"",
        ),
        (
            "HEALTHCHECK --interval=500us CMD true",
            "HEALTHCHECK: --interval=500us: must be 0 or at least 1ms",
        ),
        (
            "HEALTHCHECK --start-interval=-1s CMD true",
            "HEALTHCHECK: --start-interval=-1s: must be 0 or at least 1ms",
        ),
        (
            "HEALTHCHECK --retries=-1 CMD true",
            "HEALTHCHECK: --retries=-1: expected a whole number of 0 or more",
        ),
        (
            "HEALTHCHECK --retries=x CMD true",
            "HEALTHCHECK: --retries=x: expected a whole number of 0 or more",
        ),
    ]);
}

#[test]
fn literal_values_are_checked_at_parse_time() {
    check_lines(&[
        (
            "EXPOSE 80/xyz",
            "EXPOSE: invalid port \"80/xyz\": unknown protocol \"xyz\": expected tcp, udp or sctp",
        ),
        (
            "EXPOSE 70000",
            "EXPOSE: invalid port \"70000\": 70000 is out of range (0-65535)",
        ),
        (
            "EXPOSE 90-80",
            "EXPOSE: invalid port \"90-80\": the range 90-80 ends before it starts",
        ),
        ("EXPOSE /tcp", "EXPOSE: invalid port \"/tcp\": no port given"),
        (
            "EXPOSE http",
            "EXPOSE: invalid port \"http\": \"http\" is not a port number",
        ),
        (
            "STOPSIGNAL SIGFOO",
            "STOPSIGNAL: invalid signal \"SIGFOO\": expected a name (SIGTERM, TERM, RTMIN+3) or a number",
        ),
        (
            "STOPSIGNAL 0",
            "STOPSIGNAL: invalid signal \"0\": expected a name (SIGTERM, TERM, RTMIN+3) or a number",
        ),
        (
            "COPY --from=$STAGE a b",
            "COPY: --from=$STAGE cannot use variables: define a stage FROM the image (a global ARG works there) and copy from that stage",
        ),
        (
            "COPY --from=${STAGE:-x} a b",
            "COPY: --from=${STAGE:-x} cannot use variables: define a stage FROM the image (a global ARG works there) and copy from that stage",
        ),
    ]);
}

#[test]
fn mount_errors() {
    let m = |spec: &str, want: &str| {
        assert_eq!(
            line_error(&format!("RUN --mount={spec} true")),
            format!("Containerfile:2: RUN --mount: {want}"),
            "{spec:?}"
        );
    };
    m(
        "type=cahce,target=/x",
        "unknown type \"cahce\": expected bind, cache, tmpfs, secret or ssh",
    );
    m(
        "type=cache,tagret=/x",
        "unknown option \"tagret\": expected type, target, source, from, readonly, readwrite, id, sharing, mode, uid, gid, size, required or env",
    );
    m("type=cache,dest=/x", "unknown option \"dest\": expected type, target, source, from, readonly, readwrite, id, sharing, mode, uid, gid, size, required or env");
    m("type=cache,target=/x,foo", "\"foo\" must be key=value");
    m("", "\"\" must be key=value");
    m(
        "type=cache,target=/x,required",
        "required does not apply to type=cache mounts",
    );
    m(
        "required,type=secret,id=x",
        "required does not apply to type=bind mounts",
    );
    m(
        "type=bind,target=/x,size=1m",
        "size does not apply to type=bind mounts",
    );
    m(
        "type=cache,target=/x,ro=maybe",
        "ro=\"maybe\": expected true or false",
    );
    m(
        "type=tmpfs,target=/x,size=lots",
        "size=\"lots\": expected a size such as 64m",
    );
    m(
        "type=cache,target=/x,mode=999",
        "mode=\"999\": expected an octal mode such as 0755",
    );
    m(
        "type=cache,target=/x,uid=-1",
        "uid=\"-1\": expected a number",
    );
    m(
        "type=cache,target=/x,sharing=none",
        "unknown sharing \"none\": expected shared, private or locked",
    );
    m(
        "type=bind,target=/x,mode=0644",
        "mode is not allowed for type=bind mounts (only cache, secret and ssh)",
    );
    m(
        "type=tmpfs,target=/x,uid=0",
        "uid is not allowed for type=tmpfs mounts (only cache, secret and ssh)",
    );
    m(
        "type=secret,id=a,from=x",
        "a secret mount cannot have from=",
    );
    m(
        "type=secret,id=a,sharing=shared",
        "a secret mount cannot have sharing=",
    );
    m(
        "type=secret",
        "a secret mount needs id=, source= or target=",
    );
    m(
        "type=secret,id=a,source=b",
        "a secret mount takes source= or id=, not both",
    );
    m(
        "type=tmpfs,target=/t,sharing=shared",
        "sharing= applies only to type=cache mounts, not type=tmpfs",
    );
    m(
        "type=bind,from=$X,target=/x",
        "from=$X cannot use variables: define a stage FROM the image and mount from that stage",
    );
    m(
        "type=bind,target=\\'x",
        "\"'x\": unterminated single quote: close it with '",
    );
    m(
        "type=bind,'target=\"a'",
        "\"type=bind,target=\\\"a\" is not valid CSV: a quote inside an unquoted field",
    );
    m(
        "'\"type=bind'",
        "\"\\\"type=bind\" is not valid CSV: a quoted field is not closed",
    );
    m(
        "'\"type=bind\"x'",
        "\"\\\"type=bind\\\"x\" is not valid CSV: text after a closing quote",
    );
}

#[test]
fn heredoc_marker_errors_name_the_instruction() {
    let kind = ParseErrorKind::Heredoc {
        instruction: Keyword::Run,
        error: WordError::MissingBrace,
    };
    assert_eq!(
        kind.to_string(),
        "RUN: heredoc marker: syntax error: missing '}'"
    );
}

#[test]
fn errors_use_the_file_name_given() {
    let e =
        Containerfile::parse("build/Dockerfile.dev", "FROM a\nCOPY --chwon=1 a b\n").unwrap_err();
    assert_eq!(e.file, "build/Dockerfile.dev");
    assert_eq!(e.line, 2);
    assert!(e
        .to_string()
        .starts_with("build/Dockerfile.dev:2: COPY: unknown flag --chwon"));
}

#[test]
fn errors_stay_small_enough_to_return_by_value() {
    assert!(std::mem::size_of::<ParseError>() <= 128);
    assert!(std::mem::size_of::<StepError>() <= 128);
}
