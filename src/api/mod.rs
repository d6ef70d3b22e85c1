//! The Docker Engine API, served by `rcon system service` on a user socket.
//!
//! A thin layer over the library the CLI uses: a request becomes the same validated config a
//! command's flags become (a container's create is `rcon create`'s flags, checked by the same
//! parser), and a container started here gets the same per-container supervisor, so it outlives
//! the service. Nothing here keeps state in memory between requests: each connection is served
//! by a process of its own ([`server`]), and what must last (exec sessions) is on disk.
//!
//! | file         | what                                                                |
//! |--------------|---------------------------------------------------------------------|
//! | server.rs    | the socket (bound or socket-activated), accept loop, idle exit       |
//! | conn.rs      | one connection: hyper, versions, replies, streams, hijacks           |
//! | http.rs      | [`http::Req`] and [`http::Reply`]: what handlers see and answer      |
//! | routes.rs    | path → handler                                                      |
//! | system.rs    | `/_ping`, `/version`, `/info`, `/system/df`, `/auth`                 |
//! | events.rs    | `/events`                                                           |
//! | containers/  | `/containers/…`                                                     |
//! | exec.rs      | `/containers/{id}/exec`, `/exec/…`                                  |
//! | images/      | `/images/…`, `/build`, `/commit`, `/distribution`                   |
//! | networks.rs  | `/networks/…`                                                       |
//! | volumes.rs   | `/volumes/…`                                                        |
pub(crate) mod conn;
mod containers;
mod events;
mod exec;
pub(crate) mod http;
mod images;
mod networks;
mod routes;
pub(crate) mod server;
mod system;
mod volumes;

pub(crate) use exec::run_detached as run_detached_exec;
