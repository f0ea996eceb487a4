//! `cargo xtask test`: the whole suite, as CI runs it.
//!
//! Stages run in order and each one's output streams live; a summary table at the end says what
//! passed, what failed and what did not run, and the exit code is non-zero if anything failed.
//! Test stages that ran no test fail: a green run that proves nothing is worse than a red one.

use std::cell::Cell;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::{Child, Command, ExitCode};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::process::{self, on_path};
use crate::toolchain::{self, WasmRoute};
use crate::web;

const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";
const PG_START: &str = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
const REDIS_START: &str = r#"redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no"#;
/// How long a freshly started PostgreSQL or Redis gets to accept connections.
const SERVICE_START_TIMEOUT: Duration = Duration::from_secs(15);
/// The launcher migrates a handful of fresh SQLite databases before it is healthy.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(90);
/// How long the launcher gets to shut down after SIGINT before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);
/// Lines of the launcher's log shown when the browser stage fails.
const LOG_TAIL: usize = 60;

/// Runs every stage and returns the exit code for the whole suite.
pub fn run(fail_fast: bool) -> ExitCode {
    let mut suite = Suite { fail_fast, stages: Vec::new() };
    let tally = Cell::new(Counts::default());
    let count = |counts: Counts| tally.set(tally.get() + counts);

    suite.stage("fmt", || {
        toolchain::ensure_rustup_component("rustfmt")?;
        process::run(process::cargo().args(["fmt", "--all", "--check"]))?;
        Ok(((), String::new()))
    });
    suite.stage("clippy", clippy);
    let services = suite.stage("services", services);
    suite.stage("sqlite", || {
        let mut cmd = process::cargo();
        cmd.args(["test", "--workspace"]).env_remove("TEST_DATABASE_URL").env_remove("TEST_REDIS_URL");
        cargo_test(cmd, fail_fast, count)
    });
    if let Some(services) = services {
        suite.stage("postgres", || {
            let mut cmd = process::cargo();
            // The integration-test targets only: unit tests do not touch a database.
            cmd.args(["test", "--workspace", "--test", "*"])
                .env("TEST_DATABASE_URL", &services.database_url)
                .env("TEST_REDIS_URL", &services.redis_url);
            cargo_test(cmd, fail_fast, count)
        });
    } else {
        suite.skip("postgres", "services failed");
    }
    let wasm = suite.stage("wasm", || {
        let built = web::build(false)?;
        Ok(((), built.size_summary()?))
    });
    if wasm.is_some() {
        suite.stage("browser", || browser(count));
    } else {
        suite.skip("browser", "wasm failed");
    }
    suite.finish(tally.get())
}

/// The stages run so far and how they went.
struct Suite {
    fail_fast: bool,
    stages: Vec<Stage>,
}

struct Stage {
    name: &'static str,
    outcome: Outcome,
    took: Option<Duration>,
}

enum Outcome {
    Ok(String),
    Failed(String),
    NotRun(String),
}

impl Suite {
    /// Runs one stage unless fail-fast has already stopped the suite. `body` returns a value for
    /// later stages and a detail for the summary; `None` means the stage failed or did not run.
    fn stage<T>(&mut self, name: &'static str, body: impl FnOnce() -> Result<(T, String)>) -> Option<T> {
        if self.stopped() {
            self.skip(name, "fail-fast");
            return None;
        }
        println!("\n==> {name}");
        let started = Instant::now();
        let result = body();
        let took = Some(started.elapsed());
        match result {
            Ok((value, detail)) => {
                self.stages.push(Stage { name, outcome: Outcome::Ok(detail), took });
                Some(value)
            }
            Err(err) => {
                println!("==> {name} FAILED: {err:#}");
                let first_line = format!("{err:#}").lines().next().unwrap_or_default().to_owned();
                self.stages.push(Stage { name, outcome: Outcome::Failed(first_line), took });
                None
            }
        }
    }

    /// Records a stage that did not run because of `why` (or because fail-fast stopped the suite).
    fn skip(&mut self, name: &'static str, why: &str) {
        let why = if self.stopped() { "fail-fast" } else { why };
        self.stages.push(Stage { name, outcome: Outcome::NotRun(why.to_owned()), took: None });
    }

    /// Whether fail-fast has stopped the suite.
    fn stopped(&self) -> bool {
        self.fail_fast && self.any_failed()
    }

    fn any_failed(&self) -> bool {
        self.stages.iter().any(|stage| matches!(stage.outcome, Outcome::Failed(_)))
    }

