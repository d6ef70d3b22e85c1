//! The differential suite of `rcon build` against `podman build`: every case's context is built
//! by both tools as the unprivileged test user from the same busybox in the loopback registry,
//! and the two images must hold the same file tree (type, mode, owner, size, content, symlink
//! target, xattrs, hardlink groups) and the same config (Env, Cmd, Entrypoint, WorkingDir, User,
//! ExposedPorts, Volumes, Labels, StopSignal, Healthcheck, OnBuild, Shell). The cases live in
//! tests/build_podman/cases.rs; this file drives the tools and compares. The suite is skipped
//! (with a message) when podman is not installed.
mod common;

#[path = "build_podman/cases.rs"]
mod cases;
#[path = "build_podman/tree.rs"]
mod tree;

use cases::Case;
use common::world::busybox_world;
use common::{run_command, Output, Registry, TestEnv};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const PODMAN: &str = "/usr/bin/podman";

fn podman_missing() -> bool {
    if Path::new(PODMAN).exists() {
        return false;
    }
    eprintln!("SKIPPED: podman is not installed ({PODMAN}); the differential build suite needs it");
    true
}

/// One test world shared by a group of cases: busybox pulled by both tools.
struct World {
    env: TestEnv,
    _reg: Registry,
}

impl World {
    fn new() -> World {
        let (env, reg) = busybox_world();
        let w = World { env, _reg: reg };
        let out = w.podman(&["pull", "-q", "docker.io/library/busybox:latest"]);
        assert_eq!(out.code, Some(0), "podman pull: {out}");
        w
    }

    fn podman_dir(&self) -> PathBuf {
        self.env.user().home.join("podman")
    }

