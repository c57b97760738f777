//! The pace panel of a run report: pace per split as bars (faster up) against the recovery band
//! and the normal pace, each split's grade-adjusted pace as a tick on a hilly run, with a legend
//! that states the band's rule.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::view::{split_word, RunView, HEAD, LEFT, PACE_H, WIDTH, X_LABELS};
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, dashed_h, empty_panel, err, legend_item, panel_chart, panel_mesh, text, Area, Drawn,
    Swatch, TextStyle,
};
use crate::report::svg::format::{min_sec, pace_ticks};
use crate::report::svg::theme::{self, BLUE, GREY, INK, ORANGE, SKY, VERMILLION};

/// Splits' grade-adjusted paces are drawn when one differs from its pace by this share or more
/// (on the flat they sit on the bars' ends and say nothing).
const GAP_SHOWN_FROM: f64 = 0.02;
use crate::units::{fmt_minutes_per_mile, fmt_pace};

/// Pace per split as bars (faster up), the recovery band shaded, normal pace as a line.
pub fn draw(root: &Area, top: i32, view: RunView) -> Drawn {
    let units = view.units;
    let a = &view.report.analysis;
    let split_m = units.split_m();
    let bars: Vec<(usize, f64, bool)> = a
        .splits
        .iter()
        .filter_map(|s| {
            s.pace_s_per_km
                .map(|p| (s.index, units.pace(p), s.distance_m < split_m * 0.999))
        })
        .collect();
    let title = format!("Pace per {} (faster up)", split_word(units));
    if bars.is_empty() {
        let why = if a.distance_m < 1.0 {
            "no distance recorded (no GPS or foot pod): no splits, no pace"
        } else {
            "no split long enough to have a pace"
        };
        return empty_panel(root, top, PACE_H, WIDTH, &title, why);
    }
    let hilly = a
        .splits
        .iter()
        .any(|s| match (s.gap_s_per_km, s.pace_s_per_km) {
            (Some(g), Some(p)) if p > 0.0 => ((g - p) / p).abs() >= GAP_SHOWN_FROM,
            _ => false,
        });
    let gaps: Vec<(usize, f64)> = a
        .splits
        .iter()
        .filter(|s| hilly && s.distance_m >= split_m * 0.999)
        .filter_map(|s| Some((s.index, units.pace(s.gap_s_per_km?))))
        .collect();
    let band = recovery_band(view);
    // The band's legend fills the line: the ticks are named in the caption.
    let title = if gaps.is_empty() {
        title
    } else {
        format!("{title}; orange ticks: grade-adjusted pace (GAP) of each full split")
    };
    caption(root, top, &title)?;
    legend(root, top + 36, view, band)?;
    let paces: Vec<f64> = bars
        .iter()
        .map(|b| b.1)
        .chain(gaps.iter().map(|g| g.1))
        .collect();
    let (fast, slow) = pace_range(&paces, band);
    let n = bars.len();
    let area = root
        .clone()
        .shrink((0, top + HEAD), (WIDTH as u32, (PACE_H - HEAD) as u32));
    let x_keys: Vec<f64> = every_nth(n).into_iter().map(|i| i as f64).collect();
    let y_keys: Vec<f64> = pace_ticks(fast, slow, 7).into_iter().map(|t| -t).collect();
    let mut chart = panel_chart(
        &area,
        X_LABELS,
        Axis::new(0.4, n as f64 + 0.6, x_keys),
        Axis::new(-slow, -fast, y_keys),
    )?;
    let word = units.word();
    panel_mesh(&mut chart, 0.7)
        .disable_x_mesh()
        .x_desc(format!("{} split", split_word(units)))
        .y_desc(format!("min:ss per {word}"))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| min_sec(-v))
        .draw()
        .map_err(err)?;
    if let Some(Band { lo, hi, .. }) = band {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.4, -lo), (n as f64 + 0.6, -hi.min(slow))],
                SKY.mix(0.3).filled(),
            )))
            .map_err(err)?;
    }
    chart
        .draw_series(bars.iter().map(|&(i, p, partial)| {
            let faster_than_normal = band.is_some_and(|b| p < b.normal) && !partial;
            let color = if faster_than_normal {
                VERMILLION.filled()
            } else if partial {
                BLUE.mix(0.45).filled()
            } else {
                BLUE.filled()
            };
            let x = i as f64;
            Rectangle::new([(x - 0.32, -slow), (x + 0.32, -(p.min(slow - 1.0)))], color)
        }))
        .map_err(err)?;
    for &(i, g) in &gaps {
        let x = i as f64;
        let y = -(g.min(slow - 1.0));
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x - 0.4, y), (x + 0.4, y)],
                ORANGE.stroke_width(3),
            )))
            .map_err(err)?;
    }
    if let Some(Band { normal, .. }) = band {
        let (x0, y) = chart.backend_coord(&(0.4, -normal));
        let (x1, _) = chart.backend_coord(&(n as f64 + 0.6, -normal));
        dashed_h(root, x0, x1, y, INK)?;
    }
    if n <= 16 {
        for &(i, p, partial) in &bars {
            let (x, y) = chart.backend_coord(&(i as f64, -(p.min(slow))));
            let label = if partial {
                format!("{} (part)", min_sec(p))
            } else {
                min_sec(p)
            };
            text(
                root,
                &label,
                (x, y - 10),
                TextStyle::new(theme::SMALL_PX - 1.0, INK).anchor(HPos::Center),
            )?;
        }
    }
    Ok(())
}

