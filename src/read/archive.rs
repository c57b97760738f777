//! Finding activity files: folders walked recursively, and zip export archives (Strava's
//! `activities/*.fit.gz`, Garmin's zips inside zips) listed without unpacking; a nested zip is
//! spooled to a temporary file, never held in memory.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::ReadError;
use crate::read::budget::MAX_ARCHIVE_TREE_BYTES;
use crate::read::export::apple::{read_workouts, Workout};
use crate::read::export::apple_join::join_records;
use crate::read::export::apple_stream::is_health_export;
use crate::read::export::merge::ExportKind;
use crate::read::export::{
    garmin, strava, ExportActivity, ExportIndex, SidecarWarning, MAX_SIDECAR_BYTES,
};
use crate::read::open_regular;

/// Deepest nesting of zips inside zips that is opened.
pub const MAX_ZIP_DEPTH: usize = 4;

/// Where an archive's bytes are.
#[derive(Debug)]
pub enum ArchiveSource {
    /// A zip file on disk.
    Disk(PathBuf),
    /// A zip that was itself inside a zip, spooled to a temporary file (deleted when the last
    /// input from it is done), so nested archives cost disk, not memory.
    Spooled(tempfile::NamedTempFile),
    /// A zip held in memory (the fuzz targets and tests hand archives over this way).
    Memory(Arc<[u8]>),
}

/// What is left of one archive tree's budget of decompressed bytes (see
/// [`MAX_ARCHIVE_TREE_BYTES`]): the entries of the archive and of every archive nested in it.
#[derive(Debug)]
struct Tree {
    /// The outermost archive, named in the error.
    label: String,
    /// The budget.
    limit: u64,
    /// Bytes still allowed.
    left: u64,
    /// True once the tree went over its budget (the error is given once).
    exceeded: bool,
}

impl Tree {
    fn new(label: &str, limit: u64) -> Tree {
        Tree {
            label: label.to_string(),
            limit,
            left: limit,
            exceeded: false,
        }
    }

    /// Takes `bytes` from the budget; false (and the error, once) when they do not fit.
    fn take(&mut self, bytes: u64, d: &mut Discovery) -> bool {
        if !self.exceeded && bytes <= self.left {
            self.left -= bytes;
            return true;
        }
        if !self.exceeded {
            self.exceeded = true;
            d.errors.push(DiscoveryError {
                label: self.label.clone(),
                error: ReadError::ArchiveTooLarge { limit: self.limit },
            });
        }
        false
    }
}

/// One input to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// An entry of a zip archive.
    ZipEntry {
        /// The archive.
        archive: Arc<ArchiveSource>,
        /// The entry's index in it.
        index: usize,
        /// `archive.zip!path/in/zip` (nested archives chain with `!`).
        label: String,
    },
    /// A workout of an Apple Health export (`export.xml`), with its route file if it has one.
    AppleWorkout {
        /// The export's workouts, read once for all of them.
        workouts: Arc<[Workout]>,
        /// Which one.
        index: usize,
        /// Where its route file is: `None` when the export does not hold the file it names.
        route: Option<Stored>,
        /// `…/export.xml#Running-20230102T061500Z` (the workout's type and start, UTC).
        label: String,
    },
}

/// Where a file inside an export is.
#[derive(Debug, Clone)]
pub enum Stored {
    /// A file on disk.
    File(PathBuf),
    /// An entry of a zip archive.
    ZipEntry {
        /// The archive.
        archive: Arc<ArchiveSource>,
        /// The entry's index in it.
        index: usize,
    },
}

impl Input {
    /// The name used in output and error lines.
    pub fn label(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::ZipEntry { label, .. } | Input::AppleWorkout { label, .. } => label.clone(),
        }
    }
}

/// A path that could not be searched, with why.
#[derive(Debug)]
pub struct DiscoveryError {
    /// The path or archive entry.
    pub label: String,
    /// What went wrong.
    pub error: ReadError,
}

