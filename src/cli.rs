//! The command line (clap derive) and its translation into a plain [`Config`]. Only this file
//! knows clap; everything after it takes `Config`.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{Config, OutputFormat};
use crate::profile::{resolve, FromFile, ProfileError, ProfileFile, RuleValue};
use crate::read::ReadOptions;
use crate::units::Units;

const EXAMPLES: &str = "\
Examples:
  runaudit check morning.fit                        splits, totals and the recovery verdict
  runaudit check --units mi --normal-pace 10:00/mi a.gpx b.tcx.gz
  runaudit check --format json run.fit              the same as JSON (one object per run)
  runaudit audit ~/exports/strava.zip --lthr 172    a whole season, judged run by run
  runaudit audit runs/ --since 2026-09-01 --profile me.toml --format csv
  runaudit check --svg reports/ run.fit             also an SVG report per run
  runaudit audit runs/ --out report/                also runs/*.svg, season.svg, index.html
  find runs -name '*.fit' | runaudit check --format jsonl -    file names from stdin, one line each
  runaudit profile --from ~/exports/strava.zip --save         remember what a season says of you
";

const TEAM_EXAMPLES: &str = "\
Examples:
  runaudit team squad/                               the Monday table: last 4 weeks per athlete
  runaudit team squad/ --out squad-report/           also index.html and each athlete's pages
  runaudit team squad/ --today 2026-11-30 --weeks 6  a fixed day, six weeks
  runaudit team squad/ --format csv > runs.csv       every run with an athlete column
";

/// The environment variable that names the runner's profile file instead of the saved one.
pub const PROFILE_ENV: &str = "RUNAUDIT_PROFILE";

/// Analyze running-watch exports (FIT, GPX, TCX): splits, pace, heart rate, recovery verdicts.
#[derive(Debug, Parser)]
#[command(name = "runaudit", version, about, after_help = EXAMPLES)]
#[command(subcommand_required = false, arg_required_else_help = true)]
pub struct Cli {
    /// Print a man page or a shell completion script to stdout, then exit.
    #[arg(long, value_enum, value_name = "KIND", exclusive = true)]
    pub generate: Option<Generate>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page (roff), for `man -l` or a `man1` folder.
    Man,
    /// Bash completion.
    CompleteBash,
    /// Zsh completion.
    CompleteZsh,
    /// Fish completion.
    CompleteFish,
    /// PowerShell completion.
    CompletePowershell,
}

impl Generate {
    /// Writes the man page or completion script for the whole command line.
    pub fn write(self, out: &mut dyn io::Write) -> io::Result<()> {
        use clap_complete::Shell;
        let mut cmd = Cli::command();
        let shell = match self {
            Generate::Man => return clap_mangen::Man::new(cmd).render(out),
            Generate::CompleteBash => Shell::Bash,
            Generate::CompleteZsh => Shell::Zsh,
            Generate::CompleteFish => Shell::Fish,
            Generate::CompletePowershell => Shell::PowerShell,
        };
        clap_complete::generate(shell, &mut cmd, "runaudit", out);
        Ok(())
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyze a few files: one table per run with splits and laps.
    // The output folder is one flattened option (`out_dir`, see `CommonArgs`) so `main` needs no
    // per-command plumbing; `check` spells it `--svg`.
    #[command(after_help = EXAMPLES)]
    #[command(mut_arg("out_dir", |a| a.long("svg").help("Write one SVG report per run into DIR")))]
    Check {
        /// FIT, GPX or TCX files, optionally gzip-compressed; `-` reads file names from stdin
        /// (one a line, or NUL-separated as `find -print0` writes them).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Shared options.
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Audit a season: files, folders (recursive) and zip export archives, judged together.
    #[command(after_help = EXAMPLES)]
    Audit {
        /// Files, folders or .zip exports (Strava, Garmin); `-` reads paths from stdin (one a
        /// line, or NUL-separated as `find -print0` writes them).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only runs on or after this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Only runs on or before this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        until: Option<NaiveDate>,
        /// Every run's line in the season table, not only the weeks and the flagged runs.
        #[arg(long)]
        runs: bool,
        /// Shared options.
        #[command(flatten)]
        common: CommonArgs,
    },
    /// A coach's squad: each folder or zip export in DIR (or each athlete of DIR/team.toml) is
    /// one athlete, audited alone with their own profile.toml; one block per athlete, needing
    /// attention first, and the squad summary.
    #[command(after_help = TEAM_EXAMPLES)]
    Team {
        /// The squad folder: one folder or zip export per athlete, or a team.toml listing
        /// athletes by name, path and profile.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// ISO weeks shown per athlete, this week the last.
        #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=52))]
        weeks: u32,
        /// The day the view is for (YYYY-MM-DD) [default: the squad's latest activity].
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
        /// Team options.
        #[command(flatten)]
        common: TeamArgs,
    },
    /// Infer the runner's profile (normal pace, max HR) from a season and print it as TOML.
    #[command(after_help = EXAMPLES)]
    Profile {
        /// Files, folders or .zip exports to infer from; `-` reads paths from stdin.
        #[arg(long = "from", required = true, num_args = 1.., value_name = "PATH")]
        from: Vec<PathBuf>,
        /// Write it as the saved profile instead of printing it.
        #[arg(long)]
        save: bool,
        /// With --save: replace a saved profile that exists.
        #[arg(long, requires = "save")]
        force: bool,
        /// Units for the pace written [default: km].
        #[arg(long, value_enum)]
        units: Option<UnitsArg>,
        /// Worker threads (default: one per core; at most one per input and 4 per core).
        #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
        /// Set one rule, e.g. baseline_window_days=56 (repeatable; any profile rule key).
        #[arg(long = "rule", value_name = "KEY=VALUE", value_parser = rule_value)]
        rules: Vec<RuleValue>,
    },
}

/// Units for splits and paces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitsArg {
    /// Kilometers.
    Km,
    /// Miles.
    Mi,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tables for people.
    Table,
    /// A JSON array, one object per run.
    Json,
    /// JSON Lines: one object per run or failed file, per line, as soon as it is known.
    Jsonl,
    /// CSV, one row per run.
    Csv,
}

/// When to use colors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options shared by every subcommand.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Split and pace units [default: km].
    #[arg(long, value_enum)]
    pub units: Option<UnitsArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
    /// Colors in the table.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Worker threads (default: one per core; at most one per input and 4 per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Largest input file accepted, in MiB (after decompression; at most 4096).
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=crate::read::budget::MAX_FILE_SIZE_MIB))]
    pub max_file_size: u64,
    /// The runner's normal pace, e.g. 10:00/mi or 5:30/km (default: from history).
    #[arg(long, value_name = "PACE", help_heading = "Runner")]
    pub normal_pace: Option<String>,
    /// Maximum heart rate, bpm (default: from the runs' heart rate, else from --age).
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub max_hr: Option<f64>,
    /// Resting heart rate, bpm (enables the heart-rate-reserve ceiling).
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub resting_hr: Option<f64>,
    /// Lactate-threshold heart rate, bpm (ceiling: 85% of it).
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub lthr: Option<f64>,
    /// Aerobic-threshold (LT1) heart rate, bpm: the easy ceiling itself.
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub lt1_hr: Option<f64>,
    /// Age in years (max HR by Tanaka when nothing better is known).
    #[arg(long, value_name = "YEARS", help_heading = "Runner")]
    pub age: Option<f64>,
    /// Time zone for calendar days when a file does not say (IANA name, e.g. Europe/Berlin).
    #[arg(long, value_name = "ZONE", help_heading = "Runner")]
    pub time_zone: Option<String>,

    /// Write SVG reports into DIR: runs/NAME.svg per run, season.svg, weeks.csv and index.html,
    /// each replaced whole (a link there is replaced, not followed; runs/ must be a real folder).
    #[arg(long = "out", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// A TOML profile with the same keys (normal_pace, max_hr, resting_hr, lthr, lt1_hr, age,
    /// units) and the rule thresholds, used instead of the saved profile; flags win over it.
    #[arg(long, value_name = "FILE", help_heading = "Runner")]
    pub profile: Option<PathBuf>,
    /// Ignore the saved profile (and $RUNAUDIT_PROFILE).
    #[arg(long, conflicts_with = "profile", help_heading = "Runner")]
    pub no_profile: bool,
    /// Set one rule, e.g. long_run_min=100 (repeatable; any profile rule key; wins over the file).
    #[arg(long = "rule", value_name = "KEY=VALUE", value_parser = rule_value, help_heading = "Runner")]
    pub rules: Vec<RuleValue>,
}

/// Options of `team`: the output's, and rules for every athlete. The runner's values come from
/// each athlete's own profile file, never from the coach's saved profile.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Pace units of the table [default: km].
    #[arg(long, value_enum)]
    pub units: Option<UnitsArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
    /// Colors in the table.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Worker threads per athlete (default: one per core; at most one per input and 4 per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Largest input file accepted, in MiB (after decompression; at most 4096).
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=crate::read::budget::MAX_FILE_SIZE_MIB))]
    pub max_file_size: u64,
    /// Write the squad's index.html into DIR and each athlete's season report (index.html,
    /// season.svg, weeks.csv, runs/) into DIR/ATHLETE/.
    #[arg(long = "out", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Set one rule for every athlete, e.g. long_run_min=100 (repeatable; wins over their files).
    #[arg(long = "rule", value_name = "KEY=VALUE", value_parser = rule_value)]
    pub rules: Vec<RuleValue>,
}

impl TeamArgs {
    /// The options of `audit` that judge an athlete as `team` does: these, no runner values,
    /// no saved profile (the athlete's own file is passed to [`CommonArgs::to_config`]).
    pub fn as_audit(&self) -> CommonArgs {
        CommonArgs {
            units: self.units,
            format: self.format,
            color: self.color,
            threads: self.threads,
            max_file_size: self.max_file_size,
            normal_pace: None,
            max_hr: None,
            resting_hr: None,
            lthr: None,
            lt1_hr: None,
            age: None,
            time_zone: None,
            out_dir: None,
            profile: None,
            no_profile: true,
            rules: self.rules.clone(),
        }
    }
}

/// `--rule KEY=VALUE`, checked against the rule table as clap reads it.
fn rule_value(text: &str) -> Result<RuleValue, String> {
    RuleValue::parse(text).map_err(|e| match e {
        ProfileError::Flag { error, .. } => error.to_string(),
        other => other.to_string(),
    })
}

/// The configuration of `profile --from`: defaults, no profile file (the point is to infer it),
/// the units, threads and `--rule`s given.
pub fn profile_config(
    units: Option<UnitsArg>,
    threads: Option<u16>,
    rules: &[RuleValue],
) -> Config {
    let flags = ProfileFile {
        rules: rules.to_vec(),
        ..ProfileFile::default()
    };
    Config {
        units: match units {
            Some(UnitsArg::Mi) => Units::Mi,
            Some(UnitsArg::Km) | None => Units::Km,
        },
        threads: threads.map(usize::from),
        progress: true,
        // Rules alone cannot fail: each was checked as it was read.
        profile: resolve(&flags, None).unwrap_or_default(),
        ..Config::default()
    }
}

/// The saved profile's place: `profile.toml` in the platform's config folder for runaudit
/// (`$XDG_CONFIG_HOME/runaudit` or `~/.config/runaudit` on Linux, `~/Library/Application
/// Support/runaudit` on macOS, `%APPDATA%\\runaudit\\config` on Windows).
pub fn saved_profile_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "runaudit").map(|d| d.config_dir().join("profile.toml"))
}

/// Which profile file to read: `--profile FILE`; none with `--no-profile`; else the file
/// `$RUNAUDIT_PROFILE` names; else the saved profile when it exists. The flag means the file
/// must exist (`true`); a saved profile that is not there is simply not used.
pub fn profile_choice(
    args: &CommonArgs,
    env: Option<PathBuf>,
    saved: Option<PathBuf>,
) -> Option<(PathBuf, bool)> {
    if args.no_profile {
        return None;
    }
    if let Some(p) = &args.profile {
        return Some((p.clone(), true));
    }
    if let Some(p) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Some((p, true));
    }
    saved.map(|p| (p, false))
}

/// The paths given, with each `-` replaced by the paths read from `stdin`: one a line (a
/// trailing CR dropped, blank lines skipped), or NUL-separated when the input holds a NUL byte
/// (`find -print0`), since no path contains one. Paths are taken as bytes, so a name that is not
/// UTF-8 is read like any other.
pub fn expand_stdin(paths: &[PathBuf], stdin: &mut dyn Read) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::with_capacity(paths.len());
    let mut read = false;
    for p in paths {
        if p.as_path() != Path::new("-") {
            out.push(p.clone());
        } else if !read {
            read = true;
            let mut bytes = Vec::new();
            stdin.read_to_end(&mut bytes)?;
            out.extend(stdin_paths(&bytes));
        }
    }
    Ok(out)
}

/// The paths in what stdin held (see [`expand_stdin`]).
fn stdin_paths(bytes: &[u8]) -> Vec<PathBuf> {
    let (separator, trim_cr) = if bytes.contains(&0) {
        (0, false)
    } else {
        (b'\n', true)
    };
    bytes
        .split(|b| *b == separator)
        .map(|line| match line {
            [rest @ .., b'\r'] if trim_cr => rest,
            line => line,
        })
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(path_from_bytes)
        .collect()
}

/// A path from the bytes that name it: as they are on Unix; elsewhere, where paths are not
/// bytes, read as UTF-8 (a name that is not becomes one that fails to open, named on stderr).
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

impl CommonArgs {
    /// The plain configuration. `stdout_is_terminal` and `no_color` decide `--color auto`;
    /// `profile` is the profile file read by the caller (see [`profile_choice`]) with the path
    /// that names it. An error names the flag, or the file and the key at fault.
    pub fn to_config(
        &self,
        stdout_is_terminal: bool,
        no_color: bool,
        profile: Option<(&str, &str)>,
    ) -> Result<Config, ProfileError> {
        let file: Option<(ProfileFile, &str)> = profile
            .map(|(path, text)| ProfileFile::parse(text, path).map(|keys| (keys, path)))
            .transpose()?;
        let file = file.as_ref().map(|(keys, path)| FromFile { keys, path });
        let flags = ProfileFile {
            normal_pace: self.normal_pace.clone(),
            max_hr: self.max_hr,
            resting_hr: self.resting_hr,
            lthr: self.lthr,
            lt1_hr: self.lt1_hr,
            age: self.age,
            time_zone: self.time_zone.clone(),
            rules: self.rules.clone(),
            ..ProfileFile::default()
        };
        let profile = resolve(&flags, file)?;
        // The file's units were checked as it was read: km or mi.
        let units = match (self.units, file.and_then(|f| f.keys.units.as_deref())) {
            (Some(UnitsArg::Km), _) => Units::Km,
            (Some(UnitsArg::Mi), _) | (None, Some("mi")) => Units::Mi,
            (None, _) => Units::Km,
        };
        Ok(Config {
            units,
            format: match self.format {
                FormatArg::Table => OutputFormat::Table,
                FormatArg::Json => OutputFormat::Json,
                FormatArg::Csv => OutputFormat::Csv,
                FormatArg::Jsonl => OutputFormat::Jsonl,
            },
            color: match self.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => stdout_is_terminal && !no_color,
            },
            threads: self.threads.map(usize::from),
            read: ReadOptions {
                max_file_size: self
                    .max_file_size
                    .min(crate::read::budget::MAX_FILE_SIZE_MIB)
                    .saturating_mul(1024 * 1024),
            },
            profile,
            since: None,
            until: None,
            progress: true,
            svg_dir: self.out_dir.clone(),
            every_run: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(paths: &[&str], stdin: &[u8]) -> Vec<PathBuf> {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        expand_stdin(&paths, &mut &stdin[..]).expect("reading a slice cannot fail")
    }

    #[test]
    fn stdin_lines_replace_the_dash_once() {
        // CRLF and LF lines, a blank and a spaces-only line skipped, the second `-` reads nothing.
        let got = read(&["a.fit", "-", "z.gpx", "-"], b"b.fit\r\n\n   \nc d.tcx\n");
        let want: Vec<PathBuf> = ["a.fit", "b.fit", "c d.tcx", "z.gpx"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_nul_in_stdin_means_nul_separated_paths() {
        // `find -print0`: a newline is part of a name then.
        let got = read(&["-"], b"one\ntwo.fit\0three.fit\0");
        assert_eq!(
            got,
            vec![PathBuf::from("one\ntwo.fit"), PathBuf::from("three.fit")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_kept_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt;
        let got = read(&["-"], b"ok.fit\nrun-\xff\xfe.fit\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].as_os_str().as_bytes(), b"run-\xff\xfe.fit");
    }
}
