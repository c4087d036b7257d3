"""Letters and contracts from DOCX templates (docxtpl): the R611-7 classification answer, the decision
letter, the inventor's yearly remuneration statement …

An app declares its `LetterKind`s in its AppConfig (`letters`): the model the letter is about, the
fields a template may use (with what each holds), the function giving their values for a record, and
the default text (English and French) from which valo builds the template when staff have not
uploaded one. A generated letter is stored on its record as two documents (DOCX and PDF), numbered
and logged like any document (valo.documents.services.attach).

A template uploaded by staff is checked first: a field it names that the kind does not know is
refused with the field named, and nothing is kept."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LetterKind:
    code: str
    label: Any
    model: str  # the record's model label ("inventions.Invention")
    fields: tuple[tuple[str, Any], ...]  # (name, what it holds) a template may use
    context: str  # dotted path: (record, **options) -> {field: value}, in the active language
    default: str  # dotted path: () -> (title, [paragraphs]) in the active language
    options: tuple[str, ...] = ()  # what the letter needs beyond its record ("year")
    # Who may generate it: whoever may change the record, or the holders of this capability.
    capability: str = ""
    # Dotted path of a function (record, documents, user, **options) called once it is kept (to
    # tell the person it concerns, say).
    after: str = ""
    # Dotted path of a function (record) -> bool: whether the letter is offered for this record
    # (an NDA's draft for a confidentiality agreement only); every record of the model when empty.
    applies: str = ""

    def applies_to(self, record: Any) -> bool:
        return not self.applies or bool(import_string(self.applies)(record))

    def field_names(self) -> set[str]:
        return {name for name, _help in self.fields} | {"today", "institution"}


def kinds() -> dict[str, LetterKind]:
    from valo.core.registry import valo_apps

    return {kind.code: kind for c in valo_apps() for kind in getattr(c, "letters", ())}


def kinds_for(record: Any) -> list[LetterKind]:
    label = f"{record._meta.app_label}.{record._meta.object_name}".lower()
    return [k for k in kinds().values() if k.model.lower() == label and k.applies_to(record)]


# --- templates ---------------------------------------------------------------------------------


def default_template(kind: LetterKind, language: str) -> bytes:
    """The kind's default DOCX in `language`, built from its text (paragraphs holding the fields as
    {{ name }}, loops as {%p for … %} paragraphs)."""
    from docx import Document as Docx

    with translation.override(language):  # lazy texts are read in the language asked
        title, paragraphs = import_string(kind.default)()
        title, paragraphs = str(title), [str(p) for p in paragraphs]
    document = Docx()
    document.add_paragraph("{{ institution }}")
    document.add_paragraph("{{ today }}")
    document.add_heading(str(title), level=1)
    for paragraph in paragraphs:
        document.add_paragraph(str(paragraph))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def template_fields(content: bytes) -> set[str]:
    """The top-level fields a DOCX template uses; ValidationError if it is no DOCX template."""
    from docxtpl import DocxTemplate

    try:
        return set(DocxTemplate(io.BytesIO(content)).get_undeclared_template_variables())
    except Exception as error:  # a damaged file, a Jinja syntax error: said, never a 500
        raise ValidationError(
            _("This is not a DOCX template valo can read: %(error)s") % {"error": error}
        ) from error


def check_template(kind: LetterKind, content: bytes) -> None:
    unknown = sorted(template_fields(content) - kind.field_names())
    if unknown:
        raise ValidationError(
            _(
                "The template uses fields that “%(kind)s” does not know: %(fields)s. Known: %(known)s."
            )
            % {
                "kind": kind.label,
                "fields": ", ".join(unknown),
                "known": ", ".join(sorted(kind.field_names())),
            }
        )


def current_template(kind: LetterKind, language: str) -> bytes:
    """The template staff uploaded for the kind and language (the latest), else the default."""
    from valo.documents.models import LetterTemplate

    uploaded = (
        LetterTemplate.objects.filter(kind=kind.code, language=language).order_by("-pk").first()
    )
    if uploaded is not None:
        with uploaded.file.open("rb") as handle:
            return handle.read()
    return default_template(kind, language)


# --- generating ---------------------------------------------------------------------------------


def render_docx(kind: LetterKind, record: Any, language: str, **options: Any) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(current_template(kind, language)))
    with translation.override(language):
        values = import_string(kind.context)(record, **options)
        values.setdefault("today", _long_date(timezone.localdate()))
        values.setdefault("institution", _institution())
        template.render(values, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _long_date(day: Any) -> str:
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def _institution() -> str:
    from valo.directory.models import Organization

    top = Organization.objects.filter(kind="institution").order_by("pk").first()
    return top.name if top else ""


def docx_to_pdf(content: bytes) -> bytes:
    """The DOCX as PDF: its text and tables as HTML (mammoth), printed by WeasyPrint."""
    import mammoth

    from valo.core.pdf import html_to_pdf

    html = mammoth.convert_to_html(io.BytesIO(content)).value
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        "@page { size: A4; margin: 2.5cm } body { font-family: sans-serif; font-size: 11pt; "
        "line-height: 1.4 } table { border-collapse: collapse } td, th { border: 1px solid #999; "
        "padding: 2pt 4pt }</style></head><body>" + html + "</body></html>"
    )
    return html_to_pdf(page)


def generate(
    kind: LetterKind,
    record: Any,
    *,
    user: Any,
    language: str,
    check_access: bool = True,
    **options: Any,
) -> list[Any]:
    """Render the letter for the record and keep it on the record as DOCX and PDF documents."""
    from valo.documents.models import DocumentKind
    from valo.documents.services import attach

    docx = render_docx(kind, record, language, **options)
    pdf = docx_to_pdf(docx)
    with translation.override(language):
        title = f"{kind.label} ({language.upper()})"
        if options.get("year"):
            title = f"{kind.label} {options['year']} ({language.upper()})"
    stem = kind.code.replace(".", "-")
    suffix = f"-{options['year']}" if options.get("year") else ""
    made = []
    for content, extension in ((docx, "docx"), (pdf, "pdf")):
        upload = ContentFile(content, name=f"{stem}{suffix}-{language}.{extension}")
        made.append(
            attach(
                record,
                upload,
                kind=DocumentKind.LETTER,
                title=f"{title} {extension.upper()}",
                user=user,
                check_access=check_access,
            )
        )
    if kind.after:
        import_string(kind.after)(record, made, user, **options)
    return made
