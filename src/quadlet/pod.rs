//! `.pod` and `.kube`: a pod made by `rcon pod create --replace` and started (its
//! containers' services bind to it), and Kubernetes YAML played with `rcon kube play
//! --replace --service-container=true` and taken down with `kube down`.
//!
//! A `.kube` unit is Podman's: `Type=notify` (or `oneshot`, for a YAML of resources alone),
//! `NotifyAccess=all`, `KillMode=mixed` (or `control-group`). The play names the service
//! container's supervisor the unit's main process (`MAINPID=`, see `cli::kube_notify`), so the
//! unit runs as long as the pods do and ends with them; `ExecStopPost` takes them down, after
//! a stop, a failure or their own end.
use super::{
    check_keys, command_line, depend, extra_args, global_args, words, Collect, Error, Kind, Parts,
    Source, World,
};

pub(super) fn pod(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    const KNOWN: &[&str] = &[
        "AddHost",
        "DNS",
        "DNSOption",
        "DNSSearch",
        "ExitPolicy",
        "GlobalArgs",
        "HostName",
        "Label",
        "Network",
        "NetworkAlias",
        "PodmanArgs",
        "PodName",
        "PublishPort",
        "ServiceName",
        "UserNS",
        "Volume",
    ];
    const LACKING: &[(&str, &str)] = &[
        ("ContainersConfModule", "--module"),
        ("GIDMap", "--gidmap"),
        ("IP", "--ip"),
        ("IP6", "--ip6"),
        ("ShmSize", "--shm-size"),
        ("SubGIDMap", "--subgidname"),
        ("SubUIDMap", "--subuidname"),
        ("UIDMap", "--uidmap"),
    ];
    let mut c = Collect {
        errors: check_keys(src, KNOWN, LACKING, "rcon pod create"),
    };
    let unit = &src.unit;
    let mut parts = Parts::default();
    let name = world.targets[&src.name].name.clone();
    let mut args = vec![
        "pod".to_string(),
        "create".into(),
        "--replace".into(),
        format!("--name={name}"),
    ];
    for (key, flag) in [
        ("ExitPolicy", "--exit-policy"),
        ("HostName", "--hostname"),
        ("UserNS", "--userns"),
    ] {
        if let Some(e) = unit.last("Pod", key) {
            args.push(format!("{flag}={}", e.value));
        }
    }
    for (key, flag) in [
        ("AddHost", "--add-host"),
        ("NetworkAlias", "--network-alias"),
        ("PublishPort", "--publish"),
    ] {
        for e in unit.all("Pod", key) {
            args.push(format!("{flag}={}", e.value));
        }
    }
    for (key, flag) in [
        ("DNS", "--dns"),
        ("DNSOption", "--dns-option"),
        ("DNSSearch", "--dns-search"),
        ("Label", "--label"),
    ] {
        for e in unit.all("Pod", key) {
            for w in c.take(words(e)).unwrap_or_default() {
                args.push(format!("{flag}={w}"));
            }
        }
    }
    for e in unit.all("Pod", "Network") {
        match c
            .take(world.reference(e, &e.value, Kind::Network))
            .flatten()
        {
            Some(t) => {
                depend(&mut parts.unit, "Requires", &t.service);
                args.push(format!("--network={}", t.name));
            }
            None => args.push(format!("--network={}", e.value)),
        }
    }
    for e in unit.all("Pod", "Volume") {
        let (head, rest) = e.value.split_once(':').unwrap_or((&e.value, ""));
        match c.take(world.reference(e, head, Kind::Volume)).flatten() {
            Some(t) => {
                depend(&mut parts.unit, "Requires", &t.service);
                args.push(format!("--volume={}:{rest}", t.name));
            }
            None => args.push(format!("--volume={}", e.value)),
        }
    }
    args.extend(c.take(extra_args(src)).unwrap_or_default());
    // The containers that name this pod start with it unless StartWithPod=false.
    for other in world.sources.iter().filter(|s| s.kind() == Kind::Container) {
        let member = other
            .unit
            .last("Container", "Pod")
            .is_some_and(|p| p.value == src.name);
        let starts = other
            .unit
            .last("Container", "StartWithPod")
            .and_then(|e| super::syntax::parse_bool(&e.value))
            .unwrap_or(true);
        if member && starts {
            let service = &world.targets[&other.name].service;
            parts.unit.push(format!("Wants={service}"));
            parts.unit.push(format!("Before={service}"));
        }
    }
    let global = c.take(global_args(src)).unwrap_or_default();
    let rcon = |rest: &[&str]| {
        let mut argv = vec![world.opts.rcon.clone()];
        argv.extend(global.iter().cloned());
        argv.extend(rest.iter().map(|s| s.to_string()));
        command_line(&argv)
    };
    let mut create = vec![world.opts.rcon.clone()];
    create.extend(global.iter().cloned());
    create.extend(args);
    parts.defaults = vec![
        ("Environment", "PODMAN_SYSTEMD_UNIT=%n".into()),
        ("Type", "oneshot".into()),
        ("RemainAfterExit", "yes".into()),
        ("SyslogIdentifier", "%N".into()),
    ];
    parts.commands = vec![
        format!("ExecStartPre={}", command_line(&create)),
        format!("ExecStart={}", rcon(&["pod", "start", &name])),
        format!("ExecStop={}", rcon(&["pod", "stop", "--ignore", &name])),
        format!(
            "ExecStopPost=-{}",
            rcon(&["pod", "rm", "--ignore", "--force", &name])
        ),
    ];
    c.finish(parts)
}

