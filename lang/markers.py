"""Words that mark the parts of the layout every administrative document
shares (Decree 30/2020/NĐ-CP), used by the readers and the normalizers alike."""
from __future__ import annotations

import regex

# "Nơi nhận:" opens the closing block: receivers on the left, the signature on the right
# (a scan may lose the tones: "Noi nhan")
RECEIVERS = regex.compile(r"^\s*N[ơo]i\s+nh[ậa]n\b", regex.I)
