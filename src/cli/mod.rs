//! Command-line definitions (clap) and the handlers behind them.
