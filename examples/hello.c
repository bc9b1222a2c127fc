// The smallest Ferrum script: `ferrum run examples/hello.c [NAME]`.
int main(string *args) {
    string who = sizeof(args) ? args[0] : "world";
    write(sprintf("Hello, %s! This is %s.\n", who, __VERSION__));
    return 0;
}
