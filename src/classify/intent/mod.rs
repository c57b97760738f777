//! Declared intent: what the runner called a run ("recovery", "6x800", "parkrun"), read from the
//! names and notes an export carries, so a season can be held to what each run was meant to be.
//! Pure text reading; the watches' default names ("Morning Run", "Lauf am Morgen") declare nothing.
//!
//! # How a text is read
//!
//! The text is folded (lower case, accents stripped: "Récup" reads "recup"; "w/u" reads "wu")
//! and cut into words. Every entry of the vocabulary (`VOCAB` in `vocab.rs`, the one table of
//! words) and every piece of workout notation (`notation.rs`) is a *cue* with a tier; context
//! can change or drop a cue (below). The strongest tier left decides:
//!
//! 1. **Long**: "long run", "LSD", "MLR", "langer Lauf", "sortie longue", "tirada larga",
//!    "lange duurloop", "20 miler". A long run stays long with quality inside it: "Long run w/
//!    last 5k at MP" and "MP long run" are long (Daniels counts long runs as hard days either
//!    way; the measured session type says the rest).
//! 2. **Structure** (workout): repetitions "6x800", "3 x 2 km", "8×200", "3x10'", "4 by 1
//!    mile"; ladders "1-2-3-2-1 min"; seconds on and off "30/30"; a hard pace after "@" ("@ T",
//!    "@ 10k pace", "@ MP", but not a clock pace: "Easy 8 @ 8:30" is easy). Beats recovery words,
//!    which inside a workout are the rest between reps ("6x800 (400 recoveries)").
//! 3. **Recovery**: "recovery", "rec run", "regen", "Erholung", "Regenerationslauf", "REKOM",
//!    "récup", "recuperación", "regenerativo", "herstel". Beats race, workout and easy words:
//!    "race recovery run" and "recovery from the marathon, easy 5k" are recovery runs.
//! 4. **Race**: "race", "parkrun", "marathon", "half marathon", "PB", "time trial", "Turkey
//!    Trot", "Wettkampf", "compétition", "carrera popular", "wedstrijd", event names
//!    ("Silvesterlauf", "Dam tot Damloop"). "Lauf", "loop", "course", "carrera" and "rennen"
//!    also just mean "run", so they are races only in a text that names a year ("10 km Lauf
//!    2023"; never in "Lauf am Morgen", "Course à pied", "Carrera de mañana", "Lauftreff").
//! 5. **Workout** words: tempo, threshold, intervals, fartlek, hills, track, VO2max,
//!    progression, "Yasso 800s", "marathon pace", "Intervalle", "Schwelle", "fractionné",
//!    "seuil", "series", "umbral", "drempel".
//! 6. **Easy**: easy, shakeout, base, aerobic, Z2, jog, cooldown, warm-up, "locker", "GA1",
//!    "footing", "facile", "rodaje suave", "rustige duurloop".
//! 7. **Accessory** (workout): strides, sprints, drills: a workout only when nothing else is
//!    declared. "easy with 6 strides" and "Easy 8k + 6x100m strides" are easy (short reps next
//!    to strides are the strides), "Strides" and "Hill sprints" are workouts, strides with a
//!    plain run ("Morning Run with strides") are an easy run.
//!
//! # Context
//!
//! - Words match whole, so "Tempelhof" is no "tempo", "Lauftreff" no race and "parkrun" no
//!   "park run"; compounds are matched by their start or end where the table says so
//!   ("Intervalltraining", "Halbmarathon", "Wettkampftempo").
//! - Negation drops a cue: "not a recovery run", "wasn't easy", "kein Erholungslauf",
//!   "pas de récup".
//! - A reference to another session drops it: the first cue (with the cues of its label right
//!   after it) within four words after "after", "before", "since", "from", "like", "nach",
//!   "après", "después", "na", or the word after "pre-"/"post-" ("pre-race shakeout" is easy,
//!   "Easy after yesterday's 6x800" is easy, "after work tempo" stays a workout); a race after
//!   "to" ("Jog to parkrun"); a cue right before "yesterday"/"tomorrow" ("Shakeout, race
//!   tomorrow"); a race word before "training", "prep", "week", "next", "recovery", "warm-up",
//!   "volunteer" or "running" ("Marathon training run", "Parkrun volunteer" and Garmin's
//!   "Marathon Running" for the town declare no race).
//! - A race word before "pace", "effort" or "tempo" ("race pace", "Marathon-Tempo") or after
//!   "allure"/"ritmo" is a workout word; so is "pace" after a distance ("10k pace").
//! - A recovery word with a rest amount before it ("200m recovery", "90s recovery jog") or
//!   before "between" is a workout word, and so is "recoveries"; "jog recovery" is the rest
//!   between reps only in a text that declares a workout ("Intervals w/ jog recovery"), else
//!   a recovery run.
//! - "Recovered" is deliberately no cue: it says how the runner feels, not what the run was
//!   ("Recovered from flu, easy 5k" is easy). "Recovering" is a recovery cue.
//!
//! # Decisions on ambiguous names
//!
//! - A parkrun is a race event even when paced or run easy ("Parkrun (pacing a friend)",
//!   "Easy parkrun"): whether the effort was one is the measured session type's question.
//! - A bare "Marathon" or "Half marathon" is a race; "Marathon pace long run" is long.
//! - "Regen" is English shorthand for regeneration and German for rain: a recovery cue alone or
//!   before "run", "jog" or a distance; nothing after "im"/"in"/"bei" ("Lauf im Regen") or
//!   before other words ("Regen und Wind").
//! - "Hills" and "track" are workouts, except after a word the vocabulary does not know (a
//!   place: "Malvern Hills", "Rolling hills"), in "back on track", and in Garmin's sport name
//!   "Track Running".
//! - "Trot" is an easy jog ("Gentle trot"); only "Turkey Trot" is a race.
//! - "Series" is a workout (Spanish and French for reps); an English "race series" is a race.
//! - "PR", "PB", "personal best" and "Bestzeit" are race words, except in a text that names a
//!   segment ("Strava PR on the bridge segment", "Got the KOM"): a best on a stretch of a run.

