//! `pod clone`: a new pod with the settings of an existing one (the CLI makes its infra from
//! the old infra's flags) and a copy of each member: the same image, OCI spec, record and
//! generated /etc files under a new ID and name, an empty writable layer, in the new pod.
use super::{members, PodError, PodRecord, Result};
use crate::config::Paths;
use crate::container::names;
use crate::container::record::{ContainerPaths, ContainerRecord, NetworkMode};
use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

/// Files of a container's folder a copy takes (the rest is made empty or anew).
const COPIED: [&str; 5] = [
    "hosts",
    "hostname",
    "resolv.conf",
    crate::container::spec::CONTAINERENV,
    crate::linux::seccomp::FILE,
];

/// Copies every member of `from` (not its infra) into the pod `to`; returns the new IDs. A
/// member with anonymous volumes is refused before anything is copied: its data would be
/// shared by both.
pub(crate) fn clone_members(
    paths: &Paths,
    from: &PodRecord,
    to: &PodRecord,
) -> Result<Vec<String>> {
    let list: Vec<ContainerRecord> = members(paths, from)?
        .into_iter()
        .map(|(r, _)| r)
        .filter(|r| !r.pod.as_ref().is_some_and(|p| p.infra))
        .collect();
    if let Some(r) = list.iter().find(|r| {
        r.mounts
            .iter()
            .any(|m| m.kind == "volume" && m.name.as_deref().is_some_and(|n| n.len() == 64))
    }) {
        return Err(PodError::Member {
            name: from.name.clone(),
            message: format!(
                "container {} has anonymous volumes: a clone would share them; give them names \
                 (`-v NAME:/path`) first",
                r.name
            ),
        });
    }
    let mut ids = Vec::new();
    for r in &list {
        ids.push(clone_one(paths, r, from, to)?);
    }
    Ok(ids)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PodError + '_ {
    move |source| PodError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One member's copy, named `<name>-clone` (or `<new pod>-<rest>` for a name with the old
/// pod's prefix, as `kube play` names them).
fn clone_one(
    paths: &Paths,
    r: &ContainerRecord,
    from: &PodRecord,
    to: &PodRecord,
) -> Result<String> {
    let containers = paths.containers();
    let id = crate::container::create::new_id().map_err(io(&containers))?;
    let name = match r.name.strip_prefix(&format!("{}-", from.name)) {
        Some(rest) => format!("{}-{rest}", to.name),
        None => format!("{}-clone", r.name),
    };
    names::reserve(&containers, &name, &id)?;
    let made = copy_files(paths, r, &id, &name, to);
    if made.is_err() {
        let cp = ContainerPaths::new(paths, &id);
        let _ = fs::remove_dir_all(&cp.dir);
        let _ = fs::remove_dir_all(&cp.run);
        let _ = names::release(&containers, &name, &id);
    }
    made.map(|()| id)
}

fn copy_files(
    paths: &Paths,
    r: &ContainerRecord,
    id: &str,
    name: &str,
    to: &PodRecord,
) -> Result<()> {
    let old = ContainerPaths::new(paths, &r.id);
    let new = ContainerPaths::new(paths, id);
    let mkdir = |p: &Path, mode: u32| {
        fs::DirBuilder::new().mode(mode).create(p).map_err(io(p))?;
        fs::set_permissions(p, fs::Permissions::from_mode(mode)).map_err(io(p))
    };
    mkdir(&new.dir, 0o700)?;
    mkdir(&new.work(), 0o700)?;
    mkdir(&new.upper(), 0o755)?;
    mkdir(&new.rootfs(), 0o755)?;
    for f in COPIED {
        match fs::read(old.dir.join(f)) {
            Ok(data) => fs::write(new.dir.join(f), data).map_err(io(&new.dir.join(f)))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&old.dir.join(f))(e)),
        }
    }
    // /run/.containerenv of a privileged member names it: the copy names itself.
    let env_file = new.dir.join(crate::container::spec::CONTAINERENV);
    if let Ok(text) = fs::read_to_string(&env_file) {
        let text = text
            .replace(&format!("id=\"{}\"", r.id), &format!("id=\"{id}\""))
            .replace(&format!("name=\"{}\"", r.name), &format!("name=\"{name}\""));
        fs::write(&env_file, text).map_err(io(&env_file))?;
    }
    // The spec names the container's folder (its /etc files' sources) by the old ID.
    let spec = fs::read_to_string(old.spec()).map_err(io(&old.spec()))?;
    let spec = spec.replace(&r.id, id);
    let old_infra = r.pod.as_ref().and_then(|p| p.infra_id.clone());
    let spec = match (&old_infra, &to.infra_id) {
        (Some(o), Some(n)) => spec.replace(o.as_str(), n),
        _ => spec,
    };
    // ... and the pod's shared /dev/shm by the old pod's.
    let spec = match &r.pod {
        Some(p) => spec.replace(&format!("/pods/{}/", p.id), &format!("/pods/{}/", to.id)),
        None => spec,
    };
    // The new pod's own hostname, when it differs (its name, by default).
    let spec = if from_hostname(r, paths) != to.hostname {
        let old_host = from_hostname(r, paths);
        for f in ["hostname", "hosts"] {
            let p = new.dir.join(f);
            if let Ok(text) = fs::read_to_string(&p) {
                let text = text
                    .lines()
                    .map(|l| {
                        l.split_whitespace()
                            .map(|w| {
                                if w == old_host {
                                    to.hostname.as_str()
                                } else {
                                    w
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(if f == "hosts" { "\t" } else { " " })
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                fs::write(&p, text + "\n").map_err(io(&p))?;
            }
        }
        spec.replace(
            &format!("\"hostname\": \"{old_host}\""),
            &format!("\"hostname\": \"{}\"", to.hostname),
        )
    } else {
        spec
    };
    fs::write(new.spec(), spec).map_err(io(&new.spec()))?;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&new.run)
        .map_err(io(&new.run))?;
    let mut record = r.clone();
    record.id = id.to_string();
    record.name = name.to_string();
    record.created = crate::util::time::now_rfc3339_nano();
    if let Some(link) = record.pod.as_mut() {
        link.id = to.id.clone();
        link.infra_id = to.infra_id.clone();
        link.stop_pod = to.exit_policy == "stop";
    }
    if let (NetworkMode::Container(_), Some(infra)) = (&record.network, &to.infra_id) {
        record.network = NetworkMode::Container(infra.clone());
    }
    crate::util::fs::write_json(&new.record(), &record).map_err(io(&new.record()))
}

/// The hostname of the pod `r` belongs to, as its /etc/hostname says.
fn from_hostname(r: &ContainerRecord, paths: &Paths) -> String {
    fs::read_to_string(ContainerPaths::new(paths, &r.id).dir.join("hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}
