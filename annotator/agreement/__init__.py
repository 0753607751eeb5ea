"""Inter-annotator agreement: span F1 (exact and overlap), token-level Cohen's and
Fleiss' kappa, Krippendorff's alpha on tokens and unitizing alpha on characters, per
label and overall, per document and over the corpus. Qt-free, standard library only.

    units.py          documents → spans per annotator, tokens, token labels
    ratings.py        token labels → counts of rating combinations
    span_f1.py        exact and overlap matching
    kappa.py, alpha.py  the coefficients
    disagreements.py  missing / label / boundary, for drill-down
    tally.py, scores.py, report.py   per document → corpus → AgreementReport
    table.py          the report as text tables
"""
from .report import AgreementError, AgreementReport, agreement
from .table import format_table
from .units import COVERAGE

__all__ = ["COVERAGE", "AgreementError", "AgreementReport", "agreement", "format_table"]
