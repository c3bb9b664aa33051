/* x12.h - the X12 5010 engine: tokenizer, loop-aware reader, validator,
 * acknowledgments (999, TA1) and writer. Every other module that reads or
 * writes an interchange goes through this header.
 *
 * Ownership: a lexer borrows its input buffer (memory mode) or owns its read
 * window (fd mode). Segment slices point into that input or window and stay
 * valid only until the next call that advances the same lexer or reader. */
#ifndef CLEANCLAIM_X12_H
#define CLEANCLAIM_X12_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core.h"

/* ---------------------------------------------------------------- lexer -- */

/* The four delimiters are known only once an ISA has been read. */
typedef struct cc_x12_delims {
  char elem; /* ISA byte 4 */
  char rep;  /* ISA11; 0 (none) when ISA11 is a letter, digit or blank, or
                equals ISA16 (the component separator wins) */
  char comp; /* ISA16 */
  char seg;  /* byte right after ISA16 */
} cc_x12_delims;

/* One segment as the lexer hands it out. el[0] is the segment id, el[i] the
 * i-th element (1-based, as X12 numbers them); elements are raw, repetitions
 * and components are split on demand with cc_x12_split. */
typedef struct cc_x12_seg {
  cc_slice raw;        /* segment bytes, terminator excluded */
  char id[4];          /* segment id, NUL-terminated; "" when el[0] is not
                          2-3 uppercase letters/digits (el[0] keeps the
                          bytes so the validator can quote them) */
  uint32_t nel;        /* number of elements after the id */
  cc_slice el[CC_MAX_ELEMENTS_PER_SEGMENT + 1];
  uint64_t offset;     /* byte offset of raw.p in the whole input */
  uint64_t index;      /* 1-based segment number in the whole input */
  cc_slice gap;        /* bytes between the previous terminator and this
                          segment (line breaks, blanks, a BOM) */
  uint32_t interchange;/* 1-based interchange number within the input */
} cc_x12_seg;

typedef struct cc_x12_lexer cc_x12_lexer;

/* Lexer over a buffer the caller keeps alive (borrows p). Returns owned. */
cc_x12_lexer *cc_x12_lexer_mem(const char *p, size_t n, const char *name);
/* Lexer that streams from fd with a bounded read window (does not close
 * fd). Memory stays flat whatever the file size. Returns owned. */
cc_x12_lexer *cc_x12_lexer_fd(int fd, const char *name);
void cc_x12_lexer_free(cc_x12_lexer *lx); /* NULL is a no-op */
/* Next segment. CC_E_EOF at a clean end of input; otherwise err is filled
 * (file, byte_off absolute in the input, seg_pos = number of the segment that
 * failed, seg_id when known) and the lexer stays failed:
 *   CC_E_ENVELOPE  empty or blank-only file, first bytes not "ISA", data
 *                  after an IEA that is not an ISA, ISA shorter than 106
 *                  bytes or not in its fixed layout, invalid delimiters,
 *                  a first segment after the ISA that separates its
 *                  elements with another byte than the ISA declares
 *                  (offset = that segment; the rest is not read);
 *   CC_E_SYNTAX    input ends inside a segment (no final terminator), a
 *                  segment over CC_MAX_SEGMENT_LEN bytes (offset = segment
 *                  start) or with more than CC_MAX_ELEMENTS_PER_SEGMENT
 *                  elements (offset = the separator too many), more than
 *                  CC_MAX_SEGMENT_LEN blank bytes between segments;
 *   CC_E_IO        fd mode: read() failed.
 * CR, LF, blanks and tabs after a terminator, and a UTF-8 BOM before an ISA,
 * go to seg->gap. Each ISA re-reads the delimiters. Not thread-safe; one
 * lexer per thread. See docs/internals/X12-LEXER.md. */
cc_code cc_x12_lexer_next(cc_x12_lexer *lx, cc_x12_seg *seg,
                          cc_err *err) CC_WARN_UNUSED;
/* Delimiters of the interchange being read (valid after its ISA). */
cc_x12_delims cc_x12_lexer_delims(const cc_x12_lexer *lx);
/* Bytes after the last segment terminator (trailing line break...). Valid
 * after CC_E_EOF. */
cc_slice cc_x12_lexer_tail(const cc_x12_lexer *lx);

/* Split an element on a separator (component or repetition). Fills up to
 * max parts and returns how many there were (may exceed max). */
