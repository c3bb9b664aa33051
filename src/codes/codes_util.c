/* codes_util.c - small pieces the code-set loaders and the snapshot share:
 * kind names, packing codes into integers, splitting CSV and TSV lines. */
#include <string.h>

#include "codes_int.h"

static const char *kind_names[CC_CODES_N_KINDS] = {
    "icd10cm", "hcpcs", "cpt", "modifiers", "pos", "carc",
    "rarc", "taxonomy", "ncci-ptp", "mue", "mce",
};

const char *cc_codes_kind_name(cc_codes_kind k) {
  return (unsigned)k < CC_CODES_N_KINDS ? kind_names[k] : "?";
}

bool cc_codes_kind_parse(const char *name, cc_codes_kind *out) {
  static const struct { const char *alias; cc_codes_kind k; } aliases[] = {
      {"icd10", CC_CODES_ICD10CM},    {"icd-10-cm", CC_CODES_ICD10CM},
      {"modifier", CC_CODES_MODIFIER}, {"ptp", CC_CODES_PTP},
      {"ncci", CC_CODES_PTP},          {"nucc", CC_CODES_TAXONOMY},
  };
  for (int i = 0; i < CC_CODES_N_KINDS; i++)
    if (strcmp(name, kind_names[i]) == 0) {
      *out = (cc_codes_kind)i;
      return true;
    }
  for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
    if (strcmp(name, aliases[i].alias) == 0) {
      *out = aliases[i].k;
      return true;
    }
  return false;
}

uint64_t codes_pack(cc_slice code) {
  uint64_t v = 0;
  int n = 0;
  for (size_t i = 0; i < code.n; i++) {
    unsigned char c = (unsigned char)code.p[i];
    unsigned d;
    if (c == '.') continue;
    if (c >= '0' && c <= '9')
      d = c - '0' + 1u;
    else if (c >= 'A' && c <= 'Z')
      d = c - 'A' + 11u;
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 11u;
    else
      return 0;
    if (++n > 12) return 0;
    v = v * 37 + d;
  }
  if (n == 0) return 0;
  for (; n < 12; n++) v *= 37; /* pad: shorter codes sort first */
  return v;
}

int codes_split(cc_slice line, char sep, bool quotes, cc_slice *fields,
                int max, char *scratch) {
  int n = 0;
  size_t i = 0;
  char *w = scratch;
  for (;;) {
    cc_slice f;
    if (quotes && i < line.n && line.p[i] == '"') {
      f.p = w;
      i++;
      for (;;) {
        if (i >= line.n) return -1;
        if (line.p[i] == '"') {
          if (i + 1 < line.n && line.p[i + 1] == '"') {
            *w++ = '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        *w++ = line.p[i++];
      }
      /* Anything between the closing quote and the separator is kept. */
      while (i < line.n && line.p[i] != sep) *w++ = line.p[i++];
      f.n = (size_t)(w - f.p);
    } else {
      f.p = line.p + i;
      while (i < line.n && line.p[i] != sep) i++;
      f.n = (size_t)(line.p + i - f.p);
    }
    if (n < max) fields[n] = f;
    n++;
    if (i >= line.n) break;
    i++; /* the separator */
  }
  return n;
}
