// Kafka Playground: the sandbox's producer and consumer for a real cluster, with
// Confluent.Kafka (librdkafka). Run: dotnet new console, dotnet add package
// Confluent.Kafka, put this in Program.cs, then dotnet run [bootstrap-servers]
//
// It sends the sandbox's last records to topic "orders" (3 partitions):
//   key "order-100" -> partition 1 of 3
// Create the topic first, with as many partitions: one the broker creates on first use
// gets num.partitions (1), and every key then lands on partition 0.
//   kafka-topics.sh --bootstrap-server localhost:9092 --create --if-not-exists --topic orders --partitions 3 --replication-factor 1
//
// librdkafka's defaults differ from the Java client's that the sandbox models:
// the settings with a comment make this program do what the sandbox does.
using System;
using System.Text;
using System.Threading.Tasks;
using Confluent.Kafka;

var bootstrap = args.Length > 0 ? args[0] : "localhost:9092";
const string Topic = "orders";

var producerConfig = new ProducerConfig
{
    BootstrapServers = bootstrap,
    Acks = Acks.All,
    // librdkafka's default is false; Java's is true.
    EnableIdempotence = true,
    // librdkafka's default, consistent_random, hashes keys with CRC-32: murmur2_random
    // places them as Java does.
    Partitioner = Partitioner.Murmur2Random,
    // librdkafka's default is 1000000 bytes; Java's is 16384.
    BatchSize = 16384,
};
using (var producer = new ProducerBuilder<string, string>(producerConfig).Build())
{
    await Send(producer, Topic, "order-100", "created", new Headers { { "source", Encoding.UTF8.GetBytes("web") } });
}

// The sandbox's consumer "c1", in group "billing".
var consumerConfig = new ConsumerConfig
{
    BootstrapServers = bootstrap,
    GroupId = "billing",
    EnableAutoCommit = false,
    AutoOffsetReset = AutoOffsetReset.Earliest,
    // librdkafka's default is read_committed; Java's is read_uncommitted.
    IsolationLevel = IsolationLevel.ReadUncommitted,
};
using (var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build())
{
    consumer.Subscribe(Topic);
    // A real consumer polls until it is shut down; this one stops after 10.
    for (var polls = 0; polls < 10; polls++)
    {
        var result = consumer.Consume(TimeSpan.FromSeconds(1));
        if (result == null)
        {
            continue;
        }
        Console.WriteLine($"read key={result.Message.Key} partition={result.Partition.Value} offset={result.Offset.Value} value={result.Message.Value}");
        // EnableAutoCommit = false: commit after processing (at least once).
        consumer.Commit(result);
    }
    consumer.Close();
}

// Sends one record and waits for its acks, as the sandbox's producer does.
static async Task Send(IProducer<string, string> producer, string topic, string? key, string? value, Headers? headers = null)
{
    var sent = await producer.ProduceAsync(topic, new Message<string, string> { Key = key!, Value = value!, Headers = headers });
    Console.WriteLine($"sent key={key} partition={sent.Partition.Value} offset={sent.Offset.Value}");
}
