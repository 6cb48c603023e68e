#!/usr/bin/env node
// Published entry of the CLI: runs the built CLI (`dist/botsCli.js`).
import '../dist/botsCli.js'
