//! A seccomp profile: rcon's model of it, and the OCI/Docker JSON format that
//! `--security-opt seccomp=PATH` and `seccomp_profile` in containers.conf name.
//!
//! The JSON format: `defaultAction` (`SCMP_ACT_*`) with `defaultErrnoRet`; `architectures`
//! (`SCMP_ARCH_*`) or `archMap` (an architecture with its sub-architectures); `syscalls`, each
//! with `names` (or the older single `name`), an `action` with `errnoRet`, `args` (`index`,
//! `value`, `valueTwo`, `op` as `SCMP_CMP_*`; for `SCMP_CMP_MASKED_EQ` `value` is the mask and
//! `valueTwo` the value compared), and `includes`/`excludes` with `caps`, `arches` (Go's names:
//! amd64, arm64 …) and `minKernel`. Unknown keys (`comment`, `flags`) are ignored.
use serde::Deserialize;

/// What a matching system call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Allow,
    Errno(u32),
    KillThread,
    KillProcess,
    Trap,
    Trace(u32),
    Log,
}

/// How an argument is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Ne,
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
    MaskedEq,
}

/// One argument comparison of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArgRule {
    pub(crate) index: u32,
    pub(crate) value: u64,
    pub(crate) value_two: u64,
    pub(crate) op: Op,
}

/// When a rule applies: in `includes`, every capability listed is held and the architecture is
/// one listed; in `excludes`, none of the capabilities is held and the architecture is none of
/// those listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Condition {
    pub(crate) caps: Vec<String>,
    pub(crate) arches: Vec<String>,
}

/// One rule: `names` get `action` when `args` all match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    pub(crate) names: Vec<String>,
    pub(crate) action: Action,
    pub(crate) args: Vec<ArgRule>,
    pub(crate) includes: Condition,
    pub(crate) excludes: Condition,
    /// `includes.minKernel` as (major, minor).
    pub(crate) min_kernel: Option<(u32, u32)>,
}

impl Rule {
    pub(crate) fn new(names: Vec<String>, action: Action) -> Rule {
        Rule {
            names,
            action,
            args: Vec::new(),
            includes: Condition::default(),
            excludes: Condition::default(),
            min_kernel: None,
        }
    }
}

/// A whole profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    pub(crate) default_action: Action,
    /// `SCMP_ARCH_*` names beside the native one; empty: the native one and its
    /// sub-architectures.
    pub(crate) architectures: Vec<String>,
    pub(crate) syscalls: Vec<Rule>,
}