mod notation;
mod text;
mod vocab;

#[cfg(test)]
mod tests;

use serde::Serialize;

use notation::Mark;
use text::{number_and_rest, Text, DISTANCE_UNITS, TIME_UNITS};
use vocab::Guard::*;
use vocab::*;

/// What the runner declared a run to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntentLabel {
    /// A recovery run ("recovery", "Regenerationslauf", "footing de récup").
    Recovery,
    /// An easy run ("easy 8k", "shakeout", "GA1", "rustige duurloop").
    Easy,
    /// A long run ("Sunday long run", "LSD", "sortie longue").
    Long,
    /// A workout: intervals, tempo, threshold, hills, track, or structure such as "6x800".
    Workout,
    /// A race ("parkrun", "City Marathon 2023", "10k Race").
    Race,
}

impl IntentLabel {
    /// The name in JSON, CSV and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            IntentLabel::Recovery => "recovery",
            IntentLabel::Easy => "easy",
            IntentLabel::Long => "long",
            IntentLabel::Workout => "workout",
            IntentLabel::Race => "race",
        }
    }
}

/// Reads one text (an activity name, a description, a note, a workout name); None when it
/// declares nothing.
///
/// The strongest cue decides, in this order: long run, workout notation ("6x800", "@ T"),
/// recovery, race, workout words, easy, strides alone; negations and references to other
/// sessions ("after the race") drop a cue. The [module docs](crate::classify::intent) give
/// every rule and the decisions on ambiguous names.
///
/// ```
/// use runaudit::classify::intent::{read_intent, IntentLabel};
/// assert_eq!(read_intent("Morning Run"), None);
/// assert_eq!(read_intent("Lauf am Morgen"), None);
/// assert_eq!(read_intent("Recovery 🐢"), Some(IntentLabel::Recovery));
/// assert_eq!(read_intent("6x800 (400 recoveries)"), Some(IntentLabel::Workout));
/// assert_eq!(read_intent("easy with 6 strides"), Some(IntentLabel::Easy));
/// assert_eq!(read_intent("Long run w/ last 5k at MP"), Some(IntentLabel::Long));
/// assert_eq!(read_intent("Half Marathon PB!"), Some(IntentLabel::Race));
/// assert_eq!(read_intent("pre-race shakeout"), Some(IntentLabel::Easy));
/// assert_eq!(read_intent("not a recovery run"), None);
/// ```
pub fn read_intent(text: &str) -> Option<IntentLabel> {
    let text = Text::new(text);
    let mut cues = cues(&text);
    for cue in &mut cues {
        cue.live = !negated(&text, cue.from) && !on_another_day(&text, cue.to);
    }
    drop_references(&text, &mut cues);
    drop_rest_in_workout(&mut cues);
    let best = cues.iter().filter(|c| c.live).map(|c| c.tier).min()?;
    let plain_run = (0..text.len()).any(|i| PLAIN_RUN.contains(&text.word(i)));
    Some(if best == Tier::Accessory && plain_run {
        IntentLabel::Easy
    } else {
        label(best)
    })
}

