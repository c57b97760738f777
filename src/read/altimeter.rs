//! Where a file's altitude came from, told from the device that wrote it (a barometric altimeter
//! or GPS), so that our elevation gain can be held against barometric devices' own totals; the
//! gain itself follows each trace's measured noise, whatever the source.

use crate::activity::AltitudeSource;

/// Garmin products (FIT product names, TCX creator names in lower case without spaces) whose
/// altitude is barometric.
const BAROMETRIC: &[&str] = &[
    "fenix",
    "epix",
    "enduro",
    "tactix",
    "quatix",
    "instinct",
    "descent",
    "marq",
    "d2",
    "venu",
    "vivo_active_hr",
    "vivoactive3",
    "vivoactive4",
    "vivoactive5",
    "vivoactivehr",
    "edge500",
    "edge510",
    "edge520",
    "edge_520",
    "edge530",
    "edge_530",
    "edge540",
    "edge_540",
    "edge800",
    "edge810",
    "edge820",
    "edge_820",
    "edge830",
    "edge_830",
    "edge840",
    "edge_840",
    "edge1000",
    "edge_1000",
    "edge1030",
    "edge_1030",
    "edge_1040",
    "edge_1050",
    "edge_explore",
    "edge_mtb",
    "fr920xt",
    "fr935",
    "fr945",
    "fr955",
    "fr965",
    "fr745",
    "fr645",
    "fr255",
    "fr265",
    "oregon",
    "gpsmap",
];

/// Products known to have no barometer: their altitude is GPS (or, for footpod-only watches,
/// none at all).
const GPS_ONLY: &[&str] = &[
    "fr10", "fr15", "fr25", "fr30", "fr35", "fr45", "fr55", "fr60", "fr70", "fr110", "fr205",
    "fr210", "fr220", "fr225", "fr230", "fr235", "fr245", "fr305", "fr310xt", "fr405", "fr410",
    "fr610", "fr620", "fr630", "fr735xt", "edge200", "edge205", "edge25", "edge305", "edge605",
    "edge705",
];

/// The altitude source of a recording by `device` (`maker/product` as the readers name it);
/// `barometer` is true when the file itself describes a barometer (FIT `device_info`), which
/// settles it. Phone apps (Strava and the like) record GPS altitude.
///
/// ```
/// use runaudit::activity::AltitudeSource;
/// use runaudit::read::altimeter::source;
/// assert_eq!(source(Some("garmin/fenix2"), false), AltitudeSource::Barometric);
/// assert_eq!(source(Some("garmin/fr610"), false), AltitudeSource::Gps);
/// assert_eq!(source(Some("strava/102"), false), AltitudeSource::Gps);
/// assert_eq!(source(Some("wahoo_fitness/28"), false), AltitudeSource::Unknown);
/// assert_eq!(source(None, true), AltitudeSource::Barometric);
/// ```
pub fn source(device: Option<&str>, barometer: bool) -> AltitudeSource {
    if barometer {
        return AltitudeSource::Barometric;
    }
    let Some(device) = device else {
        return AltitudeSource::Unknown;
    };
    let name: String = device
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (maker, product) = name.split_once('/').unwrap_or(("", name.as_str()));
    let product = product.strip_prefix("garmin").unwrap_or(product);
    // TCX creators spell out "Forerunner 305" where FIT says "fr305".
    let product = product.replace("forerunner", "fr");
    if matches!(maker, "strava" | "runkeeper" | "nike" | "zwift") || product.starts_with("strava") {
        return AltitudeSource::Gps;
    }
    if BAROMETRIC.iter().any(|p| product.starts_with(p)) {
        AltitudeSource::Barometric
    } else if GPS_ONLY.contains(&product.as_str()) {
        AltitudeSource::Gps
    } else {
        AltitudeSource::Unknown
    }
}
