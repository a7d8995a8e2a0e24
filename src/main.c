/*
 * main.c: a rexian-TOOL on its own.  Compiled once per tool with TOOL_MAIN
 * naming its entry in tools.h, which rexian(1) links as well.
 */
#include "tools.h"

int
main(int argc, char **argv)
{
	return TOOL_MAIN(argc, argv);
}
