//! The season's training-load chart: fitness and fatigue by day (42- and 7-day weighted load),
//! and under them form with its zones drawn as shares of fitness (intervals.icu's bands), the
//! hard sessions on high-risk mornings marked on it.

use chrono::{Duration, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::view::{FITNESS_H, HEAD, WIDTH};
use crate::classify::form::Form;
use crate::classify::judge::JudgedAs;
use crate::classify::pattern::FlagKind;
use crate::profile::LoadRules;
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, err, legend_item, marker, panel_chart, panel_mesh, text, Area, Drawn, Swatch,
    TextStyle,
};
use crate::report::svg::format::nice_ticks;
use crate::report::svg::period::Period;
use crate::report::svg::theme::{
    self, verdict_look, BLUE, GREEN, GREY, INK, LIGHT_GREY, PURPLE, SKY, VERMILLION,
};
use crate::run::{load_rules, season_form, RunReport};

/// At most this many days are drawn; a longer history is drawn every few days.
const MAX_POINTS: usize = 1500;
/// Height of the fitness and fatigue plot, px (the form plot takes the rest).
const UPPER_H: i32 = 150;
/// Room for the x tick labels and title under the form plot, px.
const X_LABELS: u32 = 40;

/// One day as drawn: days from the base Monday and the morning's values.
type Day = (f64, Form);

/// Whether the season has a load to chart (else the panel is left out).
pub fn has_load(runs: &[&RunReport]) -> bool {
    runs.iter()
        .any(|r| r.judgement.as_ref().is_some_and(|j| j.load.is_some()))
}

/// Fitness, fatigue and form from the first run with a load to the last run's day.
pub fn draw(root: &Area, top: i32, runs: &[&RunReport], base: NaiveDate, last_day: f64) -> Drawn {
    let rules = load_rules(runs);
    let Some(until) = runs.iter().map(|r| r.day).max() else {
        return Ok(());
    };
    let series = season_form(runs, until);
    let step = series.len().div_ceil(MAX_POINTS).max(1);
    let days: Vec<Day> = series
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0 || i + 1 == series.len())
        .map(|(_, &(d, f))| ((d - base).num_days() as f64, f))
        .collect();
    caption(
        root,
        top,
        &format!(
            "Training load: fitness ({}-day), fatigue ({}-day), form = fitness − fatigue",
            rules.fitness_days.value, rules.fatigue_days.value
        ),
    )?;
    legend(root, top + 36, &rules)?;
    let period = Period::for_span(last_day);
    let x_axis = || Axis::new(-0.5, last_day + 0.5, period.day_ticks(base, last_day));
    let fmt_day = |v: &f64| period.label(base + Duration::days(v.round() as i64));
    // Fitness and fatigue.
    let upper = root
        .clone()
        .shrink((0, top + HEAD), (WIDTH as u32, UPPER_H as u32));
    let hi = days
        .iter()
        .map(|(_, f)| f.fitness.max(f.fatigue))
        .fold(1.0, f64::max)
        * 1.1;
    let mut chart = panel_chart(
        &upper,
        8,
        x_axis(),
        Axis::new(0.0, hi, nice_ticks(0.0, hi, 4)),
    )?;
    panel_mesh(&mut chart, 0.6)
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("load / day")
        .draw()
        .map_err(err)?;
    for (color, value) in [
        (BLUE, (|f: &Form| f.fitness) as fn(&Form) -> f64),
        (PURPLE, |f: &Form| f.fatigue),
    ] {
        let line = days.iter().map(|(d, f)| (*d, value(f)));
        chart
            .draw_series(LineSeries::new(line, color.stroke_width(2)))
            .map_err(err)?;
    }
    // Form and its zones.
    let lower_top = top + HEAD + UPPER_H;
    let lower_h = FITNESS_H - HEAD - UPPER_H - 10;
    let lower = root
        .clone()
        .shrink((0, lower_top), (WIDTH as u32, lower_h as u32));
    let (lo, hi) = form_range(&days, &rules);
    let mut chart = panel_chart(
        &lower,
        X_LABELS,
        x_axis(),
        Axis::new(lo, hi, nice_ticks(lo, hi, 5)),
    )?;
    panel_mesh(&mut chart, 0.6)
        .x_label_formatter(&fmt_day)
        .y_label_formatter(&|v| format!("{v:+.0}"))
        .x_desc("date")
        .y_desc("form")
        .draw()
        .map_err(err)?;
    // Each zone from its lower to its upper edge, as shares of fitness (`None`: the axis' end).
    let (fresh, grey, optimal) = (
        Some(rules.fresh_above.value),
        Some(rules.grey_from.value),
        Some(rules.optimal_from.value),
    );
    let zones = [
        (SKY.mix(0.25), fresh, None),
        (LIGHT_GREY.mix(0.35), grey, fresh),
        (GREEN.mix(0.2), optimal, grey),
        (VERMILLION.mix(0.2), None, optimal),
    ];
    let edge = |f: &Form, share: Option<f64>, end: f64| {
        share.map_or(end, |s| (f.fitness * s).clamp(lo, hi))
    };
    for (color, low, high) in zones {
        let mut poly: Vec<(f64, f64)> = days.iter().map(|(d, f)| (*d, edge(f, high, hi))).collect();
        poly.extend(days.iter().rev().map(|(d, f)| (*d, edge(f, low, lo))));
        chart
            .draw_series(std::iter::once(Polygon::new(poly, color.filled())))
            .map_err(err)?;
    }
    let line = days.iter().map(|(d, f)| (*d, f.form.clamp(lo, hi)));
    chart
        .draw_series(LineSeries::new(line, INK.stroke_width(2)))
        .map_err(err)?;
    for r in runs.iter().filter(|r| {
        r.flags
            .iter()
            .any(|f| f.kind() == FlagKind::HardWhileFatigued)
    }) {
        let Some(f) = r.form else { continue };
        let day = (r.day - base).num_days() as f64;
        let c = chart.backend_coord(&(day, f.form.clamp(lo, hi)));
        marker(
            root,
            verdict_look(JudgedAs::NotRecovery).shape,
            c,
            5,
            VERMILLION,
        )?;
    }
    Ok(())
}

