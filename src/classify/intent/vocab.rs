//! The vocabulary, in one place: every word and phrase that declares what a run was, in English,
//! German, French, Spanish and Dutch, with its tier (the precedence) and the context it needs;
//! and the small word lists the context rules read.

use super::text::Text;
use Guard::*;
use Pat::*;

/// The vocabulary: every word that declares something, with its tier and the context it needs.
/// At each word the first entry that matches wins, so specific entries come first.
pub const VOCAB: &[(Pat, Tier, Guard)] = &[
    // Long.
    (Word("lsd"), Tier::Long, Free),
    (Word("longrun"), Tier::Long, Free),
    (Word("longjog"), Tier::Long, Free),
    (Word("mlr"), Tier::Long, Free),
    (Word("long"), Tier::Long, LongAdj),
    (Word("langer"), Tier::Long, LongAdj),
    (Word("lange"), Tier::Long, LongAdj),
    (Word("langen"), Tier::Long, LongAdj),
    (Word("longue"), Tier::Long, LongAdj),
    (Word("largo"), Tier::Long, LongAdj),
    (Word("larga"), Tier::Long, LongAdj),
    (End("miler"), Tier::Long, Miler),
    // Recovery.
    (Phrase(&["rec", "run"]), Tier::Recovery, Free),
    (Phrase(&["rec", "jog"]), Tier::Recovery, Free),
    (Word("recovery"), Tier::Recovery, Rest),
    (Word("recover"), Tier::Recovery, Rest),
    (Word("recovering"), Tier::Recovery, Rest),
    (Word("recoveries"), Tier::Workout, Free),
    (Word("recup"), Tier::Recovery, Rest),
    (Word("recuperation"), Tier::Recovery, Rest),
    (Word("recuperacion"), Tier::Recovery, Rest),
    (Word("recuperativo"), Tier::Recovery, Rest),
    (Word("regen"), Tier::Recovery, Regen),
    (Start("regenerati"), Tier::Recovery, Free),
    (Word("regeneracion"), Tier::Recovery, Free),
    (Word("reko"), Tier::Recovery, Free),
    (Word("rekom"), Tier::Recovery, Free),
    (Start("erholung"), Tier::Recovery, Rest),
    (Start("herstel"), Tier::Recovery, Rest),
    // Race.
    (Phrase(&["half", "marathon"]), Tier::Race, Event),
    (Phrase(&["semi", "marathon"]), Tier::Race, Event),
    (Phrase(&["halve", "marathon"]), Tier::Race, Event),
    (Phrase(&["media", "maraton"]), Tier::Race, Event),
    (Phrase(&["time", "trial"]), Tier::Race, Event),
    (Phrase(&["personal", "best"]), Tier::Race, Record),
    (Phrase(&["personal", "record"]), Tier::Race, Record),
    (Phrase(&["carrera", "popular"]), Tier::Race, Free),
    (Phrase(&["san", "silvestre"]), Tier::Race, Free),
    (Phrase(&["turkey", "trot"]), Tier::Race, Free),
    (End("marathon"), Tier::Race, Event),
    (End("maraton"), Tier::Race, Event),
    (Start("parkrun"), Tier::Race, Event),
    (Word("race"), Tier::Race, Event),
    (Word("races"), Tier::Race, Event),
    (Word("raced"), Tier::Race, Event),
    (Word("semi"), Tier::Race, Event),
    (Word("ultra"), Tier::Race, Event),
    (Word("pb"), Tier::Race, Record),
    (Word("pr"), Tier::Race, Record),
    (Word("tt"), Tier::Race, Event),
    (Word("bestzeit"), Tier::Race, Record),
    (Word("relay"), Tier::Race, Event),
    (Word("wettkampf"), Tier::Race, Event),
    (Word("competition"), Tier::Race, Event),
    (Word("competicion"), Tier::Race, Event),
    (Word("wedstrijd"), Tier::Race, Event),
    (Word("silvesterlauf"), Tier::Race, Event),
    (Word("stadtlauf"), Tier::Race, Event),
    (Word("citylauf"), Tier::Race, Event),
    (Word("firmenlauf"), Tier::Race, Event),
    (Word("volkslauf"), Tier::Race, Event),
    (Word("spendenlauf"), Tier::Race, Event),
    (Word("benefizlauf"), Tier::Race, Event),
    (Word("staffellauf"), Tier::Race, Event),
    (Word("crosslauf"), Tier::Race, Event),
    (Word("stadsloop"), Tier::Race, Event),
    (Word("kerstloop"), Tier::Race, Event),
    (Word("nieuwjaarsloop"), Tier::Race, Event),
    (Word("singelloop"), Tier::Race, Event),
    (Word("damloop"), Tier::Race, Event),
    (Word("zevenheuvelenloop"), Tier::Race, Event),
    (Word("lauf"), Tier::Race, Year),
    (Word("loop"), Tier::Race, Year),
    (Word("course"), Tier::Race, Year),
    (Word("carrera"), Tier::Race, Year),
    (Word("rennen"), Tier::Race, Year),
    // Easy words that end like workout words.
    (Word("plaudertempo"), Tier::Easy, Free),
    (Word("wohlfuhltempo"), Tier::Easy, Free),
    // Workout.
    (Word("workout"), Tier::Workout, Free),
    (Start("interval"), Tier::Workout, Free),
    (Word("bergintervalle"), Tier::Workout, Free),
    (Start("fractionn"), Tier::Workout, Free),
    (Start("fraccion"), Tier::Workout, Free),
    (Word("series"), Tier::Workout, Free),
    (Word("serie"), Tier::Workout, Free),
    (Word("fartlek"), Tier::Workout, Free),
    (Word("fahrtspiel"), Tier::Workout, Free),
    (Phrase(&["cambios", "de", "ritmo"]), Tier::Workout, Free),
    (End("tempo"), Tier::Workout, NotAfterEasy),
    (Word("tempos"), Tier::Workout, NotAfterEasy),
    (Word("temporun"), Tier::Workout, Free),
    (Start("tempolauf"), Tier::Workout, Free),
    (Word("tempodauerlauf"), Tier::Workout, Free),
    (Word("tdl"), Tier::Workout, Free),
    (Word("tempowechsel"), Tier::Workout, Free),
    (Word("tempoloop"), Tier::Workout, Free),
    (Word("tempoduurloop"), Tier::Workout, Free),
    (Word("threshold"), Tier::Workout, NotAfterEasy),
    (Word("thresh"), Tier::Workout, NotAfterEasy),
    (Word("lt"), Tier::Workout, NotAfterEasy),
    (Start("schwelle"), Tier::Workout, Free),
    (Word("seuil"), Tier::Workout, Free),
    (Word("umbral"), Tier::Workout, Free),
    (Start("drempel"), Tier::Workout, Free),
    (Word("allure"), Tier::Workout, NotBeforeEasy),
    (Word("mp"), Tier::Workout, Free),
    (Word("hmp"), Tier::Workout, Free),
    (Word("cv"), Tier::Workout, Free),
    (Word("vma"), Tier::Workout, Free),
    (Start("vo2"), Tier::Workout, Free),
    (Word("anaerobic"), Tier::Workout, Free),
    (Word("speed"), Tier::Workout, Free),
    (Word("speedwork"), Tier::Workout, Free),
    (Word("repeats"), Tier::Workout, Free),
    (Word("reps"), Tier::Workout, Free),
    (Word("repetitions"), Tier::Workout, Free),
    (Word("yasso"), Tier::Workout, Free),
    (Word("ladder"), Tier::Workout, Free),
    (Word("pyramid"), Tier::Workout, Free),
    (Start("pyramide"), Tier::Workout, Free),
    (Word("piramide"), Tier::Workout, Free),
    (Word("progression"), Tier::Workout, Free),
    (Word("progressive"), Tier::Workout, Free),
    (Word("progressif"), Tier::Workout, Free),
    (Word("progressiv"), Tier::Workout, Free),
    (Word("progresivo"), Tier::Workout, Free),
    (Word("steigerungslauf"), Tier::Workout, Free),
    (Word("track"), Tier::Workout, NotPlace),
    (Word("hills"), Tier::Workout, NotPlace),
    (Word("bahntraining"), Tier::Workout, Free),
    (Word("baantraining"), Tier::Workout, Free),
    (Phrase(&["hill", "session"]), Tier::Workout, Free),
    (Phrase(&["hill", "training"]), Tier::Workout, Free),
    (Word("bergtraining"), Tier::Workout, Free),
    (Word("heuveltraining"), Tier::Workout, Free),
    (Word("cuestas"), Tier::Workout, Free),
    (Word("cotes"), Tier::Workout, Free),
    (Word("pace"), Tier::Workout, AfterDistance),
    (Word("effort"), Tier::Workout, AfterDistance),
    // Easy.
    (Phrase(&["shake", "out"]), Tier::Easy, Free),
    (Phrase(&["warm", "up"]), Tier::Easy, Free),
    (Phrase(&["cool", "down"]), Tier::Easy, Free),
    (Phrase(&["cooling", "down"]), Tier::Easy, Free),
    (Phrase(&["zone", "2"]), Tier::Easy, Free),
    (Phrase(&["zona", "2"]), Tier::Easy, Free),
    (Phrase(&["endurance", "fondamentale"]), Tier::Easy, Free),
    (Phrase(&["retour", "au", "calme"]), Tier::Easy, Free),
    (Word("easy"), Tier::Easy, Free),
    (Word("ez"), Tier::Easy, Free),
    (Start("easyrun"), Tier::Easy, Free),
    (Word("shakeout"), Tier::Easy, Free),
    (Word("base"), Tier::Easy, Free),
    (Word("aerobic"), Tier::Easy, Free),
    (Word("ga"), Tier::Easy, Free),
    (Word("ga1"), Tier::Easy, Free),
    (Word("z2"), Tier::Easy, Free),
    (Word("zone2"), Tier::Easy, Free),
    (Word("d1"), Tier::Easy, Free),
    (Word("ef"), Tier::Easy, Free),
    (Word("jog"), Tier::Easy, Free),
    (Word("jogging"), Tier::Easy, Free),
    (Word("jogged"), Tier::Easy, Free),
    (Word("trot"), Tier::Easy, Free),
    (Word("slow"), Tier::Easy, Free),
    (Word("conversational"), Tier::Easy, Free),
    (Word("chatty"), Tier::Easy, Free),
    (Word("relaxed"), Tier::Easy, Free),
    (Word("gentle"), Tier::Easy, Free),
    (Word("cooldown"), Tier::Easy, Free),
    (Word("cd"), Tier::Easy, Free),
    (Word("warmup"), Tier::Easy, Free),
    (Word("wu"), Tier::Easy, Free),
    (Word("einlaufen"), Tier::Easy, Free),
    (Word("auslaufen"), Tier::Easy, Free),
    (Word("echauffement"), Tier::Easy, Free),
    (Word("calentamiento"), Tier::Easy, Free),
    (Word("enfriamiento"), Tier::Easy, Free),
    (Word("inlopen"), Tier::Easy, Free),
    (Word("uitlopen"), Tier::Easy, Free),
    (Start("locker"), Tier::Easy, Free),
    (Start("ruhig"), Tier::Easy, Free),
    (Word("dauerlauf"), Tier::Easy, Free),
    (Word("dl"), Tier::Easy, Free),
    (Start("grundlage"), Tier::Easy, Free),
    (Start("entspannt"), Tier::Easy, Free),
    (Start("gemutlich"), Tier::Easy, Free),
    (Word("langsam"), Tier::Easy, Free),
    (Word("footing"), Tier::Easy, Free),
    (Word("facile"), Tier::Easy, Free),
    (Word("tranquille"), Tier::Easy, Free),
    (Word("suave"), Tier::Easy, Free),
    (Word("rodaje"), Tier::Easy, Free),
    (Word("trote"), Tier::Easy, Free),
    (Word("tranquilo"), Tier::Easy, Free),
    (Start("rustig"), Tier::Easy, Free),
    (Word("duurloop"), Tier::Easy, Free),
    // Accessory.
    (Phrase(&["lignes", "droites"]), Tier::Accessory, Free),
    (Phrase(&["pick", "ups"]), Tier::Accessory, Free),
    (Word("strides"), Tier::Accessory, Free),
    (Word("strideouts"), Tier::Accessory, Free),
    (Start("steigerung"), Tier::Accessory, Free),
    (Word("accelerations"), Tier::Accessory, Free),
    (Word("progresivos"), Tier::Accessory, Free),
    (Word("rectas"), Tier::Accessory, Free),
    (Word("versnellingen"), Tier::Accessory, Free),
    (Word("pickups"), Tier::Accessory, Free),
    (Word("sprint"), Tier::Accessory, Free),
    (End("sprints"), Tier::Accessory, Free),
    (Word("drills"), Tier::Accessory, Free),
];