size_t cc_x12_split(cc_slice el, char sep, cc_slice *parts, size_t max);

/* --------------------------------------------------------------- writer -- */

/* Builds segments into a cc_buf with fixed delimiters; counts segments for
 * SE01 and refuses values that contain a delimiter. */
typedef struct cc_x12_writer {
  cc_buf *out;             /* borrowed */
  cc_x12_delims d;
  const char *eol;         /* written after each terminator: "", "\n", "\r\n" */
  uint32_t seg_count;      /* segments since the last ST, for SE01 */
  cc_err *err;             /* first error, sticky; borrowed, may be NULL */
  cc_code rc;              /* sticky result */
} cc_x12_writer;

void cc_x12_writer_init(cc_x12_writer *w, cc_buf *out, cc_x12_delims d,
                        const char *eol, cc_err *err);
/* Write one segment: id then n element values (NULL or "" = empty). Trailing
 * empty elements are dropped, as X12 requires. Values are checked for
 * delimiters; a composite value may contain the component separator when
 * passed through cc_x12_write_raw instead. */
cc_code cc_x12_write(cc_x12_writer *w, const char *id, size_t n,
                     const char *const *vals);
/* Write one segment whose elements are given as slices (e.g. copied from a
 * lexer segment). Components and repetitions inside are kept as is; only the
 * element separator and segment terminator are refused. Trailing empty
 * elements are dropped as in cc_x12_write. */
cc_code cc_x12_write_raw(cc_x12_writer *w, const char *id, size_t n,
                         const cc_slice *vals);
/* Write a segment exactly as the lexer handed it out (el[0] as the id, even a
 * malformed one, and trailing empty elements kept), so that a file read and
 * written back with the same delimiters and gaps is identical byte for byte.
 * The writer's delimiters must be the lexer's (cc_x12_lexer_delims). */
cc_code cc_x12_write_seg(cc_x12_writer *w, const cc_x12_seg *seg);

/* Interchange envelope values for writing. */
typedef struct cc_x12_envelope {
  const char *sender_qual, *sender_id;     /* ISA05/06 */
  const char *receiver_qual, *receiver_id; /* ISA07/08 */
  const char *gs_sender, *gs_receiver;     /* GS02/03 */
  const char *func_id;                     /* GS01: HC, HP, HB, HS, HR, HN, FA */
  const char *version;                     /* GS08, e.g. 005010X222A1 */
  uint32_t isa_control;                    /* ISA13 */
  uint32_t gs_control;                     /* GS06 */
  cc_day date;                             /* ISA09/GS04 */
  int hhmm;                                /* ISA10/GS05 */
  char usage;                              /* ISA15: 'P' or 'T' */
  bool ack_requested;                      /* ISA14 */
} cc_x12_envelope;

/* ISA+GS, and the matching GE+IEA (n_sets transaction sets, 1 group). */
cc_code cc_x12_write_open(cc_x12_writer *w, const cc_x12_envelope *env);
cc_code cc_x12_write_close(cc_x12_writer *w, const cc_x12_envelope *env,
                           uint32_t n_sets);
/* ST (resets the count) and SE (writes the count, ST included). */
cc_code cc_x12_write_st(cc_x12_writer *w, const char *st01, const char *st02,
                        const char *st03);
cc_code cc_x12_write_se(cc_x12_writer *w, const char *st02);

/* --------------------------------------------------------------- reader -- */

/* The loop-aware reader: an iterator over a lexer that names, for every
 * segment, where it sits: interchange, group, transaction set, the TR3 loop
 * (2000B, 2300, 2400, 2100, 2110...) and the segment use's definition. It is
 * what claims import, 835 posting and 271/277 intake walk files with:
 *
 *   cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, "in.837");
 *   cc_x12_reader *r = cc_x12_reader_new(lx);
 *   cc_x12_item it;
 *   cc_code rc;
 *   while ((rc = cc_x12_reader_next(r, &it, &err)) == CC_OK) {
 *     if (it.kind == CC_X12_BODY && strcmp(it.loop_id, "2300") == 0 &&
 *         strcmp(it.seg->id, "CLM") == 0) { ... a claim starts ... }
 *   }
 *   // rc == CC_E_EOF at a clean end; anything else: err says where.
 *   cc_x12_reader_free(r); cc_x12_lexer_free(lx);
 *
 * Loops are matched with the implementation-guide tables (GS08 or ST03 names
 * the guide; errata versions are aliases). Sets whose guide has no tables
 * here are still read: their body segments get loop_id "" and no use.
 * Structural problems (segment out of order, required segment missing, too
 * many repeats...) are reported to the finding callback when one is set; the
 * reader itself never stops on them. Memory is flat: one allocation at
 * cc_x12_reader_new, none per segment. Not thread-safe; one reader per
 * thread. */

