//! The delivery-semantics scenarios of lesson 1.5 as command scripts: one stream, one
//! consumer application per commit strategy, a crash at a named point of the second
//! batch, a replacement that takes over after `session.timeout.ms`, and the outcome
//! ledger the engine computes (`Cluster::ledger`). `kafka-sim eval` runs them by name.

use crate::app::Ledger;
use crate::cluster::Cluster;
use crate::error::{ErrorKind, KafkaError};

/// How the application orders poll, processing and commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitStrategy {
    /// `enable.auto.commit=true`: each poll commits what earlier polls returned, once
    /// `auto.commit.interval.ms` (5000) has passed (`ConsumerCoordinator#poll`).
    AutoCommit,
    /// Commit, then process: at-most-once.
    CommitBeforeProcessing,
    /// Process, then commit: at-least-once.
    CommitAfterProcessing,
    /// Process, then commit, with a unique idempotency key in the database: a repeat is
    /// turned away, so each effect lands once.
    IdempotentConsumer,
    /// Kafka's exactly-once: each batch's results go to an output topic and its offsets
    /// to the group in one transaction (consume-transform-produce, as Kafka Streams
    /// does it); a read_committed reader of the output sees each result once.
    Transactional,
}

impl CommitStrategy {
    /// Every strategy, in the order the lesson shows them.
    pub const ALL: [Self; 5] = [
        Self::AutoCommit,
        Self::CommitBeforeProcessing,
        Self::CommitAfterProcessing,
        Self::IdempotentConsumer,
        Self::Transactional,
    ];

    /// The name `kafka-sim eval` and lessons use.
    pub fn name(self) -> &'static str {
        match self {
            Self::AutoCommit => "auto-commit",
            Self::CommitBeforeProcessing => "commit-before",
            Self::CommitAfterProcessing => "commit-after",
            Self::IdempotentConsumer => "idempotent-consumer",
            Self::Transactional => "transactional",
        }
    }

    /// The strategy with this name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Where in the second batch the first consumer's process dies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    /// No crash.
    None,
    /// Right after `poll()` returned the batch.
    AfterPoll,
    /// After processing the first record of the batch.
    MidBatch,
    /// After processing the whole batch, before committing it.
    AfterProcessing,
    /// Right after the batch's offsets were committed.
    AfterCommit,
}

impl CrashPoint {
    /// Every crash point, in the order of a batch's life.
    pub const ALL: [Self; 5] = [
        Self::None,
        Self::AfterPoll,
        Self::MidBatch,
        Self::AfterProcessing,
        Self::AfterCommit,
    ];

    /// The name `kafka-sim eval` and lessons use.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::AfterPoll => "after-poll",
            Self::MidBatch => "mid-batch",
            Self::AfterProcessing => "after-processing",
            Self::AfterCommit => "after-commit",
        }
    }

    /// The crash point with this name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Records in the stream and per poll (`max.poll.records`).
const RECORDS: u32 = 6;
const BATCH: u32 = 3;

/// One step of a consumer's loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Poll,
    Process,
    ProcessOne,
    Commit,
    /// `beginTransaction()`.
    Begin,
}

/// The output topic of the transactional application.
pub const OUTPUT_TOPIC: &str = "ledger";
/// Its `transactional.id`.
pub const TRANSACTIONAL_ID: &str = "payments-app";

