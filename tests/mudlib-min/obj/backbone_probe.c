// Its creator is the backbone uid: it takes its loader's uid.
void create() { }
