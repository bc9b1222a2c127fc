// The master refuses this file efun:: overrides.
int len(string s) { return efun::strlen(s); }
