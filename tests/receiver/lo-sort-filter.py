#!/usr/bin/env python3
"""
Receiver case i of tests/receiver/receiver.test.ts, done by LibreOffice itself (Python-UNO):
open a generated workbook, sort the first table block on 序时进度 / Progress by completion
(完成率) descending, put an autofilter on it that hides one group's rows, and save as .xlsx.

usage: lo-sort-filter.py PROFILE_DIR IN.xlsx OUT.xlsx GROUP_TO_HIDE [UNIT_NO]

With UNIT_NO (层层分解), each enterprise table sorts only the block of its rows whose 单位序号 /
Unit no. is UNIT_NO (a unit's enterprises, contiguous), by completion descending, and filters
nothing; the area, group and unit table is left as it is. Reports the first such block.

The block is what a receiver selects: the data rows under the first header row (a row with
本年累计 / YTD, 完成率 / Completion and a header containing 企业 / Enterprise) down to the first blank
row, across the header's contiguous columns. Starts its own soffice (headless, the given fresh
profile, a private pipe), and ends it. Prints one JSON line describing what it did.
Needs python3-uno (Debian package; LibreOffice's own Python bridge).
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import TableSortField
from com.sun.star.sheet import TableFilterField2
from com.sun.star.sheet.FilterOperator2 import NOT_EQUAL


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def text(cell):
    return cell.getString().strip()


def sort_unit_block(sheet, doc, hr, cells, c0, c1, r1, unit_no):
    """Sorts the rows of unit `unit_no` under header row `hr` by completion, descending."""
    uno_col = next((i for i, t in enumerate(cells) if t in ("单位序号", "Unit no.") and c0 <= i <= c1), None)
    if uno_col is None:
        raise RuntimeError("no 单位序号 / Unit no. column in the table")
    compl = cells.index("完成率") if "完成率" in cells else cells.index("Completion")
    names_col = next(
        i for i, t in enumerate(cells) if c0 <= i <= c1 and (("企业" in t and t != "企业数") or "Enterprise" in t)
    )
    rows = [
        r
        for r in range(hr + 1, r1 + 1)
        if sheet.getCellByPosition(uno_col, r).getType().value == "VALUE"
        and int(sheet.getCellByPosition(uno_col, r).getValue()) == unit_no
    ]
    if not rows:
        return None  # the area, group and unit table: no unit numbers
    ra, rb = rows[0], rows[-1]
    if rows != list(range(ra, rb + 1)):
        raise RuntimeError("the unit's rows are not contiguous")
    before = [sheet.getCellByPosition(names_col, r).getString() for r in rows]
    field = TableSortField()
    field.Field = compl - c0
    field.IsAscending = False
    descriptor = (
        prop("SortFields", uno_any((field,))),
        prop("ContainsHeader", False),
    )
    uno.invoke(sheet.getCellRangeByPosition(c0, ra, c1, rb), "sort", (descriptor,))
    doc.calculateAll()
    return {
        "header": hr + 1,
        "block": [ra + 1, rb + 1],
        "namesBefore": before,
        "namesAfter": [sheet.getCellByPosition(names_col, r).getString() for r in rows],
        "completionRightAfterSort": [sheet.getCellByPosition(compl, r).getValue() for r in rows],
    }


def uno_any(fields):
    # A sequence of structs must go through uno.Any, or pyuno passes an empty sort.
    return uno.Any("[]com.sun.star.table.TableSortField", fields)


def main():
    profile, src, dst, hide_group = sys.argv[1:5]
    unit_no = int(sys.argv[5]) if len(sys.argv) > 5 else None
    pipe = "fenjie_sort_%d" % os.getpid()
    proc = subprocess.Popen(
        [
            "soffice",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nofirststartwizard",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        for _ in range(600):
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
                )
                break
            except Exception:
                if proc.poll() is not None:
                    raise RuntimeError("soffice exited with %s" % proc.returncode)
                time.sleep(0.1)
        if ctx is None:
            raise RuntimeError("could not connect to soffice")
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),)
        )
        doc.calculateAll()
        sheets = doc.getSheets()
        sheet = None
        for name in ("序时进度", "Progress"):
            if sheets.hasByName(name):
                sheet = sheets.getByName(name)
        if sheet is None:
            raise RuntimeError("no 序时进度 / Progress sheet")
        used = sheet.createCursor()
        used.gotoEndOfUsedArea(False)
        last_row = used.getRangeAddress().EndRow
        last_col = used.getRangeAddress().EndColumn
        def is_header(cells):
            return (("本年累计" in cells and "完成率" in cells) or ("YTD" in cells and "Completion" in cells)) and any(
                ("企业" in t and t != "企业数") or "Enterprise" in t for t in cells
            )

        headers = []
        for r in range(0, last_row + 1):
            cells = [text(sheet.getCellByPosition(c, r)) for c in range(0, last_col + 1)]
            if is_header(cells):
                headers.append((r, cells))
        if not headers:
            raise RuntimeError("no header row on the progress sheet")

        def block_of(hr, cells):
            # The header's contiguous columns around 本年累计, and the rows under it to a blank row.
            ytd = cells.index("本年累计") if "本年累计" in cells else cells.index("YTD")
            c0 = ytd
            while c0 > 0 and cells[c0 - 1] != "":
                c0 -= 1
            c1 = ytd
            while c1 < len(cells) - 1 and cells[c1 + 1] != "":
                c1 += 1
            r1 = hr
            while r1 + 1 <= last_row and any(
                sheet.getCellByPosition(c, r1 + 1).getType().value != "EMPTY" for c in range(c0, c1 + 1)
            ):
                r1 += 1
            return c0, c1, r1

        # Every table on the sheet is sorted by completion, descending, as a receiver might sort
        # any of them (the area and group table as well as the enterprise tables).
        report = None
        for n, (hr, cells) in enumerate(headers):
            c0, c1, r1 = block_of(hr, cells)
            if r1 == hr:
                continue
            if unit_no is not None:
                found = sort_unit_block(sheet, doc, hr, cells, c0, c1, r1, unit_no)
                if found is not None and report is None:
                    report = dict(found, tablesSorted=len(headers))
                continue
            compl = cells.index("完成率") if "完成率" in cells else cells.index("Completion")
            names_col = next(
                i for i, t in enumerate(cells) if c0 <= i <= c1 and (("企业" in t and t != "企业数") or "Enterprise" in t)
            )
            group_col = next((i for i, t in enumerate(cells) if t in ("分组", "Group") and c0 <= i <= c1), None)
            block = sheet.getCellRangeByPosition(c0, hr + 1, c1, r1)
            field = TableSortField()
            field.Field = compl - c0
            field.IsAscending = False
            before = [sheet.getCellByPosition(names_col, r).getString() for r in range(hr + 1, r1 + 1)]
            # A sequence of structs must go through uno.Any, or pyuno passes an empty sort.
            descriptor = (
                prop("SortFields", uno.Any("[]com.sun.star.table.TableSortField", (field,))),
                prop("ContainsHeader", False),
            )
            uno.invoke(block, "sort", (descriptor,))
            doc.calculateAll()
            if n == 1:
                # The first enterprise table: reported, and filtered to hide one group.
                sorted_completion = [sheet.getCellByPosition(compl, r).getValue() for r in range(hr + 1, r1 + 1)]
                after = [sheet.getCellByPosition(names_col, r).getString() for r in range(hr + 1, r1 + 1)]
                filtered = None
                if group_col is not None:
                    ranges = doc.DatabaseRanges
                    addr = sheet.getCellRangeByPosition(c0, hr, c1, r1).getRangeAddress()
                    ranges.addNewByName("receiver_filter", addr)
                    dbr = ranges.getByName("receiver_filter")
                    dbr.AutoFilter = True
                    fd = dbr.getFilterDescriptor()
                    f = TableFilterField2()
                    f.Field = group_col - c0
                    f.Operator = NOT_EQUAL
                    f.IsNumeric = False
                    f.StringValue = hide_group
                    fd.setPropertyValue("ContainsHeader", True)
                    fd.setFilterFields2((f,))
                    dbr.refresh()
                    hidden = [r + 1 for r in range(hr + 1, r1 + 1) if not sheet.getRows().getByIndex(r).IsVisible]
                    filtered = {"groupColumn": group_col, "hiddenRows": hidden}
                report = {
                    "header": hr + 1,
                    "block": [hr + 2, r1 + 1],
                    "columns": [c0, c1],
                    "sortColumn": compl,
                    "completionRightAfterSort": sorted_completion,
                    "namesBefore": before,
                    "namesAfter": after,
                    "filter": filtered,
                    "tablesSorted": len(headers),
                }
        if report is None:
            raise RuntimeError("no enterprise table under a second header")
        doc.calculateAll()
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(dst)),
            (prop("FilterName", "Calc MS Excel 2007 XML"),),
        )
        doc.close(True)
        print(json.dumps(report, ensure_ascii=False))
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
