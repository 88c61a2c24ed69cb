"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { Detector } from "./barcode-decoder";
import { CAMERA_CONSTRAINTS, cameraProblem, readScan, type CameraProblem } from "./camera-scan-logic";

type Phase = { kind: "starting" } | { kind: "scanning" } | { kind: "problem"; problem: CameraProblem | "insecure" | "decoder" };
type Hint = "notPayCode" | "several" | null;

/** A frame every ~120 ms: quick enough to feel instant, light enough for a tablet's CPU. */
const FRAME_INTERVAL_MS = 120;
const HINT_MS = 2_500;

/**
 * The full-screen camera view for a pay code held up to the tablet. It asks for the camera,
 * reads frames until one shows exactly one pay code, then hands its digits to `onCode`
 * (the same path as a scanned or typed code) and lets go of the camera. Codes that are not
 * pay codes are named and scanning goes on. The camera is released on close and on unmount.
 */
export function CameraScanner(props: { title: string; onCode: (code: string) => void; onClose: () => void }) {
  const t = useTranslations("kioskCamera");
  const titleId = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "starting" });
  const [hint, setHint] = useState<Hint>(null);
  const [mirrored, setMirrored] = useState(false);
  // Each try again starts the camera afresh.
  const [attempt, setAttempt] = useState(0);
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let frameTimer: ReturnType<typeof setTimeout> | undefined;
    let hintTimer: ReturnType<typeof setTimeout> | undefined;
    const release = () => {
      stopped = true;
      clearTimeout(frameTimer);
      clearTimeout(hintTimer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
      const video = videoRef.current;
      if (video) video.srcObject = null;
    };

    function showHint(next: Exclude<Hint, null>) {
      setHint(next);
      clearTimeout(hintTimer);
      hintTimer = setTimeout(() => setHint(null), HINT_MS);
    }

    async function scan(detector: Detector, video: HTMLVideoElement) {
      if (stopped) return;
      // HAVE_CURRENT_DATA: before it, there is no frame to read.
      if (video.readyState >= 2) {
        // A frame that cannot be decoded (mid-resize, not yet painted) is simply skipped.
        const found = await detector.detect(video).catch(() => []);
        if (stopped) return;
        const reading = readScan(found.map((symbol) => symbol.rawValue));
        if (reading.kind === "payCode") {
          release();
          signalRead();
          handlers.current.onCode(reading.code);
          return;
        }
        if (reading.kind !== "nothing") showHint(reading.kind);
      }
      frameTimer = setTimeout(() => void scan(detector, video), FRAME_INTERVAL_MS);
    }

    async function start() {
      setPhase({ kind: "starting" });
      setHint(null);
      const media = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
      if (!media || typeof media.getUserMedia !== "function") {
        // Browsers hide the camera API entirely outside HTTPS (and localhost).
        setPhase({ kind: "problem", problem: window.isSecureContext ? "noCamera" : "insecure" });
        return;
      }
      // The decoder downloads while the permission prompt is up.
      const detector = import("./barcode-decoder").then((module) => module.openDetector());
      detector.catch(() => undefined);
      try {
        stream = await media.getUserMedia(CAMERA_CONSTRAINTS);
      } catch (error) {
        if (!stopped) setPhase({ kind: "problem", problem: cameraProblem(error) });
        return;
      }
      const video = videoRef.current;
      if (stopped || !video) {
        release();
        return;
      }
      // A front camera is shown as a mirror, as people expect of a selfie view.
      setMirrored(stream.getVideoTracks()[0]?.getSettings().facingMode === "user");
      video.srcObject = stream;
      // play() is interrupted when the view closes meanwhile; the frames are read regardless.
      await video.play().catch(() => undefined);
      let ready: Detector;
      try {
        ready = await detector;
      } catch {
        if (stopped) return;
        release();
        setPhase({ kind: "problem", problem: "decoder" });
        return;
      }
      if (stopped) return;
      setPhase({ kind: "scanning" });
      void scan(ready, video);
    }

    void start();
    return release;
  }, [attempt]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") handlers.current.onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const problem = phase.kind === "problem" ? phase.problem : null;

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid="camera-scanner"
      data-phase={problem ?? phase.kind}
      className="fixed inset-0 z-50 flex flex-col bg-[#0b0d10] text-white"
    >
      <video
        ref={videoRef}
        muted
        playsInline
        aria-hidden
        className={`absolute inset-0 size-full object-cover transition-opacity ${phase.kind === "scanning" ? "opacity-100" : "opacity-0"} ${mirrored ? "-scale-x-100" : ""}`}
      />

      <header className="relative z-20 flex items-center gap-4 bg-gradient-to-b from-black/70 to-transparent px-6 pt-5 pb-10">
        <h2 id={titleId} className="min-w-0 flex-1 text-2xl font-bold">
          {props.title}
        </h2>
        <button
          type="button"
          onClick={props.onClose}
          aria-label={t("close")}
          data-testid="camera-close"
          className="flex min-h-14 items-center gap-2 rounded-full bg-white/15 pr-6 pl-4 text-lg font-bold backdrop-blur active:bg-white/25"
        >
          <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
            <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          </svg>
          {t("close")}
        </button>
      </header>

      {/* Below the header and footer: the guide's dimming reaches across the whole screen. */}
      <div className="relative z-10 flex min-h-0 flex-1 items-center justify-center px-8">
        {phase.kind === "scanning" ? (
          <FramingGuide />
        ) : phase.kind === "starting" ? (
          <div className="flex max-w-lg flex-col items-center text-center" role="status">
            <span className="size-12 animate-spin rounded-full border-4 border-white/25 border-t-white" aria-hidden />
            <p className="mt-6 text-2xl font-bold">{t("starting")}</p>
            <p className="mt-2 text-lg text-white/75">{t("startingHint")}</p>
          </div>
        ) : problem ? (
          <div className="flex max-w-xl flex-col items-center rounded-3xl bg-white px-10 py-9 text-center text-ink" role="alert" data-testid="camera-problem">
            <CameraOffIcon />
            <p className="mt-4 text-2xl font-bold">{t(`${problem}Title`)}</p>
            <p className="mt-2 text-lg leading-relaxed text-muted">{t(`${problem}Body`)}</p>
            <div className="mt-7 flex w-full gap-3">
              <button
                type="button"
                onClick={props.onClose}
                className="min-h-14 flex-1 rounded-2xl bg-canvas text-lg font-bold active:bg-line"
              >
                {t("useScanner")}
              </button>
              {problem === "insecure" || problem === "noCamera" ? null : (
                <button
                  type="button"
                  onClick={() => setAttempt((count) => count + 1)}
                  data-testid="camera-retry"
                  className="min-h-14 flex-1 rounded-2xl bg-brand-500 text-lg font-bold text-white active:bg-brand-600"
                >
                  {t("retry")}
                </button>
              )}
            </div>
          </div>
        ) : null}
      </div>

      <footer className="relative z-20 flex min-h-28 items-center justify-center bg-gradient-to-t from-black/75 to-transparent px-8 pt-8 pb-8">
        {phase.kind === "scanning" ? (
          hint ? (
            <p role="alert" data-testid="camera-hint" className="rounded-2xl bg-amber-400 px-6 py-3 text-center text-lg font-bold text-ink">
              {t(hint)}
            </p>
          ) : (
            <p className="text-center text-xl font-semibold" aria-live="polite">
              {t("scanning")}
            </p>
          )
        ) : null}
      </footer>
    </div>
  );
}

