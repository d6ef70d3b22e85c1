//! The bodies of the fuzz targets: one function per parser of hostile input, each taking the
//! fuzzer's bytes and driving the parser the way rcon drives it.
//!
//! `fuzz/fuzz_targets/<name>.rs` (cargo fuzz, nightly) calls these under libFuzzer, and
//! `tests/fuzz_corpus.rs` replays every committed corpus file through them under the normal
//! `cargo test`. A target must return on any input: a panic, a hang or a huge allocation is
//! the bug the fuzzer reports. Some targets also check a property (a reference prints to a
//! string that parses back to it; an unpacked layer writes nothing outside its root) and panic
//! when it breaks. Nothing here is used by rcon itself.
mod unpack;

pub use unpack::unpack;

use crate::config::auth;
use crate::config::registries::RegistriesConf;
use crate::container::runconfig::RunConfig;
use crate::container::spec;
use crate::image::reference::{self, Reference};
use crate::image::registry::manifest::{self, Manifest};
use crate::image::registry::{platform, token, Platform};
use crate::linux::idmap::{IdMap, IdRange, MapWriter};
use crate::network::ports;
use serde_json::Value;
use std::path::Path;

/// One fuzz target: its name (the folder of its corpus, the file of its libFuzzer binary) and
/// its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, in the order the fuzz README lists them.
pub const TARGETS: &[Target] = &[
    ("reference", reference),
    ("manifest", manifest),
    ("index", index),
    ("image_config", image_config),
    ("unpack", unpack),
    ("registries_conf", registries_conf),
    ("auth_json", auth_json),
    ("www_authenticate", www_authenticate),
    ("dns_query", dns_query),
    ("containers_conf", containers_conf),
    ("seccomp_profile", seccomp_profile),
    ("containerfile", containerfile),
    ("archive_manifest", archive_manifest),
];

/// The JSON files of an image archive `rcon load` reads (docker-archive `manifest.json`, an
/// OCI layout's `index.json` and `oci-layout`), each parsed from the same bytes; every name a
/// parsed file gives must stay inside the archive.
pub fn archive_manifest(data: &[u8]) {
    use crate::image::archive::parse;
    if let Ok(images) = parse::docker_manifest(data) {
        for image in &images {
            for name in std::iter::once(&image.config).chain(&image.layers) {
                assert!(
                    !name.starts_with('/') && !name.split('/').any(|p| p == ".." || p.is_empty()),
                    "docker_manifest let {name:?} through"
                );
            }
        }
    }
    if let Ok(entries) = parse::oci_index(data) {
        for e in &entries {
            let _ = parse::blob_name(&e.manifest.digest);
        }
    }
    let _ = parse::oci_layout(data);
}

/// containers.conf as a user or a distribution writes it: merged over the settings so far, or
/// refused with a message; the profile choice it names is then derived.
pub fn containers_conf(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut conf = crate::config::containers_conf::ContainersConf::default();
    if conf.merge_text(text).is_ok() {
        let _ = conf.seccomp();
    }
}

