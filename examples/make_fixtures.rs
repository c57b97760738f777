//! Regenerates `fixtures/` from the specs in `runaudit_testkit::catalog`:
//! `cargo run --example make_fixtures`. The test `tests/synth.rs` checks nothing drifted.

use std::fs;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for dir in ["runs", "season", "season-apple", "squad"] {
        let dir = root.join(dir);
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
    }
    let mut total = 0usize;
    let files = runaudit_testkit::catalog::all();
    for f in &files {
        let path = root.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, &f.bytes)?;
        total += f.bytes.len();
    }
    println!(
        "wrote {} files, {} bytes, under {}",
        files.len(),
        total,
        root.display()
    );
    Ok(())
}
