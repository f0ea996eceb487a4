//! `cargo xtask`: the project's build, run and test automation.
//!
//! It is written in Rust so that a fresh machine needs nothing but rustup: every other tool (the
//! wasm target, npm packages, Chromium) is installed on first use, idempotently. See
//! `shared/docs/TOOLCHAIN.md` for why each tool is the one it is.
//!
//! - `web`: build the single-page app into `frontend/dist/` ([`web`]).
//! - `run`: build everything and start the `trellis` launcher ([`run`]).
//! - `test`: the whole suite, stage by stage, with a summary ([`test`]).

mod process;
mod run;
mod test;
mod toolchain;
mod web;

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(bin_name = "cargo xtask", about = "Build, run and test Trellis")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the single-page app into frontend/dist/.
    Web {
        /// Unoptimised debug build, without wasm-opt: faster to build, bigger to download.
        #[arg(long)]
        dev: bool,
    },
    /// Build everything and start Trellis (every service and the gateway in one process).
    Run {
        /// Build the SPA in dev mode and log at debug level.
        #[arg(long)]
        dev: bool,
        /// Extra arguments for the launcher, after `--`.
        #[arg(last = true)]
        args: Vec<OsString>,
    },
    /// Run the whole suite: fmt, clippy, services, sqlite, postgres, wasm, browser.
    Test {
        /// Stop at the first failed stage.
        #[arg(long)]
        fail_fast: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Printed by hand: returning the error from main would add a backtrace whenever
    // RUST_BACKTRACE is set, burying the one line that says what went wrong.
    main_with(cli).unwrap_or_else(|err| {
        eprintln!("error: {err:#}");
        ExitCode::FAILURE
    })
}

fn main_with(cli: Cli) -> anyhow::Result<ExitCode> {
    // Every path below is relative to the workspace root, whichever directory cargo was run from.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().context("xtask has no parent directory")?;
    std::env::set_current_dir(root).with_context(|| format!("cannot enter the workspace root {}", root.display()))?;

    match cli.command {
        Command::Web { dev } => {
            web::build(dev)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Run { dev, args } => run::run(dev, &args),
        Command::Test { fail_fast } => Ok(test::run(fail_fast)),
    }
}
