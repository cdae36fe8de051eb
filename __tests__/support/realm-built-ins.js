// The language's built-in objects, handed to the code the tests run as parameters of its module's function.
//
// Jest runs every test file, and the library, in a vm context, and a vm context's global object answers each
// read of a global name through V8's interceptors, which cost ten to twenty times a read of a variable: a
// loop of `new Map()`, `Object.keys` and `Math.max` took 2.2–5.5 s in a context against 0.2–0.3 s in the
// main realm, and 0.2–0.4 s with those names as its parameters. The library reads them in nearly every
// function. Only the language's own objects are here: they are the realm's, the same for every file that
// shares it, where `process`, `console`, `Buffer` and the timers are each file's own (and `Date` may be
// faked by a test), and stay reads of the global.
'use strict';

const REALM_BUILT_INS = [
  'Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'JSON', 'Math', 'Number', 'String', 'Boolean',
  'Symbol', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Promise', 'Reflect', 'Proxy', 'BigInt',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI',
  'decodeURI', 'ArrayBuffer', 'Uint8Array', 'DataView', 'Intl',
].join(', ');

/**
 * The start of a script that evaluates a module's function (Node's or Jest's module wrapper, which follows it)
 * inside a function of the built-ins: that function encloses the module's, so the module's own declarations
 * may reuse their names, and is called at once, in the realm the script runs in, with the realm's built-ins.
 * `separator` ends the start: a line break keeps the module's lines and columns where a source map has them.
 */
function realmBuiltInsStart(separator) {
  return `(function (${REALM_BUILT_INS}) { return (${separator}`;
}

/** The end of the script {@link realmBuiltInsStart} starts, after the module's function. */
const REALM_BUILT_INS_END = `); })(${REALM_BUILT_INS});`;

module.exports = { realmBuiltInsStart, REALM_BUILT_INS_END };
