//! Strava's bulk export `activities.csv` (at the root of the export): one row per activity with
//! its file, start, type and the runner's texts. Columns are found by name in any known language
//! (`columns.rs`), never by position; every problem is a warning, never a failure.

use csv::{ByteRecord, ReaderBuilder};

use super::columns::{Columns, Field};
use super::values::{decode, parse_date, parse_number, parse_seconds, utf16_to_utf8};
use super::warning::{quoted, Place, SidecarProblem, Tally};
use super::{ExportActivity, SidecarWarning, MAX_SIDECAR_BYTES};

/// The UTF-8 byte-order mark some exports (and spreadsheet re-saves) start with.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Reads an `activities.csv`; `label` names the file in warnings. Returns every row it could
/// read, in file order, and the problems found (repeats folded into one warning each).
///
/// Which column holds what: `Distance` in meters is the second `Distance` column (the first is
/// the account's display unit, km or miles, and a lone one is not used), except in the early
/// ten-column header, whose single `distance` is meters; `Elapsed Time` is the last one (both
/// are seconds). Dates are UTC. Rows with fewer fields than the header keep what they have.
/// A spreadsheet's re-save is read too: `;` or tab separators, UTF-16, Windows-1252 text.
///
/// ```
/// use runaudit::read::export::strava::read_activities_csv;
/// let csv = "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n\
///            1,2018-09-12 15:02:23,Easy,Run,,2700,8012.5,false,,activities/1.fit.gz\n";
/// let (rows, warnings) = read_activities_csv(csv.as_bytes(), "activities.csv");
/// assert!(warnings.is_empty());
/// assert_eq!(rows[0].distance_m, Some(8012.5));
/// assert_eq!(rows[0].file.as_deref(), Some("activities/1.fit.gz"));
/// ```
pub fn read_activities_csv(
    bytes: &[u8],
    label: &str,
) -> (Vec<ExportActivity>, Vec<SidecarWarning>) {
    let mut tally = Tally::new(label);
    let rows = read(bytes, &mut tally);
    (rows, tally.finish())
}

/// The reading behind [`read_activities_csv`], warnings into `tally`.
fn read(bytes: &[u8], tally: &mut Tally) -> Vec<ExportActivity> {
    if tally.refuses_size(bytes.len(), MAX_SIDECAR_BYTES) {
        return Vec::new();
    }
    let transcoded = utf16_to_utf8(bytes);
    let body = transcoded.as_deref().unwrap_or(bytes);
    let body = body.strip_prefix(BOM).unwrap_or(body);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body);
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            tally.push(Place::File, SidecarProblem::Empty);
            return Vec::new();
        }
        Err(e) => {
            tally.push(Place::Line(1), bad_csv(&e));
            return Vec::new();
        }
    }
    let header: Vec<String> = record
        .iter()
        .map(|name| text_of(name, 1, tally).into_owned())
        .collect();
    let columns = Columns::locate(&header);
    match (columns.get(Field::Date), columns.get(Field::Filename)) {
        (None, None) => {
            let columns = header.len();
            tally.push(Place::Line(1), SidecarProblem::NoKeyColumns { columns });
            return Vec::new();
        }
        (Some(_), None) => tally.push(Place::Line(1), SidecarProblem::NoFilenameColumn),
        (None, Some(_)) => tally.push(Place::Line(1), SidecarProblem::NoDateColumn),
        (Some(_), Some(_)) => {}
    }
    let expected = header.len();
    let mut out = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                tally.push(Place::Line(line), bad_csv(&e));
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() <= 1 && record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        if record.len() != expected {
            let fields = record.len();
            let last = reader.position().byte() >= body.len() as u64;
            let problem = if last && fields < expected && ends_inside_row(body) {
                SidecarProblem::TruncatedRow { fields, expected }
            } else {
                SidecarProblem::RowWidth { fields, expected }
            };
            tally.push(Place::Line(line), problem);
        }
        let row = Row {
            record: &record,
            header: &header,
            columns: &columns,
            line,
        };
        out.push(row.activity(tally));
    }
    out
}

/// The field separator, from the header line: `,` as Strava writes it, or `;` or a tab when a
/// spreadsheet re-saved the file so (whichever is more frequent than `,`).
fn delimiter(body: &[u8]) -> u8 {
    let header = body.split(|&b| b == b'\n').next().unwrap_or(body);
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b';', b'\t']
        .into_iter()
        .filter(|&d| count(d) > count(b','))
        .max_by_key(|&d| count(d))
        .unwrap_or(b',')
}

/// True when the data ends inside a row: no final line break, or inside a quoted field (an odd
/// number of `"`, since a quote inside a quoted field is doubled).
fn ends_inside_row(body: &[u8]) -> bool {
    !body.ends_with(b"\n") || body.iter().filter(|&&b| b == b'"').count() % 2 == 1
}

/// The warning for an error of the CSV reader.
fn bad_csv(e: &csv::Error) -> SidecarProblem {
    SidecarProblem::BadCsv {
        message: e.to_string(),
    }
}

/// A field's bytes as text, with a warning when they are not UTF-8.
fn text_of<'a>(bytes: &'a [u8], line: u64, tally: &mut Tally) -> std::borrow::Cow<'a, str> {
    let (text, not_utf8) = decode(bytes);
    if not_utf8 {
        tally.push(Place::Line(line), SidecarProblem::NotUtf8);
    }
    text
}

/// One data row with what is needed to read it.
struct Row<'a> {
    /// The row's fields.
    record: &'a ByteRecord,
    /// The header's names, for warnings.
    header: &'a [String],
    /// Where each field is.
    columns: &'a Columns,
    /// The line the row starts on.
    line: u64,
}

impl Row<'_> {
    /// The row as an export activity, bad values left empty with a warning.
    fn activity(&self, tally: &mut Tally) -> ExportActivity {
        ExportActivity {
            id: self.text(Field::Id, tally),
            file: self.text(Field::Filename, tally),
            start: self.value(Field::Date, tally, parse_date),
            activity_type: self.text(Field::Type, tally),
            name: self.text(Field::Name, tally),
            description: self.text(Field::Description, tally),
            private_note: self.text(Field::PrivateNote, tally),
            rpe: self.value(Field::Rpe, tally, |t| {
                parse_number(t).filter(|x| (1.0..=10.0).contains(x))
            }),
            distance_m: self.value(Field::Distance, tally, |t| {
                parse_number(t).filter(|&x| x >= 0.0)
            }),
            elapsed_s: self.value(Field::Elapsed, tally, parse_seconds),
            moving_s: self.value(Field::Moving, tally, parse_seconds),
        }
    }

    /// The field's text, trimmed; `None` when the header lacks it, the row is short, or it is
    /// empty.
    fn text(&self, field: Field, tally: &mut Tally) -> Option<String> {
        let bytes = self.columns.get(field).and_then(|i| self.record.get(i))?;
        let text = text_of(bytes, self.line, tally);
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The field parsed by `parse`; a value it refuses is left empty with a warning naming the
    /// column.
    fn value<T>(
        &self,
        field: Field,
        tally: &mut Tally,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = self.text(field, tally)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            let column = self
                .columns
                .get(field)
                .and_then(|i| self.header.get(i))
                .map_or_else(String::new, |name| {
                    name.trim_start_matches('\u{feff}').trim().to_string()
                });
            tally.push(
                Place::Line(self.line),
                SidecarProblem::BadValue {
                    column,
                    value: quoted(&text),
                },
            );
        }
        parsed
    }
}
