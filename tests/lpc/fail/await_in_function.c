// expect: 'await' is only allowed directly inside an async function body
async void f() {
    function g = function() { return await 1; };
}
