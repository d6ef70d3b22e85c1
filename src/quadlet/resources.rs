//! `.volume`, `.network`, `.image` and `.build`: oneshot services that make the resource
//! (`rcon volume create --ignore …`, `network create --ignore …`, `pull`, `build`) and stay
//! active, so that the containers that use it can require them.
use super::{
    check_keys, command_line, depend, extra_args, global_args, words, Collect, Error, Kind, Parts,
    Source, World,
};

/// The service of a resource made once: a oneshot that stays active.
fn oneshot(rcon: &str, global: &[String], args: Vec<String>) -> Parts {
    let mut argv = vec![rcon.to_string()];
    argv.extend(global.iter().cloned());
    argv.extend(args);
    Parts {
        defaults: vec![
            ("Type", "oneshot".into()),
            ("RemainAfterExit", "yes".into()),
            ("SyslogIdentifier", "%N".into()),
        ],
        commands: vec![format!("ExecStart={}", command_line(&argv))],
        ..Parts::default()
    }
}

/// Keys whose lines hold several words (`Label=a=1 b=2`), as `flag=word` each.
fn word_flags(c: &mut Collect, src: &Source, key: &str, flag: &str, out: &mut Vec<String>) {
    for e in src.unit.all(src.kind().section(), key) {
        for w in c.take(words(e)).unwrap_or_default() {
            out.push(format!("{flag}={w}"));
        }
    }
}

pub(super) fn volume(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    const KNOWN: &[&str] = &[
        "Copy",
        "Device",
        "Driver",
        "GlobalArgs",
        "Group",
        "Image",
        "Label",
        "Options",
        "PodmanArgs",
        "ServiceName",
        "Type",
        "User",
        "VolumeName",
    ];
    const LACKING: &[(&str, &str)] = &[("ContainersConfModule", "--module")];
    let mut c = Collect {
        errors: check_keys(src, KNOWN, LACKING, "rcon volume create"),
    };
    let unit = &src.unit;
    let last = |k: &str| unit.last("Volume", k).map(|e| e.value.clone());
    let mut args = vec!["volume".to_string(), "create".into(), "--ignore".into()];
    if let Some(e) = unit.last("Volume", "Image") {
        let image = match c.take(world.reference(e, &e.value, Kind::Image)).flatten() {
            Some(t) => t.name.clone(),
            None => e.value.clone(),
        };
        args.push("--driver=image".into());
        args.push(format!("--opt=image={image}"));
    } else if let Some(d) = last("Driver") {
        args.push(format!("--driver={d}"));
    }
    if let Some(d) = last("Device") {
        args.push(format!("--opt=device={d}"));
    }
    if let Some(t) = last("Type") {
        args.push(format!("--opt=type={t}"));
    }
    if let Some(o) = last("Options") {
        args.push(format!("--opt=o={o}"));
    }
    if let Some(u) = last("User") {
        args.push(format!("--opt=uid={u}"));
    }
    if let Some(g) = last("Group") {
        args.push(format!("--opt=gid={g}"));
    }
    if c.take(super::boolean(src, "Copy")).flatten() == Some(false) {
        args.push("--opt=nocopy".into());
    }
    word_flags(&mut c, src, "Label", "--label", &mut args);
    args.extend(c.take(extra_args(src)).unwrap_or_default());
    args.push(world.targets[&src.name].name.clone());
    let global = c.take(global_args(src)).unwrap_or_default();
    c.finish(oneshot(&world.opts.rcon, &global, args))
}

