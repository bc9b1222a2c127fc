// Never inherited: the master refuses it.
int parent() { return 1; }
