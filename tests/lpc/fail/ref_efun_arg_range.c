// expect: First argument must be a variable, element or member
// A range is a copy, not storage push_array could grow.
void f() {
    mixed *a = ({ 1, 2, 3 });
    push_array(a[0..1], 4);
}
