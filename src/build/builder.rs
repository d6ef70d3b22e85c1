//! The build as a whole: open the context, parse the Containerfile, work out the stages the
//! target needs, run them as a graph, then name the result.
//!
//! Progress goes to stdout as Podman prints it (`[1/2] STEP 1/3: FROM …`, `--> Using cache
//! …`, the RUN output, `COMMIT name`, `--> <short ID>`, `Successfully tagged …`, the image ID
//! last); with `-q` only the ID.
use super::context::{Context, ContextSource, OpenOptions};
use super::error::BuildError;
use super::graph;
use super::options::BuildOptions;
use super::parse::{Containerfile, Instruction};
use super::stage::{self, StageImage};
use crate::config::Paths;
use crate::image::commit;
use crate::image::store::Store;
use crate::linux::idmap::IdMap;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// What every stage shares.
pub(crate) struct Shared<'a> {
    pub(crate) paths: &'a Paths,
    pub(crate) opts: &'a BuildOptions,
    pub(crate) store: Store,
    pub(crate) idmap: IdMap,
    pub(crate) file: Containerfile,
    pub(crate) context: Context,
    /// `--build-context NAME=PATH`, opened.
    pub(crate) named: BTreeMap<String, Context>,
    /// The global ARGs (before the first FROM) and the predefined ones, with their values.
    pub(crate) global: BTreeMap<String, String>,
    /// Each stage's FROM image with the global ARGs expanded.
    pub(crate) bases: Vec<String>,
    pub(crate) target: usize,
    /// How many stages the file has (Podman numbers them `[i/n]` when there are several).
    pub(crate) stage_count: usize,
    pub(crate) results: Mutex<Vec<Option<Arc<StageImage>>>>,
    out: Mutex<()>,
}

impl Shared<'_> {
    /// Prints one progress line (not with `-q`).
    pub(crate) fn say(&self, line: &str) {
        if self.opts.quiet {
            return;
        }
        let _held = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }

    /// The result of stage `i`, once built.
    pub(crate) fn result(&self, i: usize) -> Option<Arc<StageImage>> {
        let r = self.results.lock().unwrap_or_else(|p| p.into_inner());
        r.get(i).cloned().flatten()
    }

    /// The image a FROM or `--from` name stands for: a `--build-context NAME=docker-image://REF`
    /// names REF, anything else is itself.
    pub(crate) fn image_for(&self, name: &str) -> String {
        match self.opts.build_contexts.get(&name.to_ascii_lowercase()) {
            Some(super::options::NamedContext::Image(r)) => r.clone(),
            _ => name.to_string(),
        }
    }

    /// `[i/n] ` before a stage's lines when the file has several stages.
    pub(crate) fn prefix(&self, i: usize) -> String {
        if self.stage_count > 1 {
            format!("[{}/{}] ", i + 1, self.stage_count)
        } else {
            String::new()
        }
    }
}

/// The ARGs every build has without declaring them (BuildKit's automatic platform ARGs).
fn predefined() -> BTreeMap<String, String> {
    let host = crate::image::registry::Platform::host();
    let text = host.to_string();
    let mut parts = text.split('/');
    let os = parts.next().unwrap_or("linux").to_string();
    let arch = parts.next().unwrap_or("").to_string();
    let variant = parts.next().unwrap_or("").to_string();
    let mut m = BTreeMap::new();
    for side in ["TARGET", "BUILD"] {
        m.insert(format!("{side}PLATFORM"), text.clone());
        m.insert(format!("{side}OS"), os.clone());
        m.insert(format!("{side}ARCH"), arch.clone());
        m.insert(format!("{side}VARIANT"), variant.clone());
    }
    m
}

