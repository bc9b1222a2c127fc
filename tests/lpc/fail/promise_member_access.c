// expect: Cannot read member 'x' of a promise<class pos>: await it first
class pos { int x; }
async class pos origin() { return new(class pos); }
async void f() {
    promise<class pos> p = origin();
    int x = p->x;
}
