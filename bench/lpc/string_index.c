// Indexing, strlen and ranges on ASCII text (byte = character) and on
// text with accents and CR LF (characters are grapheme clusters).
int main() {
    int i, j, total;
    string ascii = "", mixed_text = "";

    for (i = 0; i < 500; i++) {
        ascii += "abcdefghij";
        mixed_text += "día\r\nñandú ";
    }
    for (j = 0; j < 40; j++) {
        for (i = 0; i < strlen(ascii); i++)
            total += ascii[i];
        for (i = 0; i < strlen(mixed_text); i++)
            total += mixed_text[i];
        total += strlen(ascii[100..200]) + strlen(mixed_text[<300..<100]);
        total += sizeof(explode(mixed_text, ""));
    }
    return total > 0 ? 0 : 1;
}
