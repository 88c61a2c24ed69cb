import ExcelJS from "exceljs";

/** One cell of an exported table: text, or a number Excel can sum. */
export type Cell = string | number;

/** Won as an Excel number; exact because every amount here is far below 2^53. */
export function wonCell(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`amount ${amount} does not fit a spreadsheet number`);
  return Number(amount);
}

/**
 * CSV that Excel opens correctly in Korean: UTF-8 with a BOM, CRLF lines, quoted where needed.
 * A text cell starting with = + - @ is prefixed with ' so Excel shows it instead of running it.
 */
export function csvBytes(rows: readonly (readonly Cell[])[]): Uint8Array {
  const escape = (value: Cell) => {
    if (typeof value === "number") return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const body = new TextEncoder().encode(`${rows.map((cells) => cells.map(escape).join(",")).join("\r\n")}\r\n`);
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}

export type Sheet = {
  name: string;
  headers: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Column widths in characters, by position. */
  widths?: readonly number[];
  /** Positions of columns shown with thousands separators. */
  numberColumns?: readonly number[];
  /** Rows at the end (totals) set in bold. */
  boldLastRows?: number;
};

/** A workbook of one or more sheets, each with a bold, frozen header row. */
export async function xlsxBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Canteen";
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = spec.headers.map((header, index) => ({
      header,
      width: spec.widths?.[index] ?? 14,
      style: spec.numberColumns?.includes(index) ? { numFmt: "#,##0" } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(spec.rows.map((row) => [...row]));
    for (let n = 0; n < (spec.boldLastRows ?? 0); n++) sheet.getRow(spec.rows.length + 1 - n).font = { bold: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export type FileFormat = "csv" | "xlsx";

/** A download: the file with its type and name, never cached. */
export function attachment(body: Uint8Array, format: FileFormat, fileName: string, requestId: string): Response {
  return new Response(body as BodyInit, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-request-id": requestId,
    },
  });
}
