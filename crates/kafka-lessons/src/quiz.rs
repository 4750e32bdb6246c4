//! A lesson's quiz: questions with options, and questions whose answer the engine
//! computes ("which partition does key X go to with 7 partitions?", "what is the lag
//! after step 5?"), so the answer is Kafka's and never typed by hand.
//!
//! ```json
//! "quiz": [
//!   {"ask": "partition key=order-100 partitions=7"},
//!   {"ask": "lag group=billing step=6"},
//!   {"ask": "next-offset topic=orders partition=2 step=3"},
//!   {"question": "...", "options": ["...", "..."], "answer": 1, "explain": "..."}
//! ]
//! ```

use std::str::FromStr;

use kafka_sim::partitioner::{hash_key, HashAlgorithm, KeyHash};

use crate::args::Args;
use crate::json::{Error, Fields, Json};
use crate::LessonRun;

/// One question of a quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Pick one of `options`.
    Choice {
        /// The question.
        question: String,
        /// The options, in order.
        options: Vec<String>,
        /// The right option, 0-based.
        answer: usize,
        /// Why it is right.
        explain: String,
    },
    /// A number the engine computes.
    Computed(Ask),
}

/// A question the engine answers, in the one-line grammar of [`crate::args`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// `partition key=K partitions=N`: where the Java client's default partitioner
    /// (murmur2, `Utils.toPositive(murmur2(key)) % numPartitions`) sends key K.
    Partition {
        /// The key.
        key: String,
        /// The partition count.
        partitions: u32,
    },
    /// `lag group=G step=S`: the group's total LAG after step S (1-based), as
    /// `kafka-consumer-groups --describe` sums it.
    Lag {
        /// Group id.
        group: String,
        /// 1-based step of the lesson.
        step: usize,
    },
    /// `next-offset topic=T partition=P step=S`: the offset the next record appended to
    /// the partition gets after step S: its log end offset.
    NextOffset {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// 1-based step of the lesson.
        step: usize,
    },
}

/// A computed question's answer, with what the view explains it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The partition, with the steps of the hash.
    Partition(KeyHash),
    /// A number read from the lesson's cluster.
    Number(i64),
}

impl Answer {
    /// The number the learner must give.
    pub fn value(&self) -> i64 {
        match self {
            Answer::Partition(h) => i64::from(h.partition),
            Answer::Number(n) => *n,
        }
    }
}

impl Ask {
    /// The engine's answer, on the lesson's own run for the questions about a step.
    pub fn answer(&self, run: &LessonRun) -> Result<Answer, String> {
        let cluster_after = |step: usize| {
            if step == 0 || step > run.steps.len() {
                Err(format!("there is no step {step}"))
            } else {
                Ok(run.cluster(step - 1))
            }
        };
        match self {
            Ask::Partition { key, partitions } => {
                if *partitions == 0 {
                    return Err("partitions must be at least 1".into());
                }
                Ok(Answer::Partition(hash_key(
                    HashAlgorithm::Murmur2,
                    key.as_bytes(),
                    *partitions,
                )))
            }
            Ask::Lag { group, step } => {
                let cluster = cluster_after(*step)?;
                let g = cluster
                    .group(group)
                    .ok_or_else(|| format!("group {group} does not exist after step {step}"))?;
                Ok(Answer::Number(g.total_lag(&cluster)))
            }
            Ask::NextOffset {
                topic,
                partition,
                step,
            } => {
                let cluster = cluster_after(*step)?;
                let log = cluster.log(topic, *partition).ok_or_else(|| {
                    format!("{topic}-{partition} does not exist after step {step}")
                })?;
                Ok(Answer::Number(log.log_end_offset()))
            }
        }
    }
}

impl FromStr for Ask {
    type Err = String;

    fn from_str(line: &str) -> Result<Self, String> {
        let mut a = Args::parse(line)?;
        let ask = match a.name {
            "partition" => Ask::Partition {
                key: a.req("key")?,
                partitions: a.req("partitions")?,
            },
            "lag" => Ask::Lag {
                group: a.req("group")?,
                step: a.req("step")?,
            },
            "next-offset" => Ask::NextOffset {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                step: a.req("step")?,
            },
            _ => return Err(a.unknown("question")),
        };
        a.done(ask)
    }
}

impl Question {
    pub(crate) fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["ask", "question", "options", "answer", "explain"]);
        let (mut ask, mut question, mut options, mut answer, mut explain) =
            (None, String::new(), Vec::new(), None, String::new());
        j.object("Question", &mut |j, key| {
            let Some(key) = key else {
                return Ok(());
            };
            match f.key(j, key, true)? {
                Some(0) => ask = Some(j.string()?.parse::<Ask>().map_err(Error::custom)?),
                Some(1) => question = j.string()?,
                Some(2) => options = j.strings()?,
                Some(3) => answer = Some(j.u32()? as usize),
                _ => explain = j.string()?,
            }
            Ok(())
        })?;
        match (ask, answer) {
            (Some(ask), None) if question.is_empty() && options.is_empty() => {
                Ok(Question::Computed(ask))
            }
            (None, Some(answer)) if answer < options.len() && options.len() >= 2 => {
                Ok(Question::Choice {
                    question,
                    options,
                    answer,
                    explain,
                })
            }
            (None, Some(answer)) => Err(Error::custom(format!(
                "answer {answer} is not one of the {} options",
                options.len()
            ))),
            _ => Err(Error::custom(
                "a question is either `ask` or `question`, `options` and `answer`",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{catalog, lesson};

    #[test]
    fn the_partition_question_is_answered_by_murmur2() {
        // user-1 lands on partition 2 of 3 (the doc test of hash_key).
        let ask: Ask = "partition key=user-1 partitions=3".parse().unwrap();
        let run = LessonRun::new(lesson("1.1").unwrap()).unwrap();
        assert_eq!(ask.answer(&run).unwrap().value(), 2);
        assert!("partition key=a"
            .parse::<Ask>()
            .unwrap_err()
            .contains("partitions="));
        assert!("guess x=1"
            .parse::<Ask>()
            .unwrap_err()
            .contains("unknown question"));
    }

    /// Every computed question of every lesson has an answer on its lesson's run.
    #[test]
    fn every_quiz_question_has_an_answer() {
        let mut seen = 0;
        for module in catalog().modules {
            for entry in module.lessons.iter().filter(|l| l.ready) {
                let lesson = lesson(&entry.id).unwrap();
                let quiz = lesson.quiz.clone();
                let run = LessonRun::new(lesson).unwrap();
                for q in &quiz {
                    if let Question::Computed(ask) = q {
                        ask.answer(&run)
                            .unwrap_or_else(|e| panic!("lesson {}: {ask:?}: {e}", entry.id));
                    }
                    seen += 1;
                }
            }
        }
        assert!(seen >= 1);
    }
}
