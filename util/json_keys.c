/* json_keys.c — see json_keys.h. */
#include "util/json_keys.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int ns_json_check_keys(const json_t *obj, const char *where, const char *const *allowed,
		       struct ns_err *err)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)obj, key, v) {
		bool ok = false;
		char list[300] = "";
		size_t used = 0;

		for (size_t i = 0; allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				ok = true;
		if (ok)
			continue;
		for (size_t i = 0; allowed[i] && used < sizeof(list); i++) {
			int n = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
					 allowed[i]);
			if (n < 0)
				break;
			used += (size_t)n;
		}
		return ns_err_set(err, -EINVAL, "%s: unknown key '%.60s' (expected: %s)", where, key,
				  list);
	}
	return 0;
}