/// The global ARGs' values: `--build-arg`, else the default, each default expanded with the
/// ARGs before it.
fn global_args(
    file: &Containerfile,
    build_args: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, BuildError> {
    let mut vars = predefined();
    for step in &file.global_args {
        let lookup = |k: &str| vars.get(k).cloned();
        let Instruction::Arg(defs) = file.expand_step(step, &lookup)? else {
            continue;
        };
        for d in defs {
            let value = build_args.get(&d.name).cloned().or(d.default);
            if let Some(v) = value {
                vars.insert(d.name, v);
            }
        }
    }
    Ok(vars)
}

/// Runs the build; returns the image ID (`sha256:…`).
pub(crate) fn build(paths: &Paths, opts: &BuildOptions) -> Result<String, BuildError> {
    super::run_step::sweep(paths);
    let source = opts
        .context
        .clone()
        .unwrap_or_else(|| ContextSource::Dir(".".into()));
    let context = Context::open(
        &source,
        &OpenOptions {
            file: opts.file.clone(),
            ignorefile: opts.ignorefile.clone(),
        },
    )?;
    let shown = opts
        .file
        .as_ref()
        .map(|f| f.display().to_string())
        .unwrap_or_else(|| {
            context
                .containerfile()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Containerfile".into())
        });
    let text =
        std::fs::read_to_string(context.containerfile()).map_err(|source| BuildError::Read {
            path: shown.clone(),
            source,
        })?;
    let file = Containerfile::parse(&shown, &text)?;
    let global = global_args(&file, &opts.build_args)?;
    let mut bases = Vec::new();
    for stage in &file.stages {
        let lookup = |k: &str| global.get(k).cloned();
        let Instruction::From(base) = file.expand_step(&stage.from, &lookup)? else {
            unreachable!("a stage starts with FROM");
        };
        if let Some(p) = &base.platform {
            let host = crate::image::registry::Platform::host().to_string();
            super::options::check_platform(p, &host).map_err(|e| BuildError::Base {
                image: base.image.clone(),
                message: format!("{}: {e}", stage.from.original),
            })?;
        }
        bases.push(base.image);
    }
    let target = file.target(opts.target.as_deref())?;
    let needed: BTreeSet<usize> = file.stages_for(target, &bases).into_iter().collect();
    let deps: Vec<BTreeSet<usize>> = (0..file.stages.len())
        .map(|i| file.dependencies(i, &bases[i]).into_iter().collect())
        .collect();
    let mut named = BTreeMap::new();
    for (name, ctx) in &opts.build_contexts {
        if let super::options::NamedContext::Dir(dir) = ctx {
            named.insert(name.clone(), Context::open_dir(dir)?);
        }
    }
    let stage_count = file.stages.len();
    let shared = Shared {
        paths,
        opts,
        store: Store::open(paths)?,
        idmap: IdMap::detect(),
        context,
        named,
        global,
        bases,
        target,
        stage_count,
        results: Mutex::new(vec![None; stage_count]),
        out: Mutex::new(()),
        file,
    };
    let jobs = opts.jobs.unwrap_or(needed.len()).max(1);
    graph::run(&needed, &deps, jobs, &|i| stage::run(&shared, i))?;
    let last = shared.result(target).expect("the target stage was built");
    finish(&shared, &last)
}

/// Applies `--label`, `--annotation`-free config changes of the options, records the image
/// with its names, and prints the closing lines.
fn finish(sh: &Shared<'_>, last: &StageImage) -> Result<String, BuildError> {
    let opts = sh.opts;
    let names: Vec<String> = opts
        .tags
        .iter()
        .map(|t| commit::image_name(t))
        .collect::<Result<_, _>>()?;
    sh.say(&format!(
        "{}COMMIT {}",
        sh.prefix(sh.target),
        opts.tags.first().map(String::as_str).unwrap_or("")
    ));
    let squashed;
    let last = match opts.squash {
        super::options::Squash::No => last,
        how => {
            squashed = super::squash::apply(sh, last, how == super::options::Squash::All)?;
            &squashed
        }
    };
    let stored = stage::finalize(sh, last)?;
    let record = commit::record(&sh.store, stored, &names)?;
    let id = record.id.to_string();
    sh.say(&format!("--> {}", &record.id.hex()[..11]));
    for n in &names {
        sh.say(&format!("Successfully tagged {n}"));
    }
    if let Some(path) = &opts.iidfile {
        std::fs::write(path, &id).map_err(|source| BuildError::Io {
            what: format!("--iidfile {}", path.display()),
            source,
        })?;
    }
    Ok(id)
}
