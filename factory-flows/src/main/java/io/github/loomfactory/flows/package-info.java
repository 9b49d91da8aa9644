/**
 * The built-in {@code flows} blueprint: network packets assembled into bidirectional flows, the
 * original program's real use.
 *
 * <p>A {@link io.github.loomfactory.flows.Packet} is the material; its pid is a
 * {@link io.github.loomfactory.flows.FlowKey}, equal for both directions of a conversation.
 * The {@link io.github.loomfactory.flows.FlowsBlueprint} makes one
 * {@link io.github.loomfactory.flows.FlowRecord} per flow (or per active-timeout slice of
 * one), shipped to the bay of its protocol. {@link io.github.loomfactory.flows.SyntheticPackets}
 * makes a seeded stream of packets for demos and benchmarks; captures are read by
 * {@code io.github.loomfactory.flows.capture.PcapReader}.
 *
 * <p>Unless a type says otherwise, no method accepts or returns {@code null}.
 */
package io.github.loomfactory.flows;