    /// Prints the summary table and the overall test count; returns the exit code.
    fn finish(self, tally: Counts) -> ExitCode {
        println!("\n==> summary");
        for stage in &self.stages {
            let (state, detail) = match &stage.outcome {
                Outcome::Ok(detail) => ("ok", detail),
                Outcome::Failed(detail) => ("FAILED", detail),
                Outcome::NotRun(detail) => ("not run", detail),
            };
            let took = stage.took.map_or_else(|| "-".to_owned(), |took| format!("{:.1}s", took.as_secs_f64()));
            println!("{:<10} {state:<8} {took:>8}  {detail}", stage.name);
        }
        // The one closing line that sums up every test stage, for people and for CI.
        println!("tests: {tally}");
        if self.any_failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
    }
}

/// Tests that passed, failed and were skipped.
#[derive(Clone, Copy, Default)]
struct Counts {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl std::ops::Add for Counts {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        Self {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
            ignored: self.ignored + other.ignored,
        }
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} passed, {} failed, {} skipped", self.passed, self.failed, self.ignored)
    }
}

impl Counts {
    /// Sums libtest's `test result: ok. 5 passed; 0 failed; 1 ignored; ...` lines.
    fn from_libtest(output: &str) -> Self {
        let mut counts = Self::default();
        for line in output.lines() {
            let Some(rest) = line.trim().strip_prefix("test result:") else {
                continue;
            };
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(label), Some(number)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(number) = number.parse::<u64>() else {
                    continue;
                };
                match label {
                    "passed" => counts.passed += number,
                    "failed" => counts.failed += number,
                    "ignored" => counts.ignored += number,
                    _ => {}
                }
            }
        }
        counts
    }

    /// Reads the totals of node's test runner (`ℹ pass 3`, or `# pass 3` from the TAP reporter).
    fn from_node(output: &str) -> Self {
        let mut counts = Self::default();
        for line in output.lines() {
            let line = line.trim();
            let Some(rest) = line.strip_prefix("ℹ ").or_else(|| line.strip_prefix("# ")) else {
                continue;
            };
            let Some((label, number)) = rest.split_once(' ') else {
                continue;
            };
            let Ok(number) = number.trim().parse::<u64>() else {
                continue;
            };
            match label {
                "pass" => counts.passed += number,
                // A cancelled test (e.g. timed out) did not pass either.
                "fail" | "cancelled" => counts.failed += number,
                "skipped" | "todo" => counts.ignored += number,
                _ => {}
            }
        }
        counts
    }
}

/// Lints the host build, then the SPA as the browser gets it (wasm-only code paths).
fn clippy() -> Result<((), String)> {
    toolchain::ensure_rustup_component("clippy")?;
    process::run(process::cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    let route = toolchain::ensure_wasm_toolchain()?;
    process::run(route.cargo("clippy").args(["-p", "frontend", "--", "-D", "warnings"]))?;
    let wasm_compiler = match route {
        WasmRoute::Rustup => "rustup",
        WasmRoute::Apt => "Debian's rustc-web",
    };
    Ok(((), format!("host and wasm32 ({wasm_compiler})")))
}

/// Runs a `cargo test` command, adds its counts to the tally and judges it.
fn cargo_test(mut cmd: Command, fail_fast: bool, count: impl Fn(Counts)) -> Result<((), String)> {
    if !fail_fast {
        // Every test binary, so that the summary counts all failures, not only the first.
        cmd.arg("--no-fail-fast");
    }
    let (status, output) = process::run_tee_stdout(&mut cmd)?;
    let counts = Counts::from_libtest(&output);
    count(counts);
    if !status.success() {
        bail!("{counts} ({status})");
    }
    if counts.passed == 0 {
        bail!("no test passed: a stage that runs nothing proves nothing");
    }
    Ok(((), counts.to_string()))
}

/// Where the PostgreSQL/Redis test stages find their servers.
struct Services {
    database_url: String,
    redis_url: String,
}

/// Makes sure PostgreSQL and Redis accept connections, starting the local ones if needed.
fn services() -> Result<(Services, String)> {
    let database_url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
    let redis_url = std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| DEFAULT_REDIS_URL.to_owned());
    let postgres = Service {
        name: "PostgreSQL",
        var: "TEST_DATABASE_URL",
        url: &database_url,
        default_url: DEFAULT_DATABASE_URL,
        default_port: 5432,
        start_hint: PG_START,
        start: postgres_start,
    };
    let redis = Service {
        name: "Redis",
        var: "TEST_REDIS_URL",
        url: &redis_url,
        default_url: DEFAULT_REDIS_URL,
        default_port: 6379,
        start_hint: REDIS_START,
        start: redis_start,
    };
    // Both checked before failing, so that one run tells about both.
    match (postgres.ensure_reachable(), redis.ensure_reachable()) {
        (Ok(postgres), Ok(redis)) => {
            Ok((Services { database_url, redis_url }, format!("postgres {postgres}, redis {redis}")))
        }
        (Err(err), Ok(_)) | (Ok(_), Err(err)) => Err(err),
        (Err(postgres), Err(redis)) => bail!("{postgres:#}\n{redis:#}"),
    }
}

