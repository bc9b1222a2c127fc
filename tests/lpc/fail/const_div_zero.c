// expect: Division by zero
int f() {
    return 1 / 0.0;
}
