//! Stages: global ARGs, names, the build target, references between stages and the order to
//! build them in; ONBUILD triggers read back from an image.
use super::*;

const MULTI: &str = "\
ARG BASE=alpine
ARG GO=1.22
FROM golang:${GO} AS Build
RUN go build -o /out/app .
FROM ${BASE} AS tools
RUN --mount=type=cache,target=/var/cache/apk apk add curl
FROM tools AS test
COPY --from=build /out/app /app
RUN --mount=type=bind,from=tools,source=/usr/bin/curl,target=/curl /app --selftest
FROM scratch
COPY --from=0 /out/app /app
COPY --from=docker.io/library/busybox:latest /bin/busybox /bin/
";

fn images(file: &Containerfile) -> Vec<String> {
    let env = vars(&[("BASE", "alpine"), ("GO", "1.22")]);
    file.stages
        .iter()
        .map(|s| match file.expand_step(&s.from, &env).unwrap() {
            Instruction::From(b) => b.image,
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn global_args_come_before_the_first_from() {
    let file = parse(MULTI);
    assert_eq!(file.global_args.len(), 2);
    assert_eq!(file.global_args[0].original, "ARG BASE=alpine");
    assert_eq!(file.stages.len(), 4);
    let names: Vec<Option<&str>> = file.stages.iter().map(|s| s.name()).collect();
    assert_eq!(names, [Some("build"), Some("tools"), Some("test"), None]);
    assert_eq!(file.stages[2].steps.len(), 2);
    assert_eq!(file.stages[3].index, 3);
    assert_eq!(file.stages[3].from.line, 10);
}

#[test]
fn an_arg_after_the_first_from_belongs_to_its_stage() {
    let file = parse("ARG A\nFROM x\nARG B\n");
    assert_eq!(file.global_args.len(), 1);
    assert_eq!(file.stages[0].steps.len(), 1);
}

#[test]
fn stages_are_found_by_name_in_any_case() {
    let file = parse(MULTI);
    assert_eq!(file.stage_named("BUILD"), Some(0));
    assert_eq!(file.stage_named("test"), Some(2));
    assert_eq!(file.stage_named("nope"), None);
    assert_eq!(file.target(None), Ok(3));
    assert_eq!(file.target(Some("Tools")), Ok(1));
    assert_eq!(
        file.target(Some("prod")).unwrap_err().to_string(),
        "Containerfile: target stage \"prod\" not found: the named stages are build, tools, test"
    );
    let unnamed = parse("FROM a\nFROM b\n");
    assert_eq!(
        unnamed.target(Some("x")).unwrap_err().to_string(),
        "Containerfile: target stage \"x\" not found: no stage has a name (FROM image AS name)"
    );
}

#[test]
fn dependencies_follow_from_copy_from_and_mount_from() {
    let file = parse(MULTI);
    let images = images(&file);
    assert_eq!(
        images,
        strings(&["golang:1.22", "alpine", "tools", "scratch"])
    );
    assert_eq!(file.dependencies(0, &images[0]), Vec::<usize>::new());
    assert_eq!(file.dependencies(1, &images[1]), Vec::<usize>::new());
    assert_eq!(file.dependencies(2, &images[2]), vec![0, 1]);
    assert_eq!(file.dependencies(3, &images[3]), vec![0]);
    assert_eq!(file.base_stage(2, "tools"), Some(1));
    assert_eq!(file.base_stage(1, "tools"), None);
    assert_eq!(file.copy_source("0"), Some(0));
    assert_eq!(file.copy_source("Build"), Some(0));
    assert_eq!(file.copy_source("docker.io/library/busybox:latest"), None);
    assert_eq!(file.mount_source("tools"), Some(1));
    assert_eq!(file.mount_source(""), None);
}

#[test]
fn the_stages_a_target_needs_come_in_build_order() {
    let file = parse(MULTI);
    let images = images(&file);
    assert_eq!(file.stages_for(3, &images), vec![0, 3]);
    assert_eq!(file.stages_for(2, &images), vec![0, 1, 2]);
    assert_eq!(file.stages_for(1, &images), vec![1]);
    assert_eq!(file.stages_for(2, &[]), vec![0, 1, 2]);
}

#[test]
fn a_stage_named_like_its_image_is_built_on_the_image() {
    let file = parse("FROM alpine AS alpine\nFROM alpine\n");
    assert_eq!(file.base_stage(0, "alpine"), None);
    assert_eq!(file.base_stage(1, "alpine"), Some(0));
}

#[test]
fn references_to_the_current_or_a_later_stage_are_refused() {
    assert_eq!(
        error("FROM a AS one\nCOPY --from=one x y\n"),
        "Containerfile:2: COPY: --from=one names this stage itself: a stage cannot copy from itself"
    );
    assert_eq!(
        error("FROM a\nCOPY --from=0 x y\n"),
        "Containerfile:2: COPY: --from=0 names this stage itself: a stage cannot copy from itself"
    );
    assert_eq!(
        error("FROM a\nCOPY --from=later x y\nFROM b AS later\n"),
        "Containerfile:2: COPY: --from=later names the stage on line 3, which comes later: define it before this stage"
    );
    assert_eq!(
        error("FROM a\nCOPY --from=1 x y\nFROM b\n"),
        "Containerfile:2: COPY: --from=1 names the stage on line 3, which comes later: define it before this stage"
    );
    assert_eq!(
        error("FROM a\nFROM b\nCOPY --from=5 x y\n"),
        "Containerfile:3: COPY: --from=5: there is no stage 5 (stages count from 0; this file has 2)"
    );
    assert_eq!(
        error("FROM a\nCOPY --from=-1 x y\n"),
        "Containerfile:2: COPY: --from=-1: there is no stage -1 (stages count from 0; this file has 1)"
    );
    assert_eq!(
        error("FROM a AS me\nRUN --mount=from=me,target=/x true\n"),
        "Containerfile:2: RUN --mount: from=me names this stage itself: a stage cannot mount from itself"
    );
    assert_eq!(
        error("FROM a\nRUN --mount=from=next,target=/x true\nFROM b AS next\n"),
        "Containerfile:2: RUN --mount: from=next names the stage on line 3, which comes later: define it before this stage"
    );
}

#[test]
fn a_numeric_mount_from_is_an_image_not_a_stage_number() {
    let file = parse("FROM a\nFROM b\nRUN --mount=from=0,target=/x true\n");
    assert_eq!(file.dependencies(1, "b"), Vec::<usize>::new());
}

#[test]
fn onbuild_triggers_read_back_as_instructions() {
    let step = parse_trigger("base:1", "RUN echo hi").unwrap();
    assert!(matches!(step.instruction, Instruction::Run(_)));
    let file = parse("FROM a\nONBUILD RUN <<EOF\necho $X\nEOF\n");
    let Instruction::Onbuild(o) = &file.stages[0].steps[0].instruction else {
        panic!()
    };
    let again = parse_trigger("base:1", &o.trigger).unwrap();
    assert_eq!(again.instruction, *o.instruction);
    assert_eq!(
        parse_trigger("base:1", "FROM x").unwrap_err().to_string(),
        "base:1:1: FROM is not allowed as an ONBUILD trigger"
    );
    assert_eq!(
        parse_trigger("base:1", "RUN a\nRUN b")
            .unwrap_err()
            .to_string(),
        "base:1:1: an ONBUILD trigger must be exactly one instruction, not 2"
    );
    assert_eq!(
        parse_trigger("base:1", "COPY a").unwrap_err().to_string(),
        "base:1:1: COPY: requires at least two arguments, sources and a destination, but only one was given"
    );
}
