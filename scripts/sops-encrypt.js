#!/usr/bin/env node
// Encrypts a plaintext file the way `sops --encrypt` does, for machines without the sops binary:
// AES-256-GCM per value, the data key sealed to the age recipients of the matching creation rule in
// .sops.yaml (through the `age` command), and the MAC. Two formats, by the path's extension:
// - a Kubernetes Secret in YAML: the values under keys matching the rule's encrypted_regex, the MAC over
//   those alone (mac_only_encrypted);
// - a dotenv file (`.env`, KEY=VALUE lines): every value, unless the rule has an encrypted_regex, the MAC
//   over every value, and the metadata as `sops_*` lines, as sops writes them.
//
//   node scripts/sops-encrypt.js <path the file is committed at> < plaintext > encrypted
//
// The output is a regular SOPS file: `sops --decrypt` and Flux's kustomize-controller read it. The
// plaintext is read from standard input only, so it never needs to be written inside the repository.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const yaml = require('js-yaml');

const SOPS_VERSION = '3.9.4';

function creationRule(root, target) {
  const config = yaml.load(fs.readFileSync(path.join(root, '.sops.yaml'), 'utf8'));
  const relative = path.relative(root, path.resolve(target)).split(path.sep).join('/');
  const rule = (config.creation_rules || []).find((r) => !r.path_regex || new RegExp(r.path_regex).test(relative));
  if (!rule) {
    throw new Error(`no creation rule of .sops.yaml matches ${relative}`);
  }
  return rule;
}

function typeOf(value) {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (Number.isInteger(value)) return 'int';
  if (typeof value === 'number') return 'float';
  throw new Error(`cannot encrypt a value of type ${typeof value}`);
}

/** The bytes SOPS hashes and encrypts for a scalar. */
function bytesOf(value) {
  return Buffer.from(typeof value === 'string' ? value : String(value), 'utf8');
}

function encryptValue(value, key, additionalData) {
  const iv = crypto.randomBytes(32);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const data = Buffer.concat([cipher.update(bytesOf(value)), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${tag.toString('base64')},type:${typeOf(value)}]`;
}

/** Walks the document in key order, encrypting the leaves below a key that matches `encryptedRegex`. */
function walk(node, keyPath, encrypt, visit) {
  if (Array.isArray(node)) {
    return node.map((item) => walk(item, keyPath, encrypt, visit));
  }
  if (node !== null && typeof node === 'object') {
    const out = {};
    for (const [key, child] of Object.entries(node)) {
      out[key] = walk(child, [...keyPath, key], encrypt || encryptMatches(key), visit);
    }
    return out;
  }
  return visit(node, keyPath, encrypt);
}

let encryptMatches = () => false;

function encryptDocument(document, rule, now) {
  if (document.sops !== undefined) {
    throw new Error('the document is already encrypted');
  }
  const regex = new RegExp(rule.encrypted_regex);
  encryptMatches = (key) => regex.test(key);
  const dataKey = crypto.randomBytes(32);
  const mac = crypto.createHash('sha512');
  const encrypted = walk(document, [], false, (value, keyPath, encrypt) => {
    if (!encrypt) {
      return value;
    }
    mac.update(bytesOf(value));
    return encryptValue(value, dataKey, `${keyPath.join(':')}:`);
  });
  const lastModified = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  encrypted.sops = {
    age: ageStanzas(rule, dataKey),
    lastmodified: lastModified,
    mac: encryptValue(mac.digest('hex').toUpperCase(), dataKey, lastModified),
    encrypted_regex: rule.encrypted_regex,
    mac_only_encrypted: true,
    version: SOPS_VERSION,
  };
  return encrypted;
}

/** The data key sealed to each age recipient of `rule`, as sops lists them. */
function ageStanzas(rule, dataKey) {
  const recipients = String(rule.age).split(',').map((r) => r.trim()).filter(Boolean);
  return recipients.map((recipient) => ({
    recipient,
    enc: execFileSync('age', ['--encrypt', '--armor', '--recipient', recipient], { input: dataKey }).toString('utf8'),
  }));
}

/** sops's metadata of a dotenv file: nested fields flattened into `sops_` keys, sorted, line breaks as \n. */
function dotenvMetadataLines(metadata) {
  const flat = {};
  const flatten = (value, key) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => flatten(item, `${key}__list_${i}`));
    } else if (value !== null && typeof value === 'object') {
      Object.entries(value).forEach(([k, v]) => flatten(v, `${key}__map_${k}`));
    } else {
      flat[key] = String(value);
    }
  };
  Object.entries(metadata).forEach(([key, value]) => flatten(value, key));
  return Object.keys(flat).sort().map((key) => `sops_${key}=${flat[key].replace(/\n/g, '\\n')}`);
}

/** Encrypts a dotenv file's text: each KEY=VALUE line's value, comments kept. */
function encryptDotenv(text, rule, now) {
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.some((line) => line.startsWith('sops_'))) {
    throw new Error('the file is already encrypted');
  }
  const regex = rule.encrypted_regex ? new RegExp(rule.encrypted_regex) : undefined;
  const dataKey = crypto.randomBytes(32);
  const mac = crypto.createHash('sha512');
  const out = lines.map((line) => {
    if (line.startsWith('#')) {
      return line;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) {
      throw new Error(`not a KEY=VALUE line: ${line}`);
    }
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1).replace(/\\n/g, '\n');
    mac.update(bytesOf(value));
    const encrypt = regex ? regex.test(key) : !key.endsWith('_unencrypted');
    const written = encrypt ? encryptValue(value, dataKey, `${key}:`) : value;
    return `${key}=${written.replace(/\n/g, '\\n')}`;
  });
  const lastModified = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const metadata = {
    age: ageStanzas(rule, dataKey),
    lastmodified: lastModified,
    mac: encryptValue(mac.digest('hex').toUpperCase(), dataKey, lastModified),
    ...(rule.encrypted_regex ? { encrypted_regex: rule.encrypted_regex } : { unencrypted_suffix: '_unencrypted' }),
    version: SOPS_VERSION,
  };
  return `${[...out, ...dotenvMetadataLines(metadata)].join('\n')}\n`;
}

function main() {
  const [target] = process.argv.slice(2);
  if (!target) {
    process.stderr.write('usage: node scripts/sops-encrypt.js <path the file is committed at> < plaintext.yaml (or .env)\n');
    process.exit(2);
  }
  const root = path.resolve(__dirname, '..');
  const plaintext = fs.readFileSync(0, 'utf8');
  const rule = creationRule(root, target);
  if (target.endsWith('.env')) {
    process.stdout.write(encryptDotenv(plaintext, rule, new Date()));
    return;
  }
  const encrypted = encryptDocument(yaml.load(plaintext), rule, new Date());
  process.stdout.write(yaml.dump(encrypted, { lineWidth: -1, noRefs: true, sortKeys: false }));
}

if (require.main === module) {
  main();
}

module.exports = { encryptDocument, encryptDotenv };
