"""A MUD-mode peer in Python: 4-byte big-endian length, save_variable
text, trailing NUL. Sends values, prints what comes back, one per line."""
import socket
import struct
import sys

def send(sock, text):
    data = text.encode("utf-8") + b"\0"
    sock.sendall(struct.pack(">I", len(data)) + data)

def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf

def recv(sock):
    (n,) = struct.unpack(">I", recv_exact(sock, 4))
    return recv_exact(sock, n).rstrip(b"\0").decode("utf-8")

port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port), timeout=10)
for text in ['"hello"', "({1,2,\"three\",})", "([\"k\":4.500000,])", "42", '"bye"']:
    send(s, text)
    print(recv(s), flush=True)
s.close()
