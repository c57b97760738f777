//! runaudit: reads running-watch exports (FIT, GPX, TCX), computes splits, pace and heart rate the
//! way Strava and Garmin define them, and judges whether each run was a genuine recovery run.
//!
//! # The pipeline is the module layout
//!
//! ```text
//!   read ──► activity ──► analyze ──► classify (judge) ──► run ──► report
//!   (bytes)  (one model)  (numbers)   (profile, verdicts)  (record) (table, JSON, CSV, SVG)
//!
//!   pipeline: one file through read → analyze → a run record
//!   batch:    many files through the pipeline, judged together
//!   output:   format dispatch and files;  check / audit: the two commands over batch + output
//! ```
//!
//! # Who may import whom
//!
//! Each layer imports only layers below it (a test, `tests/layering.rs`, fails otherwise, and
//! also when two files import each other):
//!
//! 1. [`units`], [`words`], [`safe`], [`error`]: the bottom; they import nothing from the crate.
//!    [`safe`] is the one place untrusted text is made safe for an output (terminal, CSV,
//!    SVG/HTML, TOML comment); renderers call it just before they write such text.
//! 2. [`activity`]: the normalized model every reader produces.
//! 3. [`read`]: the only code that opens input files.
//! 4. [`analyze`]: one algorithm a file.
//! 5. [`profile`], [`note`], [`baseline`], [`classify`]: the rule set and the judging; words are
//!    made only in a reason's, a note's and a flag's own `sentence`/`Display`.
//! 6. [`run`] (the per-run record, the JSON contract) and [`config`] (plain settings).
//! 7. [`pipeline`] (one file), [`batch`] (many files) and [`squad`] (an athlete of a squad
//!    reduced to the coach's weekly view).
//! 8. [`report`]: renderers, leaves that write into any `impl Write` or return a `String`.
//! 9. [`output`]: where results go and in which format.
//! 10. [`check`], [`audit`], [`team`], [`infer`] (`profile --from`), [`cli`], [`exit_code`]: the
//!     commands and the command line; `main.rs` is the thin binary on top.
//!
//! The fixture writers, the mutator and the fuzz driver are not here: they are the dev-only
//! workspace crate `runaudit-testkit` (`testkit/`), used by the tests, benches and examples.

pub mod error;
pub mod safe;
pub mod units;
pub mod words;

pub mod activity;

pub mod read;

pub mod analyze;

pub mod baseline;
pub mod classify;
pub mod note;
pub mod profile;

pub mod config;
pub mod run;

pub mod batch;
pub mod pipeline;
pub mod squad;

pub mod report;

pub mod output;

pub mod audit;
pub mod check;
pub mod cli;
pub mod exit_code;
pub mod infer;
pub mod team;

pub use activity::{Activity, Format, Sample, Sport};
pub use error::ReadError;
