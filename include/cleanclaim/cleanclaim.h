/* cleanclaim.h - the whole public API of libcleanclaim, one header per
 * module. Front ends (the CLI, the server, the simulator) include only this. */
#ifndef CLEANCLAIM_H
#define CLEANCLAIM_H

#define CLEANCLAIM_VERSION "0.1.0"

#include "error.h"
#include "core.h"
#include "x12.h"
#include "store.h"
#include "codes.h"
#include "import.h"
#include "claims.h"
#include "scrub.h"
#include "remit.h"
#include "ledger.h"
#include "billing.h"
#include "queue.h"
#include "elig.h"
#include "payersim.h"
#include "demo.h"
#include "report.h"

#endif
