//! One stage: its base image, the ONBUILD triggers that base carries, then each step in turn,
//! each either reused from the cache or run and committed as an image of its own.
use super::builder::Shared;
use super::cache::StepInputs;
use super::config_edit::{self, ConfigChange};
use super::error::BuildError;
use super::options::ImageFormat;
use super::parse::{self, CommandLine, Healthcheck, Instruction, Step};
use super::steps;
use crate::config::containers_conf::{host_proxy_env, PROXY_ENV};
use crate::image::commit::{self, Format, History, ImageDraft, NewLayer, StoredImage};
use crate::image::pull::PullOptions;
use crate::image::resolve;
use crate::image::store::{index, ImageRecord};
use crate::ipc::role::Mtimes;
use crate::util::digest::Digest;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A stage's result: the image its last step made.
pub(crate) struct StageImage {
    pub(crate) record: ImageRecord,
    /// The image the stage is built FROM (`None`: scratch).
    pub(crate) base: Option<ImageRecord>,
    /// Without `--layers` the steps' images are not recorded: these keep them whole.
    pub(crate) _kept: Vec<StoredImage>,
}

/// A stage being built.
pub(crate) struct Working<'s, 'a> {
    pub(crate) sh: &'s Shared<'a>,
    pub(crate) stage: usize,
    /// The image so far (`None`: FROM scratch, nothing committed yet).
    pub(crate) image: Option<ImageRecord>,
    pub(crate) draft: ImageDraft,
    /// ARGs declared in this stage, with their values.
    pub(crate) args: BTreeMap<String, String>,
    /// SHELL as set in this build (kept out of an OCI config, which has no place for it).
    pub(crate) shell: Vec<String>,
    cmd_set: bool,
    kept: Vec<StoredImage>,
    /// The build's last step runs: its image gets its short ID printed after `COMMIT`, not
    /// before (Podman's output).
    last: bool,
}

/// The PATH an image FROM scratch gets, as Docker's builder sets it.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Proxy ARGs: usable in RUN without a declaration, as Docker treats them: the proxy
/// variables a container takes from the host, and ALL_PROXY.
fn proxy_args() -> impl Iterator<Item = &'static str> {
    PROXY_ENV.into_iter().chain(["ALL_PROXY", "all_proxy"])
}

impl Working<'_, '_> {
    /// The variables a step's words see: the stage's ARGs, then the image's ENV over them.
    pub(crate) fn vars(&self) -> BTreeMap<String, String> {
        let mut v = self.args.clone();
        v.extend(config_edit::env(self.draft.config()));
        v
    }

