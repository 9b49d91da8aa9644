/**
 * Reading classic libpcap capture files into {@link io.github.loomfactory.cli.flows.Packet packets}:
 * {@link io.github.loomfactory.cli.pcap.PcapReader}, which hands records it cannot decode to a
 * handler as {@link io.github.loomfactory.cli.pcap.PcapReject rejects}.
 *
 * <p>Unless a type says otherwise, no method accepts or returns {@code null}.
 */
package io.github.loomfactory.cli.pcap;
