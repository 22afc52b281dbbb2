// The evaluation cases: loading, format checks, the schema's leaf fields, and the comparison of a produced
// value with the expected one. Shared by eval.mjs; `node eval.mjs --check` runs only the checks.
import { readFileSync } from 'node:fs';

export const CATEGORIES = ['free_text', 'form', 'email', 'csv', 'json_foreign', 'multilingual', 'locale', 'adversarial',
  'empty', 'nested', 'array', 'enum', 'relative_date', 'currency'];
const SHORTHAND_TYPES = ['string', 'number', 'integer', 'boolean', 'email', 'phone', 'url', 'date', 'datetime', 'currency'];
const OPTION_KEYS = ['locale', 'region', 'reference_time', 'timezone'];

export function loadCases(path) {
  const cases = [];
  const errors = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push(`${path}:${index + 1}: not JSON (${e.message})`);
      return;
    }
    for (const problem of checkCase(value)) errors.push(`${path}:${index + 1} (${value.id ?? '?'}): ${problem}`);
    cases.push(value);
  });
  const seen = new Set();
  for (const c of cases) {
    if (seen.has(c.id)) errors.push(`${path}: duplicate id ${c.id}`);
    seen.add(c.id);
  }
  return { cases, errors };
}

// ------------------------------------------------------------------------------------------------ schema
export function isJsonSchema(schema) {
  return schema !== null && typeof schema === 'object' && !Array.isArray(schema)
    && schema.type === 'object' && schema.properties !== null && typeof schema.properties === 'object';
}

// A field's kind: {kind: 'object', fields: {name: spec}} or {kind: 'leaf', type, array, enum, ...constraints}.
export function describe(spec, jsonSchema) {
  if (jsonSchema) return describeJsonSchema(spec);
  if (Array.isArray(spec)) {
    if (spec.length !== 1) throw new Error(`a shorthand array has exactly one element, got ${JSON.stringify(spec)}`);
    const item = describe(spec[0], false);
    return { kind: 'leaf', type: 'array', item };
  }
  if (spec !== null && typeof spec === 'object') {
    const fields = {};
    for (const [name, sub] of Object.entries(spec)) fields[name] = describe(sub, false);
    return { kind: 'object', fields };
  }
  if (typeof spec !== 'string') throw new Error(`not a shorthand type: ${JSON.stringify(spec)}`);
  let text = spec.trim();
  if (text.endsWith('?')) text = text.slice(0, -1);
  if (text.endsWith('[]')) return { kind: 'leaf', type: 'array', item: describe(text.slice(0, -2), false) };
  if (text.startsWith('enum:')) {
    const values = text.slice(5).split('|').map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) throw new Error(`an enum without values: ${spec}`);
    return { kind: 'leaf', type: 'enum', enum: values };
  }
  if (!SHORTHAND_TYPES.includes(text)) throw new Error(`unknown shorthand type '${spec}'`);
  return { kind: 'leaf', type: text };
}

function describeJsonSchema(spec) {
  if (spec === null || typeof spec !== 'object') throw new Error(`not a JSON Schema: ${JSON.stringify(spec)}`);
  if (spec['x-type'] === 'currency') return { kind: 'leaf', type: 'currency' };
  if (spec.type === 'object' && spec.properties) {
    const fields = {};
    for (const [name, sub] of Object.entries(spec.properties)) fields[name] = describeJsonSchema(sub);
    for (const name of spec.required ?? []) {
      if (!(name in fields)) throw new Error(`required names '${name}', which is not a property`);
    }
    return { kind: 'object', fields };
  }
  if (spec.type === 'array') {
    if (!spec.items) throw new Error('an array without items');
    return { kind: 'leaf', type: 'array', item: describeJsonSchema(spec.items) };
  }
  const leaf = { kind: 'leaf', type: spec.type, constraints: spec };
  if (spec['x-type'] === 'phone' || spec.format === 'phone') leaf.type = 'phone';
  else if (spec.format === 'email') leaf.type = 'email';
  else if (spec.format === 'uri' || spec.format === 'url') leaf.type = 'url';
  else if (spec.format === 'date') leaf.type = 'date';
  else if (spec.format === 'date-time') leaf.type = 'datetime';
  if (Array.isArray(spec.enum)) leaf.enum = spec.enum;
  if (!['string', 'number', 'integer', 'boolean', 'phone', 'email', 'url', 'date', 'datetime'].includes(leaf.type)) {
    throw new Error(`unsupported JSON Schema type ${JSON.stringify(spec.type)}`);
  }
  return leaf;
}

