//! The resource-limit flags shared by `run`, `create` and `update` (Podman's names), and the
//! cgroup decision `run`/`create` make from them before anything runs.
use crate::linux::cgroup::{self, LimitFlags, Placement};
use clap::Args;

/// Why the resource flags cannot become a cgroup placement: a limit out of range, or a
/// controller the host does not delegate.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PlacementError {
    #[error(transparent)]
    Limit(#[from] cgroup::limits::LimitError),
    #[error(transparent)]
    Cgroup(#[from] cgroup::CgroupError),
}

// `--memory`, `--cpus`, `--pids-limit` …
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct ResourceArgs {
    /// Memory limit (e.g. 512m, 1g; -1 for none)
    #[arg(short = 'm', long, value_name = "SIZE", allow_hyphen_values = true)]
    pub(crate) memory: Option<String>,
    /// Memory plus swap limit (-1 for unlimited swap)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub(crate) memory_swap: Option<String>,
    /// Memory soft limit (memory.low)
    #[arg(long, value_name = "SIZE")]
    pub(crate) memory_reservation: Option<String>,
    /// Number of CPUs (e.g. 0.5): a CFS quota per 100ms period
    #[arg(long, value_name = "NUMBER")]
    pub(crate) cpus: Option<String>,
    /// CPU shares (relative weight, cgroup v1 scale 2-262144)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub(crate) cpu_shares: Option<u64>,
    /// CPU weight (cgroup v2 scale 1-10000)
    #[arg(long, value_name = "WEIGHT")]
    pub(crate) cpu_weight: Option<u64>,
    /// CPU CFS quota in microseconds per period (-1 for none)
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub(crate) cpu_quota: Option<i64>,
    /// CPU CFS period in microseconds
    #[arg(long, value_name = "MICROSECONDS")]
    pub(crate) cpu_period: Option<u64>,
    /// CPUs the container may run on (e.g. 0-1,3)
    #[arg(long, value_name = "CPUS")]
    pub(crate) cpuset_cpus: Option<String>,
    /// Process limit (default 2048 where the pids controller is delegated; -1 for none)
    #[arg(long, value_name = "LIMIT", allow_hyphen_values = true)]
    pub(crate) pids_limit: Option<i64>,
    /// Block I/O weight (10-1000)
    #[arg(long, value_name = "WEIGHT")]
    pub(crate) blkio_weight: Option<u64>,
    /// The container process's OOM score adjustment (-1000 to 1000)
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    pub(crate) oom_score_adj: Option<i32>,
}

impl ResourceArgs {
    /// The flags as the limits module takes them.
    pub(crate) fn to_flags(&self) -> LimitFlags {
        LimitFlags {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            memory_reservation: self.memory_reservation.clone(),
            cpus: self.cpus.clone(),
            cpu_shares: self.cpu_shares,
            cpu_weight: self.cpu_weight,
            cpu_quota: self.cpu_quota,
            cpu_period: self.cpu_period,
            cpuset_cpus: self.cpuset_cpus.clone(),
            pids_limit: self.pids_limit.or_else(|| {
                crate::config::containers_conf::ContainersConf::current()
                    .containers
                    .pids_limit
            }),
            blkio_weight: self.blkio_weight,
            oom_score_adj: self.oom_score_adj,
        }
    }

    /// Validates the limits and decides the container's cgroup (`None`: nothing to keep);
    /// a v1 host's warning is logged here, once.
    pub(crate) fn placement(
        &self,
        manager: Option<cgroup::Manager>,
    ) -> Result<Option<Placement>, PlacementError> {
        let resources = self.to_flags().to_resources(None)?;
        let given = self.pids_limit.is_some()
            || crate::config::containers_conf::ContainersConf::current()
                .containers
                .pids_limit
                .is_some();
        let decision = cgroup::decide(manager, &resources, given)?;
        if let Some(w) = decision.warning {
            log::warn!("{w}");
        }
        if decision.manager.is_none() && decision.resources == cgroup::Resources::default() {
            return Ok(None);
        }
        Ok(Some(Placement {
            manager: decision.manager,
            resources: decision.resources,
            pod_limits: false,
            in_pod: false,
        }))
    }
}
