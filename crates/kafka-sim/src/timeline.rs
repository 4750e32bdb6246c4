//! Time travel: the state is a pure function of the command list, so undo is "replay
//! one command fewer", kept cheap by a snapshot every [`SNAPSHOT_EVERY`] commands.
//!
//! ```
//! use kafka_sim::Timeline;
//! let mut t = Timeline::default();
//! t.push("create-topic orders partitions=3".parse().unwrap()).unwrap();
//! t.push("produce orders key=order-100 value=created".parse().unwrap()).unwrap();
//! t.undo();
//! assert_eq!(t.current().log("orders", 1).unwrap().log_end_offset(), 0);
//! assert_eq!(t.script(), "create-topic orders partitions=3\n");
//! ```

use crate::cluster::Cluster;
use crate::command::Command;
use crate::error::KafkaError;
use crate::event::Event;

/// How many commands lie between snapshots.
pub const SNAPSHOT_EVERY: usize = 64;

/// A command log with snapshots. Only commands that succeeded are recorded.
#[derive(Debug, Clone)]
pub struct Timeline {
    commands: Vec<Command>,
    /// `snapshots[i]` is the state after `i * SNAPSHOT_EVERY` commands.
    snapshots: Vec<Cluster>,
    current: Cluster,
}

impl Default for Timeline {
    fn default() -> Self {
        Self::new(Cluster::default())
    }
}

impl Timeline {
    /// A timeline that starts from `initial`.
    pub fn new(initial: Cluster) -> Self {
        Self {
            commands: Vec::new(),
            snapshots: vec![initial.clone()],
            current: initial,
        }
    }

    /// Applies and records `command`; a rejected command is not recorded.
    pub fn push(&mut self, command: Command) -> Result<Vec<Event>, KafkaError> {
        let events = self.current.apply(&command)?;
        self.commands.push(command);
        if self.commands.len().is_multiple_of(SNAPSHOT_EVERY) {
            self.snapshots.push(self.current.clone());
        }
        Ok(events)
    }

    /// Forgets the last command; false when there is none.
    pub fn undo(&mut self) -> bool {
        if self.commands.is_empty() {
            return false;
        }
        self.truncate(self.commands.len() - 1);
        true
    }

    /// Keeps the first `len` commands.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.commands.len() {
            return;
        }
        self.current = self.state_at(len);
        self.commands.truncate(len);
        self.snapshots.truncate(len / SNAPSHOT_EVERY + 1);
    }

    /// The state after the first `n` commands (clamped to the log's length).
    pub fn state_at(&self, n: usize) -> Cluster {
        let n = n.min(self.commands.len());
        let base = n / SNAPSHOT_EVERY;
        let mut state = self.snapshots[base].clone();
        for command in &self.commands[base * SNAPSHOT_EVERY..n] {
            state
                .apply(command)
                .expect("a recorded command succeeded before, and replay is deterministic");
        }
        state
    }

    /// The state after every command.
    pub fn current(&self) -> &Cluster {
        &self.current
    }

    /// The recorded commands.
    pub fn commands(&self) -> &[Command] {
        &self.commands
    }

    /// The commands as a script, one a line: what a share link carries.
    pub fn script(&self) -> String {
        self.commands.iter().map(|c| format!("{c}\n")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_at_equals_a_fresh_replay_across_snapshot_boundaries() {
        let mut t = Timeline::default();
        t.push("create-topic t partitions=3".parse().unwrap())
            .unwrap();
        for i in 0..150 {
            t.push(format!("produce t key=k{i} value=v").parse().unwrap())
                .unwrap();
        }
        for n in [0, 1, 63, 64, 65, 128, 151] {
            let mut fresh = Cluster::default();
            for c in &t.commands()[..n] {
                fresh.apply(c).unwrap();
            }
            assert_eq!(t.state_at(n), fresh, "after {n} commands");
        }
        t.truncate(70);
        assert_eq!(t.commands().len(), 70);
        assert_eq!(*t.current(), t.state_at(70));
    }

    #[test]
    fn a_rejected_command_is_not_recorded() {
        let mut t = Timeline::default();
        assert!(t.push("produce nowhere value=x".parse().unwrap()).is_err());
        assert!(t.commands().is_empty());
        assert!(!t.undo());
    }
}
