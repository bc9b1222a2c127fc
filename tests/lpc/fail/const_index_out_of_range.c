// expect: Array index out of bounds
void f() {
    ({ 1, 2 })[2];
}
