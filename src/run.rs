//! The record of one run as every output shows it: where it came from, what was measured and how
//! it was judged. These structs are the JSON contract (`--format json`).

use serde::Serialize;

use chrono::NaiveDate;

use crate::activity::{Activity, Format, Rpe, Sport, SubSport, TextSource, Warning};
use crate::analyze::Analysis;
use crate::classify::form::{at, mornings, seed, Form};
use crate::classify::intent::{read_intent, IntentLabel};
use crate::classify::judge::{JudgedAs, Judgement};
use crate::classify::pattern::{weeks, DayRun, Flag, Week};
use crate::profile::LoadRules;

/// What the runner declared the run to be, from the first of their texts that says something.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intent {
    /// recovery, easy, long, workout or race.
    pub label: IntentLabel,
    /// Where the text was found.
    pub source: TextSource,
    /// The text that declared it.
    pub text: String,
}

/// How the calendar day of a run was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// The file's own local time (FIT `activity.local_timestamp`).
    File,
    /// The profile's `time_zone`.
    ProfileTimeZone,
    /// Neither: the UTC day.
    Utc,
}

/// Everything reported for one activity: where it came from and what was measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// The file the activity was read from, as given on the command line or found in a folder.
    pub file: String,
    /// The file's format.
    pub format: Format,
    /// Index of the activity within its file (FIT session), from 0.
    pub session: usize,
    /// The sport the file names.
    pub sport: Sport,
    /// Where or how (treadmill, trail, track, indoor, virtual, road, other), when the file or
    /// its export says; `null` otherwise.
    pub sub_sport: Option<SubSport>,
    /// The recording device, when the file names it.
    pub device: Option<String>,
    /// The measurements.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// What the reader repaired or dropped; each serializes as its sentence.
    pub warnings: Vec<Warning>,
    /// Other files holding the same activity (same start, same distance), counted once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<String>,
    /// The runner's local calendar day the run started on.
    pub day: NaiveDate,
    /// How that day was found.
    pub day_source: DaySource,
    /// The file's local time minus UTC, seconds, when the file says (FIT local timestamp).
    pub utc_offset_s: Option<i32>,
    /// What the runner declared it to be; `null` when nothing they wrote says.
    pub intent: Option<Intent>,
    /// The runner's perceived effort, when recorded; `null` otherwise.
    pub rpe: Option<Rpe>,
    /// The recovery verdict, its criteria and the profile used; absent until judged.
    #[serde(flatten)]
    pub judgement: Option<Judgement>,
    /// What the season pattern found wrong around this run (empty when nothing).
    pub flags: Vec<Flag>,
    /// Fitness, fatigue and form on the morning of its day, from the loads of the runs judged
    /// with it; absent when none of them has a load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<Form>,
}

impl RunReport {
    /// Pairs an activity's identity with its analysis.
    pub fn new(file: &str, activity: &Activity, analysis: Analysis) -> RunReport {
        let (day, day_source) = match activity.utc_offset_s {
            Some(offset) => (
                (analysis.start + chrono::Duration::seconds(i64::from(offset))).date_naive(),
                DaySource::File,
            ),
            None => (analysis.start.date_naive(), DaySource::Utc),
        };
        RunReport {
            file: file.to_string(),
            format: activity.format,
            session: activity.session,
            sport: activity.sport,
            sub_sport: activity.sub_sport,
            device: activity.device.clone(),
            analysis,
            warnings: activity.warnings.clone(),
            day,
            day_source,
            utc_offset_s: activity.utc_offset_s,
            intent: intent(activity),
            rpe: activity.rpe,
            flags: Vec::new(),
            form: None,
            duplicates: Vec::new(),
            judgement: None,
        }
    }
}

impl RunReport {
    /// The session type, the declared intent and the perceived effort in one line, e.g.
    /// `workout · declared workout "6x800" (Strava name) · RPE 8 of 10`; empty when none is known.
    pub fn what_it_was(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.judgement.as_ref().and_then(|j| j.session.as_ref()) {
            parts.push(s.kind.as_str().to_string());
        }
        if let Some(i) = &self.intent {
            parts.push(format!(
                "declared {} \"{}\" ({})",
                i.label.as_str(),
                i.text,
                i.source.describe()
            ));
        }
        if let Some(r) = &self.rpe {
            parts.push(format!("RPE {:.0} of 10", r.value));
        }
        if let Some(b) = self.judgement.as_ref().and_then(|j| j.borderline_words()) {
            parts.push(b);
        }
        parts.join(" · ")
    }

    /// The run as the season pattern sees it.
    pub fn day_run(&self) -> DayRun {
        let j = self.judgement.as_ref();
        DayRun {
            day: self.day,
            kind: j.and_then(|j| j.session.as_ref()).map(|s| s.kind),
            verdict: j.map_or(JudgedAs::Skipped, |j| j.verdict),
            declared_recovery: self.intent.as_ref().map(|i| i.label) == Some(IntentLabel::Recovery),
            moving_s: self.analysis.moving_s,
            load: j.and_then(|j| j.load.as_ref()).map(|l| l.value),
        }
    }
}

/// The ISO weeks of a season of runs (see [`crate::classify::pattern::weeks`]), each with its
/// form at the end of the week.
pub fn season_weeks(runs: &[&RunReport]) -> Vec<Week> {
    let days: Vec<DayRun> = runs.iter().map(|r| r.day_run()).collect();
    let flags: Vec<Vec<Flag>> = runs.iter().map(|r| r.flags.clone()).collect();
    let mut weeks = weeks(&days, &flags);
    let next_monday = |w: &Week| w.monday.checked_add_days(chrono::Days::new(7));
    if let Some(until) = weeks.last().and_then(next_monday) {
        let series = season_form(runs, until);
        for w in &mut weeks {
            w.form = next_monday(w).and_then(|d| at(&series, d));
        }
    }
    weeks
}

/// The load rules the runs were judged by (the first judged run's), else the defaults.
pub fn load_rules(runs: &[&RunReport]) -> LoadRules {
    runs.iter()
        .find_map(|r| r.judgement.as_ref()?.profile.as_ref())
        .map_or_else(LoadRules::default, |p| p.rules.load.clone())
}

/// Fitness, fatigue and form on every morning from the first run with a load to `until`, by
/// the rules the runs were judged by; empty when no run has a load.
pub fn season_form(runs: &[&RunReport], until: NaiveDate) -> Vec<(NaiveDate, Form)> {
    let loads: Vec<(NaiveDate, f64)> = runs
        .iter()
        .filter_map(|r| Some((r.day, r.judgement.as_ref()?.load.as_ref()?.value)))
        .collect();
    let rules = load_rules(runs);
    mornings(&loads, until, &rules, seed(&loads, &rules))
}

/// The declared intent: the first of the activity's texts that says something.
pub fn intent(activity: &Activity) -> Option<Intent> {
    activity.texts.iter().find_map(|t| {
        read_intent(&t.text).map(|label| Intent {
            label,
            source: t.source,
            text: t.text.clone(),
        })
    })
}

impl FileResult {
    /// The run, when this entry is one.
    pub fn run(&self) -> Option<&RunReport> {
        match self {
            FileResult::Run(run) => Some(run),
            FileResult::Error { .. } => None,
        }
    }
}

/// One entry of the output: a run, or a file that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FileResult {
    /// An activity read and analyzed.
    Run(Box<RunReport>),
    /// A file that could not be read.
    Error {
        /// The file.
        file: String,
        /// Why, in one line.
        error: String,
    },
}
