# syntax=docker/dockerfile:1
# Build: a static binary (pure-Go SQLite, no cgo).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/triagebot . \
 && mkdir -p /out/data

# Run: distroless static, non-root; the SQLite file lives on the /data volume.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/triagebot /usr/local/bin/triagebot
COPY --from=build --chown=65532:65532 /out/data /data
ENV TRIAGEBOT_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
# No shell or curl in distroless: the binary probes itself (GET /healthz on
# http.metrics_addr, else http.addr; exit 0 healthy, 1 not). Liveness only:
# readiness is the load balancer's business (its own check of /readyz), so
# a replica waiting for its database is not marked unhealthy for it.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/triagebot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/triagebot"]
CMD ["serve"]
