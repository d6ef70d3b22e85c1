//! Facts about processes read from `/proc`.
use std::fs;

/// Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot.
pub(crate) fn process_start_time(pid: i32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn this_process_has_a_start_time() {
        assert!(super::process_start_time(std::process::id() as i32).is_some());
        assert_eq!(super::process_start_time(-1), None);
    }
}
