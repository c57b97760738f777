//! Strava `activities.csv` snippets in the shapes real exports have: the modern 94-column
//! header with its repeated names, the early ten-column one, a German header, quoted multi-line
//! texts, a byte-order mark, Latin-1 bytes, short and truncated rows.

use chrono::{DateTime, TimeZone, Utc};

use super::strava::read_activities_csv;
use super::{Place, SidecarProblem, SidecarWarning, MAX_SIDECAR_BYTES};

/// A modern English header, in the real column order (94 columns; `Elapsed Time`, `Distance`,
/// `Max Heart Rate`, `Relative Effort` and `Commute` appear twice).
const MODERN: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,\
Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,\
Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,\
Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,\
Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,\
Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,\
Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,\
Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,Prefer Perceived Exertion,\
Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,\
Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,\
Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,\
Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,\
Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,Average Flow,\
Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,\
Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,\
Training Load,Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Media";

/// Columns of [`MODERN`].
const MODERN_COLUMNS: usize = 94;

/// A full-width row of the modern header with `values` at their columns, given as
/// `(name, occurrence, raw CSV text)`; other fields empty.
fn modern_row(values: &[(&str, usize, &str)]) -> String {
    let names: Vec<&str> = MODERN.split(',').collect();
    let mut fields = vec![String::new(); names.len()];
    for &(name, nth, text) in values {
        let column = names
            .iter()
            .enumerate()
            .filter(|(_, n)| **n == name)
            .map(|(i, _)| i)
            .nth(nth - 1)
            .expect("a column of the test header");
        fields[column] = text.to_string();
    }
    fields.join(",")
}

/// The 2020 morning run of the modern-header tests.
fn easy_run() -> String {
    modern_row(&[
        ("Activity ID", 1, "4162309012"),
        ("Activity Date", 1, "\"Oct 7, 2020, 2:43:11 PM\""),
        ("Activity Name", 1, "Easy 10k"),
        ("Activity Type", 1, "Run"),
        ("Activity Description", 1, "\"Recovery, legs heavy\""),
        ("Elapsed Time", 1, "3301"),
        ("Distance", 1, "10.02"),
        ("Activity Private Note", 1, "slept 5h"),
        ("Filename", 1, "activities/4455667788.fit.gz"),
        ("Elapsed Time", 2, "3301.0"),
        ("Moving Time", 1, "3240.0"),
        ("Distance", 2, "10020.5"),
        ("Perceived Exertion", 1, "3.0"),
        ("Prefer Perceived Exertion", 1, "1.0"),
    ])
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single()
}

fn read(csv: &str) -> (Vec<super::ExportActivity>, Vec<SidecarWarning>) {
    read_activities_csv(csv.as_bytes(), "strava/activities.csv")
}

