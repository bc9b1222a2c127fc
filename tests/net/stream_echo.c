// A STREAM echo server: prints its port, echoes each read with a
// prefix, closes a connection that sends "quit", and ends (closing the
// listener) after `expected` connections have come and gone.
#include <network.h>

int listener, expected, finished;
mapping received = ([ ]);

void on_read(int fd, string data) {
    received[fd] = (received[fd] || "") + data;
    socket_write(fd, data);
    if (strsrch(received[fd], "quit") >= 0) {
        socket_close(fd);
        connection_done(fd);
    }
}

void connection_done(int fd) {
    map_delete(received, fd);
    if (++finished == expected) {
        socket_close(listener);
        write("DONE " + finished + "\n");
    }
}

void on_close(int fd) { connection_done(fd); }
void on_write(int fd) { }

void on_listen(int fd) {
    int conn = socket_accept(fd, "on_read", "on_write");
    if (conn < 0) write("accept failed: " + socket_error(conn) + "\n");
}

int main(string *args) {
    expected = sizeof(args) ? to_int(args[0]) : 1;
    listener = socket_create(STREAM, "on_read", "on_close");
    if (socket_bind(listener, 0, "127.0.0.1 0") != EESUCCESS) return 1;
    if (socket_listen(listener, "on_listen") != EESUCCESS) return 2;
    write("PORT " + explode(socket_address(listener, 1), " ")[1] + "\n");
    return 0;
}
