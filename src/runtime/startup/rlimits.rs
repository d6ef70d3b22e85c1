//! Resource limits: the one table of `RLIMIT_*` names and kernel numbers, and the spec's limits
//! as the start-up sets them.
use crate::sys::rlimit::Resource;
use oci_spec::runtime::{PosixRlimitType, Process};

/// A resource limit to set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rlimit {
    pub(crate) typ: PosixRlimitType,
    pub(crate) soft: u64,
    pub(crate) hard: u64,
}

impl Rlimit {
    /// The spec's resource limits, in its order.
    pub(crate) fn from_spec(process: &Process) -> Vec<Rlimit> {
        process
            .rlimits()
            .iter()
            .flatten()
            .map(|r| Rlimit {
                typ: r.typ(),
                soft: r.soft(),
                hard: r.hard(),
            })
            .collect()
    }

    /// The kernel's number of this limit.
    pub(crate) fn resource(&self) -> Resource {
        resource(self.typ)
    }

    /// This limit lowered to what the calling process holds (its own hard limit for the
    /// resource), for a process that joins a running container: the spec's limits were taken
    /// where the container was created (a systemd unit may grant more than a login shell), and
    /// an unprivileged caller cannot raise a hard limit it does not have.
    pub(crate) fn within_callers_hard_limit(mut self) -> Rlimit {
        if let Ok((_, hard)) = crate::sys::rlimit::get(self.resource()) {
            self.hard = self.hard.min(hard);
            self.soft = self.soft.min(self.hard);
        }
        self
    }

    /// The name `--ulimit` uses: `nofile` for RLIMIT_NOFILE.
    pub(crate) fn flag_name(&self) -> String {
        self.typ
            .to_string()
            .trim_start_matches("RLIMIT_")
            .to_lowercase()
    }
}

/// The kernel's number of an `RLIMIT_*` type.
pub(crate) fn resource(typ: PosixRlimitType) -> Resource {
    use PosixRlimitType as T;
    match typ {
        T::RlimitCpu => libc::RLIMIT_CPU,
        T::RlimitFsize => libc::RLIMIT_FSIZE,
        T::RlimitData => libc::RLIMIT_DATA,
        T::RlimitStack => libc::RLIMIT_STACK,
        T::RlimitCore => libc::RLIMIT_CORE,
        T::RlimitRss => libc::RLIMIT_RSS,
        T::RlimitNproc => libc::RLIMIT_NPROC,
        T::RlimitNofile => libc::RLIMIT_NOFILE,
        T::RlimitMemlock => libc::RLIMIT_MEMLOCK,
        T::RlimitAs => libc::RLIMIT_AS,
        T::RlimitLocks => libc::RLIMIT_LOCKS,
        T::RlimitSigpending => libc::RLIMIT_SIGPENDING,
        T::RlimitMsgqueue => libc::RLIMIT_MSGQUEUE,
        T::RlimitNice => libc::RLIMIT_NICE,
        T::RlimitRtprio => libc::RLIMIT_RTPRIO,
        T::RlimitRttime => libc::RLIMIT_RTTIME,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_is_named_as_the_ulimit_flag_names_it() {
        let r = Rlimit {
            typ: PosixRlimitType::RlimitNofile,
            soft: 1,
            hard: 2,
        };
        assert_eq!(r.flag_name(), "nofile");
        assert_eq!(r.resource(), libc::RLIMIT_NOFILE);
        assert_eq!(resource(PosixRlimitType::RlimitRttime), libc::RLIMIT_RTTIME);
    }

    #[test]
    fn an_exec_asks_for_no_more_than_its_caller_holds() {
        let (_, hard) = crate::sys::rlimit::get(libc::RLIMIT_NOFILE).unwrap();
        let r = Rlimit {
            typ: PosixRlimitType::RlimitNofile,
            soft: u64::MAX,
            hard: u64::MAX,
        }
        .within_callers_hard_limit();
        assert_eq!((r.soft, r.hard), (hard, hard));
        let low = Rlimit {
            typ: PosixRlimitType::RlimitNofile,
            soft: 1,
            hard: 2,
        }
        .within_callers_hard_limit();
        assert_eq!((low.soft, low.hard), (1, 2.min(hard)));
    }
}
