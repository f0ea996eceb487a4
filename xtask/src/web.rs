//! `cargo xtask web`: the single-page app from Rust to `frontend/dist/`.
//!
//! cargo → wasm-bindgen (in process) → wasm-opt → content-hashed assets → `index.html`. This is
//! what trunk or cargo-leptos would do, without their long installs (see TOOLCHAIN.md).
//!
//! The output is built in a temporary folder and swapped in at the end, so a failed build never
//! leaves a half-written `dist/`. A stamp of every input is kept in `dist/.build-stamp`; when the
//! inputs have not changed, nothing after `cargo build` runs again, which keeps `cargo xtask run`
//! fast the second time.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use wasm_bindgen_cli_support::Bindgen;

use crate::process;
use crate::toolchain::{self, FRONTEND, WasmRoute};

const DIST: &str = "frontend/dist";
const INDEX_HTML: &str = "frontend/index.html";
const STYLE_CSS: &str = "frontend/style.css";
const PUBLIC: &str = "frontend/public";
const STAMP: &str = ".build-stamp";
/// The name wasm-bindgen gives its output (`trellis.js`, `trellis_bg.wasm`).
const OUT_NAME: &str = "trellis";
const STYLE_TOKEN: &str = "%STYLE_HREF%";
const BOOT_TOKEN: &str = "%BOOT_SRC%";
/// This file, so that a change to how dist/ is assembled rebuilds it.
const PIPELINE: &[u8] = include_bytes!("web.rs");

/// Features rustc 1.95 turns on for wasm32 by default; wasm-opt rejects a module using features
/// it was not told about.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// What a build produced, for the test summary.
pub struct Built {
    /// The shipped `.wasm`.
    pub wasm: PathBuf,
}

impl Built {
    /// "123.4 KiB (45.6 KiB gzipped)", or only the raw size where gzip is missing.
    pub fn size_summary(&self) -> Result<String> {
        let raw = fs::metadata(&self.wasm).with_context(|| format!("cannot read {}", self.wasm.display()))?.len();
        let gzipped = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&self.wasm)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| out.stdout.len());
        Ok(match gzipped {
            Some(gz) => format!("wasm {} ({} gzipped)", kib(raw), kib(gz as u64)),
            None => format!("wasm {}", kib(raw)),
        })
    }
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// Builds the SPA into `frontend/dist/` (release: optimised and small; `dev`: fast to build).
pub fn build(dev: bool) -> Result<Built> {
    let route = toolchain::ensure_wasm_toolchain()?;
    if !dev {
        toolchain::ensure_npm_tools()?;
    }
    let wasm = compile(route, dev)?;

    let stamp = stamp(&wasm, dev)?;
    let dist = Path::new(DIST);
    if fs::read_to_string(dist.join(STAMP)).is_ok_and(|old| old == stamp)
        && let Some(shipped) = shipped_wasm(dist)?
    {
        let built = Built { wasm: shipped };
        println!("SPA up to date ({DIST}, {})", built.size_summary()?);
        return Ok(built);
    }

    // Next to dist/ so that the final rename stays on one file system.
    let staging = tempfile::Builder::new()
        .prefix(".dist-new-")
        .tempdir_in(FRONTEND)
        .context("cannot create a staging folder in frontend/")?;
    let wasm_name = assemble(&wasm, dev, staging.path())?;
    fs::write(staging.path().join(STAMP), &stamp)?;
    // tempfile makes private (0700) folders; dist/ is meant to be read by whoever serves it.
    fs::set_permissions(staging.path(), fs::Permissions::from_mode(0o755))?;
    swap_in(staging.path(), dist)?;

    let built = Built { wasm: dist.join("assets").join(wasm_name) };
    println!("SPA built into {DIST} ({})", built.size_summary()?);
    Ok(built)
}

/// `cargo build` of the front end for wasm32; returns the `.wasm` it wrote.
fn compile(route: WasmRoute, dev: bool) -> Result<PathBuf> {
    let mut cmd = route.cargo("build");
    cmd.args(["-p", "frontend", "--lib"]);
    let profile_dir = if dev {
        "debug"
    } else {
        cmd.args(["--profile", "wasm-release"]);
        "wasm-release"
    };
    process::run(&mut cmd)?;
    Ok(route.target_dir().join(toolchain::WASM_TARGET).join(profile_dir).join("frontend.wasm"))
}

/// A digest of everything that ends up in `dist/`: the compiled wasm, the page, the style sheet,
/// the public files, the wasm-opt version (via the npm lockfile) and the code of this pipeline.
fn stamp(wasm: &Path, dev: bool) -> Result<String> {
    let mut hasher = Sha256::new();
    let mut add = |label: &str, bytes: &[u8]| {
        // Length-prefixed so that no two different input lists hash the same.
        for part in [label.as_bytes(), bytes] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    };
    add("mode", if dev { b"dev" } else { b"release" });
    for path in [wasm, Path::new(INDEX_HTML), Path::new(STYLE_CSS)] {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        add(&path.to_string_lossy(), &bytes);
    }
    if !dev {
        add("npm", &fs::read(Path::new(FRONTEND).join("package-lock.json"))?);
    }
    for file in files_under(Path::new(PUBLIC))? {
        add(&file.to_string_lossy(), &fs::read(&file)?);
    }
    add("pipeline", PIPELINE);
    Ok(hex::encode(hasher.finalize()))
}

