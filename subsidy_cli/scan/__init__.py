"""Reading dossier files: invoices (PDF, OFD), contracts, settlement sheets, payment proofs.

``scan_dossier`` walks a dossier folder and classifies every file; pypdf, python-docx and
openpyxl are imported only when a file is read.
"""

from .dossier import Problem, ScannedFile, ocr_missing, scan_dossier, shared_pool

__all__ = ["Problem", "ScannedFile", "ocr_missing", "scan_dossier", "shared_pool"]
