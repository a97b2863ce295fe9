//! `cargo xtask` — build chores of carte-mentale, in Rust with the standard library only.
//!
//! ```text
//! cargo xtask serve [--port 8080]   install what is missing, build (release), serve www/ on 127.0.0.1
//! cargo xtask test                  install what is missing, run every test (native, browser, end-to-end)
//! cargo xtask build [--dev]         build the wasm, its JS glue and www/assets; print the public build's size table
//! cargo xtask bench                 layout benchmark against d3-force in headless Chromium
//! cargo xtask dist                  build (release) and package dist/carte-mentale-<version>/ with SRI hashes
//! ```
//!
//! Every install step checks first and does nothing when the tool is already there. Nothing is
//! downloaded outside the package registries: the wasm32 target comes from rustup, the
//! wasm-bindgen CLI from crates.io (the exact version of the crate in Cargo.lock), Chromium and
//! ChromeDriver from Debian, wasm-opt and Playwright from npm.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod compress;

use base64::Engine as _;
use sha2::{Digest, Sha384};

type Result<T = ()> = std::result::Result<T, String>;

const TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test(),
        Some("build") => build(!args.iter().any(|a| a == "--dev")).map(|_| ()),
        Some("bench") => bench(),
        Some("dist") => dist().map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [--port N] | test | build [--dev] | bench | dist>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
        .to_path_buf()
}

fn step(name: &str) {
    println!("\n==> {name}");
}

/// Runs a command in the workspace root, streaming its output; fails on a non-zero exit.
fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.current_dir(root()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cargo() -> Command {
    Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The version of the `wasm-bindgen` crate locked in Cargo.lock.
fn wasm_bindgen_version() -> Result<String> {
    let lock =
        fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

fn ensure_wasm_tools() -> Result {
    step("wasm32 target");
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == TARGET) {
        println!("{TARGET} is installed");
    } else {
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }

    step("wasm-bindgen CLI");
    let want = wasm_bindgen_version()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        println!("wasm-bindgen {want} is installed");
    } else {
        println!(
            "installing wasm-bindgen-cli {want} from crates.io (found: {})",
            if have.is_empty() { "none" } else { have.trim() }
        );
        // Not --locked: its lock file pins a webpki-roots release the registry no longer serves.
        run(cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    }
    Ok(())
}

fn ensure_npm() -> Result {
    step("npm dev dependencies");
    let root = root();
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (
        fs::metadata(&stamp).and_then(|m| m.modified()),
        fs::metadata(&lock).and_then(|m| m.modified()),
    ) {
        (Ok(s), Ok(l)) => s >= l,
        _ => false,
    };
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        println!("node_modules is up to date");
        Ok(())
    } else {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
    }
}

/// The browsers the tests drive, all from Debian: Chromium (every browser test), and for the
/// smoke test of the other engines Firefox ESR and WebKitGTK's driver under a virtual display.
const BROWSER_PACKAGES: [(&str, &str); 6] = [
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    ("/usr/bin/firefox-esr", "firefox-esr"),
    ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
    ("/usr/bin/xvfb-run", "xvfb"),
    ("/usr/bin/xauth", "xauth"),
];

fn ensure_browser() -> Result {
    step("Chromium, ChromeDriver, Firefox ESR, WebKitWebDriver (Debian)");
    let missing: Vec<&str> = BROWSER_PACKAGES
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        println!("the browsers are installed");
        return Ok(());
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(&missing)
        .arg("fonts-dejavu-core")
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Which module a wasm build is: the public map (the map handle only, JSON only; with the test
/// probes or not; with WebAssembly SIMD, or without for the browsers that lack it), the
/// converter (a Markdown outline and its table to JSON, fetched by a page only for such
/// sources), the exports (the SVG poster, the CSV and the print view, fetched at a visitor's
/// first such export), or the staff's (the studio's: everything, workbooks included).
#[derive(Clone, Copy, PartialEq)]
enum Module {
    Public { probes: bool, simd: bool },
    Converter,
    Export,
    Staff,
}

impl Module {
    /// Every module, as clippy checks them (SIMD changes the code generated, not the code).
    const ALL: [Module; 5] = [
        Module::Public {
            probes: false,
            simd: false,
        },
        Module::Public {
            probes: true,
            simd: false,
        },
        Module::Converter,
        Module::Export,
        Module::Staff,
    ];

    /// The cargo feature flags of this module.
    fn features(self) -> &'static [&'static str] {
        match self {
            Module::Public { probes: true, .. } => {
                &["--no-default-features", "--features", "viewer,probes"]
            }
            Module::Public { probes: false, .. } => {
                &["--no-default-features", "--features", "viewer"]
            }
            Module::Converter => &["--no-default-features", "--features", "authoring"],
            Module::Export => &["--no-default-features", "--features", "export"],
            // The default features: viewer, authoring, workbooks.
            Module::Staff => &[],
        }
    }

    /// Whether this module is compiled with WebAssembly SIMD ([`SIMD_RUSTFLAGS`]).
    fn simd(self) -> bool {
        matches!(self, Module::Public { simd: true, .. })
    }

    /// Its target folder: a module with SIMD has its own, so that the other modules'
    /// dependencies, compiled without it, stay in the cache.
    fn target_dir(self, nightly: bool) -> PathBuf {
        let dir = match (nightly, self.simd()) {
            (false, false) => "target",
            (false, true) => "target/simd",
            (true, false) => "target/public",
            (true, true) => "target/public-simd",
        };
        root().join(dir)
    }
}

/// The map's module is compiled with WebAssembly SIMD (128-bit vectors, in every current
/// browser): the many-body sums of the layout (`crates/forces/src/many_body.rs`, four lanes
/// written out) become one vector operation instead of four, and the ticks about 15 % faster
/// (docs/size.md). The arithmetic is the same in each lane, so the positions are the same bit
/// for bit (`tests/e2e/simd.test.mjs`). A second build without it (`pkg-sans-simd/`) serves
/// the browsers without SIMD (Safari before 16.4, on the iPads and iPhones that stopped at
/// iOS 15); the loader picks one with `WebAssembly.validate`.
const SIMD_RUSTFLAGS: &str = "-Ctarget-feature=+simd128";

/// Compiles the wasm of `module` and writes it with its JS glue into `pkg` (wasm-bindgen, then
/// wasm-opt for a release).
fn build_wasm(release: bool, module: Module, pkg: &Path) -> Result {
    let public = release && matches!(module, Module::Public { probes: false, .. });
    let wasm = match public.then(|| public_nightly(module)) {
        Some(Ok(wasm)) => wasm,
        other => {
            if let Some(Err(e)) = other {
                println!(
                    "{e}\nthe public module is built with the stable toolchain instead: the panic \
                     machinery stays in it (about 27 KB more, 10 KB gzip; docs/size.md)"
                );
            }
            let target_dir = module.target_dir(false);
            step(&format!(
                "cargo build --lib --target {TARGET}{} {}{}",
                if release { " --release" } else { "" },
                module.features().join(" "),
                if module.simd() {
                    format!(" (RUSTFLAGS={SIMD_RUSTFLAGS})")
                } else {
                    String::new()
                }
            ));
            let mut c = cargo();
            c.args(["build", "--lib", "-p", "carte-mentale", "--target", TARGET]);
            if release {
                c.arg("--release");
            }
            c.args(module.features())
                .arg("--target-dir")
                .arg(&target_dir);
            if module.simd() {
                c.env("RUSTFLAGS", SIMD_RUSTFLAGS)
                    .env_remove("CARGO_ENCODED_RUSTFLAGS");
            }
            run(&mut c)?;
            let profile = if release { "release" } else { "debug" };
            target_dir.join(format!("{TARGET}/{profile}/carte_mentale.wasm"))
        }
    };

    step(&format!("wasm-bindgen → {}", pkg.display()));
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "carte_mentale",
            "--out-dir",
        ])
        .arg(pkg)
        .arg(&wasm))?;
    // The module as rustc made it, its names and `target_features` kept by wasm-bindgen: read
    // once for the checks.
    let bg = pkg.join("carte_mentale_bg.wasm");
    let bytes = fs::read(&bg).map_err(|e| format!("{}: {e}", bg.display()))?;
    simd_check(&bytes, module.simd())?;
    if public {
        public_module_check(&bytes)?;
    }
    if release {
        step(&format!("wasm-opt {}", WASM_OPT_RELEASE.join(" ")));
        low_memory_check(&bytes)?;
        // Without `--enable-simd`, wasm-opt refuses a module that has SIMD in it.
        run(Command::new(root().join("node_modules/.bin/wasm-opt"))
            .args(WASM_OPT_RELEASE)
            .args(WASM_OPT_FEATURES)
            .args(module.simd().then_some("--enable-simd"))
            .arg("-o")
            .arg(&bg)
            .arg(&bg))?;
    }
    Ok(())
}

