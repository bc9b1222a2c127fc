// 100k class instances and arrays allocated.
class pair { int a; mixed b; }
int main() {
    mixed *keep = allocate(100);
    for (int i = 0; i < 100000; i++) {
        class pair p = new(class pair, a: i, b: ({ i, i + 1, i + 2 }));
        keep[i % 100] = p;
    }
    return sizeof(keep) == 100 ? 0 : 1;
}
