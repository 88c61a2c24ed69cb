import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

/** The employee fields an import file may set, in the order exports write them. */
export const IMPORT_FIELDS = ["employeeNo", "name", "email", "department", "hiredOn"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ["employeeNo", "name", "email"];

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/** A problem with the file as a whole (or its header line), not with one person's row. */
export type FileProblem = { line: number | null; code: string; params?: Record<string, string | number> };

export type FileRow = {
  /** The line (CSV) or row (XLSX) number the admin sees in their editor, 1-based, header included. */
  line: number;
  cells: Partial<Record<ImportField, string>>;
  /** Cells beyond the header's columns that hold something. */
  extraCells: number;
};

export type ReadFile = {
  format: "csv" | "xlsx";
  encoding: "utf-8" | "euc-kr" | "utf-16le" | null;
  rows: FileRow[];
  emptyLines: number;
  ignoredColumns: string[];
  problems: FileProblem[];
};

// Headers as Korean and English Excel sheets write them; matched after folding case, spaces,
// underscores, hyphens, dots and a "required" star, so "Employee No." and "사번*" both count.
const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  employeeNo: ["사번", "사원번호", "직원번호", "employeeno", "employeenumber", "empno", "employeeid", "employeecode"],
  name: ["이름", "성명", "직원명", "name", "fullname", "employeename"],
  email: ["이메일", "메일", "이메일주소", "email", "emailaddress", "mail"],
  department: ["부서", "부서명", "소속", "부서코드", "department", "dept", "departmentname", "departmentcode", "team"],
  hiredOn: ["입사일", "입사일자", "입사날짜", "hiredon", "hiredate", "hiredat", "startdate", "joiningdate"],
};
// Columns our own export writes that cannot be imported; they are skipped so an exported file
// can be edited and imported again.
const READ_ONLY_HEADERS = ["상태", "status", "지갑잔액", "지갑", "wallet", "walletbalance", "이번달지급", "이번달사용", "vouchersgranted", "vouchersused", "vouchersgrantedthismonth", "vouchersusedthismonth"];

const foldHeader = (header: string) => header.normalize("NFC").toLowerCase().replace(/[\s_\-.*()]/g, "").replace(/필수$/, "");

const fieldOfHeader = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [alias, field] as const)),
);

/** Reads a CSV or XLSX upload into rows keyed by field, with every structural problem named. */
export async function readImportFile(input: { fileName: string; bytes: Uint8Array }): Promise<ReadFile> {
  const isXlsx = /\.xlsx$/i.test(input.fileName) || looksLikeZip(input.bytes);
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    return emptyResult(isXlsx ? "xlsx" : "csv", null, [{ line: null, code: "fileTooLarge", params: { max: MAX_IMPORT_BYTES / 1024 / 1024 } }]);
  }
  if (/\.xls$/i.test(input.fileName)) return emptyResult("xlsx", null, [{ line: null, code: "legacyXls" }]);
  return isXlsx ? readXlsx(input.bytes) : readCsv(input.bytes);
}

function emptyResult(format: ReadFile["format"], encoding: ReadFile["encoding"], problems: FileProblem[]): ReadFile {
  return { format, encoding, rows: [], emptyLines: 0, ignoredColumns: [], problems };
}

const looksLikeZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Korean Excel saves "CSV" in CP949 (a superset of EUC-KR); newer Excel offers UTF-8 with a BOM.
 * Text that is not valid UTF-8 is taken as CP949, which WHATWG's "euc-kr" decoder implements.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: "utf-8" | "euc-kr" | "utf-16le" } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("euc-kr").decode(body), encoding: "euc-kr" };
  }
}

function readCsv(bytes: Uint8Array): ReadFile {
  const { text, encoding } = decodeCsvBytes(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" export separates with tabs; a header line with tabs and no commas is one.
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, delimiter }) as unknown as typeof records;
  } catch (error) {
    const line = typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number" ? error.lines : null;
    return emptyResult("csv", encoding, [{ line, code: "csvMalformed" }]);
  }
  // csv-parse reports the line a record ends on; a quoted cell may span lines, so count back.
  const table = records.map(({ record, info }) => ({
    line: info.lines - record.reduce((sum, cell) => sum + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  // Wholly empty lines never become records; csv-parse counts those it skipped up to the last record.
  return fromTable("csv", encoding, table, records.at(-1)?.info.empty_lines ?? 0);
}

async function readXlsx(bytes: Uint8Array): Promise<ReadFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it reads either way.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return emptyResult("xlsx", null, [{ line: null, code: "xlsxUnreadable" }]);
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.state !== "hidden" && candidate.actualRowCount > 0);
  if (!sheet) return emptyResult("xlsx", null, [{ line: null, code: "noHeader" }]);
  const table: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    table.push({ line: rowNumber, cells: Array.from(cells, (cell) => cell ?? "") });
  });
  return fromTable("xlsx", null, table);
}

/** The text an admin sees in a cell: dates as YYYY-MM-DD, links and rich text as their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return "";
}

function fromTable(
  format: ReadFile["format"],
  encoding: ReadFile["encoding"],
  table: { line: number; cells: string[] }[],
  skippedEmptyLines = 0,
): ReadFile {
  const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");
  const headerIndex = table.findIndex((row) => !isBlank(row.cells));
  const header = table[headerIndex];
  if (!header) return emptyResult(format, encoding, [{ line: null, code: "noHeader" }]);

  const problems: FileProblem[] = [];
  const ignoredColumns: string[] = [];
  const columns: (ImportField | null)[] = header.cells.map((raw) => {
    const label = raw.trim();
    if (label === "") return null;
    const folded = foldHeader(label);
    const field = fieldOfHeader.get(folded);
    if (field) return field;
    if (READ_ONLY_HEADERS.includes(folded)) {
      ignoredColumns.push(label);
      return null;
    }
    problems.push({ line: header.line, code: "unknownColumn", params: { column: label } });
    return null;
  });
  for (const field of IMPORT_FIELDS) {
    const count = columns.filter((column) => column === field).length;
    if (count > 1) problems.push({ line: header.line, code: "duplicateColumn", params: { field } });
  }
  for (const field of REQUIRED_FIELDS) {
    if (!columns.includes(field)) problems.push({ line: header.line, code: "missingColumn", params: { field } });
  }
  // A header the file cannot be read by means no row can be trusted to land in the right field.
  if (problems.length > 0) return { ...emptyResult(format, encoding, problems), ignoredColumns };

  const body = table.slice(headerIndex + 1);
  const rows: FileRow[] = [];
  let emptyLines = skippedEmptyLines;
  for (const { line, cells } of body) {
    if (isBlank(cells)) {
      emptyLines += 1;
      continue;
    }
    const row: FileRow = { line, cells: {}, extraCells: 0 };
    cells.forEach((cell, index) => {
      const field = columns[index];
      const value = cell.trim();
      if (index >= columns.length) {
        if (value !== "") row.extraCells += 1;
      } else if (field && value !== "") {
        row.cells[field] = value.normalize("NFC");
      }
    });
    rows.push(row);
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    return { ...emptyResult(format, encoding, [{ line: null, code: "tooManyRows", params: { max: MAX_IMPORT_ROWS, count: rows.length } }]), ignoredColumns };
  }
  return { format, encoding, rows, emptyLines, ignoredColumns, problems };
}
