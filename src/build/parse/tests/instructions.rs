//! Each instruction read into its typed form: arguments, forms and flags.
use super::*;
use std::time::Duration;

fn base(line: &str) -> Base {
    let file = parse(&format!("{line}\n"));
    file.stages[0].base().clone()
}

fn run(line: &str) -> Run {
    match one(line) {
        Instruction::Run(r) => r,
        other => panic!("{other:?}"),
    }
}

fn copy(line: &str) -> CopyFiles {
    match one(line) {
        Instruction::Copy(c) => c,
        other => panic!("{other:?}"),
    }
}

fn add(line: &str) -> AddFiles {
    match one(line) {
        Instruction::Add(a) => a,
        other => panic!("{other:?}"),
    }
}

fn mount(spec: &str) -> Mount {
    let mut r = run(&format!("RUN --mount={spec} true"));
    assert_eq!(r.mounts.len(), 1);
    r.mounts.remove(0)
}

fn kv(key: &str, value: &str, legacy: bool) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: value.into(),
        legacy,
    }
}

#[test]
fn from_takes_an_image_a_platform_and_a_lowercased_name() {
    assert_eq!(
        base("FROM alpine:3.20"),
        Base {
            image: "alpine:3.20".into(),
            platform: None,
            alias: None,
        }
    );
    assert_eq!(
        base("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build-Env.1"),
        Base {
            image: "golang:1.22".into(),
            platform: Some("$BUILDPLATFORM".into()),
            alias: Some("build-env.1".into()),
        }
    );
    assert_eq!(base("from ${IMAGE}:${TAG} as x").image, "${IMAGE}:${TAG}");
    assert_eq!(base("FROM --platform= a").platform, None);
}

#[test]
fn run_shell_and_exec_forms() {
    assert_eq!(
        run("RUN   echo  \"a b\"  ").command,
        CommandLine::Shell("echo  \"a b\"".into())
    );
    assert_eq!(
        run("RUN [\"/bin/echo\", \"a b\"]").command,
        CommandLine::Exec(strings(&["/bin/echo", "a b"]))
    );
    assert_eq!(run("RUN []").command, CommandLine::Exec(vec![]));
    // Not valid JSON: the shell form, as written.
    for text in [
        "[\"a\", 'b']",
        "[\"a\"",
        "['a']",
        "[\"a\"] && echo",
        "[\"a\\\"]",
        "echo [\"a\"]",
    ] {
        assert_eq!(
            run(&format!("RUN {text}")).command,
            CommandLine::Shell(text.into()),
            "{text}"
        );
    }
    assert_eq!(run("RUN").command, CommandLine::Shell(String::new()));
    assert_eq!(
        run("RUN -- --not-a-flag").command,
        CommandLine::Shell("--not-a-flag".into())
    );
}

#[test]
fn run_network_and_security_flags() {
    let r = run("RUN --network=none --security=insecure true");
    assert_eq!((r.network, r.security), (Network::None, Security::Insecure));
    let r = run("RUN --network=host true");
    assert_eq!(r.network, Network::Host);
    let r = run("RUN true");
    assert_eq!(
        (r.network, r.security),
        (Network::Default, Security::Sandbox)
    );
}

#[test]
fn mount_types_and_their_defaults() {
    let m = mount("type=cache,target=/root/.cache/go-build");
    assert_eq!(m.kind, MountType::Cache);
    assert_eq!(m.target, "/root/.cache/go-build");
    assert!(!m.read_only);
    assert_eq!(m.sharing, None);
    let m = mount("target=/src");
    assert_eq!(m.kind, MountType::Bind);
    assert!(m.read_only);
    let m = mount("type=tmpfs,dst=/tmp,size=64m");
    assert_eq!(
        (m.kind, m.size, m.read_only),
        (MountType::Tmpfs, Some(64 << 20), false)
    );
    let m = mount("type=secret,id=aws,env=AWS_KEY,required");
    assert_eq!(m.kind, MountType::Secret);
    assert_eq!(
        (m.id.as_str(), m.env.as_deref(), m.required),
        ("aws", Some("AWS_KEY"), true)
    );
    assert!(m.read_only);
    let m = mount("type=ssh,id=default,required=false,mode=0600,uid=1000,gid=1000");
    assert_eq!(
        (m.kind, m.required, m.mode, m.uid, m.gid),
        (MountType::Ssh, false, Some(0o600), Some(1000), Some(1000))
    );
}