/// The recovery band as drawn: normal pace and the band's edges in the units shown, and the
/// rule that made it.
#[derive(Debug, Clone, Copy)]
struct Band {
    normal: f64,
    lo: f64,
    hi: f64,
    rule: (f64, f64),
}

/// The recovery band, when a normal pace is known.
fn recovery_band(view: RunView) -> Option<Band> {
    let p = view.report.judgement.as_ref()?.profile.as_ref()?;
    let normal = p.normal_pace_s_per_km.as_ref()?.value;
    let (lo, hi) = p.rules.recovery_band(normal);
    Some(Band {
        normal: view.units.pace(normal),
        lo: view.units.pace(lo),
        hi: view.units.pace(hi),
        rule: (
            p.rules.slower_min_s_per_km.value,
            p.rules.slower_max_s_per_km.value,
        ),
    })
}

/// The legend above the pace bars, or why there is no band.
fn legend(root: &Area, y: i32, view: RunView, band: Option<Band>) -> Drawn {
    let units = view.units;
    let to_km = |p: f64| p / units.pace(1.0);
    let mut x = LEFT;
    x = legend_item(root, x, y, Swatch::Box(BLUE.to_rgba()), "split")?;
    x = legend_item(root, x, y, Swatch::Box(BLUE.mix(0.45)), "partial split")?;
    match band {
        Some(Band {
            normal,
            lo,
            hi,
            rule: (slower_min, slower_max),
        }) => {
            x = legend_item(
                root,
                x,
                y,
                Swatch::Box(VERMILLION.to_rgba()),
                "faster than normal",
            )?;
            x = legend_item(
                root,
                x,
                y,
                Swatch::Dashed(INK),
                &format!("normal {}", fmt_pace(Some(to_km(normal)), units)),
            )?;
            legend_item(
                root,
                x,
                y,
                Swatch::Box(SKY.mix(0.3)),
                &format!(
                    "recovery band {}–{} (normal + {}–{} min/mi)",
                    min_sec(lo),
                    fmt_pace(Some(to_km(hi)), units),
                    fmt_minutes_per_mile(slower_min),
                    fmt_minutes_per_mile(slower_max),
                ),
            )?;
        }
        None => {
            text(
                root,
                "no normal pace known: recovery band not drawn",
                (x, y),
                TextStyle::new(theme::SMALL_PX, GREY),
            )?;
        }
    }
    Ok(())
}

/// The pace axis range (fast, slow) in seconds per unit: the bars and the band with some room,
/// the slow end held to 2 × the slower of the median split and the band (a walked split does
/// not flatten the rest).
fn pace_range(paces: &[f64], band: Option<Band>) -> (f64, f64) {
    let mut sorted: Vec<f64> = paces.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(300.0);
    let mut fast = sorted.first().copied().unwrap_or(median);
    let mut slow = sorted.last().copied().unwrap_or(median);
    if let Some(Band { normal, hi, .. }) = band {
        fast = fast.min(normal);
        slow = slow.max(hi);
    }
    slow = slow.min(2.0 * median.max(band.map_or(0.0, |b| b.hi)));
    let pad = ((slow - fast) * 0.12).max(15.0);
    ((fast - pad).max(0.0), slow + pad)
}

/// 1-based indices labelled on an axis of `n` bars: all up to 20, else every k-th.
fn every_nth(n: usize) -> Vec<usize> {
    let step = n.div_ceil(20).max(1);
    (1..=n).filter(|i| (i - 1) % step == 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_range_holds_a_walked_split() {
        // Splits 300, 310, 900 s: median 310, slow end held to 2 × 310 = 620,
        // pad = max(0.12 × 320, 15) = 38.4: 261.6..658.4.
        let (fast, slow) = pace_range(&[300.0, 310.0, 900.0], None);
        assert!((fast - 261.6).abs() < 1e-9 && (slow - 658.4).abs() < 1e-9);
    }

    #[test]
    fn labels_every_nth_bar() {
        // 45 bars: step ceil(45 / 20) = 3: 1, 4, 7, ..., 43 (15 labels).
        let l = every_nth(45);
        assert_eq!(l.len(), 15);
        assert_eq!(l.first(), Some(&1));
        assert_eq!(l.last(), Some(&43));
    }
}
