// expect: Type mismatch: promise<int> given where promise<string> is declared
// promise<T> payloads are compared like the types themselves.
async int number() { return 1; }
void f() {
    promise<string> p = number();
}
