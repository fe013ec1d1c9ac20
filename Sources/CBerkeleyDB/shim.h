#ifndef REPRO_CBERKELEYDB_SHIM_H
#define REPRO_CBERKELEYDB_SHIM_H
#include <db.h>
#endif
