/* elig_env.c - envelopes for what the practice sends payers (270, 276) and
 * the small reading helpers the 271 and 277 intake share. */
#include <stdarg.h>
#include <string.h>

#include "elig_int.h"

static const char *or(const char *a, const char *b) {
  return a && *a ? a : b;
}

cc_code elig_open(cc_store *s, cc_arena *a, elig_out *o, cc_buf *out,
                  const char *func_id, const char *st01, const char *version,
                  cc_err *err) {
  memset(o, 0, sizeof *o);
  o->out = out;
  o->err = err;
  cc_code rc = store_elig_practice(s, a, &o->pr, err);
  if (rc) return rc;
  if (!o->pr.submitter_id || !o->pr.receiver_id)
    return cc_err_set(err, CC_E_INVALID, "practice settings incomplete",
                      "set the practice's submitter ID and receiver ID (the "
                      "clearinghouse's) before sending anything");
  uint32_t isa, gs, st;
  if ((rc = store_x12_counter_next(s, "isa", 1, &isa, err)) ||
      (rc = store_x12_counter_next(s, "gs", 1, &gs, err)) ||
      (rc = store_x12_counter_next(s, "st", 1, &st, err)))
    return rc;
  snprintf(o->isa, sizeof o->isa, "%09u", isa);
  snprintf(o->gs, sizeof o->gs, "%u", gs);
  /* ST02 is 4-9 characters; zero-padding to 4 keeps small numbers valid. */
  snprintf(o->st, sizeof o->st, "%04u", st);
  cc_day today = cc_date_today();
  o->env = (cc_x12_envelope){
      .sender_qual = or(o->pr.isa_sender_qual, "ZZ"),
      .sender_id = o->pr.submitter_id,
      .receiver_qual = or(o->pr.isa_receiver_qual, "ZZ"),
      .receiver_id = o->pr.receiver_id,
      .gs_sender = o->pr.submitter_id,
      .gs_receiver = o->pr.receiver_id,
      .func_id = func_id,
      .version = version,
      .isa_control = isa,
      .gs_control = gs,
      .date = today,
      .hhmm = 1200,
      .usage = o->pr.usage && o->pr.usage[0] == 'P' ? 'P' : 'T',
  };
  cc_x12_writer_init(&o->w, out,
                     (cc_x12_delims){.elem = '*', .rep = '^', .comp = ':',
                                     .seg = '~'},
                     "\n", err);
  if ((rc = cc_x12_write_open(&o->w, &o->env))) return rc;
  return cc_x12_write_st(&o->w, st01, o->st, version);
}

cc_code elig_seg(elig_out *o, const char *id, ...) {
  const char *v[CC_MAX_ELEMENTS_PER_SEGMENT];
  size_t n = 0;
  va_list ap;
  va_start(ap, id);
  /* The list ends with the sentinel (const char *)-1 so that NULL can mean
   * an empty element in the middle. */
  for (const char *x; (x = va_arg(ap, const char *)) != (const char *)-1 &&
                      n < CC_MAX_ELEMENTS_PER_SEGMENT;)
    v[n++] = x;
  va_end(ap);
  return cc_x12_write(&o->w, id, n, v);
}

cc_code elig_close(cc_store *s, elig_out *o, size_t start, const char *kind,
                   const char *path, cc_err *err) {
  cc_code rc;
  if ((rc = cc_x12_write_se(&o->w, o->st)) ||
      (rc = cc_x12_write_close(&o->w, &o->env, 1)))
    return rc;
  store_x12_file f = {.direction = "out", .kind = kind, .path = path,
                      .isa_control = o->isa, .gs_control = o->gs,
                      .st_control = o->st, .version = o->env.version,
                      .content = o->out->p + start,
                      .n = o->out->n - start};
  return store_x12_file_add(s, &f, NULL, err);
}

char *elig_val(const cc_x12_reader *r, const cc_x12_item *it, unsigned pos,
               unsigned comp, char *buf, size_t cap) {
  return cc_slice_copy(cc_x12_item_value(r, it, pos, comp), buf, cap);
}

char *elig_d8_iso(const char *d8, char *iso) {
  cc_day d;
  iso[0] = 0;
  if (cc_date_parse_d8(cc_slice_cstr(d8), &d) == CC_OK) cc_date_iso(d, iso);
  return iso;
}

char *elig_iso_d8(const char *iso, char *d8) {
  cc_day d;
  d8[0] = 0;
  if (iso && cc_date_parse_iso(cc_slice_cstr(iso), &d) == CC_OK)
    cc_date_d8(d, d8);
  return d8;
}
