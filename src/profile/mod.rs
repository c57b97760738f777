//! The runner and the rule set: every threshold a verdict uses, declared once in the rule table
//! ([`RULES`]), with where each value came from (flag, profile file, inferred from history,
//! default), so that any verdict can be reproduced.

mod file;
mod rules;
mod runner;
mod sourced;

pub use file::{
    check_hr, check_time_zone, parse_pace, resolve, FromFile, ProfileError, ProfileFile, RuleValue,
    ValueError, RUNNER_KEYS,
};
pub use rules::{
    key_list, markdown, nearest, LoadRules, RuleDef, RuleError, RuleSet, SessionRules, Unit, RULES,
};
pub use runner::{
    easy_ceiling, hard_threshold, tanaka_max_hr, CeilingRung, EasyCeiling, HardRung, HardThreshold,
    Profile, Runner, ONE_MIN_PER_MILE_S_PER_KM,
};
pub use sourced::{Source, Sourced};
