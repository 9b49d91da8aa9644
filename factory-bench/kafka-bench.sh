#!/usr/bin/env bash
# K1 and K3 of BENCHMARKS.md: starts a single-node KRaft broker (Kafka's own jars, the class path
# that factory-kafka's build writes to factory-kafka/target/broker.classpath) on free loopback
# ports, runs KafkaScenarios with the given flags against it, and stops it by its PID.
#   factory-bench/kafka-bench.sh --workload K1 --scale 0.1
# Build first: ./mvnw -q -pl factory-bench -am package -DskipTests && ./mvnw -q -pl factory-kafka generate-test-resources
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
classpath="$(cat factory-kafka/target/broker.classpath)"
dir="$(mktemp -d -t kafka-bench-XXXXXX)"
broker=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
controller=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$broker,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$broker
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=2
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
"$java" -cp "$classpath" kafka.tools.StorageTool format -t "$("$java" -cp "$classpath" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
    -c "$dir/server.properties" > "$dir/broker.log" 2>&1
"$java" -Xmx1g -cp "$classpath" kafka.Kafka "$dir/server.properties" >> "$dir/broker.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do
  (echo > "/dev/tcp/127.0.0.1/$broker") 2>/dev/null && break
  sleep 0.2
done
echo "kafka-bench: broker 4.3.1 at 127.0.0.1:$broker (pid $pid)" >&2
"$java" -Xmx8g --enable-preview -cp factory-bench/target/benchmarks.jar io.github.loomfactory.bench.KafkaScenarios \
    --bootstrap "127.0.0.1:$broker" "$@"
