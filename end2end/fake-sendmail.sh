#!/bin/sh
# Stands in for the machine's sendmail in the browser tests: each message
# (read on stdin, as postfix's sendmail reads it) is appended to the mailbox
# file the tests read.
cat >> "${PORTAL_E2E_MAILBOX:?}"
