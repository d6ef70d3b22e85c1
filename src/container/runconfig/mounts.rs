//! `-v`/`--volume`, `--mount` and `--volumes-from` as Podman and Docker take them, parsed into
//! [`MountRequest`]s. Pure: nothing here looks at the file system; named volumes are created and
//! bind sources checked when the container is created (`crate::container::volumes`).
use super::{bad, Result, RunConfigError};

/// What is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MountSource {
    /// A host path, as typed (relative paths are resolved against the working folder at create).
    Bind(String),
    /// A named volume, created on first use.
    Named(String),
    /// A new anonymous volume.
    Anonymous,
    /// A tmpfs.
    Tmpfs,
    /// An image's root filesystem, read-only unless `rw`.
    Image(String),
}

/// `--image-volume` (containers.conf `image_volume_mode`): what the image's `VOLUME`s become.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum ImageVolumes {
    /// An anonymous volume each (Podman's `bind`).
    #[default]
    Bind,
    /// A fresh tmpfs each.
    Tmpfs,
    /// Nothing: the image's folders, as they are, in the container's own layer.
    Ignore,
}

/// `--image-volume bind|tmpfs|ignore`.
pub(crate) fn parse_image_volumes(flag: &'static str, value: &str) -> Result<ImageVolumes> {
    match value {
        "bind" | "anonymous" => Ok(ImageVolumes::Bind),
        "tmpfs" => Ok(ImageVolumes::Tmpfs),
        "ignore" => Ok(ImageVolumes::Ignore),
        _ => Err(bad(flag, value, "expected bind, tmpfs or ignore")),
    }
}

/// The mount an image's `VOLUME dest` becomes under `mode`; `None` for `ignore`.
pub(crate) fn image_volume(mode: ImageVolumes, dest: &str) -> Option<MountRequest> {
    let source = match mode {
        ImageVolumes::Bind => MountSource::Anonymous,
        ImageVolumes::Tmpfs => MountSource::Tmpfs,
        ImageVolumes::Ignore => return None,
    };
    let mut m = MountRequest::new(source, dest.to_string());
    if mode == ImageVolumes::Tmpfs {
        // A fresh, empty tmpfs: the image's files there are what the volume replaces.
        m.options.push("notmpcopyup".into());
    }
    Some(m)
}

/// One mount asked for on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MountRequest {
    pub(crate) source: MountSource,
    /// Absolute path inside the container, without a trailing `/`.
    pub(crate) destination: String,
    pub(crate) readonly: bool,
    /// `U`: chown the source to the container's user.
    pub(crate) chown: bool,
    /// `O`: an overlay over a bind source; the container's changes are thrown away with it.
    pub(crate) overlay: bool,
    /// `nocopy`: a new volume is not filled from the image.
    pub(crate) nocopy: bool,
    /// Further mount options (nosuid, noexec, size=…, mode=…); propagation is kept for
    /// inspect only, every mount is private to the container.
    pub(crate) options: Vec<String>,
    /// Bind propagation as given (`rprivate` when none).
    pub(crate) propagation: String,
    /// `z`/`Z` were given: SELinux relabeling, which rcon does not do.
    pub(crate) relabel: bool,
}

impl MountRequest {
    fn new(source: MountSource, destination: String) -> MountRequest {
        MountRequest {
            source,
            destination,
            readonly: false,
            chown: false,
            overlay: false,
            nocopy: false,
            options: Vec::new(),
            propagation: "rprivate".to_string(),
            relabel: false,
        }
    }
}

/// Adds mounts.conf's mounts to `mounts` as read-only binds, but for those on a destination
/// `mounts` or `tmpfs` already has (the user's own mounts win, as in Podman).
pub(crate) fn add_default_mounts(
    mounts: &mut Vec<MountRequest>,
    tmpfs: &[super::Tmpfs],
    list: &[crate::config::mounts_conf::DefaultMount],
) {
    let taken =
        |d: &str| mounts.iter().any(|m| m.destination == d) || tmpfs.iter().any(|t| t.path == d);
    let added: Vec<MountRequest> = list
        .iter()
        .filter(|m| !taken(&m.container))
        .map(|m| {
            let host = MountSource::Bind(m.host.to_string_lossy().into_owned());
            let mut r = MountRequest::new(host, m.container.clone());
            r.readonly = true;
            r
        })
        .collect();
    mounts.extend(added);
}

