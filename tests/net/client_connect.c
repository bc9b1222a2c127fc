// A STREAM client: connects to the given port, writes once the write
// callback says it is connected, prints what it reads, and reports a
// refused connection through the close callback.
#include <network.h>

void on_read(int fd, string data) { write("read: " + data + "\n"); socket_close(fd); }
void on_write(int fd) { write("connected\n"); socket_write(fd, "hello server\n"); }
void on_close(int fd) { write("closed by peer\n"); }

int main(string *args) {
    int fd = socket_create(STREAM, "on_read", "on_close");
    int r = socket_connect(fd, "127.0.0.1 " + args[0], "on_read", "on_write");
    write("connect: " + r + "\n");
    // Until connected, writes wait.
    write("early write: " + socket_write(fd, "x") + "\n");
    return 0;
}
