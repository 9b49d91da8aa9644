#!/usr/bin/env python3
"""Generates the reference traffic on loopback while tcpdump (pcap) and dumpcap (pcapng) capture it.

Usage: traffic.py OUTDIR. Run as root (raw sockets for ICMP echo, capture on lo). Servers bind
ports the kernel picks; the captures filter on exactly those ports (and ICMP), so that other
traffic on the loopback interface stays out of them.
"""
import os, select, socket, struct, subprocess, sys, threading, time

out = sys.argv[1]

def server(family, kind):
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('::1' if family == socket.AF_INET6 else '127.0.0.1', 0))
    if kind == socket.SOCK_STREAM:
        s.listen(16)
    return s

def free_port(family, kind):
    s = socket.socket(family, kind)
    s.bind(('::1' if family == socket.AF_INET6 else '127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port

tcp4, tcp6 = server(socket.AF_INET, socket.SOCK_STREAM), server(socket.AF_INET6, socket.SOCK_STREAM)
udp4, udp6 = server(socket.AF_INET, socket.SOCK_DGRAM), server(socket.AF_INET6, socket.SOCK_DGRAM)
closed4, closed6 = free_port(socket.AF_INET, socket.SOCK_DGRAM), free_port(socket.AF_INET6, socket.SOCK_DGRAM)
reuse_port = free_port(socket.AF_INET, socket.SOCK_STREAM)
ports = [s.getsockname()[1] for s in (tcp4, tcp6, udp4, udp6)] + [closed4, closed6]
bpf = '(' + ' or '.join('port %d' % p for p in ports) + ') or icmp or icmp6'

def rst_close(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    sock.close()

def echo_server(listener):
    """Answers each request line with as many bytes; the request 'close' makes the server close first."""
    while True:
        conn, _ = listener.accept()
        def serve(conn=conn):
            with conn:
                while True:
                    try:
                        data = conn.recv(65536)
                    except ConnectionResetError:
                        return
                    if not data:
                        return
                    for line in data.decode().split('\n'):
                        if line.startswith('get '):
                            conn.sendall(b'x' * int(line[4:]))
                        elif line == 'close':
                            conn.shutdown(socket.SHUT_RDWR)
                            return
        threading.Thread(target=serve, daemon=True).start()

def udp_echo(sock):
    while True:
        data, peer = sock.recvfrom(65536)
        sock.sendto(data * 2, peer)

for listener in (tcp4, tcp6):
    threading.Thread(target=echo_server, args=(listener,), daemon=True).start()
for sock in (udp4, udp6):
    threading.Thread(target=udp_echo, args=(sock,), daemon=True).start()

def connect(listener, bind_port=0):
    family = listener.family
    c = socket.socket(family, socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind((listener.getsockname()[0], bind_port))
    c.connect(listener.getsockname()[:2])
    return c

def exchange(c, sizes):
    for size in sizes:
        c.sendall(b'get %d\n' % size)
        got = 0
        while got < size:
            got += len(c.recv(65536))
        time.sleep(0.01)

def fin_by_client(c):
    c.shutdown(socket.SHUT_WR)
    while c.recv(65536):
        pass
    c.close()

def fin_by_server(c):
    c.sendall(b'close\n')
    while c.recv(65536):
        pass
    c.close()

def icmp_echo(family, count):
    if family == socket.AF_INET:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        dst, kind = '127.0.0.1', 8
    else:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        dst, kind = '::1', 128
    for seq in range(count):
        body = struct.pack('!HH', 0x4c46, seq) + b'loom' * 14
        header = struct.pack('!BBH', kind, 0, 0) + body
        if family == socket.AF_INET:
            total = sum(struct.unpack('!%dH' % (len(header) // 2), header))
            while total >> 16:
                total = (total & 0xFFFF) + (total >> 16)
            header = struct.pack('!BBH', kind, 0, ~total & 0xFFFF) + body
        s.sendto(header, (dst, 0))
        time.sleep(0.02)
    s.close()

# a connection opened before the capture starts: its flow has no SYN
early = connect(tcp4)
exchange(early, [10])

captures = [
    subprocess.Popen(['tcpdump', '-i', 'lo', '-U', '-s', '0', '-w', os.path.join(out, 'loopback.pcap'), bpf],
                     stderr=subprocess.PIPE),
    subprocess.Popen(['dumpcap', '-q', '-i', 'lo', '-s', '0', '-f', bpf, '-w', os.path.join(out, 'loopback.pcapng')],
                     stderr=subprocess.PIPE),
]
time.sleep(1.5)  # both must be capturing before the traffic starts
for p in captures:
    if p.poll() is not None:
        sys.exit('capture failed: ' + p.stderr.read().decode())

# 1. the connection without SYN goes on and ends
exchange(early, [300, 20])
fin_by_client(early)
# 2. IPv4 and IPv6 connections, each ended by FIN (client or server first) or by RST
for listener in (tcp4, tcp6):
    c = connect(listener)
    exchange(c, [100, 2000, 5])
    fin_by_client(c)
    c = connect(listener)
    exchange(c, [700])
    fin_by_server(c)
    c = connect(listener)
    exchange(c, [50, 60])
    rst_close(c)
# 3. one 5-tuple, reused: FIN (server first), at once again, and after a pause longer than the linger, ended by RST
for pause, end in ((0, fin_by_server), (0.05, fin_by_server), (2.5, rst_close)):
    time.sleep(pause)
    c = connect(tcp4, reuse_port)
    exchange(c, [42])
    end(c)
# 4. UDP both ways over IPv4 and IPv6, and to closed ports (ICMP port unreachable comes back)
for sock, closed in ((udp4, closed4), (udp6, closed6)):
    family = sock.family
    c = socket.socket(family, socket.SOCK_DGRAM)
    c.bind((sock.getsockname()[0], 0))
    for size in (10, 200, 30):
        c.sendto(b'u' * size, sock.getsockname()[:2])
        c.recvfrom(65536)
    c.sendto(b'nobody listens', (sock.getsockname()[0], closed))
    time.sleep(0.05)
    c.close()
# 5. ICMP echo request and reply
icmp_echo(socket.AF_INET, 3)
icmp_echo(socket.AF_INET6, 2)

time.sleep(1.0)
for p in captures:
    p.terminate()
    p.wait(10)
