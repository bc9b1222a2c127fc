// Benchmark server (b): HTTP_SERVER answering a fixed string.
#include <network.h>

void on_request(int conn, mapping req, string addr) {
    socket_write(conn, "Hello from Ferrum");
}

int main() {
    int s = socket_create(HTTP_SERVER, "on_request");
    socket_bind(s, 0, "127.0.0.1 0");
    if (socket_listen(s) != EESUCCESS) return 1;
    write("PORT " + explode(socket_address(s, 1), " ")[1] + "\n");
    return 0;
}
