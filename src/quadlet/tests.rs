use super::*;
use std::path::Path;

fn src(name: &str, text: &str) -> Source {
    let path = Path::new("/q").join(name);
    Source {
        unit: UnitFile::parse(&path, text).unwrap(),
        path,
        name: name.to_string(),
    }
}

fn opts() -> Options {
    Options {
        rcon: "/usr/bin/rcon".into(),
        user: true,
    }
}

/// The one unit `sources` make for `service`, failing on any error.
fn one(sources: &[Source], service: &str) -> Generated {
    let (out, errors) = generate(sources, &opts());
    assert!(errors.is_empty(), "{errors:?}");
    out.into_iter()
        .find(|g| g.service == service)
        .unwrap_or_else(|| panic!("no {service}"))
}

fn line<'a>(text: &'a str, key: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key}= in\n{text}"))
}

fn errors_of(sources: &[Source]) -> Vec<String> {
    generate(sources, &opts())
        .1
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn a_container_runs_in_the_foreground_of_a_notify_service() {
    let g = one(
        &[src(
            "web.container",
            "[Unit]\nDescription=web\n[Container]\nImage=busybox\nExec=sh -c 'echo hi; sleep 9'\n\
             PublishPort=8080:80\nEnvironment=A=1 \"B=two words\"\nAutoUpdate=registry\n\
             [Service]\nRestart=on-failure\n[Install]\nWantedBy=default.target\n",
        )],
        "web.service",
    );
    let t = &g.text;
    assert_eq!(
        line(t, "ExecStart"),
        "ExecStart=/usr/bin/rcon run --name=systemd-web --cidfile=%t/%N.cid --replace --rm \
         --sdnotify=conmon --publish=8080:80 --env=A=1 \"--env=B=two words\" \
         --label=io.containers.autoupdate=registry --label=PODMAN_SYSTEMD_UNIT=%n busybox sh -c \
         \"echo hi; sleep 9\""
    );
    assert_eq!(
        line(t, "ExecStop"),
        "ExecStop=/usr/bin/rcon rm -v -f -i -t 10 --cidfile=%t/%N.cid"
    );
    assert!(
        t.contains("\nExecStopPost=-/usr/bin/rcon rm -v -f -i"),
        "{t}"
    );
    for l in [
        "Type=notify",
        "NotifyAccess=all",
        "KillMode=mixed",
        "Environment=PODMAN_SYSTEMD_UNIT=%n",
        "Restart=on-failure",
        "Description=web",
        "SourcePath=/q/web.container",
        "[X-Container]",
    ] {
        assert!(t.lines().any(|x| x == l), "{l} missing in\n{t}");
    }
    assert!(!t.contains(" -d "), "{t}");
    assert_eq!(
        g.links,
        [(
            "default.target.wants".to_string(),
            "web.service".to_string()
        )]
    );
}

#[test]
fn the_files_own_service_settings_replace_the_defaults() {
    let g = one(
        &[src(
            "w.container",
            "[Container]\nImage=x\nContainerName=named\n[Service]\nKillMode=control-group\n",
        )],
        "w.service",
    );
    assert_eq!(
        g.text.matches("KillMode=").count(),
        1,
        "one KillMode: {}",
        g.text
    );
    assert!(g.text.contains("KillMode=control-group"));
    assert!(g.text.contains("--name=named "));
}

#[test]
fn every_supported_container_key_becomes_its_flag() {
    let g = one(
        &[src(
            "all.container",
            "[Container]\nImage=img\nAddCapability=NET_ADMIN SYS_TIME\nDropCapability=ALL\n\
             AddHost=h:1.2.3.4\nDNS=9.9.9.9\nDNSSearch=example.com\nDNSOption=ndots:2\n\
             Entrypoint=/bin/sh\nEnvironmentFile=/e\nEnvironmentHost=true\nGroupAdd=wheel\n\
             HostName=box\nLabel=a=b\nLogDriver=none\nLogOpt=max-size=1m\nMemory=64m\n\
             Mount=type=tmpfs,target=/t\nNetworkAlias=al\nNoNewPrivileges=yes\nPidsLimit=9\n\
             Pull=never\nReadOnly=true\nReadOnlyTmpfs=false\nRunInit=true\n\
             SeccompProfile=/s.json\nSecurityLabelDisable=true\nStopSignal=SIGINT\n\
             StopTimeout=3\nTimezone=UTC\nTmpfs=/run\nUlimit=nofile=9:9\nUser=1000\nGroup=10\n\
             UserNS=keep-id\nVolume=/h:/c:ro\nWorkingDir=/w\nNotify=true\n\
             HttpProxy=false\n\
             HealthCmd=true\nHealthInterval=5s\nHealthTimeout=2s\nHealthRetries=3\n\
             HealthStartPeriod=1s\nHealthOnFailure=kill\nHealthStartupCmd=ls\n\
             HealthStartupInterval=1s\nHealthStartupRetries=2\nHealthStartupSuccess=1\n\
             HealthStartupTimeout=1s\nGlobalArgs=--log-level=debug\nPodmanArgs=--tty\n",
        )],
        "all.service",
    );
    let exec = line(&g.text, "ExecStart");
    for flag in [
        "/usr/bin/rcon --log-level=debug run ",
        " --cap-add=NET_ADMIN --cap-add=SYS_TIME ",
        " --cap-drop=ALL ",
        " --add-host=h:1.2.3.4 ",
        " --dns=9.9.9.9 ",
        " --dns-search=example.com ",
        " --dns-option=ndots:2 ",
        " --entrypoint=/bin/sh ",
        " --env-file=/e ",
        " --env-host=true ",
        " --http-proxy=false ",
        " --group-add=wheel ",
        " --hostname=box ",
        " --label=a=b ",
        " --log-driver=none ",
        " --log-opt=max-size=1m ",
        " --memory=64m ",
        " --mount=type=tmpfs,target=/t ",
        " --network-alias=al ",
        " --security-opt=no-new-privileges ",
        " --pids-limit=9 ",
        " --pull=never ",
        " --read-only ",
        " --read-only-tmpfs=false ",
        " --init ",
        " --security-opt=seccomp=/s.json ",
        " --security-opt=label=disable ",
        " --stop-signal=SIGINT ",
        " --stop-timeout=3 ",
        " --tz=UTC ",
        " --tmpfs=/run ",
        " --ulimit=nofile=9:9 ",
        " --user=1000:10 ",
        " --userns=keep-id ",
        " --volume=/h:/c:ro ",
        " --workdir=/w ",
        " --sdnotify=container ",
        " --health-cmd=true ",
        " --health-interval=5s ",
        " --health-timeout=2s ",
        " --health-retries=3 ",
        " --health-start-period=1s ",
        " --health-on-failure=kill ",
        " --health-startup-cmd=ls ",
        " --health-startup-interval=1s ",
        " --health-startup-retries=2 ",
        " --health-startup-success=1 ",
        " --health-startup-timeout=1s ",
        " --tty img",
    ] {
        assert!(exec.contains(flag), "{flag:?} missing in {exec}");
    }
    assert!(line(&g.text, "ExecStop").contains(" -t 3 "), "{}", g.text);
}

#[test]
fn healthcmd_none_turns_the_healthcheck_off() {
    let g = one(
        &[src("h.container", "[Container]\nImage=x\nHealthCmd=none\n")],
        "h.service",
    );
    assert!(line(&g.text, "ExecStart").contains(" --no-healthcheck "));
}

#[test]
fn a_key_rcon_lacks_names_file_line_and_key_and_generates_nothing() {
    let sources = [
        src(
            "bad.container",
            "[Container]\nImage=x\nAddDevice=/dev/fuse\nBogus=1\n",
        ),
        src("good.container", "[Container]\nImage=x\n"),
    ];
    let (out, errors) = generate(&sources, &opts());
    let names: Vec<_> = out.iter().map(|g| g.service.as_str()).collect();
    assert_eq!(names, ["good.service"]);
    let errors: Vec<_> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errors,
        [
            "/q/bad.container:3: AddDevice= is not supported by rcon (`rcon run` has no --device)",
            "/q/bad.container:4: unknown key Bogus= in [Container]",
        ]
    );
}

