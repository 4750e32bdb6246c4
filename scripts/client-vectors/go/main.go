// Command client-vectors prints, one JSON object per line, the partition that
// sarama's and kafka-go's key partitioners choose for every key x partition
// count in keys.json (path given as the first argument).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/IBM/sarama"
	kafka "github.com/segmentio/kafka-go"
)

type keySet struct {
	Keys       []string `json:"keys"`
	Partitions []int    `json:"partitions"`
}

type line struct {
	Client      string `json:"client"`
	Partitioner string `json:"partitioner"`
	Key         string `json:"key"`
	Partitions  int    `json:"partitions"`
	Partition   int    `json:"partition"`
	Random      bool   `json:"random,omitempty"`
}

// tries is how many times each (key, partition count) is asked; a partitioner
// that answers differently across tries is routing that key at random.
const tries = 20

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-versions" {
		// Print the module versions this binary was built with.
		bi, _ := debug.ReadBuildInfo()
		for _, d := range bi.Deps {
			if d.Path == "github.com/IBM/sarama" || d.Path == "github.com/segmentio/kafka-go" {
				fmt.Printf("%s %s\n", d.Path, d.Version)
			}
		}
		return
	}
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: client-vectors keys.json")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var ks keySet
	if err := json.Unmarshal(raw, &ks); err != nil {
		panic(err)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(client, name, key string, n int, ask func() int) {
		p := ask()
		random := false
		for i := 1; i < tries; i++ {
			if ask() != p {
				random = true
			}
		}
		if err := enc.Encode(line{client, name, key, n, p, random}); err != nil {
			panic(err)
		}
	}

	const topic = "t"
	saramaParts := []struct {
		name string
		p    sarama.Partitioner
	}{
		{"hash", sarama.NewHashPartitioner(topic)},
		{"reference-hash", sarama.NewReferenceHashPartitioner(topic)},
	}
	kgBalancers := []struct {
		name string
		b    kafka.Balancer
	}{
		{"hash", &kafka.Hash{}},
		{"reference-hash", &kafka.ReferenceHash{}},
		{"murmur2", kafka.Murmur2Balancer{}},
		{"crc32", kafka.CRC32Balancer{}},
	}

	for _, sp := range saramaParts {
		for _, k := range ks.Keys {
			for _, n := range ks.Partitions {
				emit("sarama", sp.name, k, n, func() int {
					msg := &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(k)}
					p, err := sp.p.Partition(msg, int32(n))
					if err != nil {
						panic(err)
					}
					return int(p)
				})
			}
		}
	}
	for _, kb := range kgBalancers {
		for _, k := range ks.Keys {
			for _, n := range ks.Partitions {
				parts := make([]int, n)
				for i := range parts {
					parts[i] = i
				}
				emit("kafka-go", kb.name, k, n, func() int {
					return kb.b.Balance(kafka.Message{Key: []byte(k)}, parts...)
				})
			}
		}
	}
}
