// The design guide's legacy http_* efuns: a server and a request to it.
#include <network.h>

int server;

void on_request(int conn, mapping req, string addr) {
    http_send_response(conn, ([ "status": 201, "headers": ([ "X-Legacy": "yes" ]),
                                "body": req["method"] + " " + req["path"] + " " + req["body"] ]));
}

void on_response(int fd, mapping resp) {
    write(sprintf("%d %s %s\n", resp["status"], resp["headers"]["x-legacy"], resp["body"]));
    socket_close(fd);
    http_stop_server(server);
}

int main() {
    server = http_start_server(0, "on_request", ([ "timeout": 2000 ]));
    if (server < 0) { write("start: " + socket_error(server) + "\n"); return 1; }
    string url = "http://127.0.0.1:" + explode(socket_address(server, 1), " ")[1] + "/legacy";
    int fd = http_send_request(url, ([ "method": "POST", "body": "hi" ]), "on_response");
    if (fd < 0) { write("request: " + socket_error(fd) + "\n"); return 2; }
    return 0;
}