/// The command script of one run: the stream, the first consumer's two batches with the
/// crash, and a replacement that reads on from the committed offsets.
pub fn script(strategy: CommitStrategy, crash: CrashPoint) -> String {
    use CommitStrategy as S;
    let group = strategy.name();
    let auto = strategy == S::AutoCommit;
    let txn = strategy == S::Transactional;
    let mut s = String::from("create-topic payments partitions=1\n");
    if txn {
        s += &format!("create-topic {OUTPUT_TOPIC} partitions=1\n");
    }
    for i in 1..=RECORDS {
        s += &format!("produce payments key=acct-1 value=balance+=100 header.payment=p{i}\n");
    }
    // The application's producer: a new instance per process, fencing the last.
    let producer = format!("set-producer transactional.id={TRANSACTIONAL_ID}\ninit-transactions\n");
    if txn {
        s += &producer;
    }
    let isolation = if txn {
        " isolation.level=read_committed"
    } else {
        ""
    };
    let consumer = |name: &str| {
        format!(
            "create-consumer {name} group={group} auto.offset.reset=earliest enable.auto.commit={auto} max.poll.records={BATCH}{isolation}\nsubscribe {name} topics=payments\n"
        )
    };
    // The loop body in the strategy's order; auto-commit's commit is the next poll.
    let body: &[Step] = match strategy {
        S::AutoCommit => &[Step::Poll, Step::Process],
        S::CommitBeforeProcessing => &[Step::Poll, Step::Commit, Step::Process],
        S::CommitAfterProcessing | S::IdempotentConsumer => {
            &[Step::Poll, Step::Process, Step::Commit]
        }
        S::Transactional => &[Step::Poll, Step::Begin, Step::Process, Step::Commit],
    };
    let unique = match strategy {
        S::IdempotentConsumer => " unique-key=true".to_string(),
        S::Transactional => format!(" output={OUTPUT_TOPIC}"),
        _ => String::new(),
    };
    let line = |step: Step, name: &str| match step {
        Step::Poll => format!("poll {name}\n"),
        Step::Begin => "begin-transaction\n".to_string(),
        Step::Process => format!("process {name}{unique}\n"),
        Step::ProcessOne => format!("process {name} count=1{unique}\n"),
        // The offsets go with the transaction, which commits them.
        Step::Commit if txn => {
            format!("send-offsets-to-transaction {name}\ncommit-transaction\n")
        }
        Step::Commit => format!("commit {name}\n"),
    };
    s += &consumer("c1");
    // First batch, whole; auto-commit's interval passes before the next poll.
    for &step in body {
        s += &line(step, "c1");
    }
    if auto {
        s += "tick 5s\n";
    }
    // Second batch, up to the crash.
    let mut crashed = false;
    for &step in body {
        if step == Step::Process && crash == CrashPoint::MidBatch {
            s += &line(Step::ProcessOne, "c1");
            crashed = true;
            break;
        }
        s += &line(step, "c1");
        let here = match step {
            Step::Poll => crash == CrashPoint::AfterPoll,
            Step::Process => crash == CrashPoint::AfterProcessing,
            Step::Commit => crash == CrashPoint::AfterCommit,
            Step::ProcessOne | Step::Begin => false,
        };
        if here {
            crashed = true;
            break;
        }
    }
    if !crashed && auto {
        // Auto-commit commits the second batch on the poll after it.
        s += "tick 5s\npoll c1\n";
        if crash == CrashPoint::AfterCommit {
            crashed = true;
        }
    }
    if crashed || crash != CrashPoint::None {
        s += "crash-consumer c1\ntick 45s\n";
        if txn {
            // The process died with its producer: the new instance's initTransactions
            // aborts the transaction it left open.
            s += &producer;
        }
    } else {
        s += "close c1\n";
    }
    // The replacement reads on from the group's committed offsets, to the end.
    s += &consumer("c2");
    for _ in 0..2 {
        for &step in body {
            s += &line(step, "c2");
        }
        if auto {
            s += "tick 5s\n";
        }
    }
    s += "close c2\n";
    s
}

/// Runs a scenario and returns its ledger.
pub fn run(strategy: CommitStrategy, crash: CrashPoint) -> Result<Ledger, KafkaError> {
    let mut cluster = Cluster::default();
    cluster
        .apply_script(&script(strategy, crash))
        .map_err(|(line, e)| {
            KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("scenario line {line}: {e}"),
            )
        })?;
    Ok(cluster.ledger(strategy.name()))
}