typedef enum cc_x12_kind {
  CC_X12_ISA = 0,
  CC_X12_GS,
  CC_X12_ST,
  CC_X12_BODY, /* a segment between ST and SE */
  CC_X12_SE,
  CC_X12_GE,
  CC_X12_IEA,
  CC_X12_TA1,
  CC_X12_STRAY /* a body segment outside any ST..SE */
} cc_x12_kind;

typedef struct cc_x12_item {
  const cc_x12_seg *seg;  /* borrowed; valid until the next call */
  cc_x12_kind kind;
  const char *loop_id;    /* "2300"; "ST" for the set's header level; "ISA",
                             "GS" for envelopes; "" when unknown. Never NULL */
  const char *loop_name;  /* "Claim Information"; "" when unknown */
  const char *seg_name;   /* TR3 name of this segment use, else the
                             dictionary's name, else "" */
  uint16_t depth;         /* 0 ISA/IEA, 1 GS/GE, 2 ST/SE and the ST level,
                             3.. for nested loops */
  bool loop_start;        /* this segment opened a new loop instance */
  uint32_t st_pos;        /* 1-based position within ST..SE, 0 outside */
  uint32_t set_index;     /* 1-based transaction set number in the input */
  uint32_t group_index;   /* 1-based functional group number */
  const char *st01;       /* "837", "835"... ; "" outside a set */
  const char *version;    /* guide version in use ("005010X222A1"); "" when
                             the set's guide has no tables here */
  const void *use_;       /* private: segment use definition, may be NULL */
  const void *def_;       /* private: dictionary entry, may be NULL */
  const void *tabs_;      /* private: the tables def_ belongs to */
} cc_x12_item;

typedef struct cc_x12_reader cc_x12_reader;

/* A reader over lx (borrowed: the caller frees it after the reader).
 * Returns owned; NULL when out of memory. */
cc_x12_reader *cc_x12_reader_new(cc_x12_lexer *lx);
void cc_x12_reader_free(cc_x12_reader *r); /* NULL is a no-op */
/* Next segment with its place. CC_E_EOF at the end of input; the lexer's
 * error (err filled) when bytes cannot be read as X12. */
cc_code cc_x12_reader_next(cc_x12_reader *r, cc_x12_item *it,
                           cc_err *err) CC_WARN_UNUSED;
/* Name of element pos (1-based; comp 0 = the element, else a component of
 * a composite) of the item's segment, from the dictionary; "" if unknown. */
const char *cc_x12_elem_name(const cc_x12_item *it, unsigned pos,
                             unsigned comp);
/* Element value: repetition 0, component comp (0 = whole element), using
 * the interchange's delimiters; empty slice when absent. */
cc_slice cc_x12_item_value(const cc_x12_reader *r, const cc_x12_item *it,
                           unsigned pos, unsigned comp);

/* ------------------------------------------------------------- findings -- */

typedef enum cc_severity {
  CC_SEV_ERROR = 0,   /* blocks acceptance */
  CC_SEV_WARNING = 1, /* reported, does not reject */
  CC_SEV_INFO = 2
} cc_severity;

const char *cc_severity_name(cc_severity s); /* "error", "warning", "info" */

/* One validation finding. `where` carries the position: file, seg_pos
 * (segment number within the file), loop_id, seg_id, elem_pos, comp_pos,
 * byte_off; msg/detail carry the text. */
/* Which acknowledgment segment a finding belongs in. */
typedef enum cc_x12_ack_level {
  CC_ACK_NONE = 0,    /* not reported in a 999 (e.g. balancing, SNIP 3-4) */
  CC_ACK_SEGMENT,     /* IK3, ack_code is IK304 */
  CC_ACK_ELEMENT,     /* IK4 (under an IK3 ... 8), ack_code is IK403 */
  CC_ACK_SET,         /* IK5, ack_code is IK502 */
  CC_ACK_GROUP,       /* AK9, ack_code is AK905 */
  CC_ACK_INTERCHANGE  /* TA1, ack_code is TA105 */
} cc_x12_ack_level;