/// True for names that look like activity files: `.fit`, `.gpx`, `.tcx`, optionally `.gz`.
///
/// ```
/// use runaudit::read::archive::is_activity_name;
/// assert!(is_activity_name("activities/123.FIT.gz"));
/// assert!(is_activity_name("run.tcx"));
/// assert!(!is_activity_name("profile.csv"));
/// ```
pub fn is_activity_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".fit", ".gpx", ".tcx"]
        .iter()
        .any(|ext| base.ends_with(ext))
}

/// Whether a name ends in `.zip` (any case).
pub fn is_zip_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// The export summary that describes an input, and the input's path inside the export.
#[derive(Debug, Clone)]
pub struct ExportRef {
    /// The export's activities (Strava `activities.csv` or Garmin summaries).
    pub index: Arc<ExportIndex>,
    /// Whose export it is.
    pub kind: ExportKind,
    /// The input's path relative to the export's root (`activities/123.fit.gz`), when it is
    /// one of the export's own files; `None` inside Garmin's uploaded-files zips (matched by
    /// start time).
    pub path: Option<String>,
}

/// What the paths given hold.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The activity files, in a stable order.
    pub inputs: Vec<Input>,
    /// For each input (same position), the export summary that describes it, if any.
    pub exports: Vec<Option<ExportRef>>,
    /// Paths that could not be searched.
    pub errors: Vec<DiscoveryError>,
    /// Problems in export summaries: they cost no run.
    pub warnings: Vec<SidecarWarning>,
    /// Labels of the route files that belong to an Apple Health workout: read with it, not on
    /// their own.
    claimed: HashSet<String>,
}

impl Discovery {
    fn push(&mut self, input: Input, export: Option<ExportRef>) {
        if let Input::File(_) | Input::ZipEntry { .. } = &input {
            if self.claimed.contains(&input.label()) {
                return;
            }
        }
        self.inputs.push(input);
        self.exports.push(export);
    }
}

/// Expands the paths given on the command line into inputs, in a stable order: files as given,
/// folders walked recursively (sorted; only activity files and zips), zips listed (nested zips
/// spooled to temporary files up to [`MAX_ZIP_DEPTH`], each at most `max_size` bytes, each archive
/// tree at most [`MAX_ARCHIVE_TREE_BYTES`] decompressed).
pub fn discover(paths: &[PathBuf], max_size: u64) -> (Vec<Input>, Vec<DiscoveryError>) {
    let d = discover_exports(paths, max_size);
    (d.inputs, d.errors)
}

/// [`discover`], and the bulk-export summaries beside the files: a Strava `activities.csv` at the
/// root of a folder or zip describes the files below it (joined by its `Filename` column); Garmin's
/// `DI_CONNECT/DI-Connect-Fitness/*summarizedActivities.json` describes the files of that export,
/// the FIT files inside its uploaded-files zips included (joined by start time).
pub fn discover_exports(paths: &[PathBuf], max_size: u64) -> Discovery {
    discover_within(paths, max_size, MAX_ARCHIVE_TREE_BYTES)
}

/// [`discover_exports`] with a budget of decompressed bytes for each archive tree other than
/// [`MAX_ARCHIVE_TREE_BYTES`]: a tree over it is named in one error and listed no further.
pub fn discover_within(paths: &[PathBuf], max_size: u64, tree_bytes: u64) -> Discovery {
    let mut d = Discovery::default();
    for path in paths {
        if path.is_dir() {
            walk(path, max_size, tree_bytes, None, &mut d);
        } else if is_zip_name(&path.to_string_lossy()) {
            let archive = Arc::new(ArchiveSource::Disk(path.clone()));
            let label = path.display().to_string();
            let mut tree = Tree::new(&label, tree_bytes);
            list_zip(archive, &label, 1, max_size, None, &mut tree, &mut d);
        } else if is_health_file(path) {
            let root = path.parent().unwrap_or(Path::new(""));
            apple_file(path, root, &mut d);
        } else {
            d.push(Input::File(path.clone()), None);
        }
    }
    d
}

/// Bytes at the start of a file looked at to tell an Apple Health `export.xml` by its content.
const SNIFF_BYTES: u64 = 64 * 1024;

/// True for a name that may be an Apple Health export's main file (any language's
/// `export.xml`; not the clinical `export_cda.xml`).
fn may_be_health_export(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".xml") && !lower.ends_with("_cda.xml")
}

