// MUD mode: accepts one connection, answers each LPC value it receives
// with ({ "got", value }), and ends when the peer closes.
#include <network.h>

int listener;

void on_read(int fd, mixed value) {
    socket_write(fd, ({ "got", value }));
    if (value == "bye") socket_close(fd), socket_close(listener);
}

void on_close(int fd) { socket_close(listener); }
void on_write(int fd) { }
void on_listen(int fd) { socket_accept(fd, "on_read", "on_write"); }

int main() {
    listener = socket_create(MUD, "on_read", "on_close");
    socket_bind(listener, 0, "127.0.0.1 0");
    socket_listen(listener, "on_listen");
    write("PORT " + explode(socket_address(listener, 1), " ")[1] + "\n");
    return 0;
}
