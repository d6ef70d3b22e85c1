//! `expand`: which words of each instruction are substituted, what stays as written, and the
//! checks that wait for values.
use super::*;

fn env() -> impl Fn(&str) -> Option<String> {
    vars(&[
        ("IMAGE", "alpine"),
        ("TAG", "3.20"),
        ("PLATFORM", "linux/arm64"),
        ("DIR", "/app"),
        ("USER", "builder"),
        ("NAME", "world"),
        ("PORTS", "80 443/udp"),
        ("EMPTY", ""),
        ("SIG", "SIGQUIT"),
        ("T", "cache"),
        ("SIZE", "1m"),
        ("MODE", "0700"),
    ])
}

/// `line` (in a stage) expanded with `env()`.
fn expanded(line: &str) -> Instruction {
    let env = env();
    expand(&one(line), &env, '\\').unwrap_or_else(|e| panic!("{line:?}: {e}"))
}

fn expand_error(line: &str) -> String {
    let env = env();
    let file = parse(&format!("FROM scratch\n{line}\n"));
    let step = &file.stages[0].steps[0];
    file.expand_step(step, &env).unwrap_err().to_string()
}

#[test]
fn from_expands_image_and_platform_but_not_the_name() {
    let file = parse("ARG IMAGE\nFROM --platform=$PLATFORM ${IMAGE}:${TAG:-latest} AS Base\n");
    let env = env();
    let got = file.expand_step(&file.stages[0].from, &env).unwrap();
    assert_eq!(
        got,
        Instruction::From(Base {
            image: "alpine:3.20".into(),
            platform: Some("linux/arm64".into()),
            alias: Some("base".into()),
        })
    );
}

#[test]
fn env_and_label_expand_keys_and_values_removing_quotes() {
    assert_eq!(
        expanded("ENV A=\"hello $NAME\" B='$NAME' C=${DIR}/bin D=x\\ y"),
        Instruction::Env(vec![
            KeyValue {
                key: "A".into(),
                value: "hello world".into(),
                legacy: false
            },
            KeyValue {
                key: "B".into(),
                value: "$NAME".into(),
                legacy: false
            },
            KeyValue {
                key: "C".into(),
                value: "/app/bin".into(),
                legacy: false
            },
            KeyValue {
                key: "D".into(),
                value: "x y".into(),
                legacy: false
            },
        ])
    );
    assert_eq!(
        expanded("ENV PATH $DIR/bin:\"$EMPTY\" more"),
        Instruction::Env(vec![KeyValue {
            key: "PATH".into(),
            value: "/app/bin: more".into(),
            legacy: true
        }])
    );
    assert_eq!(
        expanded("LABEL \"org.$NAME\"=\"v $TAG\""),
        Instruction::Label(vec![KeyValue {
            key: "org.world".into(),
            value: "v 3.20".into(),
            legacy: false
        }])
    );
}

#[test]
fn run_cmd_and_entrypoint_commands_are_left_to_the_shell() {
    assert_eq!(
        expanded("RUN echo $NAME \"${DIR}\""),
        one("RUN echo $NAME \"${DIR}\"")
    );
    assert_eq!(expanded("CMD echo $NAME"), one("CMD echo $NAME"));
    assert_eq!(
        expanded("ENTRYPOINT [\"$DIR/run\"]"),
        one("ENTRYPOINT [\"$DIR/run\"]")
    );
    assert_eq!(expanded("SHELL [\"$X\"]"), one("SHELL [\"$X\"]"));
    assert_eq!(
        expanded("HEALTHCHECK CMD curl $URL"),
        one("HEALTHCHECK CMD curl $URL")
    );
    assert_eq!(expanded("MAINTAINER $NAME"), one("MAINTAINER $NAME"));
    assert_eq!(
        expanded("ONBUILD COPY $DIR /x"),
        one("ONBUILD COPY $DIR /x")
    );
}

#[test]
fn run_mount_options_are_expanded_and_checked() {
    let r = match expanded("RUN --mount=type=$T,target=$DIR/cache,mode=$MODE,id=${NAME}-c true") {
        Instruction::Run(r) => r,
        other => panic!("{other:?}"),
    };
    let m = &r.mounts[0];
    assert_eq!(m.kind, MountType::Cache);
    assert_eq!(m.target, "/app/cache");
    assert_eq!(m.mode, Some(0o700));
    assert_eq!(m.id, "world-c");
    assert!(!m.read_only);
    assert_eq!(
        expand_error("RUN --mount=type=$NAME,target=/x true"),
        "Containerfile:2: RUN --mount: unknown type \"world\": expected bind, cache, tmpfs, secret or ssh"
    );
    assert_eq!(
        expand_error("RUN --mount=type=bind,target=/x,size=$SIZE true"),
        "Containerfile:2: RUN --mount: size does not apply to type=bind mounts"
    );
    assert_eq!(
        expand_error("RUN --mount=type=cache,target=${X:?} true"),
        "Containerfile:2: RUN --mount: \"${X:?}\": X: is not allowed to be unset"
    );
}

