// 100k mapping inserts and lookups with string keys.
int main() {
    mapping m = ([ ]);
    int found;
    for (int i = 0; i < 100000; i++) m["key" + i] = i;
    for (int i = 0; i < 100000; i++) if (m["key" + i] == i) found++;
    return found == 100000 ? 0 : 1;
}
