// Master for the TLS players' port test: every connection gets a console
// whose commands reload the port's certificate.
object connect(int port) {
    return new("/obj/console");
}

string creator_file(string file) { return "tester"; }
