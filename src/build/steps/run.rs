//! RUN: a container over the stage's image, started like `rcon run` (same supervisor, same
//! start-up path), with the step's mounts; its writable layer becomes the step's layer.
use crate::build::error::BuildError;
use crate::build::options::SecretSource;
use crate::build::parse::{Execution, Mount, MountType, Network, Run, Security, Sharing, Step};
use crate::build::run_step::{self, StepSpec};
use crate::build::stage::Working;
use crate::container::record::ContainerPaths;
use crate::container::runconfig::mounts::{parse_mount, MountRequest};
use crate::container::runconfig::Tmpfs;
use crate::network::NetworkMode;
use crate::util::digest::Digest;
use crate::util::fs::Lock;
use std::path::{Path, PathBuf};

/// What a RUN's mounts need while it runs: temporary files and held locks.
#[derive(Default)]
struct Held {
    temp: Vec<crate::build::context::TempDir>,
    _locks: Vec<Lock>,
}

fn bad(step: &Step, message: impl std::fmt::Display) -> BuildError {
    BuildError::step(&step.original, message)
}

fn mount_request(step: &Step, spec: &str) -> Result<MountRequest, BuildError> {
    parse_mount(spec).map_err(|e| bad(step, e))
}

/// The folder of a cache mount, kept in the store between builds.
fn cache_dir(w: &Working<'_, '_>, m: &Mount) -> PathBuf {
    let id = if m.id.is_empty() { &m.target } else { &m.id };
    let key = Digest::of(id.as_bytes());
    w.sh.store.root().join("build-cache").join(key.hex())
}

/// Gives a cache folder just made to the mount's `uid` and `gid` (as the container sees them:
/// a helper in the store's user namespace does it); the user owns it already as the
/// container's root, so 0:0 needs nothing.
fn give_cache(w: &Working<'_, '_>, step: &Step, dir: &Path, m: &Mount) -> Result<(), BuildError> {
    let (uid, gid) = (m.uid.unwrap_or(0), m.gid.unwrap_or(0));
    if (uid, gid) == (0, 0) {
        return Ok(());
    }
    let role = crate::ipc::role::Role::Chown {
        path: dir.to_path_buf(),
        uid,
        gid,
    };
    let give = || -> Result<(), crate::ipc::helper::SpawnError> {
        let null = std::process::Stdio::null;
        crate::ipc::helper::spawn(&w.sh.idmap, &role, null(), null())?.wait()
    };
    give().map_err(|e| {
        // Made again with the right owner next time.
        let _ = std::fs::remove_dir(dir);
        bad(
            step,
            format!(
                "cannot give the cache to {uid}:{gid}: {e}; in a single-id user namespace only \
                 the container's root can own files"
            ),
        )
    })
}

