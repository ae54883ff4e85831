//! The address of one numeric input of a scenario, typed. An input path is text such as
//! `issue.china-posture.stance.USA.salience`; [`InputPath::parse`] is the one place that text
//! is taken apart, and [`InputPath`]'s `Display` writes it back the same way.
//!
//! Paths:
//!
//! | path | value |
//! |---|---|
//! | `actor.ID.capability`, `actor.ID.population` | an actor's capability / population |
//! | `actor.BODY.veto_cost` | a body's cost of blocking, for every stance on its issues |
//! | `issue.ID.status_quo` | an issue's status quo |
//! | `issue.ID.stance.ACTOR.position` (`.salience`, `.capability`, `.veto_cost`) | a stance |
//! | `tie.A.B.weight` | the first tie between A and B (either order) |
//! | `tie.A.B.N.weight` | the N-th tie between A and B in file order (N ≥ 2) |
//! | `escalate.noise` (and every numeric `[escalate]` key) | an escalate parameter |
//! | `escalate.influence.FROM.TO.weight`, `escalate.trade.FROM.TO.share` | directed links |
//! | `richardson.rival_reaction` (`.ally_reaction`, `.fatigue`) | Richardson rates |
//!
//! Ids are written as they are; an id that itself contains a `.` cannot be told apart from the
//! parts around it, so such an input has no text path that parses back to it: a sweep, lever or
//! override cannot name it. The Monte Carlo draws it all the same, through the typed address
//! each `Input` carries.

use crate::scenario::{EscalateParam, Tie};
use std::fmt;
use std::str::FromStr;

/// Why a path cannot be used. Both kinds read "`PATH` does not address an input of this
/// scenario".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The text is not an input path of any scenario.
    Malformed(String),
    /// The path is well formed, but this scenario has no such actor, issue, stance, tie, link
    /// or section.
    NotInScenario(String),
}