    /// The environment a RUN adds to the image's: declared ARGs ENV does not override, and
    /// the proxy ARGs given with `--build-arg`.
    pub(crate) fn run_env(&self) -> Vec<(String, String)> {
        let env: BTreeMap<String, String> =
            config_edit::env(self.draft.config()).into_iter().collect();
        let mut out: Vec<(String, String)> = self
            .args
            .iter()
            .filter(|(k, _)| !env.contains_key(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for p in proxy_args() {
            if let Some(v) = self.sh.opts.build_args.get(p) {
                if !self.args.contains_key(p) {
                    out.push((p.to_string(), v.clone()));
                }
            }
        }
        out
    }

    /// The host's proxy variables a RUN step gets under `--http-proxy` (kept out of the image
    /// and of the cache key): those neither the image's ENV nor the step's `env` sets.
    pub(crate) fn host_proxy_env(&self, env: &[(String, String)]) -> Vec<(String, String)> {
        if !self.sh.opts.http_proxy {
            return Vec::new();
        }
        let image = config_edit::env(self.draft.config());
        let set = |k: &str| image.iter().chain(env).any(|(n, _)| n == k);
        host_proxy_env()
            .into_iter()
            .filter(|(k, _)| !set(k))
            .collect()
    }

    pub(crate) fn workdir(&self) -> String {
        config_edit::workdir(self.draft.config())
    }

    /// The parent of the next step, for cache keys.
    fn parent_id(&self) -> String {
        self.image
            .as_ref()
            .map_or_else(|| "scratch".into(), |i| i.id.to_string())
    }

    /// The cache key of a step, from its instruction text, the variables it sees and the
    /// checksums of what it reads.
    pub(crate) fn key(&self, step: &Step, content: Vec<Digest>) -> Digest {
        let parent = self.parent_id();
        let mut vars: Vec<(String, String)> = self
            .args
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        vars.push(("SHELL".into(), self.shell.join("\u{1f}")));
        StepInputs {
            parent: &parent,
            instruction: &step.original,
            vars,
            content,
            extra: vec![
                ("format", format!("{:?}", self.sh.opts.format)),
                ("timestamp", format!("{:?}", self.sh.opts.timestamp)),
            ],
        }
        .key()
    }

    /// The cached image of `key`, made present as this stage's image; prints the cache line.
    pub(crate) fn try_cache(&mut self, key: &Digest) -> Result<bool, BuildError> {
        let sh = self.sh;
        if sh.opts.no_cache || !sh.opts.layers {
            return Ok(false);
        }
        let idx = index::read(sh.store.root()).map_err(|source| BuildError::Io {
            what: "cannot read the image index".into(),
            source,
        })?;
        let key_text = key.to_string();
        let Some(rec) = idx
            .images
            .iter()
            .find(|i| i.build_key.as_deref() == Some(key_text.as_str()))
        else {
            return Ok(false);
        };
        if !rec.layers.iter().all(|l| sh.store.layer_present(l)) {
            return Ok(false);
        }
        let draft = match ImageDraft::from_image(&sh.store, rec) {
            Ok(d) => d,
            Err(_) => return Ok(false),
        };
        sh.say(&format!("--> Using cache {}", rec.id.hex()));
        if !self.last {
            sh.say(&format!("--> {}", &rec.id.hex()[..11]));
        }
        self.image = Some(rec.clone());
        self.draft = draft;
        Ok(true)
    }

    fn history(&self, created_by: String) -> History {
        History {
            created: created(self.sh.opts.timestamp),
            created_by,
            comment: "FROM ".to_string() + &self.sh.bases[self.stage],
            author: String::new(),
        }
    }

    /// Stores the draft as the step's image (recorded under `key` with `--layers`).
    fn commit(&mut self, key: &Digest) -> Result<(), BuildError> {
        let sh = self.sh;
        let stored = self.draft.store(&sh.store, format(sh.opts.format))?;
        let record = if sh.opts.layers {
            let mut stored = stored;
            stored.record.build_key = Some(key.to_string());
            stored.record.intermediate = true;
            commit::record(&sh.store, stored, &[])?
        } else {
            let r = stored.record.clone();
            self.kept.push(stored);
            r
        };
        if !self.last {
            sh.say(&format!("--> {}", &record.id.hex()[..11]));
        }
        self.image = Some(record);
        Ok(())
    }

    /// A step that changed the config only.
    pub(crate) fn commit_empty(&mut self, step: &Step, key: &Digest) -> Result<(), BuildError> {
        let h = self.history(format!("/bin/sh -c #(nop) {}", step.original));
        self.draft.add_empty(&h);
        self.commit(key)
    }

    /// A step that made `layer`.
    pub(crate) fn commit_layer(
        &mut self,
        created_by: String,
        layer: NewLayer,
        key: &Digest,
    ) -> Result<(), BuildError> {
        let h = self.history(created_by);
        self.draft.add_layer(layer, &h)?;
        self.commit(key)
    }

    /// The stopped step container `record`'s changes as a layer on the stage's top layer;
    /// `mount_targets` are its mount destinations. A kernel overlay's upper folder becomes the
    /// layer's tree as it stands (`commit::adopt_upper`: nothing copied), unless the store
    /// maps one id or the times are rewritten; otherwise, or when it cannot be moved, it is
    /// diffed into a blob and a fresh tree.
    pub(crate) fn layer_of(
        &self,
        record: &crate::container::record::ContainerRecord,
        mount_targets: &[String],
    ) -> Result<NewLayer, BuildError> {
        let upper =
            crate::container::record::ContainerPaths::new(self.sh.paths, &record.id).upper();
        let (store, idmap) = (&self.sh.store, &self.sh.idmap);
        let parent = self.draft.top_layer();
        let adoptable = record.storage_driver == "overlay"
            && !idmap.is_single()
            && self.mtimes() == Mtimes::Keep;
        if adoptable {
            if let Some(layer) = commit::adopt_upper(store, idmap, &upper, parent, mount_targets)? {
                return Ok(layer);
            }
        }
        Ok(commit::diff_upper(
            store,
            idmap,
            &upper,
            parent,
            (self.mtimes(), true),
            mount_targets,
        )?)
    }

    /// How the diff helper writes file times.
    pub(crate) fn mtimes(&self) -> Mtimes {
        match self.sh.opts.timestamp {
            Some(t) => Mtimes::Set(t),
            None => Mtimes::Keep,
        }
    }

    /// The image a step's container starts from: the stage's image so far, stored first
    /// when the stage is FROM scratch with nothing committed.
    pub(crate) fn base_for_container(&mut self, step: &Step) -> Result<ImageRecord, BuildError> {
        if let Some(i) = &self.image {
            return Ok(i.clone());
        }
        let stored = self
            .draft
            .store(&self.sh.store, format(self.sh.opts.format))?;
        let rec = stored.record.clone();
        self.kept.push(stored);
        let _ = step;
        self.image = Some(rec.clone());
        Ok(rec)
    }
}

pub(crate) fn format(f: ImageFormat) -> Format {
    match f {
        ImageFormat::Oci => Format::Oci,
        ImageFormat::Docker => Format::Docker,
    }
}

/// RFC 3339 of `--timestamp`, else now.
pub(crate) fn created(timestamp: Option<i64>) -> String {
    match timestamp {
        Some(t) => crate::util::time::rfc3339_of_secs(t),
        None => crate::util::time::now_rfc3339_nano(),
    }
}

/// The exec form of a CMD, ENTRYPOINT or HEALTHCHECK command in the stage's shell.
fn exec_form(shell: &[String], c: &CommandLine) -> Vec<String> {
    match c {
        CommandLine::Exec(v) => v.clone(),
        CommandLine::Shell(s) => {
            let mut v = shell.to_vec();
            v.push(s.clone());
            v
        }
    }
}

/// Builds stage `i` and stores its result.
pub(crate) fn run(sh: &Shared<'_>, i: usize) -> Result<(), BuildError> {
    let stage = &sh.file.stages[i];
    let prefix = sh.prefix(i);
    let total = stage.steps.len() + 1;
    sh.say(&format!("{prefix}STEP 1/{total}: {}", stage.from.original));
    let base = &sh.bases[i];
    let (image, draft) = if base.eq_ignore_ascii_case("scratch") {
        // Docker's builder gives an image FROM scratch the default PATH.
        let mut draft = ImageDraft::scratch();
        let path = ConfigChange::Env(vec![("PATH".into(), DEFAULT_PATH.into())]);
        config_edit::apply(draft.config_mut(), &path, false)
            .expect("the default PATH is a valid ENV");
        (None, draft)
    } else if let Some(j) = sh.file.base_stage(i, base) {
        let done = sh.result(j).expect("a stage runs after the stages it uses");
        (
            Some(done.record.clone()),
            ImageDraft::from_image(&sh.store, &done.record)?,
        )
    } else {
        let rec = base_image(sh, &sh.image_for(base))?;
        let draft = ImageDraft::from_image(&sh.store, &rec)?;
        (Some(rec), draft)
    };
    let base_record = image.clone();
    let shell = config_edit::shell(draft.config());
    let mut w = Working {
        sh,
        stage: i,
        image,
        draft,
        args: BTreeMap::new(),
        shell,
        cmd_set: false,
        kept: Vec::new(),
        last: false,
    };
    // The base's ONBUILD triggers run first, and the new image does not keep them.
    let triggers = config_edit::onbuild(w.draft.config());
    if !triggers.is_empty() {
        if let Some(c) = w.draft.config_mut().get_mut("config") {
            if let Some(o) = c.as_object_mut() {
                o.remove("OnBuild");
            }
        }
        for t in &triggers {
            let step = parse::parse_trigger(&format!("the ONBUILD of {base}"), t)?;
            sh.say(&format!("{prefix}ONBUILD {}", step.original));
            execute(&mut w, &step)?;
        }
    }
    for (n, step) in stage.steps.iter().enumerate() {
        sh.say(&format!(
            "{prefix}STEP {}/{total}: {}",
            n + 2,
            step.original
        ));
        w.last = i == sh.target && n + 1 == stage.steps.len();
        execute(&mut w, step)?;
    }
    let record = match w.image.take() {
        Some(r) => r,
        None => {
            // FROM scratch and nothing else: an image of no layers.
            let stored = w.draft.store(&sh.store, format(sh.opts.format))?;
            let r = stored.record.clone();
            w.kept.push(stored);
            r
        }
    };
    let done = StageImage {
        record,
        base: base_record,
        _kept: w.kept,
    };
    let done = if sh.opts.layers {
        done
    } else {
        super::one_layer::apply(sh, done)?
    };
    sh.results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(Arc::new(done));
    Ok(())
}

/// FROM an image: looked up, pulled as `--pull` says.
fn base_image(sh: &Shared<'_>, name: &str) -> Result<ImageRecord, BuildError> {
    let opts = PullOptions {
        platform: None,
        quiet: sh.opts.quiet,
        client: sh.opts.client.clone(),
    };
    resolve::resolve(sh.paths, name, sh.opts.pull, &opts).map_err(|e| BuildError::Base {
        image: name.to_string(),
        message: e.to_string(),
    })
}

/// Runs one step of the stage.
fn execute(w: &mut Working<'_, '_>, step: &Step) -> Result<(), BuildError> {
    let vars = w.vars();
    let lookup = |k: &str| vars.get(k).cloned();
    let inst = w.sh.file.expand_step(step, &lookup)?;
    let docker = w.sh.opts.format == ImageFormat::Docker;
    let change = match inst {
        Instruction::Arg(defs) => {
            for d in defs {
                let value =
                    w.sh.opts
                        .build_args
                        .get(&d.name)
                        .cloned()
                        .or(d.default)
                        .or_else(|| w.sh.global.get(&d.name).cloned());
                match value {
                    Some(v) => w.args.insert(d.name, v),
                    None => w.args.remove(&d.name),
                };
            }
            return Ok(());
        }
        Instruction::Run(run) => return steps::run::run(w, step, &run),
        Instruction::Copy(c) => return steps::copy::copy(w, step, &c),
        Instruction::Add(a) => return steps::copy::add(w, step, &a),
        Instruction::Workdir(dir) => return steps::copy::workdir(w, step, &dir),
        Instruction::From(_) => unreachable!("FROM starts a stage"),
        Instruction::Env(kvs) => {
            ConfigChange::Env(kvs.into_iter().map(|kv| (kv.key, kv.value)).collect())
        }
        Instruction::Label(kvs) => {
            ConfigChange::Label(kvs.into_iter().map(|kv| (kv.key, kv.value)).collect())
        }
        Instruction::Cmd(c) => {
            w.cmd_set = true;
            ConfigChange::Cmd(exec_form(&w.shell, &c))
        }
        Instruction::Entrypoint(c) => ConfigChange::Entrypoint(exec_form(&w.shell, &c)),
        Instruction::Expose(ports) => ConfigChange::Expose(ports),
        Instruction::Volume(v) => ConfigChange::Volume(v),
        Instruction::User(u) => ConfigChange::User(u),
        Instruction::Stopsignal(s) => ConfigChange::StopSignal(s),
        Instruction::Maintainer(m) => ConfigChange::Maintainer(m),
        Instruction::Shell(s) => {
            w.shell = s.clone();
            if !docker {
                return config_only_skipped(w, step, "SHELL");
            }
            ConfigChange::Shell(s)
        }
        Instruction::Onbuild(o) => {
            if !docker {
                return config_only_skipped(w, step, "ONBUILD");
            }
            ConfigChange::OnBuild(o.trigger)
        }
        Instruction::Healthcheck(h) => {
            if !docker {
                return config_only_skipped(w, step, "HEALTHCHECK");
            }
            ConfigChange::Healthcheck(match h {
                Healthcheck::Disable => None,
                Healthcheck::Check(c) => Some(config_edit::Healthcheck {
                    test: match &c.test {
                        CommandLine::Exec(v) => {
                            let mut t = vec!["CMD".to_string()];
                            t.extend(v.iter().cloned());
                            t
                        }
                        CommandLine::Shell(s) => vec!["CMD-SHELL".to_string(), s.clone()],
                    },
                    interval: nanos(c.interval),
                    timeout: nanos(c.timeout),
                    start_period: nanos(c.start_period),
                    start_interval: nanos(c.start_interval),
                    retries: (c.retries > 0).then_some(u64::from(c.retries)),
                }),
            })
        }
    };
    let key = w.key(step, Vec::new());
    if w.try_cache(&key)? {
        if matches!(change, ConfigChange::Cmd(_)) {
            w.cmd_set = true;
        }
        return Ok(());
    }
    let cmd_set = w.cmd_set;
    config_edit::apply(w.draft.config_mut(), &change, cmd_set)
        .map_err(|e| BuildError::step(&step.original, e))?;
    w.commit_empty(step, &key)
}

fn nanos(d: std::time::Duration) -> Option<u64> {
    (!d.is_zero()).then_some(d.as_nanos() as u64)
}

/// SHELL, ONBUILD and HEALTHCHECK have no place in an OCI image config: Podman's warning, and
/// the step is recorded in the history only.
fn config_only_skipped(w: &mut Working<'_, '_>, step: &Step, what: &str) -> Result<(), BuildError> {
    log::warn!("{what} is not supported for OCI image format and {what} will be ignored. Must use `docker` format");
    let key = w.key(step, Vec::new());
    if w.try_cache(&key)? {
        return Ok(());
    }
    w.commit_empty(step, &key)
}

/// The target's image with the options that apply to the result (`--label`, `--env`), stored.
pub(crate) fn finalize(sh: &Shared<'_>, last: &StageImage) -> Result<StoredImage, BuildError> {
    let mut draft = ImageDraft::from_image(&sh.store, &last.record)?;
    if !sh.opts.labels.is_empty() {
        config_edit::apply(
            draft.config_mut(),
            &ConfigChange::Label(sh.opts.labels.clone()),
            true,
        )
        .map_err(|e| BuildError::step("--label", e))?;
    }
    if !sh.opts.env.is_empty() {
        config_edit::apply(
            draft.config_mut(),
            &ConfigChange::Env(sh.opts.env.clone()),
            true,
        )
        .map_err(|e| BuildError::step("--env", e))?;
    }
    for (k, v) in &sh.opts.annotations {
        draft.annotate(k, v);
    }
    Ok(draft.store(&sh.store, format(sh.opts.format))?)
}
