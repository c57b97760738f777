//! Where results go and in which shape: the `--format` dispatch to the renderers, the `path:
//! reason` lines on stderr, and the files of `--svg`/`--out` (one SVG per run, the season SVG,
//! the index page). Both commands write through here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::batch::{with_threads, Failure};
use crate::config::{Config, OutputFormat};
use crate::pipeline::RunRecord;
use crate::read::export::SidecarWarning;
use crate::report::svg::html::{Failed, Linked};
use crate::report::svg::names::{base_name, UniqueNames};
use crate::report::svg::{index_html, run_svg, season_svg, RunView};
use crate::report::table::TableStyle;
use crate::report::{csv, json, season, table};
use crate::run::{season_weeks, FileResult, RunReport};
use crate::safe::terminal;

/// The season chart's file name in an `--out` folder.
pub const SEASON_SVG: &str = "season.svg";
/// The index page's file name in an `--out` folder.
pub const INDEX_HTML: &str = "index.html";
/// The weekly summary's file name in an `--out` folder.
pub const WEEKS_CSV: &str = "weeks.csv";
/// The folder of per-run SVGs in an `--out` folder.
pub const RUNS_DIR: &str = "runs";

/// What the table shows: one block per run (`check`) or the season (`audit`). JSON and CSV are
/// the same for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A table per run with its splits and criteria.
    PerRun,
    /// One line per run and the season summary.
    Season,
}

/// The table style for a configuration.
pub fn table_style(config: &Config) -> TableStyle {
    TableStyle {
        units: config.units,
        color: config.color,
    }
}

/// Writes the results in the configured format, then flushes.
pub fn write_results(
    out: &mut dyn Write,
    results: &[FileResult],
    config: &Config,
    view: View,
) -> io::Result<()> {
    match (config.format, view) {
        (OutputFormat::Table, View::PerRun) => table::write(out, results, &table_style(config)),
        (OutputFormat::Table, View::Season) => season::write(
            out,
            results,
            &season::SeasonStyle {
                table: table_style(config),
                every_run: config.every_run,
            },
        ),
        (OutputFormat::Json, _) => json::write(out, results),
        (OutputFormat::Jsonl, _) => json::write_lines(out, results),
        (OutputFormat::Csv, _) => csv::write(out, results),
    }?;
    out.flush()
}

/// One `file: error` line per failure.
pub fn write_failures(diag: &mut dyn Write, failures: &[Failure]) -> io::Result<()> {
    for f in failures {
        write_failure(diag, &f.file, &f.error)?;
    }
    Ok(())
}

/// The `file: error` line of one file that could not be read; both parts can quote what a file
/// holds (a zip entry's name, its first bytes), so they are shown escaped.
pub fn write_failure(diag: &mut dyn Write, file: &str, error: &str) -> io::Result<()> {
    writeln!(diag, "{}: {}", terminal(file), terminal(error))
}

/// One `warning: ...` line per problem found in an export's summary files (no run is lost).
pub fn write_notes(diag: &mut dyn Write, notes: &[SidecarWarning]) -> io::Result<()> {
    for n in notes {
        writeln!(diag, "warning: {}", terminal(&n.to_string()))?;
    }
    Ok(())
}

/// Why an output file or folder could not be made; each names its path.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The folder could not be created.
    #[error("cannot create folder {}: {source}", .path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// The file could not be written or moved into place.
    #[error("cannot write {}: {source}", .path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// A folder inside the output folder is a symbolic link (it would send files elsewhere).
    #[error(
        "{} is a symbolic link; runaudit writes only into a real folder there: remove the link \
         or choose another output folder",
        .path.display()
    )]
    LinkedFolder {
        /// The link.
        path: PathBuf,
    },
    /// The file exists and may not be replaced (`profile --save` without `--force`).
    #[error("{} already exists; add --force to replace it", .path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
}

impl From<WriteError> for io::Error {
    /// Keeps the kind, except a broken pipe: that means stdout went away, and `main` exits
    /// quietly on it, while a file that cannot be written is an error.
    fn from(e: WriteError) -> Self {
        let kind = match &e {
            WriteError::Folder { source, .. } | WriteError::File { source, .. } => source.kind(),
            WriteError::LinkedFolder { .. } => io::ErrorKind::InvalidInput,
            WriteError::Exists { .. } => io::ErrorKind::AlreadyExists,
        };
        let kind = match kind {
            io::ErrorKind::BrokenPipe => io::ErrorKind::Other,
            kind => kind,
        };
        io::Error::new(kind, e)
    }
}

