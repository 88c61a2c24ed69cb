const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * A server-sent event stream that stays open. EventSource retries a dropped connection by
 * itself, but gives up for good on an answer that is not a stream (a restart's 502, a 401 while
 * a session is renewed); then a new one is opened after a pause that grows up to 30 s and is
 * reset by the server's "ready" (sent on every connection). `url` is asked again on each
 * opening, so it can carry the last event id. Returns the function that closes it for good.
 */
export function openResilientEventSource(
  url: () => string,
  listeners: { ready?: () => void } & Record<string, ((message: MessageEvent<string>) => void) | undefined>,
): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = RETRY_MIN_MS;
  let stopped = false;

  const connect = () => {
    source = new EventSource(url());
    source.addEventListener("ready", () => {
      delay = RETRY_MIN_MS;
      listeners.ready?.();
    });
    for (const [event, listener] of Object.entries(listeners)) {
      if (event !== "ready" && listener) source.addEventListener(event, listener as (message: MessageEvent) => void);
    }
    source.addEventListener("error", () => {
      if (stopped || source?.readyState !== EventSource.CLOSED) return;
      source.close();
      retryTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    });
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
