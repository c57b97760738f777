//! The Strava `activities.csv` header names this reader knows, per field and language, and the
//! rule for names that appear twice: the one table to extend when a new language turns up.

use std::collections::HashMap;

/// A value the reader takes from a Strava `activities.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// `Activity ID`.
    Id,
    /// `Activity Date`: the start, UTC.
    Date,
    /// `Activity Name`.
    Name,
    /// `Activity Type`.
    Type,
    /// `Activity Description`.
    Description,
    /// `Activity Private Note`.
    PrivateNote,
    /// `Filename`: the activity file inside the export.
    Filename,
    /// `Elapsed Time`, seconds.
    Elapsed,
    /// `Moving Time`, seconds.
    Moving,
    /// `Distance`, meters.
    Distance,
    /// `Perceived Exertion`, 1–10.
    Rpe,
}

/// How many [`Field`]s there are.
const FIELDS: usize = 11;

/// Which of several columns sharing one name holds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The first (names that appear once, or whose repeats say the same).
    First,
    /// The last: `Elapsed Time` appears in the display block (whole seconds) and again in the
    /// detail block (seconds with decimals); both are seconds, the later is more precise.
    Last,
    /// The second, none when the name appears once: `Distance` appears first in the display
    /// block in the account's display unit (km, or miles) with a localized decimal mark
    /// (`"10,02"`), then in the detail block in meters. A lone `Distance` is the display one,
    /// whose unit is unknown, so it is not used.
    Second,
}

/// The modern header (2019 on, 80 to 100+ columns, translated into the account's language):
/// per field, how repeats are picked and its known names. The names are compared ignoring case,
/// spacing and the apostrophe's shape; the first name present in a header decides.
///
/// Seen in real exports: English; German `Aktivitäts-ID`, `Aktivitätsdatum`, `Name der
/// Aktivität`, `Aktivitätsart`, `Verstrichene Zeit`, `Bewegungszeit`, `Distanz`; Czech (all the
/// Czech names below). The other names follow Strava's wording in those languages but have not
/// been checked against an export: a wrong guess costs nothing, it just never matches.
const MODERN: &[(Field, Pick, &[&str])] = &[
    (
        Field::Id,
        Pick::First,
        &[
            "Activity ID",
            "Aktivitäts-ID",
            "ID de l'activité",
            "ID de la actividad",
            "ID de actividad",
            "Activiteits-ID",
            "ID aktivity",
            "ID attività",
            "ID da atividade",
        ],
    ),
    (
        Field::Date,
        Pick::First,
        &[
            "Activity Date",
            "Aktivitätsdatum",
            "Date de l'activité",
            "Fecha de la actividad",
            "Fecha de actividad",
            "Activiteitsdatum",
            "Datum activiteit",
            "Datum aktivity",
            "Data dell'attività",
            "Data da atividade",
        ],
    ),
    (
        Field::Name,
        Pick::First,
        &[
            "Activity Name",
            "Name der Aktivität",
            "Aktivitätsname",
            "Nom de l'activité",
            "Nombre de la actividad",
            "Nombre de actividad",
            "Activiteitsnaam",
            "Naam activiteit",
            "Název aktivity",
            "Nome dell'attività",
            "Nome da atividade",
        ],
    ),
    (
        Field::Type,
        Pick::First,
        &[
            "Activity Type",
            "Aktivitätsart",
            "Aktivitätstyp",
            "Type d'activité",
            "Tipo de actividad",
            "Activiteitstype",
            "Type activiteit",
            "Typ aktivity",
            "Tipo di attività",
            "Tipo de atividade",
        ],
    ),
    (
        Field::Description,
        Pick::First,
        &[
            "Activity Description",
            "Aktivitätsbeschreibung",
            "Beschreibung der Aktivität",
            "Description de l'activité",
            "Descripción de la actividad",
            "Descripción de actividad",
            "Activiteitsbeschrijving",
            "Beschrijving activiteit",
            "Popis aktivity",
            "Descrizione dell'attività",
            "Descrição da atividade",
        ],
    ),
    (
        Field::PrivateNote,
        Pick::First,
        &[
            "Activity Private Note",
            "Private Notiz zur Aktivität",
            "Private Aktivitätsnotiz",
            "Note privée de l'activité",
            "Nota privada de la actividad",
            "Privénotitie activiteit",
            "Soukromá poznámka k aktivitě",
            "Nota privata dell'attività",
            "Nota privada da atividade",
        ],
    ),
    (
        Field::Filename,
        Pick::First,
        &[
            "Filename",
            "Dateiname",
            "Nom du fichier",
            "Nombre del archivo",
            "Nombre de archivo",
            "Bestandsnaam",
            "Název souboru",
            "Nome del file",
            "Nome do arquivo",
        ],
    ),
    (
        Field::Elapsed,
        Pick::Last,
        &[
            "Elapsed Time",
            "Verstrichene Zeit",
            "Temps écoulé",
            "Tiempo transcurrido",
            "Verstreken tijd",
            "Uplynulý čas",
            "Tempo trascorso",
            "Tempo decorrido",
        ],
    ),
    (
        Field::Moving,
        Pick::First,
        &[
            "Moving Time",
            "Bewegungszeit",
            "Temps de déplacement",
            "Tiempo en movimiento",
            "Beweegtijd",
            "Aktivní čas",
            "Tempo in movimento",
            "Tempo em movimento",
        ],
    ),
    (
        Field::Distance,
        Pick::Second,
        &[
            "Distance",
            "Distanz",
            "Distancia",
            "Afstand",
            "Vzdálenost",
            "Distanza",
            "Distância",
        ],
    ),
    (
        Field::Rpe,
        Pick::First,
        &[
            "Perceived Exertion",
            "Wahrgenommene Anstrengung",
            "Empfundene Anstrengung",
            "Effort perçu",
            "Esfuerzo percibido",
            "Ervaren inspanning",
            "Waargenomen inspanning",
            "Vnímané úsilí",
            "Sforzo percepito",
            "Esforço percebido",
        ],
    ),
];

