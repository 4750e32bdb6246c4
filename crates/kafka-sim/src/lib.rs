//! # kafka-sim: a pure, deterministic simulation of Apache Kafka
//!
//! ```text
//!   Command (text or value) ──► Cluster::apply ──► Vec<Event>   (or a KafkaError; state unchanged)
//!                                   │
//!                                   └──► queries: topics, partition logs, render()
//! ```
//!
//! No clock, no unseeded randomness, no IO, no web types: the same commands always give
//! the same events, so a [`Timeline`] can undo, replay and share any moment.
//!
//! ```
//! use kafka_sim::{Cluster, Command, Event};
//! let mut cluster = Cluster::default();
//! cluster.apply(&"create-topic user-events partitions=3".parse().unwrap()).unwrap();
//! let events = cluster.apply(&"produce user-events key=user-1 value=login".parse().unwrap()).unwrap();
//! assert!(matches!(events.last(), Some(Event::RecordAppended { partition: 2, offset: 0, .. })));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod admin;
pub mod app;
pub mod assignor;
pub mod bench;
pub mod broker;
pub mod cli;
pub mod client_code;
pub mod client_config_names;
pub mod client_partitioner;
pub mod cluster;
pub mod collections;
pub mod command;
pub mod consumer;
pub mod controller;
pub mod crc32;
pub mod error;
pub mod error_handler;
pub mod eval;
pub mod event;
pub mod fnv1a;
pub mod group;
pub mod log_cleaner;
pub mod log_retention;
pub mod metadata_log;
pub mod murmur2;
pub mod murmur2_kafkajs_legacy;
pub mod network;
pub mod observe;
pub mod partition;
pub mod partition_change;
pub mod partition_log;
pub mod partitioner;
pub mod producer;
pub mod producer_state;
pub mod record;
mod render;
pub mod replica_manager;
pub mod rng;
pub mod scenario;
pub mod script;
pub mod sort;
pub mod timeline;
pub mod topic_config;
pub mod topic_name;
pub mod transaction;
pub mod transcript;

/// The Apache Kafka version the engine models: `KAFKA_VERSION` at the repository root,
/// the one place it is written (the cross-check's Maven build reads the same file).
pub fn kafka_version() -> &'static str {
    include_str!("../../../KAFKA_VERSION").trim()
}

/// The version of what a command log means: the command grammar, the tools' options and
/// the engine's rules a replay depends on. A share link or a session file carries it, and
/// it goes up when an old log would replay to a different state, so an old link says it
/// is old instead of quietly showing something else.
pub const FORMAT_VERSION: u32 = 1;

pub use cluster::Cluster;
pub use command::{Command, Produce};
pub use error::{ErrorKind, KafkaError};
pub use event::Event;
pub use timeline::Timeline;
