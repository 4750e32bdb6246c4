"""Merge the generators' JSONL outputs into the client-partitions fixture.

usage: merge.py keys.json SOURCE_LINE OUT.jsonl GEN.jsonl...

Checks that every (client, partitioner) answered for every key x partition
count, drops every (client, partitioner, key) that any generator saw routed at
random (for some partition count its repeated tries disagreed), and writes the
rest sorted by client, partitioner, key (in keys.json order) and partition
count, after a first line {"_source": SOURCE_LINE}.
"""
import json
import sys


def main():
    keys_path, source, out_path, *inputs = sys.argv[1:]
    with open(keys_path, encoding="utf-8") as f:
        spec = json.load(f)
    key_index = {k: i for i, k in enumerate(spec["keys"])}
    counts = spec["partitions"]

    cells = {}
    random_groups = set()
    for path in inputs:
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if not raw.strip():
                    continue
                row = json.loads(raw)
                cell = (row["client"], row["partitioner"], row["key"], row["partitions"])
                if cell in cells:
                    sys.exit(f"duplicate result for {cell}")
                if row["key"] not in key_index or row["partitions"] not in counts:
                    sys.exit(f"result for a key or count not in keys.json: {cell}")
                p = row["partition"]
                if not (isinstance(p, int) and 0 <= p < row["partitions"]):
                    sys.exit(f"partition out of range: {row}")
                cells[cell] = p
                if row.get("random"):
                    random_groups.add(cell[:3])

    names = sorted({c[:2] for c in cells})
    for client, partitioner in names:
        for k in spec["keys"]:
            for n in counts:
                if (client, partitioner, k, n) not in cells:
                    sys.exit(f"missing result: {client} {partitioner} {k!r} {n}")

    order = sorted(cells, key=lambda c: (c[0], c[1], key_index[c[2]], c[3]))
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps({"_source": source}, ensure_ascii=False, separators=(",", ":")) + "\n")
        for c in order:
            if c[:3] in random_groups:
                continue
            row = {"client": c[0], "partitioner": c[1], "key": c[2], "partitions": c[3], "partition": cells[c]}
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    for g in sorted(random_groups):
        print(f"left out (routed at random): {g[0]} {g[1]} key={g[2]!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
