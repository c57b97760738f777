//! The exit codes, as fd has them: 0 when every file was read, 1 when some failed (each named on
//! stderr) or output could not be written, 2 for a usage error.

use crate::batch::Outcome;

/// How the program ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Every file was read.
    Success,
    /// Some files could not be read, or the output could not be written.
    Failure,
    /// The command line or the profile was wrong; nothing was read.
    Usage,
}

impl ExitCode {
    /// The code the process returns.
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        if outcome.files_failed > 0 {
            ExitCode::Failure
        } else {
            ExitCode::Success
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}
