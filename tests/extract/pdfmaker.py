"""Small PDFs written by hand for tests: text in a standard font, form fields
whose appearance draws a value over the page, pages joined with images."""
from __future__ import annotations

import io


def _stream(body: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(body)} {extra}>>\nstream\n".encode() + body + b"\nendstream"


def text_pdf(lines: list[tuple[float, float, str]], fields: list[tuple[tuple, str]] = (), size: float = 12) -> bytes:
    """One A4 page: ``lines`` as (x, y, text) in Helvetica, and ``fields`` as
    ((x0, y0, x1, y1), value): signature-style widgets whose appearance draws
    the value, with no value in the field dictionary itself."""
    content = b"".join(f"BT /F1 {size} Tf {x} {y} Td ({t}) Tj ET\n".encode("latin-1") for x, y, t in lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,  # pages, filled below
        None,  # page
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(content),
    ]
    annots = []
    for (x0, y0, x1, y1), value in fields:
        ap = f"BT /F1 {size} Tf 2 4 Td ({value}) Tj ET".encode("latin-1")
        objects.append(_stream(ap, f"/Type /XObject /Subtype /Form /BBox [0 0 {x1 - x0} {y1 - y0}] "
                                   "/Resources << /Font << /F1 4 0 R >> >> "))
        ap_ref = len(objects)
        objects.append(f"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature{len(annots) + 1}) "
                       f"/Rect [{x0} {y0} {x1} {y1}] /F 4 /P 3 0 R /AP << /N {ap_ref} 0 R >> >>".encode())
        annots.append(f"{len(objects)} 0 R")
    objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objects[2] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
                  f"/Resources << /Font << /F1 4 0 R >> >> /Annots [{' '.join(annots)}] >>").encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for k, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{k} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def image_page_first(text_pdf_bytes: bytes, image) -> bytes:
    """``image`` (PIL) as a first page without text, before the pages of ``text_pdf_bytes``."""
    import pypdfium2 as pdfium
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=150)
    doc = pdfium.PdfDocument(text_pdf_bytes)
    doc.import_pages(pdfium.PdfDocument(buf.getvalue()), [0], index=0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