/// Turns the RUN's `--mount`s into the container's mounts; returns the content checksums of
/// bind-mounted context folders (for the cache key).
fn mounts(
    w: &Working<'_, '_>,
    step: &Step,
    run: &Run,
    spec: &mut StepSpec,
    held: &mut Held,
) -> Result<Vec<Digest>, BuildError> {
    let mut sums = Vec::new();
    let workdir = w.workdir();
    let mut ssh_n = 0;
    for m in &run.mounts {
        let target = |default: &str| {
            let t = if m.target.is_empty() {
                default.to_string()
            } else {
                m.target.clone()
            };
            crate::build::config_edit::join_path(&workdir, &t)
        };
        match m.kind {
            MountType::Bind => {
                let src = if m.source.is_empty() { "." } else { &m.source };
                if let Some(named) = w.sh.named.get(&m.from.to_ascii_lowercase()) {
                    let source = resolve_inside(step, named.root(), src)?;
                    let ro = if m.read_only { ",ro" } else { "" };
                    let text = format!("type=bind,src={},dst={}{ro}", source.display(), target(""));
                    spec.mounts.push(mount_request(step, &text)?);
                    continue;
                }
                if !m.from.is_empty() {
                    let (copy, tmp, sum) = bind_from_image(w, step, &m.from, src)?;
                    held.temp.push(tmp);
                    sums.push(sum);
                    let ro = if m.read_only { ",ro" } else { "" };
                    let text = format!("type=bind,src={},dst={}{ro}", copy.display(), target(""));
                    spec.mounts.push(mount_request(step, &text)?);
                    continue;
                }
                let source = resolve_inside(step, w.sh.context.root(), src)?;
                let selection =
                    w.sh.context
                        .select(&crate::build::context::Request {
                            sources: vec![src.to_string()],
                            excludes: Vec::new(),
                            parents: false,
                            add: None,
                        })
                        .map_err(|e| bad(step, e))?;
                sums.push(selection.checksum(None, None).map_err(|e| bad(step, e))?);
                let dest = target("");
                if dest == "/" {
                    return Err(bad(step, "RUN --mount=type=bind needs a target"));
                }
                let mut opts = format!("type=bind,src={},dst={}", source.display(), dest);
                if !m.read_only {
                    // Docker's rw bind: writes go to a copy and are thrown away.
                    let tmp = crate::build::context::TempDir::new()
                        .map_err(|e| bad(step, format!("cannot copy {src} for a rw mount: {e}")))?;
                    let copy = tmp.path().join("data");
                    copy_tree(&source, &copy)
                        .map_err(|e| bad(step, format!("cannot copy {src} for a rw mount: {e}")))?;
                    opts = format!("type=bind,src={},dst={}", copy.display(), dest);
                    held.temp.push(tmp);
                } else {
                    opts.push_str(",ro");
                }
                spec.mounts.push(mount_request(step, &opts)?);
            }
            MountType::Cache => {
                let dir = cache_dir(w, m);
                // `image prune --build-cache` takes it exclusively.
                held._locks.push(
                    Lock::shared(&w.sh.store.root().join("build-cache.lock"))
                        .map_err(|e| bad(step, e))?,
                );
                let fresh = !dir.exists();
                std::fs::create_dir_all(&dir).map_err(|e| {
                    bad(
                        step,
                        format!("cannot make the cache {}: {e}", dir.display()),
                    )
                })?;
                if let Some(mode) = m.mode {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode));
                }
                if fresh {
                    give_cache(w, step, &dir, m)?;
                }
                let mut source = dir.clone();
                let lock_path = dir.with_extension("lock");
                match m.sharing.unwrap_or(Sharing::Shared) {
                    Sharing::Shared => {}
                    Sharing::Locked => {
                        held._locks
                            .push(Lock::exclusive(&lock_path).map_err(|e| bad(step, e))?);
                    }
                    Sharing::Private => {
                        match Lock::try_exclusive(&lock_path).map_err(|e| bad(step, e))? {
                            Some(l) => held._locks.push(l),
                            None => {
                                let tmp = crate::build::context::TempDir::new()
                                    .map_err(|e| bad(step, e))?;
                                source = tmp.path().to_path_buf();
                                if let Some(mode) = m.mode {
                                    use std::os::unix::fs::PermissionsExt;
                                    let perms = std::fs::Permissions::from_mode(mode);
                                    let _ = std::fs::set_permissions(&source, perms);
                                }
                                give_cache(w, step, &source, m)?;
                                held.temp.push(tmp);
                            }
                        }
                    }
                }
                let dest = target("");
                let ro = if m.read_only { ",ro" } else { "" };
                let spec_text = format!("type=bind,src={},dst={dest}{ro}", source.display());
                spec.mounts.push(mount_request(step, &spec_text)?);
            }
            MountType::Tmpfs => {
                let mut options = Vec::new();
                if let Some(size) = m.size {
                    options.push(format!("size={size}"));
                }
                spec.tmpfs.push(Tmpfs {
                    path: target(""),
                    options,
                });
            }
            MountType::Secret => {
                let id = if m.id.is_empty() {
                    Path::new(&m.target)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                } else {
                    m.id.clone()
                };
                let Some(secret) = w.sh.opts.secrets.iter().find(|s| s.id == id) else {
                    if m.required {
                        return Err(bad(
                            step,
                            format!(
                                "secret {id:?} is required: give it with --secret id={id},src=FILE"
                            ),
                        ));
                    }
                    continue;
                };
                let data = match &secret.source {
                    SecretSource::File(p) => std::fs::read(p).map_err(|e| {
                        bad(
                            step,
                            format!("--secret id={id}: cannot read {}: {e}", p.display()),
                        )
                    })?,
                    SecretSource::Env(var) => std::env::var(var)
                        .map_err(|_| {
                            bad(
                                step,
                                format!("--secret id={id}: the variable {var} is not set"),
                            )
                        })?
                        .into_bytes(),
                };
                if let Some(var) = &m.env {
                    spec.env
                        .push((var.clone(), String::from_utf8_lossy(&data).into_owned()));
                    if m.target.is_empty() {
                        continue;
                    }
                }
                let tmp = crate::build::context::TempDir::new().map_err(|e| bad(step, e))?;
                let file = tmp.path().join("secret");
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    let mut f = std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .mode(m.mode.unwrap_or(0o400))
                        .open(&file)
                        .map_err(|e| bad(step, e))?;
                    std::io::Write::write_all(&mut f, &data).map_err(|e| bad(step, e))?;
                }
                let dest = target(&format!("/run/secrets/{id}"));
                let text = format!("type=bind,src={},dst={dest},ro", file.display());
                spec.mounts.push(mount_request(step, &text)?);
                held.temp.push(tmp);
            }
            MountType::Ssh => {
                let id = if m.id.is_empty() { "default" } else { &m.id };
                let Some((_, sock)) = w.sh.opts.ssh.iter().find(|(i, _)| i == id) else {
                    if m.required {
                        return Err(bad(
                            step,
                            format!("ssh agent {id:?} is required: give it with --ssh {id}"),
                        ));
                    }
                    continue;
                };
                let dest = target(&format!("/run/buildkit/ssh_agent.{ssh_n}"));
                ssh_n += 1;
                let text = format!("type=bind,src={},dst={dest}", sock.display());
                spec.mounts.push(mount_request(step, &text)?);
                spec.env.push(("SSH_AUTH_SOCK".into(), dest));
            }
        }
    }
    Ok(sums)
}

