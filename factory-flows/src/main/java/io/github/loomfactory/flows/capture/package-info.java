/**
 * Capture readers: {@link io.github.loomfactory.flows.Packet packets} from classic pcap files
 * ({@link io.github.loomfactory.flows.capture.PcapReader}), pcapng files
 * ({@link io.github.loomfactory.flows.capture.PcapngReader}), either of them gzipped, told apart by
 * their magic numbers ({@link io.github.loomfactory.flows.capture.Captures}), and live interfaces
 * through libpcap ({@link io.github.loomfactory.flows.capture.LiveCapture}). Every reader is a
 * {@link io.github.loomfactory.flows.capture.CaptureReader} and hands the records it cannot decode
 * to a handler as {@link io.github.loomfactory.flows.capture.PcapReject rejects}, naming the
 * source, the record number and the reason.
 *
 * <p>Unless a type says otherwise, no method accepts or returns {@code null}.
 */
package io.github.loomfactory.flows.capture;
