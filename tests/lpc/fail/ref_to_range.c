// expect: Cannot take a reference to a range
void g(mixed ref v) {}
void f() {
    string s = "abc";
    g(ref s[0..1]);
}