    /// `podman` as the test user, with its store in the test's home. crun refuses this host's
    /// hybrid cgroups, so runc; cgroupfs and file events because there is no user session.
    fn podman_cmd(&self, args: &[&str]) -> Command {
        let dir = self.podman_dir();
        let root = dir.join("root").display().to_string();
        let runroot = dir.join("run").display().to_string();
        let mut all: Vec<String> = [
            "--runtime",
            "runc",
            "--root",
            &root,
            "--runroot",
            &runroot,
            "--cgroup-manager",
            "cgroupfs",
            "--events-backend",
            "file",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        all.extend(args.iter().map(|s| s.to_string()));
        self.env.user().command(PODMAN, &all)
    }

    fn podman(&self, args: &[&str]) -> Output {
        run_command(self.podman_cmd(args), None, Duration::from_secs(300))
    }

    /// Builds `case` with both tools; the first difference, if any.
    fn check(&self, case: &Case) -> Result<(), String> {
        let user = self.env.user();
        let dir = user.home.join("ctx").join(case.name);
        user.mkdirs(&dir);
        user.write_file(dir.join("Containerfile"), case.containerfile);
        if !case.setup.is_empty() {
            let out = run_command(
                user.command(
                    "/bin/sh",
                    &["-euc", case.setup, "setup", &dir.to_string_lossy()],
                ),
                None,
                Duration::from_secs(60),
            );
            if out.code != Some(0) {
                return Err(format!("context set-up failed: {out}"));
            }
        }
        let tag = format!("localhost/diff-{}", case.name);
        let d = dir.to_string_lossy().into_owned();
        let extra: Vec<String> = case.args.iter().map(|a| a.replace("{ctx}", &d)).collect();
        let mut args = vec!["build", "--format", "docker", "-t", &tag];
        args.extend(extra.iter().map(String::as_str));
        args.push(&d);
        let rcon = self.env.run(&args);
        if let (Some(why), false) = (case.known_build_failure, rcon.code == Some(0)) {
            eprintln!(
                "case {}: KNOWN DIFFERENCE, rcon cannot build it: {why}",
                case.name
            );
            return Ok(());
        }
        if case.podman_unsupported.is_some() {
            if rcon.code != Some(0) {
                return Err(format!("rcon's build failed: {rcon}"));
            }
            return tree::expect(&self.rcon_tree(&tag), case.docker);
        }
        let podman = self.podman(&args);
        match (rcon.code == Some(0), podman.code == Some(0)) {
            (true, true) => {}
            (false, false) if case.fails => return Ok(()),
            (r, p) => {
                return Err(format!(
                    "build outcome differs: rcon ok={r}, podman ok={p}\n--- rcon ---\n{rcon}\n--- podman ---\n{podman}"
                ))
            }
        }
        if case.fails {
            return Err("both builds succeeded; the case expects both to fail".into());
        }
        let rc = self.rcon_config(&tag);
        let pc = self.podman_config(&tag);
        for field in cases::CONFIG_FIELDS {
            if case.skip_config.contains(field) {
                continue;
            }
            let r = norm_field(field, &rc[*field]);
            if let Some((_, want)) = case.docker_config.iter().find(|(f, _)| f == field) {
                let want: Value = serde_json::from_str(want).unwrap();
                if r != want {
                    return Err(format!("config {field}: rcon {r}, Docker documents {want}"));
                }
                continue;
            }
            let p = norm_field(field, &pc[*field]);
            if r != p {
                return Err(format!("config {field}: rcon {r} != podman {p}"));
            }
        }
        let mut rt = self.rcon_tree(&tag);
        tree::expect(&rt, case.docker)?;
        let mut pt = tree::listing(&self.podman_tar(&tag, case.name));
        for (why, strip) in [
            (
                case.known_no_hardlinks,
                tree::strip_hardlinks as fn(&mut tree::Entry),
            ),
            (case.known_no_xattrs, tree::strip_xattrs),
        ] {
            if let Some(why) = why {
                eprintln!("case {}: KNOWN DIFFERENCE, not compared: {why}", case.name);
                rt.values_mut().for_each(strip);
                pt.values_mut().for_each(strip);
            }
        }
        tree::compare(&rt, &pt, case.skip_paths)
    }

    /// The image's config as the Docker image config spells it, from `rcon image inspect`.
    fn rcon_config(&self, tag: &str) -> Value {
        let out = self.env.run_ok(&["image", "inspect", tag]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        v[0]["Config"].clone()
    }

    /// The same from `podman image inspect`: Podman shows Healthcheck, OnBuild and Shell beside
    /// Config rather than in it, so they are moved in.
    fn podman_config(&self, tag: &str) -> Value {
        let out = self.podman(&["image", "inspect", tag]).ok();
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        let mut c = v[0]["Config"].clone();
        if c.is_null() {
            c = Value::Object(Default::default());
        }
        for (outer, inner) in [
            ("HealthCheck", "Healthcheck"),
            ("Healthcheck", "Healthcheck"),
            ("OnBuild", "OnBuild"),
            ("Shell", "Shell"),
        ] {
            let x = &v[0][outer];
            if !x.is_null() && c[inner].is_null() {
                c[inner] = x.clone();
            }
        }
        c
    }

    /// rcon's image as a listing, from its layers as `rcon save --format oci-dir` writes
    /// them (a build keeps its layers as trees: the save walks them again into their tars):
    /// `rcon cp` writes no hardlinks or xattrs, so it cannot show them.
    fn rcon_tree(&self, tag: &str) -> BTreeMap<String, tree::Entry> {
        let dir = self
            .env
            .user()
            .home
            .join(format!("saved-{}", tag.replace(['/', ':'], "-")));
        let _ = std::fs::remove_dir_all(&dir);
        self.env.run_ok(&[
            "save",
            "--format",
            "oci-dir",
            "-o",
            dir.to_str().unwrap(),
            tag,
        ]);
        let blob = |d: &str| {
            let p = dir
                .join("blobs/sha256")
                .join(d.trim_start_matches("sha256:"));
            std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        };
        let index: Value =
            serde_json::from_slice(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
        let manifest: Value =
            serde_json::from_slice(&blob(index["manifests"][0]["digest"].as_str().unwrap()))
                .unwrap();
        let layers: Vec<Vec<u8>> = manifest["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| blob(l["digest"].as_str().unwrap()))
            .collect();
        tree::flatten(&layers)
    }

    fn podman_tar(&self, tag: &str, name: &str) -> Vec<u8> {
        let ctr = format!("pdiff-{name}");
        self.podman(&["create", "--name", &ctr, tag, "true"]).ok();
        // Podman cannot open the pipe it is given as /dev/stdout as another user: a file.
        let file = self.podman_dir().join(format!("{name}.tar"));
        let f = file.to_string_lossy().into_owned();
        self.podman(&["export", "-o", &f, &ctr]).ok();
        let bytes = std::fs::read(&file).unwrap();
        let _ = std::fs::remove_file(&file);
        self.podman(&["rm", "-f", &ctr]).ok();
        bytes
    }
}

impl Drop for World {
    /// Rootless podman leaves a pause process (catatonit) holding its user namespace; the one
    /// this world's podman started is ended by the pid it wrote.
    fn drop(&mut self) {
        let file = self.env.user().runtime_dir.join("libpod/tmp/pause.pid");
        if let Some(pid) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
        {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

/// A config field in a form both tools can be compared in: sets for the map-as-set fields,
/// podman's own build label left out, nulls and empties alike.
fn norm_field(field: &str, v: &Value) -> Value {
    match (field, v) {
        ("ExposedPorts" | "Volumes", Value::Object(m)) => {
            let keys: BTreeSet<&String> = m.keys().collect();
            serde_json::json!(keys)
        }
        ("Labels", Value::Object(m)) => {
            // Podman stamps every image it builds with io.buildah.version.
            let m: serde_json::Map<String, Value> = m
                .iter()
                .filter(|(k, _)| k.as_str() != "io.buildah.version")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if m.is_empty() {
                Value::Null
            } else {
                Value::Object(m)
            }
        }
        ("Healthcheck", Value::Object(m)) => {
            // Zero durations and retries are the defaults both ways of writing them mean.
            let m: serde_json::Map<String, Value> = m
                .iter()
                .filter(|(_, v)| !(v.is_null() || *v == &serde_json::json!(0)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Value::Object(m)
        }
        (_, Value::Array(a)) if a.is_empty() => Value::Null,
        (_, Value::Object(m)) if m.is_empty() => Value::Null,
        (_, Value::String(s)) if s.is_empty() => Value::Null,
        _ => v.clone(),
    }
}

/// Runs every case of `group` in one world; fails naming each case and its first difference.
fn run_group(group: &[Case]) {
    if podman_missing() {
        return;
    }
    let world = World::new();
    let mut failures = Vec::new();
    for case in group {
        let started = std::time::Instant::now();
        let res = world.check(case);
        eprintln!(
            "case {}: {} ({:.1} s)",
            case.name,
            if res.is_ok() { "same" } else { "DIFFERENT" },
            started.elapsed().as_secs_f64()
        );
        if let Err(e) = res {
            failures.push(format!("case {}: {e}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        group.len(),
        failures.join("\n\n")
    );
}

#[test]
fn from_args_and_stages_match_podman() {
    run_group(cases::STAGES);
}

#[test]
fn run_steps_match_podman() {
    run_group(cases::RUNS);
}

#[test]
fn config_instructions_match_podman() {
    run_group(cases::CONFIG);
}

#[test]
fn copy_steps_match_podman() {
    run_group(cases::COPIES);
}

#[test]
fn add_steps_and_ignore_files_match_podman() {
    run_group(cases::ADDS);
}