#[test]
fn a_container_without_an_image_or_with_bad_values_is_an_error() {
    assert_eq!(
        errors_of(&[src("n.container", "[Container]\nExec=true\n")]),
        ["/q/n.container: [Container] needs Image="]
    );
    let e = errors_of(&[src(
        "b.container",
        "[Container]\nImage=x\nReadOnly=perhaps\nGroup=1\nExec=\"open\n",
    )]);
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(
        e[0].starts_with("/q/b.container:3: ReadOnly= takes a boolean"),
        "{e:?}"
    );
    assert_eq!(e[1], "/q/b.container:4: Group= needs User= as well");
    assert!(
        e[2].starts_with("/q/b.container:5: Exec=: unbalanced"),
        "{e:?}"
    );
    assert_eq!(
        errors_of(&[src(
            "q.container",
            "[Container]\nImage=x\n[Quadlet]\nFoo=1\n"
        )]),
        ["/q/q.container:4: unknown key Foo= in [Quadlet]"]
    );
}

#[test]
fn network_volume_and_image_references_become_names_and_dependencies() {
    let sources = [
        src(
            "app.container",
            "[Container]\nImage=base.image\nNetwork=net.network\n\
             Volume=data.volume:/data:Z\nMount=type=volume,source=data.volume,target=/m\n",
        ),
        src(
            "net.network",
            "[Network]\nNetworkName=appnet\nSubnet=10.9.0.0/24\n",
        ),
        src("data.volume", "[Volume]\nLabel=x=y\n"),
        src("base.image", "[Image]\nImage=docker.io/library/busybox\n"),
    ];
    let g = one(&sources, "app.service");
    let exec = line(&g.text, "ExecStart");
    assert!(exec.contains(" --network=appnet "), "{exec}");
    assert!(exec.contains(" --volume=systemd-data:/data:Z "), "{exec}");
    assert!(
        exec.contains(" --mount=type=volume,source=systemd-data,target=/m "),
        "{exec}"
    );
    assert!(exec.ends_with(" docker.io/library/busybox"), "{exec}");
    for l in [
        "Requires=net-network.service",
        "After=net-network.service",
        "Requires=data-volume.service",
        "After=data-volume.service",
        "Requires=base-image.service",
    ] {
        assert_eq!(
            g.text.lines().filter(|x| *x == l).count(),
            1,
            "{l}: {}",
            g.text
        );
    }
    let net = one(&sources, "net-network.service");
    assert_eq!(
        line(&net.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon network create --ignore --subnet=10.9.0.0/24 appnet"
    );
    assert!(net.text.contains("\nType=oneshot\nRemainAfterExit=yes\n"));
    let vol = one(&sources, "data-volume.service");
    assert_eq!(
        line(&vol.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon volume create --ignore --label=x=y systemd-data"
    );
    let img = one(&sources, "base-image.service");
    assert_eq!(
        line(&img.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon pull docker.io/library/busybox"
    );
}

#[test]
fn a_reference_to_a_missing_file_is_an_error_at_its_line() {
    assert_eq!(
        errors_of(&[src(
            "a.container",
            "[Container]\nImage=x\nNetwork=nope.network\n"
        )]),
        ["/q/a.container:3: Network=nope.network: there is no quadlet file nope.network"]
    );
}

#[test]
fn a_network_deleted_on_stop_and_one_with_two_subnets() {
    let g = one(
        &[src(
            "n.network",
            "[Network]\nInternal=true\nGateway=10.1.0.1\nNetworkDeleteOnStop=true\nServiceName=mynet\n",
        )],
        "mynet.service",
    );
    assert!(line(&g.text, "ExecStart").contains(" --internal "));
    assert_eq!(
        line(&g.text, "ExecStopPost"),
        "ExecStopPost=/usr/bin/rcon network rm -f systemd-n"
    );
    let e = errors_of(&[src(
        "two.network",
        "[Network]\nSubnet=10.1.0.0/24\nSubnet=fd00::/64\nIPv6=true\n",
    )]);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].contains(":3: a second Subnet="), "{e:?}");
    assert!(e[1].contains(":4: IPv6= is not supported by rcon"), "{e:?}");
}

#[test]
fn a_volume_with_options_and_an_image_volume() {
    let g = one(
        &[src(
            "v.volume",
            "[Volume]\nVolumeName=named\nDevice=/dev/sdb\nType=ext4\nOptions=noatime\nUser=1\nGroup=2\nCopy=false\n",
        )],
        "v-volume.service",
    );
    assert_eq!(
        line(&g.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon volume create --ignore --opt=device=/dev/sdb --opt=type=ext4 \
         --opt=o=noatime --opt=uid=1 --opt=gid=2 --opt=nocopy named"
    );
    let sources = [
        src("iv.volume", "[Volume]\nImage=b.image\n"),
        src("b.image", "[Image]\nImage=quay.io/x/y:1\n"),
    ];
    assert!(line(&one(&sources, "iv-volume.service").text, "ExecStart")
        .contains(" --driver=image --opt=image=quay.io/x/y:1 "));
}

#[test]
fn a_pod_and_its_members() {
    let sources = [
        src(
            "web.pod",
            "[Pod]\nPublishPort=8080:80\nNetwork=n.network\nLabel=a=1\n",
        ),
        src("n.network", "[Network]\n"),
        src("front.container", "[Container]\nImage=x\nPod=web.pod\n"),
        src(
            "side.container",
            "[Container]\nImage=x\nPod=web.pod\nStartWithPod=false\n",
        ),
    ];
    let pod = one(&sources, "web-pod.service");
    assert_eq!(
        line(&pod.text, "ExecStartPre"),
        "ExecStartPre=/usr/bin/rcon pod create --replace --name=systemd-web \
         --publish=8080:80 --label=a=1 --network=systemd-n"
    );
    assert_eq!(
        line(&pod.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon pod start systemd-web"
    );
    assert!(pod
        .text
        .contains("\nWants=front.service\nBefore=front.service\n"));
    assert!(!pod.text.contains("side.service"), "{}", pod.text);
    assert!(pod.text.contains("\nRequires=n-network.service\n"));
    let front = one(&sources, "front.service");
    assert!(line(&front.text, "ExecStart").contains(" --pod=systemd-web "));
    assert!(front
        .text
        .contains("\nBindsTo=web-pod.service\nAfter=web-pod.service\n"));
    assert_eq!(
        errors_of(&[src("m.container", "[Container]\nImage=x\nPod=mypod\n")]),
        ["/q/m.container:3: Pod=mypod: a pod is named by its .pod file"]
    );
}

#[test]
fn kube_yaml_is_played_as_a_notify_service_that_ends_with_its_pods() {
    let g = one(
        &[src(
            "k.kube",
            "[Kube]\nYaml=/y/app.yaml\nConfigMap=/y/cm.yaml\nPublishPort=8000:80\nSetWorkingDirectory=yaml\n",
        )],
        "k.service",
    );
    assert_eq!(
        line(&g.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon kube play --replace --service-container=true \
         --configmap=/y/cm.yaml --publish=8000:80 /y/app.yaml"
    );
    // Taken down after a stop, a failed play or the pods' own end.
    assert_eq!(
        line(&g.text, "ExecStopPost"),
        "ExecStopPost=/usr/bin/rcon kube down /y/app.yaml"
    );
    assert!(!g.text.contains("\nExecStop="), "{}", g.text);
    for l in [
        "Type=notify",
        "NotifyAccess=all",
        "KillMode=mixed",
        "Environment=PODMAN_SYSTEMD_UNIT=%n",
        "SyslogIdentifier=%N",
    ] {
        assert!(g.text.lines().any(|x| x == l), "no {l} in\n{}", g.text);
    }
    assert!(!g.text.contains("RemainAfterExit"), "{}", g.text);
    assert!(g.text.contains("\nWorkingDirectory=/y\n"));
    assert_eq!(
        errors_of(&[src("e.kube", "[Kube]\nKubeDownForce=true\n")]),
        [
            "/q/e.kube:2: KubeDownForce= is not supported by rcon (`rcon kube play` has no kube down --force)",
            "/q/e.kube: [Kube] needs Yaml=",
        ]
    );
}

#[test]
fn a_kube_unit_takes_podmans_types_and_kill_modes_only() {
    // oneshot, for a YAML of resources alone: no notify access, the file's own settings kept.
    let g = one(
        &[src(
            "r.kube",
            "[Kube]\nYaml=/y/r.yaml\n[Service]\nType=oneshot\nKillMode=control-group\n",
        )],
        "r.service",
    );
    assert!(!g.text.contains("NotifyAccess"), "{}", g.text);
    assert_eq!(g.text.matches("Type=").count(), 1, "{}", g.text);
    assert_eq!(g.text.matches("KillMode=").count(), 1, "{}", g.text);
    assert!(g.text.contains("\nType=oneshot\n") && g.text.contains("\nKillMode=control-group\n"));
    assert_eq!(
        errors_of(&[src(
            "b.kube",
            "[Kube]\nYaml=/y/b.yaml\n[Service]\nType=simple\nKillMode=process\n",
        )]),
        [
            "/q/b.kube:4: Type=simple: a .kube unit is notify (the default) or oneshot",
            "/q/b.kube:5: KillMode=process: a .kube unit takes mixed or control-group",
        ]
    );
}

#[test]
fn a_build_makes_the_image_a_container_runs() {
    let sources = [
        src(
            "b.build",
            "[Build]\nImageTag=localhost/app:1\nFile=/src/Containerfile\nSetWorkingDirectory=file\n\
             Label=v=1\nTarget=final\nPull=never\n",
        ),
        src("c.container", "[Container]\nImage=b.build\n"),
    ];
    let b = one(&sources, "b-build.service");
    assert_eq!(
        line(&b.text, "ExecStart"),
        "ExecStart=/usr/bin/rcon build --tag=localhost/app:1 --label=v=1 --pull=never \
         --target=final --file=/src/Containerfile ."
    );
    assert!(b.text.contains("\nWorkingDirectory=/src\n"));
    let c = one(&sources, "c.service");
    assert!(line(&c.text, "ExecStart").ends_with(" localhost/app:1"));
    assert!(c.text.contains("\nRequires=b-build.service\n"));
    assert_eq!(
        errors_of(&[src("x.build", "[Build]\nFile=/f\n")]),
        ["/q/x.build: [Build] needs ImageTag="]
    );
}

#[test]
fn templates_keep_specifiers_and_link_their_default_instance() {
    let g = one(
        &[src(
            "echo@.container",
            "[Container]\nImage=x\nExec=echo %i\n[Install]\nWantedBy=default.target\nDefaultInstance=one\n",
        )],
        "echo@.service",
    );
    let exec = line(&g.text, "ExecStart");
    assert!(exec.contains(" --name=systemd-%p_%i "), "{exec}");
    assert!(exec.ends_with(" x echo %i"), "{exec}");
    assert_eq!(
        g.links,
        [("default.target.wants".into(), "echo@one.service".into())]
    );
    let plain = one(
        &[src(
            "t@.container",
            "[Container]\nImage=x\n[Install]\nWantedBy=default.target\n",
        )],
        "t@.service",
    );
    assert!(plain.links.is_empty(), "a template alone is not enabled");
    let inst = one(
        &[src(
            "t@a.container",
            "[Container]\nImage=x\n[Install]\nWantedBy=multi-user.target\n",
        )],
        "t@a.service",
    );
    assert_eq!(
        inst.links,
        [("multi-user.target.wants".into(), "t@a.service".into())]
    );
}

#[test]
fn default_dependencies_can_be_turned_off() {
    let g = one(
        &[src(
            "d.container",
            "[Container]\nImage=x\n[Quadlet]\nDefaultDependencies=false\n",
        )],
        "d.service",
    );
    assert!(!g.text.contains("network-online.target"), "{}", g.text);
    assert!(!g.text.contains("[Quadlet]"));
}

#[test]
fn reload_runs_a_command_or_sends_a_signal() {
    let g = one(
        &[src(
            "r.container",
            "[Container]\nImage=x\nReloadCmd=kill -HUP 1\n",
        )],
        "r.service",
    );
    assert_eq!(
        line(&g.text, "ExecReload"),
        "ExecReload=/usr/bin/rcon exec systemd-r kill -HUP 1"
    );
    let g = one(
        &[src(
            "s.container",
            "[Container]\nImage=x\nReloadSignal=SIGHUP\n",
        )],
        "s.service",
    );
    assert_eq!(
        line(&g.text, "ExecReload"),
        "ExecReload=/usr/bin/rcon kill --signal=SIGHUP systemd-s"
    );
}

#[test]
fn a_drop_in_changes_the_generated_unit() {
    let mut s = src("w.container", "[Container]\nImage=x\nLabel=a=1\n");
    s.unit.merge(
        UnitFile::parse(
            Path::new("/q/w.container.d/10.conf"),
            "[Container]\nImage=y\nLabel=\nLabel=b=2\n[Service]\nRestart=always\n",
        )
        .unwrap(),
    );
    let g = one(&[s], "w.service");
    let exec = line(&g.text, "ExecStart");
    assert!(
        exec.contains(" --label=b=2 ") && !exec.contains("a=1"),
        "{exec}"
    );
    assert!(exec.ends_with(" y"), "{exec}");
    assert!(g.text.contains("\nRestart=always\n"));
}
