// expect: Type mismatch: promise<int> given where int is declared
// A call to an async function gives a promise, not the declared int.
async int later() { return 1; }
void f() {
    int x = later();
}