/// True when the file at `path` is an Apple Health `export.xml`, by name and content.
fn is_health_file(path: &Path) -> bool {
    if !may_be_health_export(&path.to_string_lossy()) {
        return false;
    }
    let mut head = Vec::new();
    open_regular(path)
        .and_then(|f| Ok(f.take(SNIFF_BYTES).read_to_end(&mut head)?))
        .is_ok_and(|_| is_health_export(&head))
}

/// Reads an Apple Health `export.xml` on disk (two passes, constant memory) and lists its
/// workouts, claiming the route files under `root` that they name.
fn apple_file(path: &Path, root: &Path, d: &mut Discovery) {
    let label = path.display().to_string();
    let open = || open_regular(path).map(BufReader::new);
    let mut first = match open() {
        Ok(r) => read_workouts(r, &label),
        Err(error) => {
            d.errors.push(DiscoveryError { label, error });
            return;
        }
    };
    if let Ok(r) = open() {
        let w = join_records(r, &label, &mut first);
        d.warnings.extend(w);
    }
    d.warnings.append(&mut first.warnings);
    let workouts: Arc<[Workout]> = first.workouts.into();
    for (index, w) in workouts.iter().enumerate() {
        let route = w.route.as_ref().and_then(|r| {
            let file = root.join(r.trim_start_matches('/'));
            file.is_file().then(|| {
                d.claimed.insert(file.display().to_string());
                Stored::File(file)
            })
        });
        d.push(
            Input::AppleWorkout {
                workouts: Arc::clone(&workouts),
                index,
                route,
                label: workout_label(&label, w),
            },
            None,
        );
    }
}

/// `…/export.xml#Running-20230102T061500Z`: the export, the workout's type and its start (UTC;
/// no `:`, so that the per-run file names made from a label keep all of it).
fn workout_label(export: &str, w: &Workout) -> String {
    format!(
        "{export}#{}-{}",
        w.activity_type,
        w.start.format("%Y%m%dT%H%M%SZ")
    )
}

/// The Apple Health exports inside a zip: each `export.xml` (any name, told by content) read
/// in two passes straight from the zip, its workouts listed, their route entries claimed.
fn zip_apple<R: Read + std::io::Seek>(
    archive: &Arc<ArchiveSource>,
    zip: &mut zip::ZipArchive<R>,
    names: &[(usize, String)],
    label: &str,
    tree_bytes: u64,
    d: &mut Discovery,
) {
    for (index, name) in names.iter().filter(|(_, n)| may_be_health_export(n)) {
        let mut head = Vec::new();
        let sniffed = zip
            .by_index(*index)
            .ok()
            .and_then(|e| e.take(SNIFF_BYTES).read_to_end(&mut head).ok());
        if sniffed.is_none() || !is_health_export(&head) {
            continue;
        }
        let xml_label = format!("{label}!{name}");
        let mut first = match zip.by_index(*index) {
            Ok(e) => read_workouts(BufReader::new(e.take(tree_bytes)), &xml_label),
            Err(e) => {
                d.errors.push(DiscoveryError {
                    label: xml_label,
                    error: ReadError::Zip(e.to_string()),
                });
                continue;
            }
        };
        if let Ok(e) = zip.by_index(*index) {
            let w = join_records(BufReader::new(e.take(tree_bytes)), &xml_label, &mut first);
            d.warnings.extend(w);
        }
        d.warnings.append(&mut first.warnings);
        let root = name.rfind('/').map_or("", |i| &name[..=i]);
        let workouts: Arc<[Workout]> = first.workouts.into();
        for (i, w) in workouts.iter().enumerate() {
            let route = w.route.as_ref().and_then(|r| {
                let wanted = format!("{root}{}", r.trim_start_matches('/'));
                let (entry, _) = names.iter().find(|(_, n)| *n == wanted)?;
                d.claimed.insert(format!("{label}!{wanted}"));
                Some(Stored::ZipEntry {
                    archive: Arc::clone(archive),
                    index: *entry,
                })
            });
            d.push(
                Input::AppleWorkout {
                    workouts: Arc::clone(&workouts),
                    index: i,
                    route,
                    label: workout_label(&xml_label, w),
                },
                None,
            );
        }
    }
}

