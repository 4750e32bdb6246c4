// Prints, one JSON object per line, the partition that kafkajs's
// DefaultPartitioner and LegacyPartitioner choose for every key x partition
// count in keys.json (path given as the first argument). Each key is passed
// as a JS string and again as a UTF-8 Buffer; the two must agree.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Partitioners } = require('kafkajs')

const TRIES = 20
const file = process.argv[2]
if (process.argv[2] === '--version') {
  console.log(require('kafkajs/package.json').version)
  process.exit(0)
}
if (!file) {
  console.error('usage: node gen.mjs keys.json')
  process.exit(2)
}
const { keys, partitions } = JSON.parse(readFileSync(file, 'utf8'))

const makers = [
  ['default', Partitioners.DefaultPartitioner],
  ['legacy', Partitioners.LegacyPartitioner],
]

let mismatches = 0
const out = []
for (const [name, make] of makers) {
  const partitioner = make()
  for (const k of keys) {
    for (const n of partitions) {
      const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0 }))
      const ask = key => partitioner({ topic: 't', partitionMetadata, message: { key } })
      const p = ask(k)
      let random = false
      for (let i = 1; i < TRIES; i++) {
        if (ask(k) !== p) random = true
      }
      const viaBuffer = ask(Buffer.from(k, 'utf8'))
      if (!random && viaBuffer !== p) {
        mismatches++
        console.error(`string/Buffer mismatch: ${name} key=${JSON.stringify(k)} n=${n}: ${p} vs ${viaBuffer}`)
      }
      const line = { client: 'kafkajs', partitioner: name, key: k, partitions: n, partition: p }
      if (random) line.random = true
      out.push(JSON.stringify(line))
    }
  }
}
process.stdout.write(out.join('\n') + '\n')
if (mismatches > 0) {
  console.error(`${mismatches} string/Buffer mismatches`)
  process.exit(1)
}
