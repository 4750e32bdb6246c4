"""Runs a generated confluent-kafka program without a broker, with the real library.

Every Producer and Consumer the program makes is built by confluent-kafka itself, so
librdkafka checks each config name and value; produce() and subscribe() run on the real
client too (they only queue), so their arguments are checked. What needs a broker
(flush's wait, poll, commit, transactions) answers as an idle cluster would: nothing
arrives. A method the real client does not have fails.

    python check_python.py PROGRAM.py
"""

import runpy
import sys

import confluent_kafka

REAL = {"Producer": confluent_kafka.Producer, "Consumer": confluent_kafka.Consumer}
# Run on the real client: local, and they check their arguments.
LOCAL = {"produce", "subscribe"}
# What an idle cluster answers.
IDLE = {"flush": 0, "poll": None}


class Offline:
    def __init__(self, real, local):
        self._real = real
        self._local = local

    def __getattr__(self, name):
        method = getattr(self._real, name)  # AttributeError if the client lacks it
        if name in LOCAL:
            return getattr(self._local, name)

        def idle(*args, **kwargs):
            return IDLE.get(name)

        return idle


def offline(kind):
    def make(conf):
        # Quiet: no broker is there to connect to.
        conf = dict(conf, **{"log_level": 0})
        real = REAL[kind](conf)
        # A transactional producer refuses produce() before init_transactions(), which
        # needs a broker: the same producer without its transactional.id queues it.
        local = real
        if "transactional.id" in conf:
            local = REAL[kind]({k: v for k, v in conf.items() if k != "transactional.id"})
        return Offline(real, local)

    return make


confluent_kafka.Producer = offline("Producer")
confluent_kafka.Consumer = offline("Consumer")
sys.argv = [sys.argv[1], "127.0.0.1:9"]
runpy.run_path(sys.argv[0], run_name="__main__")
print("ok")