/** Where to hold the code: a clear square, the rest of the picture dimmed. */
function FramingGuide() {
  const corner = "absolute size-12 border-white";
  return (
    <div className="relative size-[min(56vh,420px)] rounded-3xl shadow-[0_0_0_200vmax_rgb(0_0_0/0.45)]" data-testid="camera-frame">
      <span className={`${corner} top-0 left-0 rounded-tl-3xl border-t-[6px] border-l-[6px]`} />
      <span className={`${corner} top-0 right-0 rounded-tr-3xl border-t-[6px] border-r-[6px]`} />
      <span className={`${corner} bottom-0 left-0 rounded-bl-3xl border-b-[6px] border-l-[6px]`} />
      <span className={`${corner} right-0 bottom-0 rounded-br-3xl border-r-[6px] border-b-[6px]`} />
      <span className="absolute inset-x-6 top-1/2 h-0.5 animate-pulse rounded-full bg-brand-500/90" />
    </div>
  );
}

function CameraOffIcon() {
  const common = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;
  return (
    <svg viewBox="0 0 24 24" className="size-14 text-red-500" aria-hidden>
      <path d="M15 10.5l5-3v9l-5-3M4 6.5h9a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z" {...common} />
      <path d="M3 3l18 18" {...common} />
    </svg>
  );
}

/** A short beep and a buzz where the tablet can, so the barista knows without looking. */
function signalRead() {
  if (typeof navigator.vibrate === "function") navigator.vibrate(60);
  const AudioContextClass = window.AudioContext;
  if (typeof AudioContextClass !== "function") return;
  const audio = new AudioContextClass();
  const tone = audio.createOscillator();
  const volume = audio.createGain();
  tone.type = "sine";
  tone.frequency.value = 1_760;
  volume.gain.setValueAtTime(0.12, audio.currentTime);
  volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.12);
  tone.connect(volume).connect(audio.destination);
  tone.onended = () => void audio.close();
  tone.start();
  tone.stop(audio.currentTime + 0.12);
}
