#!/usr/bin/env python3
"""Writes the reference flows of a capture, computed from tshark's own dissection.

Usage: reference.py CAPTURE > CAPTURE.flows.csv

One row per flow, in the order of their first packets: a TCP flow is one tcp.stream of tshark,
a UDP flow one udp.stream, an ICMP or ICMPv6 flow the packets of one communityid (echo requests
and their replies share one). The source is the sender of the flow's first packet; "fwd" counts
what it sent, "bwd" what it received; bytes are frame lengths. end_reason: "rst" if a TCP flow
saw a RST before a FIN in both directions, "fin" if it saw FIN both ways first, else "drain"
(the flow is still open when the capture ends).
"""
import csv, subprocess, sys

FIELDS = ['frame.time_epoch', 'frame.len', 'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst', 'ip.proto', 'ipv6.nxt',
          'tcp.srcport', 'tcp.dstport', 'udp.srcport', 'udp.dstport', 'icmp.type', 'icmp.code', 'icmpv6.type',
          'icmpv6.code', 'tcp.stream', 'udp.stream', 'tcp.flags', 'communityid']
command = ['tshark', '-r', sys.argv[1], '--enable-protocol', 'communityid', '-o', 'communityid.do_base64:TRUE',
           '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=f'] + sum((['-e', f] for f in FIELDS), [])
lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()

flows = {}
for line in lines:
    p = dict(zip(FIELDS, line.split('\t')))
    src, dst = p['ip.src'] or p['ipv6.src'], p['ip.dst'] or p['ipv6.dst']
    proto = int(p['ip.proto'] or p['ipv6.nxt'])
    if proto == 6:
        key, name, sport, dport = ('tcp', p['tcp.stream']), 'tcp', p['tcp.srcport'], p['tcp.dstport']
    elif proto == 17:
        key, name, sport, dport = ('udp', p['udp.stream']), 'udp', p['udp.srcport'], p['udp.dstport']
    elif proto in (1, 58):
        v6 = proto == 58
        key, name = ('icmp', p['communityid']), 'icmp'
        sport, dport = p['icmpv6.type' if v6 else 'icmp.type'], p['icmpv6.code' if v6 else 'icmp.code']
    else:
        sys.exit('unexpected IP protocol %d' % proto)
    flow = flows.get(key)
    if flow is None:
        flow = flows[key] = dict(protocol=name, src_addr=src, src_port=sport, dst_addr=dst, dst_port=dport,
                                 first_seen=p['frame.time_epoch'], packets_fwd=0, bytes_fwd=0, packets_bwd=0,
                                 bytes_bwd=0, community_id=p['communityid'], end_reason='drain',
                                 tshark_stream=key[1] if name != 'icmp' else '', fins=set())
    forward = (src, sport) == (flow['src_addr'], flow['src_port'])
    flow['packets_fwd' if forward else 'packets_bwd'] += 1
    flow['bytes_fwd' if forward else 'bytes_bwd'] += int(p['frame.len'])
    if p['communityid'] != flow['community_id']:
        sys.exit('flow %s has two community IDs: %s and %s' % (key, flow['community_id'], p['communityid']))
    if name == 'tcp' and flow['end_reason'] == 'drain':
        flags = int(p['tcp.flags'], 16)
        if flags & 0x04:
            flow['end_reason'] = 'rst'
        if flags & 0x01:
            flow['fins'].add(forward)
            if len(flow['fins']) == 2:
                flow['end_reason'] = 'fin'

columns = ['protocol', 'src_addr', 'src_port', 'dst_addr', 'dst_port', 'first_seen', 'packets_fwd', 'bytes_fwd',
           'packets_bwd', 'bytes_bwd', 'community_id', 'end_reason', 'tshark_stream']
out = csv.DictWriter(sys.stdout, columns, extrasaction='ignore', lineterminator='\n')
out.writeheader()
for flow in flows.values():
    out.writerow(flow)
