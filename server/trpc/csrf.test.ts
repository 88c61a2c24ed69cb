import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./csrf";

const url = "http://canteen.test/api/trpc/menu.setSoldOut";
const post = (headers: Record<string, string>) =>
  new Request(url, { method: "POST", headers: { host: "canteen.test", ...headers }, body: "{}" });

describe("mutations only from the app's own origin, as JSON", () => {
  it("lets a same-origin JSON post through", () => {
    expect(crossSiteRefusal(post({ "content-type": "application/json", origin: "http://canteen.test" }), undefined)).toBeNull();
    expect(crossSiteRefusal(post({ "content-type": "application/json; charset=utf-8" }), undefined)).toBeNull();
  });

  it("refuses a cross-site form or text/plain post", () => {
    expect(crossSiteRefusal(post({ "content-type": "text/plain", origin: "http://canteen.test" }), undefined)).toMatch(/application\/json/);
    expect(crossSiteRefusal(post({ "content-type": "application/x-www-form-urlencoded" }), undefined)).toMatch(/application\/json/);
    expect(crossSiteRefusal(post({}), undefined)).toMatch(/application\/json/);
  });

  it("refuses JSON from another origin", () => {
    expect(crossSiteRefusal(post({ "content-type": "application/json", origin: "http://evil.test" }), undefined)).toMatch(/origin/);
    expect(crossSiteRefusal(post({ "content-type": "application/json", "sec-fetch-site": "cross-site" }), undefined)).toMatch(/cross-site/);
  });

  it("uses APP_URL as the origin behind a proxy", () => {
    const request = post({ "content-type": "application/json", origin: "https://cafe.example.com" });
    expect(crossSiteRefusal(request, "https://cafe.example.com")).toBeNull();
    expect(crossSiteRefusal(request, undefined)).not.toBeNull();
  });

  it("does not get in the way of queries", () => {
    expect(crossSiteRefusal(new Request(url, { method: "GET" }), undefined)).toBeNull();
  });
});
