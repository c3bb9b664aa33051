/* codes_builtin.c - facts no public file in the shared data lists: the CPT
 * (Level I) modifiers, described in our own words (the AMA's descriptors are
 * licensed), and the place of service codes CMS assigned after the 2017 list
 * that ships with the data. Loaded by cc_codes_load_builtin. */
#include "codes_int.h"

const codes_builtin_row codes_cpt_modifiers[] = {
    {"22", "Increased procedural services: substantially more work than usual", NULL},
    {"23", "Unusual anesthesia: general anesthesia where usually none or local", NULL},
    {"24", "Unrelated E/M service by the same physician during a postoperative period", NULL},
    {"25", "Significant, separately identifiable E/M service on the day of a procedure", NULL},
    {"26", "Professional component only", NULL},
    {"27", "Multiple outpatient hospital E/M encounters on the same date", NULL},
    {"32", "Mandated service (required by a payer, agency or regulation)", NULL},
    {"33", "Preventive service (cost sharing waived under preventive care rules)", NULL},
    {"47", "Anesthesia given by the surgeon", NULL},
    {"50", "Bilateral procedure, both sides in the same session", NULL},
    {"51", "Multiple procedures in the same session", NULL},
    {"52", "Reduced services: part of the service was not performed", NULL},
    {"53", "Discontinued procedure (physician stopped for patient safety)", NULL},
    {"54", "Surgical care only (another provider gives pre/postoperative care)", NULL},
    {"55", "Postoperative management only", NULL},
    {"56", "Preoperative management only", NULL},
    {"57", "Decision for surgery made at this E/M visit", NULL},
    {"58", "Staged or related procedure by the same physician in the postoperative period", NULL},
    {"59", "Distinct procedural service (separate site, session, lesion or injury)", NULL},
    {"62", "Two surgeons, each performing a distinct part of one procedure", NULL},
    {"63", "Procedure on an infant weighing less than 4 kg", NULL},
    {"66", "Surgical team (several surgeons of different specialties)", NULL},
    {"73", "Discontinued outpatient hospital/ASC procedure before anesthesia", NULL},
    {"74", "Discontinued outpatient hospital/ASC procedure after anesthesia", NULL},
    {"76", "Repeat procedure or service by the same physician", NULL},
    {"77", "Repeat procedure or service by another physician", NULL},
    {"78", "Unplanned return to the operating room for a related procedure in the postoperative period", NULL},
    {"79", "Unrelated procedure by the same physician in the postoperative period", NULL},
    {"80", "Assistant surgeon", NULL},
    {"81", "Minimum assistant surgeon", NULL},
    {"82", "Assistant surgeon when no qualified resident surgeon is available", NULL},
    {"90", "Reference (outside) laboratory performed the test", NULL},
    {"91", "Repeat clinical diagnostic laboratory test on the same day for new results", NULL},
    {"92", "Alternative laboratory platform testing (e.g. a single-use kit)", NULL},
    {"93", "Synchronous telemedicine service by audio only", NULL},
    {"95", "Synchronous telemedicine service by real-time audio and video", NULL},
    {"96", "Habilitative service", NULL},
    {"97", "Rehabilitative service", NULL},
    {"99", "Multiple modifiers apply (listed elsewhere on the claim)", NULL},
    {"1P", "Performance measure exclusion: medical reasons", NULL},
    {"2P", "Performance measure exclusion: patient reasons", NULL},
    {"3P", "Performance measure exclusion: system reasons", NULL},
    {"8P", "Performance measure reporting: action not performed, reason not given", NULL},
};
const size_t codes_n_cpt_modifiers =
    sizeof codes_cpt_modifiers / sizeof *codes_cpt_modifiers;

/* Changes to the CMS place of service list since the 2017 copy in the shared
 * data (see its README). Dates are the CMS effective dates where we are sure
 * of them; NULL where not (the code is then valid for any date). */
const codes_builtin_row codes_pos_additions[] = {
    {"02", "Telehealth Provided Other than in Patient's Home", "2022-01-01"},
    {"10", "Telehealth Provided in Patient's Home", "2022-01-01"},
    {"27", "Outreach Site/Street", "2023-10-01"},
    {"58", "Non-residential Opioid Treatment Facility", "2020-01-01"},
    {"66", "Programs of All-Inclusive Care for the Elderly (PACE) Center", NULL},
};
const size_t codes_n_pos_additions =
    sizeof codes_pos_additions / sizeof *codes_pos_additions;
