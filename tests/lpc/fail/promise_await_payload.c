// expect: Type mismatch: await gives int where string is declared
// Awaiting a promise<int> gives an int.
async int number() { return 1; }
async void f() {
    string s = await number();
}