/// Creates an output folder (and its parents); the error names the folder. The folder named on
/// the command line is used as it is, a symbolic link to a folder included.
pub fn create_dir(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError::Folder {
        path: dir.to_path_buf(),
        source,
    })
}

/// Creates the `--out` folder and its `runs/` folder, and returns the latter. `runs` must be a
/// real folder: a symbolic link there is refused rather than followed, since it would put the
/// run reports wherever it points.
pub fn create_out_dir(dir: &Path) -> Result<PathBuf, WriteError> {
    create_dir(dir)?;
    let runs = dir.join(RUNS_DIR);
    match std::fs::symlink_metadata(&runs) {
        Ok(m) if m.file_type().is_symlink() => Err(WriteError::LinkedFolder { path: runs }),
        Ok(_) => Ok(runs),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            create_dir(&runs)?;
            Ok(runs)
        }
        Err(source) => Err(WriteError::Folder { path: runs, source }),
    }
}

/// Writes one output file: the bytes go to a new temporary file in the same folder, which is
/// then renamed over `path`. A reader sees the old file or the new one, never a part; a kill
/// leaves at most a `.runaudit-*.tmp` file; a symbolic link or hard link at `path` is replaced,
/// never written through. The error names the file.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let file = temp_file_beside(path, contents)?;
    file.persist(path).map_err(|e| WriteError::File {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Writes a file that must not exist yet, as [`write_file`] does (a temporary file renamed into
/// place), unless `replace`. Without `replace` the rename refuses to clobber: of two writers at
/// once exactly one succeeds, and the other gets [`WriteError::Exists`].
pub fn write_new_file(path: &Path, contents: &[u8], replace: bool) -> Result<(), WriteError> {
    if replace {
        return write_file(path, contents);
    }
    let file = temp_file_beside(path, contents)?;
    file.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists {
                path: path.to_path_buf(),
            }
        } else {
            WriteError::File {
                path: path.to_path_buf(),
                source: e.error,
            }
        }
    })?;
    Ok(())
}