/// Why a profile was refused: one line naming the field.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ProfileError {
    #[error("not a seccomp profile in JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("unknown action {0:?} (expected SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_TRACE or SCMP_ACT_LOG)")]
    Action(String),
    #[error(
        "unknown comparison {0:?} (expected SCMP_CMP_NE, _LT, _LE, _EQ, _GE, _GT or _MASKED_EQ)"
    )]
    Op(String),
    #[error("argument index {0} is out of range (0 to 5)")]
    Index(u32),
    #[error("a rule names no system call")]
    NoNames,
    #[error("minKernel {0:?} is not a kernel version such as \"5.8\"")]
    MinKernel(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonProfile {
    default_action: String,
    default_errno_ret: Option<u32>,
    #[serde(default)]
    architectures: Vec<String>,
    #[serde(default)]
    arch_map: Vec<JsonArchMap>,
    #[serde(default)]
    syscalls: Option<Vec<JsonRule>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonArchMap {
    architecture: String,
    #[serde(default)]
    sub_architectures: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonRule {
    #[serde(default)]
    names: Vec<String>,
    name: Option<String>,
    action: String,
    errno_ret: Option<u32>,
    #[serde(default)]
    args: Option<Vec<JsonArg>>,
    #[serde(default)]
    includes: JsonCondition,
    #[serde(default)]
    excludes: JsonCondition,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonArg {
    index: u32,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsonCondition {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    min_kernel: Option<String>,
}

fn action(name: &str, errno: Option<u32>) -> Result<Action, ProfileError> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno.unwrap_or(libc::EPERM as u32)),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_TRACE" => Action::Trace(errno.unwrap_or(libc::EPERM as u32)),
        "SCMP_ACT_LOG" => Action::Log,
        other => return Err(ProfileError::Action(other.into())),
    })
}

fn op(name: &str) -> Result<Op, ProfileError> {
    Ok(match name {
        "SCMP_CMP_NE" => Op::Ne,
        "SCMP_CMP_LT" => Op::Lt,
        "SCMP_CMP_LE" => Op::Le,
        "SCMP_CMP_EQ" => Op::Eq,
        "SCMP_CMP_GE" => Op::Ge,
        "SCMP_CMP_GT" => Op::Gt,
        "SCMP_CMP_MASKED_EQ" => Op::MaskedEq,
        other => return Err(ProfileError::Op(other.into())),
    })
}

/// "5.8" or "5.8.0" as (5, 8).
pub(crate) fn kernel_version(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.split(['.', '-', '+']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().unwrap_or("0").parse().ok()?;
    Some((major, minor))
}

impl Profile {
    /// Reads a profile in the OCI/Docker JSON format.
    pub(crate) fn from_json(text: &[u8]) -> Result<Profile, ProfileError> {
        let json: JsonProfile = serde_json::from_slice(text)?;
        let mut architectures = json.architectures;
        for m in json.arch_map {
            architectures.push(m.architecture);
            architectures.extend(m.sub_architectures);
        }
        let mut syscalls = Vec::new();
        for r in json.syscalls.unwrap_or_default() {
            let mut names = r.names;
            names.extend(r.name);
            if names.is_empty() {
                return Err(ProfileError::NoNames);
            }
            let mut args = Vec::new();
            for a in r.args.unwrap_or_default() {
                if a.index > 5 {
                    return Err(ProfileError::Index(a.index));
                }
                args.push(ArgRule {
                    index: a.index,
                    value: a.value,
                    value_two: a.value_two,
                    op: op(&a.op)?,
                });
            }
            let min_kernel = match r.includes.min_kernel {
                Some(k) => Some(kernel_version(&k).ok_or(ProfileError::MinKernel(k))?),
                None => None,
            };
            syscalls.push(Rule {
                names,
                action: action(&r.action, r.errno_ret)?,
                args,
                includes: Condition {
                    caps: r.includes.caps,
                    arches: r.includes.arches,
                },
                excludes: Condition {
                    caps: r.excludes.caps,
                    arches: r.excludes.arches,
                },
                min_kernel,
            });
        }
        Ok(Profile {
            default_action: action(&json.default_action, json.default_errno_ret)?,
            architectures,
            syscalls,
        })
    }
}

/// Whether `rule` applies to a container holding `caps` (`CAP_*` names) on `arch` (Go's name
/// of the machine: amd64, arm64 …) under kernel `kernel`.
pub(crate) fn applies(rule: &Rule, caps: &[String], arch: &str, kernel: (u32, u32)) -> bool {
    let holds = |c: &String| caps.iter().any(|h| h.eq_ignore_ascii_case(c));
    let inc = &rule.includes;
    let exc = &rule.excludes;
    inc.caps.iter().all(holds)
        && (inc.arches.is_empty() || inc.arches.iter().any(|a| a == arch))
        && rule.min_kernel.is_none_or(|k| kernel >= k)
        && !exc.caps.iter().any(holds)
        && !exc.arches.iter().any(|a| a == arch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_docker_profile_reads_with_its_defaults() {
        let p = Profile::from_json(
            br#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
                 "syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW","comment":"x"},
                             {"name":"mkdir","action":"SCMP_ACT_ERRNO","errnoRet":13,
                              "args":[{"index":1,"value":511,"op":"SCMP_CMP_EQ"}],
                              "includes":{"minKernel":"4.8"}}]}"#,
        )
        .unwrap();
        assert_eq!(p.default_action, Action::Errno(libc::EPERM as u32));
        assert_eq!(p.syscalls.len(), 2);
        assert_eq!(p.syscalls[1].names, vec!["mkdir".to_string()]);
        assert_eq!(p.syscalls[1].action, Action::Errno(13));
        assert_eq!(p.syscalls[1].args[0].op, Op::Eq);
        assert_eq!(p.syscalls[1].min_kernel, Some((4, 8)));
    }

    #[test]
    fn bad_actions_ops_and_indices_are_named() {
        let bad = |s: &str| Profile::from_json(s.as_bytes()).unwrap_err().to_string();
        assert!(bad(r#"{"defaultAction":"SCMP_ACT_NOTIFY"}"#).contains("SCMP_ACT_NOTIFY"));
        assert!(bad(
            r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["x"],"action":"SCMP_ACT_ALLOW","args":[{"index":9,"value":0,"op":"SCMP_CMP_EQ"}]}]}"#
        )
        .contains("index 9"));
        assert!(bad(
            r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["x"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"LIKE"}]}]}"#
        )
        .contains("LIKE"));
        assert!(bad("[1,2]").starts_with("not a seccomp profile"));
    }

    #[test]
    fn capability_and_architecture_conditions_decide_whether_a_rule_applies() {
        let mut r = Rule::new(vec!["bpf".into()], Action::Allow);
        r.includes.caps = vec!["CAP_SYS_ADMIN".into()];
        let admin = vec!["CAP_SYS_ADMIN".to_string()];
        assert!(applies(&r, &admin, "amd64", (6, 1)));
        assert!(!applies(&r, &[], "amd64", (6, 1)));
        let mut d = Rule::new(vec!["bpf".into()], Action::Errno(1));
        d.excludes.caps = vec!["CAP_SYS_ADMIN".into()];
        assert!(!applies(&d, &admin, "amd64", (6, 1)));
        assert!(applies(&d, &[], "amd64", (6, 1)));
        let mut a = Rule::new(vec!["arch_prctl".into()], Action::Allow);
        a.includes.arches = vec!["amd64".into()];
        assert!(applies(&a, &[], "amd64", (6, 1)));
        assert!(!applies(&a, &[], "arm64", (6, 1)));
        a.min_kernel = Some((6, 2));
        assert!(!applies(&a, &[], "amd64", (6, 1)));
        assert!(applies(&a, &[], "amd64", (6, 18)));
    }
}
