# syntax=docker/dockerfile:1.7
# Canteen's container image: `docker build -t canteen .` (app, the default target) and
# `docker build --target tools -t canteen-tools .` (migrations and jobs, for the migration Job
# and the CronJobs in deploy/k8s). Both take DATABASE_URL; neither starts a database of its own.

ARG NODE_VERSION=20.20

# ---- dependencies (all, for the build) ----------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: Next.js standalone output + the server entry ----------------------------------
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY . .
# scripts/build-standalone.ts: serve.mjs (scripts/serve.ts bundled), public/ and .next/static.
RUN npx next build && npx tsx scripts/build-standalone.ts

# ---- tools: db:migrate and the jobs (production dependencies, run with tsx) ---------------
FROM node:${NODE_VERSION}-bookworm-slim AS tools
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY db ./db
COPY server ./server
COPY lib ./lib
COPY i18n ./i18n
COPY messages ./messages
COPY scripts ./scripts
USER node
ENTRYPOINT ["npx", "tsx"]
CMD ["scripts/migrate.ts"]

# ---- runner: the app, as a non-root user --------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
# Readiness of this replica: 503 while draining or when the database is unreachable.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# scripts/serve.ts: drains on SIGTERM (readiness false, streams told to reconnect, in-flight
# requests finish, pool closed). Node is PID 1 here and handles the signal itself.
CMD ["node", "serve.mjs"]
