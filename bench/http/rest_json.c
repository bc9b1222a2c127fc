// Benchmark server (a): a REST route whose LPC handler returns a small
// JSON mapping.
#include <network.h>

int served;

mixed status(int conn, mapping req) {
    return ([ "online": 42, "name": "Ferrum", "served": ++served ]);
}

int main() {
    int s = socket_create(REST_SERVER, "status");
    socket_set_option(s, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/status", "handler": "status" ]));
    socket_bind(s, 0, "127.0.0.1 0");
    if (socket_listen(s) != EESUCCESS) return 1;
    write("PORT " + explode(socket_address(s, 1), " ")[1] + "\n");
    return 0;
}