/// A new temporary file in `path`'s folder holding `contents`, with the permissions a new file
/// gets (`0666` less the umask on Unix, where the temporary file's own default is `0600`).
/// Dropped before it is persisted, it is removed.
fn temp_file_beside(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let named = |source: io::Error| WriteError::File {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".runaudit-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(named)?;
    file.write_all(contents).map_err(named)?;
    file.flush().map_err(named)?;
    Ok(file)
}

/// Writes one SVG per judged run into `dir` (in parallel); returns each run's file name, in the
/// order of `runs`. Names come from the start time and file stem, made unique in that order.
pub fn write_run_svgs(runs: &[&RunRecord], dir: &Path, config: &Config) -> io::Result<Vec<String>> {
    let mut unique = UniqueNames::default();
    let names: Vec<String> = runs
        .iter()
        .map(|r| unique.svg_name(&base_name(&r.report)))
        .collect();
    with_threads(config.threads, runs.len(), || {
        runs.par_iter()
            .zip(names.par_iter())
            .try_for_each(|(run, name)| {
                let svg = run_svg(RunView {
                    report: &run.report,
                    series: run.plot.as_ref(),
                    units: config.units,
                })
                .map_err(io::Error::other)?;
                write_file(&dir.join(name), svg.as_bytes()).map_err(io::Error::from)
            })
    })?;
    Ok(names)
}

/// Writes `season.svg`, `weeks.csv` and `index.html` into `dir`; `svg_names` are the run SVGs under `runs/`,
/// in the order of the runs in `results`.
pub fn write_season(
    dir: &Path,
    results: &[FileResult],
    svg_names: &[String],
    config: &Config,
) -> io::Result<()> {
    let runs: Vec<&RunReport> = results.iter().filter_map(FileResult::run).collect();
    let svg = season_svg(&runs, config.units).map_err(io::Error::other)?;
    write_file(&dir.join(SEASON_SVG), svg.as_bytes())?;
    let mut weeks_csv = Vec::new();
    csv::write_weeks(&mut weeks_csv, &season_weeks(&runs))?;
    write_file(&dir.join(WEEKS_CSV), &weeks_csv)?;
    let hrefs: Vec<String> = svg_names
        .iter()
        .map(|n| format!("{RUNS_DIR}/{n}"))
        .collect();
    let linked: Vec<Linked> = runs
        .iter()
        .zip(&hrefs)
        .map(|(report, href)| Linked { report, href })
        .collect();
    let failed: Vec<Failed> = results
        .iter()
        .filter_map(|r| match r {
            FileResult::Error { file, error } => Some(Failed { file, error }),
            FileResult::Run(_) => None,
        })
        .collect();
    let html = index_html(&linked, &failed, SEASON_SVG, config.units);
    Ok(write_file(&dir.join(INDEX_HTML), html.as_bytes())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("listable")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_file_is_replaced_never_rewritten_in_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index.html");
        std::fs::write(&path, "old page").expect("write");
        // A reader that opened the old file keeps reading the whole old file: the new bytes
        // went to another file renamed over it, not into this one (truncated then written,
        // it would read "" or a part).
        let reader = std::fs::File::open(&path).expect("open");
        write_file(&path, b"new page").expect("written");
        assert_eq!(std::io::read_to_string(reader).expect("read"), "old page");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new page");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_replaced_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "keep me").expect("write");
        let path = dir.path().join("weeks.csv");
        std::os::unix::fs::symlink(&outside, &path).expect("symlink");
        write_file(&path, b"week,runs\n").expect("written");
        assert_eq!(std::fs::read_to_string(&outside).expect("read"), "keep me");
        let meta = std::fs::symlink_metadata(&path).expect("there");
        assert!(meta.file_type().is_file());
        assert_eq!(std::fs::read(&path).expect("read"), b"week,runs\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_permissions_not_the_temporary_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let ours = dir.path().join("season.svg");
        let plain = dir.path().join("plain.svg");
        write_file(&ours, b"<svg/>").expect("written");
        std::fs::write(&plain, b"<svg/>").expect("written");
        let mode = |p: &Path| std::fs::metadata(p).expect("there").permissions().mode();
        assert_eq!(mode(&ours), mode(&plain));
    }

    #[test]
    fn a_missing_folder_is_named_and_nothing_is_left() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("gone").join("season.svg");
        let e = write_file(&path, b"<svg/>").expect_err("no folder");
        assert!(e.to_string().starts_with("cannot write "), "{e}");
        assert!(e.to_string().contains("season.svg"), "{e}");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_new_file_is_never_written_over_unless_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("profile.toml");
        write_new_file(&path, b"lthr = 172\n", false).expect("created");
        let e = write_new_file(&path, b"lthr = 90\n", false).expect_err("exists");
        assert!(matches!(e, WriteError::Exists { .. }), "{e}");
        assert!(e.to_string().contains("--force"), "{e}");
        assert_eq!(std::fs::read(&path).expect("read"), b"lthr = 172\n");
        write_new_file(&path, b"lthr = 165\n", true).expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"lthr = 165\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn of_two_writers_at_once_exactly_one_creates_the_file() {
        for round in 0..20 {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("profile.toml");
            let start = std::sync::Barrier::new(4);
            let won = std::thread::scope(|s| {
                let writers: Vec<_> = (0..4)
                    .map(|i| {
                        let (path, start) = (&path, &start);
                        s.spawn(move || {
                            start.wait();
                            write_new_file(
                                path,
                                format!("max_hr = {}\n", 180 + i).as_bytes(),
                                false,
                            )
                        })
                    })
                    .collect();
                writers
                    .into_iter()
                    .map(|w| w.join().expect("no panic"))
                    .filter(Result::is_ok)
                    .count()
            });
            assert_eq!(won, 1, "round {round}");
            let text = std::fs::read_to_string(&path).expect("read");
            assert!(text.starts_with("max_hr = 18") && text.ends_with('\n'));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_runs_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).expect("mkdir");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::os::unix::fs::symlink(&elsewhere, out.join(RUNS_DIR)).expect("symlink");
        let e = create_out_dir(&out).expect_err("a link");
        assert!(matches!(e, WriteError::LinkedFolder { .. }), "{e}");
        assert!(e.to_string().contains("symbolic link"), "{e}");
        // A real folder there, or none yet, is fine.
        let fresh = dir.path().join("fresh");
        assert_eq!(create_out_dir(&fresh).expect("made"), fresh.join(RUNS_DIR));
        assert!(fresh.join(RUNS_DIR).is_dir());
        assert_eq!(create_out_dir(&fresh).expect("again"), fresh.join(RUNS_DIR));
    }
}
