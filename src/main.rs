//! The `runaudit` binary: parse the command line, run the command, map the outcome to an exit code
//! (0 every file read, 1 some files failed, 2 usage error).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Parser;
use runaudit::cli::{self, Cli, Command, CommonArgs};
use runaudit::config::Config;
use runaudit::exit_code::ExitCode;
use runaudit::safe::terminal;
use runaudit::ReadError;

fn main() -> std::process::ExitCode {
    runaudit::error::install_quiet_panic_hook();
    run().into()
}

fn run() -> ExitCode {
    let cli = Cli::parse();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = match (cli.generate, cli.command) {
        (Some(kind), _) => kind
            .write(&mut out)
            .and_then(|()| out.flush())
            .map(|()| ExitCode::Success),
        (None, Some(command)) => match command_config(&command) {
            Ok(config) => run_command(command, &config, &mut out),
            Err(e) => {
                let _ = writeln!(io::stderr(), "error: {}", terminal(&e.to_string()));
                return ExitCode::Usage;
            }
        },
        (None, None) => return ExitCode::Usage,
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::Success,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {}", terminal(&e.to_string()));
            ExitCode::Failure
        }
    }
}

/// Runs one subcommand with its configuration.
fn run_command(command: Command, config: &Config, out: &mut dyn Write) -> io::Result<ExitCode> {
    let mut diag = io::stderr();
    let outcome = match command {
        Command::Check { files, .. } => {
            let files = with_stdin(&files)?;
            runaudit::check::check(&files, config, out, &mut diag)?
        }
        Command::Audit { paths, .. } => {
            let paths = with_stdin(&paths)?;
            runaudit::audit::audit(&paths, config, out, &mut diag)?
        }
        Command::Team {
            dir,
            weeks,
            today,
            common,
        } => {
            let base = common.as_audit();
            let settings = runaudit::team::TeamSettings {
                weeks,
                today,
                format: config.format,
                style: runaudit::output::table_style(config),
                out_dir: common.out_dir.clone(),
            };
            let (terminal, no_color) = color_env();
            let athlete =
                |profile: Option<(&str, &str)>| base.to_config(terminal, no_color, profile);
            runaudit::team::team(&dir, &settings, &athlete, out, &mut diag)?
        }
        Command::Profile {
            from, save, force, ..
        } => {
            let from = with_stdin(&from)?;
            let saved = profile_target()?;
            let target = save.then_some(saved.as_path());
            runaudit::infer::profile(&from, config, target, force, out, &mut diag)?
        }
    };
    Ok(outcome.into())
}

/// The paths given, with `-` replaced by the lines of stdin.
fn with_stdin(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    cli::expand_stdin(paths, &mut io::stdin().lock())
}

/// Where `profile --save` writes: `$RUNAUDIT_PROFILE`, else the saved profile's place.
fn profile_target() -> io::Result<PathBuf> {
    std::env::var_os(cli::PROFILE_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(cli::saved_profile_path)
        .ok_or_else(|| {
            io::Error::other("no config folder for the saved profile: set RUNAUDIT_PROFILE")
        })
}

/// Whether stdout is a terminal, and whether NO_COLOR asks for no colours.
fn color_env() -> (bool, bool) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    (io::stdout().is_terminal(), no_color)
}

/// The configuration of a subcommand: its flags and the runner's profile file.
fn command_config(command: &Command) -> Result<Config, String> {
    let (terminal, no_color) = color_env();
    let mut config = match command {
        Command::Check { common, .. } | Command::Audit { common, .. } => {
            let profile = read_profile(common)?;
            let profile = profile.as_ref().map(|(p, t)| (p.as_str(), t.as_str()));
            common
                .to_config(terminal, no_color, profile)
                .map_err(|e| e.to_string())?
        }
        // The squad's own settings (format, units, colours); each athlete's comes with their
        // profile file, in `team`.
        Command::Team { common, .. } => common
            .as_audit()
            .to_config(terminal, no_color, None)
            .map_err(|e| e.to_string())?,
        Command::Profile {
            units,
            threads,
            rules,
            ..
        } => cli::profile_config(*units, *threads, rules),
    };
    if let Command::Audit {
        since, until, runs, ..
    } = command
    {
        config.since = *since;
        config.until = *until;
        config.every_run = *runs;
    }
    Ok(config)
}

/// The profile file to use and its text, named as the user would name it.
fn read_profile(common: &CommonArgs) -> Result<Option<(String, String)>, String> {
    let env = std::env::var_os(cli::PROFILE_ENV).map(PathBuf::from);
    let Some((path, required)) = cli::profile_choice(common, env, cli::saved_profile_path()) else {
        return Ok(None);
    };
    // Only a regular file is opened: a FIFO named like the profile would block for ever.
    let read = runaudit::read::open_regular(&path).and_then(|mut file| {
        let mut text = String::new();
        io::Read::read_to_string(&mut file, &mut text)?;
        Ok(text)
    });
    match read {
        Ok(text) => Ok(Some((shown(&path), text))),
        Err(ReadError::Io(e)) if !required && e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(ReadError::Io(e)) => Err(format!("{}: {e}", shown(&path))),
        Err(e) => Err(format!("{}: {e}", shown(&path))),
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}
