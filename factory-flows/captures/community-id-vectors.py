import struct, socket, sys
def ip4(src, dst, proto, payload):
    total = 20 + len(payload)
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, total, 1, 0, 64, proto, 0, socket.inet_aton(src), socket.inet_aton(dst))
    return h + payload
def ip6(src, dst, nh, payload):
    h = struct.pack('!IHBB16s16s', 6 << 28, len(payload), nh, 64, socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst))
    return h + payload
def ports(p, sp, dp):
    if p == 6: return struct.pack('!HHIIBBHHH', sp, dp, 1, 0, 0x50, 0x02, 1024, 0, 0)
    if p == 17: return struct.pack('!HHHH', sp, dp, 8, 0)
    if p == 132: return struct.pack('!HHII', sp, dp, 0, 0) + struct.pack('!BBH', 1, 0, 4)
    if p == 1:
        inner = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 7, 0, 64, 17, 0, socket.inet_aton('9.9.9.9'), socket.inet_aton('8.8.8.8')) + struct.pack('!HHHH', 5353, 53, 8, 0)
        return struct.pack('!BBHI', sp, dp, 0, 0) + inner + b'\0' * 8
    if p == 58:
        if sp in (1, 2, 3, 4):
            inner = struct.pack('!IHBB16s16s', 6 << 28, 8, 17, 64, socket.inet_pton(socket.AF_INET6, '2001:db8::9'), socket.inet_pton(socket.AF_INET6, '2001:db8::8')) + struct.pack('!HHHH', 5353, 53, 8, 0)
            return struct.pack('!BBHI', sp, dp, 0, 1280 if sp == 2 else 0) + inner
        if sp in (130, 131):
            return struct.pack('!BBHHH', sp, dp, 0, 0, 0) + socket.inet_pton(socket.AF_INET6, 'ff02::1:3')
        if sp in (135, 136):
            return struct.pack('!BBHI', sp, dp, 0, 0) + socket.inet_pton(socket.AF_INET6, '2001:db8::2')
        if sp in (139, 140):
            return struct.pack('!BBHHH', sp, dp, 0, 2, 0) + b'\1' * 8 + socket.inet_pton(socket.AF_INET6, '2001:db8::2')
        if sp == 134:
            return struct.pack('!BBHBBHII', sp, dp, 0, 64, 0, 1800, 0, 0)
        return struct.pack('!BBHI', sp, dp, 0, 0) + (b'' if sp == 143 else b'\0' * 32)
    return b'\0' * 8
cases = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith('#')]
out = open(sys.argv[2], 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
for i, (src, dst, proto, sp, dp) in enumerate(cases):
    proto, sp, dp = int(proto), int(sp), int(dp)
    pkt = (ip6 if ':' in src else ip4)(src, dst, proto, ports(proto, sp, dp))
    out.write(struct.pack('<IIII', 1000 + i, 0, len(pkt), len(pkt)) + pkt)
