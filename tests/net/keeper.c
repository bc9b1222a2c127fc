// Listens and keeps the connections it accepts; destructs itself when a
// client sends "die" (so its sockets close without callbacks).
#include <network.h>

int listener;
void on_listen(int fd) { socket_accept(fd, "on_read", "on_write"); }
void on_read(int fd, string s) {
    if (strsrch(s, "die") >= 0) {
        write("destructing\n");
        destruct(this_object());
    }
}
void on_write(int fd) { }
void on_close(int fd) { write("close callback should not run\n"); }

string start() {
    listener = socket_create(STREAM, "on_read", "on_close");
    socket_bind(listener, 0, "127.0.0.1 0");
    socket_listen(listener, "on_listen");
    return explode(socket_address(listener, 1), " ")[1];
}