/// One `--volumes-from CONTAINER[:ro|rw]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VolumesFrom {
    pub(crate) container: String,
    /// `Some(true)`: every mount read-only; `Some(false)`: read-write; `None`: as they were.
    pub(crate) readonly: Option<bool>,
}

const PROPAGATION: [&str; 6] = [
    "private", "rprivate", "shared", "rshared", "slave", "rslave",
];
const PASSED: [&str; 6] = ["nosuid", "suid", "nodev", "dev", "noexec", "exec"];

/// A valid volume name: Docker's `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub(crate) fn valid_volume_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn destination(flag: &'static str, value: &str, dest: &str) -> Result<String> {
    if !dest.starts_with('/') || dest.split('/').any(|c| c == "..") {
        return Err(bad(
            flag,
            value,
            format!("the destination {dest:?} must be an absolute path inside the container"),
        ));
    }
    let trimmed = dest.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(bad(
            flag,
            value,
            "the container's / cannot be a mount destination",
        ));
    }
    Ok(trimmed.to_string())
}

fn source_of(flag: &'static str, value: &str, src: &str) -> Result<MountSource> {
    if src.starts_with('/') || src.starts_with('.') {
        Ok(MountSource::Bind(src.to_string()))
    } else if valid_volume_name(src) {
        Ok(MountSource::Named(src.to_string()))
    } else {
        Err(bad(
            flag,
            value,
            "the source must be a host path (starting with / or .) or a volume name \
             ([a-zA-Z0-9][a-zA-Z0-9_.-]*)",
        ))
    }
}

/// `-v [SOURCE:]DESTINATION[:OPTIONS]`.
pub(crate) fn parse_volume(value: &str) -> Result<MountRequest> {
    const FLAG: &str = "--volume";
    let parts: Vec<&str> = value.split(':').collect();
    let (source, dest, opts) = match parts[..] {
        [d] => (None, d, ""),
        // `/data:ro` is an anonymous volume with options, as in Podman.
        [d, o] if d.starts_with('/') && !o.starts_with('/') => (None, d, o),
        [s, d] => (Some(s), d, ""),
        [s, d, o] => (Some(s), d, o),
        _ => {
            return Err(bad(
                FLAG,
                value,
                "expected [SOURCE:]DESTINATION[:OPTIONS] (a path with ':' cannot be mounted)",
            ))
        }
    };
    let dest = destination(FLAG, value, dest)?;
    let source = match source {
        None => MountSource::Anonymous,
        Some("") => return Err(bad(FLAG, value, "the source is empty")),
        Some(s) => source_of(FLAG, value, s)?,
    };
    let mut m = MountRequest::new(source, dest);
    let mut rw_given = None;
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" | "rw" => {
                if rw_given.replace(o).is_some_and(|prev| prev != o) {
                    return Err(bad(FLAG, value, "ro and rw cannot both be given"));
                }
                m.readonly = o == "ro";
            }
            "z" | "Z" => m.relabel = true,
            "U" => m.chown = true,
            "O" => m.overlay = true,
            "nocopy" => m.nocopy = true,
            "copy" => m.nocopy = false,
            "bind" | "rbind" => {}
            p if PROPAGATION.contains(&p) => m.propagation = p.to_string(),
            p if PASSED.contains(&p) => m.options.push(p.to_string()),
            _ => {
                return Err(bad(
                    FLAG,
                    value,
                    format!(
                        "unknown option {o:?}: rcon takes ro, rw, z, Z, U, O, nocopy, \
                         nosuid, nodev, noexec and the bind propagations"
                    ),
                ))
            }
        }
    }
    if m.overlay {
        if !matches!(m.source, MountSource::Bind(_)) {
            return Err(bad(
                FLAG,
                value,
                "O (overlay) needs a host path as the source",
            ));
        }
        if m.readonly || m.chown {
            return Err(bad(
                FLAG,
                value,
                "O (overlay) cannot be combined with ro or U",
            ));
        }
    }
    Ok(m)
}

fn bool_value(flag: &'static str, value: &str, key: &str, v: Option<&str>) -> Result<bool> {
    match v {
        None | Some("true") | Some("1") => Ok(true),
        Some("false") | Some("0") => Ok(false),
        Some(_) => Err(bad(flag, value, format!("{key} takes true or false"))),
    }
}