pub(super) fn network(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    const KNOWN: &[&str] = &[
        "Driver",
        "Gateway",
        "GlobalArgs",
        "Internal",
        "Label",
        "NetworkDeleteOnStop",
        "NetworkName",
        "PodmanArgs",
        "ServiceName",
        "Subnet",
    ];
    const LACKING: &[(&str, &str)] = &[
        ("ContainersConfModule", "--module"),
        ("DisableDNS", "--disable-dns"),
        ("DNS", "--dns"),
        ("InterfaceName", "--interface-name"),
        ("IPAMDriver", "--ipam-driver"),
        ("IPRange", "--ip-range"),
        ("IPv6", "--ipv6"),
        ("Options", "--opt"),
    ];
    let mut c = Collect {
        errors: check_keys(src, KNOWN, LACKING, "rcon network create"),
    };
    let unit = &src.unit;
    let mut args = vec!["network".to_string(), "create".into(), "--ignore".into()];
    if let Some(e) = unit.last("Network", "Driver") {
        args.push(format!("--driver={}", e.value));
    }
    let subnets = unit.all("Network", "Subnet");
    if let Some(second) = subnets.get(1) {
        c.errors.push(Error::at(
            second,
            "a second Subnet= is not supported by rcon (`rcon network create` takes one --subnet)",
        ));
    }
    if let Some(e) = subnets.first() {
        args.push(format!("--subnet={}", e.value));
    }
    let gateways = unit.all("Network", "Gateway");
    if let Some(second) = gateways.get(1) {
        c.errors.push(Error::at(
            second,
            "a second Gateway= is not supported by rcon (`rcon network create` takes one --gateway)",
        ));
    }
    if let Some(e) = gateways.first() {
        args.push(format!("--gateway={}", e.value));
    }
    if c.take(super::boolean(src, "Internal")).flatten() == Some(true) {
        args.push("--internal".into());
    }
    word_flags(&mut c, src, "Label", "--label", &mut args);
    args.extend(c.take(extra_args(src)).unwrap_or_default());
    let name = world.targets[&src.name].name.clone();
    args.push(name.clone());
    let global = c.take(global_args(src)).unwrap_or_default();
    let mut parts = oneshot(&world.opts.rcon, &global, args);
    if c.take(super::boolean(src, "NetworkDeleteOnStop")).flatten() == Some(true) {
        let mut rm = vec![world.opts.rcon.clone()];
        rm.extend(global);
        rm.extend(["network".to_string(), "rm".into(), "-f".into(), name]);
        parts
            .commands
            .push(format!("ExecStopPost={}", command_line(&rm)));
    }
    c.finish(parts)
}

