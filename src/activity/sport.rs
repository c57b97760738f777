//! The sport a file says it recorded, normalized to the few the tool tells apart: its own file
//! because readers, warnings and the judging all name it.

use serde::Serialize;

/// The sport a file says it recorded, normalized to the few the tool tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sport {
    /// Running of any kind (road, trail, treadmill, track).
    Running,
    /// Walking.
    Walking,
    /// Hiking.
    Hiking,
    /// Cycling of any kind.
    Cycling,
    /// Swimming.
    Swimming,
    /// A sport the file names that is none of the above.
    Other,
    /// The file does not say.
    Unknown,
}

impl Sport {
    /// Maps a sport name as files write it (FIT enum names, TCX `Sport` attribute, GPX `<type>`)
    /// to a [`Sport`]. Case and separators do not matter.
    ///
    /// ```
    /// use runaudit::activity::Sport;
    /// assert_eq!(Sport::from_name("Running"), Sport::Running);
    /// assert_eq!(Sport::from_name("trail_running"), Sport::Running);
    /// assert_eq!(Sport::from_name("Biking"), Sport::Cycling);
    /// assert_eq!(Sport::from_name("fitness_equipment"), Sport::Other);
    /// ```
    pub fn from_name(name: &str) -> Sport {
        let n: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if n.is_empty() {
            Sport::Unknown
        } else if n.contains("run") || n == "jogging" {
            Sport::Running
        } else if n.contains("walk") {
            Sport::Walking
        } else if n.contains("hik") {
            Sport::Hiking
        } else if n.contains("cycl") || n.contains("bik") || n.contains("ride") {
            Sport::Cycling
        } else if n.contains("swim") {
            Sport::Swimming
        } else if n == "generic" || n == "other" || n == "unknown" {
            Sport::Unknown
        } else {
            Sport::Other
        }
    }

    /// The snake_case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Sport::Running => "running",
            Sport::Walking => "walking",
            Sport::Hiking => "hiking",
            Sport::Cycling => "cycling",
            Sport::Swimming => "swimming",
            Sport::Other => "other",
            Sport::Unknown => "unknown",
        }
    }
}