/// An export rooted at `root`: the summary it holds, with the root to take paths from.
#[derive(Debug, Clone)]
struct Export {
    index: Arc<ExportIndex>,
    kind: ExportKind,
    root: String,
}

impl Export {
    /// The reference for an input at `path` (slash-separated, as the export names files).
    fn for_path(&self, path: &str) -> ExportRef {
        ExportRef {
            index: Arc::clone(&self.index),
            kind: self.kind,
            path: path
                .strip_prefix(&self.root)
                .map(|p| p.trim_start_matches('/').to_string()),
        }
    }
}

/// Reads the summaries a folder holds at its root, if any.
fn folder_export(dir: &Path, d: &mut Discovery) -> Option<Export> {
    let mut activities: Vec<ExportActivity> = Vec::new();
    let csv = dir.join("activities.csv");
    // `exists`, not `is_file`: a FIFO by that name is named and skipped by the reading.
    let has_csv = csv.exists();
    if has_csv {
        if let Some(bytes) = read_sidecar_file(&csv, d) {
            let (a, w) = strava::read_activities_csv(&bytes, &csv.display().to_string());
            activities.extend(a);
            d.warnings.extend(w);
        }
    }
    let fitness = dir.join("DI_CONNECT").join("DI-Connect-Fitness");
    if let Ok(entries) = std::fs::read_dir(&fitness) {
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|f| is_garmin_summary(&f.to_string_lossy()))
        {
            if let Some(bytes) = read_sidecar_file(f, d) {
                let (a, w) = garmin::read_summarized_activities(&bytes, &f.display().to_string());
                activities.extend(a);
                d.warnings.extend(w);
            }
        }
    }
    let kind = if has_csv {
        ExportKind::Strava
    } else {
        ExportKind::Garmin
    };
    (!activities.is_empty()).then(|| Export {
        index: Arc::new(ExportIndex::new(activities)),
        kind,
        root: slashed(dir),
    })
}

