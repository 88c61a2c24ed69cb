"use client";

/** Pieces the payment screen's tabs share: the big action button, icons and art. */

export function PrimaryButton(props: {
  children: React.ReactNode;
  disabled: boolean;
  busy: boolean;
  busyLabel: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <button
      type="button"
      disabled={props.disabled}
      onClick={props.onClick}
      data-testid={props.testId}
      aria-busy={props.busy}
      className="flex min-h-16 w-full items-center justify-center gap-2 rounded-2xl bg-brand-500 px-4 text-lg font-bold text-white active:bg-brand-600 disabled:bg-line disabled:text-muted aria-busy:bg-brand-500 aria-busy:text-white/90"
    >
      {props.busy ? (
        <>
          <span className="size-5 animate-spin rounded-full border-[3px] border-white/40 border-t-white" aria-hidden />
          {props.busyLabel}
        </>
      ) : (
        props.children
      )}
    </button>
  );
}

export function MethodIcon({ kind }: { kind: "code" | "card" | "cash" | "group" }) {
  const common = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;
  return (
    <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
      {kind === "code" ? (
        <>
          <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3" {...common} />
          <path d="M8 9v6M11 9v6M14 9v6M17 9v6" {...common} />
        </>
      ) : kind === "card" ? (
        <>
          <rect x="3" y="5.5" width="18" height="13" rx="2.5" {...common} />
          <path d="M3 10h18M7 15h4" {...common} />
        </>
      ) : kind === "group" ? (
        <>
          <circle cx="9" cy="8.5" r="3" {...common} />
          <path d="M3.5 19a5.5 5.5 0 0 1 11 0" {...common} />
          <circle cx="16.5" cy="9.5" r="2.5" {...common} />
          <path d="M15.5 14.2a4.6 4.6 0 0 1 5.5 4.8" {...common} />
        </>
      ) : (
        <>
          <rect x="2.5" y="6" width="19" height="12" rx="2" {...common} />
          <circle cx="12" cy="12" r="2.6" {...common} />
          <path d="M6 9.5v5M18 9.5v5" {...common} />
        </>
      )}
    </svg>
  );
}

export function WarningIcon({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M12 7v6" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="12" cy="16.6" r="1.4" fill="#fff" />
    </svg>
  );
}

export function ScannerArt({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 160 96" className={className} aria-hidden>
      <rect x="34" y="8" width="92" height="80" rx="14" fill="currentColor" opacity=".08" />
      <rect x="48" y="20" width="64" height="56" rx="8" fill="#fff" stroke="currentColor" strokeWidth="3" opacity=".9" />
      {[56, 62, 66, 72, 78, 82, 88, 94, 98, 102].map((x, index) => (
        <rect key={x} x={x} y="30" width={index % 3 === 0 ? 3 : 2} height="30" fill="#191f28" />
      ))}
      <path d="M40 45h80" stroke="#f04452" strokeWidth="3" strokeLinecap="round" />
      <path d="M24 22v-6a6 6 0 0 1 6-6h6M136 22v-6a6 6 0 0 0-6-6h-6M24 74v6a6 6 0 0 0 6 6h6M136 74v6a6 6 0 0 1-6 6h-6" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

export function CardArt({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 140 96" className={className} aria-hidden>
      <rect x="38" y="6" width="64" height="86" rx="12" fill="#191f28" />
      <rect x="46" y="16" width="48" height="26" rx="4" fill="#3182f6" opacity=".9" />
      {[0, 1, 2].map((row) =>
        [0, 1, 2].map((col) => <rect key={`${row}-${col}`} x={49 + col * 15} y={50 + row * 12} width="11" height="7" rx="2" fill="#fff" opacity=".35" />),
      )}
      <rect x="16" y="30" width="46" height="30" rx="5" fill="#fff" stroke="#d1d6db" strokeWidth="2" transform="rotate(-12 39 45)" />
      <rect x="20" y="38" width="38" height="5" fill="#d1d6db" transform="rotate(-12 39 45)" />
    </svg>
  );
}

export function CameraIcon({ className }: { className: string }) {
  const common = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden>
      <path d="M4 8.5a2 2 0 0 1 2-2h1.8l1.4-2h5.6l1.4 2H18a2 2 0 0 1 2 2V18a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" {...common} />
      <circle cx="12" cy="13" r="3.6" {...common} />
    </svg>
  );
}
