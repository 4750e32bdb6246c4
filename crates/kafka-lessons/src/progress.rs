//! What a learner did, as the browser keeps it (localStorage) and as a progress file
//! exports it: per lesson, the steps seen, the challenges solved (with the fewest lines
//! typed), the quiz questions answered right and the interview answers written. The
//! format is versioned: stored data of another version, or damaged, is reported and
//! replaced, never half-read.
//!
//! ```json
//! {"version":1,"lessons":{"1.2":{"seen":[0,1,2],"solved":{"0":3},"quiz":[1],"answers":{"0":"..."}}}}
//! ```

use crate::json::{self, Error, Fields, Json};
use crate::lesson::Lesson;
use crate::tracker::Evidence;

/// The version this build writes and reads.
pub const VERSION: u32 = 1;

/// Everything recorded, by lesson id in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Lesson id and what was done there, sorted by id.
    pub lessons: Vec<(String, LessonProgress)>,
}

/// What was done in one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// Steps seen, 0-based, sorted.
    pub seen: Vec<usize>,
    /// Challenges solved (0-based) and the fewest lines typed to solve each, sorted.
    pub solved: Vec<(usize, usize)>,
    /// Quiz questions answered right, 0-based, sorted.
    pub quiz: Vec<usize>,
    /// Interview answers written, by question (0-based), sorted.
    pub answers: Vec<(usize, String)>,
}

/// Why stored progress could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not progress of this app: the parser's message.
    Damaged(String),
    /// Written by another version of the format.
    OtherVersion(u32),
}

/// A lesson's state on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing seen yet.
    NotStarted,
    /// Something done, something left.
    InProgress,
    /// Every step seen, every challenge solved, every quiz question answered right.
    Complete,
}

/// A lesson's progress, summed up for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The state.
    pub status: Status,
    /// Things done: steps seen, challenges solved, quiz questions right.
    pub done: usize,
    /// Things there are to do.
    pub total: usize,
    /// Whether each of the lesson's key learnings is ticked, in order.
    pub learnings: Vec<bool>,
}

