// expect: No member 'z' in class point
class point { int x; int y; }
int f() { class point p = new(class point); return p->z; }
