// The engine's own view of a lesson, for comparing against what the browser draws:
// the lesson's commands up to a step, run through the native `kafka-sim run` tool.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './harness.mjs';

/** The lesson file for an id, parsed. */
export function lessonFile(id) {
  const dir = path.join(REPO_DIR, 'crates', 'kafka-lessons', 'lessons');
  const catalog = {
    '1.1': '1.1-topics-partitions-segments-offsets.json',
    '1.2': '1.2-keyed-routing.json',
    '1.3': '1.3-consume-and-log.json',
  };
  return JSON.parse(readFileSync(path.join(dir, catalog[id]), 'utf8'));
}

/**
 * Runs the commands of steps 0..=step through `kafka-sim run` and returns
 * { topic: { partition: [{offset, key, value}] } } read from its canonical render.
 */
export function engineRecords(id, step) {
  const lesson = lessonFile(id);
  const script = lesson.steps.slice(0, step + 1).flatMap((s) => s.commands ?? []).join('\n') + '\n';
  const out = execFileSync('cargo', ['run', '-q', '-p', 'kafka-sim', '--', 'run', '-'], {
    cwd: REPO_DIR,
    input: script,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const topics = {};
  let topic = null;
  let partition = null;
  for (const line of out.split('\n')) {
    let m;
    if ((m = /^topic (\S+) /.exec(line))) {
      topic = m[1];
      topics[topic] = {};
    } else if ((m = /^ {2}p(\d+) /.exec(line))) {
      partition = Number(m[1]);
      topics[topic][partition] = [];
    } else if (/^(consumer|group) /.test(line)) {
      topic = null;
    } else if (topic && (m = /^ {4}(\d+) key=(.*) value=(.*)$/.exec(line))) {
      topics[topic][partition].push({ offset: Number(m[1]), key: m[2], value: m[3] });
    }
  }
  return topics;
}
