// expect: Undefined class 'absent'
void f() {
    class absent *list = ({ });
}
