void create() { }
