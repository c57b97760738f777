//! A session type's evidence in JSON as data, as criteria are: the kind of evidence, its numbers
//! and its sentence, so a JSON user never parses words to learn why a run got its type.

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use super::session::{Evidence, NotBelieved, Session};
use crate::profile::HardThreshold;
use crate::units::Units;

impl Evidence {
    /// The evidence's kind, its name in JSON (`fast_blocks`, `long_moving`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Evidence::WalkingSport => "walking_sport",
            Evidence::Walked { .. } => "walked",
            Evidence::PassedRecovery => "passed_recovery",
            Evidence::Raced { .. } => "raced",
            Evidence::HardBlocks { .. } => "hard_blocks",
            Evidence::HardTime { .. } => "hard_time",
            Evidence::LongMoving { .. } => "long_moving",
            Evidence::DeclaredLong { .. } => "declared_long",
            Evidence::AboveEasy { .. } => "above_easy",
            Evidence::BelowEasy { .. } => "below_easy",
            Evidence::NothingHard { .. } => "nothing_hard",
            Evidence::WatchWorkout { .. } => "watch_workout",
            Evidence::LapReps { .. } => "lap_reps",
            Evidence::Intervals { .. } => "intervals",
            Evidence::Tempo { .. } => "tempo",
            Evidence::RacePace { .. } => "race_pace",
            Evidence::MarathonLength { .. } => "marathon_length",
            Evidence::LongWithWork { .. } => "long_with_work",
            Evidence::FasterThanNormal { .. } => "faster_than_normal",
            Evidence::AboutNormal { .. } => "about_normal",
            Evidence::HeartRateReps { .. } => "heart_rate_reps",
        }
    }
}

/// One number of a piece of evidence, by its name in JSON (units in the names).
enum Number<'a> {
    Count(usize),
    Value(f64),
    Maybe(Option<f64>),
    Flag(bool),
    Text(&'a str),
    Threshold(&'a HardThreshold),
}

impl Serialize for Number<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Number::Count(n) => n.serialize(serializer),
            Number::Value(v) => v.serialize(serializer),
            Number::Maybe(v) => v.serialize(serializer),
            Number::Flag(b) => b.serialize(serializer),
            Number::Text(t) => t.serialize(serializer),
            Number::Threshold(t) => t.serialize(serializer),
        }
    }
}

impl Evidence {
    /// The evidence's numbers, each under its JSON name.
    fn numbers(&self) -> Vec<(&'static str, Number<'_>)> {
        use Number::{Count, Flag, Maybe, Text, Threshold, Value};
        match self {
            Evidence::WalkingSport | Evidence::PassedRecovery => Vec::new(),
            Evidence::Walked { share } => vec![("walked_share", Value(*share))],
            Evidence::Raced { hard_s } => vec![("hard_s", Maybe(*hard_s))],
            Evidence::HardBlocks { blocks, hard } => {
                vec![
                    ("blocks", Count(*blocks)),
                    ("hard_threshold", Threshold(hard)),
                ]
            }
            Evidence::HardTime { hard_s, hard } => {
                vec![
                    ("hard_s", Value(*hard_s)),
                    ("hard_threshold", Threshold(hard)),
                ]
            }
            Evidence::LongMoving { moving_s, min_s } => vec![
                ("moving_s", Value(*moving_s)),
                ("long_from_s", Value(*min_s)),
            ],
            Evidence::DeclaredLong { moving_s } => vec![("moving_s", Value(*moving_s))],
            Evidence::AboveEasy { share, ceiling_bpm } => vec![
                ("share_above_ceiling", Value(*share)),
                ("easy_ceiling_bpm", Value(*ceiling_bpm)),
            ],
            Evidence::BelowEasy { share, ceiling_bpm } => vec![
                ("share_at_or_below_ceiling", Value(*share)),
                ("easy_ceiling_bpm", Value(*ceiling_bpm)),
            ],
            Evidence::NothingHard { hr_unread } => vec![("hr_unread", Flag(*hr_unread))],
            Evidence::WatchWorkout { recorded } => vec![("recorded", Text(recorded))],
            Evidence::LapReps {
                reps,
                total_s,
                pace_s_per_km,
            } => vec![
                ("reps", Count(*reps)),
                ("reps_s", Value(*total_s)),
                ("pace_s_per_km", Value(*pace_s_per_km)),
            ],
            Evidence::Intervals {
                reps,
                total_s,
                pace_s_per_km,
                against_s_per_km,
                against,
            } => vec![
                ("reps", Count(*reps)),
                ("reps_s", Value(*total_s)),
                ("pace_s_per_km", Value(*pace_s_per_km)),
                ("against_pace_s_per_km", Value(*against_s_per_km)),
                ("against", Text(against.as_str())),
            ],
            Evidence::Tempo {
                block_s,
                pace_s_per_km,
                against_s_per_km,
                against,
            } => vec![
                ("block_s", Value(*block_s)),
                ("pace_s_per_km", Value(*pace_s_per_km)),
                ("against_pace_s_per_km", Value(*against_s_per_km)),
                ("against", Text(against.as_str())),
            ],
            Evidence::RacePace {
                distance,
                pace_s_per_km,
                normal_s_per_km,
                even_share,
            } => vec![
                ("distance", Text(distance.as_str())),
                ("pace_s_per_km", Value(*pace_s_per_km)),
                ("normal_pace_s_per_km", Value(*normal_s_per_km)),
                ("even_share", Value(*even_share)),
            ],
            Evidence::MarathonLength { distance_m } => vec![("distance_m", Value(*distance_m))],
            Evidence::LongWithWork {
                moving_s,
                tempo_s,
                reps_s,
            } => vec![
                ("moving_s", Value(*moving_s)),
                ("tempo_s", Value(*tempo_s)),
                ("reps_s", Value(*reps_s)),
            ],
            Evidence::FasterThanNormal {
                pace_s_per_km,
                normal_s_per_km,
            } => vec![
                ("pace_s_per_km", Value(*pace_s_per_km)),
                ("normal_pace_s_per_km", Value(*normal_s_per_km)),
            ],
            Evidence::AboutNormal {
                pace_s_per_km,
                normal_s_per_km,
            } => vec![
                ("pace_s_per_km", Maybe(*pace_s_per_km)),
                ("normal_pace_s_per_km", Value(*normal_s_per_km)),
            ],
            Evidence::HeartRateReps { rises, max_hr_bpm } => {
                vec![("rises", Count(*rises)), ("max_hr_bpm", Value(*max_hr_bpm))]
            }
        }
    }
}

