//! Finding activity files: folders walked recursively, and zip export archives (Strava's
//! `activities/*.fit.gz`, Garmin's zips inside zips) listed without unpacking to disk.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::ReadError;

/// Deepest nesting of zips inside zips that is opened.
pub const MAX_ZIP_DEPTH: usize = 4;

/// Where an archive's bytes are.
#[derive(Debug)]
pub enum ArchiveSource {
    /// A zip file on disk.
    Disk(PathBuf),
    /// A zip that was itself inside a zip, held in memory.
    Memory(Arc<[u8]>),
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
}

impl Input {
    /// The name used in output and error lines.
    pub fn label(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::ZipEntry { label, .. } => label.clone(),
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

fn is_zip_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// Expands the paths given on the command line into inputs, in a stable order: files as given,
/// folders walked recursively (sorted; only activity files and zips), zips listed (nested zips
/// opened in memory up to [`MAX_ZIP_DEPTH`], each at most `max_size` bytes).
pub fn discover(paths: &[PathBuf], max_size: u64) -> (Vec<Input>, Vec<DiscoveryError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, max_size, &mut inputs, &mut errors);
        } else if is_zip_name(&path.to_string_lossy()) {
            let archive = Arc::new(ArchiveSource::Disk(path.clone()));
            list_zip(
                archive,
                &path.display().to_string(),
                1,
                max_size,
                &mut inputs,
                &mut errors,
            );
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, max_size: u64, inputs: &mut Vec<Input>, errors: &mut Vec<DiscoveryError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(DiscoveryError {
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
                walk(&path, max_size, inputs, errors);
            }
        } else if is_zip_name(&name) {
            let archive = Arc::new(ArchiveSource::Disk(path.clone()));
            list_zip(
                archive,
                &path.display().to_string(),
                1,
                max_size,
                inputs,
                errors,
            );
        } else if is_activity_name(&name) {
            inputs.push(Input::File(path));
        }
    }
}

/// Opens an archive for reading entries.
pub fn open(source: &ArchiveSource) -> Result<zip::ZipArchive<Box<dyn ReadSeek>>, ReadError> {
    let reader: Box<dyn ReadSeek> = match source {
        ArchiveSource::Disk(p) => Box::new(std::io::BufReader::new(std::fs::File::open(p)?)),
        ArchiveSource::Memory(bytes) => Box::new(Cursor::new(Arc::clone(bytes))),
    };
    zip::ZipArchive::new(reader).map_err(|e| ReadError::Zip(e.to_string()))
}

/// `Read + Seek`, boxed.
pub trait ReadSeek: Read + std::io::Seek + Send {}
impl<T: Read + std::io::Seek + Send> ReadSeek for T {}

fn list_zip(
    archive: Arc<ArchiveSource>,
    label: &str,
    depth: usize,
    max_size: u64,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<DiscoveryError>,
) {
    let mut zip = match open(&archive) {
        Ok(z) => z,
        Err(error) => {
            errors.push(DiscoveryError {
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
    for (index, name) in names {
        let entry_label = format!("{label}!{name}");
        if is_activity_name(&name) {
            inputs.push(Input::ZipEntry {
                archive: Arc::clone(&archive),
                index,
                label: entry_label,
            });
        } else if is_zip_name(&name) {
            if depth >= MAX_ZIP_DEPTH {
                errors.push(DiscoveryError {
                    label: entry_label,
                    error: ReadError::Zip(format!("zips nested deeper than {MAX_ZIP_DEPTH}")),
                });
                continue;
            }
            match read_entry(&mut zip, index, max_size) {
                Ok(bytes) => {
                    let inner = Arc::new(ArchiveSource::Memory(bytes.into()));
                    list_zip(inner, &entry_label, depth + 1, max_size, inputs, errors);
                }
                Err(error) => errors.push(DiscoveryError {
                    label: entry_label,
                    error,
                }),
            }
        }
    }
}

/// Reads one entry's bytes, refusing more than `max_size`.
pub fn read_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    max_size: u64,
) -> Result<Vec<u8>, ReadError> {
    let entry = zip
        .by_index(index)
        .map_err(|e| ReadError::Zip(e.to_string()))?;
    if entry.size() > max_size {
        return Err(ReadError::TooLarge {
            size: entry.size(),
            limit: max_size,
        });
    }
    // The entry's size comes from its header, which may lie: reserve at most 1 MiB up front.
    let mut bytes = Vec::with_capacity(entry.size().min(max_size).min(1 << 20) as usize);
    entry
        .take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Zip(e.to_string()))?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
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
