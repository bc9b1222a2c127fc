// A speed run in the manner of FluffOS's testsuite `-fspeed`: times the
// basic operations (ns each, loop overhead included as FluffOS does).
inherit "/single/inh";

int time;
mixed *a_global_var = ({ 1, 3, 5 });
mapping another = ([ 1: "foo", 3: "bar" ]);

void lfun0() { }
void lfun1(mixed a) { }
void lfun3(mixed a, mixed b, mixed c) { }

int fib_recur(int n) { return n < 2 ? n : fib_recur(n - 1) + fib_recur(n - 2); }

// Promises and async functions. Parking and settling are timed inline;
// resuming happens in the promise drain after flag() returns, so the
// resumed frames time themselves and the last one reports.
#define PARKED 2000
nosave promise *parked;
nosave int resumed, first_resume, last_resume;

void create_promise() { promise_create(); }
void create_resolve() { promise p = promise_create(); promise_resolve(p, 1); }
void then_one() { promise_then(promise_create(), (: 1 :)); }
async int no_suspend() { return 1; }

async int park(promise p) {
    int x = await p;
    if (!resumed++) first_resume = perf_counter_ns();
    last_resume = perf_counter_ns();
    if (resumed == PARKED) {
        write(sprintf("%-30s: %10d ns\n", "await resume", (last_resume - first_resume) / (PARKED - 1)));
    }
    return x;
}

#define START reset_eval_cost(); set_eval_limit(0x7fffffff); before = perf_counter_ns()
#define END time = perf_counter_ns() - before
#define REPORT(label, t) write(sprintf("%-30s: %10d ns\n", label, t))
#define TIME(label, n, x) START; for (i = 0; i < (n); i++) { x; } END; REPORT(label, time / (n))

int main() {
    int before, i;
    string s, s1 = "This is a test", s2 = " of the emergency broadcast system.";
    mixed *arr, *a1 = ({ 5, 1, 3, 4, 2 }), *a2 = ({ 9, 8, 7, 6, 10 });
    mapping m, m1 = ([ "1": "a", "2": "b", "3": "c" ]);
    write(__VERSION__ + "\n");
    TIME("fib_recur(20)", 10, fib_recur(20));
    TIME("instruction", 1000000, 1);
    TIME("string add", 100000, s = s1 + s2);
    TIME("string +=", 100000, s = s1; s += s2);
    s = read_file("/2000.txt");
    TIME("string find/strsrch", 1000, strsrch(s, "socket"));
    TIME("string split/explode newline", 100, explode(s, "\n"));
    TIME("allocate array", 10000, arr = allocate(100));
    TIME("array addition", 10000, a1 + a2);
    TIME("array lookup", 100000, a1[3]);
    TIME("mapping lookup", 100000, m1["3"]);
    TIME("mapping insert", 100000, m = m1; m["4"] = "d");
    TIME("local call (no args)", 100000, lfun0());
    TIME("local call (3 args)", 100000, lfun3("foo", 1, i));
    TIME("simul_efun", 100000, simul());
    TIME("call_other", 100000, this_object()->lfun0());
    TIME("call_other (string)", 100000, "/command/speed"->lfun0());
    TIME("call_other (miss)", 100000, this_object()->doesnt_exist());
    TIME("inherited call", 100000, ifun());
    TIME("explicit inherited", 100000, inh::ifun());
    TIME("save_object", 300, save_object("/tmp_speed"));
    TIME("restore_object", 1000, restore_object("/tmp_speed"));
    rm("/tmp_speed.o");
    TIME("promise_create", 100000, create_promise());
    TIME("promise_create+resolve", 100000, create_resolve());
    TIME("promise_then (1 reaction)", 100000, then_one());
    TIME("async call, no suspend", 100000, no_suspend());
    parked = allocate(PARKED);
    TIME("async park", PARKED, parked[i] = promise_create(); park(parked[i]));
    TIME("async await, settle+queue", PARKED, promise_resolve(parked[i], i));
    parked = 0;
    return 1;
}
