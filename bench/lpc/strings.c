// String hot paths: +, +=, == and mapping lookups by string.
int main() {
    int i, j, hits;
    string s, t, word;
    mapping m = ([]);

    // Building strings: + makes a new string, += appends in place.
    for (i = 0; i < 40000; i++) {
        s = "";
        for (j = 0; j < 10; j++)
            s += "ab";
        t = s + "cd" + i;
        m[t] = i;
    }
    // Equality and hashing.
    for (i = 0; i < 400000; i++) {
        word = "abababababababababab" + "cd" + (i % 40000);
        if (m[word] == i % 40000)
            hits++;
        if (word == t)
            hits++;
    }
    return hits == 400010 ? 0 : 1;
}
