/**
 * Reading classic libpcap capture files into {@link io.github.loomfactory.flows.Packet packets}:
 * {@link io.github.loomfactory.flows.capture.PcapReader}, which hands records it cannot decode to a
 * handler as {@link io.github.loomfactory.flows.capture.PcapReject rejects}.
 *
 * <p>Unless a type says otherwise, no method accepts or returns {@code null}.
 */
package io.github.loomfactory.flows.capture;
