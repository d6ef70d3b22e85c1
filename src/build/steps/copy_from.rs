//! `COPY --from=<stage or image>`: the sources read out of a created container of that image
//! by the cp worker (resolved inside its root; a wildcard matched there with Go's
//! `filepath.Match` rules, as for the context), then placed into a container of the stage's
//! image like any COPY.
use super::copy::{bad, commit_changes, container};
use crate::build::error::BuildError;
use crate::build::parse::{CopyFiles, Step};
use crate::build::run_step::{self, StepSpec};
use crate::build::stage::Working;
use crate::image::store::ImageRecord;
use crate::ipc::role::CpOp;
use crate::util::digest::Digest;

/// The image a `COPY --from` names: an earlier stage, else an image (pulled as `--pull` says).
pub(crate) fn from_image(
    w: &Working<'_, '_>,
    step: &Step,
    from: &str,
) -> Result<ImageRecord, BuildError> {
    if let Some(j) = w.sh.file.copy_source(from) {
        let done =
            w.sh.result(j)
                .expect("a stage runs after the stages it uses");
        return Ok(done.record.clone());
    }
    let from = w.sh.image_for(from);
    let opts = crate::image::pull::PullOptions {
        platform: None,
        quiet: w.sh.opts.quiet,
        client: w.sh.opts.client.clone(),
    };
    crate::image::resolve::resolve(w.sh.paths, &from, w.sh.opts.pull, &opts)
        .map_err(|e| bad(step, format!("--from={from}: {e}")))
}

/// `COPY --from=<stage or image>`: each source read out of a created container of that
/// image (resolved inside its root), its top renamed to Docker's placement form (a file under
/// its name, a folder as its contents), owners kept unless `--chown`.
pub(super) fn copy_from_image(
    w: &mut Working<'_, '_>,
    step: &Step,
    from: &str,
    c: &CopyFiles,
    dest: &str,
) -> Result<(), BuildError> {
    if c.files.sources.is_empty() {
        return Err(bad(
            step,
            "no source files were specified: give at least one source before the destination",
        ));
    }
    let image = from_image(w, step, from)?;
    let key = w.key(step, vec![Digest::of(image.id.to_string().as_bytes())]);
    if w.try_cache(&key)? {
        return Ok(());
    }
    let sh = w.sh;
    let source = run_step::create(
        sh.paths,
        &image,
        &StepSpec {
            argv: vec!["/bin/true".into()],
            network: crate::network::NetworkMode::None,
            storage_driver: sh.opts.storage_driver.clone(),
            ..StepSpec::default()
        },
    )
    .map_err(|e| bad(step, e))?;
    // Each source's matches, then each one as one archive in the placement form, gathered in
    // memory-backed temp files.
    let mut named = Vec::new();
    for s in &c.files.sources {
        let path = crate::build::config_edit::join_path("/", s);
        match wildcard(&path) {
            None => named.push((s.clone(), path)),
            Some(g) => {
                let found = glob_in(w, &source.record.id, step, s, &g)?;
                if found.is_empty() {
                    return Err(bad(
                        step,
                        format!("{s:?}: no file in {from} matches it: check the pattern"),
                    ));
                }
                named.extend(found.into_iter().map(|p| (s.clone(), p)));
            }
        }
    }
    let mut parts = Vec::new();
    let mut single_file = None;
    for (s, path) in &named {
        let mut buf = crate::util::fs::anonymous_temp_file().map_err(|e| bad(step, e))?;
        let op = CpOp::OutCopy {
            path: path.clone(),
            single_uid: sh.idmap.is_single(),
        };
        crate::container::cp::read_stopped_op(sh.paths, &source.record.id, &op, path, |r| {
            std::io::copy(r, &mut buf).map(drop)
        })
        .map_err(|e| bad(step, format!("{s:?} in {from}: {e}")))?;
        let is_file = is_one_file(&mut buf, path).map_err(|e| bad(step, e))?;
        if is_file && named.len() == 1 {
            single_file = std::path::Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
        }
        parts.push(buf);
    }
    drop(source);
    let target = container(w, step)?;
    let op = CpOp::Build {
        dest: dest.to_string(),
        single_file,
        chown: c.chown.clone(),
        chmod: c.chmod.clone(),
    };
    let fed = crate::container::cp::build::feed(sh.paths, &target.record.id, &op, |stdin| {
        let mut builder = tar::Builder::new(stdin);
        for part in &mut parts {
            use std::io::Seek;
            part.seek(std::io::SeekFrom::Start(0))?;
            let mut archive = tar::Archive::new(&mut *part);
            for entry in archive.entries()? {
                let mut entry = entry?;
                let mut header = entry.header().clone();
                let path = entry.path()?.into_owned();
                let link = entry.link_name()?.map(|l| l.into_owned());
                let xattrs = crate::build::squash::pax_xattrs(&mut entry)?;
                if !xattrs.is_empty() {
                    builder.append_pax_extensions(
                        xattrs.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
                    )?;
                }
                match link {
                    Some(l) if header.entry_type().is_hard_link() => {
                        builder.append_link(&mut header, &path, &l)?
                    }
                    Some(l) => builder.append_link(&mut header, &path, &l)?,
                    None => builder.append_data(&mut header, &path, &mut entry)?,
                }
            }
        }
        builder.finish()
    });
    if let Some(e) = fed.host {
        return Err(bad(step, format!("cannot send the files: {e}")));
    }
    fed.worker.map_err(|e| bad(step, e))?;
    commit_changes(w, step, target, &key)
}