/// Every file under `dir` (none when it does not exist), in a stable order.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The `.wasm` of an existing `dist/`, if there is one.
fn shipped_wasm(dist: &Path) -> Result<Option<PathBuf>> {
    Ok(files_under(&dist.join("assets"))?.into_iter().find(|path| path.to_string_lossy().ends_with("_bg.wasm")))
}

/// Writes the whole site into `out`; returns the file name of the shipped wasm.
fn assemble(wasm: &Path, dev: bool, out: &Path) -> Result<String> {
    let assets = out.join("assets");
    // Public files first, so that a stray public/index.html cannot replace the generated one.
    for file in files_under(Path::new(PUBLIC))? {
        let target = out.join(file.strip_prefix(PUBLIC)?);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&file, &target).with_context(|| format!("cannot copy {}", file.display()))?;
    }
    fs::create_dir_all(&assets)?;

    let bindgen_dir = out.join(".bindgen");
    Bindgen::new()
        .input_path(wasm)
        .out_name(OUT_NAME)
        .web(true)?
        // wasm-bindgen's runtime checks help while developing and cost bytes in production.
        .debug(dev)
        .generate(&bindgen_dir)
        .with_context(|| format!("wasm-bindgen failed on {}", wasm.display()))?;

    let mut bg_wasm = bindgen_dir.join(format!("{OUT_NAME}_bg.wasm"));
    if !dev {
        let optimised = bindgen_dir.join(format!("{OUT_NAME}_opt.wasm"));
        let mut opt = Command::new(Path::new(FRONTEND).join("node_modules/.bin/wasm-opt"));
        opt.arg("-Oz").args(WASM_FEATURES).arg(&bg_wasm).arg("-o").arg(&optimised);
        process::run(&mut opt)?;
        bg_wasm = optimised;
    }

    let wasm_name = write_hashed(&assets, OUT_NAME, "_bg.wasm", &fs::read(&bg_wasm)?)?;
    let js_name = write_hashed(&assets, OUT_NAME, ".js", &fs::read(bindgen_dir.join(format!("{OUT_NAME}.js")))?)?;
    // Inline JS snippets (`#[wasm_bindgen(inline_js)]`) are imported relative to the glue JS.
    let snippets = bindgen_dir.join("snippets");
    for file in files_under(&snippets)? {
        let target = assets.join("snippets").join(file.strip_prefix(&snippets)?);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&file, &target)?;
    }
    fs::remove_dir_all(&bindgen_dir)?;

    let style = fs::read(STYLE_CSS).with_context(|| format!("cannot read {STYLE_CSS}"))?;
    let style_name = write_hashed(&assets, "style", ".css", &style)?;
    // A file rather than an inline <script>, so that the gateway can send a strict CSP.
    let boot = format!(
        "import init from './{js_name}';\n\
         init({{ module_or_path: new URL('./{wasm_name}', import.meta.url) }});\n"
    );
    let boot_name = write_hashed(&assets, "boot", ".js", boot.as_bytes())?;

    let page = fs::read_to_string(INDEX_HTML).with_context(|| format!("cannot read {INDEX_HTML}"))?;
    for token in [STYLE_TOKEN, BOOT_TOKEN] {
        if !page.contains(token) {
            bail!("{INDEX_HTML} must contain {token}; it is replaced by the hashed asset's path");
        }
    }
    let page = page
        .replace(STYLE_TOKEN, &format!("/assets/{style_name}"))
        .replace(BOOT_TOKEN, &format!("/assets/{boot_name}"));
    fs::write(out.join("index.html"), page)?;
    Ok(wasm_name)
}

/// Writes `bytes` to `dir/<stem>-<hash><suffix>` and returns the file name. The hash in the name
/// lets the gateway cache assets forever: a new build means new names.
fn write_hashed(dir: &Path, stem: &str, suffix: &str, bytes: &[u8]) -> Result<String> {
    let digest = hex::encode(Sha256::digest(bytes));
    let name = format!("{stem}-{}{suffix}", &digest[..16]);
    fs::write(dir.join(&name), bytes)?;
    Ok(name)
}

/// Replaces `dist` by `staging`, moving the old one aside first so it can be restored.
fn swap_in(staging: &Path, dist: &Path) -> Result<()> {
    let graveyard = tempfile::Builder::new().prefix(".dist-old-").tempdir_in(FRONTEND)?;
    let old = graveyard.path().join("dist");
    let had_old = dist.exists();
    if had_old {
        fs::rename(dist, &old).with_context(|| format!("cannot move {} aside", dist.display()))?;
    }
    if let Err(err) = fs::rename(staging, dist) {
        if had_old {
            fs::rename(&old, dist)?;
        }
        return Err(err).with_context(|| format!("cannot move the new build to {}", dist.display()));
    }
    // Dropping `graveyard` deletes the old build.
    Ok(())
}
