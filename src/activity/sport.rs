//! The sport a file says it recorded, and its sub-sport (treadmill, trail, track, ...), normalized
//! to the few the tool tells apart: their own file because readers, warnings and the judging all
//! name them.

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

/// Where or how a sport was done, when the file or its export says: what FIT calls the
/// sub-sport, Strava and Garmin the activity type ("Trail Run", `treadmill_running`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubSport {
    /// On a treadmill: the distance is the belt's or the foot pod's, not a GPS track.
    Treadmill,
    /// Indoors other than on a treadmill (an indoor track, a trainer, a gym).
    Indoor,
    /// In a virtual world (Zwift and the like): distance and speed are the app's.
    Virtual,
    /// On a track.
    Track,
    /// On trails.
    Trail,
    /// On roads or streets (FIT `street` running, `road` cycling).
    Road,
    /// A sub-sport the file names that is none of the above (FIT `obstacle`, `mountain`, ...).
    Other,
}

impl SubSport {
    /// Reads a sub-sport out of a name as files and exports write it (FIT `sub_sport` names,
    /// Garmin activity types, Strava activity types, GPX `<type>`); `None` when the name says
    /// none of the sub-sports told apart (a plain "Run" says nothing of where). Case and
    /// separators do not matter.
    ///
    /// ```
    /// use runaudit::activity::SubSport;
    /// assert_eq!(SubSport::from_name("treadmill_running"), Some(SubSport::Treadmill));
    /// assert_eq!(SubSport::from_name("Trail Run"), Some(SubSport::Trail));
    /// assert_eq!(SubSport::from_name("VirtualRun"), Some(SubSport::Virtual));
    /// assert_eq!(SubSport::from_name("Run"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<SubSport> {
        let n: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if n.contains("treadmill") {
            Some(SubSport::Treadmill)
        } else if n.contains("virtual") {
            Some(SubSport::Virtual)
        } else if n.contains("indoor") {
            Some(SubSport::Indoor)
        } else if n.contains("track") && n != "trackme" {
            Some(SubSport::Track)
        } else if n.contains("trail") {
            Some(SubSport::Trail)
        } else if n.contains("street") || n.starts_with("road") {
            Some(SubSport::Road)
        } else {
            None
        }
    }

    /// A FIT `sub_sport` value by its profile name (or its number when the profile has no
    /// name for it): `generic` and `all` say nothing; names not told apart are [`SubSport::Other`].
    ///
    /// ```
    /// use runaudit::activity::SubSport;
    /// assert_eq!(SubSport::from_fit_name("treadmill"), Some(SubSport::Treadmill));
    /// assert_eq!(SubSport::from_fit_name("street"), Some(SubSport::Road));
    /// assert_eq!(SubSport::from_fit_name("generic"), None);
    /// assert_eq!(SubSport::from_fit_name("obstacle"), Some(SubSport::Other));
    /// ```
    pub fn from_fit_name(name: &str) -> Option<SubSport> {
        match name.trim() {
            "" | "generic" | "all" => None,
            n => SubSport::from_name(n).or(Some(SubSport::Other)),
        }
    }

    /// The snake_case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            SubSport::Treadmill => "treadmill",
            SubSport::Indoor => "indoor",
            SubSport::Virtual => "virtual",
            SubSport::Track => "track",
            SubSport::Trail => "trail",
            SubSport::Road => "road",
            SubSport::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_each_source_writes_give_their_sub_sport() {
        // FIT profile names, Garmin activity types, Strava activity types, GPX types.
        let cases = [
            ("treadmill", Some(SubSport::Treadmill)),
            ("indoor_running", Some(SubSport::Indoor)),
            ("virtual_activity", Some(SubSport::Virtual)),
            ("track", Some(SubSport::Track)),
            ("trail", Some(SubSport::Trail)),
            ("street", Some(SubSport::Road)),
            ("road", Some(SubSport::Road)),
            ("track_me", None),
            ("treadmill_running", Some(SubSport::Treadmill)),
            ("trail_running", Some(SubSport::Trail)),
            ("track_running", Some(SubSport::Track)),
            ("street_running", Some(SubSport::Road)),
            ("virtual_run", Some(SubSport::Virtual)),
            ("road_biking", Some(SubSport::Road)),
            ("running", None),
            ("Trail Run", Some(SubSport::Trail)),
            ("Virtual Run", Some(SubSport::Virtual)),
            ("Run", None),
            ("Walk", None),
            ("TrailRun", Some(SubSport::Trail)),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(SubSport::from_name(name), want, "{name}");
        }
        // FIT: a name the profile has but the tool does not tell apart, or a bare number.
        assert_eq!(
            SubSport::from_fit_name("lap_swimming"),
            Some(SubSport::Other)
        );
        assert_eq!(SubSport::from_fit_name("201"), Some(SubSport::Other));
        assert_eq!(SubSport::from_fit_name("all"), None);
    }
}