/// Whether the archive of `path` is one file under `path`'s name (the source was a file).
fn is_one_file(archive: &mut std::fs::File, path: &str) -> std::io::Result<bool> {
    use std::io::Seek;
    archive.seek(std::io::SeekFrom::Start(0))?;
    let name = std::path::Path::new(path).file_name();
    let mut a = tar::Archive::new(&mut *archive);
    let mut n = 0;
    let mut file = false;
    for e in a.entries()? {
        let e = e?;
        n += 1;
        file = !e.header().entry_type().is_dir() && e.path()?.file_name() == name;
        if n > 1 {
            break;
        }
    }
    Ok(n == 1 && file)
}

/// A source path's wildcard, split as the cp worker's `Glob` op takes it.
#[derive(Debug, PartialEq, Eq)]
struct Wildcard {
    /// The absolute folder before the first component with a wildcard.
    base: String,
    /// The components from there on (Go's `filepath.Match` syntax).
    pattern: String,
    depth: usize,
}

/// `path` (absolute, cleaned) split at its first component holding a wildcard; `None` when
/// it has none.
fn wildcard(path: &str) -> Option<Wildcard> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let first = parts
        .iter()
        .position(|p| crate::build::context::has_wildcard(p))?;
    Some(Wildcard {
        base: format!("/{}", parts[..first].join("/")),
        pattern: parts[first..].join("/"),
        depth: parts.len() - first,
    })
}

/// The absolute paths in the container `id`'s root that `g` matches, in name order.
fn glob_in(
    w: &Working<'_, '_>,
    id: &str,
    step: &Step,
    source: &str,
    g: &Wildcard,
) -> Result<Vec<String>, BuildError> {
    let re = crate::build::context::glob(&g.pattern)
        .map_err(|e| bad(step, format!("{source:?}: {e}")))?;
    let op = CpOp::Glob {
        base: g.base.clone(),
        pattern: re.as_str().to_string(),
        depth: g.depth,
    };
    let mut text = Vec::new();
    crate::container::cp::read_stopped_op(w.sh.paths, id, &op, &g.base, |r| {
        std::io::Read::read_to_end(r, &mut text).map(drop)
    })
    .map_err(|e| bad(step, format!("{source:?}: {e}")))?;
    serde_json::from_slice(&text)
        .map_err(|e| bad(step, format!("{source:?}: the file list is damaged: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_splits_at_the_first_component_holding_one() {
        assert_eq!(wildcard("/usr/lib/libc.so"), None);
        assert_eq!(
            wildcard("/usr/lib/*/x?.so"),
            Some(Wildcard {
                base: "/usr/lib".into(),
                pattern: "*/x?.so".into(),
                depth: 2,
            })
        );
        assert_eq!(
            wildcard("/[ab]"),
            Some(Wildcard {
                base: "/".into(),
                pattern: "[ab]".into(),
                depth: 1,
            })
        );
    }

    #[test]
    fn escaped_wildcard_characters_name_a_file() {
        assert_eq!(wildcard("/a\\*b"), None);
    }
}
