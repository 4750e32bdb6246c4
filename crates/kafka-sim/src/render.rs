//! The canonical text rendering of a cluster, for goals and golden files.

use std::fmt::Write as _;

use crate::Cluster;

impl Cluster {
    /// A canonical text rendering of the state, for goals and golden files: stable,
    /// complete for what lessons check, and free of presentation.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "clock {}ms brokers {:?}", self.now_ms, self.broker_ids());
        for t in self.topics.values() {
            let _ = write!(
                s,
                "topic {} partitions={} rf={}",
                t.name,
                t.partitions.len(),
                t.replication_factor
            );
            for (k, v) in &t.config.overrides {
                let _ = write!(s, " {k}={v}");
            }
            s.push('\n');
            for p in &t.partitions {
                let segs: Vec<String> = p
                    .log()
                    .segments()
                    .iter()
                    .map(|g| g.base_offset.to_string())
                    .collect();
                let _ = writeln!(
                    s,
                    "  p{} leader={} replicas={:?} isr={:?} start={} leo={} hw={} segments=[{}]",
                    p.id,
                    p.leader().unwrap_or(-1),
                    p.replicas(),
                    p.isr(),
                    p.log().log_start_offset(),
                    p.log().log_end_offset(),
                    p.log().high_watermark(),
                    segs.join(",")
                );
                if p.replicas().len() > 1 {
                    let reg = p.registration();
                    let _ = writeln!(
                        s,
                        "    epoch={} elr={:?} last_known_elr={:?}",
                        reg.leader_epoch, reg.elr, reg.last_known_elr
                    );
                    for c in p.copies() {
                        let _ = writeln!(
                            s,
                            "    replica {} leo={} hw={} epochs={:?}",
                            c.broker,
                            c.log().log_end_offset(),
                            c.log().high_watermark(),
                            c.epochs()
                        );
                    }
                }
                if p.log().last_stable_offset() != p.log().high_watermark() {
                    let _ = writeln!(s, "    lso={}", p.log().last_stable_offset());
                }
                for r in p.log().records() {
                    if r.producer.is_empty_batch() {
                        let _ =
                            writeln!(s, "    {} empty batch producer={}", r.offset, r.producer.id);
                        continue;
                    } else if r.producer.is_control() {
                        let kind =
                            if r.producer.attributes & crate::producer_state::CONTROL_COMMIT != 0 {
                                "COMMIT"
                            } else {
                                "ABORT"
                            };
                        let _ = writeln!(
                            s,
                            "    {} {kind} marker producer={}",
                            r.offset, r.producer.id
                        );
                        continue;
                    }
                    let _ = writeln!(
                        s,
                        "    {} key={} value={}",
                        r.offset,
                        r.key.as_deref().unwrap_or("null"),
                        r.value.as_deref().unwrap_or("null")
                    );
                }
            }
        }
        for c in self.consumers.values() {
            let owned: Vec<String> = c.owned.iter().map(crate::consumer::tp_name).collect();
            let positions: Vec<String> = c
                .positions
                .iter()
                .map(|(tp, o)| format!("{}@{o}", crate::consumer::tp_name(tp)))
                .collect();
            let _ = writeln!(
                s,
                "consumer {} group={} {:?} member={} owned=[{}] positions=[{}]",
                c.name,
                c.config.group_id,
                c.liveness,
                c.member_id.as_deref().unwrap_or("-"),
                owned.join(","),
                positions.join(",")
            );
        }
        for (group, app) in &self.apps {
            let applied: u32 = app.applied.values().sum();
            let _ = writeln!(
                s,
                "app {group} applied={applied} duplicates-prevented={}",
                app.duplicates_prevented
            );
            for (key, row) in &app.rows {
                let _ = writeln!(
                    s,
                    "  {key} balance={} status={}",
                    row.balance,
                    row.status.as_deref().unwrap_or("-")
                );
            }
        }
        for g in self.groups.values() {
            let _ = writeln!(
                s,
                "group {} state={} generation={} protocol={} leader={}",
                g.id,
                g.state.name(),
                g.generation,
                g.protocol.map_or("-", |p| p.name()),
                g.leader.as_deref().unwrap_or("-")
            );
            for m in &g.members {
                let a: Vec<String> = m.assignment.iter().map(crate::consumer::tp_name).collect();
                let _ = writeln!(
                    s,
                    "  member {} consumer={} assignment=[{}]",
                    m.member_id,
                    m.consumer,
                    a.join(",")
                );
            }
            for r in g.describe(self) {
                let _ = writeln!(
                    s,
                    "  {} {} current={} log-end={} lag={} owner={}",
                    r.topic,
                    r.partition,
                    r.current_offset.map_or("-".to_string(), |o| o.to_string()),
                    r.log_end_offset,
                    r.lag.map_or("-".to_string(), |l| l.to_string()),
                    r.consumer_id.as_deref().unwrap_or("-")
                );
            }
        }
        s
    }
}
