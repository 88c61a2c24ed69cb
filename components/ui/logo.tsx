export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-bold tracking-tight ${className}`}>
      <svg viewBox="0 0 32 32" aria-hidden className="size-8">
        <rect width="32" height="32" rx="9" fill="#3182f6" />
        <path d="M9 12h12v6a6 6 0 0 1-6 6 6 6 0 0 1-6-6z" fill="#fff" />
        <path d="M21 13.5h1.5a2.5 2.5 0 0 1 0 5H21" stroke="#fff" strokeWidth="2" fill="none" />
        <path d="M12 6.5c0 1.5 1.5 1.5 1.5 3M16 6.5c0 1.5 1.5 1.5 1.5 3" stroke="#fff" strokeWidth="1.6" fill="none" strokeLinecap="round" />
      </svg>
      Canteen
    </span>
  );
}