/// `RUN --mount=type=bind,from=STAGE|IMAGE,source=PATH`: the path read out of a created
/// container of that image (resolved inside its root) into a temporary folder, which the step
/// binds. Returns the copy, its folder and the image's ID as the content checksum.
fn bind_from_image(
    w: &Working<'_, '_>,
    step: &Step,
    from: &str,
    src: &str,
) -> Result<(PathBuf, crate::build::context::TempDir, Digest), BuildError> {
    let image = crate::build::steps::copy_from::from_image(w, step, from)?;
    let source = run_step::create(
        w.sh.paths,
        &image,
        &StepSpec {
            argv: vec!["/bin/true".into()],
            network: NetworkMode::None,
            storage_driver: w.sh.opts.storage_driver.clone(),
            ..StepSpec::default()
        },
    )
    .map_err(|e| bad(step, e))?;
    let tmp = crate::build::context::TempDir::new().map_err(|e| bad(step, e))?;
    let path = crate::build::config_edit::join_path("/", src);
    crate::container::cp::read_stopped(w.sh.paths, &source.record.id, &path, true, |r| {
        let mut a = tar::Archive::new(r);
        a.set_preserve_permissions(true);
        a.set_unpack_xattrs(false);
        a.unpack(tmp.path())
    })
    .map_err(|e| bad(step, format!("{src:?} in {from}: {e}")))?;
    let name = Path::new(&path)
        .file_name()
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let copy = tmp.path().join(name);
    Ok((
        copy,
        tmp,
        Digest::of(format!("{}{path}", image.id).as_bytes()),
    ))
}

/// The host path of a context source, refused when it (or a symlink on the way) leaves the
/// context.
fn resolve_inside(step: &Step, root: &Path, src: &str) -> Result<PathBuf, BuildError> {
    let root = root
        .canonicalize()
        .map_err(|e| bad(step, format!("the build context: {e}")))?;
    let path = root.join(src.trim_start_matches('/'));
    let real = path
        .canonicalize()
        .map_err(|_| bad(step, format!("{src:?}: not found in the build context")))?;
    if !real.starts_with(&root) {
        return Err(bad(
            step,
            format!("{src:?} is outside the build context: copy it into the context first"),
        ));
    }
    Ok(real)
}

