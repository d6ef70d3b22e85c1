//! COPY, ADD and WORKDIR: files placed into a created (never started) container of the
//! stage's image by the cp worker, which resolves every path inside that image's root; the
//! container's writable layer becomes the step's layer.
use crate::build::context::{copy_into, AddOptions, Context, Placement, Request, Selection};
use crate::build::error::BuildError;
use crate::build::parse::{AddFiles, CopyFiles, Files, Step};
use crate::build::run_step::{self, StepSpec};
use crate::build::stage::Working;
use crate::container::record::ContainerPaths;
use crate::ipc::role::CpOp;
use crate::util::digest::Digest;

pub(super) fn bad(step: &Step, message: impl std::fmt::Display) -> BuildError {
    BuildError::step(&step.original, message)
}

/// The destination as an absolute path, WORKDIR applied; a folder keeps its trailing `/`.
fn destination(w: &Working<'_, '_>, dest: &str) -> String {
    let folder = dest.ends_with('/') || dest == "." || dest.ends_with("/.") || dest == "..";
    let joined = crate::build::config_edit::join_path(&w.workdir(), dest);
    if folder && joined != "/" {
        format!("{joined}/")
    } else {
        joined
    }
}

/// A created container of the stage's image, for the cp worker.
pub(super) fn container<'p>(
    w: &mut Working<'_, 'p>,
    step: &Step,
) -> Result<run_step::StepContainer<'p>, BuildError> {
    let base = w.base_for_container(step)?;
    let spec = StepSpec {
        argv: vec!["/bin/true".into()],
        network: crate::network::NetworkMode::None,
        storage_driver: w.sh.opts.storage_driver.clone(),
        ..StepSpec::default()
    };
    run_step::create(w.sh.paths, &base, &spec).map_err(|e| bad(step, e))
}

/// Commits the container's changes as the step's layer (an empty step when it made none).
pub(super) fn commit_changes(
    w: &mut Working<'_, '_>,
    step: &Step,
    c: run_step::StepContainer<'_>,
    key: &Digest,
) -> Result<(), BuildError> {
    let upper = ContainerPaths::new(w.sh.paths, &c.record.id).upper();
    let empty = std::fs::read_dir(&upper).map_or(true, |mut d| d.next().is_none());
    if empty {
        drop(c);
        return w.commit_empty(step, key);
    }
    let layer = w.layer_of(&c.record, &[])?;
    drop(c);
    w.commit_layer(format!("/bin/sh -c #(nop) {}", step.original), layer, key)
}

/// The selection of a COPY or ADD from a context (the build's, a named one, or the inline
/// heredoc files written to a folder of their own).
fn select_files(
    ctx: &Context,
    step: &Step,
    files: &Files,
    excludes: &[String],
    parents: bool,
    add: Option<AddOptions>,
) -> Result<Selection, BuildError> {
    ctx.select(&Request {
        sources: files.sources.clone(),
        excludes: excludes.to_vec(),
        parents,
        add,
    })
    .map_err(|e| bad(step, e))
}

/// The inline files of a heredoc COPY/ADD as a context of their own.
fn inline_context(step: &Step, files: &Files) -> Result<(Context, Vec<String>), BuildError> {
    let tmp = crate::build::context::TempDir::new().map_err(|e| bad(step, e))?;
    let mut names = Vec::new();
    for f in &files.inline {
        let path = tmp.path().join(&f.name);
        std::fs::write(&path, &f.content).map_err(|e| bad(step, e))?;
        names.push(f.name.clone());
    }
    let ctx = Context::open_dir_owned(tmp).map_err(|e| bad(step, e))?;
    Ok((ctx, names))
}

/// The selection of a COPY or ADD with heredoc files: those first, then the context's
/// sources (a folder destination, as for any several sources). The returned context holds the
/// heredoc files and must outlive the selection.
fn with_inline(
    w: &Working<'_, '_>,
    step: &Step,
    files: &Files,
    excludes: &[String],
    parents: bool,
    add: Option<AddOptions>,
) -> Result<(Selection, Context), BuildError> {
    let (ctx, names) = inline_context(step, files)?;
    let inline = Files {
        sources: names,
        inline: Vec::new(),
        ..files.clone()
    };
    let mut sel = select_files(&ctx, step, &inline, &[], false, add.clone())?;
    if !files.sources.is_empty() {
        let rest = select_files(&w.sh.context, step, files, excludes, parents, add)?;
        merge(&mut sel, rest);
    }
    Ok((sel, ctx))
}

/// Appends `rest` to `sel`: several sources, so no one file becomes the destination itself.
fn merge(sel: &mut Selection, mut rest: Selection) {
    sel.entries.append(&mut rest.entries);
    sel.single_file = None;
    if sel.temp.is_none() {
        sel.temp = rest.temp.take();
    }
}