#[test]
fn mount_options_and_their_spellings() {
    let m = mount("type=bind,from=builder,source=/out,destination=/in,rw");
    assert_eq!(
        (
            m.from.as_str(),
            m.source.as_str(),
            m.target.as_str(),
            m.read_only
        ),
        ("builder", "/out", "/in", false)
    );
    let m = mount("type=bind,src=/a,target=/b,readwrite=true");
    assert!(!m.read_only);
    let m = mount("type=cache,target=/c,ro");
    assert!(m.read_only);
    let m = mount("type=cache,target=/c,readonly=1,id=x,sharing=locked");
    assert!(m.read_only);
    assert_eq!((m.id.as_str(), m.sharing), ("x", Some(Sharing::Locked)));
    let m = mount("TYPE=CACHE,Target=/c,sharing=Private");
    assert_eq!(
        (m.kind, m.sharing),
        (MountType::Cache, Some(Sharing::Private))
    );
    let m = mount("type=bind,'\"target=/a,b\"'");
    assert_eq!(m.target, "/a,b");
    let m = mount("type=tmpfs,target=/t,size=1.5GiB");
    assert_eq!(m.size, Some(1610612736));
}

#[test]
fn mount_values_with_variables_wait_for_expansion() {
    let m = mount("type=$T,target=$DIR,size=$S,mode=$M");
    assert_eq!(m.kind, MountType::Bind);
    assert_eq!(m.target, "");
    assert_eq!((m.size, m.mode), (None, None));
    assert_eq!(m.spec, "type=$T,target=$DIR,size=$S,mode=$M");
    let r = run("RUN --mount=type=cache,target=/a --mount=type=secret,id=s cat /run/secrets/s");
    assert_eq!(r.mounts.len(), 2);
    assert_eq!(r.mounts[1].kind, MountType::Secret);
}

#[test]
fn flags_lose_their_quotes_and_keep_escaped_characters() {
    let m = mount("type=bind,\"target=/a b\"");
    assert_eq!(m.target, "/a b");
    let c = copy("COPY --chown='user name' a b");
    assert_eq!(c.chown.as_deref(), Some("user name"));
    let c = copy("COPY --chown=a\\ b x y");
    assert_eq!(c.chown.as_deref(), Some("a b"));
}

#[test]
fn cmd_and_entrypoint_forms() {
    assert_eq!(
        one("CMD [\"nginx\", \"-g\", \"daemon off;\"]"),
        Instruction::Cmd(CommandLine::Exec(strings(&["nginx", "-g", "daemon off;"])))
    );
    assert_eq!(
        one("ENTRYPOINT exec top -b"),
        Instruction::Entrypoint(CommandLine::Shell("exec top -b".into()))
    );
    assert_eq!(
        one("CMD"),
        Instruction::Cmd(CommandLine::Shell(String::new()))
    );
    assert_eq!(
        one("ENTRYPOINT []"),
        Instruction::Entrypoint(CommandLine::Exec(vec![]))
    );
}

#[test]
fn label_and_env_pairs() {
    assert_eq!(
        one("LABEL a=b \"c d\"=\"e f\" g='h i' multi=x\\ y"),
        Instruction::Label(vec![
            kv("a", "b", false),
            kv("\"c d\"", "\"e f\"", false),
            kv("g", "'h i'", false),
            kv("multi", "x\\ y", false),
        ])
    );
    assert_eq!(
        one("ENV k=v k2=\"v 2\" empty= q=\"\""),
        Instruction::Env(vec![
            kv("k", "v", false),
            kv("k2", "\"v 2\"", false),
            kv("empty", "", false),
            kv("q", "\"\"", false),
        ])
    );
    assert_eq!(
        one("ENV PATH /usr/local/bin:$PATH and more  words"),
        Instruction::Env(vec![kv(
            "PATH",
            "/usr/local/bin:$PATH and more  words",
            true
        )])
    );
    assert_eq!(
        one("LABEL description This is a \"label\""),
        Instruction::Label(vec![kv("description", "This is a \"label\"", true)])
    );
    assert_eq!(
        one("ENV a=b=c"),
        Instruction::Env(vec![kv("a", "b=c", false)])
    );
}

