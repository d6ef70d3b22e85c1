//! The first process's own steps, before the shared ones: it guards itself, joins the network
//! namespace the supervisor made, names its UTS namespace, mounts the container's filesystems
//! and enters its root. (An exec'd process joins an existing container's namespaces before its
//! fork instead: [`crate::linux::nsenter`].)
use super::{Failure, Reporter, Stage, Sys};
use crate::linux::mounts::Step;
use crate::linux::nsenter::Namespace;
use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::sync::Arc;

/// Namespaces joined instead of made, each with its type.
pub(crate) type Joins = Vec<(Namespace, Arc<OwnedFd>)>;

/// The container a first process makes, decided before its clone.
#[derive(Debug)]
pub(crate) struct Container {
    /// The namespaces the clone creates (the user namespace is the supervisor's already).
    pub(crate) clone_flags: u64,
    /// The supervisor, watched by the child until its parent-death signal is armed.
    pub(crate) parent: Option<OwnedFd>,
    /// A network namespace to join instead of making an empty one.
    pub(crate) netns: Option<Arc<OwnedFd>>,
    /// Other namespaces to join instead of making new ones (a pod's IPC, UTS, cgroup).
    pub(crate) joins: Joins,
    pub(crate) hostname: Option<String>,
    pub(crate) domainname: Option<String>,
    /// The root filesystem, mounted by the supervisor.
    pub(crate) rootfs: PathBuf,
    /// The mount plan ([`crate::linux::mounts::plan`]).
    pub(crate) mounts: Vec<Step>,
    pub(crate) readonly_root: bool,
    /// `--userns keep-id`: the container's own user namespace, a child of the store's,
    /// entered once the root is in place (the other namespaces belong to the store's, where
    /// the set-up has the privileges it needs).
    pub(crate) userns: Option<Arc<crate::linux::keepid::Userns>>,
}

/// Dies with the supervisor, is not dumpable (nothing in the container may open our executable
/// through /proc), and keeps the report channel off the stdio numbers.
pub(super) fn guard(
    c: &Container,
    sys: &mut impl Sys,
    report: &mut Reporter,
) -> Result<(), Failure> {
    let fail =
        |what: &'static str| move |e| Failure::call(Stage::Guard, format!("cannot {what}"), &e);
    sys.set_pdeathsig()
        .map_err(fail("set the parent-death signal"))?;
    sys.set_undumpable()
        .map_err(fail("make the setup non-dumpable"))?;
    // The supervisor may have died before the parent-death signal was armed.
    if c.parent.as_ref().is_some_and(|p| sys.exited(p)) {
        return Err(Failure::new(
            Stage::Guard,
            "the supervisor ended during the container's setup",
        ));
    }
    report.0 = sys
        .move_above(report.0, 3)
        .map_err(fail("move the report channel"))?;
    Ok(())
}

/// Joins the network namespace the supervisor made (before sysfs is mounted for it).
pub(super) fn join_network(c: &Container, sys: &mut impl Sys) -> Result<(), Failure> {
    if let Some(ns) = &c.netns {
        sys.join_netns(ns).map_err(|e| {
            Failure::call(
                Stage::Network,
                "cannot join the container's network namespace",
                &e,
            )
        })?;
    }
    for (ns, fd) in &c.joins {
        sys.join_namespace(fd, *ns).map_err(|e| {
            Failure::call(
                Stage::Network,
                format!("cannot join the shared {} namespace", ns.name()),
                &e,
            )
        })?;
    }
    Ok(())
}

pub(super) fn set_names(c: &Container, sys: &mut impl Sys) -> Result<(), Failure> {
    if let Some(name) = &c.hostname {
        sys.set_hostname(name).map_err(|e| {
            Failure::call(
                Stage::Names,
                format!("cannot set the hostname {name:?}"),
                &e,
            )
        })?;
    }
    if let Some(name) = &c.domainname {
        sys.set_domainname(name).map_err(|e| {
            Failure::call(
                Stage::Names,
                format!("cannot set the domain name {name:?}"),
                &e,
            )
        })?;
    }
    Ok(())
}

pub(super) fn mount_filesystems(c: &Container, sys: &mut impl Sys) -> Result<(), Failure> {
    let owner = c.userns.as_ref().map(|ns| ns.root);
    sys.mount(&c.rootfs, &c.mounts, owner)
}

pub(super) fn enter_root(c: &Container, sys: &mut impl Sys) -> Result<(), Failure> {
    sys.pivot_root(&c.rootfs, c.readonly_root)
}

/// Enters the container's keep-id user namespace, where the process gets every capability
/// for the steps after: the user it changes to is an id of that namespace.
pub(super) fn enter_userns(c: &Container, sys: &mut impl Sys) -> Result<(), Failure> {
    let Some(userns) = &c.userns else {
        return Ok(());
    };
    sys.join_namespace(&userns.fd, Namespace::User)
        .map_err(|e| {
            Failure::call(
                Stage::User,
                "cannot enter the container's keep-id user namespace",
                &e,
            )
        })
}