/// Places `selection` into a container of the stage's image and commits it.
fn place(
    w: &mut Working<'_, '_>,
    step: &Step,
    selection: &Selection,
    placement: &Placement,
    key: &Digest,
) -> Result<(), BuildError> {
    let c = container(w, step)?;
    copy_into(w.sh.paths, &c.record.id, selection, placement).map_err(|e| bad(step, e))?;
    commit_changes(w, step, c, key)
}

/// COPY.
pub(crate) fn copy(w: &mut Working<'_, '_>, step: &Step, c: &CopyFiles) -> Result<(), BuildError> {
    let dest = destination(w, &c.files.dest);
    let placement =
        Placement::new(&dest, c.chown.as_deref(), c.chmod.as_deref()).map_err(|e| bad(step, e))?;
    if let Some(from) = &c.from {
        if let Some(ctx) = w.sh.named.get(&from.to_ascii_lowercase()) {
            let sel = select_files(ctx, step, &c.files, &c.exclude, c.parents, None)?;
            return finish_selection(
                w,
                step,
                sel,
                &placement,
                c.chown.as_deref(),
                c.chmod.as_deref(),
            );
        }
        return super::copy_from::copy_from_image(w, step, from, c, &dest);
    }
    let sel = if c.files.inline.is_empty() {
        select_files(&w.sh.context, step, &c.files, &c.exclude, c.parents, None)?
    } else {
        let (sel, ctx) = with_inline(w, step, &c.files, &c.exclude, c.parents, None)?;
        return finish_selection_with(
            w,
            step,
            sel,
            &placement,
            c.chown.as_deref(),
            c.chmod.as_deref(),
            ctx,
        );
    };
    finish_selection(
        w,
        step,
        sel,
        &placement,
        c.chown.as_deref(),
        c.chmod.as_deref(),
    )
}

fn finish_selection(
    w: &mut Working<'_, '_>,
    step: &Step,
    sel: Selection,
    placement: &Placement,
    chown: Option<&str>,
    chmod: Option<&str>,
) -> Result<(), BuildError> {
    let sum = sel.checksum(chown, chmod).map_err(|e| bad(step, e))?;
    let key = w.key(step, vec![sum]);
    if w.try_cache(&key)? {
        return Ok(());
    }
    place(w, step, &sel, placement, &key)
}

/// [`finish_selection`] with the context the selection reads kept alive until the end.
fn finish_selection_with(
    w: &mut Working<'_, '_>,
    step: &Step,
    sel: Selection,
    placement: &Placement,
    chown: Option<&str>,
    chmod: Option<&str>,
    ctx: Context,
) -> Result<(), BuildError> {
    let r = finish_selection(w, step, sel, placement, chown, chmod);
    drop(ctx);
    r
}

/// ADD.
pub(crate) fn add(w: &mut Working<'_, '_>, step: &Step, a: &AddFiles) -> Result<(), BuildError> {
    let dest = destination(w, &a.files.dest);
    let placement =
        Placement::new(&dest, a.chown.as_deref(), a.chmod.as_deref()).map_err(|e| bad(step, e))?;
    let opts = AddOptions {
        checksum: a.checksum.clone(),
        unpack: a.unpack,
        keep_git_dir: a.keep_git_dir.unwrap_or(false),
    };
    if !a.files.inline.is_empty() {
        let (sel, ctx) = with_inline(w, step, &a.files, &a.exclude, false, Some(opts))?;
        return finish_selection_with(
            w,
            step,
            sel,
            &placement,
            a.chown.as_deref(),
            a.chmod.as_deref(),
            ctx,
        );
    }
    let sel = select_files(&w.sh.context, step, &a.files, &a.exclude, false, Some(opts))?;
    finish_selection(
        w,
        step,
        sel,
        &placement,
        a.chown.as_deref(),
        a.chmod.as_deref(),
    )
}

/// WORKDIR: the config's working folder, and the folder made when the image lacks it.
pub(crate) fn workdir(w: &mut Working<'_, '_>, step: &Step, dir: &str) -> Result<(), BuildError> {
    let key = w.key(step, Vec::new());
    if w.try_cache(&key)? {
        return Ok(());
    }
    crate::build::config_edit::apply(
        w.draft.config_mut(),
        &crate::build::config_edit::ConfigChange::Workdir(dir.to_string()),
        true,
    )
    .map_err(|e| bad(step, e))?;
    let path = w.workdir();
    let c = container(w, step)?;
    let op = CpOp::Build {
        dest: format!("{}/", path.trim_end_matches('/')),
        single_file: None,
        chown: None,
        chmod: None,
    };
    let fed = crate::container::cp::build::feed(w.sh.paths, &c.record.id, &op, |stdin| {
        tar::Builder::new(stdin).finish()
    });
    if let Some(e) = fed.host {
        return Err(bad(step, e));
    }
    fed.worker.map_err(|e| bad(step, e))?;
    commit_changes(w, step, c, &key)
}
