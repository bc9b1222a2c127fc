// HTTP_CLIENT and REST_CLIENT against an HTTP_SERVER in the same script:
// prints each response, then ends.
#include <network.h>

int server, pending;

void on_request(int conn, mapping req, string addr) {
    if (req["path"] == "/redirect") {
        socket_write(conn, ([ "status": 302, "headers": ([ "Location": "/json" ]) ]));
        return;
    }
    if (req["path"] == "/silent") return;   // never answered: the client's read timeout
    if (req["path"] == "/headers") {
        socket_write(conn, req["headers"]["x-test"] || "none");
        return;
    }
    if (req["path"] == "/json") {
        socket_write(conn, ([ "body": ([ "method": req["method"], "got": req["body"], "agent": req["headers"]["user-agent"] ]) ]));
        return;
    }
    socket_write(conn, ([ "status": 418, "body": "teapot" ]));
}

void done() {
    if (--pending == 0) socket_close(server);
}

void client_read(int fd, mapping resp) {
    write(sprintf("fd%d %d %s %s redirects=%d json=%O error=%O\n", fd, resp["status"], resp["status_text"],
                  stringp(resp["body"]) ? resp["body"] : "?", resp["redirects"],
                  resp["json"] ? resp["json"]["method"] : 0, resp["error"] ? 1 : 0));
    socket_close(fd);
    done();
}

void ready(int fd) { write("ready " + fd + "\n"); }

int main() {
    server = socket_create(HTTP_SERVER, "on_request");
    socket_bind(server, 0, "127.0.0.1 0");
    socket_listen(server);
    string base = "http://127.0.0.1:" + explode(socket_address(server, 1), " ")[1];

    int a = socket_create(HTTP_CLIENT, "client_read");
    socket_set_option(a, SO_HTTP_USER_AGENT, "ferrum-test");
    socket_connect(a, base + "/teapot", "client_read", "ready");

    int b = socket_create(HTTP_CLIENT, "client_read");
    socket_set_option(b, SO_HTTP_FOLLOW_REDIRECTS, 1);
    socket_connect(b, base + "/redirect", "client_read", "ready");

    int c = socket_create(REST_CLIENT, "client_read");
    socket_set_option(c, SO_HTTP_URL, base);
    socket_set_option(c, SO_HTTP_METHOD, "POST");
    socket_set_option(c, SO_HTTP_BODY, ([ "x": 1 ]));
    socket_connect(c, "/json", "client_read", "ready");

    // Nothing listens on port 1: a failure arrives as status 0.
    int d = socket_create(HTTP_CLIENT, "client_read");
    socket_set_option(d, SO_HTTP_CONNECT_TIMEOUT, 2000);
    socket_connect(d, "http://127.0.0.1:1/", "client_read", "ready");

    // HTTPS_CLIENT refuses plain http.
    int e = socket_create(HTTPS_CLIENT, "client_read");
    write("https client on http: " + socket_error(socket_connect(e, base + "/", "client_read", "ready")) + "\n");
    socket_close(e);

    // SO_HTTP_HEADERS are sent.
    int f = socket_create(HTTP_CLIENT, "client_read");
    socket_set_option(f, SO_HTTP_HEADERS, ([ "X-Test": "from options" ]));
    socket_connect(f, base + "/headers", "client_read", "ready");

    // More redirects than SO_HTTP_MAX_REDIRECTS allows: status 0 and an error.
    int g = socket_create(HTTP_CLIENT, "client_read");
    socket_set_option(g, SO_HTTP_FOLLOW_REDIRECTS, 1);
    socket_set_option(g, SO_HTTP_MAX_REDIRECTS, 0);
    socket_connect(g, base + "/redirect", "client_read", "ready");

    // No answer within SO_HTTP_READ_TIMEOUT: status 0 and an error.
    int h = socket_create(HTTP_CLIENT, "client_read");
    socket_set_option(h, SO_HTTP_READ_TIMEOUT, 1000);
    socket_connect(h, base + "/silent", "client_read", "ready");

    pending = 7;
    return 0;
}