/// A sidecar's bytes, at most [`MAX_SIDECAR_BYTES`]; a larger or unreadable one is an error line.
fn read_sidecar_file(path: &Path, d: &mut Discovery) -> Option<Vec<u8>> {
    let read = open_regular(path).and_then(|f| {
        let mut bytes = Vec::new();
        f.take(MAX_SIDECAR_BYTES as u64 + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    match read {
        // The readers refuse what is over the cap, with their own warning.
        Ok(bytes) => Some(bytes),
        Err(error) => {
            d.errors.push(DiscoveryError {
                label: path.display().to_string(),
                error,
            });
            None
        }
    }
}

/// The Apple Health exports at a folder's top (an `export.xml` by any name): their workouts
/// listed, their route files claimed.
fn folder_apple(dir: &Path, d: &mut Discovery) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_health_file(p))
        .collect();
    files.sort();
    for f in files {
        apple_file(&f, dir, d);
    }
}

/// Garmin's per-export summary file name.
fn is_garmin_summary(name: &str) -> bool {
    name.ends_with("summarizedActivities.json")
}

/// A path with forward slashes, as exports name their files.
fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn walk(dir: &Path, max_size: u64, tree_bytes: u64, outer: Option<&Export>, d: &mut Discovery) {
    let own = folder_export(dir, d);
    folder_apple(dir, d);
    let export = own.as_ref().or(outer);
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            d.errors.push(DiscoveryError {
                label: dir.display().to_string(),
                error: ReadError::Io(e),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // Do not follow symlinked folders: a link loop would never end.
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() {
            if !is_link {
                walk(&path, max_size, tree_bytes, export, d);
            }
        } else if is_zip_name(&name) {
            let archive = Arc::new(ArchiveSource::Disk(path.clone()));
            let label = path.display().to_string();
            let mut tree = Tree::new(&label, tree_bytes);
            list_zip(archive, &label, 1, max_size, export, &mut tree, d);
        } else if is_activity_name(&name) {
            let export_ref = export.map(|e| e.for_path(&slashed(&path)));
            d.push(Input::File(path), export_ref);
        }
    }
}

/// Opens an archive for reading entries.
pub fn open(source: &ArchiveSource) -> Result<zip::ZipArchive<Box<dyn ReadSeek>>, ReadError> {
    let reader: Box<dyn ReadSeek> = match source {
        ArchiveSource::Disk(p) => Box::new(std::io::BufReader::new(open_regular(p)?)),
        ArchiveSource::Spooled(file) => Box::new(std::io::BufReader::new(file.reopen()?)),
        ArchiveSource::Memory(bytes) => Box::new(Cursor::new(Arc::clone(bytes))),
    };
    zip::ZipArchive::new(reader).map_err(|e| ReadError::Zip(e.to_string()))
}

/// `Read + Seek`, boxed.
pub trait ReadSeek: Read + std::io::Seek + Send {}
impl<T: Read + std::io::Seek + Send> ReadSeek for T {}

/// Lists one zip of an archive tree: its activity entries become inputs, its nested zips are
/// spooled and listed in turn, all within the tree's budget.
fn list_zip(
    archive: Arc<ArchiveSource>,
    label: &str,
    depth: usize,
    max_size: u64,
    outer: Option<&Export>,
    tree: &mut Tree,
    d: &mut Discovery,
) {
    let mut zip = match open(&archive) {
        Ok(z) => z,
        Err(error) => {
            d.errors.push(DiscoveryError {
                label: label.to_string(),
                error,
            });
            return;
        }
    };
    let mut names: Vec<(usize, String)> = (0..zip.len())
        .filter_map(|i| zip.name_for_index(i).map(|n| (i, n.to_string())))
        .filter(|(_, n)| !n.ends_with('/') && !n.starts_with("__MACOSX/"))
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    if !tree.take(declared_size(&mut zip, &names), d) {
        return;
    }
    let exports = zip_exports(&mut zip, &names, label, d);
    zip_apple(&archive, &mut zip, &names, label, tree.left, d);
    for (index, name) in names {
        let entry_label = format!("{label}!{name}");
        // The innermost export whose root holds the entry; else the one around this zip, whose
        // files inside are matched by start time.
        let export_ref = exports
            .iter()
            .filter(|e| name.starts_with(&e.root))
            .max_by_key(|e| e.root.len())
            .map(|e| e.for_path(&name))
            .or_else(|| {
                outer.map(|e| ExportRef {
                    index: Arc::clone(&e.index),
                    kind: e.kind,
                    path: None,
                })
            });
        if is_activity_name(&name) {
            d.push(
                Input::ZipEntry {
                    archive: Arc::clone(&archive),
                    index,
                    label: entry_label,
                },
                export_ref,
            );
        } else if is_zip_name(&name) {
            if depth >= MAX_ZIP_DEPTH {
                d.errors.push(DiscoveryError {
                    label: entry_label,
                    error: ReadError::Zip(format!("zips nested deeper than {MAX_ZIP_DEPTH}")),
                });
                continue;
            }
            match spool_entry(&mut zip, index, max_size) {
                Ok(file) => {
                    let inner = Arc::new(ArchiveSource::Spooled(file));
                    let around = export_ref.map(|r| Export {
                        index: r.index,
                        kind: r.kind,
                        root: String::new(),
                    });
                    let depth = depth + 1;
                    list_zip(
                        inner,
                        &entry_label,
                        depth,
                        max_size,
                        around.as_ref(),
                        tree,
                        d,
                    );
                    if tree.exceeded {
                        return;
                    }
                }
                Err(error) => d.errors.push(DiscoveryError {
                    label: entry_label,
                    error,
                }),
            }
        }
    }
}

/// The export summaries inside a zip: a Strava `activities.csv` (its folder is the export's root)
/// and Garmin's summaries (the folder above `DI_CONNECT/` is the root).
fn zip_exports<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    names: &[(usize, String)],
    label: &str,
    d: &mut Discovery,
) -> Vec<Export> {
    let mut by_root: Vec<(String, ExportKind, Vec<ExportActivity>)> = Vec::new();
    for (index, name) in names {
        let strava_root = name
            .strip_suffix("activities.csv")
            .filter(|r| r.is_empty() || r.ends_with('/'));
        let garmin_root = is_garmin_summary(name)
            .then(|| name.find("DI_CONNECT/").map(|i| &name[..i]))
            .flatten();
        let Some(root) = strava_root.or(garmin_root) else {
            continue;
        };
        let sidecar_label = format!("{label}!{name}");
        let bytes = match read_entry(zip, *index, MAX_SIDECAR_BYTES as u64) {
            Ok(b) => b,
            Err(error) => {
                d.errors.push(DiscoveryError {
                    label: sidecar_label,
                    error,
                });
                continue;
            }
        };
        let (activities, warnings) = if strava_root.is_some() {
            strava::read_activities_csv(&bytes, &sidecar_label)
        } else {
            garmin::read_summarized_activities(&bytes, &sidecar_label)
        };
        d.warnings.extend(warnings);
        let kind = if strava_root.is_some() {
            ExportKind::Strava
        } else {
            ExportKind::Garmin
        };
        match by_root.iter_mut().find(|(r, _, _)| r == root) {
            Some((_, _, list)) => list.extend(activities),
            None => by_root.push((root.to_string(), kind, activities)),
        }
    }
    by_root
        .into_iter()
        .filter(|(_, _, a)| !a.is_empty())
        .map(|(root, kind, a)| Export {
            index: Arc::new(ExportIndex::new(a)),
            kind,
            root,
        })
        .collect()
}

/// The decompressed size the zip's directory gives for the entries listed, summed.
fn declared_size<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    names: &[(usize, String)],
) -> u64 {
    names
        .iter()
        .filter_map(|(i, _)| zip.by_index_raw(*i).ok().map(|e| e.size()))
        .fold(0u64, u64::saturating_add)
}

