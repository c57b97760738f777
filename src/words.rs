//! Counts in plain words for warnings and reasons: "1 point", "2 points", never "1 points" or
//! "point(s)".

/// `"1 point"`, `"2 points"`: a count with its noun in the right number.
///
/// ```
/// use runaudit::words::plural;
/// assert_eq!(plural(1, "route", "routes"), "1 route");
/// assert_eq!(plural(0, "route", "routes"), "0 routes");
/// ```
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
