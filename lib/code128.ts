/**
 * Code 128, subset C only: the pay code is 18 digits, which set C packs two to a symbol, so
 * the barcode stays short enough for a phone screen. Written out here (about 1 KB) instead of
 * pulling in a general barcode library.
 */

/** Bar/space widths of the symbol values 0–106 (ISO/IEC 15417 table 1); 106 is the stop pattern. */
const WIDTHS = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
] as const;

export const CODE128_START_C = 105;
export const CODE128_STOP = 106;
/** Quiet zone scanners need on each side, in modules (the spec asks for at least 10). */
export const CODE128_QUIET_MODULES = 10;

/** Widths of one symbol value: bar, space, bar, … (the stop pattern has 7 elements). */
export function code128Widths(value: number): string {
  const widths = WIDTHS[value];
  if (widths === undefined) throw new RangeError(`no Code 128 symbol ${value}`);
  return widths;
}

/** Symbol values of `digits` in subset C: start C, one value per digit pair, the mod-103 check, stop. */
export function code128CValues(digits: string): number[] {
  if (!/^(?:[0-9]{2})+$/.test(digits)) throw new RangeError("Code 128 subset C takes a non-empty, even number of digits");
  const data: number[] = [];
  for (let i = 0; i < digits.length; i += 2) data.push(Number(digits.slice(i, i + 2)));
  // The start symbol weighs 1, each data symbol its position.
  const check = data.reduce((sum, value, index) => sum + value * (index + 1), CODE128_START_C) % 103;
  return [CODE128_START_C, ...data, check, CODE128_STOP];
}

/** The barcode as a string of modules, "1" for bar and "0" for space, without quiet zones. */
export function code128CModules(digits: string): string {
  let modules = "";
  for (const value of code128CValues(digits)) {
    let bar = true;
    for (const width of code128Widths(value)) {
      modules += (bar ? "1" : "0").repeat(Number(width));
      bar = !bar;
    }
  }
  return modules;
}
