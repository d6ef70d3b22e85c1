//! `network connect` and `network disconnect`, for the CLI and the Docker API alike: the
//! container's record gains (or loses) a named network. A stopped container gets the change at
//! its next start; a running one on named networks gets it now, from its supervisor (it runs in
//! the networks' holder's user namespace, so it may link its network namespace to one more
//! bridge), asked over the attach socket. A running container on the default rootless network
//! or sharing another's namespace cannot be re-plumbed: stop it first.
use crate::config::Paths;
use crate::container::list::{self, ListError};
use crate::container::record::{ContainerPaths, ContainerRecord, NetworkMode};
use crate::container::state::Status;
use crate::network::networks::{self, Network, NetworkError};
use crate::network::BridgeAttach;
use crate::runtime::supervisor::{self, protocol::Frame};
use std::io::{self, Write};
use std::time::Duration;

/// Why a container's networks could not be changed; every message is one line.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConnectError {
    #[error(transparent)]
    Container(#[from] ListError),
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error("container {container} is already connected to network {network}: network is already connected")]
    Already { container: String, network: String },
    #[error("container {container} is not connected to network {network}")]
    NotConnected { container: String, network: String },
    /// The container's network mode has no room for the change (host, another's namespace).
    #[error("{0}")]
    Mode(String),
    #[error(
        "container {container} is running on {mode}: rcon changes its networks only while it is \
         stopped; stop it, {verb} it, and start it again"
    )]
    Running {
        container: String,
        mode: String,
        verb: &'static str,
    },
    /// The supervisor could not link or unlink the running container.
    #[error("cannot {verb} container {container} on network {network}: {message}")]
    Live {
        verb: &'static str,
        container: String,
        network: String,
        message: String,
    },
    #[error("{0}")]
    Io(String),
}

/// Rewrites container `input`'s network mode under its lock with `change`, which learns
/// whether it runs; records the event `verb` (connect, disconnect) for network (`id`, `name`).
pub(crate) fn change_record(
    paths: &Paths,
    input: &str,
    verb: &str,
    (net_id, net_name): (&str, &str),
    change: &mut dyn FnMut(&ContainerRecord, bool, &mut NetworkMode) -> Result<(), ConnectError>,
) -> Result<ContainerRecord, ConnectError> {
    let r = list::find(paths, input)?;
    let cp = ContainerPaths::new(paths, &r.id);
    let _lock = crate::util::fs::Lock::exclusive(&cp.lock())
        .map_err(|e| ConnectError::Io(format!("cannot lock container {}: {e}", r.name)))?;
    let state = list::state_of(paths, &r.id)?;
    let running = matches!(state.status, Status::Running | Status::Paused);
    let mut current = list::load(paths, &r.id)?.ok_or_else(|| ListError::NotFound {
        input: input.to_string(),
    })?;
    let mut mode = current.network.clone();
    change(&current, running, &mut mode)?;
    current.network = mode;
    crate::util::fs::write_json(&cp.record(), &current)
        .map_err(|e| ConnectError::Io(format!("cannot write {}: {e}", cp.record().display())))?;
    crate::events::record(
        paths,
        crate::events::Event::network(verb, net_id, net_name).with_attribute("container", &r.id),
    );
    Ok(current)
}

/// What a running container's mode is called in an error.
fn mode_words(mode: &NetworkMode) -> String {
    match mode {
        NetworkMode::Slirp4netns(_) => "the default network (slirp4netns)".into(),
        NetworkMode::Pasta(_) => "the default network (pasta)".into(),
        NetworkMode::None => "no network".into(),
        NetworkMode::Host => "the host's network".into(),
        _ => "another's network namespace".into(),
    }
}

