//! What can be wrong with an export's summary file, as data, and the one place that words it.
//! Repeats of one problem fold into the first, so a file of a million bad rows gives one line.

use std::collections::HashMap;
use std::fmt;
use std::mem::Discriminant;

/// Where in a sidecar file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line of a text file, 1-based; for a CSV row, the line it starts on.
    Line(u64),
    /// An activity of a JSON list, 1-based, with its id when it has one.
    Activity {
        /// Position in the list, 1-based.
        index: usize,
        /// The activity's id as written, when it has one.
        id: Option<String>,
    },
}

/// One problem with a sidecar: the file, where in it, what, and how many more places had it.
#[derive(Debug, Clone, PartialEq)]
pub struct SidecarWarning {
    /// The file as the caller names it (`export.zip!activities.csv`).
    pub label: String,
    /// Where the (first) problem is.
    pub at: Place,
    /// What is wrong.
    pub problem: SidecarProblem,
    /// How many more places had the same problem; only the first is named.
    pub more: u64,
}

/// What is wrong with a sidecar, or with one place in it.
#[derive(Debug, Clone, PartialEq)]
pub enum SidecarProblem {
    /// The file is over the size cap and was not read.
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The cap in bytes.
        limit: u64,
    },
    /// The file holds nothing, not even a header.
    Empty,
    /// No known date column and no known file name column: nothing to match rows by.
    NoKeyColumns {
        /// How many columns the header has.
        columns: usize,
    },
    /// No known file name column: rows match by start time only.
    NoFilenameColumn,
    /// No known date column: rows match by file name only.
    NoDateColumn,
    /// A row with more or fewer fields than the header.
    RowWidth {
        /// Fields in the row.
        fields: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// The file ends inside its last row.
    TruncatedRow {
        /// Fields the row has.
        fields: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// Text that is not UTF-8, read as Windows-1252 (Latin-1).
    NotUtf8,
    /// A value that does not parse or is out of range; the field is left empty.
    BadValue {
        /// The column (CSV header as written) or JSON key.
        column: String,
        /// The value, shortened for the message.
        value: String,
    },
    /// The CSV reader gave up.
    BadCsv {
        /// What the CSV reader said.
        message: String,
    },
    /// Invalid JSON.
    BadJson {
        /// What the JSON parser said.
        message: String,
        /// Activities read before the problem.
        read: usize,
    },
    /// The JSON ends early.
    TruncatedJson {
        /// Activities read before the end.
        read: usize,
    },
    /// JSON without a `summarizedActivitiesExport` list.
    NoActivityList,
    /// A list entry that is not a JSON object; skipped.
    NotAnObject,
    /// An activity without a usable start time; skipped, since Garmin activities match by it.
    NoStartTime,
    /// XML the reader cannot go past (Apple Health `export.xml`).
    BadXml {
        /// What the XML reader said.
        message: String,
        /// Where, in bytes from the start (the DTD left out).
        at_byte: u64,
        /// Workouts read before it.
        read: usize,
    },
    /// More of something than one export may keep; the first were kept.
    OverBudget {
        /// What (`workouts`, `heart-rate readings in workouts`).
        what: &'static str,
        /// How many were kept.
        limit: usize,
    },
}

impl fmt::Display for SidecarWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label)?;
        match &self.at {
            Place::File => {}
            Place::Line(line) => write!(f, ":{line}")?,
            Place::Activity { index, id: None } => write!(f, ": activity {index}")?,
            Place::Activity {
                index,
                id: Some(id),
            } => write!(f, ": activity {index} (id {id})")?,
        }
        write!(f, ": {}", self.problem)?;
        if self.more > 0 {
            write!(f, " ({} more like it)", self.more)?;
        }
        Ok(())
    }
}

