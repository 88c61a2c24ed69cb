"use client";

export function PrintButton({ label }: { label: string }) {
  return (
    <button onClick={() => window.print()} className="min-h-12 rounded-xl border border-line bg-white px-6 font-semibold">
      {label}
    </button>
  );
}
