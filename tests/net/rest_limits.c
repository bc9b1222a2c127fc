// A REST_SERVER with a rate limit of 3 requests a minute per X-Api-Key
// (per address for requests without one).
#include <network.h>

int server;

int main() {
    server = socket_create(REST_SERVER, "on_request");
    socket_set_option(server, REST_RATE_LIMIT, ([ "requests": 3, "window": 60, "key": "header:x-api-key" ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/ping", "handler": (: "pong" :) ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/stop", "handler": (: socket_close(server), "stopping" :) ]));
    if (socket_bind(server, 0, "127.0.0.1 0") != EESUCCESS) return 1;
    if (socket_listen(server) != EESUCCESS) return 2;
    write("PORT " + explode(socket_address(server, 1), " ")[1] + "\n");
    return 0;
}
