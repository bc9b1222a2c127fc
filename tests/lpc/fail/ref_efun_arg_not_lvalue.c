// expect: First argument must be a variable, element or member
// push_array changes its first argument, so a call's result cannot be it.
mixed *make() { return ({ 1 }); }
void f() {
    push_array(make(), 2);
}
