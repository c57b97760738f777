//! The top of the season report: the title with the number of activities and their date span,
//! and the count per verdict, each with its marker.

use super::view::ORDER;
use crate::classify::judge::JudgedAs;
use crate::report::svg::draw::{legend_item, text, Area, Drawn, Swatch, TextStyle};
use crate::report::svg::theme::{self, verdict_look, INK};
use crate::run::RunReport;

/// Title and the counts per verdict, each with its marker.
pub fn draw(root: &Area, runs: &[&RunReport]) -> Drawn {
    let span = match (runs.first(), runs.last()) {
        (Some(a), Some(b)) => format!(
            "{} – {}",
            a.analysis.start.format("%-d %b %Y"),
            b.analysis.start.format("%-d %b %Y")
        ),
        _ => "no activities".to_string(),
    };
    text(
        root,
        &format!("Season · {} activities · {span}", runs.len()),
        (20, 24),
        TextStyle::new(theme::TITLE_PX, INK).bold(),
    )?;
    let count = |v: JudgedAs| {
        runs.iter()
            .filter(|r| {
                r.judgement
                    .as_ref()
                    .map_or(JudgedAs::Skipped, |j| j.verdict)
                    == v
            })
            .count()
    };
    let mut x = 20;
    for v in ORDER.into_iter().chain([JudgedAs::Skipped]) {
        let look = verdict_look(v);
        let label = if v == JudgedAs::Skipped {
            format!("{} not judged (not running)", count(v))
        } else {
            format!("{} {}", count(v), look.label.to_lowercase())
        };
        x = legend_item(root, x, 60, Swatch::Marker(look.shape, look.color), &label)?;
    }
    Ok(())
}
