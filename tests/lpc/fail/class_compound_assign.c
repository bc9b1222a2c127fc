// expect: Bad left argument to compound assignment: class box
// No arithmetic applies to a class value.
class box { int x; }
void f() {
    class box b = new(class box);
    b *= 1.5;
}