export function rootOf(schema) {
  const root = describe(schema, isJsonSchema(schema));
  if (root.kind !== 'object') throw new Error('the schema is not an object of fields');
  return root;
}

// Every leaf field as [dotted path, leaf description]. Arrays are leaves (compared whole).
export function leaves(node, prefix = '') {
  const out = [];
  for (const [name, sub] of Object.entries(node.fields)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    if (sub.kind === 'object') out.push(...leaves(sub, path));
    else out.push([path, sub]);
  }
  return out;
}

// The value at a dotted path of an object (undefined when absent; null counts as absent).
export function valueAt(data, path) {
  let current = data;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !(part in current)) return undefined;
    current = current[part];
  }
  return current === null ? undefined : current;
}

// ------------------------------------------------------------------------------------------------ checks
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

function validDate(text) {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

// Problems of an expected value against its leaf (the normalized forms of the contract).
export function checkValue(leaf, value) {
  switch (leaf.type) {
    case 'array': {
      if (!Array.isArray(value) || value.length === 0) return ['an array field expects a non-empty array'];
      if (leaf.item.kind === 'object') {
        return value.flatMap((item) => (item && typeof item === 'object' && !Array.isArray(item)
          ? checkExpectedObject(leaf.item, item, '') : ['an item is not an object']));
      }
      return value.flatMap((item) => checkValue(leaf.item, item));
    }
    case 'string':
      if (typeof value !== 'string' || value === '') return ['not a non-empty string'];
      if (value !== value.trim() || /\s{2,}|[\t\n\u00a0]/.test(value)) return [`'${value}' is not trimmed/collapsed`];
      return checkConstraints(leaf, value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? checkConstraints(leaf, value) : ['not a number'];
    case 'integer':
      return Number.isInteger(value) ? checkConstraints(leaf, value) : ['not an integer'];
    case 'boolean':
      return typeof value === 'boolean' ? [] : ['not a boolean'];
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value === value.toLowerCase()
        ? [] : [`'${value}' is not a lowercased email`];
    case 'phone':
      return typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value) ? [] : [`'${value}' is not E.164`];
    case 'url':
      return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value) && !/[.,;:!?)]$/.test(value)
        ? [] : [`'${value}' is not a url with a scheme`];
    case 'date':
      return typeof value === 'string' && validDate(value) ? [] : [`'${value}' is not YYYY-MM-DD`];
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && validDate(value.slice(0, 10))
        ? [] : [`'${value}' is not ISO-8601 with seconds and offset`];
    case 'currency':
      return value && typeof value === 'object' && typeof value.amount === 'number' && /^[A-Z]{3}$/.test(value.currency ?? '')
        && Object.keys(value).length === 2 ? [] : [`${JSON.stringify(value)} is not {amount, currency}`];
    case 'enum':
      return leaf.enum.includes(value) ? [] : [`${JSON.stringify(value)} is not one of the enum's values`];
    default:
      return [`unknown type ${leaf.type}`];
  }
}

function checkConstraints(leaf, value) {
  const c = leaf.constraints;
  const problems = [];
  if (leaf.enum && !leaf.enum.includes(value)) problems.push(`${JSON.stringify(value)} is not in the enum`);
  if (!c) return problems;
  if (c.pattern && !new RegExp(c.pattern, 'u').test(value)) problems.push(`'${value}' does not match ${c.pattern}`);
  if (c.minimum !== undefined && value < c.minimum) problems.push(`${value} < minimum`);
  if (c.maximum !== undefined && value > c.maximum) problems.push(`${value} > maximum`);
  if (c.minLength !== undefined && [...value].length < c.minLength) problems.push('shorter than minLength');
  if (c.maxLength !== undefined && [...value].length > c.maxLength) problems.push('longer than maxLength');
  return problems;
}

