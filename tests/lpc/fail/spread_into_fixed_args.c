// expect: Illegal to pass a variable number of arguments to non-varargs function 'two'
// Spreading needs a varargs (or rest-parameter) callee when both are typed.
int two(int a, int b) { return a + b; }
int f() {
    int *args = ({ 1, 2 });
    return two(args...);
}
