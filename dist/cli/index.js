#!/usr/bin/env node
require('node:module').enableCompileCache?.()
module.exports = require('./bundle.js')