pub(super) fn image(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    const KNOWN: &[&str] = &[
        "Arch",
        "AuthFile",
        "CertDir",
        "Creds",
        "GlobalArgs",
        "Image",
        "ImageTag",
        "OS",
        "PodmanArgs",
        "ServiceName",
        "TLSVerify",
        "Variant",
    ];
    const LACKING: &[(&str, &str)] = &[
        ("AllTags", "--all-tags"),
        ("ContainersConfModule", "--module"),
        ("DecryptionKey", "--decryption-key"),
        ("Policy", "--policy"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ];
    let mut c = Collect {
        errors: check_keys(src, KNOWN, LACKING, "rcon pull"),
    };
    let unit = &src.unit;
    let mut args = vec!["pull".to_string()];
    for (key, flag) in [
        ("Arch", "--arch"),
        ("AuthFile", "--authfile"),
        ("CertDir", "--cert-dir"),
        ("Creds", "--creds"),
        ("OS", "--os"),
        ("Variant", "--variant"),
    ] {
        if let Some(e) = unit.last("Image", key) {
            args.push(format!("{flag}={}", e.value));
        }
    }
    if let Some(b) = c.take(super::boolean(src, "TLSVerify")).flatten() {
        args.push(format!("--tls-verify={b}"));
    }
    args.extend(c.take(extra_args(src)).unwrap_or_default());
    match unit.last("Image", "Image") {
        Some(e) => args.push(e.value.clone()),
        None => c.errors.push(Error::file(src, "[Image] needs Image=")),
    }
    if let Some(e) = unit.last("Image", "ImageTag") {
        if unit
            .last("Image", "Image")
            .is_some_and(|i| i.value != e.value)
        {
            c.errors.push(Error::at(
                e,
                "ImageTag= other than Image= is not supported by rcon (`rcon pull` pulls the \
                 name it is given)",
            ));
        }
    }
    let global = c.take(global_args(src)).unwrap_or_default();
    c.finish(oneshot(&world.opts.rcon, &global, args))
}

pub(super) fn build(world: &World, src: &Source) -> Result<Parts, Vec<Error>> {
    const KNOWN: &[&str] = &[
        "Annotation",
        "DNS",
        "DNSOption",
        "DNSSearch",
        "Environment",
        "File",
        "ForceRM",
        "GlobalArgs",
        "ImageTag",
        "Label",
        "Network",
        "PodmanArgs",
        "Pull",
        "Secret",
        "ServiceName",
        "SetWorkingDirectory",
        "Target",
    ];
    const LACKING: &[(&str, &str)] = &[
        ("Arch", "--arch"),
        ("AuthFile", "--authfile"),
        ("ContainersConfModule", "--module"),
        ("GroupAdd", "--group-add"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
        ("TLSVerify", "--tls-verify"),
        ("Variant", "--variant"),
        ("Volume", "--volume"),
    ];
    let mut c = Collect {
        errors: check_keys(src, KNOWN, LACKING, "rcon build"),
    };
    let unit = &src.unit;
    let mut parts_unit = Vec::new();
    let mut args = vec!["build".to_string()];
    let tags = unit.all("Build", "ImageTag");
    if tags.is_empty() {
        c.errors.push(Error::file(src, "[Build] needs ImageTag="));
    }
    for t in tags {
        args.push(format!("--tag={}", t.value));
    }
    for (key, flag) in [("Annotation", "--annotation"), ("Environment", "--env")] {
        word_flags(&mut c, src, key, flag, &mut args);
    }
    word_flags(&mut c, src, "Label", "--label", &mut args);
    for (key, flag) in [
        ("DNS", "--dns"),
        ("DNSOption", "--dns-option"),
        ("DNSSearch", "--dns-search"),
    ] {
        word_flags(&mut c, src, key, flag, &mut args);
    }
    for e in unit.all("Build", "Secret") {
        args.push(format!("--secret={}", e.value));
    }
    for e in unit.all("Build", "Network") {
        match c
            .take(world.reference(e, &e.value, Kind::Network))
            .flatten()
        {
            Some(t) => {
                depend(&mut parts_unit, "Requires", &t.service);
                args.push(format!("--network={}", t.name));
            }
            None => args.push(format!("--network={}", e.value)),
        }
    }
    if let Some(e) = unit.last("Build", "Pull") {
        args.push(format!("--pull={}", e.value));
    }
    if let Some(e) = unit.last("Build", "Target") {
        args.push(format!("--target={}", e.value));
    }
    if let Some(b) = c.take(super::boolean(src, "ForceRM")).flatten() {
        args.push(format!("--force-rm={b}"));
    }
    let file = unit.last("Build", "File").map(|e| e.value.clone());
    if let Some(f) = &file {
        args.push(format!("--file={f}"));
    }
    args.extend(c.take(extra_args(src)).unwrap_or_default());
    // The context: SetWorkingDirectory=file|unit|PATH, as the build runs there.
    let workdir = match unit.last("Build", "SetWorkingDirectory") {
        None => None,
        Some(e) => match e.value.as_str() {
            "unit" => src.path.parent().map(|p| p.display().to_string()),
            "file" => match &file {
                Some(f) => std::path::Path::new(f)
                    .parent()
                    .map(|p| p.display().to_string()),
                None => {
                    c.errors
                        .push(Error::at(e, "SetWorkingDirectory=file needs File="));
                    None
                }
            },
            other => Some(other.to_string()),
        },
    };
    if workdir.is_none() && file.is_none() {
        c.errors.push(Error::file(
            src,
            "[Build] needs File= or SetWorkingDirectory= (where the build context is)",
        ));
    }
    args.push(".".into());
    let global = c.take(global_args(src)).unwrap_or_default();
    let mut parts = oneshot(&world.opts.rcon, &global, args);
    parts.unit = parts_unit;
    if let Some(w) = workdir {
        parts.defaults.push(("WorkingDirectory", w));
    }
    c.finish(parts)
}
