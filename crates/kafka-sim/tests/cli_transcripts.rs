//! The console's tools against the real ones: each `crosscheck/cli/NAME.txt` is a list
//! of invocations, and `NAME.expected` what Kafka's own tools printed for them on a real
//! three-broker cluster (CliCapture.java; `scripts/crosscheck.sh --cli` captures them
//! again and compares). The engine, from three brokers, must print the same, up to
//! `kafka_sim::cli::normalize`.

use std::path::Path;

use kafka_sim::{cli, Cluster};

#[test]
fn the_console_prints_what_kafkas_tools_print() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crosscheck/cli");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("crosscheck/cli") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let script = std::fs::read_to_string(&path).expect("script");
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected beside it", path.display()));
        let mut cluster = Cluster::default();
        cluster
            .apply_script("start-broker id=2\nstart-broker id=3")
            .expect("brokers start");
        let ours = cli::normalize(&cli::transcript(&mut cluster, &script));
        let theirs = cli::normalize(&expected);
        for (a, b) in ours.split("--- end\n").zip(theirs.split("--- end\n")) {
            assert_eq!(
                a,
                b,
                "{}: the engine (left) and Kafka (right) differ",
                path.display()
            );
        }
        assert_eq!(ours, theirs, "{}", path.display());
        checked += 1;
    }
    assert!(checked > 0, "no scripts in {}", dir.display());
}
