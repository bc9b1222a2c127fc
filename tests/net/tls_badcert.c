// A TLS server whose certificate files do not exist refuses to listen.
#include <network.h>
int main() {
    int s = socket_create(STREAM_TLS, "r");
    socket_set_option(s, SO_TLS_CERT, "/nonexistent/cert.pem");
    socket_set_option(s, SO_TLS_KEY, "/nonexistent/key.pem");
    socket_bind(s, 0, "127.0.0.1 0");
    write(socket_error(socket_listen(s, "l")) + "\n");
    int t = socket_create(STREAM_TLS, "r");
    socket_bind(t, 0, "127.0.0.1 0");
    write(socket_error(socket_listen(t, "l")) + "\n");
    socket_close(s);
    socket_close(t);
    return 0;
}