#[test]
fn maintainer_user_workdir_and_stopsignal_take_the_rest_of_the_line() {
    assert_eq!(
        one("MAINTAINER Jane Doe <jane@example.com>"),
        Instruction::Maintainer("Jane Doe <jane@example.com>".into())
    );
    assert_eq!(one("USER app:app"), Instruction::User("app:app".into()));
    assert_eq!(
        one("WORKDIR /path with spaces"),
        Instruction::Workdir("/path with spaces".into())
    );
    for signal in [
        "SIGTERM",
        "TERM",
        "sigkill",
        "9",
        "RTMIN+3",
        "$SIG",
        "\"SIGINT\"",
    ] {
        assert_eq!(
            one(&format!("STOPSIGNAL {signal}")),
            Instruction::Stopsignal(signal.into())
        );
    }
}

#[test]
fn expose_words() {
    assert_eq!(
        one("EXPOSE 80 443/tcp 53/udp 8000-8010 $PORT"),
        Instruction::Expose(strings(&["80", "443/tcp", "53/udp", "8000-8010", "$PORT"]))
    );
}

#[test]
fn volume_json_or_words() {
    assert_eq!(
        one("VOLUME [\"/data\", \" /logs \"]"),
        Instruction::Volume(strings(&["/data", "/logs"]))
    );
    assert_eq!(
        one("VOLUME /a /b"),
        Instruction::Volume(strings(&["/a", "/b"]))
    );
}

#[test]
fn arg_names_and_defaults() {
    assert_eq!(
        one("ARG a b=c d=\"e f\" g="),
        Instruction::Arg(vec![
            ArgDef {
                name: "a".into(),
                default: None
            },
            ArgDef {
                name: "b".into(),
                default: Some("c".into())
            },
            ArgDef {
                name: "d".into(),
                default: Some("\"e f\"".into())
            },
            ArgDef {
                name: "g".into(),
                default: Some(String::new())
            },
        ])
    );
}

#[test]
fn copy_sources_destination_and_flags() {
    let c = copy("COPY --from=build --chown=1000:1000 --chmod=0644 --link --parents --exclude=*.md --exclude=.git a b /dst/");
    assert_eq!(c.files.sources, strings(&["a", "b"]));
    assert_eq!(c.files.dest, "/dst/");
    assert!(!c.files.json);
    assert_eq!(c.from.as_deref(), Some("build"));
    assert_eq!(c.chown.as_deref(), Some("1000:1000"));
    assert_eq!(c.chmod.as_deref(), Some("0644"));
    assert!(c.link && c.parents);
    assert_eq!(c.exclude, strings(&["*.md", ".git"]));
    let c = copy("COPY [\"a b\", \"c\", \"/d e/\"]");
    assert_eq!(c.files.sources, strings(&["a b", "c"]));
    assert_eq!(c.files.dest, "/d e/");
    assert!(c.files.json);
    let c = copy("COPY --link=false a b");
    assert!(!c.link);
    let c = copy("COPY --link=TRUE a b");
    assert!(c.link);
    let c = copy("COPY \"a b\" c");
    assert_eq!(c.files.sources, strings(&["\"a", "b\""]));
}

#[test]
fn add_flags() {
    let a = add("ADD --checksum=sha256:abc --keep-git-dir --unpack=false --chown=u --exclude=x https://example.com/a.tar /");
    assert_eq!(a.checksum.as_deref(), Some("sha256:abc"));
    assert_eq!(a.keep_git_dir, Some(true));
    assert_eq!(a.unpack, Some(false));
    assert_eq!(a.exclude, strings(&["x"]));
    assert_eq!(a.files.sources, strings(&["https://example.com/a.tar"]));
    let a = add("ADD a /b");
    assert_eq!((a.keep_git_dir, a.unpack, a.link), (None, None, false));
}

#[test]
fn onbuild_holds_a_parsed_trigger() {
    let o = match one("ONBUILD   COPY --from=x . /app") {
        Instruction::Onbuild(o) => o,
        other => panic!("{other:?}"),
    };
    assert_eq!(o.trigger, "COPY --from=x . /app");
    assert!(matches!(*o.instruction, Instruction::Copy(_)));
    let o = match one("onbuild run echo $HOME") {
        Instruction::Onbuild(o) => o,
        other => panic!("{other:?}"),
    };
    assert_eq!(o.trigger, "run echo $HOME");
}

