// expect: An apply cannot be async: create()
async void create() { }
