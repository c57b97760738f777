//! The `runaudit` binary: parse the command line, run the command, map the outcome to an exit code
//! (0 every file read, 1 some files failed, 2 usage error).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use runaudit::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let stdout_is_terminal = io::stdout().is_terminal();
    let result = match &cli.command {
        Command::Check { files, common } => {
            let config = common.to_config(stdout_is_terminal, no_color);
            let mut out = io::BufWriter::new(io::stdout().lock());
            runaudit::check::check(files, &config, &mut out, &mut io::stderr())
        }
    };
    match result {
        Ok(outcome) if outcome.files_failed > 0 => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e:#}");
            ExitCode::from(1)
        }
    }
}