/// Copies one entry to a temporary file (deleted when dropped), refusing more than `max_size`
/// bytes; memory stays at the copy buffer's size however large the entry.
fn spool_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    max_size: u64,
) -> Result<tempfile::NamedTempFile, ReadError> {
    let entry = entry_within(zip, index, max_size)?;
    let mut file = tempfile::NamedTempFile::new()?;
    let copied = std::io::copy(&mut entry.take(max_size.saturating_add(1)), &mut file)
        .map_err(|e| ReadError::Zip(e.to_string()))?;
    within(copied, max_size)?;
    Ok(file)
}

/// Entry `index`, refused when its header already says it is larger than `max_size` (the
/// header may lie: the reader still counts what it reads, see [`within`]).
fn entry_within<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    max_size: u64,
) -> Result<zip::read::ZipFile<'_, R>, ReadError> {
    let entry = zip
        .by_index(index)
        .map_err(|e| ReadError::Zip(e.to_string()))?;
    within(entry.size(), max_size)?;
    Ok(entry)
}

/// `TooLarge` when `size` bytes are more than `max_size`.
fn within(size: u64, max_size: u64) -> Result<(), ReadError> {
    if size > max_size {
        return Err(ReadError::TooLarge {
            size,
            limit: max_size,
        });
    }
    Ok(())
}

/// Reads one entry's bytes, refusing more than `max_size`.
pub fn read_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    max_size: u64,
) -> Result<Vec<u8>, ReadError> {
    let entry = entry_within(zip, index, max_size)?;
    // The entry's size comes from its header, which may lie: reserve at most 1 MiB up front.
    let mut bytes = Vec::with_capacity(entry.size().min(max_size).min(1 << 20) as usize);
    entry
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Zip(e.to_string()))?;
    within(bytes.len() as u64, max_size)?;
    Ok(bytes)
}

/// Archives opened by one worker, reused across the entries it reads.
#[derive(Default)]
pub struct ArchiveCache {
    open: HashMap<usize, zip::ZipArchive<Box<dyn ReadSeek>>>,
}

impl ArchiveCache {
    /// Reads an input's bytes (a zip entry; files are read by [`crate::read::read_path`]).
    pub fn read(
        &mut self,
        archive: &Arc<ArchiveSource>,
        index: usize,
        max_size: u64,
    ) -> Result<Vec<u8>, ReadError> {
        let key = Arc::as_ptr(archive) as usize;
        let zip = match self.open.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(open(archive)?),
        };
        read_entry(zip, index, max_size)
    }
}
