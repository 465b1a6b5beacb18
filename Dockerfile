# The Slack click → workflow_dispatch bridge (src/bridge/README.md) as a container image: the CLI's
# `cicdstatemgr bridge serve`, from the bundles in dist/ (committed; `npm run build` refreshes them).
#
#   docker build -t cicdstatemgr-bridge .
#   docker run -p 8080:8080 -v "$PWD/bridge.yaml:/etc/cicdstatemgr/bridge.yaml:ro" \
#     -e SLACK_SIGNING_SECRET -e GITHUB_APP_ID -e GITHUB_APP_PRIVATE_KEY -e REDIS_URL \
#     cicdstatemgr-bridge
#
# `--config` and `--port` default to BRIDGE_CONFIG and PORT, set below, so platforms that assign the port
# through PORT (Cloud Run, Fly, Heroku-style) need no other command. Secrets come from the environment only.
FROM node:24-alpine
WORKDIR /app
ENV NODE_ENV=production \
    BRIDGE_CONFIG=/etc/cicdstatemgr/bridge.yaml \
    PORT=8080
COPY dist/ ./dist/
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- "http://127.0.0.1:${PORT}/healthz" || exit 1
# SIGTERM (docker stop) lets acknowledged clicks finish their dispatch and reply, then exits 0.
CMD ["node", "dist/cli/index.js", "bridge", "serve"]
