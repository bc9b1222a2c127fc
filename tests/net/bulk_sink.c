// Counts the bytes a client sends through an LPC read callback and
// answers "GOT n" once the announced total has arrived.
#include <network.h>

int listener, expected, received;

void on_read(int fd, buffer data) {
    received += sizeof(data);
    if (received >= expected) {
        socket_write(fd, "GOT " + received + "\n");
        socket_close(fd);
        socket_close(listener);
    }
}
void on_write(int fd) { }
void on_close(int fd) { socket_close(listener); }
void on_listen(int fd) { socket_accept(fd, "on_read", "on_write"); }

int main(string *args) {
    expected = to_int(args[0]);
    listener = socket_create(STREAM_BINARY, "on_read", "on_close");
    socket_bind(listener, 0, "127.0.0.1 0");
    socket_listen(listener, "on_listen");
    write("PORT " + explode(socket_address(listener, 1), " ")[1] + "\n");
    return 0;
}
