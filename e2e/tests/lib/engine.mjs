// The engine's own view of a lesson, for comparing against what the browser draws:
// the lesson's commands up to a step, run through the native `kafka-sim run` tool.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './harness.mjs';

const LESSONS_DIR = path.join(REPO_DIR, 'crates', 'kafka-lessons', 'lessons');

/** The lesson file for an id (`<id>-<slug>.json`), parsed. */
export function lessonFile(id) {
  const file = readdirSync(LESSONS_DIR).find((f) => f.startsWith(`${id}-`) && f.endsWith('.json'));
  if (!file) throw new Error(`no lesson file for ${id} in ${LESSONS_DIR}`);
  return JSON.parse(readFileSync(path.join(LESSONS_DIR, file), 'utf8'));
}

/** The catalog's modules, each `{ title, ids }` with the ids of its ready lessons. */
export function readyModules() {
  const catalog = JSON.parse(readFileSync(path.join(LESSONS_DIR, 'catalog.json'), 'utf8'));
  return catalog.modules.map((m) => ({ title: m.title, ids: m.lessons.filter((l) => l.ready).map((l) => l.id) }));
}

/** The `kafka-sim run` transcript of the lesson's commands of steps 0..=step. */
function runSteps(id, step) {
  const lesson = lessonFile(id);
  // The cluster the lesson starts from, as its script header (kafka_sim::script).
  const header = lesson.cluster ? [`cluster ${lesson.cluster}`] : [];
  const script = [...header, ...lesson.steps.slice(0, step + 1).flatMap((s) => s.commands ?? [])].join('\n') + '\n';
  return execFileSync('cargo', ['run', '-q', '-p', 'kafka-sim', '--', 'run', '-'], {
    cwd: REPO_DIR,
    input: script,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Consumers and groups after steps 0..=step, from `kafka-sim run`'s canonical render:
 * { consumers: { name: { liveness, owned: ['t-0', ...] } },
 *   groups: { id: { state, generation, rows: [[topic, partition, current, logEnd, lag, owner]] } },
 *   polled: ['topic/partition/offset' ...] (what step `step`'s polls returned) }.
 * Values are strings as the CLI prints them ('-' for none).
 */
export function engineGroups(id, step) {
  const out = runSteps(id, step);
  const lesson = lessonFile(id);
  const consumers = {};
  const groups = {};
  let group = null;
  for (const line of out.split('\n')) {
    let m;
    if ((m = /^consumer (\S+) group=\S+ (\w+) .*owned=\[([^\]]*)\]/.exec(line))) {
      consumers[m[1]] = { liveness: m[2], owned: m[3] ? m[3].split(',') : [] };
      group = null;
    } else if ((m = /^group (\S+) state=(\w+) generation=(\d+)/.exec(line))) {
      group = m[1];
      groups[group] = { state: m[2], generation: Number(m[3]), rows: [] };
    } else if (group && (m = /^ {2}(\S+) (\d+) current=(\S+) log-end=(\S+) lag=(\S+) owner=(\S+)$/.exec(line))) {
      groups[group].rows.push(m.slice(1));
    } else if (!line.startsWith(' ')) {
      group = null;
    }
  }
  // The events of the last step: its commands are the last ones echoed with '> '.
  const lastCount = (lesson.steps[step].commands ?? []).length;
  const echoed = out.split('\n> ');
  const polled = [];
  for (const block of echoed.slice(echoed.length - lastCount)) {
    for (const m of block.matchAll(/"event":"RecordsPolled","consumer":"[^"]*","records":(\[[^\n]*\])\}/g)) {
      for (const [topic, partition, offset] of JSON.parse(m[1])) polled.push(`${topic}/${partition}/${offset}`);
    }
  }
  return { consumers, groups, polled };
}

/**
 * Runs the commands of steps 0..=step through `kafka-sim run` and returns
 * { topic: { partition: [{offset, key, value}] } } read from its canonical render.
 */
export function engineRecords(id, step) {
  const out = runSteps(id, step);
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
