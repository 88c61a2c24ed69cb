/** A short name for this phone in the device list, from what the browser says it is. */
export function describeThisPhone(userAgent: string): string {
  const os = /iPhone/.test(userAgent)
    ? "iPhone"
    : /iPad/.test(userAgent)
      ? "iPad"
      : /Android/.test(userAgent)
        ? (/;\s*([^;)]+?)\s+Build\//.exec(userAgent)?.[1] ?? "Android")
        : /Mac OS X/.test(userAgent)
          ? "Mac"
          : /Windows/.test(userAgent)
            ? "Windows"
            : /Linux/.test(userAgent)
              ? "Linux"
              : "Phone";
  const browser = /SamsungBrowser/.test(userAgent)
    ? "Samsung Internet"
    : /KAKAOTALK/.test(userAgent)
      ? "KakaoTalk"
      : /Edg\//.test(userAgent)
        ? "Edge"
        : /CriOS|Chrome\//.test(userAgent)
          ? "Chrome"
          : /FxiOS|Firefox\//.test(userAgent)
            ? "Firefox"
            : /Safari\//.test(userAgent)
              ? "Safari"
              : "Browser";
  return `${os} · ${browser}`.slice(0, 60);
}
