// expect: Illegal to use local variable in functional.
int f() {
    int x = 1;
    function g = (: x + 1 :);
    return evaluate(g);
}
