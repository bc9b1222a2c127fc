// expect: Type mismatch: promise<int> given where int is declared
// The same through an inherit, called plainly and with its scope.
inherit "/fixtures/async/base";
void f() {
    int x;
    x = base::base_value();
}
