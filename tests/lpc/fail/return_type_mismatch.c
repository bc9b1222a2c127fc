// expect: Type mismatch
int f() {
    return "text";
}
