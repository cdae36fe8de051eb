#!/usr/bin/env node
// `npm run schemas [-- <outdir>]`: builds the compact schema bundle (default schemas/) from the upstream
// schema folder. Run at pack time; the output is not committed.
'use strict';
const { bundle } = require('./bundle');

require(bundle('schemas', 'scripts/schema-bundle.ts'));
