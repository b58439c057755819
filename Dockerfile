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
ENTRYPOINT ["/usr/local/bin/triagebot"]
CMD ["serve"]