/// The form axis: the form line and the zone edges that matter (down to the high-risk edge,
/// up to the fresh edge), with room around them.
fn form_range(days: &[Day], rules: &LoadRules) -> (f64, f64) {
    let low = days
        .iter()
        .map(|(_, f)| f.form.min(f.fitness * rules.optimal_from.value * 1.3))
        .fold(0.0, f64::min);
    let high = days
        .iter()
        .map(|(_, f)| f.form.max(f.fitness * rules.fresh_above.value * 2.0))
        .fold(0.0, f64::max);
    let pad = ((high - low) * 0.05).max(1.0);
    (low - pad, high + pad)
}

/// The lines and the zones, with the zones' bands in words.
fn legend(root: &Area, y: i32, rules: &LoadRules) -> Drawn {
    let pct = |s: f64| format!("{:+.0}%", s * 100.0);
    let mut x = 20;
    x = legend_item(root, x, y, Swatch::Line(BLUE), "fitness")?;
    x = legend_item(root, x, y, Swatch::Line(PURPLE), "fatigue")?;
    x = legend_item(root, x, y, Swatch::Line(INK), "form")?;
    x = legend_item(
        root,
        x,
        y,
        Swatch::Box(SKY.mix(0.25)),
        &format!("fresh > {}", pct(rules.fresh_above.value)),
    )?;
    x = legend_item(
        root,
        x,
        y,
        Swatch::Box(LIGHT_GREY.mix(0.35)),
        &format!(
            "grey {}…{}",
            pct(rules.grey_from.value),
            pct(rules.fresh_above.value)
        ),
    )?;
    x = legend_item(
        root,
        x,
        y,
        Swatch::Box(GREEN.mix(0.2)),
        &format!(
            "optimal {}…{}",
            pct(rules.optimal_from.value),
            pct(rules.grey_from.value)
        ),
    )?;
    x = legend_item(
        root,
        x,
        y,
        Swatch::Box(VERMILLION.mix(0.2)),
        &format!("high risk < {}", pct(rules.optimal_from.value)),
    )?;
    legend_item(
        root,
        x,
        y,
        Swatch::Marker(verdict_look(JudgedAs::NotRecovery).shape, VERMILLION),
        "hard while fatigued",
    )?;
    text(
        root,
        "form zones as shares of fitness: intervals.icu's bands",
        (WIDTH - 30, y - 36),
        TextStyle::new(theme::SMALL_PX, GREY).anchor(HPos::Right),
    )?;
    Ok(())
}
