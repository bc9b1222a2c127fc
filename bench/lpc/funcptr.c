// 1M calls through a function pointer.
int add(int a, int b) { return a + b; }
int main() {
    function f = (: add :);
    int total;
    for (int i = 0; i < 1000000; i++) total = (*f)(total, 1);
    return total == 1000000 ? 0 : 1;
}
