// An HTTP_SERVER for the tests: answers by path.
//   /echo     the request as JSON      /later  answered 200 ms later
//   /never    never answered (504)     /error  a runtime error (500)
//   /loop     an endless loop (500)    /text   a plain string answer
//   /stop     answers, then the server closes (the script ends)
#include <network.h>

int server;
int connections, requests;

void on_connection(int listen_fd, int conn_fd, string addr) {
    connections++;
}

void answer_later(int conn) {
    socket_write(conn, ([ "status": 202, "body": "later" ]));
}

void on_request(int conn, mapping req, string addr) {
    requests++;
    switch (req["path"]) {
    case "/echo":
        socket_write(conn, ([
            "status": 200,
            "headers": ([ "X-Method": req["method"] ]),
            "body": ([ "method": req["method"], "path": req["path"], "query": req["query"],
                       "params": req["query_params"], "body": req["body"],
                       "header": req["headers"]["x-test"], "version": req["version"],
                       "uri": req["uri"], "remote": stringp(req["remote_addr"]),
                       "connections": connections, "requests": requests ]),
        ]));
        break;
    case "/text":
        socket_write(conn, "<p>hello</p>");
        break;
    case "/later":
        call_out("answer_later", 0.2, conn);
        break;
    case "/never":
        break;
    case "/error":
        error("boom");
    case "/loop":
        while (1) ;
    case "/stop":
        socket_write(conn, "bye");
        socket_close(server);
        break;
    default:
        socket_write(conn, ([ "status": 404, "body": ([ "error": "no such page" ]) ]));
    }
}

void on_close(int fd) { }

int main() {
    server = socket_create(HTTP_SERVER, "on_request", "on_close");
    socket_set_option(server, SO_HTTP_TIMEOUT, 1000);
    if (socket_bind(server, 0, "127.0.0.1 0") != EESUCCESS) return 1;
    int r = socket_listen(server, "on_connection");
    if (r != EESUCCESS) { write("listen: " + socket_error(r) + "\n"); return 2; }
    write("PORT " + explode(socket_address(server, 1), " ")[1] + "\n");
    return 0;
}
