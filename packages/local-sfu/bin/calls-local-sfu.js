#!/usr/bin/env node
// Published entry of the CLI: runs the built CLI (`dist/cli.js`).
import '../dist/cli.js'
