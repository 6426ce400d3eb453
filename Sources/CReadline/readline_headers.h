// GNU readline's headers need <stdio.h> first (they use FILE without including it).
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
