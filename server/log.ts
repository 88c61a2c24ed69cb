import pino from "pino";

// JSON lines on stdout; level from LOG_LEVEL (read directly: the logger must work even when env validation fails).
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "canteen" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function requestLogger(requestId: string) {
  return logger.child({ requestId });
}
