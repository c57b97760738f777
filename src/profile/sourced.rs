//! A value with where it came from (flag, profile file, inferred, derived, default), so that every
//! report can say which threshold it used and why.

use serde::Serialize;

use crate::note::Note;

/// Where a value came from; precedence is flag > profile file > watch > inferred > default.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// A TOML profile file: the one named with `--profile`, else the saved profile.
    ProfileFile,
    /// Set on the watch and written in the file (FIT `zones_target`, `user_profile`).
    Watch,
    /// Inferred from the runs given (with how).
    Inferred,
    /// Computed from other values (e.g. Tanaka from age, a ceiling from LTHR).
    Derived,
    /// The built-in default.
    Default,
}

/// A value with its source and, for inferred values, a note on how it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
    /// How it was inferred or derived (in JSON, its words); none for flags, files and defaults.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// The profile file it came from (`--profile`, `RUNAUDIT_PROFILE` or the saved profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl<T> Sourced<T> {
    /// A value with a source and no note.
    pub fn new(value: T, source: Source) -> Self {
        Sourced {
            value,
            source,
            note: None,
            file: None,
        }
    }

    /// A value read from the profile file `file`.
    pub fn from_file(value: T, file: &str) -> Self {
        Sourced {
            value,
            source: Source::ProfileFile,
            note: None,
            file: Some(file.to_string()),
        }
    }

    /// A value with a source and a note.
    pub fn noted(value: T, source: Source, note: Note) -> Self {
        Sourced {
            value,
            source,
            note: Some(note),
            file: None,
        }
    }
}
