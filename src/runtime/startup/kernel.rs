//! [`Kernel`]: the shared start-up steps' system calls, made for real.
use super::{Failure, Pid1, Plan, Reporter, Rlimit, Stage, Sys};
use crate::linux::caps::{self, CapSets, CapsError};
use crate::linux::mounts::{self, MountError, Step};
use crate::linux::seccomp::Filter;
use crate::runtime::{pid1, process};
use nix::sys::signal::Signal;
use nix::unistd::{Gid, Uid};
use std::ffi::CString;
use std::io;
use std::os::fd::{AsFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

/// The real system calls.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Kernel;

impl Sys for Kernel {
    fn exited(&mut self, pidfd: &OwnedFd) -> bool {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        // A pidfd polls readable once its process has exited.
        let mut fds = [PollFd::new(pidfd.as_fd(), PollFlags::POLLIN)];
        matches!(poll(&mut fds, PollTimeout::ZERO), Ok(n) if n > 0)
    }

    fn move_above(&mut self, fd: RawFd, min: RawFd) -> io::Result<RawFd> {
        process::move_above(fd, min)
    }

    fn join_netns(&mut self, ns: &OwnedFd) -> io::Result<()> {
        Ok(nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWNET)?)
    }

    fn join_namespace(
        &mut self,
        fd: &OwnedFd,
        ns: crate::linux::nsenter::Namespace,
    ) -> io::Result<()> {
        Ok(nix::sched::setns(fd, ns.flag())?)
    }

    fn set_hostname(&mut self, name: &str) -> io::Result<()> {
        Ok(nix::unistd::sethostname(name)?)
    }

    fn set_domainname(&mut self, name: &str) -> io::Result<()> {
        crate::sys::uts::set_domainname(name)
    }

    fn mount(
        &mut self,
        rootfs: &Path,
        steps: &[Step],
        owner: Option<(u32, u32)>,
    ) -> Result<(), Failure> {
        // A working folder that is not there is the command's to answer for (Podman's 126).
        let fail = |e: MountError| match e {
            MountError::NoWorkdir { .. } => Failure::new(Stage::Cwd, e.to_string()),
            e => Failure::new(Stage::Mounts, e.to_string()),
        };
        mounts::prepare_root(rootfs).map_err(fail)?;
        let mut kernel = mounts::Kernel::new(rootfs).map_err(|e| {
            Failure::call(
                Stage::Mounts,
                format!("cannot open the root filesystem {}", rootfs.display()),
                &e,
            )
        })?;
        kernel.set_owner(owner);
        mounts::apply(steps, &mut kernel).map_err(fail)
    }

    fn pivot_root(&mut self, rootfs: &Path, readonly: bool) -> Result<(), Failure> {
        let fail = |e: MountError| Failure::new(Stage::Root, e.to_string());
        mounts::pivot(rootfs).map_err(fail)?;
        if readonly {
            mounts::make_root_readonly().map_err(fail)?;
        }
        Ok(())
    }

    fn install_stdio(&mut self, stdio: [RawFd; 3]) -> io::Result<()> {
        process::install_stdio(stdio[0], stdio[1], stdio[2])
    }

    fn setsid(&mut self) -> io::Result<()> {
        nix::unistd::setsid()?;
        Ok(())
    }

    fn give_terminal(&mut self, uid: u32, gid: u32) {
        let _ = nix::unistd::fchown(0, Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)));
    }

    fn set_controlling_terminal(&mut self) -> io::Result<()> {
        crate::sys::tty::set_controlling_terminal()
    }

    fn set_rlimit(&mut self, limit: &Rlimit) -> io::Result<()> {
        crate::sys::rlimit::set(limit.resource(), limit.soft, limit.hard)
    }

    fn load_seccomp(&mut self, filter: &Filter) -> io::Result<()> {
        filter.load()
    }

    fn drop_bounding(&mut self, sets: &CapSets, last_cap: u32) -> Result<(), CapsError> {
        caps::apply::drop_bounding(sets, last_cap)
    }

    fn set_keepcaps(&mut self, keep: bool) -> io::Result<()> {
        Ok(nix::sys::prctl::set_keepcaps(keep)?)
    }

    fn set_groups(&mut self, groups: &[u32]) -> io::Result<()> {
        let groups: Vec<Gid> = groups.iter().map(|g| Gid::from_raw(*g)).collect();
        Ok(nix::unistd::setgroups(&groups)?)
    }

    fn set_gid(&mut self, gid: u32) -> io::Result<()> {
        let gid = Gid::from_raw(gid);
        Ok(nix::unistd::setresgid(gid, gid, gid)?)
    }

    fn set_uid(&mut self, uid: u32) -> io::Result<()> {
        let uid = Uid::from_raw(uid);
        Ok(nix::unistd::setresuid(uid, uid, uid)?)
    }

    fn set_caps(&mut self, sets: &CapSets, last_cap: u32) -> Result<(), CapsError> {
        caps::apply::set(sets, last_cap)
    }

    fn set_pdeathsig(&mut self) -> io::Result<()> {
        Ok(nix::sys::prctl::set_pdeathsig(Signal::SIGKILL)?)
    }

    fn set_undumpable(&mut self) -> io::Result<()> {
        Ok(nix::sys::prctl::set_dumpable(false)?)
    }

    fn chdir(&mut self, dir: &str) -> io::Result<()> {
        Ok(nix::unistd::chdir(dir)?)
    }

    fn getcwd(&mut self) -> io::Result<PathBuf> {
        Ok(nix::unistd::getcwd()?)
    }

    fn set_no_new_privs(&mut self) -> io::Result<()> {
        Ok(nix::sys::prctl::set_no_new_privs()?)
    }

    fn set_umask(&mut self, mask: u32) {
        nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(mask));
    }

    fn move_fd(&mut self, fd: RawFd, to: RawFd) -> io::Result<RawFd> {
        let moved = nix::unistd::dup3(fd, to, nix::fcntl::OFlag::O_CLOEXEC)?;
        let _ = nix::unistd::close(fd);
        Ok(moved)
    }

    fn close_from(&mut self, first: RawFd) -> io::Result<()> {
        crate::sys::process::close_from(first)
    }

    fn keep_across_exec(&mut self, fd: RawFd) -> io::Result<()> {
        use nix::fcntl::{fcntl, FcntlArg, FdFlag};
        fcntl(fd, FcntlArg::F_SETFD(FdFlag::empty()))?;
        Ok(())
    }

    fn copy_to(&mut self, fd: RawFd, to: RawFd) -> io::Result<()> {
        // dup2's copy is kept across execve.
        nix::unistd::dup2(fd, to)?;
        Ok(())
    }

    fn close_at_exec_from(&mut self, first: RawFd) -> io::Result<()> {
        crate::sys::cloexec::from(first)
    }

    fn reset_signals(&mut self) {
        crate::sys::process::reset_signals()
    }

    fn execve(&mut self, path: &CString, argv: &[CString], env: &[CString]) -> io::Error {
        crate::sys::process::execve(path, argv, env)
    }

    fn run_pid1(&mut self, plan: &Plan, init: &Pid1, report: Reporter) -> Failure {
        if init.pause {
            pid1::pause(report, init.title.as_ref())
        }
        pid1::run(&plan.command, report, init.tty, init.title.as_ref())
    }
}