impl fmt::Display for SidecarProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SidecarProblem::*;
        match self {
            TooLarge { size, limit } => write!(
                f,
                "{size} bytes, over the {limit}-byte limit for an export summary; not read"
            ),
            Empty => write!(f, "empty; nothing to read"),
            NoKeyColumns { columns } => write!(
                f,
                "none of the header's {columns} columns is a known activity date or file name \
                 (not a Strava activities.csv, or a language not known yet); not read"
            ),
            NoFilenameColumn => write!(
                f,
                "no known file name column; activities match by start time only"
            ),
            NoDateColumn => write!(
                f,
                "no known activity date column; activities match by file name only"
            ),
            RowWidth { fields, expected } => write!(
                f,
                "row has {fields} fields, the header {expected}; read what is there"
            ),
            TruncatedRow { fields, expected } => write!(
                f,
                "the file ends inside this row ({fields} of {expected} fields; truncated?); \
                 read what is there"
            ),
            NotUtf8 => write!(f, "text is not UTF-8; read as Windows-1252 (Latin-1)"),
            BadValue { column, value } => {
                write!(f, "`{column}` value `{value}` not understood; left empty")
            }
            BadCsv { message } => write!(f, "unreadable CSV ({message}); read the rows before it"),
            BadJson { message, read } => write!(
                f,
                "not valid JSON ({message}); read the {read} activity entries before it"
            ),
            TruncatedJson { read } => write!(
                f,
                "the file ends early (truncated?); read the {read} activity entries before it"
            ),
            NoActivityList => write!(
                f,
                "no `summarizedActivitiesExport` list (not a Garmin activity summary); not read"
            ),
            NotAnObject => write!(f, "not a JSON object; skipped"),
            NoStartTime => write!(f, "no usable `startTimeGmt`; skipped"),
            BadXml {
                message,
                at_byte,
                read,
            } => write!(
                f,
                "XML broken at byte {at_byte} ({message}); read the {read} workouts before it"
            ),
            OverBudget { what, limit } => {
                write!(
                    f,
                    "more {what} than one export may keep; the first {limit} were kept"
                )
            }
        }
    }
}

/// Longest value quoted in a message, in characters.
const MAX_QUOTED_CHARS: usize = 40;

/// A value shortened for a message: at most [`MAX_QUOTED_CHARS`] characters, then `…`.
pub(crate) fn quoted(value: &str) -> String {
    let mut chars = value.chars();
    let mut out: String = chars.by_ref().take(MAX_QUOTED_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// Warnings of one file as they are found, repeats of a kind (and, for bad values, of a column)
/// counted into the first one's `more`.
pub(crate) struct Tally {
    /// The file's label, given to every warning.
    label: String,
    /// The warnings in the order first found.
    warnings: Vec<SidecarWarning>,
    /// Where the first warning of each kind is in `warnings`.
    first: HashMap<(Discriminant<SidecarProblem>, String), usize>,
}

impl Tally {
    /// An empty tally for the file `label`.
    pub(crate) fn new(label: &str) -> Tally {
        Tally {
            label: label.to_string(),
            warnings: Vec::new(),
            first: HashMap::new(),
        }
    }

    /// True, with a warning, when a sidecar of `len` bytes is over `limit` and is not to be read.
    pub(crate) fn refuses_size(&mut self, len: usize, limit: usize) -> bool {
        if len > limit {
            self.push(
                Place::File,
                SidecarProblem::TooLarge {
                    size: len as u64,
                    limit: limit as u64,
                },
            );
        }
        len > limit
    }

    /// Records `problem` at `at`, or counts it into an earlier one of its kind.
    pub(crate) fn push(&mut self, at: Place, problem: SidecarProblem) {
        let column = match &problem {
            SidecarProblem::BadValue { column, .. } => column.clone(),
            _ => String::new(),
        };
        let key = (std::mem::discriminant(&problem), column);
        match self.first.get(&key) {
            Some(&i) => {
                if let Some(w) = self.warnings.get_mut(i) {
                    w.more += 1;
                }
            }
            None => {
                self.first.insert(key, self.warnings.len());
                self.warnings.push(SidecarWarning {
                    label: self.label.clone(),
                    at,
                    problem,
                    more: 0,
                });
            }
        }
    }

    /// The warnings, first found first.
    pub(crate) fn finish(self) -> Vec<SidecarWarning> {
        self.warnings
    }
}
