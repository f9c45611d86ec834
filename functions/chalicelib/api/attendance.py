"""The attendance export (XLSX) of a session: every confirmed registration, whether and when it
was checked in, with bilingual headers. openpyxl is imported here, on the first export.

Every value is written as text, never as a formula: a participant's name such as "=HYPERLINK(…)"
must not run in the organiser's spreadsheet (CSV/formula injection)."""
from __future__ import annotations

import io

from ..domain.calendar import BEIJING
from ..service_layer.organiser import SessionLists

HEADERS = (("序号", "No."), ("报名编号", "Registration no."), ("单位", "Organisation"),
           ("统一社会信用代码", "Unified social credit code"), ("参加人", "Participant"), ("人数", "Seats"),
           ("已签到", "Checked in"), ("签到时间（北京时间）", "Check-in time (Beijing)"))
YES, NO = "是 Yes", "否 No"
TOTAL = "合计 Total"


def filename(training_id: str) -> str:
    return f"attendance-{training_id}.xlsx"


def attendance_xlsx(found: SessionLists) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    t = found.training
    book = Workbook()
    sheet = book.active
    sheet.title = "签到 Attendance"
    sheet.append([f"{t.title.zh} / {t.title.en}"])
    sheet.append([f"{t.start:%Y-%m-%d %H:%M}–{t.end:%H:%M}"])
    sheet.append([f"{zh} {en}" for zh, en in HEADERS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for i, r in enumerate(found.confirmed, 1):
        at = r.checked_in_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else ""
        sheet.append([i, r.registration_no, r.organisation, r.uscc, r.participant_name, r.seats,
                      YES if r.checked_in_at else NO, at])
    present = [r for r in found.confirmed if r.checked_in_at]
    sheet.append([TOTAL, None, None, None, f"{len(present)} / {len(found.confirmed)}",
                  f"{sum(r.seats for r in present)} / {sum(r.seats for r in found.confirmed)}"])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with "="
    for column, width in zip("ABCDEFGH", (6, 18, 30, 22, 14, 8, 10, 20)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
