//! A coach's squad folder: who the athletes are (each entry of the folder, or the list in its
//! `team.toml`), where each one's files are and which profile file is theirs.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::archive::is_zip_name;
use super::open_regular;

/// The squad's own list of athletes, read instead of the folder's entries when present.
pub const TEAM_TOML: &str = "team.toml";
/// An athlete's own profile inside their folder.
pub const PROFILE_TOML: &str = "profile.toml";
/// Largest `team.toml` or profile file read, bytes: a few lines are expected.
pub const MAX_SMALL_FILE: u64 = 1024 * 1024;

/// One athlete of the squad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Athlete {
    /// The name shown (the entry's name, or `name` in `team.toml`); untrusted text.
    pub name: String,
    /// Their folder, zip export or file.
    pub path: PathBuf,
    /// Their profile file, when there is one.
    pub profile: Option<PathBuf>,
}

/// The athletes of a squad folder, and the entries that are not athletes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Squad {
    /// In the order of `team.toml`, else by entry name.
    pub athletes: Vec<Athlete>,
    /// Entries of the folder that are neither a folder nor a zip export (skipped).
    pub skipped: Vec<PathBuf>,
}

/// Why a squad folder could not be listed; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum SquadError {
    /// The folder (or `team.toml`) could not be read.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// `team.toml` is not what it should be.
    #[error("{}: {message} (expected [[athlete]] tables with name, path and optionally profile)", .path.display())]
    TeamFile {
        /// The file.
        path: PathBuf,
        /// What the TOML reader said.
        message: String,
    },
    /// A file over [`MAX_SMALL_FILE`].
    #[error("{}: over {MAX_SMALL_FILE} bytes; a profile or team file is a few lines", .path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// Neither `team.toml` nor any folder or zip export in the folder.
    #[error("{}: no athletes: put one folder or zip export per athlete in it, or a team.toml", .path.display())]
    Empty {
        /// The folder.
        path: PathBuf,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    #[serde(default)]
    athlete: Vec<TeamEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamEntry {
    name: String,
    path: PathBuf,
    profile: Option<PathBuf>,
}

/// Lists the athletes of `dir`: the `[[athlete]]` tables of its `team.toml` (paths relative to
/// `dir`), else each folder or `.zip` entry of `dir` by name (hidden entries skipped). A folder's
/// `profile.toml` is its athlete's profile unless `team.toml` names another.
pub fn list(dir: &Path) -> Result<Squad, SquadError> {
    let team = dir.join(TEAM_TOML);
    let squad = if team.is_file() {
        from_team_file(dir, &team)?
    } else {
        from_entries(dir)?
    };
    if squad.athletes.is_empty() {
        return Err(SquadError::Empty {
            path: dir.to_path_buf(),
        });
    }
    Ok(squad)
}

fn from_team_file(dir: &Path, team: &Path) -> Result<Squad, SquadError> {
    let text = read_small(team)?;
    let file: TeamFile = toml::from_str(&text).map_err(|e| SquadError::TeamFile {
        path: team.to_path_buf(),
        message: e.message().to_string(),
    })?;
    let athletes = file
        .athlete
        .into_iter()
        .map(|e| {
            let path = dir.join(&e.path);
            let profile = e
                .profile
                .map(|p| dir.join(p))
                .or_else(|| own_profile(&path));
            Athlete {
                name: e.name,
                path,
                profile,
            }
        })
        .collect();
    Ok(Squad {
        athletes,
        skipped: Vec::new(),
    })
}

fn from_entries(dir: &Path) -> Result<Squad, SquadError> {
    let io = |source| SquadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .collect();
    names.sort();
    let mut squad = Squad::default();
    for name in names {
        let path = dir.join(&name);
        let shown = name.to_string_lossy().into_owned();
        if path.is_dir() {
            squad.athletes.push(Athlete {
                profile: own_profile(&path),
                name: shown,
                path,
            });
        } else if is_zip_name(&shown) {
            let stem = shown
                .get(..shown.len().saturating_sub(4))
                .unwrap_or(&shown)
                .to_string();
            squad.athletes.push(Athlete {
                name: stem,
                path,
                profile: None,
            });
        } else {
            squad.skipped.push(path);
        }
    }
    Ok(squad)
}

/// `profile.toml` in an athlete's folder, when it is there.
fn own_profile(path: &Path) -> Option<PathBuf> {
    let p = path.join(PROFILE_TOML);
    p.is_file().then_some(p)
}

/// The text of a small regular file (a profile, `team.toml`), at most [`MAX_SMALL_FILE`] bytes.
pub fn read_small(path: &Path) -> Result<String, SquadError> {
    let io = |source| SquadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open_regular(path).map_err(|e| match e {
        crate::ReadError::Io(source) => io(source),
        other => io(std::io::Error::other(other.to_string())),
    })?;
    let mut text = String::new();
    file.take(MAX_SMALL_FILE + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_SMALL_FILE {
        return Err(SquadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_athletes_by_name_and_team_toml_wins() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        for f in ["ben", "ana", ".git"] {
            std::fs::create_dir(d.join(f)).expect("mkdir");
        }
        std::fs::write(d.join("ana").join(PROFILE_TOML), "lthr = 170\n").expect("write");
        std::fs::write(d.join("cleo.zip"), b"PK").expect("write");
        std::fs::write(d.join("notes.txt"), b"hi").expect("write");
        let s = list(d).expect("listed");
        let names: Vec<&str> = s.athletes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["ana", "ben", "cleo"]);
        assert_eq!(
            s.athletes[0].profile,
            Some(d.join("ana").join(PROFILE_TOML))
        );
        assert_eq!(s.athletes[1].profile, None);
        assert_eq!(s.skipped, vec![d.join("notes.txt")]);

        std::fs::write(
            d.join(TEAM_TOML),
            "[[athlete]]\nname = \"Ben B.\"\npath = \"ben\"\nprofile = \"ben.toml\"\n\
             [[athlete]]\nname = \"Ana\"\npath = \"ana\"\n",
        )
        .expect("write");
        let s = list(d).expect("listed");
        assert_eq!(s.athletes.len(), 2);
        assert_eq!(s.athletes[0].name, "Ben B.");
        assert_eq!(s.athletes[0].profile, Some(d.join("ben.toml")));
        assert_eq!(
            s.athletes[1].profile,
            Some(d.join("ana").join(PROFILE_TOML))
        );
    }

    #[test]
    fn a_bad_team_file_and_an_empty_folder_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = list(dir.path()).expect_err("empty");
        assert!(e.to_string().contains("no athletes"), "{e}");
        std::fs::write(dir.path().join(TEAM_TOML), "[[athlete]]\nname = 3\n").expect("write");
        let e = list(dir.path()).expect_err("bad");
        assert!(e.to_string().contains("team.toml"), "{e}");
    }
}
