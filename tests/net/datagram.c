// DATAGRAM: prints its port, answers each datagram to its sender with
// "ack:" + text + " from " + the sender's address, ends after "stop".
#include <network.h>

int fd;

void on_read(int s, mixed msg, string addr) {
    socket_write(s, "ack:" + msg, addr);
    if (msg == "stop") socket_close(s);
}

int main() {
    fd = socket_create(DATAGRAM, "on_read");
    socket_bind(fd, 0, "127.0.0.1 0");
    write("PORT " + explode(socket_address(fd, 1), " ")[1] + "\n");
    return 0;
}