impl PathError {
    /// The path the error is about.
    pub fn path(&self) -> &str {
        match self {
            PathError::Malformed(p) | PathError::NotInScenario(p) => p,
        }
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` does not address an input of this scenario",
            self.path()
        )
    }
}

impl std::error::Error for PathError {}

macro_rules! keyed {
    ($(#[doc = $doc:literal])* $name:ident { $( $(#[doc = $vdoc:literal])* $variant:ident => $key:literal, )* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
        }

        impl $name {
            /// Every one, in the order the help lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The last part of the path.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }

            /// The one whose key is `key`.
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|f| f.key() == key)
            }
        }
    };
}

keyed! {
    /// A number of an actor.
    ActorField {
        /// `capability` (declared, or from the world data).
        Capability => "capability",
        /// `population`, millions.
        Population => "population",
        /// `veto_cost` of a body: every stance on its issues without a cost of its own.
        VetoCost => "veto_cost",
    }
}

keyed! {
    /// A number of a stance.
    StanceField {
        /// `position` on the issue's scale.
        Position => "position",
        /// `salience` in [0, 1].
        Salience => "salience",
        /// `capability` on this issue.
        Capability => "capability",
        /// `veto_cost`, the cost of blocking.
        VetoCost => "veto_cost",
    }
}

keyed! {
    /// A rate of `[richardson]`.
    RichardsonParam {
        /// `rival_reaction`.
        RivalReaction => "rival_reaction",
        /// `ally_reaction`.
        AllyReaction => "ally_reaction",
        /// `fatigue`.
        Fatigue => "fatigue",
    }
}

/// The lens section an input belongs to, for deciding which metrics read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// `actor.…`.
    Actor,
    /// `issue.…`.
    Issue,
    /// `tie.…`.
    Tie,
    /// `escalate.…`.
    Escalate,
    /// `richardson.…`.
    Richardson,
}

/// One addressable numeric input (see the module table).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InputPath {
    /// `actor.ID.FIELD`.
    Actor {
        /// Actor id (a body's for `veto_cost`).
        actor: String,
        /// Which number.
        field: ActorField,
    },
    /// `issue.ID.status_quo`.
    StatusQuo {
        /// Issue id.
        issue: String,
    },
    /// `issue.ID.stance.ACTOR.FIELD`.
    Stance {
        /// Issue id.
        issue: String,
        /// Actor id of the stance.
        actor: String,
        /// Which number.
        field: StanceField,
    },
    /// `tie.A.B.weight` (`nth` = 1) or `tie.A.B.N.weight` (`nth` = N ≥ 2).
    Tie {
        /// One end, as written in the path.
        a: String,
        /// The other end.
        b: String,
        /// Which tie of the pair, 1-based in file order.
        nth: usize,
    },
    /// `escalate.KEY`.
    Escalate(EscalateParam),
    /// `escalate.influence.FROM.TO.weight`.
    Influence {
        /// Influencing actor.
        from: String,
        /// Influenced actor.
        to: String,
    },
    /// `escalate.trade.FROM.TO.share`.
    Trade {
        /// Exporting actor.
        from: String,
        /// Partner.
        to: String,
    },
    /// `richardson.KEY`.
    Richardson(RichardsonParam),
}

impl InputPath {
    /// Parse a path. Any text may be given; what is not a path of the forms in the module table
    /// is [`PathError::Malformed`].
    pub fn parse(path: &str) -> Result<InputPath, PathError> {
        let parts: Vec<&str> = path.split('.').collect();
        let s = |x: &&str| x.to_string();
        let parsed = match parts.as_slice() {
            ["actor", actor, field] => ActorField::from_key(field).map(|field| InputPath::Actor {
                actor: s(actor),
                field,
            }),
            ["issue", issue, "status_quo"] => Some(InputPath::StatusQuo { issue: s(issue) }),
            ["issue", issue, "stance", actor, field] => {
                StanceField::from_key(field).map(|field| InputPath::Stance {
                    issue: s(issue),
                    actor: s(actor),
                    field,
                })
            }
            ["tie", a, b, "weight"] => Some(InputPath::Tie {
                a: s(a),
                b: s(b),
                nth: 1,
            }),
            ["tie", a, b, n, "weight"] => ordinal(n).map(|nth| InputPath::Tie {
                a: s(a),
                b: s(b),
                nth,
            }),
            ["escalate", "influence", from, to, "weight"] => Some(InputPath::Influence {
                from: s(from),
                to: s(to),
            }),
            ["escalate", "trade", from, to, "share"] => Some(InputPath::Trade {
                from: s(from),
                to: s(to),
            }),
            ["escalate", key] => EscalateParam::from_key(key).map(InputPath::Escalate),
            ["richardson", key] => RichardsonParam::from_key(key).map(InputPath::Richardson),
            _ => None,
        };
        parsed.ok_or_else(|| PathError::Malformed(path.to_string()))
    }

    /// The section of the file the input lives in.
    pub fn section(&self) -> Section {
        match self {
            InputPath::Actor { .. } => Section::Actor,
            InputPath::StatusQuo { .. } | InputPath::Stance { .. } => Section::Issue,
            InputPath::Tie { .. } => Section::Tie,
            InputPath::Escalate(_) | InputPath::Influence { .. } | InputPath::Trade { .. } => {
                Section::Escalate
            }
            InputPath::Richardson(_) => Section::Richardson,
        }
    }

    /// The issue an `issue.…` path addresses.
    pub fn issue(&self) -> Option<&str> {
        match self {
            InputPath::StatusQuo { issue } | InputPath::Stance { issue, .. } => Some(issue),
            _ => None,
        }
    }

    /// The actor an `actor.…` path or a stance addresses.
    pub fn actor(&self) -> Option<&str> {
        match self {
            InputPath::Actor { actor, .. } | InputPath::Stance { actor, .. } => Some(actor),
            _ => None,
        }
    }

    /// The index in `ties` of the tie a `tie.…` path addresses (`None` for other paths, or
    /// when the scenario has no such tie).
    pub fn tie_index(&self, ties: &[Tie]) -> Option<usize> {
        let InputPath::Tie { a, b, nth } = self else {
            return None;
        };
        ties.iter()
            .enumerate()
            .filter(|(_, t)| joins(t, a, b))
            .nth(nth - 1)
            .map(|(k, _)| k)
    }

    /// The path of tie `ties[k]`: `tie.A.B.weight` for the first tie between its actors,
    /// `tie.A.B.N.weight` for the N-th in file order, so that every tie of a pair has a path of
    /// its own.
    pub fn of_tie(ties: &[Tie], k: usize) -> InputPath {
        let t = &ties[k];
        let [a, b] = &t.actors;
        let earlier = ties[..k].iter().filter(|u| joins(u, a, b)).count();
        InputPath::Tie {
            a: a.clone(),
            b: b.clone(),
            nth: earlier + 1,
        }
    }

    /// The forms of every path, for help and error messages
    /// (`issue.ID.stance.ACTOR.position (.salience, .capability, .veto_cost)`, …).
    pub fn forms() -> Vec<String> {
        fn alternatives<T: Copy>(all: &[T], key: impl Fn(T) -> &'static str) -> String {
            let rest: Vec<String> = all[1..].iter().map(|&x| format!(".{}", key(x))).collect();
            format!("{} ({})", key(all[0]), rest.join(", "))
        }
        let mut out: Vec<String> = ActorField::ALL
            .iter()
            .map(|f| match f {
                ActorField::VetoCost => format!("actor.BODY.{}", f.key()),
                _ => format!("actor.ID.{}", f.key()),
            })
            .collect();
        out.push("issue.ID.status_quo".into());
        out.push(format!(
            "issue.ID.stance.ACTOR.{}",
            alternatives(StanceField::ALL, StanceField::key)
        ));
        out.push("tie.A.B.weight".into());
        out.push("tie.A.B.N.weight".into());
        let params: Vec<&str> = EscalateParam::ALL.iter().map(|p| p.key()).collect();
        out.push(format!("escalate.PARAM ({})", params.join(", ")));
        out.push("escalate.influence.FROM.TO.weight".into());
        out.push("escalate.trade.FROM.TO.share".into());
        out.push(format!(
            "richardson.{}",
            alternatives(RichardsonParam::ALL, RichardsonParam::key)
        ));
        out
    }
}

impl FromStr for InputPath {
    type Err = PathError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InputPath::parse(s)
    }
}

impl fmt::Display for InputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputPath::Actor { actor, field } => write!(f, "actor.{actor}.{}", field.key()),
            InputPath::StatusQuo { issue } => write!(f, "issue.{issue}.status_quo"),
            InputPath::Stance {
                issue,
                actor,
                field,
            } => write!(f, "issue.{issue}.stance.{actor}.{}", field.key()),
            InputPath::Tie { a, b, nth: 1 } => write!(f, "tie.{a}.{b}.weight"),
            InputPath::Tie { a, b, nth } => write!(f, "tie.{a}.{b}.{nth}.weight"),
            InputPath::Escalate(p) => write!(f, "escalate.{}", p.key()),
            InputPath::Influence { from, to } => write!(f, "escalate.influence.{from}.{to}.weight"),
            InputPath::Trade { from, to } => write!(f, "escalate.trade.{from}.{to}.share"),
            InputPath::Richardson(p) => write!(f, "richardson.{}", p.key()),
        }
    }
}

impl serde::Serialize for InputPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Whether tie `t` joins actors `a` and `b` (either order).
pub(crate) fn joins(t: &Tie, a: &str, b: &str) -> bool {
    (t.actors[0] == a && t.actors[1] == b) || (t.actors[0] == b && t.actors[1] == a)
}

/// The N of a `tie.A.B.N.weight` path: an integer of at least 2 (the first tie is
/// `tie.A.B.weight`).
fn ordinal(n: &str) -> Option<usize> {
    n.parse::<usize>().ok().filter(|&n| n >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_print_back() {
        for text in [
            "actor.USA.capability",
            "actor.USA.population",
            "actor.NATO.veto_cost",
            "issue.china-posture.status_quo",
            "issue.china-posture.stance.USA.salience",
            "issue.i.stance.CHN.veto_cost",
            "tie.USA.AUS.weight",
            "tie.USA.AUS.3.weight",
            "escalate.noise",
            "escalate.leadership_change",
            "escalate.influence.USA.GBR.weight",
            "escalate.trade.CHN.AUS.share",
            "richardson.fatigue",
        ] {
            let p = InputPath::parse(text).unwrap();
            assert_eq!(p.to_string(), text);
            assert_eq!(text.parse::<InputPath>(), Ok(p));
        }
        assert_eq!(
            InputPath::parse("issue.x.stance.USA.salience")
                .unwrap()
                .issue(),
            Some("x")
        );
    }

    #[test]
    fn malformed_paths_keep_the_message() {
        for bad in [
            "",
            "actor",
            "actor.USA",
            "actor.USA.name",
            "issue.i.stance.USA.weight",
            "tie.USA.AUS.1.weight",
            "tie.USA.AUS.x.weight",
            "tie.USA.AUS.share",
            "escalate.bogus",
            "escalate.influence",
            "escalate.policy",
            "richardson.speed",
            "nothing.here",
        ] {
            let e = InputPath::parse(bad).unwrap_err();
            assert_eq!(e, PathError::Malformed(bad.into()));
            assert_eq!(
                e.to_string(),
                format!("`{bad}` does not address an input of this scenario")
            );
        }
    }

    #[test]
    fn forms_name_every_key() {
        let forms = InputPath::forms().join(", ");
        for p in EscalateParam::ALL {
            assert!(forms.contains(p.key()), "{p}");
        }
        for f in StanceField::ALL {
            assert!(forms.contains(f.key()), "{f:?}");
        }
        assert!(forms.contains("richardson.rival_reaction (.ally_reaction, .fatigue)"));
    }
}
