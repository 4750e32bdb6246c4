//! What a lesson teaches, as the tracker seed lists it: objectives, key learnings ticked
//! by what the learner did (a step seen, a challenge solved, the quiz answered), and
//! interview questions with a model answer, unlocked by the lesson.

use crate::json::{Error, Fields, Json};

/// A key learning and what ticks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learning {
    /// The learning, in a few words.
    pub says: String,
    /// What the learner must have done.
    pub after: Evidence,
}

/// Something a learner did, as progress records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Saw this step (0-based; `"step 3"` in the file is 1-based).
    Step(usize),
    /// Solved this challenge (0-based; `"challenge 1"` in the file).
    Challenge(usize),
    /// Answered every quiz question right (`"quiz"`).
    Quiz,
}

impl std::str::FromStr for Evidence {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let n = |n: &str| {
            n.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .map(|n| n - 1)
                .ok_or_else(|| format!("`{s}`: {n} is not a number from 1"))
        };
        match s.split_once(' ') {
            None if s == "quiz" => Ok(Evidence::Quiz),
            Some(("step", i)) => Ok(Evidence::Step(n(i)?)),
            Some(("challenge", i)) => Ok(Evidence::Challenge(n(i)?)),
            _ => Err(format!("`{s}`: expected `step N`, `challenge N` or `quiz`")),
        }
    }
}

/// An interview question and the answer it is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    /// The question.
    pub question: String,
    /// A model answer (rich text).
    pub answer: String,
}

impl Learning {
    pub(crate) fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["says", "after"]);
        let (mut says, mut after) = (String::new(), Evidence::Quiz);
        j.object("Learning", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1]);
            };
            match f.key(j, key, true)? {
                Some(0) => says = j.string()?,
                _ => after = j.string()?.parse().map_err(Error::custom)?,
            }
            Ok(())
        })?;
        Ok(Learning { says, after })
    }
}

impl Interview {
    pub(crate) fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["question", "answer"]);
        let (mut question, mut answer) = (String::new(), String::new());
        j.object("Interview", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1]);
            };
            match f.key(j, key, true)? {
                Some(0) => question = j.string()?,
                _ => answer = j.string()?,
            }
            Ok(())
        })?;
        Ok(Interview { question, answer })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{catalog, lesson};

    #[test]
    fn evidence_reads_one_based_and_refuses_the_rest() {
        assert_eq!("step 3".parse(), Ok(Evidence::Step(2)));
        assert_eq!("challenge 1".parse(), Ok(Evidence::Challenge(0)));
        assert_eq!("quiz".parse(), Ok(Evidence::Quiz));
        assert!("step 0".parse::<Evidence>().is_err());
        assert!("seen 2".parse::<Evidence>().is_err());
    }

    /// Every learning names a step, challenge or quiz its lesson has.
    #[test]
    fn every_learning_points_at_something_the_lesson_has() {
        for module in catalog().modules {
            for entry in module.lessons.iter().filter(|l| l.ready) {
                let l = lesson(&entry.id).unwrap();
                for learning in &l.learnings {
                    let ok = match learning.after {
                        Evidence::Step(i) => i < l.steps.len(),
                        Evidence::Challenge(i) => i < l.challenges.len(),
                        Evidence::Quiz => !l.quiz.is_empty(),
                    };
                    assert!(ok, "lesson {}: `{}` points at nothing", l.id, learning.says);
                }
            }
        }
    }
}
