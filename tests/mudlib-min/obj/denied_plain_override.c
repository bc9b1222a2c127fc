// The master refuses efun::time here although time is no simul_efun.
int now() { return efun::time(); }
