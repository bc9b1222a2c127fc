// An HTTPS_SERVER with the certificate given as arguments; refuses to
// listen without one.
#include <network.h>

int server;

void on_request(int conn, mapping req, string addr) {
    socket_write(conn, ([ "body": "secure " + req["path"] ]));
    if (req["path"] == "/stop") socket_close(server);
}

int main(string *args) {
    int bare = socket_create(HTTPS_SERVER, "on_request");
    socket_bind(bare, 0, "127.0.0.1 0");
    write("without certificate: " + socket_error(socket_listen(bare)) + "\n");
    socket_close(bare);
    server = socket_create(HTTPS_SERVER, "on_request");
    socket_set_option(server, SO_TLS_CERT, args[0]);
    socket_set_option(server, SO_TLS_KEY, args[1]);
    socket_bind(server, 0, "127.0.0.1 0");
    int r = socket_listen(server);
    if (r != EESUCCESS) { write("listen: " + socket_error(r) + "\n"); return 1; }
    write("PORT " + explode(socket_address(server, 1), " ")[1] + "\n");
    return 0;
}
