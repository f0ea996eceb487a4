//! Installing the tools the build and the tests need, each only when it is missing.
//!
//! A fresh machine has rustup and nothing else of ours, so everything here must be idempotent
//! and cheap when already done: `cargo xtask run` calls it every time. The choices (rustup's wasm
//! target first, Debian's `rustc-web` as the fallback, npm's binaryen rather than Debian's, Debian's
//! Chromium) are explained in `shared/docs/TOOLCHAIN.md`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::process::{self, on_path, privileged};

/// The browser's target.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// rustup downloads a prebuilt std; on a network that hangs rather than refuses, give up after this.
const RUSTUP_TIMEOUT: Duration = Duration::from_secs(120);

/// Debian's second Rust toolchain, whose std source lets cargo build std for wasm itself.
const APT_WASM_PACKAGES: &[&str] = &["rustc-web", "cargo-web", "rust-web-src", "rust-web-clippy", "lld-22"];

/// Where the front end's npm tools live (`package.json`, `node_modules/`).
pub const FRONTEND: &str = "frontend";

/// Chromium as Debian installs it.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Which compiler builds the wasm.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WasmRoute {
    /// rustup's toolchain with its prebuilt `wasm32-unknown-unknown` std.
    Rustup,
    /// Debian's `rustc-web`, building std from source (`-Zbuild-std`).
    Apt,
}

impl WasmRoute {
    /// `cargo <subcommand> --target wasm32-unknown-unknown` with this route's compiler.
    pub fn cargo(self, subcommand: &str) -> Command {
        match self {
            Self::Rustup => {
                let mut cmd = process::cargo();
                cmd.arg(subcommand);
                cmd.args(["--target", WASM_TARGET]);
                cmd
            }
            Self::Apt => {
                // `cargo clippy` would find rustup's cargo-clippy in ~/.cargo/bin before Debian's,
                // and rustup's clippy cannot compile Debian's std source: call Debian's directly.
                let mut cmd = if subcommand == "clippy" {
                    let mut cmd = Command::new("/usr/bin/cargo-clippy");
                    cmd.arg("clippy").env("CARGO", "/usr/bin/cargo");
                    cmd
                } else {
                    let mut cmd = Command::new("/usr/bin/cargo");
                    cmd.arg(subcommand);
                    cmd
                };
                cmd.args(["-Zbuild-std=std,panic_abort", "--target", WASM_TARGET])
                    .env("RUSTC", "/usr/bin/rustc")
                    // Debian's compiler is a stable release; build-std is a nightly feature.
                    .env("RUSTC_BOOTSTRAP", "1")
                    // Debian ships no rust-lld.
                    .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", "wasm-ld-22")
                    // Another compiler: keep its artifacts away from rustup's.
                    .env("CARGO_TARGET_DIR", self.target_dir());
                cmd
            }
        }
    }

    /// The target directory this route's cargo writes to.
    pub fn target_dir(self) -> PathBuf {
        match self {
            Self::Rustup => process::target_dir(),
            Self::Apt => process::target_dir().join("wasm-apt"),
        }
    }
}

/// Makes sure some compiler can build for the browser and says which.
///
/// `TRELLIS_WASM_ROUTE=apt` forces the Debian route, so that it can be tested on a machine where
/// rustup's target works.
pub fn ensure_wasm_toolchain() -> Result<WasmRoute> {
    if std::env::var("TRELLIS_WASM_ROUTE").as_deref() == Ok("apt") {
        println!("TRELLIS_WASM_ROUTE=apt: building the wasm with Debian's rustc-web");
        ensure_apt_wasm()?;
        return Ok(WasmRoute::Apt);
    }
    if rustup_has_wasm_target() {
        return Ok(WasmRoute::Rustup);
    }
    let mut add = Command::new("rustup");
    add.args(["target", "add", WASM_TARGET]);
    match process::run_with_timeout(&mut add, RUSTUP_TIMEOUT) {
        Ok(()) => Ok(WasmRoute::Rustup),
        Err(err) => {
            println!("warning: {err:#}; falling back to Debian's rustc-web for the wasm build");
            ensure_apt_wasm()?;
            Ok(WasmRoute::Apt)
        }
    }
}