fn lines(warnings: &[SidecarWarning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn the_test_header_is_the_real_width() {
    assert_eq!(MODERN.split(',').count(), MODERN_COLUMNS);
}

#[test]
fn modern_english_row() {
    let csv = format!("{MODERN}\n{}\n", easy_run());
    let (rows, warnings) = read(&csv);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.id.as_deref(), Some("4162309012"));
    assert_eq!(r.file.as_deref(), Some("activities/4455667788.fit.gz"));
    assert_eq!(r.start, utc(2020, 10, 7, 14, 43, 11));
    assert_eq!(r.activity_type.as_deref(), Some("Run"));
    assert_eq!(
        r.texts().collect::<Vec<_>>(),
        ["Easy 10k", "Recovery, legs heavy", "slept 5h"]
    );
    // `Perceived Exertion` 3.0, not `Prefer Perceived Exertion`.
    assert_eq!(r.rpe, Some(3.0));
    // The second `Distance` (meters), not the first (10.02 km); the later `Elapsed Time`.
    assert_eq!(r.distance_m, Some(10020.5));
    assert_eq!(r.elapsed_s, Some(3301.0));
    assert_eq!(r.moving_s, Some(3240.0));
}

#[test]
fn lone_display_distance_is_not_taken_for_meters() {
    // One `Distance`, the display block's (km or miles): its unit is unknown, so none.
    let csv =
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n\
               1,\"Oct 7, 2020, 2:43:11 PM\",Easy,Run,3301,10.02,activities/1.fit.gz\n";
    let (rows, warnings) = read(csv);
    assert!(warnings.is_empty());
    assert_eq!(rows[0].distance_m, None);
    assert_eq!(rows[0].elapsed_s, Some(3301.0));
}

#[test]
fn early_ten_column_export() {
    // Until about 2018: snake_case names, ISO dates, one `distance` in meters.
    let csv = "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n\
               1812345678,2018-09-12 15:02:23,Lunch Run,Run,\"\",2710,8012.3,false,Pegasus,activities/1956789012.gpx\n\
               1812345679,2018-09-13 06:10:00,Treadmill,Run,,1800,5000.0,false,,\n";
    let (rows, warnings) = read(csv);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].start, utc(2018, 9, 12, 15, 2, 23));
    assert_eq!(rows[0].name.as_deref(), Some("Lunch Run"));
    assert_eq!(rows[0].description, None);
    assert_eq!(rows[0].distance_m, Some(8012.3));
    assert_eq!(rows[0].elapsed_s, Some(2710.0));
    assert_eq!(rows[0].file.as_deref(), Some("activities/1956789012.gpx"));
    // A manual activity: no file, matched by time only.
    assert_eq!(rows[1].file, None);
    assert_eq!(rows[1].start, utc(2018, 9, 13, 6, 10, 0));
}

#[test]
fn german_header() {
    // German display distance with a decimal comma ("10,02"), meters in the second `Distanz`.
    let csv = "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Aktivitätsbeschreibung,\
               Verstrichene Zeit,Distanz,Dateiname,Verstrichene Zeit,Bewegungszeit,Distanz,\
               Wahrgenommene Anstrengung\n\
               4162309012,\"07.10.2020, 14:43:11\",Lockerer Lauf,Lauf,\"Regeneration, schwere Beine\",\
               3301,\"10,02\",activities/4455667788.fit.gz,3301.0,3240.0,10020.5,4\n";
    let (rows, warnings) = read(csv);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    let r = &rows[0];
    assert_eq!(r.start, utc(2020, 10, 7, 14, 43, 11));
    assert_eq!(r.name.as_deref(), Some("Lockerer Lauf"));
    assert_eq!(r.activity_type.as_deref(), Some("Lauf"));
    assert_eq!(
        r.description.as_deref(),
        Some("Regeneration, schwere Beine")
    );
    assert_eq!(r.file.as_deref(), Some("activities/4455667788.fit.gz"));
    assert_eq!(r.distance_m, Some(10020.5));
    assert_eq!(r.moving_s, Some(3240.0));
    assert_eq!(r.rpe, Some(4.0));
}

#[test]
fn french_header_with_a_typographic_apostrophe() {
    let csv =
        "ID de l’activité,Date de l’activité,Nom de l’activité,Type d’activité,Nom du fichier\n\
               1,\"7 oct. 2020, 14:43:11\",Footing,Course à pied,activities/1.fit.gz\n";
    let (rows, warnings) = read(csv);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(rows[0].start, utc(2020, 10, 7, 14, 43, 11));
    assert_eq!(rows[0].name.as_deref(), Some("Footing"));
    assert_eq!(rows[0].activity_type.as_deref(), Some("Course à pied"));
}