#[test]
fn healthcheck_none_and_cmd_with_durations() {
    assert_eq!(
        one("HEALTHCHECK NONE"),
        Instruction::Healthcheck(Healthcheck::Disable)
    );
    assert_eq!(
        one("healthcheck none"),
        Instruction::Healthcheck(Healthcheck::Disable)
    );
    assert_eq!(
        one("HEALTHCHECK --interval=5m NONE"),
        Instruction::Healthcheck(Healthcheck::Disable)
    );
    assert_eq!(
        one("HEALTHCHECK --interval=1m30s --timeout=3s --start-period=500ms --start-interval=1.5s --retries=3 CMD curl -f http://localhost/ || exit 1"),
        Instruction::Healthcheck(Healthcheck::Check(HealthCheck {
            test: CommandLine::Shell("curl -f http://localhost/ || exit 1".into()),
            interval: Duration::from_secs(90),
            timeout: Duration::from_secs(3),
            start_period: Duration::from_millis(500),
            start_interval: Duration::from_millis(1500),
            retries: 3,
        }))
    );
    assert_eq!(
        one("HEALTHCHECK --interval=0s cmd [\"/bin/check\", \"-v\"]"),
        Instruction::Healthcheck(Healthcheck::Check(HealthCheck {
            test: CommandLine::Exec(strings(&["/bin/check", "-v"])),
            interval: Duration::ZERO,
            timeout: Duration::ZERO,
            start_period: Duration::ZERO,
            start_interval: Duration::ZERO,
            retries: 0,
        }))
    );
}

#[test]
fn shell_takes_a_json_array() {
    assert_eq!(
        one("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]"),
        Instruction::Shell(strings(&["/bin/bash", "-o", "pipefail", "-c"]))
    );
}

#[test]
fn every_instruction_keeps_its_line_and_one_line_original_text() {
    let file = parse("FROM a AS b\nRUN echo a \\\n    && echo b\n\nCOPY x y\n");
    let s = &file.stages[0].steps;
    assert_eq!(
        (s[0].line, s[0].original.as_str()),
        (2, "RUN echo a     && echo b")
    );
    assert_eq!((s[1].line, s[1].original.as_str()), (5, "COPY x y"));
    assert_eq!(file.stages[0].from.original, "FROM a AS b");
}

#[test]
fn go_durations_are_read_as_go_reads_them() {
    use super::super::values::go_duration;
    let ms = 1_000_000i128;
    for (text, nanos) in [
        ("0", 0),
        ("-0", 0),
        ("1s", 1000 * ms),
        ("1.5h", 5_400_000 * ms),
        ("2h45m", 9_900_000 * ms),
        ("300ms", 300 * ms),
        ("-1.5h", -5_400_000 * ms),
        ("1.s", 1000 * ms),
        (".5s", 500 * ms),
        ("10us", 10_000),
        ("10µs", 10_000),
        ("1ns", 1),
        ("+5m", 300_000 * ms),
    ] {
        assert_eq!(go_duration(text), Ok(nanos), "{text}");
    }
    for text in [
        "",
        "1",
        "s",
        ".s",
        "1d",
        "1.2.3s",
        "- 1s",
        "99999999999999999999h",
    ] {
        assert!(go_duration(text).is_err(), "{text}");
    }
}

#[test]
fn sizes_with_binary_units() {
    use super::super::values::binary_size;
    for (text, bytes) in [
        ("4096", Some(4096)),
        ("1k", Some(1024)),
        ("1KiB", Some(1024)),
        ("1kb", Some(1024)),
        ("64m", Some(64 << 20)),
        ("2 GB", Some(2 << 30)),
        ("1b", Some(1)),
        ("1.5k", Some(1536)),
        ("", None),
        ("m", None),
        ("1x", None),
        ("1kib2", None),
        ("-1", None),
        ("1bb", None),
    ] {
        assert_eq!(binary_size(text), bytes, "{text}");
    }
}

#[test]
fn a_dollar_at_the_end_of_from_is_literal() {
    assert_eq!(mount("type=bind,from=img$,target=/x").from, "img$");
    assert_eq!(copy("COPY --from=img$ a b").from.as_deref(), Some("img$"));
}
