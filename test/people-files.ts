import ExcelJS from "exceljs";

const DEPARTMENTS = ["개발팀", "디자인팀", "영업팀", "인사팀", "경영지원팀"];
const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "지민", "주원", "하은"];

/** `count` made-up new hires as an import sheet: header first, Korean headers. */
export function generatedEmployees(count: number, prefix = "G") {
  const rows = Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const day = String(1 + (n % 28)).padStart(2, "0");
    return [
      `${prefix}${String(n).padStart(6, "0")}`,
      `${SURNAMES[n % 10]}${GIVEN[(n * 7) % 10]}${n}`,
      `${prefix.toLowerCase()}${n}@bench.canteen.dev`,
      DEPARTMENTS[n % DEPARTMENTS.length] ?? "개발팀",
      `2024-0${1 + (n % 9)}-${day}`,
    ];
  });
  return [["사번", "이름", "이메일", "부서", "입사일"], ...rows];
}

export function asCsv(table: string[][]): Uint8Array {
  return new TextEncoder().encode(`\ufeff${table.map((row) => row.join(",")).join("\r\n")}\r\n`);
}

export async function asXlsx(table: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("직원").addRows(table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
