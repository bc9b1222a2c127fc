// The leanest STREAM echo server (for benchmarks): echoes every read,
// ends when a read contains "quit".
#include <network.h>

int listener;

void on_read(int fd, string data) {
    socket_write(fd, data);
    if (strsrch(data, "quit") >= 0) {
        socket_close(fd);
        socket_close(listener);
    }
}
void on_write(int fd) { }
void on_close(int fd) { socket_close(listener); }
void on_listen(int fd) { socket_accept(fd, "on_read", "on_write"); }

int main() {
    listener = socket_create(STREAM, "on_read", "on_close");
    socket_bind(listener, 0, "127.0.0.1 0");
    socket_listen(listener, "on_listen");
    write("PORT " + explode(socket_address(listener, 1), " ")[1] + "\n");
    return 0;
}