struct Service<'a> {
    name: &'static str,
    /// The environment variable that overrides `url`.
    var: &'static str,
    url: &'a str,
    default_url: &'static str,
    default_port: u16,
    /// The command that starts the local server, for people to read.
    start_hint: &'static str,
    /// The same command, if its program is installed.
    start: fn() -> Result<Option<Command>>,
}

impl Service<'_> {
    /// Returns `host:port` once it accepts TCP connections.
    fn ensure_reachable(&self) -> Result<String> {
        let address = host_port(self.url, self.default_port)?;
        if reachable(&address) {
            println!("{} is reachable at {address}", self.name);
            return Ok(address);
        }
        // Only the local servers on their standard ports are ours to start; a URL pointing
        // elsewhere was chosen on purpose.
        let is_local_default = host_port(self.default_url, self.default_port)? == address
            || address == format!("localhost:{}", self.default_port);
        if is_local_default && let Some(mut start) = (self.start)()? {
            println!("{} is not reachable at {address}; starting it", self.name);
            // A failed start is reported below, by the reachability check that matters.
            let _ = process::status(&mut start);
            let deadline = Instant::now() + SERVICE_START_TIMEOUT;
            while Instant::now() < deadline {
                if reachable(&address) {
                    println!("{} is reachable at {address}", self.name);
                    return Ok(address);
                }
                thread::sleep(Duration::from_millis(300));
            }
        }
        bail!(
            "{name} is not reachable at {address} ({var}={url}).\n\
             Provide it in one of these ways:\n  \
             - start the local server on its default port: {hint}\n  \
             - or set {var} to the URL of a running {name} (default: {default})",
            name = self.name,
            var = self.var,
            url = self.url,
            hint = self.start_hint,
            default = self.default_url,
        )
    }
}

/// `pg_ctlcluster ... start` for the installed PostgreSQL, if there is one.
fn postgres_start() -> Result<Option<Command>> {
    if !on_path("pg_ctlcluster") {
        return Ok(None);
    }
    // One cluster per installed major version; Debian's machines have exactly one.
    let Some(version) = fs::read_dir("/etc/postgresql").ok().and_then(|mut entries| entries.next()).transpose()? else {
        return Ok(None);
    };
    let mut cmd = Command::new("pg_ctlcluster");
    cmd.arg("--skip-systemctl-redirect").arg(version.file_name()).args(["main", "start"]);
    Ok(Some(cmd))
}

