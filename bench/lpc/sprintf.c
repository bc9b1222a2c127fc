// String building with sprintf and +=: 100k formatted pieces.
int main() {
    string s = "";
    for (int i = 0; i < 100000; i++)
        s += sprintf("%d:%-6s|", i, "x");
    return strlen(s) > 0 ? 0 : 1;
}