/// Copies a folder or file for a throw-away rw bind mount: files, folders and symlinks.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        std::os::unix::fs::symlink(std::fs::read_link(from)?, to)
    } else if meta.is_dir() {
        std::fs::create_dir(to)?;
        std::fs::set_permissions(to, meta.permissions())?;
        for e in std::fs::read_dir(from)? {
            let e = e?;
            copy_tree(&e.path(), &to.join(e.file_name()))?;
        }
        Ok(())
    } else {
        std::fs::copy(from, to).map(drop)
    }
}

/// Runs a RUN step.
pub(crate) fn run(w: &mut Working<'_, '_>, step: &Step, run: &Run) -> Result<(), BuildError> {
    let sh = w.sh;
    if run.security == Security::Insecure {
        return Err(bad(
            step,
            "RUN --security=insecure needs privileges a rootless build does not have: remove it",
        ));
    }
    let mut spec = StepSpec {
        env: w.run_env(),
        network: match run.network {
            Network::Default => sh.opts.network.clone(),
            Network::None => NetworkMode::None,
            Network::Host => NetworkMode::Host,
        },
        net: sh.opts.net.clone(),
        ulimits: sh.opts.ulimits.clone(),
        cap_add: sh.opts.cap_add.clone(),
        cap_drop: sh.opts.cap_drop.clone(),
        seccomp: sh.opts.seccomp.clone(),
        no_new_privileges: sh.opts.no_new_privileges,
        storage_driver: sh.opts.storage_driver.clone(),
        ..StepSpec::default()
    };
    let mut held = Held::default();
    let sums = mounts(w, step, run, &mut spec, &mut held)?;
    let (argv, created_by) = match run.execution() {
        Execution::Exec(argv) => {
            let text = argv.join(" ");
            (argv, format!("/bin/sh -c {text}"))
        }
        Execution::Shell(text) => {
            let mut argv = w.shell.clone();
            argv.push(text.clone());
            (argv, format!("{} {text}", w.shell.join(" ")))
        }
        Execution::Script { name, body } => {
            let tmp = crate::build::context::TempDir::new().map_err(|e| bad(step, e))?;
            let file = tmp.path().join("script");
            {
                use std::os::unix::fs::OpenOptionsExt;
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o755)
                    .open(&file)
                    .map_err(|e| bad(step, e))?;
                std::io::Write::write_all(&mut f, body.as_bytes()).map_err(|e| bad(step, e))?;
            }
            let dest = format!("/dev/pipes/{name}");
            let text = format!("type=bind,src={},dst={dest},ro", file.display());
            spec.mounts.push(mount_request(step, &text)?);
            held.temp.push(tmp);
            (vec![dest], format!("/bin/sh -c {}", step.original))
        }
    };
    spec.argv = argv;
    let mut vars = spec.env.clone();
    vars.sort();
    let key = {
        let mut content = sums;
        content.push(Digest::of(
            serde_json::to_string(&vars).unwrap_or_default().as_bytes(),
        ));
        w.key(step, content)
    };
    if w.try_cache(&key)? {
        return Ok(());
    }
    // Neither the host's proxies nor mounts.conf's mounts are part of the step's cache key.
    let proxies = w.host_proxy_env(&spec.env);
    spec.env.extend(proxies);
    crate::container::runconfig::mounts::add_default_mounts(
        &mut spec.mounts,
        &spec.tmpfs,
        &sh.opts.default_mounts,
    );
    let base = w.base_for_container(step)?;
    let container = run_step::create(sh.paths, &base, &spec).map_err(|e| bad(step, e))?;
    let code = container.run(sh.opts.quiet).map_err(|e| bad(step, e))?;
    if code != 0 {
        return Err(BuildError::Run {
            step: step.original.clone(),
            code,
        });
    }
    let targets = ContainerPaths::new(sh.paths, &container.record.id).mount_targets();
    let layer = w.layer_of(&container.record, &targets)?;
    drop(container);
    drop(held);
    w.commit_layer(created_by, layer, &key)
}
