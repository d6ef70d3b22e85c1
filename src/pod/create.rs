//! Making and removing a pod: the name (shared with containers), the infra container, the
//! record. The record is written last and removed after the containers, so a pod killed
//! half-made or half-removed is either whole or gone after the next `pod rm`.
use super::{members, pods_dir, record_path, PodError, PodRecord, Result};
use crate::config::Paths;
use crate::container::create::{self, CreateError};
use crate::container::names::{self, NameError};
use crate::container::record::PodLink;
use crate::container::runconfig::RunConfig;
use crate::container::stop;
use crate::util::fs::write_json;
use std::collections::BTreeMap;
use std::fs;
use std::time::Duration;

/// What `pod create` asks for, validated.
#[derive(Debug, Clone, Default)]
pub(crate) struct PodSpec {
    pub(crate) name: Option<String>,
    pub(crate) labels: BTreeMap<String, String>,
    /// Sorted; ignored without an infra container.
    pub(crate) share: Vec<String>,
    pub(crate) hostname: Option<String>,
    /// `--infra-name`.
    pub(crate) infra_name: Option<String>,
    /// `continue` or `stop`.
    pub(crate) exit_policy: String,
    /// `--infra-image`: the infra runs this image's command instead of rcon's pause.
    pub(crate) infra_image: Option<crate::image::store::ImageRecord>,
    /// `--replace`: an existing pod of that name is removed first.
    pub(crate) replace: bool,
    pub(crate) create_command: Vec<String>,
}

/// Makes a pod; `infra` is the infra container's configuration (its network and name flags),
/// `None` for `--infra=false`.
pub(crate) fn create(paths: &Paths, spec: &PodSpec, infra: Option<RunConfig>) -> Result<PodRecord> {
    // A port another process holds fails the pod now, before anything is made.
    let ports = infra.as_ref().map_or(&[][..], |r| &r.net.ports[..]);
    if let Some(p) = crate::network::ports::taken_after(ports, crate::network::ports::PORT_GRACE) {
        return Err(PodError::PortTaken {
            port: p.host_port,
            protocol: p.protocol.clone(),
        });
    }
    let dir = pods_dir(paths);
    fs::create_dir_all(&dir).map_err(|source| PodError::Io {
        path: dir.clone(),
        source,
    })?;
    let id = create::new_id().map_err(|source| PodError::Io {
        path: dir.clone(),
        source,
    })?;
    let name = reserve(paths, spec, &id)?;
    let made = make(paths, spec, infra, &id, &name);
    if made.is_err() {
        let _ = fs::remove_dir_all(dir.join(&id));
        let _ = names::release(&dir, &name, &id);
    }
    if made.is_ok() {
        crate::events::record(paths, crate::events::Event::pod("create", &id, &name));
    }
    made
}

fn make(
    paths: &Paths,
    spec: &PodSpec,
    infra: Option<RunConfig>,
    id: &str,
    name: &str,
) -> Result<PodRecord> {
    let folder = pods_dir(paths).join(id);
    fs::create_dir(&folder).map_err(|source| PodError::Io {
        path: folder.clone(),
        source,
    })?;
    let hostname = spec.hostname.clone().unwrap_or_else(|| name.to_string());
    let mut record = PodRecord {
        id: id.to_string(),
        name: name.to_string(),
        created: crate::util::time::now_rfc3339_nano(),
        labels: spec.labels.clone(),
        share: Vec::new(),
        infra_id: None,
        hostname: hostname.clone(),
        exit_policy: spec.exit_policy.clone(),
        create_command: spec.create_command.clone(),
        service_container: None,
    };
    if let Some(mut run) = infra {
        let pause = spec.infra_image.is_none();
        let image = match &spec.infra_image {
            Some(i) => i.clone(),
            None => super::infra::ensure_image(paths)?,
        };
        if pause {
            run.image = super::infra::image_name();
        }
        run.name = Some(
            spec.infra_name
                .clone()
                .unwrap_or_else(|| format!("{}-infra", &id[..12])),
        );
        run.hostname = Some(hostname);
        run.pod = Some(PodLink {
            id: id.to_string(),
            infra: true,
            pause,
            infra_id: None,
            shares: Vec::new(),
            init_ctr: None,
            stop_pod: false,
        });
        // The pod's record goes first, so that a pod whose making was cut short (a killed
        // `kube play`) is found by its name and removed whole, its infra with it.
        record.share = spec.share.clone();
        write_json(&record_path(paths, id), &record).map_err(|source| PodError::Io {
            path: record_path(paths, id),
            source,
        })?;
        let infra = create::create(paths, &run, &image)?;
        record.infra_id = Some(infra.id.clone());
        if let Err(source) = write_json(&record_path(paths, id), &record) {
            let _ = create::remove(paths, &infra.id, true);
            return Err(PodError::Io {
                path: record_path(paths, id),
                source,
            });
        }
        return Ok(record);
    }
    write_json(&record_path(paths, id), &record).map_err(|source| PodError::Io {
        path: record_path(paths, id),
        source,
    })?;
    Ok(record)
}

