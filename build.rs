//! Embeds the commit shown by phpinfo(), and stops early with a clear message when a PHP build
//! lacks what ext-php-rs needs (php-config, libclang) instead of a long bindgen error.

use std::process::Command;

fn main() {
    // Only when there is a checkout: a missing file here would make cargo rebuild every time.
    if std::path::Path::new(".git/HEAD").exists() {
        println!("cargo:rerun-if-changed=.git/HEAD");
    }
    if let Ok(head) = std::fs::read_to_string(".git/HEAD") {
        if let Some(r) = head.trim().strip_prefix("ref: ") {
            println!("cargo:rerun-if-changed=.git/{r}");
        }
    }
    println!("cargo:rerun-if-env-changed=PHP_CONFIG");
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty());
    let build = commit.unwrap_or_else(|| "unknown (not built from a git checkout)".into());
    println!("cargo:rustc-env=REDISLOCK_BUILD_COMMIT={build}");

    if std::env::var_os("CARGO_FEATURE_PHP").is_none() {
        return;
    }
    let php_config = std::env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".into());
    if Command::new(&php_config)
        .arg("--version")
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        panic!(
            "\n\nredislock: `{php_config}` was not found. Install PHP's development files first \
             (Debian: apt-get install php8.2-dev php8.2-cli libclang-dev), or set PHP_CONFIG.\n\
             To build only the PHP-free lock core: cargo build --no-default-features\n"
        );
    }
    let has_libclang = std::env::var_os("LIBCLANG_PATH").is_some()
        || [
            "/usr/lib",
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/local/lib",
        ]
        .iter()
        .chain(
            glob_llvm()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .iter(),
        )
        .any(|dir| has_libclang_in(dir));
    if !has_libclang {
        panic!(
            "\n\nredislock: libclang was not found; ext-php-rs needs it to read PHP's headers. \
             Debian: apt-get install libclang-dev (or set LIBCLANG_PATH).\n"
        );
    }
}

fn glob_llvm() -> Vec<String> {
    std::fs::read_dir("/usr/lib")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with("llvm-"))
                .map(|e| format!("{}/lib", e.path().display()))
                .collect()
        })
        .unwrap_or_default()
}

fn has_libclang_in(dir: &str) -> bool {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .any(|e| is_libclang_name(&e.file_name().to_string_lossy()) && e.path().exists())
        })
        .unwrap_or(false)
}

/// Whether a file name is one clang-sys loads: `libclang.so`, `libclang.so.N...`, `libclang-N.so`,
/// `libclang-N.so.N...` (N: digits, dot-separated). Not `libclang-cpp.so.N` (another library,
/// present without libclang on some images) nor the static `libclangAST.a` and the like.
/// The same rule as scripts/libclang.sh.
fn is_libclang_name(name: &str) -> bool {
    fn is_version(s: &str) -> bool {
        !s.is_empty()
            && s.split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    }
    let Some(rest) = name.strip_prefix("libclang") else {
        return false;
    };
    let Some((before, after)) = rest.split_once(".so") else {
        return false;
    };
    let before_ok = before.is_empty() || before.strip_prefix('-').is_some_and(is_version);
    let after_ok = after.is_empty() || after.strip_prefix('.').is_some_and(is_version);
    before_ok && after_ok
}
