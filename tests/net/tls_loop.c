// TLS both ways inside the driver: a STREAM_TLS server with the given
// certificate, and a STREAM_TLS client that checks it. The client's write
// callback (handshake done) sends a greeting; the server answers; the
// client prints the answer and everything closes.
#include <network.h>

int server, client;
string log = "";

void server_read(int fd, string data) {
    socket_write(fd, "server got " + data);
}
void server_write(int fd) { log += "server-handshake "; }
void server_close(int fd) { }
void on_listen(int fd) { socket_accept(fd, "server_read", "server_write"); }

void client_read(int fd, string data) {
    write(log + "| " + data + "\n");
    socket_close(fd);
    socket_close(server);
}
void client_write(int fd) {
    log += "client-handshake ";
    socket_write(fd, "hello over tls");
}
void client_close(int fd) { write("client closed early\n"); }

int main(string *args) {
    server = socket_create(STREAM_TLS, "server_read", "server_close");
    socket_set_option(server, SO_TLS_CERT, args[0]);
    socket_set_option(server, SO_TLS_KEY, args[1]);
    socket_bind(server, 0, "127.0.0.1 0");
    int r = socket_listen(server, "on_listen");
    if (r != EESUCCESS) { write("listen: " + socket_error(r) + "\n"); return 1; }
    string port = explode(socket_address(server, 1), " ")[1];
    client = socket_create(STREAM_TLS, "client_read", "client_close");
    // The certificate is self-signed: no verification, but SNI is sent.
    socket_set_option(client, SO_TLS_SNI_HOSTNAME, "localhost");
    r = socket_connect(client, "127.0.0.1 " + port, "client_read", "client_write");
    if (r != EESUCCESS) { write("connect: " + socket_error(r) + "\n"); return 1; }
    if (socket_write(client, "too early") != EENOTCONN) write("write before handshake was accepted\n");
    return 0;
}
