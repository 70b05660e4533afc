"""Reads an export back with a reader that is not its writer and prints what it found as JSON.

    python3 read_back.py docx|xlsx|ics FILE [TIME_ZONE]

docx: the paragraphs and the table cells (python-docx); xlsx: the cells of the first sheet,
each with its Python type, or `formula` (openpyxl); ics: each event's UID, summary and local start and end in
TIME_ZONE (icalendar). The Rust tests in this folder run it and check the result.
"""
import json
import sys
from datetime import date, datetime, time


def docx(path):
    import docx as python_docx

    d = python_docx.Document(path)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    return {
        "paragraphs": [p.text for p in d.paragraphs],
        "styles": [p.style.name if p.style is not None else None for p in d.paragraphs],
        "tables": tables,
        "landscape": d.sections[0].page_width > d.sections[0].page_height,
    }


def cell(c):
    v = c.value
    if c.data_type == "f":
        return {"type": "formula", "value": str(v)}
    if isinstance(v, datetime):
        return {"type": "datetime", "value": v.isoformat()}
    if isinstance(v, time):
        return {"type": "time", "value": v.strftime("%H:%M")}
    if isinstance(v, date):
        return {"type": "date", "value": v.isoformat()}
    if isinstance(v, (int, float)):
        return {"type": "number", "value": v}
    if v is None:
        return None
    return {"type": "text", "value": str(v)}


def xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    return {
        "sheet": sheet.title,
        "rows": [[cell(c) for c in row] for row in sheet.iter_rows()],
        "formats": [[c.number_format for c in row] for row in sheet.iter_rows(max_row=2)],
    }


def ics(path, zone):
    import icalendar
    from zoneinfo import ZoneInfo

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    tz = ZoneInfo(zone)
    events = []
    for e in cal.walk("VEVENT"):
        start = e.decoded("DTSTART").astimezone(tz)
        end = e.decoded("DTEND").astimezone(tz)
        events.append(
            {
                "uid": str(e["UID"]),
                "summary": str(e["SUMMARY"]),
                "description": str(e.get("DESCRIPTION", "")),
                "start": start.strftime("%Y-%m-%d %H:%M"),
                "end": end.strftime("%Y-%m-%d %H:%M"),
                "sequence": int(e.get("SEQUENCE", 0)),
            }
        )
    return {"name": str(cal.get("X-WR-CALNAME", "")), "events": events}


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "docx":
        out = docx(path)
    elif kind == "xlsx":
        out = xlsx(path)
    elif kind == "ics":
        out = ics(path, sys.argv[3])
    else:
        raise SystemExit(f"unknown kind {kind}")
    json.dump(out, sys.stdout, ensure_ascii=False)
