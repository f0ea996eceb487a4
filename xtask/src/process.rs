//! Running external programs.
//!
//! Every command is echoed before it runs, so the user can see (and re-run by hand) what xtask
//! does. Commands that may hang are bounded by a deadline; commands whose output must be parsed
//! have their stdout teed: shown live and captured at the same time.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// How often a bounded command is polled.
const POLL: Duration = Duration::from_millis(100);

/// A `cargo` command using the same toolchain that runs xtask (cargo sets `$CARGO` for us).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Cargo's target directory for host builds.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// Whether `program` is an executable somewhere on `$PATH`.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A command that runs `program` as root: directly when we are root, else through `sudo -n`, which
/// fails at once instead of waiting for a password nobody will type.
pub fn privileged(program: &str) -> Command {
    if is_root() {
        Command::new(program)
    } else {
        let mut cmd = Command::new("sudo");
        cmd.args(["-n", program]);
        cmd
    }
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's effective user: no libc call (and no unsafe) needed.
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

/// The command line as a person would type it, with the variables and directory we changed.
pub fn describe(cmd: &Command) -> String {
    let mut parts = Vec::new();
    if let Some(dir) = cmd.get_current_dir() {
        parts.push(format!("(cd {} &&", dir.display()));
    }
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            parts.push(format!("{}={}", shell_word(key), shell_word(value)));
        }
    }
    // `cargo` reads better than the toolchain path in $CARGO.
    if std::env::var_os("CARGO").is_some_and(|cargo| cargo == cmd.get_program()) {
        parts.push("cargo".to_owned());
    } else {
        parts.push(shell_word(cmd.get_program()));
    }
    parts.extend(cmd.get_args().map(shell_word));
    let mut line = parts.join(" ");
    if cmd.get_current_dir().is_some() {
        line.push(')');
    }
    line
}

/// The text, quoted for a shell when it is empty or holds anything but plain characters.
fn shell_word(text: &OsStr) -> String {
    let text = text.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=,+%@".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn echo(cmd: &Command) {
    println!("$ {}", describe(cmd));
}

/// Runs `cmd` with inherited stdio and returns its exit status.
pub fn status(cmd: &mut Command) -> Result<ExitStatus> {
    echo(cmd);
    cmd.status().with_context(|| format!("cannot start `{}`", describe(cmd)))
}

/// Runs `cmd` with inherited stdio and fails unless it succeeds.
pub fn run(cmd: &mut Command) -> Result<()> {
    let status = status(cmd)?;
    check(cmd, status)
}

/// Fails with the command line when `status` is not a success.
pub fn check(cmd: &Command, status: ExitStatus) -> Result<()> {
    if !status.success() {
        bail!("`{}` failed ({status})", describe(cmd));
    }
    Ok(())
}

/// Runs `cmd` for at most `limit`, killing it at the deadline.
pub fn run_with_timeout(cmd: &mut Command, limit: Duration) -> Result<()> {
    echo(cmd);
    let mut child = cmd.spawn().with_context(|| format!("cannot start `{}`", describe(cmd)))?;
    match wait_until(&mut child, Instant::now() + limit)? {
        Some(status) => check(cmd, status),
        None => {
            // Already exited between the last poll and the kill is fine too.
            let _ = child.kill();
            child.wait()?;
            bail!("`{}` did not finish within {} s", describe(cmd), limit.as_secs())
        }
    }
}

/// Polls `child` until it exits (its status) or until `deadline` (`None`, still running).
pub fn wait_until(child: &mut Child, deadline: Instant) -> Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        thread::sleep(POLL);
    }
}

/// Runs `cmd`, showing its stdout live while also capturing it; stderr is left on the terminal
/// (that is where cargo prints its progress).
pub fn run_tee_stdout(cmd: &mut Command) -> Result<(ExitStatus, String)> {
    echo(cmd);
    let mut child = cmd.stdout(Stdio::piped()).spawn().with_context(|| format!("cannot start `{}`", describe(cmd)))?;
    let mut captured = Vec::new();
    if let Some(pipe) = child.stdout.take() {
        let mut reader = BufReader::new(pipe);
        let mut out = std::io::stdout();
        let mut line = Vec::new();
        // Line by line rather than all at the end: the user is watching the tests go by.
        while reader.read_until(b'\n', &mut line)? > 0 {
            out.write_all(&line)?;
            out.flush()?;
            captured.append(&mut line);
        }
    }
    let status = child.wait()?;
    Ok((status, String::from_utf8_lossy(&captured).into_owned()))
}
