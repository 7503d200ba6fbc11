/* esx.c — placeholder until the reader lands in the next commit. */
#include <errno.h>
#include <string.h>

#include "formats/esx.h"

bool fmt_esx_sniff(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

int fmt_esx_read(const char *data, size_t len, struct fmt_project *p, struct ns_err *err)
{
	(void)data;
	(void)len;
	(void)p;
	return ns_err_set(err, -ENOSYS, "not yet");
}
