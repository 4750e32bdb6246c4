//! `kafka_sim::bench`'s workload in wasm, timed with the page's clock
//! (`performance.now()`, through `js_sys`): the engine itself never sees a clock.

use kafka_sim::bench::{Workload, SETUP};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// Nanoseconds a record to append `n` keyed records, best of three fresh clusters, as
/// `kafka-sim bench` measures natively.
#[wasm_bindgen]
pub fn ns_per_record(n: usize) -> f64 {
    let w = Workload::new(n, SETUP);
    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut cluster = w.cluster();
        let t0 = now();
        w.run(&mut cluster, n);
        best = best.min(now() - t0);
    }
    best * 1e6 / n as f64
}