/// Connects container `container` to named network `network` with `aliases`.
pub(crate) fn connect(
    paths: &Paths,
    network: &str,
    container: &str,
    aliases: &[String],
) -> Result<(ContainerRecord, Network), ConnectError> {
    let net = networks::find(paths, network)?;
    let name = net.name.clone();
    let r = change_record(
        paths,
        container,
        "connect",
        (&net.id, &net.name),
        &mut |r, running, mode| {
            let attach = BridgeAttach {
                name: name.clone(),
                aliases: aliases.to_vec(),
            };
            match mode {
                NetworkMode::Bridge(nets) => {
                    if nets.iter().any(|a| a.name == name) {
                        return Err(ConnectError::Already {
                            container: r.name.clone(),
                            network: name.clone(),
                        });
                    }
                    if running {
                        let frame = Frame::NetConnect {
                            network: name.clone(),
                            aliases: aliases.to_vec(),
                        };
                        ask_supervisor(paths, &r.id, &frame).map_err(|e| ConnectError::Live {
                            verb: "connect",
                            container: r.name.clone(),
                            network: name.clone(),
                            message: e.to_string(),
                        })?;
                    }
                    nets.push(attach);
                }
                NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_) | NetworkMode::None
                    if !running =>
                {
                    *mode = NetworkMode::Bridge(vec![attach]);
                }
                NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_) | NetworkMode::None => {
                    return Err(ConnectError::Running {
                        container: r.name.clone(),
                        mode: mode_words(mode),
                        verb: "connect",
                    })
                }
                _ => {
                    return Err(ConnectError::Mode(format!(
                        "container {} uses {}: it cannot be connected to network {name}",
                        r.name,
                        mode_words(mode)
                    )))
                }
            }
            Ok(())
        },
    )?;
    Ok((r, net))
}

/// Disconnects container `container` from named network `network`. With `force`, the record
/// changes even when the running container's interface could not be removed. A stopped
/// container left without named networks gets the default one; a running one has none until
/// it is connected again or started again.
pub(crate) fn disconnect(
    paths: &Paths,
    network: &str,
    container: &str,
    force: bool,
) -> Result<(ContainerRecord, Network), ConnectError> {
    let net = networks::find(paths, network)?;
    let name = net.name.clone();
    let r = change_record(
        paths,
        container,
        "disconnect",
        (&net.id, &net.name),
        &mut |r, running, mode| {
            let not_on = || ConnectError::NotConnected {
                container: r.name.clone(),
                network: name.clone(),
            };
            let NetworkMode::Bridge(nets) = mode else {
                return Err(not_on());
            };
            if !nets.iter().any(|a| a.name == name) {
                return Err(not_on());
            }
            if running {
                let frame = Frame::NetDisconnect {
                    network: name.clone(),
                };
                match ask_supervisor(paths, &r.id, &frame) {
                    Ok(()) => {}
                    Err(e) if !force => {
                        return Err(ConnectError::Live {
                            verb: "disconnect",
                            container: r.name.clone(),
                            network: name.clone(),
                            message: e.to_string(),
                        })
                    }
                    Err(_) => {}
                }
            }
            nets.retain(|a| a.name != name);
            // A running container left on none keeps its loopback only (and its published
            // ports go) until it is connected again; its next start gives it the default
            // network, as a stopped one's record gets now.
            if nets.is_empty() && !running {
                *mode = crate::network::default_mode();
            }
            Ok(())
        },
    )?;
    Ok((r, net))
}

/// Sends `frame` to container `id`'s supervisor and waits for its `NetDone`; the error carries
/// the supervisor's message.
fn ask_supervisor(paths: &Paths, id: &str, frame: &Frame) -> io::Result<()> {
    let cp = ContainerPaths::new(paths, id);
    let talk = || -> io::Result<String> {
        let mut sock = supervisor::connect(&cp.run)?;
        // Linking takes moments; a supervisor that does not answer is stuck, not slow.
        sock.set_read_timeout(Some(Duration::from_secs(60)))?;
        sock.write_all(&frame.encode())?;
        loop {
            match Frame::read_from(&mut sock)? {
                Some(Frame::NetDone { error }) => {
                    let _ = sock.write_all(&Frame::Detach.encode());
                    return Ok(error);
                }
                // The container's output, sent to every attached client: not ours.
                Some(_) => continue,
                None => {
                    return Err(io::Error::other(
                        "the supervisor closed the connection without an answer",
                    ))
                }
            }
        }
    };
    match talk() {
        Ok(e) if e.is_empty() => Ok(()),
        Ok(e) => Err(io::Error::other(e)),
        Err(e) => Err(io::Error::other(format!(
            "cannot reach its supervisor: {e}"
        ))),
    }
}