/// wasm-opt's optimisation of a release module: `-O3` (`-Os` and `-Oz` inline less in the
/// layout's physics), repeated until it changes nothing (`--converge`), and told that the
/// first kilobyte of memory holds nothing (`--low-memory-unused`), so that a constant offset
/// of up to 1 KB folds into the load or store that uses it. That holds for Rust's wasm
/// modules: the stack comes first, from 1 MB down, and the data after it (checked by
/// [`low_memory_check`] before). Together −1.8 KB gzip of the map's module (docs/size.md).
///
/// A function with one caller is inlined like any other, only up to 20 bytes (wasm-opt's
/// `-fimfs` default), where wasm-opt inlines it whatever its size by default: the module is
/// then 4 % larger, but 8 % smaller in gzip (−10 KB of the map's module), likely because the
/// small monomorphised functions kept apart are near copies of one another, which gzip finds
/// again. Alternated with the default in one page: layout ticks 1 % slower, whole-map frames
/// about 5 % slower at the widest zoom (docs/size.md).
///
/// The `producers` and `target_features` sections (toolchain versions, the features the module
/// was compiled with: 250 bytes no browser reads) are stripped.
const WASM_OPT_RELEASE: [&str; 6] = [
    "-O3",
    "--converge",
    "--low-memory-unused",
    "--one-caller-inline-max-function-size=20",
    "--strip-producers",
    "--strip-target-features",
];

