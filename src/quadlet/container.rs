//! `.container`: the `[Container]` keys as `rcon run` flags, and the service that runs it.
use super::{
    check_keys, command_line, depend, extra_args, global_args, words, Collect, Error, Kind, Parts,
    Source, World,
};

/// Keys with one value each, and the flag they become.
const SINGLE: &[(&str, &str)] = &[
    ("Entrypoint", "--entrypoint"),
    ("HostName", "--hostname"),
    ("LogDriver", "--log-driver"),
    ("Pull", "--pull"),
    ("StopSignal", "--stop-signal"),
    ("StopTimeout", "--stop-timeout"),
    ("Timezone", "--tz"),
    ("UserNS", "--userns"),
    ("WorkingDir", "--workdir"),
    ("PidsLimit", "--pids-limit"),
    ("Memory", "--memory"),
    ("HealthInterval", "--health-interval"),
    ("HealthOnFailure", "--health-on-failure"),
    ("HealthRetries", "--health-retries"),
    ("HealthStartPeriod", "--health-start-period"),
    ("HealthStartupCmd", "--health-startup-cmd"),
    ("HealthStartupInterval", "--health-startup-interval"),
    ("HealthStartupRetries", "--health-startup-retries"),
    ("HealthStartupSuccess", "--health-startup-success"),
    ("HealthStartupTimeout", "--health-startup-timeout"),
    ("HealthTimeout", "--health-timeout"),
];

/// Keys given once per value (each line one value, as written).
const LISTS: &[(&str, &str)] = &[
    ("AddHost", "--add-host"),
    ("EnvironmentFile", "--env-file"),
    ("GroupAdd", "--group-add"),
    ("LogOpt", "--log-opt"),
    ("NetworkAlias", "--network-alias"),
    ("PublishPort", "--publish"),
    ("Tmpfs", "--tmpfs"),
    ("Ulimit", "--ulimit"),
];

/// Keys whose lines hold several words, each a value.
const WORDS: &[(&str, &str)] = &[
    ("AddCapability", "--cap-add"),
    ("DropCapability", "--cap-drop"),
    ("DNS", "--dns"),
    ("DNSSearch", "--dns-search"),
    ("DNSOption", "--dns-option"),
    ("Environment", "--env"),
    ("Label", "--label"),
];

/// Booleans that add a flag when true.
const FLAGS: &[(&str, &str)] = &[
    ("ReadOnly", "--read-only"),
    ("RunInit", "--init"),
    ("NoNewPrivileges", "--security-opt=no-new-privileges"),
    ("SecurityLabelDisable", "--security-opt=label=disable"),
];

/// Keys handled one by one below.
const OTHERS: &[&str] = &[
    "AutoUpdate",
    "ContainerName",
    "EnvironmentHost",
    "Exec",
    "GlobalArgs",
    "Group",
    "HealthCmd",
    "HttpProxy",
    "Image",
    "Mount",
    "Network",
    "Notify",
    "Pod",
    "PodmanArgs",
    "ReadOnlyTmpfs",
    "ReloadCmd",
    "ReloadSignal",
    "SeccompProfile",
    "StartWithPod",
    "User",
    "Volume",
];

/// Podman's keys that rcon's `run` has no flag for.
const LACKING: &[(&str, &str)] = &[
    ("AddDevice", "--device"),
    ("Annotation", "--annotation"),
    ("CgroupsMode", "--cgroups"),
    ("ContainersConfModule", "--module"),
    ("ExposeHostPort", "--expose"),
    ("GIDMap", "--gidmap"),
    ("HealthLogDestination", "--health-log-destination"),
    ("HealthMaxLogCount", "--health-max-log-count"),
    ("HealthMaxLogSize", "--health-max-log-size"),
    ("IP", "--ip"),
    ("IP6", "--ip6"),
    ("Mask", "--security-opt mask="),
    ("Retry", "--retry"),
    ("RetryDelay", "--retry-delay"),
    ("Rootfs", "--rootfs"),
    ("Secret", "--secret"),
    ("SecurityLabelFileType", "--security-opt label=filetype:"),
    ("SecurityLabelLevel", "--security-opt label=level:"),
    ("SecurityLabelNested", "--security-opt label=nested"),
    ("SecurityLabelType", "--security-opt label=type:"),
    ("ShmSize", "--shm-size"),
    ("SubGIDMap", "--subgidname"),
    ("SubUIDMap", "--subuidname"),
    ("Sysctl", "--sysctl"),
    ("UIDMap", "--uidmap"),
    ("Unmask", "--security-opt unmask="),
];

