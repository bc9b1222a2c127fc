// Nested integer loops: 9 million iterations.
int main() {
    int i, j, total;
    for (i = 0; i < 3000; i++)
        for (j = 0; j < 3000; j++)
            total += i ^ j;
    return total > 0 ? 0 : 1;
}
