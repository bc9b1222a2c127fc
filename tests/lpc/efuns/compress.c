// The compress package: zlib buffers (compress, uncompress), gzip files
// (compress_file, uncompress_file), and compressedp.
// Scratch files live in /tmp/compress (tests/lpc/tmp, not in git).
#include <tests.h>

#define DIR "/tmp/compress"
#define TEXT "The quick brown fox jumps over the lazy dog.\nAnd again, and again, and again.\n"

void setup() {
    __make_scratch_dir(DIR);
}

void cleanup() {
    __remove_scratch_dir(DIR);
}

// Buffers compare by identity; these compare their bytes.
int same_bytes(buffer a, buffer b) {
    if (sizeof(a) != sizeof(b)) return 0;
    for (int i = 0; i < sizeof(a); i++) {
        if (a[i] != b[i]) return 0;
    }
    return 1;
}

void test_buffers() {
    buffer z = compress(TEXT);
    ASSERT(bufferp(z));
    // zlib format: the deflate method byte, then a header check.
    ASSERT_EQ(0x78, z[0]);
    ASSERT_EQ(0, (z[0] * 256 + z[1]) % 31);
    ASSERT_EQ(TEXT, read_buffer(uncompress(z)));
    ASSERT(same_bytes(to_buffer(TEXT), uncompress(z)));
    buffer raw = to_buffer(({ 0, 1, 2, 255, 0, 128 }));
    ASSERT(same_bytes(raw, uncompress(compress(raw))));
    ASSERT_EQ(0, sizeof(uncompress(compress(""))));
    // Repetitive data shrinks.
    string long = repeat_string("abc", 1000);
    ASSERT(sizeof(compress(long)) < 100);
    ASSERT_EQ(3000, sizeof(uncompress(compress(long))));
}

void test_bad_streams() {
    ASSERT_EQ("*inflate: no ZSTREAM_END\n", catch(uncompress("not a zlib stream")));
    buffer z = compress(TEXT);
    ASSERT_EQ("*inflate: no ZSTREAM_END\n", catch(uncompress(z[0..<4])));
    ASSERT_EQ("*inflate: no ZSTREAM_END\n", catch(uncompress(allocate_buffer(0))));
    mixed n = 5;
    ASSERT(catch(compress(n)));
}

void test_files_round_trip() {
    string plain = DIR + "/a.txt";
    write_file(plain, TEXT, 1);
    ASSERT_EQ(1, compress_file(plain));
    ASSERT_EQ(-1, file_size(plain));
    buffer gz = read_buffer(plain + ".gz");
    // gzip magic.
    ASSERT_EQ(0x1f, gz[0]);
    ASSERT_EQ(0x8b, gz[1]);
    ASSERT_EQ(1, uncompress_file(plain + ".gz"));
    ASSERT_EQ(-1, file_size(plain + ".gz"));
    ASSERT_EQ(TEXT, read_file(plain));
}

void test_file_names() {
    string plain = DIR + "/b.txt";
    write_file(plain, TEXT, 1);
    // Explicit names on both sides.
    ASSERT_EQ(1, compress_file(plain, DIR + "/packed"));
    ASSERT_EQ(-1, file_size(plain));
    ASSERT_EQ(1, uncompress_file(DIR + "/packed", DIR + "/unpacked"));
    ASSERT_EQ(TEXT, read_file(DIR + "/unpacked"));
    ASSERT_EQ(-1, file_size(DIR + "/packed"));

    // Without a second name: ".gz" is added, and must be there to remove.
    write_file(DIR + "/c.gz", "x", 1);
    ASSERT_EQ(0, compress_file(DIR + "/c.gz"));
    ASSERT_EQ(1, file_size(DIR + "/c.gz"));
    ASSERT_EQ(0, uncompress_file(DIR + "/unpacked"));
    ASSERT_EQ(sizeof(TEXT), file_size(DIR + "/unpacked"));
}

void test_file_failures() {
    // A missing input creates nothing.
    ASSERT_EQ(0, compress_file(DIR + "/missing"));
    ASSERT_EQ(-1, file_size(DIR + "/missing.gz"));
    ASSERT_EQ(0, uncompress_file(DIR + "/missing.gz"));
    ASSERT_EQ(-1, file_size(DIR + "/missing"));
    // Paths outside the mudlib are refused.
    ASSERT_EQ(0, compress_file("/../outside"));
    ASSERT_EQ(0, compress_file(DIR + "/unpacked", "/../outside.gz"));
    // A directory is not compressed.
    mkdir(DIR + "/sub");
    ASSERT_EQ(0, compress_file(DIR + "/sub"));
    rmdir(DIR + "/sub");
    // A file is not compressed onto itself.
    write_file(DIR + "/self", TEXT, 1);
    ASSERT_EQ(0, compress_file(DIR + "/self", DIR + "/self"));
    ASSERT_EQ(TEXT, read_file(DIR + "/self"));
    // Damaged gzip data: the input stays, no output is left behind.
    buffer gz = read_buffer(DIR + "/self");
    write_file(DIR + "/bad.gz", "", 1);
    write_buffer(DIR + "/bad.gz", 0, to_buffer(({ 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3 })));
    ASSERT_EQ(0, uncompress_file(DIR + "/bad.gz"));
    ASSERT_EQ(13, file_size(DIR + "/bad.gz"));
    ASSERT_EQ(-1, file_size(DIR + "/bad"));
    // A ".gz" that is not gzip at all is copied as it is (zlib's gzread).
    write_file(DIR + "/plain.gz", "just text\n", 1);
    ASSERT_EQ(1, uncompress_file(DIR + "/plain.gz"));
    ASSERT_EQ("just text\n", read_file(DIR + "/plain"));
}

void test_compressedp() {
    // No connection of Ferrum uses MCCP.
    ASSERT_EQ(0, compressedp(this_object()));
}

void do_tests() {
    setup();
    test_buffers();
    test_bad_streams();
    test_files_round_trip();
    test_file_names();
    test_file_failures();
    test_compressedp();
    cleanup();
}