const SECTION: &str = "Container";

pub(super) fn translate(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    let known: Vec<&str> = SINGLE
        .iter()
        .chain(LISTS)
        .chain(WORDS)
        .chain(FLAGS)
        .map(|(k, _)| *k)
        .chain(OTHERS.iter().copied())
        .collect();
    let errors = check_keys(src, &known, LACKING, "rcon run");
    let mut c = Collect { errors };
    let mut parts = Parts::default();
    let unit = &src.unit;
    let name = world.targets[&src.name].name.clone();
    let rcon = world.opts.rcon.clone();
    let global = c.take(global_args(src)).unwrap_or_default();

    let mut argv = vec![rcon.clone()];
    argv.extend(global.iter().cloned());
    argv.push("run".into());
    argv.push(format!("--name={name}"));
    argv.push("--cidfile=%t/%N.cid".into());
    argv.extend(["--replace", "--rm"].map(String::from));
    let notify = match unit.last(SECTION, "Notify") {
        None => "conmon",
        Some(e) if e.value == "healthy" => {
            c.errors.push(Error::at(
                e,
                "Notify=healthy is not supported by rcon (`rcon run` has no --sdnotify=healthy)",
            ));
            "conmon"
        }
        Some(e) => match super::syntax::parse_bool(&e.value) {
            Some(true) => "container",
            Some(false) => "conmon",
            None => {
                c.errors
                    .push(Error::at(e, "Notify= takes a boolean or healthy"));
                "conmon"
            }
        },
    };
    argv.push(format!("--sdnotify={notify}"));
    for (key, flag) in SINGLE {
        if let Some(e) = unit.last(SECTION, key) {
            argv.push(format!("{flag}={}", e.value));
        }
    }
    if let Some(e) = unit.last(SECTION, "HealthCmd") {
        if e.value == "none" {
            argv.push("--no-healthcheck".into());
        } else {
            argv.push(format!("--health-cmd={}", e.value));
        }
    }
    if let Some(e) = unit.last(SECTION, "SeccompProfile") {
        argv.push(format!("--security-opt=seccomp={}", e.value));
    }
    let user = unit.last(SECTION, "User").map(|e| e.value.clone());
    match (user, unit.last(SECTION, "Group")) {
        (Some(u), Some(g)) => argv.push(format!("--user={u}:{}", g.value)),
        (Some(u), None) => argv.push(format!("--user={u}")),
        (None, Some(g)) => c.errors.push(Error::at(g, "Group= needs User= as well")),
        (None, None) => {}
    }
    for (key, flag) in LISTS {
        for e in unit.all(SECTION, key) {
            argv.push(format!("{flag}={}", e.value));
        }
    }
    for (key, flag) in WORDS {
        for e in unit.all(SECTION, key) {
            for w in c.take(words(e)).unwrap_or_default() {
                argv.push(format!("{flag}={w}"));
            }
        }
    }
    for (key, flag) in FLAGS {
        if c.take(super::boolean(src, key)).flatten() == Some(true) {
            argv.push((*flag).into());
        }
    }
    if let Some(b) = c.take(super::boolean(src, "EnvironmentHost")).flatten() {
        argv.push(format!("--env-host={b}"));
    }
    if let Some(b) = c.take(super::boolean(src, "HttpProxy")).flatten() {
        argv.push(format!("--http-proxy={b}"));
    }
    if let Some(b) = c.take(super::boolean(src, "ReadOnlyTmpfs")).flatten() {
        argv.push(format!("--read-only-tmpfs={b}"));
    }
    c.take(super::boolean(src, "StartWithPod"));
    if let Some(e) = unit.last(SECTION, "AutoUpdate") {
        argv.push(format!("--label=io.containers.autoupdate={}", e.value));
    }
    argv.push("--label=PODMAN_SYSTEMD_UNIT=%n".into());

    for e in unit.all(SECTION, "Network") {
        let (head, rest) = match e.value.split_once(':') {
            Some((h, r)) => (h, Some(r)),
            None => (e.value.as_str(), None),
        };
        let value = match c.take(world.reference(e, head, Kind::Network)).flatten() {
            Some(t) => {
                depend(&mut parts.unit, "Requires", &t.service);
                match rest {
                    Some(r) => format!("{}:{r}", t.name),
                    None => t.name.clone(),
                }
            }
            None => e.value.clone(),
        };
        argv.push(format!("--network={value}"));
    }
    for e in unit.all(SECTION, "Volume") {
        let (head, rest) = match e.value.split_once(':') {
            Some((h, r)) => (h, Some(r)),
            None => (e.value.as_str(), None),
        };
        let value = match c.take(world.reference(e, head, Kind::Volume)).flatten() {
            Some(t) => {
                depend(&mut parts.unit, "Requires", &t.service);
                match rest {
                    Some(r) => format!("{}:{r}", t.name),
                    None => t.name.clone(),
                }
            }
            None => e.value.clone(),
        };
        argv.push(format!("--volume={value}"));
    }
    for e in unit.all(SECTION, "Mount") {
        let mut fields = Vec::new();
        for f in e.value.split(',') {
            let (k, v) = f.split_once('=').unwrap_or((f, ""));
            let resolved = if matches!(k, "source" | "src") {
                c.take(world.reference(e, v, Kind::Volume)).flatten()
            } else {
                None
            };
            match resolved {
                Some(t) => {
                    depend(&mut parts.unit, "Requires", &t.service);
                    fields.push(format!("{k}={}", t.name));
                }
                None => fields.push(f.to_string()),
            }
        }
        argv.push(format!("--mount={}", fields.join(",")));
    }
    if let Some(e) = unit.last(SECTION, "Pod") {
        match c.take(world.reference(e, &e.value, Kind::Pod)) {
            Some(Some(t)) => {
                depend(&mut parts.unit, "BindsTo", &t.service);
                argv.push(format!("--pod={}", t.name));
            }
            Some(None) => c.errors.push(Error::at(
                e,
                format!("Pod={}: a pod is named by its .pod file", e.value),
            )),
            None => {}
        }
    }
    argv.extend(c.take(extra_args(src)).unwrap_or_default());
    match unit.last(SECTION, "Image") {
        None => c.errors.push(Error::file(src, "[Container] needs Image=")),
        Some(e) => {
            let image = match c.take(world.reference(e, &e.value, Kind::Image)).flatten() {
                Some(t) => Some(t),
                None => c.take(world.reference(e, &e.value, Kind::Build)).flatten(),
            };
            match image {
                Some(t) => {
                    depend(&mut parts.unit, "Requires", &t.service);
                    argv.push(t.name.clone());
                }
                None => argv.push(e.value.clone()),
            }
        }
    }
    if let Some(e) = unit.last(SECTION, "Exec") {
        argv.extend(c.take(words(e)).unwrap_or_default());
    }

    let timeout = unit
        .last(SECTION, "StopTimeout")
        .map_or("10".to_string(), |e| e.value.clone());
    let mut rm = vec![rcon.clone()];
    rm.extend(global.iter().cloned());
    rm.extend(
        [
            "rm",
            "-v",
            "-f",
            "-i",
            "-t",
            &timeout,
            "--cidfile=%t/%N.cid",
        ]
        .map(String::from),
    );
    parts.defaults = vec![
        ("Environment", "PODMAN_SYSTEMD_UNIT=%n".into()),
        ("KillMode", "mixed".into()),
        ("Delegate", "yes".into()),
        ("Type", "notify".into()),
        ("NotifyAccess", "all".into()),
        ("SyslogIdentifier", "%N".into()),
        // The container's answer to SIGTERM (a stop) is a clean end, not a failure.
        ("SuccessExitStatus", "143".into()),
    ];
    parts.commands = vec![
        format!("ExecStart={}", command_line(&argv)),
        format!("ExecStop={}", command_line(&rm)),
        format!("ExecStopPost=-{}", command_line(&rm)),
    ];
    let reload_cmd = unit.last(SECTION, "ReloadCmd");
    let reload_signal = unit.last(SECTION, "ReloadSignal");
    match (reload_cmd, reload_signal) {
        (Some(_), Some(s)) => c.errors.push(Error::at(
            s,
            "ReloadCmd= and ReloadSignal= conflict: give one of them",
        )),
        (Some(e), None) => {
            let mut exec = vec![rcon.clone()];
            exec.extend(global.iter().cloned());
            exec.extend(["exec".to_string(), name.clone()]);
            exec.extend(c.take(words(e)).unwrap_or_default());
            parts
                .commands
                .push(format!("ExecReload={}", command_line(&exec)));
        }
        (None, Some(e)) => {
            let mut kill = vec![rcon.clone()];
            kill.extend(global.iter().cloned());
            kill.extend(["kill".to_string(), format!("--signal={}", e.value), name]);
            parts
                .commands
                .push(format!("ExecReload={}", command_line(&kill)));
        }
        (None, None) => {}
    }
    c.finish(parts)
}
