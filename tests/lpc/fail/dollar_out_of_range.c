// expect: is out of range
void f() {
    (: $1000 :);
}
