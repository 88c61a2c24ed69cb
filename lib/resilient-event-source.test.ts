import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openResilientEventSource } from "./resilient-event-source";

/** Just enough of the browser's EventSource to drive the reopening rules. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 0;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  giveUp() {
    this.readyState = FakeEventSource.CLOSED;
    this.dispatchEvent(new Event("error"));
  }
  send(type: string, data = "", lastEventId = "") {
    this.dispatchEvent(new MessageEvent(type, { data, lastEventId }));
  }
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.useFakeTimers();
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const latest = () => FakeEventSource.opened.at(-1)!;

describe("a server-sent event stream that stays open", () => {
  it("reopens after the browser gives up, waiting longer each time until the server says ready", () => {
    let id = "";
    const seen: string[] = [];
    const close = openResilientEventSource(() => `/stream${id ? `?lastEventId=${id}` : ""}`, {
      order: (message) => {
        id = message.lastEventId;
        seen.push(message.data);
      },
    });
    latest().send("order", "first", "41");
    latest().giveUp();
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(latest().url).toBe("/stream?lastEventId=41");

    latest().giveUp();
    vi.advanceTimersByTime(1_999);
    expect(FakeEventSource.opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(3);

    latest().send("ready");
    latest().giveUp();
    vi.advanceTimersByTime(1_000);
    expect(FakeEventSource.opened).toHaveLength(4);
    expect(seen).toEqual(["first"]);
    close();
  });

  it("leaves a drop the browser itself retries alone, and stays closed once closed", () => {
    const ready = vi.fn();
    const close = openResilientEventSource(() => "/stream", { ready });
    latest().send("ready");
    expect(ready).toHaveBeenCalledOnce();
    latest().dispatchEvent(new Event("error"));
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
    close();
    latest().giveUp();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