#[test]
fn quoted_multi_line_description_and_the_line_numbers_after_it() {
    // Row 1 spans lines 2–4; row 2 starts on line 5 and is short.
    let csv = "Activity ID,Activity Date,Activity Name,Activity Description,Filename\n\
               1,\"Oct 7, 2020, 2:43:11 PM\",Easy,\"Felt good,\nthen \"\"heavy\"\"\nafter 5k\",activities/1.fit.gz\n\
               2,\"Oct 8, 2020, 6:00:00 AM\",Tempo\n\
               3,\"Oct 9, 2020, 6:00:00 AM\",Long,,activities/3.fit.gz\n";
    let (rows, warnings) = read(csv);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].description.as_deref(),
        Some("Felt good,\nthen \"heavy\"\nafter 5k")
    );
    assert_eq!(rows[1].name.as_deref(), Some("Tempo"));
    assert_eq!(rows[1].file, None);
    assert_eq!(rows[2].file.as_deref(), Some("activities/3.fit.gz"));
    assert_eq!(
        lines(&warnings),
        ["strava/activities.csv:5: row has 3 fields, the header 5; read what is there"]
    );
}

#[test]
fn byte_order_mark() {
    let csv = format!("\u{feff}{MODERN}\n{}\n", easy_run());
    let (rows, warnings) = read(&csv);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(rows[0].id.as_deref(), Some("4162309012"));
}

#[test]
fn a_spreadsheet_re_save() {
    // German Excel saves CSV with `;`; its "Unicode text" is UTF-16 LE with tabs.
    let semicolons = "Aktivitätsdatum;Name der Aktivität;Dateiname\n\
                      \"07.10.2020, 14:43:11\";Lockerer Lauf;activities/1.fit.gz\n";
    let (rows, warnings) = read(semicolons);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(rows[0].name.as_deref(), Some("Lockerer Lauf"));
    assert_eq!(rows[0].start, utc(2020, 10, 7, 14, 43, 11));

    let tabs = semicolons.replace(';', "\t");
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(tabs.encode_utf16().flat_map(u16::to_le_bytes));
    let (rows, warnings) = read_activities_csv(&utf16, "strava/activities.txt");
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(rows[0].name.as_deref(), Some("Lockerer Lauf"));
    assert_eq!(rows[0].file.as_deref(), Some("activities/1.fit.gz"));
}

#[test]
fn latin1_bytes_do_not_fail_the_file() {
    // A Latin-1 header (ä = 0xE4) and a Latin-1 name (ö = 0xF6), then a UTF-8 row.
    let mut csv = b"Aktivit\xe4tsdatum,Name der Aktivit\xe4t,Dateiname\n".to_vec();
    csv.extend_from_slice(b"\"07.10.2020, 14:43:11\",Sch\xf6ne Runde,activities/1.fit.gz\n");
    csv.extend_from_slice("\"08.10.2020, 06:00:00\",Kurz & gut,activities/2.fit.gz\n".as_bytes());
    let (rows, warnings) = read_activities_csv(&csv, "strava/activities.csv");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].name.as_deref(), Some("Schöne Runde"));
    assert_eq!(rows[0].start, utc(2020, 10, 7, 14, 43, 11));
    assert_eq!(rows[1].name.as_deref(), Some("Kurz & gut"));
    // One warning for all the header's and rows' Latin-1 fields: the first at line 1.
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].at, Place::Line(1));
    assert_eq!(warnings[0].problem, SidecarProblem::NotUtf8);
    assert_eq!(warnings[0].more, 2);
}

#[test]
fn truncated_last_row() {
    let full = format!("{MODERN}\n{}\n{}\n", easy_run(), easy_run());
    // Cut the second row inside its description: an open quote, no final line break.
    let cut = full
        .rfind("legs heavy")
        .expect("the second row's description");
    let (rows, warnings) = read(&full[..cut]);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].file.as_deref(),
        Some("activities/4455667788.fit.gz")
    );
    // The cut row keeps what it had before the cut.
    assert_eq!(rows[1].start, utc(2020, 10, 7, 14, 43, 11));
    assert_eq!(rows[1].file, None);
    assert_eq!(
        lines(&warnings),
        [
            "strava/activities.csv:3: the file ends inside this row (5 of 94 fields; truncated?); \
          read what is there"
        ]
    );
}

