// Fails to compile on purpose.
int f() { return ; ; x }
