//! Writes the inputs of the speed measurements in `docs/speed.md`: `cargo run --release --example
//! speed_batch -- DIR [N]` writes N (default 1000) hour-long FIT runs and `ultra-12h.fit` into DIR.

#[path = "../benches/common/batch.rs"]
mod batch;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: speed_batch DIR [N]");
        std::process::exit(2);
    };
    let n: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    std::fs::create_dir_all(dir.join("runs"))?;
    let mut bytes = 0usize;
    for i in 0..n {
        let file = runaudit_testkit::fit::write(&batch::hour_run(i).build().activity);
        bytes += file.len();
        std::fs::write(dir.join(format!("runs/run-{i:04}.fit")), file)?;
    }
    let ultra = runaudit_testkit::fit::write(&batch::twelve_hours().build().activity);
    std::fs::write(dir.join("ultra-12h.fit"), &ultra)?;
    println!(
        "wrote {n} runs ({bytes} bytes) under {}, and ultra-12h.fit ({} bytes)",
        dir.join("runs").display(),
        ultra.len()
    );
    Ok(())
}
