package io.github.loomfactory.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the command's Kafka addresses: {@code kafka://HOST:PORT[,HOST:PORT]/TOPIC[,TOPIC]} for
 * {@code --input} and {@code kafka://HOST:PORT[,HOST:PORT]/PREFIX} for {@code --warehouse}.
 */
final class KafkaUris {
    static final String SCHEME = "kafka://";

    private KafkaUris() {
    }

    /** A parsed address: {@code bootstrap.servers} and what follows the slash. */
    record Address(String servers, String path) {
        List<String> topics() {
            return Arrays.stream(path.split(",")).map(String::strip).toList();
        }
    }

    static boolean isKafka(String text) {
        return text.toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    /** Parses {@code --input kafka://...}: at least one broker and one topic. */
    static Address input(String text) {
        var address = parse("--input", text, "kafka://HOST:PORT[,HOST:PORT]/TOPIC[,TOPIC]");
        if (address.path().isBlank() || address.topics().stream().anyMatch(String::isBlank)) {
            throw new UsageException("--input " + text + ": name the topics after the brokers, e.g. kafka://127.0.0.1:9092/orders");
        }
        return address;
    }

    /** Parses {@code --warehouse kafka://...}: at least one broker; the prefix may be empty. */
    static Address warehouse(String text) {
        return parse("--warehouse", text, "kafka://HOST:PORT[,HOST:PORT]/PREFIX");
    }

    private static Address parse(String option, String text, String form) {
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String servers = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (servers.isBlank()) {
            throw new UsageException(option + " " + text + ": no broker; the form is " + form);
        }
        for (String server : servers.split(",")) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || colon == server.length() - 1 || !server.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new UsageException(option + " " + text + ": broker '" + server + "' must be HOST:PORT; the form is " + form);
            }
        }
        return new Address(servers, path);
    }
}