/// `--mount type=bind|volume|tmpfs|image,source=…,target=…,…` with Docker's and Podman's keys.
pub(crate) fn parse_mount(value: &str) -> Result<MountRequest> {
    const FLAG: &str = "--mount";
    let mut typ = "volume".to_string();
    let mut source: Option<String> = None;
    let mut dest: Option<String> = None;
    let mut readonly = None;
    let mut chown = false;
    let mut nocopy = false;
    let mut relabel = false;
    let mut propagation = None;
    let mut options = Vec::new();
    for kv in value.split(',').filter(|kv| !kv.is_empty()) {
        let (k, v) = match kv.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (kv, None),
        };
        let need = |v: Option<&str>| -> Result<String> {
            v.filter(|v| !v.is_empty())
                .map(str::to_string)
                .ok_or_else(|| bad(FLAG, value, format!("{k} needs a value ({k}=…)")))
        };
        match k {
            "type" => typ = need(v)?,
            "source" | "src" => source = Some(need(v)?),
            "target" | "dst" | "destination" => dest = Some(need(v)?),
            "readonly" | "ro" => readonly = Some(bool_value(FLAG, value, k, v)?),
            "rw" => readonly = Some(!bool_value(FLAG, value, k, v)?),
            "U" | "chown" => chown = bool_value(FLAG, value, k, v)?,
            "volume-nocopy" | "nocopy" => nocopy = bool_value(FLAG, value, k, v)?,
            "bind-propagation" => {
                let p = need(v)?;
                if !PROPAGATION.contains(&p.as_str()) {
                    return Err(bad(
                        FLAG,
                        value,
                        "bind-propagation takes private, rprivate, shared, rshared, slave or \
                         rslave",
                    ));
                }
                propagation = Some(p);
            }
            "tmpfs-size" | "size" => {
                let size = need(v)?;
                super::parse_size(FLAG, &size)?;
                options.push(format!("size={size}"));
            }
            "tmpfs-mode" | "mode" => {
                let mode = need(v)?;
                if u32::from_str_radix(&mode, 8).is_err() {
                    return Err(bad(
                        FLAG,
                        value,
                        "tmpfs-mode takes an octal mode such as 1777",
                    ));
                }
                options.push(format!("mode={mode}"));
            }
            "relabel" | "consistency" | "bind-nonrecursive" => {
                relabel |= k == "relabel";
            }
            "z" | "Z" => relabel = true,
            o if PASSED.contains(&o) && v.is_none() => options.push(o.to_string()),
            _ => {
                return Err(bad(
                    FLAG,
                    value,
                    format!(
                        "unknown key {k:?}: rcon takes type, source/src, target/dst/destination, \
                         readonly/ro, rw, bind-propagation, tmpfs-size, tmpfs-mode, U/chown, \
                         volume-nocopy, nosuid, nodev, noexec"
                    ),
                ))
            }
        }
    }
    let dest_raw = dest.ok_or_else(|| bad(FLAG, value, "target=PATH is required"))?;
    let dest = destination(FLAG, value, &dest_raw)?;
    let size_or_mode = options
        .iter()
        .any(|o| o.starts_with("size=") || o.starts_with("mode="));
    let src =
        match typ.as_str() {
            "bind" => match source {
                Some(s) => MountSource::Bind(s),
                None => return Err(bad(FLAG, value, "type=bind needs source=HOST-PATH")),
            },
            "volume" => match source {
                Some(s) if valid_volume_name(&s) => MountSource::Named(s),
                Some(_) => return Err(bad(
                    FLAG,
                    value,
                    "a volume name is [a-zA-Z0-9][a-zA-Z0-9_.-]* (use type=bind for a host path)",
                )),
                None => MountSource::Anonymous,
            },
            "tmpfs" => {
                if source.is_some() {
                    return Err(bad(FLAG, value, "type=tmpfs takes no source"));
                }
                MountSource::Tmpfs
            }
            "image" => match source {
                Some(s) => MountSource::Image(s),
                None => return Err(bad(FLAG, value, "type=image needs source=IMAGE")),
            },
            _ => {
                return Err(bad(
                    FLAG,
                    value,
                    "type must be bind, volume, tmpfs or image",
                ))
            }
        };
    if size_or_mode && src != MountSource::Tmpfs {
        return Err(bad(
            FLAG,
            value,
            "tmpfs-size and tmpfs-mode need type=tmpfs",
        ));
    }
    let mut m = MountRequest::new(src, dest);
    m.readonly = readonly.unwrap_or(matches!(m.source, MountSource::Image(_)));
    m.chown = chown;
    m.nocopy = nocopy;
    m.relabel = relabel;
    m.options = options;
    if let Some(p) = propagation {
        m.propagation = p;
    }
    Ok(m)
}