/// Makes sure rustup's `component` (rustfmt, clippy) is installed; a minimal rustup profile
/// leaves them out. Without rustup (a distribution's Rust) there is nothing to do: cargo will say
/// what is missing.
pub fn ensure_rustup_component(component: &str) -> Result<()> {
    let Ok(out) = Command::new("rustup").args(["component", "list", "--installed"]).output() else {
        return Ok(());
    };
    let prefix = format!("{component}-");
    if String::from_utf8_lossy(&out.stdout).lines().any(|line| line.starts_with(&prefix)) {
        return Ok(());
    }
    process::run_with_timeout(Command::new("rustup").args(["component", "add", component]), RUSTUP_TIMEOUT)
}

fn rustup_has_wasm_target() -> bool {
    Command::new("rustup").args(["target", "list", "--installed"]).output().is_ok_and(|out| {
        out.status.success() && String::from_utf8_lossy(&out.stdout).lines().any(|line| line.trim() == WASM_TARGET)
    })
}

fn ensure_apt_wasm() -> Result<()> {
    let installed =
        ["/usr/bin/rustc", "/usr/bin/cargo", "/usr/bin/cargo-clippy"].iter().all(|path| Path::new(path).is_file())
            && Path::new("/usr/lib/rustlib/src/rust").is_dir()
            && on_path("wasm-ld-22");
    if installed {
        return Ok(());
    }
    apt_install(APT_WASM_PACKAGES)
}

/// Installs Debian packages, refreshing the package lists first only if the install fails (a
/// fresh machine has none; an up-to-date one should not pay for `apt-get update`).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let install = || {
        let mut cmd = privileged("env");
        cmd.args(["DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends"]);
        cmd.args(packages);
        cmd
    };
    if process::status(&mut install())?.success() {
        return Ok(());
    }
    process::run(privileged("apt-get").arg("update"))?;
    process::run(&mut install()).with_context(|| format!("cannot install {} with apt-get", packages.join(" ")))
}

/// Makes sure `node_modules/` matches `frontend/package-lock.json` (wasm-opt, playwright-core).
pub fn ensure_npm_tools() -> Result<()> {
    if !on_path("npm") {
        apt_install(&["nodejs", "npm"])?;
    }
    if npm_tree_is_current()? {
        return Ok(());
    }
    process::run(Command::new("npm").arg("ci").current_dir(FRONTEND))
}

/// npm records what it installed in `node_modules/.package-lock.json`: the tree is current when
/// that lists the same packages as the committed lockfile. Comparing contents rather than times
/// keeps a fresh checkout (new mtimes, same lockfile) from reinstalling.
fn npm_tree_is_current() -> Result<bool> {
    let frontend = Path::new(FRONTEND);
    let Ok(installed) = std::fs::read(frontend.join("node_modules/.package-lock.json")) else {
        return Ok(false);
    };
    let lock = std::fs::read(frontend.join("package-lock.json"))
        .context("frontend/package-lock.json is missing (run `npm install` in frontend/)")?;
    let mut wanted: serde_json::Value =
        serde_json::from_slice(&lock).context("frontend/package-lock.json is not JSON")?;
    let installed: serde_json::Value = serde_json::from_slice(&installed).unwrap_or_default();
    // The lockfile also lists the root package (key ""), which is not installed.
    if let Some(packages) = wanted.get_mut("packages").and_then(serde_json::Value::as_object_mut) {
        packages.remove("");
    }
    Ok(wanted.get("packages") == installed.get("packages"))
}

/// Makes sure Chromium is installed (never a browser downloaded by a test tool) and returns it.
pub fn ensure_chromium() -> Result<&'static str> {
    if !Path::new(CHROMIUM).is_file() {
        apt_install(&["chromium"])?;
    }
    if !Path::new(CHROMIUM).is_file() {
        bail!("{CHROMIUM} is still missing after installing Debian's chromium package");
    }
    Ok(CHROMIUM)
}