/// The first text that declares something wins (name before description before note).
///
/// ```
/// use runaudit::classify::intent::{read_first, IntentLabel};
/// let texts = ["Afternoon Run", "Regenerationslauf nach dem Marathon", "legs heavy"];
/// assert_eq!(
///     read_first(texts),
///     Some((IntentLabel::Recovery, "Regenerationslauf nach dem Marathon"))
/// );
/// assert_eq!(read_first(["Morning Run", ""]), None);
/// ```
pub fn read_first<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<(IntentLabel, &'a str)> {
    texts
        .into_iter()
        .find_map(|t| read_intent(t).map(|label| (label, t)))
}

/// The label a cue of this tier declares.
fn label(tier: Tier) -> IntentLabel {
    match tier {
        Tier::Long => IntentLabel::Long,
        Tier::Structure | Tier::Workout | Tier::Accessory => IntentLabel::Workout,
        Tier::Recovery => IntentLabel::Recovery,
        Tier::Race => IntentLabel::Race,
        Tier::Easy => IntentLabel::Easy,
    }
}

/// A cue found in a text: the words it covers and the tier it declares.
#[derive(Debug, Clone, Copy)]
struct Cue {
    /// Its first word.
    from: usize,
    /// Its last word.
    to: usize,
    /// What it declares, context applied.
    tier: Tier,
    /// Not negated nor a reference to another session.
    live: bool,
    /// Dropped when the text declares a workout ("jog recovery").
    unless_workout: bool,
}

/// Every cue of the vocabulary and of the notation, in text order.
fn cues(text: &Text) -> Vec<Cue> {
    let cue = |from, to, tier| Cue {
        from,
        to,
        tier,
        live: true,
        unless_workout: false,
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let hit = VOCAB
            .iter()
            .find_map(|&(pat, tier, guard)| Some((pat.len_at(text, i)?, tier, guard)));
        let Some((len, tier, guard)) = hit else {
            i += 1;
            continue;
        };
        let to = i + len - 1;
        if let Some(tier) = in_context(text, i, to, tier, guard) {
            let unless_workout =
                matches!(guard, Rest) && between_reps(text, i) == Between::IfWorkout;
            found.push(Cue {
                unless_workout,
                ..cue(i, to, tier)
            });
        }
        i += len;
    }
    let strides = found.iter().any(|c| c.tier == Tier::Accessory);
    for mark in notation::marks(text) {
        found.extend(match mark {
            Mark::Reps { from, to, short } if short && strides => {
                Some(cue(from, to, Tier::Accessory))
            }
            Mark::Reps { from, to, .. } | Mark::Ladder { from, to } | Mark::OnOff { from, to } => {
                Some(cue(from, to, Tier::Structure))
            }
            Mark::Distances(at) => Some(cue(at, at, Tier::Workout)),
            Mark::At(at) => {
                let w = text.word(at);
                (HARD_PACES.contains(&w) || is_distance(w)).then(|| cue(at, at, Tier::Structure))
            }
        });
    }
    found.sort_by_key(|c| (c.from, c.to));
    found
}

