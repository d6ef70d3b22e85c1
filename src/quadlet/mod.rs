//! Quadlet: Podman's unit-file formats (`.container`, `.volume`, `.network`, `.pod`, `.kube`,
//! `.image`, `.build`, podman-systemd.unit(5)) turned into systemd services that run rcon.
//!
//! Pure logic: the caller finds the files (and their drop-ins, merged into each
//! [`Source`]) and writes what [`generate`] returns; nothing here touches the disk. Each file
//! becomes one service (`web.container` → `web.service`, `data.volume` →
//! `data-volume.service`, …). The file's own section (`[Container]` …) becomes the command
//! line; `[Unit]`, `[Service]`, `[Install]` and every other section pass through, the custom
//! one as `[X-Container]` so that systemd ignores it. A reference to another unit
//! (`Network=db.network`) becomes that resource's real name plus Requires=/After= on its
//! service. A key rcon has no flag for is an error naming file, line and key, and that file
//! generates nothing: a unit that would run with a setting silently dropped is worse than
//! none.
//!
//! The container runs in the foreground of the unit (`rcon run --rm --replace
//! --sdnotify=conmon …`, no `-d`): rcon's supervisor lives in a scope of its own, not in the
//! service's cgroup, so the rcon that started it stays the main process, says READY=1 once the
//! container runs, and exits with the container's code, which drives Restart=.
mod container;
mod pod;
mod resources;
pub mod syntax;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use syntax::{quote_word, Entry, UnitFile};

/// The file types, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Container,
    Volume,
    Network,
    Pod,
    Kube,
    Image,
    Build,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Container,
        Kind::Volume,
        Kind::Network,
        Kind::Pod,
        Kind::Kube,
        Kind::Image,
        Kind::Build,
    ];

    /// The file extension, without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Container => "container",
            Kind::Volume => "volume",
            Kind::Network => "network",
            Kind::Pod => "pod",
            Kind::Kube => "kube",
            Kind::Image => "image",
            Kind::Build => "build",
        }
    }

    /// The kind of a file name (`web.container`), if it is a quadlet file.
    pub fn of(file_name: &str) -> Option<Kind> {
        let (_, ext) = file_name.rsplit_once('.')?;
        Kind::ALL.into_iter().find(|k| k.ext() == ext)
    }

    /// The section this kind's settings are in (`Container`).
    fn section(self) -> &'static str {
        match self {
            Kind::Container => "Container",
            Kind::Volume => "Volume",
            Kind::Network => "Network",
            Kind::Pod => "Pod",
            Kind::Kube => "Kube",
            Kind::Image => "Image",
            Kind::Build => "Build",
        }
    }
}

/// One quadlet file with its drop-ins merged.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where the file is (for SourcePath= and messages).
    pub path: PathBuf,
    /// Its file name: `web.container`, `app@.container`, `app@one.container`.
    pub name: String,
    pub unit: UnitFile,
}

impl Source {
    pub fn kind(&self) -> Kind {
        Kind::of(&self.name).expect("a source has a quadlet extension")
    }

    /// The name without the extension.
    fn stem(&self) -> &str {
        self.name.rsplit_once('.').map_or(&self.name, |(s, _)| s)
    }

    /// Whether this is a template (`app@.container`) or an instance of one.
    fn templated(&self) -> bool {
        self.stem().contains('@')
    }
}

/// What the generator needs to know of its world.
#[derive(Debug, Clone)]
pub struct Options {
    /// The absolute path of rcon, for the command lines.
    pub rcon: String,
    /// Generating for a user's manager (else the system's).
    pub user: bool,
}

/// A generated service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The service's file name (`web.service`).
    pub service: String,
    pub text: String,
    /// `[Install]` as links: (`default.target.wants`, `web.service`) means a symlink
    /// `default.target.wants/web.service` → `../web.service` beside the unit, which is how a
    /// generated unit is enabled (systemctl enable cannot enable generated units).
    pub links: Vec<(String, String)>,
}

/// A file that could not be turned into a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl Error {
    fn at(e: &Entry, message: impl Into<String>) -> Error {
        Error {
            file: e.file.clone(),
            line: Some(e.line),
            message: message.into(),
        }
    }

    fn file(src: &Source, message: impl Into<String>) -> Error {
        Error {
            file: src.path.clone(),
            line: None,
            message: message.into(),
        }
    }
}

/// What another unit refers to by file name: the resource's real name and its service.
#[derive(Debug, Clone)]
struct Target {
    name: String,
    service: String,
}

/// The world one file is translated in: every file's target, for references.
struct World<'a> {
    opts: &'a Options,
    targets: BTreeMap<String, Target>,
    sources: &'a [Source],
}

impl World<'_> {
    /// `value` as a reference to a `.kind` file, if it is one: its target, or an error when
    /// no such file exists.
    fn reference(&self, e: &Entry, value: &str, kind: Kind) -> Result<Option<&Target>, Error> {
        if !value.ends_with(&format!(".{}", kind.ext())) {
            return Ok(None);
        }
        self.targets.get(value).map(Some).ok_or_else(|| {
            Error::at(
                e,
                format!("{}={value}: there is no quadlet file {value}", e.key),
            )
        })
    }
}