#[test]
fn truncated_after_a_line_break_inside_quotes() {
    let csv = "Activity Date,Activity Description,Filename\n\
               \"Oct 7, 2020, 2:43:11 PM\",\"first line\n";
    let (rows, warnings) = read(csv);
    assert_eq!(rows.len(), 1);
    assert!(matches!(
        warnings[0].problem,
        SidecarProblem::TruncatedRow {
            fields: 2,
            expected: 3
        }
    ));
}

#[test]
fn bad_values_are_left_empty_and_counted_once_per_column() {
    let csv = "Activity Date,Filename,Perceived Exertion\n\
               yesterday,activities/1.fit.gz,11\n\
               tomorrow,activities/2.fit.gz,7\n\
               \"Oct 7, 2020, 2:43:11 PM\",activities/3.fit.gz,\n";
    let (rows, warnings) = read(csv);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].start, None);
    assert_eq!(rows[0].rpe, None);
    assert_eq!(rows[1].rpe, Some(7.0));
    assert_eq!(rows[2].rpe, None);
    assert_eq!(
        lines(&warnings),
        [
            "strava/activities.csv:2: `Activity Date` value `yesterday` not understood; left \
             empty (1 more like it)",
            "strava/activities.csv:2: `Perceived Exertion` value `11` not understood; left empty",
        ]
    );
}

#[test]
fn a_header_with_no_key_column_is_not_read() {
    let (rows, warnings) = read("a,b,c\n1,2,3\n");
    assert!(rows.is_empty());
    assert_eq!(
        warnings[0].problem,
        SidecarProblem::NoKeyColumns { columns: 3 }
    );
}

#[test]
fn a_missing_file_name_column_is_said_once() {
    let (rows, warnings) = read("Activity Date,Activity Name\n\"Oct 7, 2020, 2:43:11 PM\",Easy\n");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        lines(&warnings),
        ["strava/activities.csv:1: no known file name column; activities match by start time only"]
    );
}

#[test]
fn empty_and_too_large() {
    let (rows, warnings) = read("");
    assert!(rows.is_empty());
    assert_eq!(warnings[0].problem, SidecarProblem::Empty);

    let big = vec![b'a'; MAX_SIDECAR_BYTES + 1];
    let (rows, warnings) = read_activities_csv(&big, "strava/activities.csv");
    assert!(rows.is_empty());
    assert_eq!(
        lines(&warnings),
        [
            "strava/activities.csv: 67108865 bytes, over the 67108864-byte limit for an export \
          summary; not read"
        ]
    );
}

#[test]
fn many_short_rows_give_one_warning() {
    // 20 000 rows of 3 fields under a 4-column header: one line, 19 999 more.
    let mut csv = String::from("Activity Date,Activity Name,Filename,Distance\n");
    for i in 0..20_000 {
        csv.push_str(&format!("2018-09-12 15:02:23,Run {i},activities/{i}.gpx\n"));
    }
    let (rows, warnings) = read(&csv);
    assert_eq!(rows.len(), 20_000);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].more, 19_999);
}

#[test]
fn no_prefix_of_a_file_panics() {
    let mut csv = format!("\u{feff}{MODERN}\n{}\n", easy_run()).into_bytes();
    csv.extend_from_slice(b"1,\"Oct 8, 2020, 6:00:00 AM\",\"Sch\xf6n\n\"\"x\"\"\",Run\r\n,,,\n\"");
    for end in 0..=csv.len() {
        let (rows, _) = read_activities_csv(&csv[..end], "x");
        assert!(rows.len() <= 3);
    }
    for junk in [
        &b"\xff\xfe\x00"[..],
        b"\"",
        b",,,\n,,,",
        b"\r\n\r\n",
        b"\n\n\n",
    ] {
        let _ = read_activities_csv(junk, "x");
    }
}