/// `--volumes-from CONTAINER[:ro|rw]`.
pub(crate) fn parse_volumes_from(value: &str) -> Result<VolumesFrom> {
    let (container, mode) = match value.split_once(':') {
        Some((c, m)) => (c, Some(m)),
        None => (value, None),
    };
    let readonly = match mode {
        None => None,
        Some("ro") => Some(true),
        Some("rw") => Some(false),
        Some(_) => return Err(bad("--volumes-from", value, "expected CONTAINER[:ro|rw]")),
    };
    if container.is_empty() {
        return Err(bad("--volumes-from", value, "expected CONTAINER[:ro|rw]"));
    }
    Ok(VolumesFrom {
        container: container.to_string(),
        readonly,
    })
}

/// Drops a mount given twice the same way, as Podman does, and refuses two different mounts on
/// one destination (`--tmpfs` paths included).
pub(crate) fn check_destinations(
    mounts: &mut Vec<MountRequest>,
    tmpfs: &mut Vec<super::Tmpfs>,
) -> Result<()> {
    let mut i = 0;
    while i < tmpfs.len() {
        if tmpfs[..i].contains(&tmpfs[i]) {
            tmpfs.remove(i);
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while i < mounts.len() {
        if mounts[..i].contains(&mounts[i]) {
            mounts.remove(i);
        } else {
            i += 1;
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for t in tmpfs.iter() {
        if seen.contains(&t.path.as_str()) {
            return Err(duplicate(&t.path));
        }
        seen.push(&t.path);
    }
    for m in mounts.iter() {
        if seen.contains(&m.destination.as_str()) {
            return Err(duplicate(&m.destination));
        }
        seen.push(&m.destination);
    }
    Ok(())
}

fn duplicate(dest: &str) -> RunConfigError {
    RunConfigError::Conflict(format!(
        "{dest}: duplicate mount destination: give each path inside the container one mount"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_forms_bind_named_anonymous() {
        let m = parse_volume("/srv/data:/data:ro,z").unwrap();
        assert_eq!(m.source, MountSource::Bind("/srv/data".into()));
        assert_eq!(m.destination, "/data");
        assert!(m.readonly && m.relabel);
        let m = parse_volume("cache:/var/cache/").unwrap();
        assert_eq!(m.source, MountSource::Named("cache".into()));
        assert_eq!(m.destination, "/var/cache");
        assert!(!m.readonly);
        let m = parse_volume("/scratch").unwrap();
        assert_eq!(m.source, MountSource::Anonymous);
        let m = parse_volume("/scratch:ro").unwrap();
        assert_eq!((m.source, m.readonly), (MountSource::Anonymous, true));
        let m = parse_volume("./here:/x:U").unwrap();
        assert_eq!(m.source, MountSource::Bind("./here".into()));
        assert!(m.chown && !m.overlay);
        assert!(parse_volume("/h:/x:O").unwrap().overlay);
    }

    #[test]
    fn bad_volumes_are_refused_with_the_reason() {
        for (v, why) in [
            ("data", "absolute"),
            ("/a:relative", "unknown option"),
            ("/a:/b:U,O", "cannot be combined"),
            ("/a:/b:ro,rw", "ro and rw"),
            ("/a:/b:bogus", "unknown option"),
            ("bad name:/b", "volume name"),
            ("vol:/b:O", "host path"),
            ("/a:/b:c:d", "':'"),
            ("/a:/", "container's /"),
            ("/a:/b/../c", "absolute"),
        ] {
            let e = parse_volume(v).unwrap_err().to_string();
            assert!(e.contains(why), "{v}: {e}");
        }
    }

    #[test]
    fn mount_keys_of_docker_and_podman() {
        let m = parse_mount("type=bind,src=/h,dst=/c,readonly,bind-propagation=rslave").unwrap();
        assert_eq!(m.source, MountSource::Bind("/h".into()));
        assert!(m.readonly);
        assert_eq!(m.propagation, "rslave");
        let m = parse_mount("type=volume,source=v1,target=/v,U=true,volume-nocopy").unwrap();
        assert_eq!(m.source, MountSource::Named("v1".into()));
        assert!(m.chown && m.nocopy && !m.readonly);
        let m = parse_mount("target=/anon").unwrap();
        assert_eq!(m.source, MountSource::Anonymous);
        let m = parse_mount("type=tmpfs,destination=/t,tmpfs-size=1m,tmpfs-mode=1770").unwrap();
        assert_eq!(m.source, MountSource::Tmpfs);
        assert_eq!(m.options, vec!["size=1m", "mode=1770"]);
        let m = parse_mount("type=image,source=alpine,target=/img").unwrap();
        assert!(m.readonly);
        let m = parse_mount("type=image,source=alpine,target=/img,rw=true").unwrap();
        assert!(!m.readonly);
    }

    #[test]
    fn image_volumes_follow_the_mode() {
        let p = |v| parse_image_volumes("--image-volume", v);
        assert_eq!(p("bind").unwrap(), ImageVolumes::Bind);
        assert_eq!(p("tmpfs").unwrap(), ImageVolumes::Tmpfs);
        assert_eq!(p("ignore").unwrap(), ImageVolumes::Ignore);
        assert!(p("nfs")
            .unwrap_err()
            .to_string()
            .contains("bind, tmpfs or ignore"));
        let anon = image_volume(ImageVolumes::Bind, "/data").unwrap();
        assert_eq!(anon.source, MountSource::Anonymous);
        assert_eq!(anon.destination, "/data");
        let t = image_volume(ImageVolumes::Tmpfs, "/data").unwrap();
        assert_eq!(t.source, MountSource::Tmpfs);
        assert_eq!(image_volume(ImageVolumes::Ignore, "/data"), None);
    }

    #[test]
    fn bad_mounts_name_the_problem() {
        for (v, why) in [
            ("type=bind,dst=/c", "source=HOST-PATH"),
            ("type=bind,src=/a", "target=PATH"),
            ("type=nfs,dst=/c", "type must be"),
            ("type=tmpfs,src=x,dst=/c", "no source"),
            ("type=bind,src=/a,dst=/c,tmpfs-size=1m", "need type=tmpfs"),
            ("type=tmpfs,dst=/c,tmpfs-size=lots", "size"),
            ("type=tmpfs,dst=/c,tmpfs-mode=rwx", "octal"),
            ("type=bind,src=/a,dst=/c,colour=red", "unknown key"),
            ("type=bind,src=/a,dst=/c,ro=maybe", "true or false"),
        ] {
            let e = parse_mount(v).unwrap_err().to_string();
            assert!(e.contains(why), "{v}: {e}");
        }
    }

    #[test]
    fn volumes_from_modes_and_duplicate_destinations() {
        assert_eq!(
            parse_volumes_from("web:ro").unwrap(),
            VolumesFrom {
                container: "web".into(),
                readonly: Some(true)
            }
        );
        assert_eq!(parse_volumes_from("web").unwrap().readonly, None);
        assert!(parse_volumes_from("web:rx").is_err());
        let a = parse_volume("/a:/x").unwrap();
        let b = parse_volume("v:/x").unwrap();
        assert!(check_destinations(&mut vec![a.clone(), b], &mut vec![]).is_err());
        let t = super::super::parse_tmpfs("/x").unwrap();
        assert!(check_destinations(&mut vec![a.clone()], &mut vec![t.clone()]).is_err());
        // The same mount twice is one mount, as in Podman.
        let mut twice = vec![a.clone(), a.clone()];
        assert!(check_destinations(&mut twice, &mut vec![]).is_ok());
        assert_eq!(twice.len(), 1);
        let mut tmpfs = vec![t.clone(), t];
        assert!(check_destinations(&mut vec![], &mut tmpfs).is_ok());
        assert_eq!(tmpfs.len(), 1);
        assert!(check_destinations(&mut vec![a], &mut vec![]).is_ok());
    }
}