/// How strongly a cue declares: the variants' order is the precedence, strongest first, and the
/// strongest cue in a text decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// A long run, even with quality inside it.
    Long,
    /// Workout notation: reps, ladders, a hard pace after "@".
    Structure,
    /// A recovery run.
    Recovery,
    /// A race.
    Race,
    /// Workout words.
    Workout,
    /// An easy run.
    Easy,
    /// Strides, sprints, drills: a workout only when nothing else is declared.
    Accessory,
}

/// How a vocabulary entry is found among the folded words.
#[derive(Debug, Clone, Copy)]
pub enum Pat {
    /// The whole word.
    Word(&'static str),
    /// Consecutive words in one clause.
    Phrase(&'static [&'static str]),
    /// A word starting with it: inflections and compounds ("lockerer", "Intervalltraining").
    Start(&'static str),
    /// A word ending with it, or equal to it: compounds ("Halbmarathon", "Wettkampftempo").
    End(&'static str),
}

impl Pat {
    /// How many words the pattern covers at word `i`, if it matches there.
    pub fn len_at(self, text: &Text, i: usize) -> Option<usize> {
        match self {
            Phrase(words) => words
                .iter()
                .enumerate()
                .all(|(k, w)| text.word(i + k) == *w && (k == 0 || text.joined(i, i + k)))
                .then_some(words.len()),
            _ => self.matches_word(text.word(i)).then_some(1),
        }
    }

    /// Whether the pattern matches the single word `w`.
    pub fn matches_word(self, w: &str) -> bool {
        match self {
            Word(p) => w == p,
            Start(p) => w.starts_with(p),
            End(p) => w.ends_with(p),
            Phrase(_) => false,
        }
    }
}

/// The context a cue must be read in.
#[derive(Debug, Clone, Copy)]
pub enum Guard {
    /// Always a cue.
    Free,
    /// A recovery word: between reps ("200m recovery", "recovery between") it is a workout
    /// word; "jog recovery" is the rest between reps only in a text that declares a workout.
    Rest,
    /// A race word: before "pace"/"effort"/"tempo" or after "allure" a workout word; before
    /// "training", "prep", "recovery", "volunteer"... no cue.
    Event,
    /// A personal best ("PB", "PR", "Bestzeit"): a race word as [`Guard::Event`], but none in a
    /// text that names a segment ("Strava PR on the bridge segment", "KOM!"): a best on a stretch
    /// of a run is no race.
    Record,
    /// "Lauf", "loop", "course", "carrera" also mean "run": a race only in a text with a year.
    Year,
    /// "long", "langer", "longue", "largo": next to a run noun ("long run", "sortie longue");
    /// "long" also before a distance or at the end of a clause ("Sunday long").
    LongAdj,
    /// "miler": from 10 miles ("20 miler").
    Miler,
    /// "hills", "track": not after an unknown word (a place), "on"/"off", nor before "running".
    NotPlace,
    /// "regen": alone or before a run noun or distance, not after "im"/"in" (German rain).
    Regen,
    /// "tempo", "threshold": not after an easy word ("lockeres Tempo", "aerobic threshold").
    NotAfterEasy,
    /// "allure": not before an easy word ("allure facile", "allure libre").
    NotBeforeEasy,
    /// "pace", "effort": after a distance or goal ("5k pace", "goal pace").
    AfterDistance,
}

/// The tier of a single word in the vocabulary, context aside.
pub fn word_tier(w: &str) -> Option<Tier> {
    VOCAB
        .iter()
        .find(|(pat, ..)| pat.matches_word(w))
        .map(|&(_, tier, _)| tier)
}

/// Words that name a segment (Strava's timed stretches) and its crowns.
pub const SEGMENT_WORDS: &[&str] = &["segment", "segments", "kom", "qom", "koms", "qoms"];

/// Plain words for a run: strides with one are an easy run ("Morning Run with strides").
#[rustfmt::skip]
pub const PLAIN_RUN: &[&str] = &[
    "run", "running", "lauf", "laufen", "loop", "hardlopen", "course", "carrera", "corsa",
];

/// Words that negate the cue after them (a few filler words may stand between).
#[rustfmt::skip]
pub const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "nor", "wasn", "isn", "didn", "don", "doesn", "aren", "weren",
    "wasnt", "isnt", "didnt", "dont", "nicht", "kein", "keine", "keinen", "keiner", "ohne", "nie",
    "pas", "sans", "jamais", "sin", "nunca", "niet", "geen", "zonder",
];

/// Words that may stand between a negator and its cue ("not a very easy run").
#[rustfmt::skip]
pub const FILLERS: &[&str] = &[
    "a", "an", "the", "t", "really", "very", "so", "too", "quite", "exactly", "ein", "eine",
    "einen", "sehr", "wirklich", "un", "une", "de", "du", "la", "le", "vraiment", "tres", "una",
    "el", "muy", "een", "echt", "heel", "erg",
];

/// Words after which the first cue names another session ("after the race", "pre-race").
#[rustfmt::skip]
pub const OPENERS: &[&str] = &[
    "after", "before", "since", "from", "until", "till", "following", "like", "post", "pre",
    "yesterday", "yesterdays", "tomorrow", "tomorrows", "nach", "vor", "seit", "gestern", "wie",
    "apres", "avant", "depuis", "demain", "comme", "despues", "antes", "tras", "desde", "ayer",
    "como", "na", "voor", "sinds", "gisteren",
];

/// Words after which the first cue, when it is a race, is where the run went ("Jog to parkrun").
pub const TO_RACE: &[&str] = &["to", "zum", "zur", "naar"];

/// Objects of an opener that leave the cues after them alone ("after work tempo").
#[rustfmt::skip]
pub const NEUTRAL_OBJECTS: &[&str] = &[
    "work", "school", "office", "dark", "sunset", "sunrise", "breakfast", "lunch", "dinner",
    "arbeit", "feierabend", "schule", "travail", "trabajo", "werk",
];

/// Words that, right after a cue, put it on another day ("race tomorrow").
#[rustfmt::skip]
pub const OTHER_DAY: &[&str] = &[
    "yesterday", "tomorrow", "gestern", "demain", "ayer", "gisteren",
];

/// After a race word, these make it a pace ("race pace", "Marathon-Tempo"): a workout word.
#[rustfmt::skip]
pub const RACE_AS_PACE: &[&str] = &[
    "pace", "paced", "tempo", "effort", "efforts", "simulation", "sim", "rehearsal", "specific",
    "allure", "ritmo",
];

/// Before a race word, these make it a pace ("allure marathon", "ritmo maratón").
pub const PACE_BEFORE_RACE: &[&str] = &["allure", "specifique", "ritmo", "objectif"];

/// After a race word, these make it a reference to a race, not one ("marathon training",
/// "parkrun volunteer", and Garmin's "<place> Running" for a town named Marathon).
#[rustfmt::skip]
pub const RACE_AS_REFERENCE: &[&str] = &[
    "training", "train", "prep", "preparation", "plan", "block", "build", "buildup", "week",
    "weeks", "next", "warm", "warmup", "wu", "cool", "cooldown", "cd", "recovery", "recup",
    "shakeout", "shake", "taper", "season", "cycle", "volunteer", "volunteering", "marshal",
    "marshalling", "spectating", "cheering", "recce", "recon", "running", "vorbereitung",
    "entrainement", "prepa", "preparacion", "entrenamiento", "voorbereiding", "herstel", "erholung",
    "regeneration",
];

/// Words before "pace"/"effort" that make it a workout pace ("goal pace", "10 mile pace").
pub const PACE_REFERENCES: &[&str] = &["goal", "target", "mile", "race", "threshold"];

/// What after an "@" is a hard pace ("@ T", "@ MP", "@ threshold"); distances count too
/// ("@ 10k pace"), clock times do not ("Easy 8 @ 8:30").
#[rustfmt::skip]
pub const HARD_PACES: &[&str] = &[
    "t", "m", "i", "r", "mp", "hmp", "tp", "lt", "cv", "thr", "threshold", "thresh", "tempo",
    "race", "goal", "gp", "marathon", "half", "hm", "semi", "seuil", "schwelle", "vma", "umbral",
    "drempel",
];

/// Nouns after "long"/"langer"/"lange" that make it a long run ("long run", "langer Lauf").
#[rustfmt::skip]
pub const LONG_BEFORE: &[&str] = &[
    "sortie", "run", "runs", "jog", "jogging", "lauf", "dauerlauf", "dl", "einheit", "runde",
    "duurloop", "loop", "duur", "afstand", "one", "slow", "easy", "steady", "aerobic", "z2",
    "trail", "distance", "with",
];

/// Nouns before "longue"/"largo"/"larga" that make it a long run ("sortie longue").
#[rustfmt::skip]
pub const LONG_AFTER: &[&str] = &[
    "sortie", "footing", "course", "tirada", "rodaje", "fondo", "carrera", "salida",
];

/// Words that may stand between a rest amount and a recovery word ("2 min jog recovery").
#[rustfmt::skip]
pub const REST_FILLERS: &[&str] = &[
    "jog", "jogging", "walk", "walking", "easy", "slow", "standing", "float", "floating", "trab",
    "of", "with", "min", "mins", "minute", "minutes", "sec", "secs", "s", "m",
];

/// Words right before a recovery word that make it the rest between reps in a workout
/// ("Intervals w/ jog recovery"); "walk" is not one ("Run walk recovery").
pub const REST_KINDS: &[&str] = &["jog", "jogging", "standing", "float", "floating", "trab"];

/// Words right after a recovery word that make it the rest between reps.
pub const REST_AFTER: &[&str] = &["between", "btw", "zwischen", "entre", "tussen"];

/// Nouns after a recovery word that make it a recovery run ("slow jog recovery run").
#[rustfmt::skip]
pub const RUN_NOUNS: &[&str] = &[
    "run", "runs", "jog", "jogging", "lauf", "loop", "day", "shuffle", "session", "miles",
];

/// Words before "regen" that make it the German rain ("Lauf im Regen").
#[rustfmt::skip]
pub const RAIN_BEFORE: &[&str] = &[
    "im", "in", "bei", "dem", "der", "durch", "vom", "the", "heavy", "light", "starkem", "starker",
    "leichtem", "leichter", "viel",
];

/// Known words before "hills"/"track" that leave them a workout ("Tuesday hills").
#[rustfmt::skip]
pub const BEFORE_WORKOUT_PLACE: &[&str] = &[
    "the", "at", "on", "and", "with", "club", "group", "morning", "evening", "night", "lunch",
    "lunchtime", "afternoon", "weekly", "short", "kenyan", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
    "sat", "sun",
];
