// Per-operation timings in the manner of FluffOS's testsuite speed
// command: each operation runs in a loop and the loop's own cost is
// subtracted. `ferrum run bench/speed/speed.c` prints ns per operation.
int global_x;
mapping m1 = ([ "1": "a", "2": "b", "3": "c", "4": "d", "5": "e" ]);
int *a1 = ({ 5, 1, 3, 4, 2 });

void lfun0() { }
void lfun3(mixed a, mixed b, mixed c) { }
int fib_recur(int n) { return n < 2 ? n : fib_recur(n - 1) + fib_recur(n - 2); }

int empty_loop(int n) {
    int i, before = perf_counter_ns();
    for (i = 0; i < n; i++) ;
    return perf_counter_ns() - before;
}

void report(string what, int total, int n, int base) {
    write(sprintf("%-26s %10d ns\n", what, (total - base) / n));
}

#define TIME(label, n, body) do { \
        int i, before = perf_counter_ns(); \
        for (i = 0; i < (n); i++) { body; } \
        report(label, perf_counter_ns() - before, n, empty_loop(n)); \
    } while (0)

int main() {
    string s, s1 = "This is a test";
    mapping m;
    int *a;
    object me = this_object();
    write(sprintf("%-26s %10s\n", "operation", "time"));
    TIME("fib_recur(20)", 10, fib_recur(20));
    TIME("instruction (empty loop)", 1000000, 1);
    TIME("local call (no args)", 1000000, lfun0());
    TIME("local call (3 args)", 1000000, lfun3(1, 2, 3));
    TIME("call_other", 1000000, me->lfun0());
    TIME("call_other (string)", 300000, "/speed"->lfun0());
    TIME("string add", 1000000, s = s1 + s1);
    TIME("string +=", 100000, s = s1; s += s1);
    TIME("array lookup", 1000000, a1[3]);
    TIME("array +=", 100000, a = ({ 1 }); a += a1);
    TIME("allocate array (100)", 100000, a = allocate(100));
    TIME("mapping lookup (string)", 1000000, m1["3"]);
    TIME("mapping insert", 1000000, m = m1; m["6"] = "f");
    TIME("sprintf", 100000, sprintf("%d %s", 1, s1));
    return 0;
}
