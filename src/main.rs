//! The `runaudit` binary: parse the command line, run the command, map the outcome to an exit code
//! (0 every file read, 1 some files failed, 2 usage error).

use std::io::{self, IsTerminal, Write};

use clap::Parser;
use runaudit::cli::{Cli, Command, CommonArgs};
use runaudit::config::Config;
use runaudit::exit_code::ExitCode;

fn main() -> std::process::ExitCode {
    run().into()
}

fn run() -> ExitCode {
    runaudit::error::install_quiet_panic_hook();
    let cli = Cli::parse();
    let common = match &cli.command {
        Command::Check { common, .. } | Command::Audit { common, .. } => common,
    };
    let mut config = match config(common) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            return ExitCode::Usage;
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut diag = io::stderr();
    let result = match &cli.command {
        Command::Check { files, .. } => runaudit::check::check(files, &config, &mut out, &mut diag),
        Command::Audit {
            paths,
            since,
            until,
            ..
        } => {
            config.since = *since;
            config.until = *until;
            runaudit::audit::audit(paths, &config, &mut out, &mut diag)
        }
    };
    match result {
        Ok(outcome) => outcome.into(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::Success,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            ExitCode::Failure
        }
    }
}

/// The configuration from the flags, reading the `--profile` file if one is named.
fn config(common: &CommonArgs) -> Result<Config, String> {
    let text = common
        .profile
        .as_ref()
        .map(|p| std::fs::read_to_string(p).map_err(|e| format!("--profile {}: {e}", p.display())))
        .transpose()?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    common.to_config(io::stdout().is_terminal(), no_color, text.as_deref())
}