function checkExpectedObject(node, expected, prefix) {
  const problems = [];
  for (const [name, value] of Object.entries(expected)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    const sub = node.fields[name];
    if (!sub) problems.push(`expected field '${path}' is not in the schema`);
    else if (sub.kind === 'object') {
      if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
        problems.push(`expected '${path}' must be a non-empty object (leave it out when nothing is found)`);
      } else problems.push(...checkExpectedObject(sub, value, path));
    } else problems.push(...checkValue(sub, value).map((p) => `${path}: ${p}`));
  }
  return problems;
}

export function checkCase(c) {
  const problems = [];
  if (!c || typeof c !== 'object' || Array.isArray(c)) return ['a case is a JSON object'];
  const allowed = ['id', 'category', 'data', 'schema', 'context', 'options', 'expected'];
  for (const key of Object.keys(c)) if (!allowed.includes(key)) problems.push(`unknown key '${key}'`);
  if (typeof c.id !== 'string' || !/^[a-z]+-[a-z0-9-]+$/.test(c.id)) problems.push('id must look like "ft-001"');
  if (!CATEGORIES.includes(c.category)) problems.push(`unknown category '${c.category}'`);
  if (!('data' in c) || !(typeof c.data === 'string' || (c.data && typeof c.data === 'object'))) {
    problems.push('data must be a string, an object or an array');
  }
  if (c.context !== undefined && typeof c.context !== 'string') problems.push('context must be a string');
  if (c.options !== undefined) {
    if (!c.options || typeof c.options !== 'object') problems.push('options must be an object');
    else {
      for (const key of Object.keys(c.options)) if (!OPTION_KEYS.includes(key)) problems.push(`unknown option '${key}'`);
      if (c.options.reference_time !== undefined && Number.isNaN(Date.parse(c.options.reference_time))) {
        problems.push('reference_time is not an ISO-8601 instant');
      }
      if (c.options.timezone !== undefined) {
        try { new Intl.DateTimeFormat('en', { timeZone: c.options.timezone }); } catch { problems.push('unknown timezone'); }
      }
    }
  }
  let root;
  try {
    root = rootOf(c.schema);
  } catch (e) {
    return [...problems, `schema: ${e.message}`];
  }
  if (!c.expected || typeof c.expected !== 'object' || Array.isArray(c.expected)) return [...problems, 'expected must be an object'];
  problems.push(...checkExpectedObject(root, c.expected, ''));
  return problems;
}

// ------------------------------------------------------------------------------------------------ comparison
const TOLERANCE = 1e-9;

function normalizeText(text) {
  return text.normalize('NFC');
}

// A datetime's "+00:00" and "Z" are the same normalized value.
function normalizeDatetime(text) {
  return DATETIME.test(text) ? text.replace(/\+00:00$/, 'Z') : text;
}

// Equal after normalization: numbers within 1e-9, strings in NFC (datetimes with Z == +00:00), objects key by key
// (order free), arrays item by item in order.
export function sameValue(expected, produced) {
  if (typeof expected === 'number') return typeof produced === 'number' && Math.abs(expected - produced) <= TOLERANCE;
  if (typeof expected === 'string') {
    return typeof produced === 'string' && normalizeDatetime(normalizeText(expected)) === normalizeDatetime(normalizeText(produced));
  }
  if (typeof expected === 'boolean') return expected === produced;
  if (Array.isArray(expected)) {
    return Array.isArray(produced) && produced.length === expected.length && expected.every((e, i) => sameValue(e, produced[i]));
  }
  if (expected && typeof expected === 'object') {
    if (!produced || typeof produced !== 'object' || Array.isArray(produced)) return false;
    const keys = Object.keys(expected);
    const producedKeys = Object.keys(produced).filter((k) => produced[k] !== null && produced[k] !== undefined);
    return producedKeys.length === keys.length && keys.every((k) => sameValue(expected[k], produced[k]));
  }
  return expected === produced;
}
