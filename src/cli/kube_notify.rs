//! `kube play` and systemd, as Podman (4.5 on) does it.
//!
//! The YAML's `io.containers.sdnotify` annotations give containers a policy
//! ([`crate::kube::play::Notify`]); once a pod has started, the play waits until each such
//! container is ready: at once for `conmon` (it runs), on its own `READY=1` through a socket
//! bound into it for `container`, on a passing healthcheck for `healthy`. One that stops first
//! fails the play. Nothing of theirs is passed on to systemd.
//!
//! With `--service-container`, after the last pod the play tells `$NOTIFY_SOCKET` (a
//! `Type=notify` unit's, as Quadlet's `.kube` units are) in one datagram:
//! - no policy in the play: `MAINPID=<the service container's supervisor>` and `READY=1`, and
//!   rcon exits. systemd follows the supervisor, which (started by a unit) stays in the unit's
//!   cgroup and leaves rcon for systemd as its parent (`runtime::supervisor`'s `pod::placement`),
//!   and ends when the service container stops, that is when every pod it serves has ended; so
//!   does the unit.
//! - a policy: `MAINPID=<rcon>` and `READY=1`, and rcon stays until the service container
//!   ends (the containers' sockets are read meanwhile), then exits with its code.
//!
//! Without a service container nothing is sent, as with Podman: the waits alone happen.
use super::Context;
use crate::container::record::ContainerPaths;
use crate::container::state::Status;
use crate::container::{list, stop, ContainerRecord};
use crate::kube::play::{CtrPlan, Notify, Plan};
use crate::util::sdnotify::{self, Relay, Socket};
use anyhow::{bail, Context as _};
use std::time::Duration;

/// How often a wait looks at a container's state.
const PAUSE: Duration = Duration::from_millis(250);

/// `$NOTIFY_SOCKET`, checked before anything is made, when the play will speak to it (with a
/// service container): a value that is no socket address is an error.
pub(super) fn socket(plan: &Plan, service_container: bool) -> anyhow::Result<Option<Socket>> {
    if !service_container || plan.pods.is_empty() {
        return Ok(None);
    }
    Ok(Socket::from_env()?)
}

/// Whether a container of the play has a policy: then rcon stays the unit's main process.
pub(super) fn any_policy(plan: &Plan) -> bool {
    plan.pods
        .iter()
        .flat_map(|p| &p.containers)
        .any(|c| c.sdnotify.is_some())
}

/// A container the play waits for once its pod has started.
pub(super) struct Wait {
    id: String,
    name: String,
    policy: Notify,
    relay: Option<Relay>,
}

/// Before container `c` is made: the `run` flags its policy needs (for `container`, the socket
/// bound at `/run/notify` and `$NOTIFY_SOCKET` naming it) and the socket's relay.
pub(super) fn flags(ctx: &Context, c: &CtrPlan) -> anyhow::Result<(Vec<String>, Option<Relay>)> {
    if c.sdnotify != Some(Notify::Container) {
        return Ok((Vec::new(), None));
    }
    ctx.paths.ensure_runroot()?;
    let relay = Relay::bind_for(&ctx.paths.runroot, &c.name)
        .with_context(|| format!("container {}: cannot bind its notification socket", c.name))?;
    let flags = vec![
        format!(
            "--volume={}:{}",
            relay.dir().display(),
            sdnotify::CONTAINER_DIR
        ),
        format!("--env=NOTIFY_SOCKET={}", sdnotify::CONTAINER_SOCKET),
    ];
    Ok((flags, Some(relay)))
}

/// Once container `c` is made as `record`: what to wait for, if anything; its relay's folder
/// stays from now on. A `healthy` one without a healthcheck is refused, as Podman refuses it.
pub(super) fn wait_for(
    c: &CtrPlan,
    record: &ContainerRecord,
    mut relay: Option<Relay>,
) -> anyhow::Result<Option<Wait>> {
    if let Some(r) = relay.as_mut() {
        r.keep();
    }
    let Some(policy) = c.sdnotify else {
        return Ok(None);
    };
    if policy == Notify::Healthy && record.healthcheck.is_none() {
        bail!(
            "container {}: the sd-notify policy healthy needs a healthcheck, and its image has \
             none (rcon plays no probes): give it one, or another policy",
            c.name
        );
    }
    Ok(Some(Wait {
        id: record.id.clone(),
        name: c.name.clone(),
        policy,
        relay,
    }))
}

/// After pod `pod` started: until each of `waits` is ready. Their relays go to `keep`, which
/// must live as long as the play (from READY=1 on, their sockets are read and dropped).
pub(super) fn wait_ready(
    ctx: &Context,
    pod: &str,
    waits: Vec<Wait>,
    keep: &mut Vec<Relay>,
) -> anyhow::Result<()> {
    for mut w in waits {
        let running = || list::state_of(&ctx.paths, &w.id).is_ok_and(|s| stop::is_running(&s));
        let ready = match (w.policy, w.relay.as_mut()) {
            // The pod's start returned: it runs, or ran.
            (Notify::Conmon, _) => true,
            (Notify::Container, Some(relay)) => relay.wait_ready(running).with_context(|| {
                format!(
                    "pod {pod}: cannot read container {}'s notifications",
                    w.name
                )
            })?,
            (Notify::Container, None) => true,
            (Notify::Healthy, _) => healthy(&ContainerPaths::new(&ctx.paths, &w.id), running),
        };
        keep.extend(w.relay.take());
        if !ready {
            bail!(
                "pod {pod}: container {} stopped running before it was ready (sd-notify policy \
                 {}: {})",
                w.name,
                w.policy.as_str(),
                match w.policy {
                    Notify::Healthy => "no healthcheck passed",
                    _ => "no READY=1 came",
                }
            );
        }
    }
    Ok(())
}

/// Until the container's healthcheck passes (true) or it stops (false).
fn healthy(cp: &ContainerPaths, running: impl Fn() -> bool) -> bool {
    use crate::container::health::state::{read, Status};
    loop {
        if read(&cp.run).is_some_and(|h| h.status == Status::Healthy) {
            return true;
        }
        if !running() {
            return false;
        }
        std::thread::sleep(PAUSE);
    }
}

/// After the play made and started every pod, with service container `service` (an ID): what
/// systemd hears (see the module doc); the play's exit code (`code` so far).
pub(super) fn after_play(
    ctx: &Context,
    socket: Option<&Socket>,
    service: &str,
    policies: bool,
    code: i32,
) -> anyhow::Result<i32> {
    let tell = |state: String| {
        if let Some(Err(e)) = socket.map(|s| s.send(&state)) {
            log::warn!("cannot notify systemd: {e}");
        }
    };
    if !policies {
        let st = list::state_of(&ctx.paths, service)?;
        // A service that ended already (its pods did): systemd hears READY=1 alone, and the
        // unit ends with rcon.
        tell(match (stop::is_running(&st), st.supervisor_alive()) {
            (true, true) => main_pid(st.supervisor_pid),
            _ => "READY=1".into(),
        });
        return Ok(code);
    }
    tell(main_pid(std::process::id() as i32));
    let ended = stop::wait_until(&ctx.paths, service, None, Duration::from_secs(1), |s| {
        s.status == Status::Exited
    })?;
    Ok(match ended {
        Some(st) if code == 0 => st.exit_code,
        _ => code,
    })
}

/// The play's notification naming `pid` the unit's main process.
fn main_pid(pid: i32) -> String {
    format!("MAINPID={pid}\nREADY=1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notification_is_one_datagram_as_podmans() {
        assert_eq!(main_pid(4242), "MAINPID=4242\nREADY=1");
    }
}
