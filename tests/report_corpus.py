"""A corpus of fictional GEP-NET report fragments with what the reader must find in each.

All fragments were written for this course; no real person or report. Each case names the fields
of :class:`gepnet_widgets.reading.ReportReading` it checks (a value of ``None`` means "must not be
found"), the check kinds that must appear (``checks``) or must not (``no_checks``), and finding
kinds that must (``kinds``) or must not (``not_kinds``) be present. Traps: "T cell", "M phase",
"N/A", "pN0 (0/12)", "M1 (liver)", dates, ID numbers, MRI "T2-weighted".
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expect: dict = field(default_factory=dict)
    checks: tuple[str, ...] = ()
    no_checks: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    not_kinds: tuple[str, ...] = ()
    edition: str = "ajcc9"


CASES: tuple[Case, ...] = (
    # --- the issue's own example, several phrasings -------------------------------------------
    Case("issue-example",
         "well-differentiated neuroendocrine tumour of the ileum, 2.3 cm, invades subserosa, "
         "Ki-67 4%, 3/15 lymph nodes positive, liver lesions",
         {"site": "jejunum_ileum", "size_cm": 2.3, "depth": "subserosa", "ki67_percent": 4.0,
          "nodes_positive": 3, "nodes_examined": 15, "t": "T3", "n": "N1", "m": None,
          "grade": "G2", "grade_stated": False, "differentiation": "well", "stage": None},
         checks=("stage_missing",), kinds=("metastasis_uncertain",)),
    Case("issue-example-mets",
         "Terminal ileum: well differentiated NET, 23 mm, into the subserosa. Ki67 index 4 "
         "percent. 3 of 15 nodes positive. Liver metastases.",
         {"site": "jejunum_ileum", "size_cm": 2.3, "ki67_percent": 4.0, "nodes_positive": 3,
          "nodes_examined": 15, "t": "T3", "n": "N1", "m": "M1a", "stage": "IV",
          "metastasis_sites": ("liver",)}),
    Case("ileum-compact-tnm", "Small bowel NET. pT3N1M1a. G2.",
         {"site": "jejunum_ileum", "t": "T3", "n": "N1", "m": "M1a", "t_prefix": "p",
          "stage": "IV", "grade": "G2", "grade_stated": True}),
    Case("ileum-spaced-tnm", "Ileal neuroendocrine tumour, pT3 pN1 M1a (liver).",
         {"t": "T3", "n": "N1", "m": "M1a", "stage": "IV", "metastasis_sites": ("liver",)},
         no_checks=("m_mismatch",)),
    Case("ileum-n2-count",
         "Jejunal NET, 1.8 cm, invading the muscularis propria; 14/20 lymph nodes involved.",
         {"site": "jejunum_ileum", "t": "T2", "n": "N2", "nodes_positive": 14,
          "nodes_examined": 20}),
    Case("ileum-mesenteric-mass",
         "Terminal ileum NET 1.2 cm, subserosal invasion. Mesenteric mass 3.5 cm encasing the "
         "superior mesenteric vessels. 2/9 nodes positive. No distant metastases.",
         {"t": "T3", "n": "N2", "m": "M0", "mesenteric_mass_cm": 3.5, "stage": "III"}),
    Case("ileum-small-mass",
         "Ileum: NET 0.9 cm confined to the submucosa. Mesenteric deposit 1.5 cm. 1 of 8 lymph "
         "nodes positive.",
         {"t": "T1", "n": "N1", "mesenteric_mass_cm": 1.5, "size_cm": 0.9}),
    Case("ileum-multifocal",
         "Multifocal well-differentiated NET of the terminal ileum (three tumours), the largest "
         "1.1 cm, reaching the muscularis propria. pT2(m) pN0 (0/12).",
         {"t": "T2", "n": "N0", "nodes_positive": 0, "nodes_examined": 12, "tumor_count": 3},
         kinds=("tumor_count",)),
    Case("ileum-n-mismatch", "Ileal NET, pN0, 2/14 lymph nodes positive.",
         {"n": "N0", "nodes_positive": 2}, checks=("n_mismatch",)),
    Case("ileum-t-mismatch",
         "Terminal ileum NET, 0.8 cm, confined to the submucosa. Reported as pT3.",
         {"t": "T3", "size_cm": 0.8, "depth": "submucosa"}, checks=("t_mismatch",)),
    Case("ileum-m-mismatch", "Ileal NET, M1a. Bone metastases in the spine.",
         {"m": "M1a", "metastasis_sites": ("extrahepatic",)}, checks=("m_mismatch",)),
    Case("ileum-peritoneal",
         "Ileal NET pT4 pN1; peritoneal deposits and liver metastases.",
         {"t": "T4", "n": "N1", "m": "M1c", "stage": "IV",
          "metastasis_sites": ("extrahepatic", "liver")}),
    # --- stomach, duodenum, ampulla -----------------------------------------------------------
    Case("stomach-t1", "Gastric body, endoscopic resection: NET G1, 0.5 cm, in the submucosa. "
         "Ki-67 1%. pT1 NX. No distant metastases.",
         {"site": "stomach", "t": "T1", "n": "NX", "m": "M0", "grade": "G1", "stage": "I"}),
    Case("stomach-t1-nx-8th", "Gastric body, endoscopic resection: NET G1, 0.5 cm, in the "
         "submucosa. pT1 NX. No distant metastases.",
         {"t": "T1", "n": "NX", "m": "M0", "stage": None}, checks=("stage_none",),
         edition="ajcc8"),
    Case("stomach-size", "Stomach (antrum): NET, 1.6 cm, muscularis propria not reached, "
         "submucosal invasion. 0/5 lymph nodes. No evidence of metastatic disease.",
         {"site": "stomach", "t": "T2", "n": "N0", "m": "M0", "stage": "II",
          "depth": "submucosa"}, kinds=("depth_negated",)),
    Case("duodenum-bulb", "Duodenal bulb: well differentiated NET, 0.7 cm, submucosa. "
         "Margins clear. cN0 cM0 on CT.",
         {"site": "duodenum", "t": "T1", "n": "N0", "m": "M0", "stage": "I"},
         kinds=("margin",)),
    Case("duodenum-pancreas", "Duodenal NET invading the pancreas, 2.2 cm. 1/6 nodes positive.",
         {"site": "duodenum", "t": "T3", "n": "N1", "depth": "pancreas_or_peripancreatic"}),
    Case("ampulla", "Ampulla of Vater: NET 0.8 cm confined within the sphincter of Oddi; "
         "0/4 lymph nodes; no distant metastases.",
         {"site": "ampulla", "t": "T1", "n": "N0", "m": "M0", "stage": "I"}),
    # --- appendix -----------------------------------------------------------------------------
    Case("appendix-t1", "Appendix (appendicectomy): well-differentiated NET, 1.5 cm, invading "
         "the muscularis propria. pT1. Margins clear.",
         {"site": "appendix", "t": "T1", "size_cm": 1.5}),
    Case("appendix-meso", "Appendiceal NET, 0.9 cm, with involvement of the mesoappendix.",
         {"site": "appendix", "t": "T3", "depth": "mesoappendix"}),
    Case("appendix-4cm", "Appendix: NET measuring 4.5 x 2.0 x 1.8 cm, submucosa.",
         {"size_cm": 4.5, "t": "T3"}),
    Case("appendix-mm", "Appendiceal NET 12 mm, confined to the submucosa, tip of appendix.",
         {"size_cm": 1.2, "t": "T1"}),
    # --- colon and rectum ---------------------------------------------------------------------
    Case("rectum-t1a", "Rectal polyp: NET 0.6 cm, submucosa, Ki-67 <1%, grade 1. pT1a NX",
         {"site": "colon_rectum", "t": "T1a", "n": "NX", "m": None, "ki67_percent": 1.0,
          "grade": "G1", "stage": None}, checks=("stage_missing",)),
    Case("rectum-t1b-stage", "Rectum: NET 1.4 cm, submucosal. pT1b pN0 cM0.",
         {"t": "T1b", "n": "N0", "m": "M0", "stage": "I"}),
    Case("rectum-iia", "Rectal NET, 1.5 cm, invades the muscularis propria. 0/11 lymph nodes "
         "positive. No distant metastases.",
         {"t": "T2", "n": "N0", "m": "M0", "stage": "IIA"}),
    Case("caecum", "Caecal NET, 3.2 cm, through the muscularis propria into pericolic fat; "
         "4/18 nodes positive; M0.",
         {"site": "colon_rectum", "t": "T3", "n": "N1", "m": "M0", "stage": "IIIB"}),
    Case("sigmoid", "Sigmoid colon: neuroendocrine tumour 2.5 cm reaching the serosa "
         "(visceral peritoneum). pN0. M0.",
         {"site": "colon_rectum", "t": "T4", "n": "N0", "m": "M0", "stage": "IIIA"}),
    # --- pancreas -----------------------------------------------------------------------------
    Case("pancreas-tail", "Distal pancreatectomy (tail of pancreas): NET G2, 2.4 cm, confined "
         "to the pancreas. Ki-67 8%. 0/9 nodes. M0.",
         {"site": "pancreas", "t": "T2", "n": "N0", "m": "M0", "stage": "II", "grade": "G2"}),
    Case("pancreas-fat", "Pancreatic head NET, 1.5 cm, extending into peripancreatic fat. "
         "pN1 (2/10).",
         {"site": "pancreas", "t": "T1", "n": "N1", "depth": "peripancreatic_fat",
          "nodes_positive": 2, "nodes_examined": 10}),
    Case("pancreas-vessel", "Pancreatic body NET invading the wall of the superior mesenteric "
         "artery, 5 cm.",
         {"site": "pancreas", "t": "T4", "depth": "large_vessels"}),
    Case("pancreas-cbd", "Head of pancreas: NET 3.0 cm invading the common bile duct.",
         {"site": "pancreas", "t": "T3"}),
    Case("pancreas-multiple", "Pancreas: pT3(4) N0 M0, the largest tumour 4.2 cm.",
         {"t": "T3", "n": "N0", "m": "M0", "tumor_count": 4, "stage": "II"}),
    # --- grading ------------------------------------------------------------------------------
    Case("grade-mismatch", "Pancreatic NET, Ki-67 12%, reported as grade 1.",
         {"ki67_percent": 12.0, "grade": "G1", "grade_stated": True},
         checks=("grade_mismatch",)),
    Case("grade-mitoses-decide", "Ileal NET, Ki-67 2%, mitotic count 5 per 2 mm2, G1.",
         {"mitoses_per_2mm2": 5.0, "grade": "G1"}, checks=("grade_mismatch",)),
    Case("grade-agree", "NET G2, Ki-67 index 15%, mitoses 3/2 mm².",
         {"grade": "G2", "ki67_percent": 15.0, "mitoses_per_2mm2": 3.0},
         no_checks=("grade_mismatch",)),
    Case("grade-boundary-3", "Well-differentiated NET, Ki-67: 3%.",
         {"grade": "G2", "grade_stated": False}),
    Case("grade-boundary-20", "Well-differentiated NET, Ki-67 20%, grade 2.",
         {"grade": "G2"}, no_checks=("grade_mismatch",)),
    Case("grade-g3", "Well-differentiated NET, Ki-67 35%, WHO grade 3.",
         {"grade": "G3", "ki67_percent": 35.0}, no_checks=("grade_mismatch",)),
    Case("grade-words", "Low grade neuroendocrine tumour (MIB-1 labelling index 1.5%).",
         {"grade": "G1", "ki67_percent": 1.5}, no_checks=("grade_mismatch",)),
    Case("grade-intermediate", "Intermediate-grade NET; Ki-67 proliferation index of 7 %.",
         {"grade": "G2", "ki67_percent": 7.0}),
    Case("grade-roman", "Neuroendocrine tumour, grade II, Ki-67 25%.",
         {"grade": "G2"}, checks=("grade_mismatch",)),
    Case("hpf", "Mitotic count: 3/10 HPF. Ki-67 2%.",
         {"mitoses_per_2mm2": None, "mitoses_per_10hpf": 3.0, "grade": "G1"},
         checks=("hpf",), kinds=("mitoses_hpf",)),
    Case("hpf-words", "Mitoses 4 per 10 high power fields.",
         {"mitoses_per_10hpf": 4.0, "mitoses_per_2mm2": None}, checks=("hpf",)),
    Case("mitoses-10mm2", "Mitotic count 10 per 10 mm2.",
         {"mitoses_per_2mm2": 2.0}),
    Case("ki67-range", "Ki-67 index 2-4% in hot spots.",
         {"ki67_percent": 4.0, "grade": "G2"}, checks=("ki67_range",)),
    Case("grade-no-index", "Neuroendocrine tumour, G2.",
         {"grade": "G2", "ki67_percent": None}, checks=("grade_without_index",)),
    # --- NEC, MiNEN ---------------------------------------------------------------------------
    Case("nec-small", "Colon: poorly differentiated neuroendocrine carcinoma, small cell type, "
         "Ki-67 80%. pT3 pN1.",
         {"differentiation": "poor", "tumour_type": "NEC", "stage": None, "grade": None},
         checks=("nec",)),
    Case("nec-large", "Large cell neuroendocrine carcinoma of the stomach; Ki-67 60%.",
         {"tumour_type": "NEC", "differentiation": "poor", "stage": None}, checks=("nec",)),
    Case("minen", "Appendix: MiNEN (adenocarcinoma and neuroendocrine carcinoma components).",
         {"tumour_type": "MiNEN", "stage": None}, checks=("nec",)),
    Case("well-nec", "Well-differentiated neuroendocrine carcinoma of the pancreas.",
         {"tumour_type": "NEC"}, checks=("well_nec",)),
    # --- editions -----------------------------------------------------------------------------
    Case("uicc", "Staging (UICC TNM 8th edition): pT2 pN0.", {"t": "T2", "n": "N0"},
         checks=("uicc",)),
    Case("ajcc7", "AJCC 7th edition: pT2 N0 M0.", {"t": "T2"}, checks=("old_ajcc",)),
    Case("ajcc8-named", "Stage per AJCC 8th edition: pT1 pN0.", {}, checks=("edition_differs",)),
    Case("who2010", "Classified by WHO 2010 as NET G1.", {"grade": "G1"}, checks=("old_who",)),
    Case("carcinoid", "Carcinoid tumour of the appendix, 0.8 cm.",
         {"site": "appendix", "tumour_type": "NET"}, checks=("carcinoid",)),
    # --- other items --------------------------------------------------------------------------
    Case("stains", "Tumour cells positive for synaptophysin, chromogranin A and INSM1; CDX2 "
         "positive; SSTR2 strongly positive; p53 wild-type pattern; Rb retained.",
         {}, kinds=("stain_item",)),
    Case("lvi", "Lymphovascular invasion: not identified. Perineural invasion present. L0 V0 Pn1.",
         {}, kinds=("invasion_vessels",)),
    Case("imaging", "68Ga-DOTATATE PET/CT: avid uptake, Krenning score 4. FDG PET negative. "
         "SUVmax 24.",
         {}, kinds=("imaging_item", "krenning", "suv")),
    Case("markers", "24-hour urine 5-HIAA raised at 180 umol/24h. Fasting gastrin normal.",
         {}, kinds=("marker_item",)),
    Case("margins-r1", "Resection margin involved (R1).", {}, kinds=("margin",)),
    # --- traps --------------------------------------------------------------------------------
    Case("trap-t-cell", "Background mucosa with T cell infiltrate; cells in M phase are "
         "counted; N/A for nodes.",
         {"t": None, "n": None, "m": None}, not_kinds=("t", "n", "m")),
    Case("trap-t2-weighted", "MRI liver: T2-weighted images show no lesion.",
         {"t": None}, kinds=("imaging_weighting",), not_kinds=("t",)),
    Case("trap-dates-ids",
         "Report date 12/03/2024. Lab number S24-12345. MRN 00123456. Collected 3 March 2024. "
         "Ileal NET 1.5 cm, muscularis propria.",
         {"size_cm": 1.5, "t": "T2", "nodes_positive": None, "nodes_examined": None},
         kinds=("date", "identifier"), not_kinds=("nodes",)),
    Case("trap-age", "A 62-year-old with a rectal NET, 0.4 cm, mucosa.",
         {"size_cm": 0.4, "t": "T1a"}, kinds=("personal",)),
    Case("trap-margin-distance", "Appendix NET 1.1 cm; the tumour lies 0.3 cm from the "
         "resection margin.",
         {"size_cm": 1.1}, kinds=("size_other",)),
    Case("trap-node-size", "Ileal NET 1.9 cm; the largest lymph node measures 2.5 cm.",
         {"size_cm": 1.9}),
    Case("trap-liver-size", "Rectal NET 0.8 cm. Liver lesion 4 cm in segment 7.",
         {"size_cm": 0.8, "metastasis_sites": ()}, kinds=("metastasis_uncertain",)),
    Case("trap-no-liver-mets", "No liver metastases. Stomach NET, 0.9 cm.",
         {"metastasis_sites": (), "m": None}, kinds=("metastasis_none",)),
    Case("trap-serosa-intact", "Ileal NET, 2.0 cm, subserosal; serosa intact.",
         {"depth": "subserosa", "t": "T3"}, kinds=("depth_negated",)),
    Case("trap-pn0-ratio", "pN0 (0/12)", {"n": "N0", "nodes_positive": 0, "nodes_examined": 12}),
    Case("trap-m1-liver", "M1 (liver)", {"m": "M1", "metastasis_sites": ("liver",)},
         checks=("m1_unsplit",), no_checks=("m_mismatch",)),
    Case("trap-percent-other", "Adenocarcinoma component about 40% of the tumour.",
         {"ki67_percent": None}),
    Case("trap-lowercase", "ileum net, pt3 pn1 m0, ki67 5 percent.",
         {"site": "jejunum_ileum", "t": "T3", "n": "N1", "m": "M0", "ki67_percent": 5.0,
          "stage": "III"}),
    Case("trap-no-site", "pT2 pN0 M0, Ki-67 2%.",
         {"site": None, "stage": None, "grade": "G1"}, checks=("stage_missing",)),
    Case("trap-impossible-nodes", "Ileal NET, 5/3 lymph nodes positive.", {},
         checks=("nodes_impossible",)),
    Case("trap-ki67-impossible", "Ki-67 index 140%.", {}, checks=("ki67_impossible",)),
    Case("trap-three-of-fifteen", "three of fifteen lymph nodes positive",
         {"nodes_examined": None}),
    # --- clinical review 2026 (lesson 8): descriptors that look like TNM codes ----------------
    Case("pn1-is-perineural", "Rectal NET, 1.5 cm, muscularis propria. Perineural invasion: "
         "present (Pn1). No distant metastases.",
         {"t": "T2", "n": None, "m": "M0", "t_prefix": None, "stage": None},
         kinds=("invasion_vessels",)),
    Case("pn1-l0-v0-r0-list", "Ileal NET, 2 cm, subserosa, 0/10 nodes. Pn1, L0, V0, R0",
         {"t": "T3", "n": "N0", "t_prefix": None, "nodes_positive": 0},
         kinds=("invasion_vessels", "margin"), no_checks=("n_mismatch",)),
    Case("tnm-then-descriptors", "Ileal NET. pT2 pN0 L1 V2 Pn0 R1. No distant metastases.",
         {"t": "T2", "n": "N0", "m": "M0", "t_prefix": "p", "stage": "II"},
         kinds=("invasion_vessels", "margin")),
    Case("pn0-before-tnm", "Appendix NET, Pn0 LX VX, pT1 pN0 cM0.",
         {"t": "T1", "n": "N0", "m": "M0", "stage": "I"}, kinds=("invasion_vessels",)),
    # --- a stage group the report states ------------------------------------------------------
    Case("stated-stage-wrong-rectum", "Rectal NET 1.5 cm, muscularis propria, 0/4 nodes, no "
         "distant metastases. Stage I.",
         {"stage": "IIA", "stage_stated": "I"}, checks=("stage_mismatch",)),
    Case("stated-stage-wrong-colon", "Colon NET 3 cm, subserosa, N0, M0. Stage IIIA.",
         {"stage": "IIB", "stage_stated": "IIIA"}, checks=("stage_mismatch",)),
    Case("stated-stage-not-at-ileum", "Ileum NET 3 cm, subserosa, N0, M0. Stage IIIB",
         {"stage": "II", "stage_stated": "IIIB"}, checks=("stage_not_at_site",),
         no_checks=("stage_mismatch",)),
    Case("stated-stage-arabic-fits", "Ileal NET 3 cm, subserosa, 0/9 nodes, no distant "
         "metastases; stage 2.",
         {"stage": "II", "stage_stated": "II"},
         no_checks=("stage_mismatch", "stage_not_at_site", "stage_stated_unchecked")),
    Case("stated-stage-ii-fits-iia", "Rectal NET 1.5 cm, muscularis propria, N0, M0, stage II.",
         {"stage": "IIA", "stage_stated": "II"}, no_checks=("stage_mismatch",)),
    Case("stated-stage-other-edition", "Duodenal NET 0.7 cm, submucosa, T1 NX M0, stage I.",
         {"stage": None, "stage_stated": "I"}, checks=("stage_stated_unchecked",),
         edition="ajcc8"),
    # --- receptor imaging, grading flags, editions ----------------------------------------------
    Case("sstr-small-g1-rectal", "Rectal polyp, endoscopic resection: well-differentiated NET, "
         "0.6 cm, confined to the submucosa. Ki-67 <1%, grade 1. No lymph nodes in the "
         "specimen (NX). pT1a NX",
         {"sstr_not_routine": True, "ki67_qualifier": "<"}, checks=("sstr_not_routine",)),
    Case("sstr-small-g1-appendix", "Appendix NET G1, 1.2 cm, muscularis propria, Ki-67 1%, 0/2 "
         "nodes, no distant metastases.",
         {"sstr_not_routine": True, "stage": "I"}, checks=("sstr_not_routine",)),
    Case("sstr-rectal-t1b-asks", "Rectal NET 1.5 cm, submucosa, Ki-67 1%, G1, N0, M0.",
         {"sstr_not_routine": False, "t": "T1b"}, no_checks=("sstr_not_routine",)),
    Case("sstr-colon-asks", "Sigmoid colon NET 0.6 cm, submucosa, Ki-67 1%, G1, N0, M0.",
         {"sstr_not_routine": False}, no_checks=("sstr_not_routine",)),
    Case("sstr-rectal-g2-asks", "Rectal NET 0.6 cm, submucosa, Ki-67 5%, N0, M0.",
         {"sstr_not_routine": False, "grade": "G2"}),
    Case("sstr-rectal-lvi-asks", "Rectal NET 0.6 cm, submucosa, Ki-67 1%, G1, L1, N0, M0.",
         {"sstr_not_routine": False}),
    Case("grade-review-very-high", "Well-differentiated NET, Ki-67 80%.",
         {"grade": "G3"}, checks=("grade_review",)),
    Case("grade-review-nec-low-ki67", "Poorly differentiated NEC, Ki-67 15%.",
         {"grade": None}, checks=("grade_review",)),
    Case("grade-provisional-mitoses", "Ileal NET, mitoses 5 per 2 mm2.",
         {"grade": "G2"}, checks=("grade_provisional",)),
    Case("grade-ki67-only-no-flag", "Ileal NET, Ki-67 5%.",
         {"grade": "G2"}, no_checks=("grade_provisional", "grade_review")),
    Case("pancreas-g3-ajcc8", "Pancreatic NET G3, well differentiated, Ki-67 35%, 3 cm, "
         "confined to the pancreas, 0/10 nodes, no distant metastases.",
         {"grade": "G3", "stage": "II"}, checks=("pancreas_g3_ajcc8",), edition="ajcc8"),
    Case("pancreas-g3-ajcc9", "Pancreatic NET G3, well differentiated, Ki-67 35%, 3 cm, "
         "confined to the pancreas, 0/10 nodes, no distant metastases.",
         {"grade": "G3", "stage": "II"}, no_checks=("pancreas_g3_ajcc8",)),
    # --- wording a report uses -------------------------------------------------------------------
    Case("ki67-mib1-brackets", "Ileal NET. Ki-67 (MIB-1) 8%.",
         {"ki67_percent": 8.0, "grade": "G2", "unrecognised": ()}),
    Case("net-g1-is-a-net", "Rectal polyp 0.8 cm removed endoscopically, NET G1, no lymph "
         "nodes.",
         {"tumour_type": "NET", "grade": "G1", "n": "NX"}, kinds=("procedure", "type_net")),
    Case("no-lymph-nodes-submitted", "Gastric NET 0.5 cm, submucosa. No lymph nodes submitted.",
         {"n": "NX"}),
    Case("derived-t-no-prefix", "Pancreatic NET, 3 cm, confined to the pancreas, Ki-67 <1%. cM0",
         {"t": "T2", "t_prefix": None, "m": "M0", "ki67_qualifier": "<"}),
)
