#!/usr/bin/env bash
# Prepares the integration tests' server: a fresh copy of deploy/target/server without any
# state of a previous run (data, logs, deployments, users, credentials), with the test-only
# application users; the npm package rhea (for the Node.js AMQP sender) under
# $NODE_PREFIX/node_modules; and no failsafe reports of a previous run (target/failsafe-reports-*).
# Environment (set by it/pom.xml): SOURCE_SERVER, TEST_SERVER, NODE_PREFIX, RHEA_VERSION,
# AUDITOR_PASSWORD, OPERATOR_PASSWORD, SUBMITTER_PASSWORD, AUDITOR_SECRET_PASSWORD,
# AUDITOR_RESTRICTED_PASSWORD.
set -euo pipefail

[[ -x "$SOURCE_SERVER/bin/standalone.sh" ]] || { echo "no provisioned server in $SOURCE_SERVER (build the deploy module)" >&2; exit 1; }

# failsafe merges into an existing summary file: stale results of an earlier run would count.
rm -rf "$NODE_PREFIX"/failsafe-reports-*
rm -rf "$TEST_SERVER"
cp -a "$SOURCE_SERVER" "$TEST_SERVER"
rm -rf "$TEST_SERVER/standalone/data" "$TEST_SERVER/standalone/log" "$TEST_SERVER/standalone/tmp" \
  "$TEST_SERVER/standalone/deployments/"*.ear* "$TEST_SERVER/standalone/quorate.pid" \
  "$TEST_SERVER/standalone/configuration/quorate-credentials.env" \
  "$TEST_SERVER/standalone/configuration/standalone_xml_history"
# deploy/bin/start records its deployment in standalone.xml; its content was just removed with
# the data directory, and a deployment without content is a fatal boot error: drop the record.
perl -0pi -e 's#\s*<deployments>.*?</deployments>##s' "$TEST_SERVER/standalone/configuration/standalone.xml"
# Test only: the H2 file database in AUTO_SERVER mode, so that a test (AuditIT) can open it
# beside the running server over H2's local TCP server and alter rows behind the application.
# H2 refuses AUTO_SERVER together with DB_CLOSE_ON_EXIT=FALSE, so the test server drops the latter.
perl -pi -e 's#(name="quorate\.db\.url\.h2" value="[^"]*?)(?:;DB_CLOSE_ON_EXIT=FALSE)?(")#$1;AUTO_SERVER=TRUE$2# unless /AUTO_SERVER/' \
  "$TEST_SERVER/standalone/configuration/standalone.xml"
# The users of contract.md, with the test-only passwords (fresh properties files from the copy
# may already hold users made by deploy/bin/start: add-user.sh updates them in place).
"$TEST_SERVER/bin/add-user.sh" -s -a -u auditor -p "$AUDITOR_PASSWORD" -g auditor
"$TEST_SERVER/bin/add-user.sh" -s -a -u operator -p "$OPERATOR_PASSWORD" -g operator,auditor
"$TEST_SERVER/bin/add-user.sh" -s -a -u submitter -p "$SUBMITTER_PASSWORD" -g guest
# Two more auditors for AccessIT, given different clearances by the test itself (SPEC §6).
"$TEST_SERVER/bin/add-user.sh" -s -a -u auditor-secret -p "$AUDITOR_SECRET_PASSWORD" -g auditor
"$TEST_SERVER/bin/add-user.sh" -s -a -u auditor-restricted -p "$AUDITOR_RESTRICTED_PASSWORD" -g auditor
echo "Test server ready in $TEST_SERVER (users auditor, operator, submitter, auditor-secret, auditor-restricted)"

if [[ -f "$NODE_PREFIX/node_modules/rhea/package.json" ]] \
  && grep -q "\"version\": \"$RHEA_VERSION\"" "$NODE_PREFIX/node_modules/rhea/package.json"; then
  echo "rhea $RHEA_VERSION already installed in $NODE_PREFIX/node_modules"
else
  command -v npm >/dev/null || { echo "npm is required (Node.js) for the rhea AMQP tests" >&2; exit 1; }
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --no-save --loglevel=error "rhea@$RHEA_VERSION"
fi
