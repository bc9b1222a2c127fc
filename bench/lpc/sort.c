// Sorting 100k pseudo-random ints.
int main() {
    int *a = allocate(100000);
    int seed = 12345;
    for (int i = 0; i < 100000; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        a[i] = seed;
    }
    a = sort_array(a, 1);
    for (int i = 1; i < 100000; i++)
        if (a[i - 1] > a[i]) return 1;
    return 0;
}