/// A seccomp profile in the OCI/Docker JSON format (`--security-opt seccomp=PATH`): read, and
/// when it reads, compiled for Podman's default capabilities; both either succeed or say why.
pub fn seccomp_profile(data: &[u8]) {
    use crate::linux::seccomp;
    let Ok(profile) = seccomp::profile::Profile::from_json(data) else {
        return;
    };
    let caps: Vec<String> = ["CAP_CHOWN", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT"]
        .iter()
        .map(|c| c.to_string())
        .collect();
    if let Ok(filter) = seccomp::compile(&profile, &caps) {
        let bytes = filter.to_bytes();
        assert!(!bytes.is_empty() && bytes.len() % 8 == 0);
    }
}

/// An image reference as typed by a user or found in registries.conf, a Containerfile or
/// `images.json`: it parses, or it is refused; a reference that parses prints to a string that
/// parses back to the same reference (rcon stores names in that printed form).
pub fn reference(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = reference::is_short_name(text);
    let _ = reference::strip_tag_and_digest(text);
    let Ok(r) = Reference::parse(text) else {
        return;
    };
    let printed = r.to_string();
    match Reference::parse(&printed) {
        Ok(again) => assert_eq!(
            again, r,
            "{text:?} and its printed form {printed:?} parse differently"
        ),
        Err(e) => panic!("{text:?} parses but its printed form {printed:?} does not: {e}"),
    }
    let _ = (r.name(), r.manifest_ref(), r.without_tag_or_digest());
    let _ = r.with_tag("fuzz");
}

/// A manifest answer from a registry, read as an image manifest: the media type from the
/// `Content-Type` (each one rcon asks for, and none) or the JSON, then the layers' compression.
pub fn manifest(data: &[u8]) {
    for content_type in [
        None,
        Some(manifest::OCI_MANIFEST),
        Some(manifest::DOCKER_MANIFEST),
    ] {
        let media_type = manifest::effective_media_type(content_type, data);
        if let Ok(Manifest::Image(m)) = manifest::parse_manifest(data, &media_type) {
            for layer in &m.layers {
                let _ = layer.compression();
            }
            let _ = m.config.digest.to_string();
        }
    }
}

/// A manifest answer read as an index (OCI index or Docker manifest list), then the entry for
/// a few platforms picked from it as a pull does.
pub fn index(data: &[u8]) {
    let wanted = [
        Platform::host(),
        Platform::parse("linux/arm/v7").expect("a valid platform"),
        Platform::parse("linux/arm64").expect("a valid platform"),
        Platform::parse("linux/arm/v5").expect("a valid platform"),
    ];
    for content_type in [
        None,
        Some(manifest::OCI_INDEX),
        Some(manifest::DOCKER_MANIFEST_LIST),
    ] {
        let media_type = manifest::effective_media_type(content_type, data);
        if let Ok(Manifest::Index(entries)) = manifest::parse_manifest(data, &media_type) {
            for want in &wanted {
                if let Some(e) = platform::select(&entries, want) {
                    let _ = e.platform.as_ref().map(ToString::to_string);
                }
            }
        }
    }
}

/// An image config blob: its diff IDs as a pull reads them, the typed form the store reads,
/// and the OCI runtime spec a container of it gets (entrypoint, command, environment, user,
/// working folder, stop signal, exposed ports).
pub fn image_config(data: &[u8]) {
    if let Ok(ids) = crate::image::pull::diff_ids(data) {
        let _ = crate::util::digest::chain_ids(&ids);
    }
    let _ = serde_json::from_slice::<oci_spec::image::ImageConfiguration>(data);
    let Ok(img) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let run = RunConfig {
        image: "fuzz".into(),
        ..RunConfig::default()
    };
    let _ = spec::stop_signal(&img, &run);
    let _ = crate::container::health::resolve(&img, &run.health);
    let _ = spec::numeric_ids(&spec::effective_user(&img, &run));
    let _ = ports::exposed(&img);
    let one = |outside| IdRange {
        inside: 0,
        outside,
        count: 1,
    };
    let idmap = IdMap {
        uids: vec![one(1000)],
        gids: vec![one(1000)],
        writer: MapWriter::SelfOnly,
    };
    let id = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    if let Ok(s) = spec::build(&img, &run, &idmap, id, Path::new("/nonexistent/fuzz")) {
        let _ = serde_json::to_vec(&s);
    }
}

/// A registries.conf (or drop-in) file, then the references to try and the endpoints to pull
/// from for a few names. Comment lines `# ref: <name>` add names to resolve, so the fuzzer can
/// pair a configuration with the names it is about while the file stays valid TOML.
pub fn registries_conf(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut conf = RegistriesConf::default();
    if conf
        .merge_text(Path::new("/fuzz/registries.conf"), text)
        .is_err()
    {
        return;
    }
    let fixed = [
        "busybox",
        "library/alpine:3",
        "quay.io/a/b@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        "localhost:5000/x/y:z",
    ];
    let extra = text
        .lines()
        .filter_map(|l| l.strip_prefix("# ref: "))
        .map(str::trim);
    for name in fixed.into_iter().chain(extra) {
        for r in conf.candidates(name).into_iter().flatten() {
            let _ = conf.is_insecure(&r.registry);
            if let Ok(endpoints) = conf.endpoints(&r) {
                for e in endpoints {
                    let _ = conf.is_insecure(&e.host);
                }
            }
        }
    }
    let _ = conf.search_registries();
}

/// A credentials file (containers-auth.json or Docker's config.json), looked up for a few
/// registries and for every key it holds, as a pull or login does (helpers are not run).
pub fn auth_json(data: &[u8]) {
    let path = Path::new("/fuzz/auth.json");
    let mut asks: Vec<(String, String)> = [
        ("docker.io", "library/busybox"),
        ("quay.io", "a/b/c"),
        ("localhost:5000", ""),
    ]
    .iter()
    .map(|(r, p)| (r.to_string(), p.to_string()))
    .collect();
    if let Ok(v) = serde_json::from_slice::<Value>(data) {
        if let Some(keys) = v.get("auths").and_then(Value::as_object) {
            for key in keys.keys().take(16) {
                let (registry, repository) = key.split_once('/').unwrap_or((key, ""));
                asks.push((registry.to_string(), repository.to_string()));
            }
        }
    }
    for (registry, repository) in &asks {
        if auth::lookup_in_bytes(path, data, registry, repository).is_err() {
            return;
        }
    }
}

/// A registry's `WWW-Authenticate` header and its token endpoint's answer: the challenges,
/// the token URL built from each, and the token.
pub fn www_authenticate(data: &[u8]) {
    let _ = token::parse_token_response(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for c in token::parse_www_authenticate(text) {
        if let token::Challenge::Bearer {
            realm,
            service,
            scope,
        } = c
        {
            let _ = token::token_url(&realm, service.as_deref(), scope.as_deref(), Some("u"));
            let _ = token::oauth_form(service.as_deref(), scope.as_deref(), "t");
        }
    }
}

/// A DNS query a container sends to its network's name server, answered from a few names.
pub fn dns_query(data: &[u8]) {
    use crate::network::dns;
    use std::net::Ipv4Addr;
    let entries = vec![
        (
            vec!["web".to_string(), "web.dns.podman".to_string()],
            Ipv4Addr::new(10, 89, 0, 2),
        ),
        (vec!["db".to_string()], Ipv4Addr::new(10, 89, 0, 3)),
    ];
    let _ = dns::respond(data, &entries);
}

/// A Containerfile (or Dockerfile) as a user, or a repository one builds, writes it: parsed,
/// or refused with a message. When it parses, every instruction is expanded with a few fixed
/// variables as a build would, every RUN says what it executes, every ONBUILD trigger is read
/// back as a base image's trigger is, and the stage graph is walked; every stage a stage
/// uses must come before it (so file order is a build order).
pub fn containerfile(data: &[u8]) {
    use crate::build::parse::{self, Containerfile, Instruction};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = Containerfile::parse("Containerfile", text) else {
        return;
    };
    let vars = |name: &str| match name {
        "A" => Some("a b".to_string()),
        "EMPTY" => Some(String::new()),
        "GLOB" => Some("/src/*.txt".to_string()),
        "PORT" => Some("8080/udp".to_string()),
        "STAGE" => Some("build".to_string()),
        _ => None,
    };
    for step in &file.global_args {
        let _ = file.expand_step(step, &vars);
    }
    let mut images = Vec::new();
    for stage in &file.stages {
        let image = match file.expand_step(&stage.from, &vars) {
            Ok(Instruction::From(base)) => base.image,
            _ => stage.base().image.clone(),
        };
        for step in &stage.steps {
            let expanded = file.expand_step(step, &vars);
            match (&step.instruction, expanded) {
                (_, Ok(Instruction::Run(run))) => {
                    let _ = run.execution();
                }
                (Instruction::Onbuild(onbuild), _) => {
                    let _ = parse::expand(&onbuild.instruction, &vars, file.escape());
                    let _ = parse::parse_trigger("trigger", &onbuild.trigger);
                }
                _ => {}
            }
        }
        let deps = file.dependencies(stage.index, &image);
        assert!(
            deps.iter().all(|d| *d < stage.index),
            "stage {} uses a stage that is not before it: {deps:?}",
            stage.index
        );
        images.push(image);
    }
    if let Ok(target) = file.target(None) {
        let _ = file.stages_for(target, &images);
    }
}