pub(super) fn kube(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    const KNOWN: &[&str] = &[
        "ConfigMap",
        "GlobalArgs",
        "LogDriver",
        "Network",
        "PodmanArgs",
        "PublishPort",
        "SetWorkingDirectory",
        "UserNS",
        "Yaml",
    ];
    const LACKING: &[(&str, &str)] = &[
        ("AutoUpdate", "--annotation io.containers.autoupdate"),
        ("ContainersConfModule", "--module"),
        ("ExitCodePropagation", "--service-exit-code-propagation"),
        ("KubeDownForce", "kube down --force"),
        ("LogOpt", "--log-opt"),
    ];
    let mut c = Collect {
        errors: check_keys(src, KNOWN, LACKING, "rcon kube play"),
    };
    let unit = &src.unit;
    let mut parts = Parts::default();
    let mut args = ["kube", "play", "--replace", "--service-container=true"]
        .map(String::from)
        .to_vec();
    for e in unit.all("Kube", "ConfigMap") {
        args.push(format!("--configmap={}", e.value));
    }
    for e in unit.all("Kube", "PublishPort") {
        args.push(format!("--publish={}", e.value));
    }
    for e in unit.all("Kube", "Network") {
        match c
            .take(world.reference(e, &e.value, Kind::Network))
            .flatten()
        {
            Some(t) => {
                depend(&mut parts.unit, "Requires", &t.service);
                args.push(format!("--network={}", t.name));
            }
            None => args.push(format!("--network={}", e.value)),
        }
    }
    for (key, flag) in [("LogDriver", "--log-driver"), ("UserNS", "--userns")] {
        if let Some(e) = unit.last("Kube", key) {
            args.push(format!("{flag}={}", e.value));
        }
    }
    args.extend(c.take(extra_args(src)).unwrap_or_default());
    let yaml = unit.last("Kube", "Yaml").map(|e| e.value.clone());
    match &yaml {
        Some(y) => args.push(y.clone()),
        None => c.errors.push(Error::file(src, "[Kube] needs Yaml=")),
    }
    let workdir = match unit.last("Kube", "SetWorkingDirectory") {
        None => None,
        Some(e) => match e.value.as_str() {
            "unit" => src.path.parent().map(|p| p.display().to_string()),
            "yaml" => yaml
                .as_deref()
                .and_then(|y| std::path::Path::new(y).parent())
                .map(|p| p.display().to_string()),
            other => {
                c.errors.push(Error::at(
                    e,
                    format!("SetWorkingDirectory={other}: expected yaml or unit"),
                ));
                None
            }
        },
    };
    let global = c.take(global_args(src)).unwrap_or_default();
    let mut play = vec![world.opts.rcon.clone()];
    play.extend(global.iter().cloned());
    play.extend(args);
    let mut down = vec![world.opts.rcon.clone()];
    down.extend(global);
    down.extend(["kube".to_string(), "down".into()]);
    down.extend(yaml);
    parts.defaults = vec![
        ("Environment", "PODMAN_SYSTEMD_UNIT=%n".into()),
        ("KillMode", "mixed".into()),
        ("Type", "notify".into()),
        ("NotifyAccess", "all".into()),
        ("SyslogIdentifier", "%N".into()),
    ];
    // Podman's checks: other kill modes leave the pods' processes to a stop half done, other
    // types cannot follow the play.
    if let Some(e) = unit.last("Service", "KillMode") {
        if !["mixed", "control-group"].contains(&e.value.as_str()) {
            let m = format!(
                "KillMode={}: a .kube unit takes mixed or control-group",
                e.value
            );
            c.errors.push(Error::at(e, m));
        }
    }
    if let Some(e) = unit.last("Service", "Type") {
        match e.value.as_str() {
            "notify" => {}
            // A YAML of resources alone: nothing to follow.
            "oneshot" => parts.defaults.retain(|(k, _)| *k != "NotifyAccess"),
            other => c.errors.push(Error::at(
                e,
                format!("Type={other}: a .kube unit is notify (the default) or oneshot"),
            )),
        }
    }
    if let Some(w) = workdir {
        parts.defaults.push(("WorkingDirectory", w));
    }
    // After the stop, and also when the play failed or the pods ended on their own.
    parts.commands = vec![
        format!("ExecStart={}", command_line(&play)),
        format!("ExecStopPost={}", command_line(&down)),
    ];
    c.finish(parts)
}
