// "reload N" calls sys_reload_tls(N) and reports; "ping" answers "pong".
void prompt() {
    write("> ");
    input_to("command");
}

void logon() {
    write("console ready\n");
    prompt();
}

void command(string line) {
    int n;
    if (line == "ping") {
        write("pong\n");
    } else if (sscanf(line, "reload %d", n) == 1) {
        string err = catch(sys_reload_tls(n));
        write(err ? "refused: " + err : "reloaded\n");
    }
    prompt();
}
