// The master's valid_socket refuses this object.
int try_create() { return socket_create(1, "r", "c"); }
void r(int fd, string s) { }
void c(int fd) { }