/// A session's evidence as data: `kind`, its numbers, `not_believed` (the declared intent the
/// numbers did not allow, or `null`) and `sentence` (the evidence in words, paces in `units`).
struct EvidenceData<'a> {
    evidence: &'a Evidence,
    not_believed: Option<NotBelieved>,
    walking_sport_run: bool,
    units: Units,
}

impl Serialize for EvidenceData<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("kind", self.evidence.kind_name())?;
        for (name, number) in self.evidence.numbers() {
            m.serialize_entry(name, &number)?;
        }
        m.serialize_entry("not_believed", &self.not_believed.map(|NotBelieved(l)| l))?;
        m.serialize_entry("walking_sport_run", &self.walking_sport_run)?;
        m.serialize_entry("sentence", &self.evidence.sentence(self.units))?;
        m.end()
    }
}

/// In JSON: `session_type`, `session_evidence` (type and evidence in one sentence, as before)
/// and `session_evidence_data` (the evidence as data, see [`Evidence::kind_name`]).
impl Serialize for Session {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Session", 3)?;
        s.serialize_field("session_type", &self.kind)?;
        s.serialize_field("session_evidence", &self.sentence())?;
        s.serialize_field(
            "session_evidence_data",
            &EvidenceData {
                evidence: &self.evidence,
                not_believed: self.not_believed,
                walking_sport_run: self.walking_sport_run,
                units: self.units,
            },
        )?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::intent::IntentLabel;
    use crate::classify::race::RaceDistance;
    use crate::classify::session::{Against, SessionType};
    use crate::profile::HardRung;
    use crate::units::{fmt_duration, Pace};
    use serde_json::{json, Value};

    fn data(kind: SessionType, evidence: Evidence, units: Units) -> Value {
        let s = Session {
            kind,
            evidence,
            not_believed: None,
            walking_sport_run: false,
            units,
        };
        serde_json::to_value(&s).unwrap()["session_evidence_data"].clone()
    }

    #[test]
    fn intervals_carry_their_count_and_paces_as_the_sentence_states_them() {
        // 6 repetitions, 18:00 in all at 255 s/km (4:15/km), against normal 345 s/km (5:45/km).
        let intervals = Evidence::Intervals {
            reps: 6,
            total_s: 1080.0,
            pace_s_per_km: 255.0,
            against_s_per_km: 345.0,
            against: Against::Normal,
        };
        let v = data(SessionType::Workout, intervals.clone(), Units::Km);
        assert_eq!(
            v,
            json!({"kind": "intervals", "reps": 6, "reps_s": 1080.0, "pace_s_per_km": 255.0,
                "against_pace_s_per_km": 345.0, "against": "normal_pace", "not_believed": null,
                "walking_sport_run": false,
                "sentence": "6 repetitions, 18:00 in all at 4:15/km (normal pace 5:45/km)"})
        );
        // The numbers read back give the sentence's words, in miles too (255 s/km = 6:50/mi).
        let v = data(SessionType::Workout, intervals, Units::Mi);
        let fast = Pace(v["pace_s_per_km"].as_f64().unwrap())
            .show(Units::Mi)
            .to_string();
        assert_eq!(fast, "6:50/mi");
        let sentence = v["sentence"].as_str().unwrap();
        assert!(
            sentence.starts_with("6 repetitions, 18:00 in all at 6:50/mi"),
            "{sentence}"
        );
    }

