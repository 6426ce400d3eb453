// libxml2's HTML parser and the tree it builds (Debian: libxml2-dev; pkg-config libxml-2.0).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system's
// <unicode/ucnv.h>, whose declarations clash with the ICU headers Foundation brings
// (_FoundationICU) in any Swift module importing both. Only the ICU converter fields of
// libxml2's encoding handler depend on it, and Marginalia never touches them (pages
// reach the parser already decoded to UTF-8), so the headers are read without it.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
