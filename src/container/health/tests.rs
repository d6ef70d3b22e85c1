use super::state::{apply, HealthState, Kind, LogEntry};
use super::*;
use serde_json::json;

fn cfg(retries: u32) -> HealthConfig {
    resolve(
        &json!({"config": {}}),
        &HealthFlags {
            test: Some(vec!["CMD".into(), "true".into()]),
            retries: Some(retries),
            ..HealthFlags::default()
        },
    )
    .unwrap()
}

fn result(code: i32) -> LogEntry {
    LogEntry {
        exit_code: code,
        output: "x".repeat(600),
        ..LogEntry::default()
    }
}

#[test]
fn the_image_healthcheck_is_used_and_flags_override_it() {
    let img = json!({"config": {"Healthcheck": {
        "Test": ["CMD-SHELL", "curl -f localhost"], "Interval": 5_000_000_000u64, "Retries": 0
    }}});
    let c = resolve(&img, &HealthFlags::default()).unwrap();
    assert_eq!(c.test, ["CMD-SHELL", "curl -f localhost"]);
    assert_eq!(c.interval, 5 * SECOND);
    assert_eq!(
        c.retries, DEFAULT_RETRIES,
        "zero in the image means the default"
    );
    assert_eq!(c.timeout, DEFAULT_TIMEOUT);
    let flags = HealthFlags {
        interval: Some(SECOND),
        ..HealthFlags::default()
    };
    assert_eq!(resolve(&img, &flags).unwrap().interval, SECOND);
    let off = HealthFlags {
        disable: true,
        ..HealthFlags::default()
    };
    assert_eq!(resolve(&img, &off), None);
    let none = json!({"config": {"Healthcheck": {"Test": ["NONE"]}}});
    assert_eq!(resolve(&none, &HealthFlags::default()), None);
    assert_eq!(resolve(&json!({}), &HealthFlags::default()), None);
}

#[test]
fn health_cmd_takes_a_shell_string_a_json_array_or_none() {
    assert_eq!(
        parse_test("curl -f x || exit 1").unwrap(),
        Some(vec!["CMD-SHELL".into(), "curl -f x || exit 1".into()])
    );
    assert_eq!(
        parse_test(r#"["CMD","ls","/"]"#).unwrap(),
        Some(vec!["CMD".into(), "ls".into(), "/".into()])
    );
    assert_eq!(
        parse_test(r#"["ls","/"]"#).unwrap(),
        Some(vec!["CMD".into(), "ls".into(), "/".into()])
    );
    assert_eq!(parse_test("none").unwrap(), None);
    assert!(parse_test("").is_err());
    assert!(parse_test(r#"["CMD"]"#).is_err());
    assert!(parse_test("[1,2]").is_err());
    assert_eq!(
        argv(&["CMD-SHELL".into(), "a b".into()]),
        ["/bin/sh", "-c", "a b"]
    );
    assert_eq!(argv(&["CMD".into(), "a".into(), "b".into()]), ["a", "b"]);
}

#[test]
fn durations_are_gos_and_intervals_at_least_a_second() {
    assert_eq!(parse_duration("1m30s").unwrap(), 90 * SECOND);
    assert_eq!(parse_duration("500ms").unwrap(), SECOND / 2);
    assert_eq!(parse_duration("1.5s").unwrap(), 3 * SECOND / 2);
    assert_eq!(parse_duration("0").unwrap(), 0);
    assert!(parse_duration("5").is_err());
    assert!(parse_duration("-1s").is_err());
    assert!(parse_duration("abc").is_err());
    assert_eq!(parse_interval("disable").unwrap(), 0);
    assert!(parse_interval("500ms").is_err());
    assert!(parse_at_least_second("0s").is_err());
    assert_eq!(parse_on_failure("restart").unwrap(), OnFailure::Restart);
    assert!(parse_on_failure("explode").is_err());
    assert!(parse_log_destination("local").is_ok());
    assert!(parse_log_destination("relative/dir").is_err());
}

#[test]
fn failures_turn_unhealthy_at_retries_and_a_success_heals() {
    let c = cfg(2);
    let mut st = HealthState::default();
    let v = apply(&mut st, &c, Kind::Regular, result(1), false);
    assert_eq!(
        (st.status, st.failing_streak, v.changed),
        (Status::Starting, 1, None)
    );
    let v = apply(&mut st, &c, Kind::Regular, result(1), false);
    assert!(v.turned_unhealthy());
    assert_eq!(st.failing_streak, 2);
    let v = apply(&mut st, &c, Kind::Regular, result(0), false);
    assert_eq!(v.changed, Some((Status::Unhealthy, Status::Healthy)));
    assert_eq!(st.failing_streak, 0);
}

#[test]
fn failures_in_the_start_period_do_not_count() {
    let c = cfg(1);
    let mut st = HealthState::default();
    apply(&mut st, &c, Kind::Regular, result(1), true);
    assert_eq!((st.status, st.failing_streak), (Status::Starting, 0));
    apply(&mut st, &c, Kind::Regular, result(0), true);
    assert_eq!(st.status, Status::Healthy);
}

#[test]
fn the_log_keeps_the_last_results_cut_to_size() {
    let c = cfg(3);
    let mut st = HealthState::default();
    for code in 0..7 {
        apply(&mut st, &c, Kind::Regular, result(code), false);
    }
    assert_eq!(st.log.len(), DEFAULT_MAX_LOG_COUNT as usize);
    assert_eq!(st.log[0].exit_code, 2);
    assert_eq!(st.log[4].output.len(), DEFAULT_MAX_LOG_SIZE as usize);
}

#[test]
fn the_startup_check_passes_after_its_successes_or_fails_after_its_retries() {
    let mut c = cfg(3);
    c.startup = Some(StartupConfig {
        test: vec!["CMD".into(), "true".into()],
        interval: SECOND,
        timeout: SECOND,
        retries: 2,
        success: 2,
    });
    let mut st = HealthState::default();
    assert!(!apply(&mut st, &c, Kind::Startup, result(0), false).startup_passed);
    assert!(apply(&mut st, &c, Kind::Startup, result(0), false).startup_passed);
    assert_eq!(
        st.status,
        Status::Starting,
        "startup results leave the status"
    );
    let mut st = HealthState::default();
    assert!(!apply(&mut st, &c, Kind::Startup, result(1), false).startup_failed);
    assert!(apply(&mut st, &c, Kind::Startup, result(1), false).startup_failed);
}