    #[test]
    fn hard_blocks_carry_the_threshold_as_data() {
        // 5 blocks above 163.4 bpm, 95% of LTHR; the sentence rounds it to 163.
        let hard = HardThreshold {
            bpm: 163.4,
            rung: HardRung::Lthr,
            share: 0.95,
        };
        let v = data(
            SessionType::Workout,
            Evidence::HardBlocks { blocks: 5, hard },
            Units::Km,
        );
        assert_eq!(v["kind"], "hard_blocks");
        assert_eq!(v["blocks"], 5);
        assert_eq!(
            v["hard_threshold"],
            json!({"bpm": 163.4, "rung": "lthr", "share": 0.95})
        );
        assert_eq!(
            v["sentence"],
            "5 blocks of a minute or more above the hard threshold 163 bpm (95% of \
             lactate-threshold HR)"
        );
    }

    #[test]
    fn long_by_moving_time_and_a_declared_race_not_believed() {
        // 6000 s = 1:40:00 moving, long from 5400 s = 1:30:00.
        let v = data(
            SessionType::Long,
            Evidence::LongMoving {
                moving_s: 6000.0,
                min_s: 5400.0,
            },
            Units::Km,
        );
        let sentence = v["sentence"].as_str().unwrap();
        let moving = fmt_duration(v["moving_s"].as_f64().unwrap());
        let from = fmt_duration(v["long_from_s"].as_f64().unwrap());
        assert_eq!(sentence, format!("{moving} moving (long from {from})"));
        assert_eq!(sentence, "1:40:00 moving (long from 1:30:00)");
        let s = Session {
            kind: SessionType::Easy,
            evidence: Evidence::BelowEasy {
                share: 0.9,
                ceiling_bpm: 146.0,
            },
            not_believed: Some(NotBelieved(IntentLabel::Race)),
            walking_sport_run: false,
            units: Units::Km,
        };
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(
            v["session_evidence"],
            "easy: 90% of heart-rate time at or below the easy ceiling 146 bpm; declared a race \
             but not run as one"
        );
        let d = &v["session_evidence_data"];
        assert_eq!(
            (
                &d["kind"],
                &d["share_at_or_below_ceiling"],
                &d["easy_ceiling_bpm"]
            ),
            (&json!("below_easy"), &json!(0.9), &json!(146.0))
        );
        assert_eq!(d["not_believed"], "race");
    }

    #[test]
    fn every_kind_has_its_own_name() {
        let hard = HardThreshold {
            bpm: 160.0,
            rung: HardRung::MaxHr,
            share: 0.87,
        };
        let all = [
            Evidence::WalkingSport,
            Evidence::Walked { share: 0.6 },
            Evidence::PassedRecovery,
            Evidence::Raced { hard_s: None },
            Evidence::HardBlocks { blocks: 3, hard },
            Evidence::HardTime {
                hard_s: 900.0,
                hard,
            },
            Evidence::Intervals {
                reps: 5,
                total_s: 600.0,
                pace_s_per_km: 240.0,
                against_s_per_km: 330.0,
                against: Against::OwnMedian,
            },
            Evidence::Tempo {
                block_s: 1200.0,
                pace_s_per_km: 290.0,
                against_s_per_km: 330.0,
                against: Against::Normal,
            },
            Evidence::WatchWorkout {
                recorded: "structured workout: 5 work laps, 4 rest laps".into(),
            },
            Evidence::LapReps {
                reps: 4,
                total_s: 1080.0,
                pace_s_per_km: 270.0,
            },
            Evidence::RacePace {
                distance: RaceDistance::Half,
                pace_s_per_km: 280.0,
                normal_s_per_km: 336.0,
                even_share: 0.97,
            },
            Evidence::MarathonLength {
                distance_m: 42_300.0,
            },
            Evidence::LongWithWork {
                moving_s: 7200.0,
                tempo_s: 1800.0,
                reps_s: 0.0,
            },
            Evidence::FasterThanNormal {
                pace_s_per_km: 300.0,
                normal_s_per_km: 336.0,
            },
            Evidence::AboutNormal {
                pace_s_per_km: Some(340.0),
                normal_s_per_km: 336.0,
            },
            Evidence::HeartRateReps {
                rises: 6,
                max_hr_bpm: 190.0,
            },
            Evidence::LongMoving {
                moving_s: 5400.0,
                min_s: 5400.0,
            },
            Evidence::DeclaredLong { moving_s: 4200.0 },
            Evidence::AboveEasy {
                share: 0.6,
                ceiling_bpm: 150.0,
            },
            Evidence::BelowEasy {
                share: 0.9,
                ceiling_bpm: 150.0,
            },
            Evidence::NothingHard { hr_unread: false },
        ];
        let names: std::collections::BTreeSet<&str> = all.iter().map(Evidence::kind_name).collect();
        assert_eq!(names.len(), all.len());
        // Raced without heart rate: its time above the threshold is null, not left out.
        let v = data(
            SessionType::Race,
            Evidence::Raced { hard_s: None },
            Units::Km,
        );
        assert_eq!(v["hard_s"], Value::Null);
        assert!(v.as_object().unwrap().contains_key("hard_s"));
    }
}
