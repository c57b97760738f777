//! Writes the generated histories the session types are measured on (the closing notes' type
//! counts): `cargo run --example histories -- DIR` writes the testkit's three-year history into
//! `DIR/history/` and the coach's session patterns (six weeks of ordinary running, then the
//! patterns, with their `profile.toml`) into `DIR/patterns/`.

use std::path::PathBuf;

use runaudit_testkit::catalog::{history_files, pattern_files, PATTERNS_PROFILE_TOML};

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: histories DIR");
        std::process::exit(2);
    };
    for (sub, files) in [("history", history_files()), ("patterns", pattern_files())] {
        let out = dir.join(sub);
        std::fs::create_dir_all(&out)?;
        for (name, bytes) in &files {
            std::fs::write(out.join(name), bytes)?;
        }
        println!("wrote {} files under {}", files.len(), out.display());
    }
    std::fs::write(dir.join("patterns/profile.toml"), PATTERNS_PROFILE_TOML)?;
    Ok(())
}