/// The early header (exports until about 2018): ten snake_case columns, `date` like
/// `2018-09-12 15:02:23`, and a single `distance` that is in meters.
const LEGACY: &[(Field, Pick, &[&str])] = &[
    (Field::Id, Pick::First, &["id"]),
    (Field::Date, Pick::First, &["date"]),
    (Field::Name, Pick::First, &["name"]),
    (Field::Type, Pick::First, &["type"]),
    (Field::Description, Pick::First, &["description"]),
    (Field::Elapsed, Pick::First, &["elapsed_time"]),
    (Field::Distance, Pick::First, &["distance"]),
    (Field::Filename, Pick::First, &["filename"]),
];

/// Where each field is in one file's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    /// Column index per field, by `Field as usize`.
    index: [Option<usize>; FIELDS],
}

impl Columns {
    /// Finds each field's column in `header` (the header's names, decoded).
    pub(crate) fn locate(header: &[String]) -> Columns {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            by_name.entry(normalize(name)).or_default().push(i);
        }
        let legacy = by_name.contains_key("elapsed_time")
            || header.first().is_some_and(|first| normalize(first) == "id");
        let table = if legacy { LEGACY } else { MODERN };
        let mut index = [None; FIELDS];
        for &(field, pick, names) in table {
            let found = names.iter().find_map(|n| by_name.get(&normalize(n)));
            if let (Some(slot), Some(columns)) = (index.get_mut(field as usize), found) {
                *slot = match pick {
                    Pick::First => columns.first().copied(),
                    Pick::Last => columns.last().copied(),
                    Pick::Second => columns.get(1).copied(),
                };
            }
        }
        Columns { index }
    }

    /// The column holding `field`, if the header has it.
    pub(crate) fn get(&self, field: Field) -> Option<usize> {
        self.index.get(field as usize).copied().flatten()
    }
}

/// A header name as compared: trimmed, byte-order mark dropped, lowercase, runs of white space
/// as one space, `’` as `'`.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.trim_start_matches('\u{feff}').split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .map(|c| if c == '\u{2019}' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    out
}