/// wasm-opt's flags for the features the modules use (those of `build_wasm`'s `-O3`).
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Shortens the names a module in `pkg` and its JS glue share, for the dist: wasm-bindgen's
/// import names end in a 16-digit hash (`__wbg_arc_df3f7eb77e59876f`) and its closures'
/// exports spell out their Rust types, each written once in the module and once in the glue,
/// and random digits do not compress. `wasm-opt --minify-imports-and-exports-and-modules`
/// renames them in the module and prints the mapping; [`rename_glue`] applies it to the glue.
/// The public module: −6 KB, −2.3 KB gzip, and −1.5 KB gzip of glue (docs/size.md).
fn minify_names(pkg: &Path) -> Result {
    step(&format!(
        "wasm-opt --minify-imports-and-exports-and-modules ({})",
        pkg.display()
    ));
    let bg = pkg.join("carte_mentale_bg.wasm");
    let glue_path = pkg.join("carte_mentale.js");
    let out = Command::new(root().join("node_modules/.bin/wasm-opt"))
        .args(WASM_OPT_FEATURES)
        // Renaming only: no pass that could bring SIMD into a module without it.
        .arg("--enable-simd")
        .args(["--minify-imports-and-exports-and-modules", "-o"])
        .arg(&bg)
        .arg(&bg)
        .current_dir(root())
        .output()
        .map_err(|e| format!("wasm-opt: {e} (run npm ci)"))?;
    if !out.status.success() {
        return Err(format!(
            "wasm-opt --minify-imports-and-exports-and-modules failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let wasm = fs::read(&bg).map_err(|e| format!("{}: {e}", bg.display()))?;
    let module = first_import_module(&wasm)
        .ok_or_else(|| format!("{}: no import section after renaming", bg.display()))?;
    let glue =
        fs::read_to_string(&glue_path).map_err(|e| format!("{}: {e}", glue_path.display()))?;
    let glue = rename_glue(&glue, &String::from_utf8_lossy(&out.stdout), &module)?;
    fs::write(&glue_path, glue).map_err(|e| format!("{}: {e}", glue_path.display()))
}

/// An unsigned LEB128 number of a wasm binary at `*i` (at most five bytes, as a `u32` is
/// written), moving `*i` past it; `None` when the bytes end or run longer.
fn leb(b: &[u8], i: &mut usize) -> Option<u64> {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let byte = *b.get(*i)?;
        *i += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// The sections of a wasm binary, `(id, contents)` in order; `None` when it cannot be read.
fn wasm_sections(wasm: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let mut sections = Vec::new();
    let mut i = 8;
    while i < wasm.len() {
        let id = wasm[i];
        i += 1;
        let size = usize::try_from(leb(wasm, &mut i)?).ok()?;
        sections.push((id, wasm.get(i..i.checked_add(size)?)?));
        i += size;
    }
    Some(sections)
}

/// The module name of the first import of a wasm binary (after renaming, all imports share it).
fn first_import_module(wasm: &[u8]) -> Option<String> {
    let (_, imports) = wasm_sections(wasm)?.into_iter().find(|s| s.0 == 2)?;
    let mut j = 0;
    if leb(imports, &mut j)? == 0 {
        return None;
    }
    let len = usize::try_from(leb(imports, &mut j)?).ok()?;
    String::from_utf8(imports.get(j..j.checked_add(len)?)?.to_vec()).ok()
}

/// The glue with the names of `mapping` (what `wasm-opt --minify-imports-and-exports-and-modules`
/// prints: `["module", "old", "new"]` per import, `["old", "new"]` per export) and the import
/// module renamed to `module`: the import object's keys, the `wasm.` property reads of the
/// exports, the module's key. Fails when an import is not in the glue, when the glue then
/// reads a `wasm.` property that is not a renamed export, or names the module other than once.
fn rename_glue(glue: &str, mapping: &str, module: &str) -> Result<String> {
    fn ident(c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '_' || c == '$'
    }
    /// `text` with every `old` that is a whole name (not inside a longer one) and follows
    /// `before` replaced by `new`; and how many there were.
    fn replace(text: &str, before: &str, old: &str, new: &str) -> (String, usize) {
        let pattern = format!("{before}{old}");
        let (mut out, mut last, mut n) = (String::with_capacity(text.len()), 0, 0);
        for (at, _) in text.match_indices(&pattern) {
            let whole = !text[..at].ends_with(ident) || !before.is_empty();
            let end = at + pattern.len();
            if whole && !text[end..].starts_with(ident) && at >= last {
                out.push_str(&text[last..at]);
                out.push_str(before);
                out.push_str(new);
                last = end;
                n += 1;
            }
        }
        out.push_str(&text[last..]);
        (out, n)
    }
    let mut glue = glue.to_string();
    let mut modules = Vec::new();
    let mut exports = Vec::new();
    let mut imports = 0;
    let mut section = "";
    for line in mapping.lines() {
        let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        match quoted.as_slice() {
            ["imports"] | ["exports"] => section = quoted[0],
            [from, old, new] if section == "imports" => {
                let (next, n) = replace(&glue, "", old, new);
                if n == 0 {
                    return Err(format!("the glue has no import named {old}"));
                }
                glue = next;
                imports += 1;
                if !modules.contains(from) {
                    modules.push(*from);
                }
            }
            [old, new] if section == "exports" => {
                glue = replace(&glue, "wasm.", old, new).0;
                exports.push(*new);
            }
            [] => {}
            other => return Err(format!("wasm-opt's mapping: unexpected line {other:?}")),
        }
    }
    if imports == 0 || exports.is_empty() {
        return Err("wasm-opt printed no mapping of names".into());
    }
    // `wasm` is the instance's exports: every property the glue reads of it must now be a
    // renamed export, or the glue and the module no longer agree.
    for (at, _) in glue.match_indices("wasm.") {
        if glue[..at].ends_with(ident) {
            continue;
        }
        let rest = &glue[at + "wasm.".len()..];
        let name = &rest[..rest.find(|c: char| !ident(c)).unwrap_or(rest.len())];
        if !exports.contains(&name) {
            return Err(format!(
                "the glue reads wasm.{name}, which the module does not export"
            ));
        }
    }
    for from in modules {
        let (next, n) = replace(&glue, "", &format!("\"{from}\""), &format!("\"{module}\""));
        if n != 1 {
            return Err(format!(
                "the glue names the import module \"{from}\" {n} times, not once"
            ));
        }
        glue = next;
    }
    Ok(glue)
}

/// The flags of the public module's build: a panic traps at once, without formatting a message
/// (the public build installs no panic hook, so the message went nowhere) and without the
/// formatting, location and `Debug` code that only panics reached: −27 KB of wasm, −10 KB gzip
/// (docs/size.md). Unstable, so the public module is built by the nightly toolchain, with its
/// standard library built from source (`-Zbuild-std`, `rust-src`).
///
/// `-Zfmt-debug=none` leaves out the `Debug` formatting nothing shows to a visitor (no message
/// of the map's module uses it), and `-Zlocation-detail=none` the source locations only
/// panics read: −0.4 KB gzip.
const PUBLIC_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none";

/// The standard library, built from source for the public module, built for size like this
/// crate (the allocator and the tick's generic code, compiled in the crates that use it, are
/// not affected): −5 KB, −1.1 KB gzip. On the command line rather than in Cargo.toml, where
/// every other build would warn that no package of these names is in the graph.
const STD_FOR_SIZE: [&str; 3] = [
    "profile.release.package.std.opt-level=\"z\"",
    "profile.release.package.core.opt-level=\"z\"",
    "profile.release.package.alloc.opt-level=\"z\"",
];

/// Builds the public module (release, no probes) with the nightly toolchain and
/// [`PUBLIC_RUSTFLAGS`] in `target/public/`, installing what is missing of the toolchain
/// (the same `nightly` as the fuzzing, its `rust-src` and wasm target; nothing is updated).
/// Returns the wasm's path, or why it could not.
fn public_nightly(module: Module) -> Result<PathBuf> {
    let rustup = |args: &[&str]| output(Command::new("rustup").args(args));
    if rustup(&["run", "nightly", "rustc", "--version"]).is_none() {
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
            "--component",
            "rust-src",
            "--target",
            TARGET,
        ]))?;
    }
    let installed = |what: &str| {
        rustup(&["component", "list", "--toolchain", "nightly", "--installed"])
            .is_some_and(|list| list.lines().any(|l| l.starts_with(what)))
    };
    if !installed("rust-src") {
        run(Command::new("rustup").args([
            "component",
            "add",
            "rust-src",
            "--toolchain",
            "nightly",
        ]))?;
    }
    if !installed(&format!("rust-std-{TARGET}")) {
        run(Command::new("rustup").args(["target", "add", TARGET, "--toolchain", "nightly"]))?;
    }
    let rustflags = if module.simd() {
        format!("{PUBLIC_RUSTFLAGS} {SIMD_RUSTFLAGS}")
    } else {
        PUBLIC_RUSTFLAGS.to_string()
    };
    step(&format!(
        "cargo +nightly build --lib --target {TARGET} --release -Zbuild-std {} (RUSTFLAGS={rustflags}, std for size)",
        module.features().join(" ")
    ));
    let target_dir = module.target_dir(true);
    run(Command::new("cargo")
        .args([
            "+nightly",
            "build",
            "--lib",
            "-p",
            "carte-mentale",
            "--target",
            TARGET,
        ])
        .args(["--release", "-Zbuild-std=std,panic_abort", "--target-dir"])
        .arg(&target_dir)
        .args(STD_FOR_SIZE.iter().flat_map(|c| ["--config", c]))
        .args(module.features())
        .env("RUSTFLAGS", &rustflags)
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO"))?;
    Ok(target_dir.join(format!("{TARGET}/release/carte_mentale.wasm")))
}

/// Code the public module must not hold, found by name in the wasm before `wasm-opt` strips
/// the names: each came back once by a small change and cost kilobytes (`docs/size.md`).
const NOT_IN_PUBLIC: [(&str, &str); 6] = [
    (
        "flt2dec",
        "Rust's float formatting: a `{:?}` or `{}` on a float, or `f32::clamp` with bounds \
         computed at run time (use `view::clamp`)",
    ),
    (
        "dec2flt",
        "Rust's float parsing (`str::parse::<f32>`, 10 KB of powers of five): read numbers \
         with `model::decimal::parse_f32`",
    ),
    (
        "serde_json",
        "serde_json: the map reads its JSON with `model::json::value`",
    ),
    (
        "rust_stemmers",
        "the stemmer: lever proposals are written into the JSON when the map is made",
    ),
    (
        "RandomState",
        "a hash table (`HashMap`, `HashSet`, about 1 KB of wasm per key and value type): look \
         strings up with `model::order::StrIndex`",
    ),
    (
        "rem_pio2_large",
        "`libm`'s sine or cosine with their reduction of huge angles (5 KB): the layout's \
         angles go through `layout::trig`",
    ),
];

/// The lowest address a data segment of `wasm` is written at, if it has any: `Err` when a
/// segment's place is not a constant (what `--low-memory-unused` could not vouch for).
fn lowest_data_address(wasm: &[u8]) -> Result<Option<u32>> {
    let bad = || "the module's data section could not be read".to_string();
    let sections = wasm_sections(wasm).ok_or_else(bad)?;
    let Some((_, data)) = sections.into_iter().find(|s| s.0 == 11) else {
        return Ok(None);
    };
    let leb = |p: &mut usize| leb(data, p).ok_or_else(bad);
    let mut lowest: Option<u32> = None;
    let mut p = 0;
    for _ in 0..leb(&mut p)? {
        let flags = leb(&mut p)?;
        if flags != 1 {
            if flags == 2 {
                leb(&mut p)?;
            }
            // `i32.const n` then `end`: n is a signed LEB, read here as unsigned bits.
            if data.get(p) != Some(&0x41) {
                return Err("a data segment of the module is not at a constant address".into());
            }
            p += 1;
            let start = p;
            let raw = leb(&mut p)?;
            let bits = 7 * (p - start) as u32;
            let signed = if raw & (1 << (bits - 1)) != 0 {
                raw as i64 - (1i64 << bits)
            } else {
                raw as i64
            };
            let address = u32::try_from(signed).map_err(|_| bad())?;
            lowest = Some(lowest.map_or(address, |l| l.min(address)));
            if data.get(p) != Some(&0x0b) {
                return Err(bad());
            }
            p += 1;
        }
        let size = usize::try_from(leb(&mut p)?).map_err(|_| bad())?;
        p = p
            .checked_add(size)
            .filter(|&e| e <= data.len())
            .ok_or_else(bad)?;
    }
    Ok(lowest)
}

/// The features a wasm binary was compiled with, as rustc lists them in its `target_features`
/// section (`simd128`, `bulk-memory` …; those marked used); `None` when it cannot be read.
fn target_features(wasm: &[u8]) -> Option<Vec<String>> {
    let mut features = Vec::new();
    for (id, body) in wasm_sections(wasm)? {
        let mut i = 0;
        let name = |i: &mut usize| {
            let len = usize::try_from(leb(body, i)?).ok()?;
            let bytes = body.get(*i..i.checked_add(len)?)?;
            *i += len;
            Some(String::from_utf8_lossy(bytes).into_owned())
        };
        if id != 0 || name(&mut i)? != "target_features" {
            continue;
        }
        for _ in 0..leb(body, &mut i)? {
            let used = *body.get(i)? == b'+';
            i += 1;
            let feature = name(&mut i)?;
            if used {
                features.push(feature);
            }
        }
    }
    Some(features)
}

/// Refuses a map module built for SIMD that has none (a `RUSTFLAGS` of the environment would
/// have replaced [`SIMD_RUSTFLAGS`]), or a module without it that has some: the browsers
/// without SIMD would fail to compile it.
fn simd_check(wasm: &[u8], simd: bool) -> Result {
    let features = target_features(wasm).ok_or("the module's target features cannot be read")?;
    match (simd, features.iter().any(|f| f == "simd128")) {
        (true, false) => Err(format!(
            "the map's module was built without SIMD (features {features:?}): is RUSTFLAGS \
             set? {SIMD_RUSTFLAGS} must reach rustc"
        )),
        (false, true) => Err(format!(
            "a module meant for browsers without SIMD was compiled with it (features \
             {features:?}): is RUSTFLAGS set with +simd128?"
        )),
        _ => Ok(()),
    }
}

/// `wasm-opt --low-memory-unused` may assume the first kilobyte of memory unused: refuses a
/// module that writes data there.
fn low_memory_check(wasm: &[u8]) -> Result {
    match lowest_data_address(wasm)? {
        Some(a) if a < 1024 => Err(format!(
            "the module writes data at address {a}, below 1 KB: `--low-memory-unused` must go"
        )),
        _ => Ok(()),
    }
}

fn public_module_check(wasm: &[u8]) -> Result {
    for (name, what) in NOT_IN_PUBLIC {
        if wasm.windows(name.len()).any(|w| w == name.as_bytes()) {
            return Err(format!(
                "the public module holds {what} (a function named `{name}`): see docs/size.md"
            ));
        }
    }
    Ok(())
}

/// `cargo xtask build`: the development build in `www/` ([`build_www`]) and, for a release, the
/// public build in `target/dist-stage/public/` ([`build_public`]), whose size table it prints:
/// what a page downloads. Returns that folder (`None` for `--dev`).
fn build(release: bool) -> Result<Option<PathBuf>> {
    build_www(release)?;
    if !release {
        println!("{}", dev_table()?);
        println!(
            "(the development build: probes, long names, unbundled; `cargo xtask build` without \
             --dev prints the public build's table)"
        );
        return Ok(None);
    }
    let public = build_public()?;
    step("size of the public build: what a page downloads");
    println!("{}", public_table(&public)?);
    Ok(Some(public))
}

/// Builds the wasm with the probes (the tests and benchmarks drive it through them) and its JS
/// glue into `www/pkg`, the converter, exports and studio modules beside it, with the `.gz` and
/// `.br` the development server sends, and copies the demo data.
fn build_www(release: bool) -> Result {
    ensure_wasm_tools()?;
    ensure_npm()?;
    let root = root();
    build_wasm(
        release,
        Module::Public {
            probes: true,
            simd: true,
        },
        &root.join("www/pkg"),
    )?;
    // The same map without SIMD (www/pkg-sans-simd), for browsers without it; it uses
    // www/pkg's glue.
    build_wasm(
        release,
        Module::Public {
            probes: true,
            simd: false,
        },
        &root.join("www/pkg-sans-simd"),
    )?;
    same_glue(&root.join("www/pkg"), &root.join("www/pkg-sans-simd"))?;
    // The converter (www/pkg-lecteur): Markdown outlines and tables to JSON, on demand.
    build_wasm(release, Module::Converter, &root.join("www/pkg-lecteur"))?;
    // The exports (www/pkg-export): the SVG poster, the CSV and the print view, on demand.
    build_wasm(release, Module::Export, &root.join("www/pkg-export"))?;
    // The studio's module (www/pkg-atelier): the workbook reader on top of the map's code.
    build_wasm(release, Module::Staff, &root.join("www/pkg-atelier"))?;

    step("www/assets");
    let assets = root.join("www/assets");
    fs::create_dir_all(&assets).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(root.join("assets")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "json" || e == "md") {
            fs::copy(&path, assets.join(path.file_name().unwrap_or_default()))
                .map_err(|e| e.to_string())?;
        }
    }

    step("www/assets/synthetique-*.json (generated test data, labelled synthetic)");
    let n = "5000";
    run(cargo()
        .args([
            "run",
            "--quiet",
            "--release",
            "--bin",
            "carte-mentale",
            "--",
            "synthetique",
            n,
            "-o",
        ])
        .arg(assets.join(format!("synthetique-{n}.json"))))?;

    step("precompressed copies of the modules of www/ and their glues (.br, .gz)");
    for rel in DEV_FILES.iter().filter(|rel| rel.starts_with("www/pkg")) {
        compress::precompress(&root.join(rel))?;
    }
    Ok(())
}

/// Refuses two builds of the map whose JS glues differ: a page loads the glue of `pkg/` only,
/// whichever of the two modules it instantiates, so the two must import and export the same.
fn same_glue(pkg: &Path, other: &Path) -> Result {
    let read = |dir: &Path| {
        let path = dir.join("carte_mentale.js");
        fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    if read(pkg)? != read(other)? {
        return Err(format!(
            "{} and {} have different glues: the map with and without SIMD must have the same \
             imports and exports",
            pkg.display(),
            other.display()
        ));
    }
    Ok(())
}

/// What a page of the development build downloads (`www/`): a JSON map's page the first three;
/// an outline's or a table's adds the converter; the exports module comes at a visitor's first
/// SVG, CSV or print view. A browser without SIMD downloads the last instead of the first.
const DEV_FILES: [&str; 8] = [
    "www/pkg/carte_mentale_bg.wasm",
    "www/pkg/carte_mentale.js",
    "www/carte-mentale.js",
    "www/pkg-lecteur/carte_mentale_bg.wasm",
    "www/pkg-lecteur/carte_mentale.js",
    "www/pkg-export/carte_mentale_bg.wasm",
    "www/pkg-export/carte_mentale.js",
    "www/pkg-sans-simd/carte_mentale_bg.wasm",
];

/// The size table of the development build (probes, long glue names, the entry without the
/// element's modules), after [`build_www`]; `build --dev` prints it.
fn dev_table() -> Result<String> {
    let root = root();
    let mut report = String::from(compress::Sizes::HEADER);
    let mut total = compress::Sizes::default();
    for rel in DEV_FILES {
        let path = root.join(rel);
        // The loader is a source file: measured, not written beside.
        let sizes = if rel.starts_with("www/pkg") {
            compress::Sizes::written(&path)?
        } else {
            compress::Sizes::of(&fs::read(&path).map_err(|e| format!("{rel}: {e}"))?)
        };
        let on_demand = rel.starts_with("www/pkg-");
        if on_demand && !report.contains("| total (JSON map)") {
            report.push_str(&total.row("total (JSON map)"));
        }
        if !on_demand || rel.starts_with("www/pkg-lecteur/") {
            total += sizes;
        }
        let note = if rel.starts_with("www/pkg-sans-simd/") {
            " (without SIMD, instead of www/pkg/…)"
        } else if on_demand {
            " (on demand)"
        } else {
            ""
        };
        report.push_str(&sizes.row(&format!("{rel}{note}")));
        if rel == "www/pkg-lecteur/carte_mentale.js" {
            report.push_str(&total.row("total (outline or table)"));
        }
    }
    Ok(report)
}

fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => "8080".to_string(),
        [flag, p] if flag == "--port" && p.parse::<u16>().is_ok() => p.clone(),
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    build_www(true)?;
    step(&format!(
        "serving www/ on http://127.0.0.1:{port}/ (Ctrl+C to stop)"
    ));
    run(Command::new("node").args(["scripts/server.mjs", "--root", "www", "--port", &port]))
}

fn test() -> Result {
    let start = Instant::now();
    ensure_wasm_tools()?;
    ensure_npm()?;
    ensure_browser()?;

    step("cargo fmt --check");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("cargo clippy (native, all targets)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("cargo clippy (wasm32: each module's features, and the browser unit tests)");
    for module in Module::ALL {
        let mut c = cargo();
        c.args(["clippy", "-p", "carte-mentale", "--lib", "--target", TARGET]);
        c.args(module.features());
        run(c.args(["--", "-D", "warnings"]))?;
    }
    // The browser unit tests' own set (tests/web.rs: the default features and the probes).
    run(cargo().args([
        "clippy",
        "-p",
        "carte-mentale",
        "--tests",
        "--target",
        TARGET,
        "--features",
        "probes",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("native tests: cargo test --workspace");
    run(cargo().args(["test", "--workspace"]))?;
    fuzz()?;

    step("JS unit tests: node --test tests/js/ (the element's parts over a DOM shim)");
    run(Command::new("node").args(["--test", "--test-concurrency=1", "tests/js/"]))?;

    // The release build, packaged: the end-to-end tests also check dist/.
    dist()?;

    step("browser unit tests: wasm-bindgen-test in headless Chromium");
    run(cargo()
        .args([
            "test",
            "-p",
            "carte-mentale",
            "--features",
            "probes",
            "--target",
            TARGET,
            "--test",
            "web",
        ])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180"))?;

    step("end-to-end tests: node --test tests/e2e/");
    let mut e2e: Vec<String> = fs::read_dir(root().join("tests/e2e"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    e2e.sort();
    run(Command::new("node")
        .arg("--test")
        .arg("--test-concurrency=1")
        .args(&e2e))?;

    println!(
        "\nall tests passed in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The cargo-fuzz targets of `fuzz/` (they replay in `cargo test` through tests/fuzz_corpus.rs).
const FUZZ_TARGETS: [&str; 5] = ["markdown", "table", "json", "fragment", "scene"];

/// Seconds each fuzz target runs: 5 × 30 s, within the 3 minutes the run allows.
const FUZZ_SECONDS: u32 = 30;

/// Runs each fuzz target for a bounded time on nightly (installed from rustup when missing,
/// with cargo-fuzz from crates.io). A panic, or one input taking over 10 s (a freeze), fails
/// the run; libFuzzer leaves the input in `fuzz/artifacts/<target>/`, which `cargo test` then
/// replays once committed. New corpus entries go to `fuzz/scratch/` (ignored), not the seeds.
/// Skipped with a note when no nightly toolchain can be installed.
fn fuzz() -> Result {
    step("fuzzing: cargo +nightly fuzz run, each target for a bounded time");
    let nightly = |args: &[&str]| {
        let mut c = Command::new("cargo");
        c.arg("+nightly")
            .args(args)
            .env_remove("RUSTUP_TOOLCHAIN")
            .env_remove("CARGO");
        c
    };
    let has_nightly = output(Command::new("rustup").args(["run", "nightly", "rustc", "--version"]));
    if has_nightly.is_none()
        && run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))
        .is_err()
    {
        println!("no nightly toolchain could be installed: fuzzing skipped");
        return Ok(());
    }
    if output(&mut nightly(&["fuzz", "--version"])).is_none() {
        // About two minutes to build, once.
        println!("installing cargo-fuzz from crates.io");
        run(cargo().args(["install", "cargo-fuzz", "--locked"]))?;
    }
    let max_time = format!("-max_total_time={FUZZ_SECONDS}");
    for target in FUZZ_TARGETS {
        let scratch = format!("fuzz/scratch/{target}");
        fs::create_dir_all(root().join(&scratch)).map_err(|e| format!("{scratch}: {e}"))?;
        let seeds = format!("fuzz/corpus/{target}");
        // Safe Rust only: no sanitizer (builds and runs several times faster).
        run(&mut nightly(&[
            "fuzz",
            "run",
            "--sanitizer",
            "none",
            target,
            &scratch,
            &seeds,
            "--",
            &max_time,
            "-timeout=10",
            "-rss_limit_mb=2048",
        ]))?;
    }
    Ok(())
}

fn bench() -> Result {
    dist()?;
    ensure_browser()?;
    let script = root().join("scripts/bench.mjs");
    if !script.exists() {
        return Err("scripts/bench.mjs is missing".into());
    }
    step("layout benchmark: carte-mentale vs d3-force in headless Chromium");
    run(Command::new("node").arg(script))?;
    step("draw benchmark: full frames at three zooms, label overlaps");
    run(Command::new("node").arg(root().join("scripts/draw-bench.mjs")))?;
    step("load benchmark: the public build, compressed, slow 4G + CPU ÷4 and unthrottled");
    run(Command::new("node").arg(root().join("scripts/load-bench.mjs")))
}

/// The `version` of the `[package]` section of the root Cargo.toml.
fn package_version() -> Result<String> {
    let toml =
        fs::read_to_string(root().join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let mut in_package = false;
    for line in toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package
            && let Some(v) = line.strip_prefix("version")
            && let Some(v) = v.trim_start().strip_prefix('=')
        {
            return Ok(v.trim().trim_matches('"').to_string());
        }
    }
    Err("no version in the [package] section of Cargo.toml".into())
}

/// The Subresource Integrity value of `bytes`: `sha384-` and the base64 of its SHA-384 digest.
fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The staff page (snippet, preview, options) and what it needs, copied from www/ as they are.
const DIST_PAGE: &[&str] = &[
    "embed.html",
    "embed.js",
    "embed.css",
    "site.css",
    "favicon.svg",
    "assets/motion-2021.json",
];

/// The entry script's lines that `dist` rewrites with the hashes of the four modules, in the
/// order of [`PUBLIC_FILES`]: the map, the map without SIMD, the converter, the exports.
const LOADER_INTEGRITY: [&str; 4] = [
    "const WASM_INTEGRITY = null;",
    "const SANS_SIMD_INTEGRITY = null;",
    "const CONVERTER_INTEGRITY = null;",
    "const EXPORTER_INTEGRITY = null;",
];
/// The handle's test and benchmark hooks (`src/web/viewer/probes.rs`, `LayoutBench`): none may be in
/// the public bundle.
const PROBES: &[&str] = &[
    "hovered",
    "zoom",
    "nodeScreenPosition",
    "visibleIds",
    "positions",
    "labelBoxes",
    "loadSynthetic",
    "unfoldAllAndSettle",
    "drawTimes",
    "setZoomFactor",
    "isAnimating",
    "listenerCount",
    "selected",
    "filters",
    "filterCount",
    "query",
    "unfoldedIds",
    "keptIds",
    "focused",
    "LayoutBench",
];

/// Copies a folder of source files (recursively).
fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The module that declares the version (checked against Cargo.toml).
const VERSION_MODULE: &str = "src/element.js";

/// The entry script `www/carte-mentale.js` (its [`LOADER_INTEGRITY`] lines set to the hashes
/// of `sri`, in that order) and the modules it imports (`www/src/`, the three wasm-bindgen
/// glues), bundled into one ES module by esbuild (npm devDependency): no import is left, so
/// one integrity attribute covers the code.
fn bundle(stage: &Path, entry: &str, sri: [&str; 4]) -> Result<String> {
    let source = entry
        .lines()
        .map(|l| {
            match LOADER_INTEGRITY.iter().position(|line| l.trim() == *line) {
                // `const X = null;` → `const X = 'sha384-…';`
                Some(k) => LOADER_INTEGRITY[k].replace("null", &format!("'{}'", sri[k])),
                None => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    esbuild(
        &[
            "--bundle",
            // Minified: what a phone downloads (names the page uses, the element's API and
            // the glue's exports, are properties and survive).
            "--minify",
            "--format=esm",
            "--platform=browser",
            "--charset=utf8",
            "--legal-comments=none",
            "--log-level=warning",
            "--sourcefile=carte-mentale.js",
        ],
        stage,
        &source,
    )
}

/// Runs esbuild (npm devDependency) in `dir` on `input` (its stdin); returns its output.
fn esbuild(args: &[&str], dir: &Path, input: &str) -> Result<String> {
    let mut child = Command::new(root().join("node_modules/.bin/esbuild"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("esbuild: {e} (run npm ci)"))?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().ok_or("esbuild: no stdin")?;
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("esbuild: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("esbuild: {e}"))?;
    if !out.status.success() {
        return Err(format!("esbuild failed: {}", out.status));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("esbuild output: {e}"))
}

/// The element's stylesheets minified in the staged copy of `styles.js`: each template literal
/// assigned there (`= `…`;`) through esbuild's CSS minifier, written back as a string literal.
/// The bundle's own minification leaves template contents as they are: −0.5 KB gzip.
fn minify_styles(path: &Path) -> Result {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    step("esbuild --loader=css --minify (the element's stylesheets)");
    let dir = root();
    let out = rewrite_templates(&text, |css| {
        let args = [
            "--loader=css",
            "--minify",
            "--charset=utf8",
            "--log-level=warning",
        ];
        Ok(esbuild(&args, &dir, css)?.trim().to_string())
    })?;
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// `text` with each template literal assigned (`= `…`;`) replaced by `minify` of its content,
/// as a double-quoted string literal. A template holding `${`, a backslash or a backtick is
/// refused: its text would not be its content.
fn rewrite_templates(text: &str, mut minify: impl FnMut(&str) -> Result<String>) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("= `") {
        let body = &rest[at + 3..];
        let end = body
            .find("`;")
            .ok_or("styles.js: a template literal is not closed by `;")?;
        let css = &body[..end];
        if css.contains("${") || css.contains('\\') || css.contains('`') {
            return Err("styles.js: a stylesheet holds `${`, a backslash or a backtick".into());
        }
        out.push_str(&rest[..at]);
        out.push_str("= \"");
        for c in minify(css)?.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push_str("\";");
        rest = &body[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The files of the public build a page may download, under `target/dist-stage/public/` and
/// in a release folder: the bundle (always), the map's module (always: with SIMD, or the one
/// without in the browsers without it), the converter (for an outline or a table) and the
/// exports (at a visitor's first SVG, CSV or print view).
const PUBLIC_FILES: [&str; 5] = [
    "carte-mentale.js",
    "pkg/carte_mentale_bg.wasm",
    "pkg-sans-simd/carte_mentale_bg.wasm",
    "pkg-lecteur/carte_mentale_bg.wasm",
    "pkg-export/carte_mentale_bg.wasm",
];

/// Builds the public build into `target/dist-stage/public/` (after [`build_www`], whose
/// converter and exports it reuses) and returns that folder:
///
/// - `carte-mentale.js`: the loader with the wasm-bindgen glues inlined and the SRI hashes of
///   the four modules written in, bundled by esbuild, so that one `integrity` attribute on the
///   script tag covers all the code (the loader then asks `fetch` to check each wasm against
///   its hash);
/// - `pkg/carte_mentale_bg.wasm` (the map: JSON only, no probes, with SIMD),
///   `pkg-sans-simd/…` (the same without SIMD, for the browsers without it), `pkg-lecteur/…`
///   (the converter, fetched only for a Markdown outline or a table) and `pkg-export/…` (the
///   SVG, CSV and print exports, fetched at the first);
/// - beside each, the `.gz` and `.br` a host sends.
fn build_public() -> Result<PathBuf> {
    let version = package_version()?;
    let root = root();
    let www = root.join("www");
    let loader = fs::read_to_string(www.join("carte-mentale.js"))
        .map_err(|e| format!("www/carte-mentale.js: {e}"))?;
    for line in LOADER_INTEGRITY {
        if loader.lines().filter(|l| l.trim() == line).count() != 1 {
            return Err(format!(
                "www/carte-mentale.js must have the line `{line}` once (dist rewrites it)"
            ));
        }
    }
    let declared = format!("export const VERSION = '{version}';");
    let module = fs::read_to_string(www.join(VERSION_MODULE))
        .map_err(|e| format!("www/{VERSION_MODULE}: {e}"))?;
    if module.lines().filter(|l| l.trim() == declared).count() != 1 {
        return Err(format!(
            "www/{VERSION_MODULE} must have the line `{declared}` once (the version of Cargo.toml)"
        ));
    }
    // No probes. Bundled from a staging copy of the entry and its modules, so that www/pkg
    // keeps the probes build the tests use.
    let stage = root.join("target/dist-stage");
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("{}: {e}", stage.display()))?;
    }
    copy_dir(&www.join("src"), &stage.join("src"))?;
    minify_styles(&stage.join("src/styles.js"))?;
    fs::write(stage.join("carte-mentale.js"), &loader).map_err(|e| e.to_string())?;
    for (simd, pkg) in [(true, "pkg"), (false, "pkg-sans-simd")] {
        let module = Module::Public {
            probes: false,
            simd,
        };
        build_wasm(true, module, &stage.join(pkg))?;
    }
    // The converter and the exports have no probes: the ones `build_www` just made are public.
    for pkg in ["pkg-lecteur", "pkg-export"] {
        copy_dir(&www.join(pkg), &stage.join(pkg))?;
    }
    for pkg in ["pkg", "pkg-sans-simd", "pkg-lecteur", "pkg-export"] {
        minify_names(&stage.join(pkg))?;
    }
    // The bundle holds pkg/'s glue, for both maps.
    same_glue(&stage.join("pkg"), &stage.join("pkg-sans-simd"))?;

    step("target/dist-stage/public: the bundle, the four modules, their .gz and .br");
    let public = stage.join("public");
    let read =
        |rel: &str| fs::read(stage.join(rel)).map_err(|e| format!("target/dist-stage/{rel}: {e}"));
    let [_, map, sans_simd, converter, exporter] = PUBLIC_FILES;
    let modules = [
        read(map)?,
        read(sans_simd)?,
        read(converter)?,
        read(exporter)?,
    ];
    let hashes = modules.each_ref().map(|m| sri(m));
    let bundle = bundle(&stage, &loader, hashes.each_ref().map(String::as_str))?;
    // The public glue exports no probe: a test or benchmark hook found in it fails the build.
    // A method of the glue's class is defined as `name(…) {` after a space, a brace, a
    // semicolon or a comma (minified or not); a call `x.name(` is not a definition.
    let found: Vec<&str> = PROBES
        .iter()
        .copied()
        .filter(|p| {
            [" ", "}", "{", ";", ","]
                .iter()
                .any(|before| bundle.contains(&format!("{before}{p}(")))
                || bundle.contains(&format!("class {p}"))
        })
        .collect();
    if !found.is_empty() {
        return Err(format!("the public bundle still has probes: {found:?}"));
    }
    let contents = std::iter::once(bundle.as_bytes()).chain(modules.iter().map(Vec::as_slice));
    for (rel, bytes) in PUBLIC_FILES.iter().zip(contents) {
        let dest = public.join(rel);
        write_file(&dest, bytes)?;
        compress::precompress(&dest)?;
    }
    Ok(public)
}

/// Writes `bytes` to `path`, creating the folders it is in.
fn write_file(path: &Path, bytes: &[u8]) -> Result {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The size table of the public build in `dir` (its files and the `.gz` and `.br` beside
/// them): what a page with a JSON map downloads, then what it may fetch on demand. The
/// README shows it.
fn public_table(dir: &Path) -> Result<String> {
    let mut table = String::from(compress::Sizes::HEADER);
    let mut total = compress::Sizes::default();
    for rel in PUBLIC_FILES {
        let sizes = compress::Sizes::written(&dir.join(rel))?;
        if rel.starts_with("pkg-") {
            if !table.contains("**total") {
                table.push_str(&total.row("**total, a JSON map**"));
            }
            let note = if rel.starts_with("pkg-sans-simd/") {
                "browsers without SIMD, instead of `pkg/…`"
            } else {
                "on demand"
            };
            table.push_str(&sizes.row(&format!("`{rel}` ({note})")));
        } else {
            total += sizes;
            table.push_str(&sizes.row(&format!("`{rel}`")));
        }
    }
    Ok(table)
}

/// Builds (release, [`build`]) and packages `dist/carte-mentale-<version>/`: the public build
/// (its files, `.gz` and `.br` as [`build_public`] wrote them), `integrity.json` (the SRI
/// hashes, sha384, of the five) and the staff page `embed.html` (snippet with the hash,
/// preview, options explained).
///
/// The version is in the folder name, so a new release never overwrites what pages use.
fn dist() -> Result<PathBuf> {
    let version = package_version()?;
    let public = build(true)?.ok_or("the release build made no public build")?;
    let root = root();
    let name = format!("carte-mentale-{version}");
    step(&format!("dist/{name}"));
    let out = root.join("dist").join(&name);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let write = |rel: &str, bytes: &[u8]| write_file(&out.join(rel), bytes);
    let mut hashes = Vec::new();
    for rel in PUBLIC_FILES {
        let bytes = fs::read(public.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        hashes.push((rel, sri(&bytes), bytes.len()));
        for ext in [".gz", ".br"] {
            let file = format!("{rel}{ext}");
            write(
                &file,
                &fs::read(public.join(&file)).map_err(|e| format!("{file}: {e}"))?,
            )?;
        }
        write(rel, &bytes)?;
    }
    for rel in DIST_PAGE {
        let path = root.join("www").join(rel);
        write(
            rel,
            &fs::read(&path).map_err(|e| format!("www/{rel}: {e}"))?,
        )?;
        if compress::compressible(&path) {
            compress::precompress(&out.join(rel))?;
        }
    }
    // JSON by hand: the paths and base64 need no escaping.
    let files: Vec<String> = hashes
        .iter()
        .map(|(rel, sri, len)| {
            format!("    \"{rel}\": {{ \"integrity\": \"{sri}\", \"bytes\": {len} }}")
        })
        .collect();
    let manifest = format!(
        "{{\n  \"name\": \"carte-mentale\",\n  \"version\": \"{version}\",\n  \"files\": {{\n{}\n  }}\n}}\n",
        files.join(",\n")
    );
    write("integrity.json", manifest.as_bytes())?;
    compress::precompress(&out.join("integrity.json"))?;

    println!("{}", out.display());
    for (rel, sri, len) in &hashes {
        println!("  {rel:<36} {len:>8} bytes  {sri}");
    }
    let bundle_sri = &hashes[0].1;
    println!(
        "\nSnippet (BASE: the URL where dist/{name}/ is published; BASE/embed.html has a preview):\n\n\
         <link rel=\"preload\" href=\"BASE/pkg/carte_mentale_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\">\n\
         <script type=\"module\" src=\"BASE/carte-mentale.js\" integrity=\"{bundle_sri}\" crossorigin=\"anonymous\"></script>\n\
         <carte-mentale src=\"motion.json\"></carte-mentale>"
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a data section of active segments at these addresses (and a passive one).
    fn with_data(addresses: &[&[u8]]) -> Vec<u8> {
        let mut section = vec![addresses.len() as u8 + 1];
        for sleb in addresses {
            section.push(0);
            section.push(0x41);
            section.extend_from_slice(sleb);
            section.extend_from_slice(&[0x0b, 2, b'h', b'i']);
        }
        section.extend_from_slice(&[1, 1, b'!']);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 1, 0]); // an empty type section first
        wasm.push(11);
        wasm.push(section.len() as u8);
        wasm.extend(section);
        wasm
    }

    #[test]
    fn stylesheets_become_string_literals() {
        let js = "// `a` comment\nexport const CSS = `\n  a { color: red; }\n`;\nconst X = 1;\nexport const P = `b{}`;\nfn(`x`);\n";
        let out = rewrite_templates(js, |css| Ok(format!("[{}] \"q\" \\ \n", css.trim()))).unwrap();
        assert_eq!(
            out,
            "// `a` comment\nexport const CSS = \"[a { color: red; }] \\\"q\\\" \\\\ \\n\";\nconst X = 1;\nexport const P = \"[b{}] \\\"q\\\" \\\\ \\n\";\nfn(`x`);\n"
        );
        for bad in ["c = `a${b}`;", "c = `\\2`;", "c = `a"] {
            assert!(rewrite_templates(bad, |c| Ok(c.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn data_below_one_kilobyte_is_refused() {
        // 1 048 576 (Rust's data, after the stack) and 1 024, as signed LEB128.
        let mega: &[u8] = &[0x80, 0x80, 0xc0, 0x00];
        let kilo: &[u8] = &[0x80, 0x08];
        assert_eq!(lowest_data_address(&with_data(&[mega])), Ok(Some(1 << 20)));
        assert_eq!(
            lowest_data_address(&with_data(&[mega, kilo])),
            Ok(Some(1024))
        );
        assert!(low_memory_check(&with_data(&[mega, kilo])).is_ok());
        assert!(low_memory_check(&with_data(&[])).is_ok());
        let low = with_data(&[mega, &[0x10]]);
        assert_eq!(lowest_data_address(&low), Ok(Some(16)));
        assert!(low_memory_check(&low).unwrap_err().contains("address 16"));
        // -1 is no address; a cut section is unreadable.
        assert!(lowest_data_address(&with_data(&[&[0x7f]])).is_err());
        let cut = with_data(&[mega]);
        assert!(lowest_data_address(&cut[..cut.len() - 3]).is_err());
    }

    #[test]
    fn glue_takes_the_short_names() {
        let glue = r#"function __wbg_get_imports() {
    const import0 = {
        __wbg_arc_df3f7eb77e59876f: function(arg0) { arg0.arc(); },
        __wbg_arcTo_0123456789abcdef: function(arg0) { arg0.arcTo(); },
    };
    return { __proto__: null, "./carte_mentale_bg.js": import0 };
}
function f() { wasm.cartementale_zoomIn(1); wasm.cartementale_zoomInX(); wasm.memory.buffer; x.cartementale_zoomIn(); }
"#;
        let mapping = r#"{
 "imports": [
  ["./carte_mentale_bg.js", "__wbg_arc_df3f7eb77e59876f", "$"],
  ["./carte_mentale_bg.js", "__wbg_arcTo_0123456789abcdef", "A"]
 ],
"exports": [
  ["cartementale_zoomIn", "Bb"],
  ["cartementale_zoomInX", "Cb"],
  ["memory", "a"]
 ]
}
"#;
        let out = rename_glue(glue, mapping, "a").unwrap();
        assert!(
            out.contains("        $: function(arg0) { arg0.arc(); },"),
            "{out}"
        );
        assert!(
            out.contains("        A: function(arg0) { arg0.arcTo(); },"),
            "{out}"
        );
        assert!(out.contains(r#""a": import0"#), "{out}");
        assert!(
            out.contains("wasm.Bb(1); wasm.Cb(); wasm.a.buffer; x.cartementale_zoomIn();"),
            "{out}"
        );
        // An import the glue does not have, or no mapping at all, is an error.
        let missing = mapping.replace("__wbg_arcTo_0123456789abcdef", "__wbg_lineTo_0");
        assert!(rename_glue(glue, &missing, "a").is_err());
        assert!(rename_glue(glue, "{}", "a").is_err());
        let unmapped = glue.replace("wasm.memory.buffer", "wasm.memory0.buffer");
        assert!(rename_glue(&unmapped, mapping, "a").is_err());
    }

    #[test]
    fn first_import_module_is_read_from_the_binary() {
        // Magic, version, a type section (skipped), an import section: 1 import "wbg"."f".
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.extend([2, 9, 1, 3, b'w', b'b', b'g', 1, b'f', 0, 0]);
        assert_eq!(first_import_module(&wasm).as_deref(), Some("wbg"));
        assert_eq!(first_import_module(&wasm[..14]), None);
    }

    #[test]
    fn simd_is_found_in_the_target_features() {
        // A custom section "target_features": +simd128, +bulk-memory, -atomics (not used).
        let module = |features: &[(u8, &str)]| {
            let mut body = vec![15];
            body.extend(b"target_features");
            body.push(features.len() as u8);
            for (prefix, name) in features {
                body.push(*prefix);
                body.push(name.len() as u8);
                body.extend(name.as_bytes());
            }
            let mut wasm = b"\0asm\x01\0\0\0".to_vec();
            wasm.extend([0, body.len() as u8]);
            wasm.extend(body);
            wasm
        };
        let simd = module(&[(b'+', "simd128"), (b'+', "bulk-memory"), (b'-', "atomics")]);
        assert_eq!(target_features(&simd).unwrap(), ["simd128", "bulk-memory"]);
        let plain = module(&[(b'+', "bulk-memory"), (b'-', "simd128")]);
        assert!(simd_check(&simd, true).is_ok() && simd_check(&plain, false).is_ok());
        assert!(simd_check(&simd, false).is_err() && simd_check(&plain, true).is_err());
        assert_eq!(target_features(&simd[..simd.len() - 3]), None);
    }

    #[test]
    fn sri_is_sha384_in_base64() {
        // FIPS 180-2 test vector for "abc", and the empty input.
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
        assert_eq!(
            sri(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }
}
