//! The Kafka version is written once (`KAFKA_VERSION`): README names it as the version the
//! engine models, and the cross-check's Maven build takes it from the same file.

#[test]
fn the_readme_and_the_cross_check_name_the_version_of_kafka_version() {
    let version = kafka_sim::kafka_version();
    assert!(version.starts_with("4."), "the current 4.x line: {version}");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(
        readme.contains(&format!("The engine models **Apache Kafka {version}**")),
        "README.md names {version}"
    );
    let pom = std::fs::read_to_string(format!("{root}/crosscheck/pom.xml")).unwrap();
    assert!(
        pom.contains("${kafka.version}"),
        "the pom takes the version from -Dkafka.version"
    );
    assert!(
        !pom.contains(version),
        "the pom does not write the version itself"
    );
    let script = std::fs::read_to_string(format!("{root}/scripts/crosscheck.sh")).unwrap();
    assert!(
        script.contains("KAFKA_VERSION"),
        "crosscheck.sh reads KAFKA_VERSION"
    );
}
