// expect: cannot be declared void
// Only functions may be void; every other declaration below is refused.
void gone;
class holder {
    void nothing;
}
void f(void arg) {
    void local;
    for (void i = 0; ; ) break;
    foreach (void x in ({ 1 })) ;
}