/// Whether `w` is an easy word.
fn is_easy(w: &str) -> bool {
    word_tier(w) == Some(Tier::Easy)
}

/// Whether `w` is a distance ("5k", "10km", "400m").
fn is_distance(w: &str) -> bool {
    number_and_rest(w).is_some_and(|(_, unit)| DISTANCE_UNITS.contains(&unit))
}

/// The tier of the cue covering words `from..=to` read in its context; None when the context
/// takes the cue away.
fn in_context(text: &Text, from: usize, to: usize, tier: Tier, guard: Guard) -> Option<Tier> {
    let prev = text.prev(from);
    let next = text.next(to);
    let is = |w: Option<&str>, list: &[&str]| w.is_some_and(|w| list.contains(&w));
    let keep = |yes: bool| yes.then_some(tier);
    match guard {
        Free => Some(tier),
        Rest if between_reps(text, from) == Between::Reps => Some(Tier::Workout),
        Rest => Some(tier),
        Event if is(next, RACE_AS_PACE) || is(prev, PACE_BEFORE_RACE) => Some(Tier::Workout),
        Event => keep(!is(next, RACE_AS_REFERENCE)),
        Record if text.has_any(SEGMENT_WORDS) => None,
        Record => in_context(text, from, to, tier, Event),
        Year => keep(text.has_year()),
        LongAdj => keep(
            is(next, LONG_BEFORE)
                || (next.is_some_and(|w| is_easy(w) || BEFORE_WORKOUT_PLACE.contains(&w))
                    && is(text.next(to + 1), LONG_BEFORE))
                || is(prev, LONG_AFTER)
                || (text.word(from) == "long"
                    && next.is_none_or(|w| w.starts_with(|c: char| c.is_ascii_digit()))),
        ),
        Miler => {
            let miles = match number_and_rest(text.word(from)) {
                Some((n, "miler")) => Some(n),
                _ => prev.and_then(|p| p.parse().ok()),
            };
            keep(miles.is_some_and(|n| n >= 10))
        }
        NotPlace => {
            let track = text.word(from) == "track";
            let known = prev.is_none_or(|p| {
                p.starts_with(|c: char| c.is_ascii_digit())
                    || BEFORE_WORKOUT_PLACE.contains(&p)
                    || word_tier(p).is_some()
            });
            keep(known && !(track && (is(prev, &["on", "off"]) || next == Some("running"))))
        }
        Regen => keep(
            !is(prev, RAIN_BEFORE)
                && next.is_none_or(|w| {
                    RUN_NOUNS.contains(&w) || w.starts_with(|c: char| c.is_ascii_digit())
                }),
        ),
        NotAfterEasy => keep(!prev.is_some_and(is_easy)),
        NotBeforeEasy => keep(!(next.is_some_and(is_easy) || next == Some("libre"))),
        AfterDistance => keep(prev.is_some_and(|p| PACE_REFERENCES.contains(&p) || is_distance(p))),
    }
}

/// Whether a recovery word is the rest between reps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Between {
    /// No: a recovery run.
    No,
    /// Yes: "recovery between", or a rest amount before it ("200m recovery", "90s recovery
    /// jog", "2 min jog recovery").
    Reps,
    /// "jog recovery" (not "jog recovery run"): the rest between reps when the text declares a
    /// workout ("Intervals w/ jog recovery"), else a recovery run.
    IfWorkout,
}

