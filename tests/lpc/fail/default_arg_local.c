// expect: A default argument may not declare local variables
int f(int a, int b: (: catch { int q = 1; } ? 1 : 2 :)) {
    return a + b;
}
