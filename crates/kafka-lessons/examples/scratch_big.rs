use kafka_lessons::LessonRun;
use kafka_sim::script::ClusterSpec;
use std::time::Instant;
fn main() {
    let spec = ClusterSpec {
        brokers: 3,
        ..ClusterSpec::default()
    };
    let mut run = LessonRun::sandbox(spec, "start");
    let mut at = 0;
    for l in [
        "create-topic big partitions=1000 replication-factor=3",
        "produce big key=k0 value=v",
        "produce big key=k1 value=v",
        "kafka-topics.sh --describe --topic big",
        "create-consumer c1 group=g",
        "subscribe c1 topics=big",
        "poll c1",
    ] {
        let t = Instant::now();
        at = run.type_line(at, l);
        let t1 = t.elapsed();
        let t = Instant::now();
        let c = run.steps[at].cluster.clone();
        let t2 = t.elapsed();
        let t = Instant::now();
        let d = c
            .describe_topics(None, kafka_sim::admin::DescribeFilter::All)
            .unwrap_or_default();
        let t3 = t.elapsed();
        println!(
            "{l}: type_line {t1:?}, clone {t2:?}, describe {t3:?} ({} bytes)",
            d.len()
        );
    }
}
