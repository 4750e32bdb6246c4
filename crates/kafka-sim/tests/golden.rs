//! Golden scenarios: each `tests/testdata/*.txt` is a command script, a `----` line, and
//! the transcript it must produce (events, refusals, final state). Reviewers read the
//! diff. `UPDATE_GOLDEN=1 cargo test -p kafka-sim --test golden` rewrites the expectations.
//! Every scenario also runs twice, to prove the engine deterministic.

use std::path::Path;

use kafka_sim::script;
use kafka_sim::transcript::transcript_from;

const SEPARATOR: &str = "----\n";

#[test]
fn golden_scenarios_match_and_replay_identically() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "scenarios in {dir:?}");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let (script, expected) = text.split_once(SEPARATOR).unwrap_or((&text, ""));
        // A `cluster` header (script.rs) names the cluster the scenario starts from.
        let (spec, commands) =
            script::parse(script).unwrap_or_else(|(line, e)| panic!("{path:?}:{line}: {e}"));
        let got = transcript_from(spec, &commands).text;
        assert_eq!(
            got,
            transcript_from(spec, &commands).text,
            "{path:?} replays identically"
        );
        if update {
            std::fs::write(path, format!("{script}{SEPARATOR}{got}")).unwrap();
        } else if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