/// Every source's service, or the errors that stopped it (each file on its own).
pub fn generate(sources: &[Source], opts: &Options) -> (Vec<Generated>, Vec<Error>) {
    let mut targets = BTreeMap::new();
    for s in sources {
        targets.insert(s.name.clone(), target(s));
    }
    let world = World {
        opts,
        targets,
        sources,
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match translate(&world, s) {
            Ok(g) => out.push(g),
            Err(mut e) => errors.append(&mut e),
        }
    }
    (out, errors)
}

/// The service name a file gets (`web.service`, `data-volume.service`) and the name of what
/// it makes.
fn target(s: &Source) -> Target {
    let stem = s.stem();
    let section = s.kind().section();
    let value = |key: &str| s.unit.last(section, key).map(|e| e.value.clone());
    let own = |key: &str| {
        value(key).unwrap_or_else(|| {
            if s.templated() {
                "systemd-%p_%i".to_string()
            } else {
                format!("systemd-{stem}")
            }
        })
    };
    let suffixed = |suffix: &str| {
        value("ServiceName")
            .map(|n| format!("{n}.service"))
            .unwrap_or_else(|| format!("{stem}-{suffix}.service"))
    };
    match s.kind() {
        Kind::Container => Target {
            name: own("ContainerName"),
            service: format!("{stem}.service"),
        },
        Kind::Kube => Target {
            name: String::new(),
            service: format!("{stem}.service"),
        },
        Kind::Volume => Target {
            name: own("VolumeName"),
            service: suffixed("volume"),
        },
        Kind::Network => Target {
            name: own("NetworkName"),
            service: suffixed("network"),
        },
        Kind::Pod => Target {
            name: own("PodName"),
            service: suffixed("pod"),
        },
        Kind::Image => Target {
            name: value("ImageTag")
                .or_else(|| value("Image"))
                .unwrap_or_default(),
            service: suffixed("image"),
        },
        Kind::Build => Target {
            name: value("ImageTag").unwrap_or_default(),
            service: suffixed("build"),
        },
    }
}

/// The service a file becomes (`web.service`, `data-volume.service`).
pub fn service_of(src: &Source) -> String {
    target(src).service
}

/// The pieces a kind's translator hands to [`render`].
#[derive(Default)]
struct Parts {
    /// Lines added to `[Unit]` (dependencies).
    unit: Vec<String>,
    /// `[Service]` settings rcon's units need unless the file sets them itself.
    defaults: Vec<(&'static str, String)>,
    /// `[Service]` lines after the file's own (the commands).
    commands: Vec<String>,
}

fn translate(world: &World, src: &Source) -> Result<Generated, Vec<Error>> {
    let mut errors = check_quadlet_section(src);
    let parts = match src.kind() {
        Kind::Container => container::translate(world, src),
        Kind::Volume => resources::volume(world, src),
        Kind::Network => resources::network(world, src),
        Kind::Image => resources::image(world, src),
        Kind::Build => resources::build(world, src),
        Kind::Pod => pod::pod(world, src),
        Kind::Kube => pod::kube(world, src),
    };
    let parts = match parts {
        Ok(p) => p,
        Err(mut e) => {
            errors.append(&mut e);
            Parts::default()
        }
    };
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.file.clone(), e.line.unwrap_or(usize::MAX)));
        return Err(errors);
    }
    let service = world.targets[&src.name].service.clone();
    Ok(Generated {
        text: render(world, src, &parts),
        links: install_links(src, &service),
        service,
    })
}

/// `[Quadlet]` has one key: DefaultDependencies=.
fn check_quadlet_section(src: &Source) -> Vec<Error> {
    let Some(s) = src.unit.section("Quadlet") else {
        return Vec::new();
    };
    s.entries
        .iter()
        .filter_map(|e| match e.key.as_str() {
            "DefaultDependencies" if syntax::parse_bool(&e.value).is_some() => None,
            "DefaultDependencies" => Some(Error::at(e, "DefaultDependencies= takes a boolean")),
            _ => Some(Error::at(e, format!("unknown key {}= in [Quadlet]", e.key))),
        })
        .collect()
}