#[test]
fn copy_and_add_expand_paths_and_ownership_but_not_from_or_exclude() {
    let c = match expanded("COPY --from=build --chown=$USER:$USER --chmod=$MODE --exclude=$NAME src/$NAME.txt a\\ b $DIR/") {
        Instruction::Copy(c) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(c.files.sources, strings(&["src/world.txt", "a", "b"]));
    assert_eq!(c.files.dest, "/app/");
    assert_eq!(c.chown.as_deref(), Some("builder:builder"));
    assert_eq!(c.chmod.as_deref(), Some("0700"));
    assert_eq!(c.from.as_deref(), Some("build"));
    assert_eq!(c.exclude, strings(&["$NAME"]));
    let a = match expanded("ADD --checksum=$TAG [\"$DIR/x y\", \"/$NAME/\"]") {
        Instruction::Add(a) => a,
        other => panic!("{other:?}"),
    };
    assert_eq!(a.checksum.as_deref(), Some("3.20"));
    assert_eq!(a.files.sources, strings(&["/app/x y"]));
    assert_eq!(a.files.dest, "/world/");
}

#[test]
fn shell_form_sources_are_split_before_expansion() {
    assert_eq!(
        expand_error("COPY \"a b\" /dst"),
        "Containerfile:2: COPY: \"\\\"a\": unterminated double quote: close it with \""
    );
    let c = match expanded("COPY ${NAME}_$TAG.txt /dst") {
        Instruction::Copy(c) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(c.files.sources, strings(&["world_3.20.txt"]));
}

#[test]
fn heredoc_files_expand_unless_the_marker_is_quoted() {
    let text = "COPY <<EOF <<'RAW' /dst/\nHello ${NAME}! \"$TAG\" '$DIR' \\$HOME\nEOF\nHello ${NAME}!\nRAW\n";
    let c = match expanded(text) {
        Instruction::Copy(c) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        c.files.inline[0].content,
        "Hello world! \"3.20\" '/app' $HOME\n"
    );
    assert_eq!(c.files.inline[1].content, "Hello ${NAME}!\n");
    assert_eq!(
        expand_error("COPY <<EOF /x\n${X:?no}\nEOF"),
        "Containerfile:2: COPY: \"<<EOF\": X: no"
    );
}

#[test]
fn run_heredocs_are_never_expanded_by_the_parser() {
    let r = match expanded("RUN <<EOF\necho $NAME\nEOF\n") {
        Instruction::Run(r) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(r.execution(), Execution::Shell("echo $NAME\n".into()));
}

#[test]
fn expose_splits_values_and_normalises_ports() {
    assert_eq!(
        expanded("EXPOSE $PORTS 8000-8002/TCP"),
        Instruction::Expose(strings(&[
            "80/tcp", "443/udp", "8000/tcp", "8001/tcp", "8002/tcp"
        ]))
    );
    assert_eq!(
        expand_error("EXPOSE $NAME"),
        "Containerfile:2: EXPOSE: invalid port \"world\": \"world\" is not a port number"
    );
    assert_eq!(
        expand_error("EXPOSE 0-65535 1"),
        "Containerfile:2: EXPOSE: invalid port \"0-65535 1\": more than 65536 ports in one EXPOSE"
    );
}

#[test]
fn volume_user_workdir_and_stopsignal_expand() {
    assert_eq!(
        expanded("VOLUME [\"$DIR/data\", \"/$NAME\"]"),
        Instruction::Volume(strings(&["/app/data", "/world"]))
    );
    assert_eq!(
        expanded("USER $USER:${GROUP:-staff}"),
        Instruction::User("builder:staff".into())
    );
    assert_eq!(
        expanded("WORKDIR $DIR/my dir"),
        Instruction::Workdir("/app/my dir".into())
    );
    assert_eq!(
        expanded("STOPSIGNAL $SIG"),
        Instruction::Stopsignal("SIGQUIT".into())
    );
    assert_eq!(
        expand_error("STOPSIGNAL $NAME"),
        "Containerfile:2: STOPSIGNAL: invalid signal \"world\": expected a name (SIGTERM, TERM, RTMIN+3) or a number"
    );
    assert_eq!(
        expand_error("VOLUME $EMPTY"),
        "Containerfile:2: VOLUME: a volume path cannot be empty"
    );
}

#[test]
fn arg_defaults_expand_and_names_do_not() {
    assert_eq!(
        expanded("ARG $NAME=${DIR}/x B=\"$TAG\""),
        Instruction::Arg(vec![
            ArgDef {
                name: "$NAME".into(),
                default: Some("/app/x".into())
            },
            ArgDef {
                name: "B".into(),
                default: Some("3.20".into())
            },
        ])
    );
}

#[test]
fn from_refuses_an_empty_image_or_platform() {
    let file = parse("ARG X\nFROM ${X}\nFROM --platform=$EMPTY a\n");
    let env = env();
    assert_eq!(
        file.expand_step(&file.stages[0].from, &env)
            .unwrap_err()
            .to_string(),
        "Containerfile:2: FROM: base image \"${X}\" is empty after substitution"
    );
    assert_eq!(
        file.expand_step(&file.stages[1].from, &env)
            .unwrap_err()
            .to_string(),
        "Containerfile:3: FROM: --platform=\"$EMPTY\" is empty after substitution"
    );
}

#[test]
fn the_escape_directive_applies_to_expansion() {
    let file = parse("# escape=`\nFROM a\nWORKDIR C:\\$NAME`$x\n");
    let env = env();
    assert_eq!(
        file.expand_step(&file.stages[0].steps[0], &env).unwrap(),
        Instruction::Workdir("C:\\world$x".into())
    );
}

#[test]
fn expansion_errors_are_placed_at_their_line() {
    assert_eq!(
        expand_error("USER ${NAME"),
        "Containerfile:2: USER: \"${NAME\": syntax error: missing '}'"
    );
    assert_eq!(
        expand_error("WORKDIR ${DIR:?}/${X:?set X}"),
        "Containerfile:2: WORKDIR: \"${DIR:?}/${X:?set X}\": X: set X"
    );
}
