//! Creating and removing a container's files: the ID, the reserved name, the folders, the OCI
//! spec, the generated /etc files and the record — and taking all of it away again.
//!
//! Creation order makes a crash harmless: the name is reserved first, the record written last
//! (a folder without `container.json` is not a container, and the next `rcon rm`/`prune` of
//! its name finds nothing); removal renames the folder away first, so two removals never both
//! proceed and `ps` never lists a half-removed container.
use crate::config::containers_conf::ContainersConf;
use crate::config::Paths;
use crate::container::list;
use crate::container::names::{self, NameError};
use crate::container::record::{pod_shm_dir, ContainerPaths, ContainerRecord, UsernsMode};
use crate::container::runconfig::{self, RunConfig};
use crate::container::spec::{self, SpecError};
use crate::container::state::Status;
use crate::container::stop::{self, StopError};
use crate::container::volumes;
use crate::image::store::{ImageRecord, Store, StoreError};
use crate::linux::idmap::IdMap;
use crate::linux::seccomp;
use crate::network;
use crate::util::fs::{atomic_write, write_json};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why a container could not be created or removed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CreateError {
    #[error(transparent)]
    Name(#[from] NameError),
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
    #[error(transparent)]
    Userns(#[from] crate::container::userns::AutoError),
    #[error(transparent)]
    Stop(#[from] StopError),
    #[error(transparent)]
    Mounts(#[from] volumes::resolve::ResolveError),
    #[error(transparent)]
    Secret(#[from] crate::container::secrets::SecretError),
    #[error("image {image}: config is not valid JSON: {reason}")]
    ImageConfig { image: String, reason: String },
    #[error("the container ID file {path} exists: remove it, or give another --cidfile")]
    CidfileExists { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "container {name} is {status}: stop it first (`rcon stop {name}`), or remove it with \
         `rcon rm -f {name}`"
    )]
    Running { name: String, status: &'static str },
    #[error("{0}")]
    Ports(String),
    #[error(
        "--health-startup-cmd needs a regular healthcheck to hand over to: add --health-cmd \
         (the image has no HEALTHCHECK)"
    )]
    StartupWithoutHealthcheck,
    // Podman's words, which scripts match.
    #[error("cannot set on-failure action to {action} without a health check")]
    OnFailureWithoutHealthcheck { action: &'static str },
    #[error("no container with ID {id} found: it was removed meanwhile")]
    Gone { id: String },
    #[error("cannot remove {path}: {detail}")]
    RemoveTree { path: PathBuf, detail: String },
    #[error(transparent)]
    Seccomp(#[from] crate::linux::seccomp::SeccompError),
    #[error(transparent)]
    Conf(#[from] crate::config::containers_conf::ConfError),
    #[error(transparent)]
    Config(#[from] runconfig::RunConfigError),
}

type Result<T> = std::result::Result<T, CreateError>;

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> CreateError + '_ {
    move |source| CreateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `n` random bytes from the kernel.
fn random_bytes<const N: usize>() -> io::Result<[u8; N]> {
    let mut buf = [0u8; N];
    fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf)
}

/// A new container ID: 64 lowercase hex digits from 32 random bytes.
pub(crate) fn new_id() -> io::Result<String> {
    Ok(random_bytes::<32>()?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The image config blob as JSON.
pub(crate) fn image_config(paths: &Paths, image: &ImageRecord) -> Result<Value> {
    let bytes = Store::open(paths)?.read_blob(&image.id)?;
    serde_json::from_slice(&bytes).map_err(|e| CreateError::ImageConfig {
        image: image.id.short().to_string(),
        reason: e.to_string(),
    })
}

/// Writes a file that must not exist yet. The files of a new container need no fsync of
/// their own: the record, written last with [`write_json`] (fsync, rename), is what makes
/// the container exist, and a container whose other files were lost in a crash fails to
/// start with a message naming the file, and can still be removed.
fn write_new(path: &Path, data: &[u8]) -> io::Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(data)
}

/// A name reserved this long ago by a container that still has no record was left by a
/// create that died: it may be taken over.
const STALE_RESERVATION: std::time::Duration = std::time::Duration::from_secs(60);

/// Reserves the container's name: `--name` (taking it from its holder with `--replace`), or a
/// generated one.
fn reserve_name(paths: &Paths, run: &RunConfig, id: &str) -> Result<String> {
    let containers = paths.containers();
    if let Some(name) = &run.name {
        // Pods and containers share names, as in Podman.
        if let Some(pod) = names::holder(&paths.pods(), name) {
            if paths.pods().join(&pod).join("pod.json").exists() {
                return Err(NameError::PodName {
                    name: name.clone(),
                    holder: pod[..pod.len().min(12)].to_string(),
                }
                .into());
            }
        }
    }
    let Some(name) = &run.name else {
        for attempt in 0..20 {
            let r = u64::from_le_bytes(random_bytes::<8>().map_err(io_err(&containers))?);
            let name = names::generate(r, attempt);
            match names::reserve(&containers, &name, id) {
                Ok(()) => return Ok(name),
                Err(NameError::InUse { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        return Err(NameError::Io {
            name: "(generated)".into(),
            path: names::names_dir(&containers),
            source: io::Error::other("20 generated names were all taken: give --name"),
        }
        .into());
    };
    for _ in 0..5 {
        let holder = match names::reserve(&containers, name, id) {
            Ok(()) => return Ok(name.clone()),
            Err(NameError::InUse { holder, .. }) => holder,
            Err(e) => return Err(e.into()),
        };
        let has_record =
            list::is_full_id(&holder) && matches!(list::load(paths, &holder), Ok(Some(_)) | Err(_));
        if has_record {
            if !run.replace {
                return Err(NameError::InUse {
                    name: name.clone(),
                    holder,
                }
                .into());
            }
            match remove(paths, &holder, true) {
                Ok(()) | Err(CreateError::Gone { .. }) => {}
                Err(e) => return Err(e),
            }
        } else if !names::is_stale(&containers, name, STALE_RESERVATION) {
            // Another create is making its container right now.
            return Err(NameError::InUse {
                name: name.clone(),
                holder,
            }
            .into());
        }
        // A removed holder, or a create that died before writing its record.
        names::release(&containers, name, &holder).map_err(io_err(&containers))?;
    }
    Err(NameError::InUse {
        name: name.clone(),
        holder: names::holder(&containers, name).unwrap_or_default(),
    }
    .into())
}

/// What `inspect` shows of the flags, in Podman's names.
fn extra(run: &RunConfig, img: &Value, seccomp: &seccomp::Choice) -> BTreeMap<String, Value> {
    let (entrypoint, cmd) = spec::entrypoint_and_cmd(img, run);
    let ulimits: Vec<Value> = run
        .ulimits
        .iter()
        .map(|u| json!({"Name": format!("RLIMIT_{}", u.name.to_uppercase()), "Soft": u.soft, "Hard": u.hard}))
        .collect();
    let tmpfs: BTreeMap<String, String> = run
        .tmpfs
        .iter()
        .map(|t| (t.path.clone(), t.options.join(",")))
        .collect();
    // Empty lists and false flags are left out: every command that lists containers parses
    // this record, and inspect fills the defaults back in.
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: Value| {
        let empty = match &v {
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::Bool(b) => !b,
            Value::Null => true,
            _ => false,
        };
        if !empty {
            m.insert(k.to_string(), v);
        }
    };
    put("Entrypoint", json!(entrypoint));
    put("Cmd", json!(cmd));
    put("CapAdd", json!(run.cap_add));
    put("CapDrop", json!(run.cap_drop));
    put("Privileged", json!(run.privileged));
    put("PublishAllPorts", json!(run.net.publish_all));
    put("ReadonlyRootfs", json!(run.read_only));
    put("Tmpfs", json!(tmpfs));
    put("Ulimits", json!(ulimits));
    put("SecurityOpt", json!(run.security_opt));
    put("SeccompProfilePath", json!(seccomp.describe()));
    put("GroupAdd", json!(run.group_add));
    put("Dns", json!(run.net.dns));
    put("DnsSearch", json!(run.net.dns_search));
    put("DnsOptions", json!(run.net.dns_options));
    let extra_hosts: Vec<String> = run
        .net
        .add_hosts
        .iter()
        .map(|(n, ip)| format!("{n}:{ip}"))
        .collect();
    put("ExtraHosts", json!(extra_hosts));
    put("CreateCommand", json!(run.create_command));
    put("ContainerIDFile", json!(run.cidfile));
    put("HostUsers", json!(run.host_users));
    put(
        "Timeout",
        json!(run.timeout).as_u64().filter(|t| *t > 0).into(),
    );
    m
}

/// The published ports: `-p`, plus the image's EXPOSE list with `-P`; random host ports
/// picked now, so they are known before the start and kept across restarts.
fn ports(run: &RunConfig, img: &Value) -> Result<Vec<network::PortMapping>> {
    let mut ports = run.net.ports.clone();
    if run.net.publish_all {
        ports = network::ports::merge_exposed(ports, network::ports::exposed(img));
    }
    if !ports.is_empty() && !network::forwards_ports(&run.network) {
        // Docker and Podman go on without them, saying so.
        eprintln!(
            "Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use"
        );
        ports.clear();
    }
    network::ports::assign_random(&mut ports).map_err(|e| CreateError::Ports(e.to_string()))?;
    Ok(ports)
}

/// Creates container files for `run` from `image` and returns its record. The caller resolved
/// (and pulled) the image; nothing is started.
pub(crate) fn create(
    paths: &Paths,
    run: &RunConfig,
    image: &ImageRecord,
) -> Result<ContainerRecord> {
    if let Some(cid) = &run.cidfile {
        if cid.exists() {
            return Err(CreateError::CidfileExists { path: cid.clone() });
        }
    }
    let img = image_config(paths, image)?;
    let has_check = crate::container::health::resolve(&img, &run.health).is_some();
    if run.health.startup.is_some() && !has_check {
        return Err(CreateError::StartupWithoutHealthcheck);
    }
    if run.health.on_failure != crate::container::health::OnFailure::None && !has_check {
        return Err(CreateError::OnFailureWithoutHealthcheck {
            action: run.health.on_failure.as_str(),
        });
    }
    let driver = match run.userns {
        UsernsMode::Default => crate::storage::choose(run.storage_driver.as_deref())?,
        _ => crate::storage::choose_for_own_userns(run.storage_driver.as_deref())?,
    };
    let seccomp = seccomp_filter(paths, run)?;
    let containers = paths.containers();
    fs::create_dir_all(&containers).map_err(io_err(&containers))?;
    let id = new_id().map_err(io_err(&containers))?;
    let name = reserve_name(paths, run, &id)?;
    // `--userns auto`: a slice of the subordinate ids of its own, recorded before the folder
    // exists (a slice whose container folder is missing is given back at the next allocation).
    let allocated;
    let run = match run.userns {
        UsernsMode::Auto { size, base: 0 } => {
            let total = crate::linux::idmap::IdMap::detect().container_size();
            let userns = crate::container::userns::allocate(paths, &id, size, total)?;
            allocated = RunConfig {
                userns,
                ..run.clone()
            };
            &allocated
        }
        _ => run,
    };
    let cp = ContainerPaths::new(paths, &id);
    let mut new_volumes = Vec::new();
    match write_files(
        paths,
        &cp,
        run,
        &img,
        &id,
        &name,
        &driver,
        image,
        &seccomp,
        &mut new_volumes,
    ) {
        Ok(rec) => {
            if let Some(cid) = &run.cidfile {
                atomic_write(cid, id.as_bytes()).map_err(io_err(cid))?;
            }
            rec.note(paths, "create");
            Ok(rec)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&cp.dir);
            let _ = fs::remove_dir_all(&cp.run);
            let _ = names::release(&containers, &name, &id);
            crate::container::userns::release(paths, &id);
            for v in new_volumes {
                let _ = crate::container::volumes::remove(paths, &v, false);
            }
            Err(e)
        }
    }
}

/// The profile the container runs under: `--security-opt seccomp=…`, else containers.conf's
/// `seccomp_profile`, else the built-in one; none with `--privileged`.
fn seccomp_choice(run: &RunConfig) -> Result<seccomp::Choice> {
    if run.privileged {
        return Ok(seccomp::Choice::Unconfined);
    }
    match &run.seccomp {
        Some(choice) => Ok(choice.clone()),
        // The process's configuration, parsed once (the CLI has read it already).
        None => Ok(ContainersConf::checked()?.seccomp().into()),
    }
}

/// The container's compiled filter, made before anything is written (a bad profile leaves
/// nothing behind); `None` when it runs unconfined.
fn seccomp_filter(paths: &Paths, run: &RunConfig) -> Result<Seccomp> {
    let choice = seccomp_choice(run)?;
    if choice == seccomp::Choice::Unconfined {
        return Ok((choice, None));
    }
    // `CAP_*` names, as profiles write them.
    let names = runconfig::merge_caps(run.privileged, &run.cap_add, &run.cap_drop)?;
    // Only a run root that is ours and private may hold filters we load again.
    let filter = match paths.ensure_runroot() {
        Ok(run) => seccomp::compile_cached(&choice, &names, &run.join("seccomp"))?,
        Err(_) => match seccomp::profile_for(&choice)? {
            Some(profile) => Some(seccomp::compile(&profile, &names)?),
            None => None,
        },
    };
    Ok((choice, filter))
}

/// The container's profile choice and its compiled filter (none when unconfined).
type Seccomp = (seccomp::Choice, Option<seccomp::Filter>);

#[allow(clippy::too_many_arguments)]
fn write_files(
    paths: &Paths,
    cp: &ContainerPaths,
    run: &RunConfig,
    img: &Value,
    id: &str,
    name: &str,
    driver: &crate::storage::Driver,
    image: &ImageRecord,
    seccomp: &Seccomp,
    new_volumes: &mut Vec<String>,
) -> Result<ContainerRecord> {
    let mkdir = |p: &Path| {
        fs::DirBuilder::new()
            .mode(0o700)
            .create(p)
            .map_err(io_err(p))
    };
    mkdir(&cp.dir)?;
    mkdir(&cp.work())?;
    // The writable layer's root (overlay) or the copy's root (vfs) is the container's `/`:
    // 0755 whatever the umask, so users other than root inside can use it.
    for sub in [cp.upper(), cp.rootfs()] {
        mkdir(&sub)?;
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).map_err(io_err(&sub))?;
    }
    let mut spec = spec::build(img, run, &IdMap::detect(), id, &cp.dir)?;
    crate::container::ipc::apply_to_spec(&run.ipc, &mut spec)?;
    // Members sharing their pod's IPC namespace share its /dev/shm too (POSIX shared memory
    // lives there), as Podman's do; a volume of the user's at /dev/shm still wins.
    if let Some(link) = run.pod.as_ref().filter(|l| l.shares_shm()) {
        let shm = pod_shm_dir(paths, &link.id);
        let opts = ["rbind", "nosuid", "noexec", "nodev"].map(String::from);
        let mount =
            volumes::resolve::spec_mount("/dev/shm", "bind", &shm.to_string_lossy(), &opts)?;
        volumes::resolve::attach(&mut spec, &[mount]);
    }
    crate::container::secrets::apply(paths, &run.secrets, &cp.dir, &mut spec)?;
    let mut mounts = volumes::resolve::resolve(paths, run, img, &cp.dir, new_volumes)?;
    for (m, r) in mounts.mounts.iter_mut().zip(&mounts.record) {
        if r.kind == "tmpfs" {
            spec::default_copy_up(m);
        }
    }
    volumes::resolve::attach(&mut spec, &mounts.mounts);
    let hostname = spec.hostname().clone().unwrap_or_default();
    let target_dir = match &run.network {
        crate::container::record::NetworkMode::Container(target) => {
            Some(ContainerPaths::new(paths, target).dir)
        }
        _ => None,
    };
    let bridge_dns = match &run.network {
        crate::container::record::NetworkMode::Bridge(nets) => nets
            .first()
            .and_then(|n| network::networks::find(paths, &n.name).ok())
            .filter(|n| n.dns_enabled)
            .map(|n| std::net::IpAddr::V4(n.gateway())),
        _ => None,
    };
    let (hosts, resolv) = network::files::generate(
        &hostname,
        name,
        &run.network,
        &run.net,
        target_dir.as_deref(),
        bridge_dns,
    );
    let files = [
        ("hosts", hosts),
        ("hostname", format!("{hostname}\n")),
        ("resolv.conf", resolv),
    ];
    for (file, text) in files {
        if file == "hosts" && run.net.no_hosts {
            continue;
        }
        let p = cp.dir.join(file);
        // Sharing another's network shares its hosts file: a link, where each names itself.
        let target_hosts = target_dir.as_ref().map(|d| d.join(file));
        if let Some(t) = target_hosts.filter(|_| file == "hosts") {
            if fs::hard_link(t, &p).is_ok() {
                continue;
            }
        }
        write_new(&p, text.as_bytes()).map_err(io_err(&p))?;
    }
    let p = cp.dir.join(spec::CONTAINERENV);
    write_new(&p, containerenv(run, name, id, image).as_bytes()).map_err(io_err(&p))?;
    if let Some(filter) = &seccomp.1 {
        let p = cp.dir.join(seccomp::FILE);
        write_new(&p, &filter.to_bytes()).map_err(io_err(&p))?;
        let mut notes = spec.annotations().clone().unwrap_or_default();
        notes.insert(seccomp::ANNOTATION.into(), seccomp::FILE.into());
        spec.set_annotations(Some(notes));
    }
    let spec_json = serde_json::to_vec_pretty(&spec).map_err(|e| io_err(&cp.spec())(e.into()))?;
    write_new(&cp.spec(), &spec_json).map_err(io_err(&cp.spec()))?;
    paths.ensure_runroot().map_err(io_err(&paths.runroot))?;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&cp.run)
        .map_err(io_err(&cp.run))?;
    // The name the user gave, as stored (`localhost/a/b` is `localhost/a/b:latest`).
    let last = run.image.rsplit('/').next().unwrap_or_default();
    let typed = if last.contains(':') || last.contains('@') {
        run.image.clone()
    } else {
        format!("{}:latest", run.image)
    };
    let image_name = image
        .names
        .iter()
        .find(|n| **n == typed || n.ends_with(&format!("/{typed}")))
        .or(image.names.first())
        .cloned()
        .unwrap_or_else(|| image.id.hex().to_string());
    let process = spec.process().as_ref();
    let record = ContainerRecord {
        id: id.to_string(),
        name: name.to_string(),
        image_given: (run.image != image_name).then(|| run.image.clone()),
        image_name,
        image_id: image.id.clone(),
        layers: image.layers.clone(),
        created: crate::util::time::now_rfc3339_nano(),
        command: process.and_then(|p| p.args().clone()).unwrap_or_default(),
        user: spec::effective_user(img, run),
        labels: run.labels.clone(),
        annotations: run.annotations.clone(),
        storage_driver: driver.name().to_string(),
        network: run.network.clone(),
        ports: ports(run, img)?,
        userns: run.userns.clone(),
        ipc: run.ipc.clone(),
        restart: run.restart.clone(),
        auto_remove: run.auto_remove,
        build: run.build,
        init: run.init,
        pod: run.pod.clone(),
        service: None,
        requires: run.requires.clone(),
        tty: run.tty,
        interactive: run.interactive,
        stop_signal: spec::stop_signal(img, run),
        stop_timeout: run.stop_timeout,
        log_driver: run.log_driver.clone(),
        log_max_size: run.log_max_size,
        log_tag: run.log_tag.clone(),
        group_add: run.group_add.clone(),
        cgroup: run.cgroup.clone(),
        healthcheck: crate::container::health::resolve(img, &run.health),
        extra: {
            let mut x = extra(run, img, &seccomp.0);
            // The manifest the image came by, for inspect's ImageDigest.
            x.insert("ImageDigest".to_string(), json!(image.digest.to_string()));
            if !mounts.record.is_empty() {
                let inspect = serde_json::to_value(&mounts.record).unwrap_or_default();
                x.insert("Mounts".to_string(), inspect);
            }
            x.into()
        },
        mounts: mounts.record,
    };
    write_json(&cp.record(), &record).map_err(io_err(&cp.record()))?;
    Ok(record)
}

/// Removes a tree that may hold files of subordinate ids: directly when we may, else in the
/// store's user namespace.
fn remove_tree(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) => {}
    }
    crate::ipc::helper::remove_tree(&IdMap::detect(), path).map_err(|e| CreateError::RemoveTree {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// Removes container `id`: a running one only with `force` (killed first, its restart policy
/// overridden), then its folder, its name and its run folder.
pub(crate) fn remove(paths: &Paths, id: &str, force: bool) -> Result<()> {
    let cp = ContainerPaths::new(paths, id);
    let record = list::load(paths, id)
        .map_err(|e| CreateError::Io {
            path: cp.record(),
            source: io::Error::other(e.to_string()),
        })?
        .ok_or_else(|| CreateError::Gone { id: id.to_string() })?;
    let st = list::state_of(paths, id).map_err(|e| CreateError::Io {
        path: cp.state(),
        source: io::Error::other(e.to_string()),
    })?;
    if matches!(st.status, Status::Running | Status::Paused) || st.supervisor_alive() {
        if !force {
            return Err(CreateError::Running {
                name: record.name.clone(),
                status: st.status.as_str(),
            });
        }
        stop::kill_and_wait(paths, id)?;
    }
    // Renaming the folder away is the point of no return: listings no longer see it and a
    // second removal finds nothing.
    let doomed = paths.containers().join(format!(
        ".removing-{id}-{}",
        crate::util::time::unique_suffix()
    ));
    match fs::rename(&cp.dir, &doomed) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(CreateError::Gone { id: id.to_string() })
        }
        Err(e) => return Err(io_err(&cp.dir)(e)),
    }
    record.note(paths, "remove");
    names::release(&paths.containers(), &record.name, id).map_err(io_err(&paths.containers()))?;
    crate::container::userns::release(paths, id);
    crate::container::stop_marks::clear(paths, id);
    match fs::remove_dir_all(&cp.run) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io_err(&cp.run)(e)),
        _ => {}
    }
    // The socket `kube play` bound into it, when one did (sd-notify policy `container`).
    let _ = fs::remove_dir_all(crate::util::sdnotify::kept_dir(
        &paths.runroot,
        &record.name,
    ));
    remove_tree(&doomed)
}

/// Removes what interrupted creates and removals left behind: `.removing-*` folders, container
/// folders that never got their record, and name links to no container, each only once it is
/// older than a create takes. Returns how many went.
pub(crate) fn sweep_leftovers(paths: &Paths) -> Result<usize> {
    let containers = paths.containers();
    let old = |p: &Path| {
        fs::symlink_metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|e| e >= STALE_RESERVATION)
    };
    let mut swept = 0;
    let entries = match fs::read_dir(&containers) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(io_err(&containers)(e)),
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let doomed = name.starts_with(".removing-")
            || (name.starts_with(".stopped-by-user-") && old(&path))
            || (list::is_full_id(&name) && !path.join("container.json").exists() && old(&path));
        if doomed {
            remove_tree(&path)?;
            if list::is_full_id(&name) {
                let run = ContainerPaths::new(paths, &name).run;
                let _ = fs::remove_dir_all(run);
            }
            swept += 1;
        }
    }
    if let Ok(links) = fs::read_dir(names::names_dir(&containers)) {
        for l in links.flatten() {
            let name = l.file_name().to_string_lossy().into_owned();
            let Some(holder) = names::holder(&containers, &name) else {
                continue;
            };
            if !containers.join(&holder).exists() && old(&l.path()) {
                names::release(&containers, &name, &holder).map_err(io_err(&containers))?;
                swept += 1;
            }
        }
    }
    swept += crate::container::stop_marks::sweep(paths);
    Ok(swept)
}

/// Validates a `--cidfile` value early (before an image is pulled), as Podman does.
pub(crate) fn check_cidfile(run: &RunConfig) -> Result<()> {
    match &run.cidfile {
        Some(c) if c.exists() => Err(CreateError::CidfileExists { path: c.clone() }),
        _ => Ok(()),
    }
}

/// The text of /run/.containerenv: empty, or with `--privileged` what the container is (the
/// engine and its version, name, ID, image as given, image ID, rootless), as Podman writes it.
fn containerenv(run: &RunConfig, name: &str, id: &str, image: &ImageRecord) -> String {
    if !run.privileged {
        return String::new();
    }
    format!(
        "engine=\"rcon-{}\"\nname=\"{name}\"\nid=\"{id}\"\nimage=\"{}\"\nimageid=\"{}\"\nrootless={}\n",
        env!("CARGO_PKG_VERSION"),
        run.image,
        image.id.hex(),
        u8::from(!nix::unistd::geteuid().is_root()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_swept_once_old() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            root: dir.path().join("root"),
            runroot: dir.path().join("run"),
            config_home: dir.path().join("cfg"),
            volume_path: None,
            runtime_dir: None,
            home: dir.path().to_path_buf(),
        };
        let c = paths.containers();
        let half = c.join("a".repeat(64));
        fs::create_dir_all(half.join("upper")).unwrap();
        fs::create_dir_all(c.join(".removing-x/sub")).unwrap();
        names::reserve(&c, "ghost", &"b".repeat(64)).unwrap();
        // Fresh: only the .removing folder goes (a create may be writing the others).
        assert_eq!(sweep_leftovers(&paths).unwrap(), 1);
        assert!(half.exists());
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let times = fs::FileTimes::new().set_modified(past);
        fs::File::open(&half).unwrap().set_times(times).unwrap();
        let link = names::names_dir(&c).join("ghost");
        // The link's own time, not its (missing) target's.
        nix::sys::stat::utimensat(
            None,
            &link,
            &nix::sys::time::TimeSpec::new(0, 0),
            &nix::sys::time::TimeSpec::new(0, 0),
            nix::sys::stat::UtimensatFlags::NoFollowSymlink,
        )
        .unwrap();
        assert_eq!(sweep_leftovers(&paths).unwrap(), 2);
        assert!(!half.exists());
        assert_eq!(names::holder(&c, "ghost"), None);
    }

    #[test]
    fn ids_are_64_hex_and_differ() {
        let a = new_id().unwrap();
        let b = new_id().unwrap();
        assert!(list::is_full_id(&a), "{a}");
        assert_ne!(a, b);
    }
}