impl Summary {
    /// `done` out of `total`, as a whole percentage rounded down.
    pub fn percent(&self) -> usize {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

fn insert_sorted(v: &mut Vec<usize>, x: usize) -> bool {
    match v.binary_search(&x) {
        Ok(_) => false,
        Err(at) => {
            v.insert(at, x);
            true
        }
    }
}

impl LessonProgress {
    /// Whether the learner did `e`, in a lesson with `questions` quiz questions.
    pub fn did(&self, e: Evidence, questions: usize) -> bool {
        match e {
            Evidence::Step(i) => self.seen.binary_search(&i).is_ok(),
            Evidence::Challenge(i) => self.solved.iter().any(|(c, _)| *c == i),
            Evidence::Quiz => questions > 0 && (0..questions).all(|q| self.quiz.contains(&q)),
        }
    }

    /// The fewest lines typed to solve challenge `i`, if solved.
    pub fn best(&self, i: usize) -> Option<usize> {
        self.solved.iter().find(|(c, _)| *c == i).map(|(_, n)| *n)
    }
}

impl Progress {
    /// The record of lesson `id`, if any.
    pub fn lesson(&self, id: &str) -> Option<&LessonProgress> {
        self.lessons.iter().find(|(l, _)| l == id).map(|(_, p)| p)
    }

    fn lesson_mut(&mut self, id: &str) -> &mut LessonProgress {
        let at = match self.lessons.binary_search_by(|(l, _)| l.as_str().cmp(id)) {
            Ok(at) => at,
            Err(at) => {
                self.lessons
                    .insert(at, (id.to_string(), LessonProgress::default()));
                at
            }
        };
        &mut self.lessons[at].1
    }

    /// Records that step `step` of lesson `id` was seen. `false` when it already was.
    pub fn see(&mut self, id: &str, step: usize) -> bool {
        insert_sorted(&mut self.lesson_mut(id).seen, step)
    }

    /// Records challenge `i` of lesson `id` solved in `lines` lines, keeping the best.
    pub fn solve(&mut self, id: &str, i: usize, lines: usize) {
        let l = self.lesson_mut(id);
        match l.solved.iter_mut().find(|(c, _)| *c == i) {
            Some((_, best)) => *best = (*best).min(lines),
            None => {
                l.solved.push((i, lines));
                l.solved.sort();
            }
        }
    }

    /// Records quiz question `q` of lesson `id` answered right.
    pub fn answer_right(&mut self, id: &str, q: usize) {
        insert_sorted(&mut self.lesson_mut(id).quiz, q);
    }

    /// Keeps the learner's own answer to interview question `q` of lesson `id`.
    pub fn write_answer(&mut self, id: &str, q: usize, text: &str) {
        let l = self.lesson_mut(id);
        l.answers.retain(|(i, _)| *i != q);
        if !text.trim().is_empty() {
            l.answers.push((q, text.to_string()));
            l.answers.sort();
        }
    }

    /// The lesson's progress summed up.
    pub fn summary(&self, lesson: &Lesson) -> Summary {
        let empty = LessonProgress::default();
        let p = self.lesson(&lesson.id).unwrap_or(&empty);
        let (steps, challenges, questions) = (
            lesson.steps.len(),
            lesson.challenges.len(),
            lesson.quiz.len(),
        );
        let done = p.seen.iter().filter(|s| **s < steps).count()
            + p.solved.iter().filter(|(c, _)| *c < challenges).count()
            + p.quiz.iter().filter(|q| **q < questions).count();
        let total = steps + challenges + questions;
        let status = if done == 0 {
            Status::NotStarted
        } else if done >= total {
            Status::Complete
        } else {
            Status::InProgress
        };
        Summary {
            status,
            done,
            total,
            learnings: lesson
                .learnings
                .iter()
                .map(|l| p.did(l.after, questions))
                .collect(),
        }
    }

    /// Reads stored progress.
    pub fn parse(text: &str) -> Result<Progress, Unreadable> {
        let mut version = None;
        let read = json::parse(text, |j| read_progress(j, &mut version));
        match (read, version) {
            (_, Some(v)) if v != VERSION => Err(Unreadable::OtherVersion(v)),
            (Ok(p), Some(_)) => Ok(p),
            (Ok(_), None) => Err(Unreadable::Damaged("missing field `version`".into())),
            (Err(e), _) => Err(Unreadable::Damaged(e)),
        }
    }

    /// The text [`Progress::parse`] reads.
    pub fn to_json(&self) -> String {
        let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        let lessons: Vec<String> = self
            .lessons
            .iter()
            .map(|(id, p)| {
                let solved: Vec<String> = p
                    .solved
                    .iter()
                    .map(|(c, n)| format!("\"{c}\":{n}"))
                    .collect();
                let answers: Vec<String> = p
                    .answers
                    .iter()
                    .map(|(q, t)| format!("\"{q}\":{}", quote(t)))
                    .collect();
                format!(
                    "{}:{{\"seen\":[{}],\"solved\":{{{}}},\"quiz\":[{}],\"answers\":{{{}}}}}",
                    quote(id),
                    list(&p.seen),
                    solved.join(","),
                    list(&p.quiz),
                    answers.join(",")
                )
            })
            .collect();
        format!(
            "{{\"version\":{VERSION},\"lessons\":{{{}}}}}",
            lessons.join(",")
        )
    }
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn index(key: &str) -> Result<usize, Error> {
    key.parse()
        .map_err(|_| Error::custom(format!("`{key}` is not an index")))
}

fn read_progress(j: &mut Json, version: &mut Option<u32>) -> Result<Progress, Error> {
    let mut f = Fields::new(&["version", "lessons"]);
    let mut progress = Progress::default();
    j.object("Progress", &mut |j, key| {
        let Some(key) = key else {
            return f.require(&[0, 1]);
        };
        match f.key(j, key, true)? {
            Some(0) => {
                let v = j.u32()?;
                *version = Some(v);
                if v != VERSION {
                    return Err(Error::custom(format!("version {v}")));
                }
            }
            _ => j.object("Lessons", &mut |j, id| {
                let Some(id) = id else { return Ok(()) };
                let id = id.to_string();
                j.colon()?;
                let p = read_lesson(j)?;
                *progress.lesson_mut(&id) = p;
                Ok(())
            })?,
        }
        Ok(())
    })?;
    Ok(progress)
}

fn read_lesson(j: &mut Json) -> Result<LessonProgress, Error> {
    let mut f = Fields::new(&["seen", "solved", "quiz", "answers"]);
    let mut p = LessonProgress::default();
    let indexes = |j: &mut Json, into: &mut Vec<usize>| {
        j.array(&mut |j| {
            insert_sorted(into, j.u32()? as usize);
            Ok(())
        })
    };
    j.object("LessonProgress", &mut |j, key| {
        let Some(key) = key else { return Ok(()) };
        match f.key(j, key, true)? {
            Some(0) => indexes(j, &mut p.seen)?,
            Some(1) => j.object("Solved", &mut |j, c| {
                let Some(c) = c else { return Ok(()) };
                let c = index(c)?;
                j.colon()?;
                p.solved.push((c, j.u32()? as usize));
                Ok(())
            })?,
            Some(2) => indexes(j, &mut p.quiz)?,
            _ => j.object("Answers", &mut |j, q| {
                let Some(q) = q else { return Ok(()) };
                let q = index(q)?;
                j.colon()?;
                p.answers.push((q, j.string()?));
                Ok(())
            })?,
        }
        Ok(())
    })?;
    p.solved.sort();
    p.solved.dedup_by_key(|(c, _)| *c);
    p.answers.sort();
    p.answers.dedup_by_key(|(q, _)| *q);
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::lesson;

    #[test]
    fn progress_round_trips_through_its_text() {
        let mut p = Progress::default();
        assert!(p.see("1.2", 3));
        assert!(!p.see("1.2", 3));
        p.see("1.2", 0);
        p.see("1.1", 0);
        p.solve("1.2", 0, 5);
        p.solve("1.2", 0, 3);
        p.solve("1.2", 0, 4);
        p.answer_right("1.2", 1);
        p.write_answer("1.1", 0, "a \"log\"\nwith\toffsets \\ ✓");
        let text = p.to_json();
        assert_eq!(Progress::parse(&text), Ok(p.clone()));
        assert_eq!(p.lesson("1.2").unwrap().best(0), Some(3));
        assert_eq!(p.lessons[0].0, "1.1", "sorted by id");
    }

    #[test]
    fn damaged_or_foreign_data_is_reported_not_read() {
        assert_eq!(
            Progress::parse(r#"{"version":2,"lessons":{}}"#),
            Err(Unreadable::OtherVersion(2))
        );
        assert_eq!(
            Progress::parse(r#"{"lessons":{},"version":7}"#),
            Err(Unreadable::OtherVersion(7))
        );
        for bad in [
            "",
            "{",
            "null",
            r#"{"version":1}"#,
            r#"{"lessons":{}}"#,
            "{\"version\":1,\"lessons\":{\"1.1\":{\"seen\":[\"x\"]}}}",
        ] {
            assert!(
                matches!(Progress::parse(bad), Err(Unreadable::Damaged(_))),
                "{bad:?} read as {:?}",
                Progress::parse(bad)
            );
        }
    }

    #[test]
    fn a_lesson_is_complete_when_every_step_challenge_and_question_is_done() {
        let l = lesson("1.2").unwrap();
        let mut p = Progress::default();
        assert_eq!(p.summary(&l).status, Status::NotStarted);
        p.see("1.2", 0);
        let s = p.summary(&l);
        assert_eq!((s.status, s.done), (Status::InProgress, 1));
        for i in 0..l.steps.len() {
            p.see("1.2", i);
        }
        for i in 0..l.challenges.len() {
            p.solve("1.2", i, 9);
        }
        for q in 0..l.quiz.len() {
            p.answer_right("1.2", q);
        }
        let s = p.summary(&l);
        assert_eq!(s.status, Status::Complete);
        assert_eq!(s.percent(), 100);
        assert!(s.learnings.iter().all(|t| *t), "{:?}", s.learnings);
    }
}
