//! Stages as a graph: every stage whose dependencies are done starts at once, up to `--jobs`.
use std::collections::BTreeSet;
use std::sync::{Condvar, Mutex};

#[derive(Default)]
struct Board {
    done: BTreeSet<usize>,
    running: BTreeSet<usize>,
    failed: bool,
}

/// Runs `work` for every stage in `stages`, each once all of its `deps` finished, at most
/// `jobs` at a time, on scoped threads. The first error stops new stages from starting; the
/// running ones finish, and that error is returned.
pub(crate) fn run<E: Send>(
    stages: &BTreeSet<usize>,
    deps: &[BTreeSet<usize>],
    jobs: usize,
    work: &(dyn Fn(usize) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let board = Mutex::new(Board::default());
    let wake = Condvar::new();
    let first_error: Mutex<Option<E>> = Mutex::new(None);
    let jobs = jobs.max(1).min(stages.len().max(1));
    let ready = |b: &Board| {
        stages.iter().copied().find(|s| {
            !b.done.contains(s)
                && !b.running.contains(s)
                && deps[*s]
                    .iter()
                    .all(|d| b.done.contains(d) || !stages.contains(d))
        })
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let stage = {
                    let mut b = board.lock().unwrap_or_else(|p| p.into_inner());
                    loop {
                        if b.failed || b.done.len() == stages.len() {
                            return;
                        }
                        if let Some(s) = ready(&b) {
                            b.running.insert(s);
                            break s;
                        }
                        b = wake.wait(b).unwrap_or_else(|p| p.into_inner());
                    }
                };
                let result = work(stage);
                let mut b = board.lock().unwrap_or_else(|p| p.into_inner());
                b.running.remove(&stage);
                match result {
                    Ok(()) => {
                        b.done.insert(stage);
                    }
                    Err(e) => {
                        b.failed = true;
                        first_error
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .get_or_insert(e);
                    }
                }
                wake.notify_all();
            });
        }
    });
    match first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn deps(list: &[&[usize]]) -> Vec<BTreeSet<usize>> {
        list.iter().map(|d| d.iter().copied().collect()).collect()
    }

    #[test]
    fn independent_stages_run_at_the_same_time_and_order_holds() {
        let d = deps(&[&[], &[], &[0, 1]]);
        let log = Mutex::new(Vec::new());
        let start = Instant::now();
        run(&[0, 1, 2].into(), &d, 4, &|s| -> Result<(), ()> {
            log.lock().unwrap().push(("start", s));
            std::thread::sleep(Duration::from_millis(200));
            log.lock().unwrap().push(("end", s));
            Ok(())
        })
        .unwrap();
        // 0 and 1 overlap (two sleeps of 200 ms in well under 600), 2 starts after both.
        assert!(start.elapsed() < Duration::from_millis(590));
        let log = log.into_inner().unwrap();
        let pos = |e| log.iter().position(|x| *x == e).unwrap();
        assert!(pos(("start", 2)) > pos(("end", 0)));
        assert!(pos(("start", 2)) > pos(("end", 1)));
    }

    #[test]
    fn one_job_runs_in_order_and_an_error_stops_the_rest() {
        let d = deps(&[&[], &[0], &[1]]);
        let ran = Mutex::new(Vec::new());
        let r = run(&[0, 1, 2].into(), &d, 1, &|s| {
            ran.lock().unwrap().push(s);
            if s == 1 {
                Err(format!("stage {s} failed"))
            } else {
                Ok(())
            }
        });
        assert_eq!(r.unwrap_err(), "stage 1 failed");
        assert_eq!(ran.into_inner().unwrap(), [0, 1]);
    }
}
