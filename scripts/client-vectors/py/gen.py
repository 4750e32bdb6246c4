"""Print, one JSON object per line, the partition that librdkafka (as bundled
with confluent-kafka) chooses for every key x partition count in keys.json
(path given as the first argument), for each of its key partitioners.

It runs against librdkafka's in-process mock cluster: no broker is needed.
The topics (t1, t2, ... with that many partitions) are made with the mock
cluster's own C API, rd_kafka_mock_topic_create, called through ctypes on the
very librdkafka that confluent-kafka bundles: AdminClient.create_topics does
not work on the mock here (it reports ControllerId 0 while its brokers are
numbered from 1, so the admin request waits for a controller until it times
out), and the mock's auto-created topics always get its default partition
count.
Each (key, partition count) is produced TRIES times; the partition is read
from the delivery report. A cell whose tries disagree is marked "random".
"""
import ctypes
import glob
import importlib.metadata
import json
import os
import sys

import confluent_kafka

PARTITIONERS = [
    "consistent",
    "consistent_random",
    "murmur2",
    "murmur2_random",
    "fnv1a",
    "fnv1a_random",
]
TRIES = 20
TIMEOUT = 30.0


def topic_name(n):
    return f"t{n}"


class MockCluster:
    """A librdkafka mock cluster made through the bundled librdkafka's C API."""

    def __init__(self, brokers=1):
        libdir = os.path.join(os.path.dirname(confluent_kafka.__file__), os.pardir, "confluent_kafka.libs")
        found = glob.glob(os.path.join(libdir, "librdkafka*.so*"))
        # A build against a system librdkafka has no bundled copy: use the one cimpl links.
        lib = ctypes.CDLL(found[0] if found else "librdkafka.so.1")
        lib.rd_kafka_conf_new.restype = ctypes.c_void_p
        lib.rd_kafka_conf_set.restype = ctypes.c_int
        lib.rd_kafka_conf_set.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
        lib.rd_kafka_new.restype = ctypes.c_void_p
        lib.rd_kafka_new.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        lib.rd_kafka_destroy.argtypes = [ctypes.c_void_p]
        lib.rd_kafka_mock_cluster_new.restype = ctypes.c_void_p
        lib.rd_kafka_mock_cluster_new.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.rd_kafka_mock_cluster_bootstraps.restype = ctypes.c_char_p
        lib.rd_kafka_mock_cluster_bootstraps.argtypes = [ctypes.c_void_p]
        lib.rd_kafka_mock_cluster_destroy.argtypes = [ctypes.c_void_p]
        lib.rd_kafka_mock_topic_create.restype = ctypes.c_int
        lib.rd_kafka_mock_topic_create.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
        errstr = ctypes.create_string_buffer(512)
        self.lib = lib
        conf = lib.rd_kafka_conf_new()
        # Quiet: this handle only hosts the mock cluster and warns that it has no bootstrap.servers.
        lib.rd_kafka_conf_set(conf, b"log_level", b"3", errstr, len(errstr))
        self.rk = lib.rd_kafka_new(0, conf, errstr, len(errstr))  # 0 = RD_KAFKA_PRODUCER
        if not self.rk:
            raise RuntimeError(f"rd_kafka_new: {errstr.value.decode()}")
        self.mcluster = lib.rd_kafka_mock_cluster_new(self.rk, brokers)
        if not self.mcluster:
            raise RuntimeError("rd_kafka_mock_cluster_new failed")
        self.bootstrap = lib.rd_kafka_mock_cluster_bootstraps(self.mcluster).decode()

    def create_topic(self, name, partitions):
        err = self.lib.rd_kafka_mock_topic_create(self.mcluster, name.encode(), partitions, 1)
        if err != 0:
            raise RuntimeError(f"rd_kafka_mock_topic_create({name}, {partitions}): error {err}")

    def close(self):
        self.lib.rd_kafka_mock_cluster_destroy(self.mcluster)
        self.lib.rd_kafka_destroy(self.rk)


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--version":
        dist = importlib.metadata.version("confluent-kafka")
        print(f"confluent-kafka {dist} librdkafka {confluent_kafka.libversion()[0]}")
        return
    if len(sys.argv) != 2:
        sys.exit("usage: gen.py keys.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    keys, counts = spec["keys"], spec["partitions"]

    mock = MockCluster()
    bootstrap = mock.bootstrap
    for n in counts:
        mock.create_topic(topic_name(n), n)

    out = []
    for name in PARTITIONERS:
        producer = confluent_kafka.Producer(
            {
                "bootstrap.servers": bootstrap,
                "partitioner": name,
                "sticky.partitioning.linger.ms": 0,
                "linger.ms": 0,
                "log_level": 3,
            }
        )
        # Make sure every topic's metadata (partition count) is known before producing.
        pmd = producer.list_topics(timeout=TIMEOUT)
        for n in counts:
            got = len(pmd.topics[topic_name(n)].partitions)
            if got != n:
                sys.exit(f"topic {topic_name(n)} has {got} partitions, wanted {n}")
        seen = {}
        errors = []

        def report(ki, n):
            def cb(err, msg):
                if err is not None:
                    errors.append(err)
                else:
                    seen.setdefault((ki, n), []).append(msg.partition())
            return cb

        for _ in range(TRIES):
            for ki, k in enumerate(keys):
                for n in counts:
                    while True:
                        try:
                            producer.produce(topic_name(n), key=k.encode("utf-8"), value=b"v", on_delivery=report(ki, n))
                            break
                        except BufferError:
                            producer.poll(0.1)
                    producer.poll(0)
        left = producer.flush(TIMEOUT)
        if left or errors:
            sys.exit(f"{name}: {left} undelivered, errors: {errors[:3]}")
        for ki, k in enumerate(keys):
            for n in counts:
                parts = seen[(ki, n)]
                assert len(parts) == TRIES, (name, k, n, parts)
                line = {"client": "librdkafka", "partitioner": name, "key": k, "partitions": n, "partition": parts[0]}
                if len(set(parts)) > 1:
                    line["random"] = True
                out.append(json.dumps(line, ensure_ascii=False))
        del producer
    mock.close()
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
