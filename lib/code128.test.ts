import { describe, expect, it } from "vitest";
import { CODE128_START_C, CODE128_STOP, code128CModules, code128CValues, code128Widths } from "./code128";

const modulesOf = (widths: string) => {
  let bits = "";
  [...widths].forEach((width, i) => (bits += (i % 2 === 0 ? "1" : "0").repeat(Number(width))));
  return bits;
};

describe("Code 128 subset C", () => {
  it("has 107 symbols of 11 modules, three bars and three spaces each, all different (stop: 13 modules)", () => {
    const seen = new Set<string>();
    for (let value = 0; value < CODE128_STOP; value++) {
      const widths = code128Widths(value);
      expect(widths, `symbol ${value}`).toMatch(/^[1-4]{6}$/);
      expect([...widths].reduce((sum, w) => sum + Number(w), 0), `symbol ${value}`).toBe(11);
      // Bars take an even number of modules in total: the parity check scanners rely on.
      expect((Number(widths[0]) + Number(widths[2]) + Number(widths[4])) % 2, `symbol ${value}`).toBe(0);
      seen.add(widths);
    }
    expect(seen.size).toBe(106);
    expect(modulesOf(code128Widths(CODE128_STOP))).toBe("1100011101011");
    expect(() => code128Widths(107)).toThrow(RangeError);
  });

  it("matches the patterns printed in the specification's table", () => {
    // value → modules, from ISO/IEC 15417 table 1
    const printed: Record<number, string> = {
      0: "11011001100",
      1: "11001101100",
      12: "10110011100",
      34: "10001011000",
      56: "11100010110",
      99: "10111011110",
      102: "11110101110",
      103: "11010000100",
      104: "11010010000",
      105: "11010011100",
    };
    for (const [value, bits] of Object.entries(printed)) expect(modulesOf(code128Widths(Number(value))), value).toBe(bits);
  });

  it("packs digit pairs after start C and appends the weighted mod-103 check and stop", () => {
    // (105 + 1·12 + 2·34 + 3·56) mod 103 = 353 mod 103 = 44
    expect(code128CValues("123456")).toEqual([CODE128_START_C, 12, 34, 56, 44, CODE128_STOP]);
    // All zeros: only the start symbol weighs in, 105 mod 103 = 2.
    expect(code128CValues("000000000000000000")).toEqual([105, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 106]);
    // An 18-digit pay code: nine data symbols.
    const code = "100000001987654321";
    const values = code128CValues(code);
    expect(values.slice(1, 10)).toEqual([10, 0, 0, 0, 19, 87, 65, 43, 21]);
    const weighted = 105 + [10, 0, 0, 0, 19, 87, 65, 43, 21].reduce((sum, v, i) => sum + v * (i + 1), 0);
    expect(values[10]).toBe(weighted % 103);
  });

  it("lays the symbols out bar-first: 11 modules each plus the 13 of stop", () => {
    const modules = code128CModules("123456");
    expect(modules).toHaveLength(11 * 5 + 13);
    expect(modules.startsWith("11010011100" + "10110011100")).toBe(true); // start C, then 12
    expect(modules.endsWith("1100011101011")).toBe(true);
    // An 18-digit code: start + 9 data + check + stop.
    expect(code128CModules("100000001987654321")).toHaveLength(11 * 11 + 13);
  });

  it("refuses what subset C cannot hold", () => {
    for (const bad of ["", "1", "12345", "12a4", "12 34"]) expect(() => code128CValues(bad), bad).toThrow(RangeError);
  });
});