/// Whether the recovery word at `i` is the rest between reps.
fn between_reps(text: &Text, i: usize) -> Between {
    let next = text.next(i);
    if next.is_some_and(|w| REST_AFTER.contains(&w)) {
        return Between::Reps;
    }
    let mut k = i;
    while let Some(w) = text.prev(k) {
        k -= 1;
        if rest_amount(text, k) {
            return Between::Reps;
        }
        if !REST_FILLERS.contains(&w) || i - k >= 4 {
            break;
        }
    }
    if text.prev(i).is_some_and(|w| REST_KINDS.contains(&w))
        && !next.is_some_and(|w| RUN_NOUNS.contains(&w))
    {
        Between::IfWorkout
    } else {
        Between::No
    }
}

/// Whether word `k` is a rest between reps: a time, or at most 800 m (a bare number from 100,
/// so "week 3" is not one).
fn rest_amount(text: &Text, k: usize) -> bool {
    match text.amount(k) {
        Some((v, "")) => (100..=800).contains(&v),
        Some((v, "m" | "meter" | "meters" | "metres" | "metros")) => v <= 800,
        Some((_, unit)) => TIME_UNITS.contains(&unit),
        None => false,
    }
}

/// Whether a negator stands before word `from`, with at most three filler words between.
fn negated(text: &Text, from: usize) -> bool {
    let mut k = from;
    for _ in 0..4 {
        let Some(w) = text.prev(k) else {
            return false;
        };
        k -= 1;
        if NEGATORS.contains(&w) {
            return true;
        }
        if !FILLERS.contains(&w) {
            return false;
        }
    }
    false
}

/// Whether "yesterday" or "tomorrow" comes right after the cue ending at `to`.
fn on_another_day(text: &Text, to: usize) -> bool {
    text.next(to).is_some_and(|w| OTHER_DAY.contains(&w))
}

/// In a text that declares a workout, drops "jog recovery" (the rest between reps), the "jog"
/// with it.
fn drop_rest_in_workout(cues: &mut [Cue]) {
    let workout = cues
        .iter()
        .any(|c| c.live && matches!(c.tier, Tier::Structure | Tier::Workout | Tier::Accessory));
    if !workout {
        return;
    }
    let rests: Vec<usize> = cues
        .iter()
        .filter(|c| c.unless_workout)
        .map(|c| c.from)
        .collect();
    for cue in cues.iter_mut() {
        if cue.unless_workout || (cue.tier == Tier::Easy && rests.contains(&(cue.to + 1))) {
            cue.live = false;
        }
    }
}

/// Drops the first cue after each opener ("after", "pre-", "since"...) within four words of
/// one clause ("pre-" and "post-": the next word), with the cues of the same label right after
/// it ("after the half marathon race").
fn drop_references(text: &Text, cues: &mut [Cue]) {
    for k in 0..text.len() {
        let w = text.word(k);
        let (reach, only_race) = match w {
            "pre" | "post" => (1, false),
            _ if OPENERS.contains(&w) => (4, false),
            _ if TO_RACE.contains(&w) => (3, true),
            _ => continue,
        };
        if text.next(k).is_some_and(|n| NEUTRAL_OBJECTS.contains(&n)) {
            continue;
        }
        let mut last: Option<Cue> = None;
        for cue in cues.iter_mut().filter(|c| c.from > k) {
            let follows = match last {
                None => {
                    cue.from <= k + reach
                        && text.joined(k, cue.from)
                        && !(only_race && cue.tier != Tier::Race)
                }
                Some(l) => {
                    cue.from == l.to + 1
                        && label(cue.tier) == label(l.tier)
                        && text.joined(l.to, cue.from)
                }
            };
            if !follows {
                break;
            }
            cue.live = false;
            last = Some(*cue);
        }
    }
}
