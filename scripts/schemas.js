#!/usr/bin/env node
// `npm run schemas [-- <outdir>]`: builds the compact schema bundle (default schemas/) from the upstream
// schema folder. Run at pack time; the output is not committed.
'use strict';
const { bundle } = require('./bundle');

process.exitCode = require(bundle('schemas', 'scripts/schema-bundle.ts')).buildSchemaBundle(process.argv[2]);
