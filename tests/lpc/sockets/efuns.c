// The socket efuns' synchronous results: every error path FluffOS
// defines, socket_error texts, addresses, status and release/acquire.
#include <tests.h>
#include <network.h>

void r(int fd, mixed data) { }
void c(int fd) { }
void l(int fd) { }
void w(int fd) { }

void do_tests() {
    int fd, fd2, udp;
    mixed st;

    // socket_create
    ASSERT_EQ(EEMODENOTSUPP, socket_create(-1, "r"));
    ASSERT_EQ(EEMODENOTSUPP, socket_create(99, "r"));
    fd = socket_create(STREAM, "r", "c");
    ASSERT(fd >= 0);
    st = socket_status(fd);
    ASSERT_EQ(6, sizeof(st));
    ASSERT_EQ("UNBOUND", st[1]);
    ASSERT_EQ("STREAM", st[2]);
    ASSERT_EQ(this_object(), st[5]);
    ASSERT_EQ("0.0.0.0 0", socket_address(fd));

    // bind, listen, accept, connect, write on the wrong state
    ASSERT_EQ(EENOADDR, socket_listen(fd, "l"));
    ASSERT_EQ(EENOTCONN, socket_write(fd, "x"));
    ASSERT_EQ(EENOTLISTN, socket_accept(fd, "r", "w"));
    ASSERT_EQ(EEBADADDR, socket_bind(fd, 0, "not an address"));
    ASSERT_EQ(EESUCCESS, socket_bind(fd, 0, "127.0.0.1 0"));
    ASSERT_EQ(EEISBOUND, socket_bind(fd, 0));
    ASSERT_EQ("BOUND", socket_status(fd)[1]);
    string local = socket_address(fd, 1);
    int port;
    ASSERT_EQ(2, sscanf(local, "127.0.0.1 %d", port) + 1);
    ASSERT(port > 0);
    ASSERT_EQ(EESUCCESS, socket_listen(fd, "l"));
    // The same port again is in use.
    fd2 = socket_create(STREAM, "r", "c");
    ASSERT_EQ(EEADDRINUSE, socket_bind(fd2, 0, "127.0.0.1 " + port));
    ASSERT_EQ(EESUCCESS, socket_close(fd2));
    ASSERT_EQ("LISTEN", socket_status(fd)[1]);
    ASSERT_EQ(EEISCONN, socket_listen(fd, "l"));
    ASSERT_EQ(EEISLISTEN, socket_connect(fd, "127.0.0.1 1", "r", "w"));
    ASSERT_EQ(EEWOULDBLOCK, socket_accept(fd, "r", "w"));
    ASSERT_EQ(EENOTCONN, socket_write(fd, "x"));
    ASSERT_EQ("*." + port, "*." + explode(socket_status(fd)[3], ".")[<1]);

    fd2 = socket_create(STREAM, "r", "c");
    ASSERT_EQ(EEBADADDR, socket_connect(fd2, "localhost 80", "r", "w"));
    ASSERT_EQ(EEBADADDR, socket_connect(fd2, "127.0.0.1:80", "r", "w"));
    socket_close(fd2);

    // datagrams
    udp = socket_create(DATAGRAM, "r", "c");
    ASSERT_EQ(EENOADDR, socket_write(udp, "x"));
    ASSERT_EQ(EEBADADDR, socket_write(udp, "x", "nowhere"));
    ASSERT_EQ(EETYPENOTSUPP, socket_write(udp, 5, "127.0.0.1 9"));
    ASSERT_EQ(EESUCCESS, socket_write(udp, "x", "127.0.0.1 9"));
    ASSERT_EQ(EEMODENOTSUPP, socket_listen(udp, "l"));
    ASSERT_EQ(EEMODENOTSUPP, socket_connect(udp, "127.0.0.1 9", "r", "w"));
    ASSERT_EQ(EESUCCESS, socket_close(udp));

    // closing
    ASSERT_EQ(EESUCCESS, socket_close(fd));
    ASSERT_EQ(EEBADF, socket_close(fd));
    ASSERT_EQ(({ -1, "CLOSED", "MUD", "", "", 0 }), socket_status(fd));
    ASSERT_EQ(EEFDRANGE, socket_close(9999));
    ASSERT_EQ(EEFDRANGE, socket_write(-1, "x"));
    ASSERT_EQ(0, socket_status(9999));
    ASSERT_EQ(" 0", socket_address(9999));
    // Descriptors are reused lowest first.
    ASSERT_EQ(fd, socket_create(STREAM, "r", "c"));
    socket_close(fd);

    // socket_error
    ASSERT_EQ("Socket is closed", socket_error(EEBADF));
    ASSERT_EQ("Wait for callback", socket_error(EECALLBACK));
    ASSERT_EQ("Data nested too deeply", socket_error(EEBADDATA));
    ASSERT_EQ("socket_error: invalid error number", socket_error(EESUCCESS));
    ASSERT_EQ("socket_error: invalid error number", socket_error(-33));

    // release and acquire
    object taker = new("/fixtures/sockets/taker");
    fd = socket_create(STREAM, "r", "c");
    taker->set_take(0);
    ASSERT_EQ(EESOCKNOTRLSD, socket_release(fd, taker, "offer"));
    ASSERT_EQ(fd, taker->query_offered_fd());
    ASSERT_EQ(this_object(), socket_status(fd)[5]);
    ASSERT_EQ(EESOCKNOTRLSD, socket_acquire(fd, "r", "w", "c"));
    taker->set_take(1);
    ASSERT_EQ(EESUCCESS, socket_release(fd, taker, "offer"));
    ASSERT_EQ(taker, socket_status(fd)[5]);
    // It is not ours any more.
    ASSERT_EQ(EESECURITY, socket_close(fd));
    ASSERT_EQ(EESUCCESS, taker->close_it(fd));
    destruct(taker);

    // A destructed owner's sockets close.
    object owner = new("/fixtures/sockets/owner");
    int owned = owner->open_one();
    ASSERT_EQ("UNBOUND", socket_status(owned)[1]);
    destruct(owner);
    ASSERT_EQ("CLOSED", socket_status(owned)[1]);

    // MUD mode refuses objects and too-deep data.
    fd = socket_create(MUD, "r", "c");
    ASSERT_EQ("MUD", socket_status(fd)[2]);
    socket_close(fd);
}
