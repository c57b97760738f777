//! What a FIT file declares about a session beyond its numbers: the names the runner or the
//! device gave it, in the order they declare intent, and whether the device ran its laps as a
//! structured workout (lap intensities marking work and rest in turn).

use super::messages::{Others, TotalsMsg};
use crate::activity::{Text, TextSource};

/// The texts of one session, in order: `workout.wkt_name`, the session's
/// `sport_profile_name`, `sport.name`, then the lap structure (see [`structure`]). Default names
/// ("Run", "Treadmill") are kept: what they declare is for the intent reader to decide. The
/// `sport` name is the first of the file, so it is given only when the file holds at most one
/// session (a multisport file names each leg in its own session's profile).
pub(crate) fn texts(
    others: &Others,
    session: Option<&TotalsMsg>,
    laps: &[&TotalsMsg],
) -> Vec<Text> {
    let sport_name = others
        .sport_name
        .as_deref()
        .filter(|_| others.sessions.len() <= 1);
    let names = [
        (TextSource::FitWorkoutName, others.workout_name.as_deref()),
        (
            TextSource::FitSportProfile,
            session.and_then(|s| s.profile_name.as_deref()),
        ),
        (TextSource::FitSportName, sport_name),
    ];
    let mut out: Vec<Text> = names
        .into_iter()
        .filter_map(|(source, text)| Text::new(source, text?))
        .collect();
    out.extend(structure(
        laps.iter().filter_map(|l| l.intensity.as_deref()),
    ));
    out
}

/// What a lap intensity counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Work,
    Rest,
}

/// The device's own workout structure, as a text: "structured workout: N work laps, M rest
/// laps" when a `rest` or `recovery` lap lies between two `active` or `interval` laps (warm-up,
/// cool-down and other laps are not counted). A watch guiding a workout marks its steps so;
/// on a plain run every lap is `active`. It states the structure the device recorded, not a
/// name anyone gave the run.
///
/// ```text
/// warmup, active, rest, active, rest, active, cooldown → 3 work laps, 2 rest laps
/// active, active, active                              → none
/// ```
fn structure<'a>(intensities: impl Iterator<Item = &'a str>) -> Option<Text> {
    let parts: Vec<Part> = intensities
        .filter_map(|i| match i {
            "active" | "interval" => Some(Part::Work),
            "rest" | "recovery" => Some(Part::Rest),
            _ => None,
        })
        .collect();
    let first_work = parts.iter().position(|&p| p == Part::Work)?;
    let last_work = parts.iter().rposition(|&p| p == Part::Work)?;
    let between = parts.get(first_work..last_work)?;
    if !between.contains(&Part::Rest) {
        return None;
    }
    let work = parts.iter().filter(|&&p| p == Part::Work).count();
    let rest = parts.len() - work;
    Text::new(
        TextSource::FitLapIntensity,
        &format!("structured workout: {work} work laps, {rest} rest laps"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(laps: &[&str]) -> Option<String> {
        structure(laps.iter().copied()).map(|t| t.text)
    }

    #[test]
    fn work_and_rest_in_turn_is_a_structured_workout() {
        // 3 work laps (active, interval, active), 2 rest laps (rest, recovery); warm-up and
        // cool-down not counted.
        let laps = [
            "warmup", "active", "rest", "interval", "recovery", "active", "cooldown",
        ];
        assert_eq!(
            text_of(&laps).as_deref(),
            Some("structured workout: 3 work laps, 2 rest laps")
        );
        // The smallest: work, rest, work.
        assert_eq!(
            text_of(&["active", "rest", "active"]).as_deref(),
            Some("structured workout: 2 work laps, 1 rest laps")
        );
    }

    #[test]
    fn laps_that_do_not_alternate_are_no_workout() {
        for laps in [
            &["active", "active", "active"][..],
            &["warmup", "active", "cooldown"],
            &["active", "active", "rest"],
            &["rest", "active", "rest"],
            &["active", "other", "active"],
            &["active", "7", "active"],
            &[],
        ] {
            assert_eq!(text_of(laps), None, "{laps:?}");
        }
    }
}