/// Reserves the pod's name (generated when not given): not a container's, not another pod's
/// unless `--replace`.
fn reserve(paths: &Paths, spec: &PodSpec, id: &str) -> Result<String> {
    let dir = pods_dir(paths);
    let containers = paths.containers();
    let Some(name) = &spec.name else {
        for attempt in 0..20 {
            let seed = u64::from_str_radix(&id[..16], 16).unwrap_or_default();
            let name = names::generate(seed, attempt);
            if names::holder(&containers, &name).is_some() {
                continue;
            }
            match names::reserve(&dir, &name, id) {
                Ok(()) => return Ok(name),
                Err(NameError::InUse { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        return Err(PodError::Io {
            path: names::names_dir(&dir),
            source: std::io::Error::other("20 generated names were all taken: give --name"),
        });
    };
    names::validate(name)?;
    if let Some(holder) = names::holder(&containers, name) {
        if crate::container::list::load(paths, &holder).is_ok_and(|r| r.is_some()) {
            return Err(PodError::NameIsContainer {
                name: name.clone(),
                holder: holder[..holder.len().min(12)].to_string(),
            });
        }
    }
    for _ in 0..3 {
        match names::reserve(&dir, name, id) {
            Ok(()) => return Ok(name.clone()),
            Err(NameError::InUse { holder, .. }) => {
                match super::load(paths, &holder)? {
                    Some(old) if spec.replace => {
                        remove(paths, &old, true, None)?;
                    }
                    Some(_) => {
                        return Err(PodError::NameInUse {
                            name: name.clone(),
                            holder: holder[..holder.len().min(12)].to_string(),
                        })
                    }
                    // A pod removed meanwhile, or one whose create died: the name is free.
                    None => names::release(&dir, name, &holder).map_err(|source| PodError::Io {
                        path: dir.clone(),
                        source,
                    })?,
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(PodError::NameInUse {
        name: name.clone(),
        holder: names::holder(&dir, name).unwrap_or_default(),
    })
}

/// Removes `pod`: its containers (running ones only with `force`, stopped within `timeout`
/// when given, else killed), the infra last, then the record and the name, and its service
/// container when it served this pod alone. Returns the IDs of the removed containers.
pub(crate) fn remove(
    paths: &Paths,
    pod: &PodRecord,
    force: bool,
    timeout: Option<Duration>,
) -> Result<Vec<String>> {
    let list = members(paths, pod)?;
    let is_infra = |r: &crate::container::ContainerRecord| r.pod.as_ref().is_some_and(|p| p.infra);
    // A pod whose containers have ended goes without --force, its running infra with it.
    if !force {
        let running = list
            .iter()
            .filter(|(r, s)| !is_infra(r) && stop::is_running(s))
            .count();
        if running > 0 {
            return Err(PodError::Running {
                name: pod.name.clone(),
                running,
            });
        }
    }
    if let Some(t) = timeout {
        super::ops::stop(paths, pod, Some(t))?;
    }
    let mut removed = Vec::new();
    // Members newest first, the infra (first in the list) last.
    for (r, _) in list.iter().rev() {
        match create::remove(paths, &r.id, force || is_infra(r)) {
            Ok(()) | Err(CreateError::Gone { .. }) => removed.push(r.id.clone()),
            Err(e) => return Err(e.into()),
        }
    }
    // The members' shared /dev/shm goes with the pod.
    let _ = fs::remove_dir_all(crate::container::record::pod_run_dir(paths, &pod.id));
    let folder = pods_dir(paths).join(&pod.id);
    match fs::remove_dir_all(&folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(PodError::Io {
                path: folder,
                source: e,
            })
        }
        _ => {}
    }
    names::release(&pods_dir(paths), &pod.name, &pod.id).map_err(|source| PodError::Io {
        path: pods_dir(paths),
        source,
    })?;
    crate::events::record(
        paths,
        crate::events::Event::pod("remove", &pod.id, &pod.name),
    );
    // A played pod's service container goes with the last pod it serves.
    match super::service::after_removal(paths, pod) {
        Ok(gone) => removed.extend(gone),
        Err(e) => log::warn!("pod {}: its service container: {e}", pod.name),
    }
    Ok(removed)
}
