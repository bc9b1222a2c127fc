// simul_efuns: a new function, and an override that reaches the efun.
string simul_hello(string who) { return "hello " + who; }

// Overrides the efun; efun::strlen still reaches the original.
int strlen(mixed s) {
    if (!stringp(s)) return -1;
    return efun::strlen(s);
}

// An empty simul_efun (the speed command times calls to it).
void simul() { }
