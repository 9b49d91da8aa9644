package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Usage errors of {@code --input kafka://}, {@code --warehouse kafka://}, {@code --group}, {@code --from}, {@code --stop-when-idle}. */
class KafkaOptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String usage(String... args) {
        err.reset();
        var io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(2, Main.run(args, io), () -> err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKafkaInputNeedsAGroup() {
        assertEquals("factory: --input kafka://127.0.0.1:9092/orders needs --group ID: the consumer group whose offsets the run commits\n",
                usage("run", "--blueprint", "flows", "--input", "kafka://127.0.0.1:9092/orders"));
    }

    @Test
    void aKafkaInputNamesBrokersAsHostAndPortAndAtLeastOneTopic() {
        assertEquals("factory: --input kafka:///orders: no broker; the form is kafka://HOST:PORT[,HOST:PORT]/TOPIC[,TOPIC]\n",
                usage("run", "--blueprint", "flows", "--input", "kafka:///orders", "--group", "g"));
        assertEquals("factory: --input kafka://localhost/orders: broker 'localhost' must be HOST:PORT; the form is "
                + "kafka://HOST:PORT[,HOST:PORT]/TOPIC[,TOPIC]\n",
                usage("run", "--blueprint", "flows", "--input", "kafka://localhost/orders", "--group", "g"));
        assertEquals("factory: --input kafka://127.0.0.1:9092/: name the topics after the brokers, e.g. kafka://127.0.0.1:9092/orders\n",
                usage("run", "--blueprint", "flows", "--input", "kafka://127.0.0.1:9092/", "--group", "g"));
    }

    @Test
    void fromIsEarliestOrLatest() {
        assertEquals("factory: --from must be earliest or latest, not 'middle'\n",
                usage("run", "--blueprint", "flows", "--input", "kafka://127.0.0.1:9092/t", "--group", "g", "--from", "middle"));
    }

    @Test
    void kafkaOptionsNeedAKafkaInput() {
        assertEquals("factory: --group is for a kafka:// input, not data.jsonl\n",
                usage("run", "--blueprint", "flows", "--input", "data.jsonl", "--group", "g"));
        assertEquals("factory: --stop-when-idle is for a kafka:// input, not data.jsonl\n",
                usage("run", "--blueprint", "flows", "--input", "data.jsonl", "--stop-when-idle", "5s"));
        assertEquals("factory: --record-time is for a kafka:// input, not data.jsonl\n",
                usage("run", "--blueprint", "flows", "--input", "data.jsonl", "--record-time"));
    }

    @Test
    void aKafkaWarehouseNeedsABroker() {
        assertEquals("factory: --warehouse kafka:///out-: no broker; the form is kafka://HOST:PORT[,HOST:PORT]/PREFIX\n",
                usage("run", "--blueprint", "flows", "--input", "kafka://127.0.0.1:9092/t", "--group", "g", "--warehouse", "kafka:///out-"));
    }

    @Test
    void urisAreParsedIntoServersAndTopics() {
        var address = KafkaUris.input("kafka://127.0.0.1:9092,127.0.0.1:9093/a, b");
        assertEquals("127.0.0.1:9092,127.0.0.1:9093", address.servers());
        assertEquals(java.util.List.of("a", "b"), address.topics());
        assertEquals("out-", KafkaUris.warehouse("kafka://h:1/out-").path());
    }
}