/// `redis-server` on its default port, keeping nothing on disk, if it is installed.
fn redis_start() -> Result<Option<Command>> {
    if !on_path("redis-server") {
        return Ok(None);
    }
    let mut cmd = Command::new("redis-server");
    cmd.args(["--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]);
    Ok(Some(cmd))
}

/// `host:port` of a `scheme://user:password@host:port/path` URL, with the scheme's default port.
fn host_port(url: &str, default_port: u16) -> Result<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let address = authority.rsplit_once('@').map_or(authority, |(_, address)| address);
    if address.is_empty() {
        bail!("{url} names no host (a Unix socket cannot be checked over TCP)");
    }
    // An IPv6 host is bracketed, so its colons are not a port.
    let has_port = match address.rsplit_once(']') {
        Some((_, after)) => after.starts_with(':'),
        None => address.contains(':'),
    };
    Ok(if has_port { address.to_owned() } else { format!("{address}:{default_port}") })
}

fn reachable(address: &str) -> bool {
    address
        .to_socket_addrs()
        .is_ok_and(|mut addrs| addrs.any(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok()))
}

/// Serves the built SPA from a fresh launcher and drives it with headless Chromium.
fn browser(count: impl Fn(Counts)) -> Result<((), String)> {
    let chromium = toolchain::ensure_chromium()?;
    toolchain::ensure_npm_tools()?;
    // The launcher binary comes from the test build (its own integration test needs it), in the
    // test stages' feature selection: `cargo build -p trellis` would resolve features without
    // dev-dependencies and compile a second copy of much of the dependency tree.
    process::run(process::cargo().args(["test", "--workspace", "--no-run"]))?;

    let scratch = tempfile::tempdir()?;
    let port = free_port()?;
    let log_path = scratch.path().join("launcher.log");
    let log = File::create(&log_path)?;
    let mut cmd = Command::new(process::target_dir().join("debug/trellis"));
    cmd.arg("--data-dir")
        .arg(scratch.path().join("data"))
        .args(["--spa-dir", "frontend/dist", "--port"])
        .arg(port.to_string())
        .args(["--internal-ports", "auto"])
        .stdout(log.try_clone()?)
        .stderr(log);
    println!("$ {} (output in {})", process::describe(&cmd), log_path.display());
    let mut launcher = cmd.spawn().with_context(|| format!("cannot start `{}`", process::describe(&cmd)))?;

    let result = wait_healthy(&mut launcher, port).and_then(|()| e2e(port, chromium, count));
    let stopped = stop(&mut launcher);
    if result.is_err() || stopped.is_err() {
        print_tail(&log_path);
    }
    let detail = result?;
    stopped?;
    Ok(((), detail))
}

/// A port that was free a moment ago (the launcher binds it right after).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

fn wait_healthy(launcher: &mut Child, port: u16) -> Result<()> {
    let deadline = Instant::now() + HEALTH_TIMEOUT;
    while Instant::now() < deadline {
        if let Some(status) = launcher.try_wait()? {
            bail!("the launcher exited ({status}) before /api/health answered");
        }
        if http_status(port, "/api/health") == Some(200) {
            println!("launcher healthy on port {port}");
            return Ok(());
        }
        thread::sleep(Duration::from_millis(300));
    }
    bail!("GET /api/health did not answer 200 within {} s", HEALTH_TIMEOUT.as_secs())
}

/// The status code of `GET path` on the loopback port; `None` if nothing sensible answered.
/// Hand-written HTTP/1.1: one request does not justify an HTTP client crate.
fn http_status(port: u16, path: &str) -> Option<u16> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.set_write_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").ok()?;
    let mut status_line = String::new();
    BufReader::new(stream.take(1024)).read_line(&mut status_line).ok()?;
    // "HTTP/1.1 200 OK"
    status_line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the browser tests in `frontend/e2e/` against the launcher on `port`.
fn e2e(port: u16, chromium: &str, count: impl Fn(Counts)) -> Result<String> {
    let screenshots = std::env::current_dir()?.join(process::target_dir()).join("screenshots");
    fs::create_dir_all(&screenshots)?;
    let mut node = Command::new("node");
    node.args(["--test", "--test-reporter=spec", "frontend/e2e/"])
        .env("TRELLIS_URL", format!("http://127.0.0.1:{port}"))
        .env("SCREENSHOT_DIR", &screenshots)
        .env("CHROMIUM_PATH", chromium);
    let (status, output) = process::run_tee_stdout(&mut node)?;
    let counts = Counts::from_node(&output);
    count(counts);
    if !status.success() {
        bail!("{counts} ({status})");
    }
    if counts.passed + counts.failed == 0 {
        bail!("no browser test ran");
    }
    Ok(format!("{counts}, screenshots in {}", screenshots.display()))
}

/// Stops the launcher the way Ctrl-C would (SIGINT, for a graceful shutdown), killing it if it
/// takes too long.
fn stop(launcher: &mut Child) -> Result<()> {
    if launcher.try_wait()?.is_some() {
        return Ok(());
    }
    let interrupted =
        Command::new("kill").args(["-INT", &launcher.id().to_string()]).status().is_ok_and(|status| status.success());
    if interrupted && let Some(status) = process::wait_until(launcher, Instant::now() + STOP_TIMEOUT)? {
        println!("launcher stopped ({status})");
        return Ok(());
    }
    launcher.kill()?;
    launcher.wait()?;
    bail!("the launcher did not stop within {} s of SIGINT and was killed", STOP_TIMEOUT.as_secs())
}

/// Shows the end of the launcher's log, where the reason it failed usually is.
fn print_tail(log: &Path) {
    let Ok(text) = fs::read_to_string(log) else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(LOG_TAIL);
    println!("--- last {} lines of the launcher's output ---", lines.len() - start);
    for line in &lines[start..] {
        println!("{line}");
    }
    println!("--- end of the launcher's output ---");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_libtest_results() {
        let output = "running 2 tests\n\
            test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n";
        let counts = Counts::from_libtest(output);
        assert_eq!((counts.passed, counts.failed, counts.ignored), (8, 2, 1));
    }

    #[test]
    fn reads_node_totals() {
        let output = "✔ logs in (1.2ms)\nℹ tests 3\nℹ pass 2\nℹ fail 1\nℹ cancelled 0\nℹ skipped 1\n";
        let counts = Counts::from_node(output);
        assert_eq!((counts.passed, counts.failed, counts.ignored), (2, 1, 1));
    }

    #[test]
    fn finds_host_and_port() -> Result<()> {
        assert_eq!(host_port(DEFAULT_DATABASE_URL, 5432)?, "127.0.0.1:5432");
        assert_eq!(host_port("redis://127.0.0.1", 6379)?, "127.0.0.1:6379");
        assert_eq!(host_port("postgres://u:p@db:6000/x?sslmode=disable", 5432)?, "db:6000");
        assert_eq!(host_port("redis://[::1]/0", 6379)?, "[::1]:6379");
        assert_eq!(host_port("redis://[::1]:7000", 6379)?, "[::1]:7000");
        assert!(host_port("postgres:///db", 5432).is_err());
        Ok(())
    }
}
