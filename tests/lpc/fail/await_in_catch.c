// expect: 'await' is not allowed inside catch() or time_expression(); use acatch()
async int f() {
    return catch(await 1);
}