typedef struct cc_x12_finding {
  cc_x12_ack_level level;
  cc_severity sev;
  uint8_t snip;        /* WEDI SNIP level 1..7 */
  char ack_code[4];    /* 999 code: IK304 for segment-level, IK403 for element
                          level (e.g. "3", "I4", "7"); "" when none */
  uint32_t st_seg_pos; /* 1-based position within ST..SE, for IK302 */
  uint64_t set_index;  /* which transaction set (1-based in the file) */
  cc_err where;
} cc_x12_finding;

typedef void (*cc_x12_finding_fn)(void *ctx, const cc_x12_finding *f);

/* What a validation run saw. */
typedef struct cc_x12_summary {
  uint32_t interchanges, groups, sets;
  uint32_t errors, warnings;
  uint32_t sets_unchecked; /* sets whose guide has no tables here */
  char unchecked_guides[128]; /* e.g. "005010X224A2 (837)" list */
  uint64_t segments, bytes;
  uint32_t chunks;  /* cc_x12_validate_file_opts: chunks validated in
                       parallel (0: the serial path) */
  bool fell_back;   /* it started in parallel and finished serially */
} cc_x12_summary;

/* Validate every interchange in a file at SNIP levels 1-4 (5 when code sets
 * are given through opts in later versions). Findings go to fn as they are
 * found. Returns CC_OK when the file could be read at all (even with
 * findings), an error code when it could not be opened. */
cc_code cc_x12_validate_file(const char *path, cc_x12_finding_fn fn, void *ctx,
                             cc_x12_summary *sum, cc_err *err) CC_WARN_UNUSED;
cc_code cc_x12_validate_mem(const char *p, size_t n, const char *name,
                            cc_x12_finding_fn fn, void *ctx,
                            cc_x12_summary *sum, cc_err *err) CC_WARN_UNUSED;

/* Parallel validation of a big file. The file is cut before ST segments
 * into chunks of about chunk_bytes, which threads workers validate at the
 * same time; findings reach fn in file order from the calling thread, and
 * they and the summary are the ones cc_x12_validate_file gives (the same
 * sequence, field for field). Memory stays flat: at most threads + 2
 * chunks are held. A file smaller than min_bytes, anything but a regular
 * file, or threads 1 take the serial path. Zeros mean the defaults:
 * threads cc_x12_validate_threads(0), chunk_bytes 4 MB, min_bytes 8 MB. */
typedef struct cc_x12_validate_opts {
  unsigned threads;
  size_t chunk_bytes;
  uint64_t min_bytes;
} cc_x12_validate_opts;

cc_code cc_x12_validate_file_opts(const char *path,
                                  const cc_x12_validate_opts *o,
                                  cc_x12_finding_fn fn, void *ctx,
                                  cc_x12_summary *sum,
                                  cc_err *err) CC_WARN_UNUSED;
/* Worker threads for a request: want itself when not 0 (at most 64), else
 * the online CPUs, at most 4. */
unsigned cc_x12_validate_threads(unsigned want);

/* Print findings the way `cleanclaim x12 validate` does: one line
 * "FILE:SEGMENT:ELEMENT: severity: message (loop L, segment S)" or, with
 * json, one JSON object per line. */
void cc_x12_finding_print(const cc_x12_finding *f, bool json, FILE *out);

/* The interchange as an indented tree (loop names, segment and element
 * names) or as JSON (interchanges > groups > sets > nested loops). Reads the
 * whole input; findings are not reported here (use validate). */
cc_code cc_x12_show_mem(const char *p, size_t n, const char *name, FILE *out,
                        cc_err *err) CC_WARN_UNUSED;
cc_code cc_x12_json_mem(const char *p, size_t n, const char *name, FILE *out,
                        cc_err *err) CC_WARN_UNUSED;

/* Write the 999 for a received interchange (or a TA1 when its envelope is
 * broken) into out. ctl is the ISA13 to use for the acknowledgment; with
 * several interchanges in the input, each gets its own acknowledgment
 * interchange numbered ctl, ctl+1, ... (after 999999999 comes 1). */
cc_code cc_x12_ack_mem(const char *p, size_t n, const char *name, cc_buf *out,
                       uint32_t ctl, cc_err *err) CC_WARN_UNUSED;

#endif
