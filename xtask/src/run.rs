//! `cargo xtask run`: build the SPA and the launcher, then become the launcher.
//!
//! xtask replaces itself with `trellis` (`exec`) instead of waiting for it. Ctrl-C in a terminal
//! sends SIGINT to the whole foreground process group; a waiting xtask would die at once and hand
//! the prompt back while the launcher is still shutting down. With `exec` there is only one
//! process, it shuts down cleanly, and its exit status is the one the shell sees.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};

use crate::{process, web};

/// The log filter of `--dev`, unless `RUST_LOG` says otherwise.
const DEV_LOG: &str = "info,trellis=debug";

/// Builds what is stale and starts Trellis with `extra` appended to its arguments.
pub fn run(dev: bool, extra: &[OsString]) -> Result<ExitCode> {
    web::build(dev)?;
    process::run(process::cargo().args(["build", "-p", "trellis"]))?;

    let mut launcher = Command::new(process::target_dir().join("debug/trellis"));
    launcher.args(["--data-dir", "data", "--spa-dir", "frontend/dist"]).args(extra);
    if dev && std::env::var_os("RUST_LOG").is_none() {
        launcher.env("RUST_LOG", DEV_LOG);
    }
    println!("$ {}", process::describe(&launcher));
    // `exec` only returns when it could not start the program.
    let err = launcher.exec();
    Err(err).with_context(|| format!("cannot start `{}`", process::describe(&launcher)))
}
