import { encode } from "uqr";
import { code128CModules, CODE128_QUIET_MODULES } from "@/lib/code128";

/** The code as a QR symbol: one SVG path of dark modules, crisp at any size. */
export function QrCode({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  // Medium error correction keeps it scannable through a cracked screen protector.
  const qr = encode(value, { ecc: "M", border: 0 });
  let path = "";
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  const quiet = 2;
  const size = qr.size + quiet * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="pay-code-qr"
      viewBox={`${-quiet} ${-quiet} ${size} ${size}`}
      shapeRendering="crispEdges"
      className={className}
    >
      <rect x={-quiet} y={-quiet} width={size} height={size} fill="#fff" />
      <path d={path} fill="#191f28" />
    </svg>
  );
}

/** The same digits as a Code 128 (subset C) barcode for 1D scanners. */
export function Barcode({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  const modules = code128CModules(value);
  const bars: { x: number; width: number }[] = [];
  for (let i = 0; i < modules.length; i++) {
    if (modules[i] !== "1") continue;
    let end = i;
    while (modules[end + 1] === "1") end++;
    bars.push({ x: i, width: end - i + 1 });
    i = end;
  }
  const width = modules.length + CODE128_QUIET_MODULES * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="pay-code-barcode"
      data-modules={modules}
      viewBox={`${-CODE128_QUIET_MODULES} 0 ${width} 40`}
      preserveAspectRatio="none"
      shapeRendering="crispEdges"
      className={className}
    >
      <rect x={-CODE128_QUIET_MODULES} y={0} width={width} height={40} fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x} y={0} width={bar.width} height={40} fill="#191f28" />
      ))}
    </svg>
  );
}

/** 18 digits in three groups of six, as people read them out or type them. */
export function groupDigits(code: string) {
  return code.replace(/(\d{6})(?=\d)/g, "$1 ");
}