fn render(world: &World, src: &Source, parts: &Parts) -> String {
    let custom = src.kind().section();
    let mut out = format!(
        "# Generated by rcon-quadlet from {}: edit that file, not this one\n",
        src.path.display()
    );
    let line = |out: &mut String, e: &Entry| out.push_str(&format!("{}={}\n", e.key, e.value));
    if let Some(s) = src.unit.section(custom) {
        out.push_str(&format!("\n[X-{custom}]\n"));
        s.entries.iter().for_each(|e| line(&mut out, e));
    }
    out.push_str("\n[Unit]\n");
    if let Some(s) = src.unit.section("Unit") {
        s.entries.iter().for_each(|e| line(&mut out, e));
    }
    let defaults = src
        .unit
        .last("Quadlet", "DefaultDependencies")
        .and_then(|e| syntax::parse_bool(&e.value))
        .unwrap_or(true);
    if defaults {
        out.push_str("Wants=network-online.target\nAfter=network-online.target\n");
    }
    out.push_str(&format!("SourcePath={}\n", src.path.display()));
    out.push_str(&format!(
        "RequiresMountsFor=%t/{}\n",
        if world.opts.user {
            "rcon"
        } else {
            "containers"
        }
    ));
    parts
        .unit
        .iter()
        .for_each(|l| out.push_str(&format!("{l}\n")));
    out.push_str("\n[Service]\n");
    for (k, v) in &parts.defaults {
        if !src.unit.has("Service", k) {
            out.push_str(&format!("{k}={v}\n"));
        }
    }
    if let Some(s) = src.unit.section("Service") {
        s.entries.iter().for_each(|e| line(&mut out, e));
    }
    parts
        .commands
        .iter()
        .for_each(|l| out.push_str(&format!("{l}\n")));
    for s in &src.unit.sections {
        if ["Unit", "Service", "Quadlet", custom].contains(&s.name.as_str()) {
            continue;
        }
        out.push_str(&format!("\n[{}]\n", s.name));
        s.entries.iter().for_each(|e| line(&mut out, e));
    }
    out
}

/// WantedBy=, RequiredBy=, UpheldBy= and Alias= as links; a template only through its
/// DefaultInstance=.
fn install_links(src: &Source, service: &str) -> Vec<(String, String)> {
    let mut links = Vec::new();
    let linked = if service.contains("@.") {
        match src.unit.last("Install", "DefaultInstance") {
            Some(i) => service.replacen("@.", &format!("@{}.", i.value), 1),
            None => return links,
        }
    } else {
        service.to_string()
    };
    for (key, dir) in [
        ("WantedBy", "wants"),
        ("RequiredBy", "requires"),
        ("UpheldBy", "upholds"),
    ] {
        for e in src.unit.all("Install", key) {
            for t in e.value.split_whitespace() {
                links.push((format!("{t}.{dir}"), linked.clone()));
            }
        }
    }
    for e in src.unit.all("Install", "Alias") {
        for a in e.value.split_whitespace() {
            links.push((String::new(), a.to_string()));
        }
    }
    links
}

/// Checks a section's keys: each must be one rcon maps (`known`); a key of Podman's that
/// rcon has no flag for (`lacking`, with the Podman flag it stands for) and any other key are
/// errors naming file, line and key.
fn check_keys(src: &Source, known: &[&str], lacking: &[(&str, &str)], command: &str) -> Vec<Error> {
    let section = src.kind().section();
    let mut errors = Vec::new();
    for e in src
        .unit
        .section(section)
        .into_iter()
        .flat_map(|s| &s.entries)
    {
        if known.contains(&e.key.as_str()) {
            continue;
        }
        let message = match lacking.iter().find(|(k, _)| *k == e.key) {
            Some((_, flag)) => format!(
                "{}= is not supported by rcon (`{command}` has no {flag})",
                e.key
            ),
            None => format!("unknown key {}= in [{section}]", e.key),
        };
        errors.push(Error::at(e, message));
    }
    errors
}

/// A command line for ExecStart= and friends: each word quoted for systemd.
fn command_line(words: &[String]) -> String {
    words
        .iter()
        .map(|w| quote_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a list value (`PodmanArgs=`, `Exec=`), or an error at its line.
fn words(e: &Entry) -> Result<Vec<String>, Error> {
    syntax::split_words(&e.value).map_err(|m| Error::at(e, format!("{}=: {m}", e.key)))
}

/// A boolean key's value (`None` when absent), or an error at its line.
fn boolean(src: &Source, key: &str) -> Result<Option<bool>, Error> {
    match src.unit.last(src.kind().section(), key) {
        None => Ok(None),
        Some(e) => syntax::parse_bool(&e.value)
            .map(Some)
            .ok_or_else(|| Error::at(e, format!("{key}= takes a boolean, not {:?}", e.value))),
    }
}

/// `GlobalArgs=`: rcon's global options, before the command.
fn global_args(src: &Source) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for e in src.unit.all(src.kind().section(), "GlobalArgs") {
        out.extend(words(e)?);
    }
    Ok(out)
}

/// `PodmanArgs=`: extra options of the command, given as they are.
fn extra_args(src: &Source) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for e in src.unit.all(src.kind().section(), "PodmanArgs") {
        out.extend(words(e)?);
    }
    Ok(out)
}

/// The dependency lines on another unit's service: Requires= (or BindsTo=) and After=.
fn depend(unit: &mut Vec<String>, how: &str, service: &str) {
    let lines = [format!("{how}={service}"), format!("After={service}")];
    for l in lines {
        if !unit.contains(&l) {
            unit.push(l);
        }
    }
}

/// Collects the results of translating one key after another: the errors add up, so one
/// dry run shows every problem of a file.
#[derive(Default)]
struct Collect {
    errors: Vec<Error>,
}

impl Collect {
    fn take<T>(&mut self, r: Result<T, Error>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    fn finish(self, parts: Parts) -> Result<Parts, Vec<Error>> {
        if self.errors.is_empty() {
            Ok(parts)
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests;
