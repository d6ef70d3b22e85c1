//! `--log-level`: log records on stderr in logrus's text form, as Podman prints them.
use super::LogLevel;
use log::{Level, LevelFilter, Log, Metadata, Record};

struct StderrLogger;

impl Log for StderrLogger {
    fn enabled(&self, m: &Metadata) -> bool {
        m.level() <= log::max_level()
    }

    fn log(&self, r: &Record) {
        if self.enabled(r.metadata()) {
            let level = match r.level() {
                Level::Error => "error",
                Level::Warn => "warning",
                Level::Info => "info",
                Level::Debug => "debug",
                Level::Trace => "trace",
            };
            eprintln!(
                "time=\"{}\" level={level} msg=\"{}\"",
                crate::util::time::now_rfc3339_nano(),
                r.args()
            );
        }
    }

    fn flush(&self) {}
}

pub(crate) fn init(level: LogLevel) {
    let filter = match level {
        LogLevel::Trace => LevelFilter::Trace,
        LogLevel::Debug => LevelFilter::Debug,
        LogLevel::Info => LevelFilter::Info,
        LogLevel::Warn => LevelFilter::Warn,
        LogLevel::Error | LogLevel::Fatal | LogLevel::Panic => LevelFilter::Error,
    };
    if log::set_logger(&StderrLogger).is_ok() {
        log::set_max_level(filter);
    }
}
